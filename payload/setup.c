// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Boot steps around memblock: memblock built from the device tree in the
 * order arm64_memblock_init() and setup_arch() use in Linux 4.12.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mm/memblock.h"
#include "payload/payload.h"
#include "platform/counters.h"
#include "platform/dt.h"
#include "platform/exit.h"

extern char _start[], _end[];

static int build_memblock(const void *fdt);

/* The dynamic reserved-memory regions are the payload's allocations too. */
static void track_dynamic_regions(void)
{
	const struct dt_dynamic_region *r;
	int i, n;

	r = dt_dynamic_regions(&n);
	for (i = 0; i < n; i++)
		integrity_track(r[i].base, r[i].size, "dynamic reserved-memory");
}

/*
 * Room for big trees.  memblock's arrays hold 128 regions and may only
 * grow once everything in use is reserved: a doubled array is allocated
 * from free memory and could land on a reservation the tree has not told
 * us about yet.  A tree with thousands of regions needs more while it is
 * read, so first bound what it will need (dt_count_ops()) and grow both
 * arrays to that size before reading it, inside a pool in the payload's
 * own BSS: for that moment the only memory memblock knows, and memory
 * nobody else can own.  Growing is driven through the public API: enough
 * disjoint one-byte dummies far above any RAM to fill the array to the
 * size wanted, then one remove of them all.
 *
 * Why the bound holds: before a merge, the regions of a type are disjoint
 * ranges whose ends are ends of ranges added or removed so far, so after
 * n updates there are fewer than 2n + 2 of them (+ 2 for an isolation).
 */
#define POOL_SIZE	(8UL << 20)
#define DUMMY_BASE	((phys_addr_t)1 << 62)

static char memblock_pool[POOL_SIZE] __attribute__((aligned(4096)));
static unsigned long grown_memory_max, grown_reserved_max;

/* Grow @type to at least @entries. Return: 0, or -1 (memblock printed why). */
static int grow(struct memblock_type *type, unsigned long entries)
{
	phys_addr_t k, n = entries > type->cnt ? entries - type->cnt : 0;
	int err = 0;

	if (type->max >= entries)
		return 0;
	/* Appends: the binary update path makes each one O(log n). */
	for (k = 0; k < n && !err; k++)
		err = memblock_add_range(type, DUMMY_BASE + 2 * k, 1,
					 MAX_NUMNODES, 0);
	if (type == &memblock.memory)
		memblock_remove(DUMMY_BASE, 2 * n);
	else
		memblock_free(DUMMY_BASE, 2 * n);
	return err ? -1 : 0;
}

static int make_room(const void *fdt)
{
	phys_addr_t pool = memblock_virt_to_phys(memblock_pool);
	phys_addr_t limit = memblock_get_current_limit();
	enum memblock_update_strategy update = memblock_get_update_strategy();
	unsigned long mem_ops, res_ops, mem_need, res_need;
	bool debug = memblock_debug_enabled();
	enum dt_meter_part was;
	int err;

	dt_count_ops(fdt, &mem_ops, &res_ops);
	mem_need = 2 * mem_ops + 8;
	res_need = 2 * (res_ops + 2) + 8;	/* + the image and the blob */
	if (mem_need <= INIT_MEMBLOCK_REGIONS && res_need <= INIT_MEMBLOCK_REGIONS)
		return 0;

	was = dt_meter(DT_METER_MEMBLOCK);	/* all memblock's work */
	memblock_set_debug(false);	/* thousands of dummy lines otherwise */
	memblock_set_update_strategy(MEMBLOCK_UPDATE_BINARY);
	memblock_add(pool, POOL_SIZE);
	memblock_set_current_limit(pool + POOL_SIZE);
	memblock_allow_resize();
	err = grow(&memblock.memory, mem_need);
	if (!err)
		err = grow(&memblock.reserved, res_need);
	memblock_remove(pool, POOL_SIZE);
	memblock_set_current_limit(limit);
	memblock_set_update_strategy(update);
	memblock_set_debug(debug);
	dt_meter(DT_METER_CONSOLE);
	if (err) {
		printf("fdt: error: /: the tree needs room for %lu memory and "
		       "%lu reserved regions: more than the payload's %lu MiB "
		       "pool holds\n", mem_need, res_need, POOL_SIZE >> 20);
		return -ENOMEM;
	}
	grown_memory_max = memblock.memory.max;
	grown_reserved_max = memblock.reserved.max;
	printf("memblock: arrays grown to %lu memory and %lu reserved entries "
	       "(inside the payload image) for this tree\n",
	       grown_memory_max, grown_reserved_max);
	dt_meter(was);
	return 0;
}

