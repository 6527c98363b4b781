// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The allocation demo: a few memblock_alloc() calls of different sizes and
 * alignments, each printed and checked: aligned, inside memory, reserved,
 * overlapping no earlier one, and writable.  With memblock=debug each one
 * also shows Linux's "memblock_reserve: [...] caller" trace; with
 * memblock.trace=chain (build/payload-trace.elf), the whole chain.
 * payload.demo_fail adds a request below the payload image that cannot
 * fit there, which makes memblock_alloc_base() panic as 4.12's does.
 */
#include <stdio.h>
#include <string.h>

#include "mm/memblock.h"
#include "payload/payload.h"
#include "platform/counters.h"

extern char _start[];

static const struct {
	phys_addr_t size;
	phys_addr_t align;
} demo[] = {
	{ PAGE_SIZE,	PAGE_SIZE },		/* one page */
	{ 0x40,		SMP_CACHE_BYTES },	/* one cache line */
	{ 0x12345,	0x10000 },		/* odd size, 64 KiB aligned */
	{ 0x200000,	0x200000 },		/* a 2 MiB megapage */
};

#define NDEMO	(sizeof(demo) / sizeof(demo[0]))

/* Return: 0 if @i's block at @addr passes every check, -1 after printing why not. */
static int check(unsigned int i, phys_addr_t addr, const phys_addr_t *got)
{
	phys_addr_t size = demo[i].size;
	unsigned int j;

	if (addr & (demo[i].align - 1))
		return printf("check: 0x%llx is not aligned to 0x%llx\n",
			      (unsigned long long)addr,
			      (unsigned long long)demo[i].align), -1;
	if (!memblock_is_region_memory(addr, size))
		return printf("check: 0x%llx is not inside memory\n",
			      (unsigned long long)addr), -1;
	if (!memblock_is_region_reserved(addr, size))
		return printf("check: 0x%llx is not reserved\n",
			      (unsigned long long)addr), -1;
	for (j = 0; j < i; j++)
		if (addr < got[j] + demo[j].size && got[j] < addr + size)
			return printf("check: 0x%llx overlaps block %u\n",
				      (unsigned long long)addr, j), -1;
	/* Touch both ends: the memory is really there and ours to write. */
	memset(memblock_phys_to_virt(addr), 0xa5, 1);
	memset(memblock_phys_to_virt(addr + size - 1), 0x5a, 1);
	return 0;
}

/*
 * payload.demo_fail: more than all the memory below the payload image,
 * below the payload image: memblock_alloc_base() panics, as 4.12's does.
 * Return: -1, should it ever come back.
 */
static int fail(void)
{
	phys_addr_t limit = memblock_virt_to_phys(_start);
	phys_addr_t below = memblock_start_of_DRAM() < limit ?
			    limit - memblock_start_of_DRAM() : 0;
	phys_addr_t size = below + PAGE_SIZE;

	printf(" payload.demo_fail: memblock_alloc_base(size=0x%08llx, "
	       "align=0x%08llx, max_addr=0x%016llx), more than all the memory "
	       "below the payload image: it cannot fit\n",
	       (unsigned long long)size, (unsigned long long)PAGE_SIZE,
	       (unsigned long long)limit);
	memblock_alloc_base(size, PAGE_SIZE, limit);
	printf("check: memblock_alloc_base() returned from a request that "
	       "cannot fit\n");
	return -1;
}

int alloc_demo(void)
{
	phys_addr_t got[NDEMO];
	uint64_t cost, read_cost;
	unsigned int i;

	if (boot_options.panic)
		memblock_panic("payload.panic on the command line");
	if (boot_options.trap)
		__asm__ volatile("unimp");

	printf("\nAllocation demo (top-down, below memblock.current_limit):\n");
	read_cost = counter_read(COUNTER_INSTRET);
	read_cost = counter_read(COUNTER_INSTRET) - read_cost;
	trace_demo(true);
	for (i = 0; i < NDEMO; i++) {
		cost = counter_read(COUNTER_INSTRET);
		got[i] = memblock_alloc(demo[i].size, demo[i].align);
		cost = counter_read(COUNTER_INSTRET) - cost - read_cost;
		printf(" memblock_alloc(size=0x%08llx, align=0x%08llx) = "
		       "0x%016llx", (unsigned long long)demo[i].size,
		       (unsigned long long)demo[i].align,
		       (unsigned long long)got[i]);
		trace_untraced_cost(cost);
		if (check(i, got[i], got))
			return -1;
		integrity_track(got[i], demo[i].size, "demo allocation");
	}
	if (boot_options.demo_fail && fail())
		return -1;
	trace_demo(false);
	printf(" reserved size = 0x%016llx, reserved.cnt = 0x%lx\n",
	       (unsigned long long)memblock_reserved_size(),
	       memblock.reserved.cnt);
	printf("Allocation demo: %u allocations checked\n", (unsigned)NDEMO);
	return 0;
}
