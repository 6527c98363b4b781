// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench_report: check the benchmark's CSV and write the tables users read
 * to choose memblock's strategies.
 *
 *	bench_report <bench.csv> <meta.txt> <targets.txt> <outdir>
 *	bench_report --readme <bench.csv> <meta.txt> <targets.txt>
 *
 * The first form writes <outdir>/bench.md (the report) and
 * <outdir>/summary.csv (one line per plotted point, which
 * tools/bench_plot.gp draws); the second prints README.md's table.
 *
 * bench.csv has one line per case and repetition (tools/bench.sh):
 * mode, rep, workload, find, update, regions, op, samples, and the min,
 * median, max and total of the samples, in the mode's unit.  It is checked
 * strictly before anything is written: the exact header, 12 fields, no
 * carriage return, names of [A-Za-z0-9_.+-], whole numbers, min <= median
 * <= max, a total that samples of them can make, no case twice.  Any fault
 * stops the run naming the file and line.  meta.txt is free text (`key
 * value...` lines); targets.txt is bench/targets.txt, checked like the CSV.
 *
 * What the report computes, and nothing else:
 *  - repetitions folded: a case's value is the median of its repetitions'
 *    medians (means, for dtbuild's whole build), its spread their range;
 *  - identical code: combinations whose icount figures are identical
 *    (min, median, max and total) run the same instructions for that op;
 *    they are one column and one line, never ranked against each other;
 *  - ties: two values whose difference is no larger than the larger
 *    spread across repetitions (or the counter's resolution) are a tie;
 *  - the winners at each N, the targets, the one-off costs, agreement
 *    between modes counted only where both modes tell values apart.
 *
 * Exit status: 0 on success, 1 on bad input or a failed write, 2 on a
 * usage error.  C99 plus POSIX getline; libc and libm.
 */

#define _XOPEN_SOURCE 700

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tools/bench_report.h"

#define CSV_HEADER	"mode,rep,workload,find,update,regions,op,samples," \
			"min,median,max,total"
#define CSV_FIELDS	12
#define MAX_VALUE	1e15		/* no op costs this much; a bug does */

/* ---- Errors and memory -------------------------------------------------- */

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("bench_report: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

/* ---- Names, interned, in the order the report lists them ---------------- */

static const char *const known_modes[] = { "icount", "tcg", "host", NULL };
static const char *const known_workloads[] = {
	"limit", "topfit", "frag", "dtbuild", "churn", "pair-limit",
	"pair-frag", "lifo", "scatter", NULL
};
static const char *const known_finds[] = { "linear", "binary", "gaptree", NULL };
static const char *const known_updates[] = { "linear", "binary", NULL };
static const char *const known_ops[] = {
	"find", "find.first", "pair", "pair.first", "seq", "seq.first",
	"alloc", "alloc.first", "free", "free.first", "reserve",
	"reserve.first", "build", "build.first", "whole", "double-both",
	"double-memory", "double-reserved", NULL
};

struct names modes = { .known = known_modes };
struct names workloads = { .known = known_workloads };
struct names finds = { .known = known_finds };
struct names updates = { .known = known_updates };
struct names ops = { .known = known_ops };

int name_index(const struct names *t, const char *s)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->s[i], s))
			return i;
	return -1;
}

static int name_add(struct names *t, const char *s)
{
	int i = name_index(t, s);

	if (i >= 0)
		return i;
	t->s = xrealloc(t->s, (size_t)(t->n + 1) * sizeof(*t->s));
	t->s[t->n] = xstrdup(s);
	return t->n++;
}

static int rank_of(const struct names *t, int i)
{
	for (int k = 0; t->known[k]; k++)
		if (!strcmp(t->known[k], t->s[i]))
			return k;
	return 1000 + i;
}

static void sort_names(struct names *t)
{
	t->order = xrealloc(NULL, (size_t)t->n * sizeof(int));
	for (int i = 0; i < t->n; i++) {
		int j = i;

		for (; j > 0 && rank_of(t, t->order[j - 1]) > rank_of(t, i); j--)
			t->order[j] = t->order[j - 1];
		t->order[j] = i;
	}
}

