// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The differential driver; see driver.h.  This file runs sequences: it
 * draws each operation (ops.c), runs it on mm/ and on the model the same
 * way whatever the operation, compares the outcomes and then the whole
 * state.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "ht.h"

/* ---- sources of choices ---- */

void drv_src_seed(struct drv_src *s, uint64_t seed)
{
	memset(s, 0, sizeof(*s));
	s->state = seed ^ 0x9e3779b97f4a7c15ull;
}

void drv_src_bytes(struct drv_src *s, const uint8_t *data, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->data = data;
	s->len = len;
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t drv_below(struct drv_src *s, uint64_t n)
{
	uint64_t v = 0;

	if (n <= 1)
		return 0;
	if (!s->data)
		return splitmix64(&s->state) % n;
	/* fuzzer bytes: as few as n needs, little-endian */
	for (uint64_t left = n - 1; left; left >>= 8) {
		if (s->pos >= s->len) {
			s->exhausted = true;
			return 0;
		}
		v = v << 8 | s->data[s->pos++];
	}
	return v % n;
}

/* ---- failure reporting ---- */

static jmp_buf *drv_fail_jmp;
static struct drv *drv_cur;

static __attribute__((noreturn, format(printf, 2, 3)))
void drv_fail(struct drv *d, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(d->why, sizeof(d->why), "step %lu: ", d->step);
	va_start(ap, fmt);
	vsnprintf(d->why + n, sizeof(d->why) - (size_t)n, fmt, ap);
	va_end(ap);
	d->failed = true;
	longjmp(*drv_fail_jmp, 1);
}

static __attribute__((noreturn)) void drv_unexpected(const char *msg)
{
	drv_fail(drv_cur, "unexpected panic or bad address: %s", msg);
}

/*
 * From here to the runner: the checks, the fuzzer's oracle like the model
 * (model.c says why they are left out of coverage instrumentation).
 */
#ifdef __clang__
#pragma clang attribute push(__attribute__((no_sanitize("coverage"))), \
			     apply_to = function)
#endif

/* ---- digest ---- */

bool drv_combo_has_index(int combo)
{
	return combo / MEMBLOCK_UPDATE_NR == MEMBLOCK_FIND_GAPTREE;
}

static void mix(struct drv *d, uint64_t v)
{
	d->digest = (d->digest ^ v) * 0x100000001b3ull;
}

/*
 * FNV-1a over everything in a type, including where the array lives (its
 * physical address once doubled; host addresses differ from run to run).
 */
static uint64_t hash_type(const struct drv *d, int type)
{
	const struct memblock_type *t = mm_type(type);
	uint64_t h = 0xcbf29ce484222325ull;

#define H(v) (h = (h ^ (uint64_t)(v)) * 0x100000001b3ull)
	H(t->cnt);
	H(t->max);
	H(t->total_size);
	H(t->regions == d->static_regions[type] ? 0 :
	  memblock_virt_to_phys(t->regions));
	for (unsigned long i = 0; i < t->cnt && i < t->max; i++) {
		H(t->regions[i].base);
		H(t->regions[i].size);
		H(t->regions[i].flags);
		H((uint32_t)t->regions[i].nid);
	}
#undef H
	return h;
}

/* ---- checks of the whole state ---- */

/* Say in @why how the arrays differ; returns true. */
static __attribute__((format(printf, 3, 4)))
bool differs(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return true;
}

/*
 * Is mm/'s array of type @t anything but the model's @n regions (the empty
 * dummy for 0), their total and capacity, where the model put it?  If so,
 * say how in @why.
 */
