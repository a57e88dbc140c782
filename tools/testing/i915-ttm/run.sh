#!/bin/sh
# Build a kernel, boot it in the VM and parse its console log: the one
# verdict of make run, of check.sh's kernel stages and of the per-patch
# boots.
#
#   run.sh [--image BZIMAGE] [--name NAME] [--table] [--require TEST]... KIND [LOG]
#
# KIND is build.sh's (test|debug); LOG defaults to build/logs/KIND.log.
# --image boots a kernel the caller built instead of building KIND.
# --name prefixes the result line (default KIND-kernel; '' for none).
# --require TEST: the log must report TEST (the parser's --require).
# VM_APPEND, VM_LMEM, VM_TIMEOUT, ... reach vm.sh unchanged.
#
# Ends with the result line '[NAME: ]N passed, N failed' and exits
# non-zero when anything failed: a build that fails, a VM that does not
# start and a log with failures all count, and no earlier run's log is
# ever parsed.
set -u
. "$(dirname "$0")/lib.sh"
usage="usage: run.sh [--image BZIMAGE] [--name NAME] [--table] [--require TEST]... KIND [LOG]"
img='' table='' require=''
unset name
while [ $# -gt 0 ]; do
	case $1 in
	--image) img=${2:?$usage}; shift 2 ;;
	--name) name=${2?$usage}; shift 2 ;;
	--table) table=--table; shift ;;
	--require) require="$require --require ${2:?$usage}"; shift 2 ;;
	-*) die "$usage" ;;
	*) break ;;
	esac
done
kind=${1:?$usage}
log=${2:-$BUILD/logs/$kind.log}
name=${name-$kind-kernel}
prefix=${name:+$name: }
failed() { echo "FAIL ${name:-$kind-kernel}: $*"; echo "${prefix}0 passed, 1 failed"; exit 1; }

# Gone before anything can fail, so that neither this script nor a
# reader of build/logs takes an earlier run's log for this one.
rm -f "$log" "$log.qemu"
if [ -z "$img" ]; then
	img=$(sh "$HARNESS/build.sh" "$kind") || failed "the $kind kernel does not build"
fi
vm=0
sh "$HARNESS/vm.sh" check "$img" "$log" || vm=$?
# A VM killed or crashed after it started leaves a log worth parsing:
# the parser shows how far it got and fails it for the missing end.
[ -s "$log" ] || failed "the VM wrote no console log (vm.sh exit status $vm)"
python3 "$HARNESS/i915_ttm_parser.py" $table $require --name "$name" "$log" || exit 1
[ "$vm" = 0 ] || { echo "FAIL ${name:-$kind-kernel}: vm.sh exit status $vm"; exit 1; }
