#!/bin/sh
# The series' documentation, against the base's:
#   kernel-doc  scripts/kernel-doc -none on every file the series adds or
#               changes: no warning the base's version of it lacks
#   htmldocs    Sphinx builds Documentation/gpu (SPHINXDIRS=gpu, where the
#               series wires its kerneldoc in): no warning the base lacks
# Warnings are compared without line numbers, so moved text does not
# count as new. The base's build is kept (build/obj-doc-base) and redone
# only when the base changes.
#
#   docs.sh     ends "docs: N passed, N failed"
set -u
. "$(dirname "$0")/lib.sh"
need git perl make sphinx-build

passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL docs: $*"; }
# Paths made relative and line numbers dropped.
norm() { sed -E "s|$1/||g; s/:[0-9]+(:|$)/\1/g" | sort -u; }

git -C "$TREE" rev-parse -q --verify series >/dev/null || die "no series branch in $TREE (make tree)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

note "kernel-doc: every file the series touches"
git -C "$TREE" diff --name-only --diff-filter=AM base series -- '*.c' '*.h' >"$tmp/files"
mkdir "$tmp/base" "$tmp/series"
while read -r f; do
	b=${f##*/}
	git -C "$TREE" show "series:$f" >"$tmp/series/$b"
	git -C "$TREE" show "base:$f" >"$tmp/base/$b" 2>/dev/null || : >"$tmp/base/$b"
	for v in base series; do
		"$TREE/scripts/kernel-doc" -none "$tmp/$v/$b" 2>&1 | norm "$tmp/$v" >"$tmp/$v.w"
	done
	new=$(comm -13 "$tmp/base.w" "$tmp/series.w")
	if [ -n "$new" ]; then
		fail "kernel-doc: $f: $(echo "$new" | head -3)"
	else
		pass
	fi
done <"$tmp/files"

htmldocs() { # tree objdir
	# From scratch: an incremental Sphinx build repeats no old warning.
	rm -rf "$2"
	mkdir -p "$2"
	make -C "$1" O="$2" SPHINXDIRS=gpu htmldocs >"$2.log" 2>&1 ||
		{ tail -20 "$2.log"; return 1; }
	grep -iE 'warning|error' "$2.log" | grep -v '^WARNING: \(The kernel documentation build process\|dot(1) not found\)' |
		norm "$1" >"$2.warnings"
}

base=$(git -C "$TREE" rev-parse base)
obase=$BUILD/obj-doc-base
if [ "$(cat "$obase.commit" 2>/dev/null)" != "$base" ]; then
	note "htmldocs: Documentation/gpu of the base (once per base)"
	wt=$BUILD/doc-base
	if [ ! -e "$wt/.git" ]; then
		git -C "$TREE" worktree prune
		git -C "$TREE" worktree add -q -f --detach "$wt" base || die "cannot make $wt"
	fi
	git -C "$wt" checkout -q -f --detach base
	htmldocs "$wt" "$obase" || die "the base's htmldocs failed (log: $obase.log)"
	echo "$base" >"$obase.commit"
fi

note "htmldocs: Documentation/gpu of the series"
odoc=$BUILD/obj-doc
if htmldocs "$TREE" "$odoc"; then
	new=$(comm -13 "$obase.warnings" "$odoc.warnings")
	if [ -n "$new" ]; then
		echo "$new" | while read -r w; do echo "FAIL docs: htmldocs: $w"; done
		failed=$((failed + $(echo "$new" | wc -l)))
	else
		pass
	fi
else
	fail "htmldocs: the Sphinx build failed (log: $odoc.log)"
fi

echo "docs: $passed passed, $failed failed"
[ "$failed" = 0 ]
