#!/bin/sh
# make check: every stage in order, with its time; the total at the end.
#   setup        packages, the base tarball, build/linux
#   harness      the harness's own tests (parser, bench table, run.sh's verdict,
#                lib.sh's result lines, this script's scheduling, per-patch
#                checker, export, roundtrip)
#   per-patch    checkpatches.sh on patches/
#   roundtrip    patches/ as one mail thread: git am and b4 am give build/linux
#   docs         kernel-doc on every touched file, Sphinx htmldocs of
#                Documentation/gpu: no warning the base lacks
#   older-base   the series applies to the older Debian point release too
#   other-drivers  other TTM drivers' files compile on the series
#   test-kernel  build, boot in the VM, parse (run.sh); boot again
#                without the LMEM BAR (VM_LMEM=none): what needs it skips
#                and passes. The per-patch stage's last image is booted
#                instead of a build when build/linux is its tree.
#   debug-kernel the same with lockdep, KASAN, kmemleak, ... and with
#                i915, TTM and bochs as modules: the VM loads them, the
#                i915 mock selftests by the kernel's kselftest i915.sh
#   modules      the debug kernel again: i915 and TTM loaded and unloaded
#                ten times with their tests, then nothing left loaded, no
#                slab cache left, no kmemleak report
# The debug kernel is built in the background from the end of setup on,
# at the lowest priority (nice 19, its autogroup too): it takes the CPU
# that a boot, sparse or Sphinx leaves idle. The modules VM boots beside
# the debug-kernel VM. Every stage's result is printed in stage order.
# CHECK_STAGES selects stages (space separated); exit 1 if anything failed.
# CHECK_TREE=optional (make harness-test) leaves out, by name, the harness
# tests that need build/linux when there is none.
set -u
. "$(dirname "$0")/lib.sh"
stages=${CHECK_STAGES:-setup harness per-patch roundtrip docs older-base other-drivers test-kernel debug-kernel modules}
total_p=0 total_f=0
t0=$(date +%s)

stage_setup() { sh "$HARNESS/deps.sh" && sh "$HARNESS/mktree.sh"; }
stage_harness() {
	_rc=0
	python3 "$HARNESS/i915_ttm_parser_test.py" || _rc=1
	python3 "$HARNESS/bench_table_test.py" || _rc=1
	sh "$HARNESS/run_test.sh" || _rc=1
	sh "$HARNESS/lib_test.sh" || _rc=1
	sh "$HARNESS/check_test.sh" || _rc=1
	tree_test checkpatches_test.sh || _rc=1
	tree_test export_test.sh || _rc=1
	sh "$HARNESS/roundtrip_test.sh" || _rc=1
	return $_rc
}
# checkpatches_test builds kernel objects and export_test works in a
# worktree of build/linux: both need the tree, and the compiler make tree
# installs. make harness-test (CHECK_TREE=optional) on a clone without
# it names them and leaves them out; make check, whose setup makes the
# tree, always runs them, so there a missing tree fails.
tree_test() { # script
	if [ "${CHECK_TREE:-}" = optional ] &&
		! git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1; then
		echo "${1%.sh}: not run: needs build/linux (make tree)"
		return 0
	fi
	sh "$HARNESS/$1"
}
stage_per_patch() { sh "$HARNESS/checkpatches.sh"; }
stage_other_drivers() { sh "$HARNESS/other-drivers.sh"; }
stage_roundtrip() { sh "$HARNESS/roundtrip.sh"; }
stage_docs() { sh "$HARNESS/docs.sh"; }
stage_older_base() {
	# A scratch tree, made anew each time: nobody edits it.
	rm -rf "$BUILD/linux-older"
	if TREE=$BUILD/linux-older BASE_DEB_VERSION=$OLDER_DEB_VERSION BASE_SHA256=$OLDER_SHA256 \
		sh "$HARNESS/mktree.sh"; then
		echo "older-base: 1 passed, 0 failed"
	else
		echo "FAIL older-base: the series does not apply to linux $OLDER_DEB_VERSION"
		echo "older-base: 0 passed, 1 failed"
	fi
}
# The per-patch stage's image of its last patch, when build/linux is the
# tree it was built from with nothing changed since, and the test kernel's
# .config is the one it was built with (checkpatches.sh records both):
# building the test kernel would give the same image (from ccache,
# minutes cold).
pp_test_image() {
	_pp=$BUILD/pp/obj-test
	[ -f "$_pp/.i915-ttm-tree" ] && [ -f "$_pp/arch/x86/boot/bzImage" ] || return 1
	_want=$(git -C "$TREE" rev-parse HEAD^{tree} 2>/dev/null) || return 1
	[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] &&
		sh "$HARNESS/kconfig.sh" test >/dev/null 2>&1 || return 1
	_want="$_want $(sha256sum <"$BUILD/obj-test/.config" | cut -d' ' -f1)"
	[ "$(echo $(cat "$_pp/.i915-ttm-tree"))" = "$_want" ] || return 1
	echo "$_pp/arch/x86/boot/bzImage"
}
stage_test_kernel() {
	if img=$(pp_test_image); then
		echo "test-kernel: the per-patch stage built this tree with this .config: booting $img"
		VM_TIMEOUT=${VM_TIMEOUT:-900} sh "$HARNESS/run.sh" --table --image "$img" \
			--name test-kernel test || return 1
	else
		VM_TIMEOUT=${VM_TIMEOUT:-900} sh "$HARNESS/run.sh" --table test || return 1
		img=$BUILD/obj-test/arch/x86/boot/bzImage
	fi
	# As on any machine without the harness's device: what needs the
	# LMEM BAR must skip and pass, not fail or touch another device.
	VM_LMEM=none VM_TIMEOUT=${VM_TIMEOUT:-900} sh "$HARNESS/run.sh" \
		--image "$img" --name test-kernel-no-lmem test "$BUILD/logs/test-no-lmem.log"
}

