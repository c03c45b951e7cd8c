#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run every test tier (static, host, kunit, vm), carry on past failures, and
# assemble results/check.tap. The last line printed is the total
# "N passed, M failed"; exit status is non-zero if M > 0 or N = 0.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

ensure_deps
cd "$VCM_ROOT"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.part "$RESULTS/check.tap"

TIERS=(static host kunit vm)
for t in "${TIERS[@]}"; do
	log "== $t"
	start=$SECONDS
	rc=0
	bash "scripts/$t.sh" || rc=$?
	log "== $t: exit $rc after $((SECONDS - start)) s"
	part=$RESULTS/$t.tap.part
	if ! grep -Eqs '^(not )?ok ' "$part"; then
		tap_result "$part" 0 "$t/run"
	elif [ "$rc" != 0 ] && ! grep -q '^not ok ' "$part"; then
		# Failed, yet reported only passes: do not let that pass.
		tap_result "$part" 0 "$t/exit-status"
	fi
done

# count FILE...: "P F S" = passed, failed, skipped TAP lines.
count() {
	cat "$@" | awk '/^(not )?ok / {
		if (/# SKIP/) s++; else if (/^ok /) p++; else f++ }
		END { print p + 0, f + 0, s + 0 }'
}

# summary P F S: "P passed, F failed[, S skipped]".
summary() {
	echo -n "$1 passed, $2 failed"
	[ "$3" = 0 ] && echo || echo ", $3 skipped"
}

parts=()
for t in "${TIERS[@]}"; do
	parts+=("$RESULTS/$t.tap.part")
done
{
	echo "TAP version 13"
	echo "1..$(cat "${parts[@]}" | grep -Ec '^(not )?ok ')"
	cat "${parts[@]}" | awk '/^(not )?ok / {
		st = /^ok / ? "ok" : "not ok"
		printf "%s %d - %s\n", st, ++n, substr($0, length(st) + 2) }'
} > "$RESULTS/check.tap"

grep '^not ok ' "$RESULTS/check.tap" || true
for t in "${TIERS[@]}"; do
	read -r p f s < <(count "$RESULTS/$t.tap.part")
	echo "$t: $(summary "$p" "$f" "$s")"
done
read -r p f s < <(count "${parts[@]}")
[ "$s" = 0 ] || echo "($s skipped)"
# The very last line, exactly as CI reads it.
echo "$p passed, $f failed"
[ "$f" = 0 ] && [ "$p" != 0 ]
