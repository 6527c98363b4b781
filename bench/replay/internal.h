/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef REPLAY_INTERNAL_H
#define REPLAY_INTERNAL_H

/* What the files of replay/ share with each other and with nobody else. */

#include <setjmp.h>

#include "bench/replay/replay.h"

/* The six combinations, update outer as in the benchmark's table... */
#define REPLAY_COMBOS	(MEMBLOCK_FIND_NR * MEMBLOCK_UPDATE_NR)
/* ... and the reference: linear/linear with the gap index's footprint. */
#define REPLAY_REF	REPLAY_COMBOS
#define REPLAY_RUNS	(REPLAY_COMBOS + 1)

/* Why a result differs from the kernel's. */
enum replay_reason {
	RR_NONE,		/* nothing explains it: a bug to fix */
	RR_GAPTREE_POOL,	/* the gap index's pool is a reservation */
	RR_RETRY_ORDER,		/* 4.12 and 6.1 retry in another order */
	RR_EXACT_NID,		/* 6.1's _exact_nid_ does not fall back */
	RR_NR
};

/* What differs. */
enum replay_what {
	RW_ADDRESS,		/* an allocation's address */
	RW_DOUBLING,		/* where (or whether) an array was doubled */
	RW_CHECKPOINT,		/* the arrays against a MEMBLOCK configuration */
	RW_DISAGREE,		/* a combination against linear/linear */
};

struct replay_mismatch {
	uint32_t op;		/* index in the list */
	uint8_t run;		/* combination */
	uint8_t what;		/* enum replay_what */
	uint8_t reason;		/* enum replay_reason */
	uint8_t type;		/* checkpoints: 0 memory, 1 reserved, 2 counts */
	uint32_t index;		/* checkpoints: the first region that differs */
	uint64_t got, got_size;
	uint64_t want, want_size;
};

/* An allocation the kernel got 0 from: where it would have failed. */
struct replay_failure {
	uint32_t op;
	uint8_t reserve_failed;	/* it found memory, but could not reserve it */
};

/* Reservations (and frees) that failed, grouped by caller. */
#define REPLAY_GROUPS	16
struct replay_group {
	uint32_t caller;	/* string */
	uint32_t kind;		/* enum replay_kind */
	uint32_t count, first, last;	/* ops */
};

struct replay_run_result {
	enum memblock_find_strategy find;
	enum memblock_update_strategy update;
	uint64_t cost[RC_NR];	/* summed over the calls of each type */
	uint64_t cost_min[RC_NR], cost_median[RC_NR], cost_max[RC_NR];
	uint64_t total;		/* every call the log shows */
	uint64_t all_min, all_median, all_max;	/* per call, over them all */
	uint32_t mismatches, unexplained;
	unsigned long peak_reserved;
	bool stopped;		/* a refusal stopped it at stop_op */
	uint32_t stop_op;
	char stop_msg[160];
};

struct replay_engine {
	const struct replay_list *list;
	const struct replay_config *cfg;
	uint32_t nr_ops;
	uint32_t calls[RC_NR];
	uint64_t overhead;	/* of one counter read, subtracted */
	bool have_ref;		/* a reference run was needed and made */
	/*
	 * per op: linear/linear's result, the reference's (and where it
	 * doubled an array), this run's cost
	 */
	uint64_t *base_result, *ref_result, *ref_doubled, *cost, *sorted;
	struct replay_mismatch *mismatches;
	uint32_t nr_mismatches, cap_mismatches, dropped_mismatches;
	struct replay_failure failures[8];
	uint32_t nr_failures;
	struct replay_group groups[REPLAY_GROUPS];
	uint32_t nr_groups, ungrouped;
	struct replay_run_result runs[REPLAY_RUNS];
	/* the run in progress */
	int run;
	uint32_t op;
	bool resize_allowed;
	uint32_t messages;	/* mm/'s output during linear/linear */
	char first_message[160];
	jmp_buf stop;
};

extern struct replay_engine replay_eng;

/* replay/chains.c: the allocation chains, 4.12's and 6.1's. */
struct replay_request {
	phys_addr_t size, align, min_addr, max_addr;
	int nid;
	bool exact_nid;
	bool drop_min;		/* retries without min_addr (the virt chain) */
};

void replay_request_of(const struct replay_op *op, int nid,
		       struct replay_request *rq);
phys_addr_t replay_alloc_412(const struct replay_op *op,
			     const struct replay_request *rq);
phys_addr_t replay_predict(const struct replay_op *op,
			   const struct replay_request *rq, bool linux61,
			   phys_addr_t *first);

/* replay/check.c: after each call */
struct prediction {
	phys_addr_t linux412, linux61, first;
	bool would_fail;
};

struct array_state {
	unsigned long memory_max, reserved_max;
};

bool replay_is_gaptree(int run);
void replay_predict_all(const struct replay_op *op,
			const struct replay_request *rq, struct prediction *p);
void replay_check_alloc(const struct replay_op *op, uint64_t got,
			const struct prediction *p);
void replay_note_failed_update(const struct replay_op *op);
void replay_check_doubling(const struct replay_op *op,
			   const struct array_state *before);
void replay_check_agreement(uint64_t got);
uint32_t replay_step_check(const struct replay_op *op);

/* replay/scratch.c: __va()/__pa() for the replayed memblock. */
void replay_scratch_init(void *mem, size_t bytes);
void replay_scratch_reset(void);
__attribute__((noreturn)) void replay_stop(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* replay/report.c */
void replay_report(void);
const char *replay_run_name(int run);

#endif /* REPLAY_INTERNAL_H */
