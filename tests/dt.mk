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

QEMUOPTS += $(if $(filter 1,$(ICOUNT)),-icount shift=0)

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
