// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM MMUs: attach (tables built for every existing binding), detach,
 * translate through one MMU's tables.
 */

#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/idr.h>
#include <linux/log2.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vcm_compat.h"
#include "vcm_internal.h"
#include "vcm_trace.h"

static int vcm_mmu_check(const struct drm_vcm *vcm,
			 const struct drm_vcm_mmu_desc *desc)
{
	const struct drm_vcm_format *fmt = desc->format;
	const struct drm_vcm_tmem_desc *tm = &desc->tmem;
	bool ext = desc->ops && desc->ops->map;
	u64 end = vcm->start + vcm->size;

	if (ext && (!desc->ops->unmap || desc->sparse))
		return -EINVAL;
	/* Tables at DMA addresses for one device, read by another. */
	if (!ext && tm->kind == DRM_VCM_TMEM_SYSTEM && tm->dev &&
	    tm->dev != desc->dev)
		return -EXDEV;
	if (!fmt)
		return ext ? 0 : -EINVAL;
	if (vcm_format_check(fmt))
		return -EINVAL;
	if (desc->sparse && !(fmt->flags & DRM_VCM_FMT_SPARSE))
		return -EINVAL;
	/* An external MMU has no tables: only the format's limits apply. */
	if (!ext && tm->kind == DRM_VCM_TMEM_IO) {
		if (!tm->io || !tm->io_size ||
		    tm->io_addr + (tm->io_size - 1) < tm->io_addr)
			return -EINVAL;
		/* Every table it can hold must be reachable. */
		if ((tm->io_addr + (tm->io_size - 1)) >>
		    vcm_format_table_reach(fmt))
			return -ERANGE;
	} else if (!ext && tm->kind != DRM_VCM_TMEM_SYSTEM) {
		return -EINVAL;
	}
	/* Invalid entries hold the dummy page's address as any other. */
	if ((u64)desc->dummy_addr >> fmt->pa_bits)
		return -ERANGE;
	if (fmt->va_bits < 64 && (end - 1) >> fmt->va_bits)
		return -ERANGE;
	/* What the top table reaches: from the start or from VA 0. */
	if ((fmt->flags & DRM_VCM_FMT_RELATIVE ? vcm->size : end) >
	    drm_vcm_format_max_size(fmt))
		return -ERANGE;
	return 0;
}

/* Unmap every binding before @stop (NULL for all) from external @mmu. */
static void vcm_unmap_external(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu,
			       struct drm_mm_node *stop)
{
	struct drm_mm_node *node;

	drm_mm_for_each_node(node, &vcm->bound) {
		if (node == stop)
			break;
		mmu->ops->unmap(mmu, node->start, node->size);
	}
}

/* Map every binding of @vcm into external @mmu, or none. */
static int vcm_attach_external(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu)
{
	struct drm_mm_node *node;
	int ret;

	drm_mm_for_each_node(node, &vcm->bound) {
		struct drm_vcm_binding *b =
			container_of(node, struct drm_vcm_binding, node);

		ret = vcm_mmu_accepts(mmu, b->mem, b->flags, &b->attr);
		if (!ret)
			ret = mmu->ops->map(mmu, node->start, node->size, b->mem,
					    b->offset, b->flags);
		if (ret) {
			vcm_unmap_external(vcm, mmu, node);
			return ret;
		}
	}
	return 0;
}

