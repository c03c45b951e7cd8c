// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM PFN maps: binding an array of pages given one by one, each present
 * or not, writable or not (HMM/SVM style), in one request.
 */

#include <linux/export.h>
#include <linux/list.h>
#include <linux/mm.h>

#include "vcm_internal.h"
#include "vcm_trace.h"

/* The pages of @pfns as runs: consecutive present pages of one access. */
static unsigned long vcm_pfn_runs(const u64 *pfns, unsigned long npages,
				  unsigned long *nvalid)
{
	unsigned long i, runs = 0;

	*nvalid = 0;
	for (i = 0; i < npages; i++) {
		if (!(pfns[i] & DRM_VCM_PFN_VALID))
			continue;
		(*nvalid)++;
		if (!i || !(pfns[i - 1] & DRM_VCM_PFN_VALID) ||
		    (pfns[i - 1] ^ pfns[i]) & DRM_VCM_PFN_WRITE)
			runs++;
	}
	return runs;
}

/* Backing memory for the present pages of @pfns, in order. */
static struct drm_vcm_mem *vcm_pfn_mem(const u64 *pfns, unsigned long npages,
				       unsigned long nvalid, struct device *dev,
				       enum drm_vcm_location loc)
{
	struct drm_vcm_mem *mem;
	unsigned long i, n = 0;
	dma_addr_t *addrs;

	addrs = vcm_kvzalloc(nvalid * sizeof(*addrs));
	if (!addrs)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < npages; i++)
		if (pfns[i] & DRM_VCM_PFN_VALID)
			addrs[n++] = pfns[i] & DRM_VCM_PFN_ADDR;
	mem = drm_vcm_mem_from_pages(dev, addrs, nvalid, loc);
	vcm_kvfree(addrs);
	return mem;
}

/*
 * One binding per run of @pfns into @res from @start, into @bs; they take
 * no reference on @mem yet.
 */
static int vcm_pfn_bindings(struct drm_vcm_res *res, u64 start,
			    const u64 *pfns, unsigned long npages,
			    struct drm_vcm_mem *mem, u32 flags,
			    struct drm_vcm_binding **bs)
{
	struct drm_vcm_binding *b = NULL;
	unsigned long i, r = 0, done = 0;

	for (i = 0; i < npages; i++) {
		if (!(pfns[i] & DRM_VCM_PFN_VALID)) {
			b = NULL;
			continue;
		}
		if (b && !((pfns[i - 1] ^ pfns[i]) & DRM_VCM_PFN_WRITE)) {
			b->node.size += PAGE_SIZE;
			done++;
			continue;
		}
		b = vcm_kzalloc_gfp(sizeof(*b), vcm_gfp(res->vcm));
		if (!b)
			return -ENOMEM;
		bs[r++] = b;
		b->res = res;
		b->mem = mem;
		b->offset = (u64)done << PAGE_SHIFT;
		b->flags = flags;
		if (pfns[i] & DRM_VCM_PFN_WRITE)
			b->flags |= DRM_VCM_WRITE;
		b->node.start = start + ((u64)i << PAGE_SHIFT);
		b->node.size = PAGE_SIZE;
		done++;
	}
	return 0;
}

/* Take the bindings' ranges in the binding tree, all or none: -EBUSY. */
static int vcm_pfn_reserve(struct drm_vcm *vcm, struct drm_vcm_binding **bs,
			   unsigned long nruns)
{
	unsigned long r;

	for (r = 0; r < nruns; r++) {
		if (drm_mm_reserve_node(&vcm->bound, &bs[r]->node)) {
			while (r--)
				drm_mm_remove_node(&bs[r]->node);
			return -EBUSY;
		}
	}
	return 0;
}

/* Prepare every run in every MMU, then write them; one flush. */
static int vcm_pfn_commit(struct drm_vcm *vcm, struct drm_vcm_binding **bs,
			  unsigned long nruns, u64 start, u64 size, u32 flags)
{
	struct drm_vcm_mmu *mmu;
	struct vcm_req req;
	unsigned long r;
	int ret;

	list_for_each_entry(mmu, &vcm->mmus, link) {
		for (r = 0; r < nruns; r++) {
			vcm_req_init(&req, bs[r]);
			ret = vcm_pt_prepare(mmu, &req);
			if (ret)
				goto err;
		}
	}
	list_for_each_entry(mmu, &vcm->mmus, link) {
		for (r = 0; r < nruns; r++) {
			vcm_req_init(&req, bs[r]);
			vcm_pt_map(mmu, &req);
		}
	}
	trace_vcm_bind(vcm->id, start, size, flags,
		       list_count_nodes(&vcm->mmus));
	vcm_flush(vcm, start, size);
	return 0;

err:
	list_for_each_entry(mmu, &vcm->mmus, link)
		vcm_pt_abort(mmu);
	return ret;
}

