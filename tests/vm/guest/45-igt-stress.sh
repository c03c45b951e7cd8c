#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vcm_stress, the IGT binary of long subtests (128 MiB copies under
# signals, the bind/copy/debugfs race), as a step of its own so that its
# time does not count against the rest of the IGT suite's.
VCM_IGT_BINS=/vcm/bin/vcm_stress VCM_IGT_QUIET=quiet-kernel-log-stress \
	exec sh "$(dirname "$0")/40-igt.sh"
