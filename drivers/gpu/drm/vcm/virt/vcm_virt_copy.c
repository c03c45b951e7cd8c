// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_virt's MMU and copy engine.
 *
 * The MMU translates a GPU VA the way hardware would: by walking the page
 * tables of one MMU of the space with its format's decoder. The copy
 * engine first translates every 4 KiB page the copy touches, and touches
 * memory only when all of them allow the access. Each translation must
 * also agree with VCM's own records of the bindings, so that a wrong
 * table entry can never make the engine touch memory that is not bound.
 */

#include <linux/bits.h>
#include <linux/highmem.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>

#include <drm/drm_file.h>
#include <drm/drm_print.h>

#include "vcm_virt.h"

/* Largest copy, in bytes. */
#define VCM_VIRT_COPY_MAX	BIT_ULL(32)

/*
 * Can the page at @va be accessed for @need (DRM_VCM_READ or
 * DRM_VCM_WRITE) through @mmu? Returns a DRM_VCM_FAULT_* value.
 */
static u32 vcm_virt_mmu_check(struct vcm_virt_space *vs, unsigned int m,
			      u64 va, u32 need)
{
	struct drm_vcm_entry e;
	dma_addr_t addr, bound;
	u32 granted;
	int ret;

	ret = drm_vcm_mmu_translate(vs->mmus[m], va, &addr, &e);
	if (ret == -EIO)
		return DRM_VCM_FAULT_ADDRESS;
	if (ret || e.kind != DRM_VCM_ENTRY_PTE)
		return DRM_VCM_FAULT_INVALID;
	/* An access the format does not record is always granted. */
	granted = e.flags | ~vs->fmts[m]->entry_flags;
	if (need & ~granted)
		return need == DRM_VCM_READ ? DRM_VCM_FAULT_READ :
		       DRM_VCM_FAULT_WRITE;
	if (drm_vcm_translate(vs->vcm, va, &bound, NULL) || bound != addr)
		return DRM_VCM_FAULT_ADDRESS;
	return DRM_VCM_FAULT_NONE;
}

/*
 * Translate every page of [@start, @start + @size) for @need, up to the
 * page holding @limit. On a fault, set @fault and @addr to the reason and
 * the first faulting byte. Returns 0 or -ERESTARTSYS.
 */
static int vcm_virt_mmu_check_range(struct vcm_virt_space *vs, unsigned int m,
				    u64 start, u64 size, u32 need, u64 limit,
				    u32 *fault, u64 *addr)
{
	u64 va = round_down(start, VCM_VIRT_PAGE);
	u64 last = round_down(start + size - 1, VCM_VIRT_PAGE);

	*fault = DRM_VCM_FAULT_NONE;
	*addr = 0;
	for (;;) {
		if (va > limit)
			return 0;
		if (signal_pending(current))
			return -ERESTARTSYS;
		*fault = vcm_virt_mmu_check(vs, m, va, need);
		if (*fault) {
			*addr = max(va, start);
			return 0;
		}
		if (va == last)
			return 0;
		va += VCM_VIRT_PAGE;
		cond_resched();
	}
}

/* Copy @n bytes from @src to @dst, all in one 4 KiB page of each. */
static void vcm_virt_copy_chunk(struct vcm_virt_space *vs, u64 src, u64 dst,
				u32 n)
{
	dma_addr_t s, d;
	void *sp, *dp;

	/* Both are bound: the translation pass saw to it. */
	if (drm_vcm_translate(vs->vcm, src, &s, NULL) ||
	    drm_vcm_translate(vs->vcm, dst, &d, NULL))
		return;
	sp = kmap_local_page(pfn_to_page(PHYS_PFN(s)));
	dp = kmap_local_page(pfn_to_page(PHYS_PFN(d)));
	/* Source and destination may be the same page. */
	memmove(dp + offset_in_page(d), sp + offset_in_page(s), n);
	kunmap_local(dp);
	kunmap_local(sp);
}

/* Bytes from @va up to the next 4 KiB boundary. */
static u64 vcm_virt_to_boundary(u64 va)
{
	return VCM_VIRT_PAGE - (va & (VCM_VIRT_PAGE - 1));
}

/* Bytes from the last 4 KiB boundary up to @end. */
static u64 vcm_virt_from_boundary(u64 end)
{
	return ((end - 1) & (VCM_VIRT_PAGE - 1)) + 1;
}

/*
 * Copy through the records, in chunks that cross no page of either side;
 * backwards when the destination overlaps the source from above, so that
 * an overlapping copy behaves as memmove() would.
 */
static void vcm_virt_copy_range(struct vcm_virt_space *vs, u64 src, u64 dst,
				u64 size)
{
	u64 pos, n;

	if (dst > src && dst - src < size) {
		for (pos = size; pos; pos -= n) {
			n = min3(pos, vcm_virt_from_boundary(src + pos),
				 vcm_virt_from_boundary(dst + pos));
			vcm_virt_copy_chunk(vs, src + pos - n, dst + pos - n, n);
			cond_resched();
		}
		return;
	}
	for (pos = 0; pos < size; pos += n) {
		n = min3(size - pos, vcm_virt_to_boundary(src + pos),
			 vcm_virt_to_boundary(dst + pos));
		vcm_virt_copy_chunk(vs, src + pos, dst + pos, n);
		cond_resched();
	}
}

/**
 * vcm_virt_copy_ioctl - DRM_VCM_COPY: copy through GPU virtual addresses
 * @dev: the DRM device
 * @data: &struct drm_vcm_copy
 * @file: the DRM file
 *
 * Returns: 0 (the copy was done, or @data's fault fields say why not),
 * -EINVAL, -ENOENT, or -ERESTARTSYS when a signal came before anything was
 * copied.
 */
int vcm_virt_copy_ioctl(struct drm_device *dev, void *data,
			struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;
	struct drm_vcm_copy *args = data;
	struct vcm_virt_space *vs;
	u32 sfault, dfault;
	u64 saddr, daddr;
	int ret;

	if (args->flags)
		return -EINVAL;
	ret = mutex_lock_interruptible(&vf->lock);
	if (ret)
		return ret;
	vs = vcm_virt_space_lookup(file, args->space_id);
	if (!vs || args->mmu >= vs->nmmus) {
		ret = -ENOENT;
		goto out_unlock;
	}
	if (!args->size || args->size > VCM_VIRT_COPY_MAX ||
	    args->src + (args->size - 1) < args->src ||
	    args->dst + (args->size - 1) < args->dst) {
		ret = -EINVAL;
		goto out_unlock;
	}

	/* Pass 1: translate everything; report the lowest faulting VA. */
	ret = vcm_virt_mmu_check_range(vs, args->mmu, args->src, args->size,
				       DRM_VCM_READ, U64_MAX, &sfault, &saddr);
	if (ret)
		goto out_unlock;
	ret = vcm_virt_mmu_check_range(vs, args->mmu, args->dst, args->size,
				       DRM_VCM_WRITE, sfault ? saddr : U64_MAX,
				       &dfault, &daddr);
	if (ret)
		goto out_unlock;
	if (sfault && (!dfault || saddr <= daddr)) {
		args->fault = sfault;
		args->fault_addr = saddr;
	} else {
		args->fault = dfault;
		args->fault_addr = daddr;
	}

	/* Pass 2: every page allows the access; copy. */
	if (!args->fault)
		vcm_virt_copy_range(vs, args->src, args->dst, args->size);
	else
		drm_dbg(dev, "copy: fault %u at 0x%llx\n", args->fault,
			args->fault_addr);
out_unlock:
	mutex_unlock(&vf->lock);
	return ret;
}
