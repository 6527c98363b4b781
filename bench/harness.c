// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The benchmark harness: every workload, at every region count, under
 * every combination of find and update strategy, one operation per sample.
 *
 * For each case the state is built outside the timed region, from the same
 * starting point for every combination, and checked once: a layout that is
 * not what the workload's name says at this N and in this memory is
 * skipped with one line saying why.  Each sample reads the counter, makes
 * one call behind a compiler barrier, reads it again, and checks the
 * call's result against the first combination's (Linux 4.12's, where it
 * runs) inside the loop; after the last sample both region arrays are
 * compared as well.  The cost of reading the counter, measured the same
 * way around an empty call, is subtracted.
 *
 * What is reported per case and combination ("csv:" lines): the first
 * call on the freshly built state as an op of its own (<op>.first), then
 * min, median, max and total of the samples after the warm-up.  An
 * OP_EVERY_CALL op (dtbuild's whole build) has no warm-up: every call is
 * a sample, and each call that doubled a region array is reported as well
 * (double-memory, double-reserved, at the array's new size).
 *
 * One counter is read (bench/counters.h): in the payload the first of
 * rdcycle, rdinstret and rdtime that counts (rdcycle: instructions under
 * -icount, host ticks without); on the host the TSC.  With none, every
 * result is still checked and nothing is timed.  A median the counter's
 * own cost swallows is printed as below resolution, not as 0.  Nothing
 * inside the timed window but the call: no syscall, no console output.
 */

#include <stdio.h>
#include <string.h>

#include "bench/bench.h"
#include "bench/counters.h"
#include "bench/layout.h"

#define NR_COMBOS	(MEMBLOCK_FIND_NR * MEMBLOCK_UPDATE_NR)
#define MAX_N		65536
#define MAX_CALLS	(2 * MAX_N)	/* dtbuild's whole build */
#define MAX_ROWS	1024
#define MAX_DOUBLINGS	64
/* The largest N whose whole build runs under 4.12's O(N) update path. */
#define WHOLE_LINEAR_MAX_N	1024

#define barrier()	__asm__ __volatile__("" ::: "memory")

static const unsigned long full_counts[] = { 16, 64, 256, 1024, 4096, 16384, 65536 };
static const unsigned long quick_counts[] = { 16, 256, 4096 };

struct stats {
	uint64_t min, median, max, total;
};

struct row {
	const char *workload, *op;
	unsigned long n;
	unsigned int combo;
	uint64_t median;
};

static struct row rows[MAX_ROWS];
static unsigned int nr_rows;

/* A call that doubled memory's array, reserved's, or both (the new array
 * of one was the reservation that filled the other). */
struct doubling {
	const char *op;		/* double-memory, double-reserved, double-both */
	unsigned long size;	/* the larger new size */
	uint64_t cost;
};

static struct doubling doublings[MAX_DOUBLINGS];
static unsigned int nr_doublings;

static uint64_t cost[MAX_CALLS], sorted[MAX_CALLS];
static phys_addr_t expected[MAX_CALLS];
static uint64_t expected_hash;
static uint64_t overhead;
static uint64_t resolution;	/* smallest step between two reads; 0: none seen */
static bool timed;		/* a counter counts: bench_counter_usable() */
static bool print_csv_lines;

static enum memblock_find_strategy combo_find(unsigned int c)
{
	return c % MEMBLOCK_FIND_NR;
}

static enum memblock_update_strategy combo_update(unsigned int c)
{
	return c / MEMBLOCK_FIND_NR;
}

static const char *combo_name(unsigned int c)
{
	static char name[32];

	snprintf(name, sizeof(name), "%s/%s",
		 memblock_find_strategy_name(combo_find(c)),
		 memblock_update_strategy_name(combo_update(c)));
	return name;
}

static uint64_t read_counter(void)
{
	return bench_counter_read();
}

/* Heapsort: dtbuild's whole build at 65536 regions is 131072 samples. */
static void sift_down(uint64_t *v, unsigned long root, unsigned long n)
{
	for (unsigned long child; (child = 2 * root + 1) < n; root = child) {
		uint64_t t;

		if (child + 1 < n && v[child + 1] > v[child])
			child++;
		if (v[root] >= v[child])
			return;
		t = v[root];
		v[root] = v[child];
		v[child] = t;
	}
}

static void sort(uint64_t *v, unsigned long n)
{
	for (unsigned long i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (unsigned long end = n; end-- > 1;) {
		uint64_t t = v[0];

		v[0] = v[end];
		v[end] = t;
		sift_down(v, 0, end);
	}
}

static struct stats summarize(const uint64_t *v, unsigned long n)
{
	struct stats s = { 0, 0, 0, 0 };

	memcpy(sorted, v, n * sizeof(*v));
	sort(sorted, n);
	for (unsigned long i = 0; i < n; i++)
		s.total += sorted[i];
	s.min = sorted[0];
	s.median = sorted[n / 2];
	s.max = sorted[n - 1];
	return s;
}

static phys_addr_t nothing(unsigned int i)
{
	return i;
}

/* What reading the counter around an empty call costs: the median. */
static void measure_overhead(void)
{
	phys_addr_t (*volatile call)(unsigned int) = nothing;
	unsigned int n = 64;

	for (unsigned int i = 0; i < n; i++) {
		uint64_t t0, t1;

		barrier();
		t0 = read_counter();
		call(i);
		t1 = read_counter();
		barrier();
		cost[i] = t1 - t0;
	}
	overhead = summarize(cost, n).median;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/*
 * The counter's resolution: read it until it changes, many times.  The
 * smallest step seen bounds what one read can tell apart; every step being
 * a multiple of some unit (the greatest common divisor) shows a coarser
 * counter.  Under -icount the steps are the spin loop's own instructions.
 * Return: false if the counter did not advance.
 */
static bool measure_resolution(uint64_t *smallest, uint64_t *unit)
{
	*smallest = ~(uint64_t)0;
	*unit = 0;
	for (unsigned int k = 0; k < 1000; k++) {
		uint64_t t0 = read_counter(), t1 = t0;

		for (unsigned long spin = 0; t1 == t0; spin++) {
			if (spin == 1000000)
				return false;
			t1 = read_counter();
		}
		if (t1 - t0 < *smallest)
			*smallest = t1 - t0;
		*unit = gcd(*unit, t1 - t0);
	}
	return true;
}

static uint64_t sub_overhead(uint64_t v)
{
	return v > overhead ? v - overhead : 0;
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

static void print_csv(const char *workload, const char *op,
		      const char *suffix, unsigned long n, unsigned int c,
		      unsigned long samples, struct stats s)
{
	if (!print_csv_lines)
		return;
	printf("csv: %s,%s,%s,%lu,%s%s,%lu,%llu,%llu,%llu,%llu\n", workload,
	       memblock_find_strategy_name(combo_find(c)),
	       memblock_update_strategy_name(combo_update(c)), n, op, suffix,
	       samples, (unsigned long long)s.min,
	       (unsigned long long)s.median, (unsigned long long)s.max,
	       (unsigned long long)s.total);
}

static void print_skip(const struct workload *w, const struct workload_op *op,
		       unsigned long n, const char *why)
{
	printf("bench: skip %s %s N=%lu: %s\n", w->name, op->name, n, why);
	if (print_csv_lines)
		printf("meta: skip %s %s %lu %s\n", w->name, op->name, n, why);
}

/* One call that doubled an array, if it did (outside the timed window). */
static void note_doubling(unsigned long mem_max, unsigned long res_max,
			  uint64_t c)
{
	bool mem = memblock.memory.max != mem_max;
	bool res = memblock.reserved.max != res_max;
	unsigned long size = memblock.memory.max > memblock.reserved.max ?
			     memblock.memory.max : memblock.reserved.max;

	if ((!mem && !res) || nr_doublings == MAX_DOUBLINGS)
		return;
	doublings[nr_doublings++] = (struct doubling){
		mem && res ? "double-both" : mem ? "double-memory" :
						   "double-reserved",
		mem && res ? size : mem ? memblock.memory.max :
					  memblock.reserved.max,
		c };
}

/* Doublings to sizes in (@prev_n, @n]: each reported by one N only. */
static void print_doublings(const struct workload *w, unsigned long prev_n,
			    unsigned long n, unsigned int c)
{
	for (unsigned int k = 0; k < nr_doublings; k++) {
		uint64_t v = doublings[k].cost;

		if (doublings[k].size <= prev_n || doublings[k].size > n)
			continue;
		print_csv(w->name, doublings[k].op, "", doublings[k].size, c, 1,
			  (struct stats){ v, v, v, v });
	}
}

struct run {
	const struct workload *w;
	const struct workload_op *op;
	unsigned long n, prev_n, total;
	unsigned int warmup;
	const struct bench_area *area;
	int ref;		/* the combination the others are checked against */
};

/* The samples of one combination: 0, or -1 if a result differed. */
static int run_samples(struct run *r, unsigned int c)
{
	bool every = r->op->flags & OP_EVERY_CALL;

	nr_doublings = 0;
	for (unsigned long i = 0; i < r->total; i++) {
		unsigned long mem_max = memblock.memory.max;
		unsigned long res_max = memblock.reserved.max;
		uint64_t t0, t1;
		phys_addr_t got;

		if (r->op->prepare)
			r->op->prepare(i);
		barrier();
		t0 = read_counter();
		got = r->op->timed(i);
		t1 = read_counter();
		barrier();
		if (r->op->after)
			r->op->after(i);

		cost[i] = sub_overhead(t1 - t0);
		if (every)
			note_doubling(mem_max, res_max, cost[i]);
		if (r->ref < 0) {
			expected[i] = got;
		} else if (got != expected[i]) {
			printf("bench: MISMATCH %s %s n=%lu %s sample %lu: 0x%llx, %s gave 0x%llx\n",
			       r->w->name, r->op->name, r->n, combo_name(c), i,
			       (unsigned long long)got,
			       combo_name((unsigned int)r->ref),
			       (unsigned long long)expected[i]);
			return -1;
		}
	}
	return 0;
}

/*
 * One case under one combination.  Return: 0, 1 if it is skipped (a line
 * says why), -1 if a result or the arrays differed from the reference's.
 */
static int run_combo(struct run *r, unsigned int c)
{
	bool every = r->op->flags & OP_EVERY_CALL;
	const char *no;
	uint64_t hash;

	memblock_set_find_strategy(combo_find(c));
	memblock_set_update_strategy(MEMBLOCK_UPDATE_BINARY);
	no = r->w->build(r->n, r->total, r->area);
	if (!no && r->ref < 0 && r->w->check)
		no = r->w->check(r->n, r->total);
	if (no) {
		print_skip(r->w, r->op, r->n, no);
		return 1;
	}
	memblock_set_update_strategy(combo_update(c));
	if (run_samples(r, c))
		return -1;

	no = r->ref < 0 && r->w->check_end ? r->w->check_end(r->n) : NULL;
	if (no) {
		print_skip(r->w, r->op, r->n, no);
		return 1;
	}
	hash = state_hash();
	if (r->ref < 0) {
		expected_hash = hash;
		r->ref = (int)c;
	} else if (hash != expected_hash) {
		printf("bench: MISMATCH %s %s n=%lu %s: region arrays differ from %s's\n",
		       r->w->name, r->op->name, r->n, combo_name(c),
		       combo_name((unsigned int)r->ref));
		return -1;
	}

	if (every) {
		print_csv(r->w->name, r->op->name, "", r->n, c, r->total,
			  summarize(cost, r->total));
		print_doublings(r->w, r->prev_n, r->n, c);
	} else {
		struct stats first = { cost[0], cost[0], cost[0], cost[0] };
		struct stats s = summarize(cost + r->warmup,
					   r->total - r->warmup);

		print_csv(r->w->name, r->op->name, ".first", r->n, c, 1, first);
		print_csv(r->w->name, r->op->name, "", r->n, c,
			  r->total - r->warmup, s);
		if (nr_rows < MAX_ROWS)
			rows[nr_rows++] = (struct row){
				r->w->name, r->op->name, r->n, c, s.median };
	}
	return 0;
}

/* Every combination on one case.  Return: 0, or -1 on a mismatch. */
static int run_case(struct run *r)
{
	bool every = r->op->flags & OP_EVERY_CALL;
	bool skipped_linear = false;

	r->ref = -1;
	for (unsigned int c = 0; c < NR_COMBOS; c++) {
		int ret;

		if (every && combo_update(c) == MEMBLOCK_UPDATE_LINEAR &&
		    r->n > WHOLE_LINEAR_MAX_N) {
			skipped_linear = true;
			continue;
		}
		ret = run_combo(r, c);
		if (ret)
			return ret < 0 ? -1 : 0;
	}
	if (skipped_linear)
		print_skip(r->w, r->op, r->n,
			   "under the linear update path: a whole build is O(N^2) there, so it runs only up to N=1024");
	return 0;
}

/*
 * The gap index's memory at @n regions on the spread layout: the bytes it
 * uses (memblock_gaptree_bytes()), and how many more bytes memblock has
 * reserved under gaptree than under linear when only gaptree keeps the
 * index (the index's own reservation; 0 if it lives outside memblock).
 */
static void probe_index_memory(unsigned long n, const struct bench_area *area)
{
	phys_addr_t linear_reserved;
	unsigned long long in_use;

	memblock_set_index_footprint(false);
	memblock_set_update_strategy(MEMBLOCK_UPDATE_BINARY);
	memblock_set_find_strategy(MEMBLOCK_FIND_LINEAR);
	if (!build_spread(n, area)) {
		linear_reserved = memblock_reserved_size();
		memblock_set_find_strategy(MEMBLOCK_FIND_GAPTREE);
		build_spread(n, area);
		memblock_find_in_range_node(256, SMP_CACHE_BYTES, 0,
					    spread.limit, NUMA_NO_NODE,
					    MEMBLOCK_NONE);
		in_use = memblock_gaptree_bytes();
		printf("meta: gaptree_memory %lu %llu %lld %lu\n", n, in_use,
		       (long long)(memblock_reserved_size() - linear_reserved),
		       memblock.reserved.max);
	}
	memblock_set_index_footprint(true);
}

/*
 * A median that the counter's cost swallowed whole (0 once it is taken
 * off: host ticks without icount, rdtime's coarse ticks) is below what
 * the counter resolves, not free: "<res".  Return: whether it printed one.
 */
static bool print_median(uint64_t median)
{
	if (median)
		printf(" %14llu", (unsigned long long)median);
	else
		printf(" %14s", "<res");
	return !median;
}

static void print_table(void)
{
	bool below = false;

	printf("\nMedian %s per operation (counter cost subtracted); find/update:\n",
	       bench_counters_unit());
	printf("%-10s %-7s %6s", "workload", "op", "N");
	for (unsigned int c = 0; c < NR_COMBOS; c++)
		printf(" %14s", combo_name(c));
	printf("\n");

	for (unsigned int r = 0; r < nr_rows; r++) {
		if (r && rows[r].n == rows[r - 1].n &&
		    rows[r].op == rows[r - 1].op &&
		    rows[r].workload == rows[r - 1].workload)
			continue;
		printf("%-10s %-7s %6lu", rows[r].workload, rows[r].op,
		       rows[r].n);
		for (unsigned int c = 0; c < NR_COMBOS; c++) {
			unsigned int k;

			for (k = r; k < nr_rows; k++)
				if (rows[k].combo == c && rows[k].n == rows[r].n &&
				    rows[k].workload == rows[r].workload &&
				    rows[k].op == rows[r].op)
					break;
			if (k < nr_rows)
				below |= print_median(rows[k].median);
			else
				printf(" %14s", "-");
		}
		printf("\n");
	}
	if (below)
		printf("<res: below the counter's resolution: the median is no more than the counter's own read cost (%llu; smallest step %llu)\n",
		       (unsigned long long)overhead,
		       (unsigned long long)resolution);
}

static void print_header(const struct bench_config *cfg, unsigned int samples,
			 unsigned int warmup, const struct bench_area *area)
{
	uint64_t smallest, unit;
	bool moves;

	if (!timed) {
		printf("bench: counter %s: every result is checked, nothing is timed\n",
		       bench_counters_name());
		if (cfg->csv)
			printf("meta: counters %s\n", bench_counters_name());
		return;
	}
	moves = measure_resolution(&smallest, &unit);
	resolution = moves ? smallest : 0;
	printf("bench: counter %s, read cost %llu, subtracted\n",
	       bench_counters_name(), (unsigned long long)overhead);
	if (moves)
		printf("bench: counter resolution: smallest step between two reads %llu, every step a multiple of %llu\n",
		       (unsigned long long)smallest, (unsigned long long)unit);
	else
		printf("bench: counter resolution: the counter did not advance in 1000000 reads\n");
	printf("bench: %u samples after %u warm-up, area [0x%llx-0x%llx)\n",
	       samples, warmup, (unsigned long long)area->lo,
	       (unsigned long long)area->hi);
	if (!cfg->csv)
		return;
	printf("meta: counters %s\n", bench_counters_name());
	printf("meta: counter_overhead %llu\n", (unsigned long long)overhead);
	if (moves)
		printf("meta: resolution %llu %llu\n",
		       (unsigned long long)smallest, (unsigned long long)unit);
	printf("meta: samples %u\nmeta: warmup %u\n", samples, warmup);
	printf("meta: area 0x%llx-0x%llx\n", (unsigned long long)area->lo,
	       (unsigned long long)area->hi);
	printf("meta: whole_linear_max_n %d\n", WHOLE_LINEAR_MAX_N);
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

	if (warmup + samples > MAX_CALLS) {
		printf("bench: %u warm-up + %u samples is more than %u\n",
		       warmup, samples, MAX_CALLS);
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

	timed = bench_counter_usable();
	print_csv_lines = cfg->csv && timed;
	if (timed)
		measure_overhead();
	print_header(cfg, samples, warmup, &area);
	if (cfg->csv)
		for (unsigned int j = 0; j < nr_counts; j++)
			probe_index_memory(counts[j], &area);

	for (unsigned int w = 0; w < bench_nr_workloads; w++)
		nr_cases += bench_workloads[w]->nr_ops * nr_counts;

	for (unsigned int w = 0; w < bench_nr_workloads; w++) {
		const struct workload *wl = bench_workloads[w];

		for (unsigned int o = 0; o < wl->nr_ops; o++) {
			for (unsigned int j = 0; j < nr_counts; j++) {
				struct run r = {
					.w = wl, .op = &wl->ops[o],
					.n = counts[j],
					.prev_n = j ? counts[j - 1] : 0,
					.total = warmup + samples,
					.warmup = warmup, .area = &area,
				};
				uint64_t t0;

				if (r.op->flags & OP_EVERY_CALL)
					r.total = wl->max_samples(r.n);
				else if (wl->max_samples &&
					 r.total > wl->max_samples(r.n))
					r.total = wl->max_samples(r.n);
				if (r.total <= r.warmup && !(r.op->flags & OP_EVERY_CALL))
					r.warmup = 0;
				printf("bench: case %u of %u: %s %s N=%lu\n", ++k,
				       nr_cases, wl->name, r.op->name, r.n);
				t0 = bench_clock_read();
				if (run_case(&r))
					failed = -1;
				if (bench_clock_usable())
					printf("bench: case %u done in %llu %s, build and checks included\n",
					       k, (unsigned long long)(bench_clock_read() - t0),
					       bench_clock_unit());
				else
					printf("bench: case %u done\n", k);
			}
		}
	}

	if (timed)
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
