// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The payload takes no trap on purpose: interrupts stay off and nothing
 * faults.  Any trap is a bug, so print what the hart saw and exit failing.
 */
#include <stdio.h>

#include "platform/csr.h"
#include "platform/exit.h"

void trap_handler(unsigned long scause, unsigned long sepc,
		  unsigned long stval);

static const char *exception_name(unsigned long code)
{
	static const char *const names[] = {
		[0] = "instruction address misaligned",
		[1] = "instruction access fault",
		[2] = "illegal instruction",
		[3] = "breakpoint",
		[4] = "load address misaligned",
		[5] = "load access fault",
		[6] = "store/AMO address misaligned",
		[7] = "store/AMO access fault",
		[8] = "environment call from U-mode",
		[9] = "environment call from S-mode",
		[12] = "instruction page fault",
		[13] = "load page fault",
		[15] = "store/AMO page fault",
	};

	if (code < sizeof(names) / sizeof(names[0]) && names[code])
		return names[code];
	return "reserved";
}

/* Called from trap_vector in payload/entry.S with the three CSRs. */
void trap_handler(unsigned long scause, unsigned long sepc,
		  unsigned long stval)
{
	unsigned long code = scause & SCAUSE_CODE_MASK;

	printf("\nUnexpected trap: %s %lu (%s)\n",
	       scause & SCAUSE_INTERRUPT ? "interrupt" : "exception", code,
	       scause & SCAUSE_INTERRUPT ? "interrupt"
					 : exception_name(code));
	printf(" scause = 0x%016lx\n sepc   = 0x%016lx\n stval  = 0x%016lx\n",
	       scause, sepc, stval);
	platform_exit(EXIT_TRAP);
}