# The debug kernel's background build (start_debug_build below): its
# verdict, for each stage that boots it.
debug_build=$BUILD/logs/debug-build.out
debug_image() { # stage
	[ "$(cat "$debug_build.rc" 2>/dev/null)" = 0 ] && return
	grep -E 'error|Error' "$debug_build" | head -n 20
	echo "FAIL $1: the debug kernel does not build (log: $debug_build)"
	echo "$1: 0 passed, 1 failed"
	return 1
}
debug_img=$BUILD/obj-debug/arch/x86/boot/bzImage
stage_debug_kernel() {
	debug_image debug-kernel || return 1
	VM_APPEND="$SLOW_BASE_SUBTESTS ${VM_APPEND:-}" VM_TIMEOUT=${VM_TIMEOUT:-1800} \
		sh "$HARNESS/run.sh" --table --image "$debug_img" --name debug-kernel debug
}
# slub_nomerge: a cache left behind keeps its own name in /sys/kernel/slab
# instead of hiding behind a merged one. The last cycle's and the slab
# check's results must be there: a kernel that cannot do the cycles fails.
stage_modules() {
	debug_image modules || return 1
	VM_APPEND="i915ttm.cycles=10 slub_nomerge $MODULE_CYCLE_SUBTESTS ${VM_APPEND:-}" \
		VM_TIMEOUT=${VM_TIMEOUT:-1800} sh "$HARNESS/run.sh" --table --image "$debug_img" \
		--name modules --require modules.cycle10 --require modules.slab_caches \
		debug "$BUILD/logs/modules.log"
}

# check.sh --stage NAME: that stage's function alone (how the modules
# stage runs beside debug-kernel).
if [ "${1:-}" = --stage ]; then
	"stage_$(echo "${2:?}" | tr - _)"
	exit
fi

