// SPDX-License-Identifier: GPL-2.0-or-later
/* The boot banner: aligned "Key : value" lines, as OpenSBI prints its own. */
#include <libfdt.h>
#include <stdio.h>

#include "mm/memblock.h"
#include "payload/payload.h"
#include "platform/counters.h"
#include "platform/csr.h"
#include "platform/dt.h"
#include "platform/exit.h"
#include "platform/sbi.h"

extern char _start[], _end[];

#define KEY	"%-23s: "

/* "rdcycle counts, rdinstret traps, ...": what counters_probe() found. */
static void print_counters(void)
{
	printf(KEY, "Counters");
	for (unsigned int c = 0; c < COUNTER_NR; c++)
		printf("%s%s %s%s", c ? ", " : "", counter_name(c),
		       counter_state_name(counter_state(c)),
		       !counter_faked(c) ? "" :
		       counter_state(c) == COUNTER_TRAPS ?
		       " (payload.counter_trap)" : " (payload.counter_stuck)");
	printf("\n");
}

void print_banner(unsigned long hartid, const void *fdt,
		  unsigned long load_addr)
{
	long impl = sbi_get_impl_id();
	long impl_ver = sbi_get_impl_version();
	long spec = sbi_get_spec_version();
	const char *model = dt_model(fdt);
	const char *bootargs = dt_bootargs(fdt);
	uint64_t exit_dev = platform_exit_device();

	printf("\nmemblock-rv: Linux 4.12 memblock in an S-mode payload\n\n");
	printf(KEY "%s\n", "Platform Model", model ? model : "(none)");
	printf(KEY "%s\n", "SBI Implementation", sbi_impl_name(impl));
	if (impl == SBI_IMPL_OPENSBI)	/* OpenSBI: major << 16 | minor */
		printf(KEY "%ld.%ld\n", "SBI Implementation Ver",
		       impl_ver >> 16, impl_ver & 0xffff);
	else
		printf(KEY "0x%lx\n", "SBI Implementation Ver", impl_ver);
	printf(KEY "%ld.%ld\n", "SBI Specification",
	       (spec >> 24) & 0x7f, spec & 0xffffff);
	printf(KEY "%lu\n", "Boot HART ID", hartid);
	printf(KEY "0x%016lx\n", "DTB Address", (unsigned long)fdt);
	printf(KEY "0x%x (%u bytes)\n", "DTB Size", fdt_totalsize(fdt),
	       fdt_totalsize(fdt));
	printf(KEY "%llu Hz\n", "Timebase Frequency",
	       (unsigned long long)dt_timebase_frequency(fdt));
	printf(KEY "%d / %d\n", "Root Cells (addr/size)",
	       dt_root_addr_cells(), dt_root_size_cells());
	printf(KEY "[0x%016lx-0x%016lx]\n", "Payload Image",
	       (unsigned long)_start, (unsigned long)_end - 1);
	printf(KEY "0x%016lx (%s)\n", "Payload Loaded At", load_addr,
	       load_addr == (unsigned long)_start ?
	       "where it is linked" : "moved to where it is linked");
	printf(KEY "%s\n", "Bootargs", bootargs ? bootargs : "(none)");
	if (exit_dev)
		printf(KEY "sifive,test0 at 0x%llx\n", "Exit Device",
		       (unsigned long long)exit_dev);
	else
		printf(KEY "%s\n", "Exit Device", platform_exit_description());
	print_counters();
	printf(KEY "%s\n", "memblock=debug",
	       boot_options.memblock_debug ? "on" : "off");
	if (boot_options.movable_node)
		printf(KEY "%s\n", "movable_node", "on");
	printf(KEY "find %s, update %s\n", "memblock Strategies",
	       memblock_find_strategy_name(memblock_get_find_strategy()),
	       memblock_update_strategy_name(memblock_get_update_strategy()));
	trace_banner();
	printf("\n");
}
