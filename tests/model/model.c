// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reference model of memblock; see model.h for what it is and why it
 * is right.  Everything here is a loop over units: no region array, no
 * binary search, no merging.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define M_ENOMEM 12

/*
 * The scans over the unit map are the test's hot loops: plain unsigned
 * index loops over arrays of exactly cfg.units entries, with nothing for
 * the sanitizers to find.  They are left out of AddressSanitizer's and
 * UBSan's instrumentation, which more than doubled their cost, to keep
 * `make test` and the fuzzer quick; everything else here stays checked.
 */
#define HOT __attribute__((no_sanitize("address", "undefined")))

/*
 * The model is the fuzzer's oracle, not its target: its branches would only
 * steer libFuzzer towards the model's own loops, and tracing their compares
 * cost the fuzzer most of its time.  No coverage instrumentation here.
 */
#ifdef __clang__
#pragma clang attribute push(__attribute__((no_sanitize("coverage"))), \
			     apply_to = function)
#endif

static __attribute__((noreturn)) void model_fatal(const char *what,
						  phys_addr_t a, phys_addr_t b)
{
	fprintf(stderr, "model: %s (0x%llx, 0x%llx): a test generator bug\n",
		what, (unsigned long long)a, (unsigned long long)b);
	abort();
}

static phys_addr_t pmin(phys_addr_t a, phys_addr_t b)
{
	return a < b ? a : b;
}

static phys_addr_t pmax(phys_addr_t a, phys_addr_t b)
{
	return a > b ? a : b;
}

static phys_addr_t pclamp(phys_addr_t v, phys_addr_t lo, phys_addr_t hi)
{
	return pmin(pmax(v, lo), hi);
}

static bool is_pow2(phys_addr_t x)
{
	return x && !(x & (x - 1));
}

/* The kernel's round_down()/round_up() for a power-of-two @a, wrap and all. */
static phys_addr_t rdown(phys_addr_t x, phys_addr_t a)
{
	return x & ~(a - 1);
}

static phys_addr_t rup(phys_addr_t x, phys_addr_t a)
{
	return ((x - 1) | (a - 1)) + 1;
}

/* Linux's memblock_cap_size(): no range may wrap past 2^64 - 1. */
static phys_addr_t cap_size(phys_addr_t base, phys_addr_t size)
{
	return pmin(size, PHYS_ADDR_MAX - base);
}

static phys_addr_t uend(const struct model *m)
{
	return m->cfg.base + m->cfg.units * m->cfg.unit;
}

static phys_addr_t addr_of(const struct model *m, unsigned long i)
{
	return m->cfg.base + i * m->cfg.unit;
}

/*
 * The units covering [base, end) inside the universe, as [*lo, *hi).
 * Both ends must fall on unit boundaries (or outside the universe).
 */
static void unit_span(const struct model *m, phys_addr_t base, phys_addr_t end,
		      unsigned long *lo, unsigned long *hi)
{
	phys_addr_t b = pclamp(base, m->cfg.base, uend(m));
	phys_addr_t e = pclamp(end, m->cfg.base, uend(m));

	if (e < b)
		e = b;
	if ((b - m->cfg.base) % m->cfg.unit || (e - m->cfg.base) % m->cfg.unit)
		model_fatal("range not on unit boundaries", base, end);
	*lo = (b - m->cfg.base) / m->cfg.unit;
	*hi = (e - m->cfg.base) / m->cfg.unit;
}

/* Index of the unit holding @addr, or -1 outside the universe. */
static long unit_at(const struct model *m, phys_addr_t addr)
{
	if (addr < m->cfg.base || addr >= uend(m))
		return -1;
	return (long)((addr - m->cfg.base) / m->cfg.unit);
}

void model_init(struct model *m, const struct model_cfg *cfg)
{
	memset(m, 0, sizeof(*m));
	m->cfg = *cfg;
	if (!is_pow2(cfg->unit) || !cfg->units ||
	    cfg->base + cfg->units * cfg->unit <= cfg->base)
		model_fatal("bad universe", cfg->base, cfg->units);
	for (int t = 0; t < MT_NR; t++) {
		m->u[t] = calloc(cfg->units, sizeof(*m->u[t]));
		if (!m->u[t])
			model_fatal("out of memory", 0, cfg->units);
	}
	/* at most one range per unit, plus one */
	m->ranges = calloc(cfg->units + 1, sizeof(*m->ranges));
	if (!m->ranges)
		model_fatal("out of memory", 0, cfg->units);
	model_reset(m);
}

