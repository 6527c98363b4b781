/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_MODEL_DRIVER_H
#define TESTS_MODEL_DRIVER_H

/*
 * The differential driver: generates operation sequences, runs each
 * operation on mm/ and on the reference model, and compares.  The
 * operations are described in ops.c, one table entry each.  Shared by the
 * seeded differential test (tests/model/diff.c) and the libFuzzer target
 * (tests/fuzz/fuzz_memblock.c); they differ only in where the random
 * choices come from (struct drv_src).
 *
 * After every step: the values returned (or the panic and its text) equal
 * the model's; both region arrays equal the model's derived regions (cnt,
 * base, size, flags, nid, total_size, max, and where a doubled array
 * lives); the structural invariants hold (ht_check_type); an address
 * returned by a find or an allocation is aligned, inside [max(start,
 * PAGE_SIZE), end), inside one usable memory region and was not reserved
 * before.  Where the model says Linux 4.12 stops (its BUG_ON when a doubled
 * array cannot be reserved), mm/ must panic there with its message, and the
 * sequence ends.  Each step also folds its result and both arrays byte for
 * byte into a digest, so that the same sequence run under each find/update
 * strategy combination can be compared step by step.
 */

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "ops.h"

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
	DRV_BYTES,	/* 1-byte units: any size and alignment */
	DRV_UNITS,	/* 64-byte units */
	DRV_PAGE0,	/* from address 0: the first-page rule */
	DRV_RESIZE,	/* arrays may double: room for them at the top */
	DRV_NR_KINDS,
};

/*
 * The differential test's universes: 1 KiB of 1-byte units, 128 KiB and
 * 64 KiB (at 0) of 64-byte units, 256 KiB of 64-byte units to resize in.
 */
extern const struct model_cfg drv_universes[DRV_NR_KINDS];

struct drv {
	const struct model_cfg *universes;	/* one per kind */
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
	/*
	 * Compare the whole state once after a burst of small adds and
	 * reserves rather than after each of them (their returns are still
	 * compared each step): the fuzzer's speed.  Off, a difference is
	 * reported at the very step it appears.
	 */
	bool check_after_bursts;
	bool failed;
	bool halted;			/* ended where Linux stops (BUG_ON) */
	char why[1024];
	/* statistics over the run */
	unsigned long ops, allocs_ok, allocs_failed, enomem, panics, doublings;
	unsigned long redoublings;	/* of an array already doubled */
	unsigned long halts;		/* sequences that ended at a BUG_ON */
	unsigned long max_cnt;		/* most regions seen in one array */
	/* what the last operation did, on mm/ and on the model */
	struct outcome got, want;
	struct memblock_region *static_regions[MT_NR];
	struct model_range *scratch;
	size_t scratch_cap;
	struct model_range *regs[MT_NR];	/* model's regions, last check */
	size_t nregs[MT_NR];
	uint64_t last_hash[MT_NR];	/* mm/'s arrays when last compared */
	unsigned long last_gen[MT_NR];	/* the model's, likewise */
	unsigned long burst;		/* small adds/reserves still to come */
	unsigned long burst_pos;	/* resize: the next unit a burst takes */
	struct drv_src burst_src;	/* fuzzer bytes: the burst's choices */
	unsigned long setup, setup_left;	/* memory described at the start */
	int mapped_kind;		/* kind + 1 whose RAM window is mapped */
};

/* @universes: one per kind, e.g. drv_universes. */
void drv_init(struct drv *d, const struct model_cfg *universes);
void drv_destroy(struct drv *d);

/*
 * The digests of one sequence after each step, recorded under the first
 * combination of a state class (drv_state_class()) and compared with under
 * the others.  @v has room for the sequence's steps.
 */
struct drv_digests {
	uint64_t *v;
	unsigned long len;		/* steps recorded */
	bool recorded;
};

/*
 * Run one sequence: draw its universe and settings from @src, then up to
 * @max_steps operations (fewer if @src is fuzzer bytes that run out, or
 * where Linux would stop).  @kind < 0 lets @src choose the universe.  With
 * @dg, the digest after each step is recorded in it (the first time) or
 * compared with it, and the sequence must run exactly as many steps.
 * Returns true if everything matched; d->why says what did not.
 */
bool drv_run(struct drv *d, struct drv_src *src, int kind, int combo,
	     unsigned long max_steps, struct drv_digests *dg);

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
