#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every module must unload, vcm_virt before vcm.
set -e
rmmod vcm_virt
rmmod vcm_selftest
rmmod vcm
if grep -Eq '^vcm(_selftest|_virt)? ' /proc/modules; then
	exit 1
fi
