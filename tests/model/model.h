/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_MODEL_MODEL_H
#define TESTS_MODEL_MODEL_H

/*
 * A reference model of Linux 4.12 memblock, written to be obviously right
 * rather than fast, and sharing no code with mm/.
 *
 * State is a map of a small "universe" of physical memory: units of
 * cfg.unit bytes starting at cfg.base.  For each unit and each type
 * (memory, reserved) the model stores whether the unit belongs to the type
 * and, if so, its nid and flags.  Nothing else: there are no regions.  The
 * region array Linux would hold is *derived*: the maximal runs of units
 * that are in the type with equal (nid, flags) - exactly what 4.12's
 * insert-then-merge leaves, because every operation ends with a merge of
 * the whole array.  An empty type is 4.12's dummy: cnt 1, one empty region.
 *
 * The free ranges that allocation walks are derived the same way: maximal
 * runs of units that are memory, not reserved, and inside one memory
 * region (equal memory attributes).  One quirk of 4.12's two-index walk is
 * kept: where two reserved regions touch (they differ in nid) strictly
 * inside a memory region, the walk yields the empty gap between them as an
 * empty range [x, x); only size-0 searches and iterators can tell.
 * Placement applies 4.12's rule to each free range in turn (clamp to
 * [start, end), take the highest aligned fit top-down / the lowest
 * bottom-up, bottom-up only above kernel_end and falling back to
 * top-down); the rule is a few lines and reads like the text.
 *
 * The model also counts what the real arrays would need: 4.12 fails an
 * add with -ENOMEM when cnt + (number of holes the range fills) > max, and
 * every isolate (remove, free, mark, set_node) when cnt + 2 > max, unless
 * memblock_allow_resize() was called; then it doubles the array the way
 * memblock_double_array() does (find a page-aligned home with
 * memblock_find_in_range(), free the old one unless static, reserve the
 * new one), and the model does the same on its own map.  Where the real
 * array went is then compared with where the model put it.  Reserving the
 * new array can itself need the reserved array doubled; when that finds no
 * room, 4.12 stops at a BUG_ON and the model records it in @halt.
 *
 * Addresses given to the state-changing calls must be multiples of
 * cfg.unit, and added ranges must lie inside the universe (ranges removed
 * may stick out: the outside is empty by construction).  Queries take any
 * address.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memblock.h"

enum { MT_MEMORY, MT_RESERVED, MT_NR };

struct model_cfg {
	phys_addr_t base;	/* physical address of unit 0 */
	phys_addr_t unit;	/* bytes per unit, a power of two */
	unsigned long units;	/* size of the universe in units */
};

/*
 * 8 bytes, all zero when the unit is not in the type, so that two units
 * are in the same region exactly when their 8 bytes are equal (and not 0).
 */
struct model_unit {
	int nid;
	uint8_t in;		/* the unit belongs to this type */
	uint8_t flags;		/* MEMBLOCK_* flags of the region it is in */
	uint16_t zero;
};

/* One derived region, or one free range. */
struct model_range {
	phys_addr_t start, end;	/* [start, end) */
	int nid;
	unsigned long flags;
};

/* Why Linux 4.12 would stop; see model_double() in model.c. */
enum model_halt {
	MODEL_RUNS,
	MODEL_HALT_ARRAY_UNRESERVED,	/* a doubled array cannot be reserved */
	MODEL_HALT_POOL_UNRESERVED,	/* nor the gap index's new pool */
};

struct model {
	struct model_cfg cfg;
	struct model_unit *u[MT_NR];
	unsigned long max[MT_NR];	/* size of the (virtual) arrays */
	phys_addr_t array[MT_NR];	/* home of a doubled array, 0 = static */
	bool can_resize;
	bool bottom_up;
	bool movable_node;
	bool has_mirror;	/* Linux's system_has_some_mirror */
	phys_addr_t current_limit;
	phys_addr_t kernel_end;
	/*
	 * Where Linux would stop (a BUG_ON, or mm/'s panic in its place), the
	 * first time it happens: why, and which array or pool at which
	 * address.  The model goes on as if nothing happened; the driver
	 * ends the sequence there.
	 */
	struct {
		enum model_halt why;
		int type;
		phys_addr_t addr;
	} halt;
	/*
	 * mm/gaptree.c's node pool: under the gaptree find strategy (or with
	 * memblock_set_index_footprint()), each doubling of the reserved
	 * array is followed by a pool for max + 2 nodes of 40 bytes, found
	 * the way the array is, reserved, and the old pool freed.
	 */
	bool index_pool;	/* set by the driver per combination */
	phys_addr_t pool;	/* home of the pool, 0 = the static one */
	phys_addr_t pool_bytes;	/* its size */
	unsigned long pool_nodes;	/* what it holds */
	unsigned long gen[MT_NR];	/* bumped by every change of a type */
	/* model_cnt(), as of generation cnt_gen[] (0: none yet) */
	unsigned long cnt[MT_NR], cnt_gen[MT_NR];
	struct model_range *ranges;	/* scratch: cfg.units + 1 ranges */
	/*
	 * Decisions of this project that differ from 4.12 (see the issue and
	 * mm/): an allocation of 0 bytes is refused, an alignment that is not
	 * a power of two is refused by the find.
	 */
	bool refuse_zero_alloc;
	/* 4.12's __next_mem_range(): nid MAX_NUMNODES means any node. */
	bool max_numnodes_is_any;
};

