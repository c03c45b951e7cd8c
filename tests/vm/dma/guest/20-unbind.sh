#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Unbind the first edu while its driver left a mapping and a coherent
# buffer live: VCM undoes both (one log line each), gives the device its
# DMA API back, and the pool and space keep only the other device's. Bind
# it again: the probe checks pass once more.
set -e
# shellcheck source=tests/vm/dma/guest/dma.inc
. "$(dirname "$0")/dma.inc"
drv=/sys/bus/pci/drivers/vcm_edu_dma
echo "$DEV1" >"$drv/unbind"
n=$(dmesg | grep -c "$DEV1: vcm: dma: driver left" || true)
[ "$n" = 2 ] || { echo "$n leaked mappings reported, want 2"; exit 1; }
grep -qx "$DEV1 waiting 0" "$D/dma_devices" || { cat "$D/dma_devices"; exit 1; }
pool_is 8192 1
[ "$MODE" != iommu ] || space_res 2
echo "$DEV1" >"$drv/bind"
n=$(dmesg | grep -Ec 'vcm_dma: done pass=[1-9][0-9]* fail=0$' || true)
[ "$n" = 3 ] || { echo "rebind: $n clean done lines, want 3"; exit 1; }
pool_is 16384 2
