#!/bin/sh
# Boot a kernel in QEMU with the emulated LMEM BAR (ivshmem-plain, PCI
# 1af4:1110, BAR 2 = 256 MiB prefetchable 64-bit) and std VGA (bochs).
#
#   vm.sh check <bzImage> <log>   run the selftests, power off; serial
#                                 console to <log>; killed after
#                                 VM_TIMEOUT seconds (log tail shown)
#   vm.sh shell <bzImage>         the same VM, ending in a busybox shell
#
# VM_APPEND adds kernel parameters; VM_LMEM_SIZE and VM_MEM size the VM;
# VM_QEMU_ARGS adds QEMU options, split at blanks, no quoting (-gdb tcp::1234
# to sample the guest with gdb; for one VM at a time: make run, make shell).
# The tests overwrite the LMEM BAR, so they use only the device named on
# the command line (ttm_bo_test.iomem_dev, i915.st_mock_lmem).
# VM_LMEM=none boots without the device and without those parameters, as
# a kernel outside this VM would: the tests that need the BAR say that
# they skip, and pass (i915ttm.lmem=none tells the parser so).
set -eu
. "$(dirname "$0")/lib.sh"
mode=${1:?usage: vm.sh check|shell <bzImage> [log]}
kernel=${2:?usage: vm.sh check|shell <bzImage> [log]}
need qemu-system-x86_64 timeout
log=${3:-}
[ -f "$kernel" ] || die "no kernel image at $kernel"
# The object directory of the image (<obj>/arch/x86/boot/bzImage), whose
# modules, if it has any, go into the initramfs.
initrd=$(sh "$HARNESS/initramfs.sh" "${kernel%/arch/x86/boot/bzImage}")

lmem_pci=0000:00:02.0
if [ "${VM_LMEM:-}" = none ]; then
	lmem_args=i915ttm.lmem=none
else
	lmem_args="ttm_bo_test.iomem_dev=$lmem_pci i915.st_mock_lmem=$lmem_pci"
fi
# Lockup and stall detectors at the thresholds syzbot gives its VMs
# (soft lockup after 110 s, RCU stall after 100 s; 20 and 21 by default):
# under emulation, with another VM or a build sharing the cores, a base
# subtest that runs 17 s without rescheduling in the debug kernel (i915's
# igt_overcommit) crossed the default ones. A real lockup still shows.
append="console=ttyS0 panic=-1 kasan_multi_shot watchdog_thresh=55 rcupdate.rcu_cpu_stall_timeout=100"
append="$append i915.mock_selftests=-1 i915ttm.mode=$mode $lmem_args ${VM_APPEND:-}"
# KVM only where the CPU has VMX/SVM and /dev/kvm opens: a /dev/kvm
# without them can hang the guest instead of failing. VM_ACCEL overrides.
accel=${VM_ACCEL:-tcg}
if [ -z "${VM_ACCEL:-}" ] && grep -qwE 'vmx|svm' /proc/cpuinfo && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	accel=kvm
fi
# The guest CPU has SSE4.1 and no hypervisor flag: i915 reads LMEM with
# movntdqa only on such a CPU (it keeps it off under hypervisors, whose
# MMIO emulation may not decode it; the BAR here is plain RAM, never
# emulated MMIO).
cpu=max
[ "$accel" = kvm ] && cpu=host
set -- -machine q35 -accel "$accel" -cpu "$cpu,-hypervisor" \
	-smp 2 -m "${VM_MEM:-2048}" \
	-kernel "$kernel" -initrd "$initrd" -append "$append" \
	-vga std -display none -no-reboot -nodefaults
if [ "${VM_LMEM:-}" != none ]; then
	set -- "$@" -object "memory-backend-ram,id=lmem,size=${VM_LMEM_SIZE:-256M}" \
		-device "ivshmem-plain,memdev=lmem,addr=${lmem_pci#0000:00:}"
fi

# shellcheck disable=SC2086 # options, split at blanks, never globbed
set -f
set -- "$@" ${VM_QEMU_ARGS:-}
set +f

if [ "$mode" = shell ]; then
	exec qemu-system-x86_64 "$@" -serial mon:stdio
fi

[ -n "$log" ] || die "vm.sh check needs a log file"
t=${VM_TIMEOUT:-1800}
mkdir -p "$(dirname "$log")"
: >"$log"
note "booting $kernel ($accel; console: $log; timeout ${t}s)"
# What ran the guest, for whoever reads its figures.
echo "vm.sh: accel $accel, cpu $cpu" >"$log.qemu"
rc=0
# --foreground: QEMU stays in the caller's process group, so that ^C, or
# check.sh stopping a job, reaches it too.
timeout --foreground -k 10 "$t" qemu-system-x86_64 "$@" -serial "file:$log" -monitor none \
	>>"$log.qemu" 2>&1 </dev/null || rc=$?
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	note "VM killed after ${t}s; last lines of $log:"
	tail -n 40 "$log" >&2
	exit 124
fi
if [ "$rc" != 0 ]; then
	cat "$log.qemu" >&2
	note "qemu exited with $rc; last lines of $log:"
	tail -n 20 "$log" >&2
	exit "$rc"
fi
exit 0
