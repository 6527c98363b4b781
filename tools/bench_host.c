// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The benchmark's third mode: the same mm/ and bench/ code compiled for
 * this machine, on a simulated RAM of MEM bytes at the physical address
 * where QEMU virt puts its RAM, with the memblock a payload boots with.
 * The only mode with real caches and pipelines.
 *
 * Counters: perf_event_open cycles and instructions (user space only) where
 * the kernel allows them; otherwise rdtsc, which counts reference cycles at
 * a constant rate, and no instruction count.
 *
 * Usage: bench_host [--quick] [--mem MiB] [--samples N]
 */

#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#include "bench/bench.h"
#include "bench/counters.h"
#include "mm/memblock.h"
#include "tests/common/env.h"

#define RAM_BASE	0x80000000ULL

static phys_addr_t ram_size;

/* perf group leader (cycles) and member (instructions); -1 when absent. */
static int perf_cycles = -1, perf_instructions = -1;

static int perf_open(unsigned long long config, int group)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = config;
	attr.exclude_kernel = 1;
	attr.exclude_hv = 1;
	attr.read_format = PERF_FORMAT_GROUP;
	return syscall(SYS_perf_event_open, &attr, 0, -1, group, 0);
}

static void counters_init(void)
{
	perf_cycles = perf_open(PERF_COUNT_HW_CPU_CYCLES, -1);
	if (perf_cycles < 0)
		return;
	perf_instructions = perf_open(PERF_COUNT_HW_INSTRUCTIONS, perf_cycles);
	if (perf_instructions < 0) {
		close(perf_cycles);
		perf_cycles = -1;
		return;
	}
	ioctl(perf_cycles, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
}

void bench_counters_read(struct bench_counters *c)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	c->time = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	if (perf_cycles >= 0) {
		uint64_t v[3];	/* nr, cycles, instructions */

		if (read(perf_cycles, v, sizeof(v)) == sizeof(v)) {
			c->cycles = v[1];
			c->instret = v[2];
			return;
		}
	}
	_mm_lfence();
	c->cycles = __rdtsc();
	_mm_lfence();
	c->instret = 0;
}

bool bench_counters_have_cycles(void)
{
	return true;
}

bool bench_counters_have_instret(void)
{
	return perf_cycles >= 0;
}

const char *bench_counters_name(void)
{
	return perf_cycles >= 0 ? "perf_event_open cycles+instructions (user)" :
				  "rdtsc (reference cycles; perf_event_open unavailable)";
}

const char *bench_counters_unit(void)
{
	return perf_cycles >= 0 ? "instructions" : "rdtsc ticks";
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
	counters_init();
	boot_state();
	return bench_run(&cfg) ? 1 : 0;
}
