#!/bin/sh
# make bench: the same in-kernel bench (bench/i915_ttm_bench.c) on the base
# and on the series, each in a test kernel of its own booted in the same
# VM, then one table (bench_table.py): medians of 5 repetitions, min and
# max, and ratios computed within the run. Goals are reported, never
# asserted: a slow machine gives slow figures, not a failure. Exits 1 only
# if a kernel did not build, boot or print every figure.
#
# The bench is not part of the series: it is copied into two scratch
# worktrees of build/linux (build/bench/base-src at tag 'base',
# build/bench/series-src at branch 'series', i.e. the committed series),
# registered as the last mock selftest group, and selected with
# i915.st_filter, so no other selftest runs. The kernels are the test
# kernel with SLUB (configs/bench.config); objects: build/obj-bench-*.
set -eu
. "$(dirname "$0")/lib.sh"
need git python3 timeout
[ -d "$TREE/.git" ] || die "no kernel tree at $TREE; run 'make tree'"
out=$BUILD/bench
mkdir -p "$out"
filter=bench_small_objects,bench_small_bar,bench_clear,bench_evict_restore,bench_populate,bench_purge,bench_full_region,bench_swapout

# The tree at $2 in worktree $1, with the bench in it.
prepare() { # worktree commit
	if [ -e "$1/.git" ]; then
		git -C "$1" reset -q --hard "$2"
	else
		git -C "$TREE" worktree prune
		git -C "$TREE" worktree add -q --detach "$1" "$2"
	fi
	d=$1/drivers/gpu/drm/i915
	cmp -s "$HARNESS/bench/i915_ttm_bench.c" "$d/selftests/i915_ttm_bench.c" ||
		cp "$HARNESS/bench/i915_ttm_bench.c" "$d/selftests/i915_ttm_bench.c"
	echo 'selftest(ttm_bench, i915_ttm_bench_mock_selftests)' >>"$d/selftests/i915_mock_selftests.h"
	# In the series after the backend's selftests, whose helpers it uses.
	host=gem/i915_gem_ttm.c
	[ -f "$d/$host" ] || host=gem/i915_gem_region.c
	printf '\n#if IS_ENABLED(CONFIG_DRM_I915_SELFTEST)\n#include "selftests/i915_ttm_bench.c"\n#endif\n' >>"$d/$host"
}

# New progress lines of the console log since line $2; prints the count.
progress() { # log shown
	n=$(grep -c 'i915-ttm-bench: progress' "$1" 2>/dev/null || true)
	grep 'i915-ttm-bench: progress' "$1" 2>/dev/null | sed -n "$(($2 + 1)),\$p" |
		sed 's/.*i915-ttm-bench: progress /  /' >&2
	echo "${n:-0}"
}

for kind in base series; do
	ref=$kind
	git -C "$TREE" rev-parse -q --verify "$ref^{commit}" >/dev/null ||
		die "build/linux has no '$ref'; run 'make tree'"
	note "$kind: preparing build/bench/$kind-src at $(git -C "$TREE" rev-parse --short "$ref")"
	prepare "$out/$kind-src" "$ref"
	img=$(TREE=$out/$kind-src sh "$HARNESS/build.sh" bench "$BUILD/obj-bench-$kind") ||
		die "$kind: the bench kernel did not build"
	log=$out/$kind.log
	rc=0
	VM_MEM=${BENCH_VM_MEM:-6144} VM_LMEM_SIZE=${BENCH_LMEM_SIZE:-1G} \
		VM_TIMEOUT=${BENCH_TIMEOUT:-1500} VM_APPEND="i915.st_filter=$filter" \
		sh "$HARNESS/vm.sh" check "$img" "$log" &
	pid=$!
	shown=0
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		shown=$(progress "$log" "$shown")
	done
	wait "$pid" || rc=$?
	progress "$log" "$shown" >/dev/null
	[ "$rc" = 0 ] || die "$kind: the bench VM failed ($rc; log: $log)"
	if grep -q 'failed with error' "$log"; then
		grep 'failed with error' "$log" >&2
		die "$kind: a bench step failed (log: $log)"
	fi
done

python3 "$HARNESS/bench_table.py" "$out/base.log" "$out/series.log" | tee "$out/table.txt"
