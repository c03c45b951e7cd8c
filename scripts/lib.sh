# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the VCM test tiers. Source it; do not run it.
# shellcheck shell=bash disable=SC2034,SC2016

VCM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VCM_CACHE=${VCM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vcm}
RESULTS=$VCM_ROOT/results
JOBS=$(nproc)
export VCM_CACHE

log() { echo "[$(basename "$0" .sh)] $*" >&2; }

# Install the toolchain, sparse, kernel source and headers when anything
# the tiers use is missing: the stamp of a completed deps.sh, a command, the
# kernel source, or a kernel's headers or unpacked image.
ensure_deps() {
	local missing= c v abi
	[ -e "$VCM_CACHE/.deps-done" ] || missing=stamp
	for c in qemu-system-x86_64 sparse cpio depmod flex bison bc rsync dkms; do
		command -v "$c" > /dev/null || missing=$c
	done
	[ -x /bin/busybox ] || missing=busybox
	[ -f /usr/src/linux-source-6.12.tar.xz ] || missing=linux-source
	[ -f /usr/src/linux-source-6.1.tar.xz ] || missing=linux-source-6.1
	if [ -f "$VCM_CACHE/kernels/versions" ]; then
		while read -r v abi; do
			[ -d "/usr/src/linux-headers-$abi" ] || missing="headers $v"
			[ -e "$VCM_CACHE/kernels/$abi/.done" ] || missing="image $v"
		done < "$VCM_CACHE/kernels/versions"
	fi
	[ -z "$missing" ] && return 0
	log "installing dependencies (missing: $missing)"
	bash "$VCM_ROOT/scripts/deps.sh" >&2
}

# kernel_abi 6.1|6.12: the Debian ABI recorded by deps.sh.
kernel_abi() {
	awk -v v="$1" '$1 == v { print $2 }' "$VCM_CACHE/kernels/versions"
}

# tap_result FILE OK NAME [SKIP]: append "ok NAME" or "not ok NAME".
tap_result() {
	local line="ok $3"
	[ "$2" = 1 ] || line="not $line"
	[ -z "${4:-}" ] || line="$line # SKIP"
	echo "$line" >> "$1"
}

# Unpacked Debian linux-source-6.12, reused between runs. The stamp is
# written only after a complete unpack; a newer tarball replaces the tree.
LINUX_TARBALL=/usr/src/linux-source-6.12.tar.xz
LINUX_SRC=$VCM_CACHE/linux-source-6.12
unpack_linux_source() {
	local stamp=$LINUX_SRC/.vcm-unpacked
	[ -f "$LINUX_TARBALL" ] || { log "missing $LINUX_TARBALL"; return 1; }
	mkdir -p "$VCM_CACHE"
	(
		flock 8
		if [ -e "$stamp" ] && [ ! "$LINUX_TARBALL" -nt "$stamp" ]; then
			exit 0
		fi
		log "unpacking $LINUX_TARBALL into $LINUX_SRC"
		rm -rf "$LINUX_SRC" "$LINUX_SRC.tmp"
		mkdir -p "$LINUX_SRC.tmp"
		# -m: files dated now, so that any old build output is stale.
		tar -C "$LINUX_SRC.tmp" -xmJf "$LINUX_TARBALL"
		mv "$LINUX_SRC.tmp/linux-source-6.12" "$LINUX_SRC"
		rmdir "$LINUX_SRC.tmp"
		touch "$stamp"
	) 8> "$VCM_CACHE/.unpack.lock"
}

# Build products that must never be copied into a source tree: with O=,
# make would find them through VPATH and take them as up to date.
RSYNC_EXCLUDES=(--exclude='*.o' --exclude='*.ko' --exclude='*.mod'
	--exclude='*.mod.c' --exclude='.*.cmd' --exclude='*.a' --exclude='*.d'
	--exclude=modules.order --exclude=Module.symvers --exclude=.tmp_versions)

# overlay_project DEST: copy the driver and the project's headers into the
# kernel tree DEST and hook the driver into drivers/gpu/drm. Idempotent.
# Files are compared by content and a changed one is dated now, so make
# rebuilds it even if the repository's copy is older than the last build.
overlay_project() {
	local dst=$1 drm=$1/drivers/gpu/drm d
	rsync -rlc --delete "${RSYNC_EXCLUDES[@]}" \
		"$VCM_ROOT/drivers/gpu/drm/vcm/" "$drm/vcm/"
	for d in include/drm include/uapi/drm; do
		[ -d "$VCM_ROOT/$d" ] || continue
		rsync -rlc "${RSYNC_EXCLUDES[@]}" "$VCM_ROOT/$d/" "$dst/$d/"
	done
	# drivers/gpu/drm/Kconfig is one flat list of source lines under
	# "if DRM"; ours goes right after the first driver's.
	if ! grep -q '^source "drivers/gpu/drm/vcm/Kconfig"' "$drm/Kconfig"; then
		sed -i '0,/^source "drivers\/gpu\/drm\/[a-z0-9_]*\/Kconfig"/s||&\nsource "drivers/gpu/drm/vcm/Kconfig"|' \
			"$drm/Kconfig"
		grep -q '^source "drivers/gpu/drm/vcm/Kconfig"' "$drm/Kconfig"
	fi
	grep -qx 'obj-$(CONFIG_DRM_VCM) += vcm/' "$drm/Makefile" ||
		echo 'obj-$(CONFIG_DRM_VCM) += vcm/' >> "$drm/Makefile"
}
