// SPDX-License-Identifier: GPL-2.0-or-later
/* The host-test harness; see ht.h. */

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ht.h"

unsigned long ht_passed, ht_failed, ht_skipped;
const char *ht_filter;
const char *ht_context = "";

static jmp_buf ht_test_jmp;
static const char *ht_current;

void ht_info(const char *fmt, ...)
{
	va_list ap;

	if (!ht_verbose)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void ht_fail_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL %s%s%s: %s:%d: ", ht_current ? ht_current : "?",
	       *ht_context ? " " : "", ht_context, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ht_verbose) {
		printf("  memory:\n");
		ht_print_type(&memblock.memory);
		printf("  reserved:\n");
		ht_print_type(&memblock.reserved);
	}
	fflush(stdout);
	longjmp(ht_test_jmp, 1);
}

void ht_skip(const char *why)
{
	static const char *said;

	/* once per test, not once per strategy combination */
	if (ht_verbose || said != ht_current)
		printf("SKIP %s: %s\n", ht_current ? ht_current : "?", why);
	said = ht_current;
	longjmp(ht_test_jmp, 2);
}

static __attribute__((noreturn)) void ht_unexpected_in_test(const char *msg)
{
	ht_fail_at("mm", 0, "unexpected panic or bad address: %s", msg);
}

void ht_run_cases(const char *group, const struct ht_case *cases, size_t n)
{
	for (volatile size_t i = 0; i < n; i++) {
		if (ht_filter && !strstr(cases[i].name, ht_filter) &&
		    !strstr(group, ht_filter))
			continue;
		ht_current = cases[i].name;
		ht_info("--- %s/%s %s\n", group, cases[i].name, ht_context);
		ht_env_reset();
		ht_unexpected = ht_unexpected_in_test;
		switch (setjmp(ht_test_jmp)) {
		case 0:
			cases[i].fn();
			ht_passed++;
			break;
		case 2:
			ht_skipped++;
			break;
		default:
			ht_failed++;
			break;
		}
		ht_env_reset();
		ht_current = NULL;
	}
}

void ht_print_type(const struct memblock_type *type)
{
	printf("    %s: cnt %lu max %lu total_size 0x%llx\n",
	       type->name ? type->name : "?", type->cnt, type->max,
	       (unsigned long long)type->total_size);
	for (unsigned long i = 0; i < type->cnt && i < type->max; i++) {
		const struct memblock_region *r = &type->regions[i];

		/* the first 16 and the last 4 tell the story */
		if (i == 16 && type->cnt > 20) {
			printf("    ...\n");
			i = type->cnt - 5;
			continue;
		}
		printf("    [%lu] 0x%llx..0x%llx size 0x%llx flags 0x%lx nid %d\n",
		       i, (unsigned long long)r->base,
		       (unsigned long long)(r->base + r->size),
		       (unsigned long long)r->size, r->flags, r->nid);
	}
}

const char *ht_check_type(const struct memblock_type *type)
{
	static char why[256];
	phys_addr_t sum = 0;

	if (type->cnt < 1 || type->cnt > type->max) {
		snprintf(why, sizeof(why), "%s: cnt %lu, max %lu", type->name,
			 type->cnt, type->max);
		return why;
	}
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->size == 0 && !(type->cnt == 1 && r->base == 0 &&
				      r->flags == 0)) {
			snprintf(why, sizeof(why), "%s[%lu]: empty region at 0x%llx",
				 type->name, i, (unsigned long long)r->base);
			return why;
		}
		if (r->size > PHYS_ADDR_MAX - r->base) {
			snprintf(why, sizeof(why), "%s[%lu]: 0x%llx + 0x%llx wraps",
				 type->name, i, (unsigned long long)r->base,
				 (unsigned long long)r->size);
			return why;
		}
		sum += r->size;
		if (i + 1 < type->cnt) {
			const struct memblock_region *n = r + 1;

			if (r->base + r->size > n->base) {
				snprintf(why, sizeof(why),
					 "%s[%lu..%lu]: unsorted or overlapping",
					 type->name, i, i + 1);
				return why;
			}
			if (r->base + r->size == n->base && r->nid == n->nid &&
			    r->flags == n->flags) {
				snprintf(why, sizeof(why),
					 "%s[%lu..%lu]: not merged", type->name,
					 i, i + 1);
				return why;
			}
		}
	}
	if (sum != type->total_size) {
		snprintf(why, sizeof(why), "%s: total_size 0x%llx, sum 0x%llx",
			 type->name, (unsigned long long)type->total_size,
			 (unsigned long long)sum);
		return why;
	}
	/* the gap index follows the reserved array (mm/gaptree.c) */
	if (type == &memblock.reserved && memblock_gaptree_check()) {
		snprintf(why, sizeof(why),
			 "the gap index disagrees with reserved (see the log)");
		return why;
	}
	return NULL;
}

void ht_expect_regions(const char *file, int line,
		       const struct memblock_type *type,
		       const struct ht_rgn *want, size_t n)
{
	const char *why = ht_check_type(type);

	if (why)
		ht_fail_at(file, line, "invariant: %s", why);
	if (n == 0) {
		const struct memblock_region *r = &type->regions[0];

		if (type->cnt != 1 || r->base || r->size || r->flags ||
		    type->total_size)
			ht_fail_at(file, line, "%s: want the empty array",
				   type->name);
		return;
	}
	if (type->cnt != n)
		ht_fail_at(file, line, "%s.cnt: got %lu, want %zu", type->name,
			   type->cnt, n);
	for (size_t i = 0; i < n; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->base != want[i].base || r->size != want[i].size ||
		    r->flags != want[i].flags || r->nid != want[i].nid)
			ht_fail_at(file, line,
				   "%s[%zu]: got {0x%llx, 0x%llx, 0x%lx, %d}, want {0x%llx, 0x%llx, 0x%lx, %d}",
				   type->name, i, (unsigned long long)r->base,
				   (unsigned long long)r->size, r->flags, r->nid,
				   (unsigned long long)want[i].base,
				   (unsigned long long)want[i].size,
				   want[i].flags, want[i].nid);
	}
}

/* ---- strategy combinations ---- */

int ht_combo_count(void)
{
	return MEMBLOCK_FIND_NR * MEMBLOCK_UPDATE_NR;
}

void ht_combo_apply(int i)
{
	memblock_set_find_strategy((enum memblock_find_strategy)(i / MEMBLOCK_UPDATE_NR));
	memblock_set_update_strategy((enum memblock_update_strategy)(i % MEMBLOCK_UPDATE_NR));
}

const char *ht_combo_name(int i)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "find=%s,update=%s",
		 memblock_find_strategy_name((enum memblock_find_strategy)(i / MEMBLOCK_UPDATE_NR)),
		 memblock_update_strategy_name((enum memblock_update_strategy)(i % MEMBLOCK_UPDATE_NR)));
	return buf;
}
