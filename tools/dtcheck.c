// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dtcheck: does the payload's memblock dump match the device tree it
 * booted?  Computes, on the host and without mm/ or platform/, the merged
 * memblock the tree asks for, and compares it region by region with the
 * "MEMBLOCK configuration:" dump in the payload's output.
 *
 *   memory   = every available memory node's linux,usable-memory or reg
 *              entries (size 0 skipped), trimmed inwards to pages, on its
 *              numa-node-id; minus every no-map region (static reg and
 *              dynamic, the latter where the output says it landed)
 *   reserved = the payload image and the blob (where the output says),
 *              OpenSBI's mmode_resv* (from any "Reserved memory:" line: the
 *              firmware adds them to the tree it passes on), every
 *              /memreserve/ entry, every available reserved-memory reg
 *              entry without no-map, and every dynamic region: Linux 4.12's
 *              early_init_dt_alloc_reserved_memory_arch() allocates it
 *              (reserved) and, for no-map, only removes it from memory
 *
 * Both merged as memblock merges: touching ranges with the same node.
 * Trees with hotpluggable memory or memory nodes that overlap with
 * different node ids are not supported (it says so).
 *
 * Usage: dtcheck TREE.dtb OUTPUT.txt   Exit status 0 when they match.
 *        dtcheck - OUTPUT.txt          the tree from OUTPUT's "dtb: " lines,
 *                                      the blob the payload was handed, as
 *                                      bootarg payload.dumpdtb prints it
 */
#include <inttypes.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE	4096ULL
#define NO_NODE	-1

struct range {
	uint64_t base, end;	/* [base, end) */
	int nid;
};

struct list {
	struct range *r;
	size_t n, cap;
};

static void push(struct list *l, uint64_t base, uint64_t end, int nid)
{
	if (end <= base)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->r = realloc(l->r, l->cap * sizeof(*l->r));
		if (!l->r)
			exit(2);
	}
	l->r[l->n++] = (struct range){ base, end, nid };
}

static int by_base(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* Sort and merge: overlapping or touching ranges of the same node. */
static void merge(struct list *l, const char *what)
{
	size_t i, o = 0;

	if (!l->n)
		return;
	qsort(l->r, l->n, sizeof(*l->r), by_base);
	for (i = 0; i < l->n; i++) {
		struct range *last = o ? &l->r[o - 1] : NULL;

		if (last && l->r[i].base <= last->end) {
			if (l->r[i].nid != last->nid && l->r[i].base < last->end) {
				fprintf(stderr, "dtcheck: %s ranges of nodes %d and %d "
					"overlap: not supported\n", what,
					last->nid, l->r[i].nid);
				exit(2);
			}
			if (l->r[i].nid == last->nid) {
				if (l->r[i].end > last->end)
					last->end = l->r[i].end;
				continue;
			}
		}
		l->r[o++] = l->r[i];
	}
	l->n = o;
}

/* @l minus every range of @cut (sorted, merged). */
static void subtract(struct list *l, const struct list *cut)
{
	struct list out = { 0 };
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		uint64_t base = l->r[i].base, end = l->r[i].end;

		for (j = 0; j < cut->n && base < end; j++) {
			if (cut->r[j].end <= base || cut->r[j].base >= end)
				continue;
			push(&out, base, cut->r[j].base, l->r[i].nid);
			base = cut->r[j].end;
		}
		push(&out, base, end, l->r[i].nid);
	}
	free(l->r);
	*l = out;
}

static uint64_t cells(const fdt32_t **p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 32) | fdt32_to_cpu(*(*p)++);
	return v;
}

static bool available(const void *fdt, int node)
{
	const char *s = fdt_getprop(fdt, node, "status", NULL);

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "dtcheck: cannot read %s\n", path);
		exit(2);
	}
	buf = malloc(n + 1);
	if (!buf || fread(buf, 1, n, f) != (size_t)n)
		exit(2);
	buf[n] = '\0';
	fclose(f);
	*len = n;
	return buf;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The blob in @path's "dtb: <hex>" lines, in order; exits if there is none. */
