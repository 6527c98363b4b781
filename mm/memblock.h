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

/*
 * The rest of Linux 4.12's API (issue 13): what its include/linux/memblock.h
 * declares with CONFIG_HAVE_MEMBLOCK_NODE_MAP and what is not above, and
 * the memblock part of include/linux/bootmem.h.  mm/bootmem.c,
 * mm/memblock_pfn.c, and additions to mm/memblock_iter.c,
 * mm/memblock_query.c and mm/memblock.c.
 */

/*
 * Page frame numbers.  PFN_UP() does not wrap for an address in the last
 * page of the address space, where 4.12's (x + PAGE_SIZE - 1) >> PAGE_SHIFT
 * would give 0.
 */
#define PFN_UP(x)	(((x) >> PAGE_SHIFT) + !!((x) & (PAGE_SIZE - 1)))
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

/* bootmem.h's names for the @max_addr specials, and its limits. */
#define BOOTMEM_ALLOC_ACCESSIBLE	0
#define BOOTMEM_ALLOC_ANYWHERE		(~(phys_addr_t)0)
/* allocation is top-down, so 0 is a safe lower bound */
#define BOOTMEM_LOW_LIMIT		0
#ifndef ARCH_LOW_ADDRESS_LIMIT
#define ARCH_LOW_ADDRESS_LIMIT		0xffffffffUL
#endif

ulong choose_memblock_flags(void);
bool movable_node_is_enabled(void);

/**
 * memblock_set_region_flags - set flags on one region, as they are
 * @r: the region
 * @flags: the MEMBLOCK_* flags to set
 *
 * A raw write, as 4.12's: nothing is split or merged.  Code that calls
 * it outside memblock calls memblock_regions_changed() afterwards.
 */
static inline void memblock_set_region_flags(struct memblock_region *r,
					     unsigned long flags)
{
	r->flags |= flags;
}

/**
 * memblock_clear_region_flags - clear flags on one region, as they are
 * @r: the region
 * @flags: the MEMBLOCK_* flags to clear
 *
 * A raw write, as 4.12's: nothing is split or merged.  Code that calls
 * it outside memblock calls memblock_regions_changed() afterwards.
 */
static inline void memblock_clear_region_flags(struct memblock_region *r,
					       unsigned long flags)
{
	r->flags &= ~flags;
}

/**
 * memblock_set_region_node - set one region's node id, as it is
 * @r: the region
 * @nid: the node id
 *
 * A raw write, as 4.12's: nothing is split or merged.  Code that calls
 * it outside memblock calls memblock_regions_changed() afterwards.
 */
static inline void memblock_set_region_node(struct memblock_region *r, int nid)
{
	r->nid = nid;
}

/**
 * memblock_region_memory_base_pfn - the first page frame a region holds whole
 * @reg: memblock_region structure
 *
 * Return: PFN_UP() of its base.
 */
static inline unsigned long
memblock_region_memory_base_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base);
}

/**
 * memblock_region_memory_end_pfn - the page frame after its last whole page
 * @reg: memblock_region structure
 *
 * Return: PFN_DOWN() of its end.
 */
static inline unsigned long
memblock_region_memory_end_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base + reg->size);
}

/**
 * memblock_region_reserved_base_pfn - the first page frame a region touches
 * @reg: memblock_region structure
 *
 * Return: PFN_DOWN() of its base.
 */
static inline unsigned long
memblock_region_reserved_base_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base);
}

/**
 * memblock_region_reserved_end_pfn - the page frame after the last it touches
 * @reg: memblock_region structure
 *
 * Return: PFN_UP() of its end.
 */
static inline unsigned long
memblock_region_reserved_end_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base + reg->size);
}

/**
 * for_each_memblock_type - iterate over the regions of a memblock type
 * @memblock_type: a struct memblock_type pointer
 * @rgn: struct memblock_region pointer used as loop variable
 *
 * As in 4.12, the index is a variable named idx that the caller declares.
 */
#define for_each_memblock_type(memblock_type, rgn)			\
	for (idx = 0, rgn = &(memblock_type)->regions[0];		\
	     idx < (memblock_type)->cnt;				\
	     idx++, rgn = &(memblock_type)->regions[idx])

