#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make nouveau: nouveau.ko from Debian's linux-source-6.12 with the series
# in patches/nouveau/ applied (scripts/lib-drv.sh: how it is built and
# cached).
set -euo pipefail
DRV=nouveau
# shellcheck source=scripts/lib-drv.sh
source "$(dirname "$0")/lib-drv.sh"

DRV_MAKE_ARGS=(CONFIG_DRM_NOUVEAU=m)
drv_main "$0"
