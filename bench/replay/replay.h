/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef REPLAY_REPLAY_H
#define REPLAY_REPLAY_H

/*
 * The replay engine: runs an op list (replay/oplist.h) on mm/'s memblock
 * under every find/update combination, measures each call, checks each
 * result against the kernel's, explains what differs, and prints the
 * report.  The same code runs on the host (tools/replay.c) and in the
 * payload (payload/replay.c); each passes what differs in a config.
 *
 * mm/ has one global memblock: the replay resets it for each run.  A
 * payload must keep its own state elsewhere meanwhile (payload/replay.c).
 * While the replay runs, the environment must route mm/'s __va()/__pa()
 * to replay_va()/replay_pa() and its output to replay_message(): the
 * replayed memblock's arrays then live in the scratch window given here,
 * never in memory the replayed addresses happen to name.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/memblock.h"
#include "bench/replay/oplist.h"

struct replay_config {
	/* The counter read around each call (NULL: no costs), its unit. */
	uint64_t (*counter)(void);
	const char *counter_unit;
	/* Where the replayed arrays and the gap index's pool live. */
	void *scratch;
	size_t scratch_bytes;
	/* The engine's own memory: replay_arena_bytes() of it. */
	void *arena;
	size_t arena_bytes;
	bool list_failed;	/* list every failed reservation */
	bool csv;		/* "replay-csv:" lines for make bench */
};

/* How much arena replay_run() needs for @list. */
size_t replay_arena_bytes(const struct replay_list *list);

/**
 * replay_run - replay @list under every combination and print the report
 * @list: an op list checked by replay_list_open()
 * @cfg: counter, scratch window and arena
 *
 * Leaves memblock reset, with strategies linear/linear.
 *
 * Return: 0 when every result matched the kernel's or was explained by a
 * named difference, 1 when something was not, -1 when the replay could
 * not run (a message says why).
 */
int replay_run(const struct replay_list *list, const struct replay_config *cfg);

/* The environment's hooks while replay_run() runs (see the top). */
void *replay_va(phys_addr_t addr);
phys_addr_t replay_pa(const void *ptr);
void replay_message(const char *fmt, va_list ap);

#endif /* REPLAY_REPLAY_H */
