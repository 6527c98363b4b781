// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The differential driver; see driver.h.
 *
 * Choices that make sequences interesting rather than uniform noise:
 *  - addresses are often the edge of an existing region (of either type),
 *    give or take one unit, so touching, merging and splitting neighbours
 *    are common;
 *  - sizes are mostly a few units, sometimes a quarter of the universe,
 *    sometimes 0 or everything (and for removals, up to 2^64 - 1, which
 *    memblock_cap_size() clips);
 *  - the byte-granular universe gives 512+ possible regions, so the static
 *    arrays of 128 fill up and 4.12's -ENOMEM rules (add: cnt + holes >
 *    max; isolate: cnt + 2 > max) are exercised; the resize universe lets
 *    them double instead, and the model places the new arrays itself.
 *
 * Array doubling: in DRV_RESIZE sequences memblock_allow_resize() is called
 * (at the start, or later as an operation).  The model then doubles its
 * virtual arrays exactly where 4.12 does (model.c: model_double()) and the
 * driver checks that mm/'s arrays live at the same physical addresses.  So
 * that a doubled array is never overwritten (in Linux too, freeing a live
 * region array is a caller bug), memblock_free() ranges that touch a live
 * array are not generated.
 */

#include <inttypes.h>
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

/* ---- operations ---- */

enum op_kind {
	OP_ADD, OP_ADD_NODE, OP_REMOVE, OP_RESERVE, OP_FREE, OP_MARK,
	OP_SET_NODE, OP_FIND_NODE, OP_FIND, OP_ALLOC_RANGE, OP_ALLOC_BASE_NID,
	OP___ALLOC_BASE, OP_ALLOC_BASE, OP_ALLOC, OP_ALLOC_NID,
	OP_ALLOC_TRY_NID, OP_PHYS_ALLOC_RANGE, OP_SETTING, OP_QUERY, OP_ITER,
	OP_TRIM, OP_ENFORCE, OP_NR
};

static const unsigned op_weight[OP_NR] = {
	[OP_ADD] = 10, [OP_ADD_NODE] = 6, [OP_REMOVE] = 6, [OP_RESERVE] = 12,
	[OP_FREE] = 8, [OP_MARK] = 6, [OP_SET_NODE] = 4, [OP_FIND_NODE] = 6,
	[OP_FIND] = 3, [OP_ALLOC_RANGE] = 6, [OP_ALLOC_BASE_NID] = 6,
	[OP___ALLOC_BASE] = 2, [OP_ALLOC_BASE] = 2, [OP_ALLOC] = 3,
	[OP_ALLOC_NID] = 3, [OP_ALLOC_TRY_NID] = 2, [OP_PHYS_ALLOC_RANGE] = 4,
	[OP_SETTING] = 4, [OP_QUERY] = 4, [OP_ITER] = 3, [OP_TRIM] = 1,
	[OP_ENFORCE] = 1,
};

enum { MARK_HOTPLUG, CLEAR_HOTPLUG, MARK_MIRROR, MARK_NOMAP, CLEAR_NOMAP,
       MARK_NR };
enum { SET_BOTTOM_UP, SET_LIMIT, SET_KERNEL_END, SET_MOVABLE,
       SET_ALLOW_RESIZE, SET_DEBUG, SET_NR };

struct op {
	int kind, sub;
	phys_addr_t base, size, align, start, end;
	int nid, type, type_b;
	unsigned long flags;
	bool rev;
};

static const char *const mark_names[MARK_NR] = {
	"memblock_mark_hotplug", "memblock_clear_hotplug",
	"memblock_mark_mirror", "memblock_mark_nomap", "memblock_clear_nomap",
};

static const char *tname(int t)
{
	return t == MT_MEMORY ? "&memblock.memory" :
	       t == MT_RESERVED ? "&memblock.reserved" : "NULL";
}

