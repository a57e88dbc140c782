#!/bin/sh
# Exit 0 when build/linux holds no work that patches/ lacks: no tree, or
# a clean tree whose commits after 'base' are exactly the series' patches.
# Otherwise say which side changed since 'make tree' applied patches/
# (mktree.sh records it), and exit 1: the tree has work to 'make export',
# or patches/ changed under it (a pull) and 'make tree' would apply it.
set -eu
. "$(dirname "$0")/lib.sh"
git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1 || exit 0
sum() { git patch-id --stable | cut -d' ' -f1 | sort | sha256sum | cut -d' ' -f1; }
files=$(ls "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-' || true)
tree_sum=$(git -C "$TREE" log -p --reverse base..HEAD | sum)
files_sum=$(printf '%s' "$files" | xargs -r cat | sum)
dirty=$(git -C "$TREE" status --porcelain --untracked-files=no)
[ -z "$dirty" ] && [ "$tree_sum" = "$files_sum" ] && exit 0

applied=$(cat "$(git -C "$TREE" rev-parse --absolute-git-dir)/i915-ttm-applied" 2>/dev/null || true)
[ -n "$dirty" ] && note "$TREE has uncommitted changes"
if [ -z "$applied" ]; then
	[ "$tree_sum" = "$files_sum" ] ||
		note "$TREE has commits after 'base' that differ from $PATCHES ('make export' them)"
else
	[ "$tree_sum" = "$applied" ] ||
		note "$TREE has commits that 'make tree' did not apply: work to keep with 'make export'"
	[ "$files_sum" = "$applied" ] ||
		note "$PATCHES changed since 'make tree' applied it (a pull?): 'make tree' applies it, and FORCE=1 keeps the tree's HEAD as a backup branch"
fi
exit 1
