#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcmctl dump: a script builds a space with two MMUs (r600-gart, nv50),
# three reservations and bindings of three kinds, and dumps it from
# debugfs while it lives, in words and as SVG. The words must show what
# the script did: its ranges, the kernel's counts, each binding as one run
# of entries per MMU, the GART's table occupancy. With vcm_svg=1 on the
# kernel command line (make vm, not make run) the SVG goes to the console
# between "VCMSVG begin" and "VCMSVG end", each line prefixed "VCMSVG| ",
# for the host to check it and keep it (scripts/vm.sh).
set -e
dump=/tmp/dump.txt
svg=/tmp/space.svg

# vcm_virt, unloaded again at the end (and on a failure) if loaded here.
. "$(dirname "$0")/virt.inc"
trap virt_unload EXIT
# vcmctl mounts debugfs itself when it has to.
! grep -q ' /sys/kernel/debug debugfs ' /proc/mounts || umount /sys/kernel/debug

cat >/tmp/dump.vcm <<EOF
space s r600-gart 256M 64M
attach s nv50
bo a 64K
bo b 128K
reserve r1 s 1M at 0x10000000
reserve r2 s 256K at 0x10400000
reserve r3 s 64K at 0x10800000
bind r1 0 a 0 64K rw
bind r1 512K b 0 128K r
bind r2 64K a 0 16K w
bind r3 0 b 64K 64K rw
unbind r1 512K
dump s
dump s --svg $svg
destroy s
EOF
vcmctl run /tmp/dump.vcm >"$dump"
grep -q ' /sys/kernel/debug debugfs ' /proc/mounts

fail=0
want() {
	grep -qxF -- "$1" "$dump" || { echo "dump lacks: $1"; fail=1; }
}
# want_n N ERE: N lines of the dump match ERE
want_n() {
	n=$(grep -cE -- "$2" "$dump" || true)
	[ "$n" = "$1" ] || { echo "dump: $n lines match '$2', expected $1"; fail=1; }
}
want_n 1 '^space [0-9]+ \(owner [^)]*\), formats r600-gart,nv50$'
want '  VA [0x10000000, 0x14000000) 64 MiB: reserved 1.3 MiB (2.1%), bound 144 KiB (0.2%)'
want_n 1 '^  page tables [0-9.]+ [KM]iB; 4 binds, 1 unbind, [0-9]+ flush(es)?$'
want '    res [0x10000000, 0x10100000) 1 MiB'
want_n 1 '^      bind \[0x10000000, 0x10010000\) 64 KiB rw- system, at \+0x0 of 64 KiB in [0-9]+ segments?$'
want '    res [0x10400000, 0x10440000) 256 KiB'
want_n 1 '^      bind \[0x10410000, 0x10414000\) 16 KiB -w- system, at \+0x0 of 64 KiB in [0-9]+ segments?$'
want '    res [0x10800000, 0x10810000) 64 KiB'
want_n 1 '^      bind \[0x10800000, 0x10810000\) 64 KiB rw- system, at \+0x10000 of 128 KiB in [0-9]+ segments?$'
want '    3 reservations, 1.3 MiB; 3 bindings, 144 KiB'
want '    free: 62.7 MiB in 3 ranges, largest [0x10810000, 0x14000000) 55.9 MiB'
# Each binding is one run of entries per MMU, whatever its page size.
for r in '0x10000000, 0x10010000' '0x10410000, 0x10414000' '0x10800000, 0x10810000'; do
	want_n 2 "^    \[$r\) [0-9]+ x [0-9]+ KiB "
done
want_n 1 '^  mmu 0 r600-gart, valid entries in runs of contiguous VA:$'
want_n 1 '^  mmu 1 nv50, valid entries in runs of contiguous VA:$'
want '    mmu 0: 36 entries in 3 runs'
want_n 1 '^    mmu 1: [0-9]+ entries in 3 runs$'
want_n 1 '^    mmu 0 r600-gart [a-z0-9_-]+: 1 table, 36/[0-9]+ entries used '
want_n 1 "^svg: $svg, 1 space\$"
# The picture for the host first, so that it is checked on its own.
if grep -qw vcm_svg=1 /proc/cmdline && [ -f "$svg" ]; then
	echo "VCMSVG begin space reservations=$(grep -c '^reserve ' /tmp/dump.vcm)"
	sed 's/^/VCMSVG| /' "$svg"
	echo "VCMSVG end"
fi
if [ "$fail" != 0 ]; then
	cat "$dump"
	exit 1
fi
echo "vcmctl dump of a space with two MMUs (its first lines):"
awk '/^space /{n=3} n&&n--' "$dump"
echo "  ... $(grep -c . "$dump") lines in all, as the script expects; SVG $(wc -c <"$svg") bytes"
head -n 1 "$svg" | grep -q '^<?xml '
tail -n 1 "$svg" | grep -qx '</svg>'

# Standalone, by number, on a space that a script reading a pipe keeps
# alive: a sparse 4 GiB gp100 space with one binding, found in
# vcm/spaces once its binding is there.
mkfifo /tmp/dump.ctl
vcmctl run - </tmp/dump.ctl >/dev/null &
pid=$!
exec 3>/tmp/dump.ctl
printf '%s\n' "space t gp100 0 4G" "bo c 64K" "reserve q t 2M at 0x40000000" \
	"bind q 0 c 0 64K rw" >&3
id=
for _ in 1 2 3 4 5 6 7 8 9 10; do
	id=$(awk '$3 == "gp100" && $4 == "0x0" && $5 == "0x100000000" &&
		$7 == 65536 { print $1 }' /sys/kernel/debug/vcm/spaces)
	[ -z "$id" ] || break
	sleep 1
done
rc=0
vcmctl dump "$id" >"$dump" && vcmctl -q dump "$id" --svg /tmp/space2.svg || rc=1
exec 3>&-
wait "$pid" || rc=1
grep -qx "space $id (owner [^)]*), formats gp100" "$dump" &&
	grep -qxF '    res [0x40000000, 0x40200000) 2 MiB' "$dump" &&
	grep -qx '    mmu 0: [0-9]* entr[a-z]* in 1 run' "$dump" &&
	grep -q 'class="res' /tmp/space2.svg || rc=1
if [ "$rc" != 0 ]; then
	echo "vcmctl dump $id:"
	cat "$dump"
	exit 1
fi
echo "vcmctl dump $id, a sparse gp100 space: $(grep -c . "$dump") lines, SVG $(wc -c </tmp/space2.svg) bytes"

# Every space has gone with the script's device file.
vcmctl dump >"$dump"
grep -qx 'no spaces' "$dump"
