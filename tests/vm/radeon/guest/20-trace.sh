#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What VCM's trace events recorded of the first load, for a converted
# radeon.ko (skipped, with the reason, for stock radeon): radeon's GART
# space appears with its r100-pci table at the address radeon prints
# ("PCI GART of ... (table at ...)") and of 4 bytes per GPU page; the
# fence/writeback page and the ring are bound at the GTT addresses radeon
# prints, each bind followed by exactly one flush of its range; every bind
# is unbound again, and the table freed last (VCM has no event of its own
# for creating or destroying a space: the table's allocation and release
# are the first and last events of the space). When the harness released
# radeon, the space was gone from debugfs by the end of the load.
. "$(dirname "$0")/radeon.inc"
names="trace/space-created trace/bind-fence trace/bind-ring \
trace/one-flush-per-bind trace/unbinds trace/destroyed harness/held \
debugfs/space-gone"
if ! converted; then
	why="radeon.ko is not converted (modinfo depends: $(modinfo -F depends "$(radeon_ko)"))"
	[ "$mode" = built ] || why="stock radeon.ko: the reference boot"
	for n in $names; do
		mark skip "$n" "$why"
	done
	exit 0
fi
fail=0
hex() { printf '0x%x' "$1"; }
dm=$out/dmesg
table=$(sed -n 's/.*PCI GART of [0-9]*M enabled (table at \(0x[0-9A-Fa-f]*\)).*/\1/p' "$dm")
gpages=$(sed -n 's/.*GART: num cpu pages [0-9]*, num gpu pages \([0-9]*\).*/\1/p' "$dm")
fence=$(sed -n 's/.*fence driver on ring 0 use gpu addr \(0x[0-9a-fA-F]*\).*/\1/p' "$dm")
ring=$(sed -n 's/.*radeon: ring at \(0x[0-9A-Fa-f]*\).*/\1/p' "$dm")
id=$(cat "$out/space" 2>/dev/null)
echo "radeon printed: table $table, $gpages GPU pages, fence $fence, ring $ring; space ${id:-none}"
check harness/held "the harness did not hold radeon with its space live" \
	[ -n "$id" ] || fail=1
[ -n "$id" ] || id=none
# The space's events, in order, as "event key=value...".
sed -n "s/.* \(vcm_[a-z_]*\): space=$id \(.*\)/\1 \2/p" "$out/trace" >"$out/events"
echo "$(wc -l <"$out/events") events of space $id"
check trace/space-created "no table_alloc of $((gpages * 4)) bytes at $table first" \
	awk -v t="$(hex "$table")" -v b="$((gpages * 4))" 'NR == 1 {
		ok = $1 == "vcm_table_alloc" && $4 == "addr=" t && $5 == "bytes=" b
	} END { exit !ok }' "$out/events" || fail=1
# bound RANGE-NAME ADDR: the bind whose range holds ADDR
bound() {
	awk -v a="$(($2))" '$1 == "vcm_bind" {
		split($2, v, "="); split($3, s, "=")
		va = v[2] + 0; sz = s[2] + 0
		if (va <= a && a < va + sz) { print; exit }
	}' "$out/events"
}
b=$(bound fence "$fence")
check trace/bind-fence "no bind holds the fence address $fence" [ -n "$b" ] || fail=1
echo "  fence: $b"
b=$(bound ring "$ring")
check trace/bind-ring "no bind starts at the ring address $ring" \
	[ "${b#vcm_bind va=$(hex "$ring") }" != "$b" ] || fail=1
echo "  ring: $b"
# Every bind and unbind is followed by one flush of its range, on MMU 0,
# and by no second flush.
check trace/one-flush-per-bind "a bind or unbind without exactly one flush of its range" \
	awk '
	function done() { if (want != "" && n != 1) bad = 1 }
	$1 == "vcm_bind" || $1 == "vcm_unbind" {
		done(); split($2, v, "="); split($3, s, "=")
		want = "start=" v[2] " size=" s[2]; n = 0; binds++
		next
	}
	$1 == "vcm_flush" { if ($2 != "mmu=0" || $3 " " $4 != want) bad = 1; n++; next }
	{ done(); want = "" }
	END { done(); exit bad || !binds }' "$out/events" || fail=1
check trace/unbinds "not every bind was unbound (same range)" \
	awk '$1 == "vcm_bind" { b[$2 " " $3]++; nb++ }
	$1 == "vcm_unbind" { u[$2 " " $3]++ }
	END { for (k in b) if (u[k] != b[k]) bad = 1; exit bad || !nb }' "$out/events" || fail=1
check trace/destroyed "the table at $table is not freed as the space's last event" \
	awk -v t="$(hex "$table")" 'END {
		exit !($1 == "vcm_table_free" && $4 == "addr=" t && $6 == "tables=0")
	}' "$out/events" || fail=1
check debugfs/space-gone "a VCM space is left after the first load" no_spaces || fail=1
[ "$fail" = 0 ] || { cat "$out/events"; exit 1; }
