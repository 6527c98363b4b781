// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The op list as the log is read: ops and strings in growing arrays, the
 * header, the blob the engine reads (replay/oplist.h), one error message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tools/replay/build.h"

int fail(struct builder *b, uint32_t line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (line)
		n = snprintf(b->err, b->errlen, "line %u: ", line);
	va_start(ap, fmt);
	vsnprintf(b->err + n, b->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- the output ---- */

void *replay_grow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 64;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	p = realloc(p, n * elem);
	if (!p) {
		fprintf(stderr, "replay: out of memory\n");
		exit(2);
	}
	*cap = n;
	return p;
}

/* A string of the table, shared with an equal one already there. */
uint32_t intern(struct builder *b, const char *s)
{
	struct replay_output *o = b->out;
	size_t len = strlen(s) + 1;

	for (size_t off = 0; off < o->strings_bytes;
	     off += strlen(o->strings + off) + 1)
		if (!strcmp(o->strings + off, s))
			return (uint32_t)off;
	o->strings = replay_grow(o->strings, &o->cap_strings, o->strings_bytes + len, 1);
	memcpy(o->strings + o->strings_bytes, s, len);
	o->strings_bytes += len;
	return (uint32_t)(o->strings_bytes - len);
}

struct replay_op *emit_at(struct builder *b, size_t at, uint32_t line,
				 enum replay_kind kind, enum replay_call call)
{
	struct replay_output *o = b->out;
	struct replay_op *op;

	o->ops = replay_grow(o->ops, &o->cap_ops, o->nr_ops + 1, sizeof(*op));
	memmove(&o->ops[at + 1], &o->ops[at], (o->nr_ops - at) * sizeof(*op));
	o->nr_ops++;
	if (b->pending >= (long)at)
		b->pending++;
	if (b->last_call >= (long)at)
		b->last_call++;
	op = &o->ops[at];
	*op = (struct replay_op){ .line = line, .kind = kind, .call = call,
				  .caller = intern(b, ""), .nid = NUMA_NO_NODE };
	return op;
}

struct replay_op *emit(struct builder *b, uint32_t line,
			      enum replay_kind kind, enum replay_call call)
{
	return emit_at(b, b->out->nr_ops, line, kind, call);
}

void emit_range(struct builder *b, uint32_t line, enum replay_kind kind,
		       uint64_t base, uint64_t size, int nid, const char *why)
{
	struct replay_op *op = emit(b, line, kind, RC_REBUILT);

	op->base = base;
	op->size = size;
	op->nid = nid;
	op->caller = intern(b, why);
}

void finish_header(struct builder *b)
{
	struct replay_header *h = &b->out->hdr;
	char text[1024];
	size_t n = 0;
	uint64_t grows = 4, cap = INIT_MEMBLOCK_REGIONS, chunk;

	for (int i = 0; i < b->nr_others; i++)
		n += (size_t)snprintf(text + n, n < sizeof(text) ? sizeof(text) - n : 0,
				      "%s%u x %s (first at line %u)",
				      i ? ", " : "", b->others[i].count,
				      b->others[i].name, b->others[i].first);
	if (b->others_dropped)
		n += (size_t)snprintf(text + n, n < sizeof(text) ? sizeof(text) - n : 0,
				      ", %u lines of other kinds", b->others_dropped);
	if (b->mem_limit_line)
		snprintf(text + n, n < sizeof(text) ? sizeof(text) - n : 0,
			 "%smem= on the command line (line %u): memblock_enforce_memory_limit() is not logged and not replayed",
			 n ? "; " : "", b->mem_limit_line);
	if (!b->nr_others && !b->mem_limit_line)
		text[0] = '\0';
	h->not_replayed = intern(b, text);
	h->name = intern(b, b->in->name);

	/* the scratch window: up to six live arrays or pools at the largest */
	for (size_t i = 0; i < b->out->nr_ops; i++)
		grows += b->out->ops[i].kind < RK_CHECK;
	while (cap < grows)
		cap *= 2;
	chunk = PAGE_ALIGN((2 * cap + 2) * 64);
	h->scratch_bytes = 8 * chunk;

	memcpy(h->magic, REPLAY_MAGIC, 8);
	h->version = REPLAY_VERSION;
	h->header_bytes = sizeof(*h);
	h->op_bytes = sizeof(struct replay_op);
	h->nr_ops = (uint32_t)b->out->nr_ops;
	h->strings_bytes = (uint32_t)b->out->strings_bytes;
	h->log_lines = b->lines;
	if (b->is_412)
		h->flags |= RL_FORMAT_412;
	if (b->is_61)
		h->flags |= RL_FORMAT_61;
}

void *replay_blob(const struct replay_output *out, size_t *bytes)
{
	size_t ops = out->nr_ops * sizeof(struct replay_op);
	char *blob;

	*bytes = sizeof(out->hdr) + ops + out->strings_bytes;
	blob = malloc(*bytes);
	if (!blob)
		return NULL;
	memcpy(blob, &out->hdr, sizeof(out->hdr));
	memcpy(blob + sizeof(out->hdr), out->ops, ops);
	memcpy(blob + sizeof(out->hdr) + ops, out->strings, out->strings_bytes);
	return blob;
}

void replay_free_output(struct replay_output *out)
{
	free(out->ops);
	free(out->strings);
	memset(out, 0, sizeof(*out));
}
