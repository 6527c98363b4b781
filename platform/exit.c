// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Ending the machine, with a status where the machine can carry one.
 *
 *  1. QEMU's sifive,test0 "finisher", when the tree has one: a 32-bit
 *     store of 0x5555 exits QEMU with 0, 0x3333 | code << 16 with code.
 *  2. SBI SRST, when the firmware has a reset device for it.  OpenSBI 1.1
 *     takes its reset devices from the tree it is given (sifive,test0 on
 *     virt, gpio-restart on sifive_u) and says so through the extension
 *     probe.  Shutdown first, then cold and warm reboot: QEMU's
 *     -no-reboot turns a reset into an exit.  QEMU's status is then 0
 *     whatever the payload's.
 *  3. Nothing: the hart waits for interrupts that never come.
 *
 * Unless the finisher works, the status goes out on one last console
 * line, EXIT_STATUS_LINE, which tools/run-qemu.sh turns into its own exit
 * status (and, in case 3, its cue to stop QEMU).
 */
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>

#include "platform/exit.h"
#include "platform/sbi.h"

#define FINISHER_FAIL	0x3333
#define FINISHER_PASS	0x5555

static volatile uint32_t *finisher;
static enum exit_method method = EXIT_BY_NOTHING;
static int exiting;		/* platform_exit() entered: once only */
static int first_code;

/* Read the first address of @node's reg, as its parent's #address-cells say. */
static uint64_t reg_address(const void *fdt, int node)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac = parent >= 0 ? fdt_address_cells(fdt, parent) : 2;
	const fdt32_t *reg;
	int len;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || len < ac * 4)
		return 0;
	return ac == 2 ? ((uint64_t)fdt32_to_cpu(reg[0]) << 32) |
				 fdt32_to_cpu(reg[1])
		       : fdt32_to_cpu(reg[0]);
}

enum exit_method platform_exit_init(const void *fdt)
{
	int node = fdt ? fdt_node_offset_by_compatible(fdt, -1, "sifive,test0")
		       : -FDT_ERR_NOTFOUND;
	uint64_t addr = node >= 0 ? reg_address(fdt, node) : 0;

	/* The soc bus on virt maps 1:1 (`ranges;`), so reg is the CPU address. */
	finisher = (volatile uint32_t *)(uintptr_t)addr;
	if (finisher)
		method = EXIT_BY_FINISHER;
	else if (sbi_probe_extension(SBI_EXT_SRST) > 0)
		method = EXIT_BY_SRST;
	else
		method = EXIT_BY_NOTHING;
	return method;
}

uint64_t platform_exit_device(void)
{
	return (uint64_t)(uintptr_t)finisher;
}

const char *platform_exit_description(void)
{
	switch (method) {
	case EXIT_BY_FINISHER:
		return "sifive,test0";
	case EXIT_BY_SRST:
		return "SBI SRST (status printed, QEMU exits 0)";
	default:
		return "none: no sifive,test0, no SBI reset device (status printed)";
	}
}

/*
 * Print the status line (@why: why no device carried it), then stop the
 * machine through SRST if the firmware offers it; else wait for ever.
 */
__attribute__((noreturn))
static void print_status_and_stop(int code, const char *why)
{
	bool have_srst = sbi_probe_extension(SBI_EXT_SRST) > 0;

	printf(EXIT_STATUS_LINE "%d: %s; %s\n", code, why,
	       have_srst ? "stopping through SBI SRST" :
	       "no SBI reset device either: the hart waits");
	fflush(stdout);
	if (have_srst) {
		sbi_system_reset(SBI_SRST_RESET_TYPE_SHUTDOWN, code != 0);
		sbi_system_reset(SBI_SRST_RESET_TYPE_COLD_REBOOT, code != 0);
		sbi_system_reset(SBI_SRST_RESET_TYPE_WARM_REBOOT, code != 0);
		printf("payload: SBI SRST returned: the hart waits\n");
		fflush(stdout);
	}
	for (;;)
		__asm__ volatile("wfi");
}

void platform_exit(int code)
{
	/*
	 * A second call comes from the trap handler when the finisher's store
	 * faulted (a reg that points at no device): keep the first status.
	 */
	if (exiting)
		print_status_and_stop(first_code, "the store to sifive,test0 "
				      "faulted");
	exiting = 1;
	first_code = code;
	fflush(stdout);
	if (finisher)
		*finisher = code ? FINISHER_FAIL | ((uint32_t)code << 16)
				 : FINISHER_PASS;
	print_status_and_stop(code, finisher ? "sifive,test0 did not end QEMU"
					     : "no sifive,test0 to carry it");
}
