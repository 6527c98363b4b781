// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The benchmark's counters on RISC-V: rdcycle and rdinstret.  Under QEMU
 * with -icount shift=0 both count instructions executed, exactly; without
 * icount QEMU 7.2 derives both from the host clock, so neither counts
 * instructions (the benchmark's tcg mode shows it: rdinstret moves with
 * time, not with work).  QEMU models no cache or pipeline either way.
 */
#include "bench/counters.h"
#include "platform/csr.h"

void bench_counters_read(struct bench_counters *c)
{
	c->cycles = rdcycle();
	c->instret = rdinstret();
	c->time = rdtime();
}

bool bench_counters_have_cycles(void)
{
	return true;
}

bool bench_counters_have_instret(void)
{
	return true;
}

const char *bench_counters_name(void)
{
	return "rdcycle+rdinstret";
}

const char *bench_counters_unit(void)
{
	return "rdcycle (instructions under QEMU -icount, host ticks without)";
}
