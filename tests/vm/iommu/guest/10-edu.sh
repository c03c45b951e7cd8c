#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# drm and vcm.ko, then vcm_edu_test.ko: it must bind QEMU's edu device and
# run its checks through VCM's IOMMU backend on probe, ending with
# "vcm_edu: done pass=N fail=0" (N > 0) and no "not ok" case. The host
# turns each case line into its own result (vm/<kernel>/iommu/edu/NAME).
set -e
modprobe drm
insmod "$VCM_KO/vcm.ko"
insmod "$VCM_KO/vcm_edu_test.ko"
log=$(dmesg | grep 'vcm_edu: ' || true)
# At a console loglevel that hides info messages, show them here.
[ "$(cut -f 1 /proc/sys/kernel/printk)" -ge 7 ] || printf '%s\n' "$log"
ls -d /sys/bus/pci/drivers/vcm_edu/0000:* >/dev/null 2>&1 ||
	{ echo "edu is not bound to vcm_edu"; exit 1; }
if echo "$log" | grep -q 'vcm_edu: not ok'; then
	echo "vcm_edu reported failing cases"
	exit 1
fi
echo "$log" | grep -Eq 'vcm_edu: done pass=[1-9][0-9]* fail=0$' ||
	{ echo "vcm_edu: no clean done line"; exit 1; }
# Its space shows in debugfs, external MMU and all.
d=/sys/kernel/debug
[ -d "$d/vcm" ] || mount -t debugfs nodev "$d"
grep ' vcm_edu ' "$d/vcm/spaces" || { echo "no vcm_edu space"; exit 1; }
for f in "$d"/vcm/*/reservations "$d"/vcm/*/ptes "$d"/vcm/*/tables; do
	cat "$f" >/dev/null
done
