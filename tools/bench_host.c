// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The benchmark's third mode: the same mm/ and bench/ code compiled for
 * this machine, on a simulated RAM of MEM bytes at the physical address
 * where QEMU virt puts its RAM, with the memblock a payload boots with.
 * The only mode with real caches and pipelines.
 *
 * Counter: the TSC, read directly (rdtsc), which counts reference cycles at
 * a constant rate; tools/bench.sh pins the run to one CPU.
 *
 * Usage: bench_host [--quick] [--mem MiB] [--samples N]
 */

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x86intrin.h>

#include "bench/bench.h"
#include "bench/counters.h"
#include "mm/memblock.h"
#include "tests/common/env.h"

#define RAM_BASE	0x80000000ULL

static phys_addr_t ram_size;

/*
 * The TSC, read directly between two lfences: no syscall, no vDSO call
 * inside the timed window.  It counts reference cycles at a constant
 * rate, so it is time, not core cycles; and there is no instruction count.
 */
bool bench_counter_usable(void)
{
	return true;
}

uint64_t bench_counter_read(void)
{
	uint64_t t;

	_mm_lfence();
	t = __rdtsc();
	_mm_lfence();
	return t;
}

bool bench_clock_usable(void)
{
	return true;
}

uint64_t bench_clock_read(void)
{
	return __rdtsc();
}

const char *bench_clock_unit(void)
{
	return "TSC ticks";
}

const char *bench_counters_name(void)
{
	return "rdtsc (reference cycles, read directly)";
}

const char *bench_counters_unit(void)
{
	return "TSC ticks";
}

/* The memblock a payload boots with on QEMU virt: OpenSBI, image, DTB. */
static void boot_state(void)
{
	memblock_add_node(RAM_BASE, ram_size, 0);
	memblock_reserve(RAM_BASE, 0x80000);
	memblock_reserve(RAM_BASE + 0x200000, 0x400000);
	memblock_reserve(RAM_BASE + 0x2200000, 0x2000);
	memblock_allow_resize();
}

int main(int argc, char **argv)
{
	struct bench_config cfg = { .csv = true };
	unsigned long mem_mib = 128;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick"))
			cfg.quick = true;
		else if (!strcmp(argv[i], "--mem") && i + 1 < argc)
			mem_mib = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--samples") && i + 1 < argc)
			cfg.samples = strtoul(argv[++i], NULL, 0);
		else {
			fprintf(stderr, "usage: %s [--quick] [--mem MiB] [--samples N]\n",
				argv[0]);
			return 2;
		}
	}
	if (mem_mib < 64) {
		fprintf(stderr, "bench_host: --mem must be at least 64 (MiB)\n");
		return 2;
	}

	/*
	 * mm/'s host environment: messages to stdout and nowhere else (no
	 * capture buffer in the timed path), a panic ends the run, RAM is one
	 * window at RAM_BASE, the image ends 6 MiB in.
	 */
	ht_verbose = true;
	ht_log_capture = false;
	ram_size = (phys_addr_t)mem_mib << 20;
	ht_ram_map(RAM_BASE, ram_size);
	ht_kernel_end = RAM_BASE + (6 << 20);
	boot_state();
	return bench_run(&cfg) ? 1 : 0;
}
