#!/bin/sh
# Tests of checkpatches.sh on fixture series (test_data/series-*): each
# check must catch its problem and name the patch, and nothing else may
# fail. Builds only the touched objects (PP_BUILD=objects) to stay quick.
set -u
. "$(dirname "$0")/lib.sh"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "FAIL checkpatches_test: $*"; }
out=$BUILD/logs/checkpatches_test
mkdir -p "$out"

expect() { # output-file pattern description
	if grep -qE "$2" "$1"; then ok; else ko "$3 (no line matching '$2' in $1)"; fi
}

PP_BUILD=objects sh "$HARNESS/checkpatches.sh" "$HARNESS/test_data/series-checks" >"$out/checks.out" 2>&1
rc=$?
[ "$rc" != 0 ] && ok || ko "a failing series must exit non-zero"
expect "$out/checks.out" '^FAIL 0002-[^:]*: checkpatch.pl --strict: total: 1 errors' "trailing whitespace caught by checkpatch"
expect "$out/checks.out" "^    .*i915_utils.c: warning: symbol 'i915_fixture_sparse' was not declared" "new sparse warning shown"
expect "$out/checks.out" '^FAIL 0003-[^:]*: new sparse/W=1 warnings' "new sparse warning named"
expect "$out/checks.out" "^FAIL 0004-[^:]*: new kernel-doc warnings" "new kernel-doc warning named"
expect "$out/checks.out" "not described in 'add_taint_for_CI'" "kernel-doc warning shown"
expect "$out/checks.out" '^FAIL 0005-[^:]*: does not build' "build failure named"
expect "$out/checks.out" '^per-patch: [0-9]+ passed, [0-9]+ failed$' "summary line"
# Everything that must pass did: patch 1 wholly, and the other checks of 2-4.
if grep -E '^FAIL 0001-' "$out/checks.out" ||
	grep -E '^FAIL 000[2-4]-.*(does not apply|does not build)' "$out/checks.out" ||
	grep -E '^FAIL 0002-.*(sparse|kernel-doc)' "$out/checks.out"; then
	ko "a clean check failed (see $out/checks.out)"
else
	ok
fi

PP_BUILD=objects sh "$HARNESS/checkpatches.sh" "$HARNESS/test_data/series-noapply" >"$out/noapply.out" 2>&1
[ $? != 0 ] && ok || ko "a patch that does not apply must fail"
expect "$out/noapply.out" '^FAIL 0001-[^:]*: does not apply on its predecessor' "a patch that does not apply is named"
expect "$out/noapply.out" 'file drivers/gpu/drm/i915/i915_utils.c, hunk at line' "its file and hunk are named"

empty=$(mktemp -d)
sh "$HARNESS/checkpatches.sh" "$empty" >"$out/empty.out" 2>&1 && ok || ko "an empty series is not a failure"
rmdir "$empty"
expect "$out/empty.out" '^per-patch: 0 passed, 0 failed$' "an empty series reports nothing"

echo "checkpatches-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
