// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * replay: a kernel's memblock=debug log replayed on mm/ (issue 12).
 *
 *   replay [--dtb TREE] [--list-failed] [--time] LOG
 *       replay here, under every find/update combination, and print the
 *       report; exit 0 when every result is the kernel's or explained by
 *       a named difference, 1 when one is not, 2 when the log (or the
 *       tree) cannot be read: one message names the line
 *   replay [--dtb TREE] --ops OUT LOG
 *       only write the op list, for the payload (make replay)
 *
 * TREE is the device tree the kernel booted with (without it, the log
 * must hold a MEMBLOCK configuration dump).  Host costs (--time) are
 * nanoseconds of this build, sanitizers and all: make replay gives
 * instruction counts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/replay/replay.h"
#include "tests/common/env.h"
#include "tools/replay/host.h"

#define MAX_FILE	(256u << 20)

static void usage(void)
{
	fprintf(stderr, "usage: replay [--dtb TREE] [--ops OUT] [--list-failed] [--time] [--csv] LOG\n");
	exit(2);
}

static char *read_file(const char *path, size_t *bytes)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	for (;;) {
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 1 << 16;
			if (cap > MAX_FILE + 1) {
				fprintf(stderr, "replay: %s: larger than %u MiB\n",
					path, MAX_FILE >> 20);
				exit(2);
			}
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "replay: out of memory\n");
				exit(2);
			}
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);

		if (!got)
			break;
		n += got;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		exit(2);
	}
	fclose(f);
	buf[n] = '\0';
	*bytes = n;
	return buf;
}

/* The log's name: its file name without the directory and ".log". */
static const char *name_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	snprintf(buf, len, "%s", slash ? slash + 1 : path);
	n = strlen(buf);
	if (n > 4 && !strcmp(buf + n - 4, ".log"))
		buf[n - 4] = '\0';
	return buf;
}

static uint64_t host_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int write_ops(const char *path, const void *blob, size_t bytes)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(blob, 1, bytes, f) != bytes || fclose(f)) {
		fprintf(stderr, "replay: %s: cannot write\n", path);
		return 2;
	}
	return 0;
}

static int run_here(const void *blob, size_t bytes, bool time, bool list_failed,
		    bool csv)
{
	struct replay_config cfg = { .counter = time ? host_ns : NULL,
				     .counter_unit = "host nanoseconds, this build",
				     .list_failed = list_failed, .csv = csv };
	struct replay_list list;
	const char *why;
	int ret;

	if (replay_list_open(blob, bytes, &list, &why)) {
		fprintf(stderr, "replay: %s\n", why);
		return 2;
	}
	cfg.scratch_bytes = list.hdr->scratch_bytes;
	cfg.scratch = malloc(cfg.scratch_bytes);
	cfg.arena_bytes = replay_arena_bytes(&list);
	cfg.arena = malloc(cfg.arena_bytes);
	if (!cfg.scratch || !cfg.arena) {
		fprintf(stderr, "replay: out of memory\n");
		free(cfg.scratch);
		free(cfg.arena);
		return 2;
	}
	ht_redirect(replay_va, replay_pa, replay_message);
	ret = replay_run(&list, &cfg);
	ht_redirect(NULL, NULL, NULL);
	free(cfg.scratch);
	free(cfg.arena);
	return ret < 0 ? 2 : ret;
}

int main(int argc, char **argv)
{
	const char *dtb_path = NULL, *ops_path = NULL, *log_path = NULL;
	bool time = false, list_failed = false, csv = false;
	struct replay_output out = { 0 };
	struct dtb_info dtb = { 0 };
	char err[512], name[128];
	size_t log_bytes, dtb_bytes, blob_bytes;
	char *log, *dtb_blob = NULL;
	void *blob = NULL;
	int ret = 2;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dtb") && i + 1 < argc)
			dtb_path = argv[++i];
		else if (!strcmp(argv[i], "--ops") && i + 1 < argc)
			ops_path = argv[++i];
		else if (!strcmp(argv[i], "--time"))
			time = true;
		else if (!strcmp(argv[i], "--list-failed"))
			list_failed = true;
		else if (!strcmp(argv[i], "--csv"))
			csv = true;
		else if (argv[i][0] == '-' || log_path)
			usage();
		else
			log_path = argv[i];
	}
	if (!log_path)
		usage();

	log = read_file(log_path, &log_bytes);
	if (dtb_path) {
		dtb_blob = read_file(dtb_path, &dtb_bytes);
		if (replay_read_dtb(dtb_blob, dtb_bytes, &dtb, err, sizeof(err))) {
			fprintf(stderr, "replay: %s: %s\n", dtb_path, err);
			goto out;
		}
	}
	struct replay_input in = { name_of(log_path, name, sizeof(name)), log,
				   log_bytes, dtb_path ? &dtb : NULL };

	if (replay_build(&in, &out, err, sizeof(err))) {
		fprintf(stderr, "replay: %s: %s\n", log_path, err);
		goto out;
	}
	blob = replay_blob(&out, &blob_bytes);
	if (!blob)
		fprintf(stderr, "replay: out of memory\n");
	else if (ops_path)
		ret = write_ops(ops_path, blob, blob_bytes);
	else
		ret = run_here(blob, blob_bytes, time, list_failed, csv);
out:
	free(blob);
	replay_free_output(&out);
	replay_free_dtb(&dtb);
	free(dtb_blob);
	free(log);
	return ret;
}
