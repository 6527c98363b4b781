// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host tests of platform/dt.c: device tree -> memblock, with the real mm/
 * and the system's libfdt.  Each test writes a small tree as DTS, has dtc
 * compile it, runs the dt_*() steps and checks memblock and the messages.
 * Silent on success; a failed check prints the test, the line and the
 * captured output.  The run ends with "N passed, N failed".
 */
#include "platform/dt.h"
#include "tests/common/env.h"

#include <errno.h>
#include <libfdt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- Harness: trees from DTS, captured stdout, checks ---- */

static char *out;		/* what the code under test printed */
static size_t out_len;
static FILE *saved_stdout;
static const char *cur_test;
static int cur_failed;

/* Send stdout to the buffer out[0..out_len) while a test runs. */
static void capture_begin(void)
{
	fflush(stdout);
	saved_stdout = stdout;
	stdout = open_memstream(&out, &out_len);
}

static void capture_end(void)
{
	fclose(stdout);
	stdout = saved_stdout;
}

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			printf("%s:%d: %s: check failed: %s\n",		\
			       __FILE__, __LINE__, cur_test, #cond);	\
			cur_failed = 1;					\
		}							\
	} while (0)

/* What was printed since the test began (or since @from) contains @text. */
static bool printed(size_t from, const char *text)
{
	fflush(stdout);
	return out && from <= out_len && strstr(out + from, text);
}

#define CHECK_OUTPUT(text)	CHECK(printed(0, (text)))

/* Compile @dts with dtc into a malloc()ed blob. */
static void *dtb_from(const char *dts)
{
	char src[] = "/tmp/dt_test_XXXXXX.dts";
	char dst[] = "/tmp/dt_test_XXXXXX.dtb";
	char cmd[512];
	void *blob = NULL;
	FILE *f;
	long len;
	int fd;

	fd = mkstemps(src, 4);
	if (fd < 0 || write(fd, dts, strlen(dts)) != (ssize_t)strlen(dts))
		goto out;
	close(fd);
	fd = mkstemps(dst, 4);
	if (fd < 0)
		goto out;
	close(fd);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", dst, src);
	if (system(cmd) != 0)
		goto out;
	f = fopen(dst, "rb");
	if (!f)
		goto out;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	blob = malloc(len);
	if (fread(blob, 1, len, f) != (size_t)len) {
		free(blob);
		blob = NULL;
	}
	fclose(f);
out:
	unlink(src);
	unlink(dst);
	if (!blob) {
		fprintf(stderr, "dt_test: dtc could not compile:\n%s\n", dts);
		exit(2);
	}
	return blob;
}

/* The payload's sequence (payload/setup.c) without the image reservation. */
static int boot_steps(const void *fdt)
{
	int err = dt_init(fdt);

	if (!err)
		err = dt_scan_memory(fdt);
	if (!err)
		err = dt_scan_reserved_mem(fdt);
	if (err)
		return err;
	memblock_allow_resize();
	return dt_alloc_reserved_mem(fdt);
}

/* Region @i of @type is [@base, @base + @size) on node @nid. */
static bool region_is(struct memblock_type *type, unsigned long i,
		      phys_addr_t base, phys_addr_t size, int nid)
{
	return i < type->cnt && type->regions[i].base == base &&
	       type->regions[i].size == size &&
	       (nid < 0 || type->regions[i].nid == nid);
}

#define ROOT2	"/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n"
#define ROOT1	"/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n"
#define MEM128	"memory@80000000 { device_type = \"memory\"; " \
		"reg = <0 0x80000000 0 0x8000000>; };\n"
#define RESMEM	"reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;\n"

/* ---- Tests: <api>_<scenario>_check ---- */

/*
 * Root cells <1>/<1>: one memory node, one range.
 *   memory:   [0x80000000 ............... 0x88000000)
 * Expect one memory region on node 0 and the blob itself reserved.
 */
static void dt_scan_memory_one_cell_check(void)
{
	void *fdt = dtb_from(ROOT1 "memory@80000000 { device_type = \"memory\";"
			     " reg = <0x80000000 0x8000000>; }; };");

	CHECK(boot_steps(fdt) == 0);
	CHECK(dt_root_addr_cells() == 1 && dt_root_size_cells() == 1);
	CHECK(memblock.memory.cnt == 1);
	CHECK(region_is(&memblock.memory, 0, 0x80000000, 0x8000000, 0));
	free(fdt);
}

