// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The operations of the differential driver; see ops.h.  Each has an
 * entry in drv_ops[] at the end of this file, and its functions above it:
 * gen_*() draws the arguments, mm_*() makes the call on mm/, ref_*() the
 * same call on the reference model.  A new operation is an op_id, an entry
 * and the functions it names.
 *
 * Choices that make sequences interesting rather than uniform noise:
 *  - addresses are often the edge of an existing region (of either type),
 *    give or take one unit, so touching, merging and splitting neighbours
 *    are common;
 *  - sizes are mostly a few units, sometimes a quarter of the universe,
 *    sometimes 0 or everything (and for removals, up to 2^64 - 1, which
 *    memblock_cap_size() clips);
 *  - now and then a burst of small adds and reserves fills the arrays
 *    towards 128 regions, so that 4.12's -ENOMEM rules (add: cnt + holes >
 *    max; isolate: cnt + 2 > max) are exercised, or in the resize universe
 *    the arrays double.
 *
 * Array doubling: in DRV_RESIZE sequences memblock_allow_resize() is called
 * (at the start, or later as an operation).  The model then doubles its
 * virtual arrays exactly where 4.12 does (model.c: model_double()) and the
 * driver checks that mm/'s arrays live at the same physical addresses.  So
 * that a doubled array (or the gap index's pool, which follows the reserved
 * array) is never overwritten (in Linux too, freeing a live region array is
 * a caller bug), memblock_free() ranges that touch one are not generated,
 * nor memblock_enforce_memory_limit().
 *
 * Families: the five flag calls and the six settings are each drawn as one
 * (the weight on the first member, 0 on the others) and their gen picks the
 * member.  These are the draws of the driver's first version: seeds and the
 * fuzz corpus replay the sequences they always did.  A new operation gets a
 * weight of its own.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "driver.h"
#include "ht.h"

enum op_id {
	OP_ADD, OP_ADD_NODE, OP_REMOVE, OP_RESERVE, OP_FREE,
	OP_MARK_HOTPLUG, OP_CLEAR_HOTPLUG, OP_MARK_MIRROR, OP_MARK_NOMAP,
	OP_CLEAR_NOMAP,
	OP_SET_NODE, OP_FIND_NODE, OP_FIND, OP_ALLOC_RANGE, OP_ALLOC_BASE_NID,
	OP___ALLOC_BASE, OP_ALLOC_BASE, OP_ALLOC, OP_ALLOC_NID,
	OP_ALLOC_TRY_NID, OP_PHYS_ALLOC_RANGE, OP_VIRT_ALLOC_NOPANIC,
	OP_VIRT_ALLOC, OP_FREE_EARLY,
	OP_SET_BOTTOM_UP, OP_SET_LIMIT, OP_SET_KERNEL_END, OP_SET_MOVABLE,
	OP_ALLOW_RESIZE, OP_SET_DEBUG,
	OP_QUERY, OP_ITER, OP_TRIM, OP_ENFORCE,
	OP_NR
};

#define NR_MARKS	(OP_CLEAR_NOMAP - OP_MARK_HOTPLUG + 1)
#define NR_SETTINGS	(OP_SET_DEBUG - OP_SET_BOTTOM_UP + 1)

/* ---- outcomes ---- */

void outcome_put(struct outcome *o, uint64_t v)
{
	if (o->n < o->cap)
		o->v[o->n] = v;
	o->n++;
}

void outcome_panic(struct outcome *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->panic, sizeof(o->panic), fmt, ap);
	va_end(ap);
	o->panicked = true;
}

static void put_int(struct outcome *o, int ret)
{
	outcome_put(o, (uint64_t)(int64_t)ret);
}

/* A range of a walk; false once there is no more room. */
static bool put_range(struct outcome *o, phys_addr_t s, phys_addr_t e,
		      int nid)
{
	outcome_put(o, s);
	outcome_put(o, e);
	put_int(o, nid);
	return o->n <= o->cap;
}

struct memblock_type *mm_type(int t)
{
	return t == MT_MEMORY ? &memblock.memory :
	       t == MT_RESERVED ? &memblock.reserved : NULL;
}

static const char *type_name(int t)
{
	return t == MT_MEMORY ? "&memblock.memory" :
	       t == MT_RESERVED ? "&memblock.reserved" : "NULL";
}

/* ---- the universe ---- */

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

/* ---- drawing arguments ---- */

phys_addr_t ops_random_addr(struct drv *d, struct drv_src *s)
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
		return ops_random_addr(d, s);
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
		return ops_random_addr(d, s);
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

