// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target of platform/dt.c: any blob that passes fdt_check_header()
 * (and is no longer than the input) goes through the payload's device tree
 * scans with the real mm/; afterwards both memblock types must still hold
 * memblock's invariants: sorted, non-overlapping, merged (no two touching
 * neighbours with the same node and flags), total_size equal to the sum,
 * cnt within max, and the empty array written as 4.12 writes it.  A
 * violation, a memblock panic or a sanitizer report is a finding.
 *
 * The arrays never grow here (memblock_allow_resize() is not called): a
 * doubled array would be written at a guest physical address.  Dynamic
 * regions are only reserved, never written, so they are safe to place.
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/memblock.h"
#include "platform/dt.h"
#include "tests/common/env.h"

#define FAIL(type, ...)							\
	do {								\
		fprintf(stderr, "fuzz_dt: %s: ", (type)->name);	\
		fprintf(stderr, __VA_ARGS__);				\
		fprintf(stderr, "\n");					\
		abort();						\
	} while (0)

static void check_type(const struct memblock_type *t)
{
	phys_addr_t sum = 0;
	unsigned long i;

	if (t->cnt < 1 || t->cnt > t->max)
		FAIL(t, "cnt %lu, max %lu", t->cnt, t->max);
	if (t->cnt == 1 && t->regions[0].size == 0) {
		if (t->total_size)
			FAIL(t, "empty but total_size 0x%llx",
			     (unsigned long long)t->total_size);
		return;
	}
	for (i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		if (!r->size)
			FAIL(t, "region %lu has size 0", i);
		if (r->base + r->size < r->base || r->base + r->size - 1 == PHYS_ADDR_MAX)
			FAIL(t, "region %lu wraps or reaches 2^64", i);
		sum += r->size;
		if (i == 0)
			continue;
		const struct memblock_region *p = &t->regions[i - 1];

		if (p->base + p->size > r->base)
			FAIL(t, "regions %lu and %lu overlap or are unsorted", i - 1, i);
		if (p->base + p->size == r->base && p->nid == r->nid &&
		    p->flags == r->flags)
			FAIL(t, "regions %lu and %lu touch and were not merged", i - 1, i);
	}
	if (sum != t->total_size)
		FAIL(t, "total_size 0x%llx, regions sum to 0x%llx",
		     (unsigned long long)t->total_size, (unsigned long long)sum);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!freopen("/dev/null", "w", stdout))	/* dt.c's messages */
		abort();
	ht_log_capture = false;		/* and mm/'s: nobody reads them */
	ht_ram_identity = true;		/* the blob is host memory */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *fdt;

	if (size < sizeof(struct fdt_header) || size > (1 << 20))
		return 0;
	fdt = malloc(size);	/* 8-aligned, as the payload's blob is */
	if (!fdt)
		return 0;
	memcpy(fdt, data, size);
	if (fdt_check_header(fdt) || fdt_totalsize(fdt) > size) {
		free(fdt);
		return 0;
	}

	memblock_reset();
	if (!dt_init(fdt) && !dt_scan_memory(fdt) && !dt_scan_reserved_mem(fdt))
		dt_alloc_reserved_mem(fdt);
	check_type(&memblock.memory);
	check_type(&memblock.reserved);
	free(fdt);
	return 0;
}
