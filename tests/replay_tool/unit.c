// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the replay (issue 12), under ASan and UBSan, silent on
 * success (-v for detail):
 *  - the op list the payload reads from QEMU's initrd: every cut and a set
 *    of corruptions refused with a reason, random bytes that pass the
 *    check replayed without harm;
 *  - the parser and the engine on thousands of mutated logs (bytes
 *    changed, lines dropped, doubled, swapped, the log cut): a message or
 *    a replay, never a crash;
 *  - a log of mm/'s own in Linux 4.12's format (memblock=debug, callers
 *    named with dladdr()), with doublings of both arrays, frees (4.12's
 *    early and late ones too), physical allocations, virt allocations
 *    (4.12's request lines) and two dumps: replayed, every address and
 *    doubling is mm/'s own, but under gaptree, where each difference is
 *    the pool's;
 *  - the same log with a scratch window too small: each run that needs
 *    more stops with one message, and nothing is written outside it;
 *  - a named difference shown: 6.1's exact-node allocation that gets
 *    nothing where 4.12 falls back to another node;
 *  - the replay's 4.12 virt chain (bench/replay/chains.c: 4.12's steps without
 *    the memset) against mm/'s memblock_virt_alloc_try_nid_nopanic(), on
 *    random states with two nodes and mirrored memory, under every
 *    combination: the same block and the same arrays.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/replay/internal.h"
#include "tests/common/ht.h"
#include "tools/replay/host.h"

#define LOGS	"tests/replay/"

/* ---- helpers ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static char *read_file(const char *path, size_t *bytes)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		HT_FAIL("%s: cannot open", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	HT_ASSERT(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*bytes = (size_t)n;
	return buf;
}

/* @text (copied) and @dtb (a file, or NULL) -> an op list blob, or NULL. */
static void *build(const char *text, size_t len, const char *dtb_path,
		   size_t *bytes, char *err, size_t errlen)
{
	struct dtb_info dtb = { 0 };
	struct replay_output out;
	char *log = malloc(len + 1);
	void *blob = NULL;
	size_t dtb_bytes;
	char *dtb_blob = dtb_path ? read_file(dtb_path, &dtb_bytes) : NULL;

	HT_ASSERT(log);
	memcpy(log, text, len);
	log[len] = '\0';
	if (dtb_blob)
		HT_ASSERT(!replay_read_dtb(dtb_blob, dtb_bytes, &dtb, err, errlen));
	struct replay_input in = { "test", log, len, dtb_blob ? &dtb : NULL };

	if (!replay_build(&in, &out, err, errlen))
		blob = replay_blob(&out, bytes);
	replay_free_output(&out);
	replay_free_dtb(&dtb);
	free(dtb_blob);
	free(log);
	return blob;
}

static void *build_file(const char *log_path, const char *dtb_path,
			size_t *bytes)
{
	char err[512];
	size_t len;
	char *text = read_file(log_path, &len);
	void *blob = build(text, len, dtb_path, bytes, err, sizeof(err));

	free(text);
	if (!blob)
		HT_FAIL("%s: %s", log_path, err);
	return blob;
}

/*
 * Replay @list with its report thrown away.  The engine's results
 * (replay_eng) point into the arena, kept until the next call.
 * Return: replay_run()'s.
 */
static int quiet_run(const struct replay_list *list, size_t scratch_bytes)
{
	static void *arena;
	struct replay_config cfg = { .scratch_bytes = scratch_bytes };
	int saved, null, ret;

	cfg.scratch = malloc(scratch_bytes);
	cfg.arena_bytes = replay_arena_bytes(list);
	free(arena);
	arena = cfg.arena = malloc(cfg.arena_bytes);
	HT_ASSERT(cfg.scratch && cfg.arena);
	fflush(stdout);
	saved = dup(1);
	null = open("/dev/null", O_WRONLY);
	HT_ASSERT(saved >= 0 && null >= 0);
	if (!ht_verbose)
		dup2(null, 1);
	close(null);
	ht_redirect(replay_va, replay_pa, replay_message);
	ret = replay_run(list, &cfg);
	ht_redirect(NULL, NULL, NULL);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	free(cfg.scratch);
	return ret;
}

