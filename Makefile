# memblock-rv: Linux 4.12's memblock, built from the device tree by an
# S-mode RISC-V payload under OpenSBI in QEMU virt.  `make help` for more.
#
# The payload is cross-built with CROSS_CC/CROSS_CFLAGS; CC and CFLAGS are
# left to the host tests in tests/host.mk.

.DEFAULT_GOAL := all

BUILD  := build
KERNEL := $(BUILD)/payload.elf
BENCH_HOST := $(BUILD)/host/bench_host
BENCH_HOST_SRCS := $(wildcard mm/*.c bench/*.c) tools/bench_host.c

# ---- What `make run` boots: QEMU virt, 128 MiB, one hart, fw_jump ------
MEM            ?= 128M
SMP            ?= 1
FW             ?= jump
DTB            ?=
BOOTARGS       ?=
MEMBLOCK_DEBUG ?= 0
QUICK          ?= 0
GDBPORT        ?= 1234

# ---- Debian packages the project needs (make deps) ----------------------
DEPS += gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
DEPS += picolibc-riscv64-unknown-elf
DEPS += qemu-system-misc opensbi
DEPS += device-tree-compiler libfdt-dev
DEPS += gdb-multiarch
DEPS += gnuplot-nox
DEPS += gcc make xz-utils

# ---- Cross toolchain: riscv64-unknown-elf-, or say how to get it --------
TOOLPREFIX ?= $(shell command -v riscv64-unknown-elf-gcc >/dev/null 2>&1 && echo riscv64-unknown-elf-)
need_toolchain = $(if $(TOOLPREFIX),,$(error riscv64-unknown-elf-gcc not found: run `make deps` (or set TOOLPREFIX=...)))
CROSS_CC      = $(need_toolchain)$(TOOLPREFIX)gcc
CROSS_AR      = $(need_toolchain)$(TOOLPREFIX)ar
CROSS_OBJDUMP = $(need_toolchain)$(TOOLPREFIX)objdump
CROSS_NM      = $(need_toolchain)$(TOOLPREFIX)nm

# ---- libfdt: Linux 6.1's scripts/dtc/libfdt, fetched once per machine ---
LIBFDT_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/memblock-rv/libfdt
LIBFDT_SRCS  := fdt.c fdt_ro.c fdt_strerror.c fdt_addresses.c
LIBFDT_OBJS  := $(addprefix $(BUILD)/libfdt/,$(LIBFDT_SRCS:.c=.o))
LIBFDT_A     := $(BUILD)/libfdt.a

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

SRCS := $(wildcard payload/*.S payload/*.c platform/*.c mm/*.c bench/*.c)
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))

# ---- Host tests of platform/ (tests/unit_platform): dt.c with the real mm/ -
HOST_CC ?= gcc
UNIT_PLATFORM := $(BUILD)/unit_platform/dt_test
UNIT_PLATFORM_SRCS := tests/unit_platform/dt_test.c platform/dt.c $(wildcard mm/*.c)
UNIT_PLATFORM_CFLAGS += -std=gnu11 -g -O1
UNIT_PLATFORM_CFLAGS += -Wall -Wextra -Werror
UNIT_PLATFORM_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_PLATFORM_CFLAGS += -I.

# ---- QEMU ---------------------------------------------------------------
QEMU        ?= qemu-system-riscv64
OPENSBI_DIR ?= /usr/lib/riscv64-linux-gnu/opensbi/generic
FW_jump     := $(OPENSBI_DIR)/fw_jump.elf
FW_dynamic  := $(OPENSBI_DIR)/fw_dynamic.bin
FIRMWARE     = $(or $(FW_$(FW)),$(error FW=$(FW): use FW=jump or FW=dynamic))

ifeq ($(MEMBLOCK_DEBUG),1)
BOOTARGS += memblock=debug
endif
# make run's benchmarks: quick (a few seconds), full, or off
BENCH ?= quick
BOOTARGS += $(if $(filter quick,$(BENCH)),bench=quick,$(if $(filter full,$(BENCH)),bench))

QEMUOPTS  = -M virt -m $(MEM) -smp $(SMP) -nographic
QEMUOPTS += -bios $(FIRMWARE)
QEMUOPTS += -kernel $(KERNEL)
QEMUOPTS += $(if $(DTB),-dtb $(DTB))
QEMUOPTS += $(if $(strip $(BOOTARGS)),-append "$(strip $(BOOTARGS))")

# ---- Targets ------------------------------------------------------------
# all, run, debug and test first install what is missing (make deps), then
# go on in a fresh make, which sees the toolchain deps may just have added.

.PHONY: all build run qemu debug qemu-gdb test platform-test qemu-test
.PHONY: deps libfdt help clean bench bench-run

all: deps
	@$(MAKE) --no-print-directory build

build: $(KERNEL) $(BUILD)/payload.asm $(BUILD)/payload.sym

run: deps
	@$(MAKE) --no-print-directory qemu

# fw_jump copies the DTB to 0x82200000: with less RAM than that, OpenSBI
# hangs before the payload starts, so refuse up front.
qemu: build
	@if [ "$(FW)" = jump ] && [ -z "$(DTB)" ]; then \
		case "$(MEM)" in \
		*G) ;; \
		*M) [ "$(MEM:M=)" -ge 36 ] || { echo "MEM=$(MEM): fw_jump puts the DTB at 0x82200000, so it needs at least 36M (or FW=dynamic)"; exit 1; } ;; \
		esac; \
	fi
	$(QEMU) $(QEMUOPTS)

debug: deps
	@$(MAKE) --no-print-directory qemu-gdb

qemu-gdb: build
	@echo "*** QEMU waits for gdb. In another terminal:"
	@echo "***   gdb-multiarch $(KERNEL) -ex 'target remote localhost:$(GDBPORT)'"
	$(QEMU) $(QEMUOPTS) -S -gdb tcp::$(GDBPORT)

test: deps
	@$(MAKE) --no-print-directory host-test
	@$(MAKE) --no-print-directory bench-report-test
	@$(MAKE) --no-print-directory platform-test
	@$(MAKE) --no-print-directory qemu-test
	@$(MAKE) --no-print-directory bench-fresh

platform-test: $(UNIT_PLATFORM)
	$(UNIT_PLATFORM)

qemu-test: build
	QEMU=$(QEMU) OPENSBI_DIR=$(OPENSBI_DIR) KERNEL=$(KERNEL) NM=$(CROSS_NM) tests/qemu/run.sh

# bench/ in QEMU with and without icount and natively, then reports/.
bench: deps
	@$(MAKE) --no-print-directory bench-run

bench-run: build $(BENCH_HOST) build/host/bench_report
	QEMU=$(QEMU) FIRMWARE=$(FW_jump) MEM=$(MEM) QUICK=$(QUICK) \
	CROSS_CC=$(TOOLPREFIX)gcc tools/bench.sh $(KERNEL) $(BENCH_HOST) $(BR_BIN) reports
	@$(MAKE) --no-print-directory bench-readme

deps:
	@tools/deps.sh $(DEPS)
	@tools/fetch-libfdt.sh $(LIBFDT_CACHE)

libfdt: $(LIBFDT_A)

help:
	@echo "memblock-rv: Linux 4.12 memblock from the device tree, in an S-mode"
	@echo "RISC-V payload under OpenSBI in QEMU virt."
	@echo
	@echo "  make              build $(KERNEL) (and payload.asm, payload.sym)"
	@echo "  make run          boot it: QEMU virt, 128 MiB, 1 hart, OpenSBI fw_jump;"
	@echo "                    exits 0 iff the payload does"
	@echo "  make debug        the same, QEMU waiting for gdb-multiarch on :$(GDBPORT)"
	@echo "  make test         deps, then host tests of mm/ (tests/host.mk), of platform/"
	@echo "                    (tests/unit_platform) and QEMU tests (tests/qemu)"
	@echo "  make bench        bench/ in QEMU (icount, tcg) and natively -> reports/"
	@echo "                    (QUICK=1: a short run; MEM=1G adds 65536 regions everywhere)"
	@echo "  make fuzz         the libFuzzer targets (mm/ operations, device trees), FUZZ_SECONDS each"
	@echo "  make gendtb       build/host/gendtb: big device trees from QEMU's (-h for options)"
	@echo "  make deps         install missing Debian packages (as root) and fetch libfdt"
	@echo "  make clean        remove $(BUILD)/"
	@echo
	@echo "Variables (run, debug):"
	@echo "  MEM=128M          guest memory (QEMU -m)"
	@echo "  SMP=1             harts (QEMU -smp)"
	@echo "  FW=jump           OpenSBI firmware: jump (fw_jump.elf) or dynamic (fw_dynamic.bin)"
	@echo "  DTB=file.dtb      boot with this device tree instead of QEMU's"
	@echo "  BOOTARGS='...'    /chosen/bootargs: memblock=debug, movable_node,"
	@echo "                    memblock.find=linear|binary|gaptree,"
	@echo "                    memblock.update=linear|binary, payload.panic, payload.trap"
	@echo "  MEMBLOCK_DEBUG=1  adds memblock=debug: trace every memblock call"
	@echo "  BENCH=quick       run's benchmarks: quick (default), full or off"
	@echo "  ICOUNT=1          QEMU -icount shift=0: rdcycle/rdinstret count instructions"
	@echo "  TOOLPREFIX=...    cross toolchain prefix (default riscv64-unknown-elf-)"
	@echo "  LIBFDT_CACHE=dir  where libfdt's sources are kept ($(LIBFDT_CACHE))"

clean:
	rm -rf $(BUILD)

# ---- Build rules ----------------------------------------------------------
# Two links: the first with an empty symbol table, whose function symbols
# become the table of the second (memblock=debug names callers with it).
# The table is linked last, after the stack, so nothing else moves: the
# check after the second link makes sure.
$(BUILD)/payload.pass1.elf: $(OBJS) $(BUILD)/symbols0.o $(LIBFDT_A) payload/payload.ld
	$(CROSS_CC) $(CROSS_CFLAGS) $(CROSS_LDFLAGS) -o $@ $(OBJS) $(BUILD)/symbols0.o $(LIBFDT_A)

$(BUILD)/symbols0.c: tools/symbols.sh
	@mkdir -p $(@D)
	tools/symbols.sh $(CROSS_NM) - $@

$(BUILD)/symbols.c: $(BUILD)/payload.pass1.elf tools/symbols.sh
	tools/symbols.sh $(CROSS_NM) $< $@

$(BUILD)/symbols0.o $(BUILD)/symbols.o: $(BUILD)/%.o: $(BUILD)/%.c
	$(CROSS_CC) $(CROSS_CFLAGS) -c -o $@ $<

$(KERNEL): $(BUILD)/payload.pass1.elf $(BUILD)/symbols.o
	$(CROSS_CC) $(CROSS_CFLAGS) $(CROSS_LDFLAGS) -o $@ $(OBJS) $(BUILD)/symbols.o $(LIBFDT_A)
	@$(CROSS_NM) -n $(BUILD)/payload.pass1.elf | grep -v -e payload_ -e " _end$$" >$(BUILD)/pass1.nm
	@$(CROSS_NM) -n $@ | grep -v -e payload_ -e " _end$$" >$(BUILD)/pass2.nm
	@cmp -s $(BUILD)/pass1.nm $(BUILD)/pass2.nm || \
		{ echo "payload: the symbol table moved other symbols"; rm -f $@; exit 1; }

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

$(LIBFDT_CACHE)/.complete:
	tools/fetch-libfdt.sh $(LIBFDT_CACHE)

$(LIBFDT_CACHE)/%.c: $(LIBFDT_CACHE)/.complete ;

$(BUILD)/libfdt/%.o: $(LIBFDT_CACHE)/%.c
	@mkdir -p $(@D)
	$(CROSS_CC) $(LIBFDT_CFLAGS) -c -o $@ $<

$(LIBFDT_A): $(LIBFDT_OBJS)
	$(CROSS_AR) rcs $@ $^

$(UNIT_PLATFORM): $(UNIT_PLATFORM_SRCS) $(wildcard platform/*.h mm/*.h) Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(UNIT_PLATFORM_CFLAGS) -o $@ $(UNIT_PLATFORM_SRCS) -lfdt

# Flags live here: a changed Makefile rebuilds everything.
$(OBJS) $(LIBFDT_OBJS): Makefile

-include $(OBJS:.o=.d)

# ---- The benchmark's native run: mm/ and bench/ built for this machine ---
$(BENCH_HOST): $(BENCH_HOST_SRCS) $(wildcard mm/*.h bench/*.h) Makefile
	@mkdir -p $(@D)
	$(HOST_CC) -O2 -g -Wall -Wextra -Werror -I. -o $@ $(BENCH_HOST_SRCS)

# ---- Host tests (tests/host.mk): host-test and fuzz -----------------------
include tests/host.mk

# ---- bench.csv -> bench.md and plots (tools/bench_report.mk) ---------------
include tools/bench_report.mk

# ---- Device trees at scale and under attack (tests/dt.mk): gendtb, fuzz-dt --
include tests/dt.mk
