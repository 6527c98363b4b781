// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The benchmark harness: every workload, at every region count, under
 * every combination of find and update strategy, one operation per sample.
 *
 * For each case the state is built outside the timed region, from the same
 * starting point for every combination.  Each sample reads the counters,
 * makes one call behind a compiler barrier, reads them again, and checks
 * the call's result against the Linux 4.12 combination's (linear/linear,
 * always run first) inside the loop; after the last sample both region
 * arrays are compared as well.  Warm-up samples are discarded; the cost of
 * reading the counters, measured the same way around an empty call, is
 * subtracted.
 */

#include <stdio.h>
#include <string.h>

#include "bench/bench.h"
#include "bench/counters.h"
#include "bench/workloads.h"

#define MAX_SAMPLES	256
#define NR_COMBOS	(MEMBLOCK_FIND_NR * MEMBLOCK_UPDATE_NR)
#define MAX_ROWS	512

#define barrier()	__asm__ __volatile__("" ::: "memory")

static const unsigned long full_counts[] = { 16, 64, 256, 1024, 4096, 16384, 65536 };
static const unsigned long quick_counts[] = { 16, 256, 4096 };

struct stats {
	uint64_t min, median, max;
};

struct row {
	const char *workload, *op;
	unsigned long n;
	unsigned int combo;
	uint64_t cost;		/* median: instret where there is one */
};

static struct row rows[MAX_ROWS];
static unsigned int nr_rows;

static uint64_t cycles[MAX_SAMPLES], instret[MAX_SAMPLES];
static phys_addr_t expected[MAX_SAMPLES];
static uint64_t expected_hash;
static struct bench_counters overhead;
static bool print_csv_lines;

static enum memblock_find_strategy combo_find(unsigned int c)
{
	return c % MEMBLOCK_FIND_NR;
}

static enum memblock_update_strategy combo_update(unsigned int c)
{
	return c / MEMBLOCK_FIND_NR;
}

