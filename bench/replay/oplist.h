/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef REPLAY_OPLIST_H
#define REPLAY_OPLIST_H

/*
 * A kernel's memblock=debug log as a list of operations: what the host
 * tool (tools/replay_log.c) makes of the text and the device tree, and
 * what the replay engine (replay/engine.c) runs, on the host or in the
 * payload.  The payload gets it as one blob (QEMU -initrd) and parses no
 * text: header, then nr_ops fixed-size records, then a string table.
 * Every field is little-endian, as both ends are.
 *
 * An op is either a call the log shows (memblock_reserve, an allocation
 * request with the reservation that served it, ...) or a step the replay
 * rebuilds because the log cannot show it (memory added before
 * memblock=debug took effect, node ids, memblock_allow_resize(), ...), or
 * a checkpoint: a MEMBLOCK configuration dump to compare with.
 */

#include <stddef.h>
#include <stdint.h>

#define REPLAY_MAGIC		"MBREPLAY"
#define REPLAY_VERSION		1
/* NODE_DATA's node is the how-manieth of at most this many. */
#define REPLAY_NODES_MAX	64
/* The largest scratch window an op list may ask for. */
#define REPLAY_SCRATCH_MAX	(1ULL << 30)

/* What the engine does for an op. */
enum replay_kind {
	/* the log's calls */
	RK_ADD = 1,		/* memblock_add(base, size) */
	RK_ADD_NODE,		/* memblock_add_node(base, size, nid) */
	RK_REMOVE,		/* memblock_remove(base, size) */
	RK_RESERVE,		/* memblock_reserve(base, size) */
	RK_FREE,		/* 4.12's memblock_free(base, size): physical */
	RK_FREE_LATE,		/* to the page allocator: memblock unchanged */
	RK_ALLOC_RANGE,		/* memblock_phys_alloc_range(size, align, base, max) */
	RK_ALLOC_VIRT,		/* 4.12's memblock_virt_alloc_try_nid_nopanic chain */
	RK_ALLOC_NODE_DATA,	/* unlogged memblock_phys_alloc_try_nid(): NODE_DATA */
	/* steps the replay rebuilds */
	RK_SET_NODE,		/* memblock_set_node(base, size, &memory, nid) */
	RK_MARK_NOMAP,		/* memblock_mark_nomap(base, size) */
	RK_ALLOW_RESIZE,	/* memblock_allow_resize() */
	/* a MEMBLOCK configuration dump: header, then one op per region */
	RK_CHECK,		/* base: memory.cnt, size: reserved.cnt, align: memory
				 * size, max_addr: reserved size */
	RK_CHECK_MEMORY,	/* base, size, nid, align: flags */
	RK_CHECK_RESERVED,
	/* where the kernel's log says it stopped (Oops, panic): caller = text */
	RK_STOP,
	RK_NR
};

/* What the log calls it: the rows of the report. */
enum replay_call {
	RC_REBUILT,		/* not a call the log shows */
	RC_ADD,			/* memblock_add */
	RC_ADD_NODE,		/* memblock_add_node (6.1) */
	RC_REMOVE,		/* memblock_remove */
	RC_RESERVE,		/* memblock_reserve */
	RC_FREE,		/* memblock_free (4.12: physical) */
	RC_PHYS_FREE,		/* memblock_phys_free (6.1) */
	RC_FREE_LATE,		/* memblock_free_late (6.1) */
	RC_FREE_LATE_412,	/* __memblock_free_late (4.12) */
	RC_FREE_EARLY_412,	/* __memblock_free_early (4.12) */
	RC_PHYS_ALLOC_RANGE,	/* memblock_phys_alloc_range (6.1) */
	RC_ALLOC_TRY_NID,	/* memblock_alloc_try_nid (6.1) */
	RC_ALLOC_TRY_NID_RAW,	/* memblock_alloc_try_nid_raw (6.1) */
	RC_ALLOC_EXACT_NID_RAW,	/* memblock_alloc_exact_nid_raw (6.1) */
	RC_VIRT_ALLOC_TRY_NID,	/* memblock_virt_alloc_try_nid (4.12) */
	RC_VIRT_ALLOC_NOPANIC,	/* memblock_virt_alloc_try_nid_nopanic (4.12) */
	RC_VIRT_ALLOC_RAW,	/* memblock_virt_alloc_try_nid_raw (4.16 to 4.20) */
	RC_NODE_DATA,		/* memblock_phys_alloc_try_nid, not logged */
	RC_UNLOGGED_ALLOC,	/* an allocator's reservation with no request */
	RC_NR
};

