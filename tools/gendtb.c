// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gendtb: QEMU's own device tree, scaled up.  Reads a tree dumped by
 * `qemu-system-riscv64 -M virt,dumpdtb=FILE` and writes a copy with many
 * memory nodes, /reserved-memory children and /memreserve/ entries, built
 * with libfdt's sequential-write API (dtc 1.6.1 runs out of memory near
 * 10,000 sibling nodes; this is linear in the size of the tree).
 *
 * Layout of RAM [B, E) (QEMU's first memory node), chosen so that the
 * payload, fw_jump's blob at B + 0x2200000 and the demo always fit:
 *
 *   [B, B+64M)        memory@B, which holds
 *     [B, B+40M)        OpenSBI, the payload, the blob (< 6 MiB)
 *     [B+40M, B+48M)    /memreserve/ entries, one per stride, half of it each
 *     [B+48M, B+64M)    /reserved-memory reg children, likewise
 *   [B+64M, E)        with --memory N: N - 1 nodes, each a stride of whole
 *                     pages less one page of hole at its end; else part
 *                     of memory@B
 *
 * Dynamic children (size, alignment; some no-map; one with alloc-ranges
 * inside [B+32M, B+40M)) are placed by the payload.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MiB		(1ULL << 20)
#define PAGE		4096ULL
#define LOW_ZONE	(64 * MiB)
#define RSV_ZONE	(40 * MiB)	/* /memreserve/: [B+40M, B+48M) */
#define RES_ZONE	(48 * MiB)	/* reserved-memory: [B+48M, B+64M) */
#define HIGH_ZONE	(64 * MiB)

static struct {
	const char *in, *out;
	long memory;		/* memory nodes (0: keep QEMU's) */
	long reserved;		/* /reserved-memory children with reg */
	long nomap_every;	/* every K-th of them is no-map (0: none) */
	long dynamic;		/* /reserved-memory children with size */
	long memreserve;	/* /memreserve/ entries */
	long numa;		/* numa-node-id spread over K nodes */
} opt = { .numa = 1 };

static uint64_t ram_base, ram_size;
static int ac = 2, sc = 2;	/* the root's #address-cells, #size-cells */

static void usage(FILE *f)
{
	fprintf(f,
"usage: gendtb -i QEMU.dtb -o OUT.dtb [options]\n"
"\n"
"Writes QEMU's device tree (from qemu-system-riscv64 -M virt,dumpdtb=QEMU.dtb)\n"
"with many memory regions, for the payload to boot with `make run DTB=OUT.dtb`.\n"
"\n"
"  -m, --memory N        N memory nodes: the first covers the low 64 MiB, the\n"
"                        other N-1 split the RAM above 64 MiB, each with a\n"
"                        one-page hole at its end (needs 2 pages per node:\n"
"                        10,000 nodes want MEM=1G)\n"
"  -r, --reserved N      N /reserved-memory children with reg, in [B+48M, B+64M)\n"
"  -n, --no-map-every K  every K-th of those children is no-map (default: none)\n"
"  -d, --dynamic N       N /reserved-memory children with size and alignment\n"
"                        (every third no-map, the first with alloc-ranges);\n"
"                        Linux 4.12 keeps at most 16, and so does the payload\n"
"  -s, --memreserve N    N /memreserve/ entries, in [B+40M, B+48M)\n"
"  -k, --numa K          spread the memory nodes over NUMA nodes 0..K-1\n"
"                        (numa-node-id; default 1: no property)\n"
"  -h, --help            this text\n"
"\n"
"B is the base of QEMU's first memory node.  Example:\n"
"  qemu-system-riscv64 -M virt,dumpdtb=qemu.dtb -m 1G -nographic\n"
"  gendtb -i qemu.dtb -o big.dtb --memory 10000 --numa 4\n"
"  make run DTB=big.dtb MEM=1G\n");
}

__attribute__((format(printf, 1, 2), noreturn))
static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gendtb: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}

/* libfdt's sequential-write calls: any error is fatal. */
static void sw(int err, const char *what)
{
	if (err)
		die("%s: %s", what, fdt_strerror(err));
}

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *buf;
	long n;

	if (!f)
		die("%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		die("%s: cannot size it", path);
	buf = malloc(n ? n : 1);
	if (!buf || fread(buf, 1, n, f) != (size_t)n)
		die("%s: cannot read it", path);
	fclose(f);
	*len = n;
	return buf;
}

static uint64_t read_cells(const fdt32_t **p, int cells)
{
	uint64_t v = 0;

	while (cells--)
		v = (v << 32) | fdt32_to_cpu(*(*p)++);
	return v;
}

static bool is_memory(const void *fdt, int node)
{
	int len;
	const char *t = fdt_getprop(fdt, node, "device_type", &len);

	return t && len == 7 && !memcmp(t, "memory", 7);
}

