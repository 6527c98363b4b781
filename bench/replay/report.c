// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The replay's report: calls by type and their cost under each
 * combination, the speed-up over Linux 4.12's linear/linear, what failed
 * in the kernel and where it would have stopped, and every result that
 * differs from the kernel's with its log line and its reason.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench/replay/internal.h"

#define E replay_eng
#define NAME_WIDTH	40

static const char *const reason_names[RR_NR] = {
	[RR_NONE] = "UNEXPLAINED",
	[RR_GAPTREE_POOL] = "gaptree-pool",
	[RR_RETRY_ORDER] = "retry-order",
	[RR_EXACT_NID] = "exact-nid",
};

static const char *const reason_texts[RR_NR] = {
	[RR_NONE] = "no named difference explains it: a bug in mm/ or in the replay",
	[RR_GAPTREE_POOL] = "gaptree reserves its index's pool when the reserved array doubles (mm/gaptree.c); the kernel has no such reservation, so later blocks (and doubled arrays) move.  Shown: linear/linear reserving the same pool (memblock_set_index_footprint()) gives gaptree's result",
	[RR_RETRY_ORDER] = "with mirrored memory, 6.1 retries in another order than 4.12 (4.12 drops min_addr before the mirror preference, 6.1 after; NODE_DATA: 6.1 tries any node with mirror before its node without); shown: 6.1's order of searches finds the kernel's address, 4.12's the replay's",
	[RR_EXACT_NID] = "6.1's memblock_alloc_exact_nid_raw() does not fall back to other nodes, 4.12 has no such call and does; shown as for retry-order",
};

static const char *const what_names[] = {
	[RW_ADDRESS] = "address",
	[RW_DOUBLING] = "doubling",
	[RW_CHECKPOINT] = "checkpoint",
	[RW_DISAGREE] = "disagrees with linear/linear",
};

const char *replay_run_name(int run)
{
	static char name[REPLAY_RUNS][24];
	const struct replay_run_result *r = &E.runs[run];

	snprintf(name[run], sizeof(name[run]), "%s/%s",
		 memblock_find_strategy_name(r->find),
		 memblock_update_strategy_name(r->update));
	return name[run];
}

static const char *str(uint32_t off)
{
	return replay_str(E.list, off);
}

/* The op as the log printed it, near enough. */
static void describe(const struct replay_op *op)
{
	const char *name = replay_call_name(op->call);

	printf("line %" PRIu32 ": ", op->line);
	switch (op->kind) {
	case RK_ALLOC_RANGE:
	case RK_ALLOC_VIRT:
		printf("%s: %llu bytes align=0x%llx ", name,
		       (unsigned long long)op->size,
		       (unsigned long long)op->align);
		if (op->kind == RK_ALLOC_VIRT)
			printf("nid=%d ", (int)op->nid);
		printf("from=0x%llx max_addr=0x%llx %s",
		       (unsigned long long)op->base,
		       (unsigned long long)op->max_addr, str(op->caller));
		break;
	case RK_ALLOC_NODE_DATA:
		printf("%s: %llu bytes align=0x%llx, node #%d",
		       name, (unsigned long long)op->size,
		       (unsigned long long)op->align, (int)op->nid);
		break;
	case RK_CHECK:
		printf("MEMBLOCK configuration: %llu memory, %llu reserved regions",
		       (unsigned long long)op->base,
		       (unsigned long long)op->size);
		break;
	default:
		printf("%s: [0x%016llx-0x%016llx] %s", name,
		       (unsigned long long)op->base,
		       (unsigned long long)(op->base + op->size - 1),
		       str(op->caller));
	}
}

/* @v as "x.yz" for v / 100. */
static void print_hundredths(uint64_t v, int width)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu.%02llu", (unsigned long long)(v / 100),
		 (unsigned long long)(v % 100));
	printf(" %*s", width, buf);
}

static void print_header(void)
{
	printf("%-*s %7s", NAME_WIDTH, "call", "calls");
	for (int run = 0; run < REPLAY_COMBOS; run++)
		printf(" %14s", replay_run_name(run));
	printf("\n");
}

static void print_row(const char *name, uint32_t calls, const uint64_t *v)
{
	printf("%-*s %7" PRIu32, NAME_WIDTH, name, calls);
	for (int run = 0; run < REPLAY_COMBOS; run++) {
		if (E.cfg->counter)
			printf(" %14llu", (unsigned long long)v[run]);
		else
			printf(" %14s", "-");
	}
	printf("\n");
}

