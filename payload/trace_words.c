// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the chain trace says (payload/memblock_trace.c builds the tree):
 * each traced function under Linux's name, its arguments under the
 * names Linux gives their special values (MEMBLOCK_ALLOC_ACCESSIBLE,
 * NUMA_NO_NODE, MEMBLOCK_NONE, ...), what it returned, and one line per
 * step it reports.  A free range a walk visits and what the walk makes of
 * it are two steps, written as one line.
 */
#include <stdio.h>
#include <string.h>

#include "mm/memblock.h"
#include "payload/trace_tree.h"

enum kind { HEX, LIMIT, NID, FLAGS, TYPE };
enum ret_kind { RET_ADDR, RET_INT };

/* How to print a traced function: Linux's names for it and its arguments. */
struct fn_desc {
	const char *name;
	const char *args[6];
	enum kind kinds[6];
	int nr_args;
	enum ret_kind ret;
	bool entry;		/* traced when called from outside the chain */
};

static const struct fn_desc fns[MEMBLOCK_TRACE_FN_NR] = {
	[MEMBLOCK_TRACE_ALLOC] = { "memblock_alloc",
		{ "size", "align" }, { HEX, HEX }, 2, RET_ADDR, true },
	[MEMBLOCK_TRACE_ALLOC_BASE] = { "memblock_alloc_base",
		{ "size", "align", "max_addr" }, { HEX, HEX, LIMIT }, 3,
		RET_ADDR, true },
	[MEMBLOCK_TRACE___ALLOC_BASE] = { "__memblock_alloc_base",
		{ "size", "align", "max_addr" }, { HEX, HEX, LIMIT }, 3,
		RET_ADDR, true },
	[MEMBLOCK_TRACE_ALLOC_BASE_NID] = { "memblock_alloc_base_nid",
		{ "size", "align", "max_addr", "nid", "flags" },
		{ HEX, HEX, LIMIT, NID, FLAGS }, 5, RET_ADDR, true },
	[MEMBLOCK_TRACE_ALLOC_RANGE_NID] = { "memblock_alloc_range_nid",
		{ "size", "align", "start", "end", "nid", "flags" },
		{ HEX, HEX, HEX, LIMIT, NID, FLAGS }, 6, RET_ADDR, true },
	[MEMBLOCK_TRACE_FIND_IN_RANGE_NODE] = { "memblock_find_in_range_node",
		{ "size", "align", "start", "end", "nid", "flags" },
		{ HEX, HEX, HEX, LIMIT, NID, FLAGS }, 6, RET_ADDR, true },
	[MEMBLOCK_TRACE_FIND_TOP_DOWN] = { "__memblock_find_range_top_down",
		{ "start", "end", "size", "align", "nid", "flags" },
		{ HEX, LIMIT, HEX, HEX, NID, FLAGS }, 6, RET_ADDR, false },
	[MEMBLOCK_TRACE_FIND_BOTTOM_UP] = { "__memblock_find_range_bottom_up",
		{ "start", "end", "size", "align", "nid", "flags" },
		{ HEX, LIMIT, HEX, HEX, NID, FLAGS }, 6, RET_ADDR, false },
	[MEMBLOCK_TRACE_RESERVE] = { "memblock_reserve",
		{ "base", "size" }, { HEX, HEX }, 2, RET_INT, false },
	[MEMBLOCK_TRACE_ADD_RANGE] = { "memblock_add_range",
		{ "type", "base", "size", "nid", "flags" },
		{ TYPE, HEX, HEX, NID, FLAGS }, 5, RET_INT, false },
	[MEMBLOCK_TRACE_FREE] = { "memblock_free",
		{ "base", "size" }, { HEX, HEX }, 2, RET_INT, false },
	[MEMBLOCK_TRACE_DOUBLE_ARRAY] = { "memblock_double_array",
		{ "type", "new_area_start", "new_area_size" },
		{ TYPE, HEX, HEX }, 3, RET_INT, true },
	[MEMBLOCK_TRACE_FIND_IN_RANGE] = { "memblock_find_in_range",
		{ "start", "end", "size", "align" },
		{ HEX, LIMIT, HEX, HEX }, 4, RET_ADDR, true },
	[MEMBLOCK_TRACE_ALLOC_RANGE] = { "memblock_alloc_range",
		{ "size", "align", "start", "end", "flags" },
		{ HEX, HEX, HEX, LIMIT, FLAGS }, 5, RET_ADDR, true },
	[MEMBLOCK_TRACE_ALLOC_NID] = { "memblock_alloc_nid",
		{ "size", "align", "nid" }, { HEX, HEX, NID }, 3, RET_ADDR,
		true },
	[MEMBLOCK_TRACE_ALLOC_TRY_NID] = { "memblock_alloc_try_nid",
		{ "size", "align", "nid" }, { HEX, HEX, NID }, 3, RET_ADDR,
		true },
	[MEMBLOCK_TRACE_PHYS_ALLOC_RANGE] = { "memblock_phys_alloc_range",
		{ "size", "align", "start", "end" }, { HEX, HEX, HEX, LIMIT },
		4, RET_ADDR, true },
};


