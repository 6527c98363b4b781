// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which of rdcycle, rdinstret and rdtime S-mode may read, and which count
 * (platform/counters.h).  On QEMU with OpenSBI 1.1 all three do, on virt
 * and sifive_u alike; a board's firmware may forbid them (Linux 6.6 and
 * later firmware tighten the user-level ones) or a core may not move them.
 */
#include <string.h>

#include "platform/counters.h"
#include "platform/csr.h"

/* Reads until a counter moves: rdtime at 1 MHz on a fast core needs some. */
#define PROBE_READS	1000000

static enum counter_state states[COUNTER_NR];
static unsigned int faked;

static const char *const names[COUNTER_NR] = {
	[COUNTER_CYCLE] = "rdcycle",
	[COUNTER_INSTRET] = "rdinstret",
	[COUNTER_TIME] = "rdtime",
};

static const char *const short_names[COUNTER_NR] = {
	[COUNTER_CYCLE] = "cycle",
	[COUNTER_INSTRET] = "instret",
	[COUNTER_TIME] = "time",
};

/*
 * Run @insn (which writes %0) with stvec pointing just past it: a trap
 * lands on the label with @trapped still 1.  The trap is not returned
 * from; interrupts are off, so nothing else can take it.
 */
#define TRY_READ(insn, value, trapped)					\
	__asm__ volatile(".option push\n"				\
			 ".option arch, +zicsr\n"			\
			 "	la	t0, 1f\n"			\
			 "	csrrw	t0, stvec, t0\n"		\
			 "	li	%1, 1\n"			\
			 "	li	%0, 0\n"			\
			 "	" insn "\n"				\
			 "	li	%1, 0\n"			\
			 "	.balign	4\n"				\
			 "1:	csrw	stvec, t0\n"			\
			 ".option pop"					\
			 : "=&r"(value), "=&r"(trapped) : : "t0", "memory")

enum probe_as { PROBE_REAL, PROBE_TRAP, PROBE_STUCK };

/* One read of @c as @as says.  Return: false if it trapped. */
static bool try_read(enum counter c, enum probe_as as, uint64_t *value)
{
	unsigned long trapped;

	if (as == PROBE_TRAP)
		TRY_READ("unimp", *value, trapped);
	else if (as == PROBE_STUCK)
		TRY_READ("csrr %0, sscratch", *value, trapped);
	else if (c == COUNTER_CYCLE)
		TRY_READ("rdcycle %0", *value, trapped);
	else if (c == COUNTER_INSTRET)
		TRY_READ("rdinstret %0", *value, trapped);
	else
		TRY_READ("rdtime %0", *value, trapped);
	return !trapped;
}

static enum counter_state probe(enum counter c, enum probe_as as)
{
	uint64_t first, now;

	if (!try_read(c, as, &first))
		return COUNTER_TRAPS;
	for (unsigned long i = 0; i < PROBE_READS; i++) {
		try_read(c, as, &now);
		if (now != first)
			return COUNTER_COUNTS;
	}
	return COUNTER_STUCK;
}

void counters_probe(unsigned int trap_mask, unsigned int stuck_mask)
{
	faked = (trap_mask | stuck_mask) & ((1U << COUNTER_NR) - 1);
	for (unsigned int c = 0; c < COUNTER_NR; c++) {
		enum probe_as as = trap_mask & (1U << c) ? PROBE_TRAP :
				   stuck_mask & (1U << c) ? PROBE_STUCK :
				   PROBE_REAL;

		states[c] = probe(c, as);
	}
}

enum counter_state counter_state(enum counter c)
{
	return states[c];
}

bool counter_counts(enum counter c)
{
	return states[c] == COUNTER_COUNTS;
}

bool counter_faked(enum counter c)
{
	return faked & (1U << c);
}

const char *counter_name(enum counter c)
{
	return names[c];
}

const char *counter_state_name(enum counter_state s)
{
	switch (s) {
	case COUNTER_COUNTS:
		return "counts";
	case COUNTER_TRAPS:
		return "traps";
	case COUNTER_STUCK:
		return "does not count";
	default:
		return "not probed";
	}
}

int counter_by_short_name(const char *name)
{
	for (int c = 0; c < COUNTER_NR; c++)
		if (!strcmp(name, short_names[c]))
			return c;
	return -1;
}

uint64_t counter_read(enum counter c)
{
	if (states[c] != COUNTER_COUNTS)
		return 0;
	switch (c) {
	case COUNTER_CYCLE:
		return rdcycle();
	case COUNTER_INSTRET:
		return rdinstret();
	default:
		return rdtime();
	}
}

bool counters_count_instructions(void)
{
	uint64_t c0, i0;
	volatile int n = 0;

	if (!counter_counts(COUNTER_CYCLE) || !counter_counts(COUNTER_INSTRET))
		return false;
	c0 = rdcycle();
	i0 = rdinstret();
	for (int i = 0; i < 100; i++)
		n += i;
	return rdcycle() - c0 == rdinstret() - i0;
}
