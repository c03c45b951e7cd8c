#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Unbind the device (its live binding detached once more), then both
# modules unload.
set -e
d=/sys/bus/pci/drivers/vcm_agp_test
for dev in $(ls "$d" | grep '^0000:'); do
	echo "$dev" >"$d/unbind"
done
rmmod vcm_agp_test
rmmod vcm
if grep -Eq '^vcm(_agp_test)? ' /proc/modules; then
	exit 1
fi
dmesg | grep 'vcm_agp: done' | tail -n 1 | grep -Eq 'fail=0$'
