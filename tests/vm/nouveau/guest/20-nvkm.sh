#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nvkm_vcm_test.ko: the series' converted nv04/nv41/nv44 page-table files,
# built from the same patched tree as nouveau.ko, run without a GPU (see
# tests/vm/nouveau/nvkm_test.c). Each case is a result of its own on the
# host (vm/<kernel>/nouveau/nvkm/...); here, the done line must show
# cases and no failure.
set -e
[ -f "$VCM_KO/nvkm_vcm_test.ko" ] || { echo "no nvkm_vcm_test.ko (stock nouveau build?)"; exit 1; }
grep -q '^vcm ' /proc/modules || { modprobe drm && insmod "$VCM_KO/vcm.ko"; }
insmod "$VCM_KO/nvkm_vcm_test.ko"
log=$(dmesg | grep 'vcm_nvkm: ' || true)
[ "$(cut -f 1 /proc/sys/kernel/printk)" -ge 7 ] || printf '%s\n' "$log"
if echo "$log" | grep -q 'vcm_nvkm: not ok'; then
	echo "nvkm_vcm_test reported failing cases"
	exit 1
fi
echo "$log" | grep -Eq 'vcm_nvkm: done pass=[1-9][0-9]* fail=0$' ||
	{ echo "vcm_nvkm: no clean done line"; exit 1; }
rmmod nvkm_vcm_test
