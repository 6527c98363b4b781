// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Questions about memblock's state: sizes, bounds, and whether an address
 * or a range is memory or reserved.  Every search over a region array in
 * mm/ goes through the two binary searches below: the arrays are sorted by
 * base and do not overlap, so the ends are sorted too.
 */

#include "memblock_internal.h"

/* Is @i the first region of @type ending above @addr?  O(1). */
static inline bool first_ending_after_is(struct memblock_type *type,
					 unsigned long i, phys_addr_t addr)
{
	return i <= type->cnt &&
	       (i == type->cnt || region_end(&type->regions[i]) > addr) &&
	       (i == 0 || region_end(&type->regions[i - 1]) <= addr);
}

/**
 * memblock_first_region_ending_after - first region of @type above @addr
 * @type: memblock type to search
 * @addr: address
 *
 * Return: index of the first region whose end lies above @addr (it may
 * contain @addr or lie wholly above it), or @type->cnt if none does.
 */
unsigned long memblock_first_region_ending_after(struct memblock_type *type,
						 phys_addr_t addr)
{
	static unsigned long recent_answers[2][2];
	unsigned long *recent = recent_answers[type == &memblock.reserved];
	unsigned long lo = 0, hi = type->cnt;

	/*
	 * An allocation searches below its limit and then reserves what it
	 * found, and the next one does the same: the answers repeat.  The
	 * last two for this type are checked in O(1) before searching (they
	 * may be stale).
	 */
	if (first_ending_after_is(type, recent[0], addr))
		return recent[0];
	if (first_ending_after_is(type, recent[1], addr))
		return recent[1];

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (region_end(&type->regions[mid]) <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	recent[1] = recent[0];
	recent[0] = lo;
	return lo;
}

/**
 * memblock_last_region_starting_below - last region of @type below @addr
 * @type: memblock type to search
 * @addr: address
 *
 * Return: index of the last region whose base lies below @addr, or -1 if
 * none does.
 */
long memblock_last_region_starting_below(struct memblock_type *type,
					 phys_addr_t addr)
{
	unsigned long lo = 0, hi = type->cnt;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (type->regions[mid].base < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

/**
 * memblock_phys_mem_size - total size of memory
 *
 * Return: the sum of the sizes of memblock.memory's regions.
 */
phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

/**
 * memblock_reserved_size - total size of what is reserved
 *
 * Return: the sum of the sizes of memblock.reserved's regions.
 */
phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/**
 * memblock_start_of_DRAM - lowest address of memory
 *
 * Return: the base of the first memory region (0 when there is none).
 */
phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.regions[0].base;
}

/**
 * memblock_end_of_DRAM - end of memory
 *
 * Return: the end (exclusive) of the last memory region.
 */
phys_addr_t memblock_end_of_DRAM(void)
{
	return region_end(&memblock.memory.regions[memblock.memory.cnt - 1]);
}

/**
 * memblock_search - find the region of @type that contains @addr
 * @type: memblock type to search
 * @addr: address to look for
 *
 * Return: index of the region containing @addr, or -1.
 */
int memblock_search(struct memblock_type *type, phys_addr_t addr)
{
	unsigned long i = memblock_first_region_ending_after(type, addr);

	if (i < type->cnt && type->regions[i].base <= addr)
		return i;
	return -1;
}

/**
 * memblock_is_reserved - is @addr reserved?
 * @addr: address to check
 *
 * Return: true if a reserved region contains @addr.
 */
bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

/**
 * memblock_is_memory - is @addr memory?
 * @addr: address to check
 *
 * Return: true if a memory region contains @addr.
 */
bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

/**
 * memblock_is_map_memory - is @addr memory that may be mapped?
 * @addr: address to check
 *
 * Return: true if a memory region without MEMBLOCK_NOMAP contains @addr.
 */
bool memblock_is_map_memory(phys_addr_t addr)
{
	int i = memblock_search(&memblock.memory, addr);

	if (i == -1)
		return false;
	return !memblock_is_nomap(&memblock.memory.regions[i]);
}

/**
 * memblock_is_region_memory - is [@base, @base + @size) inside one memory region?
 * @base: base of the range to check
 * @size: size of the range to check
 *
 * Return: true if one memory region holds the whole range.
 */
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	int idx = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, &size);

	if (idx == -1)
		return false;
	return region_end(&memblock.memory.regions[idx]) >= end;
}

