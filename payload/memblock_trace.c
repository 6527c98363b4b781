// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The chain trace: the hooks of mm/memblock_trace.h, built into
 * build/payload-trace.elf only (the image the benchmark measures has no
 * trace points to call them).
 *
 * Each traced call becomes one line of an indented call tree: its
 * arguments as Linux names them, the value it returned and what it cost;
 * below it, one line per decision it made.  A call is traced when it is one
 * of the allocator's entry points (an allocation, a search, an array
 * doubling) while tracing is armed, or when a traced call made it.  The
 * tree is kept in memory until the outermost traced call returns and then
 * printed: a call's line needs its return value, and nothing is printed
 * while a call is being measured.  Output memblock itself prints meanwhile
 * (memblock=debug, warnings) goes into the tree where it happened.
 *
 * Costs are rdinstret deltas without the tracer.  Every hook reads the
 * counter on entry and on exit and adds the difference to a running total
 * of the tracer's own instructions, plus what lies outside those two reads
 * (the caller's argument set-up, the call, the hook's prologue and
 * epilogue): that part is the same every time, and calibrate() measures it
 * at start-up.  A call's cost is the counter's progress between its two
 * hooks minus the tracer's progress in between.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm/memblock.h"
#include "mm/memblock_trace.h"
#include "payload/payload.h"
#include "platform/csr.h"
#include "platform/dt.h"

#define MAX_FRAMES	32
#define MAX_LINES	2048
#define LINE_LEN	200

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

struct frame {
	enum memblock_trace_fn fn;
	bool shown;
	int line;		/* its line, or -1 */
	u64 args[6];
	u64 t0;			/* rdinstret when its call hook was done */
	u64 spent0;		/* the tracer's total then */
	bool bottom_up_tried;
	bool in_gap;		/* gaptree: free ranges belong to a gap */
};

struct line {
	int depth;
	bool has_cost;
	u64 cost;
	char text[LINE_LEN];
};

/*
 * The instructions of a hook that its own two counter reads do not see,
 * measured by calibrate(): around an empty traced call (frame), and each
 * step and each pair of call and return hooks nested in a traced call.
 */
static struct {
	u64 frame, step, pair;
} unseen;

static enum trace_mode mode;
static bool armed, calibrating, icount;
static u64 spent;		/* the tracer's own instructions so far */
static struct frame frames[MAX_FRAMES];
static int nr_frames, lost_frames, shown_depth;
static struct line lines[MAX_LINES];
static int nr_lines, dropped_lines, message = -1;
/* The free range a walk visits, waiting for what the walk makes of it. */
static int pending_range = -1;
static u64 pending_lo, pending_hi;
/* gaptree: the gap the walk is in, and whether it held free memory */
static int gap_line = -1;
static bool gap_empty;

/* ---- Formatting -------------------------------------------------------- */

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

/* Append to line @l (or nothing, when it was dropped). */
static __attribute__((format(printf, 2, 3)))
void append(int l, const char *fmt, ...)
{
	size_t len;
	va_list ap;

	if (l < 0)
		return;
	len = strlen(lines[l].text);
	va_start(ap, fmt);
	vsnprintf(lines[l].text + len, LINE_LEN - len, fmt, ap);
	va_end(ap);
}

/* A new line, one level inside the shown frames.  Return: it, or -1. */
static __attribute__((format(printf, 2, 3)))
int add_line(int extra_depth, const char *fmt, ...)
{
	struct line *l;
	va_list ap;

	if (nr_lines == MAX_LINES) {
		dropped_lines++;
		return -1;
	}
	l = &lines[nr_lines];
	l->depth = shown_depth + extra_depth;
	l->has_cost = false;
	va_start(ap, fmt);
	vsnprintf(l->text, LINE_LEN, fmt, ap);
	va_end(ap);
	return nr_lines++;
}

static struct frame *top(void)
{
	return nr_frames ? &frames[nr_frames - 1] : NULL;
}

