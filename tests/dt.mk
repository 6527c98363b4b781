# Tests of platform/dt.c, the device tree side (issue 6): host tests with
# the real mm/, big trees booted in QEMU, and the libFuzzer target.
# Included by the top Makefile, which defines HOST_CC, HOST_CLANG,
# HOST_CFLAGS, SANITIZE, FUZZ_SANITIZE and HOST_BUILD.
#
#   make platform-test     tests/unit_platform (dtc-compiled trees, the
#                          system libfdt), then fuzz-dt-replay: every input
#                          of tests/dt_fuzz/corpus once
#   make gendtb            $(HOST_BUILD)/gendtb (tools/gendtb.c, system libfdt)
#   make dt-big-test       boot trees of 1,000 regions of each kind and check
#                          the dump against the tree (part of qemu-test;
#                          BIG=1: 10,000 as well, a few minutes)
#   make fuzz-dt           libFuzzer on platform/dt.c for FUZZ_SECONDS
#
# Variables are DT_-prefixed so nothing clashes with the other fragments.

GENDTB     := $(HOST_BUILD)/gendtb
DT_CHECK   := $(HOST_BUILD)/dtcheck
DT_TEST    := $(HOST_BUILD)/dt_test
DT_FUZZ    := $(HOST_BUILD)/fuzz_dt
BIG        ?= 0

DT_CFLAGS      := $(HOST_CFLAGS) $(SANITIZE) -O1
DT_FUZZ_CFLAGS := $(HOST_CFLAGS) $(FUZZ_SANITIZE) -O1

# What tests/unit_platform and the fuzzer link: dt.c with the real mm/.
DT_MM_SRCS  := platform/dt.c platform/dt_check.c $(MM_HOST_SRCS)
DT_MM_DEPS  := $(DT_MM_SRCS) $(MM_HOST_HDRS) platform/dt.h platform/dt_check.h \
	       tests/dt.mk Makefile

.PHONY: platform-test gendtb dt-big-test fuzz-dt fuzz-dt-build fuzz-dt-replay

# Then the fuzz corpus, each input once (a crash or a hang fails): the fuzz
# target is built and run, so that it cannot rot.
platform-test: $(DT_TEST) $(DT_FUZZ)
	$(DT_TEST)
	@$(MAKE) --no-print-directory fuzz-dt-replay

$(DT_TEST): tests/unit_platform/dt_test.c $(DT_MM_DEPS)
	@mkdir -p $(@D)
	$(HOST_CC) $(DT_CFLAGS) -o $@ $< $(DT_MM_SRCS) -lfdt

gendtb: $(GENDTB)

$(GENDTB): tools/gendtb.c tests/dt.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(DT_CFLAGS) -o $@ $< -lfdt

$(DT_CHECK): tools/dtcheck.c tests/dt.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(DT_CFLAGS) -o $@ $< -lfdt

dt-big-test: build $(GENDTB) $(DT_CHECK)
	QEMU=$(QEMU) OPENSBI_DIR=$(OPENSBI_DIR) KERNEL=$(KERNEL) \
	GENDTB=$(GENDTB) DTCHECK=$(DT_CHECK) BIG=$(BIG) tests/qemu/big.sh

# ---- libFuzzer target of platform/dt.c (tests/dt_fuzz) ----------------------
# Seeds in tests/dt_fuzz/corpus (small trees from the tests above); what the
# fuzzer finds goes to $(HOST_BUILD)/fuzz-dt-corpus, failing inputs to
# $(HOST_BUILD)/fuzz-dt-*.  `make fuzz` runs it too.
fuzz-dt-build: $(DT_FUZZ)

$(DT_FUZZ): tests/dt_fuzz/fuzz_dt.c $(DT_MM_DEPS) | need-clang
	@mkdir -p $(@D)
	$(HOST_CLANG) $(DT_FUZZ_CFLAGS) -o $@ $< $(DT_MM_SRCS) -lfdt

fuzz-dt: $(DT_FUZZ)
	@mkdir -p $(HOST_BUILD)/fuzz-dt-corpus
	$(call fuzz_run,fuzz-dt,$(DT_FUZZ)) \
		-timeout=$(FUZZ_TIMEOUT) \
		-artifact_prefix=$(HOST_BUILD)/fuzz-dt- \
		$(HOST_BUILD)/fuzz-dt-corpus tests/dt_fuzz/corpus

fuzz-dt-replay: $(DT_FUZZ)
	$(call fuzz_replay,$(DT_FUZZ),tests/dt_fuzz/corpus)
