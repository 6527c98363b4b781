// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The integrity check: did anything write where it must not, or lose what
 * it allocated?
 *
 *  - integrity_snapshot(), at boot: checksums of the device tree blob, the
 *    payload's text and rodata ([_start, __rodata_end): .data and .bss
 *    change by design) and OpenSBI's mmode_resv* reserved-memory regions,
 *    in chunks, so that a difference can be located.  OpenSBI protects its
 *    region with PMP: a load from S-mode faults.  Each page is probed
 *    first with a load that cannot kill the payload (stvec points at the
 *    instruction after it); unreadable pages are counted and skipped.
 *  - integrity_track(), as blocks are allocated: the demo's allocations and
 *    the dynamic reserved-memory regions.
 *  - integrity_fill(), once they exist: each tracked block is filled with
 *    a pattern that depends on the address, so a block copied elsewhere
 *    does not pass for the original.  This happens before the benchmarks,
 *    which reset and rebuild memblock: the check afterwards sees what they
 *    did.
 *  - integrity_check(), last: every pattern read back, every checksum
 *    taken again, every tracked block still reserved.  Each difference is
 *    one line saying what changed and where.
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mm/memblock.h"
#include "payload/payload.h"
#include "platform/csr.h"
#include "platform/dt.h"

extern char _start[], __rodata_end[];

#define MAX_AREAS	8	/* DTB, image, OpenSBI's regions */
#define MAX_CHUNKS	256	/* checksums per area */
#define MAX_BLOCKS	32	/* demo allocations + dynamic regions (<= 16) */
#define PROBE_PAGE	4096

struct area {
	const char *what;
	char name[40];
	uintptr_t base, size;
	uintptr_t chunk;			/* bytes per checksum */
	uint64_t sum[MAX_CHUNKS];		/* 0: chunk not readable */
	unsigned int unreadable;		/* pages that fault */
};

struct block {
	const char *what;
	phys_addr_t base, size;
};

static struct area areas[MAX_AREAS];
static unsigned int nr_areas;
static struct block blocks[MAX_BLOCKS];
static unsigned int nr_blocks, dropped_blocks;
static bool filled;

/*
 * For the tests: bootargs "integrity.scribble=dtb", "=text" or "=block"
 * (boot_options.scribble, in payload/bootargs.c's order) write one byte
 * where the check must notice it, right after the fill.
 */
enum { SCRIBBLE_NONE, SCRIBBLE_DTB, SCRIBBLE_TEXT, SCRIBBLE_BLOCK };

/*
 * Load one byte at @addr with stvec pointing just past the load: if it
 * faults (PMP, no device), the trap lands on the label with @ok still 0.
 * Interrupts are off, so nothing else can take the trap.
 */
static bool readable(uintptr_t addr)
{
	unsigned long saved = r_stvec();
	unsigned long ok;

	__asm__ volatile(".option push\n"
			 ".option arch, +zicsr\n"
			 "	la	t0, 1f\n"
			 "	csrw	stvec, t0\n"
			 "	li	%0, 0\n"
			 "	lbu	t1, 0(%1)\n"
			 "	li	%0, 1\n"
			 "	.balign	4\n"
			 "1:\n"
			 ".option pop"
			 : "=&r"(ok) : "r"(addr) : "t0", "t1", "memory");
	w_stvec(saved);
	return ok;
}

