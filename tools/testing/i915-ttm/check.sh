#!/bin/sh
# make check: every stage in order, with its time; the total at the end.
#   setup        packages, the base tarball, build/linux
#   harness      the harness's own tests (parser, bench table, run.sh's verdict,
#                lib.sh's result lines, per-patch checker, export, roundtrip)
#   per-patch    checkpatches.sh on patches/
#   roundtrip    patches/ as one mail thread: git am and b4 am give build/linux
#   docs         kernel-doc on every touched file, Sphinx htmldocs of
#                Documentation/gpu: no warning the base lacks
#   older-base   the series applies to the older Debian point release too
#   other-drivers  other TTM drivers' files compile on the series
#   test-kernel  build, boot in the VM, parse (run.sh); boot again
#                without the LMEM BAR (VM_LMEM=none): what needs it skips
#                and passes
#   debug-kernel the same with lockdep, KASAN, kmemleak, ... and with
#                i915, TTM and bochs as modules: the VM loads them, the
#                i915 mock selftests by the kernel's kselftest i915.sh
#   modules      the debug kernel again: i915 and TTM loaded and unloaded
#                ten times with their tests, then nothing left loaded, no
#                slab cache left, no kmemleak report
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
stage_test_kernel() {
	VM_TIMEOUT=${VM_TIMEOUT:-900} sh "$HARNESS/run.sh" --table test || return 1
	# As on any machine without the harness's device: what needs the
	# LMEM BAR must skip and pass, not fail or touch another device.
	# The kernel is the one just built (build.sh's image of the test kind).
	VM_LMEM=none VM_TIMEOUT=${VM_TIMEOUT:-900} sh "$HARNESS/run.sh" \
		--image "$BUILD/obj-test/arch/x86/boot/bzImage" --name test-kernel-no-lmem \
		test "$BUILD/logs/test-no-lmem.log"
}
stage_debug_kernel() {
	VM_APPEND="$SLOW_BASE_SUBTESTS ${VM_APPEND:-}" VM_TIMEOUT=${VM_TIMEOUT:-1800} \
		sh "$HARNESS/run.sh" --table debug
}
# slub_nomerge: a cache left behind keeps its own name in /sys/kernel/slab
# instead of hiding behind a merged one. The last cycle's and the slab
# check's results must be there: a kernel that cannot do the cycles fails.
stage_modules() {
	VM_APPEND="i915ttm.cycles=10 slub_nomerge $MODULE_CYCLE_SUBTESTS ${VM_APPEND:-}" \
		VM_TIMEOUT=${VM_TIMEOUT:-1800} sh "$HARNESS/run.sh" --table --name modules \
		--require modules.cycle10 --require modules.slab_caches debug "$BUILD/logs/modules.log"
}

for s in $stages; do
	fn=stage_$(echo "$s" | tr - _)
	command -v "$fn" >/dev/null || die "unknown stage '$s'"
	echo "==> $s"
	start=$(date +%s)
	out=$BUILD/logs/stage-$s.out
	mkdir -p "$BUILD/logs"
	{ "$fn"; echo $? >"$out.rc"; } 2>&1 | tee "$out"
	rc=$(cat "$out.rc")
	# Setup only has its exit status; every other stage must print result
	# lines, and its exit status counts too (tally in lib.sh).
	if [ "$s" = setup ]; then tally -s "$s" "$rc" "$out"; else tally "$s" "$rc" "$out"; fi
	p=$tally_p f=$tally_f
	total_p=$((total_p + p)) total_f=$((total_f + f))
	echo "<== $s: $p passed, $f failed ($(($(date +%s) - start))s)"
	# Nothing can be checked without the tree.
	[ "$s" = setup ] && [ "$f" != 0 ] && break
done
echo "check took $(($(date +%s) - t0))s"
echo "check: $total_p passed, $total_f failed"
[ "$total_f" = 0 ]
