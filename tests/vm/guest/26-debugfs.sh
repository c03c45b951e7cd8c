#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcm/spaces is there, root-only, with its header; the self-test's spaces
# are all gone again, and so are their directories.
set -e
d=/sys/kernel/debug
[ -d "$d/vcm" ] || mount -t debugfs nodev "$d"
f=$d/vcm/spaces
[ "$(stat -c %a "$f")" = 400 ] || { echo "spaces mode $(stat -c %a "$f")"; exit 1; }
head -n 1 "$f" | grep -qx '# id owner formats start end reserved bound table_bytes binds unbinds flushes'
[ "$(wc -l <"$f")" = 1 ] || { echo "spaces left:"; cat "$f"; exit 1; }
[ "$(ls "$d/vcm")" = spaces ] || { echo "directories left:"; ls "$d/vcm"; exit 1; }
