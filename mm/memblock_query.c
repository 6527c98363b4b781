// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Questions about memblock's state: sizes, bounds, and whether an address
 * or a range is memory or reserved.  Point queries use memblock_search(),
 * a binary search over the sorted array, as Linux does.
 */

#include "memblock_internal.h"

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
	unsigned long left = 0, right = type->cnt;

	do {
		unsigned long mid = (right + left) / 2;

		if (addr < type->regions[mid].base)
			right = mid;
		else if (addr >= region_end(&type->regions[mid]))
			left = mid + 1;
		else
			return mid;
	} while (left < right);
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
 * Return: true if any region of @type overlaps the range.
 */
bool memblock_overlaps_region(struct memblock_type *type,
			      phys_addr_t base, phys_addr_t size)
{
	unsigned long i;

	for (i = 0; i < type->cnt; i++)
		if (memblock_addrs_overlap(base, size, type->regions[i].base,
					   type->regions[i].size))
			break;
	return i < type->cnt;
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
