/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Every difference between the kernel versions VCM builds against
 * (Debian's 6.1 and 6.12) lives here and nowhere else.
 */
#ifndef __VCM_COMPAT_H__
#define __VCM_COMPAT_H__

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#include <kunit/visibility.h>
#else
#define EXPORT_SYMBOL_IF_KUNIT(sym)
#define VISIBLE_IF_KUNIT static
#endif

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define VCM_IMPORT_NS(ns)	MODULE_IMPORT_NS(#ns)
#else
#define VCM_IMPORT_NS(ns)	MODULE_IMPORT_NS(ns)
#endif

#endif /* __VCM_COMPAT_H__ */
