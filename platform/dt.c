// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Device tree -> memblock, following Linux 4.12's early FDT code:
 *
 *  - early_init_dt_scan_root(): the root's #address-cells and #size-cells
 *    (1 when absent) size every reg below; we accept 1 or 2.
 *  - early_init_dt_scan_memory(): every node with device_type = "memory",
 *    its linux,usable-memory or else reg, any number of (base, size)
 *    pairs; zero sizes skipped.  We add what Linux does later: status
 *    other than "okay" skips the node, numa-node-id gives the node id.
 *  - early_init_dt_add_memory_arch(): page-align each range inwards.
 *  - early_init_fdt_reserve_self() and early_init_fdt_scan_reserved_mem():
 *    the blob, the /memreserve/ entries, the /reserved-memory children with
 *    reg (no-map: memblock_remove(), as early_init_dt_reserve_memory_arch()
 *    does in 4.12), then fdt_init_reserved_mem() allocates the children that
 *    give only a size with __memblock_alloc_base().
 *
 * Where Linux quietly skips a malformed property, we stop with a one-line
 * error naming the node and the property: a payload should not guess.
 */
#include "platform/dt.h"
#include "platform/dt_check.h"

#include <errno.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_RESERVED_REGIONS	16	/* Linux 4.12's reserved_mem[] */

static int root_addr_cells = 1;		/* OF_ROOT_NODE_ADDR_CELLS_DEFAULT */
static int root_size_cells = 1;		/* OF_ROOT_NODE_SIZE_CELLS_DEFAULT */
static int dynamic_nodes[MAX_RESERVED_REGIONS];
static int dynamic_count;
static struct dt_dynamic_region dynamic_regions[MAX_RESERVED_REGIONS];
static int dynamic_placed;
static struct dt_stats stats;
static unsigned long unlisted;		/* reservations not printed */

int dt_root_addr_cells(void)
{
	return root_addr_cells;
}

int dt_root_size_cells(void)
{
	return root_size_cells;
}

/*
 * The full path of @node, for messages; "?" if it cannot be said.  The
 * blob passed dt_check_blob() in dt_init(), so libfdt's walks end.  One
 * walk up to @node keeps the offsets of its first PATH_STACK ancestors;
 * deeper ones (rare) are looked up with fdt_supernode_atdepth_offset(),
 * a walk each.  The path is built from the node up: one longer than the
 * buffer keeps the components nearest the node behind "/...".
 */
#define PATH_STACK	32

static const char *path_of(const void *fdt, int node)
{
	static char path[256];
	size_t start = sizeof(path) - 1;
	int stack[PATH_STACK], depth = 0, off;

	for (off = 0; off >= 0 && off <= node;
	     off = fdt_next_node(fdt, off, &depth)) {
		if (depth < 0)
			return "?";
		if (depth < PATH_STACK)
			stack[depth] = off;
		if (off == node)
			break;
	}
	if (off != node)
		return "?";
	if (depth == 0)
		return "/";
	path[start] = '\0';
	for (; depth > 0; depth--) {
		int up = depth < PATH_STACK ? stack[depth] :
			 fdt_supernode_atdepth_offset(fdt, node, depth, NULL);
		const char *name = up >= 0 ? fdt_get_name(fdt, up, NULL) : NULL;
		size_t len = name ? strlen(name) : 0;

		if (!name) {
			name = "?";
			len = 1;
		}
		if (len + 1 + strlen("/...") > start) {
			start -= strlen("/...");
			memcpy(path + start, "/...", strlen("/..."));
			break;
		}
		start -= len;
		memcpy(path + start, name, len);
		path[--start] = '/';
	}
	return path + start;
}

/*
 * The payload times a build's walks of the tree apart from its memblock
 * calls and its console output (dt_meter() in dt.h): everything dt.c
 * prints goes through dt_vprintf() (say(), dt_error(), dt_warn()), and
 * every memblock call through MEMBLOCK_CALL().  Nobody listens by default.
 */
__attribute__((weak)) enum dt_meter_part dt_meter(enum dt_meter_part part)
{
	(void)part;
	return DT_METER_PARSE;
}

