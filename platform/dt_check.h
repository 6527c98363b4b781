/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PLATFORM_DT_CHECK_H
#define PLATFORM_DT_CHECK_H

#include <stddef.h>

/*
 * Check a whole device tree blob before anything walks it: the header,
 * then every tag of the structure block.  libfdt trusts what it walks: a
 * property whose length field is 0xfffffff4 makes fdt_next_tag() return
 * its own offset, and every walk (fdt_getprop(), fdt_next_node(), ...)
 * loops for ever.  libfdt's own fdt_check_full() walks with that same
 * fdt_next_tag() in the libfdt 1.6.1 that Debian 12 ships (it hangs on
 * that blob too), and Linux 6.1's copy of libfdt leaves it out, so the
 * payload carries this one.
 *
 * @fdt: the blob; @bufsize: the bytes readable there (its totalsize must
 * fit); @why, @why_len: a one-line reason on failure.
 * Return: 0 if libfdt can walk the blob safely, -1 otherwise.
 */
int dt_check_blob(const void *fdt, size_t bufsize, char *why, size_t why_len);

#endif /* PLATFORM_DT_CHECK_H */
