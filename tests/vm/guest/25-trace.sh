#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The self-test's binds and unbinds fired every VCM trace event, with at
# least one flush per bind and per unbind; then tracing goes off again.
set -e
t=/sys/kernel/tracing
echo 0 >"$t/events/vcm/enable"
for e in vcm_bind vcm_unbind vcm_flush vcm_table_alloc vcm_table_free; do
	n=$(grep -c " $e: " "$t/trace" || true)
	echo "$e: $n"
	[ "$n" -gt 0 ] || { echo "no $e event"; exit 1; }
	eval "n_$e=$n"
done
# shellcheck disable=SC2154
[ "$n_vcm_flush" -ge $((n_vcm_bind + n_vcm_unbind)) ] ||
	{ echo "fewer flushes than binds and unbinds"; exit 1; }
grep -m 1 ' vcm_bind: ' "$t/trace"
echo >"$t/trace"
