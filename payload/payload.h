/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PAYLOAD_PAYLOAD_H
#define PAYLOAD_PAYLOAD_H

/* The payload's boot steps, called in order by main(). */

#include <stdbool.h>

/* What /chosen/bootargs asked for. */
struct boot_options {
	bool memblock_debug;	/* memblock=debug: trace every add/reserve */
	bool movable_node;	/* movable_node: skip hotpluggable memory */
	bool panic;		/* payload.panic: panic on purpose (tests) */
	bool trap;		/* payload.trap: take an illegal instruction (tests) */
	bool bench;		/* bench or bench=quick: run the benchmarks */
	bool bench_quick;	/* bench=quick: fewer region counts and samples */
};

extern struct boot_options boot_options;

void parse_bootargs(const char *bootargs);
void print_banner(unsigned long hartid, const void *fdt);
int setup_memblock(const void *fdt);
int alloc_demo(void);
int run_benchmarks(void);
__attribute__((noreturn)) void boot_fail(const char *step);

#endif /* PAYLOAD_PAYLOAD_H */
