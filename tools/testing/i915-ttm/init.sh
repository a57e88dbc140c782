#!/bin/busybox sh
# /init of the test VM. A kernel with i915 built in has already run the
# i915 mock selftests and KUnit during boot; one with them as modules
# (the debug kernel) runs them here, by loading the modules. Then record
# what only userspace can read, and power off (mode=check) or drop into a
# shell (mode=shell).
/bin/busybox --install -s /bin
# kmod's tools, where the initramfs has them (a kernel with modules),
# before busybox's; i915.sh runs /sbin/modprobe.
export PATH=/usr/sbin:/bin
[ -x /usr/sbin/modprobe ] && ln -sf /usr/sbin/modprobe /sbin/modprobe
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
exec </dev/console >/dev/console 2>&1

mode=check
cycles=0
for arg in $(cat /proc/cmdline); do
	case $arg in
	i915ttm.mode=*) mode=${arg#i915ttm.mode=} ;;
	i915ttm.cycles=*) cycles=${arg#i915ttm.cycles=} ;;
	esac
done
modular=
[ -f "/lib/modules/$(uname -r)/modules.dep" ] && modular=y

echo "i915-ttm: kernel $(uname -r)${modular:+ (i915, TTM, bochs as modules)}"
for d in /sys/bus/pci/devices/*; do
	echo "i915-ttm: pci ${d##*/} $(cat "$d/vendor"):$(cat "$d/device")"
done

# Results of checks made here: "i915-ttm: test <name>: ok" or
# "i915-ttm: test <name>: FAIL <why>"; the parser counts them.
result() { # name status...
	_n=$1; shift
	echo "i915-ttm: test $_n: $*"
}

# modprobe takes a module's options from the kernel command line
# (i915.st_mock_lmem=, ttm_bo_test.iomem_dev=, i915.st_filter=), as it
# does on any distribution.
load() { # module [options]: a test of its own
	if modprobe "$@"; then
		result "modules.load.$1" ok
	else
		result "modules.load.$1" "FAIL modprobe $* exited $?"
		return 1
	fi
}
# The modules loaded now: on the debug kernel, all of them are the
# series' or what they pull in (DRM core stays built in).
loaded() { while read -r _m _rest; do echo "$_m"; done </proc/modules | tr '\n' ' '; }
# Unload what modprobe -r left because of its order (backlight, still
# used by video when its turn came): every module no one uses, until
# none is left; what stays is held by a reference.
unload_unused() {
	for _pass in 1 2 3 4 5; do
		_gone=
		while read -r _m _size _uses _rest; do
			[ "$_uses" = 0 ] && rmmod "$_m" 2>/dev/null && _gone=y
		done </proc/modules
		[ -n "$_gone" ] || return 0
	done
}
# The slab caches there are before anything is loaded, to tell what the
# modules left behind.
ls /sys/kernel/slab >/tmp/slabs.boot 2>/dev/null

if [ -n "$modular" ]; then
	# TTM's KUnit suites run when their module loads; the VRAM helper's
	# need bochs' device.
	load ttm_bo_test
	load bochs-drm && load drm_gem_vram_helper_test
	# The i915 mock selftests as the kernel's kselftest runs them
	# (make -C tools/testing/selftests TARGETS=drivers/gpu run_tests),
	# and its verdict read the same way: exit 0 ok, 77 skip, else fail.
	# It expects i915 loaded, as on a machine with an Intel GPU, and
	# skips when it cannot unload it first. Loaded here without the
	# selftests (the last option given wins over the command line's),
	# i915 finds no device of its own and stays loaded.
	load i915 mock_selftests=0
	sh /selftests/drivers/gpu/i915.sh
	rc=$?
	case $rc in
	0) echo "ok 1 selftests: drivers/gpu: i915.sh" ;;
	77) echo "ok 1 selftests: drivers/gpu: i915.sh # SKIP" ;;
	*) echo "not ok 1 selftests: drivers/gpu: i915.sh # exit=$rc" ;;
	esac
	# i915.sh ends by unloading i915, and ignores a failure to.
	if grep -q '^i915 ' /proc/modules; then
		result kselftest.i915_unloaded "FAIL i915 is still loaded after i915.sh"
	else
		result kselftest.i915_unloaded ok
	fi
