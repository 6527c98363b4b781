# Linux's own memblock tests, tools/testing/memblock of Debian's
# linux-source-6.1 (v6.1, built as its NUMA=1), run on mm/ through the
# mainline-name layer of tests/linux/ under every find/update combination,
# without and with movable_node.  Included by the top Makefile, which
# defines HOST_CC, HOST_CFLAGS, SANITIZE, HOST_BUILD and MM_HOST_SRCS.
#
#   make linux-test     one line per combination: checks passed, failed
#                       and not applicable (-v: $(LT_BIN) -v ...)
#
# The suite is fetched by `make deps` (LINUX_SOURCE_PARTS) into LT_CACHE,
# once per machine, and never committed.  Variables are LT_-prefixed.

LT_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/memblock-rv/linux-memblock-tests
LINUX_SOURCE_PARTS += $(LT_CACHE)=tools:testing/memblock,testing/selftests/kselftest.h,include,arch/x86/include

LT_SUITE := $(LT_CACHE)/testing/memblock
LT_BUILD := $(HOST_BUILD)/linux
LT_BIN   := $(HOST_BUILD)/linux_suite

# The suite's files, as its Makefile lists them (its main.c is ours).
LT_SUITE_NAMES := basic_api alloc_api alloc_helpers_api alloc_nid_api common
LT_SUITE_OBJS  := $(addprefix $(LT_BUILD)/,$(addsuffix .o,$(LT_SUITE_NAMES)))
LT_OWN_SRCS    := tests/linux/main.c tests/linux/layer.c
LT_OWN_HDRS    := tests/linux/layer.h tests/linux/include/linux/memblock.h

# ---- Flags ----------------------------------------------------------------
# The suite is third-party: its warnings as its own Makefile has them
# (-Wall), and not errors, so that a newer 6.1.y cannot break the build.
# Its includes: the layer's linux/memblock.h first, then its own directory,
# then tools/include (and tools/arch/x86/include, for tools/include's
# atomics on x86 hosts); its configuration (NUMA=1) as its
# scripts/Makefile.include sets it.
LT_SUITE_CFLAGS += $(filter-out -Werror -Wextra,$(HOST_CFLAGS)) $(SANITIZE) -O1
LT_SUITE_CFLAGS += -Itests/linux/include -I$(LT_SUITE) -I$(LT_CACHE)/include
LT_SUITE_CFLAGS += -I$(LT_CACHE)/arch/x86/include
LT_SUITE_CFLAGS += -DCONFIG_PHYS_ADDR_T_64BIT -DCONFIG_NUMA -DCONFIG_NODES_SHIFT=4
# mm/ has a movable_node_enabled of its own; the runner sets both.
LT_SUITE_CFLAGS += -Dmovable_node_enabled=lt_suite_movable_node_enabled
# The suite's functions that main.c wraps keep their bodies under these
# names (only in common.c, which defines them).
LT_WRAPPED := reset_memblock_regions setup_memblock setup_numa_memblock \
	      test_pass test_fail prefix_push prefix_pop prefix_reset
LT_COMMON_CFLAGS := $(foreach f,$(LT_WRAPPED),-D$(f)=lt_suite_$(f))

LT_OWN_CFLAGS := $(HOST_CFLAGS) $(SANITIZE) -O1

# ---- Targets ----------------------------------------------------------------
.PHONY: linux-test

linux-test: $(LT_BIN)
	@status=0; \
	for find in linear binary gaptree; do \
		for update in linear binary; do \
			$(LT_BIN) --find $$find --update $$update || status=1; \
		done; \
	done; \
	for update in linear binary; do \
		$(LT_BIN) --find gaptree --update $$update --unannounced || status=1; \
	done; \
	exit $$status

# `make deps` fetches the suite; `make` only says so.
$(LT_CACHE)/.complete:
	@echo "Linux's memblock tests are not in $(LT_CACHE): run \`make deps\`" >&2; exit 1

$(LT_BUILD)/common.o: LT_EXTRA_CFLAGS := $(LT_COMMON_CFLAGS)

$(LT_SUITE)/tests/%.c: $(LT_CACHE)/.complete ;

$(LT_BUILD)/%.o: $(LT_SUITE)/tests/%.c $(LT_OWN_HDRS) $(MM_HOST_HDRS) \
		 tests/linux.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(LT_SUITE_CFLAGS) $(LT_EXTRA_CFLAGS) -c -o $@ $<

$(LT_BIN): $(LT_SUITE_OBJS) $(LT_OWN_SRCS) $(LT_OWN_HDRS) $(MM_HOST_SRCS) \
	   $(MM_HOST_HDRS) tests/linux.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(LT_OWN_CFLAGS) -o $@ $(LT_OWN_SRCS) $(MM_HOST_SRCS) \
		$(LT_SUITE_OBJS)
