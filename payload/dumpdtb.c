// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bootarg payload.dumpdtb: the device tree blob as the payload was handed
 * it, in "dtb: " lines of hex, so that a test can check the dump against
 * the very tree a boot loader passed on (tools/dtcheck -), whatever it
 * edited on the way (U-Boot's /chosen, OpenSBI's reserved-memory).
 */
#include <libfdt.h>
#include <stdio.h>

#include "payload/payload.h"

#define BYTES_PER_LINE	32

void dump_dtb(const void *fdt)
{
	const unsigned char *p = fdt;
	uint32_t size = fdt_totalsize(fdt);

	if (!boot_options.dumpdtb)
		return;
	printf("Device tree blob as handed over, %u bytes (payload.dumpdtb):\n",
	       size);
	for (uint32_t i = 0; i < size; i++)
		printf("%s%02x%s", i % BYTES_PER_LINE ? "" : "dtb: ", p[i],
		       i % BYTES_PER_LINE == BYTES_PER_LINE - 1 || i == size - 1 ?
		       "\n" : "");
	printf("\n");
}
