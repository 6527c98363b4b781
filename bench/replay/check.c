// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the engine checks after each call (replay/engine.c), and how it
 * explains what differs:
 *  - an allocation's address against the kernel's: the base of the last
 *    reservation the log printed after the request.  When the replay got
 *    0, the kernel did too if its first search found the same address and
 *    the reserved array was full with resizing not yet allowed (the log
 *    prints a reservation before it fails: issue 12's 10,000-region boot);
 *  - a doubling against the log's (whether, and where);
 *  - every result against linear/linear's (or the reference's, for
 *    gaptree after its pool exists): the combinations must agree;
 *  - at a MEMBLOCK configuration dump, both arrays against it.
 * A difference is put down to a named difference only where the engine
 * can show it applies (explain()); else it is left unexplained.
 */
#include "bench/replay/internal.h"

#define E replay_eng

bool replay_is_gaptree(int run)
{
	return run < REPLAY_COMBOS && E.runs[run].find == MEMBLOCK_FIND_GAPTREE;
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

/* Would reserving a free range fail now?  The array is full and static. */
static bool reserve_would_fail(void)
{
	struct memblock_type *t = &memblock.reserved;

	return t->regions[0].size && t->cnt + 1 > t->max && !E.resize_allowed;
}

/* What each chain would return now, and whether a reservation would fail. */
void replay_predict_all(const struct replay_op *op,
			const struct replay_request *rq, struct prediction *p)
{
	p->linux412 = replay_predict(op, rq, false, &p->first);
	p->linux61 = replay_predict(op, rq, true, NULL);
	p->would_fail = reserve_would_fail();
}

/* Why @got is not the kernel's @want, if a named difference says so. */
static uint8_t explain(const struct replay_op *op, uint64_t got, uint64_t want,
		       const struct prediction *p)
{
	if (E.have_ref && replay_is_gaptree(E.run) && got == E.ref_result[E.op])
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

void replay_check_alloc(const struct replay_op *op, uint64_t got,
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
void replay_note_failed_update(const struct replay_op *op)
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

void replay_check_doubling(const struct replay_op *op,
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
		if (E.have_ref && replay_is_gaptree(E.run) && at == E.ref_doubled[E.op])
			reason = RR_GAPTREE_POOL;
		add_mismatch(RW_DOUBLING, reason, at, logged ? op->doubled_at : 0);
	}
}

/* Every combination must give linear/linear's results (or the reference's). */
void replay_check_agreement(uint64_t got)
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
	want = E.have_ref && replay_is_gaptree(E.run) ? E.ref_result : E.base_result;
	if (got != want[E.op])
		add_mismatch(RW_DISAGREE, RR_NONE, got, want[E.op]);
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
uint32_t replay_step_check(const struct replay_op *op)
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
		uint8_t reason = E.have_ref && replay_is_gaptree(E.run) &&
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
	replay_check_agreement(hash);
	return 1 + op->base + op->size;
}
