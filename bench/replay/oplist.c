// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The op list: checking a blob before anything reads it, and the names of
 * the calls.  The payload takes the blob from memory QEMU filled: nothing
 * in it is trusted.
 */
#include <string.h>

#include "bench/replay/oplist.h"

static const char *const call_names[RC_NR] = {
	[RC_REBUILT] = "(rebuilt: not in the log)",
	[RC_ADD] = "memblock_add",
	[RC_ADD_NODE] = "memblock_add_node",
	[RC_REMOVE] = "memblock_remove",
	[RC_RESERVE] = "memblock_reserve",
	[RC_FREE] = "memblock_free",
	[RC_PHYS_FREE] = "memblock_phys_free",
	[RC_FREE_LATE] = "memblock_free_late",
	[RC_FREE_LATE_412] = "__memblock_free_late",
	[RC_FREE_EARLY_412] = "__memblock_free_early",
	[RC_PHYS_ALLOC_RANGE] = "memblock_phys_alloc_range",
	[RC_ALLOC_TRY_NID] = "memblock_alloc_try_nid",
	[RC_ALLOC_TRY_NID_RAW] = "memblock_alloc_try_nid_raw",
	[RC_ALLOC_EXACT_NID_RAW] = "memblock_alloc_exact_nid_raw",
	[RC_VIRT_ALLOC_TRY_NID] = "memblock_virt_alloc_try_nid",
	[RC_VIRT_ALLOC_NOPANIC] = "memblock_virt_alloc_try_nid_nopanic",
	[RC_VIRT_ALLOC_RAW] = "memblock_virt_alloc_try_nid_raw",
	[RC_NODE_DATA] = "NODE_DATA (memblock_phys_alloc_try_nid)",
	[RC_UNLOGGED_ALLOC] = "allocation with no request line",
};

const char *replay_call_name(enum replay_call call)
{
	return call < RC_NR ? call_names[call] : "?";
}

int replay_kind_allocates(enum replay_kind kind)
{
	return kind == RK_ALLOC_RANGE || kind == RK_ALLOC_VIRT ||
	       kind == RK_ALLOC_NODE_DATA;
}

static int string_ok(const struct replay_header *h, uint32_t off)
{
	return off < h->strings_bytes;
}

/* A dump is a RK_CHECK op followed by exactly its regions. */
static const char *check_dumps(const struct replay_op *ops, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint64_t nmem, nres;

		if (ops[i].kind == RK_CHECK_MEMORY ||
		    ops[i].kind == RK_CHECK_RESERVED)
			return "a dump's region outside a dump";
		if (ops[i].kind != RK_CHECK)
			continue;
		nmem = ops[i].base;
		nres = ops[i].size;
		if (nmem > n - i - 1 || nres > n - i - 1 - nmem)
			return "a dump longer than the list";
		for (uint64_t k = 0; k < nmem + nres; k++)
			if (ops[i + 1 + k].kind !=
			    (k < nmem ? RK_CHECK_MEMORY : RK_CHECK_RESERVED))
				return "a dump whose regions are not memory then reserved";
		i += nmem + nres;
	}
	return NULL;
}

int replay_list_open(const void *blob, size_t bytes, struct replay_list *list,
		     const char **why)
{
	const struct replay_header *h = blob;
	const struct replay_op *ops;
	const char *strings;
	uint64_t need;

	*why = NULL;
	if ((uintptr_t)blob % 8)
		*why = "op list not 8-byte aligned";
	else if (bytes < sizeof(*h) || memcmp(h->magic, REPLAY_MAGIC, 8))
		*why = "not a replay op list (no MBREPLAY header)";
	else if (h->version != REPLAY_VERSION)
		*why = "op list of another version: rebuild it with this tree's tools/replay";
	else if (h->header_bytes != sizeof(*h) ||
		 h->op_bytes != sizeof(struct replay_op))
		*why = "op list with other record sizes";
	if (*why)
		return -1;

	need = (uint64_t)sizeof(*h) + (uint64_t)h->nr_ops * sizeof(*ops) +
	       h->strings_bytes;
	if (need > bytes) {
		*why = "op list truncated: shorter than its header says";
		return -1;
	}
	ops = (const struct replay_op *)(h + 1);
	strings = (const char *)(ops + h->nr_ops);
	if (!h->strings_bytes || strings[h->strings_bytes - 1] != '\0' ||
	    !string_ok(h, h->name) || !string_ok(h, h->start) ||
	    !string_ok(h, h->not_replayed)) {
		*why = "op list with a bad string table";
		return -1;
	}
	if (h->scratch_bytes > REPLAY_SCRATCH_MAX) {
		*why = "op list asking for a scratch window over 1 GiB";
		return -1;
	}
	for (uint32_t i = 0; i < h->nr_ops; i++) {
		const struct replay_op *op = &ops[i];

		if (!op->kind || op->kind >= RK_NR || op->call >= RC_NR ||
		    (op->flags & ~RF_ALL) || !string_ok(h, op->caller) ||
		    (op->kind == RK_ALLOC_NODE_DATA &&
		     (op->nid < 0 || op->nid >= REPLAY_NODES_MAX))) {
			*why = "op list with a bad op";
			return -1;
		}
	}
	*why = check_dumps(ops, h->nr_ops);
	if (*why)
		return -1;
	list->hdr = h;
	list->ops = ops;
	list->strings = strings;
	return 0;
}