/* ---- The CSV --------------------------------------------------------------- */

struct row {
	int mode, rep, wl, combo, op;
	long n, samples, line;
	double min, median, max, total;
};

static struct row *rows;
int nrows;
int combo_find[MAX_COMBOS], combo_update[MAX_COMBOS], ncombos;
int baseline = -1;			/* linear/linear */

static const char *const field_names[CSV_FIELDS] = {
	"mode", "rep", "workload", "find", "update", "regions", "op",
	"samples", "min", "median", "max", "total",
};

static int is_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.+-", *s))
			return 0;
	return 1;
}

/* A whole number below MAX_VALUE, digits only. */
static int parse_whole(const char *s, double *out)
{
	char *end;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 15)
		return 0;
	*out = (double)strtoull(s, &end, 10);
	return *out < MAX_VALUE;
}

static int combo_add(int f, int u, const char *path, long line)
{
	for (int c = 0; c < ncombos; c++)
		if (combo_find[c] == f && combo_update[c] == u)
			return c;
	if (ncombos == MAX_COMBOS)
		die("%s:%ld: more than %d find/update combinations", path, line,
		    MAX_COMBOS);
	combo_find[ncombos] = f;
	combo_update[ncombos] = u;
	return ncombos++;
}

static void parse_row(const char *path, long line, char *text)
{
	char *f[CSV_FIELDS];
	double v[CSV_FIELDS];
	int nf = 0;
	struct row r = { .line = line };

	for (char *p = text;; p++) {
		if (nf < CSV_FIELDS)
			f[nf] = p;
		nf++;
		p = strchr(p, ',');
		if (!p)
			break;
		*p = '\0';
	}
	if (nf != CSV_FIELDS)
		die("%s:%ld: %d fields, expected %d (%s)", path, line, nf,
		    CSV_FIELDS, CSV_HEADER);
	for (int i = 0; i < CSV_FIELDS; i++) {
		int numeric = i == 1 || i == 5 || i >= 7;

		if (numeric && !parse_whole(f[i], &v[i]))
			die("%s:%ld: %s \"%s\" is not a whole number", path,
			    line, field_names[i], f[i]);
		if (!numeric && !is_name(f[i]))
			die("%s:%ld: %s \"%s\" is not a name ([A-Za-z0-9_.+-]+)",
			    path, line, field_names[i], f[i]);
	}
	r.rep = (int)v[1];
	r.n = (long)v[5];
	r.samples = (long)v[7];
	r.min = v[8];
	r.median = v[9];
	r.max = v[10];
	r.total = v[11];
	if (r.n < 1 || r.samples < 1 || r.rep < 1 || r.rep > MAX_REPS)
		die("%s:%ld: regions and samples must be at least 1, rep 1 to %d",
		    path, line, MAX_REPS);
	if (r.min > r.median || r.median > r.max)
		die("%s:%ld: min <= median <= max does not hold", path, line);
	if (r.total < r.min * r.samples || r.total > r.max * r.samples)
		die("%s:%ld: total %s is not the sum of %ld samples between min and max",
		    path, line, f[11], r.samples);
	r.mode = name_add(&modes, f[0]);
	r.wl = name_add(&workloads, f[2]);
	r.combo = combo_add(name_add(&finds, f[3]), name_add(&updates, f[4]),
			    path, line);
	r.op = name_add(&ops, f[6]);
	for (int i = 0; i < nrows; i++) {
		const struct row *o = &rows[i];

		if (o->mode == r.mode && o->rep == r.rep && o->wl == r.wl &&
		    o->combo == r.combo && o->op == r.op && o->n == r.n)
			die("%s:%ld: the same case as line %ld", path, line,
			    o->line);
	}
	rows = xrealloc(rows, (size_t)(nrows + 1) * sizeof(*rows));
	rows[nrows++] = r;
}

