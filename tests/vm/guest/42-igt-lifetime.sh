#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The IGT binaries of lifetimes and reservations, and vcm_unload, as a step
# of their own (see 40-igt.sh).
VCM_IGT_BINS="/vcm/bin/vcm_lifetime /vcm/bin/vcm_reserve /vcm/bin/vcm_unload" \
	VCM_IGT_QUIET=quiet-kernel-log-lifetime \
	exec sh "$(dirname "$0")/40-igt.sh"
