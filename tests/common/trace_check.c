// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * mm/'s trace hooks for a host build with -DMEMBLOCK_TRACE: instead of a
 * call tree (the payload's tracer, payload/memblock_trace.c), checks that
 * the trace points can make one.  Every traced call must return through
 * trace_memblock_ret(), whatever path it takes, or the tracer would pair
 * the wrong calls and returns; functions and steps must be ones the
 * tracer knows.  tests/host.mk's unit tests run under it (unit_tests_traced,
 * make trace-host-test), every test under every strategy combination.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "mm/memblock_trace.h"
#include "tests/common/env.h"

static int depth;
static unsigned long calls, steps;

static __attribute__((noreturn)) void broken(const char *what, int n)
{
	fprintf(stderr, "trace points: %s (%d)\n", what, n);
	abort();
}

void memblock_trace_call(enum memblock_trace_fn fn, u64 a, u64 b, u64 c,
			 u64 d, u64 e, u64 f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
	if (fn >= MEMBLOCK_TRACE_FN_NR)
		broken("a call of a function the tracer does not know", fn);
	depth++;
	calls++;
}

u64 memblock_trace_ret(u64 val)
{
	if (--depth < 0)
		broken("a return without its call", depth);
	return val;
}

void memblock_trace_step(enum memblock_trace_step step, u64 a, u64 b, u64 c,
			 u64 d, u64 e)
{
	(void)a, (void)b, (void)c, (void)d, (void)e;
	if (step >= MEMBLOCK_TRACE_STEP_NR)
		broken("a step the tracer does not know", step);
	steps++;
}

void ht_trace_panicked(void)
{
	depth = 0;	/* the panic unwinds every traced call */
}

void ht_trace_settled(void)
{
	if (depth)
		broken("traced calls that never returned", depth);
}

/* At exit: what was checked; none at all means the build traced nothing. */
static __attribute__((destructor)) void report(void)
{
	if (!calls || !steps) {
		fprintf(stderr, "trace points: none reached: is MEMBLOCK_TRACE defined?\n");
		_exit(1);
	}
	printf("trace points: %lu traced calls, each returned once; %lu steps\n",
	       calls, steps);
}
