# Host tests of mm/: unit tests, the differential test against the reference
# model, and the libFuzzer target.  Included by the top Makefile; also works
# alone from the repository root:
#
#   make -f tests/host.mk host-test       unit + differential tests, and
#                                         the fuzz corpus replayed
#   make -f tests/host.mk fuzz            libFuzzer for FUZZ_SECONDS
#
# Knobs:
#   DIFF_OPS=1000000   operations per strategy combination in the
#                      differential test, ~40 s for all six combinations on
#                      this 2-core machine (make test DIFF_OPS=100000000 for
#                      a long run: about an hour)
#   DIFF_SEED=1        its first seed
#   FUZZ_SECONDS=60    how long `make fuzz` runs each target (a hard bound:
#                      a run that overstays it by 30 s is stopped, and fails)
#   FUZZ_TIMEOUT=5     seconds one input may take: longer is a finding (hang)
#   FUZZ_MAX_LEN=1024  longest input fuzz_memblock tries, in bytes
#   HT_CC=gcc          host compiler of the unit and differential tests
#   HT_CLANG=clang     compiler of the fuzz target (needs libFuzzer)
#
# Everything is built into build/host/.  Variables are HT_-prefixed so that
# nothing here clashes with the top Makefile (whose CC/CFLAGS are not used).

HT_CC        ?= gcc
HT_CLANG     ?= clang
DIFF_OPS     ?= 1000000
DIFF_SEED    ?= 1
FUZZ_SECONDS ?= 60
FUZZ_TIMEOUT ?= 5
FUZZ_MAX_LEN ?= 1024
HT_BUILD     := build/host

# clang and its libFuzzer runtime (libclang_rt.fuzzer), for the top
# Makefile's `make deps`.
DEPS += clang libclang-rt-14-dev

# ---- Flags, one concern per line -----------------------------------------
HT_CFLAGS += -std=gnu11 -g
HT_CFLAGS += -Wall -Wextra -Werror
HT_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
HT_CFLAGS += -fno-omit-frame-pointer
HT_CFLAGS += -Imm -Itests/common -Itests/model

# Unit tests: -O1 keeps them quick to build and to debug.
HT_UNIT_CFLAGS := $(HT_CFLAGS) -O1
# The differential test runs 10^6+ operations per combination: optimise.
HT_DIFF_CFLAGS := $(HT_CFLAGS) -O2
# libFuzzer wants clang's coverage instrumentation.
HT_FUZZ_CFLAGS := $(filter-out -fsanitize=%,$(HT_CFLAGS)) -O1
HT_FUZZ_CFLAGS += -fsanitize=fuzzer,address,undefined

