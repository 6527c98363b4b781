// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The chain trace: the hooks of mm/memblock_trace.h, built into
 * build/payload-trace.elf only (the image the benchmark measures has no
 * trace points to call them).
 *
 * Each traced call becomes one line of an indented call tree: its
 * arguments as Linux names them, the value it returned and what it cost;
 * below it, one line per decision it made (payload/trace_words.c says
 * them).  A call is traced when it is one
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
#include "payload/payload.h"
#include "payload/trace_tree.h"
#include "platform/counters.h"
#include "platform/csr.h"
#include "platform/dt.h"

#define MAX_FRAMES	32
#define MAX_LINES	2048

struct line {
	int depth;
	bool has_cost;
	int64_t cost;		/* below 0 only if calibrate() was wrong */
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
/* rdinstret counts and S-mode may read it (counters_probe()): costs shown */
static bool timed;

/* The tracer's clock: rdinstret, never read where it traps or stands still. */
static inline u64 trace_clock(void)
{
	return timed ? rdinstret() : 0;
}
static u64 spent;		/* the tracer's own instructions so far */
static struct trace_frame frames[MAX_FRAMES];
static int nr_frames, lost_frames, shown_depth;
static struct line lines[MAX_LINES];
static int nr_lines, dropped_lines, message = -1;

/* ---- Formatting -------------------------------------------------------- */

/* Append to line @l (or nothing, when it was dropped). */
void trace_append(int l, const char *fmt, ...)
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
int trace_add_line(int extra_depth, const char *fmt, ...)
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

static struct trace_frame *top(void)
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
			printf("%10lld | ", (long long)l->cost);
		else
			printf("%10s | ", "");
		printf("%*s%s\n", 2 * l->depth, "", l->text);
	}
	if (dropped_lines)
		printf("%10s | (%d more lines: the trace buffer holds %d)\n",
		       "", dropped_lines, MAX_LINES);
	nr_lines = 0;
	dropped_lines = 0;
	message = -1;
	trace_words_done();
	dt_meter(was);
}

/* ---- The hooks ----------------------------------------------------------- */

static int64_t last_cost;		/* calibrate(): the cost of the last frame */

static __attribute__((noinline))
void open_frame(enum memblock_trace_fn fn, u64 a, u64 b, u64 c, u64 d,
		u64 e, u64 g)
{
	struct trace_frame *parent = top(), *f;

	if (nr_frames == MAX_FRAMES) {
		lost_frames++;
		return;
	}
	f = &frames[nr_frames++];
	*f = (struct trace_frame){ .fn = fn, .line = -1,
				   .args = { a, b, c, d, e, g } };
	f->shown = !calibrating &&
		   ((parent && parent->shown) || (armed && trace_fn_is_entry(fn)));
	if (!f->shown)
		return;
	f->line = trace_add_line(0, "%s", "");
	trace_words_call(f->line, f);
	shown_depth++;
}

/* What @f has cost up to rdinstret = @now, the tracer left out. */
static int64_t cost_of(const struct trace_frame *f, u64 now)
{
	return (int64_t)(now - f->t0 - (spent - f->spent0) - unseen.frame);
}

static __attribute__((noinline)) void close_frame(u64 val, u64 now)
{
	struct trace_frame *f;

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

	trace_words_done();
	shown_depth--;
	if (f->line >= 0) {
		lines[f->line].has_cost = timed;
		lines[f->line].cost = last_cost;
		trace_words_return(f->line, f, val);
	}
	if (!shown_depth)
		print_tree();
}

static __attribute__((noinline))
void step_body(enum memblock_trace_step step, u64 a, u64 b, u64 c, u64 d,
	       u64 e)
{
	const u64 v[5] = { a, b, c, d, e };

	if (shown_depth && top()->shown)
		trace_words_step(top(), step, v);
}

/*
 * The hooks are never inlined: calibrate() must call them as mm/ does, out
 * of line, or it measures a cheaper copy of them.
 */
__attribute__((noinline))
void memblock_trace_call(enum memblock_trace_fn fn, u64 a, u64 b, u64 c,
			 u64 d, u64 e, u64 f)
{
	u64 in = trace_clock(), out;

	open_frame(fn, a, b, c, d, e, f);
	out = trace_clock();
	spent += out - in;
	if (!lost_frames) {
		frames[nr_frames - 1].t0 = out;
		frames[nr_frames - 1].spent0 = spent;
	}
}

__attribute__((noinline)) u64 memblock_trace_ret(u64 val)
{
	u64 in = trace_clock();

	close_frame(val, in);
	spent += trace_clock() - in + unseen.pair;
	return val;
}

__attribute__((noinline))
void memblock_trace_step(enum memblock_trace_step step, u64 a, u64 b, u64 c,
			 u64 d, u64 e)
{
	u64 in = trace_clock();

	step_body(step, a, b, c, d, e);
	spent += trace_clock() - in + unseen.step;
}

/* ---- Output from inside the chain, and panics ---------------------------- */

/*
 * memblock_printf() inside a traced call: into the tree, where it happened
 * (Linux's printk lines are whole once a newline ends them).  The console
 * is left out of the costs, as make run's build figures leave it out.
 */
bool trace_capture(const char *fmt, va_list ap)
{
	u64 in = trace_clock();
	char buf[LINE_LEN], *p, *nl;

	if (!shown_depth)
		return false;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	for (p = buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (message < 0)
			message = trace_add_line(0, "printk: %s", p);
		else
			trace_append(message, "%s", p);
		if (!nl)
			break;
		message = -1;
	}
	spent += trace_clock() - in;
	return true;
}

static u64 panic_called;

/* memblock_panic() was called: the calls it ends cost what they had so far. */
void trace_panic_enter(void)
{
	panic_called = trace_clock();
}

/*
 * memblock_panic() inside a traced call: the calls that will not return,
 * what they had cost when it was called, and the panic's text, before the
 * panic line.
 */
void trace_panic(const char *msg)
{
	u64 at = panic_called;
	bool innermost = true;

	if (!shown_depth)
		return;
	trace_add_line(0, "panic(\"%s\")", msg);
	for (int i = nr_frames - 1; i >= 0; i--) {
		struct trace_frame *f = &frames[i];

		if (!f->shown || f->line < 0)
			continue;
		lines[f->line].has_cost = timed;
		lines[f->line].cost = cost_of(f, at);
		trace_append(f->line, innermost ? " panics" : " does not return");
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

void memblock_trace_start(enum trace_mode m)
{
	mode = m;
	timed = counter_counts(COUNTER_INSTRET);
	icount = counters_count_instructions();
	if (timed)
		calibrate();
	armed = mode == TRACE_ALL;
}

void memblock_trace_arm(bool on)
{
	armed = on || mode == TRACE_ALL;
}

void memblock_trace_describe(char *buf, size_t n)
{
	if (!timed) {
		snprintf(buf, n, "%s; no costs: rdinstret %s",
			 mode == TRACE_ALL ? "all, every allocation of the boot" :
					     "chain, the demo's allocations",
			 counter_state_name(counter_state(COUNTER_INSTRET)));
		return;
	}
	snprintf(buf, n, "%s; costs in %s, the tracer's own left out (its unseen part measured: %llu a call, %llu a step)",
		 mode == TRACE_ALL ? "all, every allocation of the boot" :
				     "chain, the demo's allocations",
		 icount ? "instructions (rdinstret, -icount)" :
			  "host ticks (rdinstret without -icount)",
		 (unsigned long long)unseen.frame,
		 (unsigned long long)unseen.step);
}