void model_init(struct model *m, const struct model_cfg *cfg);
void model_destroy(struct model *m);
/* memblock_reset(): empty arrays, boot defaults (keeps cfg). */
void model_reset(struct model *m);

/* Derived regions of a type; returns how many (0 = the empty dummy). */
size_t model_regions(struct model *m, int type, struct model_range *out,
		     size_t cap);
/* 4.12's type->cnt: the number of regions, 1 for an empty type. */
unsigned long model_cnt(struct model *m, int type);
phys_addr_t model_total(const struct model *m, int type);
/* memblock_start_of_DRAM(), memblock_end_of_DRAM(): 0 without memory. */
phys_addr_t model_start_of_dram(const struct model *m);
phys_addr_t model_end_of_dram(const struct model *m);

/* The region API, with 4.12's return values. */
int model_add_range(struct model *m, int type, phys_addr_t base,
		    phys_addr_t size, int nid, unsigned long flags);
int model_add(struct model *m, phys_addr_t base, phys_addr_t size);
int model_add_node(struct model *m, phys_addr_t base, phys_addr_t size,
		   int nid);
int model_reserve(struct model *m, phys_addr_t base, phys_addr_t size);
int model_remove_range(struct model *m, int type, phys_addr_t base,
		       phys_addr_t size);
int model_setclr_flag(struct model *m, phys_addr_t base, phys_addr_t size,
		      bool set, unsigned long flag);
int model_mark_mirror(struct model *m, phys_addr_t base, phys_addr_t size);
int model_set_node(struct model *m, phys_addr_t base, phys_addr_t size,
		   int type, int nid);

/* memblock_trim_memory() and memblock_enforce_memory_limit(). */
void model_trim_memory(struct model *m, phys_addr_t align);
void model_enforce_memory_limit(struct model *m, phys_addr_t limit);

/* Search and allocation. */
phys_addr_t model_find_in_range_node(struct model *m, phys_addr_t size,
				     phys_addr_t align, phys_addr_t start,
				     phys_addr_t end, int nid,
				     unsigned long flags);
phys_addr_t model_find_in_range(struct model *m, phys_addr_t start,
				phys_addr_t end, phys_addr_t size,
				phys_addr_t align);
phys_addr_t model_alloc_range_nid(struct model *m, phys_addr_t size,
				  phys_addr_t align, phys_addr_t start,
				  phys_addr_t end, int nid,
				  unsigned long flags);
phys_addr_t model_virt_alloc(struct model *m, phys_addr_t size,
			     phys_addr_t align, phys_addr_t min_addr,
			     phys_addr_t max_addr, int nid);
phys_addr_t model_alloc_nid(struct model *m, phys_addr_t size,
			    phys_addr_t align, int nid);
phys_addr_t model_phys_alloc_range(struct model *m, phys_addr_t size,
				   phys_addr_t align, phys_addr_t start,
				   phys_addr_t end);

/*
 * The ranges for_each_mem_range() yields: parts of @a's regions (filtered
 * by @nid and @flags as the walk filters them) not covered by @b (b = -1:
 * none), ascending.  Returns how many, at most @cap stored.
 */
size_t model_mem_ranges(const struct model *m, int a, int b, int nid,
			unsigned long flags, struct model_range *out,
			size_t cap);

/* Queries. */
bool model_is_in(const struct model *m, int type, phys_addr_t addr);
bool model_is_map_memory(const struct model *m, phys_addr_t addr);
bool model_is_region_memory(const struct model *m, phys_addr_t base,
			    phys_addr_t size);
bool model_overlaps(const struct model *m, int type, phys_addr_t base,
		    phys_addr_t size);
int model_search(const struct model *m, int type, phys_addr_t addr);

#endif /* TESTS_MODEL_MODEL_H */
