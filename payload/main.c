// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The payload: OpenSBI (or U-Boot's booti) enters payload/entry.S in
 * S-mode with the hart id and the device tree; entry.S calls main() on one
 * hart with a stack, at the link address, with the address the image was
 * loaded at (payload/image_move.S moved it if they differ).
 */
#include "mm/memblock.h"
#include "payload/payload.h"
#include "platform/console.h"
#include "platform/counters.h"
#include "platform/dt.h"
#include "platform/exit.h"

void main(unsigned long hartid, const void *fdt, unsigned long load_addr)
{
	bool blob_ok;

	if (console_init())			/* stdout -> SBI console */
		platform_exit(EXIT_FAIL);
	blob_ok = !dt_check(fdt);		/* the whole blob, before any walk */
	platform_exit_init(blob_ok ? fdt : NULL); /* sifive,test0, else SRST */
	if (!blob_ok || dt_init(fdt))		/* root #cells */
		boot_fail("device tree");
	integrity_snapshot(fdt);		/* checksums: DTB, image, OpenSBI */
	parse_bootargs(dt_bootargs(fdt));	/* memblock=debug and friends */
	counters_probe(boot_options.counter_trap, /* which read, which count */
		       boot_options.counter_stuck);
	trace_setup();				/* memblock.trace=: the tracer's clock */
	print_banner(hartid, fdt, load_addr);	/* Key : value lines */
	dump_dtb(fdt);				/* payload.dumpdtb: the blob in hex */
	if (setup_memblock(fdt))		/* device tree -> memblock */
		boot_fail("device tree -> memblock");
	__memblock_dump_all();			/* Linux 4.12's dump */
	if (alloc_demo())			/* a few memblock_alloc()s, checked */
		boot_fail("allocation demo");
	integrity_fill();			/* pattern into every allocated block */
	if (run_benchmarks())			/* bench/: every strategy, if asked */
		boot_fail("benchmarks");
	if (run_replay(fdt))			/* a kernel's log, if in the initrd */
		boot_fail("replay");
	if (integrity_check())			/* patterns and checksums unchanged */
		boot_fail("integrity check");
	platform_exit(EXIT_OK);			/* QEMU exits 0 */
}