static void print_tree(void)
{
	enum dt_meter_part was = dt_meter(DT_METER_CONSOLE);

	printf(" rdinstret | memblock.trace=%s: find=%s, update=%s\n",
	       mode == TRACE_ALL ? "all" : "chain",
	       memblock_find_strategy_name(memblock_get_find_strategy()),
	       memblock_update_strategy_name(memblock_get_update_strategy()));
	for (int i = 0; i < nr_lines; i++) {
		struct line *l = &lines[i];

		if (l->has_cost)
			printf("%10llu | ", (unsigned long long)l->cost);
		else
			printf("%10s | ", "");
		printf("%*s%s\n", 2 * l->depth, "", l->text);
	}
	if (dropped_lines)
		printf("%10s | (%d more lines: the trace buffer holds %d)\n",
		       "", dropped_lines, MAX_LINES);
	nr_lines = 0;
	dropped_lines = 0;
	pending_range = -1;
	message = -1;
	dt_meter(was);
}

/* ---- What each step says ----------------------------------------------- */

static const struct memblock_region *region(u64 type, unsigned long idx)
{
	const struct memblock_type *t = (const void *)(uintptr_t)type;

	return &t->regions[idx];
}

static u64 rend(const struct memblock_region *r)
{
	return r->base + r->size;
}

static bool top_down(const struct frame *f)
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
		append(gap_line, ": no free memory in it");
	gap_line = -1;
	gap_empty = true;
}

static void step_find(struct frame *f, enum memblock_trace_step step,
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
		pending_range = add_line(in_gap, "free %s", a);
		break;
	case MEMBLOCK_TRACE_TOO_SMALL:
		fmt_range(a, sizeof(a), v[0], v[1]);
		append(pending_range, ", clipped to %s: ends below size", a);
		pending_range = -1;
		break;
	case MEMBLOCK_TRACE_CANDIDATE:
		fmt_range(a, sizeof(a), v[0], v[1]);
		if (v[0] >= v[1]) {
			append(pending_range, ": outside [start, end)");
		} else {
			if (v[0] != pending_lo || v[1] != pending_hi)
				append(pending_range, ", clipped to %s", a);
			if (v[3])
				append(pending_range, ", candidate 0x%llx fits: taken",
				       (unsigned long long)v[2]);
			else
				append(pending_range, ", too small: candidate 0x%llx %s",
				       (unsigned long long)v[2], top_down(f) ?
				       "starts below it" : "ends past it");
		}
		pending_range = -1;
		break;
	case MEMBLOCK_TRACE_BINARY_START:
		if (top_down(f) ? v[0] == memblock.memory.cnt - 1 &&
				  v[1] == memblock.reserved.cnt :
				  v[0] == 0 && v[1] == 0) {
			add_line(0, "binary search: nothing to skip, the walk starts at the %s, as 4.12's",
				 top_down(f) ? "top" : "bottom");
			break;
		}
		fmt_range(a, sizeof(a),
			  v[1] ? memblock.reserved.regions[v[1] - 1].base +
				 memblock.reserved.regions[v[1] - 1].size : 0,
			  v[1] < memblock.reserved.cnt ?
			  memblock.reserved.regions[v[1]].base : PHYS_ADDR_MAX);
		add_line(0, "binary search: the walk starts in memory[%llu], at the gap %s below reserved[%llu]",
			 (unsigned long long)v[0], a, (unsigned long long)v[1]);
		break;
	case MEMBLOCK_TRACE_BINARY_STOP:
		fmt_range(a, sizeof(a), v[0], v[1]);
		add_line(0, "free %s lies %s: stop, so does all that follows", a,
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
		gap_line = add_line(0, "gap %s (%s)", a, b);
		if (f)
			f->in_gap = true;
		break;
	case MEMBLOCK_TRACE_GAP_SHORT:
		fmt_range(a, sizeof(a), v[0], v[1]);
		add_line(0, "the gap at the %s, %s, is too short: the index skips to the %s gap long enough",
			 top_down(f) ? "limit" : "start", a,
			 top_down(f) ? "next lower" : "next higher");
		break;
	case MEMBLOCK_TRACE_GAPS_DONE:
		end_gap();
		add_line(0, "no more gaps of 0x%llx bytes or more in [start, end)",
			 (unsigned long long)v[0]);
		break;
	case MEMBLOCK_TRACE_HAND_OVER:
		add_line(0, "%llu free ranges without a fit: the walk hands the search over to the gap index",
			 (unsigned long long)v[0]);
		break;
	case MEMBLOCK_TRACE_INDEX_BUILT:
		add_line(0, "the gap index is built first: %llu gaps of memblock.reserved, in O(n), once",
			 (unsigned long long)v[0]);
		break;
	case MEMBLOCK_TRACE_NO_INDEX:
		add_line(0, v[0] ? "no gap index (no room for its pool): walk as find=binary" :
			 "size 0: walk as find=binary");
		break;
	default:
		break;
	}
}

