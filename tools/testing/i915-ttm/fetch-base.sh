#!/bin/sh
# Fetch the pinned base kernel tarball once, verify it, print its path.
#
# Default: Debian's linux_<version>.orig.tar.xz through a private apt
# configuration under build/cache (no system apt file is touched).
# Override: BASE_TARBALL=/path/to/linux-5.10.262.tar.xz together with
# BASE_TARBALL_SHA256=<the sum you trust>.
set -eu
. "$(dirname "$0")/lib.sh"

verify() { # file expected-sum
	_got=$(sha256sum "$1" | cut -d' ' -f1)
	[ "$_got" = "$2" ] && return 0
	printf '%s: error: checksum mismatch for %s\n  expected %s\n  got      %s\n' \
		"${0##*/}" "$1" "$2" "$_got" >&2
	return 1
}

if [ -n "${BASE_TARBALL:-}" ]; then
	[ -n "${BASE_TARBALL_SHA256:-}" ] ||
		die "BASE_TARBALL=$BASE_TARBALL needs BASE_TARBALL_SHA256 (the checksum you trust)"
	[ -f "$BASE_TARBALL" ] || die "BASE_TARBALL: no such file: $BASE_TARBALL"
	verify "$BASE_TARBALL" "$BASE_TARBALL_SHA256" || exit 1
	echo "$BASE_TARBALL"
	exit 0
fi

out=$CACHE/$BASE_FILE
if [ -f "$out" ]; then
	verify "$out" "$BASE_SHA256" ||
		die "remove the bad cached file (rm $out) to download it again"
	echo "$out"
	exit 0
fi

need apt-get sha256sum
apt=$CACHE/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/src"
cat >"$apt/sources.list" <<EOS
deb-src http://deb.debian.org/debian bullseye main
deb-src http://deb.debian.org/debian-security bullseye-security main
EOS
set -- -o Dir::Etc::sourcelist="$apt/sources.list" \
	-o Dir::Etc::sourceparts=/dev/null \
	-o Dir::State::Lists="$apt/lists" \
	-o Dir::Cache="$apt/cache" \
	-o Dir::State::status=/dev/null \
	-o APT::Sandbox::User=root

note "downloading $BASE_FILE (Debian linux $BASE_DEB_VERSION) through $apt"
apt-get -q "$@" update >"$apt/update.log" 2>&1 ||
	{ tail -n 20 "$apt/update.log" >&2; die "apt-get update of the private source list failed (log: $apt/update.log)"; }
(cd "$apt/src" && apt-get -q "$@" source --download-only "linux=$BASE_DEB_VERSION") \
	>"$apt/source.log" 2>&1 ||
	{
		tail -n 20 "$apt/source.log" >&2
		die "apt-get source linux=$BASE_DEB_VERSION failed (log: $apt/source.log).
  Likely cause: Debian's security suite keeps only its newest upload of
  linux, so $BASE_DEB_VERSION may have been replaced there. Two ways out:
  - BASE_TARBALL=/path/to/$BASE_FILE BASE_TARBALL_SHA256=$BASE_SHA256
    (the same tarball, obtained elsewhere: snapshot.debian.org keeps it), or
  - move base.conf to the version the archive has now (BASE_DEB_VERSION
    and BASE_SHA256), run 'make tree' and rebase what no longer applies."
	}
[ -f "$apt/src/$BASE_FILE" ] || die "apt-get source did not produce $BASE_FILE (log: $apt/source.log)"

if ! verify "$apt/src/$BASE_FILE" "$BASE_SHA256"; then
	mv "$apt/src/$BASE_FILE" "$apt/src/$BASE_FILE.rejected"
	die "kept the rejected download as $apt/src/$BASE_FILE.rejected"
fi
mv "$apt/src/$BASE_FILE" "$out"
rm -f "$apt/src/"linux_*.debian.tar.xz
echo "$out"