else
	echo "i915-ttm: mock_selftests=$(cat /sys/module/i915/parameters/mock_selftests 2>/dev/null || echo missing)"
	f=$(cat /sys/module/i915/parameters/st_filter 2>/dev/null)
	[ -z "$f" ] || [ "$f" = "(null)" ] || echo "i915-ttm: i915 subtests filtered (st_filter, ! leaves one out): $f"
fi

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

# i915 and TTM loaded and unloaded again and again (i915ttm.cycles=N,
# make check's modules stage, which also gives i915 a short st_filter):
# each cycle runs TTM's KUnit suites and i915's mock selftests, which
# make and destroy TTM's globals, a TTM device per mock i915 and its
# region managers. Afterwards no module is loaded, no slab cache made
# since boot is left, and kmemleak (below) finds nothing.
case $cycles in
0) ;;
*[!0-9]*) result modules.cycles "FAIL i915ttm.cycles=$cycles is not a number"; cycles=0 ;;
*) [ -n "$modular" ] || { result modules.cycles "FAIL i915ttm.cycles=$cycles, and this kernel has no modules"; cycles=0; } ;;
esac
if [ "$cycles" -gt 0 ]; then
	# kmod's modprobe -r also takes out what they pulled in (ttm, the
	# helpers, i915's video, backlight, intel_gtt, ...) once unused.
	modprobe -r drm_gem_vram_helper_test bochs_drm ttm_bo_test
	unload_unused
	left=$(loaded)
	if [ -n "$left" ]; then
		result modules.unload "FAIL still loaded: $left"
	else
		result modules.unload ok
	fi
	i=1
	while [ "$i" -le "$cycles" ]; do
		echo "i915-ttm: modules cycle $i of $cycles"
		why=
		if ! modprobe ttm_bo_test; then
			why="modprobe ttm_bo_test failed"
		elif ! modprobe i915 mock_selftests=-1; then
			why="modprobe i915 mock_selftests=-1 failed"
		fi
		# kmod's status counts dependencies still in use when their turn
		# came; what counts is that nothing is left.
		modprobe -r i915 ttm_bo_test
		unload_unused
		left=$(loaded)
		[ -z "$left" ] || why="${why:+$why; }still loaded: $left(ttm refcnt $(cat /sys/module/ttm/refcnt 2>/dev/null), holders $(ls /sys/module/ttm/holders 2>/dev/null))"
		if [ -z "$why" ]; then result "modules.cycle$i" ok; else result "modules.cycle$i" "FAIL $why"; fi
		i=$((i + 1))
	done
	left=$(ls /sys/kernel/slab | grep -vxF -f /tmp/slabs.boot | tr '\n' ' ')
	if [ ! -s /tmp/slabs.boot ]; then
		result modules.slab_caches "FAIL no /sys/kernel/slab to compare with"
	elif [ -z "$left" ]; then
		result modules.slab_caches ok
	else
		result modules.slab_caches "FAIL slab caches made since boot and left after unload: $left"
	fi
fi

if [ -e /sys/kernel/debug/kmemleak ]; then
	# Objects must be older than kmemleak's minimum age and survive two
	# scans to be reported.
	echo "i915-ttm: kmemleak scan"
	sleep 6
	# A kmemleak that turned itself off refuses to scan: that is no
	# clean result.
	if echo scan >/sys/kernel/debug/kmemleak && echo scan >/sys/kernel/debug/kmemleak; then
		result kmemleak.scan ok
	else
		result kmemleak.scan "FAIL kmemleak did not scan (disabled?)"
	fi
	cat /sys/kernel/debug/kmemleak
	echo "i915-ttm: kmemleak scan done"
fi

if [ "$mode" = shell ]; then
	echo "i915-ttm: shell (poweroff -f to leave)"
	setsid cttyhack sh
fi
echo "i915-ttm: end"
poweroff -f
