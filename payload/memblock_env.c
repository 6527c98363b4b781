// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What mm/memblock.h asks of its environment, for the payload: output to
 * the SBI console, panic as Linux prints it, and identity address
 * translation (satp is off, so physical == virtual).  While a replay runs
 * (payload/replay.c), memblock_redirect sends translation and output to
 * it instead: the replayed memblock never touches the payload's memory.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm/memblock.h"
#include "payload/payload.h"
#include "platform/dt.h"
#include "platform/exit.h"

extern char _end[];

const struct memblock_redirect *memblock_redirect;

/*
 * Off the build meter's clock: memblock=debug prints from inside calls.
 * Inside a traced call (build/payload-trace.elf), into the trace.
 */
void memblock_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (memblock_redirect)
		memblock_redirect->vprintf(fmt, ap);
	else if (!trace_capture(fmt, ap))
		dt_vprintf(fmt, ap);
	va_end(ap);
}

void memblock_panic(const char *fmt, ...)
{
	char buf[256];
	size_t len;
	va_list ap;

	trace_panic_enter();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	trace_panic(buf);
	printf("Kernel panic - not syncing: %s\n", buf);
	platform_exit(EXIT_FAIL);
}

void *memblock_phys_to_virt(phys_addr_t addr)
{
	if (memblock_redirect)
		return memblock_redirect->phys_to_virt(addr);
	return (void *)(uintptr_t)addr;
}

phys_addr_t memblock_virt_to_phys(const void *ptr)
{
	if (memblock_redirect)
		return memblock_redirect->virt_to_phys(ptr);
	return (phys_addr_t)(uintptr_t)ptr;
}

/* A replay's kernel is not this one: no floor for bottom-up there. */
phys_addr_t memblock_kernel_end(void)
{
	return memblock_redirect ? 0 : (phys_addr_t)(uintptr_t)_end;
}
