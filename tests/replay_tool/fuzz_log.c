// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer on the replay: any bytes as a memblock=debug log (with no
 * tree: the log must add its memory or hold a dump).  Each input either
 * gets one message (no newline in it) or becomes an op list that opens and
 * replays under every combination; ASan and UBSan catch the rest.  Seeds:
 * three of the saved logs in tests/replay/ (make fuzz-replay).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/replay/replay.h"
#include "tests/common/env.h"
#include "tools/replay/host.h"

#define SCRATCH	(256u << 10)

static int replay_blob_quietly(const void *blob, size_t bytes)
{
	static unsigned char scratch[SCRATCH];
	struct replay_config cfg = { .scratch = scratch,
				     .scratch_bytes = SCRATCH };
	struct replay_list list;
	const char *why;
	int ret;

	if (replay_list_open(blob, bytes, &list, &why))
		abort();	/* the builder made a list it cannot open */
	cfg.arena_bytes = replay_arena_bytes(&list);
	cfg.arena = malloc(cfg.arena_bytes);
	if (!cfg.arena)
		return 0;
	ht_redirect(replay_va, replay_pa, replay_message);
	ret = replay_run(&list, &cfg);
	ht_redirect(NULL, NULL, NULL);
	free(cfg.arena);
	if (ret < 0)
		abort();	/* a list it made, and it could not run */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct replay_output out;
	char *log = malloc(size + 1), err[512];
	size_t bytes;
	void *blob;

	if (!log)
		return 0;
	memcpy(log, data, size);
	log[size] = '\0';
	struct replay_input in = { "fuzz", log, size, NULL };

	if (replay_build(&in, &out, err, sizeof(err))) {
		if (!err[0] || strchr(err, '\n'))
			abort();	/* not one line */
	} else {
		blob = replay_blob(&out, &bytes);
		if (blob) {
			/* the report goes to stdout: libFuzzer's -close_fd_mask=1 */
			replay_blob_quietly(blob, bytes);
			free(blob);
		}
	}
	replay_free_output(&out);
	free(log);
	return 0;
}