#define MEMBLOCK_CALL(call)						\
	({								\
		enum dt_meter_part was_ = dt_meter(DT_METER_MEMBLOCK);	\
		__typeof__(call) ret_ = (call);				\
		dt_meter(was_);						\
		ret_;							\
	})

void dt_vprintf(const char *fmt, va_list ap)
{
	enum dt_meter_part was = dt_meter(DT_METER_CONSOLE);

	vprintf(fmt, ap);
	dt_meter(was);
}

__attribute__((format(printf, 1, 2)))
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dt_vprintf(fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 4, 5)))
static int dt_error(const void *fdt, int node, const char *prop,
		    const char *fmt, ...)
{
	enum dt_meter_part was = dt_meter(DT_METER_CONSOLE);
	va_list ap;

	printf("fdt: error: %s: %s: ", path_of(fdt, node), prop);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	dt_meter(was);
	return -EINVAL;
}

__attribute__((format(printf, 3, 4)))
static void dt_warn(const void *fdt, int node, const char *fmt, ...)
{
	enum dt_meter_part was = dt_meter(DT_METER_CONSOLE);
	va_list ap;

	printf("fdt: warning: %s: ", path_of(fdt, node));
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	dt_meter(was);
}

/*
 * A reservation [*@base, *@base + *@size) that runs past the top of the
 * address space: clip it as memblock_cap_size() would and say so.
 */
static void clip_reservation(const void *fdt, int node, const char *prop,
			     int i, phys_addr_t *base, phys_addr_t *size)
{
	if (*base + (*size - 1) >= *base)
		return;
	say("fdt: warning: %s: %s[%d]: 0x%llx + 0x%llx runs past the top "
	    "of the address space, clipped to [0x%llx-0x%llx]\n",
	    node < 0 ? "/memreserve/" : path_of(fdt, node),
	    prop, i, (unsigned long long)*base, (unsigned long long)*size,
	    (unsigned long long)*base,
	    (unsigned long long)(PHYS_ADDR_MAX - 1));
	*size = PHYS_ADDR_MAX - *base;
}

/* Linux's dt_mem_next_cell(): read @cells big-endian cells, advance *@cellp. */
static uint64_t dt_mem_next_cell(int cells, const fdt32_t **cellp)
{
	const fdt32_t *p = *cellp;
	uint64_t r = 0;

	*cellp = p + cells;
	while (cells--)
		r = (r << 32) | fdt32_to_cpu(*p++);
	return r;
}

/* True if @prop of @node is a NUL-terminated string equal to @want. */
static bool prop_is(const void *fdt, int node, const char *prop,
		    const char *want)
{
	int len;
	const char *val = fdt_getprop(fdt, node, prop, &len);

	return val && len > 0 && val[len - 1] == '\0' && !strcmp(val, want);
}

/* of_fdt_device_is_available(): no status, or "okay" / "ok". */
static bool node_is_available(const void *fdt, int node, const char **status)
{
	int len;

	*status = fdt_getprop(fdt, node, "status", &len);
	if (!*status)
		return true;
	if (len <= 0 || (*status)[len - 1] != '\0')
		*status = "(unterminated)";
	return !strcmp(*status, "okay") || !strcmp(*status, "ok");
}

/* Read a #address-cells/#size-cells style u32 of @node into *@out. */
static int read_cells(const void *fdt, int node, const char *prop, int *out)
{
	const fdt32_t *val;
	int len;
	uint32_t cells;

	val = fdt_getprop(fdt, node, prop, &len);
	if (!val)
		return -ENOENT;
	if (len != 4)
		return dt_error(fdt, node, prop, "length %d, expected 4", len);
	cells = fdt32_to_cpu(*val);
	if (cells < 1 || cells > 2)
		return dt_error(fdt, node, prop, "<%u> is not supported, "
				"only 1 or 2", (unsigned)cells);
	*out = (int)cells;
	return 0;
}