static void fmt_limit(char *buf, size_t n, u64 v)
{
	if (v == MEMBLOCK_ALLOC_ACCESSIBLE)
		snprintf(buf, n, "MEMBLOCK_ALLOC_ACCESSIBLE");
	else if (v == MEMBLOCK_ALLOC_ANYWHERE)
		snprintf(buf, n, "MEMBLOCK_ALLOC_ANYWHERE");
	else
		snprintf(buf, n, "0x%llx", (unsigned long long)v);
}

static void fmt_nid(char *buf, size_t n, int nid)
{
	if (nid == NUMA_NO_NODE)
		snprintf(buf, n, "NUMA_NO_NODE");
	else if (nid == MAX_NUMNODES)
		snprintf(buf, n, "MAX_NUMNODES");
	else
		snprintf(buf, n, "%d", nid);
}

static void fmt_flags(char *buf, size_t n, u64 flags)
{
	static const char *const names[] = { "MEMBLOCK_HOTPLUG",
					     "MEMBLOCK_MIRROR",
					     "MEMBLOCK_NOMAP" };
	size_t len = 0;

	if (!flags) {
		snprintf(buf, n, "MEMBLOCK_NONE");
		return;
	}
	buf[0] = '\0';
	for (unsigned int i = 0; i < 3; i++)
		if (flags & (1UL << i))
			len += snprintf(buf + len, n - len, "%s%s",
					len ? "|" : "", names[i]);
	if (flags & ~7UL)
		snprintf(buf + len, n - len, "%s0x%llx", len ? "|" : "",
			 (unsigned long long)(flags & ~7UL));
}

static const char *type_name(u64 type)
{
	const struct memblock_type *t = (const void *)(uintptr_t)type;

	if (t == &memblock.reserved)
		return "memblock.reserved";
	if (t == &memblock.memory)
		return "memblock.memory";
	return t->name;
}

static void fmt_arg(char *buf, size_t n, enum kind k, u64 v)
{
	switch (k) {
	case LIMIT:
		fmt_limit(buf, n, v);
		break;
	case NID:
		fmt_nid(buf, n, (int)v);
		break;
	case FLAGS:
		fmt_flags(buf, n, v);
		break;
	case TYPE:
		snprintf(buf, n, "&%s", type_name(v));
		break;
	default:
		snprintf(buf, n, "0x%llx", (unsigned long long)v);
	}
}

/* The free range a walk visits, waiting for what the walk makes of it. */
static int pending_range = -1;
static u64 pending_lo, pending_hi;
/* gaptree: the gap the walk is in, and whether it held free memory */
static int gap_line = -1;
static bool gap_empty;

static const struct memblock_region *region(u64 type, unsigned long idx)
{
	const struct memblock_type *t = (const void *)(uintptr_t)type;

	return &t->regions[idx];
}

static u64 rend(const struct memblock_region *r)
{
	return r->base + r->size;
}

static bool top_down(const struct trace_frame *f)
{
	return f && f->fn != MEMBLOCK_TRACE_FIND_BOTTOM_UP;
}