static bool type_differs(struct drv *d, int t, size_t n, char *why,
			 size_t len)
{
	const struct memblock_type *mt = mm_type(t);
	const struct model_range *regs = d->regs[t];
	phys_addr_t total = 0;

	if (n == 0) {
		if (mt->cnt != 1 || mt->regions[0].base || mt->regions[0].size ||
		    mt->regions[0].flags)
			return differs(why, len, "%s: want the empty array, got cnt %lu",
				       mt->name, mt->cnt);
	} else if (mt->cnt != n) {
		return differs(why, len, "%s.cnt: got %lu, model %zu",
			       mt->name, mt->cnt, n);
	}
	for (size_t i = 0; i < n; i++) {
		const struct memblock_region *r = &mt->regions[i];
		const struct model_range *w = &regs[i];

		if (r->base != w->start || r->size != w->end - w->start ||
		    r->flags != w->flags || r->nid != w->nid)
			return differs(why, len, "%s[%zu]: got {%#llx, %#llx, %#lx, %d}, model {%#llx, %#llx, %#lx, %d}",
				       mt->name, i,
				       (unsigned long long)r->base,
				       (unsigned long long)r->size, r->flags,
				       r->nid, (unsigned long long)w->start,
				       (unsigned long long)(w->end - w->start),
				       w->flags, w->nid);
		total += w->end - w->start;
	}
	if (mt->total_size != total)
		return differs(why, len, "%s.total_size: got %#llx, model %#llx",
			       mt->name, (unsigned long long)mt->total_size,
			       (unsigned long long)total);
	if (mt->max != d->m.max[t])
		return differs(why, len, "%s.max: got %lu, model %lu",
			       mt->name, mt->max, d->m.max[t]);
	if (!d->m.array[t]) {
		if (mt->regions != d->static_regions[t])
			return differs(why, len, "%s: array moved, model keeps it static",
				       mt->name);
	} else if (mt->regions == d->static_regions[t]) {
		return differs(why, len, "%s: array static, model doubled it to %#llx",
			       mt->name, (unsigned long long)d->m.array[t]);
	} else if (memblock_virt_to_phys(mt->regions) != d->m.array[t]) {
		return differs(why, len, "%s: array at %#llx, model put it at %#llx",
			       mt->name,
			       (unsigned long long)memblock_virt_to_phys(mt->regions),
			       (unsigned long long)d->m.array[t]);
	}
	return false;
}

static void check_type(struct drv *d, int t)
{
	const struct memblock_type *mt = mm_type(t);
	uint64_t h = hash_type(d, t);
	const char *broken;
	char why[512];
	size_t n;

	/*
	 * Neither mm/'s array (same hash) nor the model (same generation)
	 * changed since they were last found equal: nothing to compare.
	 */
	if (h == d->last_hash[t] && d->m.gen[t] == d->last_gen[t])
		return;
	d->last_hash[t] = h;
	d->last_gen[t] = d->m.gen[t];
	/* the structure first (and for reserved, the gap index): it tells
	 * the story best */
	broken = ht_check_type(mt);
	if (broken)
		drv_fail(d, "invariant: %s", broken);
	n = d->nregs[t] = model_regions(&d->m, t, d->regs[t], d->scratch_cap);
	if (n > d->max_cnt)
		d->max_cnt = n;
	if (type_differs(d, t, n, why, sizeof(why)))
		drv_fail(d, "%s", why);
}

static void check_state(struct drv *d)
{
	check_type(d, MT_MEMORY);
	check_type(d, MT_RESERVED);
	if (memblock.current_limit != d->m.current_limit ||
	    memblock.bottom_up != d->m.bottom_up)
		drv_fail(d, "limit/direction differ");
}

/* ---- checks of one operation ---- */

/*
 * The properties any address a find or an allocation returns must have,
 * checked against the state before the call (the model, not yet updated):
 * inside [max(start, PAGE_SIZE), end) of the arguments that bound it
 * (t->fit), aligned, all free memory of one region, of the node and
 * flags asked for.
 */
