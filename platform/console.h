/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLATFORM_CONSOLE_H
#define PLATFORM_CONSOLE_H

/*
 * The console: picolibc's stdout and stderr write through SBI, the legacy
 * putchar (OpenSBI 1.1) or DBCN where only that is present.
 * Return: 0, or -1 when the firmware offers no console at all.
 */
int console_init(void);

#endif /* PLATFORM_CONSOLE_H */
