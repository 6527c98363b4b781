// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock: the early physical-memory allocator of Linux 4.12, rebuilt from
 * its semantics for a freestanding RISC-V payload and for host tests.
 *
 * Overview
 * --------
 * Memblock describes physical memory with two region types:
 *
 *  - memblock.memory: the RAM the firmware handed over (from the device
 *    tree's memory nodes), each region tagged with a NUMA node id and flags
 *    (MEMBLOCK_HOTPLUG, MEMBLOCK_MIRROR, MEMBLOCK_NOMAP);
 *  - memblock.reserved: what is in use: the firmware, the payload image, the
 *    device tree blob, and everything memblock itself has allocated.
 *
 * Free memory is never stored: it is memory minus reserved, computed on the
 * fly by the two-index walk of __next_mem_range() (mm/memblock_iter.c).
 *
 * Each type is an array of struct memblock_region, kept sorted by base,
 * non-overlapping, and merged: neighbours that touch and have the same node
 * id and flags are one region.  The arrays start as static tables of
 * INIT_MEMBLOCK_REGIONS entries holding one empty region (cnt == 1; the
 * 4.12 convention for "empty").  Once memblock_allow_resize() has been
 * called, a full array is doubled by memblock_double_array() into memory
 * that memblock allocates from itself.
 *
 * The API comes in families:
 *  - memblock_add[_node](), memblock_remove(): describe memory;
 *  - memblock_reserve(), memblock_free(): mark ranges in use or free again;
 *  - memblock_mark_*() / memblock_clear_*() / memblock_set_node(): change
 *    the attributes of a memory range;
 *  - memblock_alloc*() and memblock_find_in_range*(): find free memory and
 *    reserve it (mm/memblock_alloc.c);
 *  - queries and dumps (mm/memblock_query.c, mm/memblock_dump.c).
 *
 * All of them are one-line wrappers over three workers in this file:
 * memblock_add_range(), memblock_isolate_range() and memblock_remove_range(),
 * plus memblock_merge_regions() which re-establishes the "merged" invariant.
 *
 * Life cycle: the payload adds memory and reserves what is in use while the
 * static arrays suffice, calls memblock_allow_resize() once every existing
 * reservation is known (so that a doubled array cannot land on top of an
 * unreserved blob), then allocates.
 *
 * Beyond Linux 4.12, two choices are switchable at run time (issue 4): how
 * the search finds free memory (find strategy: linear as 4.12, binary,
 * gaptree) and how the update path finds and merges its window (update
 * strategy: linear as 4.12, binary).  Every combination leaves the same
 * arrays and returns the same addresses.
 */

#include <string.h>

#include "memblock_internal.h"

static struct memblock_region memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region memblock_reserved_init_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
	.memory.regions		= memblock_memory_init_regions,
	.memory.cnt		= 1,	/* empty dummy entry */
	.memory.max		= INIT_MEMBLOCK_REGIONS,
	.memory.name		= "memory",

	.reserved.regions	= memblock_reserved_init_regions,
	.reserved.cnt		= 1,	/* empty dummy entry */
	.reserved.max		= INIT_MEMBLOCK_REGIONS,
	.reserved.name		= "reserved",

	.bottom_up		= false,
	.current_limit		= MEMBLOCK_ALLOC_ANYWHERE,
};

bool memblock_debug;
bool movable_node_enabled;
/* Linux's system_has_some_mirror: set once any memory is marked mirror. */
bool memblock_has_mirror;
static bool memblock_can_resize;

/**
 * memblock_reset - return memblock to its boot state
 *
 * Empties both types back into their static arrays and resets the limit,
 * direction, resize permission, debug and mirror state.  The find and update
 * strategies are kept.  Not in Linux; tests and benchmarks start each case
 * from here.
 */
void memblock_reset(void)
{
	struct memblock_type *types[] = { &memblock.memory, &memblock.reserved };
	struct memblock_region *init[] = { memblock_memory_init_regions,
					   memblock_reserved_init_regions };

	for (int i = 0; i < 2; i++) {
		memset(init[i], 0, sizeof(memblock_memory_init_regions));
		types[i]->regions = init[i];
		types[i]->cnt = 1;
		types[i]->max = INIT_MEMBLOCK_REGIONS;
		types[i]->total_size = 0;
	}
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_debug = false;
	movable_node_enabled = false;
	memblock_has_mirror = false;
	memblock_can_resize = false;
	update_binary_merged(&memblock.memory);
	update_binary_merged(&memblock.reserved);
	gaptree_reset();
}