static void step_bounds(struct frame *f, enum memblock_trace_step step,
			const u64 *v)
{
	char a[64], b[64];

	switch (step) {
	case MEMBLOCK_TRACE_ALIGN_DEFAULT:
		add_line(0, "align 0: SMP_CACHE_BYTES = 0x%llx",
			 (unsigned long long)v[0]);
		break;
	case MEMBLOCK_TRACE_LIMIT:
		fmt_limit(a, sizeof(a), v[0]);
		add_line(0, "end MEMBLOCK_ALLOC_ACCESSIBLE: memblock.current_limit = %s",
			 a);
		break;
	case MEMBLOCK_TRACE_BOUNDS:
		fmt_limit(a, sizeof(a), v[1]);
		add_line(0, "search [0x%llx, %s)%s%s", (unsigned long long)v[0],
			 a, f && f->args[2] < v[0] ?
			 ": start raised to PAGE_SIZE, never the first page" : "",
			 f && f->args[3] != MEMBLOCK_ALLOC_ACCESSIBLE &&
			 f->args[3] < v[0] ? ", end raised to start: empty" : "");
		break;
	case MEMBLOCK_TRACE_BOTTOM_UP:
		add_line(0, "bottom-up first (memblock.bottom_up): from max(start, kernel end 0x%llx) = 0x%llx",
			 (unsigned long long)v[0], (unsigned long long)v[1]);
		if (f)
			f->bottom_up_tried = true;
		break;
	case MEMBLOCK_TRACE_BOTTOM_UP_FAILED:
		add_line(0, "bottom-up found nothing: warn once, then top-down");
		break;
	case MEMBLOCK_TRACE_TOP_DOWN:
		fmt_limit(a, sizeof(a), v[0]);
		snprintf(b, sizeof(b), "0x%llx", (unsigned long long)v[1]);
		if (f && f->bottom_up_tried)
			add_line(0, "top-down, over the whole range");
		else if (memblock_bottom_up())
			add_line(0, "top-down: end %s is not above the kernel's end %s",
				 a, b);
		else
			add_line(0, "top-down (memblock.bottom_up is false)");
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
		add_line(0, "%s was empty: %s becomes its region 0",
			 type_name(v[0]), a);
		break;
	case MEMBLOCK_TRACE_ADD_COUNT:
		if (v[2])	/* the second pass: the insertions say it */
			break;
		if (!v[1])
			add_line(0, "first pass: covered already, nothing to add");
		else
			add_line(0, "first pass: %llu new region%s needed, %lu of %lu in use%s",
				 (unsigned long long)v[1], v[1] > 1 ? "s" : "",
				 t->cnt, t->max, t->cnt + v[1] > t->max ?
				 ": the array must double" : "");
		break;
	case MEMBLOCK_TRACE_INSERT:
		fmt_range(a, sizeof(a), v[2], v[2] + v[3]);
		add_line(0, "inserted %s at index %llu of %s, cnt now %lu", a,
			 (unsigned long long)v[1], type_name(v[0]), t->cnt);
		break;
	case MEMBLOCK_TRACE_GROW:
		if (v[4] == 3) {
			fmt_range(a, sizeof(a), region(v[0], v[1] - 1)->base,
				  rend(region(v[0], v[1])));
			add_line(0, "touches reserved[%llu] and [%llu]: the two become %s in place, no insertion",
				 (unsigned long long)v[1] - 1,
				 (unsigned long long)v[1], a);
			break;
		}
		r = region(v[0], v[4] == 1 ? v[1] - 1 : v[1]);
		fmt_range(a, sizeof(a), v[4] == 1 ? r->base : v[2],
			  v[4] == 1 ? v[3] : rend(r));
		add_line(0, "touches %s[%llu]: grown in place to %s, no insertion, no merge",
			 type_name(v[0]) + 9,
			 (unsigned long long)(v[4] == 1 ? v[1] - 1 : v[1]), a);
		break;
	case MEMBLOCK_TRACE_MERGE:
		fmt_range(a, sizeof(a), v[2], v[2] + v[3]);
		add_line(0, "merged %s[%llu] into [%llu]: %s",
			 type_name(v[0]) + 9, (unsigned long long)v[1] + 1,
			 (unsigned long long)v[1], a);
		break;
	case MEMBLOCK_TRACE_DOUBLED:
		add_line(0, "the new array: %llu regions at 0x%llx, the old one copied there",
			 (unsigned long long)v[2], (unsigned long long)v[1]);
		break;
	case MEMBLOCK_TRACE_POOL:
		fmt_range(a, sizeof(a), v[0], v[0] + v[1]);
		add_line(0, "the gap index's pool follows the reserved array: %llu nodes at %s",
			 (unsigned long long)v[2], a);
		break;
	default:
		break;
	}
}

