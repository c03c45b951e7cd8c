#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# /init of the VM-tier initramfs: run every /tests/*.sh in order, print a
# "VCMTEST ok|not ok <name>" marker for each, then "VCMTEST end" and power
# off. The host parses these markers from the serial console.
mount -t devtmpfs dev /dev 2>/dev/null
exec </dev/null >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys
export PATH=/vcm/bin:/bin VCM_KO=/vcm

echo "VCMTEST kernel $(uname -r)"
for t in /tests/*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	name=${name#[0-9]*-}
	echo "VCMTEST begin $name"
	if timeout 120 sh "$t"; then
		echo "VCMTEST ok $name"
	else
		echo "VCMTEST not ok $name"
	fi
done
echo "VCMTEST end"
poweroff -f
