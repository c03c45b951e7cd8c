#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# With a binding live in the aperture, vcm.ko cannot go, nor can the
# bridge driver while the AGP core holds its bridge.
if rmmod vcm 2>/dev/null; then
	echo "vcm.ko unloaded under a live space"
	exit 1
fi
if rmmod vcm_agp_test 2>/dev/null; then
	echo "vcm_agp_test.ko unloaded with its bridge registered"
	exit 1
fi
grep -q '^vcm_agp_test ' /proc/modules && grep -q '^vcm ' /proc/modules
