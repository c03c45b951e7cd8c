#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcm_virt copies through the AGP bridge (DRM_VCM_ATTACH_AGP). With
# vcm_agp_test.ko loaded idle=1 (its bridge registered and free), vcmctl
# lays a space over the aperture, MMU 0 of format agp-gatt and MMU 1 the
# bridge, binds two DMA32 objects, copies through MMU 1 and checks the data
# from the CPU. While the space lives, the GATT the AGP core wrote (the
# test module's debugfs file) must map what VCM's own agp-gatt tables map
# (MMU 0, VCM's debugfs): the objects' pages, page for page. After an
# unbind, copies through MMU 1 fault and the GATT entries are gone.
# Destroying the space, or closing the file without destroying it, gives
# the bridge back.
set -e
dbg=/sys/kernel/debug
gatt=$dbg/vcm_agp_test/gatt
ctl=/tmp/agp.ctl
out=/tmp/agp.out
trap '' PIPE

pid=
cleanup() {
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
	[ -z "$pid" ] || wait "$pid" 2>/dev/null || true
	rmmod vcm_virt 2>/dev/null || true
	d=/sys/bus/pci/drivers/vcm_agp_test
	for dev in "$d"/0000:*; do
		[ ! -e "$dev" ] || echo "${dev##*/}" >"$d/unbind"
	done
	rmmod vcm_agp_test 2>/dev/null || true
	rmmod vcm 2>/dev/null || true
}
trap cleanup EXIT

modprobe drm
# 6.12's drm_shmem_helper wants drm_kms_helper loaded first.
modprobe drm_kms_helper 2>/dev/null || true
modprobe drm_shmem_helper
# vcm_virt's VM_BIND needs drm_gpuvm, where the kernel has it (not 6.1).
modprobe drm_gpuvm 2>/dev/null || true
insmod "$VCM_KO/vcm.ko"
insmod "$VCM_KO/vcm_agp_test.ko" idle=1
insmod "$VCM_KO/vcm_virt.ko"
grep -q " $dbg debugfs " /proc/mounts || mount -t debugfs none "$dbg"
[ -r "$gatt" ] || { echo "no $gatt: pci-testdev not bound?"; exit 1; }

# The aperture, and the errnos of DRM_VCM_ATTACH_AGP: a space outside the
# aperture is -ERANGE; the bridge held by a space is -ENODEV to another
# and to DRM_VCM_AGP_INFO.
vcmctl run - >"$out" 2>&1 <<EOF || { cat "$out"; exit 1; }
aperture
space o agp-gatt 0x10000000 4M
expect-error ERANGE attach o agp
space s agp-gatt aperture
attach s agp
expect-error ENODEV aperture
expect-error ENODEV attach o agp
destroy s
aperture
EOF
cat "$out"

# The bridge is the administrator's: with the bridge free, a render-node
# user without CAP_SYS_ADMIN (root's file, used as user nobody) gets
# -EACCES from both AGP calls, while everything else works for it.
vcmctl run - >"$out.user" 2>&1 <<EOF || { cat "$out.user"; exit 1; }
space u agp-gatt aperture
drop-root
expect-error EACCES attach u agp
expect-error EACCES aperture
bo a 16K dma32
reserve r u 16K
bind r 0 a 0 16K rw
destroy u
EOF
cat "$out.user"
base=$(sed -n 's/^  aperture \[\(0x[0-9a-f]*\), .*/\1/p' "$out" | head -n 1)
[ -n "$base" ] || { echo "no aperture in vcmctl's output"; exit 1; }

# gatt_is N: the GATT holds N entries, all valid, and they are exactly
# MMU 0's entries (VA and address) of the space over the aperture.
gatt_is() {
	id=$(awk -v b="$base" '$4 == b { print $1 }' "$dbg/vcm/spaces")
	[ -n "$id" ] || { echo "no space at $base in $dbg/vcm/spaces"; return 1; }
	awk '$1 == 0 { print $5, $6 }' "$dbg/vcm/$id/ptes" | sort >/tmp/mmu0
	sort "$gatt" >/tmp/gatt
	[ "$(wc -l </tmp/gatt)" = "$1" ] && cmp -s /tmp/gatt /tmp/mmu0
}

# wait_for N: until the GATT holds N entries (vcmctl reads a pipe).
wait_for() {
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ "$(grep -c . "$gatt")" != "$1" ] || return 0
		sleep 1
	done
	echo "GATT: $(grep -c . "$gatt") entries, expected $1"
	return 1
}

rm -f "$ctl"
mkfifo "$ctl"
vcmctl run - <"$ctl" >"$out" 2>&1 &
pid=$!
exec 3>"$ctl"
cat >&3 <<EOF
space s agp-gatt aperture
attach s agp
bo a 64K dma32
bo b 64K dma32
reserve r s 128K align 64K
bind r 0 a 0 64K rw
bind r 64K b 0 64K rw
EOF
wait_for 32
gatt_is 32 || { echo "GATT after two binds:"; cat "$gatt"; exit 1; }
echo "GATT: 32 entries, the pages VCM's agp-gatt tables map"
cat >&3 <<EOF
fill a 0 64K pattern:6
fill b 0 64K 0
copy s mmu 1 r r+64K 64K
check b 0 64K pattern:6
unbind r 0
copy s mmu 1 r+64K r 4K
expect-fault invalid r
copy s mmu 1 r r+64K 4K
expect-fault invalid r
EOF
wait_for 16
gatt_is 16 || { echo "GATT after unbind:"; cat "$gatt"; exit 1; }
echo "destroy s" >&3
exec 3>&-
rc=0
wait "$pid" || rc=$?
pid=
cat "$out"
[ "$rc" = 0 ] || { echo "vcmctl failed: $rc"; exit 1; }
[ ! -s "$gatt" ] || { echo "GATT not empty after destroy:"; cat "$gatt"; exit 1; }

# Closing the file gives the bridge back too, and empties the GATT.
vcmctl run - <<EOF
space s agp-gatt aperture
attach s agp
bo a 16K dma32
reserve r s 16K
bind r 0 a 0 16K rw
EOF
[ ! -s "$gatt" ] || { echo "GATT not empty after close:"; cat "$gatt"; exit 1; }
echo aperture | vcmctl run -
