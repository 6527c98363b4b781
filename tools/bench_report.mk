# bench_report: bench.csv + meta.txt -> bench.md and summary.csv (issues
# 5 and 11); tools/bench_plot.gp draws the plots from summary.csv.
#
# Included by the top Makefile, or standalone from the repository root:
#   make -f tools/bench_report.mk bench-report-test
#   make -f tools/bench_report.mk bench-report BR_CSV=reports/bench.csv
#   make -f tools/bench_report.mk bench-readme   README's table from reports/
#   make -f tools/bench_report.mk bench-fresh    is reports/ from HEAD?
#
# A host tool: C99, libc and libm; gnuplot (Debian's gnuplot-nox) for the
# plots.

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

.PHONY: bench-report bench-report-test bench-readme bench-fresh

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

# README.md's benchmark table from reports/ (make bench runs it).
bench-readme: $(BR_BIN)
	tools/bench_readme.sh write README.md $(BR_BIN) $(BR_CSV) $(BR_META) bench/targets.txt

# make test: reports/ made from HEAD's mm/ and bench/, README's table from it.
bench-fresh: $(BR_BIN)
	tools/bench_fresh.sh $(BR_META) README.md $(BR_BIN) $(BR_CSV) bench/targets.txt
