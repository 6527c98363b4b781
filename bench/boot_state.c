// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The state every benchmark case but dtbuild starts from: memblock as the
 * payload booted it (memory, firmware, image, device tree, the demo's
 * blocks), saved once and restored before each case and at the end.
 *
 * The copy is kept in memory that memblock itself reserves for it, so it
 * is as large as the boot state needs and no case can allocate over it.
 *
 * Restoring more than INIT_MEMBLOCK_REGIONS regions doubles the arrays, and
 * a doubled array is placed top-down in memory that is free *so far*: a
 * boot reservation not re-added yet would look free.  So the restore first
 * adds the area (the largest free range of the boot state, free at boot
 * and so safe to write) and keeps current_limit at its top until every
 * region is back: the arrays land there.  They stay reserved afterwards,
 * the one difference from the boot state, and the same for every case.
 */

#include <stdio.h>

#include "bench/workloads.h"

static struct memblock_region *saved;	/* memory regions, then reserved */
static unsigned long saved_memory, saved_reserved;
static phys_addr_t saved_phys, saved_bytes, saved_limit;
static struct bench_area area;
static struct memblock_region area_attrs;	/* nid and flags of its memory */

static unsigned long save_type(struct memblock_type *type,
			       struct memblock_region *to)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < type->cnt; i++)
		if (type->regions[i].size)
			to[n++] = type->regions[i];
	return n;
}

/* The largest free range, 64 KiB aligned. */
static struct bench_area largest_free_range(void)
{
	struct bench_area best = { 0, 0 };
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		start = (start + 0xffff) & ~(phys_addr_t)0xffff;
		end &= ~(phys_addr_t)0xffff;
		if (end > start && end - start > best.hi - best.lo) {
			best.lo = start;
			best.hi = end;
		}
	}
	return best;
}

/**
 * bench_boot_state_save - remember memblock as it is now
 *
 * Return: 0, or -1 (with a message) if memblock has no room for the copy.
 */
int bench_boot_state_save(void)
{
	unsigned long n = memblock.memory.cnt + memblock.reserved.cnt + 1;

	saved_bytes = PAGE_ALIGN(n * sizeof(struct memblock_region));
	saved_phys = __memblock_alloc_base(saved_bytes, PAGE_SIZE,
					   MEMBLOCK_ALLOC_ANYWHERE);
	if (!saved_phys) {
		printf("bench: no room for a copy of the %lu boot regions\n", n);
		return -1;
	}
	saved = memblock_phys_to_virt(saved_phys);
	saved_memory = save_type(&memblock.memory, saved);
	saved_reserved = save_type(&memblock.reserved, saved + saved_memory);
	saved_limit = memblock.current_limit;

	area = largest_free_range();
	if (area.hi > area.lo)
		area_attrs = memblock.memory.regions[memblock_search(&memblock.memory,
								     area.lo)];
	return 0;
}

/**
 * bench_boot_state_restore - memblock as saved, plus its arrays' new home
 *
 * Resizing is allowed afterwards, as it was at boot.  Call with the update
 * strategy to build with; the find strategy decides nothing here.
 */
void bench_boot_state_restore(void)
{
	memblock_reset();
	memblock_allow_resize();
	memblock_add_range(&memblock.memory, area.lo, area.hi - area.lo,
			   area_attrs.nid, area_attrs.flags);
	memblock_set_current_limit(area.hi);
	for (unsigned long i = 0; i < saved_memory + saved_reserved; i++)
		memblock_add_range(i < saved_memory ? &memblock.memory :
						      &memblock.reserved,
				   saved[i].base, saved[i].size, saved[i].nid,
				   saved[i].flags);
	memblock_set_current_limit(saved_limit);
}

/**
 * bench_boot_state_release - give the copy's memory back
 *
 * Call on the state as saved (or as restored): the copy's reservation is
 * part of it.
 */
void bench_boot_state_release(void)
{
	memblock_free(saved_phys, saved_bytes);
}

/**
 * bench_boot_area - the largest free range of the saved state
 *
 * Return: the area the cases lay their regions out in ({0, 0} if none).
 */
struct bench_area bench_boot_area(void)
{
	return area;
}
