// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dtbinfo: what tools/run-qemu.sh needs to know about a device tree blob
 * before it boots one.
 *
 *   dtbinfo TREE.dtb              check the whole blob (platform/dt_check.c,
 *                                 the payload's own check) and print its
 *                                 sizes, "totalsize N" and "packed N" (the
 *                                 bytes in use, as QEMU loads it), and its
 *                                 memory, "memory 0xBASE 0xSIZE" per range
 *   dtbinfo TREE.dtb MACHINE.dtb  the same, and every memory range of TREE
 *                                 must lie in MACHINE's memory (QEMU's own
 *                                 tree for the -m being booted)
 *
 * Memory is what the payload reads: every node with device_type "memory"
 * and no status other than "okay"/"ok", its linux,usable-memory or else
 * reg, in the root's cells.  One line on stderr and exit status 1 when the
 * blob is malformed or claims memory the machine lacks; 2 on usage errors.
 */
#include <inttypes.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/dt_check.h"

#define MAX_RANGES	65536

struct range {
	uint64_t base, size;
	int node;
};

struct tree {
	const char *file;
	void *fdt;
	struct range r[MAX_RANGES];
	size_t n;
};

static void *read_blob(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "%s: cannot read it\n", path);
		exit(1);
	}
	buf = malloc(n ? n : 1);
	if (!buf || fread(buf, 1, n, f) != (size_t)n) {
		fprintf(stderr, "%s: cannot read it\n", path);
		exit(1);
	}
	fclose(f);
	*len = n;
	return buf;
}

static uint64_t cells(const fdt32_t **p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 32) | fdt32_to_cpu(*(*p)++);
	return v;
}

static bool is_memory(const void *fdt, int node)
{
	int len;
	const char *type = fdt_getprop(fdt, node, "device_type", &len);
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	if (!type || len != sizeof("memory") || memcmp(type, "memory", len))
		return false;
	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

/* Read and check @t->file; collect its memory ranges (size 0 skipped). */
static void load(struct tree *t)
{
	size_t len;
	char why[160];
	int node, ac, sc, n;

	t->fdt = read_blob(t->file, &len);
	if (dt_check_blob(t->fdt, len, why, sizeof(why))) {
		fprintf(stderr, "%s: not a device tree the payload can read: %s\n",
			t->file, why);
		exit(1);
	}
	ac = fdt_address_cells(t->fdt, 0);
	sc = fdt_size_cells(t->fdt, 0);
	for (node = fdt_next_node(t->fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(t->fdt, node, NULL)) {
		const fdt32_t *p;

		if (!is_memory(t->fdt, node))
			continue;
		p = fdt_getprop(t->fdt, node, "linux,usable-memory", &n);
		if (!p)
			p = fdt_getprop(t->fdt, node, "reg", &n);
		if (!p || ac < 1 || ac > 2 || sc < 1 || sc > 2)
			continue;	/* the payload names what is wrong */
		for (n /= (ac + sc) * 4; n > 0 && t->n < MAX_RANGES; n--) {
			uint64_t base = cells(&p, ac), size = cells(&p, sc);

			if (size)
				t->r[t->n++] = (struct range){ base, size, node };
		}
	}
}

/* [@base, @base + @size) is covered by @m's ranges (touching ones join). */
static bool covered(const struct tree *m, uint64_t base, uint64_t size)
{
	uint64_t last = base + (size - 1);
	size_t i;
	bool moved = true;

	if (last < base)
		return false;
	while (moved) {
		moved = false;
		for (i = 0; i < m->n; i++) {
			uint64_t mlast = m->r[i].base + (m->r[i].size - 1);

			if (m->r[i].base <= base && base <= mlast) {
				if (last <= mlast)
					return true;
				base = mlast + 1;
				moved = true;
			}
		}
	}
	return false;
}

/* The bytes the blob's blocks use: its size once packed. */
static uint32_t packed_size(const void *fdt)
{
	uint32_t end = fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt);
	uint32_t strct = fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt);

	return strct > end ? strct : end;
}

static struct tree tree, machine;

int main(int argc, char **argv)
{
	char path[512];
	size_t i, j;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: dtbinfo TREE.dtb [MACHINE.dtb]\n");
		return 2;
	}
	tree.file = argv[1];
	load(&tree);
	if (argc == 3) {
		machine.file = argv[2];
		load(&machine);
		for (i = 0; i < tree.n; i++) {
			const struct range *r = &tree.r[i];

			if (covered(&machine, r->base, r->size))
				continue;
			if (fdt_get_path(tree.fdt, r->node, path, sizeof(path)))
				strcpy(path, "?");
			fprintf(stderr, "%s: %s: memory [0x%" PRIx64 "-0x%" PRIx64
				"] is more than the machine has (its RAM:",
				tree.file, path, r->base, r->base + (r->size - 1));
			for (j = 0; j < machine.n; j++)
				fprintf(stderr, " [0x%" PRIx64 "-0x%" PRIx64 "]",
					machine.r[j].base,
					machine.r[j].base + machine.r[j].size - 1);
			fprintf(stderr, ")\n");
			return 1;
		}
	}
	printf("totalsize %u\npacked %u\n", fdt_totalsize(tree.fdt),
	       packed_size(tree.fdt));
	for (i = 0; i < tree.n; i++)
		printf("memory 0x%" PRIx64 " 0x%" PRIx64 "\n", tree.r[i].base,
		       tree.r[i].size);
	return 0;
}
