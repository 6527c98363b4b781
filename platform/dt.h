/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLATFORM_DT_H
#define PLATFORM_DT_H

/*
 * Device tree -> memblock, the way Linux 4.12's early FDT code does it
 * (drivers/of/fdt.c, drivers/of/of_reserved_mem.c).  Each call prints a
 * one-line "fdt: error: <node>: <property>: ..." and returns a negative
 * errno when the tree is malformed; the caller decides what is fatal.
 * Warnings ("fdt: warning: ...") are for what Linux skips and goes on.
 */

#include <stdarg.h>
#include <stdint.h>

#include "mm/memblock.h"

/*
 * Check the header and the whole blob (dt_check_blob()), with one error
 * line if either is bad: nothing may walk the blob before.
 */
int dt_check(const void *fdt);

/* dt_check(), then read the root's #address-cells/#size-cells. */
int dt_init(const void *fdt);

/* memblock_add_node() every range of every memory node (device_type "memory"). */
int dt_scan_memory(const void *fdt);

/* Reserve [@base, @base + @size) for @what, printing a "Reserved memory:" line. */
int dt_reserve(phys_addr_t base, phys_addr_t size, const char *what);

/* Reserve the blob itself: [@fdt, @fdt + fdt_totalsize(@fdt)). */
int dt_reserve_self(const void *fdt);

/*
 * Reserve every /memreserve/ entry and every /reserved-memory child with a
 * reg (no-map ones are memblock_remove()d), and note the children that
 * only give a size for dt_alloc_reserved_mem().
 */
int dt_scan_reserved_mem(const void *fdt);

/* Allocate the dynamic /reserved-memory children noted by the scan. */
int dt_alloc_reserved_mem(const void *fdt);

/* Where dt_alloc_reserved_mem() placed each dynamic child (no-map ones too). */
struct dt_dynamic_region {
	const char *name;
	phys_addr_t base, size;
	bool nomap;
};
const struct dt_dynamic_region *dt_dynamic_regions(int *count);

/* How many regions the scans read from the tree (zero-size ones left out). */
struct dt_stats {
	unsigned long memory_ranges;	/* memory nodes' reg entries */
	unsigned long memreserve;	/* /memreserve/ entries */
	unsigned long reserved_ranges;	/* /reserved-memory reg entries */
	unsigned long dynamic;		/* dynamic children placed */
};
const struct dt_stats *dt_stats(void);

/* Upper bounds on the memblock updates the scans will make to each type. */
void dt_count_ops(const void *fdt, unsigned long *memory_ops,
		  unsigned long *reserved_ops);

/*
 * Where a build's time goes: dt.c switches to DT_METER_MEMBLOCK around each
 * memblock call and to DT_METER_CONSOLE around what it prints, then back
 * to the part before; the rest is DT_METER_PARSE.  The payload provides
 * dt_meter() to time each part (payload/build_meter.c); dt.c's default
 * does nothing.  Return: the part that ran until now.
 */
enum dt_meter_part {
	DT_METER_PARSE,
	DT_METER_MEMBLOCK,
	DT_METER_CONSOLE,
	DT_METER_NR,
};
enum dt_meter_part dt_meter(enum dt_meter_part part);

/* vprintf() on the meter's console part: what dt.c prints, and mm/'s output. */
void dt_vprintf(const char *fmt, va_list ap);

/* Small readers for the banner and the command line; NULL or 0 if absent. */
const char *dt_bootargs(const void *fdt);
const char *dt_model(const void *fdt);
uint64_t dt_timebase_frequency(const void *fdt);
int dt_root_addr_cells(void);
int dt_root_size_cells(void);

#endif /* PLATFORM_DT_H */
