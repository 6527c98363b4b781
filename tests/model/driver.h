/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_MODEL_DRIVER_H
#define TESTS_MODEL_DRIVER_H

/*
 * The differential driver: generates operation sequences, runs each
 * operation on mm/ and on the reference model, and compares.  Shared by
 * the seeded differential test (tests/model/diff.c) and the libFuzzer
 * target (tests/fuzz/fuzz_memblock.c); they differ only in where the
 * random choices come from (struct drv_src).
 *
 * After every step: the return value (or the panic and its text) equals the
 * model's; both region arrays equal the model's derived regions (cnt, base,
 * size, flags, nid, total_size, max, and where a doubled array lives); the
 * structural invariants hold (ht_check_type); an address returned by a find
 * or an allocation is aligned, inside [max(start, PAGE_SIZE), end), inside
 * one usable memory region and was not reserved before.  Each step also
 * folds its result and both arrays byte for byte into a digest, so that the
 * same sequence run under each find/update strategy combination can be
 * compared step by step.
 */

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

/* Where choices come from: a PRNG, or the fuzzer's bytes. */
struct drv_src {
	uint64_t state;			/* PRNG state */
	const uint8_t *data;		/* fuzzer input, or NULL */
	size_t len, pos;
	bool exhausted;			/* the fuzzer input ran out */
};

void drv_src_seed(struct drv_src *s, uint64_t seed);
void drv_src_bytes(struct drv_src *s, const uint8_t *data, size_t len);
uint64_t drv_below(struct drv_src *s, uint64_t n);	/* [0, n) */

/* Universe kinds: the shapes of memory a sequence runs in. */
enum {
	DRV_BYTES,	/* 1 KiB at 0x80000000, 1-byte units: any size/align */
	DRV_UNITS,	/* 128 KiB at 0x80000000, 64-byte units */
	DRV_PAGE0,	/* 64 KiB at 0, 64-byte units: the first-page rule */
	DRV_RESIZE,	/* 256 KiB at 0x80000000, arrays may double */
	DRV_NR_KINDS,
};

struct drv {
	struct model m;
	int kind;
	int combo;
	unsigned long step;		/* steps done in this sequence */
	unsigned long max_steps;
	uint64_t digest;
	/*
	 * memblock_set_index_footprint() for the next drv_run(): with it,
	 * every combination reserves the gap index's pool and all six leave
	 * the same state; without it, only the gaptree ones do, and their
	 * state differs from the others' by the pool.
	 */
	bool footprint;
	/* memblock_set_gaptree_build_after() for the next drv_run() */
	unsigned long gaptree_build_after;
	bool trace;			/* print each op as C before running it */
	bool failed;
	char why[1024];
	/* statistics over the run */
	unsigned long ops, allocs_ok, allocs_failed, enomem, panics, doublings;
	unsigned long redoublings;	/* of an array already doubled */
	struct memblock_region *static_regions[MT_NR];
	struct model_range *scratch;
	size_t scratch_cap;
	struct model_range *regs[MT_NR];	/* model's regions, last check */
	size_t nregs[MT_NR];
	uint64_t last_hash[MT_NR];	/* mm/'s arrays when last compared */
	unsigned long last_gen[MT_NR];	/* the model's, likewise */
	unsigned long max_cnt;
	unsigned long burst;		/* small adds/reserves still to come */
	unsigned long burst_pos;
	int mapped_kind;		/* kind + 1 whose RAM window is mapped */	/* resize: the next unit a burst takes */
	unsigned long setup, setup_left;	/* memory described at the start */		/* most regions seen in one array */
};

void drv_init(struct drv *d);
void drv_destroy(struct drv *d);

/*
 * Run one sequence: draw its universe and settings from @src, then up to
 * @max_steps operations (fewer if @src is fuzzer bytes that run out).
 * @kind < 0 lets @src choose the universe.  If @digests is not NULL, the
 * digest after step i is stored in digests[i] (record) or compared with it
 * (!record).  Returns true if everything matched; d->why says what did not.
 */
bool drv_run(struct drv *d, struct drv_src *src, int kind, int combo,
	     unsigned long max_steps, uint64_t *digests, bool record);

/* Does combination @combo keep the gap index (find=gaptree)? */
bool drv_combo_has_index(int combo);

/*
 * Combinations whose states can be compared step by step: those that
 * reserve the gap index's pool (gaptree, or all with the footprint) and
 * those that do not.
 */
static inline int drv_state_class(const struct drv *d, int combo)
{
	return d->footprint || drv_combo_has_index(combo);
}

#endif /* TESTS_MODEL_DRIVER_H */