void model_destroy(struct model *m)
{
	for (int t = 0; t < MT_NR; t++)
		free(m->u[t]);
	free(m->ranges);
	memset(m, 0, sizeof(*m));
}

void model_reset(struct model *m)
{
	for (int t = 0; t < MT_NR; t++) {
		memset(m->u[t], 0, m->cfg.units * sizeof(*m->u[t]));
		m->max[t] = INIT_MEMBLOCK_REGIONS;
		m->array[t] = 0;
		m->gen[t]++;
	}
	m->pool = m->pool_bytes = 0;
	m->pool_nodes = INIT_MEMBLOCK_REGIONS + 2;
	m->can_resize = false;
	m->bottom_up = false;
	m->movable_node = false;
	m->has_mirror = false;
	m->current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	m->kernel_end = 0;
	memset(&m->halt, 0, sizeof(m->halt));
}

static HOT bool same_attr(const struct model_unit *a,
			  const struct model_unit *b)
{
	return a->nid == b->nid && a->flags == b->flags;
}

/* The unit's 8 bytes: equal keys, same region (see model.h). */
static HOT uint64_t key(const struct model_unit *u)
{
	uint64_t k;

	memcpy(&k, u, sizeof(k));
	return k;
}

HOT size_t model_regions(struct model *m, int type, struct model_range *out,
			 size_t cap)
{
	const struct model_unit *u = m->u[type];
	size_t n = 0;
	unsigned long i = 0, j;

	while (i < m->cfg.units) {
		uint64_t k = key(&u[i]);

		if (!k) {
			i++;
			continue;
		}
		for (j = i + 1; j < m->cfg.units && key(&u[j]) == k; j++)
			;
		if (n < cap) {
			out[n].start = addr_of(m, i);
			out[n].end = addr_of(m, j);
			out[n].nid = u[i].nid;
			out[n].flags = u[i].flags;
		}
		n++;
		i = j;
	}
	/* what model_cnt() answers until the next change */
	m->cnt[type] = n ? n : 1;
	m->cnt_gen[type] = m->gen[type];
	return n;
}

unsigned long model_cnt(struct model *m, int type)
{
	/* derived at most once per generation: every change bumps gen[type] */
	if (m->cnt_gen[type] != m->gen[type])
		model_regions(m, type, NULL, 0);
	return m->cnt[type];
}

phys_addr_t model_total(const struct model *m, int type)
{
	phys_addr_t sum = 0;

	for (unsigned long i = 0; i < m->cfg.units; i++)
		if (m->u[type][i].in)
			sum += m->cfg.unit;
	return sum;
}

phys_addr_t model_start_of_dram(const struct model *m)
{
	for (unsigned long i = 0; i < m->cfg.units; i++)
		if (m->u[MT_MEMORY][i].in)
			return addr_of(m, i);
	return 0;
}

phys_addr_t model_end_of_dram(const struct model *m)
{
	for (unsigned long i = m->cfg.units; i-- > 0;)
		if (m->u[MT_MEMORY][i].in)
			return addr_of(m, i + 1);
	return 0;
}

/* ---- the walk's filter and the free ranges ---- */

static HOT bool usable(const struct model *m, int nid, unsigned long flags,
		       const struct model_unit *r)
{
	if (m->max_numnodes_is_any && nid == MAX_NUMNODES)
		nid = NUMA_NO_NODE;
	if (nid != NUMA_NO_NODE && nid != r->nid)
		return false;
	if (m->movable_node && (r->flags & MEMBLOCK_HOTPLUG))
		return false;
	if ((flags & MEMBLOCK_MIRROR) && !(r->flags & MEMBLOCK_MIRROR))
		return false;
	if (!(flags & MEMBLOCK_NOMAP) && (r->flags & MEMBLOCK_NOMAP))
		return false;
	return true;
}

