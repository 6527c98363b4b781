/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TOOLS_BENCH_REPORT_H
#define TOOLS_BENCH_REPORT_H

/*
 * bench_report's two halves: tools/bench_report.c reads and checks the CSV,
 * meta.txt and the targets, folds repetitions and ranks combinations;
 * tools/bench_report_md.c writes bench.md, summary.csv and README's table
 * from that.
 */

#include <stdio.h>

#define MAX_COMBOS	16
#define MAX_REPS	64

struct names {
	const char *const *known;	/* this order first, then first seen */
	char **s;
	int n;
	int *order;			/* indices sorted for listing */
};

extern struct names modes, workloads, finds, updates, ops;
extern int combo_find[MAX_COMBOS], combo_update[MAX_COMBOS], ncombos;
extern int *combo_order;		/* the baseline first */
extern int baseline;			/* linear/linear, or -1 */
extern long *ns;			/* every N in the CSV, ascending */
extern int nns;
extern int nrows;

int name_index(const struct names *t, const char *s);
int is_first_op(int o);
int is_double_op(int o);
int has_op(int m, int w, int o);
int has_case(int m, int w, int o, int ni);

/* One combination's group of identical code at one point, in one mode. */
struct cell {
	int ok, rep;			/* measured; the group's representative */
	int members[MAX_COMBOS], nmembers;
	double val, lo, hi;		/* median of the repetitions, their range */
	double min, max, mean;		/* over every sample */
};

struct cell cell_at(int m, int w, int o, int ni, int c);

/* The groups measured at one point, cheapest first; the first nwin tie. */
struct ranking {
	struct cell g[MAX_COMBOS];
	int n, nwin;
};

void rank_at(int m, int w, int o, int ni, struct ranking *r);
int wins(const struct ranking *r, int c);
int tied(int m, const struct cell *a, const struct cell *b);
/* The winners of a ranking, and Linux 4.12's cost over theirs. */
const char *winners_text(const struct ranking *r, int m, int w, int o,
			 int ni);

/* Columns of a table (lines of a plot): combinations identical at every N. */
struct columns {
	int set[MAX_COMBOS][MAX_COMBOS], size[MAX_COMBOS], n;
};

void columns_of(int m, int w, int o, struct columns *cols);

/* meta.txt */
const char *meta_get(const char *key, const char *mode);
int meta_count(void);
const char *meta_field(int i, const char *key, const char *mode);

/* bench/targets.txt */
struct target {
	char kind[16], wl[32], op[32], combo[32], value[32];
	int stretch;
};

extern struct target *targets;
extern int ntargets;
extern const char *target_mode;
extern long target_n, growth_from_n;

/* Words and numbers. */
const char *unit_of(int m);
int exact(int m);
double resolution(int m);
const char *num(double v);
const char *factor(double r);
const char *combo_name(int c);
const char *set_name(const int *set, int n, const char *sep);

void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* tools/bench_report_md.c */
void write_report(const char *outdir, const char *csv);
void write_summary(const char *outdir);
void write_readme_table(FILE *f);

#endif /* TOOLS_BENCH_REPORT_H */
