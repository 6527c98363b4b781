// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The differential test: seeded random operation sequences run on mm/ and
 * on the reference model (model.c), under every find/update strategy
 * combination, compared after every step; see driver.h for what is
 * compared.
 *
 *   diff [-v] [--ops N] [--seed S] [--combo C] [--kind K] [--trace]
 *
 * --ops N   operations per strategy combination (default 1000000); each
 *           sequence is 20..1000 operations from a fresh memblock_reset()
 * --seed S  seed of the first sequence (sequence i uses S + i)
 * --combo C run only combination C (0 = find linear, update linear)
 * --kind K  only universe kind K (driver.h: 0 bytes, 1 units, 2 page 0,
 *           3 resize)
 * --trace   print every operation as C (use with --seed and --ops to get a
 *           repro of a failing sequence)
 *
 * A failing sequence is printed as C code from memblock_reset() to the
 * failing call, followed by what differed.  Last line: "N passed, N failed",
 * counting sequence x combination runs.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "driver.h"
#include "ht.h"

#define MAX_LEN 1000

static unsigned long seq_len(uint64_t seed)
{
	struct drv_src s;

	drv_src_seed(&s, seed * 31 + 7);
	return 20 + drv_below(&s, MAX_LEN - 19);
}

static void replay(struct drv *d, uint64_t seed, int kind, int combo,
		   unsigned long steps)
{
	struct drv_src src;

	printf("--- repro: seed %llu, %s (steps 0..%lu):\n",
	       (unsigned long long)seed, ht_combo_name(combo), steps);
	drv_src_seed(&src, seed);
	d->trace = true;
	drv_run(d, &src, kind, combo, steps + 1, NULL, false);
	d->trace = false;
	printf("--- %s\n", d->why[0] ? d->why : "(passes without digests)");
	/* the state the failing call met */
	drv_src_seed(&src, seed);
	drv_run(d, &src, kind, combo, steps, NULL, false);
	printf("--- state before step %lu:\n", steps);
	ht_print_type(&memblock.memory);
	ht_print_type(&memblock.reserved);
	printf("    limit %#llx, bottom_up %d, kernel_end %#llx\n",
	       (unsigned long long)memblock.current_limit, memblock.bottom_up,
	       (unsigned long long)ht_kernel_end);
}

int main(int argc, char **argv)
{
	unsigned long long ops = 1000000, seed = 1;
	int only_combo = -1, kind = -1, max_reports = 3;
	bool trace = false;
	static uint64_t digests[2][MAX_LEN + 1];
	unsigned long long passed = 0, failed = 0, seqs = 0;
	struct drv d;
	struct timespec t0, t1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			ht_verbose = true;
		else if (!strcmp(argv[i], "--trace"))
			trace = true;
		else if (!strcmp(argv[i], "--ops") && i + 1 < argc)
			ops = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--combo") && i + 1 < argc)
			only_combo = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--kind") && i + 1 < argc)
			kind = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: %s [-v] [--ops N] [--seed S] [--combo C] [--kind K] [--trace]\n",
				argv[0]);
			return 2;
		}
	}

	drv_init(&d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned long long done = 0; done < ops; seed++, seqs++) {
		unsigned long len = seq_len(seed);
		unsigned long ran = 0;
		bool first = true;
		bool recorded[2] = { false, false };
		uint64_t *dg[2] = { digests[0], digests[1] };

		if (len > ops - done)
			len = (unsigned long)(ops - done);
		for (int c = 0; c < ht_combo_count(); c++) {
			struct drv_src src;
			bool ok;

			if (only_combo >= 0 && c != only_combo)
				continue;
			int class;

			drv_src_seed(&src, seed);
			d.trace = trace;
			/* half the sequences with the index's footprint */
			d.footprint = seed & 1;
			/* and half with the index from the first search */
			d.gaptree_build_after = seed & 2 ? 8 : 0;
			class = drv_state_class(&d, c);
			ok = drv_run(&d, &src, kind, c, len, dg[class],
				     !recorded[class]);
			if (!recorded[class] && !ok)
				dg[class] = NULL;	/* nothing to compare with */
			recorded[class] = true;
			if (first)
				ran = d.step;
			first = false;
			if (ok) {
				passed++;
				continue;
			}
			failed++;
			printf("FAIL seed %llu %s: %s\n", seed, ht_combo_name(c),
			       d.why);
			if (max_reports-- > 0 && !trace)
				replay(&d, seed, kind, c, d.step);
		}
		done += ran ? ran : len;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	printf("diff: %llu sequences, %lu operations checked against the model (%llu per combination x %d combinations) in %.1f s\n",
	       seqs, d.ops, ops, only_combo >= 0 ? 1 : ht_combo_count(),
	       (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("diff: allocations %lu ok, %lu failed (%lu panics); %lu -ENOMEM; %lu array doublings (%lu of a doubled array); up to %lu regions\n",
	       d.allocs_ok, d.allocs_failed, d.panics, d.enomem, d.doublings,
	       d.redoublings, d.max_cnt);
	printf("%llu passed, %llu failed\n", passed, failed);
	drv_destroy(&d);
	ht_env_reset();
	return failed ? 1 : 0;
}
