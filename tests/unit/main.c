// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of mm/, one file per API group, run under every find/update
 * strategy combination (issue 4: each must behave as Linux 4.12).
 *
 *   unit_tests [-v] [--combo N] [FILTER]
 *
 * -v         name each test and echo what mm/ prints
 * --combo N  only combination N (0: find linear, update linear = 4.12)
 * FILTER     only tests or groups whose name contains FILTER
 *
 * Silent on success but for the last line, "N passed, N failed, N skipped"
 * (tests x combinations); a skipped test prints one SKIP line saying why.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static void (*const groups[])(void) = {
	test_add_group,		test_remove_group,	test_reserve_free_group,
	test_marks_group,	test_alloc_group,	test_find_group,
	test_iter_group,	test_query_group,	test_dump_group,
	test_bad_input_group,	test_double_group,	test_trim_limit_group,
	test_gaptree_group,	test_bootmem_group,	test_pfn_group,
};

int main(int argc, char **argv)
{
	int only = -1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			ht_verbose = true;
		else if (!strcmp(argv[i], "--combo") && i + 1 < argc)
			only = atoi(argv[++i]);
		else if (argv[i][0] != '-')
			ht_filter = argv[i];
		else {
			fprintf(stderr, "usage: %s [-v] [--combo N] [FILTER]\n",
				argv[0]);
			return 2;
		}
	}

	for (int c = 0; c < ht_combo_count(); c++) {
		if (only >= 0 && c != only)
			continue;
		ht_combo_apply(c);
		ht_context = ht_combo_name(c);
		for (size_t g = 0; g < HT_ARRAY_SIZE(groups); g++)
			groups[g]();
	}
	memblock_set_find_strategy(MEMBLOCK_FIND_LINEAR);
	memblock_set_update_strategy(MEMBLOCK_UPDATE_LINEAR);

	printf("%lu passed, %lu failed, %lu skipped\n", ht_passed, ht_failed,
	       ht_skipped);
	return ht_failed ? 1 : 0;
}