static void *blob_from_output(const char *path, size_t *len)
{
	char *text = read_file(path, len), *line, *save, *p;
	unsigned char *blob = malloc(*len / 2 + 1);
	size_t n = 0;

	if (!blob)
		exit(2);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "dtb: ", 5))
			continue;
		for (p = line + 5; hex_digit(p[0]) >= 0 && hex_digit(p[1]) >= 0; p += 2)
			blob[n++] = hex_digit(p[0]) << 4 | hex_digit(p[1]);
		if (*p && *p != '\r') {
			fprintf(stderr, "dtcheck: %s: a dtb: line that is not hex bytes\n", path);
			exit(2);
		}
	}
	free(text);
	if (!n) {
		fprintf(stderr, "dtcheck: %s: no dtb: lines (boot with payload.dumpdtb)\n", path);
		exit(2);
	}
	*len = n;
	return blob;
}

int main(int argc, char **argv)
{
	struct list mem = { 0 }, res = { 0 }, nomap = { 0 };
	struct list got_mem = { 0 }, got_res = { 0 };
	uint64_t dtb = 0, dtb_size = 0, a, b, s;
	size_t len, i;
	char *text, *line, *save;
	bool in_dump = false;
	int ac, sc, node, root, n, bad = 0;
	void *fdt;

	if (argc != 3) {
		fprintf(stderr, "usage: dtcheck TREE.dtb|- OUTPUT.txt\n");
		return 2;
	}
	fdt = strcmp(argv[1], "-") ? read_file(argv[1], &len) :
	      blob_from_output(argv[2], &len);
	if (fdt_check_header(fdt) || fdt_totalsize(fdt) > len) {
		fprintf(stderr, "dtcheck: %s: not a device tree blob\n", argv[1]);
		return 2;
	}
	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);

	/* The payload's output: the image, the blob, the dynamic regions, the dump. */
	text = read_file(argv[2], &len);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char kind[16], name[128];
		char *cr = strchr(line, '\r');
		int nid;

		if (cr)
			*cr = '\0';
		if (sscanf(line, "DTB Size               : 0x%" SCNx64, &dtb_size) == 1)
			continue;
		if (sscanf(line, "DTB Address : 0x%" SCNx64, &dtb) == 1 ||
		    sscanf(line, "DTB Address            : 0x%" SCNx64, &dtb) == 1)
			continue;
		if (sscanf(line, "Reserved memory: [0x%" SCNx64 "-0x%" SCNx64 "] %15s %127[^\n]",
			   &a, &b, kind, name) == 4) {
			if (!strcmp(kind, "size"))
				push(&res, a, b + 1, NO_NODE);
			else if (!strcmp(kind, "size,no-map")) {
				/* 4.12 removes it from memory, keeps the reservation */
				push(&nomap, a, b + 1, NO_NODE);
				push(&res, a, b + 1, NO_NODE);
			}
			else if (!strncmp(name, "mmode_resv", 10))
				/* OpenSBI adds these, no-map on sifive_u */
				push(strcmp(kind, "no-map") ? &res : &nomap, a, b + 1, NO_NODE);
			else if (!strcmp(name, "payload image, BSS and stack"))
				push(&res, a, b + 1, NO_NODE);
			continue;
		}
		if (!strcmp(line, "MEMBLOCK configuration:"))
			in_dump = true;
		if (!in_dump)
			continue;
		if (sscanf(line, " memory[0x%*x]\t[0x%" SCNx64 "-0x%" SCNx64 "], 0x%" SCNx64
			   " bytes on node %d flags: 0x%*x", &a, &b, &s, &nid) == 4)
			push(&got_mem, a, b + 1, nid);
		else if (sscanf(line, " reserved[0x%*x]\t[0x%" SCNx64 "-0x%" SCNx64 "], 0x%" SCNx64
				" bytes", &a, &b, &s) == 3)
			push(&got_res, a, b + 1, NO_NODE);
		else if (!strncmp(line, "Allocation demo", 15))
			break;
	}
	if (!dtb || !dtb_size) {
		fprintf(stderr, "dtcheck: %s: no DTB Address or Size line\n", argv[2]);
		return 2;
	}
	/* OpenSBI edits the blob (mmode_resv*): its size as booted. */
	push(&res, dtb, dtb + dtb_size, NO_NODE);

	/* The tree: memory nodes. */
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		const char *t = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *p, *nidp;
		int nid = 0;

		if (!t || strcmp(t, "memory") || !available(fdt, node))
			continue;
		if (fdt_getprop(fdt, node, "hotpluggable", NULL)) {
			fprintf(stderr, "dtcheck: hotpluggable memory: not supported\n");
			return 2;
		}
		nidp = fdt_getprop(fdt, node, "numa-node-id", NULL);
		if (nidp)
			nid = fdt32_to_cpu(*nidp);
		p = fdt_getprop(fdt, node, "linux,usable-memory", &n);
		if (!p)
			p = fdt_getprop(fdt, node, "reg", &n);
		for (n = p ? n / ((ac + sc) * 4) : 0; n > 0; n--) {
			a = cells(&p, ac);
			s = cells(&p, sc);
			push(&mem, (a + PAGE - 1) & ~(PAGE - 1), (a + s) & ~(PAGE - 1), nid);
		}
	}
	/* /memreserve/ and /reserved-memory. */
	for (i = 0; i < (size_t)fdt_num_mem_rsv(fdt); i++) {
		fdt_get_mem_rsv(fdt, i, &a, &s);
		push(&res, a, a + s, NO_NODE);
	}
	root = fdt_path_offset(fdt, "/reserved-memory");
	if (root >= 0) {
		fdt_for_each_subnode(node, fdt, root) {
			const fdt32_t *p = fdt_getprop(fdt, node, "reg", &n);
			bool nm = fdt_getprop(fdt, node, "no-map", NULL) != NULL;

			if (!p || !available(fdt, node))
				continue;
			for (n /= (ac + sc) * 4; n > 0; n--) {
				a = cells(&p, ac);
				s = cells(&p, sc);
				push(nm ? &nomap : &res, a, a + s, NO_NODE);
			}
		}
	}

	merge(&mem, "memory");
	merge(&nomap, "no-map");
	subtract(&mem, &nomap);
	merge(&res, "reserved");
	/* The dump is compared as printed: memblock keeps it sorted and merged. */

	for (i = 0; i < mem.n || i < got_mem.n; i++) {
		if (i < mem.n && i < got_mem.n && mem.r[i].base == got_mem.r[i].base &&
		    mem.r[i].end == got_mem.r[i].end && mem.r[i].nid == got_mem.r[i].nid)
			continue;
		fprintf(stderr, "dtcheck: memory[%zu]: tree says [0x%" PRIx64 "-0x%" PRIx64
			") node %d, dump says [0x%" PRIx64 "-0x%" PRIx64 ") node %d\n", i,
			i < mem.n ? mem.r[i].base : 0, i < mem.n ? mem.r[i].end : 0,
			i < mem.n ? mem.r[i].nid : -1, i < got_mem.n ? got_mem.r[i].base : 0,
			i < got_mem.n ? got_mem.r[i].end : 0, i < got_mem.n ? got_mem.r[i].nid : -1);
		bad = 1;
		break;
	}
	for (i = 0; i < res.n || i < got_res.n; i++) {
		if (i < res.n && i < got_res.n && res.r[i].base == got_res.r[i].base &&
		    res.r[i].end == got_res.r[i].end)
			continue;
		fprintf(stderr, "dtcheck: reserved[%zu]: tree says [0x%" PRIx64 "-0x%" PRIx64
			"), dump says [0x%" PRIx64 "-0x%" PRIx64 ")\n", i,
			i < res.n ? res.r[i].base : 0, i < res.n ? res.r[i].end : 0,
			i < got_res.n ? got_res.r[i].base : 0, i < got_res.n ? got_res.r[i].end : 0);
		bad = 1;
		break;
	}
	printf("dtcheck: %s: memory %zu regions, reserved %zu regions: %s\n", argv[1],
	       got_mem.n, got_res.n, bad ? "MISMATCH" : "match the tree");
	free(mem.r);
	free(res.r);
	free(nomap.r);
	free(got_mem.r);
	free(got_res.r);
	free(text);
	free(fdt);
	return bad;
}
