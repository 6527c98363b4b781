// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What memblock prints: 4.12's __memblock_dump_all() format, the debugfs
 * listing, and memblock=debug tracing switched at run time.
 */

#include "unit.h"

/*
 * The boot-time dump:
 *
 *  |  +------ memory ------+ ... +-n1 nomap-+
 *  |  |~~~~|               |     |          |
 *  +--+----+---------------+-----+----------+
 *
 * Expect: exactly 4.12's text, with %pa as 0x + 16 digits and the kernel's
 * %#x ("0x0" for zero).
 */
static void memblock_dump_all_format_check(void)
{
	memblock_add(DRAM, SZ_128M);
	memblock_add_node(0x90000000, SZ_4K, 1);
	memblock_mark_nomap(0x90000000, SZ_4K);
	memblock_reserve(DRAM, SZ_64K);
	ht_log_clear();
	__memblock_dump_all();
	HT_ASSERT_STREQ(ht_log(),
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000008001000 reserved size = 0x0000000000010000\n"
		" memory.cnt  = 0x2\n"
		" memory[0x0]\t[0x0000000080000000-0x0000000087ffffff], 0x0000000008000000 bytes flags: 0x0\n"
		" memory[0x1]\t[0x0000000090000000-0x0000000090000fff], 0x0000000000001000 bytes on node 1 flags: 0x4\n"
		" reserved.cnt  = 0x1\n"
		" reserved[0x0]\t[0x0000000080000000-0x000000008000ffff], 0x0000000000010000 bytes flags: 0x0\n");
}

/*
 * The dump of the boot state: 4.12's static dummy entries are zeroed, so
 * they print as [0, 2^64 - 1], 0 bytes, on node 0.
 *
 *  |                          |
 *  +--------------------------+
 *
 * Expect: 4.12's empty dump.
 */
static void memblock_dump_all_empty_check(void)
{
	__memblock_dump_all();
	HT_ASSERT_STREQ(ht_log(),
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000000000000 reserved size = 0x0000000000000000\n"
		" memory.cnt  = 0x1\n"
		" memory[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0\n"
		" reserved.cnt  = 0x1\n"
		" reserved[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0\n");
}

/*
 * memblock_dump_all() prints only with memblock=debug:
 *
 *  |  +------+                |
 *  +--+------+----------------+
 *
 * Expect: nothing, then the same text as __memblock_dump_all().
 */
static void memblock_dump_all_debug_only_check(void)
{
	char full[512];

	memblock_add(DRAM, SZ_1M);
	ht_log_clear();
	memblock_dump_all();
	HT_ASSERT_EQ(ht_log_len(), 0);
	__memblock_dump_all();
	snprintf(full, sizeof(full), "%s", ht_log());
	ht_log_clear();
	memblock_set_debug(true);
	memblock_dump_all();
	HT_ASSERT_STREQ(ht_log(), full);
}

/*
 * The debugfs listing (/sys/kernel/debug/memblock/memory):
 *
 *  |  +------+   +--+         |
 *  +--+------+---+--+---------+
 *
 * Expect: "%4d: %pa..%pa\n" per region, end inclusive.
 */
static void memblock_debugfs_show_check(void)
{
	memblock_add(DRAM, SZ_128M);
	memblock_add(0x90000000, SZ_4K);
	ht_log_clear();
	memblock_debugfs_show(&memblock.memory);
	HT_ASSERT_STREQ(ht_log(),
		"   0: 0x0000000080000000..0x0000000087ffffff\n"
		"   1: 0x0000000090000000..0x0000000090000fff\n");
}

/*
 * memblock=debug traces add, reserve and free with 4.12's prefixes; off,
 * nothing is printed.
 *
 *  |  +------+~~+             |
 *  +--+------+--+-------------+
 *
 * Expect: "memblock_add: [base-end] ", "memblock_reserve: [...] ",
 * "   memblock_free: [...] " when on; an empty log when off.
 */
static void memblock_debug_trace_check(void)
{
	memblock_add(DRAM, SZ_1M);
	memblock_reserve(DRAM, SZ_4K);
	memblock_free(DRAM, SZ_4K);
	HT_ASSERT_EQ(ht_log_len(), 0);

	memblock_set_debug(true);
	HT_ASSERT(memblock_debug_enabled());
	memblock_add(DRAM + SZ_2M, SZ_1M);
	HT_ASSERT_PREFIX("memblock_add: [0x0000000080200000-0x00000000802fffff] ");
	ht_log_clear();
	memblock_reserve(DRAM, SZ_4K);
	HT_ASSERT_PREFIX("memblock_reserve: [0x0000000080000000-0x0000000080000fff] ");
	ht_log_clear();
	memblock_free(DRAM, SZ_4K);
	HT_ASSERT_PREFIX("   memblock_free: [0x0000000080000000-0x0000000080000fff] ");
	memblock_set_debug(false);
	ht_log_clear();
	memblock_reserve(DRAM, SZ_4K);
	HT_ASSERT_EQ(ht_log_len(), 0);
}

static const struct ht_case cases[] = {
	HT_CASE(memblock_dump_all_format_check),
	HT_CASE(memblock_dump_all_empty_check),
	HT_CASE(memblock_dump_all_debug_only_check),
	HT_CASE(memblock_debugfs_show_check),
	HT_CASE(memblock_debug_trace_check),
};

void test_dump_group(void)
{
	ht_run_cases("dump", cases, HT_ARRAY_SIZE(cases));
}
