#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DKMS check (host tier): `dkms add` and `dkms build` of the package that
# dkms.conf describes, against every Debian kernel header set installed
# (/usr/src/linux-headers-*-amd64), in private dkms and source trees: the
# system's /usr/src and /var/lib/dkms are not touched (dkms may create its
# module-signing key, as on any install). One result per header set,
# appended to results/host.tap.part. A pass is cached under
# $VCM_CACHE/dkms by the hash of the package's files, the header set and
# the dkms version, so an unchanged package is not rebuilt.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

PART=$RESULTS/host.tap.part
WORK=$VCM_ROOT/build/dkms
STAMPS=$VCM_CACHE/dkms

ensure_deps
mkdir -p "$RESULTS" "$STAMPS"
cd "$VCM_ROOT"

name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' dkms.conf)
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
[ -n "$name" ] && [ -n "$ver" ] || { log "dkms.conf: no name or version"; exit 1; }

# The package: what a user's `dkms add .` copies that the build reads.
rm -rf "$WORK"
src=$WORK/src/$name-$ver
mkdir -p "$src" "$WORK/dkms"
git ls-files -co --exclude-standard -z dkms.conf Makefile Kconfig drivers include |
	xargs -0 cp --parents -t "$src"
pkg_hash=$( (cd "$src" && find . -type f -print0 | sort -z | xargs -0 sha256sum;
	dkms --version) | sha256sum | cut -c1-16)

mapfile -t abis < <(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null |
	sed 's|^/usr/src/linux-headers-||' | sort -V)
[ "${#abis[@]}" -gt 0 ] || { log "no Debian kernel headers installed"; exit 1; }

dk() { dkms "$@" --sourcetree "$WORK/src" --dkmstree "$WORK/dkms"; }
added=0
failed=0
for abi in "${abis[@]}"; do
	stamp=$STAMPS/$pkg_hash-$abi.ok
	out=$RESULTS/host-dkms-$abi.log
	ok=1
	if [ -e "$stamp" ]; then
		log "dkms build $name/$ver for $abi: unchanged since a pass, cached"
	else
		start=$SECONDS
		if [ "$added" = 0 ]; then
			dk add -m "$name" -v "$ver" > "$out" 2>&1 || ok=0
			added=1
		fi
		[ "$ok" = 0 ] || dk build -m "$name" -v "$ver" -k "$abi" \
			--kernelsourcedir "/usr/src/linux-headers-$abi" >> "$out" 2>&1 || ok=0
		for m in $(sed -n 's/^BUILT_MODULE_NAME\[[0-9]*\]="\(.*\)"/\1/p' dkms.conf); do
			ls "$WORK/dkms/$name/$ver/$abi"/*/module/"$m".ko* > /dev/null 2>&1 ||
				{ echo "dkms: $m.ko not built" >> "$out"; ok=0; }
		done
		log "dkms build $name/$ver for $abi: $([ "$ok" = 1 ] && echo ok || echo FAILED, see "$out") after $((SECONDS - start)) s"
		[ "$ok" = 0 ] || touch "$stamp"
	fi
	[ "$ok" = 1 ] || failed=1
	tap_result "$PART" "$ok" "host/dkms/$abi"
done
[ "$failed" = 0 ]
