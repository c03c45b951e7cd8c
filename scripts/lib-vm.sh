# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the VM tier (scripts/vm.sh) and `make run`
# (scripts/run.sh): build the modules for a Debian kernel, pack a busybox
# initramfs, boot it under QEMU and parse the serial log. Source it; do not
# run it. Builds on scripts/lib.sh (VCM_ROOT, VCM_CACHE, RESULTS, ...).
# shellcheck shell=bash
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VM_TIMEOUT=${VM_TIMEOUT:-300}
# WARNs are reported and the guest goes on; an oops, a soft lockup or a
# task stuck for 30 s panics, and a panic ends QEMU (-no-reboot) at once.
VM_CMDLINE="panic=-1 oops=panic softlockup_panic=1 hung_task_panic=1 \
sysctl.kernel.hung_task_timeout_secs=30"

# Anything matching this in a guest log is a kernel problem report.
VM_BAD='WARNING:|BUG:|Oops|Kernel panic|general protection fault|'\
'possible recursive locking|possible circular locking|INFO: possible|'\
'KASAN|UBSAN:|Call Trace:|kernel BUG|Unable to handle|list_(add|del) corruption|'\
'refcount_t:|soft lockup|hard LOCKUP|rcu_sched self-detected|INFO: task .* blocked'

# vm_abi 6.1|6.12: the Debian ABI unpacked by deps.sh, or fail.
vm_abi() {
	local abi
	abi=$(kernel_abi "$1")
	[ -n "$abi" ] || { log "no kernel '$1' in $VCM_CACHE/kernels/versions"; return 1; }
	echo "$abi"
}

vm_kroot() { echo "$VCM_CACHE/kernels/$1/root"; }

# vm_kbuild ABI DIR: build the external module in DIR against ABI's headers.
vm_kbuild() {
	local kdir=/usr/src/linux-headers-$1
	[ -d "$kdir" ] || { log "missing $kdir (run scripts/deps.sh)"; return 1; }
	make -C "$kdir" M="$2" -j"$JOBS" CONFIG_DRM_VCM=m CONFIG_DRM_VCM_SELFTEST=m \
		CONFIG_DRM_VCM_VIRT=m modules
}

# vm_build_vcm ABI: copy drivers/ and include/ to build/ABI/ (one object
# tree per kernel) and build vcm.ko, vcm_selftest.ko and vcm_virt.ko there.
vm_build_vcm() {
	local out=$VCM_ROOT/build/$1
	mkdir -p "$out"
	rsync -a --delete "${RSYNC_EXCLUDES[@]}" \
		"$VCM_ROOT/drivers" "$VCM_ROOT/include" "$out/"
	vm_kbuild "$1" "$out/drivers/gpu/drm/vcm"
}

vm_vcm_kos() {
	local d=$VCM_ROOT/build/$1/drivers/gpu/drm/vcm
	echo "$d/vcm.ko $d/vcm_selftest.ko $d/vcm_virt.ko"
}

# vm_build_warn ABI: the harness's deliberately WARNing module.
vm_build_warn() {
	local out=$VCM_ROOT/build/$1/warn
	mkdir -p "$out"
	rsync -a "$VCM_ROOT/tests/vm/warn/" "$out/"
	vm_kbuild "$1" "$out"
}

# vm_agp_header KERNEL: path of the AGP core's private drivers/char/agp/agp.h
# of Debian's linux-source-KERNEL, taken from its tarball once and cached.
vm_agp_header() {
	local tarball=/usr/src/linux-source-$1.tar.xz dir=$VCM_CACHE/agp-h/$1
	[ -f "$tarball" ] || { log "missing $tarball (run scripts/deps.sh)"; return 1; }
	if [ ! -s "$dir/agp.h" ] || [ "$tarball" -nt "$dir/agp.h" ]; then
		mkdir -p "$dir"
		tar -xJOf "$tarball" --wildcards '*/drivers/char/agp/agp.h' >"$dir/agp.h.tmp"
		[ -s "$dir/agp.h.tmp" ] || { log "no agp.h in $tarball"; return 1; }
		mv "$dir/agp.h.tmp" "$dir/agp.h"
	fi
	echo "$dir/agp.h"
}

