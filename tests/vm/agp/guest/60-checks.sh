#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# One result per check vcm_agp_test logged ("vcm_agp: ok N name"), as
# "VCMTEST ok check/name" markers; a check run more than once counts as
# failed if it failed once. Fails if there is none or one failed.
dmesg | awk '
match($0, /vcm_agp: (not ok|ok) [0-9]+ [^ ]+$/) {
	s = substr($0, RSTART + 9)
	r = (s ~ /^not ok /) ? "not ok" : "ok"
	n = s
	sub(/^(not ok|ok) [0-9]+ /, "", n)
	print "VCMTEST " r " check/" n
	if (r == "ok") ok++; else bad++
}
END { exit (ok > 0 && !bad) ? 0 : 1 }'
