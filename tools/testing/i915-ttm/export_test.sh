#!/bin/sh
# Tests of export.py and mktree.sh on a scratch worktree of build/linux
# (build/pp/linux) and scratch patch directories: stable output, the cover
# letter kept, stale patches removed, unexported work never reset.
set -u
. "$(dirname "$0")/lib.sh"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "FAIL export_test: $*"; }
check() { if eval "$1"; then ok; else ko "$2"; fi; }

wt=$BUILD/pp/linux
fix=$HARNESS/test_data/series-checks
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ ! -e "$wt/.git" ]; then
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q -f --detach "$wt" base
fi
git -C "$wt" am --abort >/dev/null 2>&1 || true
git -C "$wt" checkout -q -f --detach base
git -C "$wt" am -q "$fix"/0001-*.patch "$fix"/0002-*.patch 2>/dev/null
export TREE="$wt"

exp() { PATCHES="$1" python3 "$HARNESS/export.py" >"$tmp/out" 2>&1; }
sums() { (cd "$1" && sha256sum *.patch); }

exp "$tmp/p"
check '[ "$(ls "$tmp/p" | wc -l)" = 3 ] && [ -f "$tmp/p/0000-cover-letter.patch" ]' "cover letter and two patches written"
check 'grep -q "^Subject: \[PATCH 0/2\] " "$tmp/p/0000-cover-letter.patch"' "cover letter numbered 0/2"
check 'grep -qx "base-commit: $(git -C "$wt" rev-parse base)" "$tmp/p/0000-cover-letter.patch"' "cover letter carries base-commit:"
check 'grep -q "^Subject: \[PATCH 1/2\] drm/i915: say why" "$tmp/p"/0001-*.patch' "patches numbered"
check '[ "$(cat "$tmp/p"/0001-*.patch | git patch-id --stable | cut -d" " -f1)" = "$(cat "$fix"/0001-*.patch | git patch-id --stable | cut -d" " -f1)" ]' "exported patch equals its source"

sed -i 's/^Subject: \[PATCH 0\/2\] .*/Subject: [PATCH 0\/2] drm\/i915: a kept subject/' "$tmp/p/0000-cover-letter.patch"
sed -i 's/^\*\*\* Describe the series here. \*\*\*$/A kept body.\n\nIts second paragraph./' "$tmp/p/0000-cover-letter.patch"
sums "$tmp/p" >"$tmp/before"
cp -r "$tmp/p" "$tmp/p.before"
exp "$tmp/p"
if sums "$tmp/p" | cmp -s - "$tmp/before" && grep -q "(unchanged)" "$tmp/out"; then
	ok
else
	ko "re-export of an unchanged tree changed a file or did not say unchanged; export.py printed:"
	sed 's/^/    /' "$tmp/out"
	diff -ru "$tmp/p.before" "$tmp/p" | head -n 40 | sed 's/^/    /'
fi

git -C "$wt" reset -q --hard HEAD~1
exp "$tmp/p"
check '[ "$(ls "$tmp/p" | wc -l)" = 2 ] && ! ls "$tmp/p"/0002-* >/dev/null 2>&1' "a patch gone from the tree is removed"
check 'grep -q "^Subject: \[PATCH 0/1\] drm/i915: a kept subject$" "$tmp/p/0000-cover-letter.patch"' "cover subject kept"
check 'grep -q "^Its second paragraph.$" "$tmp/p/0000-cover-letter.patch" && grep -q "^i915-ttm project (1):$" "$tmp/p/0000-cover-letter.patch"' "cover body kept, shortlog renewed"

# mktree: a tree that carries the series is left alone; unexported work
# is refused, and kept as a branch when forced.
PATCHES="$tmp/p" sh "$HARNESS/mktree.sh" >"$tmp/out" 2>&1
check 'grep -q "already carries the series" "$tmp/out"' "mktree keeps a tree that carries the series"
echo "/* unexported */" >>"$wt/drivers/gpu/drm/i915/i915_utils.c"
git -C "$wt" commit -qam "unexported work"
head=$(git -C "$wt" rev-parse HEAD)
PATCHES="$tmp/p" sh "$HARNESS/mktree.sh" >"$tmp/out" 2>&1
check '[ $? != 0 ] && grep -q "make export" "$tmp/out" && [ "$(git -C "$wt" rev-parse HEAD)" = "$head" ]' "mktree refuses to reset unexported work"
FORCE=1 PATCHES="$tmp/p" sh "$HARNESS/mktree.sh" >"$tmp/out" 2>&1
b=$(sed -n 's/.*kept the old HEAD of .* as branch \(backup\/[0-9-]*\)$/\1/p' "$tmp/out")
check '[ -n "$b" ] && [ "$(git -C "$wt" rev-parse "$b")" = "$head" ]' "FORCE=1 keeps the old HEAD as a backup branch"
check '[ "$(git -C "$wt" rev-list --count base..HEAD)" = 1 ]' "FORCE=1 re-applies the series"
[ -n "$b" ] && git -C "$wt" branch -q -D "$b"

# make kernel/run/shell build an edited tree as it stands, and the note
# says which side changed since make tree: the tree, or patches/ (a pull).
echo "/* an edit */" >>"$wt/drivers/gpu/drm/i915/i915_utils.c"
git -C "$wt" commit -qam "an edit"
head=$(git -C "$wt" rev-parse HEAD)
PATCHES="$tmp/p" sh "$HARNESS/usetree.sh" >"$tmp/out" 2>&1
check '[ $? = 0 ] && grep -q "as it stands" "$tmp/out" && grep -q "make export" "$tmp/out" && ! grep -q "changed since" "$tmp/out" && [ "$(git -C "$wt" rev-parse HEAD)" = "$head" ]' "an edited tree is built as it stands, named as the side that changed"
git -C "$wt" reset -q --hard HEAD~1
cp -r "$tmp/p" "$tmp/pulled"
cp "$fix"/0002-*.patch "$tmp/pulled/"
PATCHES="$tmp/pulled" sh "$HARNESS/exported.sh" >"$tmp/out" 2>&1
check '[ $? != 0 ] && grep -q "changed since .make tree" "$tmp/out" && ! grep -q "make export" "$tmp/out"' "patches/ changed by a pull is named as the side that changed"

# A patch that does not apply: named, with its file, tree left in 'git am'.
cp "$HARNESS/test_data/series-noapply/"0001-*.patch "$tmp/p/0002-noapply.patch"
git -C "$wt" checkout -q -f --detach base
PATCHES="$tmp/p" FORCE=1 sh "$HARNESS/mktree.sh" >"$tmp/out" 2>&1
check '[ $? != 0 ] && grep -q "0002-noapply.patch does not apply" "$tmp/out" && grep -q "i915_utils.c" "$tmp/out"' "mktree names the patch and file that do not apply"
check '[ -d "$(git -C "$wt" rev-parse --absolute-git-dir)/rebase-apply" ]' "mktree leaves the tree in git am"
git -C "$wt" am --abort >/dev/null 2>&1

echo "export-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
