// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The payload's own memblock, kept aside while a replay uses mm/'s one
 * global memblock, and put back afterwards.
 *
 * A replay starts each run with memblock_reset(), which empties the
 * static region arrays; the payload's regions live there unless its
 * arrays were grown for a big tree (payload/setup.c), and grown arrays
 * are payload memory that the replay never writes (its own grown arrays
 * go to its scratch window).  So the copy holds the memblock struct and
 * the contents of the arrays that are the static ones, and the restore
 * writes them back and tells mm/ the arrays were written behind its back
 * (memblock_regions_changed()).  The find strategy is linear while the
 * copy is taken, so that a gap index pool is given back through the API
 * first and made again, through the API, when the strategy returns.
 */
#include <string.h>

#include "mm/memblock.h"
#include "payload/payload.h"

static struct memblock saved;
static struct memblock_region saved_regions[2][INIT_MEMBLOCK_REGIONS];
static enum memblock_find_strategy saved_find;
static enum memblock_update_strategy saved_update;
static bool saved_debug;

static struct memblock_type *type_of(struct memblock *m, int t)
{
	return t ? &m->reserved : &m->memory;
}

/* Is @type in the static array (which memblock_reset() empties)? */
static bool in_static_array(const struct memblock_type *type)
{
	return type->max == INIT_MEMBLOCK_REGIONS;
}

/**
 * replay_state_save - keep the payload's memblock aside
 *
 * Return: 0 (nothing can fail: the copy is static).
 */
int replay_state_save(void)
{
	saved_find = memblock_get_find_strategy();
	saved_update = memblock_get_update_strategy();
	saved_debug = memblock_debug_enabled();
	memblock_set_find_strategy(MEMBLOCK_FIND_LINEAR);
	saved = memblock;
	for (int t = 0; t < 2; t++) {
		const struct memblock_type *type = type_of(&saved, t);

		if (in_static_array(type))
			memcpy(saved_regions[t], type->regions,
			       type->cnt * sizeof(struct memblock_region));
	}
	return 0;
}

/**
 * replay_state_restore - the payload's memblock as replay_state_save() found it
 *
 * Resizing is allowed again, as the payload had allowed it.
 */
void replay_state_restore(void)
{
	memblock_reset();
	for (int t = 0; t < 2; t++) {
		struct memblock_type *now = type_of(&memblock, t);
		const struct memblock_type *was = type_of(&saved, t);

		if (in_static_array(was))
			memcpy(now->regions, saved_regions[t],
			       was->cnt * sizeof(struct memblock_region));
		else
			now->regions = was->regions;
		now->cnt = was->cnt;
		now->max = was->max;
		now->total_size = was->total_size;
	}
	memblock.bottom_up = saved.bottom_up;
	memblock.current_limit = saved.current_limit;
	memblock_regions_changed();
	memblock_allow_resize();
	memblock_set_debug(saved_debug);
	memblock_set_movable_node(boot_options.movable_node);
	memblock_set_update_strategy(saved_update);
	memblock_set_find_strategy(saved_find);
}
