/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLATFORM_SBI_H
#define PLATFORM_SBI_H

/*
 * Supervisor Binary Interface calls: one sbi_ecall() and thin wrappers.
 * IDs are grouped one block per extension, as in OpenSBI's sbi_ecall_interface.h.
 */

/* Legacy extensions (v0.1): the EID is the function; a0 carries the result. */
#define SBI_EXT_0_1_CONSOLE_PUTCHAR	0x01

/* Base extension */
#define SBI_EXT_BASE			0x10
#define SBI_EXT_BASE_GET_SPEC_VERSION	0
#define SBI_EXT_BASE_GET_IMP_ID		1
#define SBI_EXT_BASE_GET_IMP_VERSION	2
#define SBI_EXT_BASE_PROBE_EXT		3

/* System reset extension */
#define SBI_EXT_SRST			0x53525354	/* "SRST" */
#define SBI_EXT_SRST_RESET		0
#define SBI_SRST_RESET_TYPE_SHUTDOWN	0
#define SBI_SRST_RESET_TYPE_COLD_REBOOT	1
#define SBI_SRST_RESET_TYPE_WARM_REBOOT	2
#define SBI_SRST_RESET_REASON_NONE	0
#define SBI_SRST_RESET_REASON_SYSFAIL	1

/* Debug console extension (SBI 2.0; OpenSBI 1.1 does not have it) */
#define SBI_EXT_DBCN			0x4442434E	/* "DBCN" */
#define SBI_EXT_DBCN_WRITE_BYTE		2

/* Error codes */
#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			-1
#define SBI_ERR_NOT_SUPPORTED		-2

/* Implementation IDs returned by sbi_get_impl_id() */
#define SBI_IMPL_OPENSBI		1

/* The constants above are usable from assembly (payload/image_move.S). */
#ifndef __ASSEMBLER__

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long arg0, unsigned long arg1,
			unsigned long arg2);

long sbi_get_spec_version(void);
long sbi_get_impl_id(void);
long sbi_get_impl_version(void);
const char *sbi_impl_name(long impl_id);
long sbi_probe_extension(long ext);
void sbi_console_putchar(int ch);
int sbi_dbcn_write_byte(unsigned char ch);
int sbi_system_reset(unsigned long type, int failure);

#endif /* __ASSEMBLER__ */

#endif /* PLATFORM_SBI_H */