/* Open @blob and, if it opens, replay it. Return: replay_run()'s, or 2. */
static int open_and_run(const void *blob, size_t bytes)
{
	struct replay_list list;
	const char *why;

	if (replay_list_open(blob, bytes, &list, &why)) {
		HT_ASSERT(why && *why);
		return 2;
	}
	return quiet_run(&list, list.hdr->scratch_bytes);
}

/* ---- the op list ---- */

static void oplist_open_valid_check(void)
{
	size_t bytes;
	void *blob = build_file(LOGS "virt-128m.log", LOGS "virt-128m.dtb", &bytes);

	/* Expect: the saved boot opens, and replays with every address matched. */
	HT_ASSERT_EQ(open_and_run(blob, bytes), 0);
	free(blob);
}

/* Every cut of the blob is refused (the copy is 8-byte aligned, as QEMU's). */
static void oplist_open_cut_check(void)
{
	size_t bytes;
	void *blob = build_file(LOGS "virt-128m.log", LOGS "virt-128m.dtb", &bytes);
	struct replay_list list;
	const char *why;

	for (size_t n = 0; n < bytes; n++) {
		void *copy = malloc(n ? n : 1);

		memcpy(copy, blob, n);
		HT_ASSERT(replay_list_open(copy, n, &list, &why) == -1);
		HT_ASSERT(why != NULL);
		free(copy);
	}
	free(blob);
}

static void corrupt(void *blob, size_t bytes, size_t offset, const void *v,
		    size_t len, const char *reason)
{
	char *copy = malloc(bytes);
	struct replay_list list;
	const char *why;

	memcpy(copy, blob, bytes);
	memcpy(copy + offset, v, len);
	if (replay_list_open(copy, bytes, &list, &why) != -1)
		HT_FAIL("a corrupt op list (%s) opens", reason);
	if (!strstr(why, reason))
		HT_FAIL("refused for \"%s\", not \"%s\"", why, reason);
	free(copy);
}

static void oplist_open_corrupt_check(void)
{
	size_t bytes;
	void *blob = build_file(LOGS "virt-128m.log", LOGS "virt-128m.dtb", &bytes);
	struct replay_header *h = blob;
	struct replay_op *ops = (struct replay_op *)(h + 1);
	size_t op0 = sizeof(*h), strings = op0 + h->nr_ops * sizeof(*ops);
	uint32_t u32;
	uint64_t u64;
	uint16_t u16;
	long check = -1, node_data = -1;

	for (uint32_t i = 0; i < h->nr_ops; i++) {
		if (ops[i].kind == RK_CHECK)
			check = i;
		if (ops[i].kind == RK_ALLOC_NODE_DATA)
			node_data = i;
	}
	HT_ASSERT(check >= 0 && node_data >= 0);

	corrupt(blob, bytes, 0, "MBREPLAX", 8, "no MBREPLAY header");
	u32 = REPLAY_VERSION + 1;
	corrupt(blob, bytes, offsetof(struct replay_header, version), &u32, 4,
		"another version");
	u32 = sizeof(*ops) + 8;
	corrupt(blob, bytes, offsetof(struct replay_header, op_bytes), &u32, 4,
		"other record sizes");
	u32 = h->nr_ops + 1;
	corrupt(blob, bytes, offsetof(struct replay_header, nr_ops), &u32, 4,
		"truncated");
	u32 = h->strings_bytes + 1;
	corrupt(blob, bytes, offsetof(struct replay_header, name), &u32, 4,
		"bad string table");
	corrupt(blob, bytes, bytes - 1, "x", 1, "bad string table");
	u64 = REPLAY_SCRATCH_MAX + 1;
	corrupt(blob, bytes, offsetof(struct replay_header, scratch_bytes),
		&u64, 8, "scratch window");
	u16 = RK_NR;
	corrupt(blob, bytes, op0 + offsetof(struct replay_op, kind), &u16, 2,
		"bad op");
	u16 = 0;
	corrupt(blob, bytes, op0 + offsetof(struct replay_op, kind), &u16, 2,
		"bad op");
	u16 = RC_NR;
	corrupt(blob, bytes, op0 + offsetof(struct replay_op, call), &u16, 2,
		"bad op");
	u32 = 0x80000000;
	corrupt(blob, bytes, op0 + offsetof(struct replay_op, flags), &u32, 4,
		"bad op");
	u32 = h->strings_bytes;
	corrupt(blob, bytes, op0 + offsetof(struct replay_op, caller), &u32, 4,
		"bad op");
	u32 = REPLAY_NODES_MAX;
	corrupt(blob, bytes, op0 + node_data * sizeof(*ops) +
		offsetof(struct replay_op, nid), &u32, 4, "bad op");
	u64 = h->nr_ops;
	corrupt(blob, bytes, op0 + check * sizeof(*ops) +
		offsetof(struct replay_op, base), &u64, 8, "longer than the list");
	u16 = RK_CHECK_RESERVED;
	corrupt(blob, bytes, op0 + (check + 1) * sizeof(*ops) +
		offsetof(struct replay_op, kind), &u16, 2, "memory then reserved");
	u16 = RK_CHECK_MEMORY;
	corrupt(blob, bytes, op0 + offsetof(struct replay_op, kind), &u16, 2,
		"outside a dump");
	(void)strings;
	free(blob);
}

