# The make variables with a fixed set of values, checked when make starts:
# a bad value stops make with one line naming the accepted ones, instead of
# being ignored (issue 9).  MEM is checked by tools/run-qemu.sh, which has
# QEMU read it.  Included last by the top Makefile, after every default.

# one_of NAME,WORDS: $(NAME) is exactly one of WORDS.
one_of = $(if $(and $(filter 1,$(words $($(1)))),$(filter $(2),$($(1)))),,\
	$(error $(1)=$($(1)): use one of: $(2)))

# whole NAME: $(NAME) is one whole decimal number.
no_digits = $(subst 0,,$(subst 1,,$(subst 2,,$(subst 3,,$(subst 4,,$(subst 5,,\
	$(subst 6,,$(subst 7,,$(subst 8,,$(subst 9,,$(1)))))))))))
whole = $(if $(and $(filter 1,$(words $($(1)))),$(if $(strip $(call no_digits,$($(1)))),,1)),,\
	$(error $(1)=$($(1)): use a whole number))

$(call one_of,FW,jump dynamic)
$(call one_of,BENCH,quick full off)
$(call one_of,MEMBLOCK_DEBUG,0 1)
$(call one_of,ICOUNT,0 1)
$(call one_of,TRACE,off chain all)
$(call one_of,QUICK,0 1)
$(call one_of,BIG,0 1)
$(call whole,SMP)
$(call whole,GDBPORT)
$(call whole,DIFF_OPS)
$(call whole,DIFF_SEED)
$(call whole,FUZZ_SECONDS)
$(call whole,FUZZ_TIMEOUT)
$(call whole,FUZZ_MAX_LEN)
$(call one_of,BOOT,opensbi uboot)
$(call one_of,MACHINE,virt sifive_u)
