/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef BENCH_COUNTERS_H
#define BENCH_COUNTERS_H

/*
 * The counter the benchmark reads around each timed call, and a clock for
 * its progress lines.  The payload reads the first of rdcycle, rdinstret
 * and rdtime that counts (payload/bench_counters.c); the host run reads
 * the TSC (tools/bench_host.c).
 */

#include <stdbool.h>
#include <stdint.h>

/* Is there a counter?  false: nothing can be timed, only checked. */
bool bench_counter_usable(void);
uint64_t bench_counter_read(void);

/* A clock for "case done in" lines: rdtime ticks (host: TSC), if any. */
bool bench_clock_usable(void);
uint64_t bench_clock_read(void);
/* Its ticks, for those lines: "rdtime ticks", "TSC ticks". */
const char *bench_clock_unit(void);

/* What bench_counter_read() reads, and what it fell back from. */
const char *bench_counters_name(void);
/* What the table's medians count. */
const char *bench_counters_unit(void);

#endif /* BENCH_COUNTERS_H */
