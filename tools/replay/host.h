/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TOOLS_REPLAY_HOST_H
#define TOOLS_REPLAY_HOST_H

/*
 * The host side of the replay (issue 12): a memblock=debug log and the
 * device tree it booted with, turned into an op list (replay/oplist.h).
 *
 *   tools/replay_line.c  one log line -> one event (what it says)
 *   tools/replay_log.c   the events, in order -> ops, with the start
 *                        state rebuilt and every request paired with the
 *                        reservation that served it
 *   tools/replay_dtb.c   memory, no-map and node ids from the tree
 *   tools/replay.c       the program
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bench/replay/oplist.h"

/* ---- One line of the log (tools/replay_line.c) ---- */

enum event_type {
	EV_NONE,		/* nothing the replay needs */
	EV_RANGE,		/* memblock_reserve: [a-b] caller, and the like */
	EV_REQUEST,		/* an allocation request */
	EV_DOUBLED,		/* memblock: reserved is doubled to N at [a-b] */
	EV_DOUBLE_FAILED,	/* memblock: Failed to double ... */
	EV_MIRROR,		/* Could not allocate ... mirrored memory */
	EV_DUMP,		/* MEMBLOCK configuration: */
	EV_DUMP_SIZES,		/*  memory size = .. reserved size = .. */
	EV_DUMP_CNT,		/*  memory.cnt  = 0x1 */
	EV_DUMP_REGION,		/*  memory[0x0]	[a-b], s bytes on node n flags: f */
	EV_NUMA_SET,		/* NUMA: Faking a node / Adding memblock */
	EV_NODE_DATA,		/* NUMA: NODE_DATA [mem a-b] */
	EV_IGNORED,		/* OF: fdt: Ignoring memory range a - b */
	EV_CMDLINE,		/* Kernel command line: ... */
	EV_STOP,		/* Oops, Kernel panic, ... */
	EV_OTHER,		/* another memblock line: not replayed */
};

struct event {
	enum event_type type;
	enum replay_call call;	/* EV_RANGE, EV_REQUEST */
	bool has_time;
	uint64_t time_us;	/* the printk timestamp */
	uint64_t base, size;	/* ranges: size from [base-end] */
	uint64_t align, max_addr;
	int64_t nid;		/* requests, add_node, NUMA lines, dump */
	uint64_t flags;		/* add_node, dump */
	int dump_type;		/* 0 memory, 1 reserved, 2 another */
	uint64_t count;		/* dump: cnt or index; doubled: entries */
	const char *caller;	/* points into the line buffer */
	const char *text;	/* EV_OTHER: the name; EV_STOP, EV_CMDLINE: text */
};

/*
 * Read @line (NUL-terminated, written to: the caller's text is cut out of
 * it).  Return: 0, or -1 with @why set when the line names a memblock
 * call but does not read as one (garbled or cut).
 */
int replay_read_line(char *line, struct event *ev, const char **why);

/* ---- The tree (tools/replay_dtb.c) ---- */

struct dtb_range {
	uint64_t base, size;
	int nid;		/* numa-node-id, or -1 */
};

struct dtb_info {
	struct dtb_range *memory;	/* /memory reg (or linux,usable-memory) */
	size_t nr_memory;
	struct dtb_range *nomap;	/* /reserved-memory children with no-map */
	size_t nr_nomap;
};

/* Return: 0, or -1 with a message in @err. */
int replay_read_dtb(const void *blob, size_t bytes, struct dtb_info *info,
		    char *err, size_t errlen);
void replay_free_dtb(struct dtb_info *info);

/* ---- The whole log (tools/replay_log.c) ---- */

struct replay_input {
	const char *name;	/* the log's name in the report */
	char *log;		/* its text (written to), NUL-terminated */
	size_t log_bytes;
	const struct dtb_info *dtb;	/* or NULL */
};

struct replay_output {
	struct replay_op *ops;
	size_t nr_ops, cap_ops;
	char *strings;
	size_t strings_bytes, cap_strings;
	struct replay_header hdr;
};

/*
 * Turn the log into ops.  Return: 0, or -1 with one message in @err that
 * names the line ("line N: ...").
 */
int replay_build(const struct replay_input *in, struct replay_output *out,
		 char *err, size_t errlen);
/* The list as one blob (malloc'd), as replay_list_open() reads it. */
void *replay_blob(const struct replay_output *out, size_t *bytes);
void replay_free_output(struct replay_output *out);

#endif /* TOOLS_REPLAY_HOST_H */
