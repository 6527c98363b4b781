// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Finding free memory and the allocation chain of Linux 4.12:
 *
 *   memblock_alloc(size, align)
 *     -> memblock_alloc_base(size, align, MEMBLOCK_ALLOC_ACCESSIBLE)
 *       -> __memblock_alloc_base(size, align, max_addr)
 *         -> memblock_alloc_base_nid(size, align, max_addr, NUMA_NO_NODE,
 *                                    MEMBLOCK_NONE)
 *           -> memblock_alloc_range_nid(size, align, 0, max_addr, nid, flags)
 *             -> memblock_find_in_range_node(size, align, start, end, nid,
 *                                            flags)
 *             -> memblock_reserve(found, size)
 *
 * memblock_find_in_range_node() hands the walk to the selected find
 * strategy (mm/memblock_strategy.c): linear (4.12's walk,
 * mm/find_linear.c), binary (mm/find_binary.c) or gaptree (mm/gaptree.c).
 */

#include "memblock_internal.h"

/**
 * memblock_set_bottom_up - set the direction of allocation
 * @enable: true to allocate from the bottom up (above the kernel image)
 */
void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

/**
 * memblock_bottom_up - is bottom-up allocation on?
 *
 * Return: true when memblock_find_in_range_node() searches upwards first.
 */
bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

/**
 * memblock_set_current_limit - set the limit of MEMBLOCK_ALLOC_ACCESSIBLE
 * @limit: highest address (exclusive) that allocations may return
 */
void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

/**
 * memblock_get_current_limit - the limit of MEMBLOCK_ALLOC_ACCESSIBLE
 *
 * Return: memblock.current_limit.
 */
phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

static void warn_bottom_up_failed(void)
{
	static bool warned;

	if (!warned)
		memblock_printf("WARNING: memblock: bottom-up allocation failed, memory hotunplug may be affected\n");
	warned = true;
}

/**
 * memblock_find_in_range_node - find free area in given range and node
 * @size: size of free area to find
 * @align: alignment of free area to find, a power of two
 * @start: start of candidate range
 * @end: end of candidate range, can be %MEMBLOCK_ALLOC_{ANYWHERE|ACCESSIBLE}
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 * @flags: pick from blocks based on memory attributes
 *
 * Find @size free bytes aligned to @align in [@start, @end), never in the
 * first page.  Top-down by default; with memblock_set_bottom_up(), first
 * bottom-up above the kernel image, then top-down if that fails.  An
 * @align that is not a power of two is refused (Linux would compute a
 * misaligned candidate).
 *
 * Return: Found address on success, 0 on failure.
 */
phys_addr_t memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
					phys_addr_t start, phys_addr_t end,
					int nid, ulong flags)
{
	phys_addr_t kernel_end, ret;

	trace_memblock_call(MEMBLOCK_TRACE_FIND_IN_RANGE_NODE, size, align,
			    start, end, nid, flags);
	if (!is_power_of_2(align)) {
		memblock_printf("memblock: refusing 0x%llx bytes at alignment 0x%llx: not a power of two\n",
				(unsigned long long)size,
				(unsigned long long)align);
		return trace_memblock_ret(0);
	}

	/* as __next_mem_range() would, for the walks that do not use it */
	nid = memblock_nid_or_any(nid);

	/* pump up @end */
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE) {
		end = memblock.current_limit;
		trace_memblock_step(MEMBLOCK_TRACE_LIMIT, end);
	}

	/* avoid allocating the first page */
	start = max(start, PAGE_SIZE);
	end = max(start, end);
	/* 4.12's __pa_symbol(_end) is a constant; ours is the environment's */
	kernel_end = memblock_bottom_up() ? memblock_kernel_end() : 0;
	trace_memblock_step(MEMBLOCK_TRACE_BOUNDS, start, end);

	/*
	 * try bottom-up allocation only when bottom-up mode
	 * is set and @end is above the kernel image.
	 */
	if (memblock_bottom_up() && end > kernel_end) {
		/* make sure we will allocate above the kernel */
		phys_addr_t bottom_up_start = max(start, kernel_end);

		trace_memblock_step(MEMBLOCK_TRACE_BOTTOM_UP, kernel_end,
				    bottom_up_start);
		ret = memblock_find_range_bottom_up(bottom_up_start, end, size,
						    align, nid, flags);
		if (ret)
			return trace_memblock_ret(ret);

		/*
		 * we always limit bottom-up allocation above the kernel,
		 * but top-down allocation doesn't have the limit, so
		 * retrying top-down allocation may succeed when bottom-up
		 * allocation failed.  4.12 warns once, as here.
		 */
		warn_bottom_up_failed();
		trace_memblock_step(MEMBLOCK_TRACE_BOTTOM_UP_FAILED);
	}

	trace_memblock_step(MEMBLOCK_TRACE_TOP_DOWN, end, kernel_end);
	ret = memblock_find_range_top_down(start, end, size, align, nid, flags);
	return trace_memblock_ret(ret);
}