/* Reserved regions, [*@out_start, *@out_end] with an inclusive end. */
void __next_reserved_mem_region(u64 *idx, phys_addr_t *out_start,
				phys_addr_t *out_end);

/**
 * for_each_reserved_mem_region - iterate over all reserved memblock areas
 * @i: u64 used as loop variable
 * @p_start: ptr to phys_addr_t for start address of the range, can be %NULL
 * @p_end: ptr to phys_addr_t for the last byte of the range, can be %NULL
 */
#define for_each_reserved_mem_region(i, p_start, p_end)		\
	for (i = 0UL, __next_reserved_mem_region(&i, p_start, p_end);	\
	     i != (u64)ULLONG_MAX;					\
	     __next_reserved_mem_region(&i, p_start, p_end))

/* The page frame view of memblock.memory (mm/memblock_pfn.c). */
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);
int memblock_search_pfn_nid(unsigned long pfn, unsigned long *start_pfn,
			    unsigned long *end_pfn);
unsigned long memblock_next_valid_pfn(unsigned long pfn,
				      unsigned long max_pfn);
phys_addr_t memblock_mem_size(unsigned long limit_pfn);

/**
 * for_each_mem_pfn_range - early memory pfn range iterator
 * @i: an integer used as loop variable
 * @nid: node selector, %MAX_NUMNODES for all nodes (as in 4.12, not
 *       %NUMA_NO_NODE)
 * @p_start: ptr to ulong for start pfn of the range, can be %NULL
 * @p_end: ptr to ulong for end pfn of the range, can be %NULL
 * @p_nid: ptr to int for nid of the range, can be %NULL
 */
#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)		\
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid); \
	     i >= 0; __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))

/* More queries. */
unsigned long memblock_reserved_memory_within(phys_addr_t start_addr,
					      phys_addr_t end_addr);
phys_addr_t get_allocated_memblock_reserved_regions_info(phys_addr_t *addr);
phys_addr_t get_allocated_memblock_memory_regions_info(phys_addr_t *addr);

/* bootmem.h's memblock API: zeroed memory through __va() (mm/bootmem.c). */
void *memblock_virt_alloc_try_nid_nopanic(phys_addr_t size, phys_addr_t align,
					  phys_addr_t min_addr,
					  phys_addr_t max_addr, int nid);
void *memblock_virt_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				  phys_addr_t min_addr, phys_addr_t max_addr,
				  int nid);
void __memblock_free_early(phys_addr_t base, phys_addr_t size);
void __memblock_free_late(phys_addr_t base, phys_addr_t size);
/* Optional (a weak default drops them): __memblock_free_late()'s pages. */
void memblock_release_pages(unsigned long start_pfn, unsigned long end_pfn);

/*
 * The wrappers are inline, as in 4.12, so that memblock=debug names their
 * caller.  An @align of 0 means SMP_CACHE_BYTES.
 */

/**
 * memblock_virt_alloc - zeroed boot memory below the current limit, or panic
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the block, 0 for SMP_CACHE_BYTES
 *
 * Return: virtual address of the block; never NULL.
 */
static inline __attribute__((always_inline))
void *memblock_virt_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_virt_alloc_try_nid(size, align, BOOTMEM_LOW_LIMIT,
					   BOOTMEM_ALLOC_ACCESSIBLE,
					   NUMA_NO_NODE);
}

/**
 * memblock_virt_alloc_nopanic - zeroed boot memory below the current limit
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the block, 0 for SMP_CACHE_BYTES
 *
 * Return: virtual address of the block, or NULL.
 */
static inline __attribute__((always_inline))
void *memblock_virt_alloc_nopanic(phys_addr_t size, phys_addr_t align)
{
	return memblock_virt_alloc_try_nid_nopanic(size, align,
						   BOOTMEM_LOW_LIMIT,
						   BOOTMEM_ALLOC_ACCESSIBLE,
						   NUMA_NO_NODE);
}

/**
 * memblock_virt_alloc_low - zeroed boot memory below 4G, or panic
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the block, 0 for SMP_CACHE_BYTES
 *
 * Below ARCH_LOW_ADDRESS_LIMIT (and the current limit).
 *
 * Return: virtual address of the block; never NULL.
 */
