#!/bin/sh
# make check: every stage in order, with its time; the total at the end.
#   harness      the parser's and the per-patch checker's own tests
#   per-patch    checkpatches.sh on patches/
#   test-kernel  build, boot in the VM, parse
#   debug-kernel the same with lockdep, KASAN, kmemleak, ...
# CHECK_STAGES selects stages (space separated); exit 1 if anything failed.
set -u
. "$(dirname "$0")/lib.sh"
stages=${CHECK_STAGES:-harness per-patch test-kernel debug-kernel}
total_p=0 total_f=0
t0=$(date +%s)

stage_harness() {
	python3 "$HARNESS/i915_ttm_parser_test.py" &&
	sh "$HARNESS/checkpatches_test.sh" &&
	sh "$HARNESS/export_test.sh"
}
stage_per_patch() { sh "$HARNESS/checkpatches.sh"; }
kernel_run() { # kind
	img=$(sh "$HARNESS/build.sh" "$1") || { echo "$1-kernel: 0 passed, 1 failed"; return 1; }
	log=$BUILD/logs/$1.log
	sh "$HARNESS/vm.sh" check "$img" "$log"
	python3 "$HARNESS/i915_ttm_parser.py" --table --name "$1-kernel" "$log"
}
stage_test_kernel() { kernel_run test; }
stage_debug_kernel() { VM_TIMEOUT=${VM_TIMEOUT:-2700} kernel_run debug; }

sh "$HARNESS/deps.sh" || exit 1
sh "$HARNESS/mktree.sh" || exit 1
for s in $stages; do
	fn=stage_$(echo "$s" | tr - _)
	command -v "$fn" >/dev/null || die "unknown stage '$s'"
	echo "==> $s"
	start=$(date +%s)
	out=$BUILD/logs/stage-$s.out
	mkdir -p "$BUILD/logs"
	"$fn" 2>&1 | tee "$out"
	# Each stage ends its output with 'name: N passed, N failed' lines.
	p=$(sed -nE 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed, ([0-9]+) failed$/\2/p' "$out" | awk '{s+=$1} END {print s+0}')
	f=$(sed -nE 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed, ([0-9]+) failed$/\3/p' "$out" | awk '{s+=$1} END {print s+0}')
	if ! grep -qE '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed$' "$out"; then
		echo "FAIL $s: the stage stopped without a result line"
		f=$((f + 1))
	fi
	total_p=$((total_p + p)) total_f=$((total_f + f))
	echo "<== $s: $p passed, $f failed ($(($(date +%s) - start))s)"
done
echo "check took $(($(date +%s) - t0))s"
echo "check: $total_p passed, $total_f failed"
[ "$total_f" = 0 ]