/**
 * choose_memblock_flags - the flags the mirror-first allocations start with
 *
 * Return: %MEMBLOCK_MIRROR once some memory has been marked mirrored
 * (memblock_mark_mirror()), else %MEMBLOCK_NONE.
 */
ulong choose_memblock_flags(void)
{
	return memblock_has_mirror ? MEMBLOCK_MIRROR : MEMBLOCK_NONE;
}

/**
 * memblock_find_in_range - find free area in given range
 * @start: start of candidate range
 * @end: end of candidate range, can be %MEMBLOCK_ALLOC_{ANYWHERE|ACCESSIBLE}
 * @size: size of free area to find
 * @align: alignment of free area to find
 *
 * Find @size free bytes aligned to @align in [@start, @end) on any node,
 * mirrored memory first when some memory is mirrored.
 *
 * Return: Found address on success, 0 on failure.
 */
phys_addr_t memblock_find_in_range(phys_addr_t start, phys_addr_t end,
				   phys_addr_t size, phys_addr_t align)
{
	phys_addr_t ret;
	ulong flags = choose_memblock_flags();

	trace_memblock_call(MEMBLOCK_TRACE_FIND_IN_RANGE, start, end, size,
			    align);
again:
	ret = memblock_find_in_range_node(size, align, start, end,
					  NUMA_NO_NODE, flags);

	if (!ret && (flags & MEMBLOCK_MIRROR)) {
		memblock_printf("Could not allocate 0x%016llx bytes of mirrored memory\n",
				(unsigned long long)size);
		flags &= ~MEMBLOCK_MIRROR;
		goto again;
	}

	return trace_memblock_ret(ret);
}

/*
 * Find and reserve.  A request of 0 bytes is refused: 4.12 would return an
 * address and reserve nothing, handing the same address out again later.
 */
static phys_addr_t memblock_alloc_range_nid(phys_addr_t size,
					    phys_addr_t align,
					    phys_addr_t start,
					    phys_addr_t end, int nid,
					    ulong flags)
{
	phys_addr_t found;

	trace_memblock_call(MEMBLOCK_TRACE_ALLOC_RANGE_NID, size, align, start,
			    end, nid, flags);
	if (!size) {
		memblock_printf("memblock: refusing an allocation of 0 bytes\n");
		return trace_memblock_ret(0);
	}

	if (!align) {
		align = SMP_CACHE_BYTES;
		trace_memblock_step(MEMBLOCK_TRACE_ALIGN_DEFAULT, align);
	}

	found = memblock_find_in_range_node(size, align, start, end, nid,
					    flags);
	if (found && !memblock_reserve(found, size))
		return trace_memblock_ret(found);

	return trace_memblock_ret(0);
}

/**
 * memblock_alloc_range - allocate and reserve in a range
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the region and block's size, 0 for SMP_CACHE_BYTES
 * @start: the lower bound of the memory region to allocate (phys address)
 * @end: the upper bound of the memory region to allocate (phys address)
 * @flags: memory attributes to ask for (MEMBLOCK_MIRROR, MEMBLOCK_NOMAP)
 *
 * Reserve and return @size bytes inside [@start, @end), any node.
 *
 * Return: physical address of the block on success, 0 on failure.
 */
phys_addr_t memblock_alloc_range(phys_addr_t size, phys_addr_t align,
				 phys_addr_t start, phys_addr_t end,
				 ulong flags)
{
	phys_addr_t found;

	trace_memblock_call(MEMBLOCK_TRACE_ALLOC_RANGE, size, align, start, end,
			    flags);
	found = memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE,
					 flags);
	return trace_memblock_ret(found);
}

/**
 * memblock_alloc_base_nid - allocate below a limit on a node
 * @size: size of memory block to be allocated in bytes
 * @align: alignment, 0 for SMP_CACHE_BYTES
 * @max_addr: the upper bound, or %MEMBLOCK_ALLOC_{ANYWHERE|ACCESSIBLE}
 * @nid: node to allocate from, %NUMA_NO_NODE for any
 * @flags: memory attributes to ask for
 *
 * Reserve and return @size bytes inside [0, @max_addr).
 *
 * Return: physical address of the block on success, 0 on failure.
 */
phys_addr_t memblock_alloc_base_nid(phys_addr_t size, phys_addr_t align,
				    phys_addr_t max_addr, int nid, ulong flags)
{
	phys_addr_t found;

	trace_memblock_call(MEMBLOCK_TRACE_ALLOC_BASE_NID, size, align,
			    max_addr, nid, flags);
	found = memblock_alloc_range_nid(size, align, 0, max_addr, nid, flags);
	return trace_memblock_ret(found);
}

/**
 * memblock_alloc_nid - allocate on a node, mirrored memory first
 * @size: size of memory block to be allocated in bytes
 * @align: alignment, 0 for SMP_CACHE_BYTES
 * @nid: node to allocate from
 *
 * Reserve and return @size bytes of node @nid below the current limit,
 * trying mirrored memory first when some memory is mirrored.
 *
 * Return: physical address of the block on success, 0 on failure.
 */
