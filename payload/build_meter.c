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

#include "payload/payload.h"
#include "platform/counters.h"
#include "platform/dt.h"

static bool running;
static enum dt_meter_part current;
static struct build_cost last, spent[DT_METER_NR], switch_cost;
static unsigned long spans[DT_METER_NR];

/* The two that count instructions under -icount; 0 for one that does not count. */
static void read_counters(struct build_cost *c)
{
	c->cycles = counter_read(COUNTER_CYCLE);
	c->instret = counter_read(COUNTER_INSTRET);
}

enum dt_meter_part dt_meter(enum dt_meter_part part)
{
	enum dt_meter_part was = current;
	struct build_cost now;

	if (!running)
		return was;
	read_counters(&now);
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
	read_counters(&last);
	dt_meter(DT_METER_PARSE);

	/* Four empty spans, written out: what a switch costs. */
	spent[DT_METER_PARSE] = (struct build_cost){ 0 };
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

struct build_cost build_meter_spent(enum dt_meter_part part)
{
	struct build_cost c = spent[part];
	uint64_t cycles = spans[part] * switch_cost.cycles;
	uint64_t instret = spans[part] * switch_cost.instret;

	c.cycles = c.cycles > cycles ? c.cycles - cycles : 0;
	c.instret = c.instret > instret ? c.instret - instret : 0;
	return c;
}