static bool memblock_addrs_overlap(phys_addr_t base1, phys_addr_t size1,
				   phys_addr_t base2, phys_addr_t size2)
{
	return base1 < base2 + size2 && base2 < base1 + size1;
}

/**
 * memblock_overlaps_region - does [@base, @base + @size) overlap a region of @type?
 * @type: memblock type to check against
 * @base: base of the range to check
 * @size: size of the range to check
 *
 * 4.12 tests every region; the first region ending above @base is the only
 * candidate, so a binary search gives the same answer, except for a range
 * that wraps past the top of the address space, where 4.12's arithmetic is
 * kept by testing every region.
 *
 * Return: true if any region of @type overlaps the range.
 */
bool memblock_overlaps_region(struct memblock_type *type,
			      phys_addr_t base, phys_addr_t size)
{
	unsigned long i;

	if (base + size < base) {
		for (i = 0; i < type->cnt; i++)
			if (memblock_addrs_overlap(base, size,
						   type->regions[i].base,
						   type->regions[i].size))
				break;
		return i < type->cnt;
	}

	i = memblock_first_region_ending_after(type, base);
	return i < type->cnt &&
	       memblock_addrs_overlap(base, size, type->regions[i].base,
				      type->regions[i].size);
}

/**
 * memblock_is_range_covered - is every byte of [@base, @base + @size) in @type?
 * @type: memblock type to check against
 * @base: base of the range to check
 * @size: size of the range to check, may reach the top of the address space
 *
 * Unlike memblock_is_region_memory(), the range may span several regions
 * as long as they touch.  Not in Linux; the device-tree code uses it to
 * check that what it reserves lies in memory.
 *
 * Return: true if the regions of @type cover the whole range; false for an
 * empty range.
 */
bool memblock_is_range_covered(struct memblock_type *type, phys_addr_t base,
			       phys_addr_t size)
{
	phys_addr_t last = base + (size - 1);	/* the last byte */
	unsigned long i;

	if (!size || last < base)
		return false;

	for (i = memblock_first_region_ending_after(type, base);
	     i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		if (r->base > base)
			return false;
		if (r->base + (r->size - 1) >= last)
			return true;
		base = region_end(r);
	}
	return false;
}

/**
 * memblock_is_region_reserved - is any of [@base, @base + @size) reserved?
 * @base: base of the range to check
 * @size: size of the range to check
 *
 * Return: true if a reserved region overlaps the range.
 */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	memblock_cap_size(base, &size);
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

/**
 * memblock_reserved_memory_within - reserved bytes near [@start_addr, @end_addr]
 * @start_addr: start of the range
 * @end_addr: end of the range
 *
 * 4.12's sizing aid for deferred page initialisation: the whole size of
 * every reserved region that overlaps or touches [@start_addr, @end_addr],
 * not only the part inside it.
 *
 * Return: the sum of those regions' sizes.
 */
unsigned long memblock_reserved_memory_within(phys_addr_t start_addr,
					      phys_addr_t end_addr)
{
	struct memblock_region *rgn;
	unsigned long size = 0;

	for_each_memblock(reserved, rgn) {
		if (region_end(rgn) < start_addr)
			continue;
		if (rgn->base > end_addr)
			continue;
		size += rgn->size;
	}

	return size;
}

/**
 * movable_node_is_enabled - is Linux's movable_node option on?
 *
 * Return: true when allocations stay out of hotpluggable memory
 * (memblock_set_movable_node()).
 */
bool movable_node_is_enabled(void)
{
	return movable_node_enabled;
}