static void gen_inside_node(struct drv *d, struct drv_src *s, struct op *op)
{
	gen_inside(d, s, op);
	op->nid = (int)drv_below(s, 4);
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

/* Finds and allocations: size, alignment, [start, end), node, flags. */
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

/* The queries: any address and size, even off unit boundaries. */
static void gen_query(struct drv *d, struct drv_src *s, struct op *op)
{
	op->base = gen_addr(d, s) + drv_below(s, UNIT(d));
	op->size = drv_below(s, 8) ? gen_len(d, s) + drv_below(s, UNIT(d)) :
				     ULLONG_MAX;
	op->type = (int)drv_below(s, 2);
}

static void become_query(struct drv *d, struct drv_src *s, struct op *op)
{
	op->id = OP_QUERY;
	gen_query(d, s, op);
}

static bool overlaps(phys_addr_t base, phys_addr_t size, phys_addr_t a,
		     phys_addr_t len)
{
	size = size > PHYS_ADDR_MAX - base ? PHYS_ADDR_MAX - base : size;
	return base < a + len && a < base + size;
}

/* Does [base, base + size) touch a live doubled array or index pool? */
static bool touches_array(const struct drv *d, phys_addr_t base,
			  phys_addr_t size)
{
	for (int t = 0; t < MT_NR; t++) {
		phys_addr_t a = d->m.array[t];
		phys_addr_t len = PAGE_ALIGN(d->m.max[t] *
					     sizeof(struct memblock_region));

		if (a && overlaps(base, size, a, len))
			return true;
	}
	return d->m.pool && overlaps(base, size, d->m.pool, d->m.pool_bytes);
}

static void gen_free(struct drv *d, struct drv_src *s, struct op *op)
{
	gen_any(d, s, op);
	if (touches_array(d, op->base, op->size))
		become_query(d, s, op);	/* never free a live array */
}

/* The flag family: a range, then which of the five calls. */
static void gen_mark(struct drv *d, struct drv_src *s, struct op *op)
{
	gen_any(d, s, op);
	op->id = OP_MARK_HOTPLUG + (int)drv_below(s, NR_MARKS);
}

static void gen_set_node(struct drv *d, struct drv_src *s, struct op *op)
{
	gen_any(d, s, op);
	op->type = drv_below(s, 4) ? MT_MEMORY : MT_RESERVED;
	op->nid = drv_below(s, 5) ? (int)drv_below(s, 4) : MAX_NUMNODES;
}

/* The settings family: which one, then its value (in op->base). */
static void gen_setting(struct drv *d, struct drv_src *s, struct op *op)
{
	op->id = OP_SET_BOTTOM_UP + (int)drv_below(s, NR_SETTINGS);
	switch (op->id) {
	case OP_SET_LIMIT:
		op->base = drv_below(s, 4) ? gen_addr(d, s) :
			   drv_below(s, 2) ? MEMBLOCK_ALLOC_ANYWHERE : 0;
		/* resize: arrays are found below the limit */
		if (d->kind == DRV_RESIZE && drv_below(s, 4))
			op->base = drv_below(s, 2) ? MEMBLOCK_ALLOC_ANYWHERE :
				   UE(d) - drv_below(s, d->m.cfg.units / 4) *
						   UNIT(d);
		break;
	case OP_SET_KERNEL_END:
		op->base = drv_below(s, 2) ? gen_addr(d, s) : 0;
		break;
	case OP_ALLOW_RESIZE:
		/* only the resize universe has room for doubled arrays */
		op->base = drv_below(s, 2) && d->kind == DRV_RESIZE;
		break;
	default:
		op->base = drv_below(s, 2);
		break;
	}
}

static void gen_iter(struct drv *d, struct drv_src *s, struct op *op)
{
	(void)d;
	op->type = (int)drv_below(s, 2);
	op->type_b = (int)drv_below(s, 4) - 1;	/* -1: NULL */
	if (op->type_b == 2)
		op->type_b = MT_RESERVED;
	op->nid = gen_node(s);
	op->flags = gen_find_flags(s);
	op->rev = drv_below(s, 2);
}

static void gen_trim(struct drv *d, struct drv_src *s, struct op *op)
{
	op->align = UNIT(d) << drv_below(s, 8);
}

static void gen_enforce(struct drv *d, struct drv_src *s, struct op *op)
{
	op->size = drv_below(s, 8) ? gen_len(d, s) : 0;
	/* resize: would cut live arrays out of reserved */
	if (d->kind == DRV_RESIZE)
		become_query(d, s, op);
}

/* Describe memory: the universe in d->setup parts, by node. */
static void gen_setup(struct drv *d, struct drv_src *s, struct op *op)
{
	unsigned long part = d->m.cfg.units / d->setup;
	unsigned long i = d->setup - d->setup_left--;

	op->id = drv_below(s, 4) ? OP_ADD_NODE : OP_ADD;
	op->base = UB(d) + i * part * UNIT(d);
	op->size = (part - drv_below(s, 2)) * UNIT(d);
	op->nid = (int)(i % 4);
}

/* Many small ranges: fill the arrays towards 128 regions. */
static void gen_burst(struct drv *d, struct drv_src *s, struct op *op)
{
	d->burst--;
	op->id = drv_below(s, 3) ? OP_RESERVE : OP_ADD_NODE;
	op->base = ops_random_addr(d, s);
	/*
	 * Resize: every other unit of the lower half, so that the regions
	 * stay apart (hundreds of them) and the upper half keeps whole free
	 * pages for the doubled arrays.
	 */
	if (d->kind == DRV_RESIZE) {
		d->burst_pos = (d->burst_pos + 2) % (d->m.cfg.units / 2);
		op->base = UB(d) + d->burst_pos * UNIT(d);
	}
	op->size = (1 + drv_below(s, 2)) * UNIT(d);
	if (op->size > UE(d) - op->base)
		op->size = UE(d) - op->base;
	op->nid = (int)drv_below(s, 4);
}

void ops_gen(struct drv *d, struct drv_src *s, struct op *op)
{
	unsigned total = 0, pick;

	memset(op, 0, sizeof(*op));
	if (d->setup_left) {
		gen_setup(d, s, op);
		return;
	}
	if (d->burst) {
		gen_burst(d, s->data ? &d->burst_src : s, op);
		return;
	}
	if (drv_below(s, 64) == 0) {
		/*
		 * Fuzzer bytes: bursts of up to 220 ranges also in the resize
		 * universe (two or three of them still double twice), so that
		 * one input costs little; and their ranges come from a PRNG the
		 * input seeds, so that filling the arrays costs a few bytes,
		 * not five a range.  Seeded sequences draw as they always did.
		 */
		d->burst = 20 + drv_below(s, d->kind == DRV_RESIZE && !s->data ?
					      600 : 200);
		d->burst_pos = 2 * drv_below(s, d->m.cfg.units / 4);
		if (s->data)
			drv_src_seed(&d->burst_src, drv_below(s, 1ull << 32));
	}
	for (int k = 0; k < OP_NR; k++)
		total += drv_ops[k].weight;
	pick = (unsigned)drv_below(s, total);
	for (op->id = 0; pick >= drv_ops[op->id].weight; op->id++)
		pick -= drv_ops[op->id].weight;
	drv_ops[op->id].gen(d, s, op);
}

/* ---- printing, for --trace and repros ---- */

void ops_print(const struct op *op)
{
	const struct op_type *t = &drv_ops[op->id];
	const char *sep = "";

	if (t->print) {
		t->print(op);
		return;
	}
	printf("%s(", t->name);
	for (const enum op_arg *a = t->args; *a != A_NONE; a++, sep = ", ") {
		printf("%s", sep);
		switch (*a) {
		case A_BASE:  printf("%#llx", (unsigned long long)op->base); break;
		case A_SIZE:  printf("%#llx", (unsigned long long)op->size); break;
		case A_ALIGN: printf("%#llx", (unsigned long long)op->align); break;
		case A_START: printf("%#llx", (unsigned long long)op->start); break;
		case A_END:   printf("%#llx", (unsigned long long)op->end); break;
		case A_NID:   printf("%d", op->nid); break;
		case A_FLAGS: printf("%#lx", op->flags); break;
		case A_TYPE:  printf("%s", type_name(op->type)); break;
		case A_BOOL:  printf("%d", (int)op->base); break;
		case A_NONE:  break;
		}
	}
	printf(")");
}

static void print_kernel_end(const struct op *op)
{
	printf("ht_kernel_end = %#llx", (unsigned long long)op->base);
}

static void print_allow_resize(const struct op *op)
{
	printf(op->base ? "memblock_allow_resize()" :
			  "/* memblock_allow_resize() not called */");
}

static void print_query(const struct op *op)
{
	printf("/* queries at %#llx size %#llx type %s */",
	       (unsigned long long)op->base, (unsigned long long)op->size,
	       type_name(op->type));
}

static void print_iter(const struct op *op)
{
	printf("/* for_each_mem_range%s(i, %s, %s, %d, %#lx, ...) */",
	       op->rev ? "_rev" : "", type_name(op->type),
	       type_name(op->type_b), op->nid, op->flags);
}

/* ---- the calls: mm_*() on mm/, ref_*() on the reference model ---- */

/*
 * CALLS(name, the call on mm/, the call on the model) defines mm_name() and
 * ref_name() for an operation that is one call returning one value (a
 * return code or an address): each puts what its expression returns.  In
 * the expressions, op is the operation and m the model.
 */
#define CALLS(name, mm_call, ref_call)					\
	static void mm_##name(const struct op *op, struct outcome *o)	\
	{								\
		outcome_put(o, (uint64_t)(mm_call));			\
	}								\
	static void ref_##name(struct drv *d, const struct op *op,	\
			       struct outcome *o)			\
	{								\
		struct model *m = &d->m;				\
									\
		(void)m;						\
		outcome_put(o, (uint64_t)(ref_call));			\
	}