/* The root's cells and the first memory node's first range: the RAM. */
static void find_ram(const void *fdt)
{
	const fdt32_t *p;
	int node, len;

	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		die("%s: root #address-cells/#size-cells %d/%d: only 1 or 2",
		    opt.in, ac, sc);
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL))
		if (is_memory(fdt, node))
			break;
	if (node < 0)
		die("%s: no memory node", opt.in);
	p = fdt_getprop(fdt, node, "reg", &len);
	if (!p || len < (ac + sc) * 4)
		die("%s: memory node without reg", opt.in);
	ram_base = read_cells(&p, ac);
	ram_size = read_cells(&p, sc);
	if (ram_size < HIGH_ZONE + 2 * PAGE)
		die("%s: RAM of 0x%" PRIx64 " bytes: need more than 64 MiB",
		    opt.in, ram_size);
}

/* reg-like property @name of (base, size) pairs in the root's cells. */
static void prop_ranges(void *out, const char *name, const uint64_t *v, int n)
{
	fdt32_t cells[4 * 2];
	int i, c = 0;

	for (i = 0; i < 2 * n; i++) {
		int w = (i % 2 == 0) ? ac : sc;

		if (w == 2)
			cells[c++] = cpu_to_fdt32(v[i] >> 32);
		cells[c++] = cpu_to_fdt32((uint32_t)v[i]);
	}
	sw(fdt_property(out, name, cells, c * 4), name);
}

static void prop_cells(void *out, const char *name, uint64_t v, int cells)
{
	fdt32_t c[2] = { cpu_to_fdt32(v >> 32), cpu_to_fdt32((uint32_t)v) };

	sw(fdt_property(out, name, cells == 2 ? c : c + 1, cells * 4), name);
}

static void memory_node(void *out, uint64_t base, uint64_t size, long nid)
{
	char name[40];
	uint64_t reg[2] = { base, size };

	snprintf(name, sizeof(name), "memory@%" PRIx64, base);
	sw(fdt_begin_node(out, name), name);
	sw(fdt_property_string(out, "device_type", "memory"), name);
	prop_ranges(out, "reg", reg, 1);
	if (opt.numa > 1)
		sw(fdt_property_u32(out, "numa-node-id", (uint32_t)nid), name);
	sw(fdt_end_node(out), name);
}

/* The memory nodes that replace QEMU's: see the layout at the top. */
static void memory_nodes(void *out)
{
	uint64_t high = ram_size - HIGH_ZONE, stride;
	long i, n = opt.memory - 1;

	memory_node(out, ram_base, LOW_ZONE, 0);
	if (n <= 0)
		return;
	stride = high / n & ~(PAGE - 1);
	if (stride < 2 * PAGE)
		die("--memory %ld: the 0x%" PRIx64 " bytes above 64 MiB make "
		    "strides of 0x%" PRIx64 ", less than 2 pages: more RAM "
		    "(MEM=) or fewer nodes", opt.memory, high, stride);
	for (i = 0; i < n; i++)
		memory_node(out, ram_base + HIGH_ZONE + i * stride,
			    stride - PAGE, i * opt.numa / n);
}

/* The /reserved-memory children we add: static, then dynamic ones. */
static void reserved_children(void *out)
{
	uint64_t stride = opt.reserved ? (16 * MiB / opt.reserved) & ~15ULL : 0;
	char name[48];
	long i;

	if (opt.reserved && stride < 32)
		die("--reserved %ld: more than 16 MiB / 32 bytes", opt.reserved);
	for (i = 0; i < opt.reserved; i++) {
		uint64_t reg[2] = { ram_base + RES_ZONE + i * stride, stride / 2 };

		snprintf(name, sizeof(name), "res%ld@%" PRIx64, i, reg[0]);
		sw(fdt_begin_node(out, name), name);
		prop_ranges(out, "reg", reg, 1);
		if (opt.nomap_every && (i + 1) % opt.nomap_every == 0)
			sw(fdt_property(out, "no-map", NULL, 0), name);
		sw(fdt_end_node(out), name);
	}
	for (i = 0; i < opt.dynamic; i++) {
		snprintf(name, sizeof(name), "dyn%ld", i);
		sw(fdt_begin_node(out, name), name);
		prop_cells(out, "size", (64 << 10) * (1 + i % 4), sc);
		prop_cells(out, "alignment", PAGE << (i % 5), ac);
		if (i % 3 == 2)
			sw(fdt_property(out, "no-map", NULL, 0), name);
		if (i == 0) {
			uint64_t r[2] = { ram_base + 32 * MiB, 8 * MiB };

			prop_ranges(out, "alloc-ranges", r, 1);
		}
		sw(fdt_end_node(out), name);
	}
}

static void copy_props(const void *in, int node, void *out)
{
	int p;

	fdt_for_each_property_offset(p, in, node) {
		const char *name;
		const void *val;
		int len;

		val = fdt_getprop_by_offset(in, p, &name, &len);
		if (!val)
			die("%s: bad property at %d", opt.in, p);
		sw(fdt_property(out, name, val, len), name);
	}
}

static bool reserved_done;