static void check_fit(struct drv *d, const struct op_type *t,
		      const struct op *op, phys_addr_t a)
{
	const struct model *m = &d->m;
	phys_addr_t start = t->fit & FIT_START ? op->start : 0;
	phys_addr_t end = t->fit & FIT_END ? op->end : MEMBLOCK_ALLOC_ACCESSIBLE;
	int nid = t->fit & FIT_NID ? op->nid : NUMA_NO_NODE;
	unsigned long flags = t->fit & FIT_FLAGS ? op->flags : 0;
	/* allocations default the alignment; finds take it as given */
	phys_addr_t align = !op->align && t->check == CHECK_ALLOC ?
			    SMP_CACHE_BYTES : op->align;
	phys_addr_t s = start > PAGE_SIZE ? start : PAGE_SIZE;
	phys_addr_t e = end == MEMBLOCK_ALLOC_ACCESSIBLE ? m->current_limit : end;
	phys_addr_t uend = m->cfg.base + m->cfg.units * m->cfg.unit;
	long u0, u1;

	if (!a)
		return;
	if (e < s)
		e = s;
	if (align && (align & (align - 1)) == 0 && a % align)
		drv_fail(d, "%#llx is not aligned to %#llx",
			 (unsigned long long)a, (unsigned long long)align);
	if (a < s)
		drv_fail(d, "%#llx is below the start %#llx",
			 (unsigned long long)a, (unsigned long long)s);
	if (!op->size)
		return;
	if (a + op->size > e || a + op->size < a)
		drv_fail(d, "[%#llx, +%#llx) is above the end %#llx",
			 (unsigned long long)a, (unsigned long long)op->size,
			 (unsigned long long)e);
	if (a < m->cfg.base || a + op->size > uend)
		drv_fail(d, "%#llx is outside memory", (unsigned long long)a);
	u0 = (long)((a - m->cfg.base) / m->cfg.unit);
	u1 = (long)((a + op->size - m->cfg.base) / m->cfg.unit);
	if (m->max_numnodes_is_any && nid == MAX_NUMNODES)
		nid = NUMA_NO_NODE;
	for (long i = u0; i < u1; i++) {
		const struct model_unit *mu = &m->u[MT_MEMORY][i];

		if (!mu->in)
			drv_fail(d, "[%#llx, +%#llx) is not all memory",
				 (unsigned long long)a,
				 (unsigned long long)op->size);
		if (mu->nid != m->u[MT_MEMORY][u0].nid ||
		    mu->flags != m->u[MT_MEMORY][u0].flags)
			drv_fail(d, "[%#llx, +%#llx) spans two memory regions",
				 (unsigned long long)a,
				 (unsigned long long)op->size);
		if (m->u[MT_RESERVED][i].in)
			drv_fail(d, "[%#llx, +%#llx) was reserved",
				 (unsigned long long)a,
				 (unsigned long long)op->size);
		if ((mu->flags & MEMBLOCK_NOMAP) && !(flags & MEMBLOCK_NOMAP))
			drv_fail(d, "%#llx is NOMAP memory",
				 (unsigned long long)a);
		if (nid != NUMA_NO_NODE && mu->nid != nid)
			drv_fail(d, "%#llx is on node %d, not %d",
				 (unsigned long long)a, mu->nid, nid);
		if (m->movable_node && (mu->flags & MEMBLOCK_HOTPLUG))
			drv_fail(d, "%#llx is hotpluggable (movable_node)",
				 (unsigned long long)a);
	}
}

/* Name of value @i of an outcome, for messages. */
static const char *value_name(const struct op_type *t, size_t i, char *buf,
			      size_t len)
{
	if (!t->nvalues)
		return t->check == CHECK_REGIONS ? "return" : "address";
	if (t->nvalues == 1)
		return t->values[0];
	snprintf(buf, len, "%s (value %zu: %s)", t->name, i / t->nvalues,
		 t->values[i % t->nvalues]);
	return buf;
}

/* mm/'s outcome must be the model's: the same panic, or the same values. */
static void compare(struct drv *d, const struct op_type *t,
		    const struct outcome *got, const struct outcome *want)
{
	char name[128];

	mix(d, got->panicked);
	for (size_t i = 0; i < got->n && i < got->cap; i++)
		mix(d, got->v[i]);
	if (got->panicked && !want->panicked)
		drv_fail(d, "panicked (%s), the model does not", got->panic);
	if (!got->panicked && want->panicked)
		drv_fail(d, "no panic, the model panics: %s", want->panic);
	if (got->panicked) {
		if (strcmp(got->panic, want->panic))
			drv_fail(d, "panic text \"%s\", want \"%s\"",
				 got->panic, want->panic);
		return;
	}
	if (got->n != want->n)
		drv_fail(d, "%s: %zu values, model %zu", t->name, got->n,
			 want->n);
	for (size_t i = 0; i < got->n && i < got->cap; i++)
		if (got->v[i] != want->v[i])
			drv_fail(d, "%s: got %#llx (%lld), model %#llx (%lld)",
				 value_name(t, i, name, sizeof(name)),
				 (unsigned long long)got->v[i],
				 (long long)got->v[i],
				 (unsigned long long)want->v[i],
				 (long long)want->v[i]);
}

#ifdef __clang__
#pragma clang attribute pop
#endif

/* The statistics diff prints. */
static void count(struct drv *d, const struct op_type *t,
		  const struct outcome *got, const unsigned long max_before[])
{
	switch (t->check) {
	case CHECK_REGIONS:
		if (!got->panicked && got->v[0])
			d->enomem++;
		for (int k = 0; k < MT_NR; k++) {
			unsigned long max = mm_type(k)->max;

			if (max > max_before[k] &&
			    max_before[k] > INIT_MEMBLOCK_REGIONS)
				d->redoublings++;
		}
		if (memblock.memory.max != max_before[MT_MEMORY] ||
		    memblock.reserved.max != max_before[MT_RESERVED])
			d->doublings++;
		break;
	case CHECK_ALLOC:
		if (got->panicked)
			d->panics++;
		if (!got->panicked && got->v[0])
			d->allocs_ok++;
		else
			d->allocs_failed++;
		break;
	default:
		break;
	}
}

