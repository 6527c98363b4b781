# bench_report: bench.csv + meta.txt -> bench.md and SVG plots (issue 5).
# Included by the top Makefile, which defines HOST_CC, HOST_CFLAGS and
# HOST_BUILD.
#
#   make bench-report-test
#   make bench-report BR_CSV=reports/bench.csv
#
# A host tool: C99, libc and libm; gnuplot (Debian's gnuplot-nox) at run
# time for the plots.

BR_BIN    := $(HOST_BUILD)/bench_report

# What `make bench-report` reads and where it writes.
BR_CSV    ?= reports/bench.csv
BR_META   ?= reports/meta.txt
BR_OUT    ?= reports

BR_CFLAGS += $(HOST_CFLAGS:-std=gnu11=-std=c99)
BR_CFLAGS += -O2
BR_LDLIBS += -lm

.PHONY: bench-report bench-report-test

$(BR_BIN): tools/bench_report.c tools/bench_report.mk Makefile
	@mkdir -p $(@D)
	$(HOST_CC) $(BR_CFLAGS) -o $@ $< $(BR_LDLIBS)

bench-report: $(BR_BIN)
	$(BR_BIN) $(BR_CSV) $(BR_META) $(BR_OUT)

# The fixture's report, checked line by line; prints "N passed, N failed".
bench-report-test: $(BR_BIN)
	tests/bench_report/run.sh $(BR_BIN) $(HOST_BUILD)/bench_report_test
