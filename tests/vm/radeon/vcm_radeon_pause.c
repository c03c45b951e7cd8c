// SPDX-License-Identifier: GPL-2.0
/*
 * Test harness of the VM tier's radeon boot (tests/vm/radeon): holds a
 * driver at its first teardown call into VCM, so that the guest can read
 * the driver's GART space in debugfs while every binding still lives.
 *
 * radeon on QEMU's rv100 creates its GART space, binds the writeback and
 * ring pages, fails the CP ring test and tears it all down again within
 * one probe: there is no moment a reader could count on. Armed, this
 * module diverts the next call of drm_vcm_unbind(), drm_vcm_unreserve(),
 * drm_vcm_mmu_detach() or drm_vcm_destroy(), whichever comes first, through
 * ftrace to a wrapper that sleeps, in the caller's (process) context and
 * before VCM takes any lock, until the guest releases it or 60 s pass;
 * then it makes the call the driver made. Nothing of the driver is
 * changed or parameterised.
 *
 * Parameter "pause" (root, read-write):
 *   write "arm"      hold the next teardown call
 *   write "release"  let the held call go on
 *   read             "idle", "armed", "paused <function>", "released
 *                    <function>" or "timeout <function>"
 * Parameter "peek" (root, read-write): write a DMA address, read the
 * VRP_PEEK_WORDS 32-bit words of RAM there, in hex. The guest has no IOMMU, so a DMA
 * address is the physical address; anything but RAM is -EINVAL.
 */

#define pr_fmt(fmt) "vcm_radeon_pause: " fmt

#include <linux/completion.h>
#include <linux/ftrace.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include <drm/drm_vcm.h>

enum vrp_state { VRP_IDLE, VRP_ARMED, VRP_PAUSED, VRP_RELEASED, VRP_TIMEOUT };

static const char *const vrp_state_name[] = {
	"idle", "armed", "paused", "released", "timeout",
};

static atomic_t vrp_state = ATOMIC_INIT(VRP_IDLE);
static const char *vrp_where = "";
static DECLARE_COMPLETION(vrp_release);

/* Sleep until released if armed; only the first caller after arming. */
static void vrp_hold(const char *where)
{
	if (atomic_cmpxchg(&vrp_state, VRP_ARMED, VRP_PAUSED) != VRP_ARMED)
		return;
	vrp_where = where;
	pr_info("paused at %s\n", where);
	if (wait_for_completion_timeout(&vrp_release, 60 * HZ)) {
		atomic_set(&vrp_state, VRP_RELEASED);
		pr_info("released at %s\n", where);
	} else {
		atomic_set(&vrp_state, VRP_TIMEOUT);
		pr_warn("not released within 60 s at %s; going on\n", where);
	}
}

/*
 * The wrappers the diverted calls land in. Each calls the real function,
 * which ftrace then lets through (the caller is this module); the counter
 * after the call keeps it from becoming a tail call, whose return address
 * would be the driver's again.
 */
static unsigned long vrp_calls;

static int vrp_unbind(struct drm_vcm_res *res, u64 res_offset)
{
	int ret;

	vrp_hold("drm_vcm_unbind");
	ret = drm_vcm_unbind(res, res_offset);
	WRITE_ONCE(vrp_calls, vrp_calls + 1);
	return ret;
}

static int vrp_unreserve(struct drm_vcm_res *res)
{
	int ret;

	vrp_hold("drm_vcm_unreserve");
	ret = drm_vcm_unreserve(res);
	WRITE_ONCE(vrp_calls, vrp_calls + 1);
	return ret;
}

static void vrp_detach(struct drm_vcm_mmu *mmu)
{
	vrp_hold("drm_vcm_mmu_detach");
	drm_vcm_mmu_detach(mmu);
	WRITE_ONCE(vrp_calls, vrp_calls + 1);
}

static int vrp_destroy(struct drm_vcm *vcm)
{
	int ret;

	vrp_hold("drm_vcm_destroy");
	ret = drm_vcm_destroy(vcm);
	WRITE_ONCE(vrp_calls, vrp_calls + 1);
	return ret;
}

struct vrp_hook {
	struct ftrace_ops ops;
	unsigned long target;
	unsigned long wrapper;
	bool on;
};

static void notrace vrp_ftrace(unsigned long ip, unsigned long parent_ip,
			       struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct vrp_hook *h = container_of(op, struct vrp_hook, ops);

	if (atomic_read(&vrp_state) == VRP_ARMED &&
	    !within_module(parent_ip, THIS_MODULE))
		ftrace_regs_set_instruction_pointer(fregs, h->wrapper);
}