/*
 * Three reg entries, one of them empty, in one node:
 *   [0x80000000, +16M)  size 0  [0x90000000, +16M)
 * Expect two memory regions and a warning naming reg[1].
 */
static void dt_scan_memory_many_entries_check(void)
{
	void *fdt = dtb_from(ROOT2 "memory@80000000 { device_type = \"memory\";"
			     " reg = <0 0x80000000 0 0x1000000  0 0x88000000 0 0"
			     "  0 0x90000000 0 0x1000000>; }; };");

	CHECK(boot_steps(fdt) == 0);
	CHECK(memblock.memory.cnt == 2);
	CHECK(region_is(&memblock.memory, 0, 0x80000000, 0x1000000, 0));
	CHECK(region_is(&memblock.memory, 1, 0x90000000, 0x1000000, 0));
	CHECK_OUTPUT("fdt: warning: /memory@80000000: reg[1]: size 0 at 0x88000000, skipped");
	free(fdt);
}

/*
 * Unaligned ranges are trimmed inwards to whole pages, as
 * early_init_dt_add_memory_arch() does:
 *   [0x80000800, +0x3000) -> [0x80001000, 0x80003000)
 *   [0x90000800, +0x400)  -> smaller than what is left of its page: ignored
 */
static void dt_scan_memory_page_align_check(void)
{
	void *fdt = dtb_from(ROOT2 "memory@80000800 { device_type = \"memory\";"
			     " reg = <0 0x80000800 0 0x3000  0 0x90000800 0 0x400>; }; };");

	CHECK(boot_steps(fdt) == 0);
	CHECK(memblock.memory.cnt == 1);
	CHECK(region_is(&memblock.memory, 0, 0x80001000, 0x2000, 0));
	CHECK_OUTPUT("Ignoring memory block 0x90000800 - 0x90000c00");
	free(fdt);
}

/*
 * numa-node-id gives the node; a disabled node is skipped with a warning;
 * linux,usable-memory wins over reg.
 */
static void dt_scan_memory_node_props_check(void)
{
	void *fdt = dtb_from(ROOT2 MEM128
			     "memory@90000000 { device_type = \"memory\"; numa-node-id = <3>;"
			     " reg = <0 0x90000000 0 0x1000000>; };\n"
			     "memory@a0000000 { device_type = \"memory\"; status = \"disabled\";"
			     " reg = <0 0xa0000000 0 0x1000000>; };\n"
			     "memory@b0000000 { device_type = \"memory\";"
			     " reg = <0 0xb0000000 0 0x2000000>;"
			     " linux,usable-memory = <0 0xb0000000 0 0x1000000>; }; };");

	CHECK(boot_steps(fdt) == 0);
	CHECK(memblock.memory.cnt == 3);
	CHECK(region_is(&memblock.memory, 0, 0x80000000, 0x8000000, 0));
	CHECK(region_is(&memblock.memory, 1, 0x90000000, 0x1000000, 3));
	CHECK(region_is(&memblock.memory, 2, 0xb0000000, 0x1000000, 0));
	CHECK_OUTPUT("fdt: warning: /memory@a0000000: status = \"disabled\", skipped");
	free(fdt);
}

