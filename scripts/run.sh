#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make run`: build vcm.ko and vcm_selftest.ko for one Debian kernel, boot
# it under QEMU, load drm, vcm and vcm_selftest, show the self-test output,
# unload and power off, streaming the console here (also kept in
# results/run-<kernel>.log). Usage: scripts/run.sh [--kernel 6.1|6.12]
set -euo pipefail
# shellcheck source=scripts/lib-vm.sh
source "$(dirname "$0")/lib-vm.sh"

k=6.12
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) k=${2:?--kernel needs 6.1 or 6.12}; shift 2 ;;
	--kernel=*) k=${1#*=}; shift ;;
	*) echo "usage: $0 [--kernel 6.1|6.12]" >&2; exit 2 ;;
	esac
done

ensure_deps
abi=$(vm_abi "$k")
tests=("$VCM_ROOT"/tests/vm/guest/*.sh)
log=$RESULTS/run-$k.log
mkdir -p "$RESULTS"

echo "run: building for $abi"
vm_build_vcm "$abi"
vm_build_user
vm_initramfs "$abi" "$VCM_ROOT/build/$abi/initrd.gz" "$(vm_vcm_kos "$abi")" "${tests[@]}"
echo "run: booting $abi under QEMU (timeout ${VM_TIMEOUT}s)"
# loglevel 5: kernel warnings and worse on the console, not the boot chatter.
rc=0
vm_boot "$abi" "$VCM_ROOT/build/$abi/initrd.gz" 5 2>&1 | tee "$log" || rc=$?
[ "$rc" = 0 ] || echo "run: qemu exited with status $rc (124: timeout)"

# shellcheck disable=SC2046
out=$(vm_parse "$log" "run/$k" $(vm_test_names "${tests[@]}"))
echo
vm_summary "run $k ($abi)" "$out"
grep '^# ' <<<"$out" || true
! grep -q '^not ok ' <<<"$out"
