#!/usr/bin/env bash
# chain-doc.sh: docs/chain.md from real runs (make chain-doc; make test
# checks the page against a fresh one).
#
# Boots the trace image the way `make run TRACE=chain` does (through
# tools/run-qemu.sh, under -icount, so that every cost is an exact
# instruction count and the same on every run), with the demo's failing
# request, once per find strategy and once with update=binary, and the
# image without trace points once for the demo's costs measured around
# each call.  Then copies the template, replacing each marker line with
# what those runs printed.
#
# Usage: tools/chain-doc.sh TRACE_KERNEL KERNEL TEMPLATE OUT WORKDIR
# Environment: what tools/run-qemu.sh reads (QEMU, OPENSBI_DIR, NM, DTBINFO)
#
# Markers, each alone on a line of the template:
#   @TREE run n@           the n-th call tree the run printed, whole
#   @TREE run n function@  the subtree of the first call of function in it
#   @SIDE n function@      that subtree under linear, binary and gaptree
#   @COSTS@                each demo allocation's cost, traced and not
#   @RUN run@              the command that makes the run (in a code block)
#   @GREP run text@        the run's first console line holding text
# Runs: linear, binary, gaptree (update=linear), update (find=linear,
# update=binary), plain (the image without trace points).  Tree 5 is the
# failing request's.
#
# Also WORKDIR/readme-sample.md: the demo's second allocation as a plain
# `make run TRACE=chain` prints it (run readme: no bootargs of its own),
# the sample README.md shows between its chain-sample markers.
set -euo pipefail

trace_kernel=$1 kernel=$2 template=$3 out=$4 work=$5
mkdir -p "$work"

# The bootargs after make's memblock.trace=chain: all of one length, so
# that the tree, and so the map, is the same size in every run.
common="payload.demo_fail memblock.gaptree_build_after=0"
declare -A args=(
	[linear]="$common memblock.find=linear  memblock.update=linear"
	[binary]="$common memblock.find=binary  memblock.update=linear"
	[gaptree]="$common memblock.find=gaptree memblock.update=linear"
	[update]="$common memblock.find=linear  memblock.update=binary"
	[plain]="$common memblock.find=linear  memblock.update=linear"
	[readme]=""
)

# boot RUN: its console in $work/RUN.out.  The failing request makes every
# run but readme end in memblock_alloc_base()'s panic: exit status 1.
boot() {
	local run=$1 image=$trace_kernel status=0
	[ "$run" = plain ] && image=$kernel
	KERNEL=$image TRACE=chain ICOUNT=1 BENCH=off MEMBLOCK_DEBUG=0 \
	MEM=128M SMP=1 FW=jump DTB='' RUN_TIMEOUT=60 BOOTARGS="${args[$run]}" \
		tools/run-qemu.sh </dev/null 2>&1 | tr -d '\r' >"$work/$run.out" ||
		status=$?
	if [ "$run" = readme ]; then
		[ "$status" -eq 0 ] && return
		echo "chain-doc: run readme (make run TRACE=chain): exit status $status; see $work/$run.out" >&2
		exit 1
	fi
	if [ "$status" -ne 1 ] || ! grep -q '^Kernel panic - not syncing: ERROR: Failed to allocate' "$work/$run.out"; then
		echo "chain-doc: run $run: exit status $status, not memblock_alloc_base()'s panic; see $work/$run.out" >&2
		exit 1
	fi
}

for run in linear binary gaptree update plain readme; do
	boot "$run"
done

# tree RUN N [FUNCTION]: the N-th tree of RUN (the cost column and the
# tree, header left out), or the subtree of FUNCTION's first call in it.
tree() {
	awk -v n="$2" -v fn="${3:-}" '
		/^ rdinstret \| memblock\.trace=/ { t++; next }
		substr($0, 11, 3) != " | " || substr($0, 1, 10) !~ /^ *[0-9]*$/ {
			if (t == n) done = 1
			next
		}
		done || t != n { next }
		{
			text = substr($0, 14)
			depth = match(text, /[^ ]/) - 1
			if (fn == "") { print; next }
			if (root == "" && index(substr(text, depth + 1), fn "(") == 1) {
				root = depth; print; next
			}
			if (root != "" && !stop) {
				if (depth > root) print; else stop = 1
			}
		}' "$work/$1.out"
}

