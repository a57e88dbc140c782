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
# repository (CI's) hits the same cache entries. The same goes for two
# trees at the same depth: the per-patch checker's last build (build/pp/
# linux into build/pp/obj-test) gives make check's test kernel
# (build/linux into build/obj-test) its objects. Left out of the hash:
# -fmacro-prefix-map=<tree>/=, the one option that still names the tree.
# It changes nothing: ccache hands gcc the relative paths, so __FILE__
# is ../linux/... in both trees. (ignore_options: ccache 4.2 and later.)
export CCACHE_BASEDIR="$TOP" CCACHE_NOHASHDIR=1 CCACHE_IGNOREOPTIONS='-fmacro-prefix-map=*'

# Two exhaustive i915 mock subtests of GGTT views (partial, rotated,
# remapped) on shmem and internal objects, which take the path of
# i915_vma_pin_ww() the series leaves unchanged: 400 of the debug boot's
# 760 s under KASAN, 40 of a test boot's 105 s. The test kernel runs
# them; the debug kernel and the per-patch boots of patches that leave
# i915_vma.c alone run without them (Documentation/design.md).
SLOW_BASE_SUBTESTS="i915.st_filter=!i915_vma_mock_selftests/igt_vma_partial,!i915_vma_mock_selftests/igt_vma_rotate_remap"

# The modules stage's i915 mock subtests, each cycle (a few seconds under
# KASAN): TTM regions filled, read through the BAR, evicted, swapped,
# purged, evicted while busy. Every group still makes and frees its mock
# device, with its TTM device and region managers.
MODULE_CYCLE_SUBTESTS="i915.st_filter=intel_region_ttm_mock_selftests/igt_region_ttm_exhaust,intel_region_ttm_mock_selftests/igt_region_ttm_bar_readback,i915_gem_ttm_mock_selftests/igt_ttm_evict_swap_restore,i915_gem_ttm_mock_selftests/igt_ttm_purge,i915_gem_ttm_mock_selftests/igt_ttm_busy_evict"

# The result-line contract: whatever tests prints one or more lines
# '[name: ]N passed, N failed' (the name letters, digits, '_' and '-'),
# and its verdict is their sum. The exit status must agree with them: a
# script that stops early (set -e, die, a crash) may have printed only
# the lines of what passed before it stopped.
RESULT_LINE='^([A-Za-z0-9_-]+: )?([0-9]+) passed, ([0-9]+) failed$'

# tally [-s] NAME STATUS FILE: sets tally_p and tally_f to the sums of
# FILE's result lines, for what NAME printed and its exit STATUS. A
# non-zero STATUS that the lines show no failure for counts one failure,
# and so does a FILE without a result line; each such failure gets a
# FAIL line on stdout. -s: NAME prints no result lines (setup), only
# its STATUS counts.
tally() {
	_need_line=1
	[ "$1" = -s ] && { _need_line=; shift; }
	tally_p=$(sed -nE "s/$RESULT_LINE/\\2/p" "$3" | awk '{s += $1} END {print s + 0}')
	tally_f=$(sed -nE "s/$RESULT_LINE/\\3/p" "$3" | awk '{s += $1} END {print s + 0}')
	if [ -n "$_need_line" ] && ! grep -qE "$RESULT_LINE" "$3"; then
		_why="the stage stopped without a result line"
		[ "$2" = 0 ] || _why="$_why (exit status $2)"
		echo "FAIL $1: $_why"
		tally_f=1
	elif [ "$2" != 0 ] && [ "$tally_f" = 0 ]; then
		echo "FAIL $1: exit status $2"
		tally_f=1
	fi
}
