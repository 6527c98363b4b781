// SPDX-License-Identifier: GPL-2.0-or-later
/* memblock_symbol() for the payload: a binary search of the symbol table. */
#include "mm/memblock.h"
#include "payload/symbols.h"

const char *memblock_symbol(unsigned long ip, unsigned long *offset,
			    unsigned long *size)
{
	unsigned long lo = 0, hi = payload_nr_symbols;

	/* the last symbol at or below @ip */
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (payload_symbols[mid].addr <= ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	lo--;
	if (ip >= payload_symbols[lo].addr + payload_symbols[lo].size)
		return NULL;
	*offset = ip - payload_symbols[lo].addr;
	*size = payload_symbols[lo].size;
	return payload_symbols[lo].name;
}
