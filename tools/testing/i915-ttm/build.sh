#!/bin/sh
# Build the kernel of one kind (test|debug|drivers|bench) out of tree in build/obj-<kind>
# with ccache, and its modules when it has any (initramfs.sh installs
# them); print the path of the bzImage.
set -eu
. "$(dirname "$0")/lib.sh"
kind=${1:?usage: build.sh test|debug|drivers|bench [objdir]}
obj=${2:-$BUILD/obj-$kind}
need make gcc ccache flex bison bc
sh "$HARNESS/kconfig.sh" "$kind" "$obj"
log=$obj/build.log
note "building the $kind kernel in $obj (log: $log)"
targets=bzImage
grep -qx 'CONFIG_MODULES=y' "$obj/.config" && targets="bzImage modules"
if ! make -C "$TREE" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$(nproc)" $targets >"$log" 2>&1; then
	grep -E 'error|Error' "$log" | head -n 30 >&2
	die "$kind kernel build failed (log: $log)"
fi
echo "$obj/arch/x86/boot/bzImage"
