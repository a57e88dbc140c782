#!/bin/sh
# Install the Debian packages the harness needs, when missing (one
# 'apt-get update' first). Without root, name what is missing and stop.
set -eu
. "$(dirname "$0")/lib.sh"
pkgs="git make gcc perl python3 xz-utils ca-certificates flex bison bc cpio
libelf-dev libssl-dev ccache sparse qemu-system-x86 busybox-static b4
python3-ply python3-git python-is-python3 python3-sphinx python3-sphinx-rtd-theme
dpkg-dev kmod rsync fakeroot procps
${DEPS_EXTRA:-}"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
	die "missing Debian packages:$missing (install them as root: apt-get install$missing)"
fi
note "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >"${TMPDIR:-/tmp}/i915-ttm-apt.log" 2>&1 ||
	{ tail -n 20 "${TMPDIR:-/tmp}/i915-ttm-apt.log" >&2; die "apt-get update failed"; }
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >>"${TMPDIR:-/tmp}/i915-ttm-apt.log" 2>&1 || {
	tail -n 20 "${TMPDIR:-/tmp}/i915-ttm-apt.log" >&2
	for p in $missing; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
			note "could not install $p"
	done
	die "apt-get install failed"
}
