/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PAYLOAD_PAYLOAD_H
#define PAYLOAD_PAYLOAD_H

/* The payload's boot steps, called in order by main(). */

#include <stdbool.h>
#include <stdint.h>

#include "mm/memblock.h"
#include "platform/dt.h"

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
	enum memblock_find_strategy find;	/* memblock.find= */
	enum memblock_update_strategy update;	/* memblock.update= */
	int scribble;		/* integrity.scribble=: 0 none, 1 dtb, 2 text, 3 block */
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
__attribute__((noreturn)) void boot_fail(const char *step);

/* payload/build_meter.c: the cost of setup_memblock(), part by part. */
struct build_cost {
	uint64_t cycles;	/* rdcycle; 0 if it does not count */
	uint64_t instret;	/* rdinstret; 0 if it does not count */
};

void build_meter_start(void);
void build_meter_stop(void);
struct build_cost build_meter_spent(enum dt_meter_part part);

/* payload/integrity.c: what was allocated, and what must stay untouched. */
void integrity_snapshot(const void *fdt);
void integrity_track(phys_addr_t base, phys_addr_t size, const char *what);
void integrity_fill(void);
int integrity_check(void);

#endif /* PAYLOAD_PAYLOAD_H */
