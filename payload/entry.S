/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Payload entry, in S-mode, from OpenSBI or U-Boot's booti: a0 = hart id,
 * a1 = DTB address.  The image starts with a Linux RISC-V Image header, whose
 * first instruction jumps over it.  One hart wins the lottery and runs;
 * every other hart parks in wfi.  If the image runs away from its link
 * address, the winner moves it there first (payload/image_move.S).  Then it
 * clears BSS (.tbss included), points tp at the TLS block (picolibc keeps
 * errno there), sp at the top of the 64 KiB boot stack and stvec at
 * trap_vector, and calls main(hartid, dtb, load address), which never
 * returns.
 */
#include "platform/csr.h"

	.option	arch, +zicsr	/* GCC 12's -march=rv64imac leaves out Zicsr */

/*
 * Linux's RISC-V Image header (Documentation/riscv/boot-image-header.rst in
 * the kernel), 64 bytes, little endian.  text_offset: the payload is linked
 * at 0x80200000, RAM's start plus 2 MiB on QEMU virt, sifive_u and the
 * boards whose RAM starts at 0x80000000, as Linux's RV64 Image asks.
 * image_size: everything that must be free where it runs, BSS, stack and
 * symbol table included.
 */
#define IMAGE_TEXT_OFFSET	0x200000
#define IMAGE_VERSION		((0 << 16) | 2)		/* header version 0.2 */
#define IMAGE_FLAGS_LE		0			/* bit 0 clear: little endian */

	.section .text.entry, "ax"
	.globl	_start
_start:
	.option	push
	.option	norvc		/* code0 is one 4-byte jump */
	j	entry			/* code0 */
	.option	pop
	.word	0			/* code1 */
	.dword	IMAGE_TEXT_OFFSET	/* text_offset */
	.dword	_end - _start		/* image_size */
	.dword	IMAGE_FLAGS_LE		/* flags */
	.word	IMAGE_VERSION		/* version */
	.word	0			/* res1 */
	.dword	0			/* res2 */
	.ascii	"RISCV\0\0\0"		/* magic (deprecated) */
	.ascii	"RSC\x05"		/* magic2 */
	.word	0			/* res3: no PE/COFF header */

entry:
	/* Lottery: the first hart to add 1 to boot_lottery sees 0 and wins. */
	la	t0, boot_lottery
	li	t1, 1
	amoadd.w t1, t1, (t0)
	bnez	t1, park

	/* Where it runs (la is PC-relative) against where it is linked. */
	la	t0, _start
	ld	t1, link_start
	mv	a2, t0			/* main()'s load address */
	beq	t0, t1, entry_linked
	tail	image_move		/* comes back to entry_linked, moved */

	.globl	entry_linked
entry_linked:
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
	call	main			/* main(a0 = hartid, a1 = dtb, a2 = load address) */
	j	park

park:
	wfi
	j	park

	.balign	8
link_start:
	.dword	_start			/* absolute: the link address */

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