static void outcome_clear(struct outcome *o)
{
	o->n = 0;
	o->panicked = o->halts = false;
	o->panic[0] = '\0';
}

/* Where the model says Linux stops, mm/ panics with these words. */
static void expect_halt(struct drv *d, struct outcome *want)
{
	unsigned long long addr = d->m.halt.addr;

	switch (d->m.halt.why) {
	case MODEL_RUNS:
		return;
	case MODEL_HALT_ARRAY_UNRESERVED:
		/* 4.12's BUG_ON(memblock_reserve(addr, new_alloc_size)) */
		outcome_panic(want, "memblock: cannot reserve the new %s array at %#llx\n",
			      d->m.halt.type == MT_MEMORY ? "memory" : "reserved",
			      addr);
		break;
	case MODEL_HALT_POOL_UNRESERVED:
		outcome_panic(want, "memblock: cannot reserve the gap index at %#llx\n",
			      addr);
		break;
	}
	want->halts = true;
}

/*
 * Any operation, the same way: the call on mm/ (a panic caught), the fit
 * rules on the address it returns, the call on the model, the outcomes
 * compared.  Where the model met 4.12's BUG_ON, mm/ must panic with its
 * text and the sequence ends (d->halted).
 */
static void run_op(struct drv *d, const struct op *op)
{
	const struct op_type *t = &drv_ops[op->id];
	struct outcome *got = &d->got, *want = &d->want;
	unsigned long max_before[MT_NR] = { memblock.memory.max,
					    memblock.reserved.max };

	outcome_clear(got);
	outcome_clear(want);
	ht_log_clear();
	if (HT_PANICS(t->mm(op, got)))
		outcome_panic(got, "%s", ht_panic_msg());
	if ((t->check == CHECK_FIND || t->check == CHECK_ALLOC) &&
	    !got->panicked && got->n == 1)
		check_fit(d, t, op, got->v[0]);
	t->ref(d, op, want);
	expect_halt(d, want);
	compare(d, t, got, want);
	count(d, t, got, max_before);
	d->halted = want->halts;
}

/* ---- sequences ---- */

const struct model_cfg drv_universes[DRV_NR_KINDS] = {
	[DRV_BYTES] = { 0x80000000, 1, 1024 },
	[DRV_UNITS] = { 0x80000000, 64, 2048 },
	[DRV_PAGE0] = { 0, 64, 1024 },
	[DRV_RESIZE] = { 0x80000000, 64, 4096 },
};

void drv_init(struct drv *d, const struct model_cfg *universes)
{
	memset(d, 0, sizeof(*d));
	d->kind = -1;
	d->universes = universes;
}

static void free_buffers(struct drv *d)
{
	free(d->scratch);
	d->scratch = NULL;
	for (int t = 0; t < MT_NR; t++) {
		free(d->regs[t]);
		d->regs[t] = NULL;
	}
	free(d->got.v);
	free(d->want.v);
	d->got.v = d->want.v = NULL;
}

void drv_destroy(struct drv *d)
{
	if (d->mapped_kind)
		ht_env_reset();
	d->mapped_kind = 0;
	if (d->kind >= 0)
		model_destroy(&d->m);
	free_buffers(d);
}

/* Model and buffers for universe @kind (kept while it does not change). */
static void use_kind(struct drv *d, int kind)
{
	const struct model_cfg *cfg = &d->universes[kind];
	size_t cap = cfg->units + 2;	/* regions or ranges */

	if (d->kind == kind)
		return;
	if (d->kind >= 0)
		model_destroy(&d->m);
	model_init(&d->m, cfg);
	d->kind = kind;
	free_buffers(d);
	d->scratch_cap = cap;
	d->scratch = calloc(cap, sizeof(*d->scratch));
	for (int t = 0; t < MT_NR; t++)
		d->regs[t] = calloc(cap, sizeof(*d->regs[t]));
	/* a walk yields 3 values a range */
	d->got.cap = d->want.cap = 3 * cap;
	d->got.v = calloc(d->got.cap, sizeof(*d->got.v));
	d->want.v = calloc(d->want.cap, sizeof(*d->want.v));
	if (!d->scratch || !d->regs[MT_MEMORY] || !d->regs[MT_RESERVED] ||
	    !d->got.v || !d->want.v) {
		fprintf(stderr, "driver: out of memory\n");
		abort();
	}
}

