// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the input bytes are the choices of one differential
 * sequence (tests/model/driver.c): which universe, which settings, then
 * operation after operation, each with its arguments, until the bytes run
 * out.  The sequence runs under every find/update strategy combination and
 * must match the reference model, and the first combination, after every
 * step; any difference aborts with the step and what differed.
 *
 *   make fuzz FUZZ_SECONDS=60
 *   build/host/fuzz_memblock crash-<sha>      replay one input
 *
 * tests/fuzz/corpus/ holds the seeds: seed-* are fixed pseudo-random byte
 * strings of 64 bytes to 4 KiB; found-* are a sample (every 9th) of what a
 * few minutes of fuzzing found, merged with -merge=1.
 */

#include <stdio.h>
#include <stdlib.h>

#include "driver.h"
#include "ht.h"

#define FUZZ_MAX_STEPS 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct drv d;
	static bool ready;
	static uint64_t digests[2][FUZZ_MAX_STEPS + 1];
	bool recorded[2] = { false, false };

	if (!ready) {
		drv_init(&d);
		ready = true;
		if (getenv("FUZZ_TRACE"))
			d.trace = true;
	}
	for (int c = 0; c < ht_combo_count(); c++) {
		struct drv_src src;

		int class;

		drv_src_bytes(&src, data, size);
		d.footprint = size & 1;
		d.gaptree_build_after = size & 2 ? 8 : 0;
		class = drv_state_class(&d, c);
		if (!drv_run(&d, &src, -1, c, FUZZ_MAX_STEPS, digests[class],
			     !recorded[class])) {
			fprintf(stderr, "fuzz_memblock: %s: %s\n", ht_combo_name(c),
				d.why);
			fprintf(stderr, "replay with FUZZ_TRACE=1 to print the sequence as C\n");
			fflush(stdout);
			abort();
		}
		recorded[class] = true;
		if (c == 0 && !d.step)
			break;	/* too short to do anything */
		d.trace = false;	/* one trace is enough */
	}
	return 0;
}
