#!/usr/bin/env bash
# Tests of the replay (issue 12), silent but for failures and the count:
#
#  1. the saved boots in tests/replay/ replayed on the host under every
#     combination: the kernel's addresses, or a named difference, for
#     each; and what tests/replay/README.md says the kernel did;
#  2. hostile logs, made here from the saved ones (cut, garbled, out of
#     order, a reservation that does not match its request, ...): exit
#     status 2 and one message naming the line, never a crash (the tool
#     runs under ASan and UBSan);
#  3. in QEMU: the payload replays one saved boot under -icount, and a
#     log of its own boot with memblock=debug (Linux 4.12's format) is
#     replayed on the host.
#
# Usage: tests/replay_tool/run.sh   (environment: REPLAY, KERNEL, QEMU,
# FIRMWARE, OUT)
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 2
REPLAY=${REPLAY:-build/host/replay}
KERNEL=${KERNEL:-build/payload.elf}
QEMU=${QEMU:-qemu-system-riscv64}
FIRMWARE=${FIRMWARE:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf}
OUT=${OUT:-build/replay/test}
LOGS=tests/replay
pass=0
fail=0

mkdir -p "$OUT"
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# replay NAME [ARGS...]: the host replay of a saved log, into $OUT/NAME.out.
replay() {
	local name=$1
	shift
	"$REPLAY" --dtb "$LOGS/$name.dtb" "$@" "$LOGS/$name.log" \
		>"$OUT/$name.out" 2>"$OUT/$name.err"
	STATUS=$?
}

has() {		# has NAME TEXT: the report has a line with TEXT
	if grep -qF -- "$2" "$OUT/$1.out"; then ok; else bad "$1: no line with: $2"; fi
}

lacks() {
	if grep -qF -- "$2" "$OUT/$1.out"; then bad "$1: a line with: $2"; else ok; fi
}

status() {	# status NAME N
	if [ "$STATUS" -eq "$2" ]; then ok; else
		bad "$1: exit status $STATUS, not $2: $(head -c 300 "$OUT/$1.err")"
	fi
}

# count NAME PATTERN N: N lines of the report match the extended PATTERN.
count() {
	local n
	n=$(grep -cE -- "$2" "$OUT/$1.out")
	if [ "$n" -eq "$3" ]; then ok; else bad "$1: $n lines match '$2', not $3"; fi
}

# ---- 1. the saved boots ------------------------------------------------------

for name in virt-128m virt-1g-numa2; do
	replay "$name"
	status "$name" 0
	has "$name" "Mismatches: none: every address and doubling is the kernel's, under every combination"
	has "$name" "the replay's arrays are the dump's under 6 of 6 combinations"
	has "$name" "memblock_allow_resize() never"
done
has virt-128m "memblock_set_node([0x80200000-0x87ffffff], node 0) before line 76"
has virt-1g-numa2 "memblock_set_node([0xa0000000-0xbfffffff], node 1) before line 72 (numa-node-id in the tree)"
count virt-1g-numa2 '^NODE_DATA \(memblock_phys_alloc_try_nid\) +2 ' 1

# The doubling: resizing allowed from the call that doubles, the new array
# where the kernel put it; gaptree's pool moves what follows, and only
# under gaptree, each move shown by the reference run.
name=memreserve-123
replay "$name"
status "$name" 0
has "$name" "memblock_allow_resize() before line 193, the first doubling"
has "$name" "the replay's arrays are the dump's under 4 of 6 combinations"
count "$name" '^  (linear|binary)/' 0
count "$name" '^  gaptree/(linear|binary) +(address|checkpoint): .*: gaptree-pool$' 30
count "$name" 'UNEXPLAINED|disagrees|doubling:' 0
has "$name" "mismatches (unexplained)                                  0 (0)          0 (0)         15 (0)          0 (0)          0 (0)         15 (0)"

# 10,000 regions: the array fills, 9,875 reservations fail, and the first
# page-table page gets 0 (tests/replay/README.md, "memreserve-10k").
name=memreserve-10k
replay "$name" --list-failed
status "$name" 0
has "$name" "9875 calls failed (-ENOMEM) under linear/linear"
has "$name" "4873 x memblock_reserve by early_init_fdt_scan_reserved_mem+0x46/0x218, lines 181 to 5053, the first [0x0000000082833980-0x0000000082833cbf]"
has "$name" "5001 x memblock_reserve by early_init_fdt_scan_reserved_mem+0x216/0x218"
has "$name" "1 x memblock_reserve by paging_init+0x132/0x4a6"
count "$name" '^  failed: line [0-9]+: memblock_reserve: ' 9875
has "$name" "The kernel would have failed here: line 19994: memblock_phys_alloc_range: 4096 bytes"
has "$name" "it finds [0x0000000087fff000-0x0000000087ffffff], as the log prints, but cannot reserve it"
has "$name" "the log agrees: line 19996: Oops - store (or AMO) access fault [#1]"
has "$name" "Mismatches: none"
has "$name" "peak reserved regions                                       128            128            128            128            128            128"

