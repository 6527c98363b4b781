// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Mainline memblock calls on mm/'s 4.12 API: each one the 4.12 call with the
 * same meaning, the arguments translated where 4.12 spells them otherwise.
 * What 4.12 cannot do is not imitated: those calls end the check as not
 * applicable.
 *
 * Mainline's alignment 0 means its SMP_CACHE_BYTES; the suite is built with
 * tools/'s 32, so 0 becomes 32 here rather than mm/'s 64 (the suite always
 * passes its SMP_CACHE_BYTES itself, so mm/'s own default is never asked).
 */

#include "layer.h"

static phys_addr_t mainline_align(phys_addr_t align)
{
	return align ? align : LT_SMP_CACHE_BYTES;
}

/* 6.1 takes the region's flags too; 4.12 has them in memblock_add_range(). */
int lt_memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
			 unsigned long flags)
{
	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

/* 6.1's memblock_free() takes the block's virtual address. */
void lt_memblock_free(void *ptr, size_t size)
{
	memblock_free(memblock_virt_to_phys(ptr), size);
}

/* 6.1's memblock_phys_free() is 4.12's memblock_free(). */
int lt_memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	return memblock_free(base, size);
}

phys_addr_t lt_memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
					 phys_addr_t start, phys_addr_t end)
{
	return memblock_phys_alloc_range(size, mainline_align(align), start,
					 end);
}

/*
 * 6.1's memblock_alloc_try_nid() no longer panics: it is 4.12's
 * memblock_virt_alloc_try_nid_nopanic().
 */
void *lt_memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				phys_addr_t min_addr, phys_addr_t max_addr,
				int nid)
{
	return memblock_virt_alloc_try_nid_nopanic(size, mainline_align(align),
						   min_addr, max_addr, nid);
}

void *lt_memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_virt_alloc_nopanic(size, mainline_align(align));
}

void *lt_memblock_alloc_from(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr)
{
	return memblock_virt_alloc_from_nopanic(size, mainline_align(align),
						min_addr);
}

void *lt_memblock_alloc_low(phys_addr_t size, phys_addr_t align)
{
	return memblock_virt_alloc_low_nopanic(size, mainline_align(align));
}

/* 4.12's memblock_virt_alloc_node_nopanic() has no alignment argument. */
void *lt_memblock_alloc_node(phys_addr_t size, phys_addr_t align, int nid)
{
	return memblock_virt_alloc_try_nid_nopanic(size, mainline_align(align),
						   BOOTMEM_LOW_LIMIT,
						   BOOTMEM_ALLOC_ACCESSIBLE,
						   nid);
}

void *lt_memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				    phys_addr_t min_addr, phys_addr_t max_addr,
				    int nid)
{
	(void)size, (void)align, (void)min_addr, (void)max_addr, (void)nid;
	lt_not_applicable("memblock_alloc_try_nid_raw");
}

void *lt_memblock_alloc_raw(phys_addr_t size, phys_addr_t align)
{
	(void)size, (void)align;
	lt_not_applicable("memblock_alloc_raw");
}

void *lt_memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				      phys_addr_t min_addr,
				      phys_addr_t max_addr, int nid)
{
	(void)size, (void)align, (void)min_addr, (void)max_addr, (void)nid;
	lt_not_applicable("memblock_alloc_exact_nid_raw");
}
