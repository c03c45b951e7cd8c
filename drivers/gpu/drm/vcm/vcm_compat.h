/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Every difference between the kernels VCM builds against (Debian's 6.1
 * and 6.12, and the 6.12 source the KUnit tier overlays) lives here and
 * nowhere else. Differences are detected by feature, not by version
 * number.
 */
#ifndef __VCM_COMPAT_H__
#define __VCM_COMPAT_H__

#include <linux/export.h>

/*
 * kunit/visibility.h (6.2 and later) exports test-only symbols into a
 * namespace of their own; before it, a plain GPL export does the job.
 */
#if __has_include("kunit/visibility.h")
#include <kunit/visibility.h>
#else
#define EXPORT_SYMBOL_IF_KUNIT(symbol) EXPORT_SYMBOL_GPL(symbol)
#endif

#endif /* __VCM_COMPAT_H__ */