int dt_check(const void *fdt)
{
	char why[160];
	int err = fdt_check_header(fdt);

	if (err) {
		say("fdt: error: no valid device tree at %p: %s\n", fdt,
		    fdt_strerror(err));
		return -EINVAL;
	}
	if (dt_check_blob(fdt, fdt_totalsize(fdt), why, sizeof(why))) {
		printf("fdt: error: /: the blob at %p is malformed: %s\n", fdt,
		       why);
		return -EINVAL;
	}
	return 0;
}

int dt_init(const void *fdt)
{
	int err = dt_check(fdt);

	if (err)
		return err;
	root_addr_cells = 1;
	root_size_cells = 1;
	err = read_cells(fdt, 0, "#address-cells", &root_addr_cells);
	if (err && err != -ENOENT)
		return err;
	err = read_cells(fdt, 0, "#size-cells", &root_size_cells);
	if (err && err != -ENOENT)
		return err;
	dynamic_count = 0;
	dynamic_placed = 0;
	memset(&stats, 0, sizeof(stats));
	unlisted = 0;
	return 0;
}

/*
 * The reg-like property @prop of @node as an array of (base, size) pairs in
 * the root's cells.  Return: the number of pairs, -ENOENT when absent, or
 * -EINVAL (reported) when its length is not a whole number of pairs.
 */
static int get_reg(const void *fdt, int node, const char *prop,
		   const fdt32_t **reg)
{
	int pair = (root_addr_cells + root_size_cells) * 4;
	int len;

	*reg = fdt_getprop(fdt, node, prop, &len);
	if (!*reg)
		return -ENOENT;
	if (len % pair)
		return dt_error(fdt, node, prop, "length %d is not a multiple "
				"of %d (#address-cells <%d> + #size-cells <%d>)",
				len, pair, root_addr_cells, root_size_cells);
	return len / pair;
}

/*
 * early_init_dt_add_memory_arch(): trim [@base, @base + @size) inwards to
 * whole pages (MIN_MEMBLOCK_ADDR is 0 here: no linear map offset) and add it.
 */
static int add_memory(const void *fdt, int node, uint64_t base,
		      uint64_t size, int nid)
{
	if (base & ~PAGE_MASK) {
		if (size < PAGE_SIZE - (base & ~PAGE_MASK)) {
			dt_warn(fdt, node, "Ignoring memory block 0x%llx - 0x%llx",
				(unsigned long long)base,
				(unsigned long long)(base + size));
			return 0;
		}
		size -= PAGE_SIZE - (base & ~PAGE_MASK);
		base = PAGE_ALIGN(base);
	}
	size &= PAGE_MASK;
	if (!size) {
		dt_warn(fdt, node, "Ignoring memory block at 0x%llx: "
			"smaller than a page", (unsigned long long)base);
		return 0;
	}
	if (MEMBLOCK_CALL(memblock_add_node(base, size, nid))) {
		say("fdt: error: %s: memblock_add_node(0x%llx, 0x%llx, %d) "
		    "failed\n", path_of(fdt, node), (unsigned long long)base,
		    (unsigned long long)size, nid);
		return -ENOMEM;
	}
	return 0;
}

