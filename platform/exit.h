/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLATFORM_EXIT_H
#define PLATFORM_EXIT_H

/* Exit statuses the payload hands to QEMU. */
#define EXIT_OK		0
#define EXIT_FAIL	1	/* bad device tree, failed check, panic */
#define EXIT_TRAP	2	/* unexpected trap */

/*
 * The line platform_exit() prints when no device carries the status to
 * QEMU: "payload: exit status N ...".  tools/run-qemu.sh reads it and
 * exits with N.
 */
#define EXIT_STATUS_LINE	"payload: exit status "

/* The constants above are usable from assembly (payload/image_move.S). */
#ifndef __ASSEMBLER__

#include <stdint.h>

/* How platform_exit() ends the machine, best first. */
enum exit_method {
	EXIT_BY_FINISHER,	/* sifive,test0: QEMU exits with the status */
	EXIT_BY_SRST,		/* SBI SRST: the machine stops, status printed */
	EXIT_BY_NOTHING,	/* no way: status printed, the hart waits */
};

/*
 * Find how to end the machine: sifive,test0 in @fdt, else SBI SRST when
 * the firmware has a reset device for it.  @fdt must have passed
 * dt_init(), or be NULL (a blob that did not: SRST only).
 * Return: the method platform_exit() will use.
 */
enum exit_method platform_exit_init(const void *fdt);

/* The sifive,test0 address platform_exit_init() found, or 0. */
uint64_t platform_exit_device(void);

/* What platform_exit() will do, in words, for the banner. */
const char *platform_exit_description(void);

/*
 * Stop the machine with @code: through sifive,test0 QEMU exits with it;
 * otherwise it is printed on one EXIT_STATUS_LINE first.
 */
__attribute__((noreturn)) void platform_exit(int code);

#endif /* __ASSEMBLER__ */

#endif /* PLATFORM_EXIT_H */
