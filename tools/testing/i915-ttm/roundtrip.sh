#!/bin/sh
# The series as a maintainer receives it: patches/ posted as one mail
# thread under the cover letter (one mbox, Message-Id/In-Reply-To as
# git send-email sets them), applied to a fresh clone of the base with
# 'git am' and, from the same mbox, with 'b4 am'. Each must give exactly
# the tree of build/linux's series branch.
#
#   roundtrip.sh     ends "roundtrip: N passed, N failed"
set -u
. "$(dirname "$0")/lib.sh"
need git b4

dir=$BUILD/roundtrip
rm -rf "$dir"
mkdir -p "$dir"
want=$(git -C "$TREE" rev-parse 'series^{tree}') || die "no series branch in $TREE (make tree)"

# One mbox; every message gets an id, the patches answer the cover
# letter. Headers are unfolded: b4 copies a folded Subject into a header
# that may not contain a line break.
n=0
for f in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch; do
	awk -v n="$n" '
		body { print; next }
		/^$/ {
			print held
			printf "Message-Id: <i915-ttm.%d@example.invalid>\n", n
			if (n > 0) {
				print "In-Reply-To: <i915-ttm.0@example.invalid>"
				print "References: <i915-ttm.0@example.invalid>"
			}
			print
			body = 1
			next
		}
		/^[ \t]/ { sub(/^[ \t]+/, " "); held = held $0; next }
		NR > 1 { print held }
		{ held = $0 }' "$f" >>"$dir/series.mbox"
	n=$((n + 1))
done
[ "$n" -gt 1 ] || die "no patches in $PATCHES"

passed=0 failed=0
check() { # name clone
	got=$(git -C "$2" rev-parse 'HEAD^{tree}')
	if [ "$got" = "$want" ]; then
		passed=$((passed + 1))
	else
		echo "FAIL roundtrip: $1 gives tree $got, build/linux's series has $want"
		git -C "$2" diff --stat "$want" HEAD | tail -5
		failed=$((failed + 1))
	fi
}
# A clone of the base that checks out only what the series touches:
# applying needs no more, and the whole tree would take minutes.
touched=$(git -C "$TREE" diff --name-only base series | sed 's|^|/|')
fresh() { # dir
	# shellcheck disable=SC2086 # one pattern per touched file
	git clone -q --shared --no-checkout "$TREE" "$1" &&
		git -C "$1" sparse-checkout set --no-cone $touched &&
		git -C "$1" checkout -q --detach base &&
		git -C "$1" config user.name "i915-ttm roundtrip" &&
		git -C "$1" config user.email "i915-ttm@example.invalid"
}

# git am skips nothing: the cover letter has no diff and would stop it.
fresh "$dir/git-am" || die "cannot clone $TREE"
awk '/^From [0-9a-f]+ Mon Sep 17 00:00:00 2001$/ { msg++ } msg > 1' \
	"$dir/series.mbox" >"$dir/patches.mbox"
if git -C "$dir/git-am" am -q "$dir/patches.mbox" >"$dir/git-am.log" 2>&1; then
	check "git am" "$dir/git-am"
else
	echo "FAIL roundtrip: git am of the mbox failed:"
	tail -5 "$dir/git-am.log"
	failed=$((failed + 1))
fi

# b4 am picks the thread out of the mbox, as from lore, and writes the
# series it would apply.
fresh "$dir/b4-am" || die "cannot clone $TREE"
mkdir -p "$dir/b4"
if b4 am -C -m "$dir/series.mbox" -o "$dir/b4" -n series \
	'i915-ttm.0@example.invalid' >"$dir/b4.log" 2>&1 &&
	git -C "$dir/b4-am" am -q "$dir/b4/series.mbx" >>"$dir/b4.log" 2>&1; then
	check "b4 am" "$dir/b4-am"
else
	echo "FAIL roundtrip: b4 am of the mbox failed:"
	tail -5 "$dir/b4.log"
	failed=$((failed + 1))
fi

echo "roundtrip: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
