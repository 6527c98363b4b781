/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TESTS_MODEL_OPS_H
#define TESTS_MODEL_OPS_H

/*
 * The operations of the differential driver, each described once in
 * drv_ops[] (ops.c): its name, how often it is drawn, how its arguments are
 * drawn, how it prints as C, the call on mm/ and the call on the model.
 * The driver (driver.c) runs every operation the same way: the mm/ call
 * (panics caught), the fit rules on an address it returns, the model call,
 * then the two outcomes compared value by value.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memblock.h"

struct drv;
struct drv_src;

/* One generated call: the operation and every argument it may use. */
struct op {
	int id;				/* index in drv_ops[] */
	phys_addr_t base, size, align, start, end;
	int nid;
	int type, type_b;		/* MT_*; type_b -1 is NULL */
	unsigned long flags;
	bool rev;			/* iterators: walk backwards */
};

/*
 * What one call did, on mm/ or on the model: the values it returned (a
 * return code, an address, the ranges of a walk...) or the panic it ended
 * in.  Values past @cap are counted in @n, not stored.
 */
struct outcome {
	uint64_t *v;
	size_t n, cap;
	bool panicked;
	bool halts;			/* the model: Linux stops here (BUG_ON) */
	char panic[256];		/* the panic's text */
};

void outcome_put(struct outcome *o, uint64_t v);
__attribute__((format(printf, 2, 3)))
void outcome_panic(struct outcome *o, const char *fmt, ...);

/* What the driver checks beyond equal outcomes, and what it counts. */
enum op_check {
	CHECK_VALUES,		/* the values only */
	CHECK_REGIONS,		/* region API: counts -ENOMEM and doublings */
	CHECK_FIND,		/* one address, which must fit (FIT_*) */
	CHECK_ALLOC,		/* one address that must fit; counted */
};

/*
 * The arguments that bound a returned address: [start, end) (end defaults
 * to MEMBLOCK_ALLOC_ACCESSIBLE), the node and the flags it must match.
 */
enum { FIT_START = 1, FIT_END = 2, FIT_NID = 4, FIT_FLAGS = 8 };

/* Arguments as printed, in call order; A_BOOL is op->base as 0 or 1. */
enum op_arg {
	A_NONE, A_BASE, A_SIZE, A_ALIGN, A_START, A_END, A_NID, A_FLAGS,
	A_TYPE, A_BOOL,
};

struct op_type {
	const char *name;		/* the mm/ call */
	/* how often it is drawn; 0: only through its family's gen */
	unsigned weight;
	void (*gen)(struct drv *d, struct drv_src *s, struct op *op);
	enum op_arg args[7];		/* printed as name(args) ... */
	void (*print)(const struct op *op);	/* ... unless this is set */
	void (*mm)(const struct op *op, struct outcome *o);
	void (*ref)(struct drv *d, const struct op *op, struct outcome *o);
	enum op_check check;
	unsigned fit;			/* FIT_*: CHECK_FIND and CHECK_ALLOC */
	/* names of the values, for messages (cycled: walks give triples) */
	const char *const *values;
	unsigned nvalues;
};

extern const struct op_type drv_ops[];

/* The next operation of a sequence (setup, burst or a weighted draw). */
void ops_gen(struct drv *d, struct drv_src *s, struct op *op);
/* The operation as a C statement, without the ';'. */
void ops_print(const struct op *op);
/* A random address of the universe, on a unit boundary. */
phys_addr_t ops_random_addr(struct drv *d, struct drv_src *s);
/* &memblock.memory, &memblock.reserved or NULL for MT_* (or -1). */
struct memblock_type *mm_type(int t);

#endif /* TESTS_MODEL_OPS_H */