HOT size_t model_mem_ranges(const struct model *m, int a, int b, int nid,
			    unsigned long flags, struct model_range *out,
			    size_t cap)
{
	const struct model_unit *ua = m->u[a];
	const struct model_unit *ub = b >= 0 ? m->u[b] : NULL;
	size_t n = 0;
	unsigned long i = 0, j;

	while (i < m->cfg.units) {
		unsigned long k;

		if (!ua[i].in) {
			i++;
			continue;
		}
		/* the a-region [i, j) */
		for (j = i + 1; j < m->cfg.units && ua[j].in &&
				same_attr(&ua[j], &ua[i]); j++)
			;
		if (!usable(m, nid, flags, &ua[i])) {
			i = j;
			continue;
		}
		for (k = i; k < j;) {
			unsigned long e = k + 1;

			if (ub && ub[k].in) {
				/*
				 * Two b-regions touching at k, inside the
				 * a-region: the walk meets the empty gap
				 * between them and yields [k, k).  (4.12 does;
				 * only size-0 searches can notice.)
				 */
				if (k > i && ub[k - 1].in &&
				    !same_attr(&ub[k - 1], &ub[k])) {
					if (n < cap) {
						out[n].start = addr_of(m, k);
						out[n].end = addr_of(m, k);
						out[n].nid = ua[i].nid;
						out[n].flags = ua[i].flags;
					}
					n++;
				}
				k++;
				continue;
			}
			/* a piece of the a-region outside b */
			while (e < j && !(ub && ub[e].in))
				e++;
			if (n < cap) {
				out[n].start = addr_of(m, k);
				out[n].end = addr_of(m, e);
				out[n].nid = ua[i].nid;
				out[n].flags = ua[i].flags;
			}
			n++;
			k = e;
		}
		i = j;
	}
	return n;
}

/* ---- array growth, as memblock_double_array() ---- */

#define MODEL_GAP_NODE	40	/* sizeof(struct gap_node) in mm/gaptree.c */

/* Where Linux would stop: kept the first time (see model.h). */
static void halt(struct model *m, enum model_halt why, int type,
		 phys_addr_t addr)
{
	if (m->halt.why != MODEL_RUNS)
		return;
	m->halt.why = why;
	m->halt.type = type;
	m->halt.addr = addr;
}

/*
 * A page-aligned home for @bytes below current_limit, outside [@nbase,
 * @nbase + @nsize): first above that range, then below it.
 */
static phys_addr_t find_home(struct model *m, phys_addr_t nbase,
			     phys_addr_t nsize, phys_addr_t bytes)
{
	phys_addr_t addr;

	addr = model_find_in_range(m, nbase + nsize, m->current_limit, bytes,
				   PAGE_SIZE);
	if (!addr && nsize)
		addr = model_find_in_range(m, 0, pmin(nbase, m->current_limit),
					   bytes, PAGE_SIZE);
	return addr;
}

/*
 * The gap index's pool follows a doubled reserved array (mm/gaptree.c,
 * grow_pool()): room for max + 2 nodes, found as the array's home is,
 * reserved (mm/ panics if that fails: a halt), then the old pool freed.
 */
static void model_grow_pool(struct model *m, phys_addr_t nbase,
			    phys_addr_t nsize)
{
	unsigned long need = m->max[MT_RESERVED] + 2;
	phys_addr_t bytes, addr, old = m->pool, old_bytes = m->pool_bytes;

	if (m->pool_nodes >= need)
		return;
	bytes = PAGE_ALIGN(need * MODEL_GAP_NODE);
	addr = find_home(m, nbase, nsize, bytes);
	if (!addr)
		return;		/* the old pool stays, too small */
	m->pool = addr;
	m->pool_bytes = bytes;
	m->pool_nodes = bytes / MODEL_GAP_NODE;
	if (model_reserve(m, addr, bytes))
		halt(m, MODEL_HALT_POOL_UNRESERVED, MT_RESERVED, addr);
	if (old)
		model_remove_range(m, MT_RESERVED, old, old_bytes);
}

