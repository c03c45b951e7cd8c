#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Unbinding edu from vcm_edu through sysfs, with bindings still live: remove
# must unmap them from the IOMMU and free VCM's space ("vcm_edu: removed
# pass=N fail=0", no space left in debugfs). Binding edu again runs the
# probe checks a second time.
set -e
drv=/sys/bus/pci/drivers/vcm_edu
dev=
for d in "$drv"/0000:*; do
	[ -e "$d" ] && dev=$(basename "$d") && break
done
[ -n "$dev" ] || { echo "edu is not bound to vcm_edu"; exit 1; }
echo "$dev" >"$drv/unbind"
n=$(dmesg | grep -Ec 'vcm_edu: removed pass=[1-9][0-9]* fail=0$' || true)
[ "$n" = 1 ] || { echo "no clean removed line"; dmesg | grep 'vcm_edu: '; exit 1; }
f=/sys/kernel/debug/vcm/spaces
[ "$(wc -l <"$f")" = 1 ] || { echo "spaces left:"; cat "$f"; exit 1; }
echo "$dev" >"$drv/bind"
n=$(dmesg | grep -Ec 'vcm_edu: done pass=[1-9][0-9]* fail=0$' || true)
[ "$n" = 2 ] || { echo "rebind: $n clean done lines, want 2"; exit 1; }
