#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Both modules must unload.
set -e
rmmod vcm_selftest
rmmod vcm
if grep -Eq '^vcm(_selftest)? ' /proc/modules; then
	exit 1
fi