/* Random bytes anywhere: refused, or replayed without harm. */
static void oplist_random_bytes_check(void)
{
	size_t bytes;
	void *blob = build_file(LOGS "virt-128m.log", LOGS "virt-128m.dtb", &bytes);
	unsigned char *copy = malloc(bytes);
	int opened = 0;

	for (int i = 0; i < 600; i++) {
		memcpy(copy, blob, bytes);
		for (int k = 1 + next_random() % 4; k > 0; k--)
			copy[sizeof(struct replay_header) +
			     next_random() % (bytes - sizeof(struct replay_header))] =
				(unsigned char)next_random();
		opened += open_and_run(copy, bytes) != 2;
	}
	/* Expect: most such lists still open, so the engine met them */
	ht_info("%d of 600 opened\n", opened);
	HT_ASSERT(opened > 100);
	free(copy);
	free(blob);
}

/* ---- mutated logs ---- */

/* Lines of @text as [start, end) offsets. */
static size_t split_lines(const char *text, size_t len, size_t *starts,
			  size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n < max; n++) {
		starts[n] = i;
		while (i < len && text[i] != '\n')
			i++;
		i++;
	}
	return n;
}

static void mutate_and_replay(const char *log_path, const char *dtb_path,
			      int rounds)
{
	size_t len, lines[600], n;
	char *text = read_file(log_path, &len);
	char *buf = malloc(2 * len + 16), err[512];
	int built = 0;

	n = split_lines(text, len, lines, 600);
	for (int r = 0; r < rounds; r++) {
		size_t out = 0, a = next_random() % n, b = next_random() % n;
		int kind = (int)(next_random() % 5);
		size_t bytes;
		void *blob;

		for (size_t l = 0; l < n; l++) {
			size_t s = lines[l], e = l + 1 < n ? lines[l + 1] : len;

			if (kind == 1 && l == a)
				continue;			/* drop a line */
			if (kind == 3 && l == a) {		/* swap two */
				size_t bs = lines[b], be = b + 1 < n ? lines[b + 1] : len;

				memcpy(buf + out, text + bs, be - bs);
				out += be - bs;
				continue;
			}
			memcpy(buf + out, text + s, e - s);
			out += e - s;
			if (kind == 2 && l == a) {		/* double one */
				memcpy(buf + out, text + s, e - s);
				out += e - s;
			}
		}
		if (kind == 0)					/* change bytes */
			for (int k = 1 + next_random() % 3; k > 0; k--)
				buf[next_random() % out] = "0123456789abcdefx-[] :\n"[next_random() % 23];
		if (kind == 4)					/* cut */
			out = next_random() % out;
		blob = build(buf, out, dtb_path, &bytes, err, sizeof(err));
		if (!blob) {
			HT_ASSERT(strlen(err) > 0 && !strchr(err, '\n'));
			continue;
		}
		built++;
		HT_ASSERT(open_and_run(blob, bytes) != 2);
		free(blob);
	}
	/* Expect: many mutants still read as logs and were replayed */
	ht_info("%s: %d of %d mutants replayed\n", log_path, built, rounds);
	HT_ASSERT(built > rounds / 10);
	free(buf);
	free(text);
}