/* STEPS(): the same for an operation that returns nothing. */
#define STEPS(name, mm_call, ref_call)					\
	static void mm_##name(const struct op *op, struct outcome *o)	\
	{								\
		(void)o;						\
		mm_call;						\
	}								\
	static void ref_##name(struct drv *d, const struct op *op,	\
			       struct outcome *o)			\
	{								\
		struct model *m = &d->m;				\
									\
		(void)o;						\
		ref_call;						\
	}

/* Describing memory and reserving it (an int: 0 or -ENOMEM). */
CALLS(add, memblock_add(op->base, op->size),
      model_add(m, op->base, op->size))
CALLS(add_node, memblock_add_node(op->base, op->size, op->nid),
      model_add_node(m, op->base, op->size, op->nid))
CALLS(remove, memblock_remove(op->base, op->size),
      model_remove_range(m, MT_MEMORY, op->base, op->size))
CALLS(reserve, memblock_reserve(op->base, op->size),
      model_reserve(m, op->base, op->size))
CALLS(free, memblock_free(op->base, op->size),
      model_remove_range(m, MT_RESERVED, op->base, op->size))
CALLS(set_node,
      memblock_set_node(op->base, op->size, mm_type(op->type), op->nid),
      model_set_node(m, op->base, op->size, op->type, op->nid))