static struct memblock_type *mtype(int t)
{
	return t == MT_MEMORY ? &memblock.memory :
	       t == MT_RESERVED ? &memblock.reserved : NULL;
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

/* ---- generation ---- */

static phys_addr_t UNIT(const struct drv *d)
{
	return d->m.cfg.unit;
}

static phys_addr_t UB(const struct drv *d)
{
	return d->m.cfg.base;
}

static phys_addr_t UE(const struct drv *d)
{
	return d->m.cfg.base + d->m.cfg.units * d->m.cfg.unit;
}

static phys_addr_t gen_random_addr(struct drv *d, struct drv_src *s)
{
	return UB(d) + drv_below(s, d->m.cfg.units + 1) * UNIT(d);
}

/* An edge of an existing region, give or take a unit. */
static phys_addr_t gen_edge(struct drv *d, struct drv_src *s)
{
	int t = (int)drv_below(s, 2);
	size_t n = d->nregs[t];	/* as of the last check_state() */
	const struct model_range *r;
	phys_addr_t a;
	static const int delta[] = { -1, 0, 0, 0, 1 };
	int dl;

	if (!n)
		return gen_random_addr(d, s);
	r = &d->regs[t][drv_below(s, n)];
	a = drv_below(s, 2) ? r->end : r->start;
	dl = delta[drv_below(s, 5)];
	if (dl < 0 && a > UB(d))
		a -= UNIT(d);
	else if (dl > 0 && a < UE(d))
		a += UNIT(d);
	return a;
}

static phys_addr_t gen_addr(struct drv *d, struct drv_src *s)
{
	switch (drv_below(s, 10)) {
	case 0: case 1: case 2: case 3: case 4:
		return gen_random_addr(d, s);
	case 5: case 6: case 7: case 8:
		return gen_edge(d, s);
	default:
		switch (drv_below(s, 3)) {
		case 0: return UB(d);
		case 1: return UE(d);
		default: return UB(d) + d->m.cfg.units / 2 * UNIT(d);
		}
	}
}

static phys_addr_t gen_len(struct drv *d, struct drv_src *s)
{
	unsigned long n = d->m.cfg.units;

	switch (drv_below(s, 10)) {
	case 0: case 1: case 2: case 3:
		return (1 + drv_below(s, 4)) * UNIT(d);
	case 4: case 5: case 6:
		return (1 + drv_below(s, 32)) * UNIT(d);
	case 7: case 8:
		return (1 + drv_below(s, n / 4)) * UNIT(d);
	default:
		return drv_below(s, 2) ? 0 : n * UNIT(d);
	}
}

/* A range that must lie inside the universe (add, reserve). */
static void gen_inside(struct drv *d, struct drv_src *s, struct op *op)
{
	op->base = gen_addr(d, s);
	op->size = gen_len(d, s);
	/* resize: mostly small, so that free pages remain for the arrays */
	if (d->kind == DRV_RESIZE && drv_below(s, 4))
		op->size = (1 + drv_below(s, 8)) * UNIT(d);
	if (op->size > UE(d) - op->base)
		op->size = UE(d) - op->base;
}

/* A range that may stick out of the universe (remove, free, marks). */
static void gen_any(struct drv *d, struct drv_src *s, struct op *op)
{
	op->base = gen_addr(d, s);
	op->size = gen_len(d, s);
	switch (drv_below(s, 20)) {
	case 0:
		op->base = UB(d) >= 8 * UNIT(d) ? UB(d) - 8 * UNIT(d) : 0;
		break;
	case 1:
		op->size = ULLONG_MAX;	/* clipped by memblock_cap_size() */
		break;
	default:
		break;
	}
	/* resize: mostly small, so that memory remains for the arrays */
	if (d->kind == DRV_RESIZE && drv_below(s, 8))
		op->size = (1 + drv_below(s, 8)) * UNIT(d);
}

static int gen_node(struct drv_src *s)
{
	switch (drv_below(s, 10)) {
	case 0: case 1: case 2: case 3: case 4: case 5:
		return NUMA_NO_NODE;
	case 9:
		return MAX_NUMNODES;
	default:
		return (int)drv_below(s, 4);
	}
}

static unsigned long gen_find_flags(struct drv_src *s)
{
	static const unsigned long f[] = {
		MEMBLOCK_NONE, MEMBLOCK_NONE, MEMBLOCK_NONE, MEMBLOCK_NONE,
		MEMBLOCK_NONE, MEMBLOCK_MIRROR, MEMBLOCK_NOMAP,
		MEMBLOCK_MIRROR | MEMBLOCK_NOMAP,
	};

	return f[drv_below(s, 8)];
}

static void gen_request(struct drv *d, struct drv_src *s, struct op *op)
{
	unsigned maxlog = 0;

	while (((phys_addr_t)1 << maxlog) < UE(d) - UB(d))
		maxlog++;
	switch (drv_below(s, 10)) {
	case 0: case 1: case 2: case 3:
		op->size = (1 + drv_below(s, 4)) * UNIT(d);
		break;
	case 4: case 5: case 6:
		op->size = (1 + drv_below(s, 64)) * UNIT(d);
		break;
	case 7: case 8:
		op->size = gen_len(d, s);
		break;
	default:
		op->size = drv_below(s, 3) ? 0 : (d->m.cfg.units + 1) * UNIT(d);
		break;
	}
	switch (drv_below(s, 10)) {
	case 0: case 1:
		op->align = 0;
		break;
	case 9:
		op->align = drv_below(s, 2) ? 3 * UNIT(d) : 96;	/* refused */
		break;
	default:
		op->align = (phys_addr_t)1 << drv_below(s, maxlog + 2);
		break;
	}
	switch (drv_below(s, 10)) {
	case 0: case 1: case 2: case 3: case 4:
		op->start = 0;
		break;
	case 5: case 6: case 7:
		op->start = gen_addr(d, s);
		break;
	case 8:
		op->start = gen_edge(d, s);
		break;
	default:
		op->start = UE(d) + 16 * UNIT(d);
		break;
	}
	switch (drv_below(s, 10)) {
	case 0: case 1: case 2:
		op->end = MEMBLOCK_ALLOC_ACCESSIBLE;
		break;
	case 3: case 4:
		op->end = MEMBLOCK_ALLOC_ANYWHERE;
		break;
	case 9:
		op->end = gen_edge(d, s);
		break;
	default:
		op->end = gen_addr(d, s);
		break;
	}
	op->nid = gen_node(s);
	op->flags = gen_find_flags(s);
}

/* Does [base, base + size) touch a live doubled array? */
static bool touches_array(const struct drv *d, phys_addr_t base,
			  phys_addr_t size)
{
	for (int t = 0; t < MT_NR; t++) {
		phys_addr_t a = d->m.array[t];
		phys_addr_t len = PAGE_ALIGN(d->m.max[t] *
					     sizeof(struct memblock_region));

		if (!a)
			continue;
		size = size > PHYS_ADDR_MAX - base ? PHYS_ADDR_MAX - base : size;
		if (base < a + len && a < base + size)
			return true;
	}
	return false;
}

static void gen_op(struct drv *d, struct drv_src *s, struct op *op)
{
	unsigned total = 0, pick;

	memset(op, 0, sizeof(*op));
	if (d->setup_left) {
		/* describe memory: the universe in d->setup parts, by node */
		unsigned long part = d->m.cfg.units / d->setup;
		unsigned long i = d->setup - d->setup_left--;

		op->kind = drv_below(s, 4) ? OP_ADD_NODE : OP_ADD;
		op->base = UB(d) + i * part * UNIT(d);
		op->size = (part - drv_below(s, 2)) * UNIT(d);
		op->nid = (int)(i % 4);
		return;
	}
	if (d->burst) {
		/* many small ranges: fill the arrays towards 128 regions */
		d->burst--;
		op->kind = drv_below(s, 3) ? OP_RESERVE : OP_ADD_NODE;
		op->base = gen_random_addr(d, s);
		/*
		 * Resize: every other unit of the lower half, so that the
		 * regions stay apart (hundreds of them) and the upper half
		 * keeps whole free pages for the doubled arrays.
		 */
		if (d->kind == DRV_RESIZE) {
			d->burst_pos = (d->burst_pos + 2) % (d->m.cfg.units / 2);
			op->base = UB(d) + d->burst_pos * UNIT(d);
			op->size = UNIT(d);
		}
		op->size = (1 + drv_below(s, 2)) * UNIT(d);
		if (op->size > UE(d) - op->base)
			op->size = UE(d) - op->base;
		op->nid = (int)drv_below(s, 4);
		return;
	}
	if (drv_below(s, 64) == 0) {
		d->burst = 20 + drv_below(s, d->kind == DRV_RESIZE ? 600 : 200);
		d->burst_pos = 2 * drv_below(s, d->m.cfg.units / 4);
	}
	for (int k = 0; k < OP_NR; k++)
		total += op_weight[k];
	pick = (unsigned)drv_below(s, total);
	for (op->kind = 0; pick >= op_weight[op->kind]; op->kind++)
		pick -= op_weight[op->kind];

	switch (op->kind) {
	case OP_ADD:
	case OP_RESERVE:
		gen_inside(d, s, op);
		break;
	case OP_ADD_NODE:
		gen_inside(d, s, op);
		op->nid = (int)drv_below(s, 4);
		break;
	case OP_FREE:
		gen_any(d, s, op);
		if (touches_array(d, op->base, op->size))
			op->kind = OP_QUERY;	/* never free a live array */
		break;
	case OP_REMOVE:
		gen_any(d, s, op);
		break;
	case OP_MARK:
		gen_any(d, s, op);
		op->sub = (int)drv_below(s, MARK_NR);
		break;
	case OP_SET_NODE:
		gen_any(d, s, op);
		op->type = drv_below(s, 4) ? MT_MEMORY : MT_RESERVED;
		op->nid = drv_below(s, 5) ? (int)drv_below(s, 4) : MAX_NUMNODES;
		break;
	case OP_SETTING:
		op->sub = (int)drv_below(s, SET_NR);
		switch (op->sub) {
		case SET_LIMIT:
			op->base = drv_below(s, 4) ? gen_addr(d, s) :
				   drv_below(s, 2) ? MEMBLOCK_ALLOC_ANYWHERE : 0;
			/* resize: arrays are found below the limit */
			if (d->kind == DRV_RESIZE && drv_below(s, 4))
				op->base = drv_below(s, 2) ? MEMBLOCK_ALLOC_ANYWHERE :
					   UE(d) - drv_below(s, d->m.cfg.units / 4) *
							   UNIT(d);
			break;
		case SET_KERNEL_END:
			op->base = drv_below(s, 2) ? gen_addr(d, s) : 0;
			break;
		default:
			op->base = drv_below(s, 2);
			break;
		}
		break;
	case OP_QUERY:
		break;
	case OP_TRIM:
		op->align = UNIT(d) << drv_below(s, 8);
		break;
	case OP_ENFORCE:
		/* resize: would cut live arrays out of reserved */
		if (d->kind == DRV_RESIZE)
			op->kind = OP_QUERY;
		op->size = drv_below(s, 8) ? gen_len(d, s) : 0;
		break;
	case OP_ITER:
		op->type = (int)drv_below(s, 2);
		op->type_b = (int)drv_below(s, 4) - 1;	/* -1: NULL */
		if (op->type_b == 2)
			op->type_b = MT_RESERVED;
		op->nid = gen_node(s);
		op->flags = gen_find_flags(s);
		op->rev = drv_below(s, 2);
		break;
	default:
		gen_request(d, s, op);
		break;
	}
	if (op->kind == OP_QUERY) {
		op->base = gen_addr(d, s) + drv_below(s, UNIT(d));
		op->size = drv_below(s, 8) ? gen_len(d, s) + drv_below(s, UNIT(d)) :
					     ULLONG_MAX;
		op->type = (int)drv_below(s, 2);
	}
}

/* ---- printing an operation as C, for --trace and repros ---- */

static void print_op(const struct drv *d, const struct op *op)
{
	(void)d;
	switch (op->kind) {
	case OP_ADD:
		printf("memblock_add(%#llx, %#llx)", (unsigned long long)op->base,
		       (unsigned long long)op->size);
		break;
	case OP_ADD_NODE:
		printf("memblock_add_node(%#llx, %#llx, %d)",
		       (unsigned long long)op->base,
		       (unsigned long long)op->size, op->nid);
		break;
	case OP_REMOVE:
	case OP_RESERVE:
	case OP_FREE:
		printf("%s(%#llx, %#llx)",
		       op->kind == OP_REMOVE ? "memblock_remove" :
		       op->kind == OP_RESERVE ? "memblock_reserve" :
						"memblock_free",
		       (unsigned long long)op->base,
		       (unsigned long long)op->size);
		break;
	case OP_MARK:
		printf("%s(%#llx, %#llx)", mark_names[op->sub],
		       (unsigned long long)op->base,
		       (unsigned long long)op->size);
		break;
	case OP_SET_NODE:
		printf("memblock_set_node(%#llx, %#llx, %s, %d)",
		       (unsigned long long)op->base,
		       (unsigned long long)op->size, tname(op->type), op->nid);
		break;
	case OP_FIND_NODE:
		printf("memblock_find_in_range_node(%#llx, %#llx, %#llx, %#llx, %d, %#lx)",
		       (unsigned long long)op->size,
		       (unsigned long long)op->align,
		       (unsigned long long)op->start,
		       (unsigned long long)op->end, op->nid, op->flags);
		break;
	case OP_FIND:
		printf("memblock_find_in_range(%#llx, %#llx, %#llx, %#llx)",
		       (unsigned long long)op->start,
		       (unsigned long long)op->end,
		       (unsigned long long)op->size,
		       (unsigned long long)op->align);
		break;
	case OP_ALLOC_RANGE:
		printf("memblock_alloc_range(%#llx, %#llx, %#llx, %#llx, %#lx)",
		       (unsigned long long)op->size,
		       (unsigned long long)op->align,
		       (unsigned long long)op->start,
		       (unsigned long long)op->end, op->flags);
		break;
	case OP_ALLOC_BASE_NID:
		printf("memblock_alloc_base_nid(%#llx, %#llx, %#llx, %d, %#lx)",
		       (unsigned long long)op->size,
		       (unsigned long long)op->align,
		       (unsigned long long)op->end, op->nid, op->flags);
		break;
	case OP___ALLOC_BASE:
	case OP_ALLOC_BASE:
		printf("%s(%#llx, %#llx, %#llx)",
		       op->kind == OP_ALLOC_BASE ? "memblock_alloc_base" :
						   "__memblock_alloc_base",
		       (unsigned long long)op->size,
		       (unsigned long long)op->align,
		       (unsigned long long)op->end);
		break;
	case OP_ALLOC:
		printf("memblock_alloc(%#llx, %#llx)",
		       (unsigned long long)op->size,
		       (unsigned long long)op->align);
		break;
	case OP_ALLOC_NID:
	case OP_ALLOC_TRY_NID:
		printf("%s(%#llx, %#llx, %d)",
		       op->kind == OP_ALLOC_NID ? "memblock_alloc_nid" :
						  "memblock_alloc_try_nid",
		       (unsigned long long)op->size,
		       (unsigned long long)op->align, op->nid);
		break;
	case OP_PHYS_ALLOC_RANGE:
		printf("memblock_phys_alloc_range(%#llx, %#llx, %#llx, %#llx)",
		       (unsigned long long)op->size,
		       (unsigned long long)op->align,
		       (unsigned long long)op->start,
		       (unsigned long long)op->end);
		break;
	case OP_SETTING:
		switch (op->sub) {
		case SET_BOTTOM_UP:
			printf("memblock_set_bottom_up(%d)", (int)op->base);
			break;
		case SET_LIMIT:
			printf("memblock_set_current_limit(%#llx)",
			       (unsigned long long)op->base);
			break;
		case SET_KERNEL_END:
			printf("ht_kernel_end = %#llx",
			       (unsigned long long)op->base);
			break;
		case SET_MOVABLE:
			printf("memblock_set_movable_node(%d)", (int)op->base);
			break;
		case SET_ALLOW_RESIZE:
			printf("memblock_allow_resize() /* if %d */",
			       (int)op->base);
			break;
		default:
			printf("memblock_set_debug(%d)", (int)op->base);
			break;
		}
		break;
	case OP_QUERY:
		printf("/* queries at %#llx size %#llx type %s */",
		       (unsigned long long)op->base,
		       (unsigned long long)op->size, tname(op->type));
		break;
	case OP_ITER:
		printf("/* for_each_mem_range%s(i, %s, %s, %d, %#lx, ...) */",
		       op->rev ? "_rev" : "", tname(op->type),
		       tname(op->type_b), op->nid, op->flags);
		break;
	case OP_TRIM:
		printf("memblock_trim_memory(%#llx)",
		       (unsigned long long)op->align);
		break;
	case OP_ENFORCE:
		printf("memblock_enforce_memory_limit(%#llx)",
		       (unsigned long long)op->size);
		break;
	}
}

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
	const struct memblock_type *t = mtype(type);
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

/* ---- checks ---- */

static void check_type(struct drv *d, int t)
{
	const struct memblock_type *mt = mtype(t);
	const char *why;
	const struct model_range *regs = d->regs[t];
	phys_addr_t total = 0;
	uint64_t h = hash_type(d, t);
	size_t n;

	/*
	 * Neither mm/'s array (same hash) nor the model (same generation)
	 * changed since they were last found equal: nothing to compare.
	 */
	if (h == d->last_hash[t] && d->m.gen[t] == d->last_gen[t])
		return;
	d->last_hash[t] = h;
	d->last_gen[t] = d->m.gen[t];
	why = ht_check_type(mt);
	if (why)
		drv_fail(d, "invariant: %s", why);
	n = d->nregs[t] = model_regions(&d->m, t, d->regs[t], d->scratch_cap);
	if (n == 0) {
		if (mt->cnt != 1 || mt->regions[0].base || mt->regions[0].size ||
		    mt->regions[0].flags)
			drv_fail(d, "%s: want the empty array, got cnt %lu",
				 mt->name, mt->cnt);
	} else {
		if (mt->cnt != n)
			drv_fail(d, "%s.cnt: got %lu, model %zu", mt->name,
				 mt->cnt, n);
		for (size_t i = 0; i < n; i++) {
			const struct memblock_region *r = &mt->regions[i];
			const struct model_range *w = &regs[i];

			if (r->base != w->start || r->size != w->end - w->start ||
			    r->flags != w->flags || r->nid != w->nid)
				drv_fail(d, "%s[%zu]: got {%#llx, %#llx, %#lx, %d}, model {%#llx, %#llx, %#lx, %d}",
					 mt->name, i,
					 (unsigned long long)r->base,
					 (unsigned long long)r->size, r->flags,
					 r->nid, (unsigned long long)w->start,
					 (unsigned long long)(w->end - w->start),
					 w->flags, w->nid);
			total += w->end - w->start;
		}
	}
	if (mt->total_size != total)
		drv_fail(d, "%s.total_size: got %#llx, model %#llx", mt->name,
			 (unsigned long long)mt->total_size,
			 (unsigned long long)total);
	if (n > d->max_cnt)
		d->max_cnt = n;
	if (mt->max != d->m.max[t])
		drv_fail(d, "%s.max: got %lu, model %lu", mt->name, mt->max,
			 d->m.max[t]);
	if (!d->m.array[t]) {
		if (mt->regions != d->static_regions[t])
			drv_fail(d, "%s: array moved, model keeps it static",
				 mt->name);
	} else if (mt->regions == d->static_regions[t]) {
		drv_fail(d, "%s: array static, model doubled it to %#llx",
			 mt->name, (unsigned long long)d->m.array[t]);
	} else if (memblock_virt_to_phys(mt->regions) != d->m.array[t]) {
		drv_fail(d, "%s: array at %#llx, model put it at %#llx",
			 mt->name,
			 (unsigned long long)memblock_virt_to_phys(mt->regions),
			 (unsigned long long)d->m.array[t]);
	}
}

static void check_state(struct drv *d)
{
	check_type(d, MT_MEMORY);
	check_type(d, MT_RESERVED);
	if (memblock.current_limit != d->m.current_limit ||
	    memblock.bottom_up != d->m.bottom_up)
		drv_fail(d, "limit/direction differ");
	if (d->m.bug)
		drv_fail(d, "model: a doubled array could not be reserved");
}

/*
 * The properties any answer of a find or an allocation must have, checked
 * against the state before the call (the model, not yet updated).
 */
static void check_fit(struct drv *d, const struct op *op, phys_addr_t a,
		      phys_addr_t start, phys_addr_t end, phys_addr_t align,
		      int nid, unsigned long flags)
{
	const struct model *m = &d->m;
	phys_addr_t s = start > PAGE_SIZE ? start : PAGE_SIZE;
	phys_addr_t e = end == MEMBLOCK_ALLOC_ACCESSIBLE ? m->current_limit : end;
	long u0, u1;

	(void)op;
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
	if (a < m->cfg.base || a + op->size > UE(d))
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

static void expect_eq(struct drv *d, const char *what, uint64_t got,
		      uint64_t want)
{
	mix(d, got);
	if (got != want)
		drv_fail(d, "%s: got %#llx (%lld), model %#llx (%lld)", what,
			 (unsigned long long)got, (long long)got,
			 (unsigned long long)want, (long long)want);
}

/* ---- running one operation ---- */

/* Calls that panic on failure: the panic must happen exactly when the
 * model fails, with 4.12's message. */
static void expect_alloc_or_panic(struct drv *d, bool panicked,
				  phys_addr_t got, phys_addr_t want,
				  phys_addr_t size, phys_addr_t max_addr)
{
	char msg[128];

	if (want) {
		if (panicked)
			drv_fail(d, "panicked (%s), model returns %#llx",
				 ht_panic_msg(), (unsigned long long)want);
		expect_eq(d, "address", got, want);
		d->allocs_ok++;
		return;
	}
	snprintf(msg, sizeof(msg),
		 "ERROR: Failed to allocate 0x%016llx bytes below 0x%016llx.\n",
		 (unsigned long long)size, (unsigned long long)max_addr);
	if (!panicked)
		drv_fail(d, "returned %#llx, model panics: %s",
			 (unsigned long long)got, msg);
	if (strcmp(ht_panic_msg(), msg))
		drv_fail(d, "panic text \"%s\", want \"%s\"", ht_panic_msg(),
			 msg);
	mix(d, 0xdead);
	d->panics++;
	d->allocs_failed++;
}

static void run_query(struct drv *d, const struct op *op)
{
	const struct model *m = &d->m;
	phys_addr_t a = op->base, sz = op->size;
	phys_addr_t capped = sz > PHYS_ADDR_MAX - a ? PHYS_ADDR_MAX - a : sz;
	size_t n;

	expect_eq(d, "memblock_is_memory", memblock_is_memory(a),
		  model_is_in(m, MT_MEMORY, a));
	expect_eq(d, "memblock_is_map_memory", memblock_is_map_memory(a),
		  model_is_map_memory(m, a));
	expect_eq(d, "memblock_is_reserved", memblock_is_reserved(a),
		  model_is_in(m, MT_RESERVED, a));
	expect_eq(d, "memblock_is_region_memory",
		  memblock_is_region_memory(a, sz),
		  model_is_region_memory(m, a, sz));
	expect_eq(d, "memblock_is_region_reserved",
		  memblock_is_region_reserved(a, sz),
		  model_overlaps(m, MT_RESERVED, a, capped));
	expect_eq(d, "memblock_overlaps_region",
		  memblock_overlaps_region(mtype(op->type), a, sz),
		  model_overlaps(m, op->type, a, sz));
	expect_eq(d, "memblock_search",
		  (uint64_t)(int64_t)memblock_search(mtype(op->type), a),
		  (uint64_t)(int64_t)model_search(m, op->type, a));
	n = d->nregs[MT_MEMORY];
	expect_eq(d, "memblock_start_of_DRAM", memblock_start_of_DRAM(),
		  n ? d->regs[MT_MEMORY][0].start : 0);
	expect_eq(d, "memblock_end_of_DRAM", memblock_end_of_DRAM(),
		  n ? d->regs[MT_MEMORY][n - 1].end : 0);
	expect_eq(d, "memblock_phys_mem_size", memblock_phys_mem_size(),
		  model_total(m, MT_MEMORY));
	expect_eq(d, "memblock_reserved_size", memblock_reserved_size(),
		  model_total(m, MT_RESERVED));
}

static void run_iter(struct drv *d, const struct op *op)
{
	struct memblock_type *ta = mtype(op->type), *tb = mtype(op->type_b);
	size_t want, got = 0, cap = d->m.cfg.units + 2;
	phys_addr_t s, e;
	int nid;
	u64 i;

	/* Over an empty type with no exclusion the walk yields the dummy,
	 * whose nid is an implementation detail: not compared. */
	if (op->type_b < 0 && d->nregs[op->type] == 0)
		return;
	want = model_mem_ranges(&d->m, op->type, op->type_b, op->nid,
				op->flags, d->scratch, d->scratch_cap);
#define ONE()								\
	do {								\
		const struct model_range *w;				\
		if (got >= cap || got >= want)				\
			drv_fail(d, "walk yields more than the model's %zu ranges", want); \
		w = &d->scratch[op->rev ? want - 1 - got : got];	\
		if (s != w->start || e != w->end || nid != w->nid)	\
			drv_fail(d, "walk range %zu: got [%#llx, %#llx) nid %d, model [%#llx, %#llx) nid %d", \
				 got, (unsigned long long)s,		\
				 (unsigned long long)e, nid,		\
				 (unsigned long long)w->start,		\
				 (unsigned long long)w->end, w->nid);	\
		mix(d, s);						\
		mix(d, e);						\
		got++;							\
	} while (0)
	if (op->rev) {
		for_each_mem_range_rev(i, ta, tb, op->nid, op->flags, &s, &e,
				       &nid)
			ONE();
	} else {
		for_each_mem_range(i, ta, tb, op->nid, op->flags, &s, &e, &nid)
			ONE();
	}
#undef ONE
	if (got != want)
		drv_fail(d, "walk yields %zu ranges, model %zu", got, want);
}

static void run_op(struct drv *d, const struct op *op)
{
	struct model *m = &d->m;
	volatile phys_addr_t got = 0;
	volatile int iret = 0;
	phys_addr_t want;
	int iwant;
	bool panicked = false;

	ht_log_clear();
	switch (op->kind) {
	case OP_ADD:
	case OP_ADD_NODE:
	case OP_REMOVE:
	case OP_RESERVE:
	case OP_FREE:
	case OP_MARK:
	case OP_SET_NODE: {
		unsigned long before[MT_NR] = { memblock.memory.max,
						memblock.reserved.max };

		switch (op->kind) {
		case OP_ADD:
			iret = memblock_add(op->base, op->size);
			iwant = model_add(m, op->base, op->size);
			break;
		case OP_ADD_NODE:
			iret = memblock_add_node(op->base, op->size, op->nid);
			iwant = model_add_node(m, op->base, op->size, op->nid);
			break;
		case OP_REMOVE:
			iret = memblock_remove(op->base, op->size);
			iwant = model_remove_range(m, MT_MEMORY, op->base,
						   op->size);
			break;
		case OP_RESERVE:
			iret = memblock_reserve(op->base, op->size);
			iwant = model_reserve(m, op->base, op->size);
			break;
		case OP_FREE:
			iret = memblock_free(op->base, op->size);
			iwant = model_remove_range(m, MT_RESERVED, op->base,
						   op->size);
			break;
		case OP_MARK:
			switch (op->sub) {
			case MARK_HOTPLUG:
				iret = memblock_mark_hotplug(op->base, op->size);
				iwant = model_setclr_flag(m, op->base, op->size,
							  true, MEMBLOCK_HOTPLUG);
				break;
			case CLEAR_HOTPLUG:
				iret = memblock_clear_hotplug(op->base, op->size);
				iwant = model_setclr_flag(m, op->base, op->size,
							  false, MEMBLOCK_HOTPLUG);
				break;
			case MARK_MIRROR:
				iret = memblock_mark_mirror(op->base, op->size);
				iwant = model_mark_mirror(m, op->base, op->size);
				break;
			case MARK_NOMAP:
				iret = memblock_mark_nomap(op->base, op->size);
				iwant = model_setclr_flag(m, op->base, op->size,
							  true, MEMBLOCK_NOMAP);
				break;
			default:
				iret = memblock_clear_nomap(op->base, op->size);
				iwant = model_setclr_flag(m, op->base, op->size,
							  false, MEMBLOCK_NOMAP);
				break;
			}
			break;
		default:
			iret = memblock_set_node(op->base, op->size,
						 mtype(op->type), op->nid);
			iwant = model_set_node(m, op->base, op->size, op->type,
					       op->nid);
			break;
		}
		expect_eq(d, "return", (uint64_t)(int64_t)iret,
			  (uint64_t)(int64_t)iwant);
		if (iret)
			d->enomem++;
		if (memblock.memory.max != before[0] ||
		    memblock.reserved.max != before[1])
			d->doublings++;
		if (memblock.memory.max > before[0] &&
		    before[0] > INIT_MEMBLOCK_REGIONS)
			d->redoublings++;
		if (memblock.reserved.max > before[1] &&
		    before[1] > INIT_MEMBLOCK_REGIONS)
			d->redoublings++;
		break;
	}
	case OP_FIND_NODE:
		got = memblock_find_in_range_node(op->size, op->align, op->start,
						  op->end, op->nid, op->flags);
		check_fit(d, op, got, op->start, op->end, op->align, op->nid,
			  op->flags);
		want = model_find_in_range_node(m, op->size, op->align,
						op->start, op->end, op->nid,
						op->flags);
		expect_eq(d, "address", got, want);
		break;
	case OP_FIND:
		got = memblock_find_in_range(op->start, op->end, op->size,
					     op->align);
		check_fit(d, op, got, op->start, op->end, op->align,
			  NUMA_NO_NODE, 0);
		want = model_find_in_range(m, op->start, op->end, op->size,
					   op->align);
		expect_eq(d, "address", got, want);
		break;
	case OP_ALLOC_RANGE:
	case OP_ALLOC_BASE_NID:
	case OP___ALLOC_BASE:
	case OP_ALLOC_NID:
	case OP_PHYS_ALLOC_RANGE: {
		phys_addr_t start = 0, end = op->end;
		phys_addr_t align = op->align ? op->align : SMP_CACHE_BYTES;
		int nid = NUMA_NO_NODE;
		unsigned long flags = 0;

		switch (op->kind) {
		case OP_ALLOC_RANGE:
			got = memblock_alloc_range(op->size, op->align,
						   op->start, op->end,
						   op->flags);
			start = op->start;
			flags = op->flags;
			break;
		case OP_ALLOC_BASE_NID:
			got = memblock_alloc_base_nid(op->size, op->align,
						      op->end, op->nid,
						      op->flags);
			nid = op->nid;
			flags = op->flags;
			break;
		case OP___ALLOC_BASE:
			got = __memblock_alloc_base(op->size, op->align,
						    op->end);
			break;
		case OP_ALLOC_NID:
			got = memblock_alloc_nid(op->size, op->align, op->nid);
			end = MEMBLOCK_ALLOC_ACCESSIBLE;
			nid = op->nid;
			break;
		default:
			got = memblock_phys_alloc_range(op->size, op->align,
							op->start, op->end);
			start = op->start;
			break;
		}
		check_fit(d, op, got, start, end, align, nid, flags);
		switch (op->kind) {
		case OP_ALLOC_RANGE:
			want = model_alloc_range_nid(m, op->size, op->align,
						     op->start, op->end,
						     NUMA_NO_NODE, op->flags);
			break;
		case OP_ALLOC_BASE_NID:
			want = model_alloc_range_nid(m, op->size, op->align, 0,
						     op->end, op->nid,
						     op->flags);
			break;
		case OP___ALLOC_BASE:
			want = model_alloc_range_nid(m, op->size, op->align, 0,
						     op->end, NUMA_NO_NODE, 0);
			break;
		case OP_ALLOC_NID:
			want = model_alloc_nid(m, op->size, op->align, op->nid);
			break;
		default:
			want = model_phys_alloc_range(m, op->size, op->align,
						      op->start, op->end);
			break;
		}
		expect_eq(d, "address", got, want);
		if (got)
			d->allocs_ok++;
		else
			d->allocs_failed++;
		break;
	}
	case OP_ALLOC_BASE:
	case OP_ALLOC:
	case OP_ALLOC_TRY_NID: {
		phys_addr_t max_addr = op->kind == OP_ALLOC_BASE ? op->end :
				       MEMBLOCK_ALLOC_ACCESSIBLE;
		phys_addr_t align = op->align ? op->align : SMP_CACHE_BYTES;

		switch (op->kind) {
		case OP_ALLOC_BASE:
			panicked = HT_PANICS(got = memblock_alloc_base(
						     op->size, op->align,
						     op->end));
			break;
		case OP_ALLOC:
			panicked = HT_PANICS(got = memblock_alloc(op->size,
								  op->align));
			break;
		default:
			panicked = HT_PANICS(got = memblock_alloc_try_nid(
						     op->size, op->align,
						     op->nid));
			break;
		}
		if (!panicked)
			check_fit(d, op, got, 0, max_addr, align,
				  NUMA_NO_NODE, 0);
		if (op->kind == OP_ALLOC_TRY_NID) {
			want = model_alloc_nid(m, op->size, op->align, op->nid);
			if (!want)
				want = model_alloc_range_nid(
					m, op->size, op->align, 0,
					MEMBLOCK_ALLOC_ACCESSIBLE,
					NUMA_NO_NODE, 0);
		} else {
			want = model_alloc_range_nid(m, op->size, op->align, 0,
						     max_addr, NUMA_NO_NODE, 0);
		}
		expect_alloc_or_panic(d, panicked, got, want, op->size,
				      max_addr);
		break;
	}
	case OP_SETTING:
		switch (op->sub) {
		case SET_BOTTOM_UP:
			memblock_set_bottom_up(op->base);
			m->bottom_up = op->base;
			expect_eq(d, "memblock_bottom_up", memblock_bottom_up(),
				  m->bottom_up);
			break;
		case SET_LIMIT:
			memblock_set_current_limit(op->base);
			m->current_limit = op->base;
			expect_eq(d, "memblock_get_current_limit",
				  memblock_get_current_limit(),
				  m->current_limit);
			break;
		case SET_KERNEL_END:
			ht_kernel_end = op->base;
			m->kernel_end = op->base;
			break;
		case SET_MOVABLE:
			memblock_set_movable_node(op->base);
			m->movable_node = op->base;
			break;
		case SET_ALLOW_RESIZE:
			if (d->kind == DRV_RESIZE && op->base) {
				memblock_allow_resize();
				m->can_resize = true;
			}
			break;
		default:
			memblock_set_debug(op->base);
			expect_eq(d, "memblock_debug_enabled",
				  memblock_debug_enabled(), op->base);
			break;
		}
		break;
	case OP_QUERY:
		run_query(d, op);
		break;
	case OP_ITER:
		run_iter(d, op);
		break;
	case OP_TRIM:
		memblock_trim_memory(op->align);
		model_trim_memory(m, op->align);
		break;
	case OP_ENFORCE:
		memblock_enforce_memory_limit(op->size);
		model_enforce_memory_limit(m, op->size);
		break;
	}
	(void)iret;
}

/* ---- sequences ---- */

static const struct model_cfg kind_cfg[DRV_NR_KINDS] = {
	[DRV_BYTES] = { 0x80000000, 1, 1024 },
	[DRV_UNITS] = { 0x80000000, 64, 2048 },
	[DRV_PAGE0] = { 0, 64, 1024 },
	[DRV_RESIZE] = { 0x80000000, 64, 4096 },
};

void drv_init(struct drv *d)
{
	memset(d, 0, sizeof(*d));
	d->kind = -1;
}

void drv_destroy(struct drv *d)
{
	if (d->mapped_kind)
		ht_env_reset();
	d->mapped_kind = 0;
	if (d->kind >= 0)
		model_destroy(&d->m);
	free(d->scratch);
	d->scratch = NULL;
	for (int t = 0; t < MT_NR; t++) {
		free(d->regs[t]);
		d->regs[t] = NULL;
	}
}

bool drv_run(struct drv *d, struct drv_src *src, int kind, int combo,
	     unsigned long max_steps, uint64_t *digests, bool record)
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
	if (d->kind != kind) {
		if (d->kind >= 0)
			model_destroy(&d->m);
		model_init(&d->m, &kind_cfg[kind]);
		d->kind = kind;
		d->scratch_cap = kind_cfg[kind].units + 2;
		free(d->scratch);
		d->scratch = calloc(d->scratch_cap, sizeof(*d->scratch));
		for (int t = 0; t < MT_NR; t++) {
			free(d->regs[t]);
			d->regs[t] = calloc(d->scratch_cap, sizeof(*d->regs[t]));
		}
	}
	model_reset(&d->m);
	d->m.refuse_zero_alloc = true;
	d->m.max_numnodes_is_any = true;
	d->combo = combo;
	d->step = 0;
	d->max_steps = max_steps;
	d->digest = 0xcbf29ce484222325ull;
	d->failed = false;
	d->why[0] = '\0';

	/* the RAM window stays mapped while the universe does not change */
	if (d->mapped_kind != kind + 1) {
		ht_env_reset();
		ht_ram_map(kind_cfg[kind].base,
			   kind_cfg[kind].units * kind_cfg[kind].unit);
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
		ht_kernel_end = gen_random_addr(d, src);
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
		while (d->step < max_steps) {
			gen_op(d, src, &op);
			if (src->exhausted)
				break;
			if (d->trace) {
				printf("\t");
				print_op(d, &op);
				printf(";\n");
			}
			run_op(d, &op);
			if (op.kind != OP_QUERY && op.kind != OP_ITER)
				check_state(d);
			mix(d, hash_type(d, MT_MEMORY));
			mix(d, hash_type(d, MT_RESERVED));
			if (digests) {
				if (record)
					digests[d->step] = d->digest;
				else if (digests[d->step] != d->digest)
					drv_fail(d, "state differs from the first strategy combination's (%s) after this step",
						 ht_combo_name(0));
			}
			d->step++;
			d->ops++;
		}
	}
	ht_unexpected = saved;
	drv_fail_jmp = NULL;
	memblock_set_debug(false);
	return !d->failed;
}