# vm_build_agp ABI KERNEL: the virtual AGP bridge vcm_agp_test.ko, against
# the vcm.ko that vm_build_vcm built and the kernel source's agp.h.
vm_build_agp() {
	local out=$VCM_ROOT/build/$1/agp hdr
	hdr=$(vm_agp_header "$2") || return 1
	mkdir -p "$out"
	rsync -a --delete "${RSYNC_EXCLUDES[@]}" "$VCM_ROOT/tests/vm/agp/" "$out/"
	cp "$hdr" "$out/agp.h"
	make -C "/usr/src/linux-headers-$1" M="$out" -j"$JOBS" \
		VCM_INCLUDE="$VCM_ROOT/build/$1/include" \
		KBUILD_EXTRA_SYMBOLS="$VCM_ROOT/build/$1/drivers/gpu/drm/vcm/Module.symvers" \
		modules
}

# vm_build_testmod ABI DIR [VCM]: the test-only module of tests/vm/DIR, in
# build/ABI/tests/vm/DIR/ (its Makefile finds the project's include/ three
# levels up, there as in the tree); with VCM, against the vcm.ko that
# vm_build_vcm built.
vm_build_testmod() {
	local out=$VCM_ROOT/build/$1/tests/vm/$2 sym=()
	[ -z "${3:-}" ] ||
		sym=(KBUILD_EXTRA_SYMBOLS="$VCM_ROOT/build/$1/drivers/gpu/drm/vcm/Module.symvers")
	mkdir -p "$out"
	rsync -a --delete "${RSYNC_EXCLUDES[@]}" --exclude guest \
		"$VCM_ROOT/tests/vm/$2/" "$out/"
	# The edu helpers the edu modules share, at the same relative place.
	rsync -a --delete "$VCM_ROOT/tests/vm/edu/" "$out/../edu/"
	make -C "/usr/src/linux-headers-$1" M="$out" -j"$JOBS" "${sym[@]}" modules
}

# vm_build_iommu ABI: vcm_edu_test.ko, which drives VCM's IOMMU backend.
vm_build_iommu() { vm_build_testmod "$1" iommu vcm; }

# vm_build_dma ABI: vcm_edu_dma.ko, a plain DMA-API driver: no VCM symbol.
vm_build_dma() { vm_build_testmod "$1" dma; }

# vm_build_nouveau ABI: nouveau.ko and nvkm_vcm_test.ko from the series
# (scripts/nouveau.sh, which builds vcm.ko first; build/ABI/).
vm_build_nouveau() {
	bash "$VCM_ROOT/scripts/nouveau.sh"
}

# vm_build_radeon ABI: radeon.ko from the series (scripts/radeon.sh, which
# builds vcm.ko first; build/ABI/radeon.ko) and the harness that holds
# radeon at its first VCM teardown call (tests/vm/radeon).
vm_build_radeon() {
	bash "$VCM_ROOT/scripts/radeon.sh" && vm_build_testmod "$1" radeon vcm
}

# vm_stage_modules ABI STAGE MOD...: copy MODs and their dependencies
# (per modinfo) from the unpacked kernel image, decompressed.
vm_stage_modules() {
	local abi=$1 st=$2 m f rel dst
	local mdir
	mdir=$(vm_kroot "$abi")/lib/modules/$abi
	shift 2
	for m in "$@"; do
		[ -n "$m" ] || continue
		f=$(find "$mdir/kernel" \( -name "$m.ko*" -o -name "${m//_/-}.ko*" \) -print -quit)
		[ -n "$f" ] || { log "module $m not in $abi"; return 1; }
		rel=${f#"$mdir"/}
		dst=$st/lib/modules/$abi/${rel%.ko*}.ko
		[ -e "$dst" ] && continue
		mkdir -p "$(dirname "$dst")"
		case $f in
		*.xz) xz -dc "$f" >"$dst" ;;
		*.zst) zstd -qdc "$f" >"$dst" ;;
		*) cp "$f" "$dst" ;;
		esac
		# shellcheck disable=SC2046
		vm_stage_modules "$abi" "$st" $(modinfo -F depends "$dst" | tr ',' ' ')
	done
}

