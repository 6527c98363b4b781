// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The memblock part of Linux 4.12's include/linux/bootmem.h, as 4.12's
 * mm/memblock.c implements it: allocations that hand out zeroed memory
 * through __va(), and the early and late frees.
 *
 *   memblock_virt_alloc*() (inline in mm/memblock.h)
 *     -> memblock_virt_alloc_try_nid[_nopanic](size, align, min_addr,
 *                                              max_addr, nid)
 *       -> memblock_virt_alloc_internal(): @max_addr capped at
 *          memblock.current_limit; find and reserve on @nid, then on any
 *          node; then the same without @min_addr; then without the mirror
 *          preference; the block zeroed through memblock_phys_to_virt().
 *
 * 4.12 hands such requests to kzalloc_node() once the slab allocator is
 * up, and tells kmemleak about the blocks; neither exists here.
 */

#include <string.h>

#include "memblock_internal.h"

/* The memblock=debug line of both allocation calls. */
static void trace_virt_alloc(const char *func, phys_addr_t size,
			     phys_addr_t align, int nid, phys_addr_t min_addr,
			     phys_addr_t max_addr, unsigned long ip)
{
	if (!memblock_debug)
		return;
	memblock_printf("%s: %llu bytes align=0x%llx nid=%d from=0x%llx max_addr=0x%llx ",
			func, (unsigned long long)size,
			(unsigned long long)align, nid,
			(unsigned long long)min_addr,
			(unsigned long long)max_addr);
	memblock_print_caller(ip);
}

/*
 * The memblock=debug line of both frees.  The kernel's %#016llx counts
 * the 0x in the width and prints it for 0 too: 0x and 14 digits.
 */
static void trace_free(const char *func, phys_addr_t base, phys_addr_t size,
		       unsigned long ip)
{
	if (!memblock_debug)
		return;
	memblock_printf("%s: [0x%014llx-0x%014llx] ", func,
			(unsigned long long)base,
			(unsigned long long)(base + size - 1));
	memblock_print_caller(ip);
}

/*
 * Requests 4.12 would mishandle, refused once with one line: 0 bytes (an
 * address would come back with nothing reserved, beyond the end of memory
 * if the top is free) and an alignment that is not a power of two.
 */
static bool virt_alloc_refused(phys_addr_t size, phys_addr_t align)
{
	if (!size) {
		memblock_printf("memblock: refusing an allocation of 0 bytes\n");
		return true;
	}
	if (!is_power_of_2(align)) {
		memblock_printf("memblock: refusing 0x%llx bytes at alignment 0x%llx: not a power of two\n",
				(unsigned long long)size,
				(unsigned long long)align);
		return true;
	}
	return false;
}

static phys_addr_t find_and_reserve(phys_addr_t size, phys_addr_t align,
				    phys_addr_t min_addr, phys_addr_t max_addr,
				    int nid, ulong flags)
{
	phys_addr_t alloc;

	alloc = memblock_find_in_range_node(size, align, min_addr, max_addr,
					    nid, flags);
	if (alloc && !memblock_reserve(alloc, size))
		return alloc;
	return 0;
}

/*
 * 4.12's memblock_virt_alloc_internal().  The order of the retries is
 * 4.12's: @min_addr is dropped before the mirror preference, so with
 * mirrored memory a block below @min_addr in mirrored memory wins over
 * one above it in plain memory.
 */
static void *memblock_virt_alloc_internal(phys_addr_t size, phys_addr_t align,
					  phys_addr_t min_addr,
					  phys_addr_t max_addr, int nid)
{
	ulong flags = choose_memblock_flags();
	phys_addr_t alloc;
	void *ptr;

	nid = memblock_nid_or_any(nid);

	if (!align)
		align = SMP_CACHE_BYTES;
	if (virt_alloc_refused(size, align))
		return NULL;

	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;
again:
	alloc = find_and_reserve(size, align, min_addr, max_addr, nid, flags);
	if (!alloc && nid != NUMA_NO_NODE)
		alloc = find_and_reserve(size, align, min_addr, max_addr,
					 NUMA_NO_NODE, flags);
	if (alloc)
		goto done;

	if (min_addr) {
		min_addr = 0;
		goto again;
	}

	if (flags & MEMBLOCK_MIRROR) {
		flags &= ~MEMBLOCK_MIRROR;
		memblock_printf("Could not allocate 0x%016llx bytes of mirrored memory\n",
				(unsigned long long)size);
		goto again;
	}

	return NULL;
done:
	ptr = memblock_phys_to_virt(alloc);
	memset(ptr, 0, size);
	return ptr;
}