/**
 * memblock_regions_changed - the region arrays were written directly
 *
 * Code that writes memblock.memory or memblock.reserved itself (Linux's
 * test suite does, and so does some early arch code), or changes a
 * region's node or flags with memblock_set_region_node(),
 * memblock_set_region_flags() or memblock_clear_region_flags(), must call
 * this afterwards: memblock then
 * forgets what it derived from the arrays (the gap index) and derives it
 * again at the next search, and the binary update path merges the whole
 * of each array at its next change, as 4.12 always does, for neighbours
 * the write may have left mergeable.  Not in Linux, which derives nothing.
 */
void memblock_regions_changed(void)
{
	gaptree_regions_changed();
	update_binary_left_unmerged(&memblock.memory);
	update_binary_left_unmerged(&memblock.reserved);
}

/**
 * memblock_set_debug - switch memblock=debug tracing on or off
 * @on: true to print every add, reserve, free and array doubling
 */
void memblock_set_debug(bool on)
{
	memblock_debug = on;
}

/**
 * memblock_debug_enabled - is memblock=debug tracing on?
 *
 * Return: true when memblock_dbg() messages are printed.
 */
bool memblock_debug_enabled(void)
{
	return memblock_debug;
}

/**
 * memblock_set_movable_node - Linux's movable_node boot option
 * @on: true to keep allocations out of hotpluggable memory
 */
void memblock_set_movable_node(bool on)
{
	movable_node_enabled = on;
}

/**
 * memblock_allow_resize - let full region arrays grow
 *
 * Call once every range that is already in use has been reserved: a doubled
 * array is allocated from memblock itself and must not land on top of one.
 */
void memblock_allow_resize(void)
{
	memblock_can_resize = true;
}

/*
 * Move @nr regions from @src to @dst (the ranges may overlap), one struct
 * at a time.  This is the kernel's memmove() of region arrays; a library
 * memmove that copies byte by byte (picolibc's on rv64imac does) would
 * make every insertion cost six instructions a byte, which Linux's
 * word-sized arch memmove does not.
 */
void memblock_move_regions(struct memblock_region *dst,
			 const struct memblock_region *src, unsigned long nr)
{
	if (dst < src)
		for (unsigned long i = 0; i < nr; i++)
			dst[i] = src[i];
	else
		for (unsigned long i = nr; i-- > 0;)
			dst[i] = src[i];
}

/*
 * Remove regions [@first, @last) with one memmove.  An array left empty
 * gets 4.12's dummy entry back: cnt == 1, size 0, no node.
 */
void memblock_remove_regions(struct memblock_type *type, unsigned long first,
			     unsigned long last)
{
	unsigned long i;

	for (i = first; i < last; i++)
		type->total_size -= type->regions[i].size;
	gaptree_removing(type, first, last);
	memblock_move_regions(&type->regions[first], &type->regions[last],
			      type->cnt - last);
	type->cnt -= last - first;

	if (type->cnt == 0) {
		type->cnt = 1;
		type->regions[0].base = 0;
		type->regions[0].size = 0;
		type->regions[0].flags = 0;
		type->regions[0].nid = MAX_NUMNODES;
		gaptree_inserted(type, 0);
	}
}

void memblock_remove_region(struct memblock_type *type, unsigned long r)
{
	memblock_remove_regions(type, r, r + 1);
}

bool memblock_regions_mergeable(const struct memblock_region *this,
				const struct memblock_region *next)
{
	return region_end(this) == next->base && this->nid == next->nid &&
	       this->flags == next->flags;
}

/*
 * Merge touching compatible neighbours among regions [@first, @last] (both
 * clamped to the array).  4.12 always passes the whole array; the binary
 * update path passes the window it changed, as mainline's
 * memblock_merge_regions(type, start_rgn, end_rgn) does.
 */