/* Bad trees: each fails with one line naming the node and the property. */
static void dt_scan_memory_bad_trees_check(void)
{
	static const struct {
		const char *dts;
		const char *message;
	} bad[] = {
		{ "/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; };",
		  "fdt: error: /: no memory node (device_type = \"memory\") in the device tree" },
		{ ROOT2 "memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0x8000000>; }; };",
		  "fdt: error: /memory@80000000: reg: length 12 is not a multiple of 16" },
		{ "/dts-v1/;\n/ { #address-cells = <3>; #size-cells = <2>; " MEM128 "};",
		  "fdt: error: /: #address-cells: <3> is not supported, only 1 or 2" },
		{ ROOT2 "memory@80000000 { device_type = \"memory\"; numa-node-id = <64>;"
		  " reg = <0 0x80000000 0 0x8000000>; }; };",
		  "fdt: error: /memory@80000000: numa-node-id: <64> is not below MAX_NUMNODES (64)" },
		{ ROOT2 "memory@80000000 { device_type = \"memory\"; status = \"disabled\";"
		  " reg = <0 0x80000000 0 0x8000000>; }; };",
		  "fdt: error: /: no usable memory" },
		{ ROOT2 MEM128 "reserved-memory { #address-cells = <1>; #size-cells = <2>; ranges; }; };",
		  "fdt: error: /reserved-memory: #address-cells: <1> differs from the root's <2>" },
		{ ROOT2 MEM128 "reserved-memory { #address-cells = <2>; #size-cells = <2>; }; };",
		  "fdt: error: /reserved-memory: ranges: missing" },
		{ ROOT2 MEM128 RESMEM "bad@84000000 { reg = <0 0x84000000 0>; }; }; };",
		  "fdt: error: /reserved-memory/bad@84000000: reg: length 12 is not a multiple of 16" },
		{ ROOT2 MEM128 RESMEM "pool { size = <0x100000>; }; }; };",
		  "fdt: error: /reserved-memory/pool: size: length 4, expected 8" },
		{ ROOT2 MEM128 RESMEM "pool { size = <0 0x100000>; alignment = <0x1000>; }; }; };",
		  "fdt: error: /reserved-memory/pool: alignment: length 4, expected 8" },
		{ ROOT2 MEM128 RESMEM "pool { size = <0 0x100000>; alloc-ranges = <0 0x80000000 0>; }; }; };",
		  "fdt: error: /reserved-memory/pool: alloc-ranges: length 12 is not a multiple of 16" },
		{ "/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <0>; " MEM128 "};",
		  "fdt: error: /: #size-cells: <0> is not supported, only 1 or 2" },
		{ "/dts-v1/;\n/ { #address-cells = <0>; #size-cells = <2>; " MEM128 "};",
		  "fdt: error: /: #address-cells: <0> is not supported, only 1 or 2" },
		{ ROOT2 MEM128 "reserved-memory { #address-cells = <2>; #size-cells = <3>; ranges; }; };",
		  "fdt: error: /reserved-memory: #size-cells: <3> is not supported, only 1 or 2" },
		{ ROOT2 "memory@fffffffffffff000 { device_type = \"memory\";"
		  " reg = <0xffffffff 0xfffff000 0 0x2000>; }; };",
		  "fdt: error: /memory@fffffffffffff000: reg: entry 0: 0xfffffffffffff000 + 0x2000 runs past the top of the address space" },
		{ ROOT2 MEM128 RESMEM "pool { size = <0 0x100000>; alignment = <0 0x3000>; }; }; };",
		  "fdt: error: /reserved-memory/pool: alignment: 0x3000 is not a power of two" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		void *fdt = dtb_from(bad[i].dts);
		size_t from;
		int err;

		memblock_reset();
		fflush(stdout);
		from = out_len;
		err = boot_steps(fdt);
		if (err >= 0 || !printed(from, bad[i].message)) {
			printf("%s: tree %u: err %d, expected message:\n  %s\n",
			       cur_test, i, err, bad[i].message);
			cur_failed = 1;
		}
		free(fdt);
	}
}

/* A blob that is no device tree at all. */
static void dt_init_bad_header_check(void)
{
	static uint32_t junk[64] = { 0x12345678 };

	CHECK(dt_init(junk) == -EINVAL);
	CHECK_OUTPUT("fdt: error: no valid device tree at");
}

/* A walk that does not end fails the run instead of hanging it. */
static void on_alarm(int sig)
{
	static const char msg[] = "dt_test: a check did not end within 5 s (hang)\n";

	(void)sig;
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

/* The blob file @path, malloc()ed; its size in *@len. */
static void *dtb_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	void *blob;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "dt_test: cannot read %s\n", path);
		exit(2);
	}
	blob = malloc(n);
	if (!blob || fread(blob, 1, n, f) != (size_t)n)
		exit(2);
	fclose(f);
	*len = n;
	return blob;
}

