#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcm.ko with both edu devices on its DMA-API whitelist and a 1 MiB pool,
# then vcm_edu_dma.ko, which uses the DMA API only (one probe deferred
# once, see below): both probes must end with a clean "vcm_dma: done"
# line, both devices must show VCM's ops in debugfs, and both devices'
# coherent buffers must be pieces of the one pool. Behind the IOMMU (intel_iommu=on) the mappings lie in VCM's space.
set -e
# shellcheck source=tests/vm/dma/guest/dma.inc
. "$(dirname "$0")/dma.inc"
modprobe drm
insmod "$VCM_KO/vcm.ko" pools=dma:1M dma_devices="$DEV1,$DEV2"
# The first probe takes a dmam_alloc_coherent() buffer and defers: devres
# must free it through VCM's ops (no "driver left" line, the pool whole),
# and the deferred probe, run again once the other device bound, passes.
insmod "$VCM_KO/vcm_edu_dma.ko" expect="$MODE" defer=1
for _ in $(seq 60); do
	n=$(dmesg | grep -Ec 'vcm_dma: done pass=' || true)
	[ "$n" -lt 2 ] || break
	sleep 0.5
done
n=$(dmesg | grep -c 'vcm_dma: .*: deferring the probe with a dmam buffer' || true)
[ "$n" = 1 ] || { echo "$n deferred probes with a dmam buffer, want 1"; exit 1; }
! dmesg | grep -q 'vcm: dma: driver left' ||
	{ echo "VCM's ops were removed before the deferred probe's devres"; exit 1; }
# Every unmap and free found its mapping.
! dmesg | grep -q 'vcm: dma: .*, which is not' ||
	{ dmesg | grep 'which is not'; exit 1; }
log=$(dmesg | grep 'vcm_dma: ' || true)
[ "$(cut -f 1 /proc/sys/kernel/printk)" -ge 7 ] || printf '%s\n' "$log"
! echo "$log" | grep -q 'vcm_dma: not ok' || { echo "failing cases"; exit 1; }
n=$(echo "$log" | grep -Ec 'vcm_dma: done pass=[1-9][0-9]* fail=0$' || true)
[ "$n" = 2 ] || { echo "$n clean done lines, want 2"; exit 1; }
cat "$D/dma_devices"
for dev in $DEV1 $DEV2; do
	# One live mapping each, left for remove.
	grep -qx "$dev $MODE 2" "$D/dma_devices" ||
		{ echo "$dev: not '$MODE' with 2 mappings"; exit 1; }
done
# Two 8 KiB coherent buffers, one per device, from the same pool.
pool_is 16384 2
if [ "$MODE" = iommu ]; then
	grep ' vcm_dma ' "$D/spaces" || { echo "no vcm_dma space"; exit 1; }
	# Two live mappings and two coherent buffers per device.
	space_res 4
fi