/* The flag family. */
CALLS(mark_hotplug, memblock_mark_hotplug(op->base, op->size),
      model_setclr_flag(m, op->base, op->size, true, MEMBLOCK_HOTPLUG))
CALLS(clear_hotplug, memblock_clear_hotplug(op->base, op->size),
      model_setclr_flag(m, op->base, op->size, false, MEMBLOCK_HOTPLUG))
CALLS(mark_mirror, memblock_mark_mirror(op->base, op->size),
      model_mark_mirror(m, op->base, op->size))
CALLS(mark_nomap, memblock_mark_nomap(op->base, op->size),
      model_setclr_flag(m, op->base, op->size, true, MEMBLOCK_NOMAP))
CALLS(clear_nomap, memblock_clear_nomap(op->base, op->size),
      model_setclr_flag(m, op->base, op->size, false, MEMBLOCK_NOMAP))

/* Finding free memory (an address, 0 for none). */
CALLS(find_node,
      memblock_find_in_range_node(op->size, op->align, op->start, op->end,
				  op->nid, op->flags),
      model_find_in_range_node(m, op->size, op->align, op->start, op->end,
			       op->nid, op->flags))
CALLS(find, memblock_find_in_range(op->start, op->end, op->size, op->align),
      model_find_in_range(m, op->start, op->end, op->size, op->align))

/* Allocating: those that return 0 on failure... */
CALLS(alloc_range,
      memblock_alloc_range(op->size, op->align, op->start, op->end,
			   op->flags),
      model_alloc_range_nid(m, op->size, op->align, op->start, op->end,
			    NUMA_NO_NODE, op->flags))
CALLS(alloc_base_nid,
      memblock_alloc_base_nid(op->size, op->align, op->end, op->nid,
			      op->flags),
      model_alloc_range_nid(m, op->size, op->align, 0, op->end, op->nid,
			    op->flags))
CALLS(__alloc_base, __memblock_alloc_base(op->size, op->align, op->end),
      model_alloc_range_nid(m, op->size, op->align, 0, op->end,
			    NUMA_NO_NODE, 0))
CALLS(alloc_nid, memblock_alloc_nid(op->size, op->align, op->nid),
      model_alloc_nid(m, op->size, op->align, op->nid))
