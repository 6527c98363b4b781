#!/bin/sh
# fuzz-run.sh: one libFuzzer run of make fuzz, bounded, and its outcome in
# one line at the end.
#
# Usage: tools/fuzz-run.sh NAME SECONDS LOG FUZZER ARGS...
# The fuzzer runs with -max_total_time=SECONDS and -print_final_stats=1
# added; libFuzzer's clock stands still while it loads a corpus, so
# timeout(1) stops a run that overstays SECONDS by 30 s (status 124).
# Its output goes to the terminal and to LOG.
set -u

if [ $# -lt 4 ]; then
	echo "usage: $0 NAME SECONDS LOG FUZZER ARGS..." >&2
	exit 2
fi
name=$1 seconds=$2 log=$3
shift 3

status=$( { { timeout -k 10 $((seconds + 30)) "$@" -max_total_time="$seconds" \
	-print_final_stats=1 2>&1; echo $? >&3; } | tee "$log" >&2; } 3>&1 )
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
case $status in
0) echo "$name: ${runs:-?} inputs in ${seconds} s (${rate:-?} a second), no finding" ;;
124 | 137) echo "$name: still running ${seconds} s + 30 s after it started: stopped (see $log)" ;;
126 | 127) echo "$name: the fuzzer did not run (status $status; see $log)" ;;
*) echo "$name: a finding, status $status: the input is saved as named above (log: $log)" ;;
esac >&2
exit "$status"