static inline __attribute__((always_inline))
void *memblock_virt_alloc_low(phys_addr_t size, phys_addr_t align)
{
	return memblock_virt_alloc_try_nid(size, align, BOOTMEM_LOW_LIMIT,
					   ARCH_LOW_ADDRESS_LIMIT,
					   NUMA_NO_NODE);
}

/**
 * memblock_virt_alloc_low_nopanic - zeroed boot memory below 4G
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the block, 0 for SMP_CACHE_BYTES
 *
 * Below ARCH_LOW_ADDRESS_LIMIT (and the current limit).
 *
 * Return: virtual address of the block, or NULL.
 */
static inline __attribute__((always_inline))
void *memblock_virt_alloc_low_nopanic(phys_addr_t size, phys_addr_t align)
{
	return memblock_virt_alloc_try_nid_nopanic(size, align,
						   BOOTMEM_LOW_LIMIT,
						   ARCH_LOW_ADDRESS_LIMIT,
						   NUMA_NO_NODE);
}

/**
 * memblock_virt_alloc_from_nopanic - zeroed boot memory, above @min_addr first
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the block, 0 for SMP_CACHE_BYTES
 * @min_addr: the lower bound preferred; dropped when nothing fits above it
 *
 * Return: virtual address of the block, or NULL.
 */
static inline __attribute__((always_inline))
void *memblock_virt_alloc_from_nopanic(phys_addr_t size, phys_addr_t align,
				       phys_addr_t min_addr)
{
	return memblock_virt_alloc_try_nid_nopanic(size, align, min_addr,
						   BOOTMEM_ALLOC_ACCESSIBLE,
						   NUMA_NO_NODE);
}

/**
 * memblock_virt_alloc_node - zeroed boot memory, on @nid if it can, or panic
 * @size: size of memory block to be allocated in bytes
 * @nid: the node preferred; any node when it has no room
 *
 * Aligned to SMP_CACHE_BYTES.
 *
 * Return: virtual address of the block; never NULL.
 */
static inline __attribute__((always_inline))
void *memblock_virt_alloc_node(phys_addr_t size, int nid)
{
	return memblock_virt_alloc_try_nid(size, 0, BOOTMEM_LOW_LIMIT,
					   BOOTMEM_ALLOC_ACCESSIBLE, nid);
}

/**
 * memblock_virt_alloc_node_nopanic - zeroed boot memory, on @nid if it can
 * @size: size of memory block to be allocated in bytes
 * @nid: the node preferred; any node when it has no room
 *
 * Aligned to SMP_CACHE_BYTES.
 *
 * Return: virtual address of the block, or NULL.
 */
static inline __attribute__((always_inline))
void *memblock_virt_alloc_node_nopanic(phys_addr_t size, int nid)
{
	return memblock_virt_alloc_try_nid_nopanic(size, 0, BOOTMEM_LOW_LIMIT,
						   BOOTMEM_ALLOC_ACCESSIBLE,
						   nid);
}

/**
 * memblock_free_early - free boot memory block
 * @base: phys starting address of the boot memory block
 * @size: size of the boot memory block in bytes
 *
 * __memblock_free_early(), named for its caller by memblock=debug.
 */
static inline __attribute__((always_inline))
void memblock_free_early(phys_addr_t base, phys_addr_t size)
{
	__memblock_free_early(base, size);
}

/**
 * memblock_free_early_nid - free boot memory block of a node
 * @base: phys starting address of the boot memory block
 * @size: size of the boot memory block in bytes
 * @nid: not used, as in 4.12
 */
static inline __attribute__((always_inline))
void memblock_free_early_nid(phys_addr_t base, phys_addr_t size, int nid)
{
	(void)nid;
	__memblock_free_early(base, size);
}

/**
 * memblock_free_late - free boot memory pages to the page allocator
 * @base: phys starting address of the boot memory block
 * @size: size of the boot memory block in bytes
 *
 * __memblock_free_late(), named for its caller by memblock=debug.
 */
static inline __attribute__((always_inline))
void memblock_free_late(phys_addr_t base, phys_addr_t size)
{
	__memblock_free_late(base, size);
}

#endif /* MM_MEMBLOCK_H */