/* FNV-1a over 64-bit words (bytes for the tail); never returns 0. */
static uint64_t checksum(uintptr_t base, uintptr_t size)
{
	const volatile uint8_t *p = (const volatile uint8_t *)base;
	uint64_t h = 0xcbf29ce484222325ULL;
	uintptr_t i = 0;

	for (; i + 8 <= size && !((base + i) & 7); i += 8)
		h = (h ^ *(const volatile uint64_t *)(base + i)) *
		    0x100000001b3ULL;
	for (; i < size; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h ? h : 1;
}

/* Chunk @i's checksum, or 0 if one of its pages cannot be read. */
static uint64_t chunk_sum(const struct area *a, unsigned int i,
			  unsigned int *unreadable)
{
	uintptr_t lo = a->base + i * a->chunk;
	uintptr_t hi = lo + a->chunk < a->base + a->size ? lo + a->chunk
							 : a->base + a->size;
	uintptr_t p;
	bool ok = true;

	for (p = lo; p < hi; p = (p & ~(uintptr_t)(PROBE_PAGE - 1)) + PROBE_PAGE)
		if (!readable(p)) {
			ok = false;
			if (unreadable)
				(*unreadable)++;
		}
	return ok ? checksum(lo, hi - lo) : 0;
}

static void add_area(const char *what, const char *name, uintptr_t base,
		     uintptr_t size)
{
	struct area *a;
	unsigned int i, n;

	if (nr_areas == MAX_AREAS || !size)
		return;
	a = &areas[nr_areas++];
	a->what = what;
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->base = base;
	a->size = size;
	a->chunk = (size + MAX_CHUNKS - 1) / MAX_CHUNKS;
	if (a->chunk < PROBE_PAGE)
		a->chunk = PROBE_PAGE;
	n = (size + a->chunk - 1) / a->chunk;
	for (i = 0; i < n; i++)
		a->sum[i] = chunk_sum(a, i, &a->unreadable);
}

/* Every mmode_resv* child of /reserved-memory: OpenSBI's own memory. */
static void add_opensbi_regions(const void *fdt)
{
	int root = fdt_path_offset(fdt, "/reserved-memory");
	int node, ac = fdt_address_cells(fdt, root), sc = fdt_size_cells(fdt, root);

	if (root < 0 || ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return;
	fdt_for_each_subnode(node, fdt, root) {
		const char *name = fdt_get_name(fdt, node, NULL);
		const fdt32_t *reg;
		uint64_t base = 0, size = 0;
		int len, c;

		if (!name || strncmp(name, "mmode_resv", 10))
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < (ac + sc) * 4)
			continue;
		for (c = 0; c < ac; c++)
			base = (base << 32) | fdt32_to_cpu(*reg++);
		for (c = 0; c < sc; c++)
			size = (size << 32) | fdt32_to_cpu(*reg++);
		add_area("OpenSBI", name, base, size);
	}
}

void integrity_snapshot(const void *fdt)
{
	add_area("device tree blob", "", (uintptr_t)fdt, fdt_totalsize(fdt));
	add_area("payload text+rodata", "", (uintptr_t)_start,
		 (uintptr_t)__rodata_end - (uintptr_t)_start);
	add_opensbi_regions(fdt);
}

void integrity_track(phys_addr_t base, phys_addr_t size, const char *what)
{
	if (nr_blocks == MAX_BLOCKS) {
		dropped_blocks++;
		return;
	}
	blocks[nr_blocks++] = (struct block){ what, base, size };
}

/* The pattern word at @addr: a mix of the address, never the same twice. */
static uint64_t pattern(uintptr_t addr)
{
	uint64_t x = addr ^ 0x9e3779b97f4a7c15ULL;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ULL;
	return x ^ (x >> 29);
}

static uint8_t pattern_byte(uintptr_t addr)
{
	return (uint8_t)(pattern(addr & ~(uintptr_t)7) >> (8 * (addr & 7)));
}

void integrity_fill(void)
{
	int scribble = boot_options.scribble;
	unsigned int i;

	for (i = 0; i < nr_blocks; i++) {
		uintptr_t p = (uintptr_t)memblock_phys_to_virt(blocks[i].base);
		uintptr_t end = p + blocks[i].size;

		for (; p < end && (p & 7); p++)
			*(volatile uint8_t *)p = pattern_byte(p);
		for (; p + 8 <= end; p += 8)
			*(volatile uint64_t *)p = pattern(p);
		for (; p < end; p++)
			*(volatile uint8_t *)p = pattern_byte(p);
	}
	filled = true;

	/* Test hooks: flip the bits of one byte in the middle of something. */
	if (scribble == SCRIBBLE_DTB)
		*(volatile uint8_t *)(areas[0].base + areas[0].size / 2) ^= 0xff;
	if (scribble == SCRIBBLE_TEXT)
		*(volatile uint8_t *)(areas[1].base + areas[1].size / 2) ^= 0xff;
	if (scribble == SCRIBBLE_BLOCK && nr_blocks)
		*(volatile uint8_t *)(uintptr_t)(blocks[nr_blocks - 1].base +
						 blocks[nr_blocks - 1].size / 2) ^= 0xff;
}

/* Read block @b back. Return: 0, or -1 after printing the first difference. */
static int check_block(const struct block *b)
{
	uintptr_t start = (uintptr_t)memblock_phys_to_virt(b->base);
	uintptr_t p, end = start + b->size;

	/* Whole words first, then the byte that differs (if any). */
	for (p = start; p < end && (p & 7); p++)
		if (*(volatile uint8_t *)p != pattern_byte(p))
			break;
	if (p == end || !(p & 7))
		for (; p + 8 <= end; p += 8)
			if (*(volatile uint64_t *)p != pattern(p))
				break;
	for (; p < end; p++) {
		uint8_t got = *(volatile uint8_t *)p;

		if (got != pattern_byte(p)) {
			printf("integrity: %s [0x%016llx-0x%016llx] changed: "
			       "byte at 0x%llx is 0x%02x, the pattern says 0x%02x\n",
			       b->what, (unsigned long long)b->base,
			       (unsigned long long)(b->base + b->size - 1),
			       (unsigned long long)p, got, pattern_byte(p));
			return -1;
		}
	}
	if (!memblock_is_region_reserved(b->base, b->size)) {
		printf("integrity: %s [0x%016llx-0x%016llx] is no longer "
		       "reserved in memblock\n", b->what,
		       (unsigned long long)b->base,
		       (unsigned long long)(b->base + b->size - 1));
		return -1;
	}
	return 0;
}

/* Checksum @a again. Return: 0, or -1 after printing the changed chunks. */
static int check_area(const struct area *a)
{
	unsigned int i, n = (a->size + a->chunk - 1) / a->chunk, bad = 0;

	for (i = 0; i < n; i++) {
		uint64_t now;

		if (!a->sum[i])
			continue;	/* unreadable at boot: nothing to compare */
		now = chunk_sum(a, i, NULL);
		if (now == a->sum[i])
			continue;
		if (!bad++)
			printf("integrity: %s %s[0x%016llx-0x%016llx] changed: "
			       "bytes [0x%llx-0x%llx] (checksum 0x%016llx at "
			       "boot, 0x%016llx now)\n", a->what, a->name,
			       (unsigned long long)a->base,
			       (unsigned long long)(a->base + a->size - 1),
			       (unsigned long long)(a->base + i * a->chunk),
			       (unsigned long long)(a->base + (i + 1) * a->chunk - 1),
			       (unsigned long long)a->sum[i],
			       (unsigned long long)now);
	}
	if (bad > 1)
		printf("integrity: %s: %u of %u chunks of 0x%llx bytes changed\n",
		       a->what, bad, n, (unsigned long long)a->chunk);
	return bad ? -1 : 0;
}

int integrity_check(void)
{
	phys_addr_t bytes = 0;
	unsigned int i;
	int err = 0;

	printf("\nIntegrity check (checksums taken at boot, patterns written "
	       "after the demo):\n");
	for (i = 0; i < nr_areas; i++) {
		const struct area *a = &areas[i];
		unsigned int pages = (a->size + PROBE_PAGE - 1) / PROBE_PAGE;
		int bad = check_area(a);

		printf(" %-20s %-20s [0x%016llx-0x%016llx] ", a->what, a->name,
		       (unsigned long long)a->base,
		       (unsigned long long)(a->base + a->size - 1));
		if (a->unreadable >= pages)
			printf("not readable from S-mode (PMP): no checksum\n");
		else if (a->unreadable)
			printf("%s; %u of %u pages not readable (PMP), skipped\n",
			       bad ? "CHANGED" : "unchanged", a->unreadable, pages);
		else
			printf("%s\n", bad ? "CHANGED" : "unchanged");
		err |= bad;
	}
	if (!filled) {
		printf("integrity: the allocated blocks were never filled\n");
		err = -1;
	}
	for (i = 0; i < nr_blocks; i++) {
		err |= check_block(&blocks[i]);
		bytes += blocks[i].size;
	}
	if (dropped_blocks) {
		printf("integrity: %u blocks not tracked (more than %d)\n",
		       dropped_blocks, MAX_BLOCKS);
		err = -1;
	}
	printf(" %u allocated blocks, 0x%llx bytes: pattern %s\n", nr_blocks,
	       (unsigned long long)bytes, err ? "or reservation CHANGED" :
					       "read back intact, still reserved");
	printf("Integrity check: %s\n", err ? "FAILED" : "ok");
	return err ? -1 : 0;
}
