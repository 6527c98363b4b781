/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

/*
 * Shared by the unit test files: sizes, the base of simulated DRAM, and one
 * entry point per API group (each file is one group).
 *
 * Pictures in the test comments show physical addresses growing to the
 * right: "|" is the edge of what the picture covers, "+---+" a region,
 * "r1", "r2" ... regions of the type under test, "~~~" reserved memory,
 * "..." a gap.
 */

#include <stdio.h>
#include <string.h>

#include "ht.h"

#define SZ_64		0x40ull
#define SZ_128		0x80ull
#define SZ_256		0x100ull
#define SZ_512		0x200ull
#define SZ_1K		0x400ull
#define SZ_2K		0x800ull
#define SZ_4K		0x1000ull
#define SZ_8K		0x2000ull
#define SZ_16K		0x4000ull
#define SZ_32K		0x8000ull
#define SZ_64K		0x10000ull
#define SZ_128K		0x20000ull
#define SZ_256K		0x40000ull
#define SZ_512K		0x80000ull
#define SZ_1M		0x100000ull
#define SZ_2M		0x200000ull
#define SZ_4M		0x400000ull
#define SZ_8M		0x800000ull
#define SZ_16M		0x1000000ull
#define SZ_128M		0x8000000ull

/* What mm/ printed since the last ht_log_clear() starts with @p. */
#define HT_ASSERT_PREFIX(p)						\
	do {								\
		if (strncmp(ht_log(), p, strlen(p)))			\
			HT_FAIL("log \"%s\" does not start with \"%s\"", \
				ht_log(), p);				\
	} while (0)

/* Where the tests put DRAM, as on QEMU virt. */
#define DRAM		0x80000000ull

void test_add_group(void);
void test_remove_group(void);
void test_reserve_free_group(void);
void test_marks_group(void);
void test_alloc_group(void);
void test_find_group(void);
void test_iter_group(void);
void test_query_group(void);
void test_dump_group(void);
void test_bad_input_group(void);
void test_double_group(void);
void test_trim_limit_group(void);
void test_bootmem_group(void);
void test_pfn_group(void);
void test_gaptree_group(void);

#endif /* TESTS_UNIT_UNIT_H */