static void log_mutations_check(void)
{
	mutate_and_replay(LOGS "virt-128m.log", LOGS "virt-128m.dtb", 400);
	mutate_and_replay(LOGS "virt-1g-numa2.log", NULL, 200);
	mutate_and_replay(LOGS "memreserve-123.log", LOGS "memreserve-123.dtb", 60);
}

/* ---- mm/'s own log, in Linux 4.12's format ---- */

/* memblock=debug's callers, named from the dynamic symbol table. */
const char *memblock_symbol(unsigned long ip, unsigned long *offset,
			    unsigned long *size)
{
	Dl_info info;

	if (!dladdr((void *)ip, &info) || !info.dli_sname)
		return NULL;
	*offset = ip - (unsigned long)info.dli_saddr;
	*size = 0;
	return info.dli_sname;
}

#define RAM_BASE	0x80000000ULL
#define RAM_SIZE	0x10000000ULL
#define RAM_WINDOW	(8ULL << 20)	/* the top, where arrays land */

/*
 * mm/ under linear/linear with memblock=debug: memory, a kernel, a dump,
 * then enough regions to double both arrays (memory twice, reserved
 * three times), frees, physical allocations, a second dump.
 */
static char *own_log(size_t *len)
{
	char *text;

	ht_env_reset();
	ht_ram_map(RAM_BASE + RAM_SIZE - RAM_WINDOW, RAM_WINDOW);
	memblock_set_debug(true);
	memblock_add(RAM_BASE, RAM_SIZE);
	memblock_reserve(RAM_BASE + 0x200000, 0x200000);
	memblock_allow_resize();
	__memblock_dump_all();
	for (int i = 0; i < 300; i++)
		memblock_add(0x40000000 + i * 0x20000ULL, 0x10000);
	for (int i = 0; i < 700; i++)
		memblock_reserve(0x81000000 + i * 0x10000ULL,
				 0x1000 + (i % 7) * 0x100);
	for (int i = 0; i < 700; i += 3)
		memblock_free(0x81000000 + i * 0x10000ULL, 0x800);
	for (int i = 0; i < 20; i++)
		HT_ASSERT(memblock_alloc(0x1000 << (i % 4), 0x1000));
	/* 4.12's logged requests, and its early and late frees */
	for (int i = 0; i < 12; i++) {
		void *p = memblock_virt_alloc_try_nid_nopanic(0x100 << (i % 6),
			i % 3 ? 0x40 : 0x1000, i % 2 ? 0x81000000 : 0,
			BOOTMEM_ALLOC_ACCESSIBLE, i % 4 ? NUMA_NO_NODE : 0);

		HT_ASSERT(p);
		if (i % 4 == 3)
			__memblock_free_early(memblock_virt_to_phys(p), 0x40);
	}
	__memblock_free_late(0x81000000, 0x2000);
	__memblock_dump_all();
	memblock_set_debug(false);
	HT_ASSERT(ht_log_len() < (1u << 20) - 1);	/* not cut */
	*len = ht_log_len();
	text = malloc(*len + 1);
	memcpy(text, ht_log(), *len + 1);
	ht_env_reset();
	return text;
}

/* mm/'s own log as an op list, opened into @list. Return: the blob. */
static void *own_list(struct replay_list *list)
{
	size_t len, bytes;
	char *text = own_log(&len), err[512];
	void *blob = build(text, len, NULL, &bytes, err, sizeof(err));
	const char *why;

	free(text);
	if (!blob)
		HT_FAIL("mm/'s own log: %s", err);
	HT_ASSERT(!replay_list_open(blob, bytes, list, &why));
	return blob;
}

