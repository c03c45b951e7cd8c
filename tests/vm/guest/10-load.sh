#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# drm (with its dependencies, from the initramfs module tree), then vcm.ko,
# then the virtual GPU vcm_virt.ko, which must bring up a render node on
# its platform device "vcm_virt".
set -e
modprobe drm
insmod "$VCM_KO/vcm.ko"
grep -q '^vcm ' /proc/modules
# On 6.12 drm_shmem_helper needs drm_kms_helper loaded first.
modprobe drm_kms_helper
modprobe drm_shmem_helper
insmod "$VCM_KO/vcm_virt.ko"
grep -q '^vcm_virt ' /proc/modules
for n in /sys/class/drm/renderD*; do
	[ "$(basename "$(readlink "$n/device")")" = vcm_virt ] || continue
	[ -c "/dev/dri/$(basename "$n")" ] && exit 0
done
echo "no vcm_virt render node" >&2
exit 1
