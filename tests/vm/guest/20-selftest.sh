#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load vcm_selftest; it must report "done pass=N fail=0" (N > 0) and no
# "not ok" case. The host turns each case line into its own result.
set -e
rc=0
insmod "$VCM_KO/vcm_selftest.ko" || rc=$?
log=$(dmesg | grep 'vcm_selftest: ' || true)
# At a console loglevel that hides info messages (make run), show them here.
level=$(cut -f 1 /proc/sys/kernel/printk)
[ "$level" -ge 7 ] || printf '%s\n' "$log"
[ "$rc" = 0 ] || { echo "insmod vcm_selftest.ko: status $rc"; exit 1; }
if echo "$log" | grep -q 'vcm_selftest: not ok'; then
	echo "vcm_selftest reported failing cases"
	exit 1
fi
echo "$log" | grep -Eq 'vcm_selftest: done pass=[1-9][0-9]* fail=0$' ||
	{ echo "vcm_selftest: no clean done line"; exit 1; }
# 10-load.sh loaded vcm.ko with pools=test:1M: the pool was used.
echo "$log" | grep -Eq 'vcm_selftest: ok [0-9]+ mem-pool-bind$' ||
	{ echo "vcm_selftest: the pool test was not used"; exit 1; }
