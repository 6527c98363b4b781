// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linux's own memblock tests (tools/testing/memblock, v6.1) on mm/, under
 * one find/update strategy combination, without and with movable_node.
 *
 *   linux_suite [-v] [--find linear|binary|gaptree] [--update linear|binary]
 *
 * Prints one line: checks passed, failed and not applicable, for each of
 * the two runs.  -v adds the suite's own lines, each check that is not
 * applicable, and what mm/ prints.  Exit status 0 iff no check failed.
 *
 * The suite's groups run as its main() runs them.  A few of its functions
 * are compiled under other names (tests/linux.mk) and wrapped here:
 *
 *  - reset_memblock_regions(), and setup_memblock() and
 *    setup_numa_memblock() which call it: they write memblock.memory and
 *    memblock.reserved directly, so memblock_regions_changed() follows;
 *  - test_pass(), test_fail() and the prefix stack: to count the checks
 *    and name them.
 *
 * Not applicable: a call 4.12 has no equivalent for (the _raw allocations,
 * which leave memory as it was) ends the check through
 * lt_not_applicable().  Those calls only come in the second half of a
 * group, which reruns the first half's checks with the _raw call: that
 * half is counted as not applicable, check by check, and the group ends
 * there, as the suite's own code would end it.
 */

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/common/env.h"
#include "tests/linux/layer.h"

/* The suite's, declared in its tests/ headers. */
int memblock_basic_checks(void);
int memblock_alloc_checks(void);
int memblock_alloc_helpers_checks(void);
int memblock_alloc_nid_checks(void);
void parse_args(int argc, char **argv);
void dummy_physical_memory_cleanup(void);
extern bool lt_suite_movable_node_enabled;

/* The suite's own versions of what is wrapped below. */
void lt_suite_reset_memblock_regions(void);
void lt_suite_setup_memblock(void);
void lt_suite_setup_numa_memblock(const unsigned int node_fracs[]);
void lt_suite_test_pass(void);
void lt_suite_test_fail(void);
void lt_suite_prefix_push(const char *prefix);
void lt_suite_prefix_pop(void);
void lt_suite_prefix_reset(void);

static const struct {
	const char *name;
	int (*run)(void);
} groups[] = {
	{ "basic", memblock_basic_checks },
	{ "alloc", memblock_alloc_checks },
	{ "alloc_helpers", memblock_alloc_helpers_checks },
	{ "alloc_nid", memblock_alloc_nid_checks },
};

static bool verbose;

/* ---- Check names: the suite's prefix stack, mirrored ---------------- */

#define PREFIXES_MAX	15	/* the suite's */
#define NAME_MAX_LEN	256

static const char *prefixes[PREFIXES_MAX];
static int nr_prefixes;

static void check_name(char *buf, size_t len, int from)
{
	buf[0] = '\0';
	for (int i = from; i < nr_prefixes; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
			 i > from ? ": " : "", prefixes[i]);
}

void prefix_push(const char *prefix)
{
	if (nr_prefixes < PREFIXES_MAX)
		prefixes[nr_prefixes++] = prefix;
	lt_suite_prefix_push(prefix);
}

void prefix_pop(void)
{
	if (nr_prefixes > 0)
		nr_prefixes--;
	lt_suite_prefix_pop();
}

void prefix_reset(void)
{
	nr_prefixes = 0;
	lt_suite_prefix_reset();
}

/* ---- Counting ---------------------------------------------------------- */

struct totals {
	unsigned long passed, failed, not_applicable;
};

static struct totals run_totals;
static char line[256];		/* "linux suite find X update Y: ", then more */

/* The names of the checks passed in the current group, for its _raw half. */
static char (*group_passed)[NAME_MAX_LEN];
static unsigned long group_nr_passed, group_passed_max;
static jmp_buf group_end;

static void format_totals(char *buf, size_t len, const struct totals *t)
{
	snprintf(buf, len, "%lu passed, %lu failed, %lu n/a", t->passed,
		 t->failed, t->not_applicable);
}

void test_pass(void)
{
	if (group_nr_passed == group_passed_max) {
		group_passed_max = group_passed_max ? 2 * group_passed_max : 64;
		group_passed = realloc(group_passed,
				       group_passed_max * sizeof(*group_passed));
		if (!group_passed)
			abort();
	}
	check_name(group_passed[group_nr_passed++], NAME_MAX_LEN, 0);
	run_totals.passed++;
	lt_suite_test_pass();
}

