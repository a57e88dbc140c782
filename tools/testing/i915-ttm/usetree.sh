#!/bin/sh
# The tree make kernel, run and shell build: build/linux as it stands.
# Edits not exported yet are built as they are (the edit-build-boot loop
# of Documentation/design.md), with a note of what differs from
# patches/; make check, deb and distclean still refuse such a tree.
# Without a tree, or with one that carries patches/, this is mktree.sh.
set -eu
. "$(dirname "$0")/lib.sh"
if git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1 &&
	! sh "$HARNESS/exported.sh" 2>/dev/null; then
	gitdir=$(git -C "$TREE" rev-parse --absolute-git-dir)
	[ -d "$gitdir/rebase-apply" ] || [ -d "$gitdir/rebase-merge" ] &&
		die "$TREE: a git am or rebase is in progress; finish it first"
	sh "$HARNESS/exported.sh" || true
	note "building $TREE as it stands, not patches/"
	exit 0
fi
exec sh "$HARNESS/mktree.sh"
