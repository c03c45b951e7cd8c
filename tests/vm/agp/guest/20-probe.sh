#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcm_agp_test.ko binds to QEMU's pci-testdev, registers a virtual AGP
# bridge with the kernel's AGP core and runs its checks, leaving one
# binding live: its "vcm_agp: done" line must say fail=0.
insmod "$VCM_KO/vcm_agp_test.ko" || { echo "insmod vcm_agp_test.ko failed"; exit 1; }
if ! ls /sys/bus/pci/drivers/vcm_agp_test | grep -q '^0000:'; then
	echo "vcm_agp_test: no pci-testdev bound"
	exit 1
fi
dmesg | grep 'vcm_agp: done' | tail -n 1 | grep -Eq 'pass=[1-9][0-9]* fail=0$'
