#!/bin/sh
# mm-same-code.sh: does mm/ at COMMIT compile to the objects mm/ at HEAD
# does?  Then every figure measured with one holds for the other: what
# tools/bench_fresh.sh asks when mm/'s sources changed since reports/ was
# made (trace points, comments and moved lines change no object; see
# tools/mm-objects.sh for what "the same" means).
#
# Usage: tools/mm-same-code.sh COMMIT   (from the top of the work tree)
# Environment: CROSS_CC, CROSS_CFLAGS, OBJCOPY
set -eu

commit=$1
here=$(dirname "$0")
. "$here/mm-objects.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for rev in "$commit" HEAD; do
	mkdir -p "$tmp/$rev.src"
	git archive "$rev" mm | tar -x -C "$tmp/$rev.src"
	mm_compile "$tmp/$rev.src/mm" "$tmp/$rev.obj"
done
if mm_same "$tmp/$commit.obj" "$tmp/HEAD.obj"; then
	echo "mm-same-code: mm/ at HEAD compiles to the objects mm/ at $commit does"
	exit 0
fi
echo "mm-same-code: mm/ at HEAD compiles to other objects than at $commit (above)" >&2
exit 1
