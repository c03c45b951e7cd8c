#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The harness itself, on a driver that is no radeon (built boot only):
# armed, it holds vcm_selftest at its first VCM teardown call, in that
# module's init, with the self-test's space live and bound in VCM's
# debugfs; released, the self-test goes on and passes, and its spaces
# are gone. So the pause the radeon checks rely on is known to work on
# this kernel even while radeon.ko is stock.
. "$(dirname "$0")/radeon.inc"
if [ "$mode" != built ]; then
	mark skip harness/holds-selftest "stock radeon.ko: the reference boot"
	exit 0
fi
modprobe vcm pools=test:1M || exit 1
insmod "$VCM_KO/vcm_radeon_pause.ko" || exit 1
echo arm >"$p/pause"
# The self-test's case lines stay off the console: the main boot reports them.
printk=$(cat /proc/sys/kernel/printk)
echo 4 >/proc/sys/kernel/printk
insmod "$VCM_KO/vcm_selftest.ko" &
pid=$!
i=0
until grep -q '^paused ' "$p/pause"; do
	i=$((i + 1))
	kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ] || break
	sleep 0.2
done
held=$(cat "$p/pause")
bound=$(awk '!/^#/ && $7 > 0 { n++ } END { print n + 0 }' "$d/vcm/spaces")
echo "harness: $held; $bound spaces with bindings while held"
echo release >"$p/pause"
rc=0
wait "$pid" || rc=$?
echo "$printk" >/proc/sys/kernel/printk
after=$(cat "$p/pause")
dmesg | grep -q 'vcm_selftest: done pass=[1-9][0-9]* fail=0$' && ok=1 || ok=0
rmmod vcm_selftest
check harness/holds-selftest "held: '$held', then '$after'; $bound bound spaces; selftest status $rc, clean: $ok" \
	[ "${held%% *}" = paused ] && [ "$bound" -gt 0 ] && [ "${after%% *}" = released ] &&
	[ "$rc" = 0 ] && [ "$ok" = 1 ] && no_spaces