static void print_table(void)
{
	uint64_t v[REPLAY_COMBOS];
	uint32_t total_calls = 0;

	if (E.cfg->counter)
		printf("\nCost per call type, summed over its calls (%s; the counter's own cost, %llu, taken off each):\n",
		       E.cfg->counter_unit, (unsigned long long)E.overhead);
	else
		printf("\nCalls per type (costs not measured here: make replay counts instructions):\n");
	print_header();
	for (int c = 1; c < RC_NR; c++) {
		if (!E.calls[c])
			continue;
		total_calls += E.calls[c];
		for (int run = 0; run < REPLAY_COMBOS; run++)
			v[run] = E.runs[run].cost[c];
		print_row(replay_call_name(c), E.calls[c], v);
	}
	for (int run = 0; run < REPLAY_COMBOS; run++)
		v[run] = E.runs[run].total;
	print_row("all calls", total_calls, v);
	printf("%-*s %7s", NAME_WIDTH, "speed-up over linear/linear", "");
	for (int run = 0; run < REPLAY_COMBOS; run++) {
		if (E.cfg->counter && E.runs[run].total)
			print_hundredths(E.runs[0].total * 100 / E.runs[run].total, 14);
		else
			printf(" %14s", "-");
	}
	printf("\n%-*s %7s", NAME_WIDTH, "mismatches (unexplained)", "");
	for (int run = 0; run < REPLAY_COMBOS; run++) {
		char buf[32];

		snprintf(buf, sizeof(buf), "%" PRIu32 " (%" PRIu32 ")",
			 E.runs[run].mismatches, E.runs[run].unexplained);
		printf(" %14s", buf);
	}
	printf("\n%-*s %7s", NAME_WIDTH, "peak reserved regions", "");
	for (int run = 0; run < REPLAY_COMBOS; run++)
		printf(" %14lu", E.runs[run].peak_reserved);
	printf("\n");
	for (int run = 0; run < REPLAY_COMBOS; run++)
		v[run] = E.runs[run].cost[RC_REBUILT];
	print_row("(rebuilt steps: not in the total)", E.calls[RC_REBUILT], v);
}

static void print_rebuilt(void)
{
	bool resize = false;

	printf("Start: %s\n", str(E.list->hdr->start));
	for (uint32_t i = 0; i < E.nr_ops; i++) {
		const struct replay_op *op = &E.list->ops[i];

		switch (op->kind) {
		case RK_SET_NODE:
			printf("Rebuilt: memblock_set_node([0x%llx-0x%llx], node %d) before line %" PRIu32 " (%s)\n",
			       (unsigned long long)op->base,
			       (unsigned long long)(op->base + op->size - 1),
			       (int)op->nid, op->line, str(op->caller));
			break;
		case RK_MARK_NOMAP:
			printf("Rebuilt: memblock_mark_nomap([0x%llx-0x%llx]) (%s)\n",
			       (unsigned long long)op->base,
			       (unsigned long long)(op->base + op->size - 1),
			       str(op->caller));
			break;
		case RK_ALLOW_RESIZE:
			resize = true;
			printf("Rebuilt: memblock_allow_resize() before line %" PRIu32 ", the first doubling\n",
			       op->line);
			break;
		default:
			break;
		}
	}
	if (!resize)
		printf("Rebuilt: memblock_allow_resize() never: the log doubles no array, so no call found it needed\n");
	if (*str(E.list->hdr->not_replayed))
		printf("Not replayed: %s\n", str(E.list->hdr->not_replayed));
}

static void print_failed_updates(void)
{
	uint32_t total = E.ungrouped;

	for (uint32_t g = 0; g < E.nr_groups; g++)
		total += E.groups[g].count;
	if (!total)
		return;
	printf("\n%" PRIu32 " calls failed (-ENOMEM) under linear/linear, so in the kernel too (the log cannot say):\n",
	       total);
	for (uint32_t g = 0; g < E.nr_groups; g++) {
		const struct replay_group *gr = &E.groups[g];
		const struct replay_op *first = &E.list->ops[gr->first];

		printf("  %" PRIu32 " x %s by %s, lines %" PRIu32 " to %" PRIu32 ", the first [0x%016llx-0x%016llx]\n",
		       gr->count, replay_call_name(first->call),
		       str(gr->caller), first->line,
		       E.list->ops[gr->last].line,
		       (unsigned long long)first->base,
		       (unsigned long long)(first->base + first->size - 1));
	}
	if (E.messages)
		printf("  mm/ said so %" PRIu32 " times, first: %s", E.messages,
		       E.first_message);
	if (!E.cfg->list_failed)
		return;
	for (uint32_t i = 0; i < E.nr_ops; i++) {
		const struct replay_op *op = &E.list->ops[i];

		if (op->kind < RK_CHECK && !replay_kind_allocates(op->kind) &&
		    E.base_result[i]) {
			printf("  failed: ");
			describe(op);
			printf("\n");
		}
	}
}

