#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Everything unloads: radeon, then the harness and vcm (built boot).
. "$(dirname "$0")/radeon.inc"
set -e
rmmod radeon
no_spaces
if [ "$mode" = built ]; then
	rmmod vcm_radeon_pause
	rmmod vcm
fi
! grep -Eq '^(radeon|vcm|vcm_radeon_pause) ' /proc/modules
