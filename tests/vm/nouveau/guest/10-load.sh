#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nouveau.ko built from patches/nouveau (in extra/, with vcm.ko) on a
# machine with no NVIDIA device: modinfo names vcm among its dependencies,
# modprobe loads vcm with it, and nouveau registers its PCI driver with no
# device bound. Twice, with an rmmod between: the second load must find
# everything as the first did.
set -e
ko=$(modinfo -n nouveau)
echo "nouveau.ko: $ko"
case $ko in */extra/*) ;; *) echo "not the built nouveau.ko"; exit 1 ;; esac
deps=$(modinfo -F depends nouveau)
echo "depends: $deps"
echo "$deps" | tr ',' '\n' | grep -qx vcm || { echo "nouveau.ko does not depend on vcm"; exit 1; }
for i in 1 2; do
	modprobe nouveau
	grep -q '^nouveau ' /proc/modules || { echo "nouveau not loaded"; exit 1; }
	grep -q '^vcm ' /proc/modules || { echo "vcm not loaded with nouveau"; exit 1; }
	[ -d /sys/bus/pci/drivers/nouveau ] || { echo "no nouveau PCI driver"; exit 1; }
	if ls -d /sys/bus/pci/drivers/nouveau/0000:* 2>/dev/null; then
		echo "nouveau bound a device: QEMU has none"
		exit 1
	fi
	[ $i = 2 ] || rmmod nouveau
done
echo "nouveau loaded twice with vcm, no device bound"
