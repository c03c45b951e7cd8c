// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM sparse reservations: the core's side (drm_vcm_res_sparse(), and
 * what attaching an MMU and giving a reservation back do about them). The
 * engine's side is vcm_pt_sparse.c.
 */

#include <linux/bug.h>
#include <linux/export.h>

#include "vcm_internal.h"

/* Can @mmu hold sparse entries? */
static int vcm_mmu_sparse_ok(const struct drm_vcm_mmu *mmu)
{
	if (vcm_mmu_external(mmu) || !mmu->format ||
	    !(mmu->format->flags & DRM_VCM_FMT_SPARSE))
		return -EOPNOTSUPP;
	return 0;
}

/* Tables for both edges of @res in @mmu; on error, vcm_pt_abort(). */
static int vcm_sparse_prepare(struct drm_vcm_mmu *mmu,
			      const struct drm_vcm_res *res)
{
	int ret;

	if (mmu->sparse)	/* everything is sparse there already */
		return 0;
	ret = vcm_pt_sparse_prepare(mmu, res->node.start);
	if (ret)
		return ret;
	return vcm_pt_sparse_prepare(mmu, res->node.start + res->node.size);
}

/*
 * Make @res sparse or not, with the space lock held and nothing bound in
 * it. Cannot fail when @sparse is false.
 */
static int vcm_res_set_sparse(struct drm_vcm_res *res, bool sparse)
{
	struct drm_vcm *vcm = res->vcm;
	u64 start = res->node.start, size = res->node.size;
	struct drm_vcm_mmu *mmu;
	int ret;

	res->sparse = sparse;
	if (sparse) {
		vcm->nsparse++;
		list_for_each_entry(mmu, &vcm->mmus, link) {
			ret = vcm_sparse_prepare(mmu, res);
			if (ret)
				goto err;
		}
	}
	list_for_each_entry(mmu, &vcm->mmus, link)
		vcm_pt_restate(mmu, start, size);
	if (!sparse)
		vcm->nsparse--;
	vcm_flush(vcm, start, size);
	list_for_each_entry(mmu, &vcm->mmus, link)
		vcm_pt_release(mmu);
	return 0;

err:
	list_for_each_entry(mmu, &vcm->mmus, link)
		vcm_pt_abort(mmu);
	res->sparse = false;
	vcm->nsparse--;
	return ret;
}

/**
 * drm_vcm_res_sparse - make a reservation's unbound addresses sparse
 * @res: the reservation, with nothing bound in it
 * @sparse: sparse, or back to invalid
 *
 * Where nothing is bound in a sparse reservation, every attached MMU's
 * device reads zeros and drops writes instead of faulting, as nouveau's
 * sparse VMAs do for Vulkan's sparse residency. Binds, unbinds, range
 * unbinds and rebinds inside it are as anywhere else, except that what
 * they leave unbound reads sparse again. The state is written at the
 * highest level that can hold it: a sparse range costs tables only at
 * its two ends, which it keeps until it is no longer sparse. Each MMU is
 * flushed once. drm_vcm_unreserve() of a sparse reservation makes it
 * invalid first.
 *
 * Returns: 0 (also when @res already is as asked); -EBUSY if something is
 * bound in @res; -EOPNOTSUPP if an attached MMU cannot hold the sparse
 * state (its format lacks %DRM_VCM_FMT_SPARSE, or it is external);
 * -ENOMEM, -ENOSPC or -EDQUOT as for drm_vcm_bind() when a table for an
 * end cannot be allocated. On error nothing has changed.
 */
int drm_vcm_res_sparse(struct drm_vcm_res *res, bool sparse)
{
	struct drm_vcm *vcm = res->vcm;
	struct drm_vcm_mmu *mmu;
	int ret = 0;

	mutex_lock(&vcm->lock);
	if (res->sparse == sparse)
		goto out;
	ret = -EBUSY;
	if (res->nbound)
		goto out;
	list_for_each_entry(mmu, &vcm->mmus, link) {
		ret = vcm_mmu_sparse_ok(mmu);
		if (ret)
			goto out;
	}
	ret = vcm_res_set_sparse(res, sparse);
out:
	mutex_unlock(&vcm->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(drm_vcm_res_sparse);

/**
 * vcm_res_unsparse - make a reservation being given back invalid again
 * @res: the reservation, nothing bound in it; the space lock held
 */
void vcm_res_unsparse(struct drm_vcm_res *res)
{
	if (res->sparse)
		WARN_ON(vcm_res_set_sparse(res, false));
}

/**
 * vcm_sparse_attach_prepare - allocate what a new MMU needs for the
 *	space's sparse reservations
 * @vcm: the space, locked
 * @mmu: the MMU being attached, with its top table
 *
 * Returns: 0, -EOPNOTSUPP if the space has sparse reservations and @mmu
 * cannot hold the sparse state, or a table allocation's error; on error
 * the caller calls vcm_pt_abort().
 */
int vcm_sparse_attach_prepare(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu)
{
	struct drm_mm_node *node;
	int ret;

	if (!vcm->nsparse)
		return 0;
	ret = vcm_mmu_sparse_ok(mmu);
	if (ret)
		return ret;
	drm_mm_for_each_node(node, &vcm->va) {
		struct drm_vcm_res *res =
			container_of(node, struct drm_vcm_res, node);

		if (!res->sparse)
			continue;
		ret = vcm_sparse_prepare(mmu, res);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * vcm_sparse_attach_commit - write a new MMU's sparse reservations
 * @vcm: the space, locked
 * @mmu: the MMU, prepared by vcm_sparse_attach_prepare() and mapped
 */
void vcm_sparse_attach_commit(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu)
{
	struct drm_mm_node *node;

	if (!vcm->nsparse)
		return;
	drm_mm_for_each_node(node, &vcm->va) {
		struct drm_vcm_res *res =
			container_of(node, struct drm_vcm_res, node);

		if (res->sparse)
			vcm_pt_restate(mmu, node->start, node->size);
	}
	/* Nothing was reachable before: no flush; chains no edge needs go. */
	vcm_pt_release(mmu);
}