/* The suite's assert() ends the process right after this: say so first. */
void test_fail(void)
{
	char name[NAME_MAX_LEN], totals[128];

	check_name(name, sizeof(name), 0);
	run_totals.failed++;
	format_totals(totals, sizeof(totals), &run_totals);
	printf("%sFAILED at %s (%s so far; the suite stops at its first failure)\n",
	       line, name, totals);
	fflush(stdout);
	lt_suite_test_fail();
}

void lt_not_applicable(const char *call)
{
	char rest[NAME_MAX_LEN];

	/* only the second half of a group makes these calls: check that */
	if (nr_prefixes == 0 || strcmp(prefixes[0], call)) {
		check_name(rest, sizeof(rest), 0);
		fprintf(stderr, "linux_suite: %s called in \"%s\", not in its group's second half: the suite changed, tests/linux/main.c must follow\n",
			call, rest);
		exit(1);
	}
	for (unsigned long i = 0; i < group_nr_passed; i++) {
		const char *after = strchr(group_passed[i], ':');

		run_totals.not_applicable++;
		if (verbose)
			printf("n/a %s%s (4.12 has no %s)\n", call,
			       after ? after : "", call);
	}
	/* what the suite's group does after its checks */
	dummy_physical_memory_cleanup();
	prefix_reset();
	longjmp(group_end, 1);
}

/* ---- The suite's writes to the arrays -------------------------------- */

/*
 * With --unannounced the writes are not followed by the call, as in code
 * that does not know it: mm/ must notice by itself (mm/gaptree.c).
 */
static bool unannounced;

static void announce(void)
{
	if (!unannounced)
		memblock_regions_changed();
}

void reset_memblock_regions(void)
{
	lt_suite_reset_memblock_regions();
	announce();
}

void setup_memblock(void)
{
	lt_suite_setup_memblock();
	announce();
}

void setup_numa_memblock(const unsigned int node_fracs[])
{
	lt_suite_setup_numa_memblock(node_fracs);
	announce();
}

/* ---- Runs -------------------------------------------------------------- */

static void run_suite(bool movable_node)
{
	memblock_reset();
	memblock_set_movable_node(movable_node);
	lt_suite_movable_node_enabled = movable_node;
	run_totals = (struct totals){ 0 };

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		group_nr_passed = 0;
		if (!setjmp(group_end))
			groups[g].run();
	}
}

static int strategy(const char *arg, int nr,
		    const char *(*name)(int), const char *what)
{
	for (int s = 0; s < nr; s++)
		if (!strcmp(arg, name(s)))
			return s;
	fprintf(stderr, "linux_suite: no %s strategy '%s'\n", what, arg);
	exit(2);
}

static const char *find_name(int s)
{
	return memblock_find_strategy_name(s);
}

static const char *update_name(int s)
{
	return memblock_update_strategy_name(s);
}

int main(int argc, char **argv)
{
	char *suite_argv[] = { argv[0], "-v", NULL };
	int find = MEMBLOCK_FIND_LINEAR, update = MEMBLOCK_UPDATE_LINEAR;
	char totals[128];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose = true;
		else if (!strcmp(argv[i], "--find") && i + 1 < argc)
			find = strategy(argv[++i], MEMBLOCK_FIND_NR, find_name,
					"find");
		else if (!strcmp(argv[i], "--update") && i + 1 < argc)
			update = strategy(argv[++i], MEMBLOCK_UPDATE_NR,
					  update_name, "update");
		else if (!strcmp(argv[i], "--unannounced"))
			unannounced = true;
		else {
			fprintf(stderr, "usage: %s [-v] [--find linear|binary|gaptree] [--update linear|binary] [--unannounced]\n",
				argv[0]);
			return 2;
		}
	}

	/* the suite's "physical" memory is malloc()ed: __va() is identity */
	ht_ram_identity = true;
	ht_log_capture = false;
	ht_verbose = verbose;
	if (verbose)
		parse_args(2, suite_argv);
	memblock_set_find_strategy(find);
	memblock_set_update_strategy(update);

	snprintf(line, sizeof(line), "linux suite find %-7s update %-6s%s: ",
		 find_name(find), update_name(update),
		 unannounced ? " (writes unannounced)" : "");
	run_suite(false);
	format_totals(totals, sizeof(totals), &run_totals);
	snprintf(line + strlen(line), sizeof(line) - strlen(line),
		 "%s; movable_node: ", totals);
	run_suite(true);
	format_totals(totals, sizeof(totals), &run_totals);
	printf("%s%s\n", line, totals);
	free(group_passed);
	return 0;
}