static void own_log_412_check(void)
{
	struct replay_list list;
	void *blob = own_list(&list);

	HT_ASSERT(list.hdr->flags & RL_FORMAT_412);
	HT_ASSERT(list.hdr->flags & RL_HAS_DOUBLING);
	/* Expect: nothing unexplained under any combination */
	HT_ASSERT_EQ(quiet_run(&list, list.hdr->scratch_bytes), 0);
	for (int run = 0; run < REPLAY_COMBOS; run++) {
		const struct replay_run_result *r = &replay_eng.runs[run];

		HT_ASSERT(!r->stopped && !r->unexplained);
		if (r->find != MEMBLOCK_FIND_GAPTREE)
			HT_ASSERT_EQ(r->mismatches, 0);
	}
	/* ... and under gaptree, the pool moved later doublings, explained */
	HT_ASSERT(replay_eng.have_ref);
	for (uint32_t i = 0; i < replay_eng.nr_mismatches; i++)
		HT_ASSERT_EQ(replay_eng.mismatches[i].reason, RR_GAPTREE_POOL);
	free(blob);
}

/* A scratch window too small for the arrays: one message, no writes outside. */
static void own_log_scratch_too_small_check(void)
{
	struct replay_list list;
	void *blob = own_list(&list);
	int stopped = 0;

	HT_ASSERT_EQ(quiet_run(&list, 16 << 10), 1);
	for (int run = 0; run < REPLAY_RUNS; run++) {
		const struct replay_run_result *r = &replay_eng.runs[run];

		if (!r->stopped)
			continue;
		stopped++;
		HT_ASSERT(strstr(r->stop_msg, "the scratch window (16 KiB) has no room"));
	}
	/* Expect: every run doubles an array, so every run stops */
	HT_ASSERT_EQ(stopped, REPLAY_RUNS);
	free(blob);
}

/* ---- a named difference shown ---- */

/*
 * 6.1's memblock_alloc_exact_nid_raw() on a full node gets nothing (the
 * log shows no reservation after it); 4.12 falls back to node 1.
 */
static const char exact_nid_log[] =
	"memblock_add_node: [0x0000000080000000-0x00000000807fffff] nid=0 flags=0 setup+0x0/0x4\n"
	"memblock_add_node: [0x0000000080800000-0x0000000080ffffff] nid=1 flags=0 setup+0x4/0x4\n"
	"memblock_reserve: [0x0000000080000000-0x00000000807fffff] setup+0x8/0x4\n"
	"memblock_alloc_exact_nid_raw: 4096 bytes align=0x1000 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init_nid+0xce/0x1b0\n"
	"Kernel panic - not syncing: sparse_init_nid: node[0] memory map backing failed. Some memory will not be available.\n";

static void exact_nid_difference_check(void)
{
	size_t bytes;
	char err[512];
	void *blob = build(exact_nid_log, sizeof(exact_nid_log) - 1, NULL,
			   &bytes, err, sizeof(err));
	struct replay_list list;
	const char *why;

	if (!blob)
		HT_FAIL("%s", err);
	HT_ASSERT(!replay_list_open(blob, bytes, &list, &why));
	/* Expect: one mismatch per combination, each explained as exact-nid */
	HT_ASSERT_EQ(quiet_run(&list, list.hdr->scratch_bytes), 0);
	HT_ASSERT_EQ(replay_eng.nr_mismatches, REPLAY_COMBOS);
	for (uint32_t i = 0; i < replay_eng.nr_mismatches; i++) {
		const struct replay_mismatch *m = &replay_eng.mismatches[i];

		HT_ASSERT_EQ(m->reason, RR_EXACT_NID);
		HT_ASSERT_EQ(m->got, 0x80fff000);
		HT_ASSERT_EQ(m->want, 0);
	}
	free(blob);
}

/* ---- the virt chain against mm/'s own ---- */

#define CHAIN_RAM	(16ULL << 20)

/* A random state of @seed: two nodes, maybe mirror, reservations. */
static void chain_state(uint64_t seed)
{
	rng = seed;
	memblock_add(RAM_BASE, CHAIN_RAM);
	memblock_set_node(RAM_BASE, CHAIN_RAM / 2, &memblock.memory, 0);
	memblock_set_node(RAM_BASE + CHAIN_RAM / 2, CHAIN_RAM / 2,
			  &memblock.memory, 1);
	if (next_random() % 2)
		memblock_mark_mirror(RAM_BASE + (next_random() % 16) * (1 << 20),
				     (1 + next_random() % 4) << 20);
	for (int i = next_random() % 40; i > 0; i--)
		memblock_reserve(RAM_BASE + next_random() % CHAIN_RAM,
				 1 + next_random() % (1 << 20));
	memblock_allow_resize();
}

