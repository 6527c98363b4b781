// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The state memblock had before memblock=debug took effect, which the log
 * cannot show: memory from the tree the kernel booted with (its /memory
 * nodes, as early_init_dt_add_memory_arch() takes them: page-aligned, less
 * what the kernel says it ignored), or from the memory regions of a
 * MEMBLOCK configuration dump when there is no tree; no-map
 * reserved-memory marked NOMAP; and a NUMA tree's node ids, set where the
 * log does not print them.
 */
#include <stdio.h>

#include "tools/replay/build.h"

/* A NUMA tree's node ids, where the log does not print them. */
void set_nodes_from_start(struct builder *b, uint32_t line)
{
	const struct dtb_info *dtb = b->in->dtb;

	b->nodes_set = true;
	if (dtb) {
		for (size_t i = 0; i < dtb->nr_memory; i++)
			if (dtb->memory[i].nid >= 0)
				emit_range(b, line, RK_SET_NODE, dtb->memory[i].base,
					   dtb->memory[i].size, dtb->memory[i].nid,
					   "numa-node-id in the tree");
		return;
	}
	for (size_t i = (size_t)b->first_dump; b->first_dump >= 0 && i < b->nr_evs; i++) {
		const struct event *ev = &b->evs[i].ev;

		if (ev->type == EV_DUMP_REGION && ev->dump_type == 0 &&
		    ev->nid != MAX_NUMNODES && ev->size)
			emit_range(b, line, RK_SET_NODE, ev->base, ev->size,
				   (int)ev->nid, "the node of the dump's memory region");
		if (ev->type != EV_DUMP_REGION && ev->type != EV_DUMP_CNT &&
		    ev->type != EV_DUMP_SIZES && i != (size_t)b->first_dump)
			break;
	}
}

/* The tree's memory, as early_init_dt_add_memory_arch() adds it. */
static void start_from_tree(struct builder *b, char *desc, size_t len)
{
	const struct dtb_info *dtb = b->in->dtb;
	size_t n = 0;

	for (size_t i = 0; i < dtb->nr_memory; i++) {
		uint64_t base = dtb->memory[i].base, size = dtb->memory[i].size;

		if (size < PAGE_SIZE - (base & ~PAGE_MASK))
			continue;
		if (base & ~PAGE_MASK) {
			size -= PAGE_SIZE - (base & ~PAGE_MASK);
			base = PAGE_ALIGN(base);
		}
		size &= PAGE_MASK;
		emit_range(b, 0, RK_ADD, base, size, NUMA_NO_NODE,
			   "/memory in the tree");
		n += (size_t)snprintf(desc + n, n < len ? len - n : 0,
				      "%s[0x%llx-0x%llx]", i ? ", " : "",
				      (unsigned long long)base,
				      (unsigned long long)(base + size - 1));
	}
	snprintf(desc + n, n < len ? len - n : 0,
		 " (memblock_add() from the device tree's /memory)");
	for (size_t i = 0; i < dtb->nr_nomap; i++)
		emit_range(b, 0, RK_MARK_NOMAP, dtb->nomap[i].base,
			   dtb->nomap[i].size, NUMA_NO_NODE,
			   "no-map reserved-memory in the tree");
}

/* Does the log say where node ids are set (and NODE_DATA placed)? */
static bool logs_numa(const struct builder *b)
{
	for (size_t i = 0; i < b->nr_evs; i++)
		if (b->evs[i].ev.type == EV_NUMA_SET ||
		    b->evs[i].ev.type == EV_NODE_DATA)
			return true;
	return false;
}

/*
 * The dump's memory.  Its node ids are set where the log says (see
 * set_nodes_from_start()); a log that never says had them from the start.
 */
static void start_from_dump(struct builder *b, char *desc, size_t len)
{
	bool with_nodes = !logs_numa(b);
	size_t n = snprintf(desc, len, "memory of the MEMBLOCK configuration dump at line %u%s:",
			    b->evs[b->first_dump].line,
			    with_nodes ? ", on its nodes" : "");

	for (size_t i = (size_t)b->first_dump + 1; i < b->nr_evs; i++) {
		const struct event *ev = &b->evs[i].ev;

		if (ev->type != EV_DUMP_REGION && ev->type != EV_DUMP_CNT &&
		    ev->type != EV_DUMP_SIZES)
			break;
		if (ev->type != EV_DUMP_REGION || ev->dump_type || !ev->size)
			continue;
		if (with_nodes && ev->nid != MAX_NUMNODES)
			emit_range(b, 0, RK_ADD_NODE, ev->base, ev->size,
				   (int)ev->nid, "memory in the dump");
		else
			emit_range(b, 0, RK_ADD, ev->base, ev->size,
				   NUMA_NO_NODE, "memory in the dump");
		if (ev->flags & MEMBLOCK_NOMAP)
			emit_range(b, 0, RK_MARK_NOMAP, ev->base, ev->size,
				   NUMA_NO_NODE, "NOMAP in the dump");
		n += (size_t)snprintf(desc + n, n < len ? len - n : 0,
				      " [0x%llx-0x%llx]",
				      (unsigned long long)ev->base,
				      (unsigned long long)(ev->base + ev->size - 1));
	}
}

/* Does the log add memory itself (memblock=debug from the first call)? */
static bool logs_memory(const struct builder *b)
{
	for (size_t i = 0; i < b->nr_evs; i++)
		if (b->evs[i].ev.type == EV_RANGE &&
		    (b->evs[i].ev.call == RC_ADD || b->evs[i].ev.call == RC_ADD_NODE))
			return true;
	return false;
}

int start_state(struct builder *b)
{
	char desc[512];
	size_t n;

	b->first_dump = -1;
	for (size_t i = 0; i < b->nr_evs && b->first_dump < 0; i++)
		if (b->evs[i].ev.type == EV_DUMP)
			b->first_dump = (long)i;
	if (b->in->dtb)
		start_from_tree(b, desc, sizeof(desc));
	else if (b->first_dump >= 0)
		start_from_dump(b, desc, sizeof(desc));
	else if (logs_memory(b))
		snprintf(desc, sizeof(desc), "nothing: the log adds the memory itself");
	else
		return fail(b, 0, "the log has no MEMBLOCK configuration dump and no device tree was given: the replay cannot know the memory memblock started with");
	n = strlen(desc);
	for (size_t i = 0; i < b->nr_evs; i++) {
		const struct line_event *le = &b->evs[i];

		if (le->ev.type != EV_IGNORED || !b->in->dtb)
			continue;
		emit_range(b, le->line, RK_REMOVE, le->ev.base, le->ev.size,
			   NUMA_NO_NODE, "OF: fdt: Ignoring memory");
		n += (size_t)snprintf(desc + n, n < sizeof(desc) ? sizeof(desc) - n : 0,
				      "; less [0x%llx-0x%llx] (line %u: ignored by the kernel)",
				      (unsigned long long)le->ev.base,
				      (unsigned long long)(le->ev.base + le->ev.size - 1),
				      le->line);
	}
	b->out->hdr.start = intern(b, desc);
	return 0;
}

