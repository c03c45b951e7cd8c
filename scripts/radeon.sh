#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make radeon: radeon.ko from Debian's linux-source-6.12 with the series in
# patches/radeon/ applied (scripts/lib-drv.sh: how it is built and cached).
set -euo pipefail
DRV=radeon
# shellcheck source=scripts/lib-drv.sh
source "$(dirname "$0")/lib-drv.sh"

# define_trace.h includes radeon_trace.h again as
# "../../drivers/gpu/drm/radeon/radeon_trace.h", a path that out of tree
# leads nowhere: the object that creates the trace points gets a directory
# two levels below the copy's root on its include path.
DRV_MAKE_ARGS=(CONFIG_DRM_RADEON=m "CFLAGS_radeon_trace_points.o=-I@TMP@/drivers/gpu")
drv_main "$0"