#define VRP_HOOK(fn, wrap) {						\
	.ops = { .func = vrp_ftrace,					\
		 .flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY }, \
	.target = (unsigned long)(fn),					\
	.wrapper = (unsigned long)(wrap),				\
}

static struct vrp_hook vrp_hooks[] = {
	VRP_HOOK(drm_vcm_unbind, vrp_unbind),
	VRP_HOOK(drm_vcm_unreserve, vrp_unreserve),
	VRP_HOOK(drm_vcm_mmu_detach, vrp_detach),
	VRP_HOOK(drm_vcm_destroy, vrp_destroy),
};

static int vrp_pause_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, "arm")) {
		int s = atomic_read(&vrp_state);

		if (s == VRP_ARMED || s == VRP_PAUSED)
			return -EBUSY;
		reinit_completion(&vrp_release);
		atomic_set(&vrp_state, VRP_ARMED);
		return 0;
	}
	if (sysfs_streq(val, "release")) {
		complete(&vrp_release);
		return 0;
	}
	return -EINVAL;
}

static int vrp_pause_get(char *buf, const struct kernel_param *kp)
{
	int s = atomic_read(&vrp_state);

	if (s == VRP_IDLE || s == VRP_ARMED)
		return sysfs_emit(buf, "%s\n", vrp_state_name[s]);
	return sysfs_emit(buf, "%s %s\n", vrp_state_name[s], vrp_where);
}

static const struct kernel_param_ops vrp_pause_ops = {
	.set = vrp_pause_set,
	.get = vrp_pause_get,
};
module_param_cb(pause, &vrp_pause_ops, NULL, 0600);
MODULE_PARM_DESC(pause, "arm | release; reads the state");

#define VRP_PEEK_WORDS 32
static u64 vrp_peek_addr;

static int vrp_peek_set(const char *val, const struct kernel_param *kp)
{
	u64 addr;
	int ret = kstrtou64(val, 0, &addr);

	if (ret)
		return ret;
	if (!IS_ALIGNED(addr, VRP_PEEK_WORDS * 4) || !pfn_valid(PHYS_PFN(addr)) ||
	    !page_is_ram(PHYS_PFN(addr)))
		return -EINVAL;
	vrp_peek_addr = addr;
	return 0;
}

static int vrp_peek_get(char *buf, const struct kernel_param *kp)
{
	u32 *p, w[VRP_PEEK_WORDS];
	int i, n = 0;

	if (!vrp_peek_addr)
		return -ENODATA;
	p = kmap_local_pfn(PHYS_PFN(vrp_peek_addr));
	memcpy(w, p + offset_in_page(vrp_peek_addr) / 4, sizeof(w));
	kunmap_local(p);
	for (i = 0; i < VRP_PEEK_WORDS; i++)
		n += sysfs_emit_at(buf, n, "0x%08x%c", w[i],
				   i + 1 < VRP_PEEK_WORDS ? ' ' : '\n');
	return n;
}

static const struct kernel_param_ops vrp_peek_ops = {
	.set = vrp_peek_set,
	.get = vrp_peek_get,
};
module_param_cb(peek, &vrp_peek_ops, NULL, 0600);
MODULE_PARM_DESC(peek, "a DMA (= physical) address of RAM; reads 32 words there");

static void vrp_unhook(void)
{
	struct vrp_hook *h;

	for (h = vrp_hooks; h < vrp_hooks + ARRAY_SIZE(vrp_hooks); h++) {
		if (!h->on)
			continue;
		unregister_ftrace_function(&h->ops);
		ftrace_set_filter_ip(&h->ops, h->target, 1, 0);
		h->on = false;
	}
}

static int __init vrp_init(void)
{
	struct vrp_hook *h;
	int ret;

	for (h = vrp_hooks; h < vrp_hooks + ARRAY_SIZE(vrp_hooks); h++) {
		ret = ftrace_set_filter_ip(&h->ops, h->target, 0, 0);
		if (!ret) {
			ret = register_ftrace_function(&h->ops);
			if (ret)
				ftrace_set_filter_ip(&h->ops, h->target, 1, 0);
		}
		if (ret) {
			pr_err("cannot hook %ps: %d\n", (void *)h->target, ret);
			vrp_unhook();
			return ret;
		}
		h->on = true;
	}
	return 0;
}

static void __exit vrp_exit(void)
{
	/* A held caller must not sleep in code that is about to go. */
	complete_all(&vrp_release);
	vrp_unhook();
}

module_init(vrp_init);
module_exit(vrp_exit);
MODULE_DESCRIPTION("VM-tier harness: hold a driver at its first VCM teardown call");
MODULE_LICENSE("GPL");
