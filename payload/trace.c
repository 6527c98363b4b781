// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock.trace=chain|all: the allocation chain as a call tree.  Every
 * image reads the bootarg; the trace points themselves are compiled only
 * into build/payload-trace.elf (-DMEMBLOCK_TRACE, with the tracer of
 * payload/memblock_trace.c), so that the image the benchmark measures holds
 * none: that one says so in one line, and how to get them.
 */
#include <stdio.h>
#include <string.h>

#include "payload/payload.h"

#define KEY	"%-23s: "

static const char *const mode_names[] = {
	[TRACE_OFF] = "off",
	[TRACE_CHAIN] = "chain",
	[TRACE_ALL] = "all",
};

static enum trace_mode mode;

/* The value of @word= in @args ("" if none), the last one winning. */
static void find_value(const char *args, const char *word, char *val,
		       size_t n)
{
	size_t len = strlen(word);
	const char *p;

	val[0] = '\0';
	for (p = strstr(args, word); p; p = strstr(p + len, word)) {
		size_t v;

		if (p != args && p[-1] != ' ')
			continue;
		v = strcspn(p + len, " ");
		snprintf(val, n, "%.*s", (int)v, p + len);
	}
}

void trace_setup(const char *bootargs)
{
	char val[32];
	unsigned int m;

	find_value(bootargs ? bootargs : "", "memblock.trace=", val,
		   sizeof(val));
	if (!val[0])
		return;
	for (m = 0; m < sizeof(mode_names) / sizeof(mode_names[0]); m++)
		if (!strcmp(val, mode_names[m]))
			break;
	if (m == sizeof(mode_names) / sizeof(mode_names[0])) {
		printf("bootargs: warning: memblock.trace=%s: use chain, all or off; ignored\n",
		       val);
		return;
	}
	mode = m;
#ifdef MEMBLOCK_TRACE
	if (mode != TRACE_OFF)
		memblock_trace_start(mode);
#endif
}

void trace_banner(void)
{
#ifdef MEMBLOCK_TRACE
	char what[160];

	memblock_trace_describe(what, sizeof(what));
	printf(KEY "%s\n", "memblock.trace", mode == TRACE_OFF ? "off" : what);
#else
	if (mode != TRACE_OFF)
		printf(KEY "%s: not compiled into this image; `make run TRACE=%s` boots build/payload-trace.elf\n",
		       "memblock.trace", mode_names[mode], mode_names[mode]);
#endif
}

/*
 * The rest of a demo line: in the image without trace points, when a trace
 * was asked for, what the call cost measured around it (the trace image's
 * tree gives each step's share of its own code's cost).
 */
void trace_untraced_cost(uint64_t instret)
{
#ifndef MEMBLOCK_TRACE
	if (mode != TRACE_OFF)
		printf(" (%llu rdinstret around the call, no trace points)",
		       (unsigned long long)instret);
#else
	(void)instret;
#endif
	printf("\n");
}

void trace_demo(bool on)
{
#ifdef MEMBLOCK_TRACE
	if (mode != TRACE_OFF)
		memblock_trace_arm(on);
#else
	(void)on;
#endif
}
