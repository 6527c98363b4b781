// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The replay engine: each op of the list on mm/'s memblock, in order,
 * under linear/linear first (Linux 4.12's own code: its results stand for
 * the kernel's where the log cannot say), then, when the log doubles the
 * reserved array, a reference run (linear/linear reserving the gap
 * index's pool as gaptree does), then the other five combinations.
 *
 * Each call the log shows is timed alone, the counter's own cost taken
 * off; setting up, predicting and checking (replay/check.c) are outside
 * the timed window.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/replay/internal.h"

struct replay_engine replay_eng;
#define E replay_eng

/* Keeps the compiler from moving work across a counter read. */
static inline void barrier(void)
{
	__asm__ __volatile__("" ::: "memory");
}

void replay_stop(const char *fmt, ...)
{
	struct replay_run_result *r = &E.runs[E.run];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->stop_msg, sizeof(r->stop_msg), fmt, ap);
	va_end(ap);
	longjmp(E.stop, 1);
}

void replay_message(const char *fmt, va_list ap)
{
	if (E.run != 0)
		return;
	if (!E.messages++)
		vsnprintf(E.first_message, sizeof(E.first_message), fmt, ap);
}

static uint64_t read_counter(void)
{
	return E.cfg->counter ? E.cfg->counter() : 0;
}

static void calibrate(void)
{
	E.overhead = UINT64_MAX;
	for (int i = 0; i < 16; i++) {
		uint64_t a, b;

		barrier();
		a = read_counter();
		barrier();
		b = read_counter();
		barrier();
		if (b - a < E.overhead)
			E.overhead = b - a;
	}
}

/* The @k-th node of memory (ascending), as 6.1 registers NODE_DATA. */
static int nth_node(int k)
{
	int last = -1;

	for (int n = 0; n <= k; n++) {
		int next = MAX_NUMNODES;
		struct memblock_region *r;

		for_each_memblock(memory, r)
			if (r->nid > last && r->nid < next)
				next = r->nid;
		if (next == MAX_NUMNODES)
			return NUMA_NO_NODE;
		last = next;
	}
	return last;
}

static uint64_t call(const struct replay_op *op,
		     const struct replay_request *rq)
{
	switch (op->kind) {
	case RK_ADD:
		return memblock_add(op->base, op->size);
	case RK_ADD_NODE:
		return memblock_add_node(op->base, op->size, op->nid);
	case RK_REMOVE:
		return memblock_remove(op->base, op->size);
	case RK_RESERVE:
		return memblock_reserve(op->base, op->size);
	case RK_FREE:
		if (op->call == RC_FREE_EARLY_412) {
			__memblock_free_early(op->base, op->size);
			return 0;
		}
		return memblock_free(op->base, op->size);
	case RK_FREE_LATE:
		/* pages to the page allocator (none here): memblock unchanged */
		__memblock_free_late(op->base, op->size);
		return 0;
	case RK_SET_NODE:
		return memblock_set_node(op->base, op->size, &memblock.memory,
					 op->nid);
	case RK_MARK_NOMAP:
		return memblock_mark_nomap(op->base, op->size);
	case RK_ALLOW_RESIZE:
		memblock_allow_resize();
		E.resize_allowed = true;
		return 0;
	default:
		return replay_alloc_412(op, rq);
	}
}

static void step_call(const struct replay_op *op)
{
	struct replay_run_result *r = &E.runs[E.run];
	struct array_state before = { memblock.memory.max,
				      memblock.reserved.max };
	struct replay_request rq;
	struct prediction p;
	bool allocates = replay_kind_allocates(op->kind);
	uint64_t t0, t1, got, cost;

	if (allocates) {
		int nid = op->kind == RK_ALLOC_NODE_DATA ? nth_node(op->nid) :
							   op->nid;

		replay_request_of(op, nid, &rq);
		replay_predict_all(op, &rq, &p);
	}
	barrier();
	t0 = read_counter();
	barrier();
	got = call(op, &rq);
	barrier();
	t1 = read_counter();
	barrier();
	cost = t1 - t0 > E.overhead ? t1 - t0 - E.overhead : 0;
	E.cost[E.op] = cost;
	if (op->call != RC_REBUILT)
		r->total += cost;
	r->cost[op->call] += cost;
	if (memblock.reserved.cnt > r->peak_reserved)
		r->peak_reserved = memblock.reserved.cnt;

	replay_check_doubling(op, &before);
	if (allocates)
		replay_check_alloc(op, got, &p);
	else if (got)
		replay_note_failed_update(op);
	replay_check_agreement(got);
}

static void run_one(int run)
{
	struct replay_run_result *r = &E.runs[run];
	const struct replay_op *ops = E.list->ops;
	volatile uint32_t i = 0;

	E.run = run;
	memblock_reset();
	memblock_set_debug(false);
	memblock_set_find_strategy(r->find);
	memblock_set_update_strategy(r->update);
	memblock_set_index_footprint(run == REPLAY_REF);
	replay_scratch_reset();
	E.resize_allowed = false;

	if (setjmp(E.stop)) {
		r->stopped = true;
		r->stop_op = E.op;
		r->unexplained++;
	} else {
		while (i < E.nr_ops) {
			E.op = i;
			if (ops[i].kind == RK_CHECK) {
				i += replay_step_check(&ops[i]);
				continue;
			}
			if (ops[i].kind != RK_STOP)
				step_call(&ops[i]);
			i++;
		}
	}
	memblock_set_index_footprint(false);
	memblock_set_find_strategy(MEMBLOCK_FIND_LINEAR);
	memblock_set_update_strategy(MEMBLOCK_UPDATE_LINEAR);
	memblock_reset();
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Min, median and max of the costs of the calls @pick takes. */
static uint32_t stats(bool (*pick)(const struct replay_op *, int), int c,
		      uint64_t *min, uint64_t *median, uint64_t *max)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < E.nr_ops; i++)
		if (E.list->ops[i].kind < RK_CHECK && pick(&E.list->ops[i], c))
			E.sorted[n++] = E.cost[i];
	if (n) {
		qsort(E.sorted, n, sizeof(E.sorted[0]), cmp_u64);
		*min = E.sorted[0];
		*median = E.sorted[n / 2];
		*max = E.sorted[n - 1];
	}
	return n;
}