/* Offset in @blob of the first big-endian @word, or -1. */
static long find_word(const void *blob, size_t len, uint32_t word)
{
	uint32_t be = cpu_to_fdt32(word);
	size_t i;

	for (i = 0; i + 4 <= len; i += 4)
		if (!memcmp((const char *)blob + i, &be, 4))
			return (long)i;
	return -1;
}

static void put_word(void *blob, long off, uint32_t word)
{
	uint32_t be = cpu_to_fdt32(word);

	memcpy((char *)blob + off, &be, 4);
}

/*
 * Issue 9's blob (tests/dt_fuzz/corpus/prop_len_fffffff4.dtb): dtc's
 *   / { #address-cells=<2>; #size-cells=<2>; memory@80000000 {
 *       device_type="memory"; reg=<0 0x80000000 0 0x8000000>;
 *       zz=<0x11111111>; }; };
 * with zz's length field (8 bytes before 0x11111111) set to 0xfffffff4:
 * libfdt's fdt_next_tag() returns its own offset there and every walk of
 * the tree loops.  Expect one error line, -EINVAL, and no walk at all; and
 * the same for other broken structure blocks made from a good blob.
 */
static void dt_init_malformed_blob_check(void)
{
	static const struct {
		uint32_t find;		/* a word of the good blob ... */
		int delta;		/* ... this many bytes from it ... */
		uint32_t put;		/* ... becomes this */
		const char *message;
	} broken[] = {
		{ 0x11111111, -8, 0xfffffff4, "length 0xfffffff4 runs past the structure block" },
		{ 0x11111111, -8, 0x7ffffff0, "length 0x7ffffff0 runs past the structure block" },
		{ 0x11111111, -4, 0x00ffff00, "name offset 0xffff00 is not a string of the strings block" },
		{ 0x11111111, -12, 0x00000007, "unknown tag 0x00000007 at structure offset" },
		{ 0x11111111, 4, FDT_END, "FDT_END at structure offset" },
	};
	size_t len, good_len, i;
	void *fdt = dtb_file("tests/dt_fuzz/corpus/prop_len_fffffff4.dtb", &len);
	void *good = dtb_from(ROOT2 "memory@80000000 { device_type = \"memory\";"
			      " reg = <0 0x80000000 0 0x8000000>;"
			      " zz = <0x11111111>; }; };");

	signal(SIGALRM, on_alarm);
	alarm(5);
	CHECK(dt_init(fdt) == -EINVAL);
	CHECK_OUTPUT("fdt: error: /: the blob at ");
	CHECK_OUTPUT(" is malformed: property at structure offset 0x");
	CHECK_OUTPUT(": length 0xfffffff4 runs past the structure block");
	CHECK(!strstr(out, "\n") || strchr(out, '\n') == out + out_len - 1);
	free(fdt);

	good_len = fdt_totalsize(good);
	CHECK(dt_init(good) == 0);
	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		long at = find_word(good, good_len, broken[i].find);
		void *bad = malloc(good_len);
		size_t from;

		memcpy(bad, good, good_len);
		CHECK(at >= 0);
		put_word(bad, at + broken[i].delta, broken[i].put);
		fflush(stdout);
		from = out_len;
		if (dt_init(bad) != -EINVAL || !printed(from, broken[i].message)) {
			printf("%s: broken blob %zu: expected -EINVAL and\n  %s\n",
			       cur_test, i, broken[i].message);
			cur_failed = 1;
		}
		free(bad);
	}
	alarm(0);
	free(good);
}

/*
 * Messages name a node at any depth: a bad reg in a memory node nested 40
 * deep is named by its whole path; one whose path does not fit the
 * message keeps the components nearest the node behind "/...".
 */