CALLS(phys_alloc_range,
      memblock_phys_alloc_range(op->size, op->align, op->start, op->end),
      model_phys_alloc_range(m, op->size, op->align, op->start, op->end))

/* ... and those that panic on failure, with 4.12's message. */

static void alloc_or_panic(struct outcome *o, phys_addr_t got,
			   phys_addr_t size, phys_addr_t max_addr)
{
	if (got)
		outcome_put(o, got);
	else
		outcome_panic(o, "ERROR: Failed to allocate 0x%016llx bytes below 0x%016llx.\n",
			      (unsigned long long)size,
			      (unsigned long long)max_addr);
}

static void mm_alloc_base(const struct op *op, struct outcome *o)
{
	outcome_put(o, memblock_alloc_base(op->size, op->align, op->end));
}

static void ref_alloc_base(struct drv *d, const struct op *op,
			   struct outcome *o)
{
	alloc_or_panic(o, model_alloc_range_nid(&d->m, op->size, op->align, 0,
						op->end, NUMA_NO_NODE, 0),
		       op->size, op->end);
}

static void mm_alloc(const struct op *op, struct outcome *o)
{
	outcome_put(o, memblock_alloc(op->size, op->align));
}

static void ref_alloc(struct drv *d, const struct op *op, struct outcome *o)
{
	alloc_or_panic(o, model_alloc_range_nid(&d->m, op->size, op->align, 0,
						MEMBLOCK_ALLOC_ACCESSIBLE,
						NUMA_NO_NODE, 0),
		       op->size, MEMBLOCK_ALLOC_ACCESSIBLE);
}

static void mm_alloc_try_nid(const struct op *op, struct outcome *o)
{
	outcome_put(o, memblock_alloc_try_nid(op->size, op->align, op->nid));
}

static void ref_alloc_try_nid(struct drv *d, const struct op *op,
			      struct outcome *o)
{
	phys_addr_t got = model_alloc_nid(&d->m, op->size, op->align, op->nid);

	/* the node first, then any node */
	if (!got)
		got = model_alloc_range_nid(&d->m, op->size, op->align, 0,
					    MEMBLOCK_ALLOC_ACCESSIBLE,
					    NUMA_NO_NODE, 0);
	alloc_or_panic(o, got, op->size, MEMBLOCK_ALLOC_ACCESSIBLE);
}

/*
 * 4.12's bootmem.h family: zeroed memory through __va(), given back as
 * the physical address the model returns.
 */
static phys_addr_t virt_to_phys_or_0(void *ptr)
{
	return ptr ? memblock_virt_to_phys(ptr) : 0;
}

CALLS(virt_alloc_nopanic,
      virt_to_phys_or_0(memblock_virt_alloc_try_nid_nopanic(op->size,
			op->align, op->start, op->end, op->nid)),
      model_virt_alloc(m, op->size, op->align, op->start, op->end, op->nid))

static void mm_virt_alloc(const struct op *op, struct outcome *o)
{
	outcome_put(o, virt_to_phys_or_0(memblock_virt_alloc_try_nid(op->size,
			op->align, op->start, op->end, op->nid)));
}

static void ref_virt_alloc(struct drv *d, const struct op *op,
			   struct outcome *o)
{
	phys_addr_t got = model_virt_alloc(&d->m, op->size, op->align,
					   op->start, op->end, op->nid);

	if (got)
		outcome_put(o, got);
	else
		outcome_panic(o, "memblock_virt_alloc_try_nid: Failed to allocate %llu bytes align=0x%llx nid=%d from=0x%llx max_addr=0x%llx\n",
			      (unsigned long long)op->size,
			      (unsigned long long)op->align, op->nid,
			      (unsigned long long)op->start,
			      (unsigned long long)op->end);
}

STEPS(free_early, __memblock_free_early(op->base, op->size),
      model_remove_range(m, MT_RESERVED, op->base, op->size))

/*
 * The settings family: the setting, then what its getter reads back (the
 * model: the value it keeps), if there is a getter.
 */
CALLS(set_bottom_up,
      (memblock_set_bottom_up(op->base), memblock_bottom_up()),
      m->bottom_up = op->base)
CALLS(set_limit,
      (memblock_set_current_limit(op->base), memblock_get_current_limit()),
      m->current_limit = op->base)
CALLS(set_debug, (memblock_set_debug(op->base), memblock_debug_enabled()),
      op->base)	/* the model does not print */