static bool of_type(const struct replay_op *op, int c)
{
	return op->call == c;
}

static bool logged(const struct replay_op *op, int c)
{
	(void)c;
	return op->call != RC_REBUILT;
}

/* Per call type and over every call, for the run just made. */
static void per_call_stats(struct replay_run_result *r)
{
	for (int c = 0; c < RC_NR; c++)
		stats(of_type, c, &r->cost_min[c], &r->cost_median[c],
		      &r->cost_max[c]);
	stats(logged, 0, &r->all_min, &r->all_median, &r->all_max);
}

size_t replay_arena_bytes(const struct replay_list *list)
{
	size_t n = list->hdr->nr_ops;

	return 5 * n * sizeof(uint64_t) +
	       (n + 64) * sizeof(struct replay_mismatch);
}

static int setup(const struct replay_list *list, const struct replay_config *cfg)
{
	uint64_t *a = cfg->arena;
	size_t n = list->hdr->nr_ops;

	if (!cfg->arena || cfg->arena_bytes < replay_arena_bytes(list)) {
		printf("replay: %zu bytes of working memory needed, %zu given\n",
		       replay_arena_bytes(list), cfg->arena_bytes);
		return -1;
	}
	memset(&E, 0, sizeof(E));
	E.list = list;
	E.cfg = cfg;
	E.nr_ops = list->hdr->nr_ops;
	E.base_result = a;
	E.ref_result = a + n;
	E.cost = a + 2 * n;
	E.sorted = a + 3 * n;
	E.ref_doubled = a + 4 * n;
	memset(E.ref_doubled, 0, n * sizeof(*E.ref_doubled));
	E.mismatches = (struct replay_mismatch *)(a + 5 * n);
	E.cap_mismatches = n + 64;
	for (uint32_t i = 0; i < E.nr_ops; i++)
		if (list->ops[i].kind < RK_CHECK)
			E.calls[list->ops[i].call]++;
	for (int run = 0; run < REPLAY_RUNS; run++) {
		E.runs[run].find = run % MEMBLOCK_FIND_NR;
		E.runs[run].update = run / MEMBLOCK_FIND_NR % MEMBLOCK_UPDATE_NR;
	}
	E.runs[REPLAY_REF].find = MEMBLOCK_FIND_LINEAR;
	E.runs[REPLAY_REF].update = MEMBLOCK_UPDATE_LINEAR;
	replay_scratch_init(cfg->scratch, cfg->scratch_bytes);
	calibrate();
	return 0;
}

int replay_run(const struct replay_list *list, const struct replay_config *cfg)
{
	bool bad = false;

	if (setup(list, cfg))
		return -1;
	run_one(0);
	per_call_stats(&E.runs[0]);
	if (list->hdr->flags & RL_HAS_DOUBLING) {
		run_one(REPLAY_REF);
		E.have_ref = !E.runs[REPLAY_REF].stopped;
	}
	for (int run = 1; run < REPLAY_COMBOS; run++) {
		run_one(run);
		per_call_stats(&E.runs[run]);
	}
	replay_report();
	for (int run = 0; run < REPLAY_COMBOS; run++)
		bad |= E.runs[run].unexplained || E.runs[run].stopped;
	return bad || E.dropped_mismatches ? 1 : 0;
}
