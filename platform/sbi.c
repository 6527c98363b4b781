// SPDX-License-Identifier: GPL-2.0-or-later
/* SBI calls: the ecall itself and the few wrappers the payload uses. */
#include "platform/sbi.h"

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long arg0, unsigned long arg1,
			unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(a0), "+r"(a1)
			 : "r"(a2), "r"(a6), "r"(a7)
			 : "memory");
	return (struct sbiret){ .error = (long)a0, .value = (long)a1 };
}

static long sbi_base(unsigned long fid, unsigned long arg0)
{
	struct sbiret ret = sbi_ecall(SBI_EXT_BASE, fid, arg0, 0, 0);

	return ret.error ? ret.error : ret.value;
}

long sbi_get_spec_version(void)
{
	return sbi_base(SBI_EXT_BASE_GET_SPEC_VERSION, 0);
}

long sbi_get_impl_id(void)
{
	return sbi_base(SBI_EXT_BASE_GET_IMP_ID, 0);
}

long sbi_get_impl_version(void)
{
	return sbi_base(SBI_EXT_BASE_GET_IMP_VERSION, 0);
}

const char *sbi_impl_name(long impl_id)
{
	static const char *const names[] = {
		"Berkeley Boot Loader", "OpenSBI", "Xvisor", "KVM",
		"RustSBI", "Diosix", "Coffer",
	};

	if (impl_id < 0 || impl_id >= (long)(sizeof(names) / sizeof(names[0])))
		return "unknown";
	return names[impl_id];
}

/* Return: non-zero if the extension @ext is present, 0 if not. */
long sbi_probe_extension(long ext)
{
	return sbi_base(SBI_EXT_BASE_PROBE_EXT, (unsigned long)ext);
}

void sbi_console_putchar(int ch)
{
	sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, (unsigned long)ch, 0, 0);
}

int sbi_dbcn_write_byte(unsigned char ch)
{
	return (int)sbi_ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_WRITE_BYTE, ch, 0, 0)
		.error;
}

/*
 * Reset or shut the machine down through SRST (@type: SBI_SRST_RESET_TYPE_*).
 * OpenSBI 1.1 does it only with a reset device from the tree it was given,
 * and on QEMU the reason never reaches QEMU's exit status.
 * Return: the SBI error (the call returns only on failure).
 */
int sbi_system_reset(unsigned long type, int failure)
{
	return (int)sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, type,
			      failure ? SBI_SRST_RESET_REASON_SYSFAIL
				      : SBI_SRST_RESET_REASON_NONE, 0)
		.error;
}
