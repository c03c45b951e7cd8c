// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_virt: the ioctls of spaces, buffer objects, reservations and
 * bindings one at a time, and the AGP aperture; DRM_VCM_COPY is in
 * vcm_virt_copy.c. The rules every ioctl follows are in vcm_drm.h.
 */

#include <linux/bitops.h>
#include <linux/capability.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <drm/drm_gem.h>
#include <drm/drm_print.h>
#include <drm/drm_vma_manager.h>

#include "vcm_virt.h"

int vcm_virt_format_info_ioctl(struct drm_device *drm, void *data,
			       struct drm_file *file)
{
	struct drm_vcm_format_info *args = data;
	const struct drm_vcm_format *fmt;
	unsigned int i, count = 0;

	if (args->flags)
		return -EINVAL;
	while (drm_vcm_format_get(count))
		count++;
	fmt = drm_vcm_format_get(args->index);
	if (!fmt)
		return -ENOENT;

	args->count = count;
	args->va_bits = fmt->va_bits;
	args->pa_bits = fmt->pa_bits;
	args->entry_flags = fmt->entry_flags & VCM_VIRT_BIND_FLAGS;
	args->page_sizes = 0;
	for (i = 0; i < fmt->ntables; i++)
		if (fmt->tables[i].leaf)
			args->page_sizes |= BIT_ULL(fmt->tables[i].shift);
	strscpy_pad(args->name, fmt->name, sizeof(args->name));
	args->max_va_size = drm_vcm_format_max_size(fmt);
	return 0;
}

int vcm_virt_space_create_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;
	struct drm_vcm_space_create *args = data;
	const struct drm_vcm_format *fmt;
	struct vcm_virt_space *vs;
	struct drm_vcm_mmu *mmu;
	u32 id;
	int ret;

	if (args->flags || args->pad)
		return -EINVAL;
	fmt = drm_vcm_format_get(args->format);
	if (!fmt)
		return -ENOENT;
	if (!args->va_size || !vcm_virt_aligned(args->va_start) ||
	    !vcm_virt_aligned(args->va_size) ||
	    vcm_virt_wraps(args->va_start, args->va_size))
		return -EINVAL;
	/*
	 * Ending exactly at 2^64 is no wrap, but beyond every format (and
	 * beyond what drm_vcm_create() takes).
	 */
	if (!(args->va_start + args->va_size))
		return -ERANGE;

	ret = vcm_virt_lock(file);
	if (ret)
		return ret;
	vs = kzalloc(sizeof(*vs), GFP_KERNEL_ACCOUNT);
	if (!vs) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	xa_init_flags(&vs->res, XA_FLAGS_ALLOC1);
	vs->vcm = drm_vcm_create(args->va_start, args->va_size);
	if (IS_ERR(vs->vcm)) {
		ret = PTR_ERR(vs->vcm);
		kfree(vs);
		goto out_unlock;
	}
	drm_vcm_set_owner(vs->vcm, dev_name(drm->dev));
	/* Cannot fail: nothing is attached yet. */
	drm_vcm_set_budget(vs->vcm, &vf->budget);
	mmu = vcm_virt_mmu_attach(drm, vs, fmt);
	if (IS_ERR(mmu)) {
		ret = PTR_ERR(mmu);
		goto out_destroy;
	}
	vs->mmus[0] = mmu;
	vs->fmts[0] = fmt;
	vs->nmmus = 1;
	ret = xa_alloc_cyclic(&vf->spaces, &id, vs, VCM_VIRT_IDS,
			      &vf->next_space, GFP_KERNEL_ACCOUNT);
	if (ret < 0)
		goto out_destroy;
	args->space_id = id;
	vcm_virt_unlock(file);
	return 0;

out_destroy:
	vcm_virt_space_destroy(vs);
out_unlock:
	vcm_virt_unlock(file);
	drm_dbg(drm, "space create: %d\n", ret);
	return ret;
}

