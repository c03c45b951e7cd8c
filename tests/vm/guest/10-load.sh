#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# drm (with its dependencies, from the initramfs module tree), then vcm.ko
# with a shared pool "test" (a malformed pools parameter must be refused),
# then the virtual GPU vcm_virt.ko, which must bring up a render node on
# its platform device "vcm_virt".
set -e
modprobe drm
# A malformed pools parameter fails the load, with a reason and no splat.
if insmod "$VCM_KO/vcm.ko" pools=test:1M,bad 2>/dev/null; then
	echo "vcm.ko loaded with pools=test:1M,bad" >&2
	exit 1
fi
dmesg | grep -q 'vcm: pools=test:1M,bad refused' ||
	{ echo "no log line for the malformed pools parameter" >&2; exit 1; }
if dmesg | grep -Eq 'WARNING:|BUG:|Call Trace'; then
	echo "kernel report after a malformed pools parameter" >&2
	exit 1
fi
# A shared pool "test" for vcm_selftest.
insmod "$VCM_KO/vcm.ko" pools=test:1M
grep -q '^vcm ' /proc/modules
# On 6.12 drm_shmem_helper needs drm_kms_helper loaded first.
modprobe drm_kms_helper
modprobe drm_shmem_helper
# vcm_virt's VM_BIND needs drm_gpuvm, where the kernel has it (not 6.1).
modprobe drm_gpuvm 2>/dev/null || true
insmod "$VCM_KO/vcm_virt.ko"
grep -q '^vcm_virt ' /proc/modules
for n in /sys/class/drm/renderD*; do
	[ "$(basename "$(readlink "$n/device")")" = vcm_virt ] || continue
	[ -c "/dev/dri/$(basename "$n")" ] && exit 0
done
echo "no vcm_virt render node" >&2
exit 1
