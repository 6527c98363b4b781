// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the input bytes are the choices of one differential
 * sequence (tests/model/driver.c): which find/update strategy combination,
 * whether every strategy keeps the gap index's pool (the footprint), when
 * the index is built, which universe, which settings, then operation after
 * operation, each with its arguments, until the bytes run out.  mm/ must
 * match the reference model (driver.h lists what is compared); any
 * difference aborts with the step and what differed.
 *
 *   make fuzz-mm FUZZ_SECONDS=60
 *   build/host/fuzz_memblock crash-<sha>                replay one input
 *   FUZZ_TRACE=1 build/host/fuzz_memblock crash-<sha>   ... printed as C
 *
 * Speed (issue 9), against the 10-15 inputs a second this target once ran:
 *  - one combination per input, not all six: the fuzzer reaches each
 *    through the first byte, and each is checked against the model, which
 *    is what diff's six-way digest comparison adds to;
 *  - the model and the driver's checks carry no coverage instrumentation;
 *  - inside a burst of small adds and reserves (drawn from a PRNG the input
 *    seeds) the whole state is compared once, at the burst's end; return
 *    values still at every step, and FUZZ_TRACE=1 compares every step;
 *  - a sequence runs at most FUZZ_MAX_STEPS operations, a burst at most
 *    220, and `make fuzz-mm` tries inputs of up to FUZZ_MAX_LEN bytes;
 *  - no compare tracing (tests/host.mk says why).
 * The README gives the rate.
 *
 * tests/fuzz/corpus/ holds the seeds: seed-* are fixed pseudo-random byte
 * strings of 64 bytes to 4 KiB; found-* are a sample of what fuzzing
 * found, merged with -merge=1.  `make test` replays them all.
 */

#include <stdio.h>
#include <stdlib.h>

#include "driver.h"
#include "ht.h"

/* as long as the longest sequence of tests/model/diff.c */
#define FUZZ_MAX_STEPS 1000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct drv d;
	static bool ready;
	struct drv_src src;
	int combo, opts;

	if (!ready) {
		drv_init(&d, drv_universes);
		ready = true;
		/* a traced replay checks every step, to name the first bad one */
		if (getenv("FUZZ_TRACE"))
			d.trace = true;
		else
			d.check_after_bursts = true;
	}
	drv_src_bytes(&src, data, size);
	combo = (int)drv_below(&src, (uint64_t)ht_combo_count());
	/* the gap index's pool under every strategy; its index built at the
	 * first search or once a walk passes 8 ranges */
	opts = (int)drv_below(&src, 4);
	d.footprint = opts & 1;
	d.gaptree_build_after = opts & 2 ? 8 : 0;
	if (!drv_run(&d, &src, -1, combo, FUZZ_MAX_STEPS, NULL)) {
		fprintf(stderr, "fuzz_memblock: %s%s, index after %lu ranges: %s\n",
			ht_combo_name(combo),
			d.footprint ? ", index footprint" : "",
			d.gaptree_build_after, d.why);
		fprintf(stderr, "replay with FUZZ_TRACE=1 to print the sequence as C\n");
		fflush(stdout);
		abort();
	}
	return 0;
}
