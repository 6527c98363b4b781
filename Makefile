# memblock-rv: Linux 4.12's memblock, built from the device tree by an
# S-mode RISC-V payload under OpenSBI in QEMU virt.  `make help` for more.
#
# `make` only builds.  run, debug, test and bench first install what is
# missing (make deps).  The payload is cross-built with CROSS_CC and
# CROSS_CFLAGS; host tools and tests with HOST_CC and HOST_CFLAGS into
# HOST_BUILD, by the fragments included below, each owning its targets.

.DEFAULT_GOAL := all

BUILD      := build
HOST_BUILD := $(BUILD)/host
KERNEL     := $(BUILD)/payload.elf

# ---- What `make run` boots: QEMU virt, 128 MiB, one hart, fw_jump ------
# BOOT=uboot puts U-Boot between OpenSBI and the payload (256 MiB: its
# distro boot loads boot.scr at 0x8c100000); MACHINE=sifive_u needs 2 harts
# (hart 0 is the E51, without S-mode).
BOOT           ?= opensbi
MACHINE        ?= virt
MEM            ?= $(if $(filter uboot,$(BOOT)),256M,128M)
SMP            ?= $(if $(filter sifive_u,$(MACHINE)),2,1)
FW             ?= jump
DTB            ?=
BOOTARGS       ?=
MEMBLOCK_DEBUG ?= 0
ICOUNT         ?= 0
QUICK          ?= 0
REPS           ?= 5
GDBPORT        ?= 1234

# ---- Debian packages the project needs (make deps) ----------------------
DEPS += gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
DEPS += picolibc-riscv64-unknown-elf
DEPS += qemu-system-misc opensbi
DEPS += device-tree-compiler libfdt-dev
DEPS += gdb-multiarch
DEPS += u-boot-qemu u-boot-tools mtools
DEPS += gnuplot-nox
DEPS += gcc make xz-utils
DEPS += clang libclang-rt-14-dev

# ---- Cross toolchain: riscv64-unknown-elf-, or say how to get it --------
TOOLPREFIX ?= $(shell command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 && echo riscv64-unknown-elf-)
need_toolchain = $(if $(TOOLPREFIX),,$(error riscv64-unknown-elf-gcc not found: run `make deps` (or set TOOLPREFIX=...)))
CROSS_CC      = $(need_toolchain)$(TOOLPREFIX)gcc
CROSS_AR      = $(need_toolchain)$(TOOLPREFIX)ar
CROSS_OBJDUMP = $(need_toolchain)$(TOOLPREFIX)objdump
CROSS_OBJCOPY = $(need_toolchain)$(TOOLPREFIX)objcopy
CROSS_NM      = $(need_toolchain)$(TOOLPREFIX)nm

# ---- libfdt: Linux 6.1's scripts/dtc/libfdt, fetched once per machine ---
LIBFDT_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/memblock-rv/libfdt
LIBFDT_SRCS  := fdt.c fdt_ro.c fdt_strerror.c fdt_addresses.c
LIBFDT_OBJS  := $(addprefix $(BUILD)/libfdt/,$(LIBFDT_SRCS:.c=.o))
LIBFDT_A     := $(BUILD)/libfdt.a
# make deps fetches every part of linux-source-6.1 the project uses at
# once (tools/fetch-linux-source.sh DIR=ROOT[:SUB,...]): one download.
LINUX_SOURCE_PARTS += $(LIBFDT_CACHE)=scripts/dtc/libfdt

# ---- Payload flags, one concern per line --------------------------------
CROSS_CFLAGS += -march=rv64imac -mabi=lp64 -mcmodel=medany
CROSS_CFLAGS += --specs=picolibc.specs
CROSS_CFLAGS += -ffreestanding -fno-common
CROSS_CFLAGS += -O2 -g
CROSS_CFLAGS += -ffunction-sections -fdata-sections
CROSS_CFLAGS += -Wall -Wextra -Werror
CROSS_CFLAGS += -MMD -MP
CROSS_CFLAGS += -I. -I$(LIBFDT_CACHE)