void memblock_merge_window(struct memblock_type *type, unsigned long first,
			   unsigned long last)
{
	unsigned long i = first;

	if (last > type->cnt - 1)
		last = type->cnt - 1;

	while (i < last) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = &type->regions[i + 1];

		if (!memblock_regions_mergeable(this, next)) {
			if (region_end(this) > next->base)
				memblock_panic("memblock: %s regions overlap at [%#llx]\n",
					       type->name,
					       (unsigned long long)next->base);
			i++;
			continue;
		}

		this->size += next->size;
		trace_memblock_step(MEMBLOCK_TRACE_MERGE, type, i, this->base,
				    this->size);
		gaptree_removing(type, i + 1, i + 2);
		/* move forward from next + 1, index of which is i + 2 */
		memblock_move_regions(next, next + 1, type->cnt - (i + 2));
		type->cnt--;
		last--;
	}
}

/* 4.12's memblock_merge_regions(): merge the whole array. */
void memblock_merge_regions(struct memblock_type *type)
{
	memblock_merge_window(type, 0, type->cnt - 1);
	update_binary_merged(type);
}

void memblock_insert_region(struct memblock_type *type, unsigned long idx,
			    phys_addr_t base, phys_addr_t size, int nid,
			    unsigned long flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	if (type->cnt >= type->max)
		memblock_panic("memblock: %s array full at %lu entries\n",
			       type->name, type->max);
	memblock_move_regions(rgn + 1, rgn, type->cnt - idx);
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	rgn->nid = nid;
	type->cnt++;
	type->total_size += size;
	gaptree_inserted(type, idx);
	trace_memblock_step(MEMBLOCK_TRACE_INSERT, type, idx, base, size);
}

/**
 * memblock_double_array - double the size of the memblock regions array
 * @type: memblock type of the regions array being doubled
 * @new_area_start: starting address of memory range to avoid overlap with
 * @new_area_size: size of memory range to avoid overlap with
 *
 * Double the size of the @type regions array.  The new array is allocated
 * from memblock itself, outside [@new_area_start, @new_area_start +
 * @new_area_size) when @type is memblock.reserved (that range is about to be
 * reserved), then reserved; the old array is freed unless it is a static one.
 *
 * Return: 0 on success, -1 when resizing is not allowed yet or no memory
 * could be found.
 */
int memblock_double_array(struct memblock_type *type,
			  phys_addr_t new_area_start, phys_addr_t new_area_size)
{
	struct memblock_region *new_array, *old_array;
	phys_addr_t old_alloc_size, new_alloc_size;
	phys_addr_t old_size, new_size, addr;

	trace_memblock_call(MEMBLOCK_TRACE_DOUBLE_ARRAY, type, new_area_start,
			    new_area_size);
	/*
	 * Until every reservation is known, a new array could land on memory
	 * that is in use but not reserved yet.
	 */
	if (!memblock_can_resize) {
		memblock_printf("memblock: cannot double %s array from %lu entries before memblock_allow_resize()\n",
				type->name, type->max);
		return trace_memblock_ret(-1);
	}

	old_size = type->max * sizeof(struct memblock_region);
	new_size = old_size << 1;
	/* Whole pages, so that the array can be freed completely later. */
	old_alloc_size = PAGE_ALIGN(old_size);
	new_alloc_size = PAGE_ALIGN(new_size);

	/* only exclude range when trying to double reserved.regions */
	if (type != &memblock.reserved)
		new_area_start = new_area_size = 0;

	addr = memblock_find_in_range(new_area_start + new_area_size,
				      memblock.current_limit,
				      new_alloc_size, PAGE_SIZE);
	if (!addr && new_area_size)
		addr = memblock_find_in_range(0,
				min(new_area_start, memblock.current_limit),
				new_alloc_size, PAGE_SIZE);
	if (!addr) {
		memblock_printf("memblock: Failed to double %s array from %ld to %ld entries !\n",
				type->name, (long)type->max, (long)type->max * 2);
		return trace_memblock_ret(-1);
	}
	new_array = memblock_phys_to_virt(addr);
	trace_memblock_step(MEMBLOCK_TRACE_DOUBLED, type, addr,
			    type->max * 2);

	memblock_dbg("memblock: %s is doubled to %ld at [%#010llx-%#010llx]\n",
		     type->name, (long)type->max * 2, (unsigned long long)addr,
		     (unsigned long long)(addr + new_size - 1));

	/*
	 * Found space, move the array over before the reservation below: it
	 * may be the reserved array itself that is full.
	 */
	memblock_move_regions(new_array, type->regions, type->max);
	for (unsigned long i = type->max; i < 2 * type->max; i++)
		new_array[i] = (struct memblock_region){ 0 };
	old_array = type->regions;
	type->regions = new_array;
	type->max <<= 1;
	gaptree_array_moved(type);

	/* Free old array. We needn't free it if the array is the static one */
	if (old_array != memblock_memory_init_regions &&
	    old_array != memblock_reserved_init_regions)
		memblock_free(memblock_virt_to_phys(old_array), old_alloc_size);

	if (memblock_reserve(addr, new_alloc_size))
		memblock_panic("memblock: cannot reserve the new %s array at %#llx\n",
			       type->name, (unsigned long long)addr);

	/* the gap index grows with the reserved array (mm/gaptree.c) */
	if (type == &memblock.reserved)
		gaptree_grow(new_area_start, new_area_size);
	return trace_memblock_ret(0);
}

