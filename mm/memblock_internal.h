/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MM_MEMBLOCK_INTERNAL_H
#define MM_MEMBLOCK_INTERNAL_H

/* What the files of mm/ share with each other and with nobody else. */

#include "memblock.h"
#include "memblock_trace.h"

#define ENOMEM		12

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define clamp(v, lo, hi)	min(max(v, lo), hi)
/* @a must be a power of two, as in the kernel. */
#define round_down(x, a)	((x) & ~((a) - 1))
#define round_up(x, a)		((((x) - 1) | ((a) - 1)) + 1)

#define memblock_dbg(fmt, ...)					\
	do {							\
		if (memblock_debug)				\
			memblock_printf(fmt, ##__VA_ARGS__);	\
	} while (0)

#define _RET_IP_	((unsigned long)__builtin_return_address(0))

/*
 * memblock=debug's "memblock_reserve: [base-end] caller" line; the caller is
 * printed as Linux's %pF does when the environment can name it.
 */
void memblock_print_caller(unsigned long ip);

#define memblock_trace(what, base, end, ip)				\
	do {								\
		if (memblock_debug) {					\
			memblock_printf("%s[0x%016llx-0x%016llx] ", what, \
					(unsigned long long)(base),	\
					(unsigned long long)(end));	\
			memblock_print_caller(ip);			\
		}							\
	} while (0)

extern bool memblock_debug;
extern bool movable_node_enabled;
extern bool memblock_has_mirror;

static inline bool is_power_of_2(phys_addr_t n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

/* Linux's memblock_cap_size(): clip @size so that @base + @size cannot wrap. */
static inline phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

static inline phys_addr_t region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/*
 * Does region @m pass the filters every walk applies?  NOMAP memory is
 * skipped unless asked for, mirror-only requests skip other memory, and
 * movable_node keeps hotpluggable memory for later.  Inline, as the same
 * tests are inline in 4.12's __next_mem_range().
 */
static inline bool memblock_region_usable(const struct memblock_region *m,
					  int nid, ulong flags)
{
	/* only memory regions are associated with nodes, check it */
	if (nid != NUMA_NO_NODE && nid != memblock_get_region_node(m))
		return false;

	/* skip hotpluggable memory regions if needed */
	if (movable_node_enabled && memblock_is_hotpluggable(m))
		return false;

	/* if we want mirror memory skip non-mirror memory regions */
	if ((flags & MEMBLOCK_MIRROR) && !memblock_is_mirror(m))
		return false;

	/* skip nomap memory unless we were asked for it explicitly */
	if (!(flags & MEMBLOCK_NOMAP) && memblock_is_nomap(m))
		return false;

	return true;
}

/*
 * 4.12 takes nid MAX_NUMNODES to mean any node, with a warning once: the
 * old spelling of NUMA_NO_NODE.
 */
int memblock_max_numnodes_is_any(void);

static inline int memblock_nid_or_any(int nid)
{
	return nid == MAX_NUMNODES ? memblock_max_numnodes_is_any() : nid;
}

/*
 * 4.12's candidate rules for one free range [@this_start, @this_end),
 * clamped to [@start, @end): top-down takes the highest aligned start of
 * @size bytes, bottom-up the lowest.  Every find strategy applies these,
 * so that all give the same answer.  Return: true and *@cand on a fit.
 */
static inline bool memblock_fit_top_down(phys_addr_t this_start,
					 phys_addr_t this_end,
					 phys_addr_t start, phys_addr_t end,
					 phys_addr_t size, phys_addr_t align,
					 phys_addr_t *cand)
{
	trace_memblock_step(MEMBLOCK_TRACE_FREE_RANGE, this_start, this_end);
	this_start = clamp(this_start, start, end);
	this_end = clamp(this_end, start, end);

	if (this_end < size) {
		trace_memblock_step(MEMBLOCK_TRACE_TOO_SMALL, this_start,
				    this_end);
		return false;
	}

	*cand = round_down(this_end - size, align);
	trace_memblock_step(MEMBLOCK_TRACE_CANDIDATE, this_start, this_end,
			    *cand, *cand >= this_start);
	return *cand >= this_start;
}

static inline bool memblock_fit_bottom_up(phys_addr_t this_start,
					  phys_addr_t this_end,
					  phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align,
					  phys_addr_t *cand)
{
	trace_memblock_step(MEMBLOCK_TRACE_FREE_RANGE, this_start, this_end);
	this_start = clamp(this_start, start, end);
	this_end = clamp(this_end, start, end);

	*cand = round_up(this_start, align);
	trace_memblock_step(MEMBLOCK_TRACE_CANDIDATE, this_start, this_end,
			    *cand, *cand < this_end && this_end - *cand >= size);
	return *cand < this_end && this_end - *cand >= size;
}

/* The workers of mm/memblock.c that the update strategies share. */
int memblock_remove_range(struct memblock_type *type,
			  phys_addr_t base, phys_addr_t size);
void memblock_move_regions(struct memblock_region *dst,
			   const struct memblock_region *src, unsigned long nr);
void memblock_insert_region(struct memblock_type *type, unsigned long idx,
			    phys_addr_t base, phys_addr_t size, int nid,
			    unsigned long flags);
void memblock_remove_regions(struct memblock_type *type, unsigned long first,
			     unsigned long last);
void memblock_remove_region(struct memblock_type *type, unsigned long r);
bool memblock_regions_mergeable(const struct memblock_region *this,
				const struct memblock_region *next);
void memblock_merge_window(struct memblock_type *type, unsigned long first,
			   unsigned long last);
void memblock_merge_regions(struct memblock_type *type);
int memblock_double_array(struct memblock_type *type,
			  phys_addr_t new_area_start, phys_addr_t new_area_size);

/* The two binary searches over a region array (mm/memblock_query.c). */
unsigned long memblock_first_region_ending_after(struct memblock_type *type,
						 phys_addr_t addr);
long memblock_last_region_starting_below(struct memblock_type *type,
					 phys_addr_t addr);

/*
 * The strategy seam (mm/memblock_strategy.c): the steps of 4.12's code
 * that depend on the strategy in use.
 */
extern enum memblock_find_strategy memblock_find_strategy;
extern enum memblock_update_strategy memblock_update_strategy;

phys_addr_t memblock_find_range_top_down(phys_addr_t start, phys_addr_t end,
					 phys_addr_t size, phys_addr_t align,
					 int nid, ulong flags);
phys_addr_t memblock_find_range_bottom_up(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align,
					  int nid, ulong flags);
unsigned long memblock_scan_start(struct memblock_type *type,
				  phys_addr_t base);
bool memblock_grow_neighbour(struct memblock_type *type, unsigned long idx,
			     phys_addr_t base, phys_addr_t end, int nid,
			     unsigned long flags);
void memblock_merge_inserted(struct memblock_type *type, unsigned long first,
			     unsigned long last);
bool memblock_removes_in_place(void);
extern unsigned long memblock_walk_budget;
void memblock_gaptree_searches(bool indexed, unsigned long budget);

/* The binary update path (mm/update_binary.c). */
bool update_binary_grow_neighbour(struct memblock_type *type,
				  unsigned long idx, phys_addr_t base,
				  phys_addr_t end, int nid,
				  unsigned long flags);
int update_binary_remove(struct memblock_type *type, phys_addr_t base,
			 phys_addr_t size);
void update_binary_left_unmerged(struct memblock_type *type);
void update_binary_merged(struct memblock_type *type);
bool update_binary_merges_whole(struct memblock_type *type);

/* Top-down and bottom-up walks, one pair per find strategy. */
phys_addr_t memblock_find_linear_top_down(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align,
					  int nid, ulong flags);
phys_addr_t memblock_find_linear_bottom_up(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align,
					   int nid, ulong flags);
phys_addr_t memblock_find_binary_top_down(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align,
					  int nid, ulong flags);
phys_addr_t memblock_find_binary_bottom_up(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align,
					   int nid, ulong flags);
phys_addr_t memblock_find_gaptree_top_down(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align,
					   int nid, ulong flags);
phys_addr_t memblock_find_gaptree_bottom_up(phys_addr_t start, phys_addr_t end,
					    phys_addr_t size, phys_addr_t align,
					    int nid, ulong flags);

/*
 * The gap index (mm/gaptree.c) follows memblock.reserved: every change to
 * that array is reported as it is made (a removal just before the array
 * moves, the rest just after).  Changes to other types are ignored.
 */
void gaptree_track_inserted(struct memblock_type *type, unsigned long idx);
void gaptree_track_removing(struct memblock_type *type, unsigned long first,
			    unsigned long last);
void gaptree_track_resized(struct memblock_type *type, unsigned long idx);
void gaptree_track_array_moved(struct memblock_type *type);
extern bool gaptree_built;

/*
 * Until the index is built (never, under linear and binary) a report costs
 * a test, not a call: linear/linear stays 4.12's cost.
 */
static inline void gaptree_inserted(struct memblock_type *type,
				    unsigned long idx)
{
	if (gaptree_built)
		gaptree_track_inserted(type, idx);
}

static inline void gaptree_removing(struct memblock_type *type,
				    unsigned long first, unsigned long last)
{
	if (gaptree_built)
		gaptree_track_removing(type, first, last);
}

static inline void gaptree_resized(struct memblock_type *type,
				   unsigned long idx)
{
	if (gaptree_built)
		gaptree_track_resized(type, idx);
}

static inline void gaptree_array_moved(struct memblock_type *type)
{
	if (gaptree_built)
		gaptree_track_array_moved(type);
}

void gaptree_grow(phys_addr_t new_area_start, phys_addr_t new_area_size);
void gaptree_strategy_changed(void);
void gaptree_regions_changed(void);
void gaptree_reset(void);

#endif /* MM_MEMBLOCK_INTERNAL_H */
