#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make nouveau: nouveau.ko from Debian's linux-source-6.12 with the series
# in patches/nouveau/ applied (scripts/lib-drv.sh: how it is built and
# cached), and nvkm_vcm_test.ko (tests/vm/nouveau): the series' converted
# page-table files of the same patched tree, linked with a test that runs
# them without a GPU. Without the series (no vmmvcm.c) there is no test
# module.
set -euo pipefail
DRV=nouveau
# shellcheck source=scripts/lib-drv.sh
source "$(dirname "$0")/lib-drv.sh"

# nvkm_test_build ABI COPY: nvkm_vcm_test.ko into COPY.
nvkm_test_build() {
	local t=$2/nvkm-test m=$2/drivers/gpu/drm/nouveau/nvkm/subdev/mmu f
	if [ ! -f "$m/vmmvcm.c" ]; then
		echo "no vmmvcm.c: a stock tree, no nvkm_vcm_test.ko"
		return 0
	fi
	mkdir -p "$t"
	cp "$VCM_ROOT/tests/vm/nouveau/Makefile" "$VCM_ROOT"/tests/vm/nouveau/nvkm_test*.[ch] "$t/" || return 1
	for f in vmmvcm.c vmmnv04.c vmmnv41.c vmmnv44.c vmmnv50.c \
		vmmgf100.c vmmgp100.c; do
		cp "$m/$f" "$t/" || return 1
	done
	make -C "/usr/src/linux-headers-$1" M="$t" -j"$JOBS" \
		KBUILD_EXTRA_SYMBOLS="$VCM_ROOT/build/$1/drivers/gpu/drm/vcm/Module.symvers" \
		modules || return 1
	cp "$t/nvkm_vcm_test.ko" "$2/"
}

DRV_MAKE_ARGS=(CONFIG_DRM_NOUVEAU=m)
DRV_POST_BUILD=nvkm_test_build
DRV_EXTRA_KOS=(nvkm_vcm_test.ko)
DRV_HASH_DIRS=(tests/vm/nouveau/Makefile tests/vm/nouveau/nvkm_test.c
	tests/vm/nouveau/nvkm_test.h tests/vm/nouveau/nvkm_test_kind.c)
drv_main "$0"
