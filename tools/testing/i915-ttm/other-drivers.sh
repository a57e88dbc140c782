#!/bin/sh
# Compile, on the series, every file outside TTM and i915 that implements
# or calls the TTM interfaces the series changes, so no other driver's
# build breaks: the 'drivers' kernel (test + amdgpu, radeon, nouveau,
# vmwgfx, qxl, VRAM helper users) in build/obj-drivers, those objects only.
# TTM itself is built with W=1.
set -eu
. "$(dirname "$0")/lib.sh"
need make gcc ccache
obj=$BUILD/obj-drivers
# The TTM driver interfaces the series touches; extend with the series.
IFACES='struct ttm_bo_driver|eviction_valuable|swap_notify|ttm_bo_swapout'

sh "$HARNESS/kconfig.sh" drivers "$obj"
kmake() { make -C "$TREE" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$(nproc)" "$@"; }
log=$obj/other-drivers.log
kmake prepare >"$log" 2>&1 || { tail -n 20 "$log" >&2; die "prepare failed in $obj"; }

passed=0 failed=0
files=$(cd "$TREE" && git grep -l -E "$IFACES" -- 'drivers/gpu/drm/*.c' \
	':!drivers/gpu/drm/ttm/' ':!drivers/gpu/drm/i915/')
for f in $files; do
	if kmake "${f%.c}.o" >>"$log" 2>&1; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL other-drivers: $f does not compile (log: $log)"
	fi
done
if kmake W=1 drivers/gpu/drm/ttm/ >"$obj/ttm-w1.log" 2>&1; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
	echo "FAIL other-drivers: drivers/gpu/drm/ttm/ does not build with W=1 (log: $obj/ttm-w1.log)"
fi
echo "other-drivers: $passed passed, $failed failed"
[ "$failed" = 0 ]