phys_addr_t memblock_alloc_nid(phys_addr_t size, phys_addr_t align, int nid)
{
	ulong flags = choose_memblock_flags();
	phys_addr_t ret;

	trace_memblock_call(MEMBLOCK_TRACE_ALLOC_NID, size, align, nid);
again:
	ret = memblock_alloc_base_nid(size, align, MEMBLOCK_ALLOC_ACCESSIBLE,
				      nid, flags);

	if (!ret && (flags & MEMBLOCK_MIRROR)) {
		flags &= ~MEMBLOCK_MIRROR;
		goto again;
	}
	return trace_memblock_ret(ret);
}

/**
 * __memblock_alloc_base - allocate below a limit, or return 0
 * @size: size of memory block to be allocated in bytes
 * @align: alignment, 0 for SMP_CACHE_BYTES
 * @max_addr: the upper bound, or %MEMBLOCK_ALLOC_{ANYWHERE|ACCESSIBLE}
 *
 * Reserve and return @size bytes inside [0, @max_addr) on any node.
 *
 * Return: physical address of the block on success, 0 on failure.
 */
phys_addr_t __memblock_alloc_base(phys_addr_t size, phys_addr_t align,
				  phys_addr_t max_addr)
{
	phys_addr_t found;

	trace_memblock_call(MEMBLOCK_TRACE___ALLOC_BASE, size, align, max_addr);
	found = memblock_alloc_base_nid(size, align, max_addr, NUMA_NO_NODE,
					MEMBLOCK_NONE);
	return trace_memblock_ret(found);
}

/**
 * memblock_alloc_base - allocate below a limit, or panic
 * @size: size of memory block to be allocated in bytes
 * @align: alignment, 0 for SMP_CACHE_BYTES
 * @max_addr: the upper bound, or %MEMBLOCK_ALLOC_{ANYWHERE|ACCESSIBLE}
 *
 * Reserve and return @size bytes inside [0, @max_addr) on any node.  Early
 * boot cannot go on without the memory, so failing panics.
 *
 * Return: physical address of the block; never 0.
 */
phys_addr_t memblock_alloc_base(phys_addr_t size, phys_addr_t align,
				phys_addr_t max_addr)
{
	phys_addr_t alloc;

	trace_memblock_call(MEMBLOCK_TRACE_ALLOC_BASE, size, align, max_addr);
	alloc = __memblock_alloc_base(size, align, max_addr);

	if (alloc == 0)
		memblock_panic("ERROR: Failed to allocate 0x%016llx bytes below 0x%016llx.\n",
			       (unsigned long long)size,
			       (unsigned long long)max_addr);

	return trace_memblock_ret(alloc);
}

/**
 * memblock_alloc - allocate below the current limit, or panic
 * @size: size of memory block to be allocated in bytes
 * @align: alignment, 0 for SMP_CACHE_BYTES
 *
 * Reserve and return @size bytes below memblock.current_limit.
 *
 * Return: physical address of the block; never 0.
 */
phys_addr_t memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t alloc;

	trace_memblock_call(MEMBLOCK_TRACE_ALLOC, size, align);
	alloc = memblock_alloc_base(size, align, MEMBLOCK_ALLOC_ACCESSIBLE);
	return trace_memblock_ret(alloc);
}

/**
 * memblock_alloc_try_nid - allocate on a node, else anywhere, else panic
 * @size: size of memory block to be allocated in bytes
 * @align: alignment, 0 for SMP_CACHE_BYTES
 * @nid: preferred node
 *
 * Return: physical address of the block; never 0.
 */
phys_addr_t memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				   int nid)
{
	phys_addr_t res;

	trace_memblock_call(MEMBLOCK_TRACE_ALLOC_TRY_NID, size, align, nid);
	res = memblock_alloc_nid(size, align, nid);
	if (res)
		return trace_memblock_ret(res);
	res = memblock_alloc_base(size, align, MEMBLOCK_ALLOC_ACCESSIBLE);
	return trace_memblock_ret(res);
}

/**
 * memblock_phys_alloc_range - mainline's allocate-in-range on the same chain
 * @size: size of memory block to be allocated in bytes
 * @align: alignment, 0 for SMP_CACHE_BYTES
 * @start: the lower bound of the memory region to allocate
 * @end: the upper bound, or %MEMBLOCK_ALLOC_{ANYWHERE|ACCESSIBLE}
 *
 * Reserve and return @size bytes inside [@start, @end) on any node,
 * mirrored memory first when some memory is mirrored.
 *
 * Return: physical address of the block on success, 0 on failure.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end)
{
	ulong flags = choose_memblock_flags();
	phys_addr_t ret;

	trace_memblock_call(MEMBLOCK_TRACE_PHYS_ALLOC_RANGE, size, align, start,
			    end);
again:
	ret = memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE,
				       flags);
	if (!ret && (flags & MEMBLOCK_MIRROR)) {
		memblock_printf("Could not allocate 0x%016llx bytes of mirrored memory\n",
				(unsigned long long)size);
		flags &= ~MEMBLOCK_MIRROR;
		goto again;
	}
	return trace_memblock_ret(ret);
}
