// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The command line (/chosen/bootargs), split the way Linux's next_arg()
 * splits it: blanks separate parameters, double quotes keep blanks inside
 * one (`param="a b"`: param is "a b", quotes dropped), the first '='
 * outside quotes separates name and value.  Each parameter is then set in
 * order, so a parameter given twice keeps its last value, as in Linux.
 *
 * A parameter of ours with a value it does not take gets one warning
 * naming it and what it accepts, and changes nothing; so does an unknown
 * name under one of our prefixes (memblock., bench., payload.,
 * integrity.).  Other words are left alone, as Linux leaves them to init.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "mm/memblock.h"
#include "payload/payload.h"
#include "platform/counters.h"

#define BOOTARGS_MAX	4096

struct boot_options boot_options;

static void warn(const char *name, const char *val, const char *why)
{
	printf("bootargs: warning: %s%s%s: %s; ignored\n", name,
	       val ? "=" : "", val ? val : "", why);
}

/* A flag: set by its name alone. */
static void set_flag(const char *name, const char *val, bool *flag)
{
	if (val) {
		warn(name, val, "takes no value");
		return;
	}
	*flag = true;
}

/* A whole number: set *@num, or warn and leave it. */
static void set_number(const char *name, const char *val, unsigned long *num)
{
	unsigned long n = 0;
	const char *p = val;

	for (; p && *p >= '0' && *p <= '9' && n <= ULONG_MAX / 10 - 1; p++)
		n = n * 10 + (*p - '0');
	if (!val || !*val || *p) {
		warn(name, val, "use a whole number");
		return;
	}
	*num = n;
}

/*
 * @val is one of the @n names that @name_of() gives: return its index, or
 * warn with the accepted values and return -1.
 */
static int pick(const char *name, const char *val, int n,
		const char *(*name_of)(int))
{
	char accepted[128];
	size_t len = 0;
	int i;

	for (i = 0; val && i < n; i++)
		if (!strcmp(val, name_of(i)))
			return i;
	for (i = 0; i < n; i++)
		len += snprintf(accepted + len, sizeof(accepted) - len, "%s%s",
				i ? (i == n - 1 ? " or " : ", ") : "use ",
				name_of(i));
	warn(name, val, accepted);
	return -1;
}

static const char *find_name(int s)
{
	return memblock_find_strategy_name(s);
}

static const char *update_name(int s)
{
	return memblock_update_strategy_name(s);
}

static const char *debug_name(int i)
{
	(void)i;
	return "debug";
}

static const char *const bench_names[] = { "quick", "full", "off" };

static const char *bench_name(int i)
{
	return bench_names[i];
}

static const char *const scribble_names[] = { "none", "dtb", "text", "block" };

static const char *scribble_name(int i)
{
	return scribble_names[i];
}

static void set_bench(const char *val)
{
	int i = val ? pick("bench", val, 3, bench_name) : 1;	/* bench: full */

	if (i < 0)
		return;
	boot_options.bench = i != 2;
	boot_options.bench_quick = i == 0;
}

/*
 * A comma-separated list of counters ("cycle,time") as a mask of
 * 1 << enum counter; a bad name warns and sets nothing.
 */
static void set_counters(const char *name, const char *val, unsigned int *mask)
{
	char list[32];
	unsigned int set = 0;
	char *p, *comma;
	int c;

	if (!val || strlen(val) >= sizeof(list)) {
		warn(name, val, "use a list of cycle, instret and time");
		return;
	}
	strcpy(list, val);
	for (p = list; p; p = comma) {
		comma = strchr(p, ',');
		if (comma)
			*comma++ = '\0';
		c = counter_by_short_name(p);
		if (c < 0) {
			warn(name, val, "use a list of cycle, instret and time");
			return;
		}
		set |= 1U << c;
	}
	*mask = set;
}