has_stage() { case " $stages " in *" $1 "*) return 0 ;; esac; return 1; }
# A stage's exit status as its job wrote it; none (a job killed before it
# wrote one) or garbage is a failure.
status_of() { # file
	_st=$(cat "$1" 2>/dev/null)
	case $_st in '' | *[!0-9]*) echo 1 ;; *) echo "$_st" ;; esac
}
# Jobs in the background, each a session of its own: on any exit every
# process of those sessions goes, make's and QEMU's (which timeout puts
# in a process group of its own) with them.
bg_pids=
trap 'for _p in $bg_pids; do pkill -TERM -s "$_p" 2>/dev/null; done' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
bg_forget() { # pid: reaped, its session gone
	bg_pids=$(for _p in $bg_pids; do [ "$_p" = "$1" ] || echo "$_p"; done)
}
# No verdict of an earlier run's build may stand for this one's.
rm -f "$debug_build.rc"
debug_pid= debug_started=
start_debug_build() {
	has_stage debug-kernel || has_stage modules || return 0
	[ -z "$debug_started" ] || return 0
	debug_started=y
	mkdir -p "$BUILD/logs"
	# A session of its own is an autogroup of its own, which the
	# scheduler shares the CPU with as an equal of the stages' group
	# whatever the nice value inside: the group itself gets nice 19.
	setsid -w nice -n 19 sh -c '
		[ -w /proc/self/autogroup ] && echo 19 >/proc/self/autogroup
		sh "$1/build.sh" debug; echo $? >"$2.rc"' \
		sh "$HARNESS" "$debug_build" >"$debug_build" 2>&1 </dev/null &
	debug_pid=$!
	bg_pids="$bg_pids $debug_pid"
}
await_debug_build() {
	start_debug_build	# not started yet when setup comes later
	[ -n "$debug_pid" ] || return 0
	note "waiting for the debug kernel's build in the background (log: $debug_build)"
	wait "$debug_pid" || true
	bg_forget "$debug_pid"
	debug_pid=
}
# The modules VM boots beside the debug-kernel VM when the modules stage
# comes after debug-kernel: both boot the same image, so neither waits
# for the other.
modules_pid=
modules_out=$BUILD/logs/modules-beside.out
start_modules_beside() {
	has_stage debug-kernel || return 0
	case " ${stages#*debug-kernel} " in *" modules "*) ;; *) return 0 ;; esac
	rm -f "$modules_out.rc"
	setsid -w sh -c 'sh "$1/check.sh" --stage modules; echo $? >"$2.rc"' \
		sh "$HARNESS" "$modules_out" >"$modules_out" 2>&1 </dev/null &
	modules_pid=$!
	bg_pids="$bg_pids $modules_pid"
}
show_modules_beside() {
	echo "modules: booted beside debug-kernel (log: $modules_out)"
	cat "$modules_out"
	return "$(status_of "$modules_out.rc")"
}

for s in $stages; do
	command -v "stage_$(echo "$s" | tr - _)" >/dev/null || die "unknown stage '$s'"
done
has_stage setup || start_debug_build
for s in $stages; do
	fn=stage_$(echo "$s" | tr - _)
	echo "==> $s"
	start=$(date +%s)
	out=$BUILD/logs/stage-$s.out
	mkdir -p "$BUILD/logs"
	rm -f "$out.rc"
	case $s in
	debug-kernel)
		await_debug_build
		start_modules_beside ;;
	modules)
		await_debug_build
		if [ -n "$modules_pid" ]; then
			wait "$modules_pid" || true
			bg_forget "$modules_pid"
			modules_pid=
			fn=show_modules_beside
		fi ;;
	esac
	{ "$fn"; echo $? >"$out.rc"; } 2>&1 | tee "$out"
	rc=$(status_of "$out.rc")
	# Setup only has its exit status; every other stage must print result
	# lines, and its exit status counts too (tally in lib.sh).
	if [ "$s" = setup ]; then tally -s "$s" "$rc" "$out"; else tally "$s" "$rc" "$out"; fi
	p=$tally_p f=$tally_f
	total_p=$((total_p + p)) total_f=$((total_f + f))
	echo "<== $s: $p passed, $f failed ($(($(date +%s) - start))s)"
	# Nothing can be checked without the tree.
	[ "$s" = setup ] && [ "$f" != 0 ] && break
	[ "$s" = setup ] && start_debug_build
done
echo "check took $(($(date +%s) - t0))s"
echo "check: $total_p passed, $total_f failed"
[ "$total_f" = 0 ]