/*
 * Double @type's array because [@nbase, @nbase + @nsize) is about to be
 * added to it.  The steps are mm/'s (4.12's, then the gap index's), in
 * its order:
 *  1. find a page-aligned home for twice the entries (find_home(); the
 *     range is excluded only when doubling reserved);
 *  2. move there: the array now lives at that address, twice as large;
 *  3. free the old array's pages, unless it was the static one;
 *  4. reserve the new array's pages.  This may need the reserved array
 *     doubled in turn (when @type is memory and reserved is full): if that
 *     finds no room, 4.12 stops at BUG_ON(memblock_reserve(...)), and so
 *     does mm/ (a panic).  The model records the first such halt and goes
 *     on; the driver ends the sequence there;
 *  5. reserved only: the gap index's pool follows (model_grow_pool()).
 * Something else that mm/ allocates when an array grows is one more step
 * here, with a halt reason (model.h) if mm/ panics when it fails.
 * Returns 0, or -1 when resizing is not allowed yet or step 1 found nothing.
 */
static int model_double(struct model *m, int type, phys_addr_t nbase,
			phys_addr_t nsize)
{
	phys_addr_t old_size, new_alloc, old_alloc, addr, old;

	if (!m->can_resize)
		return -1;
	old_size = m->max[type] * sizeof(struct memblock_region);
	old_alloc = PAGE_ALIGN(old_size);
	new_alloc = PAGE_ALIGN(old_size * 2);

	/* 1. only exclude the range when doubling reserved */
	if (type != MT_RESERVED)
		nbase = nsize = 0;
	addr = find_home(m, nbase, nsize, new_alloc);
	if (!addr)
		return -1;

	/* 2. */
	old = m->array[type];
	m->array[type] = addr;
	m->max[type] *= 2;
	m->gen[type]++;
	/* 3. */
	if (old)
		model_remove_range(m, MT_RESERVED, old, old_alloc);
	/* 4. */
	if (model_reserve(m, addr, new_alloc))
		halt(m, MODEL_HALT_ARRAY_UNRESERVED, type, addr);
	/* 5. */
	if (type == MT_RESERVED && m->index_pool)
		model_grow_pool(m, nbase, nsize);
	return 0;
}

/* ---- the region API ---- */

int model_add_range(struct model *m, int type, phys_addr_t base,
		    phys_addr_t size, int nid, unsigned long flags)
{
	struct model_unit *u = m->u[type];
	unsigned long lo, hi, i, holes = 0;
	bool empty = true;

	size = cap_size(base, size);
	if (!size)
		return 0;
	if (base < m->cfg.base || base + size > uend(m))
		model_fatal("add outside the universe", base, size);
	unit_span(m, base, base + size, &lo, &hi);

	for (i = 0; i < m->cfg.units && empty; i++)
		empty = !u[i].in;
	if (!empty) {
		/* each maximal hole in the range is one region inserted */
		for (i = lo; i < hi; i++)
			if (!u[i].in && (i == lo || u[i - 1].in))
				holes++;
		if (!holes)
			return 0;
		while (model_cnt(m, type) + holes > m->max[type])
			if (model_double(m, type, base, size) < 0)
				return -M_ENOMEM;
	}
	m->gen[type]++;
	for (i = lo; i < hi; i++) {
		if (u[i].in)
			continue;	/* existing attributes win */
		u[i].in = 1;
		u[i].nid = nid;
		u[i].flags = (uint8_t)flags;
	}
	return 0;
}

int model_add(struct model *m, phys_addr_t base, phys_addr_t size)
{
	return model_add_range(m, MT_MEMORY, base, size, MAX_NUMNODES, 0);
}

int model_add_node(struct model *m, phys_addr_t base, phys_addr_t size,
		   int nid)
{
	return model_add_range(m, MT_MEMORY, base, size, nid, 0);
}

int model_reserve(struct model *m, phys_addr_t base, phys_addr_t size)
{
	return model_add_range(m, MT_RESERVED, base, size, MAX_NUMNODES, 0);
}

/*
 * memblock_isolate_range()'s price: room for two more regions, whether or
 * not anything is split.  Returns 0 or -ENOMEM; *size is capped.
 */
static int isolate(struct model *m, int type, phys_addr_t base,
		   phys_addr_t *size)
{
	*size = cap_size(base, *size);
	if (!*size)
		return 0;
	while (model_cnt(m, type) + 2 > m->max[type])
		if (model_double(m, type, base, *size) < 0)
			return -M_ENOMEM;
	return 0;
}

