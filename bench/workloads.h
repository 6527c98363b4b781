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
};

struct workload {
	const char *name;
	/*
	 * Build the state for @n regions (outside the timed region), for a
	 * run of @samples samples of one op.  Return: false if @area is too
	 * small for @n, in which case the case is skipped.
	 */
	bool (*build)(unsigned long n, unsigned int samples,
		      const struct bench_area *area);
	const struct workload_op *ops;
	unsigned int nr_ops;
	/* Most samples a case can have (dtbuild: 2n calls); 0: no limit. */
	unsigned long (*max_samples)(unsigned long n);
};

extern const struct workload bench_workloads[];
extern const unsigned int bench_nr_workloads;

/* The state every case but dtbuild starts from: memblock as booted. */
int bench_boot_state_save(void);
void bench_boot_state_restore(void);
void bench_boot_state_release(void);
struct bench_area bench_boot_area(void);

#endif /* BENCH_WORKLOADS_H */