static void print_failures(void)
{
	for (uint32_t f = 0; f < E.nr_failures; f++) {
		const struct replay_op *op = &E.list->ops[E.failures[f].op];

		printf("\nThe kernel would have failed here: ");
		describe(op);
		printf("\n  returns 0 under every combination: ");
		if (E.failures[f].reserve_failed)
			printf("it finds [0x%016llx-0x%016llx], as the log prints, but cannot reserve it (-ENOMEM: memblock.reserved holds %lu entries, full, and memblock_allow_resize() has not been called)\n",
			       (unsigned long long)op->first_attempt,
			       (unsigned long long)(op->first_attempt + op->size - 1),
			       (unsigned long)INIT_MEMBLOCK_REGIONS);
		else
			printf("no free memory fits\n");
		for (uint32_t i = E.failures[f].op + 1; i < E.nr_ops; i++)
			if (E.list->ops[i].kind == RK_STOP) {
				printf("  the log agrees: line %" PRIu32 ": %s\n",
				       E.list->ops[i].line,
				       str(E.list->ops[i].caller));
				break;
			}
	}
}

/* Did run @run meet a mismatch of kind @what at op @op? */
static bool met(uint32_t op, int run, enum replay_what what)
{
	for (uint32_t i = 0; i < E.nr_mismatches; i++)
		if (E.mismatches[i].op == op && E.mismatches[i].run == run &&
		    E.mismatches[i].what == what)
			return true;
	return false;
}

static void print_checkpoints(void)
{
	for (uint32_t i = 0; i < E.nr_ops; i++) {
		const struct replay_op *op = &E.list->ops[i];
		int same = 0;

		if (op->kind != RK_CHECK)
			continue;
		for (int run = 0; run < REPLAY_COMBOS; run++)
			same += !met(i, run, RW_CHECKPOINT);
		printf("\nCheckpoint: ");
		describe(op);
		printf(": the replay's arrays are the dump's under %d of %d combinations\n",
		       same, REPLAY_COMBOS);
	}
}

static int cmp_mismatch(const void *a, const void *b)
{
	const struct replay_mismatch *x = a, *y = b;

	if (x->op != y->op)
		return x->op < y->op ? -1 : 1;
	return x->run - y->run;
}

static void print_mismatch(const struct replay_mismatch *m)
{
	static const char *const types[] = { "memory", "reserved", "sizes" };

	printf("  %-14s %s: ", replay_run_name(m->run), what_names[m->what]);
	if (m->what == RW_CHECKPOINT && m->type == 2)
		printf("memory size 0x%llx reserved size 0x%llx, dump 0x%llx and 0x%llx",
		       (unsigned long long)m->got,
		       (unsigned long long)m->got_size,
		       (unsigned long long)m->want,
		       (unsigned long long)m->want_size);
	else if (m->what == RW_CHECKPOINT)
		printf("%s[%" PRIu32 "] [0x%llx+0x%llx], dump [0x%llx+0x%llx]",
		       types[m->type], m->index, (unsigned long long)m->got,
		       (unsigned long long)m->got_size,
		       (unsigned long long)m->want,
		       (unsigned long long)m->want_size);
	else
		printf("0x%llx, %s 0x%llx", (unsigned long long)m->got,
		       m->what == RW_DISAGREE ? "linear/linear" : "kernel",
		       (unsigned long long)m->want);
	printf(": %s\n", reason_names[m->reason]);
}

static void print_mismatches(void)
{
	bool used[RR_NR] = { false };
	uint32_t last = UINT32_MAX;

	if (!E.nr_mismatches) {
		printf("\nMismatches: none: every address and doubling is the kernel's, under every combination\n");
		return;
	}
	qsort(E.mismatches, E.nr_mismatches, sizeof(E.mismatches[0]),
	      cmp_mismatch);
	printf("\nMismatches, by log line:\n");
	for (uint32_t i = 0; i < E.nr_mismatches; i++) {
		const struct replay_mismatch *m = &E.mismatches[i];

		if (m->op != last) {
			describe(&E.list->ops[m->op]);
			printf("\n");
			last = m->op;
		}
		print_mismatch(m);
		used[m->reason] = true;
	}
	if (E.dropped_mismatches)
		printf("  ... and %" PRIu32 " more, not kept\n",
		       E.dropped_mismatches);
	printf("Reasons:\n");
	for (int r = 0; r < RR_NR; r++)
		if (used[r])
			printf("  %s: %s\n", reason_names[r], reason_texts[r]);
}

