#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# In-tree check (host tier): make the patch series that adds VCM to
# Debian's linux-source-6.12 (include/drm/drm_vcm*.h and the uAPI header,
# drivers/gpu/drm/vcm, then the Kconfig and Makefile hooks), apply it with
# patch(1) to a pristine configured tree, enable VCM through Kconfig (an
# option the hooks do not reach would be dropped by olddefconfig: that
# fails), run `make modules_prepare`, then build M=drivers/gpu/drm/vcm,
# its imports resolved against the Module.symvers of Debian's 6.12 headers.
#
# The series is written to build/intree/series/ (INTREE_SERIES=DIR for
# another place), ready for `git am` on a kernel tree. The configured tree
# (x86_64 defconfig, modules_prepare done, no VCM) is cached under
# $VCM_CACHE/intree/<hash of the tarball and this recipe>; the series is
# applied to it and taken out again on every run; a series that passed
# before (same hash) is not built again. One result,
# host/intree/6.12, appended to results/host.tap.part.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

PART=$RESULTS/host.tap.part
SERIES=${INTREE_SERIES:-$VCM_ROOT/build/intree/series}
LOG=$RESULTS/host-intree.log
# What the cached tree is: the tarball and how it was configured.
RECIPE="defconfig modules_prepare v1"

ensure_deps
mkdir -p "$RESULTS"
cd "$VCM_ROOT"

key=$( { stat -c '%s %Y' "$LINUX_TARBALL"; echo "$RECIPE"; } | sha256sum | cut -c1-16)
TREE=$VCM_CACHE/intree/$key/linux-source-6.12

# One run at a time: runs share the cached tree and patch it in place.
mkdir -p "$VCM_CACHE/intree"
exec 8> "$VCM_CACHE/intree/.lock"
flock -n 8 || { log "waiting for another in-tree run"; flock 8; }

