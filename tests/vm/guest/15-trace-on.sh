#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# VCM's trace events exist once vcm.ko is loaded; turn them on for the
# self-test (25-trace.sh checks what they recorded).
set -e
t=/sys/kernel/tracing
[ -d "$t/events" ] || mount -t tracefs nodev "$t"
for e in vcm_bind vcm_unbind vcm_flush vcm_table_alloc vcm_table_free; do
	[ -d "$t/events/vcm/$e" ] || { echo "no trace event vcm/$e"; exit 1; }
done
echo >"$t/trace"
echo 1 >"$t/events/vcm/enable"
