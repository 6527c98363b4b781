// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench_report: turn the benchmark's CSV into the report users read to
 * choose memblock's search strategy (issue 5).
 *
 *	bench_report <bench.csv> <meta.txt> <outdir>
 *
 * `make bench` runs the harness in bench/ three ways: in QEMU with -icount
 * (mode icount: exact instruction counts), in QEMU without it (mode tcg:
 * host ticks, noisy) and natively on this machine (mode host: real cycles,
 * real caches).  It collects one CSV line per case (mode, workload, find
 * strategy, update strategy, N regions, op) with the min, median and max
 * of each counter, and a meta.txt of `key value...` lines: versions,
 * counters, their read cost, the gap index's size.  From those two files
 * this program writes, into <outdir>:
 *
 *	bench.md			the report: conclusions and targets
 *					first, then per mode and workload the
 *					median cost tables, the speed-ups over
 *					Linux 4.12 and the crossover N, the gap
 *					index's memory, the environment;
 *	<mode>-<workload>-<op>.svg	log-log plots of median cost against N,
 *					one line per strategy combination;
 *	plot/<same>.dat, plot/<same>.gp	their data and gnuplot scripts, to
 *					re-plot: cd <outdir> && gnuplot plot/...
 *
 * Every sentence of the report that states a number is generated from the
 * data; nothing is written by hand.  The same input gives the same
 * bench.md, byte for byte.
 *
 * The CSV is checked strictly before anything is written: the exact
 * header, 13 fields per line, names made of [A-Za-z0-9_.+-], numbers where
 * numbers belong, a counter's min, median and max all present or all
 * empty and in order, no case twice.  Any fault stops the run with the
 * file and line named.  meta.txt is free text and never fails the run:
 * lines this program does not understand are listed verbatim.
 *
 * Exit status: 0 on success, 1 on bad input, a missing gnuplot or a failed
 * write, 2 on a usage error.
 *
 * C99 plus POSIX (getline, mkdir, realpath, fork and exec of gnuplot);
 * libc and libm.
 */

#define _XOPEN_SOURCE 700		/* POSIX 2008 with XSI: realpath() */

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define CSV_HEADER	"mode,workload,find,update,regions,op,samples," \
			"instret_min,instret_median,instret_max," \
			"cycles_min,cycles_median,cycles_max"
#define CSV_FIELDS	13
#define MAX_COMBOS	64		/* find x update strategies in one CSV */
#define MAX_VALUE	1e15		/* no op costs this much; a bug does */

/* Issue 5's targets: mode icount, at TARGET_N regions, best combination. */
#define TARGET_MODE	"icount"
#define TARGET_N	16384L
#define GROWTH_FROM_N	256L
#define LIMIT_ALLOC_MAX	1500.0
#define FRAG_ALLOC_MAX	2500.0
#define DTBUILD_MAX	2000.0
#define GROWTH_MAX	2.5
#define TOPFIT_MAX	1.3

/* ---- Errors and memory -------------------------------------------------- */

static void die(const char *fmt, ...)
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

/* ---- Names: modes, workloads, strategies and ops, interned ------------- */

struct names {
	char **s;
	int n;
};

static int name_index(const struct names *t, const char *s)
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

/*
 * The order the report lists things in: the known names in the order the
 * issue gives them, then any others in the order the CSV first names them.
 */
static const char *const known_modes[] = { "icount", "tcg", "host", NULL };
static const char *const known_workloads[] = {
	"limit", "topfit", "frag", "dtbuild", "churn", NULL
};
static const char *const known_finds[] = {
	"linear", "binary", "gaptree", NULL
};
static const char *const known_updates[] = { "linear", "binary", NULL };
static const char *const known_ops[] = {
	"find", "alloc", "build", "free", NULL
};

static int rank(const char *const *known, const struct names *t, int i)
{
	for (int k = 0; known[k]; k++)
		if (!strcmp(known[k], t->s[i]))
			return k;
	return 1000 + i;
}

/* Indices 0..t->n-1 sorted by rank(); the caller frees the array. */
static int *order_of(const char *const *known, const struct names *t)
{
	int *o = xrealloc(NULL, (size_t)t->n * sizeof(*o));

	for (int i = 0; i < t->n; i++) {
		int j = i;

		for (; j > 0 && rank(known, t, o[j - 1]) > rank(known, t, i);
		     j--)
			o[j] = o[j - 1];
		o[j] = i;
	}
	return o;
}

/* ---- The data ------------------------------------------------------------ */

enum { I_MIN, I_MED, I_MAX, C_MIN, C_MED, C_MAX, NVAL };

struct row {
	int mode, wl, combo, op;
	long regions, samples;
	double v[NVAL];
	unsigned int have;		/* bit i: v[i] was given */
	long line;
};

struct combo {
	int find, update;
};

static struct names modes, workloads, finds, updates, ops;
static struct combo *combos;
static int ncombos;
static struct row *rows;
static int nrows;

/* Iteration orders, and which median each mode's tables use. */
static int *mode_order, *wl_order, *op_order, *combo_order;
static int *mode_metric;		/* I_MED or C_MED, per mode */
static int baseline = -1;		/* combo linear/linear, or -1 */
static long *all_ns;			/* every N in the CSV, ascending */
static int nall_ns;

static int combo_add(int find, int update)
{
	for (int c = 0; c < ncombos; c++)
		if (combos[c].find == find && combos[c].update == update)
			return c;
	combos = xrealloc(combos, (size_t)(ncombos + 1) * sizeof(*combos));
	combos[ncombos] = (struct combo){ find, update };
	return ncombos++;
}

static const char *combo_name(int c)
{
	static char buf[8][80];
	static int k;
	char *b = buf[k++ % 8];

	snprintf(b, sizeof(buf[0]), "%s/%s", finds.s[combos[c].find],
		 updates.s[combos[c].update]);
	return b;
}

static const struct row *find_row(int m, int w, int c, int o, long n)
{
	for (int i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		if (r->mode == m && r->wl == w && r->combo == c &&
		    r->op == o && r->regions == n)
			return r;
	}
	return NULL;
}

/* The median cost of one op in the mode's unit; NAN if not measured. */
static double cost(int m, int w, int c, int o, long n)
{
	const struct row *r = find_row(m, w, c, o, n);
	int k = mode_metric[m];

	return r && (r->have & 1u << k) ? r->v[k] : NAN;
}

/* A cost that can be divided by and plotted on a log scale. */
static int usable(double v)
{
	return !isnan(v) && v > 0;
}

static int has_op(int m, int w, int o)
{
	for (int i = 0; i < nrows; i++)
		if (rows[i].mode == m && rows[i].wl == w && rows[i].op == o)
			return 1;
	return 0;
}

/* The Ns measured for (m, w, o), ascending, into ns[] (nall_ns long). */
static int ns_of(int m, int w, int o, long *ns)
{
	int k = 0;

	for (int i = 0; i < nall_ns; i++)
		for (int j = 0; j < nrows; j++)
			if (rows[j].mode == m && rows[j].wl == w &&
			    rows[j].op == o && rows[j].regions == all_ns[i]) {
				ns[k++] = all_ns[i];
				break;
			}
	return k;
}

/* The combinations measured for (m, w, o), baseline first, into cs[]. */
static int combos_of(int m, int w, int o, int *cs)
{
	int k = 0;

	for (int i = 0; i < ncombos; i++)
		for (int j = 0; j < nrows; j++)
			if (rows[j].mode == m && rows[j].wl == w &&
			    rows[j].op == o && rows[j].combo == combo_order[i]) {
				cs[k++] = combo_order[i];
				break;
			}
	return k;
}

