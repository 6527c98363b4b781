#!/bin/sh
# chain-sample.sh: README.md's TRACE=chain sample tree, between its two
# chain-sample markers, written from a chain-doc run (make chain-doc) or
# checked against one (make chain-doc-check, tests/qemu/trace.sh).
#
# Usage: tools/chain-sample.sh write|check README SAMPLE
set -eu

if [ $# -ne 3 ]; then
	echo "usage: $0 write|check README SAMPLE" >&2
	exit 2
fi
# shellcheck disable=SC2016  # the backquotes are the marker's text
exec "$(dirname "$0")/readme-block.sh" "$1" "$2" \
	'<!-- chain-sample: written by `make chain-doc`; make test checks it -->' \
	'<!-- end chain-sample -->' "$3" 'make chain-doc'
