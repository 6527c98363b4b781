/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_COMMON_HT_H
#define TESTS_COMMON_HT_H

/*
 * ht: the host-test harness.  A test is a void function; an assertion that
 * fails prints where and why and ends the test (longjmp), the run goes on.
 * Silent on success; ht_verbose (-v) prints each test and what mm/ prints.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "env.h"
#include "memblock.h"

#ifndef ENOMEM
#define ENOMEM 12
#endif

struct ht_case {
	const char *name;
	void (*fn)(void);
};

#define HT_CASE(fn) { #fn, fn }
#define HT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Run @n cases of one API group; counts go to the totals below. */
void ht_run_cases(const char *group, const struct ht_case *cases, size_t n);
extern unsigned long ht_passed, ht_failed, ht_skipped;
extern const char *ht_filter;	/* run only tests whose name contains it */
extern const char *ht_context;	/* printed with failures, e.g. strategies */

__attribute__((noreturn, format(printf, 3, 4)))
void ht_fail_at(const char *file, int line, const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void ht_info(const char *fmt, ...);

#define HT_FAIL(...) ht_fail_at(__FILE__, __LINE__, __VA_ARGS__)

/* End the test as skipped, saying why (printed, and counted). */
__attribute__((noreturn)) void ht_skip(const char *why);

#define HT_ASSERT(cond)							\
	do {								\
		if (!(cond))						\
			HT_FAIL("assertion failed: %s", #cond);		\
	} while (0)

#define HT_ASSERT_EQ(a, b)						\
	do {								\
		unsigned long long ht_a_ = (unsigned long long)(a);	\
		unsigned long long ht_b_ = (unsigned long long)(b);	\
		if (ht_a_ != ht_b_)					\
			HT_FAIL("%s == %s: got 0x%llx (%lld), want 0x%llx (%lld)", \
				#a, #b, ht_a_, (long long)ht_a_, ht_b_,	\
				(long long)ht_b_);			\
	} while (0)

#define HT_ASSERT_STREQ(a, b)						\
	do {								\
		const char *ht_sa_ = (a), *ht_sb_ = (b);		\
		if (strcmp(ht_sa_, ht_sb_) != 0)			\
			HT_FAIL("%s:\n--- got\n%s--- want\n%s---", #a,	\
				ht_sa_, ht_sb_);			\
	} while (0)

/* HT_ASSERT_PANIC(stmt, "exact message") */
#define HT_ASSERT_PANIC(stmt, msg)					\
	do {								\
		if (!HT_PANICS(stmt))					\
			HT_FAIL("%s did not panic", #stmt);		\
		HT_ASSERT_STREQ(ht_panic_msg(), msg);			\
	} while (0)

/* Expected region, for HT_REGIONS(). */
struct ht_rgn {
	phys_addr_t base;
	phys_addr_t size;
	unsigned long flags;
	int nid;
};

/*
 * HT_REGIONS(&memblock.memory, {base, size, flags, nid}, ...): the array
 * holds exactly these regions (cnt, each field, total_size) and passes
 * ht_check_type().  HT_EMPTY(type): the 4.12 empty array (cnt 1, one
 * zero-size region at 0, flags 0; its nid is not checked).
 */
#define HT_REGIONS(type, ...)						\
	ht_expect_regions(__FILE__, __LINE__, type,			\
			  (const struct ht_rgn[]){ __VA_ARGS__ },	\
			  sizeof((const struct ht_rgn[]){ __VA_ARGS__ }) / \
				  sizeof(struct ht_rgn))
#define HT_EMPTY(type) ht_expect_regions(__FILE__, __LINE__, type, NULL, 0)

void ht_expect_regions(const char *file, int line,
		       const struct memblock_type *type,
		       const struct ht_rgn *want, size_t n);

/*
 * The structural invariants of a region array: 1 <= cnt <= max, sorted,
 * non-overlapping, no zero-size region but the lone dummy, no end past
 * 2^64 - 1, touching neighbours differ in nid or flags, total_size is the
 * sum; for memblock.reserved, the gap index (when built) agrees with it.
 * Returns NULL when they hold, else a description (static buffer).
 */
const char *ht_check_type(const struct memblock_type *type);
/* Both types, then HT_FAIL on the first broken invariant. */
#define HT_CHECK_INVARIANTS()						\
	do {								\
		const char *ht_w_ = ht_check_type(&memblock.memory);	\
		if (!ht_w_)						\
			ht_w_ = ht_check_type(&memblock.reserved);	\
		if (ht_w_)						\
			HT_FAIL("invariant: %s", ht_w_);		\
	} while (0)

/* Print a type's regions (for -v and failure reports). */
void ht_print_type(const struct memblock_type *type);

/*
 * Find/update strategy combinations (issue 4), so that every test can be
 * run under each.  ht_combo_apply(i) selects combination i.
 */
int ht_combo_count(void);
void ht_combo_apply(int i);
const char *ht_combo_name(int i);

#endif /* TESTS_COMMON_HT_H */
