#!/bin/sh
# Exit 0 when build/linux holds no work that patches/ lacks: no tree, or
# a clean tree whose commits after 'base' are exactly the series' patches.
# Otherwise say what would be lost and exit 1.
set -eu
. "$(dirname "$0")/lib.sh"
git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1 || exit 0
ids() { git patch-id --stable | cut -d' ' -f1 | sort; }
files=$(ls "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-' || true)
if [ -n "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
	note "$TREE has uncommitted changes"
	exit 1
fi
if [ "$(git -C "$TREE" log -p --reverse base..HEAD | ids)" != "$(printf '%s' "$files" | xargs -r cat | ids)" ]; then
	note "$TREE has commits after 'base' that differ from $PATCHES ('make export' them)"
	exit 1
fi