/* One parameter: @val is NULL when the word has no '='. */
static void set_param(const char *name, const char *val)
{
	static const char *const ours[] = { "memblock.", "bench.", "payload.",
					    "integrity." };
	unsigned int i;
	int s;

	if (!strcmp(name, "memblock")) {
		if (pick(name, val, 1, debug_name) == 0)
			boot_options.memblock_debug = true;
	} else if (!strcmp(name, "movable_node")) {
		set_flag(name, val, &boot_options.movable_node);
	} else if (!strcmp(name, "memblock.find")) {
		s = pick(name, val, MEMBLOCK_FIND_NR, find_name);
		if (s >= 0)
			boot_options.find = s;
	} else if (!strcmp(name, "memblock.gaptree_build_after")) {
		set_number(name, val, &boot_options.gaptree_build_after);
	} else if (!strcmp(name, "memblock.update")) {
		s = pick(name, val, MEMBLOCK_UPDATE_NR, update_name);
		if (s >= 0)
			boot_options.update = s;
	} else if (!strcmp(name, "bench")) {
		set_bench(val);
	} else if (!strcmp(name, "bench.csv")) {
		set_flag(name, val, &boot_options.bench_csv);
	} else if (!strcmp(name, "payload.panic")) {
		set_flag(name, val, &boot_options.panic);
	} else if (!strcmp(name, "payload.trap")) {
		set_flag(name, val, &boot_options.trap);
	} else if (!strcmp(name, "payload.demo_fail")) {
		set_flag(name, val, &boot_options.demo_fail);
	} else if (!strcmp(name, "memblock.trace")) {
		s = pick(name, val, 3, trace_mode_name);
		if (s >= 0)
			boot_options.trace = s;
	} else if (!strcmp(name, "payload.dumpdtb")) {
		set_flag(name, val, &boot_options.dumpdtb);
	} else if (!strcmp(name, "payload.counter_trap")) {
		set_counters(name, val, &boot_options.counter_trap);
	} else if (!strcmp(name, "payload.counter_stuck")) {
		set_counters(name, val, &boot_options.counter_stuck);
	} else if (!strcmp(name, "integrity.scribble")) {
		s = pick(name, val, 4, scribble_name);
		if (s >= 0)
			boot_options.scribble = s;
	} else {
		for (i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
			if (!strncmp(name, ours[i], strlen(ours[i])))
				warn(name, val, "unknown parameter");
	}
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Cut the next parameter off *@args (a writable copy): NUL-terminate its
 * name and value in place and advance *@args past it.
 * Return: false when none is left.
 */
static bool next_param(char **args, char **name, char **val)
{
	char *p = *args, *eq = NULL, *end;
	bool quoted = false;

	while (blank(*p))
		p++;
	if (!*p)
		return false;
	for (end = p; *end && (quoted || !blank(*end)); end++) {
		if (*end == '"')
			quoted = !quoted;
		else if (*end == '=' && !eq && !quoted)
			eq = end;
	}
	*args = *end ? end + 1 : end;
	*end = '\0';
	*name = p;
	*val = NULL;
	if (eq) {
		*eq = '\0';
		*val = eq + 1;
	}
	/* Drop the quotes around a name or a value, as Linux does. */
	if (**name == '"') {
		(*name)++;
		if (!*val && end > *name && end[-1] == '"')
			end[-1] = '\0';
	}
	if (*val && **val == '"') {
		(*val)++;
		if (end > *val && end[-1] == '"')
			end[-1] = '\0';
	}
	return true;
}

void parse_bootargs(const char *bootargs)
{
	static char copy[BOOTARGS_MAX];
	char *args = copy, *name, *val;

	boot_options.find = memblock_get_find_strategy();
	boot_options.gaptree_build_after = ULONG_MAX;
	boot_options.update = memblock_get_update_strategy();
	if (bootargs) {
		if (strlen(bootargs) >= sizeof(copy))
			printf("bootargs: warning: longer than %zu bytes: the "
			       "rest ignored\n", sizeof(copy) - 1);
		snprintf(copy, sizeof(copy), "%s", bootargs);
		while (next_param(&args, &name, &val))
			set_param(name, val);
	}
	memblock_set_debug(boot_options.memblock_debug);
	memblock_set_movable_node(boot_options.movable_node);
	memblock_set_find_strategy(boot_options.find);
	memblock_set_update_strategy(boot_options.update);
	if (boot_options.gaptree_build_after != ULONG_MAX)
		memblock_set_gaptree_build_after(boot_options.gaptree_build_after);
}
