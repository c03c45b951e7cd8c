#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make radeon: radeon.ko from Debian's linux-source-6.12 with the series in
# patches/radeon/ applied, built out of tree against Debian's 6.12 headers
# and the vcm.ko of build/<abi>/ (its Module.symvers), with the project's
# include/ on the include path.
#
# The build is cached in $VCM_CACHE/radeon/<hash>/ by a hash of everything
# it depends on: the series (0001-*.patch ...; not the cover letter), the
# project's public headers, vcm.ko's Module.symvers, the headers' ABI and
# Module.symvers, the radeon source and this script. An unchanged input is
# not rebuilt. The module is copied to build/<abi>/radeon.ko and its path
# printed on stdout; the build log is $VCM_CACHE/radeon/<hash>/build.log.
# An empty series builds stock radeon from source.
set -euo pipefail
# shellcheck source=scripts/lib-vm.sh
source "$(dirname "$0")/lib-vm.sh"

SERIES_DIR=$VCM_ROOT/patches/radeon

# The series' patches in order; the cover letter (0000-) is not applied.
series() {
	local p
	for p in "$SERIES_DIR"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -f "$p" ] || continue
		case ${p##*/} in 0000-*) continue ;; esac
		echo "$p"
	done
}

# radeon_hash ABI: the cache key, from the file list and contents of every
# input (paths relative to their roots, so that the key does not depend on
# where the project is checked out).
radeon_hash() {
	local abi=$1 kdir=/usr/src/linux-headers-$1 p
	{
		echo "abi $abi"
		sha256sum "$kdir/Module.symvers" | cut -d ' ' -f 1
		sha256sum "$VCM_ROOT/build/$abi/drivers/gpu/drm/vcm/Module.symvers" | cut -d ' ' -f 1
		sha256sum "$0" | cut -d ' ' -f 1
		for p in $(series); do
			echo "patch ${p##*/} $(sha256sum "$p" | cut -d ' ' -f 1)"
		done
		(cd "$VCM_ROOT" && find include -name '*.h' -type f | LC_ALL=C sort |
			xargs sha256sum)
		(cd "$LINUX_SRC" && find drivers/gpu/drm/radeon -type f | LC_ALL=C sort |
			xargs sha256sum)
	} | sha256sum | cut -c 1-16
}

# radeon_build ABI HASH: build into $VCM_CACHE/radeon/HASH (a temporary
# directory renamed into place once radeon.ko is there).
radeon_build() {
	local abi=$1 out=$VCM_CACHE/radeon/$2 tmp p rdir
	tmp=$out.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp/drivers/gpu/drm"
	cp -a "$LINUX_SRC/drivers/gpu/drm/radeon" "$tmp/drivers/gpu/drm/" &&
		cp -a "$VCM_ROOT/include" "$tmp/" || return 1
	rdir=$tmp/drivers/gpu/drm/radeon
	for p in $(series); do
		echo "applying ${p##*/}"
		patch -d "$tmp" -p1 --batch --forward --fuzz=0 \
			--no-backup-if-mismatch <"$p" ||
			{ echo "${p##*/} does not apply"; return 1; }
	done
	# define_trace.h includes radeon_trace.h again as
	# "../../drivers/gpu/drm/radeon/radeon_trace.h", a path that out of
	# tree leads nowhere: the object that creates the trace points gets a
	# directory two levels below the copy's root on its include path.
	# (Called in an "if", so set -e is off here: every step is checked.)
	make -C "/usr/src/linux-headers-$abi" M="$rdir" -j"$JOBS" \
		CONFIG_DRM_RADEON=m \
		KBUILD_EXTRA_SYMBOLS="$VCM_ROOT/build/$abi/drivers/gpu/drm/vcm/Module.symvers" \
		KCFLAGS="-I$tmp/include" \
		CFLAGS_radeon_trace_points.o="-I$tmp/drivers/gpu" \
		modules || return 1
	cp "$rdir/radeon.ko" "$tmp/radeon.ko" || return 1
	rm -rf "$out" && mv "$tmp" "$out"
}

ensure_deps
abi=$(vm_abi 6.12)
unpack_linux_source
mkdir -p "$VCM_CACHE/radeon" "$VCM_ROOT/build/$abi"
log "building vcm.ko for $abi (its Module.symvers)"
vm_build_vcm "$abi" >"$VCM_ROOT/build/$abi/vcm-build.log" 2>&1 ||
	{ tail -n 20 "$VCM_ROOT/build/$abi/vcm-build.log" >&2; exit 1; }
hash=$(radeon_hash "$abi")
out=$VCM_CACHE/radeon/$hash
(
	flock 9
	if [ -f "$out/radeon.ko" ]; then
		log "radeon.ko $hash: cached"
		exit 0
	fi
	n=$(series | wc -l)
	log "radeon.ko $hash: building ($n patches)"
	start=$SECONDS
	if ! radeon_build "$abi" "$hash" >"$VCM_CACHE/radeon/$hash.log" 2>&1; then
		tail -n 30 "$VCM_CACHE/radeon/$hash.log" >&2
		rm -rf "$out.tmp"
		log "radeon.ko $hash: build failed (log: $VCM_CACHE/radeon/$hash.log)"
		exit 1
	fi
	mv "$VCM_CACHE/radeon/$hash.log" "$out/build.log"
	log "radeon.ko $hash: built in $((SECONDS - start)) s"
) 9>"$VCM_CACHE/radeon/.lock"
cp "$out/radeon.ko" "$VCM_ROOT/build/$abi/radeon.ko"
echo "$VCM_ROOT/build/$abi/radeon.ko"