int vcm_virt_space_destroy_ioctl(struct drm_device *drm, void *data,
				 struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;
	struct drm_vcm_space_destroy *args = data;
	struct vcm_virt_space *vs;
	int ret;

	if (args->flags)
		return -EINVAL;
	ret = vcm_virt_lock(file);
	if (ret)
		return ret;
	vs = xa_erase(&vf->spaces, args->space_id);
	if (vs)
		vcm_virt_space_destroy(vs);
	else
		ret = -ENOENT;
	vcm_virt_unlock(file);
	return ret;
}

int vcm_virt_space_attach_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file)
{
	struct drm_vcm_space_attach *args = data;
	bool agp = args->flags & DRM_VCM_ATTACH_AGP;
	const struct drm_vcm_format *fmt;
	struct vcm_virt_space *vs;
	struct drm_vcm_mmu *mmu;
	int ret;

	if ((args->flags & ~DRM_VCM_ATTACH_AGP) || (agp && args->format))
		return -EINVAL;
	/*
	 * The AGP bridge is the system's, not the file's: taking it from
	 * its driver, and the cache flushes of every bind through it, are
	 * for the administrator, as DRM_ROOT_ONLY would have it.
	 */
	if (agp && !capable(CAP_SYS_ADMIN))
		return -EACCES;
	ret = vcm_virt_lock(file);
	if (ret)
		return ret;
	vs = vcm_virt_space_lookup(file, args->space_id);
	/* The AGP MMU's entries are the AGP core's, in agp-gatt's layout. */
	fmt = agp ? drm_vcm_format_find("agp-gatt") :
	      drm_vcm_format_get(args->format);
	if (!vs || !fmt) {
		ret = -ENOENT;
		goto out_unlock;
	}
	if (vs->nmmus == DRM_VCM_MAX_MMUS) {
		ret = -ENOSPC;
		goto out_unlock;
	}
	if (agp)
		mmu = vcm_virt_agp_attach(vs);
	else
		mmu = vcm_virt_mmu_attach(drm, vs, fmt);
	if (IS_ERR(mmu)) {
		ret = PTR_ERR(mmu);
		drm_dbg(drm, "attach %s: %d\n", agp ? "AGP" : fmt->name, ret);
		goto out_unlock;
	}
	args->mmu = vs->nmmus;
	vs->mmus[vs->nmmus] = mmu;
	vs->fmts[vs->nmmus] = fmt;
	vs->nmmus++;
out_unlock:
	vcm_virt_unlock(file);
	return ret;
}

int vcm_virt_bo_create_ioctl(struct drm_device *drm, void *data,
			     struct drm_file *file)
{
	struct drm_vcm_bo_create *args = data;
	struct drm_gem_shmem_object *shmem;
	gfp_t gfp;
	u32 handle;
	int ret;

	if (args->flags & ~DRM_VCM_BO_DMA32)
		return -EINVAL;
	if (!args->size || args->size > DRM_VCM_BO_MAX_SIZE)
		return -EINVAL;

	shmem = drm_gem_shmem_create(drm, round_up(args->size, PAGE_SIZE));
	if (IS_ERR(shmem))
		return PTR_ERR(shmem);
	/*
	 * No page is allocated yet. Pages stay pinned once bound, so not
	 * from the movable zone; a failed allocation is an error, not a
	 * report.
	 */
	gfp = GFP_USER | __GFP_RETRY_MAYFAIL | __GFP_NOWARN;
	if (args->flags & DRM_VCM_BO_DMA32)
		gfp |= __GFP_DMA32;
	else
		gfp |= __GFP_HIGHMEM;
	mapping_set_gfp_mask(shmem->base.filp->f_mapping, gfp);

	ret = drm_gem_handle_create(file, &shmem->base, &handle);
	drm_gem_object_put(&shmem->base);
	if (ret)
		return ret;
	args->handle = handle;
	return 0;
}

int vcm_virt_bo_mmap_ioctl(struct drm_device *drm, void *data,
			   struct drm_file *file)
{
	struct drm_vcm_bo_mmap *args = data;
	struct vcm_virt_bo *bo;
	int ret;

