// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * __va() and __pa() for the replayed memblock: a scratch window.
 *
 * mm/ writes memory only through memblock_phys_to_virt(): a doubled
 * region array and the gap index's pool, each at the base of a block it
 * has just found (the replay zeroes no allocation: replay/chains.c).  The
 * replayed machine's addresses (0x87ff5000, say) are not this machine's,
 * and in the payload they are the payload's own memory, so each such
 * block gets a chunk of the window instead: translating an address that
 * is not a chunk's base makes a new chunk there, as large as anything
 * memblock could write from it now; chunks whose array or pool has gone
 * are reused.  Reading back (__pa() of an array being freed) finds the
 * chunk the pointer lies in.
 *
 * What does not fit stops the run with one message (replay_stop()):
 * never a write outside the window.
 */
#include <stdio.h>

#include "bench/replay/internal.h"

#define CHUNKS		8
/* A gap index node takes 40 bytes today; 64 bounds it. */
#define POOL_NODE_BOUND	64

struct chunk {
	phys_addr_t base;	/* the replayed address it stands for */
	size_t offset, bytes;	/* where in the window */
	bool used;
};

static unsigned char *window;
static size_t window_bytes;
static struct chunk chunks[CHUNKS];

void replay_scratch_init(void *mem, size_t bytes)
{
	window = mem;
	window_bytes = bytes;
	replay_scratch_reset();
}

void replay_scratch_reset(void)
{
	for (int i = 0; i < CHUNKS; i++)
		chunks[i].used = false;
}

static phys_addr_t page_align(phys_addr_t x)
{
	return (x + PAGE_SIZE - 1) & PAGE_MASK;
}

/*
 * The most memblock may write from one translated address now: a doubled
 * array of either type, or a pool for the reserved array's capacity.
 */
static size_t need_now(void)
{
	unsigned long m = memblock.memory.max > memblock.reserved.max ?
			  memblock.memory.max : memblock.reserved.max;
	phys_addr_t array = page_align(2 * m * sizeof(struct memblock_region));
	phys_addr_t pool = page_align((2 * m + 2) * POOL_NODE_BOUND);

	return array > pool ? array : pool;
}

/* Does a current array or the gap index's pool live in @c? */
static bool chunk_live(const struct chunk *c)
{
	const unsigned char *start = window + c->offset;
	const void *arrays[2] = { memblock.memory.regions,
				  memblock.reserved.regions };
	phys_addr_t pool;

	for (int i = 0; i < 2; i++)
		if (arrays[i] == start)
			return true;
	return memblock_gaptree_pool(&pool, NULL) && pool == c->base;
}

/* The lowest offset with @bytes free among the used chunks, or -1. */
static long find_room(size_t bytes)
{
	size_t at = 0;
	bool moved = true;

	while (moved) {
		moved = false;
		for (int i = 0; i < CHUNKS; i++) {
			const struct chunk *c = &chunks[i];

			if (c->used && at < c->offset + c->bytes &&
			    c->offset < at + bytes) {
				at = c->offset + c->bytes;
				moved = true;
			}
		}
	}
	return at <= window_bytes && bytes <= window_bytes - at ? (long)at : -1;
}

void *replay_va(phys_addr_t addr)
{
	size_t need = need_now();
	int slot = -1;
	long at;

	for (int i = 0; i < CHUNKS; i++) {
		struct chunk *c = &chunks[i];

		if (c->used && c->base == addr && c->bytes >= need)
			return window + c->offset;
		if (c->used && !chunk_live(c))
			c->used = false;
		if (!c->used && slot < 0)
			slot = i;
	}
	at = find_room(need);
	if (slot < 0 || at < 0)
		replay_stop("the scratch window (%zu KiB) has no room for %zu KiB of memblock's arrays at replayed 0x%llx",
			    window_bytes >> 10, need >> 10,
			    (unsigned long long)addr);
	chunks[slot] = (struct chunk){ addr, (size_t)at, need, true };
	return window + at;
}

phys_addr_t replay_pa(const void *ptr)
{
	const unsigned char *p = ptr;

	for (int i = 0; i < CHUNKS; i++) {
		const struct chunk *c = &chunks[i];

		if (c->used && p >= window + c->offset &&
		    p < window + c->offset + c->bytes)
			return c->base + (phys_addr_t)(p - (window + c->offset));
	}
	replay_stop("__pa(%p): not in the scratch window", ptr);
}
