#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host tier: checks that need no VM, each building VCM the way a user or
# a kernel tree would: dkms (scripts/dkms.sh) against every installed
# Debian header set, and the in-tree series (scripts/intree.sh) in
# linux-source-6.12. Results in results/host.tap.part.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

mkdir -p "$RESULTS"
rm -f "$RESULTS/host.tap.part" "$RESULTS"/host-*.log
rc=0
bash "$VCM_ROOT/scripts/dkms.sh" || rc=1
bash "$VCM_ROOT/scripts/intree.sh" || rc=1
exit "$rc"
