// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One line of a memblock=debug log, read into an event.  Formats, after
 * the printk prefix ("<6>", "[    0.000000]", "[    T0]"):
 *
 *   6.1   memblock_reserve: [%pa-%pa] %pS           (also _add, _remove,
 *         memblock_phys_free, memblock_free_late)
 *         memblock_add_node: [%pa-%pa] nid=%d flags=%x %pS
 *         memblock_alloc_try_nid: %llu bytes align=0x%llx nid=%d
 *             from=%pa max_addr=%pa %pS             (also _raw,
 *             _exact_nid_raw)
 *         memblock_phys_alloc_range: %llu bytes align=0x%llx from=%pa
 *             max_addr=%pa %pS
 *   4.12  memblock_reserve: [%pa-%pa] %pF           (also memblock_add,
 *            memblock_free: ...                      with spaces before)
 *         __memblock_free_early: [%#016llx-%#016llx] %pF (and _late)
 *         memblock_virt_alloc_try_nid: %llu bytes align=0x%llx nid=%d
 *             from=0x%llx max_addr=0x%llx %pF   (also _nopanic, and
 *             4.16's _raw)
 *   both  memblock: %s is doubled to %ld at [...]
 *         MEMBLOCK configuration: and its lines
 *
 * A line that starts with one of these names but does not read as its
 * format is an error (garbled, or cut short); any other line naming
 * memblock is EV_OTHER.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/memblock.h"
#include "tools/replay/host.h"

struct name {
	const char *name;
	enum replay_call call;
	bool request;
	bool nid;		/* requests: has nid=; ranges: add_node's */
};

static const struct name names[] = {
	{ "memblock_reserve", RC_RESERVE, false, false },
	{ "memblock_add", RC_ADD, false, false },
	{ "memblock_add_node", RC_ADD_NODE, false, true },
	{ "memblock_remove", RC_REMOVE, false, false },
	{ "memblock_free", RC_FREE, false, false },
	{ "memblock_phys_free", RC_PHYS_FREE, false, false },
	{ "memblock_free_late", RC_FREE_LATE, false, false },
	{ "__memblock_free_early", RC_FREE_EARLY_412, false, false },
	{ "__memblock_free_late", RC_FREE_LATE_412, false, false },
	{ "memblock_phys_alloc_range", RC_PHYS_ALLOC_RANGE, true, false },
	{ "memblock_alloc_try_nid", RC_ALLOC_TRY_NID, true, true },
	{ "memblock_alloc_try_nid_raw", RC_ALLOC_TRY_NID_RAW, true, true },
	{ "memblock_alloc_exact_nid_raw", RC_ALLOC_EXACT_NID_RAW, true, true },
	{ "memblock_virt_alloc_try_nid", RC_VIRT_ALLOC_TRY_NID, true, true },
	{ "memblock_virt_alloc_try_nid_nopanic", RC_VIRT_ALLOC_NOPANIC, true, true },
	{ "memblock_virt_alloc_try_nid_raw", RC_VIRT_ALLOC_RAW, true, true },
};

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static bool lit(const char **p, const char *s)
{
	size_t n = strlen(s);

	if (strncmp(*p, s, n))
		return false;
	*p += n;
	return true;
}

static void skip_blanks(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* 1 to 16 hex digits. */
static bool hex_digits(const char **p, uint64_t *v)
{
	const char *s = *p;
	int n = 0;

	*v = 0;
	for (; n < 17; n++, s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		*v = *v << 4 | (uint64_t)d;
	}
	if (n < 1 || n > 16)
		return false;
	*p = s;
	return true;
}

/* 0x and 1 to 16 hex digits. */
static bool hex(const char **p, uint64_t *v)
{
	const char *s = *p;

	if (!lit(&s, "0x") || !hex_digits(&s, v))
		return false;
	*p = s;
	return true;
}

/* 1 to 20 decimal digits that fit in 64 bits. */
static bool dec(const char **p, uint64_t *v)
{
	const char *s = *p;

	if (*s < '0' || *s > '9')
		return false;
	*v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		uint64_t d = (uint64_t)(*s - '0');

		if (*v > (UINT64_MAX - d) / 10)
			return false;
		*v = *v * 10 + d;
	}
	*p = s;
	return true;
}

static bool sdec(const char **p, int64_t *v)
{
	bool neg = lit(p, "-");
	uint64_t u;

	if (!dec(p, &u) || u > INT32_MAX)
		return false;
	*v = neg ? -(int64_t)u : (int64_t)u;
	return true;
}

/* "[0xA-0xB]": size B - A + 1; B = A - 1 is a size of 0. */
static bool range(const char **p, struct event *ev)
{
	uint64_t end;

	if (!lit(p, "[") || !hex(p, &ev->base) || !lit(p, "-") ||
	    !hex(p, &end) || !lit(p, "]"))
		return false;
	if (end + 1 < ev->base || (end + 1 == 0 && ev->base == 0))
		return false;
	ev->size = end + 1 - ev->base;
	return true;
}

/* The rest: the caller as %pS printed it, one word. */
static bool caller(const char **p, struct event *ev)
{
	char *s = (char *)*p;
	char *end;

	if (*s != ' ')
		return false;
	skip_blanks((const char **)&s);
	end = s + strcspn(s, " \t");
	if (end == s || *end)
		return false;
	ev->caller = s;
	return true;
}

static int read_call(const char *p, const struct name *n, struct event *ev,
		     const char **why)
{
	ev->call = n->call;
	if (!n->request) {
		ev->type = EV_RANGE;
		if (!range(&p, ev)) {
			*why = "cannot read its [0x...-0x...] range";
			return -1;
		}
		/* 6.1 prints flags=%x: without 0x */
		if (n->nid && (!lit(&p, " nid=") || !sdec(&p, &ev->nid) ||
			       !lit(&p, " flags=") ||
			       !hex_digits(&p, &ev->flags))) {
			*why = "cannot read its nid= and flags=";
			return -1;
		}
	} else {
		ev->type = EV_REQUEST;
		ev->nid = NUMA_NO_NODE;
		if (!dec(&p, &ev->size) || !lit(&p, " bytes align=") ||
		    !hex(&p, &ev->align) ||
		    (n->nid && (!lit(&p, " nid=") || !sdec(&p, &ev->nid))) ||
		    !lit(&p, " from=") || !hex(&p, &ev->base) ||
		    !lit(&p, " max_addr=") || !hex(&p, &ev->max_addr)) {
			*why = "cannot read its size, align=, nid=, from= and max_addr=";
			return -1;
		}
	}
	if (!caller(&p, ev)) {
		*why = "cannot read its caller";
		return -1;
	}
	return 0;
}

/* "memblock: reserved is doubled to 256 at [a-b]" and its failure. */
static int read_doubling(const char *p, struct event *ev, const char **why)
{
	const char *s = p + strlen("memblock: ");

	if (lit(&s, "Failed to double ")) {
		ev->type = EV_DOUBLE_FAILED;
		ev->dump_type = starts(s, "memory") ? 0 : 1;
		return 0;
	}
	ev->type = EV_DOUBLED;
	if (lit(&s, "memory"))
		ev->dump_type = 0;
	else if (lit(&s, "reserved"))
		ev->dump_type = 1;
	else
		ev->dump_type = 2;
	if (ev->dump_type == 2 || !lit(&s, " is doubled to ") ||
	    !dec(&s, &ev->count) || !lit(&s, " at ") || !range(&s, ev)) {
		*why = "cannot read 'memblock: TYPE is doubled to N at [a-b]'";
		return -1;
	}
	return 0;
}

/* The lines of a MEMBLOCK configuration dump, after "MEMBLOCK configuration:". */
static int read_dump_line(const char *p, struct event *ev, const char **why)
{
	const char *types[] = { "memory", "reserved", "physmem" };
	const char *s = p;
	uint64_t end, size;

	if (lit(&s, "memory size = ")) {
		ev->type = EV_DUMP_SIZES;
		if (!hex(&s, &ev->base) || !lit(&s, " reserved size = ") ||
		    !hex(&s, &ev->size))
			goto bad;
		return 0;
	}
	for (int t = 0; t < 3; t++) {
		s = p;
		if (!lit(&s, types[t]))
			continue;
		ev->dump_type = t;
		if (lit(&s, ".cnt")) {
			ev->type = EV_DUMP_CNT;
			skip_blanks(&s);
			if (!lit(&s, "= ") || !hex(&s, &ev->count))
				goto bad;
			return 0;
		}
		ev->type = EV_DUMP_REGION;
		ev->nid = MAX_NUMNODES;
		if (!lit(&s, "[") || !hex(&s, &ev->count) || !lit(&s, "]"))
			goto bad;
		skip_blanks(&s);
		if (!lit(&s, "[") || !hex(&s, &ev->base) || !lit(&s, "-") ||
		    !hex(&s, &end) || !lit(&s, "], ") || !hex(&s, &size) ||
		    !lit(&s, " bytes"))
			goto bad;
		if (lit(&s, " on node ") && !sdec(&s, &ev->nid))
			goto bad;
		if (!lit(&s, " flags: ") || !hex(&s, &ev->flags))
			goto bad;
		ev->size = size;
		if (size && end != ev->base + size - 1)
			goto bad;
		return 0;
	}
	ev->type = EV_NONE;
	return 0;
bad:
	*why = "cannot read this line of the MEMBLOCK configuration dump";
	return -1;
}

/* "NUMA: ..." lines that set node ids or place NODE_DATA. */
static int read_numa(const char *p, struct event *ev, const char **why)
{
	const char *s = p;
	uint64_t end;

	if (lit(&s, "Faking a node at [mem ")) {
		ev->type = EV_NUMA_SET;
		ev->text = "NUMA: Faking a node";
		ev->nid = 0;
		if (!hex(&s, &ev->base) || !lit(&s, "-") || !hex(&s, &end) ||
		    !lit(&s, "]") || end < ev->base)
			goto bad;
	} else if (lit(&s, "Adding memblock [")) {
		ev->type = EV_NUMA_SET;
		ev->text = "NUMA: Adding memblock";
		if (!hex(&s, &ev->base) || !lit(&s, " - ") || !hex(&s, &end) ||
		    !lit(&s, "] on node ") || !sdec(&s, &ev->nid) ||
		    end < ev->base)
			goto bad;
	} else if (lit(&s, "NODE_DATA [mem ")) {
		ev->type = EV_NODE_DATA;
		if (!hex(&s, &ev->base) || !lit(&s, "-") || !hex(&s, &end) ||
		    !lit(&s, "]") || end < ev->base)
			goto bad;
	} else {
		return 0;
	}
	if (end == UINT64_MAX && ev->base == 0)
		goto bad;
	ev->size = end - ev->base + 1;
	return 0;
bad:
	*why = "cannot read this NUMA line's range";
	return -1;
}

/* "OF: fdt: Ignoring memory range 0x80000000 - 0x80200000" (or block). */
static int read_ignored(const char *s, struct event *ev, const char **why)
{
	uint64_t end;

	ev->type = EV_IGNORED;
	if (!hex(&s, &ev->base) || !lit(&s, " - ") || !hex(&s, &end) ||
	    end < ev->base) {
		*why = "cannot read the range memory is ignored in";
		return -1;
	}
	ev->size = end - ev->base;
	return 0;
}

/* Strip "<6>", "[    0.000000]" and "[    T0]"; note the time. */
static const char *message(char *line, struct event *ev)
{
	char *p = line;

	if (*p == '<') {
		char *q = p + 1;

		while (*q >= '0' && *q <= '9')
			q++;
		if (*q == '>' && q > p + 1)
			p = q + 1;
	}
	for (int group = 0; group < 2 && *p == '['; group++) {
		char *close = strchr(p, ']');
		const char *s = p + 1;
		uint64_t sec, usec;

		if (!close)
			break;
		skip_blanks(&s);
		if (!group && dec(&s, &sec) && lit(&s, ".") &&
		    dec(&s, &usec) && s == close) {
			ev->has_time = true;
			ev->time_us = sec * 1000000 + usec;
		} else if (!(*s == 'T' || *s == 'C')) {
			break;
		}
		p = close + 1;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* "memblock_foo: " or "memblock: ": memblock's, but not one we know. */
static bool is_memblock_name(const char *p)
{
	const char *s = p;

	while (*s == '_')
		s++;
	if (!starts(s, "memblock"))
		return false;
	s += strlen("memblock");
	while ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
	       *s == '_')
		s++;
	return s[0] == ':' && s[1] == ' ';
}

/* Ends of the kernel's boot that the report quotes. */
static bool is_stop(const char *p)
{
	static const char *const stops[] = {
		"Oops", "Kernel panic - not syncing", "Unable to handle kernel",
		"BUG: ", "kernel BUG at",
	};

	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		if (starts(p, stops[i]))
			return true;
	return false;
}

int replay_read_line(char *line, struct event *ev, const char **why)
{
	const char *p;
	size_t len;

	memset(ev, 0, sizeof(*ev));
	p = message(line, ev);
	*why = NULL;

	/* names: longest first, so that memblock_add does not take _add_node */
	for (size_t i = sizeof(names) / sizeof(names[0]); i-- > 0;) {
		len = strlen(names[i].name);
		if (!strncmp(p, names[i].name, len) && p[len] == ':' &&
		    p[len + 1] == ' ')
			return read_call(p + len + 2, &names[i], ev, why);
	}
	if (starts(p, "memblock: ") && strstr(p, "double"))
		return read_doubling(p, ev, why);
	if (starts(p, "MEMBLOCK configuration:")) {
		ev->type = EV_DUMP;
		return 0;
	}
	if (starts(p, "memory size = ") || starts(p, "memory.cnt") ||
	    starts(p, "memory[") || starts(p, "reserved.cnt") ||
	    starts(p, "reserved[") || starts(p, "physmem"))
		return read_dump_line(p, ev, why);
	if (starts(p, "NUMA: "))
		return read_numa(p + 6, ev, why);
	if (starts(p, "OF: fdt: "))
		p += 9;
	if (starts(p, "Ignoring memory range ") ||
	    starts(p, "Ignoring memory block "))
		return read_ignored(p + 22, ev, why);
	if (starts(p, "Could not allocate ") && strstr(p, "mirrored")) {
		ev->type = EV_MIRROR;
		return 0;
	}
	if (starts(p, "Kernel command line: ")) {
		ev->type = EV_CMDLINE;
		ev->text = p + 21;
		return 0;
	}
	if (is_stop(p)) {
		ev->type = EV_STOP;
		ev->text = p;
		return 0;
	}
	if (is_memblock_name(p)) {
		ev->type = EV_OTHER;
		*strchr(p, ':') = '\0';
		ev->text = p;
		return 0;
	}
	ev->type = EV_NONE;
	return 0;
}