static void dt_path_deep_node_check(void)
{
	static const char *const level_names[] = { "n", "a-rather-long-bus-name" };
	static const char tail[] = ": reg: length 12 is not a multiple of 16";
	char dts[8192], path[2048];
	unsigned int c;

	for (c = 0; c < 2; c++) {
		const char *name = level_names[c], *line, *end;
		size_t n = 0, p = 0, from, shown;
		int d, depth = 40;
		void *fdt;

		n += snprintf(dts + n, sizeof(dts) - n, ROOT2);
		for (d = 0; d < depth - 1; d++) {
			n += snprintf(dts + n, sizeof(dts) - n, "%s%d { ", name, d);
			p += snprintf(path + p, sizeof(path) - p, "/%s%d", name, d);
		}
		n += snprintf(dts + n, sizeof(dts) - n, "memory@80000000 { device_type"
			      " = \"memory\"; reg = <0 0x80000000 0x8000000>; };");
		for (d = 0; d < depth; d++)
			n += snprintf(dts + n, sizeof(dts) - n, " };");
		snprintf(path + p, sizeof(path) - p, "/memory@80000000");

		fdt = dtb_from(dts);
		memblock_reset();
		fflush(stdout);
		from = out_len;
		CHECK(boot_steps(fdt) == -EINVAL);
		fflush(stdout);
		line = strstr(out + from, "fdt: error: ");
		end = line ? strstr(line, tail) : NULL;
		CHECK(end != NULL);
		if (!end)
			continue;
		line += strlen("fdt: error: ");
		shown = end - line;
		if (strlen(path) < 250) {	/* fits: the whole path */
			CHECK(shown == strlen(path) && !strncmp(line, path, shown));
		} else {			/* "/..." and the path's end */
			CHECK(!strncmp(line, "/...", 4));
			CHECK(!strncmp(line + 4, path + strlen(path) - (shown - 4),
				       shown - 4));
			CHECK(shown > 100);
		}
		free(fdt);
	}
}

/*
 * /memreserve/ and static /reserved-memory children:
 *   memory:   [0x80000000 .................................. 0x88000000)
 *   reserved:      [0x81000000,+64K)  (/memreserve/)
 *                           [0x82000000,+1M)  (reg)
 *   no-map:                        [0x84000000,+1M) -> removed from memory
 *   disabled:                              [0x85000000,+1M) -> ignored
 */
static void dt_scan_reserved_mem_static_check(void)
{
	void *fdt = dtb_from("/dts-v1/;\n/memreserve/ 0x81000000 0x10000;\n"
			     "/ { #address-cells = <2>; #size-cells = <2>;\n" MEM128 RESMEM
			     "fw@82000000 { reg = <0 0x82000000 0 0x100000>; };\n"
			     "carve@84000000 { reg = <0 0x84000000 0 0x100000>; no-map; };\n"
			     "off@85000000 { reg = <0 0x85000000 0 0x100000>; status = \"disabled\"; };\n"
			     "}; };");

	CHECK(boot_steps(fdt) == 0);
	CHECK(memblock.reserved.cnt == 2);
	CHECK(region_is(&memblock.reserved, 0, 0x81000000, 0x10000, -1));
	CHECK(region_is(&memblock.reserved, 1, 0x82000000, 0x100000, -1));
	CHECK(memblock.memory.cnt == 2);
	CHECK(region_is(&memblock.memory, 0, 0x80000000, 0x4000000, 0));
	CHECK(region_is(&memblock.memory, 1, 0x84100000, 0x3f00000, 0));
	CHECK_OUTPUT("Reserved memory: [0x0000000081000000-0x000000008100ffff] reserved    /memreserve/");
	CHECK_OUTPUT("Reserved memory: [0x0000000084000000-0x00000000840fffff] no-map      carve@84000000");
	CHECK(!memblock_is_reserved(0x85000000));
	free(fdt);
}

/*
 * Dynamic children, allocated top-down after every static one:
 *   memory:   [0x80000000 ........................................ 0x88000000)
 *   static fw@87f00000                          [0x87f00000, 0x88000000)
 *   pool   4 MiB, 4 MiB aligned -> [0x87800000, 0x87c00000)
 *   ranged 1 MiB in [0x84000000,+16M) -> [0x84f00000, 0x85000000)
 *   hidden 2 MiB, no-map, fits the gap above pool
 *                                   -> [0x87d00000, 0x87f00000), not memory
 */