/* The cheapest combination at (m, w, o, n), ties to the earlier; or -1. */
static int best_combo(int m, int w, int o, long n, double *v)
{
	int best = -1;
	double bv = NAN;

	for (int i = 0; i < ncombos; i++) {
		double x = cost(m, w, combo_order[i], o, n);

		if (!isnan(x) && (best < 0 || x < bv)) {
			best = combo_order[i];
			bv = x;
		}
	}
	if (v)
		*v = bv;
	return best;
}

/* ---- Number formatting ---------------------------------------------------- */

/* Rotating buffers, so that one printf can take several of these. */
static char *fmt_buf(void)
{
	static char buf[16][128];
	static int k;

	return buf[k++ % 16];
}

/* printf("%.*f", decimals, v) with a comma every three integer digits. */
static const char *fmt_fixed(double v, int decimals)
{
	char tmp[64], *out = fmt_buf(), *o = out;
	const char *p = tmp;
	size_t digits;

	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	if (*p == '-')
		*o++ = *p++;
	digits = strspn(p, "0123456789");
	for (size_t i = 0; i < digits; i++) {
		*o++ = *p++;
		if (i + 1 < digits && (digits - i - 1) % 3 == 0)
			*o++ = ',';
	}
	strcpy(o, p);
	return out;
}

/* A cost: whole numbers as such, others with one decimal (two below 10). */
static const char *fmt_num(double v)
{
	if (isnan(v))
		return "—";
	if (v == floor(v))
		return fmt_fixed(v, 0);
	return fmt_fixed(v, fabs(v) < 10 ? 2 : 1);
}

static const char *fmt_long(long n)
{
	return fmt_fixed((double)n, 0);
}

/* A factor in prose: 2,285 / 41.3 / 1.25. */
static const char *fmt_factor(double r)
{
	return fmt_fixed(r, r >= 100 ? 0 : r >= 10 ? 1 : 2);
}

/*
 * A factor compared with a threshold: two decimals, or four where two
 * would print the threshold itself for a value on the other side of it.
 */
static const char *fmt_vs(double r, double limit)
{
	char a[64], b[64];

	snprintf(a, sizeof(a), "%.2f", r);
	snprintf(b, sizeof(b), "%.2f", limit);
	return fmt_fixed(r, strcmp(a, b) || r == limit ? 2 : 4);
}

/* Markdown table cell text: escape what would end a cell or add markup. */
static void md_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* ---- Reading bench.csv --------------------------------------------------- */

static const char *const field_names[CSV_FIELDS] = {
	"mode", "workload", "find", "update", "regions", "op", "samples",
	"instret_min", "instret_median", "instret_max",
	"cycles_min", "cycles_median", "cycles_max",
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

static const char *skip_digits(const char *p)
{
	while (isdigit((unsigned char)*p))
		p++;
	return p;
}

/* A decimal number as the harness writes it: -?D+(.D+)?([eE][+-]?D+)? */
static int parse_number(const char *s, double *out)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	p = skip_digits(p);
	if (*p == '.') {
		if (!isdigit((unsigned char)p[1]))
			return 0;
		p = skip_digits(p + 1);
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		p = skip_digits(p);
	}
	if (*p)
		return 0;
	errno = 0;
	*out = strtod(s, NULL);
	return !errno && isfinite(*out);
}

/* A count: digits only, fits a long. */
static int parse_count(const char *s, long *out)
{
	if (!*s || *skip_digits(s))
		return 0;
	errno = 0;
	*out = strtol(s, NULL, 10);
	return !errno;
}

static void parse_row(const char *path, long line, char *text)
{
	char *f[CSV_FIELDS];
	int nf = 0;
	struct row r = { .line = line };
	const struct row *dup;

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

	for (int i = 0; i < 6; i++) {
		if (i == 4)
			continue;
		if (!is_name(f[i]))
			die("%s:%ld: %s \"%s\" is not a name ([A-Za-z0-9_.+-]+)",
			    path, line, field_names[i], f[i]);
	}
	if (!parse_count(f[4], &r.regions) || r.regions <= 0)
		die("%s:%ld: regions \"%s\" is not a positive whole number",
		    path, line, f[4]);
	if (!parse_count(f[6], &r.samples))
		die("%s:%ld: samples \"%s\" is not a whole number", path, line,
		    f[6]);
	for (int k = 0; k < NVAL; k++) {
		const char *s = f[7 + k];

		if (!*s)
			continue;
		if (!parse_number(s, &r.v[k]))
			die("%s:%ld: %s \"%s\" is not a number", path, line,
			    field_names[7 + k], s);
		if (fabs(r.v[k]) >= MAX_VALUE)	/* e.g. a wrapped subtraction */
			die("%s:%ld: %s %s is out of range (over %.0e per op)",
			    path, line, field_names[7 + k], s, MAX_VALUE);
		r.have |= 1u << k;
	}
	for (int k = 0; k < NVAL; k += 3) {
		unsigned int three = r.have >> k & 7;
		const char *counter = k ? "cycles" : "instret";

		if (three != 0 && three != 7)
			die("%s:%ld: %s_min, _median and _max must be all numbers or all empty",
			    path, line, counter);
		if (three && (r.v[k] > r.v[k + 1] || r.v[k + 1] > r.v[k + 2]))
			die("%s:%ld: %s_min <= %s_median <= %s_max does not hold",
			    path, line, counter, counter, counter);
	}

	r.mode = name_add(&modes, f[0]);
	r.wl = name_add(&workloads, f[1]);
	r.combo = combo_add(name_add(&finds, f[2]), name_add(&updates, f[3]));
	r.op = name_add(&ops, f[5]);
	if (ncombos > MAX_COMBOS)
		die("%s:%ld: more than %d find/update combinations", path,
		    line, MAX_COMBOS);
	dup = find_row(r.mode, r.wl, r.combo, r.op, r.regions);
	if (dup)
		die("%s:%ld: the same case as line %ld (%s,%s,%s,%s,%ld,%s)",
		    path, line, dup->line, f[0], f[1], f[2], f[3], r.regions,
		    f[5]);
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
		while (len > 0 && (text[len - 1] == '\n' ||
				   text[len - 1] == '\r'))
			text[--len] = '\0';
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
	if (line == 0)
		die("%s: empty, expected the header \"%s\"", path, CSV_HEADER);
	if (nrows == 0)
		die("%s: no data after the header", path);
}

/* Orders, each mode's median, the baseline and the list of Ns. */
static void index_data(void)
{
	mode_order = order_of(known_modes, &modes);
	wl_order = order_of(known_workloads, &workloads);
	op_order = order_of(known_ops, &ops);

	combo_order = xrealloc(NULL, (size_t)ncombos * sizeof(*combo_order));
	for (int i = 0; i < ncombos; i++) {
		int j = i;
		int ri = rank(known_finds, &finds, combos[i].find) * 2000 +
			 rank(known_updates, &updates, combos[i].update);

		for (; j > 0; j--) {
			const struct combo *p = &combos[combo_order[j - 1]];

			if (rank(known_finds, &finds, p->find) * 2000 +
			    rank(known_updates, &updates, p->update) <= ri)
				break;
			combo_order[j] = combo_order[j - 1];
		}
		combo_order[j] = i;
	}
	for (int c = 0; c < ncombos; c++)
		if (!strcmp(finds.s[combos[c].find], "linear") &&
		    !strcmp(updates.s[combos[c].update], "linear"))
			baseline = c;

	/* icount counts instructions; elsewhere the cycle counter is time. */
	mode_metric = xrealloc(NULL, (size_t)modes.n * sizeof(*mode_metric));
	for (int m = 0; m < modes.n; m++) {
		int want = strcmp(modes.s[m], "icount") ? C_MED : I_MED;
		int alt = want == I_MED ? C_MED : I_MED, seen_want = 0;

		for (int i = 0; i < nrows; i++)
			if (rows[i].mode == m && rows[i].have & 1u << want)
				seen_want = 1;
		mode_metric[m] = seen_want ? want : alt;
	}

	all_ns = xrealloc(NULL, (size_t)nrows * sizeof(*all_ns));
	for (int i = 0; i < nrows; i++) {
		long n = rows[i].regions;
		int j = nall_ns, seen = 0;

		for (int k = 0; k < nall_ns; k++)
			seen |= all_ns[k] == n;
		if (seen)
			continue;
		for (; j > 0 && all_ns[j - 1] > n; j--)
			all_ns[j] = all_ns[j - 1];
		all_ns[j] = n;
		nall_ns++;
	}
}

