/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * image_move: the image was started away from the address it is linked
 * at.  U-Boot's booti moves an Image to RAM's start + text_offset in some
 * versions (Debian 12's 2023.01 does: 0x80200000 on QEMU virt, where the
 * payload is linked) and runs it where it was loaded in others; on a board
 * whose RAM starts elsewhere (0x40000000 on the JH7110 boards) it lands
 * at another address either way.  The payload's code is PC-relative
 * (-mcmodel=medany), but its data hold absolute addresses (function
 * pointers, string tables), so it runs at its link address only: copy the
 * file part [_start, __image_load_end) there, make the copy visible to
 * instruction fetch, and go on at entry_linked in it.
 *
 * Nothing here uses an absolute address but the two it jumps to, since it
 * runs in the loaded copy.  It refuses, with the status line tools/run-qemu.sh
 * reads (platform/exit.h), when the image's footprint at the link address,
 * [link, link + image size), would overlap the loaded file or the device
 * tree, and when a load or store faults (no RAM at the link address, a bad
 * DTB pointer); then it stops the machine through SBI SRST, or waits.
 *
 * In: a0 hart id, a1 DTB, a2 = t0 load address, t1 link address (from
 * payload/entry.S).  a0, a1 and a2 reach entry_linked unchanged.
 */
#include "platform/exit.h"
#include "platform/sbi.h"

	.option	arch, +zicsr, +zifencei

#define FDT_MAGIC	0xd00dfeed

	.text
	.globl	image_move
image_move:
	la	t2, move_fault
	csrw	stvec, t2		/* a fault below: say so, do not run on */

	la	t2, __image_load_end
	sub	t2, t2, t0		/* t2: bytes in the file */
	la	t3, _end
	sub	t3, t3, t0		/* t3: the image's footprint */
	add	t4, t1, t3		/* t4: end of the footprint at the link address */
	add	t5, t0, t2		/* t5: end of the loaded file */

	/* [t1, t4) against the loaded file [t0, t5), which runs this code. */
	la	a5, why_self
	bgeu	t1, t5, 1f
	bltu	t0, t4, move_refused
1:
	/* [t1, t4) against the tree [a1, a1 + totalsize), if a1 holds one. */
	mv	a3, a1
	jal	a6, be32		/* a4: the magic */
	li	a5, FDT_MAGIC
	bne	a4, a5, 2f		/* no tree: platform/dt_check.c will say so */
	addi	a3, a1, 4
	jal	a6, be32		/* a4: totalsize */
	add	a4, a4, a1
	la	a5, why_dtb
	bgeu	a1, t4, 2f
	bltu	t1, a4, move_refused
2:
	/* Copy byte by byte: the file is small, the load address any. */
	mv	t5, t0
	mv	t6, t1
	add	a3, t0, t2
3:	bgeu	t5, a3, 4f
	lbu	a4, 0(t5)
	sb	a4, 0(t6)
	addi	t5, t5, 1
	addi	t6, t6, 1
	j	3b
4:	fence.i				/* the copy is code: fetch sees it */
	ld	t2, entry_linked_address
	jr	t2			/* entry_linked, in the copy */

/* a4 = the big-endian 32-bit word at a3; returns through a6. */
be32:
	li	a4, 0
	li	a7, 4
1:	lbu	a5, 0(a3)
	slli	a4, a4, 8
	or	a4, a4, a5
	addi	a3, a3, 1
	addi	a7, a7, -1
	bnez	a7, 1b
	jr	a6

/* A load or store faulted: report scause and stval. */
	.balign	4
move_fault:
	la	a5, why_fault
	csrr	s0, scause
	csrr	s1, stval

/*
 * The status line, then SBI SRST (shutdown, cold reboot), then wfi:
 * "payload: exit status 1: loaded at X, runs only at Y: <a5>[ scause S
 * stval V]".
 */
move_refused:
	mv	s2, a5
	mv	s3, t0
	mv	s4, t1
	la	a3, status_line
	jal	a6, puts
	mv	a3, s3
	jal	a6, puthex
	la	a3, runs_only_at
	jal	a6, puts
	mv	a3, s4
	jal	a6, puthex
	mv	a3, s2
	jal	a6, puts
	la	a5, why_fault
	bne	s2, a5, 1f
	mv	a3, s0
	jal	a6, puthex
	la	a3, stval_is
	jal	a6, puts
	mv	a3, s1
	jal	a6, puthex
1:	la	a3, stopping
	jal	a6, puts
	li	a0, SBI_SRST_RESET_TYPE_SHUTDOWN
	jal	a6, srst
	li	a0, SBI_SRST_RESET_TYPE_COLD_REBOOT
	jal	a6, srst
2:	wfi
	j	2b

/* SBI SRST of type a0 for a failure; returns through a6 if it does. */
srst:
	mv	s5, a6
	li	a1, SBI_SRST_RESET_REASON_SYSFAIL
	li	a6, SBI_EXT_SRST_RESET
	li	a7, SBI_EXT_SRST
	ecall
	jr	s5

/* The NUL-terminated string at a3 on the legacy SBI console; returns through a6. */
puts:
	mv	s5, a6
1:	lbu	a0, 0(a3)
	beqz	a0, 2f
	li	a7, SBI_EXT_0_1_CONSOLE_PUTCHAR
	ecall
	addi	a3, a3, 1
	j	1b
2:	jr	s5

/* a3 as 0x and 16 hex digits; returns through a6. */
puthex:
	mv	s5, a6
	mv	s6, a3
	li	a0, '0'
	li	a7, SBI_EXT_0_1_CONSOLE_PUTCHAR
	ecall
	li	a0, 'x'
	li	a7, SBI_EXT_0_1_CONSOLE_PUTCHAR
	ecall
	li	s7, 60
1:	srl	a0, s6, s7
	andi	a0, a0, 0xf
	addi	a0, a0, '0'
	li	a4, '9'
	ble	a0, a4, 2f
	addi	a0, a0, 'a' - '9' - 1
2:	li	a7, SBI_EXT_0_1_CONSOLE_PUTCHAR
	ecall
	addi	s7, s7, -4
	bgez	s7, 1b
	jr	s5

	.section .rodata
	.balign	8
entry_linked_address:
	.dword	entry_linked		/* absolute: in the copy at the link address */
status_line:
	.ascii	"\n"
	.ascii	EXIT_STATUS_LINE
	.asciz	"1: the image was loaded at "
runs_only_at:
	.asciz	" but runs only where it is linked, at "
why_self:
	.asciz	"; moving it there would overwrite itself: load it there, or at least its size away"
why_dtb:
	.asciz	"; moving it there would overwrite the device tree: pass the tree elsewhere"
why_fault:
	.asciz	"; moving it there faulted: scause "
stval_is:
	.asciz	" stval "
stopping:
	.asciz	"; stopping through SBI SRST, else the hart waits\n"
