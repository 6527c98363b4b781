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
 * Gaps 0 .. cnt - 1 are the nodes of a treap in address order: a binary
 * search tree in which each node holds its gap ([end - len, end)) and the
 * longest gap of its subtree, and whose priorities (drawn at random when
 * the node is placed) keep it a heap, so that it is balanced as if built
 * at random: O(log n) depth expected.  The last gap, above the last region, is read
 * from the array.
 *
 * Nothing in the index depends on where a region sits in the array: each
 * region carries the slot of its gap's node (memblock_region.gap_node, in
 * what 4.12 leaves as padding), and the array's own moves carry the slots
 * along.  So a region that changes in place finds its node in O(1); an
 * insertion anywhere links one new node next to its neighbours' nodes and
 * a deletion unlinks one, each with the treap's expected O(1) rotations;
 * and the longest gaps are corrected upwards only as far as they change:
 * O(log n) at most per change, whatever the position.  (The first version
 * of this index was a segment tree over array slots: a shift of the array
 * at slot i cost O(n - i) there, on top of the array's own move.)
 * mm/memblock.c reports each change as it makes it: gaptree_inserted(),
 * gaptree_removing(), gaptree_resized().
 *
 * A search starts at the node of the gap nearest its limit (found by the
 * binary search of the array that every strategy does) and climbs: from a
 * node, the gaps before it are its left subtree and, for each ancestor it
 * is a right descendant of, that ancestor and its left subtree.  A subtree
 * whose longest gap is too short is skipped whole.
 *
 * Where the nodes live
 * --------------------
 * 40 bytes a node, in a pool with room for the reserved array's capacity
 * plus the two regions that a doubling may add before the pool follows
 * it.  While the reserved array is 4.12's static table of
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
 * The tree is built when it is first worth it, in O(n): until a search's
 * walk (the binary strategy's, mm/find_binary.c) has visited
 * GAPTREE_BUILD_AFTER free ranges without a fit, gaptree keeps no tree and
 * pays nothing for one: every change to the reserved array finds the
 * index absent in one test.  Once built, it is maintained while gaptree is
 * the find strategy, until memblock_reset() or memblock_regions_changed().
 * When no pool can be had, the search walks without the index, with one
 * message.
 */

#include "memblock_internal.h"

#define NIL			UINT32_MAX
#define GAPTREE_INIT_NODES	(INIT_MEMBLOCK_REGIONS + 2)
#define GAPTREE_BUILD_AFTER	8

struct gap_node {
	phys_addr_t end;	/* the gap is [end - len, end) */
	phys_addr_t len;
	phys_addr_t max_len;	/* longest gap in this subtree */
	uint32_t left, right, parent;	/* or NIL */
	uint32_t prio;		/* heap order: a parent's is not lower */
};

static struct gap_node gaptree_init_nodes[GAPTREE_INIT_NODES];
static struct gap_node *nodes = gaptree_init_nodes;
static unsigned long capacity = GAPTREE_INIT_NODES;
static phys_addr_t pool_base, pool_bytes;	/* 0 bytes: the static pool */
static uint32_t root = NIL, free_slots = NIL;	/* free slots via .left */
bool gaptree_built;		/* the tree describes memblock.reserved */
static unsigned long tree_count;	/* regions it describes */
static struct memblock_region *tree_regions;	/* in this array */
/*
 * Steps left in the current operation.  A tree of n nodes is a few times
 * log2(n) deep; an operation that takes thousands of steps is walking a
 * tree that no longer matches the array (written behind memblock's back
 * without memblock_regions_changed()): the fuse stops it, and the tree is
 * dropped and rebuilt from the array rather than trusted.
 */
#define GAPTREE_FUSE	4096
static unsigned int fuse;
static bool blown;
/* free ranges a walk may visit without a fit before the index is built */
static unsigned long build_after = GAPTREE_BUILD_AFTER;
static bool footprint;		/* memblock_set_index_footprint() */
static bool warned_no_pool, warned_distrust;

static bool searching_with_index(void)
{
	return memblock_find_strategy == MEMBLOCK_FIND_GAPTREE;
}

static bool keeps_pool(void)
{
	return searching_with_index() || footprint;
}

/* One more step of the current operation.  Return: may it go on? */
static inline bool step(void)
{
	if (fuse) {
		fuse--;
		return true;
	}
	blown = true;
	return false;
}

/* The node of region @idx, or NIL (and the fuse blown) if it has none. */
static inline uint32_t node_of(unsigned long idx)
{
	uint32_t x = memblock.reserved.regions[idx].gap_node;

	if (x < capacity)
		return x;
	blown = true;
	return NIL;
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

/*
 * A fresh priority for every node placed (xorshift32, fixed seed: the same
 * calls give the same tree).  Not one per slot: a slot is reused by the
 * next insertion, often at the same place, and a slot with a high
 * priority would then rotate to the top and back on every free and alloc.
 */
#define PRIO_SEED	2463534242u

static uint32_t prio_state = PRIO_SEED;

static uint32_t next_priority(void)
{
	prio_state ^= prio_state << 13;
	prio_state ^= prio_state >> 17;
	prio_state ^= prio_state << 5;
	return prio_state;
}

static inline phys_addr_t subtree_max(uint32_t t)
{
	return t == NIL ? 0 : nodes[t].max_len;
}

/* Recompute @t's longest gap.  Return: did it change? */
static inline bool pull(uint32_t t)
{
	struct gap_node *n = &nodes[t];
	phys_addr_t m = max(n->len, max(subtree_max(n->left),
					subtree_max(n->right)));

	if (m == n->max_len)
		return false;
	n->max_len = m;
	return true;
}

/* Correct the longest gaps from @t up, as far as they change. */
static void pull_up(uint32_t t)
{
	while (t != NIL && step() && pull(t))
		t = nodes[t].parent;
}

/* Point @p's link to its child @old at @new instead (the root's: root). */
static void replace_child(uint32_t p, uint32_t old, uint32_t new)
{
	if (p == NIL)
		root = new;
	else if (nodes[p].left == old)
		nodes[p].left = new;
	else
		nodes[p].right = new;
	if (new != NIL)
		nodes[new].parent = p;
}

/* Rotate @x above its parent; both longest gaps are recomputed. */
static void rotate_up(uint32_t x)
{
	uint32_t p = nodes[x].parent;
	uint32_t b;

	replace_child(nodes[p].parent, p, x);
	if (nodes[p].left == x) {
		b = nodes[x].right;
		nodes[p].left = b;
		nodes[x].right = p;
	} else {
		b = nodes[x].left;
		nodes[p].right = b;
		nodes[x].left = p;
	}
	if (b != NIL)
		nodes[b].parent = p;
	nodes[p].parent = x;
	pull(p);
	pull(x);
}

/* The gap of region @idx: [end of region idx - 1, base of region idx). */
static void describe(uint32_t x, unsigned long idx)
{
	nodes[x].end = memblock.reserved.regions[idx].base;
	nodes[x].len = nodes[x].end - gap_start(idx);
}

/* Region @idx's gap changed: its node follows. */
static void refresh(unsigned long idx)
{
	uint32_t x = node_of(idx);
	phys_addr_t len;

	if (x == NIL)
		return;
	len = nodes[x].len;
	describe(x, idx);
	if (nodes[x].len > len) {
		/* a longer gap: the maxima above can only grow */
		for (uint32_t t = x; t != NIL && step() &&
		     nodes[t].max_len < nodes[x].len; t = nodes[t].parent)
			nodes[t].max_len = nodes[x].len;
	} else if (nodes[x].len < len && len == nodes[x].max_len) {
		/* the longest gap of its subtree got shorter */
		nodes[x].max_len = PHYS_ADDR_MAX;	/* force the recompute */
		pull_up(x);
	}
}

/*
 * Build the tree of gaps 0 .. cnt - 1 in O(n): slot k holds gap k, and the
 * right spine is kept as a stack (through .parent) while each node in turn
 * takes the nodes of lower priority below it as its left subtree; a node's
 * subtree is final when it leaves the stack.
 */
static bool build(void)
{
	struct memblock_type *rsv = &memblock.reserved;
	unsigned long n = rsv->cnt;
	uint32_t top = NIL;

	if (n > capacity)
		return false;

	for (uint32_t x = 0; x < n; x++) {
		uint32_t below = NIL;

		rsv->regions[x].gap_node = x;
		nodes[x] = (struct gap_node){ .left = NIL, .right = NIL,
					      .prio = next_priority() };
		describe(x, x);
		while (top != NIL && nodes[top].prio < nodes[x].prio) {
			below = top;
			top = nodes[top].parent;
			nodes[below].max_len = 0;
			pull(below);
		}
		nodes[x].left = below;
		if (below != NIL)
			nodes[below].parent = x;
		if (top != NIL)
			nodes[top].right = x;
		nodes[x].parent = top;
		top = x;
	}
	for (root = NIL; top != NIL; top = nodes[top].parent) {
		nodes[top].max_len = 0;
		pull(top);
		root = top;
	}

	free_slots = NIL;
	for (unsigned long x = capacity; x-- > n;) {
		nodes[x].left = free_slots;
		free_slots = x;
	}
	gaptree_built = true;
	tree_count = n;
	tree_regions = rsv->regions;
	memblock_gaptree_searches(true, ULONG_MAX);
	memblock_dbg("memblock: gap index built over %lu gaps\n", n + 1);
	trace_memblock_step(MEMBLOCK_TRACE_INDEX_BUILT, n + 1);
	return true;
}

static void forget(void);

/*
 * The reserved array changed behind memblock's back: say so once, and
 * drop the tree; the next search builds it again from the array.
 */
static void distrust(void)
{
	if (!warned_distrust)
		memblock_printf("memblock: the gap index no longer matches the reserved array (written without memblock_regions_changed()?): rebuilt from the array\n");
	warned_distrust = true;
	forget();
}

/*
 * Does the tree follow @type, which should now hold @cnt regions in the
 * array the tree knows?  Arms the fuse for the operation that follows.
 */
static bool tracking(struct memblock_type *type, unsigned long cnt)
{
	if (!gaptree_built || type != &memblock.reserved)
		return false;
	if (type->regions != tree_regions || type->cnt != cnt) {
		distrust();
		return false;
	}
	fuse = GAPTREE_FUSE;
	blown = false;
	return true;
}

/* After an operation: if the fuse blew, the tree is not to be trusted. */
static void check_fuse(void)
{
	if (blown)
		distrust();
}

/**
 * gaptree_track_inserted - a region was inserted into @type at @idx
 * @type: the memblock type that changed
 * @idx: index of the new region; the regions from @idx on moved up by one
 */
void gaptree_track_inserted(struct memblock_type *type, unsigned long idx)
{
	uint32_t x = free_slots, next;

	if (!tracking(type, tree_count + 1))
		return;
	if (x == NIL) {
		/* cannot happen while the pool follows the array: rebuild */
		forget();
		return;
	}
	free_slots = nodes[x].left;
	type->regions[idx].gap_node = x;
	nodes[x] = (struct gap_node){ .left = NIL, .right = NIL,
				      .prio = next_priority() };
	describe(x, idx);
	nodes[x].max_len = nodes[x].len;

	/*
	 * A leaf between its neighbours' nodes: the left child of the next
	 * one if it has none, else the right child of the previous one,
	 * which is then the last node of that left subtree.
	 */
	next = idx + 1 < type->cnt ? node_of(idx + 1) : NIL;
	if (next != NIL && nodes[next].left == NIL) {
		nodes[next].left = x;
		nodes[x].parent = next;
	} else if (idx) {
		uint32_t prev = node_of(idx - 1);

		if (prev == NIL || nodes[prev].right != NIL) {
			distrust();
			return;
		}
		nodes[prev].right = x;
		nodes[x].parent = prev;
	} else {
		root = x;
		nodes[x].parent = NIL;
	}
	tree_count++;
	for (uint32_t t = nodes[x].parent; t != NIL && step() &&
	     nodes[t].max_len < nodes[x].len; t = nodes[t].parent)
		nodes[t].max_len = nodes[x].len;
	while (nodes[x].parent != NIL && step() &&
	       nodes[x].prio > nodes[nodes[x].parent].prio)
		rotate_up(x);

	if (idx + 1 < type->cnt)
		refresh(idx + 1);
	check_fuse();
}

/*
 * Unlink node @x: rotate it down below the child of higher priority until
 * it is a leaf, then cut it off and correct the longest gaps above.
 */
static void unlink_node(uint32_t x)
{
	uint32_t p;

	for (;;) {
		uint32_t l = nodes[x].left, r = nodes[x].right;

		if ((l == NIL && r == NIL) || !step())
			break;
		if (r == NIL || (l != NIL && nodes[l].prio > nodes[r].prio))
			rotate_up(l);
		else
			rotate_up(r);
	}
	p = nodes[x].parent;
	replace_child(p, x, NIL);
	if (p != NIL && nodes[x].len == nodes[p].max_len) {
		/* it may have been the longest gap above */
		nodes[p].max_len = PHYS_ADDR_MAX;	/* force the recompute */
		pull_up(p);
	}
	nodes[x].left = free_slots;
	free_slots = x;
}

/**
 * gaptree_track_removing - regions [@first, @last) of @type are being removed
 * @type: the memblock type that changes
 * @first: index of the first region to remove
 * @last: index after the last one; the regions from @last on will move
 *	  down to @first
 *
 * Called before the array moves: the nodes go, and the gap of region
 * @last grows to reach down to the end of region @first - 1.
 */
void gaptree_track_removing(struct memblock_type *type, unsigned long first,
			    unsigned long last)
{
	if (!tracking(type, tree_count))
		return;
	for (unsigned long k = first; k < last && !blown; k++) {
		uint32_t x = node_of(k);

		/* a region that goes has not changed since it was reported */
		if (x == NIL || nodes[x].end != type->regions[k].base)
			blown = true;
		else
			unlink_node(x);
	}
	tree_count -= last - first;
	if (last < type->cnt && !blown) {
		uint32_t x = node_of(last);
		phys_addr_t len = x == NIL ? 0 : nodes[x].end - gap_start(first);

		if (x != NIL && len != nodes[x].len) {
			nodes[x].len = len;
			for (uint32_t t = x; t != NIL && step() &&
			     nodes[t].max_len < len; t = nodes[t].parent)
				nodes[t].max_len = len;
		}
	}
	check_fuse();
}

/**
 * gaptree_track_resized - region @idx of @type changed its base or its size
 * @type: the memblock type that changed
 * @idx: index of the region; gaps @idx and @idx + 1 change with it
 */
void gaptree_track_resized(struct memblock_type *type, unsigned long idx)
{
	if (!tracking(type, tree_count))
		return;
	refresh(idx);
	if (idx + 1 < type->cnt)
		refresh(idx + 1);
	check_fuse();
}

/**
 * gaptree_track_array_moved - memblock_double_array() moved @type's regions
 * @type: the memblock type whose array moved
 *
 * The regions keep their places and their nodes: only the array's address
 * changed.
 */
void gaptree_track_array_moved(struct memblock_type *type)
{
	if (gaptree_built && type == &memblock.reserved)
		tree_regions = type->regions;
}

/* Drop the tree: searches walk again until a walk runs long. */
static void forget(void)
{
	gaptree_built = false;
	root = NIL;
	memblock_gaptree_searches(!build_after, build_after);
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
	unsigned long new_capacity;
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
	new_capacity = bytes / sizeof(struct gap_node);
	trace_memblock_step(MEMBLOCK_TRACE_POOL, addr, bytes, new_capacity);
	memblock_dbg("memblock: gap index is grown to %lu nodes at [%#010llx-%#010llx]\n",
		     new_capacity, (unsigned long long)addr,
		     (unsigned long long)(addr + bytes - 1));
	if (gaptree_built) {
		for (unsigned long i = 0; i < capacity; i++)
			new_nodes[i] = nodes[i];
		for (unsigned long x = new_capacity; x-- > capacity;) {
			new_nodes[x].left = free_slots;
			free_slots = x;
		}
	}
	nodes = new_nodes;
	capacity = new_capacity;
	pool_base = addr;
	pool_bytes = bytes;
	if (!gaptree_built)
		forget();	/* the index fits again */

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
 * Selecting gaptree reserves the pool it needs (the tree is built at the
 * first search); leaving it drops the tree and, unless the footprint is
 * kept, frees the pool.  Under the footprint the pool follows the array
 * whatever the strategy: a switch changes no reservation (not even a retry
 * of a pool that had no room), so the map stays every strategy's.
 */
void gaptree_strategy_changed(void)
{
	forget();
	if (footprint)
		return;
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
	warned_no_pool = warned_distrust = false;
	prio_state = PRIO_SEED;
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

/*
 * Ready to search?  Builds the tree if it is not.  If it cannot be built
 * (the pool is too small, until the reserved array next grows), searches
 * walk without a budget.
 */
static bool index_ready(void)
{
	struct memblock_type *rsv = &memblock.reserved;

	if (gaptree_built &&
	    (rsv->regions != tree_regions || rsv->cnt != tree_count))
		distrust();
	if (gaptree_built || build()) {
		fuse = GAPTREE_FUSE;
		blown = false;
		return true;
	}
	memblock_gaptree_searches(false, ULONG_MAX);
	return false;
}

/*
 * The index's answer, checked against the array: a tree that no longer
 * matches it must not hand out reserved memory.  Return: true if @found
 * may be returned.
 */
static bool answer_holds(phys_addr_t found, phys_addr_t size)
{
	/*
	 * 0 is 4.12's "nothing found", which the walk returns too where a
	 * bottom-up alignment wraps past the top: no range to check.
	 */
	if (!blown && (!found ||
		       !memblock_overlaps_region(&memblock.reserved, found, size)))
		return true;
	distrust();
	return false;
}

/**
 * memblock_set_gaptree_build_after - when gaptree builds its index
 * @ranges: free ranges a search may visit without a fit before the index
 *	    is built; 0 builds it at the first search
 *
 * Until a walk runs that long, gaptree searches as binary does and keeps
 * no index, so that the index costs nothing where it would save nothing
 * (every request fitting the first free range below its limit).  Once
 * built it is kept until the strategy changes, memblock_reset() or
 * memblock_regions_changed().  The default is 8; tests use 0 too, so that
 * the index is exercised from the first search.
 */
void memblock_set_gaptree_build_after(unsigned long ranges)
{
	build_after = ranges;
	if (!gaptree_built)
		forget();
}

/* The last node of subtree @t with a gap of at least @size, or NIL. */
static uint32_t last_in_subtree(uint32_t t, phys_addr_t size)
{
	while (t != NIL && step() && nodes[t].max_len >= size) {
		if (subtree_max(nodes[t].right) >= size) {
			t = nodes[t].right;
			continue;
		}
		if (nodes[t].len >= size)
			return t;
		t = nodes[t].left;
	}
	return NIL;
}

/* The first node of subtree @t with a gap of at least @size, or NIL. */
static uint32_t first_in_subtree(uint32_t t, phys_addr_t size)
{
	while (t != NIL && step() && nodes[t].max_len >= size) {
		if (subtree_max(nodes[t].left) >= size) {
			t = nodes[t].left;
			continue;
		}
		if (nodes[t].len >= size)
			return t;
		t = nodes[t].right;
	}
	return NIL;
}

/* The last node before @x (in address order) with a long enough gap. */
static uint32_t fit_before(uint32_t x, phys_addr_t size)
{
	uint32_t t = last_in_subtree(nodes[x].left, size);

	if (t != NIL)
		return t;
	for (uint32_t p = nodes[x].parent; p != NIL && step();
	     x = p, p = nodes[p].parent) {
		if (nodes[p].right != x)
			continue;
		if (nodes[p].len >= size)
			return p;
		t = last_in_subtree(nodes[p].left, size);
		if (t != NIL)
			return t;
	}
	return NIL;
}

/* The first node after @x with a long enough gap: the mirror image. */
static uint32_t fit_after(uint32_t x, phys_addr_t size)
{
	uint32_t t = first_in_subtree(nodes[x].right, size);

	if (t != NIL)
		return t;
	for (uint32_t p = nodes[x].parent; p != NIL && step();
	     x = p, p = nodes[p].parent) {
		if (nodes[p].left != x)
			continue;
		if (nodes[p].len >= size)
			return p;
		t = first_in_subtree(nodes[p].right, size);
		if (t != NIL)
			return t;
	}
	return NIL;
}

/*
 * The free ranges of gap [@gap_lo, @gap_hi) inside [@start, @end), top
 * down, with 4.12's candidate rule.  Return: true and *@found if one fits.
 */
static bool gap_fit_top_down(phys_addr_t gap_lo, phys_addr_t gap_hi,
			     phys_addr_t start, phys_addr_t end,
			     phys_addr_t size, phys_addr_t align, int nid,
			     ulong flags, phys_addr_t *found)
{
	struct memblock_type *mem = &memblock.memory;
	phys_addr_t lo = max(gap_lo, start);
	phys_addr_t hi = min(gap_hi, end);
	long im;

	trace_memblock_step(MEMBLOCK_TRACE_GAP, gap_lo, gap_hi);
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
static bool gap_fit_bottom_up(phys_addr_t gap_lo, phys_addr_t gap_hi,
			      phys_addr_t start, phys_addr_t end,
			      phys_addr_t size, phys_addr_t align, int nid,
			      ulong flags, phys_addr_t *found)
{
	struct memblock_type *mem = &memblock.memory;
	phys_addr_t lo = max(gap_lo, start);
	phys_addr_t hi = min(gap_hi, end);
	unsigned long im;

	trace_memblock_step(MEMBLOCK_TRACE_GAP, gap_lo, gap_hi);
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

/* Does node @x's gap fit, top-down?  Its gap is [end - len, end). */
static inline bool node_fit_top_down(uint32_t x, phys_addr_t start,
				     phys_addr_t end, phys_addr_t size,
				     phys_addr_t align, int nid, ulong flags,
				     phys_addr_t *found)
{
	return gap_fit_top_down(nodes[x].end - nodes[x].len, nodes[x].end,
				start, end, size, align, nid, flags, found);
}

static inline bool node_fit_bottom_up(uint32_t x, phys_addr_t start,
				      phys_addr_t end, phys_addr_t size,
				      phys_addr_t align, int nid, ulong flags,
				      phys_addr_t *found)
{
	return gap_fit_bottom_up(nodes[x].end - nodes[x].len, nodes[x].end,
				 start, end, size, align, nid, flags, found);
}

/*
 * This search's answer from the binary walk, handing nothing back over:
 * for what the index does not serve (0 bytes), and when it cannot be
 * trusted or built.  The walk is 4.12's, so the answer is too.
 */
static phys_addr_t walk_top_down(phys_addr_t start, phys_addr_t end,
				 phys_addr_t size, phys_addr_t align, int nid,
				 ulong flags)
{
	unsigned long budget = memblock_walk_budget;
	phys_addr_t found;

	memblock_walk_budget = ULONG_MAX;
	found = memblock_find_binary_top_down(start, end, size, align, nid,
					      flags);
	memblock_walk_budget = budget;
	return found;
}

static phys_addr_t walk_bottom_up(phys_addr_t start, phys_addr_t end,
				  phys_addr_t size, phys_addr_t align, int nid,
				  ulong flags)
{
	unsigned long budget = memblock_walk_budget;
	phys_addr_t found;

	memblock_walk_budget = ULONG_MAX;
	found = memblock_find_binary_bottom_up(start, end, size, align, nid,
					       flags);
	memblock_walk_budget = budget;
	return found;
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
	struct memblock_type *rsv = &memblock.reserved;
	unsigned long hi;
	phys_addr_t found;
	uint32_t x;

	/* A 0-byte request matches anywhere; no index: walk. */
	if (!size || !index_ready()) {
		trace_memblock_step(MEMBLOCK_TRACE_NO_INDEX, size);
		return walk_top_down(start, end, size, align, nid, flags);
	}
	if (!memblock.memory.total_size || start >= end)
		return 0;

	/* the last gap starting below @end: gap b starts where region b - 1 ends */
	if (end > region_end(&rsv->regions[rsv->cnt - 1])) {
		/* the gap above the last region is not in the tree */
		hi = rsv->cnt;
		if (PHYS_ADDR_MAX - gap_start(hi) >= size &&
		    gap_fit_top_down(gap_start(hi), PHYS_ADDR_MAX, start, end,
				     size, align, nid, flags, &found))
			return found;
		if (gap_start(hi) <= start)
			return 0;
		hi--;
	} else {
		hi = memblock_first_region_ending_after(rsv, end - 1);
	}

	/* from the gap at the limit down; gaps below @start cannot fit */
	x = node_of(hi);
	if (x != NIL && nodes[x].len < size) {
		trace_memblock_step(MEMBLOCK_TRACE_GAP_SHORT,
				    nodes[x].end - nodes[x].len, nodes[x].end);
		x = fit_before(x, size);
	}
	for (; x != NIL && nodes[x].end > start; x = fit_before(x, size))
		if (node_fit_top_down(x, start, end, size, align, nid, flags,
				      &found))
			goto answer;
	if (!blown) {
		trace_memblock_step(MEMBLOCK_TRACE_GAPS_DONE, size);
		return 0;
	}
	distrust();
	goto walk;
answer:
	if (answer_holds(found, size))
		return found;
walk:
	return walk_top_down(start, end, size, align, nid, flags);
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
	struct memblock_type *rsv = &memblock.reserved;
	unsigned long lo, cnt = rsv->cnt;
	phys_addr_t found;
	uint32_t x;

	if (!size || !index_ready()) {
		trace_memblock_step(MEMBLOCK_TRACE_NO_INDEX, size);
		return walk_bottom_up(start, end, size, align, nid, flags);
	}
	if (!memblock.memory.total_size || start >= end)
		return 0;

	/* the first gap ending above @start: gap b ends at the base of region b */
	lo = start < rsv->regions[0].base ? 0 :
		memblock_last_region_starting_below(rsv, start + 1) + 1;

	/* from there up; gaps from @end on cannot fit */
	if (lo < cnt) {
		x = node_of(lo);
		if (x != NIL && nodes[x].len < size) {
			trace_memblock_step(MEMBLOCK_TRACE_GAP_SHORT,
					    nodes[x].end - nodes[x].len,
					    nodes[x].end);
			x = fit_after(x, size);
		}
		for (; x != NIL && nodes[x].end - nodes[x].len < end;
		     x = fit_after(x, size))
			if (node_fit_bottom_up(x, start, end, size, align, nid,
					       flags, &found)) {
				if (answer_holds(found, size))
					return found;
				goto walk;
			}
		if (blown) {
			distrust();
			goto walk;
		}
	}

	/* the gap above the last region is not in the tree */
	if (gap_start(cnt) < end && PHYS_ADDR_MAX - gap_start(cnt) >= size &&
	    gap_fit_bottom_up(gap_start(cnt), PHYS_ADDR_MAX, start, end, size,
			      align, nid, flags, &found))
		return found;
	trace_memblock_step(MEMBLOCK_TRACE_GAPS_DONE, size);
	return 0;
walk:
	return walk_bottom_up(start, end, size, align, nid, flags);
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
 * Check the node of region @idx and its links against the array: what a
 * full rebuild would put there.  Return: 0, or -1 (a message says why).
 */
static int check_node(unsigned long idx)
{
	uint32_t x = memblock.reserved.regions[idx].gap_node;
	struct gap_node *n;

	if (x >= capacity) {
		memblock_printf("gaptree: region %lu: slot %u outside the pool\n",
				idx, x);
		return -1;
	}
	n = &nodes[x];
	if (n->end != gap_end(idx) || n->len != gap_end(idx) - gap_start(idx)) {
		memblock_printf("gaptree: region %lu: gap [%#llx-%#llx), the array says [%#llx-%#llx)\n",
				idx, (unsigned long long)(n->end - n->len),
				(unsigned long long)n->end,
				(unsigned long long)gap_start(idx),
				(unsigned long long)gap_end(idx));
		return -1;
	}
	if (n->max_len != max(n->len, max(subtree_max(n->left),
					  subtree_max(n->right))) ||
	    (n->parent == NIL ? root != x :
	     nodes[n->parent].left != x && nodes[n->parent].right != x) ||
	    (n->parent != NIL && nodes[n->parent].prio < n->prio) ||
	    (n->left != NIL && (nodes[n->left].parent != x ||
				nodes[n->left].end >= n->end)) ||
	    (n->right != NIL && (nodes[n->right].parent != x ||
				 nodes[n->right].end <= n->end))) {
		memblock_printf("gaptree: region %lu: bad longest gap, links, order or priority\n",
				idx);
		return -1;
	}
	return 0;
}

/**
 * memblock_gaptree_check - check the gap index against memblock.reserved
 *
 * Checks each region's node against the gap the array has there (what a
 * full rebuild would put there), its longest gap, its links, the search
 * order and the heap order, and that the free slots make up the rest of
 * the pool.  For tests; O(n).
 *
 * Return: 0 when the index is right or not built, -1 otherwise.
 */
int memblock_gaptree_check(void)
{
	unsigned long cnt = memblock.reserved.cnt, n = 0;

	if (!gaptree_built)
		return 0;
	for (unsigned long idx = 0; idx < cnt; idx++)
		if (check_node(idx))
			return -1;
	for (uint32_t x = free_slots; x != NIL && n <= capacity; x = nodes[x].left)
		n++;
	if (cnt + n != capacity) {
		memblock_printf("gaptree: %lu nodes and %lu free slots in a pool of %lu\n",
				cnt, n, capacity);
		return -1;
	}
	return 0;
}