/* A random request, as a log would give it. */
static struct replay_op chain_request(void)
{
	static const phys_addr_t maxes[] = { 0, ~0ULL, RAM_BASE + CHAIN_RAM / 2,
					     RAM_BASE + CHAIN_RAM / 4 };
	struct replay_op op = { .kind = RK_ALLOC_VIRT,
				.call = RC_VIRT_ALLOC_NOPANIC };

	op.size = 1 + next_random() % (next_random() % 2 ? 4096 : 4 << 20);
	op.align = next_random() % 4 ? 1ULL << (next_random() % 17) : 0;
	op.base = next_random() % 3 ? 0 : RAM_BASE + next_random() % CHAIN_RAM;
	op.max_addr = maxes[next_random() % 4];
	op.nid = (int)(next_random() % 3) - 1;
	return op;
}

struct chain_result {
	phys_addr_t got;
	unsigned long cnt;
	struct memblock_region regions[256];
};

static void chain_snapshot(phys_addr_t got, struct chain_result *r)
{
	r->got = got;
	r->cnt = memblock.reserved.cnt;
	HT_ASSERT(r->cnt <= 256);
	memcpy(r->regions, memblock.reserved.regions,
	       r->cnt * sizeof(r->regions[0]));
	for (unsigned long i = 0; i < r->cnt; i++)
		r->regions[i].gap_node = 0;	/* the index's, not 4.12's */
}

static void virt_chain_matches_412_check(void)
{
	static struct chain_result replayed, real;
	int found = 0;

	for (int c = 0; c < MEMBLOCK_FIND_NR * MEMBLOCK_UPDATE_NR; c++)
		for (uint64_t seed = 1; seed <= 300; seed++) {
			struct replay_request rq;
			struct replay_op op;
			void *ptr;

			for (int side = 0; side < 2; side++) {
				ht_env_reset();
				ht_ram_map(RAM_BASE, CHAIN_RAM);
				memblock_set_find_strategy(c % MEMBLOCK_FIND_NR);
				memblock_set_update_strategy(c / MEMBLOCK_FIND_NR);
				chain_state(seed * 7919 + c);
				op = chain_request();
				if (!side) {
					replay_request_of(&op, op.nid, &rq);
					chain_snapshot(replay_alloc_412(&op, &rq),
						       &replayed);
					continue;
				}
				ptr = memblock_virt_alloc_try_nid_nopanic(op.size,
					op.align, op.base, op.max_addr, op.nid);
				chain_snapshot(ptr ? memblock_virt_to_phys(ptr) : 0,
					       &real);
			}
			if (replayed.got != real.got || replayed.cnt != real.cnt ||
			    memcmp(replayed.regions, real.regions,
				   real.cnt * sizeof(real.regions[0])))
				HT_FAIL("%s/%s seed %llu: replay 0x%llx, mm/ 0x%llx (%lu and %lu regions)",
					memblock_find_strategy_name(c % MEMBLOCK_FIND_NR),
					memblock_update_strategy_name(c / MEMBLOCK_FIND_NR),
					(unsigned long long)seed,
					(unsigned long long)replayed.got,
					(unsigned long long)real.got,
					replayed.cnt, real.cnt);
			found += !!real.got;
		}
	/* Expect: most requests are met, so the blocks were compared */
	HT_ASSERT(found > 600);
}

static const struct ht_case cases[] = {
	HT_CASE(oplist_open_valid_check),
	HT_CASE(oplist_open_cut_check),
	HT_CASE(oplist_open_corrupt_check),
	HT_CASE(oplist_random_bytes_check),
	HT_CASE(log_mutations_check),
	HT_CASE(own_log_412_check),
	HT_CASE(own_log_scratch_too_small_check),
	HT_CASE(exact_nid_difference_check),
	HT_CASE(virt_chain_matches_412_check),
};

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			ht_verbose = true;
		else
			ht_filter = argv[i];
	}
	ht_run_cases("replay", cases, HT_ARRAY_SIZE(cases));
	printf("replay unit tests: %lu passed, %lu failed, %lu skipped\n",
	       ht_passed, ht_failed, ht_skipped);
	return ht_failed ? 1 : 0;
}