/* ---- Reading meta.txt ------------------------------------------------------ */

struct meta {
	char *key, *value, *raw;
	int used;			/* shown in a section of its own */
};

static struct meta *meta;
static int nmeta;

/* gaptree_bytes N BYTES, distinct pairs sorted by N. */
static long *gt_n, *gt_bytes;
static int ngt;

static void load_meta(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f)
		die("%s: %s", path, strerror(errno));
	while ((len = getline(&text, &cap, f)) != -1) {
		char *p = text, *key, *value, *end;
		struct meta *e;

		while (len > 0 && isspace((unsigned char)text[len - 1]))
			text[--len] = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			continue;
		meta = xrealloc(meta, (size_t)(nmeta + 1) * sizeof(*meta));
		e = &meta[nmeta++];
		e->raw = xstrdup(p);
		key = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		value = p;
		if (*p) {
			*p = '\0';
			value = p + 1;
			while (isspace((unsigned char)*value))
				value++;
		}
		e->key = xstrdup(key);
		e->value = xstrdup(value);
		e->used = 0;

		if (!strcmp(e->key, "gaptree_bytes")) {
			long n, b;
			int j = ngt, seen = 0;

			errno = 0;
			n = strtol(value, &end, 10);
			if (errno || end == value || n <= 0 ||
			    !isspace((unsigned char)*end))
				continue;
			value = end;
			b = strtol(value, &end, 10);
			if (errno || end == value || b < 0 || *end)
				continue;
			e->used = 1;
			for (int k = 0; k < ngt; k++)
				seen |= gt_n[k] == n && gt_bytes[k] == b;
			if (seen)
				continue;
			gt_n = xrealloc(gt_n, (size_t)(ngt + 1) * sizeof(long));
			gt_bytes = xrealloc(gt_bytes,
					    (size_t)(ngt + 1) * sizeof(long));
			for (; j > 0 && gt_n[j - 1] > n; j--) {
				gt_n[j] = gt_n[j - 1];
				gt_bytes[j] = gt_bytes[j - 1];
			}
			gt_n[j] = n;
			gt_bytes[j] = b;
			ngt++;
		}
	}
	if (ferror(f))
		die("%s: %s", path, strerror(errno));
	fclose(f);
	free(text);
}

/*
 * Meta line @i's value if its key is @key (and, with @mode, its value
 * starts with the word @mode: then the rest after it); else NULL.
 */
static const char *meta_value(const char *key, const char *mode, int i)
{
	const char *v = meta[i].value;
	size_t ml;

	if (strcmp(meta[i].key, key))
		return NULL;
	if (!mode)
		return v;
	ml = strlen(mode);
	if (strncmp(v, mode, ml) || !isspace((unsigned char)v[ml]))
		return NULL;
	for (v += ml; isspace((unsigned char)*v); v++)
		;
	return v;
}

/*
 * The values of @key (with @mode: of `key mode value` lines), distinct
 * ones joined by "; ", and those lines marked as shown; NULL if none.
 */
static const char *meta_get(const char *key, const char *mode)
{
	static char buf[8][1024];
	static int k;
	char *out = buf[k++ % 8];
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < nmeta; i++) {
		const char *v = meta_value(key, mode, i);
		int seen = 0;

		if (!v)
			continue;
		meta[i].used = 1;
		for (int j = 0; j < i; j++) {
			const char *u = meta_value(key, mode, j);

			seen |= u && !strcmp(u, v);
		}
		if (seen || used >= sizeof(buf[0]) - 1)
			continue;
		used += (size_t)snprintf(out + used, sizeof(buf[0]) - used,
					 "%s%s", used ? "; " : "", v);
		if (used > sizeof(buf[0]) - 1)
			used = sizeof(buf[0]) - 1;
	}
	return used ? out : NULL;
}

/* ---- What things are called, and their units ------------------------------ */

static const char *unit_of(int m)
{
	const char *hc;

	if (mode_metric[m] == I_MED)
		return "instructions";
	if (!strcmp(modes.s[m], "tcg"))
		return "rdcycle ticks";
	if (!strcmp(modes.s[m], "host")) {
		hc = meta_get("host_counter", NULL);
		if (hc && !strncmp(hc, "rdtsc", 5))
			return "TSC ticks";
	}
	return "cycles";
}

static const char *per_op(int o)
{
	return strcmp(ops.s[o], "build") ? "per call" : "per region added";
}

static const char *workload_text(int w)
{
	static const char *const text[][2] = {
		{ "limit", "N reserved regions spread over memory; each request has a `max_addr` low in memory, so a walk from the top crosses most regions." },
		{ "topfit", "the request fits in the topmost gap: Linux 4.12's best case, where the other strategies must not lose." },
		{ "frag", "adversarial fragmentation: every gap is smaller than the request except one near the bottom." },
		{ "dtbuild", "memblock built from N memory and N reserved regions in ascending address order, as device trees list them (`memblock_add` + `memblock_reserve`, array doubling included); the cost is per region added." },
		{ "churn", "alternating `memblock_alloc` and `memblock_free` of random sizes and alignments." },
	};

	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (!strcmp(text[i][0], workloads.s[w]))
			return text[i][1];
	return "a workload this report has no description for.";
}

/* The op a workload is about: build for dtbuild, alloc elsewhere. */
static int main_op(int m, int w)
{
	const char *pref[] = { "alloc", "alloc", "build", "find", "free" };
	int o;

	if (!strcmp(workloads.s[w], "dtbuild"))
		pref[0] = "build";
	for (size_t i = 0; i < sizeof(pref) / sizeof(pref[0]); i++) {
		o = name_index(&ops, pref[i]);
		if (o >= 0 && has_op(m, w, o))
			return o;
	}
	for (int i = 0; i < ops.n; i++)
		if (has_op(m, w, op_order[i]))
			return op_order[i];
	return -1;
}

/* ---- Crossover ------------------------------------------------------------- */

/*
 * The smallest N from which combination @c is cheaper than the baseline at
 * that N and at every larger N measured, as text.
 */
static const char *crossover(int m, int w, int o, int c)
{
	static char buf[4][64];
	static int k;
	char *out = buf[k++ % 4];
	long from = 0, first = 0;
	int measured = 0, winning = 0;

	for (int i = 0; i < nall_ns; i++) {
		double b = cost(m, w, baseline, o, all_ns[i]);
		double x = cost(m, w, c, o, all_ns[i]);

		if (isnan(b) || isnan(x))
			continue;
		if (!measured++)
			first = all_ns[i];
		if (x < b) {
			if (!winning)
				from = all_ns[i];
			winning = 1;
		} else {
			winning = 0;
		}
	}
	if (!measured)
		snprintf(out, sizeof(buf[0]), "not measured");
	else if (!winning)
		snprintf(out, sizeof(buf[0]), "never");
	else if (from == first)
		snprintf(out, sizeof(buf[0]), "always (from %s)",
			 fmt_long(first));
	else
		snprintf(out, sizeof(buf[0]), "from %s", fmt_long(from));
	return out;
}

/* ---- Plots ----------------------------------------------------------------- */

struct plot {
	char name[200];			/* <mode>-<workload>-<op> */
	int mode, wl, op;
	int drawn;			/* gnuplot wrote the SVG */
};

