// SPDX-License-Identifier: GPL-2.0-or-later
/* picolibc's stdout/stderr, hooked to the SBI console. */
#include <stdbool.h>
#include <stdio.h>

#include "platform/console.h"
#include "platform/sbi.h"

static bool use_dbcn;

/* OpenSBI turns "\n" into "\r\n" itself: pass bytes through unchanged. */
static int console_putc(char c, FILE *file)
{
	(void)file;
	if (use_dbcn)
		sbi_dbcn_write_byte((unsigned char)c);
	else
		sbi_console_putchar((unsigned char)c);
	return (unsigned char)c;
}

static FILE console = FDEV_SETUP_STREAM(console_putc, NULL, NULL,
					_FDEV_SETUP_WRITE);
FILE *const stdout = &console;
FILE *const stderr = &console;

int console_init(void)
{
	if (sbi_probe_extension(SBI_EXT_0_1_CONSOLE_PUTCHAR) > 0)
		return 0;
	if (sbi_probe_extension(SBI_EXT_DBCN) > 0) {
		use_dbcn = true;
		return 0;
	}
	return -1;
}
