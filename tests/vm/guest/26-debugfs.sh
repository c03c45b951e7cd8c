#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcm/spaces is there, root-only, with its header; the self-test's spaces
# are all gone again, and so are their directories; vcm/pools lists the
# pool "test".
set -e
d=/sys/kernel/debug
[ -d "$d/vcm" ] || mount -t debugfs nodev "$d"
f=$d/vcm/spaces
[ "$(stat -c %a "$f")" = 400 ] || { echo "spaces mode $(stat -c %a "$f")"; exit 1; }
head -n 1 "$f" | grep -qx '# id owner formats start end reserved bound table_bytes binds unbinds flushes'
[ "$(wc -l <"$f")" = 1 ] || { echo "spaces left:"; cat "$f"; exit 1; }
[ "$(ls "$d/vcm" | tr '\n' ' ')" = "dma_devices pools spaces " ] ||
	{ echo "directories left:"; ls "$d/vcm"; exit 1; }
# vcm/pools: the pool "test" of 10-load.sh, all of it free again.
p=$d/vcm/pools
head -n 1 "$p" | grep -qx '# name base size used pieces'
grep -Eqx 'test 0x[0-9a-f]+ 1048576 0 0' "$p" || { echo "pools:"; cat "$p"; exit 1; }