STEPS(set_kernel_end, ht_kernel_end = op->base, m->kernel_end = op->base)
STEPS(set_movable, memblock_set_movable_node(op->base),
      m->movable_node = op->base)

static void mm_allow_resize(const struct op *op, struct outcome *o)
{
	(void)o;
	if (op->base)
		memblock_allow_resize();
}

static void ref_allow_resize(struct drv *d, const struct op *op,
			     struct outcome *o)
{
	(void)o;
	if (op->base)
		d->m.can_resize = true;
}

/* Queries about an address and a range. */

static const char *const query_values[] = {
	"memblock_is_memory", "memblock_is_map_memory",
	"memblock_is_reserved", "memblock_is_region_memory",
	"memblock_is_region_reserved", "memblock_overlaps_region",
	"memblock_search", "memblock_start_of_DRAM", "memblock_end_of_DRAM",
	"memblock_phys_mem_size", "memblock_reserved_size",
};

static void mm_query(const struct op *op, struct outcome *o)
{
	phys_addr_t a = op->base, sz = op->size;

	outcome_put(o, memblock_is_memory(a));
	outcome_put(o, memblock_is_map_memory(a));
	outcome_put(o, memblock_is_reserved(a));
	outcome_put(o, memblock_is_region_memory(a, sz));
	outcome_put(o, memblock_is_region_reserved(a, sz));
	outcome_put(o, memblock_overlaps_region(mm_type(op->type), a, sz));
	put_int(o, memblock_search(mm_type(op->type), a));
	outcome_put(o, memblock_start_of_DRAM());
	outcome_put(o, memblock_end_of_DRAM());
	outcome_put(o, memblock_phys_mem_size());
	outcome_put(o, memblock_reserved_size());
}

static void ref_query(struct drv *d, const struct op *op, struct outcome *o)
{
	const struct model *m = &d->m;
	phys_addr_t a = op->base, sz = op->size;
	phys_addr_t capped = sz > PHYS_ADDR_MAX - a ? PHYS_ADDR_MAX - a : sz;

	outcome_put(o, model_is_in(m, MT_MEMORY, a));
	outcome_put(o, model_is_map_memory(m, a));
	outcome_put(o, model_is_in(m, MT_RESERVED, a));
	outcome_put(o, model_is_region_memory(m, a, sz));
	outcome_put(o, model_overlaps(m, MT_RESERVED, a, capped));
	outcome_put(o, model_overlaps(m, op->type, a, sz));
	put_int(o, model_search(m, op->type, a));
	outcome_put(o, model_start_of_dram(m));
	outcome_put(o, model_end_of_dram(m));
	outcome_put(o, model_total(m, MT_MEMORY));
	outcome_put(o, model_total(m, MT_RESERVED));
}

/* for_each_mem_range[_rev](): every range it yields, as start, end, nid. */

static const char *const iter_values[] = { "start", "end", "nid" };

static void mm_iter(const struct op *op, struct outcome *o)
{
	struct memblock_type *a = mm_type(op->type), *b = mm_type(op->type_b);
	phys_addr_t s, e;
	int nid;
	u64 i;

	/* Over an empty type with no exclusion the walk yields the dummy,
	 * whose nid is an implementation detail: not compared. */
	if (!b && a->cnt == 1 && !a->regions[0].size)
		return;
	if (op->rev) {
		for_each_mem_range_rev(i, a, b, op->nid, op->flags, &s, &e, &nid)
			if (!put_range(o, s, e, nid))
				break;
	} else {
		for_each_mem_range(i, a, b, op->nid, op->flags, &s, &e, &nid)
			if (!put_range(o, s, e, nid))
				break;
	}
}

static void ref_iter(struct drv *d, const struct op *op, struct outcome *o)
{
	struct model_range *r = d->scratch;
	size_t n = model_mem_ranges(&d->m, op->type, op->type_b, op->nid,
				    op->flags, r, d->scratch_cap);

	for (size_t k = 0; k < n; k++) {
		const struct model_range *w = &r[op->rev ? n - 1 - k : k];

		put_range(o, w->start, w->end, w->nid);
	}
}

/* Whole-array calls. */
STEPS(trim, memblock_trim_memory(op->align),
      model_trim_memory(m, op->align))
STEPS(enforce, memblock_enforce_memory_limit(op->size),
      model_enforce_memory_limit(m, op->size))

/* ---- the table ---- */

#define ARGS(...)	{ __VA_ARGS__, A_NONE }
#define VALUES(names)	.values = names, .nvalues = HT_ARRAY_SIZE(names)

