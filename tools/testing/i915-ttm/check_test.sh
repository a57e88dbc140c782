#!/bin/sh
# Tests of check.sh's scheduling with stand-ins for the scripts it runs,
# in a scratch copy of the harness: the debug kernel's build starts in
# the background at the end of setup, at nice 19 (its autogroup too), and
# a failed one fails both stages that boot it; the modules VM runs beside
# the debug-kernel VM and its result is counted in stage order; an
# interrupted check leaves no job or VM running; the test kernel is the
# per-patch stage's last image only for its own tree and .config.
# Needs git and procps, no kernel tree, compiler or QEMU.
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
# FAKE_BUILD=fail fails the build, FAKE_BUILD=slow makes it last ten minutes
# (until killed: the interrupt tests wait at most a minute or two).
cat >"$h/build.sh" <<'STUB'
: >"$BUILD/build.started"
ps -o ni= -p $$ >"$BUILD/build.nice"
cat /proc/self/autogroup >"$BUILD/build.autogroup" 2>/dev/null
case ${FAKE_BUILD:-} in
fail) echo "build.sh: error: $1 kernel build failed" >&2; exit 1 ;;
slow) echo $$ >"$BUILD/build.pid"; sleep 600 ;;
esac
echo "$BUILD/obj-$1/arch/x86/boot/bzImage"
STUB
# Records its arguments. The debug-kernel boot passes only once the
# modules boot has started (waiting up to a minute): they must run side
# by side.
# FAKE_VM=slow: each "VM" runs for ten minutes under timeout, as vm.sh's
# QEMU does (the foreground one as vm.sh runs it, the other in timeout's
# own process group).
cat >"$h/run.sh" <<'STUB'
echo "$*" >>"$BUILD/runs"
name=
while [ $# -gt 0 ]; do
	case $1 in --name) name=$2; shift ;; esac
	shift
done
case ${FAKE_VM:-}:$name in
slow:modules | slow-modules:modules)
	: >"$BUILD/modules-started"
	timeout 600 sh -c 'echo $$ >"$BUILD/vm-modules.pid"; exec sleep 600' ;;
slow:*) timeout --foreground 600 sh -c 'echo $$ >"$BUILD/vm-debug.pid"; exec sleep 600' ;;
esac
case $name in
modules) : >"$BUILD/modules-started"; sleep 1 ;;
debug-kernel)
	i=0
	while [ ! -e "$BUILD/modules-started" ] && [ $i -lt 300 ]; do sleep 0.2; i=$((i + 1)); done
	[ -e "$BUILD/modules-started" ] || { echo "$name: 0 passed, 1 failed"; exit 1; } ;;
esac
echo "${name:-test-kernel}: 1 passed, 0 failed"
STUB
cat >"$h/kconfig.sh" <<'STUB'
mkdir -p "$BUILD/obj-$1" && echo "${FAKE_CONFIG:-CONFIG_TEST=y}" >"$BUILD/obj-$1/.config"
STUB
# Setup does nothing; the stage after it passes only once the debug
# kernel's build has started (waiting up to a minute: on a busy machine
# a build at nice 19 may wait long for the CPU).
: >"$h/deps.sh"
: >"$h/mktree.sh"
cat >"$h/roundtrip.sh" <<'STUB'
i=0
while [ ! -e "$BUILD/build.started" ] && [ $i -lt 300 ]; do sleep 0.2; i=$((i + 1)); done
[ -e "$BUILD/build.started" ] && echo "roundtrip: 1 passed, 0 failed" || echo "roundtrip: 0 passed, 1 failed"
STUB

# build/linux: a tree of one commit; build/pp/obj-test: an image of it,
# recorded as checkpatches.sh records it (tree, then .config's sha256).
tree=$b/linux
gitc() { git -C "$tree" -c user.name=t -c user.email=t@t -c commit.gpgsign=false "$@"; }
git init -q "$tree" && echo a >"$tree/f" && gitc add f && gitc commit -q -m t ||
	{ ko "cannot make a git tree"; exit 1; }
pp=$b/pp/obj-test
mkdir -p "$pp/arch/x86/boot"
: >"$pp/arch/x86/boot/bzImage"
{ git -C "$tree" rev-parse HEAD^{tree}; echo CONFIG_TEST=y | sha256sum | cut -d' ' -f1; } >"$pp/.i915-ttm-tree"

check() { # stages, then env assignments
	_st=$1; shift
	rm -f "$b/runs" "$b/modules-started" "$b/build.started"
	env "$@" BUILD="$b" TREE="$tree" CHECK_STAGES="$_st" sh "$h/check.sh" >"$tmp/out" 2>&1
}
want() { # what pattern: a line of the output matches
	grep -qE "$2" "$tmp/out" && { ok; return; }
	ko "$1: no line '$2' in:"
	sed 's/^/    /' "$tmp/out"
}
# Gone, or a zombie its new parent has yet to reap (within the wait of gone()).
alive() { _s=$(ps -o stat= -p "$1" 2>/dev/null) && [ -n "$_s" ] && [ "${_s#Z}" = "$_s" ]; }
# Within a minute: a loaded machine may take seconds to end a process
# group, and the stand-ins run for ten.
gone() { # what pidfile: the process is gone
	_i=0
	while [ -s "$2" ] && alive "$(cat "$2")" && [ $_i -lt 300 ]; do sleep 0.2; _i=$((_i + 1)); done
	if [ ! -s "$2" ]; then ko "$1: it never started"
	elif alive "$(cat "$2")"; then
		ko "$1: left running"
		ps -o pid,ppid,pgid,sid,stat,args -p "$(cat "$2")" | sed 's/^/    /'
		pkill -P "$(cat "$2")"; kill "$(cat "$2")"
	else ok; fi
}

