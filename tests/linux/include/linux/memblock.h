/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_LINUX_MEMBLOCK_H
#define TESTS_LINUX_MEMBLOCK_H

/*
 * <linux/memblock.h> as Linux's tools/testing/memblock (v6.1) sees it, on
 * this project's mm/: mm/memblock.h, plus the mainline names whose meaning
 * 4.12 has under another name or signature (tests/linux/layer.c).  Names
 * that mean the same in both are mm/'s own.  The table is in README.md.
 *
 * tools/include spells a few constants of its own; mm/'s values win, as
 * mm/ was built with them, except SMP_CACHE_BYTES: the suite's tests pass
 * their own (tools/include/linux/cache.h, 32) and compute what they expect
 * from it, while mm/'s 64 is only its default for an alignment of 0.
 */

#include <linux/types.h>
#include <linux/init.h>		/* the suite's: movable_node_is_enabled() */
#include <linux/pfn.h>
#include <linux/numa.h>
#include <linux/cache.h>
#include <linux/align.h>
#include <linux/kernel.h>

#pragma push_macro("SMP_CACHE_BYTES")
#undef SMP_CACHE_BYTES
#undef MAX_NUMNODES
#undef PFN_UP
#undef PFN_DOWN
#undef PFN_PHYS
#undef PHYS_PFN
#undef PAGE_SIZE
#undef PAGE_MASK
#undef PAGE_ALIGN
/* the suite has a movable_node_is_enabled() of its own (linux/memory_hotplug.h) */
#define movable_node_is_enabled mm_movable_node_is_enabled
#include "mm/memblock.h"
#undef movable_node_is_enabled
#undef SMP_CACHE_BYTES
#pragma pop_macro("SMP_CACHE_BYTES")

#include "tests/linux/layer.h"

#define MEMBLOCK_LOW_LIMIT	BOOTMEM_LOW_LIMIT

/* Same name, another signature or meaning: the layer's call. */
#define memblock_add_node(base, size, nid, flags)			\
	lt_memblock_add_node(base, size, nid, flags)
#define memblock_free(ptr, size)		lt_memblock_free(ptr, size)
#define memblock_alloc_try_nid(size, align, min_addr, max_addr, nid)	\
	lt_memblock_alloc_try_nid(size, align, min_addr, max_addr, nid)
#define memblock_alloc(size, align)		lt_memblock_alloc(size, align)

/* Mainline names 4.12 has under another one. */
#define memblock_phys_free(base, size)	lt_memblock_phys_free(base, size)
#define memblock_phys_alloc_range(size, align, start, end)		\
	lt_memblock_phys_alloc_range(size, align, start, end)
#define memblock_phys_alloc(size, align)				\
	lt_memblock_phys_alloc_range(size, align, 0,			\
				     MEMBLOCK_ALLOC_ACCESSIBLE)
#define memblock_alloc_from(size, align, min_addr)			\
	lt_memblock_alloc_from(size, align, min_addr)
#define memblock_alloc_low(size, align)	lt_memblock_alloc_low(size, align)
#define memblock_alloc_node(size, align, nid)				\
	lt_memblock_alloc_node(size, align, nid)

/* 4.12 has no allocation that leaves the memory as it was. */
#define memblock_alloc_try_nid_raw(size, align, min_addr, max_addr, nid) \
	lt_memblock_alloc_try_nid_raw(size, align, min_addr, max_addr, nid)
#define memblock_alloc_raw(size, align)	lt_memblock_alloc_raw(size, align)
#define memblock_alloc_exact_nid_raw(size, align, min_addr, max_addr, nid) \
	lt_memblock_alloc_exact_nid_raw(size, align, min_addr, max_addr, nid)

/*
 * Iterators.  6.1's for_each_mem_range(i, p_start, p_end) walks
 * hotpluggable memory even under movable_node, which no 4.12 walk does:
 * not mapped, so a use fails to compile (4.12's macro takes 8
 * arguments).  6.1's __for_each_mem_range() is 4.12's for_each_mem_range();
 * for_each_reserved_mem_range() walks reserved with it, ends exclusive;
 * the region walks are 4.12's for_each_memblock().  4.12's
 * for_each_reserved_mem_region() (inclusive ends) gives way to 6.1's.
 */
#define __for_each_mem_range	for_each_mem_range
#define for_each_reserved_mem_range(i, p_start, p_end)			\
	for_each_mem_range(i, &memblock.reserved, NULL, NUMA_NO_NODE,	\
			   MEMBLOCK_NONE, p_start, p_end, NULL)
#define for_each_mem_region(region)	for_each_memblock(memory, region)
#undef for_each_reserved_mem_region
#define for_each_reserved_mem_region(region)				\
	for_each_memblock(reserved, region)

#endif /* TESTS_LINUX_MEMBLOCK_H */