# prepare_tree: unpack and configure once; the stamp says it is whole.
prepare_tree() {
	local top=${TREE%/*} start=$SECONDS
	[ -e "$top/.prepared" ] && return 0
	log "preparing $TREE (defconfig, modules_prepare): the cold cost"
	rm -rf "$top" && mkdir -p "$top"
	tar -C "$top" -xJf "$LINUX_TARBALL"
	make -C "$TREE" defconfig > "$top/prepare.log" 2>&1
	make -C "$TREE" -j"$JOBS" modules_prepare >> "$top/prepare.log" 2>&1
	# The pristine files the hooks change, to restore before each run.
	cp "$TREE/drivers/gpu/drm/Kconfig" "$top/Kconfig.orig"
	cp "$TREE/drivers/gpu/drm/Makefile" "$top/Makefile.orig"
	cp "$TREE/.config" "$top/config.orig"
	echo "$((SECONDS - start))" > "$top/.prepared"
	log "prepared in $((SECONDS - start)) s"
}

# clean_tree: the tree as prepared, whatever a previous run left.
clean_tree() {
	local top=${TREE%/*} f
	rm -rf "$TREE/drivers/gpu/drm/vcm"
	for f in include/drm/drm_vcm*.h include/uapi/drm/vcm_drm.h; do
		rm -f "$TREE/$f"
	done
	cp "$top/Kconfig.orig" "$TREE/drivers/gpu/drm/Kconfig"
	cp "$top/Makefile.orig" "$TREE/drivers/gpu/drm/Makefile"
	cp "$top/config.orig" "$TREE/.config"
	rm -f "$TREE/Module.symvers"
}

# patch_new SUBJECT BODY FILE...: a mail-format patch that adds FILEs.
patch_new() {
	local f
	printf 'From: VCM <vcm@localhost>\nSubject: [PATCH] %s\n\n%s\n---\n' "$1" "$2"
	shift 2
	for f in "$@"; do
		# --no-index exits 1 when the files differ, as they always do.
		git diff --no-index --src-prefix=a/ --dst-prefix=b/ \
			/dev/null "$f" || true
	done
}

# make_series: the series into $SERIES, from the files as they are now.
make_series() {
	local hooks=$VCM_ROOT/build/intree/hooks top=${TREE%/*}
	rm -rf "$SERIES" "$hooks"
	mkdir -p "$SERIES" "$hooks/a/drivers/gpu/drm" "$hooks/b/drivers/gpu/drm"
	mapfile -t hdrs < <(git ls-files -co --exclude-standard include/drm include/uapi/drm)
	mapfile -t drv < <(git ls-files -co --exclude-standard drivers/gpu/drm/vcm)
	patch_new "drm/vcm: add the VCM headers" \
"The kernel API of VCM, a GART / GPU-VM page-table layer for DRM
(include/drm/drm_vcm.h and its register-sequence headers), and the uAPI
of vcm_virt (include/uapi/drm/vcm_drm.h)." "${hdrs[@]}" \
		> "$SERIES/0001-drm-vcm-add-the-VCM-headers.patch"
	patch_new "drm/vcm: add VCM, one GART / GPU-VM page-table layer" \
"The core (spaces, reservations, backing memory, bind, unbind, attach),
the page-table engine and its formats, the backends, vcm_virt and the
KUnit suites. Documentation/gpu/vcm.rst describes it." "${drv[@]}" \
		> "$SERIES/0002-drm-vcm-add-VCM.patch"
	# The hooks: VCM's Kconfig after the first driver's source line, as
	# the KUnit tier's overlay places it; its directory in the Makefile.
	cp "$top/Kconfig.orig" "$hooks/a/drivers/gpu/drm/Kconfig"
	cp "$top/Makefile.orig" "$hooks/a/drivers/gpu/drm/Makefile"
	sed '0,/^source "drivers\/gpu\/drm\/[a-z0-9_]*\/Kconfig"/s||&\nsource "drivers/gpu/drm/vcm/Kconfig"|' \
		"$top/Kconfig.orig" > "$hooks/b/drivers/gpu/drm/Kconfig"
	{ cat "$top/Makefile.orig"; echo 'obj-$(CONFIG_DRM_VCM) += vcm/'; } \
		> "$hooks/b/drivers/gpu/drm/Makefile"
	{ printf 'From: VCM <vcm@localhost>\nSubject: [PATCH] %s\n\n%s\n---\n' \
		"drm: build VCM" "Source VCM's Kconfig and build drivers/gpu/drm/vcm."
	  for f in drivers/gpu/drm/Kconfig drivers/gpu/drm/Makefile; do
		# diff exits 1 when the files differ, as they do.
		diff -u --label "a/$f" --label "b/$f" "$hooks/a/$f" "$hooks/b/$f" || true
	  done
	} > "$SERIES/0003-drm-build-VCM.patch"
}

start=$SECONDS
ok=1
prepare_tree || { log "preparing the tree failed, see ${TREE%/*}/prepare.log"; ok=0; }
if [ "$ok" = 1 ]; then
	clean_tree
	make_series
	pass=${TREE%/*}/pass-$(cat "$SERIES"/*.patch | sha256sum | cut -c1-16)
fi
if [ "$ok" = 1 ] && [ -e "$pass" ]; then
	log "in-tree build: this series passed before, cached"
elif [ "$ok" = 1 ]; then
	{
		for p in "$SERIES"/*.patch; do
			echo "== applying ${p##*/}"
			patch -d "$TREE" -p1 --forward --batch < "$p"
		done
		echo "== configuring"
		"$TREE/scripts/config" --file "$TREE/.config" -m DRM_VCM \
			-m DRM_VCM_VIRT -m DRM_VCM_SELFTEST
		make -C "$TREE" olddefconfig
		grep -qx 'CONFIG_DRM_VCM=m' "$TREE/.config" &&
			grep -qx 'CONFIG_DRM_VCM_VIRT=m' "$TREE/.config" ||
			{ echo "intree: Kconfig dropped DRM_VCM"; exit 1; }
		make -C "$TREE" -j"$JOBS" modules_prepare
		# No vmlinux is built: modpost resolves VCM's imports against
		# Debian's own 6.12 build of the same source version.
		cp "/usr/src/linux-headers-$(kernel_abi 6.12)/Module.symvers" "$TREE/"
		echo "== building M=drivers/gpu/drm/vcm"
		make -C "$TREE" -j"$JOBS" M=drivers/gpu/drm/vcm W=1 modules
		for m in vcm vcm_virt vcm_selftest; do
			test -e "$TREE/drivers/gpu/drm/vcm/$m.ko" ||
				{ echo "intree: $m.ko not built"; exit 1; }
		done
	} > "$LOG" 2>&1 || ok=0
	# Compiler warnings fail the check as in the static tier.
	! grep -q 'warning:' "$LOG" || ok=0
	clean_tree
	[ "$ok" = 0 ] || touch "$pass"
fi
log "in-tree build: $([ "$ok" = 1 ] && echo ok || echo "FAILED, see $LOG") after $((SECONDS - start)) s (cold preparation: $(cat "${TREE%/*}/.prepared" 2>/dev/null || echo ?) s)"
tap_result "$PART" "$ok" host/intree/6.12
[ "$ok" = 1 ]
