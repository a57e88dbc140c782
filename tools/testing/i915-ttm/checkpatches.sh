#!/bin/sh
# Per-patch checks of a series, each patch on top of its predecessor:
#   apply     git am (no 3-way merge) onto the previous patch
#   checkpatch  scripts/checkpatch.pl --strict, drm-intel profile
#   build     incremental build of the test kernel
#   boot      the test kernel boots in the VM and passes its tests (the
#             i915 subtests from the first patch that changes i915)
#   sparse    no sparse or W=1 compiler warning on a touched .c file that
#             the parent lacked
#   kernel-doc  no 'kernel-doc -none' warning on a touched file that the
#             parent lacked
# Every failure names the patch. Runs in its own worktree and object
# directory (build/pp/linux, build/pp/obj-test), never in build/linux;
# laid out as build/linux and build/obj-test are, so that ccache gives
# the test kernel the last patch's objects (lib.sh).
#
#   checkpatches.sh [patch-dir]
# PP_BUILD=objects builds only the touched objects (the harness's own
# tests use it); PP_TREE, PP_OBJ move the worktree and object directory.
set -eu
. "$(dirname "$0")/lib.sh"
need git make gcc ccache sparse perl
dir=${1:-$PATCHES}
wt=${PP_TREE:-$BUILD/pp/linux}
obj=${PP_OBJ:-$BUILD/pp/obj-test}
logs=$obj/pp-logs
mode=${PP_BUILD:-vmlinux}
CHECKPATCH_OPTS="--strict --max-line-length=100 --ignore=BIT_MACRO,PREFER_KERNEL_TYPES,SPLIT_STRING,LONG_LINE_STRING"
# checkpatch warns about every added file (FILE_PATH_CHANGES, "does
# MAINTAINERS need updating?"); it is answered below instead: every new
# file must fall under a MAINTAINERS entry other than THE REST.
CHECKPATCH_OPTS="$CHECKPATCH_OPTS,FILE_PATH_CHANGES"

patches=$(ls "$dir"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-' || true)
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL %s: %s\n' "$1" "$2"; }
summary() { echo "per-patch: $passed passed, $failed failed"; [ "$failed" = 0 ]; }

if [ -z "$patches" ]; then
	echo "per-patch: the series in $dir is empty, nothing to check"
	summary
	exit
fi

git -C "$TREE" rev-parse -q --verify base >/dev/null || die "no base tag in $TREE; run 'make tree'"
if [ -d "$wt/.git" ] || [ -f "$wt/.git" ]; then
	git -C "$wt" am --abort >/dev/null 2>&1 || true
	git -C "$wt" checkout -q -f --detach base
	git -C "$wt" clean -q -fdx
else
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q -f --detach "$wt" base
fi
mkdir -p "$logs"

kmake() { make -C "$wt" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$(nproc)" "$@"; }
# Warnings without line numbers, so moved code does not count as new.
norm() { grep -E ': (warning|error):' | sed -E 's/:[0-9]+(:[0-9]+)?:/:/' | LC_ALL=C sort; }
# One make for all of a patch's .c files (one each cost seconds of
# kbuild's own work per file), on every core with no line torn by another
# file's (-Otarget; norm sorts them anyway), past those that are no
# object of their own (-k: #included selftests).
sparse_of() { # files... -> sparse and W=1 warnings; none outside this config
	_objs=
	for _f in "$@"; do
		case $_f in *.c) [ -f "$wt/$_f" ] || continue ;; *) continue ;; esac
		rm -f "$obj/${_f%.c}.o"	# an up-to-date object would print no warning
		_objs="$_objs ${_f%.c}.o"
	done
	[ -z "$_objs" ] || kmake -s -k -Otarget W=1 C=2 CHECK=sparse $_objs 2>&1 | norm || true
}
unmaintained() { # files... -> those no MAINTAINERS entry but THE REST covers
	for _f in "$@"; do
		(cd "$wt" && perl scripts/get_maintainer.pl --no-git --no-git-fallback \
			--no-rolestats -f "$_f" 2>/dev/null) |
			grep -qv -e '^Linus Torvalds' -e '^linux-kernel@vger.kernel.org$' || echo "$_f"
	done
}
kdoc_of() { # files... -> kernel-doc warnings of the .c and .h files among them
	_src=
	for _f in "$@"; do
		case $_f in *.[ch]) [ -f "$wt/$_f" ] && _src="$_src $_f" ;; esac
	done
	[ -z "$_src" ] || (cd "$wt" && perl scripts/kernel-doc -none $_src 2>&1) | norm || true
}
build() { # name files...
	_n=$1; shift
	case $mode in
	objects)
		: >"$logs/$_n.build"
		for _f in "$@"; do
			case $_f in *.c) [ -f "$wt/$_f" ] || continue ;; *) continue ;; esac
			kmake "${_f%.c}.o" >>"$logs/$_n.build" 2>&1 || return 1
		done ;;
	*) kmake bzImage >"$logs/$_n.build" 2>&1 || return 1
	   # What the image is of, tree and .config: check.sh boots it as
	   # the test kernel when build/linux is that tree, so configured.
	   { git -C "$wt" rev-parse HEAD^{tree}; sha256sum <"$obj/.config" | cut -d' ' -f1; } \
		>"$obj/.i915-ttm-tree" ;;
	esac
}