/* Op flags. */
#define RF_EXACT_NID		0x01	/* 6.1: no fallback to other nodes */
#define RF_DOUBLES_MEMORY	0x02	/* the log doubles memory here, at doubled_at */
#define RF_DOUBLES_RESERVED	0x04	/* ... the reserved array */
#define RF_DOUBLE_FAILED	0x08	/* "Failed to double" */
#define RF_NOLEAKTRACE		0x10	/* max_addr was 6.1's MEMBLOCK_ALLOC_NOLEAKTRACE */
#define RF_SIZE_ZERO		0x20	/* a range op printed with end = base - 1 */
#define RF_ALL			0x3f

/* List flags (replay_header.flags). */
#define RL_FORMAT_412		0x01	/* the log is in Linux 4.12's format */
#define RL_HAS_DOUBLING		0x02	/* some op has RF_DOUBLES_* */
#define RL_FORMAT_61		0x04	/* ... in Linux 6.1's (both: a mix) */

struct replay_header {
	char magic[8];		/* REPLAY_MAGIC, no NUL */
	uint32_t version;	/* REPLAY_VERSION */
	uint32_t header_bytes;	/* sizeof(struct replay_header) */
	uint32_t op_bytes;	/* sizeof(struct replay_op) */
	uint32_t nr_ops;
	uint32_t strings_bytes;	/* the string table after the ops */
	uint32_t flags;		/* RL_* */
	uint32_t log_lines;	/* lines in the log */
	uint32_t name;		/* string: the log's name */
	uint32_t start;		/* string: how the start state was rebuilt */
	uint32_t not_replayed;	/* string: memblock lines left out, or "" */
	uint64_t scratch_bytes;	/* the scratch window this list may need */
};

struct replay_op {
	uint32_t line;		/* in the log, from 1; 0: no line */
	uint16_t kind;		/* enum replay_kind */
	uint16_t call;		/* enum replay_call */
	uint32_t flags;		/* RF_* */
	int32_t nid;		/* node; NODE_DATA: the how-manieth node */
	uint32_t caller;	/* string: the caller as printed, or "" */
	uint32_t attempts;	/* requests: reservations the log shows */
	uint64_t base;		/* range; requests: from (min_addr) */
	uint64_t size;
	uint64_t align;
	uint64_t max_addr;	/* requests: as 4.12 takes it */
	uint64_t expect;	/* requests: the last reservation's base */
	uint64_t first_attempt;	/* requests: the first reservation's base */
	uint64_t doubled_at;	/* where the log's doubled array went */
};

struct replay_list {
	const struct replay_header *hdr;
	const struct replay_op *ops;
	const char *strings;
};

/**
 * replay_list_open - check a blob and point @list into it
 * @blob: the bytes
 * @bytes: how many
 * @list: out
 * @why: out: what is wrong, when it is
 *
 * Everything the engine will read is checked here: the header, the sizes,
 * each op's kind, call, flags and string offsets, a string table that
 * ends in NUL, checkpoint runs that are complete.
 *
 * Return: 0, or -1 with *@why set.
 */
int replay_list_open(const void *blob, size_t bytes, struct replay_list *list,
		     const char **why);

/* A string of the table (checked by replay_list_open()). */
static inline const char *replay_str(const struct replay_list *l, uint32_t off)
{
	return l->strings + off;
}

/* The names the log uses, for the report. */
const char *replay_call_name(enum replay_call call);
/* Is @kind an allocation request? */
int replay_kind_allocates(enum replay_kind kind);

#endif /* REPLAY_OPLIST_H */
