/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef BENCH_COUNTERS_H
#define BENCH_COUNTERS_H

/*
 * The counters the benchmark reads around each timed call.  The payload
 * provides them with rdcycle/rdinstret (payload/bench_counters.c), the
 * host run with the TSC (tools/bench_host.c).
 */

#include <stdbool.h>
#include <stdint.h>

struct bench_counters {
	uint64_t cycles;
	uint64_t instret;
	uint64_t time;		/* rdtime ticks (host: nanoseconds) */
};

void bench_counters_read(struct bench_counters *c);
bool bench_counters_have_cycles(void);
bool bench_counters_have_instret(void);
/* What the counters are, for the report: "rdcycle+rdinstret" etc. */
const char *bench_counters_name(void);
/* What the table's medians count: instret where there is one, else cycles. */
const char *bench_counters_unit(void);

#endif /* BENCH_COUNTERS_H */