/* ---- The hooks ----------------------------------------------------------- */

static int64_t last_cost;		/* calibrate(): the cost of the last frame */

static void fmt_ret(char *buf, size_t n, enum ret_kind k, u64 val)
{
	if (k == RET_ADDR)
		snprintf(buf, n, val ? "0x%llx" : "0", (unsigned long long)val);
	else if ((int)val == -12)
		snprintf(buf, n, "-ENOMEM");
	else
		snprintf(buf, n, "%d", (int)val);
}

static __attribute__((noinline))
void open_frame(enum memblock_trace_fn fn, u64 a, u64 b, u64 c, u64 d,
		u64 e, u64 g)
{
	struct frame *parent = top(), *f;
	const struct fn_desc *desc;
	char arg[64];

	if (nr_frames == MAX_FRAMES) {
		lost_frames++;
		return;
	}
	f = &frames[nr_frames++];
	*f = (struct frame){ .fn = fn, .line = -1,
			     .args = { a, b, c, d, e, g } };
	f->shown = !calibrating && fn < MEMBLOCK_TRACE_FN_NR &&
		   ((parent && parent->shown) || (armed && fns[fn].entry));
	if (!f->shown)
		return;

	desc = &fns[fn];
	f->line = add_line(0, "%s(", desc->name);
	for (int i = 0; i < desc->nr_args; i++) {
		fmt_arg(arg, sizeof(arg), desc->kinds[i], f->args[i]);
		append(f->line, "%s%s=%s", i ? ", " : "", desc->args[i], arg);
	}
	append(f->line, ")");
	if (fn == MEMBLOCK_TRACE_FIND_TOP_DOWN ||
	    fn == MEMBLOCK_TRACE_FIND_BOTTOM_UP)
		append(f->line, " [find=%s]",
		       memblock_find_strategy_name(memblock_get_find_strategy()));
	shown_depth++;
}

/* What @f has cost up to rdinstret = @now, the tracer left out. */
static int64_t cost_of(const struct frame *f, u64 now)
{
	return (int64_t)(now - f->t0 - (spent - f->spent0) - unseen.frame);
}

static __attribute__((noinline)) void close_frame(u64 val, u64 now)
{
	struct frame *f;
	char ret[32];

	if (lost_frames) {
		lost_frames--;
		return;
	}
	if (!nr_frames)
		return;
	f = &frames[--nr_frames];
	last_cost = cost_of(f, now);
	if (!f->shown)
		return;

	end_gap();
	shown_depth--;
	if (f->line >= 0) {
		lines[f->line].has_cost = true;
		lines[f->line].cost = last_cost;
		fmt_ret(ret, sizeof(ret), fns[f->fn].ret, val);
		append(f->line, " = %s", ret);
	}
	pending_range = -1;
	if (!shown_depth)
		print_tree();
}

static __attribute__((noinline))
void step_body(enum memblock_trace_step step, u64 a, u64 b, u64 c, u64 d,
	       u64 e)
{
	const u64 v[5] = { a, b, c, d, e };

	if (!shown_depth || !top() || !top()->shown)
		return;
	if (step >= MEMBLOCK_TRACE_ADD_EMPTY)
		step_update(step, v);
	else if (step >= MEMBLOCK_TRACE_FREE_RANGE)
		step_find(top(), step, v);
	else
		step_bounds(top(), step, v);
}

void memblock_trace_call(enum memblock_trace_fn fn, u64 a, u64 b, u64 c,
			 u64 d, u64 e, u64 f)
{
	u64 in = rdinstret(), out;

	open_frame(fn, a, b, c, d, e, f);
	out = rdinstret();
	spent += out - in;
	if (!lost_frames) {
		frames[nr_frames - 1].t0 = out;
		frames[nr_frames - 1].spent0 = spent;
	}
}

u64 memblock_trace_ret(u64 val)
{
	u64 in = rdinstret();

	close_frame(val, in);
	spent += rdinstret() - in + unseen.pair;
	return val;
}

