/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLATFORM_COUNTERS_H
#define PLATFORM_COUNTERS_H

/*
 * The three user-level counters as S-mode finds them.  The firmware decides
 * whether S-mode may read each one (mcounteren: a read it forbids traps as
 * an illegal instruction, which OpenSBI hands back to S-mode), and whether
 * it counts (mcountinhibit, or a core that does not implement it).  The
 * payload probes all three at boot and reads only those that count.
 */

#include <stdbool.h>
#include <stdint.h>

enum counter {
	COUNTER_CYCLE,		/* rdcycle */
	COUNTER_INSTRET,	/* rdinstret */
	COUNTER_TIME,		/* rdtime */
	COUNTER_NR
};

enum counter_state {
	COUNTER_UNPROBED,	/* counters_probe() has not run: not read */
	COUNTER_COUNTS,		/* readable without a trap, and it moves */
	COUNTER_TRAPS,		/* the read traps */
	COUNTER_STUCK,		/* readable, but it does not move */
};

/*
 * Probe each counter: one read with stvec pointing past it, then reads
 * until the value changes (a bounded number).  For the tests, the counters
 * in @trap_mask or @stuck_mask (bits 1 << enum counter) are probed with
 * another instruction in place of the read: `unimp`, which traps, or a
 * read of sscratch, which does not move.  Interrupts must be off.
 */
void counters_probe(unsigned int trap_mask, unsigned int stuck_mask);

enum counter_state counter_state(enum counter c);
bool counter_counts(enum counter c);
/* Was its state made by counters_probe()'s masks? */
bool counter_faked(enum counter c);
const char *counter_name(enum counter c);		/* "rdcycle", ... */
const char *counter_state_name(enum counter_state s);	/* "counts", ... */
/* Parse "cycle", "instret" or "time".  Return: the counter, or -1. */
int counter_by_short_name(const char *name);

/* @c's value; 0 for a counter that does not count (it is not read). */
uint64_t counter_read(enum counter c);

/*
 * Do rdcycle and rdinstret advance together, as under QEMU's -icount (they
 * then both count instructions)?  False unless both count.
 */
bool counters_count_instructions(void);

#endif /* PLATFORM_COUNTERS_H */