/**
 * memblock_add_range - add new memblock region
 * @type: memblock type to add new region into
 * @base: base address of the new region
 * @size: size of the new region
 * @nid: nid of the new region
 * @flags: flags of the new region
 *
 * Add [@base, @base + @size) to @type.  The new range may overlap existing
 * regions: those keep their attributes and only the holes between them are
 * added.  Compatible neighbours are merged afterwards.
 *
 * Return: 0 on success, -ENOMEM if the array could not grow.
 */
int memblock_add_range(struct memblock_type *type, phys_addr_t base,
		       phys_addr_t size, int nid, unsigned long flags)
{
	bool insert = false;
	phys_addr_t obase = base;
	phys_addr_t end;
	unsigned long first, idx;
	int nr_new;

	trace_memblock_call(MEMBLOCK_TRACE_ADD_RANGE, type, base, size, nid,
			    flags);
	end = base + memblock_cap_size(base, &size);
	first = memblock_scan_start(type, base);
	if (!size)
		return trace_memblock_ret(0);

	/* special case for empty array */
	if (type->regions[0].size == 0) {
		type->regions[0].base = base;
		type->regions[0].size = size;
		type->regions[0].flags = flags;
		type->regions[0].nid = nid;
		type->total_size = size;
		gaptree_resized(type, 0);
		trace_memblock_step(MEMBLOCK_TRACE_ADD_EMPTY, type, base, size);
		return trace_memblock_ret(0);
	}
repeat:
	/*
	 * The following is executed twice.  Once with %false @insert and
	 * then with %true.  The first counts the number of regions needed
	 * to accommodate the new area.  The second actually inserts them.
	 */
	base = obase;
	nr_new = 0;

	for (idx = first; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = region_end(rgn);

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		/*
		 * @rgn overlaps.  If it separates the lower part of new
		 * area, insert that portion.
		 */
		if (rbase > base) {
			if (insert && (nid != rgn->nid || flags != rgn->flags))
				memblock_printf("WARNING: memblock: [0x%016llx-0x%016llx] added to %s over a region of nid %d flags 0x%lx, not %d 0x%lx\n",
						(unsigned long long)obase,
						(unsigned long long)(end - 1),
						type->name, rgn->nid,
						rgn->flags, nid, flags);
			nr_new++;
			if (insert)
				memblock_insert_region(type, idx++, base,
						       rbase - base, nid,
						       flags);
		}
		/* area below @rend is dealt with, forget about it */
		base = min(rend, end);
	}

	/* insert the remaining portion */
	if (base < end) {
		nr_new++;
		if (insert) {
			/* a range that overlaps nothing may grow a neighbour */
			if (nr_new == 1 && base == obase &&
			    memblock_grow_neighbour(type, idx, base, end, nid,
						    flags))
				return trace_memblock_ret(0);
			memblock_insert_region(type, idx, base, end - base,
					       nid, flags);
		}
	}

	trace_memblock_step(MEMBLOCK_TRACE_ADD_COUNT, type, nr_new, insert);
	if (!nr_new)
		return trace_memblock_ret(0);

	/*
	 * If this was the first round, resize array and repeat for actual
	 * insertions; otherwise, merge and return.
	 */
	if (!insert) {
		if (type->cnt + nr_new > type->max) {
			while (type->cnt + nr_new > type->max)
				if (memblock_double_array(type, obase, size) < 0)
					return trace_memblock_ret(-ENOMEM);
			/* doubling the reserved array reserves it: rescan */
			first = memblock_scan_start(type, obase);
		}
		insert = true;
		goto repeat;
	} else {
		memblock_merge_inserted(type, first, idx);
		return trace_memblock_ret(0);
	}
}