/* [@lo, @hi) as the trace writes ranges; @hi may be the end of memory. */
static void fmt_range(char *buf, size_t n, u64 lo, u64 hi)
{
	if (hi == PHYS_ADDR_MAX)
		snprintf(buf, n, "[0x%llx, PHYS_ADDR_MAX]",
			 (unsigned long long)lo);
	else
		snprintf(buf, n, "[0x%llx, 0x%llx)", (unsigned long long)lo,
			 (unsigned long long)hi);
}

/* The gap the walk was in is done: say if it held no free memory. */
static void end_gap(void)
{
	if (gap_line >= 0 && gap_empty)
		trace_append(gap_line, ": no free memory in it");
	gap_line = -1;
	gap_empty = true;
}

static void step_find(struct trace_frame *f, enum memblock_trace_step step,
		      const u64 *v)
{
	char a[64], b[64];
	int in_gap = f && f->in_gap;

	switch (step) {
	case MEMBLOCK_TRACE_FREE_RANGE:
		gap_empty = false;
		pending_lo = v[0];
		pending_hi = v[1];
		fmt_range(a, sizeof(a), v[0], v[1]);
		pending_range = trace_add_line(in_gap, "free %s", a);
		break;
	case MEMBLOCK_TRACE_TOO_SMALL:
		fmt_range(a, sizeof(a), v[0], v[1]);
		trace_append(pending_range, ", clipped to %s: ends below size", a);
		pending_range = -1;
		break;
	case MEMBLOCK_TRACE_CANDIDATE:
		fmt_range(a, sizeof(a), v[0], v[1]);
		if (v[0] >= v[1]) {
			trace_append(pending_range, ": outside [start, end)");
		} else {
			if (v[0] != pending_lo || v[1] != pending_hi)
				trace_append(pending_range, ", clipped to %s", a);
			if (v[3])
				trace_append(pending_range, ", candidate 0x%llx fits: taken",
				       (unsigned long long)v[2]);
			else
				trace_append(pending_range, ", too small: candidate 0x%llx %s",
				       (unsigned long long)v[2], top_down(f) ?
				       "starts below it" : "ends past it");
		}
		pending_range = -1;
		break;
	case MEMBLOCK_TRACE_BINARY_START:
		if (top_down(f) ? v[0] == memblock.memory.cnt - 1 &&
				  v[1] == memblock.reserved.cnt :
				  v[0] == 0 && v[1] == 0) {
			trace_add_line(0, "binary search: nothing to skip, the walk starts at the %s, as 4.12's",
				 top_down(f) ? "top" : "bottom");
			break;
		}
		fmt_range(a, sizeof(a),
			  v[1] ? memblock.reserved.regions[v[1] - 1].base +
				 memblock.reserved.regions[v[1] - 1].size : 0,
			  v[1] < memblock.reserved.cnt ?
			  memblock.reserved.regions[v[1]].base : PHYS_ADDR_MAX);
		trace_add_line(0, "binary search: the walk starts in memory[%llu], at the gap %s below reserved[%llu]",
			 (unsigned long long)v[0], a, (unsigned long long)v[1]);
		break;
	case MEMBLOCK_TRACE_BINARY_STOP:
		fmt_range(a, sizeof(a), v[0], v[1]);
		trace_add_line(0, "free %s lies %s: stop, so does all that follows", a,
			 top_down(f) ? "below start" : "at or above end");
		break;
	case MEMBLOCK_TRACE_GAP:
		fmt_range(a, sizeof(a), v[0], v[1]);
		if (v[1] == PHYS_ADDR_MAX)
			snprintf(b, sizeof(b), "above the last reserved region, not in the index");
		else
			snprintf(b, sizeof(b), "0x%llx bytes, from the index",
				 (unsigned long long)(v[1] - v[0]));
		end_gap();
		gap_line = trace_add_line(0, "gap %s (%s)", a, b);
		if (f)
			f->in_gap = true;
		break;
	case MEMBLOCK_TRACE_GAP_SHORT:
		fmt_range(a, sizeof(a), v[0], v[1]);
		trace_add_line(0, "the gap at the %s, %s, is too short: the index skips to the %s gap long enough",
			 top_down(f) ? "limit" : "start", a,
			 top_down(f) ? "next lower" : "next higher");
		break;
	case MEMBLOCK_TRACE_GAPS_DONE:
		end_gap();
		trace_add_line(0, "no more gaps of 0x%llx bytes or more in [start, end)",
			 (unsigned long long)v[0]);
		break;
	case MEMBLOCK_TRACE_HAND_OVER:
		trace_add_line(0, "%llu free ranges without a fit: the walk hands the search over to the gap index",
			 (unsigned long long)v[0]);
		break;
	case MEMBLOCK_TRACE_INDEX_BUILT:
		trace_add_line(0, "the gap index is built first: %llu gaps of memblock.reserved, in O(n), once",
			 (unsigned long long)v[0]);
		break;
	case MEMBLOCK_TRACE_NO_INDEX:
		trace_add_line(0, v[0] ? "no gap index (no room for its pool): walk as find=binary" :
			 "size 0: walk as find=binary");
		break;
	default:
		break;
	}
}

