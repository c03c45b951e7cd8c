// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM trace events: the one place their code is generated.
 */

#define CREATE_TRACE_POINTS
#include "vcm_trace.h"
