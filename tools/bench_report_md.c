// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench_report's writer: bench.md, summary.csv (the data of the plots that
 * tools/bench_plot.gp draws) and README's table, from what
 * tools/bench_report.c read, folded and ranked.  Every number written here
 * is computed from bench.csv and meta.txt; the prose around them is fixed.
 */

#define _XOPEN_SOURCE 700

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/bench_report.h"

static FILE *out_file(const char *dir, const char *name, char *path, size_t n)
{
	FILE *f;

	if ((size_t)snprintf(path, n, "%s/%s", dir, name) >= n)
		die("%s/%s: path too long", dir, name);
	f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	return f;
}

static void close_file(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f))
		die("%s: write failed", path);
}

/* Text in a markdown table cell: escape what would end it or add markup. */
static void md(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* An N the cases were run at (not only an array size a doubling reached). */
static int case_n(int m, int ni)
{
	for (int w = 0; w < workloads.n; w++)
		for (int o = 0; o < ops.n; o++)
			if (!is_double_op(o) && has_case(m, w, o, ni))
				return 1;
	return 0;
}

/* The ops a workload's tables and winners list: not .first, not double-*. */
static int listed_op(int m, int w, int o)
{
	return !is_first_op(o) && !is_double_op(o) && has_op(m, w, o);
}

static int op_named(const char *name)
{
	return name_index(&ops, name);
}

static const char *workload_text(int w)
{
	static const char *const text[][2] = {
		{ "limit", "N reserved regions spread evenly over the area; 256-byte requests below a limit 1/16 of the way up, so a walk from the top crosses 15/16 of the regions. The allocations stay." },
		{ "topfit", "the same regions; 4 KiB requests that fit in the highest free range. Linux 4.12's find is at its best here (the first gap it looks at fits), its update is not: the new region goes at the end of the array, and 4.12 scans the whole array from index 0 to put it there." },
		{ "frag", "N gaps of 2 KiB between 2 KiB regions and one large gap at the bottom: a 4 KiB request fits only the bottom one." },
		{ "dtbuild", "memblock built from nothing as a device tree lists it: N memory banks in ascending order, each with one reservation (memblock_add, memblock_reserve), array doubling included. `build`: the steady cost of one call (the last calls of a build, the rest built untimed); `whole`: every call of a whole build under the combination's own update path (its mean per call; the total is in the one-off section); `double-*`: the calls that doubled an array, at its new size." },
		{ "churn", "the spread regions under a current_limit halfway up: a ring of 4 allocations of random size and alignment (64 B to 1 KiB each), the oldest freed as a new one is made. Every request fits every gap." },
		{ "pair-limit", "the limit layout: a 256-byte block allocated below the limit and freed again (`pair`: both calls as one op; `alloc`, `free`: each half alone)." },
		{ "pair-frag", "the frag layout: a 4 KiB block, which only the bottom gap holds, allocated and freed again (`pair`, `alloc`, `free` as for pair-limit)." },
		{ "lifo", "the limit layout: 8 temporaries of 256 bytes allocated below the limit, then freed in reverse order (`seq`: all 16 calls as one op; `alloc`, `free`: one call each)." },
		{ "scatter", "the spread regions; 64-byte reservations at random places in the middle half of the gaps, touching nothing: each is an insertion in the middle of the array, as device trees that list regions in any order give." },
	};

	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (!strcmp(text[i][0], workloads.s[w]))
			return text[i][1];
	if (!strcmp(workloads.s[w], "replay"))
		return "real boots (tests/replay/: Linux 6.1 on QEMU virt with memblock=debug), each replayed call by call on mm/ under each combination (tools/replay_bench.sh, make replay); `whole`: every memblock call of one boot, its mean per call, N the most reserved regions that boot had. Where the lines part is where the strategies begin to matter in a real boot.";
	if (!strncmp(workloads.s[w], "replay-", 7))
		return "one real boot of tests/replay/, replayed (make replay LOG=tests/replay/<name>.log): each op a type of memblock call as the log names it, `boot` all of them; N is the most reserved regions the boot had (one N: no plot).";
	return "a workload this report has no description for.";
}

static const char *mode_text(int m)
{
	if (!strcmp(modes.s[m], "icount"))
		return "QEMU with `-icount shift=0`: rdcycle counts the instructions executed, exactly; the same build gives the same numbers on every run.";
	if (!strcmp(modes.s[m], "tcg"))
		return "QEMU without icount: rdcycle (and rdinstret) follow the host clock, so these are host time ticks of emulated code, noisy; a first call also pays for QEMU translating code it has not run before.";
	if (!strcmp(modes.s[m], "host"))
		return "the same `mm/` and `bench/` compiled for this x86-64 machine, timed with the TSC read directly. The only mode with real caches, pipeline and branch prediction.";
	return "a mode this report has no description for.";
}

/*
 * The ops plotted: each workload's main op (the first of pair, seq, alloc,
 * build, reserve it has), find and whole.
 */
static int plotted(int m, int w, int o)
{
	static const char *const main_ops[] = {
		"pair", "seq", "alloc", "build", "reserve", NULL
	};

	if (!has_op(m, w, o) || !strncmp(workloads.s[w], "replay-", 7))
		return 0;	/* a replay-<log> workload has one N */
	if (!strcmp(ops.s[o], "find") || !strcmp(ops.s[o], "whole"))
		return 1;
	for (int k = 0; main_ops[k]; k++) {
		int p = op_named(main_ops[k]);

		if (p >= 0 && has_op(m, w, p))
			return p == o;
	}
	return 0;
}

static const char *plot_name(int m, int w, int o)
{
	static char buf[4][200];
	static int k;
	char *b = buf[k++ % 4];

	snprintf(b, sizeof(buf[0]), "%s-%s-%s", modes.s[m], workloads.s[w],
		 ops.s[o]);
	return b;
}

static void cell(FILE *f, int m, const struct cell *x, int bold)
{
	fputs(" ", f);
	if (!x->ok) {
		fputs("— |", f);
		return;
	}
	fprintf(f, "%s%s", bold ? "**" : "", num(x->val));
	if (!exact(m) && x->lo != x->hi)
		fprintf(f, " (%s–%s)", num(x->lo), num(x->hi));
	fprintf(f, "%s |", bold ? "**" : "");
}

/* A table's header: @first, then a column per group, the baseline's named. */
static void columns_header(FILE *f, const char *first,
			   const struct columns *cols)
{
	fprintf(f, "| %s |", first);
	for (int k = 0; k < cols->n; k++) {
		fputs(" ", f);
		md(f, set_name(cols->set[k], cols->size[k], " = "));
		fputs(cols->set[k][0] == baseline ? " (Linux 4.12) |" : " |", f);
	}
	fprintf(f, "\n|---:|");
	for (int k = 0; k < cols->n; k++)
		fprintf(f, "---:|");
	fprintf(f, "\n");
}

/* ---- Introduction ------------------------------------------------------------ */

static void write_intro(FILE *f, const char *csv)
{
	const char *commit = meta_get("commit", NULL);

	fprintf(f, "# memblock benchmark report\n\n");
	fprintf(f, "Written by `tools/bench_report.c` from `%s` (%d lines: one per case and repetition) and its meta file, by `make bench` at commit %s; the plots by `tools/bench_plot.gp` from `summary.csv`. Every number below is computed from that data.\n\n",
		csv, nrows, commit ? commit : "(not recorded)");
	fprintf(f, "The benchmark times memblock's operations under every combination of two strategies, written *find/update*: how `memblock_find_in_range_node()` finds free memory (`linear`: Linux 4.12's walk; `binary`: the same walk started and stopped by binary search; `gaptree`: an index of the gaps between reserved regions) and how `memblock_add_range()` and `memblock_isolate_range()` find their window (`linear` or `binary`). **linear/linear is Linux 4.12's memblock, the baseline.** Every combination returns the same addresses and leaves the same arrays; the harness checks it at every call.\n\n");
	fprintf(f, "Modes:\n\n");
	for (int i = 0; i < modes.n; i++) {
		int m = modes.order[i];
		const char *reps = meta_get("reps", modes.s[m]);
		const char *cpu = meta_get("cpu", NULL);

		fprintf(f, "- `%s` (%s): %s %s run%s", modes.s[m], unit_of(m),
			mode_text(m), reps ? reps : "1",
			reps && strcmp(reps, "1") ? "s" : "");
		if (cpu)
			fprintf(f, ", pinned to CPU %s", cpu);
		fprintf(f, ".\n");
	}
	fprintf(f, "\nQEMU models no cache and no pipeline: in `icount` a cost is a number of instructions, not time. Only `host` has real caches.\n\n");
	fprintf(f, "How to read the tables:\n\n");
	fprintf(f, "- A value is the median of the samples after the warm-up (counter read cost subtracted); with several repetitions, the median of their medians, with their range in parentheses. `whole` is a mean per call.\n");
	fprintf(f, "- `a = b`, `gaptree/*`, `*/binary`: combinations whose `icount` figures for that op are identical (min, median, max and total): they run the same code. They are one column, one line in the plots, and never ranked against each other.\n");
	fprintf(f, "- `a ≈ b`: a tie. Two values are a tie when they differ by no more than the larger spread across repetitions, or than the counter's resolution; in `icount`, when they are equal. *all tie*: every group measured there ties with the cheapest.\n");
	fprintf(f, "- **Bold**: the cheapest at that N, and whatever ties with it. `×k` after a winner: Linux 4.12's value divided by the winner's.\n");
	fprintf(f, "- `<op>.first`: the first call on a freshly built state (an index built on first use shows there), reported on its own and not among the samples.\n\n");
}

/* ---- Conclusions -------------------------------------------------------------- */

/* A table's header: @first, then a column per N the cases ran at. */
static void n_header(FILE *f, int m, const char *first, const char *align)
{
	fprintf(f, "| %s |", first);
	for (int ni = 0; ni < nns; ni++)
		if (case_n(m, ni))
			fprintf(f, " %s |", num((double)ns[ni]));
	fprintf(f, "\n|---|");
	for (int ni = 0; ni < nns; ni++)
		if (case_n(m, ni))
			fprintf(f, "%s|", align);
	fprintf(f, "\n");
}

static void winners_table(FILE *f, int m)
{
	fprintf(f, "### Cheapest at each N: mode `%s` (%s)\n\n", modes.s[m],
		unit_of(m));
	n_header(f, m, "workload, op", "---");
	for (int j = 0; j < workloads.n; j++)
		for (int k = 0; k < ops.n; k++) {
			int w = workloads.order[j], o = ops.order[k];

			if (!listed_op(m, w, o))
				continue;
			fprintf(f, "| `%s` `%s` |", workloads.s[w], ops.s[o]);
			for (int ni = 0; ni < nns; ni++) {
				struct ranking r;

				if (!case_n(m, ni))
					continue;
				rank_at(m, w, o, ni, &r);
				fputs(" ", f);
				if (r.n)
					md(f, winners_text(&r, m, w, o, ni));
				else
					fputs("—", f);
				fputs(" |", f);
			}
			fprintf(f, "\n");
		}
	fprintf(f, "\n");
}

static void wins_count_table(FILE *f, int m)
{
	fprintf(f, "How often each combination is the cheapest or ties with it, mode `%s` (workload/op rows won of those measured at that N):\n\n",
		modes.s[m]);
	n_header(f, m, "combination", "---:");
	for (int i = 0; i < ncombos; i++) {
		int c = combo_order[i];

		fprintf(f, "| %s |", combo_name(c));
		for (int ni = 0; ni < nns; ni++) {
			int won = 0, rows = 0;

			if (!case_n(m, ni))
				continue;
			for (int w = 0; w < workloads.n; w++)
				for (int o = 0; o < ops.n; o++) {
					struct ranking r;

					if (!listed_op(m, w, o) ||
					    !has_case(m, w, o, ni))
						continue;
					rank_at(m, w, o, ni, &r);
					rows++;
					won += wins(&r, c);
				}
			fprintf(f, " %d/%d |", won, rows);
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
}

/*
 * The combination whose worst ratio to the cheapest, over every case
 * measured with two groups or more, is smallest (among those measured in
 * every such case).
 */
static void minimax(FILE *f, int m)
{
	double worst[MAX_COMBOS];
	int at_w[MAX_COMBOS], at_o[MAX_COMBOS], at_n[MAX_COMBOS];
	int covered[MAX_COMBOS] = { 0 }, cases = 0, pick = -1;

	for (int c = 0; c < ncombos; c++) {
		worst[c] = 1;
		at_w[c] = -1;
	}
	for (int w = 0; w < workloads.n; w++)
		for (int o = 0; o < ops.n; o++)
			for (int ni = 0; ni < nns; ni++) {
				struct ranking r;

				if (!listed_op(m, w, o))
					continue;
				rank_at(m, w, o, ni, &r);
				if (r.n < 2 || r.g[0].val <= 0)
					continue;
				cases++;
				for (int c = 0; c < ncombos; c++) {
					struct cell x = cell_at(m, w, o, ni, c);

					if (!x.ok)
						continue;
					covered[c]++;
					if (!wins(&r, c) && x.val / r.g[0].val > worst[c]) {
						worst[c] = x.val / r.g[0].val;
						at_w[c] = w;
						at_o[c] = o;
						at_n[c] = ni;
					}
				}
			}
	for (int i = 0; i < ncombos; i++) {
		int c = combo_order[i];

		if (covered[c] == cases && (pick < 0 || worst[c] < worst[pick]))
			pick = c;
	}
	if (!cases)
		return;
	if (pick < 0) {
		fprintf(f, "- Mode `%s`: no combination is measured in all %d cases (workload, op, N) with two or more groups, so none has a worst case to compare.\n",
			modes.s[m], cases);
		return;
	}
	fprintf(f, "- Mode `%s`: over the %d cases (workload, op, N) with two or more groups measured, the smallest worst case is %s's: ",
		modes.s[m], cases, combo_name(pick));
	if (at_w[pick] < 0)
		fprintf(f, "it is the cheapest, or ties with it, in every case.\n");
	else
		fprintf(f, "at most %s the cheapest (at `%s` `%s`, %s regions).\n",
			factor(worst[pick]), workloads.s[at_w[pick]],
			ops.s[at_o[pick]], num((double)ns[at_n[pick]]));
}

/* Do two modes rank alike, where both tell the values apart? */
static void agreement(FILE *f, int ma, int mb)
{
	int both = 0, decided = 0, same = 0, tie_a = 0, tie_b = 0, tie_ab = 0;
	int pairs = 0, pairs_same = 0;

	for (int w = 0; w < workloads.n; w++)
		for (int o = 0; o < ops.n; o++)
			for (int ni = 0; ni < nns; ni++) {
				struct ranking ra, rb;

				if (!listed_op(ma, w, o) || !listed_op(mb, w, o))
					continue;
				rank_at(ma, w, o, ni, &ra);
				rank_at(mb, w, o, ni, &rb);
				if (ra.n < 2 || rb.n < 2)
					continue;
				both++;
				tie_a += ra.nwin > 1;
				tie_b += rb.nwin > 1;
				tie_ab += ra.nwin > 1 && rb.nwin > 1;
				if (ra.nwin == 1 && rb.nwin == 1) {
					decided++;
					same += ra.g[0].rep == rb.g[0].rep;
				}
				for (int i = 0; i < ra.n; i++)
					for (int j = i + 1; j < ra.n; j++) {
						struct cell bi = cell_at(mb, w, o, ni, ra.g[i].rep);
						struct cell bj = cell_at(mb, w, o, ni, ra.g[j].rep);

						if (!bi.ok || !bj.ok ||
						    tied(ma, &ra.g[i], &ra.g[j]) ||
						    tied(mb, &bi, &bj))
							continue;
						pairs++;
						pairs_same += bi.val < bj.val;
					}
			}
	if (!both)
		return;
	fprintf(f, "- `%s` and `%s`: of the %d cases (workload, op, N) measured in both with two or more groups, %d are a tie for the cheapest in `%s`, %d in `%s` (%d in both). In the %d cases where both modes have one winner beyond noise, it is the same in %d. Of the %d pairs of combinations that differ beyond noise in both modes, %d are in the same order.\n",
		modes.s[ma], modes.s[mb], both, tie_a, modes.s[ma], tie_b,
		modes.s[mb], tie_ab, decided, same, pairs, pairs_same);
}

static void write_conclusions(FILE *f)
{
	int mi = name_index(&modes, "icount");

	fprintf(f, "## Conclusions\n\n");
	for (int i = 0; i < modes.n; i++)
		winners_table(f, modes.order[i]);
	fprintf(f, "### Counts\n\n");
	for (int i = 0; i < modes.n; i++)
		wins_count_table(f, modes.order[i]);
	fprintf(f, "### Worst cases and agreement between modes\n\n");
	for (int i = 0; i < modes.n; i++)
		minimax(f, modes.order[i]);
	for (int i = 0; mi >= 0 && i < modes.n; i++)
		if (modes.order[i] != mi)
			agreement(f, mi, modes.order[i]);
	fprintf(f, "\n");
}

/* ---- Targets ---------------------------------------------------------------------- */

static void met(FILE *f, int ok)
{
	fputs(ok ? "**met**" : "**NOT met**", f);
}

static int combo_named(const char *s)
{
	for (int c = 0; c < ncombos; c++)
		if (!strcmp(combo_name(c), s))
			return c;
	return -1;
}

/* The value a target reads: combination @name's, or the best's (its rep in *c). */
static struct cell target_cell(int m, int w, int o, int ni, const char *name,
			       int *c)
{
	struct ranking r;
	struct cell none = { 0 };

	*c = combo_named(name);
	if (*c >= 0)
		return cell_at(m, w, o, ni, *c);
	rank_at(m, w, o, ni, &r);
	if (!r.n)
		return none;
	*c = r.g[0].members[0];
	return r.g[0];
}

/* What a target asks, in words. */
static const char *required(const struct target *t)
{
	static char buf[200];

	if (!strcmp(t->kind, "at_most"))
		snprintf(buf, sizeof(buf), "≤ %s at %s regions",
			 num(strtod(t->value, NULL)), num((double)target_n));
	else if (!strcmp(t->kind, "growth"))
		snprintf(buf, sizeof(buf), "≤ %s× from %s to %s regions",
			 t->value, num((double)growth_from_n),
			 num((double)target_n));
	else if (!strcmp(t->kind, "no_worse"))
		snprintf(buf, sizeof(buf), "≤ %s's at %s regions", t->value,
			 num((double)target_n));
	else
		snprintf(buf, sizeof(buf), "≤ %s× Linux 4.12's, every combination, every N",
			 t->value);
	return buf;
}

/* The worst ratio of any combination to the baseline, over every N. */
static int worst_to_baseline(int m, int w, int o, double *worst, int *at,
			     int *wc)
{
	*worst = 0;
	*at = *wc = -1;
	for (int i = 0; i < nns; i++) {
		struct cell b = cell_at(m, w, o, i, baseline);

		for (int k = 0; b.ok && b.val > 0 && k < ncombos; k++) {
			struct cell z = cell_at(m, w, o, i, k);

			if (z.ok && z.val / b.val > *worst) {
				*worst = z.val / b.val;
				*at = i;
				*wc = k;
			}
		}
	}
	return *at >= 0;
}

static void target_row(FILE *f, int m, const struct target *t)
{
	int w = name_index(&workloads, t->wl), o = name_index(&ops, t->op);
	int ni = -1, n0 = -1, c = -1, at, wc;
	double limit = strtod(t->value, NULL), worst;
	struct cell x = { 0 }, y = { 0 };
	int ok;

	for (int i = 0; i < nns; i++) {
		ni = ns[i] == target_n ? i : ni;
		n0 = ns[i] == growth_from_n ? i : n0;
	}
	fprintf(f, "| `%s` `%s`, %s%s | %s | ", t->wl, t->op, t->combo,
		t->stretch ? " (stretch)" : "", required(t));
	if (m < 0 || w < 0 || o < 0) {
		fprintf(f, "not measured | — |\n");
		return;
	}
	if (!strcmp(t->kind, "baseline")) {
		if (baseline < 0 || !worst_to_baseline(m, w, o, &worst, &at, &wc)) {
			fprintf(f, "not measured | — |\n");
			return;
		}
		fprintf(f, "%s: %s at %s regions | ", combo_name(wc),
			factor(worst), num((double)ns[at]));
		ok = worst <= limit;
	} else {
		if (ni >= 0)
			x = target_cell(m, w, o, ni, t->combo, &c);
		if (!strcmp(t->kind, "growth") && x.ok && n0 >= 0)
			y = cell_at(m, w, o, n0, c);
		if (!strcmp(t->kind, "no_worse") && x.ok)
			y = cell_at(m, w, o, ni, combo_named(t->value));
		if (!x.ok || (strcmp(t->kind, "at_most") && (!y.ok || y.val <= 0))) {
			fprintf(f, "not measured | — |\n");
			return;
		}
		if (!strcmp(t->kind, "at_most")) {
			fprintf(f, "%s (%s) | ", num(x.val), combo_name(c));
			ok = x.val <= limit;
		} else if (!strcmp(t->kind, "growth")) {
			fprintf(f, "%s: %s to %s, %s | ", combo_name(c),
				num(y.val), num(x.val), factor(x.val / y.val));
			ok = x.val / y.val <= limit;
		} else {
			fprintf(f, "%s against %s | ", num(x.val), num(y.val));
			ok = x.val <= y.val || tied(m, &x, &y);
		}
	}
	met(f, ok);
	fprintf(f, " |\n");
}

static void write_targets(FILE *f)
{
	int m = name_index(&modes, target_mode);

	fprintf(f, "## Targets\n\n");
	fprintf(f, "From `bench/targets.txt` (issues 5 and 10), in mode `%s`; *best* is the cheapest combination there. Benchmark figures, not pass/fail tests.\n\n",
		target_mode);
	fprintf(f, "| target | required | measured | |\n|---|---|---|---|\n");
	for (int i = 0; i < ntargets; i++)
		target_row(f, m, &targets[i]);
	fprintf(f, "\n");
}

/* ---- One-off costs ---------------------------------------------------------------- */

/* Per workload and op, the first call that costs most against the samples after it. */
static void first_calls(FILE *f, int m)
{
	int any = 0;

	for (int w = 0; w < workloads.n; w++)
		for (int fo = 0; fo < ops.n; fo++) {
			char base[64];
			int o, best_c = -1, best_n = 0;
			double ratio = 0;
			struct cell bf = { 0 }, bs = { 0 };

			if (!is_first_op(fo) || !has_op(m, w, fo))
				continue;
			snprintf(base, sizeof(base), "%.*s",
				 (int)(strlen(ops.s[fo]) - 6), ops.s[fo]);
			o = op_named(base);
			for (int ni = 0; o >= 0 && ni < nns; ni++)
				for (int c = 0; c < ncombos; c++) {
					struct cell x = cell_at(m, w, fo, ni, c);
					struct cell y = cell_at(m, w, o, ni, c);

					if (x.ok && y.ok && y.val > 0 &&
					    x.val / y.val > ratio) {
						ratio = x.val / y.val;
						best_c = c;
						best_n = ni;
						bf = x;
						bs = y;
					}
				}
			if (best_c < 0)
				continue;
			if (!any++)
				fprintf(f, "First calls, mode `%s`: for each op, the case whose first call costs most against the median after it.\n\n| workload, op | combination | N | first call | median after | ratio |\n|---|---|---:|---:|---:|---:|\n",
					modes.s[m]);
			fprintf(f, "| `%s` `%s` | ", workloads.s[w], base);
			md(f, set_name(bf.members, bf.nmembers, " = "));
			fprintf(f, " | %s | %s | %s | %s |\n",
				num((double)ns[best_n]), num(bf.val),
				num(bs.val), factor(ratio));
		}
	if (any)
		fprintf(f, "\n");
}

/* dtbuild: the steady call, the whole build's mean and total, per N. */
static void whole_builds(FILE *f, int m)
{
	int w = name_index(&workloads, "dtbuild"), wo = op_named("whole");
	int bo = op_named("build");
	struct columns cols;

	if (w < 0 || wo < 0 || !has_op(m, w, wo))
		return;
	columns_of(m, w, wo, &cols);
	fprintf(f, "`dtbuild`, mode `%s`: median of the last calls of a build / mean of every call of a whole build / the whole build's total, in %s.\n\n",
		modes.s[m], unit_of(m));
	columns_header(f, "N", &cols);
	for (int ni = 0; ni < nns; ni++) {
		if (!has_case(m, w, wo, ni) && (bo < 0 || !has_case(m, w, bo, ni)))
			continue;
		fprintf(f, "| %s |", num((double)ns[ni]));
		for (int k = 0; k < cols.n; k++) {
			struct cell b = bo < 0 ? (struct cell){ 0 } :
				cell_at(m, w, bo, ni, cols.set[k][0]);
			struct cell x = cell_at(m, w, wo, ni, cols.set[k][0]);

			fprintf(f, " %s / ", b.ok ? num(b.val) : "—");
			if (x.ok)
				fprintf(f, "%s / %s |", num(x.val),
					num(x.val * (double)ns[ni] * 2));
			else
				fprintf(f, "— / — |");
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
}

static void doublings(FILE *f, int m)
{
	int w = name_index(&workloads, "dtbuild");

	for (int k = 0; w >= 0 && k < ops.n; k++) {
		int o = ops.order[k];
		struct columns cols;

		if (!is_double_op(o) || !has_op(m, w, o))
			continue;
		columns_of(m, w, o, &cols);
		fprintf(f, "`dtbuild` `%s`, mode `%s`: the call that doubled %s, by the array's new size, in %s.\n\n",
			ops.s[o], modes.s[m],
			!strcmp(ops.s[o], "double-both") ? "both arrays (the memory array's new home filled the reserved array)" :
			!strcmp(ops.s[o], "double-memory") ? "the memory array" : "the reserved array",
			unit_of(m));
		columns_header(f, "size", &cols);
		for (int ni = 0; ni < nns; ni++) {
			if (!has_case(m, w, o, ni))
				continue;
			fprintf(f, "| %s |", num((double)ns[ni]));
			for (int j = 0; j < cols.n; j++) {
				struct cell x = cell_at(m, w, o, ni, cols.set[j][0]);

				cell(f, m, &x, 0);
			}
			fprintf(f, "\n");
		}
		fprintf(f, "\n");
	}
}

static void write_oneoff(FILE *f)
{
	fprintf(f, "## One-off costs\n\n");
	fprintf(f, "What a median of steady calls leaves out: the first call on a freshly built state, a whole build, and the calls that double an array.\n\n");
	for (int i = 0; i < modes.n; i++) {
		int m = modes.order[i], any = 0;

		for (int w = 0; w < workloads.n; w++)
			for (int o = 0; o < ops.n; o++)
				any |= (is_first_op(o) || is_double_op(o) ||
					!strcmp(ops.s[o], "whole")) &&
				       has_op(m, w, o);
		if (!any)
			continue;
		fprintf(f, "### Mode `%s`\n\n", modes.s[m]);
		first_calls(f, m);
		whole_builds(f, m);
		doublings(f, m);
	}
}

/* ---- Skipped cases, the gap index's memory, the environment ------------------------- */

/*
 * The cases skipped and why, one row per case and reason, with the modes
 * that gave it (the host's area differs a little from QEMU's).
 */
static void write_skipped(FILE *f)
{
	int any = 0;

	fprintf(f, "## Cases not measured\n\n");
	for (int i = 0; i < modes.n; i++)
		for (int k = 0; k < meta_count(); k++) {
			int m = modes.order[i], used = 0, seen = 0;
			const char *v = meta_field(k, "skip", modes.s[m]);
			char wl[64], op[64];
			long n;

			if (!v || sscanf(v, "%63s %63s %ld %n", wl, op, &n, &used) < 3 ||
			    !used)
				continue;
			/* shown already, with an earlier mode? */
			for (int j = 0; j < i && !seen; j++)
				for (int l = 0; l < meta_count() && !seen; l++) {
					const char *u = meta_field(l, "skip",
								   modes.s[modes.order[j]]);

					seen = u && !strcmp(u, v);
				}
			if (seen)
				continue;
			if (!any++)
				fprintf(f, "A case whose layout is not what its workload's name says at that N and in this memory is skipped, never reported; so are whole builds that would take too long:\n\n| modes | workload, op | N | why |\n|---|---|---:|---|\n");
			fprintf(f, "| `%s`", modes.s[m]);
			for (int j = i + 1; j < modes.n; j++)
				for (int l = 0; l < meta_count(); l++) {
					const char *u = meta_field(l, "skip",
								   modes.s[modes.order[j]]);

					if (u && !strcmp(u, v)) {
						fprintf(f, ", `%s`", modes.s[modes.order[j]]);
						break;
					}
				}
			fprintf(f, " | `%s` `%s` | %s | ", wl, op, num((double)n));
			md(f, v + used);
			fprintf(f, " |\n");
		}
	fprintf(f, any ? "\n" : "None: every layout held at every N.\n\n");
}

struct index_memory {
	long n, max;
	double used, own;
};

static int cmp_memory(const void *a, const void *b)
{
	long x = ((const struct index_memory *)a)->n;
	long y = ((const struct index_memory *)b)->n;

	return (x > y) - (x < y);
}

static void write_memory(FILE *f)
{
	struct index_memory *v = NULL;
	int nv = 0, from = -1;

	fprintf(f, "## The gap index's memory (gaptree)\n\n");
	for (int i = 0; i < modes.n && !nv; i++)
		for (int k = 0; k < meta_count(); k++) {
			const char *l = meta_field(k, "gaptree_memory",
						   modes.s[modes.order[i]]);
			struct index_memory e;

			if (!l || sscanf(l, "%ld %lf %lf %ld", &e.n, &e.used,
					 &e.own, &e.max) != 4 || e.n <= 0)
				continue;
			v = realloc(v, (size_t)(nv + 1) * sizeof(*v));
			if (!v)
				die("out of memory");
			v[nv++] = e;
			from = modes.order[i];
		}
	if (!nv) {
		fprintf(f, "Not measured: the meta file has no `gaptree_memory` lines.\n\n");
		return;
	}
	qsort(v, (size_t)nv, sizeof(*v), cmp_memory);
	fprintf(f, "On the spread layout at each N, from mode `%s`: the bytes the index uses (`memblock_gaptree_bytes()`), and how many more bytes memblock reserves under gaptree than under linear when only gaptree keeps the index: the index's own reservation, in the dump; 0 if it lives outside memblock.\n\n| N | reserved.max | index bytes | bytes per region | its reservation | where |\n|---:|---:|---:|---:|---:|---|\n",
		modes.s[from]);
	for (int i = 0; i < nv; i++)
		fprintf(f, "| %s | %s | %s | %s | %s | %s |\n", num((double)v[i].n),
			num((double)v[i].max), num(v[i].used),
			num(round(v[i].used / v[i].n * 10) / 10), num(v[i].own),
			v[i].own > 0 ? "a memblock reservation" :
				       "outside memblock (a static table)");
	fprintf(f, "\n");
	free(v);
}

static void env_row(FILE *f, const char *label, const char *key,
		    const char *mode)
{
	const char *v = meta_get(key, mode);

	fprintf(f, "| %s | ", label);
	md(f, v ? v : "not recorded");
	fprintf(f, " |\n");
}

static void write_environment(FILE *f)
{
	fprintf(f, "## Environment\n\n| | |\n|---|---|\n");
	env_row(f, "QEMU", "qemu", NULL);
	env_row(f, "OpenSBI", "opensbi", NULL);
	env_row(f, "Compiler (payload)", "cc", NULL);
	env_row(f, "Compiler (host)", "host_cc", NULL);
	env_row(f, "Host CPU", "cpu_model", NULL);
	env_row(f, "Pinned to CPU", "cpu", NULL);
	env_row(f, "Guest memory", "guest_memory", NULL);
	env_row(f, "Commit", "commit", NULL);
	env_row(f, "mm/ tree", "tree_mm", NULL);
	env_row(f, "bench/ tree", "tree_bench", NULL);
	env_row(f, "Date", "date", NULL);
	fprintf(f, "\n| mode | counter | resolution (smallest step, unit step) | read cost | samples | warm-up | repetitions | seconds |\n|---|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < modes.n; i++) {
		const char *mode = modes.s[modes.order[i]];
		const char *keys[] = { "counters", "resolution",
				       "counter_overhead", "samples", "warmup",
				       "reps", "seconds" };

		fprintf(f, "| `%s` |", mode);
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			const char *v = meta_get(keys[k], mode);

			fputs(" ", f);
			md(f, v ? v : "—");
			fputs(" |", f);
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
}

/* ---- Per mode: the tables ------------------------------------------------------- */

static void op_table(FILE *f, int m, int w, int o, const char *what)
{
	struct columns cols;

	columns_of(m, w, o, &cols);
	fprintf(f, "#### `%s` `%s`: %s, %s\n\n", workloads.s[w], ops.s[o],
		what, unit_of(m));
	columns_header(f, "N", &cols);
	for (int ni = 0; ni < nns; ni++) {
		struct ranking r;

		if (!has_case(m, w, o, ni))
			continue;
		rank_at(m, w, o, ni, &r);
		fprintf(f, "| %s |", num((double)ns[ni]));
		for (int k = 0; k < cols.n; k++) {
			struct cell x = cell_at(m, w, o, ni, cols.set[k][0]);

			cell(f, m, &x, r.n > 1 && wins(&r, cols.set[k][0]));
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
}

static void write_mode(FILE *f, int m)
{
	fprintf(f, "## Mode `%s`: %s\n\n%s\n\n", modes.s[m], unit_of(m),
		mode_text(m));
	for (int j = 0; j < workloads.n; j++) {
		int w = workloads.order[j], any = 0;

		for (int o = 0; o < ops.n; o++)
			any |= has_op(m, w, o);
		if (!any)
			continue;
		fprintf(f, "### `%s` (mode `%s`)\n\n%s\n\n", workloads.s[w],
			modes.s[m], workload_text(w));
		for (int k = 0; k < ops.n; k++)
			if (plotted(m, w, ops.order[k]))
				fprintf(f, "![%s](%s.svg)\n\n",
					plot_name(m, w, ops.order[k]),
					plot_name(m, w, ops.order[k]));
		for (int k = 0; k < ops.n; k++) {
			int o = ops.order[k];

			if (!listed_op(m, w, o))
				continue;
			op_table(f, m, w, o, strcmp(ops.s[o], "whole") ?
				 "median per call" : "mean per call");
		}
		for (int k = 0; k < ops.n; k++)
			if (is_first_op(ops.order[k]) && has_op(m, w, ops.order[k]))
				op_table(f, m, w, ops.order[k],
					 "the first call on a fresh state");
	}
}

void write_report(const char *outdir, const char *csv)
{
	char path[4200], tmp[4200];
	FILE *f = out_file(outdir, "bench.md.tmp", tmp, sizeof(tmp));

	snprintf(path, sizeof(path), "%s/bench.md", outdir);
	write_intro(f, csv);
	write_conclusions(f);
	write_targets(f);
	write_oneoff(f);
	write_skipped(f);
	write_memory(f);
	for (int i = 0; i < modes.n; i++)
		write_mode(f, modes.order[i]);
	write_environment(f);
	close_file(f, tmp);
	if (rename(tmp, path))
		die("%s: %s", path, strerror(errno));
}

/* ---- summary.csv: what the plots draw ---------------------------------------------- */

/* A plot line's name: no spaces or commas, which the plot script splits on. */
static const char *line_name(const int *set, int n)
{
	static char buf[160];
	const char *s = set_name(set, n, "=");

	snprintf(buf, sizeof(buf), "%s", s);
	return buf;
}

void write_summary(const char *outdir)
{
	char path[4200];
	FILE *f = out_file(outdir, "summary.csv", path, sizeof(path));

	fprintf(f, "plot,unit,line,regions,value,min,max\n");
	for (int i = 0; i < modes.n; i++)
		for (int j = 0; j < workloads.n; j++)
			for (int k = 0; k < ops.n; k++) {
				int m = modes.order[i], w = workloads.order[j];
				int o = ops.order[k];
				struct columns cols;

				if (!plotted(m, w, o))
					continue;
				columns_of(m, w, o, &cols);
				for (int c = 0; c < cols.n; c++)
					for (int ni = 0; ni < nns; ni++) {
						struct cell x = cell_at(m, w, o, ni,
									cols.set[c][0]);

						if (!x.ok || x.val <= 0)
							continue;
						fprintf(f, "%s,%s,%s,%ld,%.17g,%.17g,%.17g\n",
							plot_name(m, w, o),
							unit_of(m),
							line_name(cols.set[c], cols.size[c]),
							ns[ni], x.val,
							x.min > 0 ? x.min : x.val,
							x.max);
					}
			}
	close_file(f, path);
}

/* ---- README's table --------------------------------------------------------------- */

void write_readme_table(FILE *f)
{
	static const char *const shown[] = {
		"linear/linear", "binary/binary", "gaptree/binary"
	};
	int m = name_index(&modes, target_mode), ni = -1;
	long n;

	/* the targets' N, or the largest measured (make bench QUICK=1) */
	for (int i = 0; m >= 0 && i < nns; i++)
		if (case_n(m, i) && (ni < 0 || ns[ni] != target_n))
			ni = i;
	if (m < 0 || ni < 0)
		die("no %s data for README's table", target_mode);
	n = ns[ni];
	fprintf(f, "Median %s per call at %s regions under `%s`, from `reports/bench.csv` (commit %s):\n\n",
		unit_of(m), num((double)n), target_mode,
		meta_get("commit", NULL) ? meta_get("commit", NULL) : "not recorded");
	fprintf(f, "| workload, op | Linux 4.12 (linear/linear) | binary/binary | gaptree/binary | cheapest |\n");
	fprintf(f, "| --- | ---: | ---: | ---: | --- |\n");
	for (int j = 0; j < workloads.n; j++)
		for (int k = 0; k < ops.n; k++) {
			int w = workloads.order[j], o = ops.order[k];
			struct ranking r;

			if (!plotted(m, w, o) || !strcmp(ops.s[o], "find") ||
			    !has_case(m, w, o, ni))
				continue;
			fprintf(f, "| `%s` %s |", workloads.s[w], ops.s[o]);
			for (int s = 0; s < 3; s++) {
				int c = combo_named(shown[s]);
				struct cell x = c < 0 ? (struct cell){ 0 } :
					cell_at(m, w, o, ni, c);

				fprintf(f, " %s |", x.ok ? num(x.val) : "—");
			}
			rank_at(m, w, o, ni, &r);
			fputs(" ", f);
			if (r.n)
				md(f, winners_text(&r, m, w, o, ni));
			else
				fputs("not measured", f);
			fputs(" |\n", f);
		}
}
