/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdbool.h>

struct bench_config {
	bool quick;		/* fewer region counts and samples */
	bool csv;		/* print "csv:" and "meta:" lines for make bench */
	unsigned int samples;	/* timed samples per case (0: default) */
	unsigned int warmup;	/* discarded samples before them (0: default) */
};

/*
 * Measure every workload at every region count under every strategy
 * combination, starting each case from the memblock state memblock holds
 * now, and restore that state at the end.  Prints "bench:" progress lines
 * and a table; with @cfg->csv also one "csv:" line per result and "meta:"
 * lines, which tools/bench.sh collects.
 *
 * Return: 0 when every combination agreed on every result (or there was
 * no room to run: a line says so), -1 otherwise.
 */
int bench_run(const struct bench_config *cfg);

#endif /* BENCH_BENCH_H */