static void dt_alloc_reserved_mem_check(void)
{
	void *fdt = dtb_from(ROOT2 MEM128 RESMEM
			     "pool { size = <0 0x400000>; alignment = <0 0x400000>; };\n"
			     "ranged { size = <0 0x100000>; alloc-ranges = <0 0x84000000 0 0x1000000>; };\n"
			     "hidden { size = <0 0x200000>; no-map; };\n"
			     "fw@87f00000 { reg = <0 0x87f00000 0 0x100000>; };\n"
			     "}; };");

	CHECK(boot_steps(fdt) == 0);
	CHECK_OUTPUT("Reserved memory: [0x0000000087800000-0x0000000087bfffff] size        pool");
	CHECK_OUTPUT("Reserved memory: [0x0000000084f00000-0x0000000084ffffff] size        ranged");
	CHECK_OUTPUT("Reserved memory: [0x0000000087d00000-0x0000000087efffff] size,no-map hidden");
	CHECK(memblock_is_region_reserved(0x87800000, 0x400000));
	CHECK(memblock_is_region_reserved(0x84f00000, 0x100000));
	CHECK(!memblock_is_memory(0x87d00000) && !memblock_is_memory(0x87efffff));
	CHECK(memblock_is_memory(0x87800000));
	free(fdt);
}

/*
 * alloc-ranges whose window is all reserved: __memblock_alloc_base() only
 * honours the end, finds room below the start, and Linux's check
 * (base < start -> memblock_free) gives it back.
 *   memory:   [0x80000000 ..................................... 0x88000000)
 *   reserved:                   [0x84000000 ... 0x85000000)  (window)
 * Expect "failed to allocate", reserved unchanged, exit status fine.
 */
static void dt_alloc_reserved_mem_below_start_check(void)
{
	void *fdt = dtb_from(ROOT2 MEM128 RESMEM
			     "full@84000000 { reg = <0 0x84000000 0 0x1000000>; };\n"
			     "pool { size = <0 0x100000>; alloc-ranges = <0 0x84000000 0 0x1000000>; };\n"
			     "huge { size = <0 0x10000000>; };\n"
			     "}; };");

	CHECK(boot_steps(fdt) == 0);
	CHECK_OUTPUT("Reserved memory: failed to allocate memory for node 'pool'");
	CHECK_OUTPUT("Reserved memory: failed to allocate memory for node 'huge'");
	CHECK(memblock.reserved.cnt == 1);
	CHECK(region_is(&memblock.reserved, 0, 0x84000000, 0x1000000, -1));
	free(fdt);
}

/*
 * The blob reserves itself only from inside memory:
 *   memory:   [page of the blob]          -> reserved, whole totalsize
 *   memory:   [0x80000000, +128M) only     -> refused, naming totalsize
 */
static void dt_reserve_self_check(void)
{
	void *fdt = dtb_from(ROOT2 MEM128 "};");
	phys_addr_t base = (phys_addr_t)(uintptr_t)fdt;

	CHECK(boot_steps(fdt) == 0);
	CHECK(dt_reserve_self(fdt) == -EINVAL);
	CHECK_OUTPUT("fdt: error: /: totalsize: the blob [0x");
	CHECK(memblock.reserved.cnt == 1 && memblock.reserved.regions[0].size == 0);
	CHECK(memblock_add(base & PAGE_MASK, PAGE_ALIGN(base + fdt_totalsize(fdt)) -
			   (base & PAGE_MASK)) == 0);
	CHECK(dt_reserve_self(fdt) == 0);
	CHECK(memblock_is_region_reserved(base, fdt_totalsize(fdt)));
	free(fdt);
}

/*
 * What Linux survives boots with a warning naming node and property:
 *   memory:   [0x80000000, +128M) and [0x84000000, +128M) (overlap: merged)
 *   reserved: out@c0000000 beyond memory       -> reserved anyway
 *             top@fffffffffffff000 + 0x2000    -> clipped at the top
 *             /memreserve/ likewise clipped
 *             off@85000000 disabled            -> skipped with a warning
 *   dynamic:  empty { size = 0 }               -> skipped with a warning
 */