/**
 * memblock_add_node - add new memblock region within a NUMA node
 * @base: base address of the new region
 * @size: size of the new region
 * @nid: nid of the new region
 *
 * Add new memblock region [@base, @base + @size) to the "memory"
 * type.  See memblock_add_range() description for mode details
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid)
{
	return memblock_add_range(&memblock.memory, base, size, nid, 0);
}

/**
 * memblock_add - add new memblock region
 * @base: base address of the new region
 * @size: size of the new region
 *
 * Add new memblock region [@base, @base + @size) to the "memory" type,
 * with no node (MAX_NUMNODES), as 4.12 does.
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	memblock_trace("memblock_add: ", base, end, _RET_IP_);

	return memblock_add_range(&memblock.memory, base, size, MAX_NUMNODES, 0);
}

/*
 * Split the regions of @type that straddle the edges of [@base, @base +
 * @size), so that the range is covered by whole regions [*@start_rgn,
 * *@end_rgn).
 */
static int __memblock_isolate_range(struct memblock_type *type,
				    phys_addr_t base, phys_addr_t size,
				    int *start_rgn, int *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long idx;
	bool found = false;

	*start_rgn = *end_rgn = 0;

	if (!size)
		return 0;

	/* we'll create at most two more regions */
	while (type->cnt + 2 > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;

	for (idx = memblock_scan_start(type, base); idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = region_end(rgn);

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;

		if (rbase < base) {
			/*
			 * @rgn intersects from below.  Split and continue
			 * to process the next region - the new top half.
			 */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx, rbase, base - rbase,
					       rgn->nid, rgn->flags);
		} else if (rend > end) {
			/*
			 * @rgn intersects from above.  Split and redo the
			 * current region - the new bottom half.
			 */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx--, rbase, end - rbase,
					       rgn->nid, rgn->flags);
		} else {
			/* @rgn is fully contained, record it */
			if (!found)
				*start_rgn = idx;
			found = true;
			*end_rgn = idx + 1;
		}
	}

	return 0;
}

/**
 * memblock_isolate_range - isolate given range into disjoint memblocks
 * @type: memblock type to isolate range for
 * @base: base of range to isolate
 * @size: size of range to isolate
 * @start_rgn: out parameter for the start of isolated region
 * @end_rgn: out parameter for the end of isolated region
 *
 * Walk @type and ensure that regions don't cross the boundaries defined by
 * [@base, @base + @size).  Crossing regions are split at the boundaries,
 * which may create at most two more regions.  The index of the first
 * region inside the range is returned in *@start_rgn and end in *@end_rgn.
 * The split halves are not merged back: the caller changes the regions
 * inside and merges.
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_isolate_range(struct memblock_type *type, phys_addr_t base,
			   phys_addr_t size, int *start_rgn, int *end_rgn)
{
	int ret = __memblock_isolate_range(type, base, size, start_rgn, end_rgn);

	update_binary_left_unmerged(type);
	return ret;
}

int memblock_remove_range(struct memblock_type *type,
			  phys_addr_t base, phys_addr_t size)
{
	int start_rgn, end_rgn;
	int i, ret;

	if (memblock_removes_in_place())
		return update_binary_remove(type, base, size);

	ret = __memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = end_rgn - 1; i >= start_rgn; i--)
		memblock_remove_region(type, i);
	return 0;
}

/**
 * memblock_remove - remove a range from memory
 * @base: base of the range to remove
 * @size: size of the range to remove
 *
 * Remove [@base, @base + @size) from memblock.memory, splitting regions
 * that straddle its edges.
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.memory, base, size);
}

/**
 * memblock_free - free a reserved range
 * @base: physical base of the range to free
 * @size: size of the range to free
 *
 * Remove [@base, @base + @size) from memblock.reserved, making it free for
 * later allocations (4.12 takes a physical address, not a pointer).
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_free(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	trace_memblock_call(MEMBLOCK_TRACE_FREE, base, size);
	memblock_trace("   memblock_free: ", base, end, _RET_IP_);

	return trace_memblock_ret(memblock_remove_range(&memblock.reserved,
							base, size));
}

/**
 * memblock_reserve - mark a range as in use
 * @base: base of the range to reserve
 * @size: size of the range to reserve
 *
 * Add [@base, @base + @size) to memblock.reserved, so that no allocation
 * returns it.  Overlapping an existing reservation is allowed.
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size - 1;

	trace_memblock_call(MEMBLOCK_TRACE_RESERVE, base, size);
	memblock_trace("memblock_reserve: ", base, end, _RET_IP_);

	return trace_memblock_ret(memblock_add_range(&memblock.reserved, base,
						     size, MAX_NUMNODES, 0));
}

/*
 * Set (@set) or clear @flag on the memory regions in [@base, @base +
 * @size), splitting at its edges, then merge what became compatible.
 */