static struct plot *plots;
static int nplots;

static FILE *open_out(const char *dir, const char *name, char *path,
		      size_t size)
{
	FILE *f;

	if ((size_t)snprintf(path, size, "%s/%s", dir, name) >= size)
		die("%s/%s: path too long", dir, name);
	f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f))
		die("%s: write failed", path);
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

/* plot/<name>.dat and plot/<name>.gp for (m, w, o), if anything to draw. */
static void write_plot(const char *outdir, int m, int w, int o)
{
	long ns[nall_ns];
	int cs[ncombos ? ncombos : 1];
	int nn = ns_of(m, w, o, ns), nc = combos_of(m, w, o, cs), any = 0;
	char dir[4096], path[4200], file[256];
	struct plot *p;
	FILE *f;

	for (int i = 0; i < nn; i++)
		for (int j = 0; j < nc; j++)
			any |= usable(cost(m, w, cs[j], o, ns[i]));
	if (!any)
		return;
	plots = xrealloc(plots, (size_t)(nplots + 1) * sizeof(*plots));
	p = &plots[nplots++];
	snprintf(p->name, sizeof(p->name), "%s-%s-%s", modes.s[m],
		 workloads.s[w], ops.s[o]);
	p->mode = m;
	p->wl = w;
	p->op = o;
	p->drawn = 0;
	snprintf(dir, sizeof(dir), "%s/plot", outdir);

	snprintf(file, sizeof(file), "%s.dat", p->name);
	f = open_out(dir, file, path, sizeof(path));
	fprintf(f, "# mode %s, workload %s, op %s: median %s %s by regions\n",
		modes.s[m], workloads.s[w], ops.s[o], unit_of(m), per_op(o));
	fprintf(f, "# NaN: not measured (or not above 0, which a log scale cannot show)\n");
	fprintf(f, "# regions");
	for (int j = 0; j < nc; j++)
		fprintf(f, " %s", combo_name(cs[j]));
	fprintf(f, "\n");
	for (int i = 0; i < nn; i++) {
		fprintf(f, "%ld", ns[i]);
		for (int j = 0; j < nc; j++) {
			double v = cost(m, w, cs[j], o, ns[i]);

			if (usable(v))
				fprintf(f, " %.17g", v);
			else
				fprintf(f, " NaN");
		}
		fprintf(f, "\n");
	}
	close_out(f, path);

	snprintf(file, sizeof(file), "%s.gp", p->name);
	f = open_out(dir, file, path, sizeof(path));
	fprintf(f, "# Median %s %s against regions: mode %s, workload %s, op %s.\n",
		unit_of(m), per_op(o), modes.s[m], workloads.s[w], ops.s[o]);
	fprintf(f, "# Written by tools/bench_report.c.  To re-plot, from the report directory:\n");
	fprintf(f, "#   gnuplot plot/%s.gp\n", p->name);
	fprintf(f, "reset\n");
	fprintf(f, "set terminal svg size 800,500 dynamic enhanced\n");
	fprintf(f, "set output '%s.svg'\n", p->name);
	fprintf(f, "set title '%s %s, mode %s: median cost per op (lower is better)' noenhanced\n",
		workloads.s[w], ops.s[o], modes.s[m]);
	fprintf(f, "set xlabel 'regions N (log scale)' noenhanced\n");
	fprintf(f, "set ylabel '%s %s, median (log scale)' noenhanced\n",
		unit_of(m), per_op(o));
	fprintf(f, "set logscale xy\n");
	fprintf(f, "set xtics (");
	for (int i = 0; i < nn; i++)
		fprintf(f, "%s'%ld' %ld", i ? ", " : "", ns[i], ns[i]);
	fprintf(f, ")\n");
	fprintf(f, "set xrange [%g:%g]\n", ns[0] / 1.5, ns[nn - 1] * 1.5);
	fprintf(f, "set format y '%%.0s%%c'\n");
	fprintf(f, "set grid\n");
	fprintf(f, "set key left top opaque\n");
	fprintf(f, "plot ");
	for (int j = 0; j < nc; j++) {
		if (j)
			fprintf(f, ", \\\n     ''");
		else
			fprintf(f, "'plot/%s.dat'", p->name);
		fprintf(f, " using 1:%d with linespoints lw 2 title '%s%s' noenhanced",
			j + 2, combo_name(cs[j]),
			cs[j] == baseline ? " (Linux 4.12)" : "");
	}
	fprintf(f, "\nunset output\n");
	close_out(f, path);
}

/* Per mode and workload: the main op, and find where it was measured. */
static void write_plots(const char *outdir)
{
	for (int i = 0; i < modes.n; i++) {
		int m = mode_order[i];

		for (int j = 0; j < workloads.n; j++) {
			int w = wl_order[j], o = main_op(m, w);
			int f = name_index(&ops, "find");

			if (o < 0)
				continue;
			write_plot(outdir, m, w, o);
			if (f >= 0 && f != o && has_op(m, w, f))
				write_plot(outdir, m, w, f);
		}
	}
}

static int is_svg(const char *path)
{
	FILE *f = fopen(path, "r");
	char head[6] = "";
	int ok;

	if (!f)
		return 0;
	ok = fread(head, 1, 5, f) == 5 &&
	     (!strncmp(head, "<?xml", 5) || !strncmp(head, "<svg", 4));
	fclose(f);
	return ok;
}

/* The absolute path of @prog found in $PATH (malloc'd), or NULL. */
static char *which(const char *prog)
{
	const char *path = getenv("PATH");
	static char buf[4096];

	while (path && *path) {
		size_t len = strcspn(path, ":");

		if (len && len < sizeof(buf) - strlen(prog) - 2) {
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path,
				 prog);
			/* Absolute: gnuplot is run from outdir. */
			if (!access(buf, X_OK))
				return realpath(buf, NULL);
		}
		path += len + (path[len] == ':');
	}
	return NULL;
}

