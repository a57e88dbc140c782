# Shared by the harness scripts: paths, the pinned base, messages.
# shellcheck shell=sh

HARNESS=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HARNESS/../../.." && pwd)
BUILD=${BUILD:-$TOP/build}
CACHE=${CACHE:-$BUILD/cache}
TREE=${TREE:-$BUILD/linux}
PATCHES=${PATCHES:-$TOP/patches}

# shellcheck source=base.conf
. "$HARNESS/base.conf"
BASE_VERSION=${BASE_DEB_VERSION%-*}
BASE_FILE=linux_${BASE_VERSION}.orig.tar.xz

die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }
note() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

need() {
	for _t in "$@"; do
		command -v "$_t" >/dev/null 2>&1 ||
			die "'$_t' is missing; run 'make deps' (or install it) and retry"
	done
}

# ccache: paths relative to the checkout, so another clone of this
# repository (CI's) hits the same cache entries.
export CCACHE_BASEDIR="$TOP" CCACHE_NOHASHDIR=1

# Two exhaustive i915 mock subtests of GGTT views (partial, rotated,
# remapped) on shmem and internal objects, which take the path of
# i915_vma_pin_ww() the series leaves unchanged: 400 of the debug boot's
# 760 s under KASAN, 40 of a test boot's 105 s. The test kernel runs
# them; the debug kernel and the per-patch boots of patches that leave
# i915_vma.c alone run without them (Documentation/design.md).
SLOW_BASE_SUBTESTS="i915.st_filter=!i915_vma_mock_selftests/igt_vma_partial,!i915_vma_mock_selftests/igt_vma_rotate_remap"
