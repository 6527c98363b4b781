/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLATFORM_CSR_H
#define PLATFORM_CSR_H

/*
 * S-mode CSRs and the user-level counters.  GCC 12 with -march=rv64imac
 * emits `.attribute arch` without Zicsr, so every csr instruction other
 * than the rdcycle/rdtime/rdinstret pseudo-instructions is wrapped in
 * `.option arch,+zicsr`.  The constants are usable from assembly.
 */

/* sstatus */
#define SSTATUS_SIE		(1UL << 1)	/* S-mode interrupts enabled */
#define SSTATUS_SPP		(1UL << 8)	/* previous mode was S */

/* scause: the top bit says interrupt, the rest is the code. */
#define SCAUSE_INTERRUPT	(1UL << 63)
#define SCAUSE_CODE_MASK	(~SCAUSE_INTERRUPT)

#ifndef __ASSEMBLER__

#include <stdint.h>

#define CSR_READ(name)						\
	({							\
		unsigned long __v;				\
		__asm__ volatile(".option push\n"		\
				 ".option arch, +zicsr\n"	\
				 "csrr %0, " #name "\n"		\
				 ".option pop"			\
				 : "=r"(__v) : : "memory");	\
		__v;						\
	})

#define CSR_WRITE(name, val)					\
	__asm__ volatile(".option push\n"			\
			 ".option arch, +zicsr\n"		\
			 "csrw " #name ", %0\n"			\
			 ".option pop"				\
			 : : "rK"((unsigned long)(val)) : "memory")

static inline unsigned long r_sstatus(void) { return CSR_READ(sstatus); }
static inline void w_sstatus(unsigned long x) { CSR_WRITE(sstatus, x); }
static inline unsigned long r_stvec(void) { return CSR_READ(stvec); }
static inline void w_stvec(unsigned long x) { CSR_WRITE(stvec, x); }
static inline unsigned long r_scause(void) { return CSR_READ(scause); }
static inline unsigned long r_sepc(void) { return CSR_READ(sepc); }
static inline unsigned long r_stval(void) { return CSR_READ(stval); }
static inline unsigned long r_satp(void) { return CSR_READ(satp); }

/* Counters: with QEMU's -icount shift=0, cycle == instret == instructions. */
static inline uint64_t rdcycle(void)
{
	uint64_t x;
	__asm__ volatile("rdcycle %0" : "=r"(x));
	return x;
}

static inline uint64_t rdinstret(void)
{
	uint64_t x;
	__asm__ volatile("rdinstret %0" : "=r"(x));
	return x;
}

static inline uint64_t rdtime(void)
{
	uint64_t x;
	__asm__ volatile("rdtime %0" : "=r"(x));
	return x;
}

#endif /* __ASSEMBLER__ */

#endif /* PLATFORM_CSR_H */
