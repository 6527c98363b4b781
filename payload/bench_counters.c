// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The benchmark's counter on RISC-V: the first of rdcycle, rdinstret and
 * rdtime that the boot's probe found counting (platform/counters.c).  Under
 * QEMU with -icount shift=0 rdcycle and rdinstret both count instructions
 * executed, exactly; without icount QEMU 7.2 derives both from the host
 * clock, so neither counts instructions (the benchmark's tcg mode shows
 * it: rdinstret moves with time, not with work).  QEMU models no cache or
 * pipeline either way.  rdtime ticks at the tree's timebase-frequency
 * (10 MHz on virt, 1 MHz on sifive_u): too coarse for most single calls.
 */
#include <stdio.h>

#include "bench/counters.h"
#include "platform/counters.h"

static enum counter chosen(void)
{
	for (unsigned int c = 0; c < COUNTER_NR; c++)
		if (counter_counts(c))
			return c;
	return COUNTER_NR;
}

bool bench_counter_usable(void)
{
	return chosen() < COUNTER_NR;
}

uint64_t bench_counter_read(void)
{
	static enum counter c = COUNTER_NR;

	if (c == COUNTER_NR)
		c = chosen();
	return c < COUNTER_NR ? counter_read(c) : 0;
}

bool bench_clock_usable(void)
{
	return counter_counts(COUNTER_TIME);
}

uint64_t bench_clock_read(void)
{
	return counter_read(COUNTER_TIME);
}

const char *bench_clock_unit(void)
{
	return "rdtime ticks";
}

/* "rdinstret (rdcycle traps)": the counter, and why the ones before it are not used. */
const char *bench_counters_name(void)
{
	static char name[96];
	enum counter c = chosen();
	size_t len;

	len = snprintf(name, sizeof(name), "%s",
		       c < COUNTER_NR ? counter_name(c) : "none");
	for (unsigned int k = 0; k < c && k < COUNTER_NR && len < sizeof(name); k++)
		len += snprintf(name + len, sizeof(name) - len, "%s%s %s",
				k ? ", " : " (", counter_name(k),
				counter_state_name(counter_state(k)));
	if (c > 0 && len < sizeof(name))
		snprintf(name + len, sizeof(name) - len, ")");
	return name;
}

const char *bench_counters_unit(void)
{
	switch (chosen()) {
	case COUNTER_CYCLE:
		return "rdcycle (instructions under QEMU -icount, host ticks without)";
	case COUNTER_INSTRET:
		return "rdinstret (instructions under QEMU -icount, host ticks without)";
	case COUNTER_TIME:
		return "rdtime ticks (the tree's timebase-frequency)";
	default:
		return "nothing (no counter counts)";
	}
}
