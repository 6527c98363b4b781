// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Boot steps around memblock: the command line, and memblock built from
 * the device tree in the order arm64_memblock_init() and setup_arch() use
 * in Linux 4.12.
 */
#include <stdio.h>
#include <string.h>

#include "mm/memblock.h"
#include "payload/payload.h"
#include "platform/dt.h"
#include "platform/exit.h"

extern char _start[], _end[];

struct boot_options boot_options;

/* True if @word is one of the blank-separated words of @args. */
static bool has_word(const char *args, const char *word)
{
	size_t n = strlen(word);
	const char *p = args;

	while ((p = strstr(p, word))) {
		bool starts = p == args || p[-1] == ' ';
		bool ends = p[n] == '\0' || p[n] == ' ';

		if (starts && ends)
			return true;
		p += n;
	}
	return false;
}

/* Linux's early params that matter here, and two for the tests. */
void parse_bootargs(const char *bootargs)
{
	if (!bootargs)
		return;
	boot_options.memblock_debug = has_word(bootargs, "memblock=debug");
	boot_options.movable_node = has_word(bootargs, "movable_node");
	boot_options.panic = has_word(bootargs, "payload.panic");
	boot_options.trap = has_word(bootargs, "payload.trap");
	boot_options.bench_quick = has_word(bootargs, "bench=quick");
	boot_options.bench = boot_options.bench_quick ||
			     has_word(bootargs, "bench");
	boot_options.bench_csv = has_word(bootargs, "bench.csv");
	memblock_set_debug(boot_options.memblock_debug);
	memblock_set_movable_node(boot_options.movable_node);
}

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
 * Memory from the device tree, then what must not be handed out: the
 * payload (image, BSS, stack: [_start, _end)), the blob, /memreserve/ and
 * /reserved-memory; then let the arrays grow, and place the dynamic
 * reserved-memory regions last, as fdt_init_reserved_mem() does.
 * Return: 0, or the first error (already printed).
 */
int setup_memblock(const void *fdt)
{
	phys_addr_t start = memblock_virt_to_phys(_start);
	int err;

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
	memblock_allow_resize();
	err = dt_alloc_reserved_mem(fdt);
	if (!err)
		track_dynamic_regions();
	printf("\n");
	return err;
}

void boot_fail(const char *step)
{
	printf("payload: %s failed, exiting with status %d\n", step, EXIT_FAIL);
	platform_exit(EXIT_FAIL);
}