int model_remove_range(struct model *m, int type, phys_addr_t base,
		       phys_addr_t size)
{
	unsigned long lo, hi;
	int ret = isolate(m, type, base, &size);

	if (ret || !size)
		return ret;
	unit_span(m, base, base + size, &lo, &hi);
	m->gen[type]++;
	for (unsigned long i = lo; i < hi; i++)
		memset(&m->u[type][i], 0, sizeof(m->u[type][i]));
	return 0;
}

int model_setclr_flag(struct model *m, phys_addr_t base, phys_addr_t size,
		      bool set, unsigned long flag)
{
	struct model_unit *u = m->u[MT_MEMORY];
	unsigned long lo, hi;
	int ret = isolate(m, MT_MEMORY, base, &size);

	if (ret || !size)
		return ret;
	unit_span(m, base, base + size, &lo, &hi);
	m->gen[MT_MEMORY]++;
	for (unsigned long i = lo; i < hi; i++) {
		if (!u[i].in)
			continue;
		if (set)
			u[i].flags |= (uint8_t)flag;
		else
			u[i].flags &= (uint8_t)~flag;
	}
	return 0;
}

int model_mark_mirror(struct model *m, phys_addr_t base, phys_addr_t size)
{
	m->has_mirror = true;
	return model_setclr_flag(m, base, size, true, MEMBLOCK_MIRROR);
}

int model_set_node(struct model *m, phys_addr_t base, phys_addr_t size,
		   int type, int nid)
{
	unsigned long lo, hi;
	int ret = isolate(m, type, base, &size);

	if (ret || !size)
		return ret;
	unit_span(m, base, base + size, &lo, &hi);
	m->gen[type]++;
	for (unsigned long i = lo; i < hi; i++)
		if (m->u[type][i].in)
			m->u[type][i].nid = nid;
	return 0;
}

/*
 * Every memory region shrinks to [round_up(base), round_down(end)) of
 * @align, or goes; attributes stay.  (mm/ refuses an @align that is not a
 * power of two; callers pass powers of two.)
 */
void model_trim_memory(struct model *m, phys_addr_t align)
{
	struct model_range *r = m->ranges;
	size_t n;
	unsigned long lo, hi;

	n = model_regions(m, MT_MEMORY, r, m->cfg.units + 1);
	for (size_t i = 0; i < n; i++) {
		phys_addr_t start = rup(r[i].start, align);
		phys_addr_t end = rdown(r[i].end, align);

		if (start < end && start >= r[i].start) {
			unit_span(m, r[i].start, start, &lo, &hi);
			memset(&m->u[MT_MEMORY][lo], 0, (hi - lo) * sizeof(struct model_unit));
			unit_span(m, end, r[i].end, &lo, &hi);
			memset(&m->u[MT_MEMORY][lo], 0, (hi - lo) * sizeof(struct model_unit));
		} else {
			unit_span(m, r[i].start, r[i].end, &lo, &hi);
			memset(&m->u[MT_MEMORY][lo], 0, (hi - lo) * sizeof(struct model_unit));
		}
	}
	m->gen[MT_MEMORY]++;
}

/*
 * Keep the first @limit bytes of memory: cut memory and reserved at the
 * address where they end (nothing for 0 or more than there is).
 */
void model_enforce_memory_limit(struct model *m, phys_addr_t limit)
{
	struct model_range *r = m->ranges;
	phys_addr_t max_addr = PHYS_ADDR_MAX;
	size_t n;

	n = model_regions(m, MT_MEMORY, r, m->cfg.units + 1);
	for (size_t i = 0; limit && i < n; i++) {
		if (limit <= r[i].end - r[i].start) {
			max_addr = r[i].start + limit;
			break;
		}
		limit -= r[i].end - r[i].start;
	}
	if (!limit || max_addr == PHYS_ADDR_MAX)
		return;
	model_remove_range(m, MT_MEMORY, max_addr, PHYS_ADDR_MAX);
	model_remove_range(m, MT_RESERVED, max_addr, PHYS_ADDR_MAX);
}

