# Device trees at scale and under attack (issue 6): gendtb, the big-tree
# boots, and the libFuzzer target of platform/dt.c.  Included by the top
# Makefile.
#
#   make gendtb            build/host/gendtb (tools/gendtb.c, system libfdt)
#   make dt-big-test       boot trees of 1,000 regions of each kind and check
#                          the dump against the tree (part of `make test`;
#                          BIG=1: 10,000 as well, a few minutes)
#   make fuzz-dt           libFuzzer on platform/dt.c for FUZZ_SECONDS
#   make run ICOUNT=1      QEMU -icount shift=0: rdinstret counts instructions
#
# Variables are DT_-prefixed so nothing clashes with the other fragments.

DT_CC      ?= gcc
DT_CLANG   ?= clang
DT_BUILD   := build/host
GENDTB     := $(DT_BUILD)/gendtb
DT_CHECK   := $(DT_BUILD)/dtcheck
BIG        ?= 0
ICOUNT     ?= 0

export ICOUNT		# tools/run-qemu.sh: -icount shift=0

DT_CFLAGS += -std=gnu11 -O1 -g
DT_CFLAGS += -Wall -Wextra -Werror
DT_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: gendtb dt-big-test

gendtb: $(GENDTB)

$(GENDTB): tools/gendtb.c tests/dt.mk
	@mkdir -p $(@D)
	$(DT_CC) $(DT_CFLAGS) -o $@ $< -lfdt

$(DT_CHECK): tools/dtcheck.c tests/dt.mk
	@mkdir -p $(@D)
	$(DT_CC) $(DT_CFLAGS) -o $@ $< -lfdt

dt-big-test: build $(GENDTB) $(DT_CHECK)
	QEMU=$(QEMU) OPENSBI_DIR=$(OPENSBI_DIR) KERNEL=$(KERNEL) \
	GENDTB=$(GENDTB) DTCHECK=$(DT_CHECK) BIG=$(BIG) tests/qemu/big.sh

# The 1,000-region boots run with the QEMU tests in `make test`.
qemu-test: dt-big-test

# ---- libFuzzer target of platform/dt.c (tests/dt_fuzz) ----------------------
# Seeds in tests/dt_fuzz/corpus (small trees from the tests above); what the
# fuzzer finds goes to build/host/fuzz-dt-corpus, failing inputs to
# build/host/fuzz-dt-*.  `make fuzz` runs it too.
DEPS         += clang libclang-rt-14-dev
FUZZ_SECONDS ?= 60
DT_FUZZ      := $(DT_BUILD)/fuzz_dt
DT_FUZZ_SRCS := tests/dt_fuzz/fuzz_dt.c platform/dt.c platform/dt_check.c $(wildcard mm/*.c)
DT_FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I.
DT_FUZZ_CFLAGS += -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

.PHONY: fuzz-dt fuzz-dt-build

fuzz-dt-build: $(DT_FUZZ)

$(DT_FUZZ): $(DT_FUZZ_SRCS) $(wildcard platform/*.h mm/*.h) tests/dt.mk
	@mkdir -p $(@D)
	$(DT_CLANG) $(DT_FUZZ_CFLAGS) -o $@ $(DT_FUZZ_SRCS) -lfdt

fuzz-dt: $(DT_FUZZ)
	@mkdir -p $(DT_BUILD)/fuzz-dt-corpus
	$(DT_FUZZ) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(DT_BUILD)/fuzz-dt- \
		$(DT_BUILD)/fuzz-dt-corpus tests/dt_fuzz/corpus

fuzz: fuzz-dt

# Built (not run) by `make test`, so that it cannot rot.
platform-test: $(DT_FUZZ)
