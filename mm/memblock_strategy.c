// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The seam between Linux 4.12's memblock and the strategies this project
 * adds.  The core (mm/memblock.c, mm/memblock_alloc.c) is 4.12's code with
 * its strategy-dependent steps named; this file holds which strategy is in
 * use, their names, and the dispatch of each step.
 *
 * Find strategies, for memblock_find_in_range_node():
 *  - linear:  4.12's walk over every free range (mm/find_linear.c);
 *  - binary:  the same walk, started and stopped by binary search
 *             (mm/find_binary.c);
 *  - gaptree: a search tree over the gaps between reserved regions
 *             (mm/gaptree.c).
 *
 * Update strategies, for memblock_add_range() and memblock_remove_range():
 *  - linear:  4.12's scan from index 0, insert, merge the whole array, and
 *             removal by isolating the range and deleting what is inside;
 *  - binary:  a binary-searched start, a merge of the window that changed,
 *             a neighbour grown in place, and removal in place
 *             (mm/update_binary.c).
 *
 * Every combination returns the same addresses and leaves the same arrays.
 */

#include "memblock_internal.h"

enum memblock_find_strategy memblock_find_strategy = MEMBLOCK_FIND_LINEAR;
enum memblock_update_strategy memblock_update_strategy = MEMBLOCK_UPDATE_LINEAR;

static const char *const find_names[MEMBLOCK_FIND_NR] = {
	[MEMBLOCK_FIND_LINEAR] = "linear",
	[MEMBLOCK_FIND_BINARY] = "binary",
	[MEMBLOCK_FIND_GAPTREE] = "gaptree",
};

static const char *const update_names[MEMBLOCK_UPDATE_NR] = {
	[MEMBLOCK_UPDATE_LINEAR] = "linear",
	[MEMBLOCK_UPDATE_BINARY] = "binary",
};

/**
 * memblock_set_find_strategy - choose how free memory is searched
 * @s: %MEMBLOCK_FIND_LINEAR (Linux 4.12), %MEMBLOCK_FIND_BINARY or
 *     %MEMBLOCK_FIND_GAPTREE
 *
 * Safe at any time.  Selecting gaptree once the reserved array has left
 * its static table reserves the gap index's memory (see
 * memblock_set_index_footprint()); leaving gaptree frees it.
 */
void memblock_set_find_strategy(enum memblock_find_strategy s)
{
	if (s >= MEMBLOCK_FIND_NR)
		memblock_panic("memblock: no find strategy %d\n", (int)s);
	if (s == memblock_find_strategy)
		return;
	memblock_find_strategy = s;
	gaptree_strategy_changed();
}

/**
 * memblock_get_find_strategy - the find strategy in use
 *
 * Return: the strategy memblock_find_in_range_node() uses.
 */
enum memblock_find_strategy memblock_get_find_strategy(void)
{
	return memblock_find_strategy;
}

/**
 * memblock_find_strategy_name - name of a find strategy, as in the reports
 * @s: the strategy
 *
 * Return: "linear", "binary" or "gaptree"; "?" for anything else.
 */
const char *memblock_find_strategy_name(enum memblock_find_strategy s)
{
	return s < MEMBLOCK_FIND_NR ? find_names[s] : "?";
}

/**
 * memblock_set_update_strategy - choose how the update path finds its window
 * @s: %MEMBLOCK_UPDATE_LINEAR (Linux 4.12) or %MEMBLOCK_UPDATE_BINARY
 */
void memblock_set_update_strategy(enum memblock_update_strategy s)
{
	if (s >= MEMBLOCK_UPDATE_NR)
		memblock_panic("memblock: no update strategy %d\n", (int)s);
	memblock_update_strategy = s;
}

/**
 * memblock_get_update_strategy - the update strategy in use
 *
 * Return: the strategy memblock_add_range() and friends use.
 */
enum memblock_update_strategy memblock_get_update_strategy(void)
{
	return memblock_update_strategy;
}

/**
 * memblock_update_strategy_name - name of an update strategy
 * @s: the strategy
 *
 * Return: "linear" or "binary"; "?" for anything else.
 */
const char *memblock_update_strategy_name(enum memblock_update_strategy s)
{
	return s < MEMBLOCK_UPDATE_NR ? update_names[s] : "?";
}

typedef phys_addr_t (*find_fn)(phys_addr_t start, phys_addr_t end,
			       phys_addr_t size, phys_addr_t align, int nid,
			       ulong flags);

/*
 * gaptree searches with its index only once the index has been worth
 * building (mm/gaptree.c): until then its entries are the binary walk's,
 * with a budget of free ranges after which the walk hands over.
 */