/**
 * drm_vcm_mmu_attach - attach a device MMU to a space
 * @vcm: the space
 * @desc: the MMU's format, table memory and callbacks
 *
 * Allocates the MMU's tables and writes every binding the space already
 * has into them, then calls &drm_vcm_mmu_ops.activate with the top table's
 * address. From then on every bind and unbind reaches this MMU too. An
 * external MMU (&drm_vcm_mmu_ops.map) gets each binding through its map
 * op instead, and activate gets 0.
 *
 * Returns: the MMU; -EINVAL for an invalid descriptor (sparse asked of a
 * format without a sparse state included) or a binding the format cannot
 * map (its storage attributes included, see drm_vcm_bind_kind()); -EXDEV
 * if a binding's memory holds addresses of another kind than
 * @desc->dev says (see drm_vcm_bind()), or table memory is allocated for a
 * device other than @desc->dev; -ERANGE if the space or a binding lies
 * beyond what the format can address (a space larger than
 * drm_vcm_format_max_size() included), or &drm_vcm_mmu_desc.dummy_addr or
 * the I/O window beyond what its entries can hold; -ENODEV if the space is
 * destroyed; -ENOMEM or -ENOSPC when table memory (within the entries'
 * reach) runs out (-ENOMEM also when no contiguous memory of a table's
 * size can be found, or it cannot be made uncached); -EDQUOT when a table
 * would take the space's budget past its cap; or the error
 * &drm_vcm_mmu_ops.map returned for a binding (an external MMU: those
 * already mapped are unmapped again) or &drm_vcm_mmu_ops.activate
 * returned.
 */
