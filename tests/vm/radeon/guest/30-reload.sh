#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# rmmod radeon; modprobe radeon, twice: radeon binds the device again each
# time, no VCM space is left after each rmmod and each load (VCM's
# debugfs), and free memory (caches dropped) after the last rmmod is
# within RADEON_LEAK_KIB of what it was after the first: a load that kept
# its 512 KiB GART table or its 1 MiB ring would not be. (Stock radeon
# itself comes back some 180 KiB short per reload on this device; the host
# also compares the two boots' figures.) The tier's log scan catches any
# splat. With a converted radeon.ko, every bind of the reloads is unbound
# again (VCM's trace events).
. "$(dirname "$0")/radeon.inc"
RADEON_LEAK_KIB=768
fail=0
[ "$mode" != built ] || grep -q "^vcm " /proc/modules || { echo "vcm.ko is not loaded"; exit 1; }
[ "$mode" = built ] && { echo >"$t/trace"; echo 1 >"$t/events/vcm/enable"; }
rmmod radeon || exit 1
check reload/space-gone-0 "a VCM space is left after rmmod" no_spaces || fail=1
before=$(memfree)
for i in 1 2; do
	modprobe radeon || { echo "modprobe radeon $i failed"; exit 1; }
	check "reload/bound-$i" "radeon did not bind $pci again" \
		[ -e "/sys/bus/pci/drivers/radeon/$pci" ] || fail=1
	rmmod radeon || { echo "rmmod radeon $i failed"; exit 1; }
	check "reload/space-gone-$i" "a VCM space is left after reload $i" \
		no_spaces || fail=1
	echo "free memory after rmmod $((i + 1)): $(memfree) KiB"
done
after=$(memfree)
echo "free memory after the first rmmod ${before} KiB, after the last ${after} KiB"
check reload/no-leak "free memory fell by $((before - after)) KiB over two reloads" \
	[ $((before - after)) -le "$RADEON_LEAK_KIB" ] || fail=1
if [ "$mode" = built ]; then
	echo 0 >"$t/events/vcm/enable"
	nb=$(grep -c ' vcm_bind: ' "$t/trace")
	nu=$(grep -c ' vcm_unbind: ' "$t/trace")
	echo "reloads: $nb binds, $nu unbinds"
	if converted; then
		check reload/unbinds "$nb binds but $nu unbinds" \
			[ "$nb" -gt 0 ] && [ "$nb" = "$nu" ] || fail=1
	else
		mark skip reload/unbinds "radeon.ko is not converted"
	fi
fi
modprobe radeon || exit 1
exit $fail