# vm_build_user: build the userspace programs (each directory of
# VM_USER_DIRS with a Makefile, as `make -C DIR O=build/user`) and list
# them in VM_BINS for the guest. Kernel-independent: build once per run.
# A directory that fails to build does not keep the others out; the
# status is then 1.
VM_USER_DIRS="tools/vcmctl tests/igt"
vm_build_user() {
	local d f rc=0 out=$VCM_ROOT/build/user
	mkdir -p "$out"
	VM_BINS=()
	for d in $VM_USER_DIRS; do
		[ -f "$VCM_ROOT/$d/Makefile" ] || continue
		make -C "$VCM_ROOT/$d" O="$out" || rc=1
	done
	for f in "$out"/*; do
		[ -f "$f" ] && [ -x "$f" ] && VM_BINS+=("$f")
	done
	return $rc
}

# vm_stage_bins STAGE FILE...: copy userspace programs to STAGE/vcm/bin/
# (on the guest's PATH) and every shared library they load, at the same
# paths as on the host, with the dynamic loader.
vm_stage_bins() {
	local st=$1 f lib
	shift
	mkdir -p "$st/vcm/bin"
	for f in "$@"; do
		install -m 755 "$f" "$st/vcm/bin/"
		for lib in $(ldd "$f" | grep -o '/[^ ]*'); do
			[ -e "$st$lib" ] && continue
			mkdir -p "$st$(dirname "$lib")"
			cp -L "$lib" "$st$lib"
		done
	done
}

# vm_initramfs ABI OUT "KO..." TEST...: busybox initramfs whose /init
# (tests/vm/init.sh) runs each TEST script (with the *.inc files beside
# it); the KOs go to /vcm/. Programs named in the array VM_BINS (if set)
# go to /vcm/bin/ with their libraries. VM_STAGE_HOOK, if set, is a
# command run with ABI and the staging directory before depmod (more
# modules, firmware).
vm_initramfs() {
	local abi=$1 out=$2 kos=$3 st=$2.d mdir f a
	shift 3
	mdir=$(vm_kroot "$abi")/lib/modules/$abi
	rm -rf "$st"
	mkdir -p "$st"/{bin,dev,proc,sys,tmp,vcm,tests,lib/modules/"$abi"}
	cp /bin/busybox "$st/bin/"
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] || ln -s busybox "$st/bin/$a"
	done
	ln -s bin "$st/sbin"
	install -m 755 "$VCM_ROOT/tests/vm/init.sh" "$st/init"
	# shellcheck disable=SC2086
	[ -z "$kos" ] || cp $kos "$st/vcm/"
	for f in "$@"; do
		install -m 755 "$f" "$st/tests/"
		# Shell fragments the tests source (*.inc) go along.
		for a in "$(dirname "$f")"/*.inc; do
			[ ! -f "$a" ] || cp "$a" "$st/tests/"
		done
	done
	cp -r "$VCM_ROOT/tests/vm/vcmctl" "$st/vcm/scripts"	# vcmctl scripts
	[ -z "${VM_BINS+x}" ] || vm_stage_bins "$st" "${VM_BINS[@]}"
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		[ ! -e "$mdir/$f" ] || cp "$mdir/$f" "$st/lib/modules/$abi/"
	done
	vm_stage_modules "$abi" "$st" drm drm_kms_helper drm_shmem_helper
	# drm_gpuvm, for vcm_virt's VM_BIND where the kernel has it (not 6.1).
	[ -z "$(find "$mdir/kernel" -name 'drm_gpuvm.ko*' -print -quit)" ] ||
		vm_stage_modules "$abi" "$st" drm_gpuvm
	[ -z "${VM_STAGE_HOOK:-}" ] || $VM_STAGE_HOOK "$abi" "$st"
	depmod -b "$st" "$abi"
	mknod -m 600 "$st/dev/console" c 5 1 2>/dev/null || true
	(cd "$st" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$out"
}

# vm_boot ABI INITRD LOGLEVEL: boot under QEMU, serial console on stdout
# (less SeaBIOS's terminal control sequences and CRs). Returns QEMU's
# status (124 on timeout): callers run with pipefail.
# VM_QEMU_EXTRA: more QEMU arguments (devices), split on blanks.
# VM_CMDLINE_EXTRA: more kernel arguments.
vm_boot() {
	# TCG unless VM_ACCEL=kvm: a /dev/kvm that nests badly hangs the boot.
	local accel=${VM_ACCEL:-tcg}
	# shellcheck disable=SC2086 # VM_QEMU_EXTRA is split on purpose
	timeout -k 10 "$VM_TIMEOUT" qemu-system-x86_64 \
		-machine q35,accel="$accel" -smp "${VM_SMP:-2}" -m 1G \
		-nographic -no-reboot -monitor none -serial stdio -nic none \
		-kernel "$(vm_kroot "$1")/boot/vmlinuz-$1" -initrd "$2" \
		-append "console=ttyS0 loglevel=$3 $VM_CMDLINE${VM_CMDLINE_EXTRA:+ $VM_CMDLINE_EXTRA}" \
		${VM_QEMU_EXTRA:-} </dev/null |
		sed -u -e 's/\x1bc//g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r$//'
}

# vm_boot_log ABI INITRD LOGLEVEL LOG: vm_boot into LOG. A guest that died
# before its /init ran (no "VCMTEST kernel" line: no VCM module was loaded
# yet) is booted once more, its log kept as LOG.boot1: under TCG on a busy
# host, Debian's kernel has been seen to oops in early boot now and then.
# Returns the status of the last boot.
vm_boot_log() {
	local rc=0
	vm_boot "$1" "$2" "$3" >"$4" 2>&1 || rc=$?
	if ! grep -aq 'VCMTEST kernel' "$4"; then
		mv "$4" "$4.boot1"
		echo "vm: ${4##*/}: the guest died before /init ran; booting once more" >&2
		rc=0
		vm_boot "$1" "$2" "$3" >"$4" 2>&1 || rc=$?
	fi
	return $rc
}

