/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLATFORM_EXIT_H
#define PLATFORM_EXIT_H

#include <stdint.h>

/* Exit statuses the payload hands to QEMU. */
#define EXIT_OK		0
#define EXIT_FAIL	1	/* bad device tree, failed check, panic */
#define EXIT_TRAP	2	/* unexpected trap */

/*
 * Find the sifive,test0 device in @fdt.
 * Return: its MMIO address, or 0 when the tree has none (then
 * platform_exit() falls back to SBI SRST, which cannot carry a status).
 */
uint64_t platform_exit_init(const void *fdt);

/* The address platform_exit_init() found, or 0. */
uint64_t platform_exit_device(void);

/* Stop the machine; QEMU exits with @code where sifive,test0 exists. */
__attribute__((noreturn)) void platform_exit(int code);

#endif /* PLATFORM_EXIT_H */
