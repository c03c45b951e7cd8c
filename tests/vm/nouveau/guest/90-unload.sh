#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nouveau unloads, then vcm, and nothing of either is left.
set -e
rmmod nouveau
rmmod vcm
! grep -Eq '^(nouveau|vcm|nvkm_vcm_test) ' /proc/modules
