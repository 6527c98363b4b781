# Host tests of mm/: unit tests, the differential test against the reference
# model, and the libFuzzer target.  Included by the top Makefile, which
# defines HOST_CC, HOST_CLANG, HOST_CFLAGS, SANITIZE and HOST_BUILD.
#
#   make host-test         unit + differential tests, the regressions below,
#                          and the fuzz corpus replayed (fuzz-mm-replay)
#   make fuzz-mm           libFuzzer on mm/ for FUZZ_SECONDS
#
# Knobs:
#   DIFF_OPS=1000000   operations per strategy combination in the
#                      differential test, ~40 s for all six combinations on
#                      this 2-core machine (make test DIFF_OPS=100000000 for
#                      a long run: about an hour)
#   DIFF_SEED=1        its first seed
#   FUZZ_SECONDS=60    how long each fuzz target runs
#   FUZZ_MAX_LEN=1024  the longest input fuzz-mm tries, in bytes (a burst of
#                      hundreds of regions costs a few: tests/model/ops.c)
#
# Variables are HT_-prefixed so that nothing clashes with the other fragments.

DIFF_OPS     ?= 1000000
DIFF_SEED    ?= 1
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 1024

# ---- Flags, one concern per line -----------------------------------------
HT_CFLAGS += $(HOST_CFLAGS)
HT_CFLAGS += -Imm -Itests/common -Itests/model

# Unit tests: -O1 keeps them quick to build and to debug.
HT_UNIT_CFLAGS := $(HT_CFLAGS) $(SANITIZE) -O1
# The differential test runs 10^6+ operations per combination: optimise.
HT_DIFF_CFLAGS := $(HT_CFLAGS) $(SANITIZE) -O2
HT_FUZZ_CFLAGS := $(HT_CFLAGS) $(FUZZ_SANITIZE) -O1
# Compare tracing feeds compared values back into the input, but this
# input's bytes are choices, not addresses: measured, the same coverage in
# 45 s without it, and half as many inputs again.
HT_FUZZ_CFLAGS += -fno-sanitize-coverage=trace-cmp

# ---- Sources --------------------------------------------------------------
HT_MM_SRCS     := $(MM_HOST_SRCS)
HT_MM_HDRS     := $(MM_HOST_HDRS)
HT_COMMON_SRCS := tests/common/ht.c
HT_COMMON_HDRS := tests/common/ht.h
HT_MODEL_SRCS  := tests/model/model.c tests/model/driver.c tests/model/ops.c
HT_MODEL_HDRS  := $(wildcard tests/model/*.h)
HT_UNIT_SRCS   := $(sort $(wildcard tests/unit/*.c))
HT_UNIT_HDRS   := $(wildcard tests/unit/*.h)

HT_UNIT := $(HOST_BUILD)/unit_tests
HT_DIFF := $(HOST_BUILD)/diff
HT_FUZZ := $(HOST_BUILD)/fuzz_memblock

HT_DEPS_COMMON := $(HT_MM_SRCS) $(HT_MM_HDRS) $(HT_COMMON_SRCS) \
		  $(HT_COMMON_HDRS) tests/host.mk Makefile

# ---- Targets --------------------------------------------------------------
.PHONY: host-test host-unit host-diff host-build fuzz-mm fuzz-mm-replay

# Build all three (the fuzz target too, so that it cannot rot), then run the
# unit and differential tests, and the regressions below; first the unit
# tests with the trace points compiled in (tools/trace.mk).
host-test: host-build trace-host-test
	$(HT_UNIT)
	$(HT_DIFF) --ops $(DIFF_OPS) --seed $(DIFF_SEED)
	$(HT_DIFF) $(HT_DIFF_BUG_ON)
	@$(MAKE) --no-print-directory fuzz-mm-replay

# Seed 57388 reaches Linux 4.12's BUG_ON at step 885 under every strategy
# combination: both arrays full, adding memory doubles the memory array,
# and reserving the new array needs the reserved array doubled with no room
# left (issue 9's case; it was seed 9638 before the bootmem operations
# joined the draw).  mm/ must panic there, as the model expects.
HT_DIFF_BUG_ON := --seed 57388 --ops 890 --min-halts 6

host-build: $(HT_UNIT) $(HT_DIFF) $(HT_FUZZ)

host-unit: $(HT_UNIT)
	$(HT_UNIT)

host-diff: $(HT_DIFF)
	$(HT_DIFF) --ops $(DIFF_OPS) --seed $(DIFF_SEED)

# libFuzzer adds what it finds to $(HOST_BUILD)/fuzz-corpus; the committed
# seeds in tests/fuzz/corpus are only read.  A failing input (a crash, a
# difference from the model, or one slower than FUZZ_TIMEOUT) lands in
# $(HOST_BUILD)/.
fuzz-mm: $(HT_FUZZ)
	@mkdir -p $(HOST_BUILD)/fuzz-corpus
	$(call fuzz_run,fuzz-mm,$(HT_FUZZ)) \
		-timeout=$(FUZZ_TIMEOUT) -max_len=$(FUZZ_MAX_LEN) \
		-artifact_prefix=$(HOST_BUILD)/ \
		$(HOST_BUILD)/fuzz-corpus tests/fuzz/corpus

fuzz-mm-replay: $(HT_FUZZ)
	$(call fuzz_replay,$(HT_FUZZ),tests/fuzz/corpus)

$(HT_UNIT): $(HT_UNIT_SRCS) $(HT_UNIT_HDRS) $(HT_DEPS_COMMON)
	@mkdir -p $(@D)
	$(HOST_CC) $(HT_UNIT_CFLAGS) -Itests/unit -o $@ $(HT_UNIT_SRCS) \
		$(HT_COMMON_SRCS) $(HT_MM_SRCS)

$(HT_DIFF): tests/model/diff.c $(HT_MODEL_SRCS) $(HT_MODEL_HDRS) $(HT_DEPS_COMMON)
	@mkdir -p $(@D)
	$(HOST_CC) $(HT_DIFF_CFLAGS) -o $@ tests/model/diff.c $(HT_MODEL_SRCS) \
		$(HT_COMMON_SRCS) $(HT_MM_SRCS)

$(HT_FUZZ): tests/fuzz/fuzz_memblock.c $(HT_MODEL_SRCS) $(HT_MODEL_HDRS) \
	    $(HT_DEPS_COMMON) | need-clang
	@mkdir -p $(@D)
	$(HOST_CLANG) $(HT_FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_memblock.c \
		$(HT_MODEL_SRCS) $(HT_COMMON_SRCS) $(HT_MM_SRCS)