/* One memory node: every (base, size) of linux,usable-memory or reg. */
static int scan_memory_node(const void *fdt, int node)
{
	const char *prop = "linux,usable-memory";
	const char *status;
	const fdt32_t *reg, *nidp;
	int n, i, len, nid = 0, err;
	bool hotplug;

	if (!node_is_available(fdt, node, &status)) {
		dt_warn(fdt, node, "status = \"%s\", skipped", status);
		return 0;
	}
	nidp = fdt_getprop(fdt, node, "numa-node-id", &len);
	if (nidp) {
		if (len != 4)
			return dt_error(fdt, node, "numa-node-id",
					"length %d, expected 4", len);
		if (fdt32_to_cpu(*nidp) >= MAX_NUMNODES)
			return dt_error(fdt, node, "numa-node-id",
					"<%u> is not below MAX_NUMNODES (%d)",
					(unsigned)fdt32_to_cpu(*nidp),
					MAX_NUMNODES);
		nid = (int)fdt32_to_cpu(*nidp);
	}
	n = get_reg(fdt, node, prop, &reg);
	if (n == -ENOENT) {
		prop = "reg";
		n = get_reg(fdt, node, prop, &reg);
	}
	if (n == -ENOENT) {
		dt_warn(fdt, node, "no reg, skipped");
		return 0;
	}
	if (n < 0)
		return n;
	if (n == 0)
		dt_warn(fdt, node, "%s is empty, skipped", prop);
	hotplug = fdt_getprop(fdt, node, "hotpluggable", NULL) != NULL;

	for (i = 0; i < n; i++) {
		uint64_t base = dt_mem_next_cell(root_addr_cells, &reg);
		uint64_t size = dt_mem_next_cell(root_size_cells, &reg);

		if (!size) {
			dt_warn(fdt, node, "%s[%d]: size 0 at 0x%llx, skipped",
				prop, i, (unsigned long long)base);
			continue;
		}
		/*
		 * Linux would cap it (memblock_cap_size()) and then hand out
		 * memory up to 2^64: no RAM wraps, so the tree is wrong.
		 */
		if (base + (size - 1) < base)
			return dt_error(fdt, node, prop, "entry %d: 0x%llx + "
					"0x%llx runs past the top of the address "
					"space", i, (unsigned long long)base,
					(unsigned long long)size);
		if (MEMBLOCK_CALL(memblock_overlaps_region(&memblock.memory, base,
							  size)))
			dt_warn(fdt, node, "%s[%d]: [0x%llx-0x%llx] overlaps "
				"memory added before, merged (the first node "
				"id wins)", prop, i, (unsigned long long)base,
				(unsigned long long)(base + size - 1));
		stats.memory_ranges++;
		err = add_memory(fdt, node, base, size, nid);
		if (err)
			return err;
		if (hotplug && MEMBLOCK_CALL(memblock_mark_hotplug(base, size)))
			dt_warn(fdt, node, "failed to mark hotplug range "
				"0x%llx - 0x%llx", (unsigned long long)base,
				(unsigned long long)(base + size));
	}
	return 0;
}

int dt_scan_memory(const void *fdt)
{
	int node, err, found = 0;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (!prop_is(fdt, node, "device_type", "memory"))
			continue;
		found++;
		err = scan_memory_node(fdt, node);
		if (err)
			return err;
	}
	if (!found) {
		say("fdt: error: /: no memory node (device_type = \"memory\") "
		    "in the device tree\n");
		return -ENOENT;
	}
	if (!MEMBLOCK_CALL(memblock_phys_mem_size())) {
		say("fdt: error: /: no usable memory: all %d memory node(s) "
		    "disabled, empty or smaller than a page\n", found);
		return -ENOENT;
	}
	return 0;
}

/*
 * Print one reservation the way every caller here does.  Only the first
 * REPORT_LINES static ones from the tree are listed: a tree with thousands
 * would spend its boot on the console; the count follows the scan.
 */
#define REPORT_LINES	32


static void report(phys_addr_t base, phys_addr_t size, const char *kind,
		   const char *what)
{
	if (what == NULL) {		/* from the tree, static */
		unlisted++;
		return;
	}
	say("Reserved memory: [0x%016llx-0x%016llx] %-11s %s\n",
	    (unsigned long long)base, (unsigned long long)(base + size - 1),
	    kind, what);
}

int dt_reserve(phys_addr_t base, phys_addr_t size, const char *what)
{
	report(base, size, "reserved", what);
	if (!MEMBLOCK_CALL(memblock_is_range_covered(&memblock.memory,
							 base, size)))
		say("fdt: warning: %s [0x%llx-0x%llx] is not inside memory; "
		    "reserved anyway\n", what, (unsigned long long)base,
		    (unsigned long long)(base + size - 1));
	if (MEMBLOCK_CALL(memblock_reserve(base, size))) {
		say("fdt: error: memblock_reserve(0x%llx, 0x%llx) failed for "
		    "%s\n", (unsigned long long)base,
		    (unsigned long long)size, what);
		return -ENOMEM;
	}
	return 0;
}

/*
 * The blob must lie inside the memory it describes: a totalsize that runs
 * past the end of memory means the header lies or the map is wrong, and
 * either way the blob cannot be protected.
 */