static void load_csv(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;
	long line = 0;

	if (!f)
		die("%s: %s", path, strerror(errno));
	while ((len = getline(&text, &cap, f)) != -1) {
		line++;
		if (len && text[len - 1] == '\n')
			text[--len] = '\0';
		if (strchr(text, '\r'))
			die("%s:%ld: a carriage return: the CSV must end lines with \\n alone",
			    path, line);
		if (line == 1) {
			if (strcmp(text, CSV_HEADER))
				die("%s:1: wrong header \"%s\", expected \"%s\"",
				    path, text, CSV_HEADER);
			continue;
		}
		if (len)
			parse_row(path, line, text);
	}
	if (ferror(f))
		die("%s: %s", path, strerror(errno));
	fclose(f);
	free(text);
	if (!line)
		die("%s: empty, expected the header \"%s\"", path, CSV_HEADER);
	if (!nrows)
		die("%s: no data after the header", path);
}

/* ---- Cases: a case's repetitions folded ----------------------------------- */

struct kase {
	int reps;
	double val[MAX_REPS];		/* each repetition's median (or mean) */
	double min, max, total;
	long samples;
};

long *ns;
int nns;
static struct kase *cases;		/* dense: see case_at() */
int *combo_order;

int is_first_op(int o)
{
	const char *s = ops.s[o];
	size_t l = strlen(s);

	return l > 6 && !strcmp(s + l - 6, ".first");
}

int is_double_op(int o)
{
	return !strncmp(ops.s[o], "double-", 7);
}

/* dtbuild's whole build is compared by its mean per call. */
static int is_mean_op(int o)
{
	return !strcmp(ops.s[o], "whole");
}

static struct kase *case_at(int m, int w, int o, int ni, int c)
{
	size_t k = ((((size_t)m * workloads.n + w) * ops.n + o) * nns + ni) *
		   ncombos + c;

	return cases[k].reps ? &cases[k] : NULL;
}

static int n_index(long n)
{
	for (int i = 0; i < nns; i++)
		if (ns[i] == n)
			return i;
	return -1;
}

