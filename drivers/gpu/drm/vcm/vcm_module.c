// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm.ko's load and unload, the top of the module: checks the built-in
 * formats, then brings up the pools, debugfs and the DMA-API ops, each a
 * layer below this file; unload takes them down in reverse.
 */

#include <linux/bug.h>
#include <linux/module.h>

#include "vcm_compat.h"
#include "vcm_internal.h"

static int __init vcm_init(void)
{
	const struct drm_vcm_format *fmt;
	unsigned int i;
	int ret;

	for (i = 0; (fmt = drm_vcm_format_get(i)); i++)
		if (WARN(vcm_format_check(fmt), "vcm: bad format %s\n",
			 fmt->name))
			return -EINVAL;
	ret = vcm_pools_init();
	if (ret)
		return ret;
	vcm_debugfs_init();
	ret = vcm_dma_ops_init();
	if (ret) {
		vcm_debugfs_fini();
		vcm_pools_fini();
	}
	return ret;
}

static void __exit vcm_exit(void)
{
	vcm_dma_ops_fini();
	vcm_debugfs_fini();
	vcm_pools_fini();
}

module_init(vcm_init);
module_exit(vcm_exit);

MODULE_DESCRIPTION("VCM: one GART / GPU-VM page-table layer for DRM");
MODULE_LICENSE("Dual MIT/GPL");
