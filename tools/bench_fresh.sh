#!/bin/sh
# Is reports/ from the code at HEAD?  make test's check (issue 11): the
# trees of mm/ and bench/ that reports/meta.txt was made from must be
# HEAD's, whatever commit the reports themselves were committed in; and
# README.md's table must be the one reports/ gives.  Comparing trees, not
# commit ids, works in a shallow clone and after a commit of reports/ alone.
#
# Usage: tools/bench_fresh.sh META README BENCH_REPORT CSV TARGETS
# (from the top of the work tree)
set -eu

if [ $# -ne 5 ]; then
	echo "usage: $0 META README BENCH_REPORT CSV TARGETS" >&2
	exit 2
fi
meta=$1 readme=$2 report=$3 csv=$4 targets=$5
here=$(dirname "$0")

"$here/bench_readme.sh" check "$readme" "$report" "$csv" "$meta" "$targets"

if ! git rev-parse --verify -q HEAD >/dev/null 2>&1; then
	echo "bench-fresh: SKIPPED: not a git checkout with a commit, so which code $meta was made from cannot be checked"
	exit 0
fi
commit=$(sed -n 's/^commit \([0-9a-f]*\).*/\1/p' "$meta")
stale=
for dir in mm bench; do
	made=$(sed -n "s/^tree_$dir \\([0-9a-f]*\\)\$/\\1/p" "$meta")
	if [ -n "$made" ]; then
		[ "$made" = "$(git rev-parse "HEAD:$dir")" ] || stale="$stale $dir/"
	elif [ -n "$commit" ] && git cat-file -e "$commit^{commit}" 2>/dev/null; then
		git diff --quiet "$commit" HEAD -- "$dir" || stale="$stale $dir/"
	else
		echo "$meta names neither the tree of $dir/ it was made from nor a commit this clone has: run \`make bench\`" >&2
		exit 1
	fi
done
# mm/ changed in its sources only (trace points, comments): the same
# objects measure the same, so reports/ holds (tools/mm-same-code.sh).
if [ "$stale" = " mm/" ] && [ -n "$commit" ] &&
   git cat-file -e "$commit^{commit}" 2>/dev/null &&
   "$here/mm-same-code.sh" "$commit"; then
	stale=
fi
if [ -n "$stale" ]; then
	echo "reports/ is stale:$stale at HEAD differ from what $meta was made from (commit ${commit:-unknown}): run \`make bench\` and commit reports/ and README.md" >&2
	if [ -n "$commit" ] && git cat-file -e "$commit^{commit}" 2>/dev/null; then
		git diff --stat "$commit" HEAD -- mm bench >&2
	fi
	exit 1
fi
echo "bench-fresh: reports/ was made from HEAD's mm/ and bench/ (commit ${commit:-unknown}); README's table is reports/'"
