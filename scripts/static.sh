#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Static tier: checkpatch --strict on every source file (the IGT tests with
# the conventions tests/igt/README writes down), sparse on the
# modules, and warning-free W=1 builds against the 6.1 and 6.12 headers.
# Results in results/static.tap.part, logs in results/static-*.log.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

PART=$RESULTS/static.tap.part
WORK=$VCM_ROOT/build/static
KOPTS=(CONFIG_DRM_VCM=m CONFIG_DRM_VCM_SELFTEST=m CONFIG_DRM_VCM_VIRT=m)

ensure_deps
unpack_linux_source
mkdir -p "$RESULTS"
rm -f "$PART" "$RESULTS"/static-*.log

# checkpatch.pl from the kernel tree, one result per file.
cd "$VCM_ROOT"
# Sources, not the *.mod.c that an in-tree module build leaves behind; the
# test-only kernel modules of the VM tier too.
mapfile -t files < <({
	find drivers/gpu/drm/vcm tests/vm -name '*.[ch]' ! -name '*.mod.c'
	find include/drm -name 'drm_vcm*.h' 2>/dev/null || true
	find include/uapi/drm -name '*.h' 2>/dev/null || true
} | sort)
# A function whose signature changed between 6.1 and 6.12 cannot be told
# apart by a feature test; these files test LINUX_VERSION_CODE for that,
# each saying why where it does, and nothing else.
version_tests="drivers/gpu/drm/vcm/vcm_compat.h tests/vm/iommu/vcm_edu_test.c"
for f in "${files[@]}"; do
	ok=1
	ignore=()
	[[ " $version_tests " != *" $f "* ]] || ignore=(--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON)
	{ echo "== $f"; "$LINUX_SRC/scripts/checkpatch.pl" --strict --no-tree \
		--show-types "${ignore[@]}" -f "$f"; } >> "$RESULTS/static-checkpatch.log" 2>&1 || ok=0
	tap_result "$PART" "$ok" "static/checkpatch/$f"
done

# The IGT tests follow the kernel style too, but for the IGT conventions
# tests/igt/README writes down (and this reads): one result per file.
igt_ignore=$(sed -n 's/^checkpatch-ignore: *//p' tests/igt/README)
[ -n "$igt_ignore" ] || { log "tests/igt/README: no checkpatch-ignore line"; exit 1; }
for f in tests/igt/*.[ch]; do
	ok=1
	{ echo "== $f"; "$LINUX_SRC/scripts/checkpatch.pl" --strict --no-tree \
		--show-types --ignore "$igt_ignore" -f "$f"; } \
		>> "$RESULTS/static-checkpatch.log" 2>&1 || ok=0
	tap_result "$PART" "$ok" "static/checkpatch/$f"
done

# kernel-doc on every header and source: each exported symbol and every
# struct documented, no warning.
out=$RESULTS/static-kernel-doc.log
"$LINUX_SRC/scripts/kernel-doc" -none -Wall "${files[@]}" > "$out" 2>&1 || true
n=$(grep -c 'warning:\|error:' "$out" || true)
for sym in $(grep -rho 'EXPORT_SYMBOL[A-Z_]*([a-z_0-9]*)' drivers/gpu/drm/vcm |
		sed 's/.*(\(.*\))/\1/' | grep -vx symbol); do
	if ! grep -rqE "^ \* $sym(\(\))? - " drivers include; then
		echo "undocumented export: $sym" >> "$out"
		n=$((n + 1))
	fi
done
log "kernel-doc: $n findings"
tap_result "$PART" "$([ "$n" = 0 ] && echo 1 || echo 0)" static/kernel-doc

# stage DIR: a fresh copy of the driver and include/ at the same relative
# places as in the repository, so the Makefiles' -I paths hold. Always
# fresh: an incremental build would not repeat old warnings.
stage() {
	rm -rf "$1"
	mkdir -p "$1/drivers/gpu/drm"
	rsync -a "${RSYNC_EXCLUDES[@]}" drivers/gpu/drm/vcm/ "$1/drivers/gpu/drm/vcm/"
	rsync -a "${RSYNC_EXCLUDES[@]}" include/ "$1/include/"
}

# kbuild KVER DIR LOG ARGS...: build the modules out of tree.
kbuild() {
	local kdir
	kdir=/usr/src/linux-headers-$(kernel_abi "$1")
	stage "$2"
	make -C "$kdir" M="$2/drivers/gpu/drm/vcm" "${KOPTS[@]}" -j"$JOBS" \
		"${@:4}" modules > "$3" 2>&1
}

# sparse through a wrapper that tags its output, so that compiler
# warnings are not counted as sparse's.
mkdir -p "$WORK"
cat > "$WORK/sparse-tag" <<'EOF'
#!/bin/sh
sparse "$@" 2>&1 | sed 's/^/sparse: /' >&2
EOF
chmod +x "$WORK/sparse-tag"
out=$RESULTS/static-sparse.log
ok=1
kbuild 6.12 "$WORK/sparse" "$out" C=2 CHECK="$WORK/sparse-tag" ||
	{ ok=0; log "sparse: build failed, see $out"; }
n=$(grep -Ec '^sparse: .*(warning|error):' "$out" || true)
log "sparse: $n warnings"
[ "$n" = 0 ] || ok=0
tap_result "$PART" "$ok" static/sparse

# W=1 builds: any "warning:" line, compiler's or modpost's, fails.
for v in 6.1 6.12; do
	out=$RESULTS/static-w1-$v.log
	ok=1
	kbuild "$v" "$WORK/w1-$v" "$out" W=1 || ok=0
	! grep -iq 'warning:' "$out" || ok=0
	tap_result "$PART" "$ok" "static/w1/$v"
done

passed=$(grep -c '^ok ' "$PART" || true)
failed=$(grep -c '^not ok ' "$PART" || true)
log "$passed passed, $failed failed"
[ "$failed" = 0 ]
