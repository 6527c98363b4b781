/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TOOLS_REPLAY_BUILD_H
#define TOOLS_REPLAY_BUILD_H

/*
 * What the files that turn a log into an op list share: the builder and
 * its output (tools/replay_ops.c), the start state (tools/replay_start.c),
 * the passes over the log (tools/replay_log.c).
 */

#include <string.h>

#include "mm/memblock.h"
#include "tools/replay/host.h"

/* 6.1's MEMBLOCK_ALLOC_NOLEAKTRACE: as MEMBLOCK_ALLOC_ACCESSIBLE. */
#define ALLOC_NOLEAKTRACE	1
/* NODE_DATA is SMP_CACHE_BYTES aligned: L1_CACHE_BYTES, 64 on riscv. */
#define NODE_DATA_ALIGN		64
#define OTHER_NAMES		16

struct line_event {
	struct event ev;
	uint32_t line;
};

struct other {
	char name[48];
	uint32_t count, first;
};

struct builder {
	const struct replay_input *in;
	struct replay_output *out;
	char *err;
	size_t errlen;
	struct line_event *evs;
	size_t nr_evs;
	uint32_t lines;
	/* the second pass */
	size_t at;		/* event being read */
	long pending;		/* request op awaiting its reservations, or -1 */
	long last_call;		/* op a doubling belongs to, or -1 */
	bool resize_placed, nodes_set, any_call, is_412, is_61;
	int node_data;
	struct other others[OTHER_NAMES];
	int nr_others;
	uint32_t others_dropped;
	uint32_t mem_limit_line;
	long first_dump;	/* event index, or -1 */
};

/* One message naming @line (0: none) into the builder's error. Return: -1. */
int fail(struct builder *b, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* tools/replay_ops.c: the op list being built */
void *replay_grow(void *p, size_t *cap, size_t need, size_t elem);
uint32_t intern(struct builder *b, const char *s);
struct replay_op *emit_at(struct builder *b, size_t at, uint32_t line,
			  enum replay_kind kind, enum replay_call call);
struct replay_op *emit(struct builder *b, uint32_t line,
		       enum replay_kind kind, enum replay_call call);
void emit_range(struct builder *b, uint32_t line, enum replay_kind kind,
		uint64_t base, uint64_t size, int nid, const char *why);
void finish_header(struct builder *b);

/* tools/replay_start.c: what the log cannot show */
int start_state(struct builder *b);
void set_nodes_from_start(struct builder *b, uint32_t line);

static inline bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

#endif /* TOOLS_REPLAY_BUILD_H */
