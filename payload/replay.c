// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The replay step (issue 12): a kernel's memblock=debug log, replayed
 * under every strategy with exact instruction counts (make replay runs
 * QEMU with -icount shift=0).
 *
 * The host turns the log into an op list (tools/replay), and QEMU loads
 * it as the initrd: RAM it names in /chosen linux,initrd-start and -end,
 * so the payload needs no text parser and no file system.  Without an
 * initrd this step does nothing.
 *
 * mm/ has one memblock, the payload's: it is kept aside meanwhile
 * (payload/replay_state.c) and put back after.  The replayed machine's
 * RAM overlaps the payload's ([0x80200000, 0x88000000) is where both
 * live), so the replayed memblock must write nothing there: mm/ writes
 * only through __va(), which memblock_redirect sends to a scratch window
 * that the payload allocates from its own memblock (bench/replay/scratch.c),
 * and the replay zeroes no allocation.  The op list, now reserved in the
 * payload's memblock, is checked unchanged afterwards, and the integrity
 * check at the end covers the rest.
 */
#include <libfdt.h>
#include <stdio.h>

#include "bench/counters.h"
#include "mm/memblock.h"
#include "payload/payload.h"
#include "bench/replay/replay.h"

static const struct memblock_redirect to_replay = {
	.phys_to_virt = replay_va,
	.virt_to_phys = replay_pa,
	.vprintf = replay_message,
};

static bool read_cell(const void *fdt, int node, const char *name,
		      uint64_t *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (p && len == 4)
		*v = fdt32_to_cpu(p[0]);
	else if (p && len == 8)
		*v = (uint64_t)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]);
	else
		return false;
	return true;
}

/* The initrd QEMU loaded. Return: 1 found, 0 none, -1 bad (printed). */
static int find_initrd(const void *fdt, phys_addr_t *base, phys_addr_t *size)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	uint64_t start, end;

	if (chosen < 0 || !read_cell(fdt, chosen, "linux,initrd-start", &start))
		return 0;
	if (!read_cell(fdt, chosen, "linux,initrd-end", &end) || end <= start ||
	    !memblock_is_region_memory(start, end - start)) {
		printf("replay: /chosen: the initrd's start and end are not a range of memory\n");
		return -1;
	}
	if (memblock_is_region_reserved(start, end - start)) {
		printf("replay: the initrd [0x%llx-0x%llx] overlaps memory the payload uses: give QEMU more memory\n",
		       (unsigned long long)start, (unsigned long long)end - 1);
		return -1;
	}
	*base = start;
	*size = end - start;
	return 1;
}

static uint64_t checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

/* Memory from the payload's memblock, or 0 with a message. */
static phys_addr_t take(size_t bytes, const char *what)
{
	phys_addr_t at = __memblock_alloc_base(PAGE_ALIGN(bytes), PAGE_SIZE,
					       MEMBLOCK_ALLOC_ANYWHERE);

	if (!at)
		printf("replay: no room for the %s (%zu KiB): give QEMU more memory (make replay REPLAY_MEM=...)\n",
		       what, bytes >> 10);
	return at;
}

static int replay(const struct replay_list *list)
{
	struct replay_config cfg = { .counter_unit = bench_counters_unit(),
				     .csv = boot_options.bench_csv };
	phys_addr_t scratch, arena;
	int ret;

	/* the benchmark's counter: the first that counts (none: no costs) */
	if (bench_counter_usable())
		cfg.counter = bench_counter_read;
	cfg.scratch_bytes = list->hdr->scratch_bytes;
	cfg.arena_bytes = replay_arena_bytes(list);
	scratch = take(cfg.scratch_bytes, "scratch window");
	arena = scratch ? take(cfg.arena_bytes, "replay's working memory") : 0;
	if (!arena) {
		if (scratch)
			memblock_free(scratch, PAGE_ALIGN(cfg.scratch_bytes));
		return -1;
	}
	cfg.scratch = memblock_phys_to_virt(scratch);
	cfg.arena = memblock_phys_to_virt(arena);
	printf("replay: scratch window [0x%llx-0x%llx], working memory [0x%llx-0x%llx]\n",
	       (unsigned long long)scratch,
	       (unsigned long long)(scratch + cfg.scratch_bytes - 1),
	       (unsigned long long)arena,
	       (unsigned long long)(arena + cfg.arena_bytes - 1));

	replay_state_save();
	memblock_redirect = &to_replay;
	ret = replay_run(list, &cfg);
	memblock_redirect = NULL;
	replay_state_restore();

	memblock_free(arena, PAGE_ALIGN(cfg.arena_bytes));
	memblock_free(scratch, PAGE_ALIGN(cfg.scratch_bytes));
	return ret;
}

/**
 * run_replay - replay the op list in the initrd, if there is one
 * @fdt: the device tree the payload booted with
 *
 * Return: 0 when there is none, or every result matched the kernel's or
 * was explained; -1 otherwise (a message says why).
 */
int run_replay(const void *fdt)
{
	struct replay_list list;
	phys_addr_t base, size;
	const void *blob;
	const char *why;
	uint64_t sum;
	int ret = find_initrd(fdt, &base, &size);

	if (ret <= 0)
		return ret;
	blob = memblock_phys_to_virt(base);
	memblock_reserve(base, size);
	printf("\nReplay: op list at [0x%llx-0x%llx] (%llu KiB, /chosen linux,initrd-start)\n",
	       (unsigned long long)base, (unsigned long long)(base + size - 1),
	       (unsigned long long)size >> 10);
	if (replay_list_open(blob, size, &list, &why)) {
		printf("replay: the initrd: %s\n", why);
		return -1;
	}
	sum = checksum(blob, size);
	ret = replay(&list);
	if (checksum(blob, size) != sum) {
		printf("replay: the op list changed while it was replayed\n");
		return -1;
	}
	if (ret > 0)
		printf("replay: some results differ from the kernel's with no named difference to explain them\n");
	return ret ? -1 : 0;
}
