#!/bin/sh
# Make build/linux: the pristine base as one commit tagged 'base', with the
# series in patches/ applied on top by 'git am -3'.
#
# An existing tree is kept as it is when it already carries the series;
# a tree with work that patches/ does not have is never reset unless
# FORCE=1, and then its old HEAD is kept as a branch 'backup/<time>'.
set -eu
. "$(dirname "$0")/lib.sh"
need git tar xz sha256sum

ID_NAME="i915-ttm project"
ID_MAIL="i915-ttm@example.invalid"
export GIT_AUTHOR_NAME="$ID_NAME" GIT_AUTHOR_EMAIL="$ID_MAIL"
export GIT_COMMITTER_NAME="$ID_NAME" GIT_COMMITTER_EMAIL="$ID_MAIL"

series() { ls "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-' || true; }
# What patches/ held when it was applied, for exported.sh to tell an
# edit in the tree from a pull into patches/ (per worktree: in its git dir).
record() {
	series | xargs -r cat | git patch-id --stable | cut -d' ' -f1 | sort |
		sha256sum | cut -d' ' -f1 >"$(git -C "$TREE" rev-parse --absolute-git-dir)/i915-ttm-applied"
}
stamp() { git -C "$TREE" config i915-ttm.base-sha256 2>/dev/null || true; }

tarball=$(sh "$HARNESS/fetch-base.sh")
want_stamp=$(sha256sum "$tarball" | cut -d' ' -f1)

if git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1; then
	gitdir=$(git -C "$TREE" rev-parse --absolute-git-dir)
	[ -d "$gitdir/rebase-apply" ] &&
		die "$TREE: a 'git am' is in progress; finish it (git am --continue / --abort) first"
	[ -d "$gitdir/rebase-merge" ] &&
		die "$TREE: a rebase is in progress; finish it first"
	if sh "$HARNESS/exported.sh" 2>/dev/null; then
		if [ "$(stamp)" = "$want_stamp" ]; then
			note "$TREE already carries the series ($(series | wc -l) patches on base $BASE_VERSION)"
			record
			exit 0
		fi
		work=
	else
		[ "${FORCE:-0}" = 1 ] || {
			sh "$HARNESS/exported.sh" || true
			die "not resetting $TREE: 'make export' (and commit patches/), or rerun with FORCE=1 to keep its HEAD as a backup"
		}
		work=1
	fi
	if [ "$(stamp)" = "$want_stamp" ]; then
		if [ -n "$work" ]; then
			b=backup/$(date +%Y%m%d-%H%M%S)
			git -C "$TREE" branch -f "$b" HEAD
			note "kept the old HEAD of $TREE as branch $b"
		fi
		git -C "$TREE" reset -q --hard base
	elif [ -n "$work" ]; then
		old=$TREE.old-$(date +%Y%m%d-%H%M%S)
		mv "$TREE" "$old"
		note "base changed: kept the old tree as $old"
	else
		note "base changed: recreating $TREE"
		rm -rf "$TREE"
	fi
fi

if ! git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1; then
	note "unpacking $tarball into $TREE"
	rm -rf "$TREE.new"
	mkdir -p "$TREE.new"
	tar -C "$TREE.new" --strip-components=1 -xJf "$tarball"
	# A fixed identity and date make the base commit, and so the
	# series' base-commit: line, the same on every machine.
	(
		cd "$TREE.new"
		git init -q -b series
		git config core.autocrlf false
		git config user.name "$ID_NAME"
		git config user.email "$ID_MAIL"
		git add -f -A .
		GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
			git commit -q -m "Linux $BASE_VERSION (base: $(basename "$tarball"))"
		git tag base
		git config i915-ttm.base-sha256 "$want_stamp"
	)
	mv "$TREE.new" "$TREE"
fi

n=$(series | wc -l)
[ "$n" -eq 0 ] && { record; note "series is empty: $TREE is the base $BASE_VERSION"; exit 0; }
note "applying $n patches"
for p in $(series); do
	if ! out=$(git -C "$TREE" am -3 --keep-cr "$p" 2>&1); then
		printf '%s\n' "$out" >&2
		printf '\n%s: error: %s does not apply on %s\n' "${0##*/}" "${p##*/}" "$(git -C "$TREE" log -1 --format='%h %s')" >&2
		printf '%s\n' "$out" | sed -n \
			-e 's/^error: patch failed: \(.*\):\([0-9]*\)$/  file \1, hunk at line \2/p' \
			-e 's/^CONFLICT ([^)]*): Merge conflict in \(.*\)$/  conflict in \1/p' \
			-e 's/^error: \(.*\): does not exist in index$/  file \1 does not exist/p' >&2
		die "the tree is left in 'git am'; fix it in $TREE, 'git am --continue', then 'make export'"
	fi
done
record
note "$TREE: base $BASE_VERSION + $n patches"