# vm_test_names FILE...: guest test names (10-load.sh -> load).
vm_test_names() {
	local f n
	for f in "$@"; do
		n=$(basename "$f" .sh)
		echo "${n#[0-9]*-}"
	done
}

# vm_parse LOG PREFIX TEST...: TAP lines for a guest serial log: one per
# expected TEST (missing = not ok), one per vcm_selftest case
# (PREFIX/selftest/NAME), vcm_edu case (PREFIX/edu/NAME) and vcm_dma case
# (PREFIX/dma/NAME), then PREFIX/complete (the guest reached "VCMTEST
# end") and PREFIX/clean-log (no kernel problem report). Diagnostics are
# "# " lines.
vm_parse() {
	local log=$1 prefix=$2
	shift 2
	tr -d '\r' <"$log" | awk -v p="$prefix" -v want="$*" -v bad="$VM_BAD" '
	function worst(a, b) { return (a == "not ok" || b == "not ok") ? "not ok" : "ok" }
	BEGIN { nw = split(want, w, " ") }
	/VCMTEST end/ { ended = 1 }
	match($0, /VCMTEST (not ok|ok) [^ ]+/) {
		s = substr($0, RSTART + 8, RLENGTH - 8)
		r = (s ~ /^not ok /) ? "not ok" : "ok"
		n = substr(s, length(r) + 2)
		if (!(n in res)) torder[++nt] = n
		res[n] = (n in res) ? worst(res[n], r) : r
	}
	match($0, /vcm_(selftest|edu|dma|nvkm): (not ok|ok) [0-9]+ [^ ]+/) {
		s = substr($0, RSTART + 4, RLENGTH - 4)
		src = s; sub(/: .*/, "", src)
		s = substr(s, length(src) + 3)
		r = (s ~ /^not ok /) ? "not ok" : "ok"
		n = s; sub(/^(not ok|ok) [0-9]+ /, "", n)
		n = src "/" n
		if (!(n in sres)) sorder[++ns] = n
		sres[n] = (n in sres) ? worst(sres[n], r) : r
	}
	$0 ~ bad { if (++nbad <= 20) diag[nbad] = $0 }
	END {
		for (i = 1; i <= nw; i++) {
			if (!(w[i] in res)) {
				print "# " p "/" w[i] ": no result from the guest"
				res[w[i]] = "not ok"
			}
			print res[w[i]] " " p "/" w[i]
			known[w[i]] = 1
		}
		for (i = 1; i <= nt; i++)
			if (!(torder[i] in known)) print res[torder[i]] " " p "/" torder[i]
		for (i = 1; i <= ns; i++) print sres[sorder[i]] " " p "/" sorder[i]
		if (!ended) print "# " p "/complete: no \"VCMTEST end\": guest hung or crashed"
		print (ended ? "ok" : "not ok") " " p "/complete"
		for (i = 1; i <= nbad && i <= 20; i++) print "# " p "/clean-log: " diag[i]
		print (nbad ? "not ok" : "ok") " " p "/clean-log"
	}'
}

# vm_summary LABEL TAPTEXT: "LABEL: 7 ok, 0 not ok", then the failures.
vm_summary() {
	local ok bad
	ok=$(grep -c '^ok ' <<<"$2" || true)
	bad=$(grep -c '^not ok ' <<<"$2" || true)
	echo "$1: $ok ok, $bad not ok"
	grep '^not ok ' <<<"$2" | sed 's/^/  /' || true
}
