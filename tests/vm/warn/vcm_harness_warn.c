// SPDX-License-Identifier: GPL-2.0
/*
 * VM-tier harness self-test: a module whose init WARNs on purpose, so that
 * scripts/vm.sh can check that its log parser notices kernel warnings.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init vcm_harness_warn_init(void)
{
	WARN(1, "vcm harness self-test\n");
	return 0;
}

static void __exit vcm_harness_warn_exit(void)
{
}

module_init(vcm_harness_warn_init);
module_exit(vcm_harness_warn_exit);
MODULE_DESCRIPTION("VCM VM-tier harness self-test: WARNs when loaded");
MODULE_LICENSE("GPL");
