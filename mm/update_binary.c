// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Update strategy "binary": memblock_add_range() and memblock_remove_range()
 * without 4.12's scans of the whole array.
 *
 * 4.12 inserts a new range and then merges the whole array, and removes a
 * range by splitting the regions at its edges and deleting what lies
 * inside, one array move per region.  Each insertion or deletion moves the
 * tail of the array, and each merge reads all of it.  The binary path
 * leaves the arrays byte for byte as 4.12 does, with less work:
 *
 *  - the scan starts at the first region that can overlap (binary search);
 *  - after an insertion only the window that changed is merged;
 *  - a new range that overlaps nothing and touches a compatible neighbour
 *    grows that neighbour in place (and swallows the one on its other side
 *    if it touches too): no insertion, no merge;
 *  - a removal changes the regions at its edges in place and deletes the
 *    ones inside with one move; a range in the middle of one region splits
 *    it with one insertion.
 *
 * Only memblock_cap_memory_range() and a direct memblock_isolate_range()
 * leave touching neighbours of equal attributes apart; 4.12's next merge
 * of the whole array joins them, so after either the next insertion
 * merges the whole array here too.
 */

#include "memblock_internal.h"

static bool memory_unmerged, reserved_unmerged;

static bool *unmerged_flag(struct memblock_type *type)
{
	return type == &memblock.reserved ? &reserved_unmerged :
					    &memory_unmerged;
}

/* @type may hold touching neighbours that 4.12's next merge would join. */
void update_binary_left_unmerged(struct memblock_type *type)
{
	*unmerged_flag(type) = true;
}

/* The whole of @type was merged. */
void update_binary_merged(struct memblock_type *type)
{
	*unmerged_flag(type) = false;
}

/* Must the next insertion into @type merge the whole array, as 4.12 does? */
bool update_binary_merges_whole(struct memblock_type *type)
{
	/* a type of the caller's own is not tracked: merge it whole */
	if (type != &memblock.memory && type != &memblock.reserved)
		return true;
	return *unmerged_flag(type);
}

/*
 * [@base, @end) overlaps nothing and would be inserted at @idx.  If it
 * touches a compatible neighbour, grow that neighbour instead: the array
 * ends up exactly as insert + merge leaves it.  Return: true if it did.
 */
bool update_binary_grow_neighbour(struct memblock_type *type,
				  unsigned long idx, phys_addr_t base,
				  phys_addr_t end, int nid,
				  unsigned long flags)
{
	struct memblock_region new = { .base = base, .size = end - base,
					.flags = flags, .nid = nid };
	struct memblock_region *left = idx ? &type->regions[idx - 1] : NULL;
	struct memblock_region *right = idx < type->cnt ?
					&type->regions[idx] : NULL;
	bool join_left = left && left->size &&
			 memblock_regions_mergeable(left, &new);
	bool join_right = right && right->size &&
			  memblock_regions_mergeable(&new, right);

	if (!join_left && !join_right)
		return false;

	trace_memblock_step(MEMBLOCK_TRACE_GROW, type, idx, base, end,
			    join_left | join_right << 1);
	type->total_size += new.size;
	if (join_left && join_right) {
		left->size += new.size + right->size;
		gaptree_resized(type, idx - 1);
		/* right's bytes now belong to left: they stay in total_size */
		type->total_size += right->size;
		memblock_remove_regions(type, idx, idx + 1);
	} else if (join_left) {
		left->size += new.size;
		gaptree_resized(type, idx - 1);
	} else {
		right->base = base;
		right->size += new.size;
		gaptree_resized(type, idx);
	}
	return true;
}

/**
 * update_binary_remove - remove [@base, @base + @size) from @type in place
 * @type: memblock type to remove from
 * @base: base of the range
 * @size: size of the range
 *
 * The regions at the edges of the range are shortened where they stick
 * out, the ones inside are deleted with one move, and a range strictly
 * inside one region splits it with one insertion.  The array is doubled
 * first exactly when 4.12's isolation would double it.
 *
 * Return: 0 on success, -ENOMEM if the array could not grow.
 */
int update_binary_remove(struct memblock_type *type, phys_addr_t base,
			 phys_addr_t size)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	struct memblock_region *lo, *hi;
	unsigned long first, last;
	phys_addr_t top;

	if (!size)
		return 0;

	/* 4.12's memblock_isolate_range() makes room for two more regions */
	while (type->cnt + 2 > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;

	/* regions [first, last) overlap the range */
	first = memblock_first_region_ending_after(type, base);
	last = memblock_last_region_starting_below(type, end) + 1;
	if (first >= last)
		return 0;

	lo = &type->regions[first];
	hi = &type->regions[last - 1];
	top = region_end(hi);

	if (lo == hi && lo->base < base && top > end) {
		/* inside one region: keep [lo->base, base), add [end, top) */
		lo->size = base - lo->base;
		type->total_size -= top - base;
		gaptree_resized(type, first);
		memblock_insert_region(type, first + 1, end, top - end,
				       lo->nid, lo->flags);
		return 0;
	}

	if (lo->base < base) {
		/* lo sticks out below: keep [lo->base, base) */
		type->total_size -= region_end(lo) - base;
		lo->size = base - lo->base;
		gaptree_resized(type, first);
		first++;
	}
	if (first < last && top > end) {
		/* hi sticks out above: keep [end, top) */
		type->total_size -= end - hi->base;
		hi->base = end;
		hi->size = top - end;
		gaptree_resized(type, last - 1);
		last--;
	}
	if (first < last)
		memblock_remove_regions(type, first, last);
	return 0;
}
