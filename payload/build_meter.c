// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What building memblock from the device tree costs, in parts: the walks
 * of the tree, the memblock calls and the console output.  platform/dt.c
 * and the payload switch the meter between them (dt_meter()); each switch
 * adds the counters' progress since the last one to the part that ran, so
 * the console's share stays out of the other two.  A switch costs the same
 * few instructions every time: measured when the meter starts and taken
 * off every span.
 */
#include <string.h>

#include "bench/counters.h"
#include "payload/payload.h"
#include "platform/dt.h"

static bool running;
static enum dt_meter_part current;
static struct bench_counters last, spent[DT_METER_NR], switch_cost;
static unsigned long spans[DT_METER_NR];

enum dt_meter_part dt_meter(enum dt_meter_part part)
{
	enum dt_meter_part was = current;
	struct bench_counters now;

	if (!running)
		return was;
	bench_counters_read(&now);
	spent[was].cycles += now.cycles - last.cycles;
	spent[was].instret += now.instret - last.instret;
	spans[was]++;
	current = part;
	last = now;
	return was;
}

void build_meter_start(void)
{
	memset(spent, 0, sizeof(spent));
	current = DT_METER_PARSE;
	running = true;
	bench_counters_read(&last);
	dt_meter(DT_METER_PARSE);

	/* Four empty spans, written out: what a switch costs. */
	spent[DT_METER_PARSE] = (struct bench_counters){ 0 };
	dt_meter(DT_METER_PARSE);
	dt_meter(DT_METER_PARSE);
	dt_meter(DT_METER_PARSE);
	dt_meter(DT_METER_PARSE);
	switch_cost.cycles = spent[DT_METER_PARSE].cycles / 4;
	switch_cost.instret = spent[DT_METER_PARSE].instret / 4;

	memset(spent, 0, sizeof(spent));
	memset(spans, 0, sizeof(spans));
}

void build_meter_stop(void)
{
	dt_meter(DT_METER_PARSE);
	running = false;
}

struct bench_counters build_meter_spent(enum dt_meter_part part)
{
	struct bench_counters c = spent[part];
	uint64_t cycles = spans[part] * switch_cost.cycles;
	uint64_t instret = spans[part] * switch_cost.instret;

	c.cycles = c.cycles > cycles ? c.cycles - cycles : 0;
	c.instret = c.instret > instret ? c.instret - instret : 0;
	return c;
}