void memblock_trace_step(enum memblock_trace_step step, u64 a, u64 b, u64 c,
			 u64 d, u64 e)
{
	u64 in = rdinstret();

	step_body(step, a, b, c, d, e);
	spent += rdinstret() - in + unseen.step;
}

/* ---- Output from inside the chain, and panics ---------------------------- */

/*
 * memblock_printf() inside a traced call: into the tree, where it happened
 * (Linux's printk lines are whole once a newline ends them).  The console
 * is left out of the costs, as make run's build figures leave it out.
 */
bool trace_capture(const char *fmt, va_list ap)
{
	u64 in = rdinstret();
	char buf[LINE_LEN], *p, *nl;

	if (!shown_depth)
		return false;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	for (p = buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (message < 0)
			message = add_line(0, "printk: %s", p);
		else
			append(message, "%s", p);
		if (!nl)
			break;
		message = -1;
	}
	spent += rdinstret() - in;
	return true;
}

static u64 panic_called;

/* memblock_panic() was called: the calls it ends cost what they had so far. */
void trace_panic_enter(void)
{
	panic_called = rdinstret();
}

/*
 * memblock_panic() inside a traced call: the calls that will not return,
 * what they had cost when it was called, and the panic's text, before the
 * panic line.
 */
void trace_panic(const char *msg)
{
	u64 now = panic_called;
	bool innermost = true;

	if (!shown_depth)
		return;
	add_line(0, "panic(\"%s\")", msg);
	for (int i = nr_frames - 1; i >= 0; i--) {
		struct frame *f = &frames[i];

		if (!f->shown || f->line < 0)
			continue;
		lines[f->line].has_cost = true;
		lines[f->line].cost = cost_of(f, now);
		append(f->line, innermost ? " panics" : " does not return");
		innermost = false;
	}
	print_tree();
}

/* ---- Start-up -------------------------------------------------------------- */

/*
 * The smallest cost of a traced call made here with nothing (@inner 0), a
 * step (1) or a traced call (2) inside, through the same hooks and macros
 * as mm/'s trace points.
 */
static __attribute__((noinline)) int64_t measure(int inner)
{
	int64_t best = INT64_MAX;
	u64 sink = 0;

	for (int i = 0; i < 8; i++) {
		trace_memblock_call(MEMBLOCK_TRACE_FN_NR, i, 1, 2, 3, 4, 5);
		if (inner == 1)
			trace_memblock_step(MEMBLOCK_TRACE_STEP_NR, i, 1, 2, 3, 4);
		if (inner == 2) {
			trace_memblock_call(MEMBLOCK_TRACE_FN_NR, i, 1, 2, 3, 4,
					    5);
			sink += trace_memblock_ret(i);
		}
		sink += trace_memblock_ret(i);
		if (last_cost < best)
			best = last_cost;
	}
	/* the returned values are used, as mm/'s are */
	__asm__ volatile("" : : "r"(sink));
	return best < 0 ? 0 : best;
}

static void calibrate(void)
{
	calibrating = true;
	unseen.frame = unseen.step = unseen.pair = 0;
	unseen.frame = measure(0);
	unseen.step = measure(1);
	unseen.pair = measure(2);
	calibrating = false;
}

/* Under QEMU's -icount, rdcycle and rdinstret both count instructions. */
static bool counts_instructions(void)
{
	u64 c0 = rdcycle(), i0 = rdinstret();
	volatile int n = 0;

	for (int i = 0; i < 100; i++)
		n += i;
	return rdcycle() - c0 == rdinstret() - i0;
}

void memblock_trace_start(enum trace_mode m)
{
	mode = m;
	icount = counts_instructions();
	calibrate();
	armed = mode == TRACE_ALL;
}

void memblock_trace_arm(bool on)
{
	armed = on || mode == TRACE_ALL;
}

void memblock_trace_describe(char *buf, size_t n)
{
	snprintf(buf, n, "%s; costs in %s, the tracer's own left out (its unseen part measured: %llu a call, %llu a step)",
		 mode == TRACE_ALL ? "all, every allocation of the boot" :
				     "chain, the demo's allocations",
		 icount ? "instructions (rdinstret, -icount)" :
			  "host ticks (rdinstret without -icount)",
		 (unsigned long long)unseen.frame,
		 (unsigned long long)unseen.step);
}