int dt_reserve_self(const void *fdt)
{
	phys_addr_t base = memblock_virt_to_phys(fdt);
	phys_addr_t size = fdt_totalsize(fdt);

	if (!MEMBLOCK_CALL(memblock_is_range_covered(&memblock.memory,
							 base, size)))
		return dt_error(fdt, 0, "totalsize", "the blob [0x%llx-0x%llx] "
				"(%llu bytes) is not inside memory: cannot "
				"reserve it", (unsigned long long)base,
				(unsigned long long)(base + size - 1),
				(unsigned long long)size);
	return dt_reserve(base, size, "device tree blob");
}

/* early_init_dt_reserve_memory_arch() of Linux 4.12. */
static int reserve_memory_arch(phys_addr_t base, phys_addr_t size,
			       bool nomap)
{
	if (nomap)
		return MEMBLOCK_CALL(memblock_remove(base, size));
	return MEMBLOCK_CALL(memblock_reserve(base, size));
}

/* __reserved_mem_check_root(): /reserved-memory must map 1:1 onto the root. */
static int check_reserved_mem_root(const void *fdt, int node)
{
	int ac = -1, sc = -1;

	if (read_cells(fdt, node, "#address-cells", &ac) == -ENOENT)
		return dt_error(fdt, node, "#address-cells", "missing");
	if (ac != root_addr_cells)
		return dt_error(fdt, node, "#address-cells", "<%d> differs "
				"from the root's <%d>", ac, root_addr_cells);
	if (read_cells(fdt, node, "#size-cells", &sc) == -ENOENT)
		return dt_error(fdt, node, "#size-cells", "missing");
	if (sc != root_size_cells)
		return dt_error(fdt, node, "#size-cells", "<%d> differs "
				"from the root's <%d>", sc, root_size_cells);
	if (!fdt_getprop(fdt, node, "ranges", NULL))
		return dt_error(fdt, node, "ranges", "missing");
	return 0;
}

/* __reserved_mem_reserve_reg(): the static child @node's reg entries. */
static int reserve_reg(const void *fdt, int node, int n, const fdt32_t *reg)
{
	bool nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;
	const char *name = fdt_get_name(fdt, node, NULL);
	int i;

	for (i = 0; i < n; i++) {
		uint64_t base = dt_mem_next_cell(root_addr_cells, &reg);
		uint64_t size = dt_mem_next_cell(root_size_cells, &reg);

		if (!size) {
			dt_warn(fdt, node, "reg[%d]: size 0 at 0x%llx, skipped",
				i, (unsigned long long)base);
			continue;
		}
		clip_reservation(fdt, node, "reg", i, &base, &size);
		if (!size)
			continue;
		if (!MEMBLOCK_CALL(memblock_is_range_covered(&memblock.memory,
							 base, size)))
			dt_warn(fdt, node, "reg[%d]: [0x%llx-0x%llx] is not inside "
				"memory; %s, as Linux does", i,
				(unsigned long long)base,
				(unsigned long long)(base + size - 1),
				nomap ? "nothing to remove" : "reserved anyway");
		stats.reserved_ranges++;
		report(base, size, nomap ? "no-map" : "reserved",
		       stats.reserved_ranges + stats.memreserve <= REPORT_LINES ?
		       name : NULL);
		if (reserve_memory_arch(base, size, nomap)) {
			say("fdt: error: %s: reg[%d]: failed to reserve "
			    "0x%llx - 0x%llx\n", path_of(fdt, node), i,
			    (unsigned long long)base,
			    (unsigned long long)(base + size));
			return -ENOMEM;
		}
	}
	return 0;
}

