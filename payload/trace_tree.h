/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PAYLOAD_TRACE_TREE_H
#define PAYLOAD_TRACE_TREE_H

/*
 * The chain trace's call tree, between the tracer (payload/memblock_trace.c:
 * the hooks, the costs, the tree) and its words (payload/trace_words.c:
 * what each call and step says).  Both are in build/payload-trace.elf only.
 */

#include <stdbool.h>

#include "mm/memblock.h"
#include "mm/memblock_trace.h"

#define LINE_LEN	200

/* A traced call on its way: what it was called with, what it cost so far. */
struct trace_frame {
	enum memblock_trace_fn fn;
	bool shown;		/* in the tree: armed, or called by a shown call */
	int line;		/* its line, or -1 */
	u64 args[6];
	u64 t0;			/* rdinstret when its call hook was done */
	u64 spent0;		/* the tracer's total then */
	bool bottom_up_tried;
	bool in_gap;		/* gaptree: free ranges belong to a gap */
};

/* payload/memblock_trace.c: lines one level inside the shown calls. */
__attribute__((format(printf, 2, 3)))
int trace_add_line(int extra_depth, const char *fmt, ...);
__attribute__((format(printf, 2, 3)))
void trace_append(int line, const char *fmt, ...);

/* payload/trace_words.c */
bool trace_fn_is_entry(enum memblock_trace_fn fn);
void trace_words_call(int line, const struct trace_frame *f);
void trace_words_return(int line, const struct trace_frame *f, u64 val);
void trace_words_step(struct trace_frame *f, enum memblock_trace_step step,
		      const u64 *v);
void trace_words_done(void);

#endif /* PAYLOAD_TRACE_TREE_H */