bool drv_run(struct drv *d, struct drv_src *src, int kind, int combo,
	     unsigned long max_steps, struct drv_digests *dg)
{
	jmp_buf jb;
	struct op op;
	void (*saved)(const char *) __attribute__((noreturn)) = ht_unexpected;

	if (kind < 0) {
		/* bytes 30%, units 25%, page 0 15%, resize 30% */
		uint64_t k = drv_below(src, 20);

		kind = k < 6 ? DRV_BYTES : k < 11 ? DRV_UNITS :
		       k < 14 ? DRV_PAGE0 : DRV_RESIZE;
	}
	use_kind(d, kind);
	model_reset(&d->m);
	d->m.refuse_zero_alloc = true;
	d->m.max_numnodes_is_any = true;
	d->combo = combo;
	d->step = 0;
	d->max_steps = max_steps;
	d->digest = 0xcbf29ce484222325ull;
	d->failed = false;
	d->halted = false;
	d->why[0] = '\0';

	/* the RAM window stays mapped while the universe does not change */
	if (d->mapped_kind != kind + 1) {
		ht_env_reset();
		ht_ram_map(d->m.cfg.base, d->m.cfg.units * d->m.cfg.unit);
		d->mapped_kind = kind + 1;
	} else {
		memblock_reset();
		ht_log_clear();
		ht_kernel_end = 0;
		ht_panic_jmp = NULL;
	}
	ht_combo_apply(combo);
	memblock_set_index_footprint(d->footprint);
	memblock_set_gaptree_build_after(d->gaptree_build_after);
	d->m.index_pool = d->footprint || drv_combo_has_index(combo);
	d->static_regions[MT_MEMORY] = memblock.memory.regions;
	d->static_regions[MT_RESERVED] = memblock.reserved.regions;

	if (d->trace)
		printf("\t/* kind %d, %s */\n\tmemblock_reset();\n", kind,
		       ht_combo_name(combo));
	if (kind == DRV_RESIZE && drv_below(src, 4)) {
		memblock_allow_resize();
		d->m.can_resize = true;
		if (d->trace)
			printf("\tmemblock_allow_resize();\n");
	}
	if (drv_below(src, 2)) {
		ht_kernel_end = ops_random_addr(d, src);
		d->m.kernel_end = ht_kernel_end;
		if (d->trace)
			printf("\tht_kernel_end = %#llx;\n",
			       (unsigned long long)ht_kernel_end);
	}
	d->burst = 0;
	d->setup = d->setup_left = drv_below(src, 4) || kind == DRV_RESIZE ?
					   1 + drv_below(src, 4) : 0;
	if (drv_below(src, 16) == 0) {
		memblock_set_debug(true);
		if (d->trace)
			printf("\tmemblock_set_debug(1);\n");
	}

	d->last_hash[MT_MEMORY] = d->last_hash[MT_RESERVED] = 0;
	drv_cur = d;
	drv_fail_jmp = &jb;
	ht_unexpected = drv_unexpected;
	if (setjmp(jb) == 0) {
		check_state(d);
		while (d->step < max_steps && !d->halted) {
			ops_gen(d, src, &op);
			if (src->exhausted)
				break;
			if (dg && dg->recorded && d->step >= dg->len)
				drv_fail(d, "runs longer than the first combination of its class, %lu steps",
					 dg->len);
			if (d->trace) {
				printf("\t");
				ops_print(&op);
				printf(";\n");
			}
			run_op(d, &op);
			/* after a halt mm/ stopped half way: no state to check */
			if (!d->halted && !(d->burst && d->check_after_bursts))
				check_state(d);
			if (dg) {
				mix(d, hash_type(d, MT_MEMORY));
				mix(d, hash_type(d, MT_RESERVED));
				if (!dg->recorded)
					dg->v[d->step] = d->digest;
				else if (dg->v[d->step] != d->digest)
					drv_fail(d, "state differs from the first combination of its class after this step");
			}
			d->step++;
			d->ops++;
		}
		if (d->halted)
			d->halts++;
		if (dg && !dg->recorded) {
			dg->len = d->step;
			dg->recorded = true;
		} else if (dg && d->step != dg->len) {
			drv_fail(d, "ends after %lu steps, the first combination of its class after %lu",
				 d->step, dg->len);
		}
	} else {
		ht_panic_jmp = NULL;	/* left set by a failure inside a call */
	}
	ht_unexpected = saved;
	drv_fail_jmp = NULL;
	memblock_set_debug(false);
	return !d->failed;
}
