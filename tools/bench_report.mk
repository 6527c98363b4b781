# bench_report: bench.csv + meta.txt -> bench.md and SVG plots (issue 5).
#
# Included by the top Makefile, or standalone from the repository root:
#   make -f tools/bench_report.mk bench-report-test
#   make -f tools/bench_report.mk bench-report BR_CSV=reports/bench.csv
#
# A host tool: C99, libc and libm; gnuplot (Debian's gnuplot-nox) at run
# time for the plots.

BR_CC     ?= gcc
BR_BUILD  ?= build/host
BR_BIN    := $(BR_BUILD)/bench_report

# What `make bench-report` reads and where it writes.
BR_CSV    ?= reports/bench.csv
BR_META   ?= reports/meta.txt
BR_OUT    ?= reports

BR_CFLAGS += -std=c99
BR_CFLAGS += -O2 -g
BR_CFLAGS += -Wall -Wextra -Werror
BR_LDLIBS += -lm

.PHONY: bench-report bench-report-test

BR_SRCS   := tools/bench_report.c tools/bench_report_md.c

$(BR_BIN): $(BR_SRCS) tools/bench_report.h tools/bench_report.mk
	@mkdir -p $(@D)
	$(BR_CC) $(BR_CFLAGS) -I. -o $@ $(BR_SRCS) $(BR_LDLIBS)

# The report and the plots again, from the CSV and meta.txt as they are.
bench-report: $(BR_BIN)
	$(BR_BIN) $(BR_CSV) $(BR_META) bench/targets.txt $(BR_OUT)
	gnuplot -e "dir='$(BR_OUT)'" tools/bench_plot.gp

# The fixture's report, checked line by line; prints "N passed, N failed".
bench-report-test: $(BR_BIN)
	tests/bench_report/run.sh $(BR_BIN) $(BR_BUILD)/bench_report_test
