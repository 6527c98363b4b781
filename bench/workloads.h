/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef BENCH_WORKLOADS_H
#define BENCH_WORKLOADS_H

#include "mm/memblock.h"

/* Free RAM the cases may describe and reserve: [lo, hi). */
struct bench_area {
	phys_addr_t lo, hi;
};

/*
 * One measured operation of a workload.  Sample i runs prepare(i) and
 * after(i) outside the timed region and timed(i) inside it; what timed(i)
 * returns must be the same under every strategy combination.
 */
struct workload_op {
	const char *name;
	void (*prepare)(unsigned int i);
	phys_addr_t (*timed)(unsigned int i);
	void (*after)(unsigned int i);
	unsigned int flags;
};

/*
 * OP_EVERY_CALL: every call of the workload's build is a sample (dtbuild's
 * whole build: max_samples(n) of them, none discarded, each array
 * doubling reported on its own), instead of warm-up samples and then the
 * samples, the first call reported on its own.
 */
#define OP_EVERY_CALL	0x1

struct workload {
	const char *name;
	/*
	 * Build the state for @n regions (outside the timed region), for a
	 * run of @samples samples of one op.  Return: NULL, or one line
	 * saying why this N does not fit the area (the case is skipped).
	 */
	const char *(*build)(unsigned long n, unsigned int samples,
			     const struct bench_area *area);
	/*
	 * Is the state just built what the workload's name says, at this N
	 * and in this memory?  NULL if so, else one line saying why not.
	 * check_end does the same on the state after the last sample.
	 */
	const char *(*check)(unsigned long n, unsigned int samples);
	const char *(*check_end)(unsigned long n);
	const struct workload_op *ops;
	unsigned int nr_ops;
	/* Most samples a case can have (dtbuild: 2n calls); 0: no limit. */
	unsigned long (*max_samples)(unsigned long n);
};

extern const struct workload *const bench_workloads[];
extern const unsigned int bench_nr_workloads;

/* Workloads defined in their own files, listed in bench_workloads[]. */
extern const struct workload bench_dtbuild;
extern const struct workload bench_pair_limit, bench_pair_frag, bench_lifo;

/* The state every case but dtbuild starts from: memblock as booted. */
int bench_boot_state_save(void);
void bench_boot_state_restore(void);
void bench_boot_state_release(void);
struct bench_area bench_boot_area(void);

#endif /* BENCH_WORKLOADS_H */