/* Run gnuplot on every script, in @outdir; then check every SVG. */
static void run_gnuplot(const char *gnuplot, const char *outdir)
{
	char **argv;
	int status;
	pid_t pid;

	if (!nplots)
		return;
	argv = xrealloc(NULL, (size_t)(nplots + 2) * sizeof(*argv));
	argv[0] = "gnuplot";
	for (int i = 0; i < nplots; i++) {
		argv[i + 1] = xrealloc(NULL, sizeof(plots[i].name) + 8);
		sprintf(argv[i + 1], "plot/%s.gp", plots[i].name);
	}
	argv[nplots + 1] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		if (chdir(outdir)) {
			fprintf(stderr, "bench_report: %s: %s\n", outdir,
				strerror(errno));
			_exit(127);
		}
		execv(gnuplot, argv);
		fprintf(stderr, "bench_report: %s: %s\n", gnuplot,
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		die("gnuplot failed on %s/plot/*.gp (status 0x%x)", outdir,
		    status);
	for (int i = 0; i < nplots; i++) {
		char path[4400];

		snprintf(path, sizeof(path), "%s/%s.svg", outdir,
			 plots[i].name);
		if (!is_svg(path))
			die("%s: gnuplot wrote no SVG", path);
		plots[i].drawn = 1;
		free(argv[i + 1]);
	}
	free(argv);
}

/* ---- bench.md: the tables ----------------------------------------------- */

static const char *samples_text(int m, int w, int o)
{
	static char buf[64];
	long lo = -1, hi = -1;

	for (int i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		if (r->mode != m || r->wl != w || r->op != o)
			continue;
		if (lo < 0 || r->samples < lo)
			lo = r->samples;
		if (r->samples > hi)
			hi = r->samples;
	}
	if (lo == hi)
		snprintf(buf, sizeof(buf), "%ld samples", lo);
	else
		snprintf(buf, sizeof(buf), "%ld to %ld samples", lo, hi);
	return buf;
}

static void write_table(FILE *f, int m, int w, int o)
{
	long ns[nall_ns];
	int cs[ncombos];
	int nn = ns_of(m, w, o, ns), nc = combos_of(m, w, o, cs);
	int has_base = nc && cs[0] == baseline;

	fprintf(f, "#### `%s` `%s`: median %s %s\n\n", workloads.s[w],
		ops.s[o], unit_of(m), per_op(o));
	fprintf(f, "Median of %s per case.\n\n", samples_text(m, w, o));
	fprintf(f, "| N |");
	for (int j = 0; j < nc; j++)
		fprintf(f, " %s%s |", combo_name(cs[j]),
			cs[j] == baseline ? " (Linux 4.12 baseline)" : "");
	fprintf(f, "\n|---:|");
	for (int j = 0; j < nc; j++)
		fprintf(f, "---:|");
	fprintf(f, "\n");
	for (int i = 0; i < nn; i++) {
		fprintf(f, "| %s |", fmt_long(ns[i]));
		for (int j = 0; j < nc; j++)
			fprintf(f, " %s |", fmt_num(cost(m, w, cs[j], o, ns[i])));
		fprintf(f, "\n");
	}
	fprintf(f, "\n");

	if (!has_base) {
		fprintf(f, "No Linux 4.12 baseline (linear/linear) was measured here, so there are no speed-ups.\n\n");
		return;
	}
	if (nc < 2)
		return;
	fprintf(f, "Speed-up over Linux 4.12 (baseline median / combination median: above 1.00× is faster), and the N from which each combination is faster at every N measured:\n\n");
	fprintf(f, "| N |");
	for (int j = 1; j < nc; j++)
		fprintf(f, " %s |", combo_name(cs[j]));
	fprintf(f, "\n|---:|");
	for (int j = 1; j < nc; j++)
		fprintf(f, "---:|");
	fprintf(f, "\n");
	for (int i = 0; i < nn; i++) {
		double b = cost(m, w, baseline, o, ns[i]);

		fprintf(f, "| %s |", fmt_long(ns[i]));
		for (int j = 1; j < nc; j++) {
			double x = cost(m, w, cs[j], o, ns[i]);

			if (usable(b) && usable(x))
				fprintf(f, " %s× |", fmt_fixed(b / x, 2));
			else
				fprintf(f, " — |");
		}
		fprintf(f, "\n");
	}
	fprintf(f, "| **wins from** |");
	for (int j = 1; j < nc; j++)
		fprintf(f, " %s |", crossover(m, w, o, cs[j]));
	fprintf(f, "\n\n");
}

static const char *mode_text(int m)
{
	static char buf[512];
	const char *name = modes.s[m], *hc;

	if (!strcmp(name, "icount"))
		return "QEMU with `-icount shift=0`: rdcycle and rdinstret both count the instructions executed. Exact and deterministic: the same build gives the same numbers on every run.";
	if (!strcmp(name, "tcg"))
		return "QEMU without icount: rdcycle returns host time ticks, so these numbers are noisy, hence medians over many samples; rdinstret follows the host clock too (QEMU 7.2), so no instruction count is kept.";
	if (!strcmp(name, "host")) {
		hc = meta_get("host_counter", NULL);
		snprintf(buf, sizeof(buf), "the same `mm/` and `bench/` code compiled for this x86-64 machine and timed with %s. The only mode with real caches, pipeline and branch prediction.",
			 hc ? hc : "its cycle counter (not recorded in meta.txt)");
		return buf;
	}
	return "a mode this report has no description for.";
}

static void write_mode(FILE *f, int m)
{
	fprintf(f, "## Mode `%s`: %s\n\n", modes.s[m], unit_of(m));
	fprintf(f, "`%s`: %s\n\n", modes.s[m], mode_text(m));
	for (int j = 0; j < workloads.n; j++) {
		int w = wl_order[j], any = 0;

		for (int k = 0; k < ops.n; k++)
			any |= has_op(m, w, op_order[k]);
		if (!any)
			continue;
		fprintf(f, "### `%s` (mode `%s`)\n\n", workloads.s[w],
			modes.s[m]);
		fprintf(f, "`%s`: %s\n\n", workloads.s[w], workload_text(w));
		for (int i = 0; i < nplots; i++)
			if (plots[i].mode == m && plots[i].wl == w &&
			    plots[i].drawn)
				fprintf(f, "![%s: median %s %s against N, log-log](%s.svg)\n\n",
					plots[i].name, unit_of(m),
					per_op(plots[i].op), plots[i].name);
		for (int k = 0; k < ops.n; k++)
			if (has_op(m, w, op_order[k]))
				write_table(f, m, w, op_order[k]);
	}
}

/* ---- bench.md: targets ---------------------------------------------------- */

static void met(FILE *f, int ok)
{
	fputs(ok ? "**met**" : "**NOT met**", f);
}

/* `wl` `op` at TARGET_N with the best combination <= @limit. */
static void target_max(FILE *f, int m, const char *wl, const char *op,
		       double limit)
{
	int w = name_index(&workloads, wl), o = name_index(&ops, op), c;
	double v;

	fprintf(f, "- `%s` `%s` ≤ %s instructions %s, best combination at %s regions: ",
		wl, op, fmt_num(limit),
		strcmp(op, "build") ? "per call" : "per region",
		fmt_long(TARGET_N));
	c = m >= 0 && w >= 0 && o >= 0 ? best_combo(m, w, o, TARGET_N, &v) : -1;
	if (c < 0) {
		fprintf(f, "not measured (no `%s` data for `%s` `%s` at %s regions).\n",
			TARGET_MODE, wl, op, fmt_long(TARGET_N));
		return;
	}
	met(f, v <= limit);
	fprintf(f, ": %s with %s.\n", fmt_num(v), combo_name(c));
}

/* Growth of the best combination's median from GROWTH_FROM_N to TARGET_N. */
static void target_growth(FILE *f, int m, const char *wl, const char *op)
{
	int w = name_index(&workloads, wl), o = name_index(&ops, op), c;
	double hi, lo;

	fprintf(f, "- `%s` `%s` grows ≤ %s× from %s to %s regions, best combination at %s: ",
		wl, op, fmt_fixed(GROWTH_MAX, 2), fmt_long(GROWTH_FROM_N),
		fmt_long(TARGET_N), fmt_long(TARGET_N));
	c = m >= 0 && w >= 0 && o >= 0 ? best_combo(m, w, o, TARGET_N, &hi) : -1;
	lo = c >= 0 ? cost(m, w, c, o, GROWTH_FROM_N) : NAN;
	if (c < 0) {
		fprintf(f, "not measured (no `%s` data for `%s` `%s` at %s regions).\n",
			TARGET_MODE, wl, op, fmt_long(TARGET_N));
		return;
	}
	if (!usable(lo)) {
		fprintf(f, "not measured (no `%s` data for `%s` `%s` with %s at %s regions).\n",
			TARGET_MODE, wl, op, combo_name(c),
			fmt_long(GROWTH_FROM_N));
		return;
	}
	met(f, hi / lo <= GROWTH_MAX);
	fprintf(f, ": %s from %s to %s instructions (%s×).\n", combo_name(c),
		fmt_num(lo), fmt_num(hi), fmt_vs(hi / lo, GROWTH_MAX));
}

/* No combination more than TOPFIT_MAX times the baseline at TARGET_N. */
static void target_topfit(FILE *f, int m, const char *op)
{
	int w = name_index(&workloads, "topfit"), o = name_index(&ops, op);
	int worst = -1, worst_all = -1;
	double b = NAN, r = 0, r_all = 0;
	long n_all = 0;

	fprintf(f, "- `topfit` `%s`: no combination costs more than %s× Linux 4.12's at %s regions: ",
		op, fmt_fixed(TOPFIT_MAX, 2), fmt_long(TARGET_N));
	if (m >= 0 && w >= 0 && o >= 0 && baseline >= 0) {
		b = cost(m, w, baseline, o, TARGET_N);
		for (int i = 0; i < ncombos; i++) {
			int c = combo_order[i];

			for (int k = 0; k < nall_ns; k++) {
				double bn = cost(m, w, baseline, o, all_ns[k]);
				double x = cost(m, w, c, o, all_ns[k]);

				if (c == baseline || !usable(bn) || isnan(x))
					continue;
				if (all_ns[k] == TARGET_N &&
				    (worst < 0 || x / bn > r)) {
					worst = c;
					r = x / bn;
				}
				if (worst_all < 0 || x / bn > r_all) {
					worst_all = c;
					r_all = x / bn;
					n_all = all_ns[k];
				}
			}
		}
	}
	if (!usable(b) || worst < 0) {
		fprintf(f, "not measured (no `%s` data for `topfit` `%s` at %s regions, with the baseline and another combination).\n",
			TARGET_MODE, op, fmt_long(TARGET_N));
		return;
	}
	met(f, r <= TOPFIT_MAX);
	fprintf(f, ": the costliest relative to the baseline is %s at %s× (%s against %s instructions)",
		combo_name(worst), fmt_vs(r, TOPFIT_MAX),
		fmt_num(nearbyint(r * b)), fmt_num(b));
	fprintf(f, "; over every N measured, the most is %s× (%s at %s regions).\n",
		fmt_fixed(r_all, 2), combo_name(worst_all), fmt_long(n_all));
}

static void write_targets(FILE *f)
{
	int m = name_index(&modes, TARGET_MODE);

	fprintf(f, "## Targets\n\n");
	fprintf(f, "Issue 5's targets, in mode `%s` at %s regions; \"best combination\" is the one with the lowest median for that workload and op there. These are benchmark figures, not pass/fail tests.\n\n",
		TARGET_MODE, fmt_long(TARGET_N));
	target_max(f, m, "limit", "alloc", LIMIT_ALLOC_MAX);
	target_max(f, m, "frag", "alloc", FRAG_ALLOC_MAX);
	target_max(f, m, "dtbuild", "build", DTBUILD_MAX);
	target_growth(f, m, "limit", "alloc");
	target_growth(f, m, "frag", "alloc");
	target_topfit(f, m, "find");
	target_topfit(f, m, "alloc");
	fprintf(f, "\n");
}

/* ---- bench.md: conclusions ------------------------------------------------ */

/* The largest N where the baseline and one other combination are measured. */
static long largest_contested_n(int m, int w, int o)
{
	for (int i = nall_ns - 1; i >= 0; i--) {
		int others = 0;

		if (!usable(cost(m, w, baseline, o, all_ns[i])))
			continue;
		for (int c = 0; c < ncombos; c++)
			others += c != baseline &&
				  usable(cost(m, w, c, o, all_ns[i]));
		if (others)
			return all_ns[i];
	}
	return 0;
}

static void conclude_workload(FILE *f, int m, int w, int o)
{
	const char *wl = workloads.s[w], *op = ops.s[o], *unit = unit_of(m);
	const char *per = strcmp(op, "build") ? "" : " per region";
	long n = largest_contested_n(m, w, o), n0 = 0;
	double b, v, v0, b0;
	int c;

	if (!n) {
		fprintf(f, "- `%s` `%s`: no N with both Linux 4.12's walk and another combination measured; nothing to compare.\n",
			wl, op);
		return;
	}
	b = cost(m, w, baseline, o, n);
	c = best_combo(m, w, o, n, &v);
	if (c == baseline || !(v < b)) {
		int next = -1, worst = -1;
		double nv = 0, wv = 0;

		for (int i = 0; i < ncombos; i++) {
			double x = cost(m, w, combo_order[i], o, n);

			if (combo_order[i] == baseline || isnan(x))
				continue;
			if (next < 0 || x < nv) {
				next = combo_order[i];
				nv = x;
			}
			if (worst < 0 || x > wv) {
				worst = combo_order[i];
				wv = x;
			}
		}
		fprintf(f, "- At %s regions, `%s` `%s` is cheapest with Linux 4.12's walk (linear/linear): %s %s%s. The closest other combination, %s, costs ",
			fmt_long(n), wl, op, fmt_num(b), unit, per,
			combo_name(next));
		if (nv == b)
			fprintf(f, "the same");
		else
			fprintf(f, "%s (%s× more)", fmt_num(nv),
				fmt_factor(nv / b));
		if (worst != next)
			fprintf(f, "; the costliest, %s, %s (%s× more)",
				combo_name(worst), fmt_num(wv),
				fmt_factor(wv / b));
		fprintf(f, ".\n");
		return;
	}
	fprintf(f, "- At %s regions, `%s` `%s` costs %s %s%s with Linux 4.12's walk (linear/linear) and %s with %s (%s× less).",
		fmt_long(n), wl, op, fmt_num(b), unit, per, fmt_num(v),
		combo_name(c), fmt_factor(b / v));
	for (int i = 0; i < nall_ns && all_ns[i] < n; i++)
		if (usable(cost(m, w, baseline, o, all_ns[i])) &&
		    usable(cost(m, w, c, o, all_ns[i]))) {
			n0 = all_ns[i];
			break;
		}
	if (n0) {
		b0 = cost(m, w, baseline, o, n0);
		v0 = cost(m, w, c, o, n0);
		fprintf(f, " From %s to %s regions (%s× as many), the baseline's cost grows %s× and %s's %s×;",
			fmt_long(n0), fmt_long(n), fmt_num((double)n / n0),
			fmt_factor(b / b0), combo_name(c), fmt_factor(v / v0));
	}
	if (strncmp(crossover(m, w, o, c), "always", 6))
		fprintf(f, " %s is cheaper than the baseline %s regions on.\n",
			combo_name(c), crossover(m, w, o, c));
	else
		fprintf(f, " %s is cheaper than the baseline at every N measured.\n",
			combo_name(c));
}

/*
 * The combination to choose in mode @m.  Over every case (workload, op, N)
 * where at least two combinations are measured: the one whose worst ratio
 * to that case's cheapest is smallest, among those measured in every case.
 */
struct choice {
	int cells;			/* cases compared */
	int pairs;			/* workload/op pairs compared */
	int pick;			/* the choice, or -1 */
	int most;			/* cheapest at the largest N most often */
	double worst[MAX_COMBOS];	/* per combination: max cost / cheapest */
	int wins[MAX_COMBOS];		/* cheapest at the largest N, per pair */
	int covered[MAX_COMBOS];	/* cases measured */
	int worst_w[MAX_COMBOS];	/* where worst[] was: -1 if nowhere */
	int worst_o[MAX_COMBOS];
	long worst_n[MAX_COMBOS];
};

static void choose(int m, struct choice *ch)
{
	memset(ch, 0, sizeof(*ch));
	ch->pick = ch->most = -1;
	for (int c = 0; c < ncombos; c++) {
		ch->worst[c] = 1;
		ch->worst_w[c] = ch->worst_o[c] = -1;
	}
	for (int j = 0; j < workloads.n; j++)
		for (int k = 0; k < ops.n; k++) {
			int w = wl_order[j], o = op_order[k], last = -1;

			for (int i = 0; i < nall_ns; i++) {
				long n = all_ns[i];
				double bv;
				int best = best_combo(m, w, o, n, &bv), cnt = 0;

				for (int c = 0; c < ncombos; c++)
					cnt += !isnan(cost(m, w, c, o, n));
				if (cnt < 2 || !usable(bv))
					continue;
				ch->cells++;
				last = best;
				for (int c = 0; c < ncombos; c++) {
					double x = cost(m, w, c, o, n);

					if (isnan(x))
						continue;
					ch->covered[c]++;
					if (x / bv > ch->worst[c]) {
						ch->worst[c] = x / bv;
						ch->worst_w[c] = w;
						ch->worst_o[c] = o;
						ch->worst_n[c] = n;
					}
				}
			}
			if (last >= 0) {
				ch->wins[last]++;
				ch->pairs++;
			}
		}
	for (int i = 0; ch->cells && i < ncombos; i++) {
		int c = combo_order[i];

		if (ch->covered[c] == ch->cells &&
		    (ch->pick < 0 || ch->worst[c] < ch->worst[ch->pick]))
			ch->pick = c;
		if (ch->most < 0 || ch->wins[c] > ch->wins[ch->most])
			ch->most = c;
	}
}

static void conclude_choice(FILE *f, int m, const struct choice *ch)
{
	int p = ch->pick, most = ch->most;

	if (!ch->cells)
		return;
	if (p < 0) {
		fprintf(f, "- In mode `%s` no combination is measured in every case, so these numbers recommend none.\n",
			modes.s[m]);
		return;
	}
	fprintf(f, "- Overall, in mode `%s`, choose **%s**: across the %d cases measured (workload, op, N), ",
		modes.s[m], combo_name(p), ch->cells);
	if (ch->worst_w[p] < 0)
		fprintf(f, "it is the cheapest in every one");
	else
		fprintf(f, "it never costs more than %s× the cheapest combination for that case (its worst: `%s` `%s` at %s regions)",
			fmt_fixed(ch->worst[p], 2), workloads.s[ch->worst_w[p]],
			ops.s[ch->worst_o[p]], fmt_long(ch->worst_n[p]));
	fprintf(f, ", and it is the cheapest at the largest N in %d of %d workload/op pairs.",
		ch->wins[p], ch->pairs);
	if (most != p && ch->wins[most] > ch->wins[p])
		fprintf(f, " At the largest N alone, %s is the cheapest most often (%d of %d), but it costs up to %s× the cheapest elsewhere.",
			combo_name(most), ch->wins[most], ch->pairs,
			fmt_fixed(ch->worst[most], 2));
	fprintf(f, "\n");
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * An example for conclude_host(): the first workload whose main op has a
 * combination cheaper than the baseline in mode @mi at an N where the host
 * measured both; the largest such N.  Return 0 if there is none.
 */
static int host_example(int mi, int mh, int *w_out, int *o_out, int *c_out,
			long *n_out)
{
	for (int j = 0; j < workloads.n; j++) {
		int w = wl_order[j], o = main_op(mi, w);

		for (int i = nall_ns - 1; o >= 0 && i >= 0; i--) {
			long n = all_ns[i];
			double v;
			int c = best_combo(mi, w, o, n, &v);

			if (c < 0 || c == baseline ||
			    !usable(cost(mi, w, baseline, o, n)) ||
			    !usable(v) ||
			    !usable(cost(mh, w, baseline, o, n)) ||
			    !usable(cost(mh, w, c, o, n)))
				continue;
			*w_out = w;
			*o_out = o;
			*c_out = c;
			*n_out = n;
			return 1;
		}
	}
	return 0;
}

/* Do QEMU's instruction counts carry over to this machine's cycles? */
static void conclude_host(FILE *f, int mi, int mh, int pick_i, int pick_h)
{
	int same = 0, total = 0, dir_same = 0, nq = 0, ew, eo, ec;
	long en;
	double *q = xrealloc(NULL, (size_t)nrows * sizeof(*q));

	for (int j = 0; j < workloads.n; j++)
		for (int k = 0; k < ops.n; k++)
			for (int i = 0; i < nall_ns; i++) {
				int w = wl_order[j], o = op_order[k], cnt = 0;
				int bi = -1, bh = -1;
				long n = all_ns[i];
				double vi = 0, vh = 0;
				double b_i = cost(mi, w, baseline, o, n);
				double b_h = cost(mh, w, baseline, o, n);

				for (int l = 0; l < ncombos; l++) {
					int c = combo_order[l];
					double xi = cost(mi, w, c, o, n);
					double xh = cost(mh, w, c, o, n);

					if (!usable(xi) || !usable(xh))
						continue;
					cnt++;
					if (bi < 0 || xi < vi) {
						bi = c;
						vi = xi;
					}
					if (bh < 0 || xh < vh) {
						bh = c;
						vh = xh;
					}
					if (c == baseline || !usable(b_i) ||
					    !usable(b_h))
						continue;
					q[nq++] = (b_h / xh) / (b_i / xi);
					dir_same += (b_i / xi > 1) == (b_h / xh > 1);
				}
				if (cnt < 2)
					continue;
				total++;
				same += bi == bh;
			}
	if (!total) {
		fprintf(f, "- Modes `%s` and `%s` share no case with two combinations measured: whether the instruction counts carry over to real cycles is not measured.\n",
			modes.s[mi], modes.s[mh]);
		free(q);
		return;
	}
	fprintf(f, "- Do QEMU's instruction counts carry over to real cycles? In %d of %d cases (workload, op, N) measured in both `%s` and `%s`, the combination with the fewest %s in `%s` is also the one with the fewest %s in `%s`.",
		same, total, modes.s[mi], modes.s[mh], unit_of(mi), modes.s[mi],
		unit_of(mh), modes.s[mh]);
	if (nq) {
		qsort(q, (size_t)nq, sizeof(*q), cmp_double);
		fprintf(f, " Each combination's speed-up over Linux 4.12 points the same way in both modes (above 1 in both, or in neither) in %d of %d comparisons; the `%s` speed-up is %s to %s times the `%s` one (median %s).",
			dir_same, nq, modes.s[mh], fmt_fixed(q[0], 2),
			fmt_fixed(q[nq - 1], 2), modes.s[mi],
			fmt_fixed(nq % 2 ? q[nq / 2] :
				  (q[nq / 2 - 1] + q[nq / 2]) / 2, 2));
	}
	if (host_example(mi, mh, &ew, &eo, &ec, &en))
		fprintf(f, " For example, at %s regions `%s` `%s` with %s is %s× cheaper than Linux 4.12's walk in %s and %s× cheaper in %s.",
			fmt_long(en), workloads.s[ew], ops.s[eo],
			combo_name(ec),
			fmt_factor(cost(mi, ew, baseline, eo, en) /
				   cost(mi, ew, ec, eo, en)), unit_of(mi),
			fmt_factor(cost(mh, ew, baseline, eo, en) /
				   cost(mh, ew, ec, eo, en)),
			unit_of(mh));
	if (same == total && dir_same == nq) {
		fprintf(f, " So on this machine the instruction counts rank the combinations as real cycles do");
		if (nq && q[0] >= 0.9 && q[nq - 1] <= 1 / 0.9)
			fprintf(f, ", and every speed-up agrees within 10%%.");
		else if (nq)
			fprintf(f, ", though the size of the gains differs: instructions are not time, and caches and branch prediction only count on the host.");
		else
			fprintf(f, ".");
	} else if (4 * same >= 3 * total && 4 * dir_same >= 3 * nq) {
		fprintf(f, " So the instruction counts mostly carry over to this machine; where they disagree, trust the `%s` tables.",
			modes.s[mh]);
	} else {
		fprintf(f, " So the instruction counts do not carry over reliably to this machine: choose from the `%s` tables.",
			modes.s[mh]);
	}
	if (pick_i >= 0 && pick_h >= 0)
		fprintf(f, " Applied to `%s`, the rule above picks %s%s.",
			modes.s[mh], combo_name(pick_h),
			pick_h == pick_i ? ", the same choice" :
					   ", a different choice");
	fprintf(f, "\n");
	free(q);
}

static void write_conclusions(FILE *f)
{
	int mi = name_index(&modes, "icount"), mh = name_index(&modes, "host");
	int m = mi >= 0 ? mi : mode_order[0];
	struct choice ch, chh;

	fprintf(f, "## Conclusions\n\n");
	if (baseline < 0) {
		fprintf(f, "The data has no Linux 4.12 baseline (linear/linear): there is nothing to compare the other combinations with.\n\n");
		return;
	}
	fprintf(f, "From the numbers of mode `%s` (%s), for each workload's main op:\n\n",
		modes.s[m], unit_of(m));
	for (int j = 0; j < workloads.n; j++) {
		int w = wl_order[j], o = main_op(m, w);

		if (o >= 0)
			conclude_workload(f, m, w, o);
	}
	choose(m, &ch);
	conclude_choice(f, m, &ch);
	if (mh >= 0 && mh != m) {
		choose(mh, &chh);
		conclude_host(f, m, mh, ch.pick, chh.pick);
	} else if (mh < 0) {
		fprintf(f, "- There is no `host` run in this data: whether the instruction counts carry over to real cycles is not measured.\n");
	}
	fprintf(f, "\n");
}

/* ---- bench.md: the rest --------------------------------------------------- */

static void write_intro(FILE *f, const char *csv)
{
	fprintf(f, "# memblock benchmark report\n\n");
	fprintf(f, "Generated by `tools/bench_report.c` from `%s` (%d cases) and its meta file. Every number and every sentence with a number below is computed from that data.\n\n",
		csv, nrows);
	fprintf(f, "The benchmark times memblock's operations under every combination of two strategies, written *find/update*: how `memblock_find_in_range_node()` finds free memory (`linear`: Linux 4.12's walk; `binary`: the same walk started and stopped by binary search; `gaptree`: an index of the gaps between reserved regions) and how `memblock_add_range()` / `memblock_isolate_range()` find their window (`linear` or `binary`). **linear/linear is Linux 4.12's memblock, the baseline.** Every combination returns the same addresses; the harness checks it.\n\n");
	fprintf(f, "Modes in this report:\n\n");
	for (int i = 0; i < modes.n; i++)
		fprintf(f, "- `%s`: %s Costs in %s.\n", modes.s[mode_order[i]],
			mode_text(mode_order[i]), unit_of(mode_order[i]));
	fprintf(f, "\n**QEMU's counters model no cache and no pipeline.** In `icount` a cost is a number of instructions, not time: a strategy that executes few instructions but misses the cache often looks better there than it is. Only `host` has real caches; compare it with `icount` before trusting a gain.\n\n");
	fprintf(f, "Ops: `find` is `memblock_find_in_range_node()` alone; `alloc` the whole chain, `memblock_alloc_base()` → … → `memblock_reserve()`; `build` is per region added (`dtbuild`); `free` is `memblock_free()`.\n\n");
	fprintf(f, "How to read the tables: each gives the median cost of one op, counter read cost subtracted, warm-up samples discarded; one row per number of regions N, one column per combination, the baseline first. The speed-up table below it divides the baseline's median by each combination's: above 1.00× the combination is faster than Linux 4.12. **wins from** is the smallest N from which the combination is faster than the baseline at that N and at every larger N measured (\"never\" if it is not faster at the largest N). The plots are log-log: a line that rises with slope 1 costs in proportion to N, a flat one does not grow.\n\n");
}

static void write_memory(FILE *f)
{
	fprintf(f, "## Gap index memory (gaptree)\n\n");
	if (!ngt) {
		fprintf(f, "Not measured: the meta file has no `gaptree_bytes` lines.\n\n");
		return;
	}
	fprintf(f, "The `gaptree` find strategy keeps an index of the gaps between reserved regions beside memblock's arrays: 16 bytes per leaf, for the next power of two above the reserved count, in a static table of 2 MiB (131,071 reserved regions; past that the search falls back to the `binary` walk). Requests for a node, for mirrored memory or with NOMAP use the index too, with the same filters at the leaf; only its pruning is weaker for them. Its size at each N, from the meta file:\n\n");
	fprintf(f, "| N | index bytes | bytes per region |\n|---:|---:|---:|\n");
	for (int i = 0; i < ngt; i++)
		fprintf(f, "| %s | %s | %s |\n", fmt_long(gt_n[i]),
			fmt_long(gt_bytes[i]),
			fmt_num(round((double)gt_bytes[i] / gt_n[i] * 10) / 10));
	fprintf(f, "\n");
}

static void env_row(FILE *f, const char *label, const char *key)
{
	const char *v = meta_get(key, NULL);

	fprintf(f, "| %s | ", label);
	if (v)
		md_text(f, v);
	else
		fprintf(f, "not recorded");
	fprintf(f, " |\n");
}

static void write_environment(FILE *f)
{
	int other = 0;

	fprintf(f, "## Environment\n\n");
	fprintf(f, "| | |\n|---|---|\n");
	env_row(f, "QEMU", "qemu");
	env_row(f, "OpenSBI", "opensbi");
	env_row(f, "Compiler (payload)", "cc");
	env_row(f, "Compiler (host)", "host_cc");
	env_row(f, "Host counter", "host_counter");
	env_row(f, "Date", "date");
	fprintf(f, "\n| mode | unit | counter read cost (subtracted) | samples | warm-up |\n");
	fprintf(f, "|---|---|---:|---:|---:|\n");
	for (int i = 0; i < modes.n; i++) {
		const char *mode = modes.s[mode_order[i]];
		const char *v[3] = {
			meta_get("counter_overhead", mode),
			meta_get("samples", mode),
			meta_get("warmup", mode),
		};

		fprintf(f, "| `%s` | %s |", mode, unit_of(mode_order[i]));
		for (int k = 0; k < 3; k++) {
			fputc(' ', f);
			if (v[k])
				md_text(f, v[k]);
			else
				fprintf(f, "not recorded");
			fprintf(f, " |");
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
	for (int i = 0; i < nmeta; i++)
		if (!meta[i].used)
			other++;
	if (other) {
		fprintf(f, "Other lines of the meta file, verbatim:\n\n```\n");
		for (int i = 0; i < nmeta; i++)
			if (!meta[i].used)
				fprintf(f, "%s\n", meta[i].raw);
		fprintf(f, "```\n\n");
	}
}

static void write_report(const char *outdir, const char *csv)
{
	char path[4200], tmp[4200];
	FILE *f = open_out(outdir, "bench.md.tmp", tmp, sizeof(tmp));

	snprintf(path, sizeof(path), "%s/bench.md", outdir);
	write_intro(f, csv);
	write_conclusions(f);
	write_targets(f);
	for (int i = 0; i < modes.n; i++)
		write_mode(f, mode_order[i]);
	write_memory(f);
	write_environment(f);
	close_out(f, tmp);
	if (rename(tmp, path))
		die("%s: %s", path, strerror(errno));
}

int main(int argc, char **argv)
{
	char *gnuplot;
	char plotdir[4200];

	if (argc != 4) {
		fprintf(stderr, "usage: bench_report <bench.csv> <meta.txt> <outdir>\n");
		return 2;
	}
	load_csv(argv[1]);		/* everything checked first */
	index_data();
	load_meta(argv[2]);
	gnuplot = which("gnuplot");
	if (!gnuplot)
		die("gnuplot not found in PATH: install Debian's gnuplot-nox (`make deps`); nothing written");
	mkdir_p(argv[3]);
	snprintf(plotdir, sizeof(plotdir), "%s/plot", argv[3]);
	mkdir_p(plotdir);
	write_plots(argv[3]);		/* plot/<name>.dat, .gp */
	run_gnuplot(gnuplot, argv[3]);	/* <name>.svg */
	free(gnuplot);
	write_report(argv[3], argv[1]);	/* bench.md, last: it shows the SVGs */
	printf("bench_report: wrote %s/bench.md and %d plots from %d cases\n",
	       argv[3], nplots, nrows);
	return 0;
}
