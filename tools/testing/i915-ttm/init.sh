#!/bin/busybox sh
# /init of the test VM. The kernel has already run the i915 mock selftests
# and KUnit during boot; record what only userspace can read, then power
# off (mode=check) or drop into a shell (mode=shell).
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
exec </dev/console >/dev/console 2>&1

mode=check
for arg in $(cat /proc/cmdline); do
	case $arg in i915ttm.mode=*) mode=${arg#i915ttm.mode=} ;; esac
done

echo "i915-ttm: kernel $(uname -r)"
echo "i915-ttm: mock_selftests=$(cat /sys/module/i915/parameters/mock_selftests 2>/dev/null || echo missing)"
f=$(cat /sys/module/i915/parameters/st_filter 2>/dev/null)
[ -z "$f" ] || [ "$f" = "(null)" ] || echo "i915-ttm: i915 subtests filtered (st_filter, ! leaves one out): $f"
for d in /sys/bus/pci/devices/*; do
	echo "i915-ttm: pci ${d##*/} $(cat "$d/vendor"):$(cat "$d/device")"
done

# Results of checks made here: "i915-ttm: test <name>: ok" or
# "i915-ttm: test <name>: FAIL <why>"; the parser counts them.
result() { # name status...
	_n=$1; shift
	echo "i915-ttm: test $_n: $*"
}

# bochs, the VM's other TTM user (std VGA, 1234:1111), still probes and
# its framebuffer (a TTM BO of the VRAM helper) holds what is written.
bochs_check() {
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor"):$(cat "$d/device")" = 0x1234:0x1111 ] || continue
		drv=$(readlink "$d/driver")
		[ "${drv##*/}" = bochs-drm ] || { result bochs.probe "FAIL bound to '${drv##*/}'"; return; }
		result bochs.probe ok
		[ -c /dev/fb0 ] || { result bochs.framebuffer "FAIL no /dev/fb0"; return; }
		dd if=/dev/urandom of=/tmp/pattern bs=4096 count=64 2>/dev/null
		dd if=/tmp/pattern of=/dev/fb0 bs=4096 2>/dev/null
		dd if=/dev/fb0 of=/tmp/back bs=4096 count=64 2>/dev/null
		if cmp -s /tmp/pattern /tmp/back; then
			result bochs.framebuffer ok
		else
			result bochs.framebuffer "FAIL read back differs from what was written"
		fi
		return
	done
	result bochs.probe "FAIL no std VGA device (1234:1111) in the VM"
}
bochs_check

if [ -e /sys/kernel/debug/kmemleak ]; then
	# Objects must be older than kmemleak's minimum age and survive two
	# scans to be reported.
	echo "i915-ttm: kmemleak scan"
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak
	echo "i915-ttm: kmemleak scan done"
fi

if [ "$mode" = shell ]; then
	echo "i915-ttm: shell (poweroff -f to leave)"
	setsid cttyhack sh
fi
echo "i915-ttm: end"
poweroff -f