int dt_scan_reserved_mem(const void *fdt)
{
	const fdt32_t *reg;
	const char *status;
	uint64_t base, size;
	int root, node, n, err;

	/* The header's /memreserve/ block, up to its (0, 0) terminator. */
	for (n = 0; n < fdt_num_mem_rsv(fdt); n++) {
		if (fdt_get_mem_rsv(fdt, n, &base, &size) || !size)
			break;
		clip_reservation(fdt, -1, "entry", n, &base, &size);
		if (!size)
			continue;
		if (!MEMBLOCK_CALL(memblock_is_range_covered(&memblock.memory,
							 base, size)))
			say("fdt: warning: /memreserve/: entry[%d]: "
			    "[0x%llx-0x%llx] is not inside memory; reserved "
			    "anyway, as Linux does\n", n,
			    (unsigned long long)base,
			    (unsigned long long)(base + size - 1));
		stats.memreserve++;
		report(base, size, "reserved",
		       stats.reserved_ranges + stats.memreserve <= REPORT_LINES ?
		       "/memreserve/" : NULL);
		if (reserve_memory_arch(base, size, false)) {
			say("fdt: error: /memreserve/ %d: failed to reserve "
			    "0x%llx - 0x%llx\n", n, (unsigned long long)base,
			    (unsigned long long)(base + size));
			return -ENOMEM;
		}
	}

	root = fdt_subnode_offset(fdt, 0, "reserved-memory");
	if (root < 0)
		goto out;
	err = check_reserved_mem_root(fdt, root);
	if (err)
		return err;

	fdt_for_each_subnode(node, fdt, root) {
		if (!node_is_available(fdt, node, &status)) {
			dt_warn(fdt, node, "status = \"%s\", skipped", status);
			continue;
		}
		n = get_reg(fdt, node, "reg", &reg);
		if (n >= 0) {
			err = reserve_reg(fdt, node, n, reg);
			if (err)
				return err;
			continue;
		}
		if (n != -ENOENT)
			return n;
		if (!fdt_getprop(fdt, node, "size", NULL)) {
			dt_warn(fdt, node, "neither reg nor size, skipped");
			continue;
		}
		if (dynamic_count == MAX_RESERVED_REGIONS)
			return dt_error(fdt, node, "size", "more than %d "
					"dynamic reserved-memory nodes",
					MAX_RESERVED_REGIONS);
		dynamic_nodes[dynamic_count++] = node;
	}
out:
	if (unlisted)
		say("Reserved memory: %lu more /memreserve/ and reg regions, "
		    "not listed\n", unlisted);
	return 0;
}

/* early_init_dt_alloc_reserved_memory_arch() of Linux 4.12. */
static int alloc_reserved_memory_arch(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end,
				      bool nomap, phys_addr_t *res_base)
{
	phys_addr_t base;

	/* __memblock_alloc_base(): memblock_alloc_base() would panic. */
	end = !end ? MEMBLOCK_ALLOC_ANYWHERE : end;
	base = MEMBLOCK_CALL(__memblock_alloc_base(size, align, end));
	if (!base)
		return -ENOMEM;

	/* The allocator honours only @end: check @start by hand. */
	if (base < start) {
		MEMBLOCK_CALL(memblock_free(base, size));
		return -ENOMEM;
	}

	*res_base = base;
	if (nomap)
		return MEMBLOCK_CALL(memblock_remove(base, size));
	return 0;
}

/* __reserved_mem_alloc_size(): allocate one dynamic child. */
static int alloc_size(const void *fdt, int node)
{
	int pair = (root_addr_cells + root_size_cells) * 4;
	const char *name = fdt_get_name(fdt, node, NULL);
	phys_addr_t start, end, base = 0, align = 0, size;
	const fdt32_t *prop;
	bool nomap;
	int len;

	prop = fdt_getprop(fdt, node, "size", &len);
	if (len != root_size_cells * 4)
		return dt_error(fdt, node, "size", "length %d, expected %d "
				"(#size-cells <%d>)", len, root_size_cells * 4,
				root_size_cells);
	size = dt_mem_next_cell(root_size_cells, &prop);
	if (!size) {
		dt_warn(fdt, node, "size 0, skipped");
		return 0;
	}
	nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;

	prop = fdt_getprop(fdt, node, "alignment", &len);
	if (prop) {
		if (len != root_addr_cells * 4)
			return dt_error(fdt, node, "alignment", "length %d, "
					"expected %d (#address-cells <%d>)", len,
					root_addr_cells * 4, root_addr_cells);
		align = dt_mem_next_cell(root_addr_cells, &prop);
		if (align & (align - 1))
			return dt_error(fdt, node, "alignment", "0x%llx is not "
					"a power of two",
					(unsigned long long)align);
	}

	prop = fdt_getprop(fdt, node, "alloc-ranges", &len);
	if (prop) {
		if (len % pair)
			return dt_error(fdt, node, "alloc-ranges", "length %d "
					"is not a multiple of %d", len, pair);
		for (; len > 0; len -= pair) {
			start = dt_mem_next_cell(root_addr_cells, &prop);
			end = start + dt_mem_next_cell(root_size_cells, &prop);
			if (!alloc_reserved_memory_arch(size, align, start, end,
							nomap, &base))
				break;
		}
	} else {
		alloc_reserved_memory_arch(size, align, 0, 0, nomap, &base);
	}

	/* As Linux: a dynamic region that does not fit is reported, not fatal. */
	if (base == 0) {
		say("Reserved memory: failed to allocate memory for node "
		    "'%s': size 0x%llx, alignment 0x%llx\n", name,
		    (unsigned long long)size, (unsigned long long)align);
		return 0;
	}
	report(base, size, nomap ? "size,no-map" : "size", name);
	stats.dynamic++;
	dynamic_regions[dynamic_placed++] = (struct dt_dynamic_region){
		name, base, size, nomap };
	return 0;
}

