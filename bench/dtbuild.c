// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dtbuild: memblock built from nothing as a device tree describes it, one
 * large bank, then N - 1 small banks each with one reservation, added in
 * ascending order as device trees list them: call 2k is memblock_add() of
 * bank k, call 2k + 1 memblock_reserve() of its reservation, 2N calls.
 * Bank 0 is half the area (less 64 KiB, so that bank 1 does not touch
 * it); banks 1..N-1 share the rest, half a slot each.
 *
 * Two ops on it:
 *  build  the last samples' calls are timed; the calls before them build
 *         the same arrays untimed, with the binary update path (4.12's
 *         would take O(N^2) to get there).  The steady cost of one call.
 *  whole  every one of the 2N calls is timed, under the combination's own
 *         update path from the first: the mean and the total of a whole
 *         build, and each array doubling's cost (the harness reports the
 *         calls that doubled an array on their own).
 */

#include "bench/layout.h"

static struct {
	phys_addr_t lo, half, slot;
	unsigned long n, first_timed;
} dt;

static phys_addr_t dtbuild_call(unsigned long c)
{
	unsigned long k = c / 2;
	phys_addr_t base, size;

	if (k == 0) {
		base = dt.lo;
		size = dt.half - 0x10000;
	} else {
		base = dt.lo + dt.half + (k - 1) * dt.slot;
		size = (dt.slot / 2) & ~(phys_addr_t)63;
	}
	if (c % 2 == 0)
		return (phys_addr_t)memblock_add(base, size);
	return (phys_addr_t)memblock_reserve(base + 64, 64);
}

static unsigned long dtbuild_max_samples(unsigned long n)
{
	return 2 * n;
}

static const char *build_dtbuild(unsigned long n, unsigned int samples,
				 const struct bench_area *area)
{
	phys_addr_t len = area->hi - area->lo;

	dt.lo = area->lo;
	dt.half = (len / 2) & ~(phys_addr_t)0xffff;
	dt.n = n;
	dt.slot = n > 1 ? ((len - dt.half) / (n - 1)) & ~(phys_addr_t)63 : 0;
	if (n > 1 && dt.slot < 256)
		return why("banks of %llu B, under 256 B: no room for a bank with a reservation apart from its ends",
			   (unsigned long long)dt.slot);
	dt.first_timed = 2 * n - samples;

	memblock_reset();
	memblock_allow_resize();
	for (unsigned long c = 0; c < dt.first_timed; c++)
		if (dtbuild_call(c))
			return why("call %lu of the untimed part of the build failed",
				   c);
	return NULL;
}

/*
 * After the last call: n memory regions, each holding its own reservation
 * (besides those, memblock reserves its doubled arrays).
 */
static const char *check_dtbuild_end(unsigned long n)
{
	unsigned long own = 0;

	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		phys_addr_t at = memblock.memory.regions[i].base + 64;
		int r = memblock_search(&memblock.reserved, at);

		own += r >= 0 && memblock.reserved.regions[r].base == at &&
		       memblock.reserved.regions[r].size == 64;
	}
	if (memblock.memory.cnt != n || own != n)
		return why("the build left %lu memory regions, %lu with their own reservation, not %lu",
			   memblock.memory.cnt, own, n);
	return NULL;
}

static phys_addr_t dtbuild_timed(unsigned int i)
{
	return dtbuild_call(dt.first_timed + i);
}

static const struct workload_op dtbuild_ops[] = {
	{ "build", NULL, dtbuild_timed, NULL, 0 },
	{ "whole", NULL, dtbuild_timed, NULL, OP_EVERY_CALL },
};

const struct workload bench_dtbuild = {
	"dtbuild", build_dtbuild, NULL, check_dtbuild_end, dtbuild_ops,
	sizeof(dtbuild_ops) / sizeof(dtbuild_ops[0]), dtbuild_max_samples,
};