static find_fn find_top_down[MEMBLOCK_FIND_NR] = {
	[MEMBLOCK_FIND_LINEAR] = memblock_find_linear_top_down,
	[MEMBLOCK_FIND_BINARY] = memblock_find_binary_top_down,
	[MEMBLOCK_FIND_GAPTREE] = memblock_find_binary_top_down,
};

static find_fn find_bottom_up[MEMBLOCK_FIND_NR] = {
	[MEMBLOCK_FIND_LINEAR] = memblock_find_linear_bottom_up,
	[MEMBLOCK_FIND_BINARY] = memblock_find_binary_bottom_up,
	[MEMBLOCK_FIND_GAPTREE] = memblock_find_binary_bottom_up,
};

unsigned long memblock_walk_budget = ULONG_MAX;

/*
 * How gaptree searches now: with its index (@indexed), or by the binary
 * walk that hands over after @budget free ranges without a fit (ULONG_MAX:
 * never).  The budget only applies while gaptree is the find strategy.
 */
void memblock_gaptree_searches(bool indexed, unsigned long budget)
{
	find_top_down[MEMBLOCK_FIND_GAPTREE] = indexed ?
		memblock_find_gaptree_top_down : memblock_find_binary_top_down;
	find_bottom_up[MEMBLOCK_FIND_GAPTREE] = indexed ?
		memblock_find_gaptree_bottom_up : memblock_find_binary_bottom_up;
	memblock_walk_budget =
		memblock_find_strategy == MEMBLOCK_FIND_GAPTREE && !indexed ?
		budget : ULONG_MAX;
}

/* 4.12's __memblock_find_range_top_down(), through the find strategy. */
phys_addr_t memblock_find_range_top_down(phys_addr_t start, phys_addr_t end,
					 phys_addr_t size, phys_addr_t align,
					 int nid, ulong flags)
{
	phys_addr_t found;

	trace_memblock_call(MEMBLOCK_TRACE_FIND_TOP_DOWN, start, end, size,
			    align, nid, flags);
	found = find_top_down[memblock_find_strategy](start, end, size, align,
						       nid, flags);
	return trace_memblock_ret(found);
}

/* 4.12's __memblock_find_range_bottom_up(), through the find strategy. */
phys_addr_t memblock_find_range_bottom_up(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align,
					  int nid, ulong flags)
{
	phys_addr_t found;

	trace_memblock_call(MEMBLOCK_TRACE_FIND_BOTTOM_UP, start, end, size,
			    align, nid, flags);
	found = find_bottom_up[memblock_find_strategy](start, end, size, align,
							nid, flags);
	return trace_memblock_ret(found);
}

static bool update_is_linear(void)
{
	return memblock_update_strategy == MEMBLOCK_UPDATE_LINEAR;
}

/*
 * Where the scan of memblock_add_range() and memblock_isolate_range()
 * starts.  4.12 scans from index 0; every region before the binary path's
 * start ends at or below @base, so 4.12's loop skips it anyway.
 */
unsigned long memblock_scan_start(struct memblock_type *type, phys_addr_t base)
{
	if (update_is_linear())
		return 0;
	return memblock_first_region_ending_after(type, base);
}

/*
 * Insert [@base, @end) at @idx by growing a compatible neighbour it
 * touches.  4.12 always inserts and merges.  Return: true if done.
 */
bool memblock_grow_neighbour(struct memblock_type *type, unsigned long idx,
			     phys_addr_t base, phys_addr_t end, int nid,
			     unsigned long flags)
{
	if (update_is_linear() || update_binary_merges_whole(type))
		return false;
	return update_binary_grow_neighbour(type, idx, base, end, nid, flags);
}

/*
 * Merge after an insertion into regions [@first, @last].  4.12 merges the
 * whole array; the binary path merges the window from the region before
 * @first to the one after @last, as mainline's memblock_merge_regions(type,
 * start_rgn, end_rgn) does.
 */
void memblock_merge_inserted(struct memblock_type *type, unsigned long first,
			     unsigned long last)
{
	if (update_is_linear() || update_binary_merges_whole(type))
		memblock_merge_regions(type);
	else
		memblock_merge_window(type, first ? first - 1 : 0, last + 1);
}

/*
 * Does memblock_remove_range() remove in place (update_binary_remove())?
 * 4.12 isolates the range, splitting the regions at its edges, and deletes
 * the regions inside, one array move each.
 */
bool memblock_removes_in_place(void)
{
	return !update_is_linear();
}
