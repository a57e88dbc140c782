#!/bin/sh
# Tests of lib.sh's result-line contract (tally): result lines are summed
# and nothing else is, and a non-zero exit status always counts as a
# failure, once, whatever lines came before it.
set -u
. "$(dirname "$0")/lib.sh"
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

t() { # what status want-p want-f want-FAIL-line(''=none) [-s] ; FILE is $tmp/in
	_what=$1 _st=$2 _p=$3 _f=$4 _fail=$5
	shift 5
	tally "$@" st "$_st" "$tmp/in" >"$tmp/out"
	_got=$(cat "$tmp/out")
	if [ "$tally_p $tally_f" = "$_p $_f" ] && [ "$_got" = "$_fail" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL lib_test: $_what: want $_p passed, $_f failed${_fail:+ and '$_fail'},"
		echo "    got $tally_p passed, $tally_f failed${_got:+ and '$_got'}"
	fi
}

cat >"$tmp/in" <<'LINES'
==> a stage
parser: 3 passed, 0 failed
2 passed, 1 failed
export-tests: 10 passed, 2 failed
FAIL something: 7 passed, 1 failed
a name with spaces: 5 passed, 5 failed
<== st: 9 passed, 9 failed (3s)
check: 100 passed, 100 failed (late)
  1 passed, 1 failed
LINES
t "sum of result lines, others ignored" 0 15 3 ''
t "failures shown by the lines, non-zero status adds none" 1 15 3 ''

printf 'a: 4 passed, 0 failed\nb: 0 passed, 0 failed\n' >"$tmp/in"
t "all passed, exit 0" 0 4 0 ''
t "all passed, exit 2 counts one" 2 4 1 'FAIL st: exit status 2'

printf 'building...\n' >"$tmp/in"
t "no result line" 0 0 1 'FAIL st: the stage stopped without a result line'
t "no result line, exit 3 counts once" 3 0 1 'FAIL st: the stage stopped without a result line (exit status 3)'
t "status only, exit 0" 0 0 0 '' -s
t "status only, exit 1" 1 0 1 'FAIL st: exit status 1' -s

: >"$tmp/in"
t "empty output, exit 0" 0 0 1 'FAIL st: the stage stopped without a result line'

echo "lib-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
