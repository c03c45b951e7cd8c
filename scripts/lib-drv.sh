# SPDX-License-Identifier: GPL-2.0
# Shared by scripts/radeon.sh and scripts/nouveau.sh: build one DRM driver
# from Debian's linux-source-6.12 with the series in patches/<driver>/
# applied, out of tree against Debian's 6.12 headers and the vcm.ko of
# build/<abi>/ (its Module.symvers), with the project's include/ on the
# include path. Source it; do not run it.
#
# The build is cached in $VCM_CACHE/<driver>/<hash>/ by a hash of
# everything it depends on: the series (0001-*.patch ...; not the cover
# letter), the project's public headers, vcm.ko's Module.symvers, the
# headers' ABI and Module.symvers, the driver's source, this file and the
# driver's script. An unchanged input is not rebuilt. The module is copied
# to build/<abi>/<driver>.ko and its path printed on stdout; the build log
# is $VCM_CACHE/<driver>/<hash>/build.log. An empty series builds the stock
# driver from source.
# shellcheck shell=bash

# shellcheck source=scripts/lib-vm.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib-vm.sh"

# The caller sets DRV (the driver's directory name under drivers/gpu/drm
# and the module's name) and may set DRV_MAKE_ARGS, an array of extra
# arguments for kbuild ("@TMP@" in them stands for the copy's root);
# DRV_POST_BUILD, a command run with ABI and the copy's root once the
# driver is built (more modules from the patched source); DRV_EXTRA_KOS,
# modules that command leaves in the copy's root, copied beside the
# driver's; and DRV_HASH_DIRS, project directories the build also depends
# on (files or directories).
DRV_MAKE_ARGS=()
DRV_POST_BUILD=
DRV_EXTRA_KOS=()
DRV_HASH_DIRS=()

# drv_series: the series' patches in order; the cover letter (0000-) is
# not applied.
drv_series() {
	local p
	for p in "$VCM_ROOT/patches/$DRV"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -f "$p" ] || continue
		case ${p##*/} in 0000-*) continue ;; esac
		echo "$p"
	done
}

# drv_hash ABI SCRIPT: the cache key, from the file list and contents of
# every input (paths relative to their roots, so that the key does not
# depend on where the project is checked out).
drv_hash() {
	local abi=$1 kdir=/usr/src/linux-headers-$1 p
	{
		echo "abi $abi"
		sha256sum "$kdir/Module.symvers" | cut -d ' ' -f 1
		# CRC and name of each export: the file's module column is an
		# absolute path into this checkout.
		cut -f 1,2 "$VCM_ROOT/build/$abi/drivers/gpu/drm/vcm/Module.symvers" |
			sha256sum | cut -d ' ' -f 1
		sha256sum "$2" "${BASH_SOURCE[0]}" | cut -d ' ' -f 1
		printf '%s\n' "${DRV_MAKE_ARGS[@]}"
		for p in $(drv_series); do
			echo "patch ${p##*/} $(sha256sum "$p" | cut -d ' ' -f 1)"
		done
		(cd "$VCM_ROOT" && find include -name '*.h' -type f | LC_ALL=C sort |
			xargs sha256sum)
		for p in "${DRV_HASH_DIRS[@]}"; do
			(cd "$VCM_ROOT" && find "$p" -type f | LC_ALL=C sort | xargs sha256sum)
		done
		(cd "$LINUX_SRC" && find "drivers/gpu/drm/$DRV" -type f | LC_ALL=C sort |
			xargs sha256sum)
	} | sha256sum | cut -c 1-16
}

# drv_build ABI HASH: build into $VCM_CACHE/DRV/HASH (a temporary
# directory renamed into place once the module is there).
drv_build() {
	local abi=$1 out=$VCM_CACHE/$DRV/$2 tmp p ddir a args=()
	tmp=$out.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp/drivers/gpu/drm"
	cp -a "$LINUX_SRC/drivers/gpu/drm/$DRV" "$tmp/drivers/gpu/drm/" &&
		cp -a "$VCM_ROOT/include" "$tmp/" || return 1
	ddir=$tmp/drivers/gpu/drm/$DRV
	for p in $(drv_series); do
		echo "applying ${p##*/}"
		patch -d "$tmp" -p1 --batch --forward --fuzz=0 \
			--no-backup-if-mismatch <"$p" ||
			{ echo "${p##*/} does not apply"; return 1; }
	done
	for a in "${DRV_MAKE_ARGS[@]}"; do
		args+=("${a//@TMP@/$tmp}")
	done
	# (Called in an "if", so set -e is off here: every step is checked.)
	make -C "/usr/src/linux-headers-$abi" M="$ddir" -j"$JOBS" \
		KBUILD_EXTRA_SYMBOLS="$VCM_ROOT/build/$abi/drivers/gpu/drm/vcm/Module.symvers" \
		KCFLAGS="-I$tmp/include" "${args[@]}" modules || return 1
	cp "$ddir/$DRV.ko" "$tmp/$DRV.ko" || return 1
	if [ -n "$DRV_POST_BUILD" ]; then
		$DRV_POST_BUILD "$abi" "$tmp" || return 1
	fi
	rm -rf "$out" && mv "$tmp" "$out"
}

# drv_main SCRIPT: build vcm.ko, then the driver unless cached; print the
# module's path.
drv_main() {
	local abi hash out n start
	ensure_deps
	abi=$(vm_abi 6.12)
	unpack_linux_source
	mkdir -p "$VCM_CACHE/$DRV" "$VCM_ROOT/build/$abi"
	log "building vcm.ko for $abi (its Module.symvers)"
	vm_build_vcm "$abi" >"$VCM_ROOT/build/$abi/vcm-build.log" 2>&1 ||
		{ tail -n 20 "$VCM_ROOT/build/$abi/vcm-build.log" >&2; return 1; }
	hash=$(drv_hash "$abi" "$1")
	out=$VCM_CACHE/$DRV/$hash
	(
		flock 9
		if [ -f "$out/$DRV.ko" ]; then
			log "$DRV.ko $hash: cached"
			exit 0
		fi
		n=$(drv_series | wc -l)
		log "$DRV.ko $hash: building ($n patches)"
		start=$SECONDS
		if ! drv_build "$abi" "$hash" >"$VCM_CACHE/$DRV/$hash.log" 2>&1; then
			tail -n 30 "$VCM_CACHE/$DRV/$hash.log" >&2
			rm -rf "$out.tmp"
			log "$DRV.ko $hash: build failed (log: $VCM_CACHE/$DRV/$hash.log)"
			exit 1
		fi
		mv "$VCM_CACHE/$DRV/$hash.log" "$out/build.log"
		log "$DRV.ko $hash: built in $((SECONDS - start)) s"
	) 9>"$VCM_CACHE/$DRV/.lock" || return 1
	cp "$out/$DRV.ko" "$VCM_ROOT/build/$abi/$DRV.ko"
	for n in "${DRV_EXTRA_KOS[@]}"; do
		rm -f "$VCM_ROOT/build/$abi/$n"
		[ ! -f "$out/$n" ] || cp "$out/$n" "$VCM_ROOT/build/$abi/$n"
	done
	echo "$VCM_ROOT/build/$abi/$DRV.ko"
}