static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size,
				bool set, unsigned long flag)
{
	struct memblock_type *type = &memblock.memory;
	int i, ret, start_rgn, end_rgn;

	ret = __memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++) {
		if (set)
			type->regions[i].flags |= flag;
		else
			type->regions[i].flags &= ~flag;
	}

	memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_mark_hotplug - Mark hotpluggable memory with flag MEMBLOCK_HOTPLUG.
 * @base: the base phys addr of the region
 * @size: the size of the region
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, true, MEMBLOCK_HOTPLUG);
}

/**
 * memblock_clear_hotplug - Clear flag MEMBLOCK_HOTPLUG for a specified region.
 * @base: the base phys addr of the region
 * @size: the size of the region
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, false, MEMBLOCK_HOTPLUG);
}

/**
 * memblock_mark_mirror - Mark mirrored memory with flag MEMBLOCK_MIRROR.
 * @base: the base phys addr of the region
 * @size: the size of the region
 *
 * From then on, memblock_find_in_range() and memblock_alloc_nid() try
 * mirrored memory first.
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_mark_mirror(phys_addr_t base, phys_addr_t size)
{
	memblock_has_mirror = true;
	return memblock_setclr_flag(base, size, true, MEMBLOCK_MIRROR);
}

/**
 * memblock_mark_nomap - Mark a memory region with flag MEMBLOCK_NOMAP.
 * @base: the base phys addr of the region
 * @size: the size of the region
 *
 * NOMAP memory stays in memblock.memory but is never allocated from.
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, true, MEMBLOCK_NOMAP);
}

/**
 * memblock_clear_nomap - Clear flag MEMBLOCK_NOMAP for a specified region.
 * @base: the base phys addr of the region
 * @size: the size of the region
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, false, MEMBLOCK_NOMAP);
}

/**
 * memblock_set_node - set node ID on memblock regions
 * @base: base of area to set node ID for
 * @size: size of area to set node ID for
 * @type: memblock type to set node ID for
 * @nid: node ID to set
 *
 * Set the nid of the regions of @type in [@base, @base + @size) to @nid,
 * splitting regions at the edges, then merge.
 *
 * Return: 0 on success, -errno on failure.
 */
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid)
{
	int start_rgn, end_rgn;
	int i, ret;

	ret = __memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++)
		type->regions[i].nid = nid;

	memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_trim_memory - trim memory regions to an alignment
 * @align: alignment to trim to
 *
 * Shrink every memory region to [round_up(base), round_down(end)) of
 * @align, and drop those that vanish.  4.12 (and mainline as of 6.1)
 * leave memory.total_size stale here; it is kept exact.  A region whose
 * base rounds up past PHYS_ADDR_MAX is dropped too, where 4.12 would make
 * it start at 0.
 */
void memblock_trim_memory(phys_addr_t align)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long i = 0;

	if (!is_power_of_2(align)) {
		memblock_printf("memblock: trim alignment %#llx is not a power of two\n",
				(unsigned long long)align);
		return;
	}

	while (i < type->cnt) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t orig_start = r->base;
		phys_addr_t orig_end = region_end(r);
		phys_addr_t start = round_up(orig_start, align);
		phys_addr_t end = round_down(orig_end, align);

		if (!r->size || (start == orig_start && end == orig_end)) {
			i++;
			continue;
		}

		if (start < end && start >= orig_start) {
			type->total_size -= r->size - (end - start);
			r->base = start;
			r->size = end - start;
			i++;
		} else {
			memblock_remove_region(type, i);
		}
	}
}

/*
 * The address below which the first @limit bytes of memory lie, or
 * PHYS_ADDR_MAX when there are no more than @limit bytes.
 */