static void dt_survivable_trees_check(void)
{
	void *fdt = dtb_from("/dts-v1/;\n/memreserve/ 0xfffffffffffff000 0x2000;\n"
			     "/ { #address-cells = <2>; #size-cells = <2>;\n" MEM128
			     "memory@84000000 { device_type = \"memory\";"
			     " reg = <0 0x84000000 0 0x8000000>; };\n" RESMEM
			     "out@c0000000 { reg = <0 0xc0000000 0 0x1000>; };\n"
			     "top@fffffffffffff000 { reg = <0xffffffff 0xfffff000 0 0x2000>; };\n"
			     "off@85000000 { reg = <0 0x85000000 0 0x1000>; status = \"disabled\"; };\n"
			     "empty { size = <0 0>; };\n"
			     "}; };");

	CHECK(boot_steps(fdt) == 0);
	CHECK(memblock.memory.cnt == 1);
	CHECK(region_is(&memblock.memory, 0, 0x80000000, 0xc000000, 0));
	CHECK_OUTPUT("fdt: warning: /memory@84000000: reg[0]: [0x84000000-0x8bffffff] overlaps memory added before, merged");
	CHECK_OUTPUT("fdt: warning: /reserved-memory/out@c0000000: reg[0]: [0xc0000000-0xc0000fff] is not inside memory; reserved anyway, as Linux does");
	CHECK_OUTPUT("fdt: warning: /reserved-memory/top@fffffffffffff000: reg[0]: 0xfffffffffffff000 + 0x2000 runs past the top of the address space, clipped to [0xfffffffffffff000-0xfffffffffffffffe]");
	CHECK_OUTPUT("fdt: warning: /memreserve/: entry[0]: 0xfffffffffffff000 + 0x2000 runs past the top");
	CHECK_OUTPUT("fdt: warning: /reserved-memory/off@85000000: status = \"disabled\", skipped");
	CHECK_OUTPUT("fdt: warning: /reserved-memory/empty: size 0, skipped");
	CHECK(memblock_is_region_reserved(0xc0000000, 0x1000));
	CHECK(memblock_is_reserved(0xfffffffffffffffeULL));
	CHECK(!memblock_is_reserved(0x85000000));
	CHECK(memblock.reserved.cnt == 2);
	free(fdt);
}

/* The readers the banner and the command line use. */
static void dt_readers_check(void)
{
	void *fdt = dtb_from(ROOT2 "model = \"test,board\";\n" MEM128
			     "cpus { timebase-frequency = <10000000>; };\n"
			     "chosen { bootargs = \"memblock=debug movable_node\"; }; };");

	CHECK(dt_init(fdt) == 0);
	CHECK(dt_timebase_frequency(fdt) == 10000000);
	CHECK(dt_model(fdt) && !strcmp(dt_model(fdt), "test,board"));
	CHECK(dt_bootargs(fdt) && !strcmp(dt_bootargs(fdt), "memblock=debug movable_node"));
	free(fdt);
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
#define T(fn) { #fn, fn }
	T(dt_init_bad_header_check),
	T(dt_init_malformed_blob_check),
	T(dt_path_deep_node_check),
	T(dt_scan_memory_one_cell_check),
	T(dt_scan_memory_many_entries_check),
	T(dt_scan_memory_page_align_check),
	T(dt_scan_memory_node_props_check),
	T(dt_scan_memory_bad_trees_check),
	T(dt_scan_reserved_mem_static_check),
	T(dt_alloc_reserved_mem_check),
	T(dt_alloc_reserved_mem_below_start_check),
	T(dt_reserve_self_check),
	T(dt_survivable_trees_check),
	T(dt_readers_check),
#undef T
};

/* Run test @i with stdout captured. Return: true if it passed. */
static bool run_one(unsigned int i)
{
	cur_test = tests[i].name;
	cur_failed = 0;
	ht_env_reset();
	capture_begin();
	if (HT_PANICS(tests[i].fn()))
		CHECK(!"memblock_panic() called");
	capture_end();
	if (cur_failed)
		printf("%s: FAILED; its output:\n%s\n", cur_test, out ? out : "");
	free(out);
	out = NULL;
	return !cur_failed;
}

int main(int argc, char **argv)
{
	unsigned int i, passed = 0, failed = 0;

	/* mm/'s messages go where dt.c's do; blobs are host memory. */
	ht_verbose = true;
	ht_log_capture = false;
	ht_ram_identity = true;
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		if (run_one(i))
			passed++;
		else
			failed++;
	}
	printf("platform: %u passed, %u failed\n", passed, failed);
	return failed != 0;
}
