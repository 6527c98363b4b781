/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PAYLOAD_SYMBOLS_H
#define PAYLOAD_SYMBOLS_H

/*
 * The payload's own function symbols, so that memblock=debug names its
 * callers as Linux's %pF does.  The table is generated from a first link
 * (tools/symbols.sh) and linked last, in a section of its own after the
 * stack, so that no code or data moves when it is added.
 */

#define SYMBOL_NAME_MAX	48

struct payload_symbol {
	unsigned long addr;
	unsigned long size;
	char name[SYMBOL_NAME_MAX];	/* cut short if longer */
};

extern const struct payload_symbol payload_symbols[];
extern const unsigned long payload_nr_symbols;

#endif /* PAYLOAD_SYMBOLS_H */