static phys_addr_t __find_max_addr(phys_addr_t limit)
{
	phys_addr_t max_addr = PHYS_ADDR_MAX;
	struct memblock_region *r;

	for_each_memblock(memory, r) {
		if (limit <= r->size) {
			max_addr = r->base + limit;
			break;
		}
		limit -= r->size;
	}

	return max_addr;
}

/**
 * memblock_enforce_memory_limit - keep only the first @limit bytes of memory
 * @limit: how many bytes of memory to keep (Linux's mem=)
 *
 * Truncate memory and reserved above the address where the first @limit
 * bytes of memory end.  Nothing happens for 0 or a limit above the total.
 */
void memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;

	max_addr = __find_max_addr(limit);

	/* @limit exceeds the total size of the memory, do nothing */
	if (max_addr == PHYS_ADDR_MAX)
		return;

	/* truncate both memory and reserved regions */
	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/**
 * memblock_cap_memory_range - keep only [@base, @base + @size) of memory
 * @base: base of the range to keep
 * @size: size of the range to keep
 *
 * Remove every mapped memory region outside [@base, @base + @size) and
 * truncate reserved to it.  NOMAP regions outside are kept, as in 4.12 (so
 * that firmware tables stay known), and are left split at the edges.  With
 * no memory at all, nothing happens (mainline's check).
 */
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)
{
	struct memblock_type *type = &memblock.memory;
	int start_rgn, end_rgn;
	int i;

	if (!size)
		return;

	/*
	 * Mainline's fix (e888fa7bb882, "memblock: Check memory add/cap
	 * ordering"): with no memory yet, 4.12 would go on and truncate the
	 * reservations to the range, for nothing.
	 */
	if (!type->total_size) {
		memblock_printf("memblock_cap_memory_range: No memory registered yet\n");
		return;
	}

	if (__memblock_isolate_range(type, base, size, &start_rgn, &end_rgn))
		return;
	update_binary_left_unmerged(type);

	/* remove all the MAP regions */
	for (i = type->cnt - 1; i >= end_rgn; i--)
		if (!memblock_is_nomap(&type->regions[i]))
			memblock_remove_region(type, i);

	for (i = start_rgn - 1; i >= 0; i--)
		if (!memblock_is_nomap(&type->regions[i]))
			memblock_remove_region(type, i);

	/* truncate the reserved regions */
	memblock_remove_range(&memblock.reserved, 0, base);
	memblock_remove_range(&memblock.reserved, base + size, PHYS_ADDR_MAX);
}

/**
 * memblock_mem_limit_remove_map - mem= that keeps NOMAP regions
 * @limit: how many bytes of memory to keep
 *
 * Like memblock_enforce_memory_limit(), but through
 * memblock_cap_memory_range(0, max_addr), so NOMAP memory above the limit
 * stays described.
 */
void memblock_mem_limit_remove_map(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;

	max_addr = __find_max_addr(limit);

	/* @limit exceeds the total size of the memory, do nothing */
	if (max_addr == PHYS_ADDR_MAX)
		return;

	memblock_cap_memory_range(0, max_addr);
}

static phys_addr_t allocated_regions_info(struct memblock_type *type,
					  const struct memblock_region *init,
					  phys_addr_t *addr)
{
	if (type->regions == init)
		return 0;

	*addr = memblock_virt_to_phys(type->regions);
	return PAGE_ALIGN(sizeof(struct memblock_region) * type->max);
}

/**
 * get_allocated_memblock_reserved_regions_info - where the reserved array lives
 * @addr: out: physical address of the array, when it was allocated
 *
 * For code that frees memblock's own arrays once it is done with them.
 *
 * Return: the bytes memblock_double_array() reserved for the array
 * (whole pages), or 0, and @addr untouched, while it is the static one.
 */
phys_addr_t get_allocated_memblock_reserved_regions_info(phys_addr_t *addr)
{
	return allocated_regions_info(&memblock.reserved,
				      memblock_reserved_init_regions, addr);
}

/**
 * get_allocated_memblock_memory_regions_info - where the memory array lives
 * @addr: out: physical address of the array, when it was allocated
 *
 * Return: the bytes memblock_double_array() reserved for the array
 * (whole pages), or 0, and @addr untouched, while it is the static one.
 */
phys_addr_t get_allocated_memblock_memory_regions_info(phys_addr_t *addr)
{
	return allocated_regions_info(&memblock.memory,
				      memblock_memory_init_regions, addr);
}
