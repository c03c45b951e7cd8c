#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# rmmod vcm_edu_test with edu bound and bindings live: remove cleans up
# (a second clean "removed" line, no space left), then vcm unloads too.
set -e
rmmod vcm_edu_test
n=$(dmesg | grep -Ec 'vcm_edu: removed pass=[1-9][0-9]* fail=0$' || true)
[ "$n" = 2 ] || { echo "$n clean removed lines, want 2"; exit 1; }
! dmesg | grep -q 'vcm_edu: not ok' || { echo "failing cases"; exit 1; }
f=/sys/kernel/debug/vcm/spaces
[ "$(wc -l <"$f")" = 1 ] || { echo "spaces left:"; cat "$f"; exit 1; }
rmmod vcm
! grep -Eq '^vcm(_edu_test)? ' /proc/modules
