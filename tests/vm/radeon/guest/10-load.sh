#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The first load of radeon on QEMU's rv100. Built boot: vcm.ko and the
# harness first, VCM's trace events on, the harness armed. modprobe radeon
# runs in the background; with a converted radeon.ko it stops at its first
# VCM teardown call (after the CP ring test failed, with the writeback and
# ring pages still bound), and the space's debugfs files are saved and
# printed for the host while it is held; then it goes on. radeon must end
# up bound to the device (modesetting goes on without acceleration), and
# its log of this load is printed for the host to compare stock and built.
. "$(dirname "$0")/radeon.inc"
echo "vcm_radeon=$mode, radeon.ko $(radeon_ko)"
rc=0
if [ "$mode" = built ]; then
	# 05-harness.sh loaded them.
	grep -q '^vcm_radeon_pause ' /proc/modules || exit 1
	echo >"$t/trace"
	echo 1 >"$t/events/vcm/enable"
fi
if converted; then
	echo "radeon.ko depends on vcm: converted"
	echo arm >"$p/pause"
fi
: >"$out/kmsg-mark"
echo "vcm-radeon: first load" >/dev/kmsg
modprobe radeon &
pid=$!
if converted; then
	i=0
	until grep -q '^paused ' "$p/pause"; do
		kill -0 "$pid" 2>/dev/null || break
		i=$((i + 1))
		[ $i -lt 600 ] || break
		sleep 0.2
	done
	held=$(cat "$p/pause")
	echo "harness: $held"
	case $held in
	paused*)
		cp "$d/vcm/spaces" "$out/spaces"
		id=$(awk '$3 == "r100-pci" { print $1; exit }' "$out/spaces")
		if [ -n "$id" ]; then
			for f in reservations ptes tables; do
				cp "$d/vcm/$id/$f" "$out/$f"
			done
			echo "$id" >"$out/space"
		fi
		# The first 128 bytes of each bound page as the CPU sees them,
		# at the DMA address the driver's GART entry holds.
		if [ -f "$out/ptes" ]; then
			awk '!/^#/ { print $5, $10 }' "$out/ptes" | while read -r va raw; do
				if echo "$raw" >"$p/peek" 2>/dev/null; then
					echo "$va $raw $(cat "$p/peek")"
				else
					echo "$va $raw not-ram"
				fi
			done >"$out/peek"
		fi
		echo release >"$p/pause"
		;;
	esac
fi
wait "$pid" || rc=$?
[ "$mode" = built ] && echo 0 >"$t/events/vcm/enable"
[ "$mode" = built ] && cp "$t/trace" "$out/trace"
dmesg | sed -n '/vcm-radeon: first load/,$p' | grep -v 'vcm-radeon: first load' >"$out/dmesg"
sed 's/^/VCMRADEON dmesg| /' "$out/dmesg"
for f in spaces reservations ptes tables peek; do
	[ ! -f "$out/$f" ] || sed "s/^/VCMRADEON $f| /" "$out/$f"
done
[ "$rc" = 0 ] || { echo "modprobe radeon: status $rc"; exit 1; }
[ -e "/sys/bus/pci/drivers/radeon/$pci" ] || { echo "radeon is not bound to $pci"; exit 1; }