# The tree lines as a text block, the subtree's indentation removed.
text_block() {
	echo '```text'
	awk '
		NR == 1 { text = substr($0, 14); cut = match(text, /[^ ]/) - 1 }
		{ print substr($0, 1, 13) substr($0, 14 + cut) }'
	echo '```'
}

html() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

# In a side-by-side cell the root's arguments, the same in every run, go.
side() {
	local run
	echo '<table>'
	echo '<tr><th>find=linear</th><th>find=binary</th><th>find=gaptree</th></tr>'
	printf '<tr valign="top">'
	for run in linear binary gaptree; do
		printf '<td><pre>'
		tree "$run" "$1" "$2" | text_block | sed '1d;$d' |
			sed '1s/(\([^)]*\))/(…)/' | html
		printf '</pre></td>'
	done
	echo '</tr>'
	echo '</table>'
}

# cost RUN N: the cost of the N-th tree's root.
cost() { tree "$1" "$2" | head -n 1 | awk '{ print $1 }'; }

costs() {
	local n plain
	echo '| allocation | traced (linear/linear) | find | reserve | build/payload.elf, around the call |'
	echo '| --- | ---: | ---: | ---: | ---: |'
	for n in 1 2 3 4; do
		plain=$(grep '^ memblock_alloc(' "$work/plain.out" | sed -n "${n}p")
		printf '| `%s` | %s | %s | %s | %s |\n' \
			"$(sed 's/ = .*//;s/^ //' <<<"$plain")" "$(cost linear "$n")" \
			"$(tree linear "$n" memblock_find_in_range_node | head -n 1 | awk '{ print $1 }')" \
			"$(tree linear "$n" memblock_reserve | head -n 1 | awk '{ print $1 }')" \
			"$(sed -n 's/.*(\([0-9]*\) rdinstret around the call.*/\1/p' <<<"$plain")"
	done
}

run_cmd() {
	if [ "$1" = plain ]; then
		printf 'make run ICOUNT=1 BENCH=off BOOTARGS="memblock.trace=chain %s"\n' "${args[$1]}"
	else
		printf 'make run TRACE=chain BOOTARGS="%s"\n' "${args[$1]}"
	fi
}

tmp=$out.tmp
: >"$tmp"
while IFS= read -r line; do
	case $line in
	@TREE\ *@)
		read -r _ run n fn <<<"${line//@/}"
		tree "$run" "$n" "${fn:-}" | text_block >>"$tmp" ;;
	@SIDE\ *@)
		read -r _ n fn <<<"${line//@/}"
		side "$n" "$fn" >>"$tmp" ;;
	@COSTS@) costs >>"$tmp" ;;
	@GREP\ *@)
		read -r _ run text <<<"${line//@/}"
		{ echo '```text'; grep -m 1 -F -- "$text" "$work/$run.out"; echo '```'; } >>"$tmp" ;;
	@RUN\ *@)
		read -r _ run <<<"${line//@/}"
		run_cmd "$run" >>"$tmp" ;;
	*) printf '%s\n' "$line" >>"$tmp" ;;
	esac
done <"$template"
if grep -n '^```text$' -A1 "$tmp" | grep -q -- '-```$'; then
	echo "chain-doc: a marker of $template found no trace lines" >&2
	exit 1
fi
mv "$tmp" "$out"
echo "chain-doc: $out from $work/{linear,binary,gaptree,update,plain}.out"

{
	echo '```'
	grep -m 1 '^ rdinstret | memblock\.trace=' "$work/readme.out"
	tree readme 2
	echo '```'
} >"$work/readme-sample.md"
[ "$(wc -l <"$work/readme-sample.md")" -gt 3 ] || {
	echo "chain-doc: run readme printed no second call tree; see $work/readme.out" >&2
	exit 1
}