check "setup roundtrip debug-kernel modules"
want "the build starts at the end of setup" '^<== roundtrip: 1 passed, 0 failed'
want "side by side, debug-kernel" '^<== debug-kernel: 1 passed, 0 failed'
want "side by side, modules counted" '^<== modules: 1 passed, 0 failed'
want "side by side, the total" '^check: 3 passed, 0 failed$'
if grep -q -- '--image .*obj-debug' "$b/runs" && [ "$(grep -c -- '--image' "$b/runs")" = 2 ]; then ok; else
	ko "the debug VMs do not boot the background build's image: $(cat "$b/runs")"
fi
if [ "$(echo $(cat "$b/build.nice"))" = 19 ]; then ok; else
	ko "the background build runs at nice $(cat "$b/build.nice"), not 19"
fi
# Where the scheduler groups tasks by session (autogroups), the build's
# session must be at nice 19 too, or it takes half the CPU from the stages.
if [ ! -e /proc/self/autogroup ] || grep -q 'nice 19$' "$b/build.autogroup"; then ok; else
	ko "the background build's autogroup is not at nice 19: $(cat "$b/build.autogroup")"
fi

check "modules debug-kernel"
want "modules first: no second modules VM" '^check: 2 passed, 0 failed$'
if [ "$(grep -c -- '--name modules' "$b/runs")" = 1 ]; then ok; else
	ko "modules first, yet the modules VM booted $(grep -c -- '--name modules' "$b/runs") times"
fi

check "debug-kernel modules" FAKE_BUILD=fail
want "failed background build, debug-kernel" '^FAIL debug-kernel: the debug kernel does not build'
want "failed background build, modules" '^FAIL modules: the debug kernel does not build'
want "failed background build, the total" '^check: 0 passed, 2 failed$'
# An earlier run's verdict never stands: this one's build fails.
echo 0 >"$b/logs/debug-build.out.rc"
check "debug-kernel setup" FAKE_BUILD=fail
want "no stale build verdict" '^FAIL debug-kernel: the debug kernel does not build'

# Interrupted while it waits for the background build: nothing stays.
rm -f "$b/build.pid"
BUILD="$b" TREE="$tree" CHECK_STAGES=debug-kernel FAKE_BUILD=slow sh "$h/check.sh" >"$tmp/out" 2>&1 &
pid=$!
i=0
while [ ! -s "$b/build.pid" ] && [ $i -lt 300 ]; do sleep 0.2; i=$((i + 1)); done
kill -TERM "$pid"
wait "$pid"
gone "interrupted during the build: the background build" "$b/build.pid"

# Interrupted (a signal to its process group, as a terminal's ^C) while
# both VMs run: neither stays.
rm -f "$b/vm-debug.pid" "$b/vm-modules.pid"
BUILD="$b" TREE="$tree" CHECK_STAGES="debug-kernel modules" FAKE_VM=slow \
	setsid sh "$h/check.sh" >"$tmp/out" 2>&1 &
i=0
while { [ ! -s "$b/vm-debug.pid" ] || [ ! -s "$b/vm-modules.pid" ]; } && [ $i -lt 300 ]; do
	sleep 0.2; i=$((i + 1))
done
# ps pads the number to its column: pkill and kill take no blanks.
pg=$(ps -o pgid= -p "$(cat "$b/vm-debug.pid")" | tr -d ' ')
kill -TERM "-$pg"
gone "interrupted during the boots: the debug-kernel VM" "$b/vm-debug.pid"
gone "interrupted during the boots: the modules VM" "$b/vm-modules.pid"

# check.sh alone interrupted while it waits for the modules VM: it goes.
rm -f "$b/vm-modules.pid"
BUILD="$b" TREE="$tree" CHECK_STAGES="debug-kernel modules" FAKE_VM=slow-modules \
	sh "$h/check.sh" >"$tmp/out" 2>&1 &
pid=$!
i=0
while { [ ! -s "$b/vm-modules.pid" ] || ! grep -q '^<== debug-kernel' "$tmp/out"; } && [ $i -lt 300 ]; do
	sleep 0.2; i=$((i + 1))
done
kill -TERM "$pid"
wait "$pid"
gone "check.sh interrupted alone: the modules VM" "$b/vm-modules.pid"

check test-kernel
if grep -q -- "^--table --image $pp/arch/x86/boot/bzImage --name test-kernel test" "$b/runs" &&
	[ "$(grep -c -- "--image $pp/" "$b/runs")" = 2 ]; then ok; else
	ko "build/linux is the per-patch tree, yet not its image for both boots: $(cat "$b/runs")"
fi
echo b >"$tree/f"
check test-kernel
if head -n1 "$b/runs" | grep -q -- '--image'; then
	ko "build/linux has uncommitted changes, yet the per-patch image was booted"
else ok; fi
gitc commit -q -a -m u
check test-kernel
if head -n1 "$b/runs" | grep -q -- '--image'; then
	ko "build/linux has a commit since, yet the per-patch image was booted"
else ok; fi
gitc reset -q --hard HEAD~1
check test-kernel FAKE_CONFIG=CONFIG_OTHER=y
if head -n1 "$b/runs" | grep -q -- '--image'; then
	ko "another .config, yet the per-patch image was booted"
else ok; fi

echo "check-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
