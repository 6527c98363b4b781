// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Printing memblock the way kernel developers know it: the boot-time dump
 * of Linux 4.12 (memblock=debug) and the debugfs listing of
 * /sys/kernel/debug/memblock/{memory,reserved}.
 */

#include "memblock_internal.h"

/*
 * The kernel's %#x prints 0x0 for zero where C's prints 0, and its %pa is
 * 0x followed by 16 hex digits, so both are spelled out here.
 */
static void memblock_dump(struct memblock_type *type)
{
	unsigned long idx;

	memblock_printf(" %s.cnt  = 0x%lx\n", type->name, type->cnt);

	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t end = rgn->base + rgn->size - 1;
		int nid = memblock_get_region_node(rgn);

		memblock_printf(" %s[0x%lx]\t[0x%016llx-0x%016llx], 0x%016llx bytes",
				type->name, idx,
				(unsigned long long)rgn->base,
				(unsigned long long)end,
				(unsigned long long)rgn->size);
		if (nid != MAX_NUMNODES)
			memblock_printf(" on node %d", nid);
		memblock_printf(" flags: 0x%lx\n", rgn->flags);
	}
}

/**
 * __memblock_dump_all - print both region arrays, always
 *
 * The format of Linux 4.12: a header with both total sizes, then each
 * type's count and regions, with node and flags.
 */
void __memblock_dump_all(void)
{
	memblock_printf("MEMBLOCK configuration:\n");
	memblock_printf(" memory size = 0x%016llx reserved size = 0x%016llx\n",
			(unsigned long long)memblock.memory.total_size,
			(unsigned long long)memblock.reserved.total_size);

	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}

/**
 * memblock_dump_all - print both region arrays when memblock=debug is on
 */
void memblock_dump_all(void)
{
	if (memblock_debug)
		__memblock_dump_all();
}

/**
 * memblock_debugfs_show - print @type as /sys/kernel/debug/memblock/ does
 * @type: memblock.memory or memblock.reserved
 *
 * One line per region: its index, then [base, base + size - 1].
 */
void memblock_debugfs_show(struct memblock_type *type)
{
	unsigned long i;

	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *reg = &type->regions[i];
		phys_addr_t end = reg->base + reg->size - 1;

		memblock_printf("%4lu: ", i);
		memblock_printf("0x%016llx..0x%016llx\n",
				(unsigned long long)reg->base,
				(unsigned long long)end);
	}
}

/**
 * memblock_symbol - name the function that holds @ip
 * @ip: a code address
 * @offset: out: @ip's offset in the function
 * @size: out: the function's size
 *
 * A weak default that knows no names; the payload's platform/ overrides it
 * with its symbol table.
 *
 * Return: the function's name, or NULL.
 */
__attribute__((weak)) const char *memblock_symbol(unsigned long ip,
						 unsigned long *offset,
						 unsigned long *size)
{
	(void)ip;
	(void)offset;
	(void)size;
	return NULL;
}

/* "name+0xoff/0xsize" as Linux's %pF prints it, else the address. */
void memblock_print_caller(unsigned long ip)
{
	unsigned long offset, size;
	const char *name = memblock_symbol(ip, &offset, &size);

	if (name)
		memblock_printf("%s+0x%lx/0x%lx\n", name, offset, size);
	else
		memblock_printf("0x%lx\n", ip);
}