static void sort(uint64_t *v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		uint64_t x = v[i];
		unsigned int j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static struct stats summarize(uint64_t *v, unsigned int n)
{
	sort(v, n);
	return (struct stats){ v[0], v[n / 2], v[n - 1] };
}

static phys_addr_t nothing(unsigned int i)
{
	return i;
}

/* What reading the counters around an empty call costs: the median. */
static void measure_overhead(void)
{
	struct bench_counters t0, t1;
	phys_addr_t (*volatile call)(unsigned int) = nothing;
	unsigned int n = 64;

	for (unsigned int i = 0; i < n; i++) {
		barrier();
		bench_counters_read(&t0);
		call(i);
		bench_counters_read(&t1);
		barrier();
		cycles[i] = t1.cycles - t0.cycles;
		instret[i] = t1.instret - t0.instret;
	}
	overhead.cycles = summarize(cycles, n).median;
	overhead.instret = summarize(instret, n).median;
}

static uint64_t sub_overhead(uint64_t v, uint64_t o)
{
	return v > o ? v - o : 0;
}

/* FNV-1a over both region arrays: "identical arrays" made checkable. */
static uint64_t state_hash(void)
{
	struct memblock_type *types[] = { &memblock.memory, &memblock.reserved };
	uint64_t h = 0xcbf29ce484222325ULL;

	/* field by field: the structs' padding is not part of the state */
	for (unsigned int t = 0; t < 2; t++) {
		for (unsigned long i = 0; i < types[t]->cnt; i++) {
			const struct memblock_region *r = &types[t]->regions[i];

			h = (h ^ r->base) * 0x100000001b3ULL;
			h = (h ^ r->size) * 0x100000001b3ULL;
			h = (h ^ r->flags) * 0x100000001b3ULL;
			h = (h ^ (uint32_t)r->nid) * 0x100000001b3ULL;
		}
		h = (h ^ types[t]->cnt) * 0x100000001b3ULL;
		h = (h ^ types[t]->total_size) * 0x100000001b3ULL;
		h = (h ^ types[t]->max) * 0x100000001b3ULL;
	}
	return h;
}

static void print_field(bool have, uint64_t v)
{
	if (have)
		printf(",%llu", (unsigned long long)v);
	else
		printf(",");
}

static void print_csv(const struct workload *w, const struct workload_op *op,
		      unsigned long n, unsigned int c, unsigned int samples,
		      struct stats ins, struct stats cyc)
{
	bool hi = bench_counters_have_instret(), hc = bench_counters_have_cycles();

	if (!print_csv_lines)
		return;
	printf("csv: %s,%s,%s,%lu,%s,%u", w->name,
	       memblock_find_strategy_name(combo_find(c)),
	       memblock_update_strategy_name(combo_update(c)), n, op->name,
	       samples);
	print_field(hi, ins.min);
	print_field(hi, ins.median);
	print_field(hi, ins.max);
	print_field(hc, cyc.min);
	print_field(hc, cyc.median);
	print_field(hc, cyc.max);
	printf("\n");
}

/*
 * One case under one combination.  Return: 0, 1 if the area is too small
 * for it (skipped), -1 if a result differed from the baseline's.
 */
static int run_case(const struct workload *w, const struct workload_op *op,
		    unsigned long n, unsigned int c, unsigned int warmup,
		    unsigned int total, const struct bench_area *area)
{
	struct bench_counters t0, t1;
	unsigned int samples = total - warmup;
	struct stats ins, cyc;
	uint64_t hash;

	/*
	 * Every update strategy leaves the same arrays, so the state is built
	 * with the binary one: 4.12's would take O(N^2) to build 65536 regions.
	 */
	memblock_set_find_strategy(combo_find(c));
	memblock_set_update_strategy(MEMBLOCK_UPDATE_BINARY);
	if (!w->build(n, total, area))
		return 1;
	memblock_set_update_strategy(combo_update(c));

	for (unsigned int i = 0; i < total; i++) {
		phys_addr_t got;

		if (op->prepare)
			op->prepare(i);
		barrier();
		bench_counters_read(&t0);
		got = op->timed(i);
		bench_counters_read(&t1);
		barrier();
		if (op->after)
			op->after(i);

		if (c == 0) {
			expected[i] = got;
		} else if (got != expected[i]) {
			printf("bench: MISMATCH %s %s n=%lu find=%s update=%s sample %u: 0x%llx, linear/linear gave 0x%llx\n",
			       w->name, op->name, n,
			       memblock_find_strategy_name(combo_find(c)),
			       memblock_update_strategy_name(combo_update(c)),
			       i, (unsigned long long)got,
			       (unsigned long long)expected[i]);
			return -1;
		}
		if (i >= warmup) {
			cycles[i - warmup] = sub_overhead(t1.cycles - t0.cycles,
							  overhead.cycles);
			instret[i - warmup] = sub_overhead(t1.instret - t0.instret,
							   overhead.instret);
		}
	}

	hash = state_hash();
	if (c == 0) {
		expected_hash = hash;
	} else if (hash != expected_hash) {
		printf("bench: MISMATCH %s %s n=%lu find=%s update=%s: region arrays differ from linear/linear's\n",
		       w->name, op->name, n,
		       memblock_find_strategy_name(combo_find(c)),
		       memblock_update_strategy_name(combo_update(c)));
		return -1;
	}

	ins = summarize(instret, samples);
	cyc = summarize(cycles, samples);
	print_csv(w, op, n, c, samples, ins, cyc);
	if (print_csv_lines &&
	    combo_find(c) == MEMBLOCK_FIND_GAPTREE && c < MEMBLOCK_FIND_NR &&
	    !strcmp(w->name, "limit") && !strcmp(op->name, "find"))
		printf("meta: gaptree_bytes %lu %llu\n", n,
		       (unsigned long long)memblock_gaptree_bytes());
	if (nr_rows < MAX_ROWS)
		rows[nr_rows++] = (struct row){
			w->name, op->name, n, c,
			bench_counters_have_instret() ? ins.median : cyc.median };
	return 0;
}

static void print_table(void)
{
	printf("\nMedian %s per operation (counter cost subtracted); find/update:\n",
	       bench_counters_unit());
	printf("%-8s %-5s %6s", "workload", "op", "N");
	for (unsigned int c = 0; c < NR_COMBOS; c++) {
		char name[32];

		snprintf(name, sizeof(name), "%s/%s",
			 memblock_find_strategy_name(combo_find(c)),
			 memblock_update_strategy_name(combo_update(c)));
		printf(" %14s", name);
	}
	printf("\n");

	for (unsigned int r = 0; r < nr_rows; r++) {
		if (rows[r].combo != 0)
			continue;
		printf("%-8s %-5s %6lu", rows[r].workload, rows[r].op, rows[r].n);
		for (unsigned int c = 0; c < NR_COMBOS; c++) {
			unsigned int k;

			for (k = r; k < nr_rows; k++)
				if (rows[k].combo == c && rows[k].n == rows[r].n &&
				    rows[k].workload == rows[r].workload &&
				    rows[k].op == rows[r].op)
					break;
			if (k < nr_rows)
				printf(" %14llu", (unsigned long long)rows[k].cost);
			else
				printf(" %14s", "-");
		}
		printf("\n");
	}
}

int bench_run(const struct bench_config *cfg)
{
	const unsigned long *counts = cfg->quick ? quick_counts : full_counts;
	unsigned int nr_counts = cfg->quick ?
		sizeof(quick_counts) / sizeof(quick_counts[0]) :
		sizeof(full_counts) / sizeof(full_counts[0]);
	unsigned int warmup = cfg->warmup ? cfg->warmup : 4;
	unsigned int samples = cfg->samples ? cfg->samples : (cfg->quick ? 16 : 32);
	enum memblock_find_strategy find = memblock_get_find_strategy();
	enum memblock_update_strategy update = memblock_get_update_strategy();
	struct bench_area area;
	unsigned int nr_cases = 0, k = 0;
	int failed = 0;

	if (warmup + samples > MAX_SAMPLES) {
		printf("bench: %u warm-up + %u samples is more than %u\n",
		       warmup, samples, MAX_SAMPLES);
		return -1;
	}
	/*
	 * The copy of the boot state holds no gap index pool (gaptree's, if
	 * the boot selected it, is given back first), and every case runs
	 * with the index's footprint: all six combinations work on the same
	 * map, so their results compare exactly (mm/gaptree.c).
	 */
	memblock_set_find_strategy(MEMBLOCK_FIND_LINEAR);
	/* Nothing to measure on a machine this small: say so, not a failure. */
	if (bench_boot_state_save()) {
		printf("bench: skipped\n");
		memblock_set_find_strategy(find);
		return 0;
	}
	area = bench_boot_area();
	if (area.hi - area.lo < ((phys_addr_t)8 << 20)) {
		printf("bench: skipped: the largest free range is under 8 MiB\n");
		bench_boot_state_release();	/* nothing changed since the save */
		memblock_set_find_strategy(find);
		return 0;
	}
	memblock_set_index_footprint(true);

	measure_overhead();
	print_csv_lines = cfg->csv;
	printf("bench: counters %s, read cost %llu (rdcycle) / %llu (rdinstret), subtracted\n",
	       bench_counters_name(), (unsigned long long)overhead.cycles,
	       (unsigned long long)overhead.instret);
	printf("bench: %u samples after %u warm-up, area [0x%llx-0x%llx)\n",
	       samples, warmup, (unsigned long long)area.lo,
	       (unsigned long long)area.hi);
	if (cfg->csv) {
		printf("meta: counters %s\n", bench_counters_name());
		printf("meta: counter_overhead_cycles %llu\n",
		       (unsigned long long)overhead.cycles);
		printf("meta: counter_overhead_instret %llu\n",
		       (unsigned long long)overhead.instret);
		printf("meta: samples %u\nmeta: warmup %u\n", samples, warmup);
		printf("meta: area 0x%llx-0x%llx\n", (unsigned long long)area.lo,
		       (unsigned long long)area.hi);
	}

	for (unsigned int w = 0; w < bench_nr_workloads; w++)
		nr_cases += bench_workloads[w].nr_ops * nr_counts;

	for (unsigned int w = 0; w < bench_nr_workloads; w++) {
		const struct workload *wl = &bench_workloads[w];

		for (unsigned int o = 0; o < wl->nr_ops; o++) {
			for (unsigned int j = 0; j < nr_counts; j++) {
				unsigned long n = counts[j];
				unsigned int total = warmup + samples;
				int ret = 0;
				struct bench_counters t0, t1;

				if (wl->max_samples && total > wl->max_samples(n))
					total = wl->max_samples(n);
				printf("bench: case %u of %u: %s %s N=%lu\n", ++k,
				       nr_cases, wl->name, wl->ops[o].name, n);
				bench_counters_read(&t0);
				for (unsigned int c = 0; c < NR_COMBOS && !ret; c++)
					ret = run_case(wl, &wl->ops[o], n, c,
						       warmup, total, &area);
				bench_counters_read(&t1);
				printf("bench: case %u done in %llu time ticks (rdtime; host: ns), build and checks included\n",
				       k, (unsigned long long)(t1.time - t0.time));
				if (ret > 0)
					printf("bench: skipped: the area is too small for N=%lu\n",
					       n);
				if (ret < 0)
					failed = -1;
			}
		}
	}

	print_table();
	memblock_set_find_strategy(MEMBLOCK_FIND_LINEAR);
	memblock_set_index_footprint(false);
	memblock_set_update_strategy(MEMBLOCK_UPDATE_BINARY);
	bench_boot_state_restore();
	bench_boot_state_release();
	memblock_set_update_strategy(update);
	memblock_set_find_strategy(find);
	printf("bench: %s\n", failed ? "FAILED: strategies disagreed" :
				       "every combination agreed on every result");
	return failed;
}
