#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# drm (with its dependencies, from the initramfs module tree), then vcm.ko.
set -e
modprobe drm
insmod "$VCM_KO/vcm.ko"
grep -q '^vcm ' /proc/modules