# libfdt is third-party: no -Werror, so a newer copy cannot break the build.
LIBFDT_CFLAGS := $(filter-out -Werror,$(CROSS_CFLAGS))

CROSS_LDFLAGS += -nostartfiles
CROSS_LDFLAGS += -T payload/payload.ld
CROSS_LDFLAGS += -Wl,--gc-sections

# The tracer goes only into the trace image (tools/trace.mk).
TRACER_SRCS := payload/memblock_trace.c payload/trace_words.c
SRCS := $(filter-out $(TRACER_SRCS),\
	$(wildcard payload/*.S payload/*.c platform/*.c mm/*.c bench/*.c bench/replay/*.c))
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

# link_payload ELF,OBJS,DIR: the payload ELF from OBJS in two links, the
# intermediates in DIR.  The first has an empty symbol table, whose
# function symbols become the table of the second (memblock=debug names
# callers with it).  The table is linked last, after the stack, so nothing
# else moves: the check after the second link makes sure.  Build rules
# below ($(KERNEL)) and tools/trace.mk (the trace image) use it.
define link_payload
$(3)/payload.pass1.elf: $(2) $(BUILD)/symbols0.o $(LIBFDT_A) payload/payload.ld
	$$(CROSS_CC) $$(CROSS_CFLAGS) $$(CROSS_LDFLAGS) -o $$@ $(2) $(BUILD)/symbols0.o $(LIBFDT_A)

$(3)/symbols.c: $(3)/payload.pass1.elf tools/symbols.sh
	tools/symbols.sh $$(CROSS_NM) $$< $$@

$(3)/symbols.o: $(3)/symbols.c
	$$(CROSS_CC) $$(CROSS_CFLAGS) -c -o $$@ $$<

$(1): $(3)/payload.pass1.elf $(3)/symbols.o
	$$(CROSS_CC) $$(CROSS_CFLAGS) $$(CROSS_LDFLAGS) -o $$@ $(2) $(3)/symbols.o $(LIBFDT_A)
	@$$(CROSS_NM) -n $(3)/payload.pass1.elf | grep -v -e payload_ -e " _end$$$$" >$(3)/pass1.nm
	@$$(CROSS_NM) -n $$@ | grep -v -e payload_ -e " _end$$$$" >$(3)/pass2.nm
	@cmp -s $(3)/pass1.nm $(3)/pass2.nm || \
		{ echo "payload: the symbol table moved other symbols"; rm -f $$@; exit 1; }
endef

# ---- Host tools and tests, one concern per line -------------------------
HOST_CC    ?= gcc
HOST_CLANG ?= clang
HOST_CFLAGS += -std=gnu11 -g
HOST_CFLAGS += -Wall -Wextra -Werror
HOST_CFLAGS += -I.
# Host tests run under ASan and UBSan and stop at the first report.
SANITIZE      := -fsanitize=address,undefined -fno-sanitize-recover=all
SANITIZE      += -fno-omit-frame-pointer
# libFuzzer targets (HOST_CLANG): its instrumentation, the same sanitizers.
FUZZ_SANITIZE := -fsanitize=fuzzer $(SANITIZE)
# Seconds one fuzz input may run: longer is a finding (a hang), not a wait.
FUZZ_TIMEOUT ?= 5
# $(call fuzz_run,name,fuzzer): one bounded run of FUZZ_SECONDS, its
# outcome said in one line (tools/fuzz-run.sh).
fuzz_run = tools/fuzz-run.sh $(1) $(FUZZ_SECONDS) $(HOST_BUILD)/$(1).log $(2)
# $(call fuzz_replay,fuzzer,folder): every file in the folder run once, as a
# regression; a crash or an input slower than FUZZ_TIMEOUT fails and is
# named.  Whatever the folder holds when it runs is taken.
define fuzz_replay
	@set --; for f in $(2)/*; do [ -f "$$f" ] && set -- "$$@" "$$f"; done; \
	[ $$# -gt 0 ] || { echo "$(2): no inputs" >&2; exit 1; }; \
	log=$(HOST_BUILD)/$(notdir $(1))-replay.log; \
	if $(1) -timeout=$(FUZZ_TIMEOUT) "$$@" >$$log 2>&1; then \
		echo "$(notdir $(1)): $$# inputs of $(2) replayed, no finding"; \
	else \
		tail -40 $$log; \
		echo "$(notdir $(1)): $$(sed -n 's/^Running: //p' $$log | tail -1) failed (log: $$log)" >&2; \
		exit 1; \
	fi
endef
# mm/ as every host program links it: with its one host environment.
MM_HOST_SRCS := $(wildcard mm/*.c) tests/common/env.c
MM_HOST_HDRS := $(wildcard mm/*.h) tests/common/env.h

# ---- QEMU: tools/run-qemu.sh checks the settings and runs it -------------
QEMU        ?= qemu-system-riscv64
OPENSBI_DIR ?= /usr/lib/riscv64-linux-gnu/opensbi/generic
FW_jump     := $(OPENSBI_DIR)/fw_jump.elf
BENCH       ?= quick
DTBINFO     := $(HOST_BUILD)/dtbinfo
# The environment carries them to the script: no shell ever reads BOOTARGS.
export QEMU OPENSBI_DIR KERNEL FW DTB BOOTARGS MEMBLOCK_DEBUG BENCH ICOUNT
export BOOT MACHINE
# MEM and SMP go to QEMU's runs only: their defaults follow BOOT and
# MACHINE, which a make started from a recipe (the tests) must compute
# again, not inherit.
qemu qemu-gdb: export MEM := $(MEM)
qemu qemu-gdb: export SMP := $(SMP)
RUN_QEMU = KERNEL=$(RUN_KERNEL) NM=$(CROSS_NM) DTBINFO=$(DTBINFO) tools/run-qemu.sh

# ---- Host tests and tools, each fragment owning its targets ---------------
include tests/host.mk          # host-test, host-unit, host-diff, fuzz-mm
include tests/dt.mk            # platform-test, gendtb, dt-big-test, fuzz-dt
include tools/bench_report.mk  # bench-report, bench-report-test
include tests/linux.mk         # linux-test: Linux's own memblock tests
include tests/replay.mk        # replay, replay-test, replay-tool
include tools/boot.mk          # payload.bin, the U-Boot disk
include tools/trace.mk         # payload-trace.elf, trace-test, chain-doc

BENCH_HOST := $(HOST_BUILD)/bench_host
BENCH_HOST_SRCS := $(MM_HOST_SRCS) $(wildcard bench/*.c) tools/bench_host.c

# ---- Targets ------------------------------------------------------------
# run, debug, test and bench first install what is missing (make deps),
# then go on in a fresh make, which sees the toolchain deps may have added.

.PHONY: all build run qemu debug qemu-gdb test qemu-test fuzz need-clang
.PHONY: deps libfdt help clean bench bench-run

all: build

build: $(KERNEL) $(IMAGE) $(BUILD)/payload.asm $(BUILD)/payload.sym

run: deps
	@$(MAKE) --no-print-directory qemu

# tools/run-qemu.sh refuses a bad setting, a malformed tree or too little
# RAM before QEMU starts, and carries the payload's exit status.
# RUN_KERNEL: the trace image under TRACE=chain|all (tools/trace.mk).
qemu: build $(RUN_KERNEL) $(DTBINFO) $(if $(filter uboot,$(BOOT)),$(UBOOT_DISK))
	@$(RUN_QEMU)

debug: deps
	@$(MAKE) --no-print-directory qemu-gdb

qemu-gdb: build $(RUN_KERNEL) $(DTBINFO) $(if $(filter uboot,$(BOOT)),$(UBOOT_DISK))
	@echo "*** QEMU waits for gdb. In another terminal:"
	@echo "***   gdb-multiarch $(KERNEL) -ex 'target remote localhost:$(GDBPORT)'"
	@GDB_WAIT=$(GDBPORT) $(RUN_QEMU)

test: deps
	@$(MAKE) --no-print-directory host-test
	@$(MAKE) --no-print-directory linux-test
	@$(MAKE) --no-print-directory bench-report-test
	@$(MAKE) --no-print-directory platform-test
	@$(MAKE) --no-print-directory qemu-test
	@$(MAKE) --no-print-directory replay-test
	@$(MAKE) --no-print-directory trace-zero-cost
	@$(MAKE) --no-print-directory bench-fresh

# The QEMU tests, then the boots of 1,000-region trees (tests/dt.mk);
# tests/qemu/trace.sh boots the trace image and makes docs/chain.md afresh.
qemu-test: build dt-big-test $(UBOOT_DISK) $(DT_CHECK) $(TRACE_KERNEL) $(DTBINFO)
	QEMU=$(QEMU) OPENSBI_DIR=$(OPENSBI_DIR) KERNEL=$(KERNEL) NM=$(CROSS_NM) \
	CROSS_OBJCOPY=$(CROSS_OBJCOPY) DTCHECK=$(DT_CHECK) tests/qemu/run.sh

fuzz: fuzz-mm fuzz-dt fuzz-replay

# The fuzz targets' compiler and its libFuzzer runtime (a package of its own).
need-clang:
	@command -v $(HOST_CLANG) >/dev/null 2>&1 || { \
		echo "$(HOST_CLANG) not found: run \`make deps\` (Debian: clang libclang-rt-14-dev)" >&2; \
		exit 1; }
	@test -e "$$($(HOST_CLANG) -print-runtime-dir)/libclang_rt.fuzzer-$$(uname -m).a" || { \
		echo "no libFuzzer runtime for $(HOST_CLANG): run \`make deps\` (Debian: libclang-rt-14-dev)" >&2; \
		exit 1; }

# bench/ in QEMU with and without icount and natively, then reports/.
bench: deps
	@$(MAKE) --no-print-directory bench-run

# trace-zero-cost first: the image measured holds no trace code.
bench-run: build trace-zero-cost $(BENCH_HOST) $(BR_BIN) $(RP_TOOL)
	QEMU=$(QEMU) FIRMWARE=$(FW_jump) MEM=$(MEM) QUICK=$(QUICK) REPS=$(REPS) \
	CROSS_CC=$(CROSS_CC) $(RP_BENCH_ENV) \
	tools/bench.sh $(KERNEL) $(BENCH_HOST) $(BR_BIN) $(BR_OUT)
	@$(MAKE) --no-print-directory bench-readme

deps:
	@tools/deps.sh $(DEPS)
	@tools/fetch-linux-source.sh $(LINUX_SOURCE_PARTS)

libfdt: $(LIBFDT_A)

help:
	@echo "memblock-rv: Linux 4.12 memblock from the device tree, in an S-mode"
	@echo "RISC-V payload under OpenSBI in QEMU virt."
	@echo
	@echo "  make              build $(KERNEL), $(IMAGE) (the Image; and payload.asm, payload.sym)"
	@echo "  make run          deps, then boot it: QEMU virt, 128 MiB, 1 hart, OpenSBI fw_jump;"
	@echo "                    exits 0 iff the payload does"
	@echo "  make debug        the same, QEMU waiting for gdb-multiarch on :$(GDBPORT)"
	@echo "  make test         deps, then host-test, linux-test, bench-report-test, platform-test,"
	@echo "                    qemu-test, replay-test, trace-zero-cost, bench-fresh (is reports/"
	@echo "                    from HEAD's mm/ and bench/?)"
	@echo "  make host-test    host tests of mm/: unit and differential (host-unit, host-diff),"
	@echo "                    the BUG_ON regression, the fuzz corpus replayed (fuzz-mm-replay)"
	@echo "  make linux-test   Linux's own memblock tests (v6.1) on mm/, every strategy combination"
	@echo "  make platform-test host tests of platform/dt.c, its fuzz corpus replayed (fuzz-dt-replay)"
	@echo "  make qemu-test    QEMU tests (tests/qemu), with dt-big-test's 1,000-region trees"
	@echo "  make bench        deps, then bench/ in QEMU (icount, tcg) and natively -> reports/"
	@echo "                    (QUICK=1: a short run; MEM=1G adds 65536 regions everywhere;"
	@echo "                    REPS=5: runs of the tcg and host modes)"
	@echo "  make bench-report reports/bench.csv -> bench.md and plots (bench-report-test: its test)"
	@echo "  make bench-readme README's benchmark table from reports/ (make bench runs it)"
	@echo "  make trace        build $(TRACE_KERNEL): the payload with mm/'s trace points"
	@echo "  make trace-zero-cost  $(KERNEL)'s mm/ objects are mm/'s without trace points"
	@echo "  make chain-doc    docs/chain.md from real runs of the trace image (chain-doc-check)"
	@echo "  make fuzz         the libFuzzer targets fuzz-mm, fuzz-dt and fuzz-replay, FUZZ_SECONDS"
	@echo "                    each; an input slower than FUZZ_TIMEOUT is a finding (a hang)"
	@echo "  make replay LOG=file.log [DTB=file.dtb]"
	@echo "                    replay a kernel's memblock=debug log in the payload under every"
	@echo "                    strategy, QEMU -icount (REPLAY_MEM=$(REPLAY_MEM)); replay-test: its tests"
	@echo "  make gendtb       $(GENDTB): big device trees from QEMU's (-h for options)"
	@echo "  make deps         install missing Debian packages (as root); fetch libfdt and"
	@echo "                    Linux's memblock tests (from linux-source-6.1, once per machine)"
	@echo "  make clean        remove $(BUILD)/"
	@echo
	@echo "Variables (run, debug):"
	@echo "  BOOT=opensbi      opensbi: OpenSBI starts the payload; uboot: Debian's U-Boot"
	@echo "                    boots build/payload.bin with booti from build/uboot/disk.img"
	@echo "  MACHINE=virt      virt, or sifive_u (QEMU's HiFive Unleashed; payload on hart 1)"
	@echo "  MEM=128M          guest memory (QEMU -m; BOOT=uboot: 256M)"
	@echo "  SMP=1             harts (QEMU -smp; MACHINE=sifive_u: 2)"
	@echo "  FW=jump           OpenSBI firmware: jump (fw_jump.elf) or dynamic (fw_dynamic.bin)"
	@echo "  DTB=file.dtb      boot with this device tree instead of QEMU's"
	@echo "  BOOTARGS='...'    /chosen/bootargs: memblock=debug, movable_node,"
	@echo "                    memblock.find=linear|binary|gaptree,"
	@echo "                    memblock.update=linear|binary, bench=quick|full|off,"
	@echo "                    memblock.trace=chain|all|off, memblock.gaptree_build_after=N,"
	@echo "                    payload.panic, payload.trap, payload.demo_fail (the last of two wins)"
	@echo "  MEMBLOCK_DEBUG=1  adds memblock=debug: trace every memblock call"
	@echo "  BENCH=quick       run's benchmarks: quick (default), full or off"
	@echo "  ICOUNT=1          QEMU -icount shift=0: rdcycle/rdinstret count instructions"
	@echo "  TRACE=chain       boot $(TRACE_KERNEL) with memblock.trace=chain: the demo's"
	@echo "                    allocations as call trees (all: every allocation of the boot);"
	@echo "                    ICOUNT then defaults to 1 and BENCH to off (docs/chain.md)"
	@echo "  GRACE=3           seconds QEMU may take to end after the payload's status line"
	@echo "  RUN_TIMEOUT=0     stop QEMU after this many seconds (0: never)"
	@echo "  TOOLPREFIX=...    cross toolchain prefix (default riscv64-unknown-elf-)"
	@echo "  LIBFDT_CACHE=dir  where libfdt's sources are kept ($(LIBFDT_CACHE))"
	@echo "  LT_CACHE=dir      where Linux's memblock tests are kept ($(LT_CACHE))"
	@echo "Variables (tests, bench):"
	@echo "  DIFF_OPS=$(DIFF_OPS)  DIFF_SEED=$(DIFF_SEED)  FUZZ_SECONDS=$(FUZZ_SECONDS)  FUZZ_TIMEOUT=$(FUZZ_TIMEOUT)"
	@echo "  FUZZ_MAX_LEN=$(FUZZ_MAX_LEN)  BIG=$(BIG)  QUICK=$(QUICK)  REPS=$(REPS)"
	@echo "  HOST_CC=$(HOST_CC)  HOST_CLANG=$(HOST_CLANG) (the fuzz targets)"

clean:
	rm -rf $(BUILD)

# ---- Build rules ----------------------------------------------------------
$(eval $(call link_payload,$(KERNEL),$(OBJS),$(BUILD)))

$(BUILD)/symbols0.c: tools/symbols.sh
	@mkdir -p $(@D)
	tools/symbols.sh $(CROSS_NM) - $@

$(BUILD)/symbols0.o: $(BUILD)/symbols0.c
	$(CROSS_CC) $(CROSS_CFLAGS) -c -o $@ $<

$(BUILD)/payload.asm: $(KERNEL)
	$(CROSS_OBJDUMP) -S $< >$@

$(BUILD)/payload.sym: $(KERNEL)
	$(CROSS_NM) -n $< >$@

$(BUILD)/%.o: %.c | $(LIBFDT_CACHE)/.complete
	@mkdir -p $(@D)
	$(CROSS_CC) $(CROSS_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.S
	@mkdir -p $(@D)
	$(CROSS_CC) $(CROSS_CFLAGS) -c -o $@ $<

# `make deps` fetches libfdt (tools/fetch-linux-source.sh); `make` only says so.
$(LIBFDT_CACHE)/.complete:
	@echo "libfdt's sources are not in $(LIBFDT_CACHE): run \`make deps\`" >&2; exit 1

$(LIBFDT_CACHE)/%.c: $(LIBFDT_CACHE)/.complete ;

$(BUILD)/libfdt/%.o: $(LIBFDT_CACHE)/%.c
	@mkdir -p $(@D)
	$(CROSS_CC) $(LIBFDT_CFLAGS) -c -o $@ $<

$(LIBFDT_A): $(LIBFDT_OBJS)
	$(CROSS_AR) rcs $@ $^

# Flags live here: a changed Makefile rebuilds everything.
$(OBJS) $(LIBFDT_OBJS): Makefile

-include $(OBJS:.o=.d)

# dtbinfo: what run-qemu.sh checks in a tree before booting it.
$(DTBINFO): tools/dtbinfo.c platform/dt_check.c platform/dt_check.h Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(SANITIZE) -O1 -o $@ tools/dtbinfo.c platform/dt_check.c -lfdt

# ---- The benchmark's native run: mm/ and bench/ built for this machine ---
# Optimised and without sanitizers: it measures.
$(BENCH_HOST): $(BENCH_HOST_SRCS) $(MM_HOST_HDRS) $(wildcard bench/*.h) Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -O2 -o $@ $(BENCH_HOST_SRCS)

# ---- Variables with a fixed set of values, checked (tools/vars.mk) --------
include tools/vars.mk