# Without the tree: the dump's memory is the start, the dump the checkpoint.
"$REPLAY" "$LOGS/virt-128m.log" >"$OUT/nodtb.out" 2>"$OUT/nodtb.err"
STATUS=$?
status nodtb 0
has nodtb "Start: memory of the MEMBLOCK configuration dump at line 104: [0x80200000-0x87ffffff]"
has nodtb "Mismatches: none"

# ---- 2. hostile logs ---------------------------------------------------------

# hostile NAME TEXT [DTB]: the log $OUT/NAME.log is refused: status 2, one
# line on stderr, containing TEXT.
hostile() {
	local name=$1 text=$2 dtb=${3-$LOGS/virt-128m.dtb}
	"$REPLAY" ${dtb:+--dtb "$dtb"} "$OUT/$name.log" >"$OUT/$name.out" 2>"$OUT/$name.err"
	STATUS=$?
	if [ "$STATUS" -ne 2 ]; then
		bad "$name: exit status $STATUS, not 2: $(head -c 300 "$OUT/$name.err")"
	elif [ "$(wc -l <"$OUT/$name.err")" -ne 1 ]; then
		bad "$name: not one line on stderr: $(head -c 600 "$OUT/$name.err")"
	elif ! grep -qF -- "$text" "$OUT/$name.err"; then
		bad "$name: the message lacks '$text': $(cat "$OUT/$name.err")"
	else
		ok
	fi
}

base=$LOGS/virt-128m.log
tr -d '\r' <"$base" >"$OUT/clean.log"

# cut in the middle of a reservation line, and right after a request
head -c "$(grep -b -m1 'memblock_reserve: \[0x0000000087fff000' "$OUT/clean.log" | cut -d: -f1)" "$OUT/clean.log" >"$OUT/cut-request.log"
hostile cut-request "line 56: the log ends right after this request"
{ head -n 56 "$OUT/clean.log"; sed -n 57p "$OUT/clean.log" | head -c 40; } >"$OUT/cut-line.log"
hostile cut-line "line 57: "
if grep -qF "cut short" "$OUT/cut-line.err"; then ok; else bad "cut-line: no 'cut short'"; fi

# garbled numbers and names
sed '57s/0x0000000087fff000/0x00000000zz7ff000/' "$OUT/clean.log" >"$OUT/garbled-hex.log"
hostile garbled-hex "line 57: "
sed '56s/4096 bytes/4096 bites/' "$OUT/clean.log" >"$OUT/garbled-request.log"
hostile garbled-request "line 56: "
sed '53s/0x0000000080200000-0x0000000080415fff/0x0000000080415fff-0x0000000080200000/' "$OUT/clean.log" >"$OUT/garbled-range.log"
hostile garbled-range "line 53: "
sed '68s/10316 bytes/99999999999999999999999 bytes/' "$OUT/clean.log" >"$OUT/garbled-overflow.log"
hostile garbled-overflow "line 68: "
sed '57s/0x0000000087fff000/0x00000000087fff0000/' "$OUT/clean.log" >"$OUT/garbled-long.log"
hostile garbled-long "line 57: "
printf 'memblock_reserve: [0x1000-0x1fff]\n' >"$OUT/garbled-nocaller.log"
hostile garbled-nocaller "line 1: "

# out of order: a request after the reservation that served it; times back
sed '56{h;d};57{G}' "$OUT/clean.log" >"$OUT/swapped.log"
hostile swapped "line 56: an allocator's reservation with no request before it"
sed '60s/^\[    0.000000\]/[    5.000000]/' "$OUT/clean.log" >"$OUT/time.log"
hostile time "line 61: its time stamp is before line 60's"
sed '77d' "$OUT/clean.log" >"$OUT/nodedata.log"
hostile nodedata "NODE_DATA with no reservation of that range right before it"

# reservations that do not match their requests
sed '57s/0x0000000087fff000-0x0000000087ffffff/0x0000000087ffe000-0x0000000087ffffff/' "$OUT/clean.log" >"$OUT/size.log"
hostile size "line 57: the reservation is 0x2000 bytes, the request at line 56 4096"
sed '57s/0x0000000087fff000-0x0000000087ffffff/0x0000000087fff800-0x00000000880007ff/' "$OUT/clean.log" >"$OUT/align.log"
hostile align "line 57: the reservation is not aligned to the request's 0x1000"

