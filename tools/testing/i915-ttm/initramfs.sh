#!/bin/sh
# Generate the VM's initramfs (busybox-static + init.sh) as an
# uncompressed cpio; print its path.
#
#   initramfs.sh [OBJDIR]
# A kernel of OBJDIR built with modules (the debug kernel) gets its own
# initramfs with them: 'make modules_install' and depmod into
# /lib/modules, kmod (modprobe, rmmod, ...) in /usr/sbin, and the
# kernel's own kselftest of i915 (tools/testing/selftests/drivers/gpu/
# i915.sh, which runs /sbin/modprobe) in /selftests.
set -eu
. "$(dirname "$0")/lib.sh"
need cpio ldd
obj=${1:-}
[ -z "$obj" ] || [ ! -d "$obj" ] || obj=$(cd "$obj" && pwd)
bb=/bin/busybox
ldd "$bb" 2>&1 | grep -q 'not a dynamic' ||
	die "$bb is missing or not statically linked; install busybox-static ('make deps')"
modules=
if [ -n "$obj" ] && grep -qx 'CONFIG_MODULES=y' "$obj/.config" 2>/dev/null; then
	modules=y
	out=$BUILD/initramfs-${obj##*/}.cpio
else
	out=$BUILD/initramfs.cpio
fi
# Staged in a directory of this run's own and renamed into place, so
# that two VMs started at once (check.sh boots the debug kernel twice
# side by side) neither build in each other's tree nor boot a half
# written archive; one already booting keeps the file it opened.
root=$out.$$.d
trap 'rm -rf "$root" "$out.$$" "$root.log"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
rm -rf "$root"
mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
cp "$bb" "$root/bin/busybox"
cp "$HARNESS/init.sh" "$root/init"
chmod 755 "$root/init" "$root/bin/busybox"
if [ -n "$modules" ]; then
	# depmod and kmod live in /usr/sbin, on no user's PATH but root's.
	PATH=$PATH:/usr/sbin:/sbin
	need depmod
	# The tree the kernel was built from: O= leaves a link to it.
	src=$(readlink -f "$obj/source")
	[ -f "$src/Makefile" ] || die "$obj/source does not lead to the kernel tree it was built from"
	make -s -C "$src" O="$obj" ARCH=x86_64 INSTALL_MOD_PATH="$root" INSTALL_MOD_STRIP=1 \
		DEPMOD=$(command -v depmod) modules_install >"$root.log" 2>&1 ||
		{ mv -f "$root.log" "$obj/modules_install.log"; tail -n 20 "$obj/modules_install.log" >&2
		  die "modules_install failed (log: $obj/modules_install.log)"; }
	mv -f "$root.log" "$obj/modules_install.log"
	ls "$root"/lib/modules/*/modules.dep >/dev/null 2>&1 ||
		die "no modules.dep in the initramfs: depmod did not run (log: $obj/modules_install.log)"
	# kmod, as distributions have it: i915.sh's 'modprobe -r' must, as
	# kmod's does, leave alone dependencies that are still in use
	# (busybox's fails on them). With its libraries, from ldd.
	need kmod
	kmod=$(command -v kmod)
	mkdir -p "$root/usr/sbin"
	cp "$kmod" "$root/usr/sbin/kmod"
	! ldd "$kmod" | grep -q 'not found' || die "$kmod: a library is missing: $(ldd "$kmod" | grep 'not found')"
	for _l in $(ldd "$kmod" | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p'); do
		mkdir -p "$root${_l%/*}"
		cp -L "$_l" "$root$_l"
	done
	for _t in modprobe rmmod insmod lsmod modinfo depmod; do
		ln -s kmod "$root/usr/sbin/$_t"
	done
	mkdir -p "$root/selftests/drivers/gpu"
	cp "$src/tools/testing/selftests/drivers/gpu/i915.sh" "$root/selftests/drivers/gpu/"
	chmod 755 "$root/selftests/drivers/gpu/i915.sh"
fi
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$out.$$"
mv -f "$out.$$" "$out"
echo "$out"
