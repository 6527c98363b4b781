# The replay of real boots (issue 12): tools/replay on the host, the
# payload's replay in QEMU, and their tests.  Included by the top
# Makefile, which defines HOST_CC, HOST_CFLAGS, SANITIZE, MM_HOST_SRCS,
# MM_HOST_HDRS, HOST_BUILD, QEMU, FW_jump and KERNEL.
#
#   make replay LOG=file [DTB=file]   replay a memblock=debug log in the
#                          payload under QEMU -icount: the report with
#                          instruction counts (REPLAY_MEM: guest memory)
#   make replay-test       the saved logs in tests/replay/ under every
#                          combination on the host, hostile logs, the
#                          engine's unit tests, and one replay in QEMU
#   make replay-tool       $(RP_TOOL) only
#
# Variables are RP_-prefixed so that nothing clashes with the other fragments.

LOG        ?=
REPLAY_MEM ?= 256M

RP_TOOL      := $(HOST_BUILD)/replay
RP_ENGINE    := $(wildcard replay/*.c)
RP_HDRS      := $(wildcard replay/*.h) tools/replay_host.h
RP_TOOL_SRCS := tools/replay.c tools/replay_line.c tools/replay_log.c \
		tools/replay_dtb.c $(RP_ENGINE) $(MM_HOST_SRCS)
RP_CFLAGS    := $(HOST_CFLAGS) $(SANITIZE) -O1
RP_OUT       := $(BUILD)/replay

.PHONY: replay replay-run replay-tool replay-test

replay-tool: $(RP_TOOL)

$(RP_TOOL): $(RP_TOOL_SRCS) $(RP_HDRS) $(MM_HOST_HDRS) tests/replay.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(RP_CFLAGS) -o $@ $(RP_TOOL_SRCS) -lfdt

replay: deps
	@$(MAKE) --no-print-directory replay-run

replay-run: build $(RP_TOOL)
	@test -n "$(LOG)" || { echo "make replay: say which log: make replay LOG=file.log [DTB=file.dtb]" >&2; exit 2; }
	QEMU=$(QEMU) FIRMWARE=$(FW_jump) MEM=$(REPLAY_MEM) OUT=$(RP_OUT) \
	tools/replay.sh $(KERNEL) $(RP_TOOL) "$(LOG)" "$(DTB)"

replay-test: build $(RP_TOOL)
	QEMU=$(QEMU) FIRMWARE=$(FW_jump) KERNEL=$(KERNEL) REPLAY=$(RP_TOOL) \
	OUT=$(RP_OUT)/test tests/replay_tool/run.sh
