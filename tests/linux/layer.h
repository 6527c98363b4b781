/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_LINUX_LAYER_H
#define TESTS_LINUX_LAYER_H

/*
 * The mainline (Linux 6.1) memblock calls whose name or signature 4.12
 * does not share, each on the 4.12 call of mm/ with the same meaning
 * (layer.c).  include/linux/memblock.h maps the mainline names onto these
 * for the code of Linux's test suite; see the table in README.md.
 */

#include "mm/memblock.h"

/* Linux's tools/ build of the suite: SMP_CACHE_BYTES is L1_CACHE_BYTES, 32. */
#define LT_SMP_CACHE_BYTES	32

int lt_memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
			 unsigned long flags);
void lt_memblock_free(void *ptr, size_t size);
int lt_memblock_phys_free(phys_addr_t base, phys_addr_t size);

phys_addr_t lt_memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
					 phys_addr_t start, phys_addr_t end);
void *lt_memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				phys_addr_t min_addr, phys_addr_t max_addr,
				int nid);
void *lt_memblock_alloc(phys_addr_t size, phys_addr_t align);
void *lt_memblock_alloc_from(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr);
void *lt_memblock_alloc_low(phys_addr_t size, phys_addr_t align);
void *lt_memblock_alloc_node(phys_addr_t size, phys_addr_t align, int nid);

/*
 * Mainline calls 4.12 has no call for (they leave the memory as it was):
 * the check that made the call is not applicable.  lt_not_applicable()
 * does not return; the runner (main.c) defines it.
 */
__attribute__((noreturn)) void lt_not_applicable(const char *call);
void *lt_memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				    phys_addr_t min_addr, phys_addr_t max_addr,
				    int nid);
void *lt_memblock_alloc_raw(phys_addr_t size, phys_addr_t align);
void *lt_memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				      phys_addr_t min_addr,
				      phys_addr_t max_addr, int nid);

#endif /* TESTS_LINUX_LAYER_H */