/**
 * drm_vcm_bind_pfns - bind pages given one by one, some of them absent
 * @res: the reservation
 * @res_offset: where in @res the first page goes, a multiple of PAGE_SIZE
 * @pfns: @npages elements: a page's address (a multiple of PAGE_SIZE, of
 *	the kind @dev says) ORed with %DRM_VCM_PFN_VALID for a present page
 *	and %DRM_VCM_PFN_WRITE for a writable one; an element without
 *	%DRM_VCM_PFN_VALID is an absent page
 * @npages: elements in @pfns, non-zero
 * @dev: the device for which the addresses are DMA addresses, or NULL for
 *	CPU physical addresses (see drm_vcm_mem_from_pages())
 * @loc: where the pages live
 * @flags: bind flags for every present page, without %DRM_VCM_WRITE,
 *	which comes from each element
 *
 * The mirror of a CPU range (HMM, SVM) as nouveau's ``pfn`` map does it:
 * present pages are bound, absent ones stay unbound (invalid, or sparse
 * in a sparse reservation) and hold nothing. Each run of present pages
 * of one access becomes one binding of one backing memory made for the
 * call, which the bindings hold (the pages themselves belong to the
 * caller, as for drm_vcm_mem_from_pages()). When the CPU side invalidates
 * part of the range, drm_vcm_unbind_range() unbinds it, and a later
 * drm_vcm_bind_pfns() binds what is present then. Every table is
 * allocated before the first entry is written and each MMU is flushed
 * once, over the whole range.
 *
 * Returns: 0 (also when no page is present); -EINVAL for a misaligned
 * offset or address, an unknown bit in an element or a bad flag, or
 * memory an attached format cannot map; -ERANGE if the range is not
 * inside @res, or an address is one an attached format cannot hold;
 * -EXDEV as for drm_vcm_bind(); -EBUSY if a present page's range is
 * bound already; -EOPNOTSUPP while an external MMU (&drm_vcm_mmu_ops.map)
 * is attached; -ENOMEM, -ENOSPC or -EDQUOT as for drm_vcm_bind(). On
 * error nothing has changed.
 */
int drm_vcm_bind_pfns(struct drm_vcm_res *res, u64 res_offset,
		      const u64 *pfns, unsigned long npages,
		      struct device *dev, enum drm_vcm_location loc, u32 flags)
{
	struct drm_vcm *vcm = res->vcm;
	unsigned long i, nvalid, nruns;
	struct drm_vcm_binding **bs;
	struct drm_vcm_mem *mem;
	struct drm_vcm_mmu *mmu;
	u64 start, size;
	int ret;

	if (!npages || npages > U32_MAX || !IS_ALIGNED(res_offset, PAGE_SIZE))
		return -EINVAL;
	if (flags & (DRM_VCM_WRITE | (GENMASK(15, 0) & ~DRM_VCM_COMMON_FLAGS)))
		return -EINVAL;
	for (i = 0; i < npages; i++)
		if (pfns[i] & ~(DRM_VCM_PFN_ADDR | DRM_VCM_PFN_VALID |
				DRM_VCM_PFN_WRITE))
			return -EINVAL;
	size = (u64)npages << PAGE_SHIFT;
	if (!vcm_within(res_offset, size, 0, res->node.size))
		return -ERANGE;
	start = res->node.start + res_offset;
	nruns = vcm_pfn_runs(pfns, npages, &nvalid);
	if (!nvalid)
		return 0;

	mem = vcm_pfn_mem(pfns, npages, nvalid, dev, loc);
	if (IS_ERR(mem))
		return PTR_ERR(mem);
	ret = -ENOMEM;
	bs = vcm_kvzalloc(nruns * sizeof(*bs));
	if (!bs)
		goto out_mem;
	ret = vcm_pfn_bindings(res, start, pfns, npages, mem, flags, bs);
	if (ret)
		goto out_free;

	mutex_lock(&vcm->lock);
	list_for_each_entry(mmu, &vcm->mmus, link) {
		ret = vcm_mmu_external(mmu) ? -EOPNOTSUPP :
		      vcm_mmu_accepts(mmu, mem, flags | DRM_VCM_WRITE,
				      &bs[0]->attr);
		if (ret)
			goto out_unlock;
	}
	ret = vcm_pfn_reserve(vcm, bs, nruns);
	if (ret)
		goto out_unlock;
	ret = vcm_pfn_commit(vcm, bs, nruns, start, size, flags);
	if (ret) {
		for (i = 0; i < nruns; i++)
			drm_mm_remove_node(&bs[i]->node);
		goto out_unlock;
	}
	for (i = 0; i < nruns; i++)
		drm_vcm_mem_get(mem);
	res->nbound += nruns;
	vcm->stats.bound += (u64)nvalid << PAGE_SHIFT;
	vcm->stats.binds++;
	mutex_unlock(&vcm->lock);
	/* The bindings are the space's now. */
	vcm_kvfree(bs);
	drm_vcm_mem_put(mem);
	return 0;

out_unlock:
	mutex_unlock(&vcm->lock);
out_free:
	for (i = 0; i < nruns; i++)
		vcm_kfree(bs[i]);
	vcm_kvfree(bs);
out_mem:
	drm_vcm_mem_put(mem);
	return ret;
}
EXPORT_SYMBOL_GPL(drm_vcm_bind_pfns);
