#!/bin/sh
# make deb: Debian binary packages of the patched kernel, for booting the
# series on a machine with a discrete Intel GPU (DG1/DG2). The kernel's
# own bindeb-pkg builds x86_64_defconfig plus configs/deb.config (i915
# and TTM as modules) in build/obj-deb; the packages go to build/deb/.
# Fails unless the image package holds i915.ko and ttm.ko, and prints
# their lines of 'dpkg-deb -c'. Not part of make check: a full kernel
# with modules takes about half an hour on two cores.
set -eu
. "$(dirname "$0")/lib.sh"
need make gcc ccache dpkg-deb dpkg-architecture rsync fakeroot bc flex bison
[ -f "$TREE/Makefile" ] || die "no kernel tree at $TREE; run 'make tree'"
sh "$HARNESS/exported.sh" || die "build/linux has work not in patches/: export it first (make export)"

obj=$BUILD/obj-deb
out=$BUILD/deb
frag=$HARNESS/configs/deb.config
mkdir -p "$obj" "$out"

make -s -C "$TREE" O="$obj" ARCH=x86_64 x86_64_defconfig
(cd "$TREE" && ARCH=x86_64 scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" "$frag") \
	>"$obj/merge_config.log" 2>&1 || { cat "$obj/merge_config.log" >&2; die "merge_config.sh failed"; }
make -s -C "$TREE" O="$obj" ARCH=x86_64 olddefconfig
grep -h '^CONFIG_' "$frag" | while IFS= read -r line; do
	grep -qx "$line" "$obj/.config" || die "$line did not take in $obj/.config"
done

note "building the packages in $obj (log: $obj/deb.log)"
rm -f "$BUILD"/linux-*.deb "$BUILD"/linux-upstream_*
# The packages name the project as maintainer, not whoever built them.
if ! DEBFULLNAME="i915-ttm project" DEBEMAIL="i915-ttm@example.invalid" \
	make -C "$TREE" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$(nproc)" bindeb-pkg \
	>"$obj/deb.log" 2>&1; then
	tail -30 "$obj/deb.log"
	die "bindeb-pkg failed"
fi
# bindeb-pkg leaves them beside the object directory.
rm -f "$out"/*.deb
mv "$BUILD"/linux-*.deb "$out"/
rm -f "$BUILD"/linux-upstream_*

image=$(ls "$out"/linux-image-*.deb | grep -v -- '-dbg_' | head -1)
[ -n "$image" ] || die "no linux-image package in $out"
dpkg-deb -c "$image" >"$obj/contents"
rc=0
for m in drivers/gpu/drm/i915/i915.ko drivers/gpu/drm/ttm/ttm.ko; do
	grep -F "/$m" "$obj/contents" || { echo "FAIL deb: $m is not in ${image##*/}"; rc=1; }
done
ls -l "$out"/*.deb
exit $rc