/* ---- search and allocation ---- */

phys_addr_t model_find_in_range_node(struct model *m, phys_addr_t size,
				     phys_addr_t align, phys_addr_t start,
				     phys_addr_t end, int nid,
				     unsigned long flags)
{
	struct model_range *r = m->ranges;	/* done with before any reuse */
	phys_addr_t ret = 0;
	size_t n;

	if (!is_pow2(align))
		goto out;	/* refused, as mm/ does (4.12 would misalign) */

	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = m->current_limit;
	start = pmax(start, PAGE_SIZE);	/* never the first page */
	end = pmax(start, end);

	n = model_mem_ranges(m, MT_MEMORY, MT_RESERVED, nid, flags, r,
			     m->cfg.units + 1);

	if (m->bottom_up && end > m->kernel_end) {
		phys_addr_t bstart = pmax(start, m->kernel_end);

		/* lowest free range first; in it, the lowest aligned fit */
		for (size_t i = 0; i < n; i++) {
			phys_addr_t ts = pclamp(r[i].start, bstart, end);
			phys_addr_t te = pclamp(r[i].end, bstart, end);
			phys_addr_t cand = rup(ts, align);

			if (cand < te && te - cand >= size) {
				ret = cand;
				goto out;
			}
		}
		/* bottom-up found nothing (or wrapped to 0): top-down */
	}

	/* highest free range first; in it, the highest aligned fit */
	for (size_t i = n; i-- > 0;) {
		phys_addr_t ts = pclamp(r[i].start, start, end);
		phys_addr_t te = pclamp(r[i].end, start, end);
		phys_addr_t cand;

		if (te < size)
			continue;
		cand = rdown(te - size, align);
		if (cand >= ts) {
			ret = cand;
			goto out;
		}
	}
out:
	return ret;
}

static unsigned long choose_flags(const struct model *m)
{
	return m->has_mirror ? MEMBLOCK_MIRROR : MEMBLOCK_NONE;
}

phys_addr_t model_find_in_range(struct model *m, phys_addr_t start,
				phys_addr_t end, phys_addr_t size,
				phys_addr_t align)
{
	unsigned long flags = choose_flags(m);
	phys_addr_t ret;

	ret = model_find_in_range_node(m, size, align, start, end,
				       NUMA_NO_NODE, flags);
	if (!ret && (flags & MEMBLOCK_MIRROR))
		ret = model_find_in_range_node(m, size, align, start, end,
					       NUMA_NO_NODE,
					       flags & ~MEMBLOCK_MIRROR);
	return ret;
}

phys_addr_t model_alloc_range_nid(struct model *m, phys_addr_t size,
				  phys_addr_t align, phys_addr_t start,
				  phys_addr_t end, int nid,
				  unsigned long flags)
{
	phys_addr_t found;

	if (!size && m->refuse_zero_alloc)
		return 0;
	if (!align)
		align = SMP_CACHE_BYTES;
	found = model_find_in_range_node(m, size, align, start, end, nid,
					 flags);
	if (found && !model_reserve(m, found, size))
		return found;
	return 0;
}

phys_addr_t model_alloc_nid(struct model *m, phys_addr_t size,
			    phys_addr_t align, int nid)
{
	unsigned long flags = choose_flags(m);
	phys_addr_t ret;

	ret = model_alloc_range_nid(m, size, align, 0,
				    MEMBLOCK_ALLOC_ACCESSIBLE, nid, flags);
	if (!ret && (flags & MEMBLOCK_MIRROR))
		ret = model_alloc_range_nid(m, size, align, 0,
					    MEMBLOCK_ALLOC_ACCESSIBLE, nid,
					    flags & ~MEMBLOCK_MIRROR);
	return ret;
}

phys_addr_t model_phys_alloc_range(struct model *m, phys_addr_t size,
				   phys_addr_t align, phys_addr_t start,
				   phys_addr_t end)
{
	unsigned long flags = choose_flags(m);
	phys_addr_t ret;

	ret = model_alloc_range_nid(m, size, align, start, end, NUMA_NO_NODE,
				    flags);
	if (!ret && (flags & MEMBLOCK_MIRROR))
		ret = model_alloc_range_nid(m, size, align, start, end,
					    NUMA_NO_NODE,
					    flags & ~MEMBLOCK_MIRROR);
	return ret;
}

