# The chain trace (issue 15): the trace image, make run TRACE=..., the
# check that the other image has no trace code, and docs/chain.md.
# Included by the top Makefile after its build variables.
#
#   make run TRACE=chain   boot build/payload-trace.elf with memblock.trace=chain:
#                          the demo's allocations as call trees; TRACE=all:
#                          every allocation of the boot.  ICOUNT defaults to 1
#                          there (costs count instructions), BENCH to off (the
#                          trace image refuses to measure)
#   make trace-host-test   the unit tests with the trace points compiled in: every
#                          traced call returns through trace_memblock_ret() (host-test)
#   make trace-zero-cost   build/payload.elf's mm/ objects are those of mm/ with
#                          every trace point deleted (make bench runs it first)
#   make chain-doc         docs/chain.md from real runs (its text: docs/chain.md.in),
#                          and README.md's sample tree
#   make chain-doc-check   both are what the payload prints today
#
# build/payload-trace.elf is the same sources compiled with -DMEMBLOCK_TRACE,
# plus the tracer (payload/memblock_trace.c, trace_words.c), in $(BUILD)/trace.

TRACE ?= off
export TRACE

TRACE_KERNEL := $(BUILD)/payload-trace.elf
TRACE_SRCS   := $(SRCS) $(TRACER_SRCS)
TRACE_OBJS   := $(patsubst %,$(BUILD)/trace/%.o,$(basename $(TRACE_SRCS)))

# What make run boots (tools/run-qemu.sh adds memblock.trace=$(TRACE)).
ifeq ($(TRACE),off)
RUN_KERNEL := $(KERNEL)
else
RUN_KERNEL := $(TRACE_KERNEL)
# Unless given on the command line: the Makefile exports both, so a make
# run from another make sees its defaults in the environment.
ifneq ($(filter file environment,$(origin ICOUNT)),)
ICOUNT := 1
endif
ifneq ($(filter file environment,$(origin BENCH)),)
BENCH := off
endif
endif

.PHONY: trace trace-host-test trace-zero-cost chain-doc chain-doc-check

trace: $(TRACE_KERNEL)

$(BUILD)/trace/%.o: %.c | $(LIBFDT_CACHE)/.complete
	@mkdir -p $(@D)
	$(CROSS_CC) $(CROSS_CFLAGS) -DMEMBLOCK_TRACE -c -o $@ $<

$(BUILD)/trace/%.o: %.S
	@mkdir -p $(@D)
	$(CROSS_CC) $(CROSS_CFLAGS) -DMEMBLOCK_TRACE -c -o $@ $<

$(TRACE_OBJS): Makefile tools/trace.mk

-include $(TRACE_OBJS:.o=.d)

$(eval $(call link_payload,$(TRACE_KERNEL),$(TRACE_OBJS),$(BUILD)/trace))

# ---- The trace points pair up: the unit tests with them compiled in ------
# Every test under every strategy combination, with tests/common/trace_check.c
# as the tracer: each traced call returns through trace_memblock_ret().
HT_TRACED := $(HOST_BUILD)/unit_tests_traced

$(HT_TRACED): $(HT_UNIT_SRCS) $(HT_UNIT_HDRS) $(HT_DEPS_COMMON) \
	      tests/common/trace_check.c tools/trace.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(HT_UNIT_CFLAGS) -DMEMBLOCK_TRACE -Itests/unit -o $@ \
		$(HT_UNIT_SRCS) $(HT_COMMON_SRCS) $(HT_MM_SRCS) tests/common/trace_check.c

trace-host-test: $(HT_TRACED)
	$(HT_TRACED)

# ---- Zero cost: mm/ without its trace points is the image's mm/ ----------
trace-zero-cost: $(KERNEL) $(TRACE_KERNEL) tools/strip-trace.awk tools/trace-zero-cost.sh
	CROSS_CC=$(CROSS_CC) OBJCOPY=$(CROSS_OBJCOPY) NM=$(CROSS_NM) \
	tools/trace-zero-cost.sh $(BUILD) "$(CROSS_CFLAGS)"

# ---- docs/chain.md, from real runs ----------------------------------------
# Five boots under -icount through tools/run-qemu.sh (about 15 s).
CHAIN_DOC = NM=$(CROSS_NM) DTBINFO=$(DTBINFO) tools/chain-doc.sh \
	$(TRACE_KERNEL) $(KERNEL) docs/chain.md.in
CHAIN_DOC_DEPS := $(TRACE_KERNEL) $(KERNEL) $(DTBINFO) docs/chain.md.in \
	tools/chain-doc.sh tools/run-qemu.sh tools/readme-block.sh \
	tools/chain-sample.sh

# README.md's sample tree (tools/chain-sample.sh): a run of make run TRACE=chain.
CHAIN_SAMPLE = tools/chain-sample.sh $(1) README.md $(BUILD)/chain/readme-sample.md

chain-doc: $(CHAIN_DOC_DEPS)
	$(CHAIN_DOC) docs/chain.md $(BUILD)/chain
	$(call CHAIN_SAMPLE,write)

chain-doc-check: $(CHAIN_DOC_DEPS)
	$(CHAIN_DOC) $(BUILD)/chain/chain.md $(BUILD)/chain
	@cmp -s docs/chain.md $(BUILD)/chain/chain.md || { \
		echo "docs/chain.md is not what the payload prints today:"; \
		diff -u docs/chain.md $(BUILD)/chain/chain.md | head -40; \
		echo "run \`make chain-doc\` and commit docs/chain.md"; exit 1; }
	@$(call CHAIN_SAMPLE,check)
	@echo "docs/chain.md and README.md's sample: what the payload prints today"
