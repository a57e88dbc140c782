#!/bin/sh
# Tests of run.sh's verdict with a stand-in build.sh and vm.sh in a
# scratch copy of the harness: a failed build, a VM that writes no log
# and a log with failures each fail, and an earlier run's log is never
# taken for this one. Needs no kernel tree, compiler or QEMU.
set -u
. "$(dirname "$0")/lib.sh"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "FAIL run_test: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

h=$tmp/tools/testing/i915-ttm
mkdir -p "$h" "$tmp/build/logs"
cp "$HARNESS/run.sh" "$HARNESS/lib.sh" "$HARNESS/base.conf" "$HARNESS/i915_ttm_parser.py" "$h/"
# FAKE_BUILD=fail fails the build; FAKE_VM names the saved console log
# the VM "writes" (none: writes nothing) and FAKE_VM_RC its exit status.
cat >"$h/build.sh" <<'STUB'
[ "${FAKE_BUILD:-}" != fail ] || { echo "build.sh: error: $1 kernel build failed" >&2; exit 1; }
echo "$BUILD/bzImage"
STUB
cat >"$h/vm.sh" <<'STUB'
[ "${FAKE_VM:-none}" = none ] || cp "$FAKE_LOGS/$FAKE_VM.log" "$3"
exit "${FAKE_VM_RC:-0}"
STUB
log=$tmp/build/logs/test.log
stale() { cp "$HARNESS/test_data/base-pass.log" "$log"; }

run() { # want(pass|fail) last-line-pattern what, then run.sh's arguments
	_want=$1 _last=$2 _what=$3
	shift 3
	BUILD=$tmp/build FAKE_LOGS=$HARNESS/test_data sh "$h/run.sh" "$@" >"$tmp/out" 2>&1
	_rc=$?
	if { [ "$_want" = pass ] && [ $_rc = 0 ]; } || { [ "$_want" = fail ] && [ $_rc != 0 ]; }; then
		if tail -n1 "$tmp/out" | grep -qE "$_last"; then
			ok
			return
		fi
	fi
	ko "$_what: expected $_want ending '$_last', got exit $_rc and:"
	tail -n5 "$tmp/out" | sed 's/^/    /'
}

stale
FAKE_BUILD=fail FAKE_VM=base-pass run fail '^test-kernel: 0 passed, 1 failed$' "a failed build" test
if [ -e "$log" ]; then ko "a failed build left the earlier log in place"; else ok; fi

stale
FAKE_VM=none FAKE_VM_RC=1 run fail '^test-kernel: 0 passed, 1 failed$' "a VM that writes no log, after a passing run" test

FAKE_VM=base-pass run pass '^test-kernel: [1-9][0-9]* passed, 0 failed$' "a passing log" --table test
if grep -q '^suite ' "$tmp/out"; then ok; else ko "--table printed no table"; fi

FAKE_VM=selftest-fail run fail '^test-kernel: [0-9]+ passed, [1-9][0-9]* failed$' "a log with a failed selftest" test
FAKE_VM=truncated FAKE_VM_RC=124 run fail '^test-kernel: [0-9]+ passed, [1-9][0-9]* failed$' "a VM killed on its timeout" test
FAKE_VM=base-pass FAKE_VM_RC=1 run fail '^FAIL debug-kernel: vm.sh exit status 1$' "a passing log from a VM that failed" debug "$log"
FAKE_BUILD=fail FAKE_VM=base-pass run pass '^[0-9]+ passed, 0 failed$' "--image boots without building, --name ''" \
	--image "$tmp/bzImage" --name '' test "$log"
FAKE_BUILD=fail FAKE_VM=base-pass run fail '^no-lmem: 0 passed, 1 failed$' "--name names the failure line" --name no-lmem test

echo "run-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