static void step_bounds(struct trace_frame *f, enum memblock_trace_step step,
			const u64 *v)
{
	char a[64], b[64];

	switch (step) {
	case MEMBLOCK_TRACE_ALIGN_DEFAULT:
		trace_add_line(0, "align 0: SMP_CACHE_BYTES = 0x%llx",
			 (unsigned long long)v[0]);
		break;
	case MEMBLOCK_TRACE_LIMIT:
		fmt_limit(a, sizeof(a), v[0]);
		trace_add_line(0, "end MEMBLOCK_ALLOC_ACCESSIBLE: memblock.current_limit = %s",
			 a);
		break;
	case MEMBLOCK_TRACE_BOUNDS:
		fmt_limit(a, sizeof(a), v[1]);
		trace_add_line(0, "search [0x%llx, %s)%s%s", (unsigned long long)v[0],
			 a, f && f->args[2] < v[0] ?
			 ": start raised to PAGE_SIZE, never the first page" : "",
			 f && f->args[3] != MEMBLOCK_ALLOC_ACCESSIBLE &&
			 f->args[3] < v[0] ? ", end raised to start: empty" : "");
		break;
	case MEMBLOCK_TRACE_BOTTOM_UP:
		trace_add_line(0, "bottom-up first (memblock.bottom_up): from max(start, kernel end 0x%llx) = 0x%llx",
			 (unsigned long long)v[0], (unsigned long long)v[1]);
		if (f)
			f->bottom_up_tried = true;
		break;
	case MEMBLOCK_TRACE_BOTTOM_UP_FAILED:
		trace_add_line(0, "bottom-up found nothing: warn once, then top-down");
		break;
	case MEMBLOCK_TRACE_TOP_DOWN:
		fmt_limit(a, sizeof(a), v[0]);
		snprintf(b, sizeof(b), "0x%llx", (unsigned long long)v[1]);
		if (f && f->bottom_up_tried)
			trace_add_line(0, "top-down, over the whole range");
		else if (memblock_bottom_up())
			trace_add_line(0, "top-down: end %s is not above the kernel's end %s",
				 a, b);
		else
			trace_add_line(0, "top-down (memblock.bottom_up is false)");
		break;
	default:
		break;
	}
}

