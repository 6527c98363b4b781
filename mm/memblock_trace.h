/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MM_MEMBLOCK_TRACE_H
#define MM_MEMBLOCK_TRACE_H

/*
 * Trace points of the allocation chain, for `make run TRACE=chain`: each
 * function of the chain says what it was called with, what it decided and
 * what it returns, and the environment prints the call tree.
 *
 * Unless MEMBLOCK_TRACE is defined, every trace point compiles to nothing
 * and never evaluates its arguments, so the image the benchmark measures
 * (build/payload.elf) holds no trace code: `make trace-test` deletes every
 * trace point from a copy of mm/, compiles it, and checks that the objects
 * are identical to that image's.  build/payload-trace.elf is built from the
 * same sources with -DMEMBLOCK_TRACE, and its environment implements the
 * three hooks below (payload/memblock_trace.c), as it implements
 * memblock_printf().
 *
 *  - trace_memblock_call(fn, args...): @fn was entered with these arguments
 *    (up to six);
 *  - trace_memblock_ret(val): an expression with the value @val, which the
 *    function entered last returns; every return of a traced function goes
 *    through it, so that the environment can match calls and returns;
 *  - trace_memblock_step(step, args...): what the function decided (up to
 *    five values; each step's comment says which).
 *
 * Trace points take no strings, so that they can be found and deleted by
 * a tool (tools/strip-trace.awk) without parsing C.
 */

#ifdef MEMBLOCK_TRACE

#include "memblock.h"

/* The functions that say when they are entered and what they return. */
enum memblock_trace_fn {
	MEMBLOCK_TRACE_ALLOC,
	MEMBLOCK_TRACE_ALLOC_BASE,
	MEMBLOCK_TRACE___ALLOC_BASE,
	MEMBLOCK_TRACE_ALLOC_BASE_NID,
	MEMBLOCK_TRACE_ALLOC_RANGE_NID,
	MEMBLOCK_TRACE_FIND_IN_RANGE_NODE,
	MEMBLOCK_TRACE_FIND_TOP_DOWN,	/* __memblock_find_range_top_down() */
	MEMBLOCK_TRACE_FIND_BOTTOM_UP,	/* __memblock_find_range_bottom_up() */
	MEMBLOCK_TRACE_RESERVE,
	MEMBLOCK_TRACE_ADD_RANGE,
	MEMBLOCK_TRACE_FREE,
	MEMBLOCK_TRACE_DOUBLE_ARRAY,
	MEMBLOCK_TRACE_FIND_IN_RANGE,
	MEMBLOCK_TRACE_ALLOC_RANGE,
	MEMBLOCK_TRACE_ALLOC_NID,
	MEMBLOCK_TRACE_ALLOC_TRY_NID,
	MEMBLOCK_TRACE_PHYS_ALLOC_RANGE,
	MEMBLOCK_TRACE_FN_NR,
};

/* What a function decided, and the values each step comes with. */
enum memblock_trace_step {
	MEMBLOCK_TRACE_ALIGN_DEFAULT,	/* align 0 became SMP_CACHE_BYTES */
	MEMBLOCK_TRACE_LIMIT,		/* end: ACCESSIBLE -> current_limit */
	MEMBLOCK_TRACE_BOUNDS,		/* start, end: no first page */
	MEMBLOCK_TRACE_BOTTOM_UP,	/* kernel_end, start: bottom-up first */
	MEMBLOCK_TRACE_BOTTOM_UP_FAILED, /* and then top-down */
	MEMBLOCK_TRACE_TOP_DOWN,	/* end, kernel_end */
	MEMBLOCK_TRACE_FREE_RANGE,	/* start, end: a free range visited */
	MEMBLOCK_TRACE_TOO_SMALL,	/* start, end: clamped, below size */
	MEMBLOCK_TRACE_CANDIDATE,	/* start, end (clamped), cand, fits */
	MEMBLOCK_TRACE_BINARY_START,	/* memory idx, reserved gap idx */
	MEMBLOCK_TRACE_BINARY_STOP,	/* start, end: past the other bound */
	MEMBLOCK_TRACE_HAND_OVER,	/* budget: the walk hands over to gaptree */
	MEMBLOCK_TRACE_GAP,		/* start, end: a gap the index offers */
	MEMBLOCK_TRACE_GAP_SHORT,	/* start, end: the gap at the limit */
	MEMBLOCK_TRACE_GAPS_DONE,	/* size: no more gaps that long */
	MEMBLOCK_TRACE_INDEX_BUILT,	/* nr: the gap index, built in O(n) */
	MEMBLOCK_TRACE_NO_INDEX,	/* size: the walk goes without the index */
	MEMBLOCK_TRACE_ADD_EMPTY,	/* type, base, size: the first region */
	MEMBLOCK_TRACE_ADD_COUNT,	/* type, nr_new, insert: a pass done */
	MEMBLOCK_TRACE_INSERT,		/* type, idx, base, size */
	MEMBLOCK_TRACE_GROW,		/* type, idx, base, end, left | right */
	MEMBLOCK_TRACE_MERGE,		/* type, idx, base, size after */
	MEMBLOCK_TRACE_DOUBLED,		/* type, addr, new max */
	MEMBLOCK_TRACE_POOL,		/* addr, size, nodes: the gap index's */
	MEMBLOCK_TRACE_STEP_NR,
};

/* The hooks: the environment's (payload/memblock_trace.c). */
void memblock_trace_call(enum memblock_trace_fn fn, u64 a, u64 b, u64 c,
			 u64 d, u64 e, u64 f);
u64 memblock_trace_ret(u64 val);
void memblock_trace_step(enum memblock_trace_step step, u64 a, u64 b, u64 c,
			 u64 d, u64 e);

/* Up to six (call) or five (step) values, the missing ones 0. */
#define trace_memblock_call(fn, ...)					\
	__trace_memblock_call(fn, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define __trace_memblock_call(fn, a, b, c, d, e, f, ...)		\
	memblock_trace_call(fn, (u64)(a), (u64)(b), (u64)(c), (u64)(d),	\
			    (u64)(e), (u64)(f))
#define trace_memblock_ret(val)						\
	((__typeof__(val))memblock_trace_ret((u64)(val)))
#define trace_memblock_step(...)					\
	__trace_memblock_step(__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define __trace_memblock_step(step, a, b, c, d, e, ...)			\
	memblock_trace_step(step, (u64)(a), (u64)(b), (u64)(c), (u64)(d),	\
			    (u64)(e))

#else /* !MEMBLOCK_TRACE */

#define trace_memblock_call(fn, ...)	do { } while (0)
#define trace_memblock_ret(val)		(val)
#define trace_memblock_step(...)	do { } while (0)

#endif /* MEMBLOCK_TRACE */

#endif /* MM_MEMBLOCK_TRACE_H */
