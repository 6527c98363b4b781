// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The replay engine: each op of the list on mm/'s memblock, in order,
 * under linear/linear first (Linux 4.12's own code: its results stand for
 * the kernel's where the log cannot say), then, when the log doubles the
 * reserved array, a reference run (linear/linear reserving the gap
 * index's pool as gaptree does), then the other five combinations.
 *
 * Each call the log shows is timed alone, the counter's own cost taken
 * off; setting up, predicting and checking are outside the timed window.
 * After each call:
 *  - an allocation's address against the kernel's: the base of the last
 *    reservation the log printed after the request.  When the replay got
 *    0, the kernel did too if its first search found the same address and
 *    the reserved array was full with resizing not yet allowed (the log
 *    prints a reservation before it fails: issue 12's 10,000-region boot);
 *  - a doubling against the log's (whether, and where);
 *  - every result against linear/linear's (or the reference's, for
 *    gaptree after its pool exists): the combinations must agree;
 *  - at a MEMBLOCK configuration dump, both arrays against it.
 * What differs is explained by a named difference where one applies and
 * the engine can show it does (replay_explain()), else left unexplained.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/internal.h"

struct replay_engine replay_eng;
#define E replay_eng

#define barrier()	__asm__ __volatile__("" ::: "memory")

static bool is_gaptree(int run)
{
	return run < REPLAY_COMBOS && E.runs[run].find == MEMBLOCK_FIND_GAPTREE;
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

/* Return: the record, or NULL when it is not kept. */
static struct replay_mismatch *add_mismatch(uint8_t what, uint8_t reason,
					    uint64_t got, uint64_t want)
{
	struct replay_run_result *r = &E.runs[E.run];
	struct replay_mismatch *m;

	if (E.run == REPLAY_REF)
		return NULL;	/* the reference explains; it is not reported */
	r->mismatches++;
	if (reason == RR_NONE)
		r->unexplained++;
	if (E.nr_mismatches == E.cap_mismatches) {
		E.dropped_mismatches++;
		return NULL;
	}
	m = &E.mismatches[E.nr_mismatches++];
	*m = (struct replay_mismatch){ .op = E.op, .run = E.run, .what = what,
				       .reason = reason, .got = got,
				       .want = want };
	return m;
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
		return memblock_free(op->base, op->size);
	case RK_FREE_LATE:
		return 0;	/* pages to the page allocator: none here */
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

/* Would reserving a free range fail now?  The array is full and static. */
static bool reserve_would_fail(void)
{
	struct memblock_type *t = &memblock.reserved;

	return t->regions[0].size && t->cnt + 1 > t->max && !E.resize_allowed;
}

struct prediction {
	phys_addr_t linux412, linux61, first;
	bool would_fail;
};

static void predict(const struct replay_op *op, const struct replay_request *rq,
		    struct prediction *p)
{
	p->linux412 = replay_predict(op, rq, false, &p->first);
	p->linux61 = replay_predict(op, rq, true, NULL);
	p->would_fail = reserve_would_fail();
}

/* Why @got is not the kernel's @want, if a named difference says so. */
static uint8_t explain(const struct replay_op *op, uint64_t got, uint64_t want,
		       const struct prediction *p)
{
	if (E.have_ref && is_gaptree(E.run) && got == E.ref_result[E.op])
		return RR_GAPTREE_POOL;
	if (p && p->linux61 == want && p->linux412 == got && got != want)
		return op->flags & RF_EXACT_NID ? RR_EXACT_NID : RR_RETRY_ORDER;
	return RR_NONE;
}

static void note_failure(bool reserve_failed)
{
	if (E.run != 0 || E.nr_failures == sizeof(E.failures) / sizeof(E.failures[0]))
		return;
	E.failures[E.nr_failures++] = (struct replay_failure){ E.op,
							       reserve_failed };
}

static void check_alloc(const struct replay_op *op, uint64_t got,
			const struct prediction *p)
{
	uint64_t want = op->attempts ? op->expect : 0;

	if (got == want) {
		if (!want)
			note_failure(false);
		return;
	}
	if (!got && op->attempts && p->first == op->first_attempt &&
	    p->would_fail) {
		note_failure(true);	/* the kernel's reservation failed too */
		return;
	}
	add_mismatch(RW_ADDRESS, explain(op, got, want, p), got, want);
}

/* A failed reservation or free: the kernel's failed too (grouped). */
static void note_failed_update(const struct replay_op *op)
{
	struct replay_group *g;

	if (E.run != 0)
		return;
	for (uint32_t i = 0; i < E.nr_groups; i++) {
		g = &E.groups[i];
		if (g->caller == op->caller && g->kind == op->kind) {
			g->count++;
			g->last = E.op;
			return;
		}
	}
	if (E.nr_groups == REPLAY_GROUPS) {
		E.ungrouped++;
		return;
	}
	E.groups[E.nr_groups++] = (struct replay_group){ op->caller, op->kind,
							 1, E.op, E.op };
}

struct array_state {
	unsigned long memory_max, reserved_max;
};

static void check_doubling(const struct replay_op *op,
			   const struct array_state *before)
{
	bool types[2] = { memblock.memory.max != before->memory_max,
			  memblock.reserved.max != before->reserved_max };
	uint32_t flags[2] = { RF_DOUBLES_MEMORY, RF_DOUBLES_RESERVED };
	struct memblock_type *t[2] = { &memblock.memory, &memblock.reserved };

	for (int i = 0; i < 2; i++) {
		bool logged = op->flags & flags[i];
		uint64_t at = types[i] ? replay_pa(t[i]->regions) : 0;
		uint8_t reason = RR_NONE;

		if (E.run == REPLAY_REF && types[i])
			E.ref_doubled[E.op] = at;
		if (logged == types[i] && (!logged || at == op->doubled_at))
			continue;
		/*
		 * gaptree's pool moved the array, or made it fill a call sooner
		 * or later: the reference's did the same (or nothing) here too.
		 */
		if (E.have_ref && is_gaptree(E.run) && at == E.ref_doubled[E.op])
			reason = RR_GAPTREE_POOL;
		add_mismatch(RW_DOUBLING, reason, at, logged ? op->doubled_at : 0);
	}
}

/* Every combination must give linear/linear's results (or the reference's). */
static void check_agreement(uint64_t got)
{
	const uint64_t *want;

	if (E.run == 0) {
		E.base_result[E.op] = got;
		return;
	}
	if (E.run == REPLAY_REF) {
		E.ref_result[E.op] = got;
		return;
	}
	want = E.have_ref && is_gaptree(E.run) ? E.ref_result : E.base_result;
	if (got != want[E.op])
		add_mismatch(RW_DISAGREE, RR_NONE, got, want[E.op]);
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
		predict(op, &rq, &p);
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

	check_doubling(op, &before);
	if (allocates)
		check_alloc(op, got, &p);
	else if (got)
		note_failed_update(op);
	check_agreement(got);
}

/* FNV-1a over both arrays: the reference's state at a checkpoint. */
static uint64_t arrays_hash(void)
{
	struct memblock_type *t[2] = { &memblock.memory, &memblock.reserved };
	uint64_t h = 0xcbf29ce484222325ULL;

	for (int i = 0; i < 2; i++)
		for (unsigned long k = 0; k < t[i]->cnt; k++) {
			const struct memblock_region *r = &t[i]->regions[k];
			uint64_t v[4] = { r->base, r->size, r->flags,
					  (uint64_t)r->nid };

			for (int j = 0; j < 4; j++)
				h = (h ^ v[j]) * 0x100000001b3ULL;
		}
	return h;
}

static bool region_matches(const struct memblock_region *r,
			   const struct replay_op *d)
{
	return r->base == d->base && r->size == d->size &&
	       r->flags == d->align && r->nid == d->nid;
}

/* The first difference between @type and the dump's @n regions at @d. */
static bool compare_type(struct memblock_type *type, const struct replay_op *d,
			 uint64_t n, struct replay_mismatch *m)
{
	unsigned long cnt = type->regions[0].size ? type->cnt : 0;

	for (uint64_t k = 0; k < n || k < cnt; k++) {
		const struct memblock_region *r = k < cnt ? &type->regions[k] :
							    NULL;

		if (r && k < n && region_matches(r, &d[k]))
			continue;
		m->index = k;
		m->got = r ? r->base : 0;
		m->got_size = r ? r->size : 0;
		m->want = k < n ? d[k].base : 0;
		m->want_size = k < n ? d[k].size : 0;
		return false;
	}
	return true;
}

/* A MEMBLOCK configuration dump. Return: ops it takes (with its regions). */
static uint32_t step_check(const struct replay_op *op)
{
	struct replay_mismatch m = { 0 };
	uint64_t hash = arrays_hash();
	bool same;

	same = compare_type(&memblock.memory, op + 1, op->base, &m);
	if (same) {
		same = compare_type(&memblock.reserved, op + 1 + op->base,
				    op->size, &m);
		m.type = 1;
	}
	if (same && (memblock.memory.total_size != op->align ||
		     memblock.reserved.total_size != op->max_addr)) {
		same = false;
		m = (struct replay_mismatch){ .type = 2,
			.got = memblock.memory.total_size,
			.got_size = memblock.reserved.total_size,
			.want = op->align, .want_size = op->max_addr };
	}
	if (!same) {
		uint8_t reason = E.have_ref && is_gaptree(E.run) &&
				 hash == E.ref_result[E.op] ?
				 RR_GAPTREE_POOL : RR_NONE;
		struct replay_mismatch *rec;

		rec = add_mismatch(RW_CHECKPOINT, reason, m.got, m.want);
		if (rec) {
			rec->type = m.type;
			rec->index = m.index;
			rec->got_size = m.got_size;
			rec->want_size = m.want_size;
		}
	}
	check_agreement(hash);
	return 1 + op->base + op->size;
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
				i += step_check(&ops[i]);
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
