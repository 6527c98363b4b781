/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_COMMON_ENV_H
#define TESTS_COMMON_ENV_H

/*
 * mm/'s environment on the host: the hooks declared at the end of
 * mm/memblock.h, made observable.  The one environment of every host
 * program that links mm/: the unit and differential tests, the platform
 * tests, both fuzz targets and the native benchmark (tools/bench_host.c).
 *
 *  - memblock_printf() appends to a capture buffer (ht_log()) unless
 *    ht_log_capture is off; with ht_verbose it is echoed to stdout too.
 *  - memblock_panic() formats its message into ht_panic_msg() and longjmps
 *    back to the innermost HT_PANICS(); a panic nobody expects goes to
 *    ht_unexpected (by default: the message on stderr, then abort()),
 *    which the test harness points at its failure path.
 *  - memblock_phys_to_virt() / memblock_virt_to_phys() map physical
 *    addresses onto "RAM windows": calloc'd host buffers registered with
 *    ht_ram_map(), so that a doubled region array really lands somewhere.
 *    With ht_ram_identity, an address outside every window is its own
 *    translation, as in the payload (satp off): for code that hands mm/
 *    host pointers, such as platform/dt.c reserving the blob.
 *  - memblock_kernel_end() returns ht_kernel_end (0 unless a test sets it).
 *
 * The knobs are plain variables that keep their value across
 * ht_env_reset(); a program sets them once at start.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "mm/memblock.h"

extern bool ht_verbose;		/* echo mm/'s output to stdout (default off) */
extern bool ht_log_capture;	/* keep it in ht_log() (default on) */
extern bool ht_ram_identity;	/* unmapped addresses map to themselves */
extern phys_addr_t ht_kernel_end;

/* What mm/ printed since the last ht_log_clear(), NUL-terminated. */
const char *ht_log(void);
size_t ht_log_len(void);
void ht_log_clear(void);
bool ht_log_contains(const char *needle);

/* Panic catching.  HT_PANICS(stmt) is true if @stmt panicked. */
extern jmp_buf *ht_panic_jmp;
const char *ht_panic_msg(void);
#define HT_PANICS(stmt)							\
	({								\
		jmp_buf ht_jb_, *volatile ht_prev_ = ht_panic_jmp;	\
		volatile int ht_p_ = 0;					\
		ht_panic_jmp = &ht_jb_;					\
		if (setjmp(ht_jb_) == 0) {				\
			stmt;						\
		} else {						\
			ht_p_ = 1;					\
		}							\
		ht_panic_jmp = ht_prev_;				\
		ht_p_;							\
	})

/* Called for a panic outside HT_PANICS() or an unmapped __va(); noreturn. */
extern void (*ht_unexpected)(const char *msg) __attribute__((noreturn));

/*
 * A program that routes mm/'s __va(), __pa() and output itself sets these
 * (tools/replay.c, to its scratch window while a replay runs); NULL: as
 * above.
 */
extern void *(*ht_phys_to_virt_hook)(phys_addr_t addr);
extern phys_addr_t (*ht_virt_to_phys_hook)(const void *ptr);
extern void (*ht_printf_hook)(const char *fmt, va_list ap);
/* All three at once; NULLs put them back. */
void ht_redirect(void *(*va)(phys_addr_t addr),
		 phys_addr_t (*pa)(const void *ptr),
		 void (*out)(const char *fmt, va_list ap));

/* Simulated RAM: [base, base + size) becomes addressable, zero-filled. */
void *ht_ram_map(phys_addr_t base, size_t size);
void ht_ram_unmap_all(void);

/*
 * Put everything back: memblock_reset(), log and panic state cleared, RAM
 * windows dropped, kernel_end 0.  Every test starts with this.
 */
void ht_env_reset(void);

/*
 * tests/common/trace_check.c, in a build with -DMEMBLOCK_TRACE: a panic
 * unwound the traced calls; every traced call has returned.
 */
void ht_trace_panicked(void);
void ht_trace_settled(void);

#endif /* TESTS_COMMON_ENV_H */
