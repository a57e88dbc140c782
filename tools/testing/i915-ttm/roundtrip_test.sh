#!/bin/sh
# Tests of roundtrip.sh on a scratch repository with a two-patch series:
# the series as exported passes; a patch edited after export, or a
# missing patch, fails and says which tree differs.
set -u
. "$(dirname "$0")/lib.sh"
need git b4
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

repo=$tmp/repo
git init -q "$repo"
git -C "$repo" config user.name "i915-ttm test"
git -C "$repo" config user.email "i915-ttm@example.invalid"
printf 'one\ntwo\nthree\n' >"$repo/a.c"
git -C "$repo" add a.c
git -C "$repo" commit -q -m base
git -C "$repo" tag base
git -C "$repo" checkout -q -b series
sed -i 's/two/TWO/' "$repo/a.c"
git -C "$repo" commit -q -am "a: the second line"
printf 'new\n' >"$repo/b.c"
git -C "$repo" add b.c
git -C "$repo" commit -q -m "b: a new file"
git -C "$repo" format-patch -q --cover-letter -o "$tmp/good" base

run() { # patches-dir want: pass|fail, what
	out=$(TREE=$repo BUILD=$tmp/build-$3 PATCHES=$1 sh "$HARNESS/roundtrip.sh" 2>&1)
	rc=$?
	if { [ "$2" = pass ] && [ $rc = 0 ]; } ||
		{ [ "$2" = fail ] && [ $rc != 0 ] && echo "$out" | grep -q "^FAIL roundtrip"; }; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL roundtrip_test: $3: expected $2, got:"
		echo "$out" | tail -5
	fi
}

run "$tmp/good" pass "the exported series"

cp -r "$tmp/good" "$tmp/edited"
sed -i 's/^+new$/+changed/' "$tmp/edited"/0002-*.patch
run "$tmp/edited" fail "a patch edited after export"

cp -r "$tmp/good" "$tmp/missing"
rm "$tmp/missing"/0002-*.patch
run "$tmp/missing" fail "a missing patch"

echo "roundtrip-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