/**
 * memblock_virt_alloc_try_nid_nopanic - allocate zeroed boot memory
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the region and block's size, 0 for SMP_CACHE_BYTES
 * @min_addr: the lower bound of the memory region from where the allocation
 *	      is preferred (phys address)
 * @max_addr: the upper bound of the memory region from where the allocation
 *	      is preferred (phys address), or %BOOTMEM_ALLOC_ACCESSIBLE to
 *	      allocate only from memory limited by memblock.current_limit value
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 *
 * Reserve @size bytes in [@min_addr, @max_addr) on node @nid, never above
 * memblock.current_limit (%BOOTMEM_ALLOC_ANYWHERE is capped there too),
 * and zero them.  If that fails, any node will do; then anything below
 * @max_addr; then, when some memory is mirrored, memory that is not.
 * memblock=debug prints the request and the caller first.
 *
 * Return: virtual address of the block (memblock_phys_to_virt()) on
 * success, NULL on failure.
 */
void *memblock_virt_alloc_try_nid_nopanic(phys_addr_t size, phys_addr_t align,
					  phys_addr_t min_addr,
					  phys_addr_t max_addr, int nid)
{
	trace_virt_alloc(__func__, size, align, nid, min_addr, max_addr,
			 _RET_IP_);
	return memblock_virt_alloc_internal(size, align, min_addr, max_addr,
					    nid);
}

/**
 * memblock_virt_alloc_try_nid - allocate zeroed boot memory, or panic
 * @size: size of memory block to be allocated in bytes
 * @align: alignment of the region and block's size, 0 for SMP_CACHE_BYTES
 * @min_addr: the lower bound of the memory region from where the allocation
 *	      is preferred (phys address)
 * @max_addr: the upper bound of the memory region from where the allocation
 *	      is preferred (phys address), or %BOOTMEM_ALLOC_ACCESSIBLE to
 *	      allocate only from memory limited by memblock.current_limit value
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 *
 * memblock_virt_alloc_try_nid_nopanic(), but a request that cannot be met
 * panics with 4.12's message, which repeats the arguments as given.
 *
 * Return: virtual address of the block; never NULL.
 */
void *memblock_virt_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				  phys_addr_t min_addr, phys_addr_t max_addr,
				  int nid)
{
	void *ptr;

	trace_virt_alloc(__func__, size, align, nid, min_addr, max_addr,
			 _RET_IP_);
	ptr = memblock_virt_alloc_internal(size, align, min_addr, max_addr,
					   nid);
	if (ptr)
		return ptr;

	memblock_panic("%s: Failed to allocate %llu bytes align=0x%llx nid=%d from=0x%llx max_addr=0x%llx\n",
		       __func__, (unsigned long long)size,
		       (unsigned long long)align, nid,
		       (unsigned long long)min_addr,
		       (unsigned long long)max_addr);
}

/**
 * __memblock_free_early - free boot memory block
 * @base: phys starting address of the boot memory block
 * @size: size of the boot memory block in bytes
 *
 * Free [@base, @base + @size), allocated by the memblock_virt_alloc*()
 * API, back to memblock: the range is no longer reserved.  memblock_free()
 * with its own memblock=debug line; a range that is not reserved is
 * ignored.
 */
void __memblock_free_early(phys_addr_t base, phys_addr_t size)
{
	trace_free(__func__, base, size, _RET_IP_);
	memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * memblock_release_pages - where __memblock_free_late() hands its pages
 * @start_pfn: first page frame
 * @end_pfn: page frame after the last
 *
 * 4.12 gives each page to the buddy allocator.  There is none here: this
 * weak default drops them; an environment that has one provides its own.
 */
__attribute__((weak)) void memblock_release_pages(unsigned long start_pfn,
						  unsigned long end_pfn)
{
	(void)start_pfn;
	(void)end_pfn;
}

/**
 * __memblock_free_late - free boot memory pages to the page allocator
 * @base: phys starting address of the boot memory block
 * @size: size of the boot memory block in bytes
 *
 * For when memblock has handed over to the page allocator: memblock's
 * arrays are left as they are (in 4.12 they may be gone), and the pages
 * that [@base, @base + @size) holds whole go to memblock_release_pages().
 * A range that wraps past the top of the address space is cut there.
 */
void __memblock_free_late(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end;

	trace_free(__func__, base, size, _RET_IP_);
	end = base + memblock_cap_size(base, &size);
	if (PFN_UP(base) < PFN_DOWN(end))
		memblock_release_pages(PFN_UP(base), PFN_DOWN(end));
}