# a dump cut short; doublings without their reservation, and the reverse
sed '112d' "$OUT/clean.log" >"$OUT/dump.log"
hostile dump "line 108: the dump's count says 0x9 regions"
tr -d '\r' <"$LOGS/memreserve-123.log" | sed '196d' >"$OUT/double-alone.log"
hostile double-alone "line 195: 'is doubled' with no reservation" "$LOGS/memreserve-123.dtb"
tr -d '\r' <"$LOGS/memreserve-123.log" | sed '195d' >"$OUT/double-nested.log"
hostile double-nested "line 195: memblock_double_array's reservation with no 'is doubled' line" "$LOGS/memreserve-123.dtb"

# nothing to replay; nothing to start from; not a log at all; a bad tree
: >"$OUT/empty.log"
hostile empty "no memblock call in the log"
sed '104,117d' "$OUT/clean.log" >"$OUT/nostart.log"
hostile nostart "no MEMBLOCK configuration dump and no device tree" ""
head -c 65536 /dev/urandom >"$OUT/random.log"
"$REPLAY" "$OUT/random.log" >/dev/null 2>"$OUT/random.err"
STATUS=$?
if [ "$STATUS" -eq 2 ] && [ "$(wc -l <"$OUT/random.err")" -eq 1 ]; then ok; else
	bad "random bytes: status $STATUS: $(head -c 300 "$OUT/random.err")"
fi
head -c 100 "$LOGS/virt-128m.dtb" >"$OUT/cut.dtb"
cp "$OUT/clean.log" "$OUT/cut-dtb.log"
hostile cut-dtb "device tree: not a valid blob" "$OUT/cut.dtb"
"$REPLAY" --dtb "$OUT/cut.dtb" "$OUT/cut-dtb.log" >/dev/null 2>"$OUT/cut-dtb.err"
STATUS=$?
if [ "$STATUS" -eq 2 ] && grep -qF "cut.dtb: device tree: not a valid blob" "$OUT/cut-dtb.err"; then ok; else
	bad "cut dtb: $(cat "$OUT/cut-dtb.err")"
fi

# ---- 3. in QEMU ----------------------------------------------------------------

# qemu_boot NAME [QEMU ARGS...]: boot the payload, console in $OUT/NAME.out.
qemu_boot() {
	local name=$1
	shift
	timeout 120 "$QEMU" -M virt -m 256M -smp 1 -nographic -no-reboot \
		-bios "$FIRMWARE" -kernel "$KERNEL" "$@" </dev/null 2>&1 |
		tr -d '\r' >"$OUT/$name.out"
	STATUS=${PIPESTATUS[0]}
}

# The payload replays a saved boot under -icount: the host's verdict, and
# exact instruction counts (the same on every run).
"$REPLAY" --dtb "$LOGS/virt-128m.dtb" --ops "$OUT/virt-128m.ops" "$LOGS/virt-128m.log" 2>"$OUT/ops.err" ||
	bad "writing the op list: $(cat "$OUT/ops.err")"
qemu_boot payload-replay -initrd "$OUT/virt-128m.ops" -icount shift=0,sleep=off \
	-append bench.csv
status payload-replay 0
has payload-replay "Mismatches: none: every address and doubling is the kernel's, under every combination"
has payload-replay "Integrity check: ok"
count payload-replay '^all calls +44( +[1-9][0-9]*){6}$' 1
if grep -q '^replay-csv: replay-virt-128m,gaptree,binary,18,boot,44,' "$OUT/payload-replay.out"; then ok; else
	bad "payload-replay: no replay-csv lines (bench.csv)"
fi

# An op list that is not one is refused with one line and status 1.
head -c 1000 "$OUT/virt-128m.ops" >"$OUT/cut.ops"
qemu_boot payload-cut-ops -initrd "$OUT/cut.ops"
status payload-cut-ops 1
has payload-cut-ops "replay: the initrd: op list truncated"

# The payload's own boot, logged with memblock=debug in 4.12's format and
# replayed: it starts from nothing (its memblock_add lines are logged).
qemu_boot self-log -append "memblock=debug"
status self-log 0
"$REPLAY" "$OUT/self-log.out" >"$OUT/self-replay.out" 2>"$OUT/self-replay.err"
STATUS=$?
status self-replay 0
has self-replay "(a log in the format Linux 4.12 and 6.1 share,"
dump_line=$(grep -n -m1 '^MEMBLOCK configuration:' "$OUT/self-log.out" | cut -d: -f1)
has self-replay "Start: memory of the MEMBLOCK configuration dump at line ${dump_line:-?}, on its nodes"
count self-replay '^allocation with no request line +4 ' 1
has self-replay "Mismatches: none"
has self-replay "the replay's arrays are the dump's under 6 of 6 combinations"

echo "replay tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
