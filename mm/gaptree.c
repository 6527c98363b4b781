// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Find strategy "gaptree": an index of the gaps between reserved regions,
 * so that the highest (top-down) or lowest (bottom-up) gap that can hold a
 * request is found in O(log n) even when almost every gap is too small.
 *
 * Gap b of memblock.reserved is [end of region b - 1, base of region b):
 * gap 0 starts at 0 and gap cnt ends at PHYS_ADDR_MAX.  Free memory is
 * memory minus reserved, so every free range lies inside exactly one gap
 * and is no longer than it.  A gap that is long enough is checked exactly:
 * it is clipped to [start, end) and intersected with the memory regions
 * inside it, with the same node, mirror, NOMAP and hotplug filters and the
 * same candidate arithmetic as 4.12's walk, visiting the free ranges in the
 * walk's order.  So a request with a node id or MEMBLOCK_MIRROR uses the
 * index too; only its pruning is weaker (a gap can be long but hold memory
 * of another node or NOMAP memory), never its answer.
 *
 * The index
 * ---------
 * Gaps 0 .. cnt - 1 are the nodes of an implicit treap, in array order: a
 * binary tree whose in-order sequence is the gaps, each node holding its
 * gap, the number of nodes and the longest gap in its subtree, and a
 * priority that keeps it a heap (a hash of the node's slot, so the tree
 * is balanced as if at random: O(log n) depth expected).  The last gap,
 * above the last region, is read from the array.
 *
 * A node has no address and no array index: its position is the number
 * of nodes before it, counted on the way down from the root.  So an
 * insertion or a deletion anywhere in the reserved array is one treap
 * insertion or deletion, and a region that changes in place changes the
 * one or two gaps beside it: O(log n) each, whatever the position, and
 * the gaps after it need no update.  (The first version of this index was
 * a segment tree over array slots: a shift of the array at slot i cost
 * O(n - i) there, on top of the array's own move.)  mm/memblock.c reports
 * each change as it makes it: gaptree_inserted(), gaptree_removed(),
 * gaptree_resized().
 *
 * Where the nodes live
 * --------------------
 * One node per region, 32 bytes each, in a pool with room for the reserved
 * array's capacity plus the two regions that a doubling may add before the
 * pool follows it.  While the reserved array is 4.12's static table of
 * INIT_MEMBLOCK_REGIONS, so is the pool.  When the reserved array doubles,
 * the pool is allocated from memblock the way memblock_double_array()
 * allocates the array (outside the range being reserved, page-aligned),
 * reserved, and the old one freed: it shows in the dump, and memory
 * reserved for the index is memory no allocation gets.  That reservation
 * is made only while gaptree is the find strategy, so gaptree's map
 * differs from the other strategies' map by it once the reserved array
 * has grown.  memblock_set_index_footprint() makes the other strategies
 * reserve it at the same moments (without maintaining the index), so that
 * tests and the benchmark compare all strategies on the same map.
 *
 * The tree is built when first needed (the first gaptree search after the
 * strategy was selected, after memblock_regions_changed() or after the
 * pool could not grow) in O(n), and maintained while gaptree is selected.
 * When no pool can be had, the search falls back to the binary walk, with
 * one message.
 */

#include "memblock_internal.h"

#define NIL			UINT32_MAX
#define GAPTREE_INIT_NODES	(INIT_MEMBLOCK_REGIONS + 2)

struct gap_node {
	phys_addr_t gap;	/* the gap below this node's region */
	phys_addr_t max_gap;	/* longest gap in this subtree */
	uint32_t left, right;	/* children, or NIL */
	uint32_t size;		/* nodes in this subtree */
	uint32_t prio;		/* heap order: a parent's is not lower */
};

static struct gap_node gaptree_init_nodes[GAPTREE_INIT_NODES];
static struct gap_node *nodes = gaptree_init_nodes;
static unsigned long capacity = GAPTREE_INIT_NODES;
static phys_addr_t pool_base, pool_bytes;	/* 0 bytes: the static pool */
static uint32_t root = NIL, free_slots = NIL;	/* free slots via .left */
static bool built;		/* the tree describes memblock.reserved */
static bool footprint;		/* memblock_set_index_footprint() */
static bool warned_no_pool;

static bool searching_with_index(void)
{
	return memblock_find_strategy == MEMBLOCK_FIND_GAPTREE;
}

static bool keeps_pool(void)
{
	return searching_with_index() || footprint;
}

static phys_addr_t gap_start(unsigned long b)
{
	return b ? region_end(&memblock.reserved.regions[b - 1]) : 0;
}

static phys_addr_t gap_end(unsigned long b)
{
	return b < memblock.reserved.cnt ? memblock.reserved.regions[b].base :
					   PHYS_ADDR_MAX;
}

static phys_addr_t gap_len(unsigned long b)
{
	return gap_end(b) - gap_start(b);
}

/* murmur3's finaliser: slots 0, 1, 2, ... get unrelated priorities. */
static uint32_t slot_priority(uint32_t slot)
{
	uint32_t h = slot + 1;

	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	h *= 0xc2b2ae35;
	h ^= h >> 16;
	return h;
}

static inline uint32_t subtree_size(uint32_t t)
{
	return t == NIL ? 0 : nodes[t].size;
}

static inline phys_addr_t subtree_max(uint32_t t)
{
	return t == NIL ? 0 : nodes[t].max_gap;
}

/* Recompute @t's size and longest gap from its children. */
static inline void pull(uint32_t t)
{
	struct gap_node *n = &nodes[t];
	phys_addr_t m = max(subtree_max(n->left), subtree_max(n->right));

	n->size = 1 + subtree_size(n->left) + subtree_size(n->right);
	n->max_gap = max(n->gap, m);
}

/* Split @t into its first @k nodes (*@l) and the rest (*@r). */
static void split(uint32_t t, unsigned long k, uint32_t *l, uint32_t *r)
{
	if (t == NIL) {
		*l = *r = NIL;
		return;
	}
	if (k <= subtree_size(nodes[t].left)) {
		split(nodes[t].left, k, l, &nodes[t].left);
		*r = t;
	} else {
		split(nodes[t].right, k - subtree_size(nodes[t].left) - 1,
		      &nodes[t].right, r);
		*l = t;
	}
	pull(t);
}

/* The tree of @a's nodes followed by @b's. */
static uint32_t join(uint32_t a, uint32_t b)
{
	if (a == NIL)
		return b;
	if (b == NIL)
		return a;
	if (nodes[a].prio >= nodes[b].prio) {
		nodes[a].right = join(nodes[a].right, b);
		pull(a);
		return a;
	}
	nodes[b].left = join(a, nodes[b].left);
	pull(b);
	return b;
}

/* Insert node @x at position @k of @t. */
static uint32_t insert_at(uint32_t t, unsigned long k, uint32_t x)
{
	unsigned long ls;

	if (t == NIL)
		return x;
	if (nodes[x].prio > nodes[t].prio) {
		split(t, k, &nodes[x].left, &nodes[x].right);
		pull(x);
		return x;
	}
	ls = subtree_size(nodes[t].left);
	if (k <= ls)
		nodes[t].left = insert_at(nodes[t].left, k, x);
	else
		nodes[t].right = insert_at(nodes[t].right, k - ls - 1, x);
	pull(t);
	return t;
}

/* Remove the node at position @k of @t; its slot goes to *@gone. */
static uint32_t erase_at(uint32_t t, unsigned long k, uint32_t *gone)
{
	unsigned long ls = subtree_size(nodes[t].left);

	if (k == ls) {
		*gone = t;
		return join(nodes[t].left, nodes[t].right);
	}
	if (k < ls)
		nodes[t].left = erase_at(nodes[t].left, k, gone);
	else
		nodes[t].right = erase_at(nodes[t].right, k - ls - 1, gone);
	pull(t);
	return t;
}

/* Set the gap of the node at position @k of @t to @gap. */
static void set_gap_at(uint32_t t, unsigned long k, phys_addr_t gap)
{
	unsigned long ls = subtree_size(nodes[t].left);

	if (k == ls)
		nodes[t].gap = gap;
	else if (k < ls)
		set_gap_at(nodes[t].left, k, gap);
	else
		set_gap_at(nodes[t].right, k - ls - 1, gap);
	pull(t);
}

static void pull_subtree(uint32_t t)
{
	if (t == NIL)
		return;
	pull_subtree(nodes[t].left);
	pull_subtree(nodes[t].right);
	pull(t);
}

/*
 * Build the tree of gaps 0 .. cnt - 1 in O(n): slot k holds gap k, and the
 * right spine is kept as a stack (linked through .size until the sizes
 * are computed) while each node in turn takes the nodes of lower priority
 * below it as its left subtree.
 */
static bool build(void)
{
	unsigned long n = memblock.reserved.cnt;
	uint32_t top = NIL;

	if (n > capacity)
		return false;

	root = NIL;
	for (uint32_t x = 0; x < n; x++) {
		uint32_t below = NIL;

		nodes[x] = (struct gap_node){ .gap = gap_len(x), .left = NIL,
					      .right = NIL,
					      .prio = slot_priority(x) };
		while (top != NIL && nodes[top].prio < nodes[x].prio) {
			below = top;
			top = nodes[top].size;
		}
		nodes[x].left = below;
		if (top != NIL)
			nodes[top].right = x;
		else
			root = x;
		nodes[x].size = top;
		top = x;
	}
	pull_subtree(root);

	free_slots = NIL;
	for (unsigned long x = capacity; x-- > n;) {
		nodes[x].left = free_slots;
		free_slots = x;
	}
	built = true;
	return true;
}

static bool tracking(struct memblock_type *type)
{
	return built && type == &memblock.reserved;
}

/**
 * gaptree_inserted - a region was inserted into @type at @idx
 * @type: the memblock type that changed
 * @idx: index of the new region; the regions from @idx on moved up by one
 */
void gaptree_inserted(struct memblock_type *type, unsigned long idx)
{
	uint32_t x = free_slots;

	if (!tracking(type))
		return;
	if (x == NIL) {
		/* cannot happen while the pool follows the array: rebuild */
		built = false;
		return;
	}
	free_slots = nodes[x].left;
	nodes[x] = (struct gap_node){ .gap = gap_len(idx), .left = NIL,
				      .right = NIL, .prio = slot_priority(x) };
	pull(x);
	root = insert_at(root, idx, x);
	if (idx + 1 < type->cnt)
		set_gap_at(root, idx + 1, gap_len(idx + 1));
}

/**
 * gaptree_removed - regions [@first, @last) of @type were removed
 * @type: the memblock type that changed
 * @first: index of the first region removed
 * @last: index after the last region removed; the regions from @last on
 *	  moved down to @first
 */
void gaptree_removed(struct memblock_type *type, unsigned long first,
		     unsigned long last)
{
	uint32_t gone;

	if (!tracking(type))
		return;
	for (unsigned long k = first; k < last; k++) {
		root = erase_at(root, first, &gone);
		nodes[gone].left = free_slots;
		free_slots = gone;
	}
	if (first < type->cnt)
		set_gap_at(root, first, gap_len(first));
}

/**
 * gaptree_resized - region @idx of @type changed its base or its size
 * @type: the memblock type that changed
 * @idx: index of the region; gaps @idx and @idx + 1 change with it
 */
void gaptree_resized(struct memblock_type *type, unsigned long idx)
{
	if (!tracking(type))
		return;
	set_gap_at(root, idx, gap_len(idx));
	if (idx + 1 < type->cnt)
		set_gap_at(root, idx + 1, gap_len(idx + 1));
}

static void forget(void)
{
	built = false;
	root = NIL;
}

static void use_static_pool(void)
{
	nodes = gaptree_init_nodes;
	capacity = GAPTREE_INIT_NODES;
	pool_base = pool_bytes = 0;
}

/*
 * Give the pool room for the reserved array's capacity, as
 * memblock_double_array() gives the array room: from memblock, outside
 * [@new_area_start, @new_area_start + @new_area_size), reserved.  The
 * nodes move with their slots, so a built tree stays built.  Return: 0, or
 * -1 (the old pool is kept, too small: the index is dropped).
 */
static int grow_pool(phys_addr_t new_area_start, phys_addr_t new_area_size)
{
	unsigned long need = memblock.reserved.max + 2;
	phys_addr_t old_base = pool_base, old_bytes = pool_bytes;
	phys_addr_t bytes, addr;
	struct gap_node *new_nodes;

	if (capacity >= need)
		return 0;

	bytes = PAGE_ALIGN(need * sizeof(struct gap_node));
	addr = memblock_find_in_range(new_area_start + new_area_size,
				      memblock.current_limit, bytes, PAGE_SIZE);
	if (!addr && new_area_size)
		addr = memblock_find_in_range(0,
				min(new_area_start, memblock.current_limit),
				bytes, PAGE_SIZE);
	if (!addr) {
		if (!warned_no_pool)
			memblock_printf("memblock: no room for the gap index of %lu reserved regions: gaptree searches walk without it\n",
					memblock.reserved.max);
		warned_no_pool = true;
		forget();
		return -1;
	}

	new_nodes = memblock_phys_to_virt(addr);
	memblock_dbg("memblock: gap index is grown to %lu nodes at [%#010llx-%#010llx]\n",
		     (unsigned long)(bytes / sizeof(struct gap_node)),
		     (unsigned long long)addr,
		     (unsigned long long)(addr + bytes - 1));
	if (built) {
		for (unsigned long i = 0; i < capacity; i++)
			new_nodes[i] = nodes[i];
		for (unsigned long x = bytes / sizeof(struct gap_node);
		     x-- > capacity;) {
			new_nodes[x].left = free_slots;
			free_slots = x;
		}
	}
	nodes = new_nodes;
	capacity = bytes / sizeof(struct gap_node);
	pool_base = addr;
	pool_bytes = bytes;

	/* reserve before freeing: neither can double the array, just grown */
	if (memblock_reserve(addr, bytes))
		memblock_panic("memblock: cannot reserve the gap index at %#llx\n",
			       (unsigned long long)addr);
	if (old_bytes)
		memblock_free(old_base, old_bytes);
	return 0;
}

/* Give a pool back to memblock once nothing keeps it. */
static void release_pool(void)
{
	phys_addr_t base = pool_base, bytes = pool_bytes;

	forget();
	use_static_pool();
	if (bytes)
		memblock_free(base, bytes);
}

/*
 * Outside memblock_double_array(), the reserved array may be full: make
 * room for the pool's reservation (and the split its old pool's release
 * may need) the way 4.12 makes room, by doubling, which grows the pool.
 */
static void make_pool_fit(void)
{
	struct memblock_type *rsv = &memblock.reserved;

	if (capacity >= rsv->max + 2)
		return;
	if (rsv->cnt + 3 > rsv->max) {
		memblock_double_array(rsv, 0, 0);
		return;
	}
	grow_pool(0, 0);
}

/**
 * gaptree_grow - the reserved array was doubled: the pool follows
 * @new_area_start: start of the range being reserved, to stay out of
 * @new_area_size: size of that range
 */
void gaptree_grow(phys_addr_t new_area_start, phys_addr_t new_area_size)
{
	if (keeps_pool())
		grow_pool(new_area_start, new_area_size);
}

/**
 * gaptree_strategy_changed - the find strategy changed
 *
 * Selecting gaptree reserves the pool it needs (built at the first
 * search); leaving it drops the tree and, unless the footprint is kept,
 * frees the pool.
 */
void gaptree_strategy_changed(void)
{
	forget();
	if (keeps_pool())
		make_pool_fit();
	else
		release_pool();
}

/**
 * gaptree_regions_changed - the arrays were written behind memblock's back
 *
 * Nothing in the tree can be trusted; it is built again at the next
 * search, in O(n).
 */
void gaptree_regions_changed(void)
{
	forget();
	if (keeps_pool())
		make_pool_fit();
}

/**
 * gaptree_reset - memblock_reset() emptied both arrays
 *
 * A pool in memblock's memory is gone with the reservations: back to the
 * static one.
 */
void gaptree_reset(void)
{
	forget();
	use_static_pool();
	warned_no_pool = false;
}

/**
 * memblock_set_index_footprint - reserve the gap index's pool under every strategy
 * @on: true to reserve it whatever the find strategy
 *
 * The gap index's pool is a reservation once the reserved array has grown
 * (see the overview of mm/gaptree.c), made only while gaptree is the find
 * strategy.  With @on, it is made at the same moments under every find
 * strategy (and kept, unmaintained, while gaptree is not selected), so
 * that all strategies work on the same map.  For tests and the benchmark;
 * off at boot, which keeps linear/linear exactly Linux 4.12.
 */
void memblock_set_index_footprint(bool on)
{
	footprint = on;
	if (keeps_pool())
		make_pool_fit();
	else
		release_pool();
}

/* Ready to search?  Builds the tree if it is not. */
static inline bool index_ready(void)
{
	return built || build();
}

/*
 * Highest position in [@lo, @hi] of subtree @t, whose first node is at
 * position @off, with a gap of at least @size; -1 if none.  Subtrees whose
 * longest gap is too short are skipped whole.
 */
static long last_fit(uint32_t t, unsigned long off, unsigned long lo,
		     unsigned long hi, phys_addr_t size)
{
	while (t != NIL && nodes[t].max_gap >= size) {
		unsigned long k = off + subtree_size(nodes[t].left);

		if (k > hi) {
			t = nodes[t].left;
			continue;
		}
		if (off + nodes[t].size <= lo)
			return -1;
		if (k < hi) {
			long b = last_fit(nodes[t].right, k + 1, lo, hi, size);

			if (b >= 0)
				return b;
		}
		if (k < lo)
			return -1;
		if (nodes[t].gap >= size)
			return k;
		t = nodes[t].left;
	}
	return -1;
}

/* Lowest position in [@lo, @hi] with a gap of at least @size: the mirror. */
static long first_fit(uint32_t t, unsigned long off, unsigned long lo,
		      unsigned long hi, phys_addr_t size)
{
	while (t != NIL && nodes[t].max_gap >= size) {
		unsigned long k = off + subtree_size(nodes[t].left);

		if (k < lo) {
			off = k + 1;
			t = nodes[t].right;
			continue;
		}
		if (off > hi)
			return -1;
		if (k > lo) {
			long b = first_fit(nodes[t].left, off, lo, hi, size);

			if (b >= 0)
				return b;
		}
		if (k > hi)
			return -1;
		if (nodes[t].gap >= size)
			return k;
		off = k + 1;
		t = nodes[t].right;
	}
	return -1;
}

/*
 * The free ranges of gap @b inside [@start, @end), top down, with 4.12's
 * candidate rule.  Return: true and *@found if one fits.
 */
static bool gap_fit_top_down(unsigned long b, phys_addr_t start,
			     phys_addr_t end, phys_addr_t size,
			     phys_addr_t align, int nid, ulong flags,
			     phys_addr_t *found)
{
	struct memblock_type *mem = &memblock.memory;
	phys_addr_t lo = max(gap_start(b), start);
	phys_addr_t hi = min(gap_end(b), end);
	long im;

	if (lo >= hi)
		return false;

	im = hi > mem->regions[mem->cnt - 1].base ? (long)mem->cnt - 1 :
		memblock_last_region_starting_below(mem, hi);
	for (; im >= 0 && region_end(&mem->regions[im]) > lo; im--) {
		struct memblock_region *m = &mem->regions[im];

		if (memblock_region_usable(m, nid, flags) &&
		    memblock_fit_top_down(max(m->base, lo),
					  min(region_end(m), hi), start, end,
					  size, align, found))
			return true;
	}
	return false;
}

/* The same, bottom up, with 4.12's bottom-up candidate rule. */
static bool gap_fit_bottom_up(unsigned long b, phys_addr_t start,
			      phys_addr_t end, phys_addr_t size,
			      phys_addr_t align, int nid, ulong flags,
			      phys_addr_t *found)
{
	struct memblock_type *mem = &memblock.memory;
	phys_addr_t lo = max(gap_start(b), start);
	phys_addr_t hi = min(gap_end(b), end);
	unsigned long im;

	if (lo >= hi)
		return false;

	im = lo < region_end(&mem->regions[0]) ? 0 :
		memblock_first_region_ending_after(mem, lo);
	for (; im < mem->cnt && mem->regions[im].base < hi; im++) {
		struct memblock_region *m = &mem->regions[im];

		/* a candidate of 0 (an alignment that wrapped) ends it too */
		if (memblock_region_usable(m, nid, flags) &&
		    memblock_fit_bottom_up(max(m->base, lo),
					   min(region_end(m), hi), start, end,
					   size, align, found))
			return true;
	}
	return false;
}

/* Gaps that can meet [@start, @end): [*@lo, *@hi].  Return: any? */
static inline bool gap_range(phys_addr_t start, phys_addr_t end,
			     unsigned long *lo, unsigned long *hi)
{
	struct memblock_type *rsv = &memblock.reserved;

	if (start >= end)
		return false;
	/* first gap ending above @start: gap b ends at the base of region b */
	if (start < rsv->regions[0].base)
		*lo = 0;
	else
		*lo = memblock_last_region_starting_below(rsv, start + 1) + 1;
	/* last gap starting below @end: gap b starts at the end of region b - 1 */
	if (end > region_end(&rsv->regions[rsv->cnt - 1]))
		*hi = rsv->cnt;
	else
		*hi = memblock_first_region_ending_after(rsv, end - 1);
	return *lo <= *hi;
}

/**
 * memblock_find_gaptree_top_down - highest fit, through the gap index
 * @start: start of candidate range
 * @end: end of candidate range
 * @size: size of free area to find
 * @align: alignment of free area to find
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 * @flags: pick from blocks based on memory attributes
 *
 * Return: the address 4.12's top-down walk returns; 0 when nothing fits.
 */
phys_addr_t memblock_find_gaptree_top_down(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align,
					   int nid, ulong flags)
{
	unsigned long cnt = memblock.reserved.cnt;
	unsigned long lo, hi;
	phys_addr_t found;
	long b;

	/* A 0-byte request matches anywhere; no index: walk. */
	if (!size || !index_ready())
		return memblock_find_binary_top_down(start, end, size, align,
						     nid, flags);
	if (!memblock.memory.total_size || !gap_range(start, end, &lo, &hi))
		return 0;

	/* the gap above the last region is not in the tree */
	if (hi == cnt) {
		if (gap_len(cnt) >= size &&
		    gap_fit_top_down(cnt, start, end, size, align, nid, flags,
				     &found))
			return found;
		if (lo == cnt)
			return 0;
		hi = cnt - 1;
	}

	while ((b = last_fit(root, 0, lo, hi, size)) >= 0) {
		if (gap_fit_top_down(b, start, end, size, align, nid, flags,
				     &found))
			return found;
		if ((unsigned long)b == lo)
			break;
		hi = b - 1;
	}
	return 0;
}

/**
 * memblock_find_gaptree_bottom_up - lowest fit, through the gap index
 * @start: start of candidate range
 * @end: end of candidate range
 * @size: size of free area to find
 * @align: alignment of free area to find
 * @nid: nid of the free area to find, %NUMA_NO_NODE for any node
 * @flags: pick from blocks based on memory attributes
 *
 * Return: the address 4.12's bottom-up walk returns; 0 when nothing fits.
 */
phys_addr_t memblock_find_gaptree_bottom_up(phys_addr_t start, phys_addr_t end,
					    phys_addr_t size, phys_addr_t align,
					    int nid, ulong flags)
{
	unsigned long cnt = memblock.reserved.cnt;
	unsigned long lo, hi, tree_hi;
	phys_addr_t found;
	long b;

	if (!size || !index_ready())
		return memblock_find_binary_bottom_up(start, end, size, align,
						      nid, flags);
	if (!memblock.memory.total_size || !gap_range(start, end, &lo, &hi))
		return 0;

	tree_hi = min(hi, cnt - 1);
	while (lo <= tree_hi && (b = first_fit(root, 0, lo, tree_hi, size)) >= 0) {
		if (gap_fit_bottom_up(b, start, end, size, align, nid, flags,
				      &found))
			return found;
		lo = b + 1;
	}

	/* the gap above the last region is not in the tree */
	if (hi == cnt && gap_len(cnt) >= size &&
	    gap_fit_bottom_up(cnt, start, end, size, align, nid, flags, &found))
		return found;
	return 0;
}

/**
 * memblock_gaptree_bytes - memory the gap index uses now
 *
 * Return: bytes of the pool the index's nodes live in (the static one, or
 * the one reserved from memblock); 0 when gaptree is not the find strategy
 * and no footprint is kept.
 */
size_t memblock_gaptree_bytes(void)
{
	if (!keeps_pool())
		return 0;
	return pool_bytes ? pool_bytes : sizeof(gaptree_init_nodes);
}

/**
 * memblock_gaptree_pool - where the gap index's nodes live
 * @base: the pool's base, or 0 for the static pool; may be %NULL
 * @size: the pool's size in bytes; may be %NULL
 *
 * Return: true when the pool is a reservation in memblock.reserved.
 */
bool memblock_gaptree_pool(phys_addr_t *base, phys_addr_t *size)
{
	if (base)
		*base = pool_base;
	if (size)
		*size = pool_bytes ? pool_bytes : sizeof(gaptree_init_nodes);
	return pool_bytes != 0;
}

/*
 * Check subtree @t, holding positions from @off on, against the array.
 * Return: the number of nodes, or -1 (a message says what is wrong).
 */
static long check_subtree(uint32_t t, unsigned long off, uint32_t parent_prio)
{
	struct gap_node *n;
	long l, r;

	if (t == NIL)
		return 0;
	if (t >= capacity) {
		memblock_printf("gaptree: slot %u outside the pool\n", t);
		return -1;
	}
	n = &nodes[t];
	l = check_subtree(n->left, off, n->prio);
	if (l < 0)
		return -1;
	if (off + l >= memblock.reserved.cnt) {
		memblock_printf("gaptree: more nodes than regions\n");
		return -1;
	}
	if (n->gap != gap_len(off + l)) {
		memblock_printf("gaptree: gap %lu is %#llx, the array says %#llx\n",
				off + l, (unsigned long long)n->gap,
				(unsigned long long)gap_len(off + l));
		return -1;
	}
	r = check_subtree(n->right, off + l + 1, n->prio);
	if (r < 0)
		return -1;
	if (n->prio > parent_prio || n->size != l + r + 1 ||
	    n->max_gap != max(n->gap, max(subtree_max(n->left),
					  subtree_max(n->right)))) {
		memblock_printf("gaptree: node of gap %lu: bad size, longest gap or priority\n",
				off + l);
		return -1;
	}
	return l + r + 1;
}

/**
 * memblock_gaptree_check - check the gap index against memblock.reserved
 *
 * Compares every node with the gap the array has at its position (what a
 * full rebuild would put there), and checks sizes, longest gaps, the heap
 * order and the free slots.  For tests; O(n).
 *
 * Return: 0 when the index is right or not built, -1 otherwise.
 */
int memblock_gaptree_check(void)
{
	unsigned long n = 0;
	long in_tree;

	if (!built)
		return 0;
	in_tree = check_subtree(root, 0, UINT32_MAX);
	if (in_tree < 0)
		return -1;
	if ((unsigned long)in_tree != memblock.reserved.cnt) {
		memblock_printf("gaptree: %ld nodes for %lu regions\n", in_tree,
				memblock.reserved.cnt);
		return -1;
	}
	for (uint32_t x = free_slots; x != NIL && n <= capacity; x = nodes[x].left)
		n++;
	if (in_tree + n != capacity) {
		memblock_printf("gaptree: %ld nodes and %lu free slots in a pool of %lu\n",
				in_tree, n, capacity);
		return -1;
	}
	return 0;
}
