#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install everything the VCM build and test tiers need, from Debian packages.
# Kernel images are unpacked for QEMU with dpkg -x, never installed.
set -euo pipefail

CACHE=${VCM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vcm}
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

PKGS="build-essential qemu-system-x86 busybox-static cpio kmod flex bison bc
libelf-dev libssl-dev sparse libdrm-dev intel-gpu-tools pkg-config
python3 xz-utils rsync linux-source-6.12 linux-source-6.1 linux-headers-amd64
dkms"

# Newest 6.12 ABI known to the archive: resolved now, never hard-coded.
newest_612() {
	apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-amd64$' |
		awk '{print $1}' | sed 's/^linux-headers-//' | sort -V | tail -n 1
}

$SUDO apt-get update -qq
V612=$(newest_612)
[ -n "$V612" ] || { echo "deps: no linux-headers-6.12 in the archive" >&2; exit 1; }
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PKGS "linux-headers-$V612" >/dev/null

# The 6.1 ABI is whatever the linux-headers-amd64 meta package points at.
V61=$(dpkg-query -W -f='${Depends}\n' linux-headers-amd64 |
	grep -o 'linux-headers-6\.1[^ ,]*' | head -n 1 | sed 's/^linux-headers-//')

mkdir -p "$CACHE/kernels"
for v in "$V61" "$V612"; do
	d="$CACHE/kernels/$v"
	[ -e "$d/.done" ] && continue
	rm -rf "$d" && mkdir -p "$d"
	pkg="linux-image-$v-unsigned"
	apt-cache show "$pkg" >/dev/null 2>&1 || pkg="linux-image-$v"
	(cd "$d" && apt-get -o APT::Sandbox::User=root download -qq "$pkg" >/dev/null && dpkg -x ./*.deb root && rm -f ./*.deb)
	echo "$v" > "$d/.done"
done
printf '6.1 %s\n6.12 %s\n' "$V61" "$V612" > "$CACHE/kernels/versions"
touch "$CACHE/.deps-done"
echo "deps: kernels 6.1=$V61 6.12=$V612"
