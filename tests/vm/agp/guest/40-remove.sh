#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Unbinding the device detaches the AGP backend while a binding is live
# (the GATT must read all scratch again and every agp_memory be gone),
# then removes the bridge. The device then binds again and passes every
# check a second time: nothing was left behind in the AGP core.
d=/sys/bus/pci/drivers/vcm_agp_test
dev=$(ls "$d" | grep '^0000:' | head -n 1)
[ -n "$dev" ] || { echo "no device bound to vcm_agp_test"; exit 1; }

# done_ok N: there are N "vcm_agp: done" lines and the last says fail=0.
done_ok() {
	[ "$(dmesg | grep -c 'vcm_agp: done')" = "$1" ] &&
		dmesg | grep 'vcm_agp: done' | tail -n 1 |
		grep -Eq 'pass=[1-9][0-9]* fail=0$'
}

n=$(dmesg | grep -c 'vcm_agp: done')
echo "$dev" >"$d/unbind" || exit 1
[ ! -e "$d/$dev" ] || { echo "$dev still bound"; exit 1; }
done_ok $((n + 1)) || { echo "remove: checks failed"; exit 1; }
dmesg | grep -q 'vcm_agp: ok [0-9]* detach-live' || exit 1
echo "$dev" >"$d/bind" || exit 1
[ -e "$d/$dev" ] || { echo "$dev did not bind again"; exit 1; }
done_ok $((n + 2)) || { echo "second probe: checks failed"; exit 1; }