/* Copy @node and its subtree, swapping in our memory and reserved nodes. */
static void copy_node(const void *in, int node, void *out, int depth)
{
	const char *name = fdt_get_name(in, node, NULL);
	bool resmem = depth == 1 && !strcmp(name, "reserved-memory");
	int child;

	sw(fdt_begin_node(out, depth ? name : ""), name);
	copy_props(in, node, out);
	fdt_for_each_subnode(child, in, node) {
		if (depth == 0 && opt.memory && is_memory(in, child)) {
			static bool done;

			if (!done)
				memory_nodes(out);
			done = true;
			continue;
		}
		copy_node(in, child, out, depth + 1);
	}
	if (resmem) {
		reserved_children(out);
		reserved_done = true;
	}
	if (depth == 0 && !reserved_done && (opt.reserved || opt.dynamic)) {
		sw(fdt_begin_node(out, "reserved-memory"), "reserved-memory");
		sw(fdt_property_u32(out, "#address-cells", ac), "#address-cells");
		sw(fdt_property_u32(out, "#size-cells", sc), "#size-cells");
		sw(fdt_property(out, "ranges", NULL, 0), "ranges");
		reserved_children(out);
		sw(fdt_end_node(out), "reserved-memory");
	}
	sw(fdt_end_node(out), name);
}

static long number(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 1000000)
		die("%s: '%s' is not a number from 0 to 1000000", what, s);
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "memory", required_argument, NULL, 'm' },
		{ "reserved", required_argument, NULL, 'r' },
		{ "no-map-every", required_argument, NULL, 'n' },
		{ "dynamic", required_argument, NULL, 'd' },
		{ "memreserve", required_argument, NULL, 's' },
		{ "numa", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	size_t in_len, out_size;
	void *in, *out;
	uint64_t stride;
	int c, i, err;
	FILE *f;

	while ((c = getopt_long(argc, argv, "i:o:m:r:n:d:s:k:h", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'i': opt.in = optarg; break;
		case 'o': opt.out = optarg; break;
		case 'm': opt.memory = number(optarg, "--memory"); break;
		case 'r': opt.reserved = number(optarg, "--reserved"); break;
		case 'n': opt.nomap_every = number(optarg, "--no-map-every"); break;
		case 'd': opt.dynamic = number(optarg, "--dynamic"); break;
		case 's': opt.memreserve = number(optarg, "--memreserve"); break;
		case 'k': opt.numa = number(optarg, "--numa"); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!opt.in || !opt.out || optind != argc) {
		usage(stderr);
		return 2;
	}
	if (opt.numa < 1)
		die("--numa: at least 1");

	in = read_file(opt.in, &in_len);
	err = fdt_check_header(in);
	if (err || fdt_totalsize(in) > in_len)
		die("%s: not a device tree blob: %s", opt.in,
		    err ? fdt_strerror(err) : "truncated");
	find_ram(in);

	out_size = in_len + 64 * 1024 +
		   (size_t)(opt.memory + opt.reserved + opt.dynamic) * 160 +
		   (size_t)opt.memreserve * 16;
	out = malloc(out_size);
	if (!out)
		die("out of memory");
	sw(fdt_create(out, out_size), "fdt_create");
	for (i = 0; i < fdt_num_mem_rsv(in); i++) {
		uint64_t a, s;

		sw(fdt_get_mem_rsv(in, i, &a, &s), "fdt_get_mem_rsv");
		sw(fdt_add_reservemap_entry(out, a, s), "/memreserve/");
	}
	stride = opt.memreserve ? (8 * MiB / opt.memreserve) & ~15ULL : 0;
	if (opt.memreserve && stride < 32)
		die("--memreserve %ld: more than 8 MiB / 32 bytes", opt.memreserve);
	for (i = 0; i < opt.memreserve; i++)
		sw(fdt_add_reservemap_entry(out, ram_base + RSV_ZONE + i * stride,
					    stride / 2), "/memreserve/");
	sw(fdt_finish_reservemap(out), "fdt_finish_reservemap");
	copy_node(in, 0, out, 0);
	sw(fdt_finish(out), "fdt_finish");
	err = fdt_check_full(out, fdt_totalsize(out));
	if (err)
		die("the tree written does not check: %s", fdt_strerror(err));

	f = fopen(opt.out, "wb");
	if (!f || fwrite(out, 1, fdt_totalsize(out), f) != fdt_totalsize(out) ||
	    fclose(f))
		die("%s: %s", opt.out, strerror(errno));
	fprintf(stderr, "gendtb: %s: %u bytes: %ld memory nodes, %ld reserved "
		"(%ld no-map), %ld dynamic, %ld /memreserve/, RAM [0x%" PRIx64
		"-0x%" PRIx64 ")\n", opt.out, fdt_totalsize(out),
		opt.memory ? opt.memory : 1, opt.reserved,
		opt.nomap_every ? opt.reserved / opt.nomap_every : 0,
		opt.dynamic, opt.memreserve, ram_base, ram_base + ram_size);
	free(in);
	free(out);
	return 0;
}
