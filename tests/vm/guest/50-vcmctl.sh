#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcmctl against vcm_virt: the format table; per format a space whose
# copies go through its page tables, data checked from the CPU, and the
# faults its entries must raise; one space with three MMUs of three
# formats; the copy engine's corner cases; every uAPI refusal with its
# errno. vcmctl exits 1 on any mismatch, and so does this test. It is also
# what `make run` shows.
set -e
scripts=/vcm/scripts

# vcm_virt, unloaded again at the end if loaded here, and on a failure
# too, so that later tests find the modules as we did.
. "$(dirname "$0")/virt.inc"
trap virt_unload EXIT

echo "vcmctl formats (flags: the bind flags an entry records)"
vcmctl formats >/tmp/formats
sed 's/^/  /' /tmp/formats

# Per format, a script of five copies, and a table row of what each did:
# ok (then checked from the CPU) or the fault it raised, as the script
# expects. Space geometry as in the KUnit suites: 64 MiB at 0 for the small
# GARTs, 64 MiB at 256 MiB for 32-bit formats, else 2 GiB at 0. Buffers
# below 4 GiB for 32-bit physical addresses.
row='  %-16s %-5s %-4s %-5s | %-4s %-12s %-9s %-11s %s\n'
echo "vcmctl: per format, GPU copies through a space with binds rw, r-only and w-only:"
echo "  ok = copied and checked from the CPU, else the fault it raised, all as expected"
# shellcheck disable=SC2059
printf "$row" format start size bo copy "from unbound" "to r-only" "from w-only" \
	"after unbind"
tail -n +2 /tmp/formats | while read -r idx name va pa flags _; do
	start=0 size=2G bo=any
	if [ "$va" -lt 29 ]; then
		size=64M
	elif [ "$va" -le 32 ]; then
		start=256M size=64M
	fi
	[ "$pa" -gt 32 ] || bo=dma32
	{
		echo "space s $idx $start $size"
		echo "bo a 256K ${bo#any}"
		echo "fill a 0 64K pattern:$idx"
		echo "fill a 64K 192K 0"
		echo "reserve r s 1M align 64K"
		echo "bind r 0 a 0 64K rw"
		echo "bind r 64K a 64K 64K rw"
		echo "bind r 128K a 128K 64K r"
		echo "bind r 192K a 192K 64K w"
		echo "copy s r r+64K 64K"
		echo "check a 64K 64K pattern:$idx"
		echo "copy s r+512K r+64K 4K"
		echo "expect-fault invalid r+512K"
		# Entries that record w (r) refuse the write (read) the
		# binding does not allow; the others let it through.
		echo "copy s r r+128K 4K"
		case $flags in
		?w?) echo "expect-fault write r+128K" ;;
		*) echo "check a 128K 4K pattern:$idx" ;;
		esac
		echo "copy s r+192K r+64K 4K"
		case $flags in
		r??) echo "expect-fault read r+192K" ;;
		*) echo "check a 64K 4K 0" ;;
		esac
		echo "unbind r 0"
		echo "copy s r r+64K 4K"
		echo "expect-fault invalid r"
		echo "destroy s"
	} >/tmp/format.vcm
	printf '  %-16s ' "$name"
	res=$(vcmctl -q run /tmp/format.vcm)
	# shellcheck disable=SC2059,SC2086
	printf "${row#*s }" "$start" "$size" "$bo" $res
done

echo "vcmctl: one space, three MMUs ($scripts/mmus.vcm)"
vcmctl run "$scripts/mmus.vcm"

res=$(vcmctl -q run "$scripts/copies.vcm")
# shellcheck disable=SC2086
set -- $res
echo "vcmctl: copy engine corner cases ($scripts/copies.vcm): $# copies as expected"
n=$(grep -c '^expect-error' "$scripts/errors.vcm")
vcmctl -q run "$scripts/errors.vcm" >/dev/null
echo "vcmctl: uAPI refusals ($scripts/errors.vcm): $n documented errnos returned"

virt_unload