	if (args->flags)
		return -EINVAL;
	bo = vcm_virt_bo_lookup(file, args->handle);
	if (!bo)
		return -ENOENT;
	ret = drm_gem_create_mmap_offset(&bo->base.base);
	if (!ret)
		args->offset = drm_vma_node_offset_addr(&bo->base.base.vma_node);
	drm_gem_object_put(&bo->base.base);
	return ret;
}

int vcm_virt_va_reserve_ioctl(struct drm_device *drm, void *data,
			      struct drm_file *file)
{
	struct drm_vcm_va_reserve *args = data;
	bool fixed = args->flags & DRM_VCM_RESERVE_FIXED;
	struct vcm_virt_space *vs;
	struct vcm_virt_res *vr;
	struct drm_vcm_res *res;
	u32 id;
	int ret;

	if ((args->flags & ~DRM_VCM_RESERVE_FIXED) || args->pad)
		return -EINVAL;
	ret = vcm_virt_lock(file);
	if (ret)
		return ret;
	vs = vcm_virt_space_lookup(file, args->space_id);
	if (!vs) {
		ret = -ENOENT;
		goto out_unlock;
	}
	if (!args->size || !vcm_virt_aligned(args->size) ||
	    (fixed && (args->align || !vcm_virt_aligned(args->addr) ||
		       vcm_virt_wraps(args->addr, args->size))) ||
	    (!fixed && args->align && (!is_power_of_2(args->align) ||
				       args->align < VCM_VIRT_PAGE))) {
		ret = -EINVAL;
		goto out_unlock;
	}
	vr = kzalloc(sizeof(*vr), GFP_KERNEL_ACCOUNT);
	if (!vr) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	INIT_LIST_HEAD(&vr->bindings);
	if (fixed)
		res = drm_vcm_reserve_at(vs->vcm, args->addr, args->size);
	else
		res = drm_vcm_reserve(vs->vcm, args->size, args->align);
	if (IS_ERR(res)) {
		ret = PTR_ERR(res);
		goto out_free;
	}
	vr->res = res;
	ret = xa_alloc_cyclic(&vs->res, &id, vr, VCM_VIRT_IDS, &vs->next_res,
			      GFP_KERNEL_ACCOUNT);
	if (ret < 0) {
		drm_vcm_unreserve(res);
		goto out_free;
	}
	args->addr = drm_vcm_res_addr(res);
	args->res_id = id;
	vcm_virt_unlock(file);
	return 0;

out_free:
	kfree(vr);
out_unlock:
	vcm_virt_unlock(file);
	return ret;
}

int vcm_virt_va_unreserve_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file)
{
	struct drm_vcm_va_unreserve *args = data;
	struct vcm_virt_space *vs;
	struct vcm_virt_res *vr = NULL;
	int ret;

	if (args->flags || args->pad)
		return -EINVAL;
	ret = vcm_virt_lock(file);
	if (ret)
		return ret;
	vs = vcm_virt_space_lookup(file, args->space_id);
	if (vs)
		vr = xa_load(&vs->res, args->res_id);
	if (!vr) {
		ret = -ENOENT;
		goto out_unlock;
	}
	/* -EBUSY while the VM has mappings: they are bindings too. */
	ret = drm_vcm_unreserve(vr->res);
	if (!ret) {
		vcm_virt_vm_destroy(vr);
		xa_erase(&vs->res, args->res_id);
		kfree(vr);
	}
out_unlock:
	vcm_virt_unlock(file);
	return ret;
}

int vcm_virt_va_bind_ioctl(struct drm_device *drm, void *data,
			   struct drm_file *file)
{
	struct drm_vcm_va_bind *args = data;
	struct vcm_virt_binding *vb = NULL;
	struct vcm_virt_res *vr;
	struct vcm_virt_bo *bo;
	int ret;

