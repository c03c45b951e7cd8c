#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every DMA vcm_edu_test expected to fault ("vcm_edu: expect fault ADDR")
# was reported by the IOMMU driver as a DMAR fault at that address. The
# driver rate-limits those reports (a few interrupts per 5 s), so only the
# first probe's faults are looked for: this runs before 30-unbind.sh
# probes again.
set -e
want=$(dmesg | sed -n 's/.*vcm_edu: expect fault \(0x[0-9a-f]*\).*/\1/p' | sort -u)
[ -n "$want" ] || { echo "no faults expected: vcm_edu_test did not run"; exit 1; }
# The fault interrupt may still be on its way.
for a in $want; do
	i=0
	until dmesg | grep -q "DMAR: .*fault addr $a "; do
		i=$((i + 1))
		[ $i -lt 5 ] || { echo "no DMAR fault at $a"; exit 1; }
		sleep 1
	done
	dmesg | grep -m 1 "DMAR: .*fault addr $a "
done
