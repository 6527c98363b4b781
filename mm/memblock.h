/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

/*
 * memblock: Linux 4.12's early physical-memory allocator, rebuilt for a
 * freestanding RISC-V payload and for host tests.  Same data layout, same
 * API names, same placement and merging; see mm/memblock.c for the overview.
 */

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t phys_addr_t;
typedef uint64_t u64;
typedef unsigned long ulong;

#define PHYS_ADDR_MAX		(~(phys_addr_t)0)

#define PAGE_SHIFT		12
#define PAGE_SIZE		((phys_addr_t)1 << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)		(((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define SMP_CACHE_BYTES		64

#define NUMA_NO_NODE		(-1)
#define MAX_NUMNODES		64

#define INIT_MEMBLOCK_REGIONS	128

/* Definition of memblock flags. */
enum {
	MEMBLOCK_NONE		= 0x0,	/* No special request */
	MEMBLOCK_HOTPLUG	= 0x1,	/* hotpluggable region */
	MEMBLOCK_MIRROR		= 0x2,	/* mirrored region */
	MEMBLOCK_NOMAP		= 0x4,	/* don't add to kernel direct mapping */
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	unsigned long flags;
	int nid;
	/*
	 * Not in 4.12: the node of the gap below this region in the gap
	 * index (mm/gaptree.c), kept in what was padding so that the region
	 * and its node move together.  Meaningless unless the index is built.
	 */
	unsigned int gap_node;
};

struct memblock_type {
	unsigned long cnt;	/* number of regions */
	unsigned long max;	/* size of the allocated array */
	phys_addr_t total_size;	/* size of all regions */
	struct memblock_region *regions;
	char *name;
};

struct memblock {
	bool bottom_up;		/* is bottom up direction? */
	phys_addr_t current_limit;
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* Special values for the @end / @max_addr of the allocation calls. */
#define MEMBLOCK_ALLOC_ANYWHERE		(~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ACCESSIBLE	0

/*
 * What the environment linking mm/ provides: payload/memblock_env.c in the
 * payload, tests/common/env.c in every host program.  mm/ itself includes
 * nothing but this header and <string.h>.
 */
void memblock_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
__attribute__((noreturn)) void memblock_panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
void *memblock_phys_to_virt(phys_addr_t addr);	/* Linux's __va() */
phys_addr_t memblock_virt_to_phys(const void *ptr);	/* Linux's __pa() */
phys_addr_t memblock_kernel_end(void);	/* __pa_symbol(_end): bottom-up floor */
/* Optional (a weak default knows no names): the function holding @ip. */
const char *memblock_symbol(unsigned long ip, unsigned long *offset,
			    unsigned long *size);

/*
 * How memblock_find_in_range_node() searches for free memory, and how
 * memblock_add_range() / memblock_isolate_range() find and merge their
 * window.  Linux 4.12 is find = linear, update = linear.  Every combination
 * gives the same addresses and byte-identical region arrays; see
 * mm/find_binary.c, mm/gaptree.c and mm/memblock.c.
 */
enum memblock_find_strategy {
	MEMBLOCK_FIND_LINEAR,
	MEMBLOCK_FIND_BINARY,
	MEMBLOCK_FIND_GAPTREE,
	MEMBLOCK_FIND_NR,
};

enum memblock_update_strategy {
	MEMBLOCK_UPDATE_LINEAR,
	MEMBLOCK_UPDATE_BINARY,
	MEMBLOCK_UPDATE_NR,
};

void memblock_set_find_strategy(enum memblock_find_strategy s);
enum memblock_find_strategy memblock_get_find_strategy(void);
const char *memblock_find_strategy_name(enum memblock_find_strategy s);
void memblock_set_update_strategy(enum memblock_update_strategy s);
enum memblock_update_strategy memblock_get_update_strategy(void);
const char *memblock_update_strategy_name(enum memblock_update_strategy s);
size_t memblock_gaptree_bytes(void);
bool memblock_gaptree_pool(phys_addr_t *base, phys_addr_t *size);
int memblock_gaptree_check(void);
void memblock_set_index_footprint(bool on);
void memblock_set_gaptree_build_after(unsigned long ranges);
void memblock_regions_changed(void);

/* Run-time switches (Linux: memblock=debug, movable_node). */
void memblock_set_debug(bool on);
bool memblock_debug_enabled(void);
void memblock_set_movable_node(bool on);
void memblock_reset(void);

/* Region API. */
int memblock_add_range(struct memblock_type *type, phys_addr_t base,
		       phys_addr_t size, int nid, unsigned long flags);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid);
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_free(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_isolate_range(struct memblock_type *type, phys_addr_t base,
			   phys_addr_t size, int *start_rgn, int *end_rgn);
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_mark_mirror(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid);
void memblock_trim_memory(phys_addr_t align);
void memblock_enforce_memory_limit(phys_addr_t memory_limit);
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size);
void memblock_mem_limit_remove_map(phys_addr_t limit);
void memblock_allow_resize(void);