static void step_update(enum memblock_trace_step step, const u64 *v)
{
	const struct memblock_type *t = (const void *)(uintptr_t)v[0];
	const struct memblock_region *r;
	char a[64];

	switch (step) {
	case MEMBLOCK_TRACE_ADD_EMPTY:
		fmt_range(a, sizeof(a), v[1], v[1] + v[2]);
		trace_add_line(0, "%s was empty: %s becomes its region 0",
			 type_name(v[0]), a);
		break;
	case MEMBLOCK_TRACE_ADD_COUNT:
		if (v[2])	/* the second pass: the insertions say it */
			break;
		if (!v[1])
			trace_add_line(0, "first pass: covered already, nothing to add");
		else
			trace_add_line(0, "first pass: %llu new region%s needed, %lu of %lu in use%s",
				 (unsigned long long)v[1], v[1] > 1 ? "s" : "",
				 t->cnt, t->max, t->cnt + v[1] > t->max ?
				 ": the array must double" : "");
		break;
	case MEMBLOCK_TRACE_INSERT:
		fmt_range(a, sizeof(a), v[2], v[2] + v[3]);
		trace_add_line(0, "inserted %s at index %llu of %s, cnt now %lu", a,
			 (unsigned long long)v[1], type_name(v[0]), t->cnt);
		break;
	case MEMBLOCK_TRACE_GROW:
		if (v[4] == 3) {
			fmt_range(a, sizeof(a), region(v[0], v[1] - 1)->base,
				  rend(region(v[0], v[1])));
			trace_add_line(0, "touches reserved[%llu] and [%llu]: the two become %s in place, no insertion",
				 (unsigned long long)v[1] - 1,
				 (unsigned long long)v[1], a);
			break;
		}
		r = region(v[0], v[4] == 1 ? v[1] - 1 : v[1]);
		fmt_range(a, sizeof(a), v[4] == 1 ? r->base : v[2],
			  v[4] == 1 ? v[3] : rend(r));
		trace_add_line(0, "touches %s[%llu]: grown in place to %s, no insertion, no merge",
			 type_name(v[0]) + 9,
			 (unsigned long long)(v[4] == 1 ? v[1] - 1 : v[1]), a);
		break;
	case MEMBLOCK_TRACE_MERGE:
		fmt_range(a, sizeof(a), v[2], v[2] + v[3]);
		trace_add_line(0, "merged %s[%llu] into [%llu]: %s",
			 type_name(v[0]) + 9, (unsigned long long)v[1] + 1,
			 (unsigned long long)v[1], a);
		break;
	case MEMBLOCK_TRACE_DOUBLED:
		trace_add_line(0, "the new array: %llu regions at 0x%llx, the old one copied there",
			 (unsigned long long)v[2], (unsigned long long)v[1]);
		break;
	case MEMBLOCK_TRACE_POOL:
		fmt_range(a, sizeof(a), v[0], v[0] + v[1]);
		trace_add_line(0, "the gap index's pool follows the reserved array: %llu nodes at %s",
			 (unsigned long long)v[2], a);
		break;
	default:
		break;
	}
}

static void fmt_ret(char *buf, size_t n, enum ret_kind k, u64 val)
{
	if (k == RET_ADDR)
		snprintf(buf, n, val ? "0x%llx" : "0", (unsigned long long)val);
	else if ((int)val == -12)
		snprintf(buf, n, "-ENOMEM");
	else
		snprintf(buf, n, "%d", (int)val);
}


/* Is @fn traced when called from outside the chain? */
bool trace_fn_is_entry(enum memblock_trace_fn fn)
{
	return fn < MEMBLOCK_TRACE_FN_NR && fns[fn].entry;
}

/* Line @line says @f's call: its name and arguments. */
void trace_words_call(int line, const struct trace_frame *f)
{
	const struct fn_desc *desc = &fns[f->fn];
	char arg[64];

	trace_append(line, "%s(", desc->name);
	for (int i = 0; i < desc->nr_args; i++) {
		fmt_arg(arg, sizeof(arg), desc->kinds[i], f->args[i]);
		trace_append(line, "%s%s=%s", i ? ", " : "", desc->args[i],
			     arg);
	}
	trace_append(line, ")");
	if (f->fn == MEMBLOCK_TRACE_FIND_TOP_DOWN ||
	    f->fn == MEMBLOCK_TRACE_FIND_BOTTOM_UP)
		trace_append(line, " [find=%s]",
			     memblock_find_strategy_name(memblock_get_find_strategy()));
}

/* Line @line gets what @f returned: @val. */
void trace_words_return(int line, const struct trace_frame *f, u64 val)
{
	char ret[32];

	fmt_ret(ret, sizeof(ret), fns[f->fn].ret, val);
	trace_append(line, " = %s", ret);
}

/* Step @step of @f, with its values @v. */
void trace_words_step(struct trace_frame *f, enum memblock_trace_step step,
		      const u64 *v)
{
	if (step >= MEMBLOCK_TRACE_ADD_EMPTY)
		step_update(step, v);
	else if (step >= MEMBLOCK_TRACE_FREE_RANGE)
		step_find(f, step, v);
	else
		step_bounds(f, step, v);
}

/* A traced call returned, or the tree was printed: no walk goes on. */
void trace_words_done(void)
{
	end_gap();
	pending_range = -1;
}
