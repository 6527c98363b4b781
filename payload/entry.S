/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Payload entry, in S-mode, from OpenSBI: a0 = hart id, a1 = DTB address.
 * One hart wins the lottery and runs; every other hart parks in wfi.  The
 * winner clears BSS (.tbss included), points tp at the TLS block (picolibc
 * keeps errno there), sp at the top of the 64 KiB boot stack and stvec at
 * trap_vector, then calls main(hartid, dtb), which never returns.
 */
#include "platform/csr.h"

	.option	arch, +zicsr	/* GCC 12's -march=rv64imac leaves out Zicsr */

	.section .text.entry, "ax"
	.globl	_start
_start:
	/* Lottery: the first hart to add 1 to boot_lottery sees 0 and wins. */
	la	t0, boot_lottery
	li	t1, 1
	amoadd.w t1, t1, (t0)
	bnez	t1, park

	/* Clear [__bss_start, __bss_end): 8-byte aligned by the linker script. */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	.option	push
	.option	norelax
	la	gp, __global_pointer$
	.option	pop
	la	tp, __tls_base
	la	sp, __stack_top
	la	t0, trap_vector
	csrw	stvec, t0		/* direct mode: low two bits 0 */
	csrw	sie, zero		/* no interrupts in this payload */
	call	main			/* main(a0 = hartid, a1 = dtb) */
	j	park

park:
	wfi
	j	park

/*
 * Any trap lands here: pass scause, sepc, stval to trap_handler(), which
 * prints them and exits QEMU with a failure status.  4-byte aligned, as
 * stvec requires.
 */
	.align	2
	.globl	trap_vector
trap_vector:
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	trap_handler
	j	park

	.section .data
	.align	2
boot_lottery:
	.word	0