TREE=$wt sh "$HARNESS/kconfig.sh" test "$obj"
rm -f "$obj/.i915-ttm-tree"
note "preparing $obj at base"
case $mode in
objects) kmake prepare >"$logs/base.build" 2>&1 ;;
*) kmake bzImage >"$logs/base.build" 2>&1 ;;
esac || { tail -n 20 "$logs/base.build" >&2; die "the base does not build in $obj"; }

for p in $patches; do
	n=${p##*/}
	files=$(cd "$wt" && git apply --numstat "$p" 2>/dev/null | cut -f3 | sed 's/.* => //')
	# Only warnings located in the touched files count: a base header's
	# W=1 warning may show up in a touched .c file that now uses it.
	printf '/%s:\n' $files >"$logs/$n.files"
	sparse_of $files | { grep -F -f "$logs/$n.files" || true; } >"$logs/$n.sparse.pre"
	kdoc_of $files >"$logs/$n.kdoc.pre"

	if ! git -C "$wt" am -q "$p" >"$logs/$n.am" 2>&1; then
		fail "$n" "does not apply on its predecessor:"
		sed -n -e 's/^error: patch failed: \(.*\):\([0-9]*\)$/    file \1, hunk at line \2/p' \
			-e 's/^error: \(.*\): does not exist in index$/    file \1 does not exist/p' \
			-e 's/^error: \(.*\): patch does not apply$/    \1: patch does not apply/p' "$logs/$n.am"
		git -C "$wt" am --abort >/dev/null 2>&1 || true
		for q in $patches; do
			[ "$q" \> "$p" ] && fail "${q##*/}" "not checked: an earlier patch does not apply"
		done
		break
	fi
	pass

	orphans=$(unmaintained $(git -C "$wt" diff --diff-filter=A --name-only HEAD~1 HEAD))
	# Debian's python first: checkpatch's SPDX check runs "python" and
	# needs ply and git (python3-ply, python3-git, python-is-python3).
	if (cd "$wt" && PATH=/usr/bin:$PATH perl scripts/checkpatch.pl $CHECKPATCH_OPTS -q "$p") \
		>"$logs/$n.checkpatch" 2>&1 &&
		[ -z "$orphans" ]; then
		pass
	else
		fail "$n" "checkpatch.pl --strict: $(grep -E '^total:' "$logs/$n.checkpatch" || tail -n1 "$logs/$n.checkpatch")"
		grep -E '^(ERROR|WARNING|CHECK):' "$logs/$n.checkpatch" | sed 's/^/    /'
		for f in $orphans; do echo "    new file $f: no MAINTAINERS entry covers it"; done
	fi

	# The image is no longer the recorded one from here on.
	rm -f "$obj/.i915-ttm-tree"
	# Configure as the test kernel is configured at this patch: options
	# series.config asks for once a patch adds them (a TTM patch's KUnit
	# suite) are on from that patch, so its own tests run in its boot.
	TREE=$wt sh "$HARNESS/kconfig.sh" test "$obj" >"$logs/$n.kconfig" 2>&1 ||
		{ fail "$n" "does not configure (log: $logs/$n.kconfig)"; tail -n 5 "$logs/$n.kconfig" | sed 's/^/    /'; }
	if build "$n" $files; then
		pass
		if [ "$mode" != objects ]; then
			filter=$SLOW_BASE_SUBTESTS
			case " $files " in *i915_vma*) filter= ;; esac
			# Until the series changes i915, i915 is the base's and
			# (in 5.10) uses no TTM: its subtests could only retest
			# the base. The boot still loads it and runs every group's
			# mock device setup, with no subtest (no caller is "none").
			if git -C "$wt" diff --quiet base -- drivers/gpu/drm/i915 &&
				! grep -q DRM_TTM "$wt/drivers/gpu/drm/i915/Kconfig"; then
				filter=i915.st_filter=none/none
			fi
			if VM_APPEND="$filter ${VM_APPEND:-}" VM_TIMEOUT=${VM_TIMEOUT:-900} \
				sh "$HARNESS/run.sh" --image "$obj/arch/x86/boot/bzImage" --name '' \
				test "$logs/$n.boot.log" >"$logs/$n.boot" 2>&1; then
				pass
			else
				fail "$n" "does not boot and pass the VM's tests: $(tail -n1 "$logs/$n.boot") (log: $logs/$n.boot.log)"
				grep '^FAIL' "$logs/$n.boot" | head -n 10 | sed 's/^/    /'
			fi
		fi
	else
		fail "$n" "does not build (log: $logs/$n.build)"
		grep -E 'error:|Error [0-9]' "$logs/$n.build" | head -n 10 | sed 's/^/    /'
	fi

	sparse_of $files | { grep -F -f "$logs/$n.files" || true; } >"$logs/$n.sparse.post"
	new=$(LC_ALL=C comm -13 "$logs/$n.sparse.pre" "$logs/$n.sparse.post")
	if [ -z "$new" ]; then pass; else
		fail "$n" "new sparse/W=1 warnings:"
		printf '%s\n' "$new" | sed 's/^/    /'
	fi

	kdoc_of $files >"$logs/$n.kdoc.post"
	new=$(LC_ALL=C comm -13 "$logs/$n.kdoc.pre" "$logs/$n.kdoc.post")
	if [ -z "$new" ]; then pass; else
		fail "$n" "new kernel-doc warnings:"
		printf '%s\n' "$new" | sed 's/^/    /'
	fi
done
summary