static const char *const bottom_up_value[] = { "memblock_bottom_up" };
static const char *const limit_value[] = { "memblock_get_current_limit" };
static const char *const debug_value[] = { "memblock_debug_enabled" };

const struct op_type drv_ops[OP_NR] = {
	[OP_ADD] = {
		"memblock_add", 10, gen_inside, ARGS(A_BASE, A_SIZE),
		.mm = mm_add, .ref = ref_add, .check = CHECK_REGIONS,
	},
	[OP_ADD_NODE] = {
		"memblock_add_node", 6, gen_inside_node,
		ARGS(A_BASE, A_SIZE, A_NID),
		.mm = mm_add_node, .ref = ref_add_node, .check = CHECK_REGIONS,
	},
	[OP_REMOVE] = {
		"memblock_remove", 6, gen_any, ARGS(A_BASE, A_SIZE),
		.mm = mm_remove, .ref = ref_remove, .check = CHECK_REGIONS,
	},
	[OP_RESERVE] = {
		"memblock_reserve", 12, gen_inside, ARGS(A_BASE, A_SIZE),
		.mm = mm_reserve, .ref = ref_reserve, .check = CHECK_REGIONS,
	},
	[OP_FREE] = {
		"memblock_free", 8, gen_free, ARGS(A_BASE, A_SIZE),
		.mm = mm_free, .ref = ref_free, .check = CHECK_REGIONS,
	},
	[OP_MARK_HOTPLUG] = {
		"memblock_mark_hotplug", 6, gen_mark, ARGS(A_BASE, A_SIZE),
		.mm = mm_mark_hotplug, .ref = ref_mark_hotplug,
		.check = CHECK_REGIONS,
	},
	[OP_CLEAR_HOTPLUG] = {
		"memblock_clear_hotplug", 0, gen_mark, ARGS(A_BASE, A_SIZE),
		.mm = mm_clear_hotplug, .ref = ref_clear_hotplug,
		.check = CHECK_REGIONS,
	},
	[OP_MARK_MIRROR] = {
		"memblock_mark_mirror", 0, gen_mark, ARGS(A_BASE, A_SIZE),
		.mm = mm_mark_mirror, .ref = ref_mark_mirror,
		.check = CHECK_REGIONS,
	},
	[OP_MARK_NOMAP] = {
		"memblock_mark_nomap", 0, gen_mark, ARGS(A_BASE, A_SIZE),
		.mm = mm_mark_nomap, .ref = ref_mark_nomap,
		.check = CHECK_REGIONS,
	},
	[OP_CLEAR_NOMAP] = {
		"memblock_clear_nomap", 0, gen_mark, ARGS(A_BASE, A_SIZE),
		.mm = mm_clear_nomap, .ref = ref_clear_nomap,
		.check = CHECK_REGIONS,
	},
	[OP_SET_NODE] = {
		"memblock_set_node", 4, gen_set_node,
		ARGS(A_BASE, A_SIZE, A_TYPE, A_NID),
		.mm = mm_set_node, .ref = ref_set_node, .check = CHECK_REGIONS,
	},
	[OP_FIND_NODE] = {
		"memblock_find_in_range_node", 6, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_START, A_END, A_NID, A_FLAGS),
		.mm = mm_find_node, .ref = ref_find_node, .check = CHECK_FIND,
		.fit = FIT_START | FIT_END | FIT_NID | FIT_FLAGS,
	},
	[OP_FIND] = {
		"memblock_find_in_range", 3, gen_request,
		ARGS(A_START, A_END, A_SIZE, A_ALIGN),
		.mm = mm_find, .ref = ref_find, .check = CHECK_FIND,
		.fit = FIT_START | FIT_END,
	},
	[OP_ALLOC_RANGE] = {
		"memblock_alloc_range", 6, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_START, A_END, A_FLAGS),
		.mm = mm_alloc_range, .ref = ref_alloc_range,
		.check = CHECK_ALLOC, .fit = FIT_START | FIT_END | FIT_FLAGS,
	},
	[OP_ALLOC_BASE_NID] = {
		"memblock_alloc_base_nid", 6, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_END, A_NID, A_FLAGS),
		.mm = mm_alloc_base_nid, .ref = ref_alloc_base_nid,
		.check = CHECK_ALLOC, .fit = FIT_END | FIT_NID | FIT_FLAGS,
	},
	[OP___ALLOC_BASE] = {
		"__memblock_alloc_base", 2, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_END),
		.mm = mm___alloc_base, .ref = ref___alloc_base,
		.check = CHECK_ALLOC, .fit = FIT_END,
	},
	[OP_ALLOC_BASE] = {
		"memblock_alloc_base", 2, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_END),
		.mm = mm_alloc_base, .ref = ref_alloc_base,
		.check = CHECK_ALLOC, .fit = FIT_END,
	},
	[OP_ALLOC] = {
		"memblock_alloc", 3, gen_request, ARGS(A_SIZE, A_ALIGN),
		.mm = mm_alloc, .ref = ref_alloc, .check = CHECK_ALLOC,
	},
	[OP_ALLOC_NID] = {
		"memblock_alloc_nid", 3, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_NID),
		.mm = mm_alloc_nid, .ref = ref_alloc_nid, .check = CHECK_ALLOC,
		.fit = FIT_NID,
	},
	[OP_ALLOC_TRY_NID] = {
		/* falls back to any node: no FIT_NID */
		"memblock_alloc_try_nid", 2, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_NID),
		.mm = mm_alloc_try_nid, .ref = ref_alloc_try_nid,
		.check = CHECK_ALLOC,
	},
	[OP_PHYS_ALLOC_RANGE] = {
		"memblock_phys_alloc_range", 4, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_START, A_END),
		.mm = mm_phys_alloc_range, .ref = ref_phys_alloc_range,
		.check = CHECK_ALLOC, .fit = FIT_START | FIT_END,
	},
	[OP_VIRT_ALLOC_NOPANIC] = {
		/* any node and below @min_addr on retry: only the end holds */
		"memblock_virt_alloc_try_nid_nopanic", 3, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_START, A_END, A_NID),
		.mm = mm_virt_alloc_nopanic, .ref = ref_virt_alloc_nopanic,
		.check = CHECK_ALLOC, .fit = FIT_END,
	},
	[OP_VIRT_ALLOC] = {
		"memblock_virt_alloc_try_nid", 2, gen_request,
		ARGS(A_SIZE, A_ALIGN, A_START, A_END, A_NID),
		.mm = mm_virt_alloc, .ref = ref_virt_alloc,
		.check = CHECK_ALLOC, .fit = FIT_END,
	},
	[OP_FREE_EARLY] = {
		"__memblock_free_early", 3, gen_free, ARGS(A_BASE, A_SIZE),
		.mm = mm_free_early, .ref = ref_free_early,
		.check = CHECK_REGIONS,
	},
	[OP_SET_BOTTOM_UP] = {
		"memblock_set_bottom_up", 4, gen_setting, ARGS(A_BOOL),
		.mm = mm_set_bottom_up, .ref = ref_set_bottom_up,
		VALUES(bottom_up_value),
	},
	[OP_SET_LIMIT] = {
		"memblock_set_current_limit", 0, gen_setting, ARGS(A_BASE),
		.mm = mm_set_limit, .ref = ref_set_limit,
		VALUES(limit_value),
	},
	[OP_SET_KERNEL_END] = {
		"ht_kernel_end", 0, gen_setting, .print = print_kernel_end,
		.mm = mm_set_kernel_end, .ref = ref_set_kernel_end,
	},
	[OP_SET_MOVABLE] = {
		"memblock_set_movable_node", 0, gen_setting, ARGS(A_BOOL),
		.mm = mm_set_movable, .ref = ref_set_movable,
	},
	[OP_ALLOW_RESIZE] = {
		"memblock_allow_resize", 0, gen_setting,
		.print = print_allow_resize,
		.mm = mm_allow_resize, .ref = ref_allow_resize,
	},
	[OP_SET_DEBUG] = {
		"memblock_set_debug", 0, gen_setting, ARGS(A_BOOL),
		.mm = mm_set_debug, .ref = ref_set_debug,
		VALUES(debug_value),
	},
	[OP_QUERY] = {
		"queries", 4, gen_query, .print = print_query,
		.mm = mm_query, .ref = ref_query, VALUES(query_values),
	},
	[OP_ITER] = {
		"for_each_mem_range", 3, gen_iter, .print = print_iter,
		.mm = mm_iter, .ref = ref_iter, VALUES(iter_values),
	},
	[OP_TRIM] = {
		"memblock_trim_memory", 1, gen_trim, ARGS(A_ALIGN),
		.mm = mm_trim, .ref = ref_trim,
	},
	[OP_ENFORCE] = {
		"memblock_enforce_memory_limit", 1, gen_enforce, ARGS(A_SIZE),
		.mm = mm_enforce, .ref = ref_enforce,
	},
};
