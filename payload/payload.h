/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PAYLOAD_PAYLOAD_H
#define PAYLOAD_PAYLOAD_H

/* The payload's boot steps, called in order by main(). */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/memblock.h"
#include "platform/dt.h"

/* memblock.trace=: payload/trace.c */
enum trace_mode { TRACE_OFF, TRACE_CHAIN, TRACE_ALL };

/* What /chosen/bootargs asked for. */
struct boot_options {
	bool memblock_debug;	/* memblock=debug: trace every add/reserve */
	bool movable_node;	/* movable_node: skip hotpluggable memory */
	bool panic;		/* payload.panic: panic on purpose (tests) */
	bool trap;		/* payload.trap: take an illegal instruction (tests) */
	bool dumpdtb;		/* payload.dumpdtb: print the blob in hex (tests) */
	bool bench;		/* bench or bench=quick: run the benchmarks */
	bool bench_quick;	/* bench=quick: fewer region counts and samples */
	bool bench_csv;		/* bench.csv: machine-readable lines too */
	bool demo_fail;		/* payload.demo_fail: a request that cannot fit */
	enum memblock_find_strategy find;	/* memblock.find= */
	enum memblock_update_strategy update;	/* memblock.update= */
	int scribble;		/* integrity.scribble=: 0 none, 1 dtb, 2 text, 3 block */
	enum trace_mode trace;	/* memblock.trace=: the chain as call trees */
	/* memblock.gaptree_build_after=: ULONG_MAX when not given */
	unsigned long gaptree_build_after;
	unsigned int counter_trap;	/* payload.counter_trap=: counters made to trap (tests) */
	unsigned int counter_stuck;	/* payload.counter_stuck=: counters made to stand still (tests) */
};

extern struct boot_options boot_options;

void parse_bootargs(const char *bootargs);	/* payload/bootargs.c */
void print_banner(unsigned long hartid, const void *fdt,
		  unsigned long load_addr);
void dump_dtb(const void *fdt);		/* payload/dumpdtb.c */
int setup_memblock(const void *fdt);
int alloc_demo(void);
int run_benchmarks(void);
int run_replay(const void *fdt);
__attribute__((noreturn)) void boot_fail(const char *step);

/* payload/build_meter.c: the cost of setup_memblock(), part by part. */
struct build_cost {
	uint64_t cycles;	/* rdcycle; 0 if it does not count */
	uint64_t instret;	/* rdinstret; 0 if it does not count */
};

void build_meter_start(void);
void build_meter_stop(void);
struct build_cost build_meter_spent(enum dt_meter_part part);

/*
 * payload/trace.c: memblock.trace=chain|all.  The tracer (the hooks of
 * mm/memblock_trace.h) is payload/memblock_trace.c, in the trace image
 * only; in the other one, capturing and panicking are no-ops.
 */
const char *trace_mode_name(int mode);
void trace_setup(void);
void trace_banner(void);
void trace_demo(bool on);
void trace_untraced_cost(uint64_t instret);
#ifdef MEMBLOCK_TRACE
void memblock_trace_start(enum trace_mode mode);
void memblock_trace_arm(bool on);
void memblock_trace_describe(char *buf, size_t n);
bool trace_capture(const char *fmt, va_list ap);
void trace_panic_enter(void);
void trace_panic(const char *msg);
#else
static inline bool trace_capture(const char *fmt, va_list ap)
{
	(void)fmt;
	(void)ap;
	return false;
}

static inline void trace_panic_enter(void)
{
}

static inline void trace_panic(const char *msg)
{
	(void)msg;
}
#endif

/* payload/integrity.c: what was allocated, and what must stay untouched. */
void integrity_snapshot(const void *fdt);
void integrity_track(phys_addr_t base, phys_addr_t size, const char *what);
void integrity_fill(void);
int integrity_check(void);

/*
 * payload/memblock_env.c: where mm/'s __va(), __pa() and output go while
 * a replay runs (payload/replay.c); NULL the rest of the time.
 */
struct memblock_redirect {
	void *(*phys_to_virt)(phys_addr_t addr);
	phys_addr_t (*virt_to_phys)(const void *ptr);
	void (*vprintf)(const char *fmt, va_list ap);
};

extern const struct memblock_redirect *memblock_redirect;

/* payload/replay_state.c: the payload's memblock, kept aside meanwhile. */
int replay_state_save(void);
void replay_state_restore(void);

#endif /* PAYLOAD_PAYLOAD_H */
