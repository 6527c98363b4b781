// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A memblock=debug log, read line by line (tools/replay_line.c), turned
 * into the op list the engine replays (replay/oplist.h).
 *
 * First pass: every line that matters becomes an event; a line that names
 * a memblock call but does not read as one stops everything with one
 * message naming it, and so do printk times that go backwards.
 *
 * Second pass, in order:
 *  - the start state the log cannot show (tools/replay_start.c);
 *  - each call; a request with the reservations that follow it (those by
 *    the allocator itself, memblock_alloc_range_nid and the like, of the
 *    request's size); a doubling with the call it happened in; a
 *    reservation by the allocator with no request before it is an
 *    allocation the log does not show: NODE_DATA when "NUMA: NODE_DATA"
 *    names it (6.1's memblock_phys_alloc_try_nid()), else replayed as
 *    the reservation it is;
 *  - node ids where the log sets them ("NUMA: Faking a node", 4.12's
 *    "NUMA: Adding memblock"), else, for a NUMA tree, from its
 *    numa-node-id properties just before the first NODE_DATA;
 *  - memblock_allow_resize() just before the first call that doubles an
 *    array.  Before that call, resizing made no difference the log could
 *    show: an array that was full either doubled (and the log says so) or
 *    the call failed, and that is what happens without resizing;
 *  - a dump becomes a checkpoint.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tools/replay/build.h"

/* ---- the first pass: lines to events ---- */

static bool is_call_event(const struct event *ev)
{
	return ev->type == EV_RANGE || ev->type == EV_REQUEST;
}

static int read_lines(struct builder *b)
{
	char *p = b->in->log, *end = p + b->in->log_bytes;
	size_t cap = 0;
	uint64_t last_time = 0;
	uint32_t last_time_line = 0;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *stop = nl ? nl : end;
		struct event ev;
		const char *why;

		b->lines++;
		for (char *q = p; q < stop; q++)
			if (!*q)
				*q = '?';	/* NULs: garbage, not the end */
		while (stop > p && (stop[-1] == '\r' || stop[-1] == ' ' ||
				    stop[-1] == '\t'))
			stop--;
		*stop = '\0';
		if (replay_read_line(p, &ev, &why))
			return fail(b, b->lines, "%.120s: %s%s", p, why,
				    nl ? "" : " (the log ends inside this line: cut short?)");
		p = nl ? nl + 1 : end;
		if (ev.type == EV_NONE)
			continue;
		if (ev.has_time && ev.time_us < last_time)
			return fail(b, b->lines, "its time stamp is before line %u's: lines out of order?",
				    last_time_line);
		if (ev.has_time) {
			last_time = ev.time_us;
			last_time_line = b->lines;
		}
		b->evs = replay_grow(b->evs, &cap, b->nr_evs + 1, sizeof(*b->evs));
		b->evs[b->nr_evs++] = (struct line_event){ ev, b->lines };
	}
	return 0;
}

/* ---- the second pass: events to ops ---- */

static const struct line_event *peek(struct builder *b, size_t ahead)
{
	return b->at + ahead < b->nr_evs ? &b->evs[b->at + ahead] : NULL;
}

/* A reservation made by memblock's allocator for a request. */
static bool by_allocator(const struct event *ev)
{
	return ev->type == EV_RANGE && ev->call == RC_RESERVE &&
	       (starts(ev->caller, "memblock_") ||
		starts(ev->caller, "__memblock_")) &&
	       !starts(ev->caller, "memblock_double_array");
}

/*
 * A reservation whose caller is an address: a kernel without kallsyms
 * (or a static function that dladdr() cannot name).  The line's place
 * says what it is: right after a request, of its size, it served it.
 */
static bool unnamed(const struct event *ev)
{
	return ev->type == EV_RANGE && starts(ev->caller, "0x");
}

/* The new array's reservation, or the old one's free: a doubling's own. */
static bool by_doubling(const struct event *ev)
{
	return ev->type == EV_RANGE && starts(ev->caller, "memblock_double_array");
}

/* ... or one by an unnamed caller, where only a doubling's may be. */
static bool doubling_own(const struct event *ev)
{
	return by_doubling(ev) || unnamed(ev);
}

/* @le is the reservation NODE_DATA's line right after it names. */
static bool names_node_data(const struct line_event *le,
			    const struct line_event *next)
{
	return next && next->ev.type == EV_NODE_DATA &&
	       next->ev.base == le->ev.base && next->ev.size == le->ev.size;
}

static bool frees(const struct event *ev)
{
	return ev->call == RC_FREE || ev->call == RC_PHYS_FREE;
}

static void note_other(struct builder *b, const char *name, uint32_t line)
{
	for (int i = 0; i < b->nr_others; i++)
		if (!strcmp(b->others[i].name, name)) {
			b->others[i].count++;
			return;
		}
	if (b->nr_others == OTHER_NAMES) {
		b->others_dropped++;
		return;
	}
	snprintf(b->others[b->nr_others].name, sizeof(b->others[0].name),
		 "%s", name);
	b->others[b->nr_others].count = 1;
	b->others[b->nr_others++].first = line;
}

static void check_resize(struct builder *b, long call)
{
	struct replay_op *op;

	if (b->resize_placed)
		return;
	b->resize_placed = true;
	op = emit_at(b, (size_t)call, b->out->ops[call].line, RK_ALLOW_RESIZE,
		     RC_REBUILT);
	op->caller = intern(b, "the first doubling");
}

/*
 * "memblock: X is doubled", then the free of the old array unless it was
 * the static one, then the reservation of the new array: all of them done
 * by memblock itself, in the call before.
 */
static int doubling(struct builder *b, const struct line_event *le)
{
	const struct line_event *next = peek(b, 1);
	long call = b->pending >= 0 ? b->pending : b->last_call;
	struct replay_op *op;

	if (call < 0)
		return fail(b, le->line, "a doubling with no memblock call before it: lines out of order?");
	check_resize(b, call);
	call = b->pending >= 0 ? b->pending : b->last_call;
	op = &b->out->ops[call];
	if (le->ev.type == EV_DOUBLE_FAILED) {
		op->flags |= RF_DOUBLE_FAILED;
		return 0;
	}
	if (op->flags & (le->ev.dump_type ? RF_DOUBLES_RESERVED :
					    RF_DOUBLES_MEMORY))
		return fail(b, le->line, "a second doubling of the same array in one call");
	op->flags |= le->ev.dump_type ? RF_DOUBLES_RESERVED : RF_DOUBLES_MEMORY;
	op->doubled_at = le->ev.base;
	b->out->hdr.flags |= RL_HAS_DOUBLING;
	if (next && doubling_own(&next->ev) && frees(&next->ev)) {
		b->at++;
		next = peek(b, 1);
	}
	if (!next || !doubling_own(&next->ev) || next->ev.call != RC_RESERVE ||
	    next->ev.base != le->ev.base)
		return fail(b, le->line, "'is doubled' with no reservation of the new array after it (memblock_double_array): %s",
			    next ? "lines out of order?" : "the log ends here: cut short?");
	b->at++;
	return 0;
}

/* The reservation @le served the pending request: check it matches. */
static int attempt(struct builder *b, const struct line_event *le)
{
	struct replay_op *op = &b->out->ops[b->pending];
	uint64_t align = op->align ? op->align : NODE_DATA_ALIGN;

	if (le->ev.base % align)
		return fail(b, le->line, "the reservation is not aligned to the request's 0x%llx (line %u): it does not match its request",
			    (unsigned long long)align, op->line);
	if (op->max_addr > ALLOC_NOLEAKTRACE &&
	    op->max_addr != MEMBLOCK_ALLOC_ANYWHERE &&
	    (le->ev.base + le->ev.size > op->max_addr ||
	     le->ev.base + le->ev.size < le->ev.base))
		return fail(b, le->line, "the reservation ends above the request's max_addr=0x%llx (line %u): it does not match its request",
			    (unsigned long long)op->max_addr, op->line);
	if (!op->attempts++)
		op->first_attempt = le->ev.base;
	op->expect = le->ev.base;
	return 0;
}

/* An allocator's reservation with no request: NODE_DATA, or unknown. */
static int lone_reservation(struct builder *b, const struct line_event *le)
{
	const struct line_event *next = peek(b, 1);
	struct replay_op *op;

	if (names_node_data(le, next)) {
		if (!b->nodes_set)
			set_nodes_from_start(b, le->line);
		op = emit(b, le->line, RK_ALLOC_NODE_DATA, RC_NODE_DATA);
		op->size = le->ev.size;
		op->align = NODE_DATA_ALIGN;
		op->nid = b->node_data++;
		op->caller = intern(b, le->ev.caller);
		b->pending = (long)(op - b->out->ops);
		b->at++;
		if (attempt(b, le))
			return -1;
		b->last_call = b->pending;
		b->pending = -1;
		return 0;
	}
	if (next && next->ev.type == EV_REQUEST && next->ev.size == le->ev.size)
		return fail(b, le->line, "an allocator's reservation with no request before it, and a request of its size right after (line %u): lines out of order?",
			    next->line);
	op = emit(b, le->line, RK_RESERVE, RC_UNLOGGED_ALLOC);
	op->base = le->ev.base;
	op->size = le->ev.size;
	op->caller = intern(b, le->ev.caller);
	b->last_call = (long)(op - b->out->ops);
	return 0;
}

static void request(struct builder *b, const struct line_event *le)
{
	const struct event *ev = &le->ev;
	struct replay_op *op;

	op = emit(b, le->line, ev->call == RC_PHYS_ALLOC_RANGE ?
		  RK_ALLOC_RANGE : RK_ALLOC_VIRT, ev->call);
	op->size = ev->size;
	op->align = ev->align;
	op->nid = (int32_t)ev->nid;
	op->base = ev->base;
	op->max_addr = ev->max_addr;
	if (ev->max_addr == ALLOC_NOLEAKTRACE && !b->is_412) {
		op->max_addr = MEMBLOCK_ALLOC_ACCESSIBLE;
		op->flags |= RF_NOLEAKTRACE;
	}
	if (ev->call == RC_ALLOC_EXACT_NID_RAW)
		op->flags |= RF_EXACT_NID;
	op->caller = intern(b, ev->caller);
	b->pending = b->last_call = (long)(op - b->out->ops);
}

static const enum replay_kind range_kinds[RC_NR] = {
	[RC_ADD] = RK_ADD, [RC_ADD_NODE] = RK_ADD_NODE,
	[RC_REMOVE] = RK_REMOVE, [RC_RESERVE] = RK_RESERVE,
	[RC_FREE] = RK_FREE, [RC_PHYS_FREE] = RK_FREE,
	[RC_FREE_EARLY_412] = RK_FREE, [RC_FREE_LATE] = RK_FREE_LATE,
	[RC_FREE_LATE_412] = RK_FREE_LATE,
};

static void range_call(struct builder *b, const struct line_event *le)
{
	const struct event *ev = &le->ev;
	struct replay_op *op = emit(b, le->line, range_kinds[ev->call], ev->call);

	op->base = ev->base;
	op->size = ev->size;
	op->nid = ev->call == RC_ADD_NODE ? (int32_t)ev->nid : NUMA_NO_NODE;
	if (!ev->size)
		op->flags |= RF_SIZE_ZERO;
	op->caller = intern(b, ev->caller);
	b->last_call = (long)(op - b->out->ops);
}

/* A MEMBLOCK configuration dump: header, counts, regions. */
static int dump(struct builder *b, const struct line_event *le)
{
	struct replay_op *check = emit(b, le->line, RK_CHECK, RC_REBUILT);
	size_t check_at = (size_t)(check - b->out->ops);
	const struct line_event *e = peek(b, 1);
	int types_seen = 0;

	if (!e || e->ev.type != EV_DUMP_SIZES)
		return fail(b, le->line, "a MEMBLOCK configuration dump with no sizes after it: cut short?");
	b->out->ops[check_at].align = e->ev.base;
	b->out->ops[check_at].max_addr = e->ev.size;
	b->at++;
	while ((e = peek(b, 1)) && e->ev.type == EV_DUMP_CNT) {
		uint64_t cnt = e->ev.count;
		int type = e->ev.dump_type;

		b->at++;
		for (uint64_t k = 0; k < cnt; k++) {
			const struct line_event *r = peek(b, 1);
			struct replay_op *op;

			if (!r || r->ev.type != EV_DUMP_REGION ||
			    r->ev.dump_type != type || r->ev.count != k)
				return fail(b, e->line, "the dump's count says 0x%llx regions, and region %llu is not next: cut short or out of order?",
					    (unsigned long long)cnt,
					    (unsigned long long)k);
			b->at++;
			if (type == 2 || (cnt == 1 && !r->ev.size))
				continue;	/* physmem; an empty type's dummy */
			op = emit(b, r->line, type ? RK_CHECK_RESERVED :
					      RK_CHECK_MEMORY, RC_REBUILT);
			op->base = r->ev.base;
			op->size = r->ev.size;
			op->nid = (int32_t)r->ev.nid;
			op->align = r->ev.flags;
			if (type)
				b->out->ops[check_at].size++;
			else
				b->out->ops[check_at].base++;
		}
		types_seen |= 1 << type;
	}
	if ((types_seen & 3) != 3)
		return fail(b, le->line, "a MEMBLOCK configuration dump without both memory and reserved: cut short?");
	return 0;
}

/* One event of the second pass. */
static int step(struct builder *b, const struct line_event *le)
{
	const struct event *ev = &le->ev;
	const struct line_event *next;

	next = peek(b, 1);
	if (b->pending >= 0 && unnamed(ev) && ev->call == RC_RESERVE &&
	    !b->out->ops[b->pending].attempts &&
	    ev->size == b->out->ops[b->pending].size && !names_node_data(le, next))
		return attempt(b, le);
	if (b->pending >= 0 && by_allocator(ev)) {
		struct replay_op *op = &b->out->ops[b->pending];

		if (ev->size == op->size && !names_node_data(le, next))
			return attempt(b, le);
		if (!op->attempts && !(next && next->ev.type == EV_NODE_DATA))
			return fail(b, le->line, "the reservation is 0x%llx bytes, the request at line %u %llu: it does not match its request",
				    (unsigned long long)ev->size, op->line,
				    (unsigned long long)op->size);
	}
	if (ev->type == EV_MIRROR)
		return 0;
	if (ev->type == EV_DOUBLED || ev->type == EV_DOUBLE_FAILED)
		return doubling(b, le);
	b->pending = -1;
	switch (ev->type) {
	case EV_RANGE:
		b->any_call = true;
		if (by_doubling(ev))
			return fail(b, le->line, "memblock_double_array's %s with no 'is doubled' line before it: lines out of order?",
				    frees(ev) ? "free" : "reservation");
		if (by_allocator(ev) ||
		    (unnamed(ev) && names_node_data(le, peek(b, 1))))
			return lone_reservation(b, le);
		range_call(b, le);
		return 0;
	case EV_REQUEST:
		b->any_call = true;
		request(b, le);
		next = peek(b, 1);
		if (!next)
			return fail(b, le->line, "the log ends right after this request, before the reservation that served it: cut short?");
		return 0;
	case EV_DUMP:
		return dump(b, le);
	case EV_DUMP_SIZES:
	case EV_DUMP_CNT:
	case EV_DUMP_REGION:
		return fail(b, le->line, "a line of a MEMBLOCK configuration dump outside one: lines out of order?");
	case EV_NUMA_SET:
		b->nodes_set = true;
		emit_range(b, le->line, RK_SET_NODE, ev->base, ev->size,
			   (int)ev->nid, ev->text);
		return 0;
	case EV_NODE_DATA:
		return fail(b, le->line, "NUMA: NODE_DATA with no reservation of that range right before it: lines out of order?");
	case EV_STOP:
		emit(b, le->line, RK_STOP, RC_REBUILT)->caller =
			intern(b, ev->text);
		return 0;
	case EV_OTHER:
		note_other(b, ev->text, le->line);
		return 0;
	case EV_CMDLINE:
		if (strstr(ev->text, "mem="))
			b->mem_limit_line = le->line;
		return 0;
	default:
		return 0;
	}
}

static bool is_412_call(enum replay_call c)
{
	return c == RC_FREE || c == RC_FREE_EARLY_412 || c == RC_FREE_LATE_412 ||
	       c == RC_VIRT_ALLOC_TRY_NID || c == RC_VIRT_ALLOC_NOPANIC ||
	       c == RC_VIRT_ALLOC_RAW;
}

static bool is_61_call(enum replay_call c)
{
	return c == RC_ADD_NODE || c == RC_PHYS_FREE || c == RC_FREE_LATE ||
	       c == RC_PHYS_ALLOC_RANGE || c == RC_ALLOC_TRY_NID ||
	       c == RC_ALLOC_TRY_NID_RAW || c == RC_ALLOC_EXACT_NID_RAW;
}

int replay_build(const struct replay_input *in, struct replay_output *out,
		 char *err, size_t errlen)
{
	struct builder b = { .in = in, .out = out, .err = err,
			     .errlen = errlen, .pending = -1, .last_call = -1 };
	int ret;

	memset(out, 0, sizeof(*out));
	err[0] = '\0';
	intern(&b, "");
	ret = read_lines(&b);
	for (size_t i = 0; !ret && i < b.nr_evs; i++) {
		if (!is_call_event(&b.evs[i].ev))
			continue;
		b.is_412 |= is_412_call(b.evs[i].ev.call);
		b.is_61 |= is_61_call(b.evs[i].ev.call);
	}
	if (!ret)
		ret = start_state(&b);
	for (b.at = 0; !ret && b.at < b.nr_evs; b.at++)
		ret = step(&b, &b.evs[b.at]);
	if (!ret && !b.any_call)
		ret = fail(&b, 0, "no memblock call in the log: boot with memblock=debug and capture the whole log (dmesg)");
	if (!ret)
		finish_header(&b);
	free(b.evs);
	return ret;
}