static void fold_rows(void)
{
	size_t size;

	for (int i = 0; i < nrows; i++) {
		int j = nns;

		if (n_index(rows[i].n) >= 0)
			continue;
		ns = xrealloc(ns, (size_t)(nns + 1) * sizeof(*ns));
		for (; j > 0 && ns[j - 1] > rows[i].n; j--)
			ns[j] = ns[j - 1];
		ns[j] = rows[i].n;
		nns++;
	}
	size = (size_t)modes.n * workloads.n * ops.n * nns * ncombos;
	cases = xrealloc(NULL, size * sizeof(*cases));
	memset(cases, 0, size * sizeof(*cases));
	for (int i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		size_t k = ((((size_t)r->mode * workloads.n + r->wl) * ops.n +
			     r->op) * nns + n_index(r->n)) * ncombos + r->combo;
		struct kase *c = &cases[k];

		if (!c->reps || r->min < c->min)
			c->min = r->min;
		if (!c->reps || r->max > c->max)
			c->max = r->max;
		c->val[c->reps++] = is_mean_op(r->op) ? r->total / r->samples :
							  r->median;
		c->total += r->total;
		c->samples += r->samples;
	}

	sort_names(&modes);
	sort_names(&workloads);
	sort_names(&ops);
	combo_order = xrealloc(NULL, (size_t)ncombos * sizeof(int));
	for (int i = 0; i < ncombos; i++) {
		int j = i, key = rank_of(&finds, combo_find[i]) * 2000 +
				 rank_of(&updates, combo_update[i]);

		for (; j > 0; j--) {
			int p = combo_order[j - 1];

			if (rank_of(&finds, combo_find[p]) * 2000 +
			    rank_of(&updates, combo_update[p]) <= key)
				break;
			combo_order[j] = p;
		}
		combo_order[j] = i;
	}
	for (int c = 0; c < ncombos; c++)
		if (!strcmp(finds.s[combo_find[c]], "linear") &&
		    !strcmp(updates.s[combo_update[c]], "linear"))
			baseline = c;
	if (baseline >= 0) {		/* the baseline first */
		int j = 0;

		while (combo_order[j] != baseline)
			j++;
		memmove(combo_order + 1, combo_order, (size_t)j * sizeof(int));
		combo_order[0] = baseline;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median_of(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- meta.txt: `key value...` lines ----------------------------------------- */

struct meta {
	char *key, *value;
};

static struct meta *meta;
static int nmeta;

static void load_meta(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f)
		die("%s: %s", path, strerror(errno));
	while ((len = getline(&text, &cap, f)) != -1) {
		char *p = text, *v;

		while (len > 0 && isspace((unsigned char)text[len - 1]))
			text[--len] = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			continue;
		v = p + strcspn(p, " \t");
		if (*v)
			*v++ = '\0';
		while (isspace((unsigned char)*v))
			v++;
		meta = xrealloc(meta, (size_t)(nmeta + 1) * sizeof(*meta));
		meta[nmeta].key = xstrdup(p);
		meta[nmeta++].value = xstrdup(v);
	}
	if (ferror(f))
		die("%s: %s", path, strerror(errno));
	fclose(f);
	free(text);
}

/*
 * The value of line @i if its key is @key (with @mode: if its value starts
 * with the word @mode, the rest); else NULL.
 */
static const char *meta_line(int i, const char *key, const char *mode)
{
	const char *v = meta[i].value;
	size_t l;

	if (strcmp(meta[i].key, key))
		return NULL;
	if (!mode)
		return v;
	l = strlen(mode);
	if (strncmp(v, mode, l) || (v[l] && !isspace((unsigned char)v[l])))
		return NULL;
	for (v += l; isspace((unsigned char)*v); v++)
		;
	return v;
}

/* The distinct values of @key (for @mode), joined by "; "; or NULL. */
const char *meta_get(const char *key, const char *mode)
{
	static char buf[8][1024];
	static int k;
	char *out = buf[k++ % 8];
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < nmeta; i++) {
		const char *v = meta_line(i, key, mode);
		int seen = 0;

		for (int j = 0; v && j < i; j++) {
			const char *u = meta_line(j, key, mode);

			seen |= u && !strcmp(u, v);
		}
		if (!v || seen || used + strlen(v) + 3 >= sizeof(buf[0]))
			continue;
		used += (size_t)sprintf(out + used, "%s%s", used ? "; " : "", v);
	}
	return used ? out : NULL;
}

int meta_count(void)
{
	return nmeta;
}

/* Line @i's value (after the word @mode, if given) if its key is @key. */
const char *meta_field(int i, const char *key, const char *mode)
{
	return meta_line(i, key, mode);
}

/* ---- Units and words ------------------------------------------------------ */

const char *unit_of(int m)
{
	if (!strcmp(modes.s[m], "icount"))
		return "instructions";
	if (!strcmp(modes.s[m], "tcg"))
		return "rdcycle ticks";
	if (!strcmp(modes.s[m], "host"))
		return "TSC ticks";
	return "counter ticks";
}

/* Exact modes have no noise: any difference is real. */
int exact(int m)
{
	return !strcmp(modes.s[m], "icount");
}

/* The counter's resolution, for ties: its unit step (meta `resolution`). */
double resolution(int m)
{
	double r = 0;

	if (exact(m))
		return 0;
	for (int i = 0; i < nmeta; i++) {
		const char *v = meta_line(i, "resolution", modes.s[m]);
		double unit;

		if (v && sscanf(v, "%*f %lf", &unit) == 1 && unit > r)
			r = unit;
	}
	return r;
}

static const char *fmt_buf(void)
{
	static char buf[32][96];
	static int k;

	return buf[k++ % 32];
}

/* @v rounded as the report shows it, with a comma every three digits. */
const char *num(double v)
{
	char tmp[64], *out = (char *)fmt_buf(), *o = out;
	const char *p = tmp;
	size_t digits;

	if (isnan(v))
		return "—";
	snprintf(tmp, sizeof(tmp), "%.*f", v != floor(v) && v < 100 ? 1 : 0,
		 v);
	digits = strspn(p, "0123456789");
	for (size_t i = 0; i < digits; i++) {
		*o++ = *p++;
		if (i + 1 < digits && (digits - i - 1) % 3 == 0)
			*o++ = ',';
	}
	strcpy(o, p);
	return out;
}

const char *factor(double r)
{
	char *out = (char *)fmt_buf();

	snprintf(out, 96, "%s×", r >= 100 ? num(round(r)) : "");
	if (r < 100)
		snprintf(out, 96, "%.*f×", r >= 10 ? 1 : 2, r);
	return out;
}

const char *combo_name(int c)
{
	char *out = (char *)fmt_buf();

	snprintf(out, 96, "%s/%s", finds.s[combo_find[c]],
		 updates.s[combo_update[c]]);
	return out;
}

/*
 * A set of combinations that run identical code: "gaptree/" and a star
 * for every update path with that find, a star and "/binary" for every
 * find with that update, two stars for all, or their names joined by @sep.
 */
const char *set_name(const int *set, int n, const char *sep)
{
	char *out = (char *)fmt_buf();
	int f = combo_find[set[0]], u = combo_update[set[0]];
	int same_f = 1, same_u = 1, all_f = 0, all_u = 0;

	for (int i = 1; i < n; i++) {
		same_f &= combo_find[set[i]] == f;
		same_u &= combo_update[set[i]] == u;
	}
	for (int c = 0; c < ncombos; c++) {
		all_f += combo_update[c] == u;
		all_u += combo_find[c] == f;
	}
	if (n == ncombos && n > 1)
		return "*/*";
	if (n > 1 && same_u && n == all_f) {
		snprintf(out, 96, "*/%s", updates.s[u]);
		return out;
	}
	if (n > 1 && same_f && n == all_u) {
		snprintf(out, 96, "%s/*", finds.s[f]);
		return out;
	}
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		snprintf(out + strlen(out), 96 - strlen(out), "%s%s",
			 i ? sep : "", combo_name(set[i]));
	return out;
}

/* ---- Identical code, cells, ties and winners -------------------------------- */

static int *same;		/* (w, o, ni, c) -> representative combination */

static int *same_at(int w, int o, int ni, int c)
{
	return &same[(((size_t)w * ops.n + o) * nns + ni) * ncombos + c];
}

/*
 * Combinations with identical icount figures (min, median, max, total and
 * samples) for an op at an N ran the same instructions: the same code.
 */
static void find_identical(void)
{
	int mi = name_index(&modes, "icount");
	size_t size = (size_t)workloads.n * ops.n * nns * ncombos;

	same = xrealloc(NULL, size * sizeof(*same));
	for (int w = 0; w < workloads.n; w++)
		for (int o = 0; o < ops.n; o++)
			for (int ni = 0; ni < nns; ni++)
				for (int i = 0; i < ncombos; i++) {
					int c = combo_order[i];
					const struct kase *a = mi < 0 ? NULL :
						case_at(mi, w, o, ni, c);

					*same_at(w, o, ni, c) = c;
					for (int j = 0; a && j < i; j++) {
						int d = combo_order[j];
						const struct kase *b =
							case_at(mi, w, o, ni, d);

						if (b && b->min == a->min &&
						    b->max == a->max &&
						    b->total == a->total &&
						    b->samples == a->samples &&
						    b->val[0] == a->val[0]) {
							*same_at(w, o, ni, c) =
								*same_at(w, o, ni, d);
							break;
						}
					}
				}
}

struct cell cell_at(int m, int w, int o, int ni, int c)
{
	struct cell x = { 0 };
	double pool[MAX_COMBOS * MAX_REPS], total = 0;
	int np = 0;
	long samples = 0;

	x.rep = *same_at(w, o, ni, c);
	for (int i = 0; i < ncombos; i++) {
		int d = combo_order[i];
		const struct kase *k = case_at(m, w, o, ni, d);

		if (!k || *same_at(w, o, ni, d) != x.rep)
			continue;
		x.members[x.nmembers++] = d;
		for (int r = 0; r < k->reps; r++)
			pool[np++] = k->val[r];
		if (!x.ok || k->min < x.min)
			x.min = k->min;
		if (!x.ok || k->max > x.max)
			x.max = k->max;
		total += k->total;
		samples += k->samples;
		x.ok = 1;
	}
	if (!x.ok || !case_at(m, w, o, ni, c)) {
		x.ok = 0;
		return x;
	}
	x.val = median_of(pool, np);
	x.lo = pool[0];
	x.hi = pool[np - 1];
	x.mean = total / samples;
	return x;
}

int tied(int m, const struct cell *a, const struct cell *b)
{
	double d = fabs(a->val - b->val);
	double spread = fmax(a->hi - a->lo, b->hi - b->lo);

	return d <= fmax(spread, resolution(m));
}

void rank_at(int m, int w, int o, int ni, struct ranking *r)
{
	r->n = r->nwin = 0;
	for (int i = 0; i < ncombos; i++) {
		struct cell x = cell_at(m, w, o, ni, combo_order[i]);
		int j, dup = 0;

		if (!x.ok)
			continue;
		for (j = 0; j < r->n; j++)
			dup |= r->g[j].rep == x.rep;
		if (dup)
			continue;
		for (j = r->n; j > 0 && r->g[j - 1].val > x.val; j--)
			r->g[j] = r->g[j - 1];
		r->g[j] = x;
		r->n++;
	}
	while (r->nwin < r->n && tied(m, &r->g[0], &r->g[r->nwin]))
		r->nwin++;
}

int wins(const struct ranking *r, int c)
{
	for (int i = 0; i < r->nwin; i++)
		for (int k = 0; k < r->g[i].nmembers; k++)
			if (r->g[i].members[k] == c)
				return 1;
	return 0;
}

const char *winners_text(const struct ranking *r, int m, int w, int o,
			 int ni)
{
	static char out[600];
	struct cell b;
	size_t used = 0;

	out[0] = '\0';
	if (r->n > 2 && r->nwin == r->n)
		return "all tie";
	for (int i = 0; i < r->nwin; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used, "%s%s",
					 i ? " ≈ " : "",
					 set_name(r->g[i].members,
						  r->g[i].nmembers, " = "));
	if (baseline < 0 || wins(r, baseline))
		return out;
	b = cell_at(m, w, o, ni, baseline);
	if (b.ok && used < sizeof(out))
		snprintf(out + used, sizeof(out) - used, " %s",
			 factor(b.val / r->g[0].val));
	return out;
}

int has_case(int m, int w, int o, int ni)
{
	for (int c = 0; c < ncombos; c++)
		if (case_at(m, w, o, ni, c))
			return 1;
	return 0;
}

int has_op(int m, int w, int o)
{
	for (int ni = 0; ni < nns; ni++)
		if (has_case(m, w, o, ni))
			return 1;
	return 0;
}

void columns_of(int m, int w, int o, struct columns *cols)
{
	cols->n = 0;
	for (int i = 0; i < ncombos; i++) {
		int c = combo_order[i], k, measured = 0;

		for (int ni = 0; ni < nns; ni++)
			measured |= case_at(m, w, o, ni, c) != NULL;
		if (!measured)
			continue;
		for (k = 0; k < cols->n; k++) {
			int d = cols->set[k][0], alike = 1;

			for (int ni = 0; ni < nns; ni++) {
				int hc = case_at(m, w, o, ni, c) != NULL;
				int hd = case_at(m, w, o, ni, d) != NULL;

				alike &= hc == hd &&
					 (!hc || *same_at(w, o, ni, c) ==
						 *same_at(w, o, ni, d));
			}
			if (alike)
				break;
		}
		if (k == cols->n)
			cols->size[cols->n++] = 0;
		cols->set[k][cols->size[k]++] = c;
	}
}


/* ---- bench/targets.txt ------------------------------------------------------ */

struct target *targets;
int ntargets;
const char *target_mode = "icount";
long target_n = 16384, growth_from_n = 256;

static const char *const target_kinds[] = {
	"at_most", "growth", "no_worse", "baseline", NULL
};

static int is_number(const char *s)
{
	char *end;

	errno = 0;
	return *s && strtod(s, &end) >= 0 && !*end && !errno;
}

/* A combination as targets name it: find/update, with both names known. */
static int is_combo(const char *s)
{
	const char *slash = strchr(s, '/');

	if (!slash)
		return 0;
	for (int c = 0; c < ncombos; c++)
		if (!strncmp(finds.s[combo_find[c]], s, (size_t)(slash - s)) &&
		    strlen(finds.s[combo_find[c]]) == (size_t)(slash - s) &&
		    !strcmp(updates.s[combo_update[c]], slash + 1))
			return 1;
	return 0;
}

static void load_targets(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;
	long line = 0;

	if (!f)
		die("%s: %s", path, strerror(errno));
	while (getline(&text, &cap, f) != -1) {
		char w[6][32];
		int nw, k;
		struct target t = { 0 };

		line++;
		text[strcspn(text, "#")] = '\0';
		nw = sscanf(text, "%31s %31s %31s %31s %31s %31s", w[0], w[1],
			    w[2], w[3], w[4], w[5]);
		if (nw <= 0)
			continue;
		if (nw == 2 && !strcmp(w[0], "mode")) {
			target_mode = strdup(w[1]);
			continue;
		}
		if (nw == 2 && (!strcmp(w[0], "regions") ||
				!strcmp(w[0], "growth_from"))) {
			long v = strtol(w[1], NULL, 10);

			if (v <= 0)
				die("%s:%ld: %s must be a positive number", path,
				    line, w[0]);
			*(strcmp(w[0], "regions") ? &growth_from_n : &target_n) = v;
			continue;
		}
		for (k = 0; target_kinds[k] && strcmp(target_kinds[k], w[0]); k++)
			;
		if (!target_kinds[k] || nw < 5 || nw > 6 ||
		    (nw == 6 && strcmp(w[5], "stretch")))
			die("%s:%ld: expected KIND WORKLOAD OP COMBINATION VALUE [stretch], KIND one of at_most, growth, no_worse, baseline",
			    path, line);
		if (!strcmp(w[0], "no_worse") ? !is_combo(w[4]) : !is_number(w[4]))
			die("%s:%ld: \"%s\" is not a %s", path, line, w[4],
			    strcmp(w[0], "no_worse") ? "number" : "combination measured");
		if (strcmp(w[3], "best") && strcmp(w[3], "every") && !is_combo(w[3]))
			die("%s:%ld: \"%s\" is not best, every or a combination measured",
			    path, line, w[3]);
		if ((!strcmp(w[0], "baseline")) != !strcmp(w[3], "every"))
			die("%s:%ld: \"every\" goes with baseline targets, and only there",
			    path, line);
		memcpy(t.kind, target_kinds[k], strlen(target_kinds[k]) + 1);
		memcpy(t.wl, w[1], sizeof(t.wl));
		memcpy(t.op, w[2], sizeof(t.op));
		memcpy(t.combo, w[3], sizeof(t.combo));
		memcpy(t.value, w[4], sizeof(t.value));
		t.stretch = nw == 6;
		targets = xrealloc(targets, (size_t)(ntargets + 1) * sizeof(*targets));
		targets[ntargets++] = t;
	}
	if (ferror(f))
		die("%s: %s", path, strerror(errno));
	fclose(f);
	free(text);
}

static void mkdir_p(const char *dir)
{
	char *p = xstrdup(dir);

	for (char *s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) && errno != EEXIST)
			die("%s: %s", p, strerror(errno));
		*s = c;
		if (!c)
			break;
	}
	free(p);
}

int main(int argc, char **argv)
{
	int readme = argc > 1 && !strcmp(argv[1], "--readme");

	if (argc != 5) {
		fprintf(stderr, "usage: bench_report <bench.csv> <meta.txt> <targets.txt> <outdir>\n"
			"       bench_report --readme <bench.csv> <meta.txt> <targets.txt>\n");
		return 2;
	}
	argv += readme;
	load_csv(argv[1]);		/* everything checked first */
	fold_rows();
	find_identical();
	load_meta(argv[2]);
	load_targets(argv[3]);
	if (readme) {
		write_readme_table(stdout);
		return fflush(stdout) || ferror(stdout);
	}
	mkdir_p(argv[4]);
	write_summary(argv[4]);
	write_report(argv[4], argv[1]);
	printf("bench_report: wrote %s/bench.md and %s/summary.csv from %d lines\n",
	       argv[4], argv[4], nrows);
	return 0;
}
