// SPDX-License-Identifier: GPL-2.0-or-later
/* The benchmark step: bench/ on the memblock just built, if bootargs ask. */
#include <stdio.h>

#include "bench/bench.h"
#include "payload/payload.h"

/* Return: 0 if not asked or every strategy agreed, -1 otherwise. */
int run_benchmarks(void)
{
	struct bench_config cfg = { .quick = boot_options.bench_quick,
				    .csv = boot_options.bench_csv };

	if (!boot_options.bench)
		return 0;
#ifdef MEMBLOCK_TRACE
	/* Its mm/ calls the tracer's hooks: its figures are not memblock's. */
	printf("\nBenchmarks: not run: this image has memblock's trace points "
	       "(build/payload-trace.elf); make run without TRACE measures "
	       "build/payload.elf, which has none\n");
	return 0;
#endif
	printf("\nBenchmarks (%s): every find/update strategy on the same states\n",
	       cfg.quick ? "quick" : "full");
	return bench_run(&cfg);
}
