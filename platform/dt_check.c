// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The whole-blob check (see platform/dt_check.h), from the devicetree
 * specification's layout of the structure block: a sequence of 32-bit
 * big-endian tags, each at a 4-byte aligned offset,
 *
 *   FDT_BEGIN_NODE  name, NUL-terminated, padded to 4 bytes
 *   FDT_END_NODE
 *   FDT_PROP        u32 len, u32 nameoff, len bytes of value, padded
 *   FDT_NOP
 *   FDT_END         last; every node closed
 *
 * Each step below reads only inside the structure block and moves forward
 * by at least 4 bytes, so the check ends; once it passes, so does every
 * libfdt walk (fdt_next_tag() then moves forward on every tag).
 */
#include "platform/dt_check.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct blob {
	const uint8_t *base;
	uint64_t strct, strct_size;	/* structure block: offset, bytes */
	uint64_t strs, strs_size;	/* strings block */
	uint32_t version;
	char *why;
	size_t why_len;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct blob *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->why, b->why_len, fmt, ap);
	va_end(ap);
	return -1;
}

static uint32_t u32_at(const struct blob *b, uint64_t off)
{
	const uint8_t *p = b->base + b->strct + off;

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Length of the NUL-terminated string at @p, or -1 if none within @room. */
static int64_t string_length(const uint8_t *p, uint64_t room)
{
	const uint8_t *nul = memchr(p, '\0', room);

	return nul ? nul - p : -1;
}

static uint64_t align4(uint64_t off)
{
	return (off + 3) & ~(uint64_t)3;
}

/* A property at @off of the structure block: bounds of value and name. */
static int check_prop(struct blob *b, uint64_t off, uint64_t *next)
{
	uint64_t len, nameoff, value;

	if (b->strct_size - off < 12)
		return fail(b, "property at structure offset 0x%llx: its header "
			    "runs past the structure block",
			    (unsigned long long)off);
	len = u32_at(b, off + 4);
	nameoff = u32_at(b, off + 8);
	value = off + 12;
	/* Before version 16, values of 8 bytes or more start 8-aligned. */
	if (b->version < 16 && len >= 8 && value % 8)
		value += 4;
	if (value > b->strct_size || len > b->strct_size - value)
		return fail(b, "property at structure offset 0x%llx: length "
			    "0x%llx runs past the structure block (0x%llx "
			    "bytes)", (unsigned long long)off,
			    (unsigned long long)len,
			    (unsigned long long)b->strct_size);
	if (nameoff >= b->strs_size ||
	    string_length(b->base + b->strs + nameoff,
			  b->strs_size - nameoff) < 0)
		return fail(b, "property at structure offset 0x%llx: name "
			    "offset 0x%llx is not a string of the strings "
			    "block (0x%llx bytes)", (unsigned long long)off,
			    (unsigned long long)nameoff,
			    (unsigned long long)b->strs_size);
	*next = align4(value + len);
	return 0;
}

static int walk(struct blob *b)
{
	uint64_t off = 0, depth = 0, roots = 0;
	int64_t n;

	for (;;) {
		if (off > b->strct_size || b->strct_size - off < 4)
			return fail(b, "the structure block (0x%llx bytes) "
				    "ends without FDT_END",
				    (unsigned long long)b->strct_size);
		switch (u32_at(b, off)) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && roots++)
				return fail(b, "a second root node at structure "
					    "offset 0x%llx",
					    (unsigned long long)off);
			n = string_length(b->base + b->strct + off + 4,
					  b->strct_size - off - 4);
			if (n < 0)
				return fail(b, "node name at structure offset "
					    "0x%llx runs past the structure "
					    "block", (unsigned long long)off);
			depth++;
			off = align4(off + 4 + n + 1);
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return fail(b, "FDT_END_NODE outside any node at "
					    "structure offset 0x%llx",
					    (unsigned long long)off);
			depth--;
			off += 4;
			break;
		case FDT_PROP:
			if (depth == 0)
				return fail(b, "property outside any node at "
					    "structure offset 0x%llx",
					    (unsigned long long)off);
			if (check_prop(b, off, &off))
				return -1;
			break;
		case FDT_NOP:
			off += 4;
			break;
		case FDT_END:
			if (depth || !roots)
				return fail(b, "FDT_END at structure offset "
					    "0x%llx with %llu node(s) open",
					    (unsigned long long)off,
					    (unsigned long long)(roots ? depth : 1));
			return 0;
		default:
			return fail(b, "unknown tag 0x%08x at structure offset "
				    "0x%llx", (unsigned)u32_at(b, off),
				    (unsigned long long)off);
		}
	}
}

int dt_check_blob(const void *fdt, size_t bufsize, char *why, size_t why_len)
{
	struct blob b = { .base = fdt, .why = why, .why_len = why_len };
	uint64_t total;
	int err;

	if (bufsize < sizeof(struct fdt_header))
		return fail(&b, "%zu bytes: shorter than a header", bufsize);
	err = fdt_check_header(fdt);
	if (err)
		return fail(&b, "bad header: %s", fdt_strerror(err));
	total = fdt_totalsize(fdt);
	if (total > bufsize)
		return fail(&b, "totalsize %llu is more than the %zu bytes "
			    "there", (unsigned long long)total, bufsize);
	b.version = fdt_version(fdt);
	b.strct = fdt_off_dt_struct(fdt);
	b.strs = fdt_off_dt_strings(fdt);
	/* Before version 17 the blocks' sizes are not in the header. */
	b.strct_size = b.version >= 17 ? fdt_size_dt_struct(fdt)
				       : total - b.strct;
	b.strs_size = b.version >= 3 ? fdt_size_dt_strings(fdt)
				     : total - b.strs;
	if (b.strct > total || b.strct_size > total - b.strct ||
	    b.strs > total || b.strs_size > total - b.strs)
		return fail(&b, "a block runs past totalsize %llu",
			    (unsigned long long)total);
	if (b.strct % 4)
		return fail(&b, "the structure block at 0x%llx is not 4-byte "
			    "aligned", (unsigned long long)b.strct);
	return walk(&b);
}