static void print_stops(void)
{
	for (int run = 0; run < REPLAY_RUNS; run++) {
		const struct replay_run_result *r = &E.runs[run];

		if (!r->stopped)
			continue;
		printf("\n%s%s stopped at ", replay_run_name(run),
		       run == REPLAY_REF ? " (reference)" : "");
		describe(&E.list->ops[r->stop_op]);
		printf(": %s\n", r->stop_msg);
	}
}

/* The report's op names for make bench, one word each. */
static const char *const csv_names[RC_NR] = {
	[RC_REBUILT] = "rebuilt", [RC_ADD] = "add", [RC_ADD_NODE] = "add_node",
	[RC_REMOVE] = "remove", [RC_RESERVE] = "reserve", [RC_FREE] = "free",
	[RC_PHYS_FREE] = "phys_free", [RC_FREE_LATE] = "free_late",
	[RC_FREE_LATE_412] = "free_late", [RC_FREE_EARLY_412] = "free_early",
	[RC_PHYS_ALLOC_RANGE] = "phys_alloc_range",
	[RC_ALLOC_TRY_NID] = "alloc_try_nid",
	[RC_ALLOC_TRY_NID_RAW] = "alloc_try_nid_raw",
	[RC_ALLOC_EXACT_NID_RAW] = "alloc_exact_nid_raw",
	[RC_VIRT_ALLOC_TRY_NID] = "virt_alloc_try_nid",
	[RC_VIRT_ALLOC_NOPANIC] = "virt_alloc_try_nid_nopanic",
	[RC_VIRT_ALLOC_RAW] = "virt_alloc_try_nid_raw",
	[RC_NODE_DATA] = "node_data", [RC_UNLOGGED_ALLOC] = "unlogged_alloc",
};

static void csv_row(const struct replay_run_result *r, const char *op,
		    uint32_t calls, uint64_t min, uint64_t median, uint64_t max,
		    uint64_t total)
{
	printf("replay-csv: replay-%s,%s,%s,%lu,%s,%" PRIu32 ",%llu,%llu,%llu,%llu\n",
	       str(E.list->hdr->name), memblock_find_strategy_name(r->find),
	       memblock_update_strategy_name(r->update),
	       E.runs[0].peak_reserved, op,
	       calls, (unsigned long long)min, (unsigned long long)median,
	       (unsigned long long)max, (unsigned long long)total);
}

/*
 * "replay-csv:" lines for make bench (tools/replay_bench.sh; the payload
 * asks for them with the bootarg bench.csv), in the columns of reports/bench.csv from the workload on: the workload is
 * replay-LOG, regions the most reserved regions linear/linear saw (the
 * kernel's own map), op `boot` for every call the log shows and one op
 * per call type; samples are the calls, min, median and max the cost of
 * one, total their sum.
 */
static void print_csv(void)
{
	uint32_t calls = 0;

	for (int c = 1; c < RC_NR; c++)
		calls += E.calls[c];
	for (int run = 0; run < REPLAY_COMBOS; run++) {
		const struct replay_run_result *r = &E.runs[run];

		if (r->stopped)
			continue;
		csv_row(r, "boot", calls, r->all_min, r->all_median,
			r->all_max, r->total);
		for (int c = 1; c < RC_NR; c++)
			if (E.calls[c])
				csv_row(r, csv_names[c], E.calls[c],
					r->cost_min[c], r->cost_median[c],
					r->cost_max[c], r->cost[c]);
	}
}

void replay_report(void)
{
	const struct replay_header *h = E.list->hdr;

	static const char *const formats[] = {
		"a log in the format Linux 4.12 and 6.1 share",
		"a Linux 4.12 log", "a Linux 6.1 log",
		"a log mixing Linux 4.12's and 6.1's calls",
	};

	printf("\nReplay of %s (%s, %" PRIu32 " lines): %" PRIu32 " ops under %d find/update combinations%s\n",
	       str(h->name),
	       formats[(h->flags & RL_FORMAT_412 ? 1 : 0) |
		       (h->flags & RL_FORMAT_61 ? 2 : 0)],
	       h->log_lines, E.nr_ops, REPLAY_COMBOS,
	       E.have_ref ? ", and a reference run (linear/linear with the gap index's footprint)" : "");
	print_rebuilt();
	print_table();
	print_checkpoints();
	print_failed_updates();
	print_failures();
	print_mismatches();
	print_stops();
	if (E.cfg->csv && E.cfg->counter)
		print_csv();
}