/* If make_room() grew the arrays, the scans must not have grown them more. */
static int check_room(void)
{
	if (!grown_memory_max)
		return 0;
	if (memblock.memory.max == grown_memory_max &&
	    memblock.reserved.max == grown_reserved_max)
		return 0;
	printf("memblock: error: the arrays grew while the tree was read "
	       "(memory %lu -> %lu, reserved %lu -> %lu entries)\n",
	       grown_memory_max, memblock.memory.max, grown_reserved_max,
	       memblock.reserved.max);
	return -ENOMEM;
}

/*
 * What the build cost, in the two parts that mean something apart: the
 * walks of the tree with their checks (they grow with the tree's nodes,
 * not with its regions: no per-region figure) and the memblock calls.
 * The console output between them is left out.
 */
/* "N instret, N cycles", leaving out a counter that does not count. */
static void print_part(const char *key, struct build_cost c)
{
	bool instret = counter_counts(COUNTER_INSTRET);
	bool cycles = counter_counts(COUNTER_CYCLE);

	printf("%-23s: ", key);
	if (instret)
		printf("%llu instret", (unsigned long long)c.instret);
	if (cycles)
		printf("%s%llu cycles", instret ? ", " : "",
		       (unsigned long long)c.cycles);
	if (!instret && !cycles)
		printf("not measured");
	printf("\n");
}

static void print_cost(void)
{
	const struct dt_stats *st = dt_stats();

	printf("DT regions read        : %lu (%lu memory, %lu /memreserve/, "
	       "%lu reserved-memory reg, %lu dynamic)\n",
	       st->memory_ranges + st->memreserve + st->reserved_ranges +
	       st->dynamic, st->memory_ranges, st->memreserve,
	       st->reserved_ranges, st->dynamic);
	print_part("DT parse", build_meter_spent(DT_METER_PARSE));
	print_part("memblock calls", build_meter_spent(DT_METER_MEMBLOCK));
	printf("Build counters         : rdinstret %s, rdcycle %s%s; "
	       "console output left out\n",
	       counter_state_name(counter_state(COUNTER_INSTRET)),
	       counter_state_name(counter_state(COUNTER_CYCLE)),
	       counter_counts(COUNTER_INSTRET) || counter_counts(COUNTER_CYCLE) ?
	       " (instructions under QEMU -icount, host ticks without)" : "");
}

/*
 * Memory from the device tree, then what must not be handed out: the
 * payload (image, BSS, stack: [_start, _end)), the blob, /memreserve/ and
 * /reserved-memory; then let the arrays grow, and place the dynamic
 * reserved-memory regions last, as fdt_init_reserved_mem() does.  Big
 * trees get their room first (make_room()).  Prints what it read and what
 * it cost.  Return: 0, or the first error (already printed).
 */
int setup_memblock(const void *fdt)
{
	int err;

	build_meter_start();
	err = build_memblock(fdt);
	build_meter_stop();
	if (!err) {
		track_dynamic_regions();
		print_cost();
	}
	printf("\n");
	return err;
}

static int build_memblock(const void *fdt)
{
	phys_addr_t start = memblock_virt_to_phys(_start);
	int err;

	err = make_room(fdt);
	if (!err)
		err = dt_scan_memory(fdt);
	if (!err)
		err = dt_reserve(start, memblock_virt_to_phys(_end) - start,
				 "payload image, BSS and stack");
	if (!err)
		err = dt_reserve_self(fdt);
	if (!err)
		err = dt_scan_reserved_mem(fdt);
	if (err)
		return err;
	dt_meter(DT_METER_MEMBLOCK);
	memblock_allow_resize();
	dt_meter(DT_METER_PARSE);
	err = dt_alloc_reserved_mem(fdt);
	if (!err)
		err = check_room();
	return err;
}

void boot_fail(const char *step)
{
	printf("payload: %s failed, exiting with status %d\n", step, EXIT_FAIL);
	platform_exit(EXIT_FAIL);
}
