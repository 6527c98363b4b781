// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the replay takes from the device tree the kernel booted with: the
 * memory it added before memblock=debug took effect, the no-map
 * reserved-memory it marked without a line, and the node ids of a NUMA
 * tree (6.1 sets them without a line too).  As Linux 6.1 reads them
 * (drivers/of/fdt.c, drivers/of/of_numa.c): /memory nodes are those with
 * device_type "memory" that are not disabled, "linux,usable-memory"
 * before "reg", the root's #address-cells and #size-cells (1 and 1 when
 * absent).
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/replay/host.h"

static bool available(const void *fdt, int node)
{
	const char *status = fdt_getprop(fdt, node, "status", NULL);

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

static int cells(const void *fdt, int node, const char *name, int dflt)
{
	const fdt32_t *p = fdt_getprop(fdt, node, name, NULL);

	return p ? (int)fdt32_to_cpu(*p) : dflt;
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

static int add_range(struct dtb_range **list, size_t *nr, uint64_t base,
		     uint64_t size, int nid)
{
	struct dtb_range *l = realloc(*list, (*nr + 1) * sizeof(**list));

	if (!l)
		return -1;
	l[*nr] = (struct dtb_range){ base, size, nid };
	*list = l;
	(*nr)++;
	return 0;
}

/* Each (address, size) pair of @node's @prop. */
static int read_reg(const void *fdt, int node, const char *prop, int ac,
		    int sc, struct dtb_range **list, size_t *nr, int nid,
		    char *err, size_t errlen)
{
	int len, cell = ac + sc;
	const fdt32_t *reg = fdt_getprop(fdt, node, prop, &len);

	if (!reg)
		return 0;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 || len % (4 * cell)) {
		snprintf(err, errlen, "device tree: %s: %s is not a list of (address, size) pairs of %d and %d cells",
			 fdt_get_name(fdt, node, NULL), prop, ac, sc);
		return -1;
	}
	for (int i = 0; i < len / (4 * cell); i++) {
		uint64_t base = read_cells(reg + i * cell, ac);
		uint64_t size = read_cells(reg + i * cell + ac, sc);

		if (size && add_range(list, nr, base, size, nid)) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	return 0;
}

int replay_read_dtb(const void *blob, size_t bytes, struct dtb_info *info,
		    char *err, size_t errlen)
{
	int ac, sc, node, rc, resv;

	memset(info, 0, sizeof(*info));
	rc = bytes < sizeof(struct fdt_header) ? -FDT_ERR_TRUNCATED :
						 fdt_check_header(blob);
	if (!rc && fdt_totalsize(blob) > bytes)
		rc = -FDT_ERR_TRUNCATED;
	if (rc) {
		snprintf(err, errlen, "device tree: not a valid blob (%s)",
			 fdt_strerror(rc));
		return -1;
	}
	ac = cells(blob, 0, "#address-cells", 1);
	sc = cells(blob, 0, "#size-cells", 1);
	fdt_for_each_subnode(node, blob, 0) {
		const char *type = fdt_getprop(blob, node, "device_type", NULL);
		const fdt32_t *nid = fdt_getprop(blob, node, "numa-node-id", NULL);
		const char *prop = fdt_getprop(blob, node, "linux,usable-memory",
					       NULL) ? "linux,usable-memory" : "reg";

		if (!type || strcmp(type, "memory") || !available(blob, node))
			continue;
		if (read_reg(blob, node, prop, ac, sc, &info->memory,
			     &info->nr_memory,
			     nid ? (int)fdt32_to_cpu(*nid) : -1, err, errlen))
			goto bad;
	}
	resv = fdt_path_offset(blob, "/reserved-memory");
	if (resv >= 0) {
		int rac = cells(blob, resv, "#address-cells", ac);
		int rsc = cells(blob, resv, "#size-cells", sc);

		fdt_for_each_subnode(node, blob, resv)
			if (fdt_getprop(blob, node, "no-map", NULL) &&
			    available(blob, node) &&
			    read_reg(blob, node, "reg", rac, rsc, &info->nomap,
				     &info->nr_nomap, -1, err, errlen))
				goto bad;
	}
	return 0;
bad:
	replay_free_dtb(info);
	return -1;
}

void replay_free_dtb(struct dtb_info *info)
{
	free(info->memory);
	free(info->nomap);
	memset(info, 0, sizeof(*info));
}
