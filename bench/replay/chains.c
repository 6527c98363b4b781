// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The allocation chains a replayed request goes through, and what they
 * would return.
 *
 * A request is tried as a sequence of searches, each with a lower bound,
 * a node and memory flags, until one finds memory that it can reserve.
 * Linux 4.12 and 6.1 differ only in that order:
 *
 *   4.12 memblock_virt_alloc_internal():  the node, then any node: with
 *        min_addr and mirror, then without min_addr, then without mirror
 *        either (min_addr is not restored);
 *   6.1  memblock_alloc_internal():       for min_addr, then 0: for
 *        mirror, then not: the node, then (unless exact_nid) any node;
 *   4.12 memblock_alloc_try_nid() (NODE_DATA): the node with mirror, the
 *        node, then any node without;
 *   6.1  memblock_phys_alloc_try_nid():   for mirror, then not: the node,
 *        then any node;
 *   memblock_phys_alloc_range(): any node, mirror then not, in both.
 *
 * The orders agree unless some memory is mirrored or a search fails, so
 * in a plain boot both give the kernel's address; when they do not, the
 * engine names the difference (replay_predict() tells it which order
 * gives what).
 *
 * replay_alloc_412() runs the 4.12 chain: mm/'s own calls where 4.12 has
 * a physical one, and for the virt family 4.12's steps from mm/'s public
 * find and reserve, without the memset() that zeroes the block (the
 * replay writes nothing of the replayed machine's memory; tests/replay_unit
 * checks these steps against mm/'s memblock_virt_alloc_try_nid_nopanic()).
 */
#include "bench/replay/internal.h"

#define STEPS_MAX	8

struct step {
	phys_addr_t min_addr;
	int nid;
	ulong flags;
};

static int add(struct step *s, int n, phys_addr_t min_addr, int nid,
	       ulong flags)
{
	s[n] = (struct step){ min_addr, nid, flags };
	return n + 1;
}

/* The searches of @rq, in 4.12's order or 6.1's. Return: how many. */
static int steps_of(const struct replay_op *op, const struct replay_request *rq,
		    bool linux61, struct step *s)
{
	ulong first = choose_memblock_flags();	/* 4.12's, and 6.1's */
	bool other = rq->nid != NUMA_NO_NODE && !(linux61 && rq->exact_nid);
	phys_addr_t m = rq->min_addr;
	ulong f = first;
	int n = 0;

	if (op->kind == RK_ALLOC_NODE_DATA && !linux61) {
		/* memblock_alloc_nid(), then __memblock_alloc_base() */
		n = add(s, n, 0, rq->nid, first);
		if (first)
			n = add(s, n, 0, rq->nid, MEMBLOCK_NONE);
		return add(s, n, 0, NUMA_NO_NODE, MEMBLOCK_NONE);
	}
	if (linux61 || !rq->drop_min) {
		/* for min_addr, then 0: mirror, then not */
		for (int i = 0; i < (rq->drop_min && m ? 2 : 1); i++)
			for (f = first;; f = MEMBLOCK_NONE) {
				n = add(s, n, i ? 0 : m, rq->nid, f);
				if (other)
					n = add(s, n, i ? 0 : m, NUMA_NO_NODE, f);
				if (f == MEMBLOCK_NONE)
					break;
			}
		return n;
	}
	/* 4.12: min_addr dropped first, and not restored without mirror */
	for (;;) {
		n = add(s, n, m, rq->nid, f);
		if (other)
			n = add(s, n, m, NUMA_NO_NODE, f);
		if (m)
			m = 0;
		else if (f != MEMBLOCK_NONE)
			f = MEMBLOCK_NONE;
		else
			return n;
	}
}

void replay_request_of(const struct replay_op *op, int nid,
		       struct replay_request *rq)
{
	rq->size = op->size;
	rq->align = op->align ? op->align : SMP_CACHE_BYTES;
	rq->min_addr = op->kind == RK_ALLOC_NODE_DATA ? 0 : op->base;
	rq->max_addr = op->kind == RK_ALLOC_NODE_DATA ?
		       MEMBLOCK_ALLOC_ACCESSIBLE : op->max_addr;
	rq->nid = op->kind == RK_ALLOC_RANGE || nid == MAX_NUMNODES ?
		  NUMA_NO_NODE : nid;
	rq->exact_nid = op->flags & RF_EXACT_NID;
	rq->drop_min = op->kind == RK_ALLOC_VIRT;
	/* both virt chains cap @max_addr at the current limit */
	if (op->kind == RK_ALLOC_VIRT &&
	    rq->max_addr > memblock_get_current_limit())
		rq->max_addr = memblock_get_current_limit();
}

static phys_addr_t find(const struct replay_request *rq, const struct step *s)
{
	return memblock_find_in_range_node(rq->size, rq->align, s->min_addr,
					   rq->max_addr, s->nid, s->flags);
}

/**
 * replay_predict - what a chain would return, if its reservations succeed
 * @op: the request
 * @rq: its arguments (replay_request_of())
 * @linux61: 6.1's order rather than 4.12's
 * @first: out: what the first search finds (0: nothing), may be NULL
 *
 * Searches only: memblock is left as it is.
 *
 * Return: the first address a search finds, or 0.
 */
phys_addr_t replay_predict(const struct replay_op *op,
			   const struct replay_request *rq, bool linux61,
			   phys_addr_t *first)
{
	struct step s[STEPS_MAX];
	int n = steps_of(op, rq, linux61, s);
	phys_addr_t found = 0;

	if (first)
		*first = 0;
	if (!rq->size)
		return 0;
	for (int i = 0; i < n && !found; i++) {
		found = find(rq, &s[i]);
		if (i == 0 && first)
			*first = found;
	}
	return found;
}

/* 4.12's memblock_virt_alloc_internal(), from public calls, no memset. */
static phys_addr_t virt_alloc(const struct replay_op *op,
			      const struct replay_request *rq)
{
	struct step s[STEPS_MAX];
	int n = steps_of(op, rq, false, s);

	if (!rq->size)		/* 4.12 would reserve nothing; mm/ refuses */
		return 0;
	for (int i = 0; i < n; i++) {
		phys_addr_t found = find(rq, &s[i]);

		if (found && !memblock_reserve(found, rq->size))
			return found;
	}
	return 0;
}

/**
 * replay_alloc_412 - run a request as Linux 4.12 would
 * @op: the request
 * @rq: its arguments
 *
 * Return: the block's physical address, or 0.
 */
phys_addr_t replay_alloc_412(const struct replay_op *op,
			     const struct replay_request *rq)
{
	phys_addr_t got;

	switch (op->kind) {
	case RK_ALLOC_RANGE:
		return memblock_phys_alloc_range(rq->size, rq->align,
						 rq->min_addr, rq->max_addr);
	case RK_ALLOC_NODE_DATA:
		/* 4.12's memblock_alloc_try_nid(), without its panic */
		got = memblock_alloc_nid(rq->size, rq->align, rq->nid);
		return got ? got : __memblock_alloc_base(rq->size, rq->align,
						MEMBLOCK_ALLOC_ACCESSIBLE);
	default:
		return virt_alloc(op, rq);
	}
}
