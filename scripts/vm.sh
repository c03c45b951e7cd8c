#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VM tier: for each Debian kernel (KERNELS, default "6.1 6.12") build
# vcm.ko and vcm_selftest.ko, boot a busybox initramfs under QEMU that runs
# tests/vm/guest/*.sh, and turn the serial log into TAP lines in
# results/vm.tap.part. Logs: results/vm-<kernel>.log. Then, if 6.12 is
# among KERNELS and VM_HARNESS is not 0, check the harness itself: one boot
# with a failing test and a WARNing module, which the parser must catch.
# VM_BOOTS (e.g. "main dma-iommu") limits the boots, for development: main,
# agp, iommu, dma-iommu, dma-direct, radeon, nouveau (the last two on 6.12
# only).
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

# igt_tap LOG KERNEL: a TAP line igt/KERNEL/<binary>/<subtest> for each
# "VCMIGT ok|skip|not ok" marker of the guest's IGT runner
# (tests/vm/guest/40-igt.sh), and a failing igt/KERNEL/count when fewer
# than IGT_MIN subtests reported.
IGT_MIN=40
igt_tap() {
	tr -d '\r' <"$1" | awk -v p="igt/$2" -v min="$IGT_MIN" '
	match($0, /VCMIGT (ok|skip|not ok) [A-Za-z0-9_.\/-]+/) {
		s = substr($0, RSTART + 7, RLENGTH - 7)
		r = s; sub(/ [^ ]+$/, "", r)
		n = s; sub(/^.* /, "", n)
		why = substr($0, RSTART + RLENGTH); sub(/^ *#? */, "", why)
		if (r == "skip")
			print "ok " p "/" n " # SKIP " why
		else
			print r " " p "/" n
		if (n != "quiet-kernel-log")
			count++
	}
	END {
		if (count >= min)
			exit
		print "# " p "/count: " count + 0 " IGT results, expected at least " min
		print "not ok " p "/count"
	}'
}

# dump_svg_tap LOG KERNEL: vm/KERNEL/dump-svg for the SVG that
# tests/vm/guest/55-dump.sh prints (with vcm_svg=1 on the kernel command
# line) between "VCMSVG begin ... reservations=N" and "VCMSVG end", each
# line prefixed "VCMSVG| ": it must parse as XML, its root be <svg> in the
# SVG namespace with a size, and it must hold N reservation boxes, bindings
# and two MMUs' entries (the legend's swatches, class "key", not counted). The picture is kept as results/space-KERNEL.svg.
VM_CMDLINE+=" vcm_svg=1"
dump_svg_tap() {
	local svg=$RESULTS/space-$2.svg want why
	want=$(tr -d '\r' <"$1" | sed -n 's/^VCMSVG begin .*reservations=\([0-9]*\)$/\1/p' | head -n 1)
	tr -d '\r' <"$1" | awk '/^VCMSVG begin /{n++} n == 1 && sub(/^VCMSVG\| /, "")' >"$svg"
	if why=$(python3 - "$svg" "$want" 2>&1 <<'EOF'
import sys
import xml.etree.ElementTree as ET
path, want = sys.argv[1], sys.argv[2]
if not want:
    sys.exit("no SVG in the log")
root = ET.parse(path).getroot()
ns = "{http://www.w3.org/2000/svg}"
if root.tag != ns + "svg":
    sys.exit("root element is %s, not svg in the SVG namespace" % root.tag)
if float(root.get("width", 0)) <= 0 or float(root.get("height", 0)) <= 0:
    sys.exit("no width or height")
boxes = {}
for r in root.iter(ns + "rect"):
    classes = r.get("class", "").split()
    for c in classes if "key" not in classes else ():
        boxes[c] = boxes.get(c, 0) + 1
if boxes.get("res", 0) != int(want):
    sys.exit("%d reservation boxes, expected %s" % (boxes.get("res", 0), want))
for c in ("bind", "m0", "m1"):
    if not boxes.get(c):
        sys.exit("no rect of class " + c)
EOF
	); then
		echo "ok vm/$2/dump-svg"
	else
		echo "# vm/$2/dump-svg: ${why##*$'\n'} (${svg#"$VCM_ROOT"/})"
		echo "not ok vm/$2/dump-svg"
	fi
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
	vm_boot_log "$abi" "$VCM_ROOT/build/$abi/initrd.gz" 7 "$log" || rc=$?
	# shellcheck disable=SC2046
	out=$(printf 'ok vm/%s/build\n' "$k"; vm_parse "$log" "vm/$k" $(vm_test_names "${tests[@]}"); igt_tap "$log" "$k")
	out+=$'\n'$(dump_svg_tap "$log" "$k")
	[ "$rc" = 0 ] || out+=$'\n'"# vm/$k: qemu exited with status $rc (124: timeout after ${VM_TIMEOUT}s)"
	record "$out"
	vm_summary "vm $k ($abi)" "$out"
}

# run_extra KERNEL NAME KO QEMU CMDLINE [KOS] [BINS]: one more boot, with
# the QEMU devices QEMU and the kernel arguments CMDLINE, that loads vcm.ko
# (from run_kernel) and the test module KO (under build/ABI/, built by
# vm_build_NAME ABI KERNEL) and runs tests/vm/NAME/guest/*.sh; a NAME
# with a dash (dma-iommu) boots the tests of its first part (tests/vm/dma,
# vm_build_dma). KOS: more modules of run_kernel's build (paths under
# build/ABI/); BINS: userspace programs of vm_build_user (names), e.g.
# vcmctl. Results vm/KERNEL/NAME/...
run_extra() {
	vm_wanted "$2" || return 0
	local k=$1 name=$2 ko=$3 qemu=$4 cmdline=$5 kos=${6:-} abi d log out rc=0
	local tests=("$VCM_ROOT"/tests/vm/"${name%%-*}"/guest/*.sh) b x
	local -a bins=()
	for b in ${7:-}; do
		[ ! -x "$VCM_ROOT/build/user/$b" ] || bins+=("$VCM_ROOT/build/user/$b")
	done
	local -a VM_BINS=("${bins[@]}")
	abi=$(vm_abi "$k")
	d=$VCM_ROOT/build/$abi
	log=$RESULTS/vm-$k-$name.log
	echo "vm $k: $name boot (log: ${log#"$VCM_ROOT"/})"
	if [ ! -f "$d/drivers/gpu/drm/vcm/vcm.ko" ] ||
		! "vm_build_${name%%-*}" "$abi" "$k" >"$RESULTS/vm-$k-$name-build.log" 2>&1; then
		tail -n 20 "$RESULTS/vm-$k-$name-build.log" 2>/dev/null || true
		out="not ok vm/$k/$name/build"
		record "$out"
		vm_summary "vm $k $name" "$out"
		return
	fi
	ko="$d/drivers/gpu/drm/vcm/vcm.ko $d/$ko"
	for x in $kos; do
		ko+=" $d/$x"
	done
	vm_initramfs "$abi" "$d/initrd-$name.gz" "$ko" "${tests[@]}"
	VM_QEMU_EXTRA=$qemu VM_CMDLINE_EXTRA=$cmdline \
		vm_boot_log "$abi" "$d/initrd-$name.gz" 7 "$log" || rc=$?
	# shellcheck disable=SC2046
	out=$(printf 'ok vm/%s/%s/build\n' "$k" "$name"; vm_parse "$log" "vm/$k/$name" $(vm_test_names "${tests[@]}"))
	[ "$rc" = 0 ] || out+=$'\n'"# vm/$k/$name: qemu exited with status $rc (124: timeout after ${VM_TIMEOUT}s)"
	record "$out"
	vm_summary "vm $k $name ($abi)" "$out"
}

# The radeon boots (tests/vm/radeon), on 6.12 only: the series is against
# linux-source-6.12. QEMU's Radeon 7000 (rv100), a zero-filled CP
# microcode of the size radeon accepts (a multiple of 8 bytes; 2 KiB, the
# real file's) so that the driver gets as far as the CP ring test. First
# the reference, Debian's stock radeon.ko from the kernel image; then the
# radeon.ko built from the series (scripts/radeon.sh), in extra/, with
# vcm.ko and the harness vcm_radeon_pause.ko. Results vm/KERNEL/radeon-stock/...,
# vm/KERNEL/radeon/... and the comparisons of the two boots' logs,
# vm/KERNEL/radeon/milestone/... and vm/KERNEL/radeon/entries/...
RADEON_QEMU="-device ati-vga,model=rv100 -vga none"
# No fbdev: its first modeset divides by zero in r100_bandwidth_update()
# on this device (stock radeon.ko too: the clocks QEMU's ati-vga reports).
# No connector polling: rmmod radeon has been seen to race the poll
# worker, which then runs in the unloaded module (radeon built from
# source without the series, so radeon's own).
RADEON_CMDLINE="drm_kms_helper.fbdev_emulation=0 drm_kms_helper.poll=0"
radeon_firmware() {
	mkdir -p "$1/lib/firmware/radeon"
	head -c 2048 /dev/zero >"$1/lib/firmware/radeon/R100_cp.bin"
}
radeon_stage_stock() {
	vm_stage_modules "$1" "$2" radeon && radeon_firmware "$2"
}
radeon_stage_built() {
	local d=$VCM_ROOT/build/$1 x=$2/lib/modules/$1/extra
	# shellcheck disable=SC2046
	vm_stage_modules "$1" "$2" $(modinfo -F depends "$d/radeon.ko" | tr ',' '\n' | grep -vx vcm) &&
		mkdir -p "$x" && cp "$d/radeon.ko" "$d/drivers/gpu/drm/vcm/vcm.ko" "$x/" &&
		radeon_firmware "$2"
}

# radeon_tap LOG PREFIX: a TAP line PREFIX/NAME for each "VCMRADEON
# ok|not ok|skip NAME [# why]" of the guest (tests/vm/radeon/guest).
radeon_tap() {
	tr -d '\r' <"$1" | awk -v p="$2" '
	match($0, /VCMRADEON (ok|not ok|skip) [A-Za-z0-9_.\/-]+/) {
		s = substr($0, RSTART + 10, RLENGTH - 10)
		r = s; sub(/ [^ ]+$/, "", r)
		n = s; sub(/^.* /, "", n)
		why = substr($0, RSTART + RLENGTH); sub(/^ *#? */, "", why)
		if (r == "skip")
			print "ok " p "/" n " # SKIP " why
		else {
			if (why != "")
				print "# " p "/" n ": " why
			print r " " p "/" n
		}
	}'
}

