#!/bin/sh
# Tests of check.sh's scheduling with stand-in build.sh, run.sh and
# kconfig.sh in a scratch copy of the harness: the debug kernel's
# background build fails both stages that boot it; the modules VM runs
# beside the debug-kernel VM and its result is counted in stage order;
# an interrupted check leaves no background job running; the test kernel
# is the per-patch stage's last image only when build/linux is its tree.
# Needs git, no kernel tree, compiler or QEMU.
set -u
. "$(dirname "$0")/lib.sh"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "FAIL check_test: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

h=$tmp/tools/testing/i915-ttm
b=$tmp/build
mkdir -p "$h" "$b"
cp "$HARNESS/check.sh" "$HARNESS/lib.sh" "$HARNESS/base.conf" "$h/"
# FAKE_BUILD=fail fails the build, FAKE_BUILD=slow makes it last a minute.
cat >"$h/build.sh" <<'STUB'
case ${FAKE_BUILD:-} in
fail) echo "build.sh: error: $1 kernel build failed" >&2; exit 1 ;;
slow) echo $$ >"$BUILD/build.pid"; sleep 60 ;;
esac
cat /proc/self/autogroup >"$BUILD/autogroup" 2>/dev/null
echo "$BUILD/obj-$1/arch/x86/boot/bzImage"
STUB
# Records its arguments. The debug-kernel boot passes only once the
# modules boot has started (for up to 10 s): they must run side by side.
cat >"$h/run.sh" <<'STUB'
echo "$*" >>"$BUILD/runs"
name=
while [ $# -gt 0 ]; do
	case $1 in --name) name=$2; shift ;; esac
	shift
done
case $name in
modules) : >"$BUILD/modules-started"; sleep 1 ;;
debug-kernel)
	i=0
	while [ ! -e "$BUILD/modules-started" ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
	[ -e "$BUILD/modules-started" ] || { echo "$name: 0 passed, 1 failed"; exit 1; } ;;
esac
echo "${name:-test-kernel}: 1 passed, 0 failed"
STUB
cat >"$h/kconfig.sh" <<'STUB'
mkdir -p "$BUILD/obj-$1" && echo CONFIG_TEST=y >"$BUILD/obj-$1/.config"
STUB

# build/linux: a tree of one commit; build/pp/obj-test: an image of it.
tree=$b/linux
git init -q "$tree" && echo a >"$tree/f" && git -C "$tree" add f &&
	git -C "$tree" -c user.name=t -c user.email=t@t commit -q -m t || { ko "cannot make a git tree"; exit 1; }
pp=$b/pp/obj-test
mkdir -p "$pp/arch/x86/boot"
: >"$pp/arch/x86/boot/bzImage"
echo CONFIG_TEST=y >"$pp/.config"
git -C "$tree" rev-parse HEAD^{tree} >"$pp/.i915-ttm-tree"

check() { # stages, then env assignments
	_st=$1; shift
	rm -f "$b/runs" "$b/modules-started"
	env "$@" BUILD="$b" TREE="$tree" CHECK_STAGES="$_st" sh "$h/check.sh" >"$tmp/out" 2>&1
}
want() { # what pattern: a line of the output matches
	grep -qE "$2" "$tmp/out" && { ok; return; }
	ko "$1: no line '$2' in:"
	sed 's/^/    /' "$tmp/out"
}

check "debug-kernel modules" FAKE_BUILD=fail
want "failed background build, debug-kernel" '^FAIL debug-kernel: the debug kernel does not build'
want "failed background build, modules" '^FAIL modules: the debug kernel does not build'
want "failed background build, the total" '^check: 0 passed, 2 failed$'

check "debug-kernel modules"
want "side by side, debug-kernel" '^<== debug-kernel: 1 passed, 0 failed'
want "side by side, modules counted" '^<== modules: 1 passed, 0 failed'
want "side by side, the total" '^check: 2 passed, 0 failed$'
if grep -q -- '--image .*obj-debug' "$b/runs" && [ "$(grep -c -- '--image' "$b/runs")" = 2 ]; then ok; else
	ko "the debug VMs do not boot the background build's image: $(cat "$b/runs")"
fi
# Where the scheduler groups tasks by session (autogroups), the build's
# session must be at nice 19 too, or it takes half the CPU from the stages.
if [ ! -e /proc/self/autogroup ] || grep -q 'nice 19$' "$b/autogroup"; then ok; else
	ko "the background build's autogroup is not at nice 19: $(cat "$b/autogroup")"
fi

# Interrupted while it waits for the background build: nothing stays.
rm -f "$b/build.pid"
BUILD="$b" TREE="$tree" CHECK_STAGES=debug-kernel FAKE_BUILD=slow sh "$h/check.sh" >"$tmp/out" 2>&1 &
pid=$!
i=0
while [ ! -s "$b/build.pid" ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
kill -TERM "$pid"
wait "$pid"
# Gone, or a zombie its new parent has yet to reap, within 5 s.
alive() { _s=$(ps -o stat= -p "$1" 2>/dev/null) && [ -n "$_s" ] && [ "${_s#Z}" = "$_s" ]; }
i=0
while [ -s "$b/build.pid" ] && alive "$(cat "$b/build.pid")" && [ $i -lt 25 ]; do sleep 0.2; i=$((i + 1)); done
if [ ! -s "$b/build.pid" ]; then ko "the background build never started"
elif alive "$(cat "$b/build.pid")"; then
	ko "an interrupted check left its background build running"
	kill "$(cat "$b/build.pid")"
else ok; fi

check test-kernel
if grep -q -- "^--table --image $pp/arch/x86/boot/bzImage --name test-kernel test" "$b/runs"; then ok; else
	ko "build/linux is the per-patch tree, yet not its image: $(head -n1 "$b/runs")"
fi
echo b >"$tree/f"
check test-kernel
if head -n1 "$b/runs" | grep -q -- '--image'; then
	ko "build/linux has changed, yet the per-patch image was booted"
else ok; fi
git -C "$tree" checkout -q f
echo CONFIG_OTHER=y >"$pp/.config"
check test-kernel
if head -n1 "$b/runs" | grep -q -- '--image'; then
	ko "another .config, yet the per-patch image was booted"
else ok; fi

echo "check-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