struct drm_vcm_mmu *drm_vcm_mmu_attach(struct drm_vcm *vcm,
				       const struct drm_vcm_mmu_desc *desc)
{
	struct drm_vcm_mmu *mmu;
	struct drm_mm_node *node;
	struct vcm_req req;
	int ret;

	ret = vcm_mmu_check(vcm, desc);
	if (ret)
		return ERR_PTR(ret);

	mmu = vcm_kzalloc_gfp(sizeof(*mmu), vcm_gfp(vcm));
	if (!mmu)
		return ERR_PTR(-ENOMEM);
	mmu->vcm = vcm;
	mmu->dev = desc->dev;
	mmu->format = desc->format;
	mmu->ops = desc->ops;
	mmu->dummy_addr = desc->dummy_addr;
	mmu->sparse = desc->sparse;
	mmu->priv = desc->priv;
	mmu->tmem.desc = desc->tmem;
	/* Tables hold addresses of the MMU's kind too. */
	if (!mmu->tmem.desc.dev)
		mmu->tmem.desc.dev = desc->dev;
	INIT_LIST_HEAD(&mmu->fresh);
	INIT_LIST_HEAD(&mmu->dead);
	INIT_LIST_HEAD(&mmu->kept);
	if (desc->tmem.kind == DRM_VCM_TMEM_IO)
		drm_mm_init(&mmu->tmem.io_mm, 0, desc->tmem.io_size);

	mutex_lock(&vcm->lock);
	mmu->id = vcm->mmu_ids;
	if (vcm->dead) {
		ret = -ENODEV;
		goto err_unlock;
	}
	if (vcm_mmu_external(mmu)) {
		ret = vcm->nsparse ? -EOPNOTSUPP : 0;
		if (ret)
			goto err_unlock;
		ret = vcm_attach_external(vcm, mmu);
		if (ret)
			goto err_unlock;
		goto activate;
	}
	ret = vcm_pt_init(mmu);
	if (ret)
		goto err_unlock;

	drm_mm_for_each_node(node, &vcm->bound) {
		struct drm_vcm_binding *b =
			container_of(node, struct drm_vcm_binding, node);

		ret = vcm_mmu_accepts(mmu, b->mem, b->flags, &b->attr);
		if (ret)
			goto err_abort;
		vcm_req_init(&req, b);
		ret = vcm_pt_prepare(mmu, &req);
		if (ret)
			goto err_abort;
	}
	ret = vcm_sparse_attach_prepare(vcm, mmu);
	if (ret)
		goto err_abort;
	drm_mm_for_each_node(node, &vcm->bound) {
		vcm_req_init(&req, container_of(node, struct drm_vcm_binding,
						node));
		vcm_pt_map(mmu, &req);
	}
	vcm_sparse_attach_commit(vcm, mmu);

activate:
	if (mmu->ops && mmu->ops->activate) {
		ret = mmu->ops->activate(mmu, drm_vcm_mmu_top(mmu));
		if (ret)
			goto err_fini;
	}
	list_add_tail(&mmu->link, &vcm->mmus);
	vcm->mmu_ids++;
	mutex_unlock(&vcm->lock);
	return mmu;

err_abort:
	vcm_pt_abort(mmu);
err_fini:
	if (vcm_mmu_external(mmu))
		vcm_unmap_external(vcm, mmu, NULL);
	else
		vcm_pt_fini(mmu);
err_unlock:
	mutex_unlock(&vcm->lock);
	if (desc->tmem.kind == DRM_VCM_TMEM_IO)
		drm_mm_takedown(&mmu->tmem.io_mm);
	vcm_kfree(mmu);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(drm_vcm_mmu_attach);

/**
 * drm_vcm_mmu_detach - detach an MMU from its space
 * @mmu: the MMU
 *
 * Calls &drm_vcm_mmu_ops.deactivate, then frees every table of @mmu, or
 * for an external MMU unmaps every binding through its unmap op. The
 * space's bindings stay; other MMUs keep translating them.
 */
void drm_vcm_mmu_detach(struct drm_vcm_mmu *mmu)
{
	struct drm_vcm *vcm = mmu->vcm;

	mutex_lock(&vcm->lock);
	list_del(&mmu->link);
	if (mmu->ops && mmu->ops->deactivate)
		mmu->ops->deactivate(mmu);
	if (vcm_mmu_external(mmu))
		vcm_unmap_external(vcm, mmu, NULL);
	else
		vcm_pt_fini(mmu);
	mutex_unlock(&vcm->lock);
	if (mmu->tmem.desc.kind == DRM_VCM_TMEM_IO)
		drm_mm_takedown(&mmu->tmem.io_mm);
	vcm_kfree(mmu);
}
EXPORT_SYMBOL_GPL(drm_vcm_mmu_detach);

/**
 * drm_vcm_mmu_translate - translate a VA by walking an MMU's tables
 * @mmu: the MMU
 * @va: the address
 * @addr: set to the device address the tables give for @va
 * @entry: if not NULL, set to the decoded leaf entry
 *
 * Reads every entry on the way back from table memory and decodes it with
 * the format's decoder, as the device would. For an external MMU, asks its
 * translate op; @entry then only says whether @va is mapped, and where.
 *
 * Returns: 0; -ENOENT if an entry on the way is invalid or sparse
 * (@entry->kind tells which); -ERANGE if @va is outside the space or the
 * tables; -EIO if a directory entry does not point where VCM put its
 * table; -EOPNOTSUPP for an external MMU without a translate op.
 */
int drm_vcm_mmu_translate(struct drm_vcm_mmu *mmu, u64 va, dma_addr_t *addr,
			  struct drm_vcm_entry *entry)
{
	struct drm_vcm *vcm = mmu->vcm;
	struct drm_vcm_entry e;
	int ret;

	vcm_entry_zero(&e);
	if (!vcm_within(va, 1, vcm->start, vcm->size))
		return -ERANGE;
	if (vcm_mmu_external(mmu) && !mmu->ops->translate)
		return -EOPNOTSUPP;
	mutex_lock(&vcm->lock);
	if (vcm_mmu_external(mmu)) {
		ret = mmu->ops->translate(mmu, va, addr);
		if (!ret) {
			e.kind = DRM_VCM_ENTRY_PTE;
			e.addr = *addr;
		}
	} else {
		ret = vcm_pt_lookup(mmu, va, &e, addr);
	}
	mutex_unlock(&vcm->lock);
	if (entry)
		*entry = e;
	return ret;
}
EXPORT_SYMBOL_GPL(drm_vcm_mmu_translate);

/**
 * drm_vcm_mmu_top - device address of an MMU's top table
 * @mmu: the MMU
 *
 * Returns: the address, as given to &drm_vcm_mmu_ops.activate; 0 for an
 * external MMU.
 */
dma_addr_t drm_vcm_mmu_top(const struct drm_vcm_mmu *mmu)
{
	return mmu->top ? mmu->top->buf.addr : 0;
}
EXPORT_SYMBOL_GPL(drm_vcm_mmu_top);
