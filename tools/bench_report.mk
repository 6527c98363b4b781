# bench_report: bench.csv + meta.txt -> bench.md and summary.csv (issues
# 5 and 11); tools/bench_plot.gp draws the plots from summary.csv.
# Included by the top Makefile, which defines HOST_CC, HOST_CFLAGS and
# HOST_BUILD.
#
#   make bench-report-test
#   make bench-report BR_CSV=reports/bench.csv
#   make bench-readme      README's table from reports/ (make bench runs it)
#   make bench-fresh       is reports/ from HEAD's mm/ and bench/? (make test)
#
# A host tool: C99, libc and libm; gnuplot (Debian's gnuplot-nox) for the
# plots.

BR_BIN    := $(HOST_BUILD)/bench_report

# What `make bench-report` reads and where it writes.
BR_CSV    ?= reports/bench.csv
BR_META   ?= reports/meta.txt
BR_OUT    ?= reports

BR_CFLAGS += $(HOST_CFLAGS:-std=gnu11=-std=c99)
BR_CFLAGS += -O2
BR_LDLIBS += -lm

.PHONY: bench-report bench-report-test bench-readme bench-fresh

BR_SRCS   := tools/bench_report.c tools/bench_report_md.c

$(BR_BIN): $(BR_SRCS) tools/bench_report.h tools/bench_report.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(BR_CFLAGS) -o $@ $(BR_SRCS) $(BR_LDLIBS)

# The report and the plots again, from the CSV and meta.txt as they are.
bench-report: $(BR_BIN)
	$(BR_BIN) $(BR_CSV) $(BR_META) bench/targets.txt $(BR_OUT)
	gnuplot -e "dir='$(BR_OUT)'" tools/bench_plot.gp

# The fixture's report, checked line by line; prints "N passed, N failed".
bench-report-test: $(BR_BIN)
	tests/bench_report/run.sh $(BR_BIN) $(HOST_BUILD)/bench_report_test

# README.md's benchmark table from reports/ (make bench runs it).
bench-readme: $(BR_BIN)
	tools/bench_readme.sh write README.md $(BR_BIN) $(BR_CSV) $(BR_META) bench/targets.txt

# make test: reports/ made from HEAD's mm/ and bench/, README's table from it.
# It compiles mm/ to see whether sources that changed since reports/ was
# made changed any object.
bench-fresh: export CROSS_CC = $(TOOLPREFIX)gcc
bench-fresh: export CROSS_CFLAGS := $(CROSS_CFLAGS)
bench-fresh: export OBJCOPY = $(TOOLPREFIX)objcopy
bench-fresh: $(BR_BIN)
	tools/bench_fresh.sh $(BR_META) README.md $(BR_BIN) $(BR_CSV) bench/targets.txt
