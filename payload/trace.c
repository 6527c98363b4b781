// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memblock.trace=chain|all: the allocation chain as a call tree.  Every
 * image reads the bootarg; the trace points themselves are compiled only
 * into build/payload-trace.elf (-DMEMBLOCK_TRACE, with the tracer of
 * payload/memblock_trace.c), so that the image the benchmark measures holds
 * none: that one says so in one line, and how to get them.
 */
#include <stdio.h>

#include "payload/payload.h"
#include "platform/counters.h"

#define KEY	"%-23s: "

static const char *const mode_names[] = {
	[TRACE_OFF] = "off",
	[TRACE_CHAIN] = "chain",
	[TRACE_ALL] = "all",
};

/* memblock.trace='s values, for payload/bootargs.c. */
const char *trace_mode_name(int mode)
{
	return mode_names[mode];
}

/* After the bootargs and the counter probe: start the tracer, if asked. */
void trace_setup(void)
{
#ifdef MEMBLOCK_TRACE
	if (boot_options.trace != TRACE_OFF)
		memblock_trace_start(boot_options.trace);
#endif
}

void trace_banner(void)
{
#ifdef MEMBLOCK_TRACE
	char what[256];

	memblock_trace_describe(what, sizeof(what));
	printf(KEY "%s\n", "memblock.trace",
	       boot_options.trace == TRACE_OFF ? "off" : what);
#else
	const char *mode = mode_names[boot_options.trace];

	if (boot_options.trace != TRACE_OFF)
		printf(KEY "%s: not compiled into this image; `make run "
		       "TRACE=%s` boots build/payload-trace.elf\n",
		       "memblock.trace", mode, mode);
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
	if (boot_options.trace != TRACE_OFF && !counter_counts(COUNTER_INSTRET))
		printf(" (no cost: rdinstret %s)",
		       counter_state_name(counter_state(COUNTER_INSTRET)));
	else if (boot_options.trace != TRACE_OFF)
		printf(" (%llu rdinstret around the call, no trace points%s)",
		       (unsigned long long)instret,
		       counters_count_instructions() ? "" :
		       "; without -icount: host ticks");
#else
	(void)instret;
#endif
	printf("\n");
}

void trace_demo(bool on)
{
#ifdef MEMBLOCK_TRACE
	if (boot_options.trace != TRACE_OFF)
		memblock_trace_arm(on);
#else
	(void)on;
#endif
}