/*
 * An upper bound, from one pass over the tree, on the memblock operations
 * the scans will make: every entry of every memory node's reg and
 * linux,usable-memory (twice if hotpluggable: add, then mark), every
 * /memreserve/ entry, every /reserved-memory reg entry (no-map ones also
 * count against memory) and every dynamic child (against both).  Nothing
 * is validated here; the scans do that.
 */
void dt_count_ops(const void *fdt, unsigned long *memory_ops,
		  unsigned long *reserved_ops)
{
	int pair = (root_addr_cells + root_size_cells) * 4;
	int node, root, len;

	*memory_ops = 0;
	*reserved_ops = fdt_num_mem_rsv(fdt) > 0 ? fdt_num_mem_rsv(fdt) : 0;
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (!prop_is(fdt, node, "device_type", "memory"))
			continue;
		int per = fdt_getprop(fdt, node, "hotpluggable", NULL) ? 2 : 1;

		if (fdt_getprop(fdt, node, "reg", &len) && len > 0)
			*memory_ops += per * ((len + pair - 1) / pair);
		if (fdt_getprop(fdt, node, "linux,usable-memory", &len) && len > 0)
			*memory_ops += per * ((len + pair - 1) / pair);
	}
	root = fdt_subnode_offset(fdt, 0, "reserved-memory");
	if (root < 0)
		return;
	fdt_for_each_subnode(node, fdt, root) {
		unsigned long n = 1;

		if (fdt_getprop(fdt, node, "reg", &len) && len > 0)
			n = (len + pair - 1) / pair;
		*reserved_ops += n;
		*memory_ops += n;
	}
}

const struct dt_stats *dt_stats(void)
{
	return &stats;
}

const struct dt_dynamic_region *dt_dynamic_regions(int *count)
{
	*count = dynamic_placed;
	return dynamic_regions;
}

int dt_alloc_reserved_mem(const void *fdt)
{
	int i, err;

	for (i = 0; i < dynamic_count; i++) {
		err = alloc_size(fdt, dynamic_nodes[i]);
		if (err)
			return err;
	}
	return 0;
}

const char *dt_bootargs(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *args;
	int len;

	if (chosen < 0)
		return NULL;
	args = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (!args || len <= 0 || args[len - 1] != '\0')
		return NULL;
	return args;
}

const char *dt_model(const void *fdt)
{
	int len;
	const char *model = fdt_getprop(fdt, 0, "model", &len);

	if (!model || len <= 0 || model[len - 1] != '\0')
		return NULL;
	return model;
}

/* /cpus/timebase-frequency, one or two cells, as Linux's riscv timer reads it. */
uint64_t dt_timebase_frequency(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	const fdt32_t *val;
	int len;

	if (cpus < 0)
		return 0;
	val = fdt_getprop(fdt, cpus, "timebase-frequency", &len);
	if (!val || (len != 4 && len != 8))
		return 0;
	return dt_mem_next_cell(len / 4, &val);
}
