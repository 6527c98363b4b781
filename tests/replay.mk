# The replay of real boots (issue 12): tools/replay on the host, the
# payload's replay in QEMU, and their tests.  Included by the top
# Makefile, which defines HOST_CC, HOST_CFLAGS, SANITIZE, MM_HOST_SRCS,
# MM_HOST_HDRS, HOST_BUILD, BUILD, KERNEL, QEMU, FW_jump, DTBINFO and
# RUN_QEMU (tools/run-qemu.sh), and exports DTB.
#
#   make replay LOG=file [DTB=file]   a kernel's memblock=debug log (and
#                          the tree it booted with) replayed in the payload
#                          under QEMU -icount: the report, with instruction
#                          counts; REPLAY_MEM is the payload's guest memory
#   make replay-test       the engine's and parser's unit tests
#                          (tests/replay_tool/unit.c), then the saved logs
#                          in tests/replay/ under every combination on the
#                          host, hostile logs, and replays in QEMU
#                          (tests/replay_tool/run.sh)
#   make replay-tool       $(RP_TOOL) only
#   make fuzz-replay       libFuzzer on the log reader and the engine for
#                          FUZZ_SECONDS (make fuzz runs it; replay-test
#                          builds it)
#
# LOG and DTB reach the shell through the environment, never through a
# recipe's text.  Variables are RP_-prefixed so that nothing clashes.

LOG        ?=
REPLAY_MEM ?= 256M
export LOG

RP_TOOL      := $(HOST_BUILD)/replay
RP_ENGINE    := $(wildcard bench/replay/*.c)
RP_HDRS      := $(wildcard bench/replay/*.h) tools/replay/host.h tools/replay/build.h
RP_PARSE_SRCS := tools/replay/line.c tools/replay/log.c tools/replay/ops.c \
		 tools/replay/start.c tools/replay/dtb.c
RP_TOOL_SRCS := tools/replay/replay.c $(RP_PARSE_SRCS) $(RP_ENGINE) $(MM_HOST_SRCS)
RP_CFLAGS    := $(HOST_CFLAGS) $(SANITIZE) -O1
RP_UNIT      := $(HOST_BUILD)/replay_unit
# The unit test names mm/'s callers with dladdr(): its symbols exported.
RP_UNIT_SRCS := tests/replay_tool/unit.c $(RP_PARSE_SRCS) $(RP_ENGINE) \
		$(MM_HOST_SRCS) tests/common/ht.c
RP_FUZZ      := $(HOST_BUILD)/fuzz_replay
RP_FUZZ_SEEDS := tests/replay/virt-128m.log,tests/replay/virt-1g-numa2.log,$\
		tests/replay/memreserve-123.log
RP_OUT       := $(BUILD)/replay
# make bench's replay workloads: tools/bench.sh runs tools/replay_bench.sh
RP_BENCH_ENV := BENCH_EXTRA=tools/replay_bench.sh REPLAY=$(RP_TOOL) \
		KERNEL=$(KERNEL) REPLAY_MEM=$(REPLAY_MEM)
RP_OPS       := $(RP_OUT)/replay.ops

.PHONY: replay replay-run replay-tool replay-test fuzz-replay

replay-tool: $(RP_TOOL)

$(RP_TOOL): $(RP_TOOL_SRCS) $(RP_HDRS) $(MM_HOST_HDRS) tests/replay.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(RP_CFLAGS) -o $@ $(RP_TOOL_SRCS) -lfdt

$(RP_UNIT): $(RP_UNIT_SRCS) $(RP_HDRS) $(MM_HOST_HDRS) tests/common/ht.h \
	    tests/replay.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(RP_CFLAGS) -Imm -Itests/common -rdynamic -o $@ \
		$(RP_UNIT_SRCS) -lfdt

$(RP_FUZZ): tests/replay_tool/fuzz_log.c $(RP_PARSE_SRCS) $(RP_ENGINE) \
	    $(MM_HOST_SRCS) $(RP_HDRS) $(MM_HOST_HDRS) tests/replay.mk Makefile | need-clang
	@mkdir -p $(@D)
	$(HOST_CLANG) $(HOST_CFLAGS) $(FUZZ_SANITIZE) -O1 -o $@ \
		tests/replay_tool/fuzz_log.c $(RP_PARSE_SRCS) $(RP_ENGINE) \
		$(MM_HOST_SRCS) -lfdt

# What it finds goes to $(HOST_BUILD)/fuzz-replay-corpus, failing inputs
# to $(HOST_BUILD)/fuzz-replay-*; the reports go nowhere (stdout closed).
fuzz-replay: $(RP_FUZZ)
	@mkdir -p $(HOST_BUILD)/fuzz-replay-corpus
	$(call fuzz_run,fuzz-replay,$(RP_FUZZ)) \
		-timeout=$(FUZZ_TIMEOUT) \
		-close_fd_mask=1 -max_len=65536 -seed_inputs=$(RP_FUZZ_SEEDS) \
		-artifact_prefix=$(HOST_BUILD)/fuzz-replay- $(HOST_BUILD)/fuzz-replay-corpus

replay: deps
	@$(MAKE) --no-print-directory replay-run

# The host reads the log (a log it cannot read stops here, with one line
# naming the line), the payload replays the op list QEMU loads as its
# initrd; the payload's status is the replay's verdict.
replay-run: build $(RP_TOOL) $(DTBINFO)
	@test -n "$$LOG" || { echo "make replay: which log? make replay LOG=file.log [DTB=file.dtb]" >&2; exit 2; }
	@mkdir -p $(RP_OUT)
	@$(RP_TOOL) $${DTB:+--dtb "$$DTB"} --ops $(RP_OPS) "$$LOG"
	@MEM=$(REPLAY_MEM) MEM_VAR=REPLAY_MEM SMP=1 FW=jump DTB= INITRD=$(RP_OPS) ICOUNT=1 \
	BOOT=opensbi MACHINE=virt BENCH=off MEMBLOCK_DEBUG=0 BOOTARGS= $(RUN_QEMU)

replay-test: build $(RP_TOOL) $(RP_UNIT) $(RP_FUZZ)
	$(RP_UNIT)
	QEMU=$(QEMU) FIRMWARE=$(FW_jump) KERNEL=$(KERNEL) REPLAY=$(RP_TOOL) \
	OUT=$(RP_OUT)/test tests/replay_tool/run.sh
