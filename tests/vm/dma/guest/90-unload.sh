#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcm.ko stays while devices use its ops; rmmod vcm_edu_dma with mappings
# live: every one is undone, pool and spaces are empty, then vcm unloads.
set -e
# shellcheck source=tests/vm/dma/guest/dma.inc
. "$(dirname "$0")/dma.inc"
! rmmod vcm 2>/dev/null || { echo "vcm unloaded under its DMA ops"; exit 1; }
rmmod vcm_edu_dma
n=$(dmesg | grep -c 'vcm: dma: driver left' || true)
[ "$n" = 6 ] || { echo "$n leaked mappings reported, want 6"; exit 1; }
for dev in $DEV1 $DEV2; do
	grep -qx "$dev waiting 0" "$D/dma_devices" || { cat "$D/dma_devices"; exit 1; }
done
pool_is 0 0
[ "$(wc -l <"$D/spaces")" = 1 ] || { echo "spaces left:"; cat "$D/spaces"; exit 1; }
rmmod vcm
! grep -Eq '^vcm(_edu_dma)? ' /proc/modules
