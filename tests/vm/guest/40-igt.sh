#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run the IGT tests of vcm_virt (/vcm/bin/vcm_*) the way igt_runner does:
# list each binary's subtests, then run each alone with a timeout. One
# marker per subtest for the host (scripts/vm.sh):
#   VCMIGT ok|skip|not ok <binary>/<subtest>
# a failure followed by the test's output, indented. Exit codes: 0 pass,
# 77 skip, anything else (98 fail, a signal, a timeout) fail. Last, the
# marker quiet-kernel-log: no kernel message at warning level or above
# since the runner started. Exits 1 if anything failed.
#
# VCM_IGT_BINS names the binaries to run; by default every one but those
# of VCM_IGT_LATER, which later steps run (42-igt-lifetime.sh,
# 45-igt-stress.sh), so that no step comes near init's 120 s per step on
# a loaded host. VCM_IGT_QUIET names the quiet-kernel-log marker.
TIMEOUT=${VCM_IGT_TIMEOUT:-60}
VCM_IGT_LATER="vcm_lifetime vcm_reserve vcm_stress vcm_unload"
quiet=${VCM_IGT_QUIET:-quiet-kernel-log}
out=/tmp/vcm-igt.out
rc=0
# At a console level that hides info messages (make run), passing
# subtests are only counted: one summary line instead of one per subtest.
level=$(cut -f 1 /proc/sys/kernel/printk)
npass=0

# show FILE: a test's output, indented, with IGT's "DEBUG:" and "WARNING:"
# log levels reworded so the host does not take them for kernel reports.
show() {
	sed -E -e 's/(DEBUG|WARNING): /\1 - /g' -e 's/^/    /' "$1"
}

grep -q ' /sys/kernel/debug ' /proc/mounts ||
	mount -t debugfs debugfs /sys/kernel/debug

# vcm_virt, unloaded again at the end if loaded here.
. "$(dirname "$0")/virt.inc"

# Keep IGT's info-level kernel markers off the console, so they cannot
# interleave with ours; warnings and worse still reach it.
printk=$(cat /proc/sys/kernel/printk)
echo 5 >/proc/sys/kernel/printk
mark="vcm-igt: runner $$ starts"
echo "$mark" >/dev/kmsg

for bin in ${VCM_IGT_BINS:-/vcm/bin/vcm_*}; do
	[ -x "$bin" ] || continue
	b=$(basename "$bin")
	[ -n "$VCM_IGT_BINS" ] || case " $VCM_IGT_LATER " in
		*" $b "*) continue ;;
		esac
	if ! subs=$("$bin" --list-subtests 2>"$out"); then
		echo "VCMIGT not ok $b/list-subtests"
		show "$out"
		rc=1
		continue
	fi
	for s in $subs; do
		timeout "$TIMEOUT" "$bin" --run-subtest "$s" >"$out" 2>&1
		st=$?
		case $st in
		0)
			npass=$((npass + 1))
			[ "$level" -lt 7 ] || echo "VCMIGT ok $b/$s"
			;;
		77)
			why=$(grep -m 1 '^Test requirement:' "$out")
			echo "VCMIGT skip $b/$s # ${why:-skipped}"
			;;
		*)
			[ "$st" = 98 ] && why=failed || why="exit status $st (crash or timeout after ${TIMEOUT}s)"
			echo "VCMIGT not ok $b/$s # $why"
			show "$out"
			rc=1
			;;
		esac
	done
done

# Kernel messages at level 0-4 (facility kernel) after our mark; should the
# mark have left the ring buffer, all of it (which fails safe). QEMU's
# clock under a loaded host ("clocksource: Long readout interval", "timekeeping
# watchdog", "hrtimer: interrupt took N ns") is not the driver's doing and
# is passed over.
dmesg -r | awk -v mark="$mark" '
	{ line[NR] = $0 }
	index($0, mark) { from = NR }
	END {
		for (i = from + 1; i <= NR; i++)
			if (line[i] ~ /^<[0-4]>/ &&
			    line[i] !~ /clocksource|timekeeping watchdog|hrtimer: interrupt took/)
				print line[i]
	}' >"$out"
if [ -s "$out" ]; then
	echo "VCMIGT not ok $quiet"
	sed 's/^/    /' "$out"
	rc=1
else
	echo "VCMIGT ok $quiet"
fi
[ "$level" -ge 7 ] ||
	echo "igt: $npass subtests passed, each run on its own (make vm lists them)"
echo "$printk" >/proc/sys/kernel/printk
virt_unload || rc=1
exit $rc
