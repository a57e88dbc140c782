#!/bin/sh
# Generate the VM's initramfs (busybox-static + init.sh) as an
# uncompressed cpio; print its path.
set -eu
. "$(dirname "$0")/lib.sh"
need cpio ldd
bb=/bin/busybox
ldd "$bb" 2>&1 | grep -q 'not a dynamic' ||
	die "$bb is missing or not statically linked; install busybox-static ('make deps')"
out=$BUILD/initramfs.cpio
root=$BUILD/initramfs
rm -rf "$root"
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
cp "$bb" "$root/bin/busybox"
cp "$HARNESS/init.sh" "$root/init"
chmod 755 "$root/init" "$root/bin/busybox"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
