// SPDX-License-Identifier: GPL-2.0-or-later
/* The host side of mm/'s environment hooks; see env.h. */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"

bool ht_verbose;
bool ht_log_capture = true;
bool ht_ram_identity;
phys_addr_t ht_kernel_end;
jmp_buf *ht_panic_jmp;
void *(*ht_phys_to_virt_hook)(phys_addr_t addr);
phys_addr_t (*ht_virt_to_phys_hook)(const void *ptr);
void (*ht_printf_hook)(const char *fmt, va_list ap);

/* Room for a few thousand lines; what does not fit is dropped, not wrapped. */
#define HT_LOG_SIZE (1u << 20)
static char ht_log_buf[HT_LOG_SIZE];
static size_t ht_log_used;
static char ht_panic_buf[512];

static __attribute__((noreturn)) void ht_default_unexpected(const char *msg)
{
	size_t len = strlen(msg);

	fprintf(stderr, "unexpected panic or bad address: %s%s", msg,
		len && msg[len - 1] == '\n' ? "" : "\n");
	abort();
}

void (*ht_unexpected)(const char *msg) __attribute__((noreturn)) =
	ht_default_unexpected;

void ht_redirect(void *(*va)(phys_addr_t addr),
		 phys_addr_t (*pa)(const void *ptr),
		 void (*out)(const char *fmt, va_list ap))
{
	ht_phys_to_virt_hook = va;
	ht_virt_to_phys_hook = pa;
	ht_printf_hook = out;
}

const char *ht_log(void)
{
	return ht_log_buf;
}

size_t ht_log_len(void)
{
	return ht_log_used;
}

void ht_log_clear(void)
{
	ht_log_used = 0;
	ht_log_buf[0] = '\0';
}

bool ht_log_contains(const char *needle)
{
	return strstr(ht_log_buf, needle) != NULL;
}

static void ht_log_append(const char *fmt, va_list ap)
{
	size_t room = HT_LOG_SIZE - ht_log_used;
	int n;

	if (room <= 1)
		return;
	n = vsnprintf(ht_log_buf + ht_log_used, room, fmt, ap);
	if (n < 0)
		return;
	ht_log_used += (size_t)n < room ? (size_t)n : room - 1;
}

void memblock_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (ht_printf_hook) {
		ht_printf_hook(fmt, ap);
		va_end(ap);
		return;
	}
	if (ht_verbose) {
		va_list aq;

		va_copy(aq, ap);
		vprintf(fmt, aq);
		va_end(aq);
	}
	if (ht_log_capture)
		ht_log_append(fmt, ap);
	va_end(ap);
}

const char *ht_panic_msg(void)
{
	return ht_panic_buf;
}

void memblock_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ht_panic_buf, sizeof(ht_panic_buf), fmt, ap);
	va_end(ap);
	if (ht_verbose)
		printf("panic: %s", ht_panic_buf);
#ifdef MEMBLOCK_TRACE
	ht_trace_panicked();
#endif
	if (ht_panic_jmp)
		longjmp(*ht_panic_jmp, 1);
	ht_unexpected(ht_panic_buf);
}

/* ---- simulated RAM ---- */

#define HT_MAX_WINDOWS 8

static struct ht_window {
	phys_addr_t base;
	size_t size;
	unsigned char *mem;
} ht_windows[HT_MAX_WINDOWS];
static int ht_nr_windows;

void *ht_ram_map(phys_addr_t base, size_t size)
{
	struct ht_window *w;

	if (ht_nr_windows == HT_MAX_WINDOWS)
		ht_unexpected("too many RAM windows");
	w = &ht_windows[ht_nr_windows++];
	w->base = base;
	w->size = size;
	w->mem = calloc(1, size);
	if (!w->mem)
		ht_unexpected("out of host memory for a RAM window");
	return w->mem;
}

void ht_ram_unmap_all(void)
{
	while (ht_nr_windows > 0) {
		ht_nr_windows--;
		free(ht_windows[ht_nr_windows].mem);
		ht_windows[ht_nr_windows].mem = NULL;
	}
}

void *memblock_phys_to_virt(phys_addr_t addr)
{
	static char msg[96];

	if (ht_phys_to_virt_hook)
		return ht_phys_to_virt_hook(addr);
	for (int i = 0; i < ht_nr_windows; i++) {
		struct ht_window *w = &ht_windows[i];

		if (addr >= w->base && addr - w->base < w->size)
			return w->mem + (addr - w->base);
	}
	if (ht_ram_identity)
		return (void *)(uintptr_t)addr;
	snprintf(msg, sizeof(msg), "__va(0x%016llx): no simulated RAM there",
		 (unsigned long long)addr);
	ht_unexpected(msg);
}

phys_addr_t memblock_virt_to_phys(const void *ptr)
{
	static char msg[96];
	uintptr_t p = (uintptr_t)ptr;

	if (ht_virt_to_phys_hook)
		return ht_virt_to_phys_hook(ptr);
	for (int i = 0; i < ht_nr_windows; i++) {
		struct ht_window *w = &ht_windows[i];
		uintptr_t lo = (uintptr_t)w->mem;

		if (p >= lo && p - lo < w->size)
			return w->base + (p - lo);
	}
	if (ht_ram_identity)
		return (phys_addr_t)p;
	snprintf(msg, sizeof(msg), "__pa(%p): not in simulated RAM", ptr);
	ht_unexpected(msg);
}

phys_addr_t memblock_kernel_end(void)
{
	return ht_kernel_end;
}

void ht_env_reset(void)
{
#ifdef MEMBLOCK_TRACE
	ht_trace_settled();
#endif
	memblock_reset();
	memblock_set_index_footprint(false);
	/* the index from the first search: host tests exercise it most */
	memblock_set_gaptree_build_after(0);
	ht_log_clear();
	ht_panic_buf[0] = '\0';
	ht_panic_jmp = NULL;
	ht_ram_unmap_all();
	ht_kernel_end = 0;
}