run_radeon() {
	vm_wanted radeon || return 0
	local k=$1 abi d mode name log out rc conv=0 tests=("$VCM_ROOT"/tests/vm/radeon/guest/*.sh)
	local -a VM_BINS=()
	if [ "$k" != 6.12 ]; then
		record "ok vm/$k/radeon # SKIP the radeon series is against linux-source-6.12"
		return
	fi
	abi=$(vm_abi "$k")
	d=$VCM_ROOT/build/$abi
	echo "vm $k: radeon build (scripts/radeon.sh) and boots"
	if ! vm_build_radeon "$abi" >"$RESULTS/vm-$k-radeon-build.log" 2>&1; then
		tail -n 20 "$RESULTS/vm-$k-radeon-build.log"
		out="not ok vm/$k/radeon/build"
		record "$out"
		vm_summary "vm $k radeon" "$out"
		return
	fi
	out="ok vm/$k/radeon/build"
	modinfo -F depends "$d/radeon.ko" | tr ',' '\n' | grep -qx vcm && conv=1
	for mode in stock built; do
		name=radeon
		[ "$mode" = built ] || name=radeon-$mode
		log=$RESULTS/vm-$k-$name.log
		rc=0
		echo "vm $k: $name boot (log: ${log#"$VCM_ROOT"/})"
		VM_STAGE_HOOK=radeon_stage_$mode vm_initramfs "$abi" "$d/initrd-$name.gz" \
			"$d/drivers/gpu/drm/vcm/vcm.ko $d/drivers/gpu/drm/vcm/vcm_selftest.ko $d/tests/vm/radeon/vcm_radeon_pause.ko" \
			"${tests[@]}"
		VM_QEMU_EXTRA=$RADEON_QEMU VM_CMDLINE_EXTRA="vcm_radeon=$mode $RADEON_CMDLINE" \
			vm_boot_log "$abi" "$d/initrd-$name.gz" 7 "$log" || rc=$?
		# shellcheck disable=SC2046
		out+=$'\n'$(vm_parse "$log" "vm/$k/$name" $(vm_test_names "${tests[@]}"); radeon_tap "$log" "vm/$k/$name")
		[ "$rc" = 0 ] || out+=$'\n'"# vm/$k/$name: qemu exited with status $rc (124: timeout after ${VM_TIMEOUT}s)"
	done
	# A checker that fails without a verdict is a failure of its own.
	out+=$'\n'$(python3 "$VCM_ROOT/tests/vm/radeon/milestones.py" "$RESULTS/vm-$k-radeon-stock.log" \
		"$RESULTS/vm-$k-radeon.log" "vm/$k/radeon/milestone" 2>&1 | sed 's/^[^on#]/# &/' ||
		echo "not ok vm/$k/radeon/milestone/run")
	out+=$'\n'$(python3 "$VCM_ROOT/tests/vm/radeon/r100_pci_decode.py" "$RESULTS/vm-$k-radeon.log" \
		"vm/$k/radeon/entries" "$conv" 2>&1 | sed 's/^[^on#]/# &/' ||
		echo "not ok vm/$k/radeon/entries/run")
	record "$out"
	vm_summary "vm $k radeon" "$out"
}

# The nouveau boot (tests/vm/nouveau), on 6.12 only: the series is against
# linux-source-6.12, and QEMU emulates no NVIDIA device. nouveau.ko built
# from the series (scripts/nouveau.sh) goes to extra/ with vcm.ko (less
# its debug information: 220 MiB of it would not fit the guest); the
# guest checks that it depends on vcm, loads and unloads cleanly, and
# loads nvkm_vcm_test.ko, which runs the converted page-table files.
# Results vm/KERNEL/nouveau/... and vm/KERNEL/nouveau/nvkm/FORMAT/CASE.
nouveau_stage() {
	local d=$VCM_ROOT/build/$1 x=$2/lib/modules/$1/extra
	# shellcheck disable=SC2046
	vm_stage_modules "$1" "$2" $(modinfo -F depends "$d/nouveau.ko" | tr ',' '\n' | grep -vx vcm) &&
		mkdir -p "$x" && cp "$d/drivers/gpu/drm/vcm/vcm.ko" "$x/" &&
		strip --strip-debug -o "$x/nouveau.ko" "$d/nouveau.ko"
}
run_nouveau() {
	vm_wanted nouveau || return 0
	if [ "$1" != 6.12 ]; then
		record "ok vm/$1/nouveau # SKIP the nouveau series is against linux-source-6.12"
		return
	fi
	VM_STAGE_HOOK=nouveau_stage run_extra "$1" nouveau nvkm_vcm_test.ko "" ""
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
fi

KERNELS=${KERNELS:-6.1 6.12}
# VM_BOOTS="main agp ...": only these boots (for development; default all).
vm_wanted() { [ -z "${VM_BOOTS:-}" ] || [[ " $VM_BOOTS " == *" $1 "* ]]; }
EDU2="-device edu,addr=04.0,dma_mask=0xffffffff -device edu,addr=05.0,dma_mask=0xffffffff"
for k in $KERNELS; do
	! vm_wanted main || run_kernel "$k"
	# A virtual AGP bridge (tests/vm/agp) on QEMU's pci-testdev: the
	# kernel's AGP core writes the GATT VCM's AGP backend asks for; then
	# vcm_virt copies through it (vcmctl).
	run_extra "$k" agp agp/vcm_agp_test.ko "-device pci-testdev" "" \
		drivers/gpu/drm/vcm/vcm_virt.ko vcmctl
	# QEMU's edu behind an emulated VT-d (tests/vm/iommu): edu's DMA goes
	# through IOMMU mappings VCM's IOMMU backend makes.
	run_extra "$k" iommu tests/vm/iommu/vcm_edu_test.ko \
		"-device intel-iommu -device edu" intel_iommu=on
	# Two edus whose driver uses only the DMA API, through VCM's DMA-API
	# ops (tests/vm/dma): behind VT-d, then without an IOMMU. edu reaches
	# 32 bits of physical memory here, not its default 28.
	run_extra "$k" dma-iommu tests/vm/dma/vcm_edu_dma.ko \
		"-device intel-iommu $EDU2" intel_iommu=on
	run_extra "$k" dma-direct tests/vm/dma/vcm_edu_dma.ko "$EDU2" ""
	run_radeon "$k"
	run_nouveau "$k"
done
if [[ " $KERNELS " == *" 6.12 "* && ${VM_HARNESS:-1} != 0 ]]; then
	run_harness
fi

if grep -q '^not ok ' "$TAP"; then
	echo "vm: FAILED ($(grep -c '^not ok ' "$TAP") of $(wc -l <"$TAP") not ok)"
	exit 1
fi
echo "vm: all $(wc -l <"$TAP") ok"
