#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VM tier: for each Debian kernel (KERNELS, default "6.1 6.12") build
# vcm.ko and vcm_selftest.ko, boot a busybox initramfs under QEMU that runs
# tests/vm/guest/*.sh, and turn the serial log into TAP lines in
# results/vm.tap.part. Logs: results/vm-<kernel>.log. Then, if 6.12 is
# among KERNELS and VM_HARNESS is not 0, check the harness itself: one boot
# with a failing test and a WARNing module, which the parser must catch.
set -euo pipefail
# shellcheck source=scripts/lib-vm.sh
source "$(dirname "$0")/lib-vm.sh"

ensure_deps
mkdir -p "$RESULTS"
TAP=$RESULTS/vm.tap.part
: >"$TAP"

# record TAPTEXT: keep the result lines, show the diagnostics.
record() {
	grep -E '^(ok|not ok) ' <<<"$1" >>"$TAP" || true
	grep '^# ' <<<"$1" || true
}

run_kernel() {
	local k=$1 abi log out rc=0 tests=("$VCM_ROOT"/tests/vm/guest/*.sh)
	abi=$(vm_abi "$k")
	log=$RESULTS/vm-$k.log
	echo "vm $k: building for $abi"
	if ! vm_build_vcm "$abi" >"$RESULTS/vm-$k-build.log" 2>&1; then
		tail -n 20 "$RESULTS/vm-$k-build.log"
		out="not ok vm/$k/build"
		record "$out"
		vm_summary "vm $k ($abi)" "$out"
		return
	fi
	vm_initramfs "$abi" "$VCM_ROOT/build/$abi/initrd.gz" "$(vm_vcm_kos "$abi")" "${tests[@]}"
	echo "vm $k: booting (log: ${log#"$VCM_ROOT"/})"
	vm_boot "$abi" "$VCM_ROOT/build/$abi/initrd.gz" 7 >"$log" 2>&1 || rc=$?
	# shellcheck disable=SC2046
	out=$(printf 'ok vm/%s/build\n' "$k"; vm_parse "$log" "vm/$k" $(vm_test_names "${tests[@]}"))
	[ "$rc" = 0 ] || out+=$'\n'"# vm/$k: qemu exited with status $rc (124: timeout after ${VM_TIMEOUT}s)"
	record "$out"
	vm_summary "vm $k ($abi)" "$out"
}

# The harness boot: its failures are expected and are not results of their
# own; only whether the parser caught them is.
run_harness() {
	local abi log out cut tests=("$VCM_ROOT"/tests/vm/harness/*.sh)
	local fail=not warn=not end=not
	local -a VM_BINS=()
	abi=$(vm_abi 6.12)
	log=$RESULTS/vm-harness.log
	echo "vm harness: deliberate failures on 6.12 (log: ${log#"$VCM_ROOT"/})"
	if vm_build_warn "$abi" >"$RESULTS/vm-harness-build.log" 2>&1; then
		vm_initramfs "$abi" "$VCM_ROOT/build/$abi/initrd-harness.gz" \
			"$VCM_ROOT/build/$abi/warn/vcm_harness_warn.ko" "${tests[@]}"
		vm_boot "$abi" "$VCM_ROOT/build/$abi/initrd-harness.gz" 7 >"$log" 2>&1 || true
		# shellcheck disable=SC2046
		out=$(vm_parse "$log" vm/harness-run $(vm_test_names "${tests[@]}"))
		grep -qx 'ok vm/harness-run/pass' <<<"$out" &&
			grep -qx 'not ok vm/harness-run/fail' <<<"$out" && fail=
		grep -qx 'not ok vm/harness-run/clean-log' <<<"$out" &&
			grep -q '^# vm/harness-run/clean-log: .*vcm_harness_warn' <<<"$out" && warn=
		# The same log cut before its end marker must read as a hung guest.
		sed '/VCMTEST end/,$d' "$log" >"$log.cut"
		cut=$(vm_parse "$log.cut" vm/harness-cut)
		rm -f "$log.cut"
		grep -qx 'ok vm/harness-run/complete' <<<"$out" &&
			grep -qx 'not ok vm/harness-cut/complete' <<<"$cut" && end=
		[ -z "$fail$warn$end" ] || printf '%s\n' "$out" | sed 's/^/  parser: /'
	else
		tail -n 20 "$RESULTS/vm-harness-build.log"
	fi
	out=$(printf '%s\n' "${fail:+not }ok vm/harness/catches-failing-test" \
		"${warn:+not }ok vm/harness/catches-warn" \
		"${end:+not }ok vm/harness/catches-missing-end")
	record "$out"
	vm_summary "vm harness" "$out"
}

# Userspace programs for the guests (vcmctl, IGT tests): one build for all.
echo "vm: building userspace programs"
if vm_build_user >"$RESULTS/vm-user-build.log" 2>&1; then
	record "ok vm/user-build"
else
	tail -n 20 "$RESULTS/vm-user-build.log"
	record "not ok vm/user-build"
	VM_BINS=()
fi

KERNELS=${KERNELS:-6.1 6.12}
for k in $KERNELS; do
	run_kernel "$k"
done
if [[ " $KERNELS " == *" 6.12 "* && ${VM_HARNESS:-1} != 0 ]]; then
	run_harness
fi

if grep -q '^not ok ' "$TAP"; then
	echo "vm: FAILED ($(grep -c '^not ok ' "$TAP") of $(wc -l <"$TAP") not ok)"
	exit 1
fi
echo "vm: all $(wc -l <"$TAP") ok"