	if (args->flags & ~VCM_VIRT_BIND_FLAGS)
		return -EINVAL;
	ret = vcm_virt_lock(file);
	if (ret)
		return ret;
	vr = vcm_virt_res_lookup(file, args->space_id, args->res_id);
	bo = vcm_virt_bo_lookup(file, args->handle);
	if (!vr || !bo) {
		ret = -ENOENT;
		goto out;
	}
	/* The VM's mappings are not this ioctl's to overlap. */
	if (vcm_virt_vm_busy(vr)) {
		ret = -EBUSY;
		goto out;
	}
	if (!args->size || !vcm_virt_aligned(args->size) ||
	    !vcm_virt_aligned(args->res_offset) ||
	    !vcm_virt_aligned(args->bo_offset) ||
	    vcm_virt_wraps(args->res_offset, args->size) ||
	    vcm_virt_wraps(args->bo_offset, args->size)) {
		ret = -EINVAL;
		goto out;
	}
	/*
	 * Every check that does not need the space's lock comes before the
	 * first allocation and the pin: inside the reservation, inside the
	 * object.
	 */
	if (!vcm_virt_inside(args->res_offset, args->size,
			     drm_vcm_res_size(vr->res)) ||
	    !vcm_virt_inside(args->bo_offset, args->size, bo->base.base.size)) {
		ret = -ERANGE;
		goto out;
	}
	vb = kzalloc(sizeof(*vb), GFP_KERNEL_ACCOUNT);
	if (!vb) {
		ret = -ENOMEM;
		goto out;
	}
	/*
	 * The rest (overlap, formats) is checked by VCM under the space's
	 * lock; should it fail, the pin of a first bind is undone.
	 */
	mutex_lock(&bo->lock);
	ret = vcm_virt_bo_mem(bo);
	if (!ret)
		ret = drm_vcm_bind(vr->res, args->res_offset, args->size,
				   bo->mem, args->bo_offset, args->flags);
	if (ret)
		vcm_virt_bo_mem_undo(bo);
	else
		bo->bound = true;
	mutex_unlock(&bo->lock);
	if (ret)
		goto out;
	/* The binding keeps the lookup's reference. */
	vb->res_offset = args->res_offset;
	vb->size = args->size;
	vb->bo = bo;
	list_add_tail(&vb->link, &vr->bindings);
	vb = NULL;
	bo = NULL;
out:
	vcm_virt_unlock(file);
	kfree(vb);
	if (bo)
		drm_gem_object_put(&bo->base.base);
	if (ret)
		drm_dbg(drm, "bind: %d\n", ret);
	return ret;
}

int vcm_virt_va_unbind_ioctl(struct drm_device *drm, void *data,
			     struct drm_file *file)
{
	struct drm_vcm_va_unbind *args = data;
	struct vcm_virt_res *vr;
	struct vcm_virt_binding *vb;
	int ret;

	if (args->flags || args->pad)
		return -EINVAL;
	ret = vcm_virt_lock(file);
	if (ret)
		return ret;
	vr = vcm_virt_res_lookup(file, args->space_id, args->res_id);
	if (!vr) {
		ret = -ENOENT;
		goto out_unlock;
	}
	if (!vcm_virt_aligned(args->res_offset)) {
		ret = -EINVAL;
		goto out_unlock;
	}
	ret = -ENOENT;
	list_for_each_entry(vb, &vr->bindings, link) {
		if (vb->res_offset == args->res_offset) {
			ret = drm_vcm_unbind(vr->res, vb->res_offset);
			if (!ret)
				vcm_virt_binding_drop(vb);
			break;
		}
	}
out_unlock:
	vcm_virt_unlock(file);
	return ret;
}

int vcm_virt_agp_info_ioctl(struct drm_device *drm, void *data,
			    struct drm_file *file)
{
	struct drm_vcm_agp_info *args = data;

	if (args->flags || args->pad)
		return -EINVAL;
	return vcm_virt_agp_aperture(&args->aper_base, &args->aper_size);
}