/* Search and allocation. */
phys_addr_t memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
					phys_addr_t start, phys_addr_t end,
					int nid, ulong flags);
phys_addr_t memblock_find_in_range(phys_addr_t start, phys_addr_t end,
				   phys_addr_t size, phys_addr_t align);
phys_addr_t memblock_alloc_range(phys_addr_t size, phys_addr_t align,
				 phys_addr_t start, phys_addr_t end,
				 ulong flags);
phys_addr_t memblock_alloc_base_nid(phys_addr_t size, phys_addr_t align,
				    phys_addr_t max_addr, int nid, ulong flags);
phys_addr_t memblock_alloc_nid(phys_addr_t size, phys_addr_t align, int nid);
phys_addr_t memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				   int nid);
phys_addr_t __memblock_alloc_base(phys_addr_t size, phys_addr_t align,
				  phys_addr_t max_addr);
phys_addr_t memblock_alloc_base(phys_addr_t size, phys_addr_t align,
				phys_addr_t max_addr);
phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align);
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
void memblock_set_bottom_up(bool enable);
bool memblock_bottom_up(void);
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/* Iteration. */
void __next_mem_range(u64 *idx, int nid, ulong flags,
		      struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start,
		      phys_addr_t *out_end, int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, ulong flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid);

/**
 * for_each_mem_range - iterate through memblock areas of type_a not in type_b
 * @i: u64 used as loop variable
 * @type_a: type of memblock regions to iterate through
 * @type_b: type of memblock regions to exclude, or NULL
 * @nid: node selector, %NUMA_NO_NODE for all nodes
 * @flags: pick from blocks based on memory attributes
 * @p_start: ptr to phys_addr_t for start address of the range, can be %NULL
 * @p_end: ptr to phys_addr_t for end address of the range, can be %NULL
 * @p_nid: ptr to int for nid of the range, can be %NULL
 */
#define for_each_mem_range(i, type_a, type_b, nid, flags,		\
			   p_start, p_end, p_nid)			\
	for (i = 0, __next_mem_range(&i, nid, flags, type_a, type_b,	\
				     p_start, p_end, p_nid);		\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range(&i, nid, flags, type_a, type_b,		\
			      p_start, p_end, p_nid))

/* for_each_mem_range_rev - for_each_mem_range() from the top down. */
#define for_each_mem_range_rev(i, type_a, type_b, nid, flags,		\
			       p_start, p_end, p_nid)			\
	for (i = (u64)ULLONG_MAX,					\
		     __next_mem_range_rev(&i, nid, flags, type_a, type_b, \
					  p_start, p_end, p_nid);	\
	     i != (u64)ULLONG_MAX;					\
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b,	\
				  p_start, p_end, p_nid))

/* for_each_free_mem_range - iterate through free memblock areas. */
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)	\
	for_each_mem_range(i, &memblock.memory, &memblock.reserved,	\
			   nid, flags, p_start, p_end, p_nid)

/* for_each_free_mem_range_reverse - free areas, from the top down. */
#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end,	\
					p_nid)				\
	for_each_mem_range_rev(i, &memblock.memory, &memblock.reserved,	\
			       nid, flags, p_start, p_end, p_nid)

/* for_each_memblock - iterate over the regions of memblock.<memblock_type> */
#define for_each_memblock(memblock_type, region)			\
	for (region = memblock.memblock_type.regions;			\
	     region < (memblock.memblock_type.regions +			\
		       memblock.memblock_type.cnt);			\
	     region++)

/* Queries. */
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);
bool memblock_overlaps_region(struct memblock_type *type,
			      phys_addr_t base, phys_addr_t size);
bool memblock_is_range_covered(struct memblock_type *type, phys_addr_t base,
			       phys_addr_t size);
int memblock_search(struct memblock_type *type, phys_addr_t addr);

/* Seeing it. */
void __memblock_dump_all(void);
void memblock_dump_all(void);
void memblock_debugfs_show(struct memblock_type *type);

static inline bool memblock_is_hotpluggable(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_HOTPLUG;
}

static inline bool memblock_is_mirror(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_MIRROR;
}

static inline bool memblock_is_nomap(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_NOMAP;
}

static inline int memblock_get_region_node(const struct memblock_region *r)
{
	return r->nid;
}

#endif /* MM_MEMBLOCK_H */