# ---- Sources --------------------------------------------------------------
HT_MM_SRCS     := $(wildcard mm/*.c)
HT_MM_HDRS     := $(wildcard mm/*.h)
HT_COMMON_SRCS := tests/common/env.c tests/common/ht.c
HT_COMMON_HDRS := $(wildcard tests/common/*.h)
HT_MODEL_SRCS  := tests/model/model.c tests/model/driver.c tests/model/ops.c
HT_MODEL_HDRS  := $(wildcard tests/model/*.h)
HT_UNIT_SRCS   := $(sort $(wildcard tests/unit/*.c))
HT_UNIT_HDRS   := $(wildcard tests/unit/*.h)

HT_UNIT := $(HT_BUILD)/unit_tests
HT_DIFF := $(HT_BUILD)/diff
HT_FUZZ := $(HT_BUILD)/fuzz_memblock

HT_DEPS_COMMON := $(HT_MM_SRCS) $(HT_MM_HDRS) $(HT_COMMON_SRCS) \
		  $(HT_COMMON_HDRS) tests/host.mk

# ---- Targets --------------------------------------------------------------
.PHONY: host-test host-unit host-diff host-build fuzz fuzz-replay ht-need-clang

# Build all three (the fuzz target too, so that it cannot rot), then run the
# unit and differential tests, and the regressions below.
host-test: host-build
	$(HT_UNIT)
	$(HT_DIFF) --ops $(DIFF_OPS) --seed $(DIFF_SEED)
	$(HT_DIFF) $(HT_DIFF_BUG_ON)
	@$(MAKE) --no-print-directory fuzz-replay

# Seed 9638 reaches Linux 4.12's BUG_ON at step 674 under every strategy
# combination: both arrays full, memblock_mark_mirror() doubles memory, and
# reserving the new array needs reserved doubled with no 8 KiB left.  mm/
# must panic there, as the model expects (issue 9).
HT_DIFF_BUG_ON := --seed 9638 --ops 700 --min-halts 6

host-build: $(HT_UNIT) $(HT_DIFF) $(HT_FUZZ)

host-unit: $(HT_UNIT)
	$(HT_UNIT)

host-diff: $(HT_DIFF)
	$(HT_DIFF) --ops $(DIFF_OPS) --seed $(DIFF_SEED)

# libFuzzer adds what it finds to build/host/fuzz-corpus; the committed seeds
# in tests/fuzz/corpus are only read.  A failing input (a crash, a difference
# from the model, or one that runs past FUZZ_TIMEOUT) lands in build/host/.
fuzz: $(HT_FUZZ)
	@mkdir -p $(HT_BUILD)/fuzz-corpus
	$(FUZZ_BOUND) $(HT_FUZZ) -max_total_time=$(FUZZ_SECONDS) \
		-timeout=$(FUZZ_TIMEOUT) -max_len=$(FUZZ_MAX_LEN) \
		-print_final_stats=1 -artifact_prefix=$(HT_BUILD)/ \
		$(HT_BUILD)/fuzz-corpus tests/fuzz/corpus

# libFuzzer's clock does not run while it loads its corpus: timeout(1) stops
# a run that overstays FUZZ_SECONDS by 30 s (status 124).
FUZZ_BOUND = timeout -k 10 $$(($(FUZZ_SECONDS) + 30))

# Every input of a committed corpus run once, as a regression: a crash or an
# input slower than FUZZ_TIMEOUT fails.  $(1): fuzzer, $(2): corpus folder.
# Whatever files the folder holds are taken.
define fuzz_replay
	@set --; for f in $(2)/*; do [ -f "$$f" ] && set -- "$$@" "$$f"; done; \
	[ $$# -gt 0 ] || { echo "$(2): no inputs" >&2; exit 1; }; \
	log=$(HT_BUILD)/$(notdir $(1))-replay.log; \
	if $(1) -timeout=$(FUZZ_TIMEOUT) "$$@" >$$log 2>&1; then \
		echo "$(notdir $(1)): $$# inputs of $(2) replayed, no finding"; \
	else \
		tail -40 $$log; \
		echo "$(notdir $(1)): $$(sed -n 's/^Running: //p' $$log | tail -1) failed (log: $$log)" >&2; \
		exit 1; \
	fi
endef

fuzz-replay: $(HT_FUZZ)
	$(call fuzz_replay,$(HT_FUZZ),tests/fuzz/corpus)

# clang, and its libFuzzer runtime (a separate Debian package).
ht-need-clang:
	@command -v $(HT_CLANG) >/dev/null 2>&1 || { \
		echo "host-test: $(HT_CLANG) not found: run \`make deps\` (Debian: clang libclang-rt-14-dev)" >&2; \
		exit 1; }
	@test -e "$$($(HT_CLANG) -print-runtime-dir)/libclang_rt.fuzzer-$$(uname -m).a" || { \
		echo "host-test: no libFuzzer runtime for $(HT_CLANG): run \`make deps\` (Debian: libclang-rt-14-dev)" >&2; \
		exit 1; }

$(HT_UNIT): $(HT_UNIT_SRCS) $(HT_UNIT_HDRS) $(HT_DEPS_COMMON)
	@mkdir -p $(@D)
	$(HT_CC) $(HT_UNIT_CFLAGS) -Itests/unit -o $@ $(HT_UNIT_SRCS) \
		$(HT_COMMON_SRCS) $(HT_MM_SRCS)

$(HT_DIFF): tests/model/diff.c $(HT_MODEL_SRCS) $(HT_MODEL_HDRS) $(HT_DEPS_COMMON)
	@mkdir -p $(@D)
	$(HT_CC) $(HT_DIFF_CFLAGS) -o $@ tests/model/diff.c $(HT_MODEL_SRCS) \
		$(HT_COMMON_SRCS) $(HT_MM_SRCS)

$(HT_FUZZ): tests/fuzz/fuzz_memblock.c $(HT_MODEL_SRCS) $(HT_MODEL_HDRS) \
	    $(HT_DEPS_COMMON) | ht-need-clang
	@mkdir -p $(@D)
	$(HT_CLANG) $(HT_FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_memblock.c \
		$(HT_MODEL_SRCS) $(HT_COMMON_SRCS) $(HT_MM_SRCS)