/*
 * 4.12's memblock_virt_alloc_internal(), the memory left unzeroed (the
 * model keeps no contents): @max_addr capped at the current limit, then
 * any node, then @min_addr dropped, then the mirror preference.
 */
phys_addr_t model_virt_alloc(struct model *m, phys_addr_t size,
			     phys_addr_t align, phys_addr_t min_addr,
			     phys_addr_t max_addr, int nid)
{
	unsigned long flags = choose_flags(m);
	phys_addr_t got;

	if (m->max_numnodes_is_any && nid == MAX_NUMNODES)
		nid = NUMA_NO_NODE;
	if (max_addr > m->current_limit)
		max_addr = m->current_limit;
	for (;;) {
		got = model_alloc_range_nid(m, size, align, min_addr, max_addr,
					    nid, flags);
		if (!got && nid != NUMA_NO_NODE)
			got = model_alloc_range_nid(m, size, align, min_addr,
						    max_addr, NUMA_NO_NODE,
						    flags);
		if (got)
			return got;
		if (min_addr) {
			min_addr = 0;
			continue;
		}
		if (!(flags & MEMBLOCK_MIRROR))
			return 0;
		flags &= ~MEMBLOCK_MIRROR;
	}
}

/* ---- queries ---- */

bool model_is_in(const struct model *m, int type, phys_addr_t addr)
{
	long i = unit_at(m, addr);

	return i >= 0 && m->u[type][i].in;
}

bool model_is_map_memory(const struct model *m, phys_addr_t addr)
{
	long i = unit_at(m, addr);

	return i >= 0 && m->u[MT_MEMORY][i].in &&
	       !(m->u[MT_MEMORY][i].flags & MEMBLOCK_NOMAP);
}

/* The derived region of @type that holds @addr, in *r; false if none. */
static bool region_at(const struct model *m, int type, phys_addr_t addr,
		      struct model_range *r, int *index)
{
	const struct model_unit *u = m->u[type];
	long i = unit_at(m, addr), lo, hi;

	if (i < 0 || !u[i].in)
		return false;
	for (lo = i; lo > 0 && u[lo - 1].in && same_attr(&u[lo - 1], &u[i]);
	     lo--)
		;
	for (hi = i + 1; (unsigned long)hi < m->cfg.units && u[hi].in &&
			 same_attr(&u[hi], &u[i]); hi++)
		;
	r->start = addr_of(m, (unsigned long)lo);
	r->end = addr_of(m, (unsigned long)hi);
	r->nid = u[i].nid;
	r->flags = u[i].flags;
	if (index) {
		/* count the regions that start below this one */
		size_t before = 0;

		for (long k = 0; k < lo; k++)
			if (u[k].in && (k == 0 || !u[k - 1].in ||
					!same_attr(&u[k - 1], &u[k])))
				before++;
		*index = (int)before;
	}
	return true;
}

bool model_is_region_memory(const struct model *m, phys_addr_t base,
			    phys_addr_t size)
{
	struct model_range r;

	size = cap_size(base, size);
	/* 4.12: the one region holding @base must reach the end */
	return region_at(m, MT_MEMORY, base, &r, NULL) && r.end >= base + size;
}

bool model_overlaps(const struct model *m, int type, phys_addr_t base,
		    phys_addr_t size)
{
	const struct model_unit *u = m->u[type];
	unsigned long i = 0, j;

	/* 4.12's memblock_addrs_overlap() against every region, wrap and all */
	while (i < m->cfg.units) {
		if (!u[i].in) {
			i++;
			continue;
		}
		for (j = i + 1; j < m->cfg.units && u[j].in &&
				same_attr(&u[j], &u[i]); j++)
			;
		if (base < addr_of(m, j) && addr_of(m, i) < base + size)
			return true;
		i = j;
	}
	return false;
}

int model_search(const struct model *m, int type, phys_addr_t addr)
{
	struct model_range r;
	int idx;

	return region_at(m, type, addr, &r, &idx) ? idx : -1;
}

#ifdef __clang__
#pragma clang attribute pop
#endif
