// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_virt: the virtual GPU of VCM, a DRM render node whose MMUs translate
 * through VCM page tables. This file holds the DRM driver, the buffer
 * objects and every ioctl but DRM_VCM_COPY (vcm_virt_copy.c).
 *
 * vcm_virt has no DMA: the device address of a page is its CPU physical
 * address, and page tables live in system RAM from the page allocator.
 */

#include <linux/agp_backend.h>
#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/capability.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/pagemap.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_ioctl.h>
#include <drm/drm_print.h>
#include <drm/drm_vma_manager.h>

#include "vcm_virt.h"

/* The uAPI bind flags are VCM's common flags, bit for bit. */
static_assert(DRM_VCM_BIND_READ == DRM_VCM_READ);
static_assert(DRM_VCM_BIND_WRITE == DRM_VCM_WRITE);
static_assert(DRM_VCM_BIND_SNOOP == DRM_VCM_SNOOP);
#define VCM_VIRT_BIND_FLAGS \
	(DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE | DRM_VCM_BIND_SNOOP)

static struct vcm_virt_device *vcm_virt_dev(struct drm_device *drm)
{
	return container_of(drm, struct vcm_virt_device, drm);
}

static bool vcm_virt_aligned(u64 v)
{
	return IS_ALIGNED(v, VCM_VIRT_PAGE);
}

/* Does [@start, @start + @size) wrap around 2^64? @size is not zero. */
static bool vcm_virt_wraps(u64 start, u64 size)
{
	u64 last;

	return check_add_overflow(start, size - 1, &last);
}

/* Is [@start, @start + @size) inside [0, @len)? Overflow-safe. */
static bool vcm_virt_inside(u64 start, u64 size, u64 len)
{
	u64 end;

	return !check_add_overflow(start, size, &end) && end <= len;
}

/*
 * The cap on the page tables of each DRM file's spaces, which an
 * unprivileged client could otherwise grow without bound: 256 MiB holds
 * 32 spaces of r600-gart's largest (8 MiB) top table.
 */
static unsigned int vcm_virt_table_budget_mib = 256;
module_param_named(table_budget_mib, vcm_virt_table_budget_mib, uint, 0644);
MODULE_PARM_DESC(table_budget_mib,
		 "MiB of page tables one DRM file's spaces may hold (default 256)");

/* Buffer objects */

static struct vcm_virt_bo *to_vcm_virt_bo(struct drm_gem_object *obj)
{
	return container_of(obj, struct vcm_virt_bo, base.base);
}

static void vcm_virt_bo_free(struct drm_gem_object *obj)
{
	struct vcm_virt_bo *bo = to_vcm_virt_bo(obj);

	/* Every binding held a reference: none is left. */
	if (bo->mem) {
		drm_vcm_mem_put(bo->mem);
		drm_gem_shmem_unpin(&bo->base);
	}
	mutex_destroy(&bo->lock);
	/* Frees @bo too: base is its first member. */
	drm_gem_shmem_free(&bo->base);
}

static const struct drm_gem_object_funcs vcm_virt_bo_funcs = {
	.free = vcm_virt_bo_free,
	.print_info = drm_gem_shmem_object_print_info,
	.pin = drm_gem_shmem_object_pin,
	.unpin = drm_gem_shmem_object_unpin,
	.get_sg_table = drm_gem_shmem_object_get_sg_table,
	.vmap = drm_gem_shmem_object_vmap,
	.vunmap = drm_gem_shmem_object_vunmap,
	.mmap = drm_gem_shmem_object_mmap,
	.vm_ops = &drm_gem_shmem_vm_ops,
};

static struct drm_gem_object *vcm_virt_gem_create_object(struct drm_device *dev,
							 size_t size)
{
	struct vcm_virt_bo *bo;

	static_assert(offsetof(struct vcm_virt_bo, base) == 0);
	bo = kzalloc(sizeof(*bo), GFP_KERNEL_ACCOUNT);
	if (!bo)
		return ERR_PTR(-ENOMEM);
	mutex_init(&bo->lock);
	bo->base.base.funcs = &vcm_virt_bo_funcs;
	return &bo->base.base;
}

/* The object behind @handle, with a reference, or NULL. */
static struct vcm_virt_bo *vcm_virt_bo_lookup(struct drm_file *file,
					      u32 handle)
{
	struct drm_gem_object *obj = drm_gem_object_lookup(file, handle);

	if (!obj)
		return NULL;
	/* Imports are refused, so every object here is ours. */
	if (obj->funcs != &vcm_virt_bo_funcs) {
		drm_gem_object_put(obj);
		return NULL;
	}
	return to_vcm_virt_bo(obj);
}

/* Pin @bo's pages and describe them to VCM, once; bo->lock is held. */
static int vcm_virt_bo_mem(struct vcm_virt_bo *bo)
{
	size_t i, npages = bo->base.base.size >> PAGE_SHIFT;
	struct drm_vcm_mem *mem;
	dma_addr_t *addrs;
	int ret;

	lockdep_assert_held(&bo->lock);
	if (bo->mem)
		return 0;
	addrs = kvmalloc_array(npages, sizeof(*addrs), GFP_KERNEL_ACCOUNT);
	if (!addrs)
		return -ENOMEM;
	ret = drm_gem_shmem_pin(&bo->base);
	if (ret)
		goto out_free;
	/* No DMA: the device address of a page is its physical address. */
	for (i = 0; i < npages; i++)
		addrs[i] = page_to_phys(bo->base.pages[i]);
	mem = drm_vcm_mem_from_pages(NULL, addrs, npages, DRM_VCM_LOC_SYSTEM);
	if (IS_ERR(mem)) {
		drm_gem_shmem_unpin(&bo->base);
		ret = PTR_ERR(mem);
		goto out_free;
	}
	bo->mem = mem;
out_free:
	kvfree(addrs);
	return ret;
}

/*
 * Undo vcm_virt_bo_mem() after a failed bind, unless a bind succeeded
 * before: a failed bind leaves the object unpinned as it found it.
 */
static void vcm_virt_bo_mem_undo(struct vcm_virt_bo *bo)
{
	lockdep_assert_held(&bo->lock);
	if (bo->bound || !bo->mem)
		return;
	drm_vcm_mem_put(bo->mem);
	bo->mem = NULL;
	drm_gem_shmem_unpin(&bo->base);
}

/* Spaces, reservations, bindings */

/**
 * vcm_virt_space_lookup - a space of a file by id
 * @file: the DRM file, whose ioctl lock the caller holds
 * @id: the space's id
 *
 * Returns: the space, or NULL if @file has none of that id.
 */
struct vcm_virt_space *vcm_virt_space_lookup(struct drm_file *file, u32 id)
{
	struct vcm_virt_file *vf = file->driver_priv;

	return xa_load(&vf->spaces, id);
}

/* Reservation @res_id of space @space_id of @file, or NULL. */
static struct vcm_virt_res *vcm_virt_res_lookup(struct drm_file *file,
						u32 space_id, u32 res_id)
{
	struct vcm_virt_space *vs = vcm_virt_space_lookup(file, space_id);

	return vs ? xa_load(&vs->res, res_id) : NULL;
}

static void vcm_virt_binding_drop(struct vcm_virt_binding *vb)
{
	list_del(&vb->link);
	drm_gem_object_put(&vb->bo->base.base);
	kfree(vb);
}

/* Unbind everything in @vr, then give the reservation back. */
static void vcm_virt_res_destroy(struct vcm_virt_res *vr)
{
	struct vcm_virt_binding *vb, *tmp;

	/* Neither can fail: each binding and the reservation are live. */
	list_for_each_entry_safe(vb, tmp, &vr->bindings, link) {
		drm_vcm_unbind(vr->res, vb->res_offset);
		vcm_virt_binding_drop(vb);
	}
	drm_vcm_unreserve(vr->res);
	kfree(vr);
}

/*
 * The system's AGP bridge (DRM_VCM_ATTACH_AGP). The AGP core finds its one
 * bridge for a NULL device and hands it to one holder at a time; a space
 * holds it from attach to destroy.
 */
#if IS_ENABLED(CONFIG_AGP)
static int vcm_virt_agp_aperture(u64 *base, u64 *size)
{
	struct agp_bridge_data *bridge = agp_backend_acquire(NULL);
	struct agp_kern_info info;
	int ret = -ENODEV;

	if (!bridge)
		return -ENODEV;
	if (!agp_copy_info(bridge, &info)) {
		*base = info.aper_base;
		*size = (u64)info.aper_size * SZ_1M;
		ret = 0;
	}
	agp_backend_release(bridge);
	return ret;
}

/* Acquire the bridge and attach it to @vs as its next MMU. */
static struct drm_vcm_mmu *vcm_virt_agp_attach(struct vcm_virt_space *vs)
{
	struct agp_bridge_data *bridge = agp_backend_acquire(NULL);
	struct drm_vcm_mmu *mmu;

	if (!bridge)
		return ERR_PTR(-ENODEV);
	mmu = drm_vcm_agp_attach(vs->vcm, bridge);
	if (IS_ERR(mmu)) {
		agp_backend_release(bridge);
		/* -EIO: the bridge is not registered (any more). */
		return PTR_ERR(mmu) == -EIO ? ERR_PTR(-ENODEV) : mmu;
	}
	vs->agp = bridge;
	vs->agp_mmu = vs->nmmus;
	return mmu;
}

static void vcm_virt_agp_detach(struct vcm_virt_space *vs,
				struct drm_vcm_mmu *mmu)
{
	drm_vcm_agp_detach(mmu);
	agp_backend_release(vs->agp);
	vs->agp = NULL;
}
#else
static int vcm_virt_agp_aperture(u64 *base, u64 *size)
{
	return -ENODEV;
}

static struct drm_vcm_mmu *vcm_virt_agp_attach(struct vcm_virt_space *vs)
{
	return ERR_PTR(-ENODEV);
}

static void vcm_virt_agp_detach(struct vcm_virt_space *vs,
				struct drm_vcm_mmu *mmu)
{
}
#endif

/* Tear a space down in VCM's order: unbind, unreserve, detach, destroy. */
static void vcm_virt_space_destroy(struct vcm_virt_space *vs)
{
	struct vcm_virt_res *vr;
	unsigned long id;

	xa_for_each(&vs->res, id, vr)
		vcm_virt_res_destroy(vr);
	xa_destroy(&vs->res);
	while (vs->nmmus) {
		struct drm_vcm_mmu *mmu = vs->mmus[--vs->nmmus];

		if (vs->agp && vs->agp_mmu == vs->nmmus)
			vcm_virt_agp_detach(vs, mmu);
		else
			drm_vcm_mmu_detach(mmu);
	}
	/* Cannot fail: nothing is reserved or attached any more. */
	drm_vcm_destroy(vs->vcm);
	kfree(vs);
}

static struct drm_vcm_mmu *vcm_virt_mmu_attach(struct drm_device *drm,
					       struct vcm_virt_space *vs,
					       const struct drm_vcm_format *fmt)
{
	struct drm_vcm_mmu_desc desc = {
		.format = fmt,
		/* Tables from the page allocator; no device, no DMA. */
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.dummy_addr = page_to_phys(vcm_virt_dev(drm)->dummy),
	};

	return drm_vcm_mmu_attach(vs->vcm, &desc);
}

/*
 * Ioctls. Those that touch the file's spaces run under its lock, taken
 * interruptibly so that a signal makes them return and be restarted.
 */

static int vcm_virt_lock(struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;

	return mutex_lock_interruptible(&vf->lock);
}

static void vcm_virt_unlock(struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;

	mutex_unlock(&vf->lock);
}

static int vcm_virt_format_info_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_space_create_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_space_destroy_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_space_attach_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_bo_create_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_bo_mmap_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_va_reserve_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_va_unreserve_ioctl(struct drm_device *drm, void *data,
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
	ret = drm_vcm_unreserve(vr->res);
	if (!ret) {
		xa_erase(&vs->res, args->res_id);
		kfree(vr);
	}
out_unlock:
	vcm_virt_unlock(file);
	return ret;
}

static int vcm_virt_va_bind_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_va_unbind_ioctl(struct drm_device *drm, void *data,
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

static int vcm_virt_agp_info_ioctl(struct drm_device *drm, void *data,
				   struct drm_file *file)
{
	struct drm_vcm_agp_info *args = data;

	if (args->flags || args->pad)
		return -EINVAL;
	return vcm_virt_agp_aperture(&args->aper_base, &args->aper_size);
}

static const struct drm_ioctl_desc vcm_virt_ioctls[] = {
	DRM_IOCTL_DEF_DRV(VCM_FORMAT_INFO, vcm_virt_format_info_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_SPACE_CREATE, vcm_virt_space_create_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_SPACE_DESTROY, vcm_virt_space_destroy_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_SPACE_ATTACH, vcm_virt_space_attach_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_BO_CREATE, vcm_virt_bo_create_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_BO_MMAP, vcm_virt_bo_mmap_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_VA_RESERVE, vcm_virt_va_reserve_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_VA_UNRESERVE, vcm_virt_va_unreserve_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_VA_BIND, vcm_virt_va_bind_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_VA_UNBIND, vcm_virt_va_unbind_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(VCM_COPY, vcm_virt_copy_ioctl, DRM_RENDER_ALLOW),
	/* The system's AGP bridge: the administrator's, -EACCES for others. */
	DRM_IOCTL_DEF_DRV(VCM_AGP_INFO, vcm_virt_agp_info_ioctl,
			  DRM_RENDER_ALLOW | DRM_ROOT_ONLY),
};

/* Files */

static int vcm_virt_open(struct drm_device *drm, struct drm_file *file)
{
	struct vcm_virt_file *vf;

	vf = kzalloc(sizeof(*vf), GFP_KERNEL_ACCOUNT);
	if (!vf)
		return -ENOMEM;
	mutex_init(&vf->lock);
	drm_vcm_budget_init(&vf->budget,
			    (u64)READ_ONCE(vcm_virt_table_budget_mib) * SZ_1M);
	xa_init_flags(&vf->spaces, XA_FLAGS_ALLOC1);
	file->driver_priv = vf;
	return 0;
}

static void vcm_virt_postclose(struct drm_device *drm, struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;
	struct vcm_virt_space *vs;
	unsigned long id;

	xa_for_each(&vf->spaces, id, vs)
		vcm_virt_space_destroy(vs);
	xa_destroy(&vf->spaces);
	mutex_destroy(&vf->lock);
	kfree(vf);
}

DEFINE_DRM_GEM_FOPS(vcm_virt_fops);

static const struct drm_driver vcm_virt_driver = {
	.driver_features = DRIVER_GEM | DRIVER_RENDER,
	.open = vcm_virt_open,
	.postclose = vcm_virt_postclose,
	.gem_create_object = vcm_virt_gem_create_object,
	.ioctls = vcm_virt_ioctls,
	.num_ioctls = ARRAY_SIZE(vcm_virt_ioctls),
	.fops = &vcm_virt_fops,
	.name = "vcm_virt",
	.desc = "VCM virtual GPU",
	.date = "20260101",
	.major = 1,
	.minor = 0,
};

/* The device */

static struct platform_device *vcm_virt_pdev;

static int __init vcm_virt_init(void)
{
	struct vcm_virt_device *vdev;
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_register_simple("vcm_virt", -1, NULL, 0);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);
	if (!devres_open_group(&pdev->dev, NULL, GFP_KERNEL)) {
		ret = -ENOMEM;
		goto err_unregister;
	}
	vdev = devm_drm_dev_alloc(&pdev->dev, &vcm_virt_driver,
				  struct vcm_virt_device, drm);
	if (IS_ERR(vdev)) {
		ret = PTR_ERR(vdev);
		goto err_devres;
	}
	/* Below 4 GiB, so that every format's entries can point at it. */
	vdev->dummy = alloc_page(GFP_KERNEL | __GFP_DMA32 | __GFP_ZERO);
	if (!vdev->dummy) {
		ret = -ENOMEM;
		goto err_devres;
	}
	ret = drm_dev_register(&vdev->drm, 0);
	if (ret)
		goto err_page;
	platform_set_drvdata(pdev, vdev);
	vcm_virt_pdev = pdev;
	return 0;

err_page:
	__free_page(vdev->dummy);
err_devres:
	devres_release_group(&pdev->dev, NULL);
err_unregister:
	platform_device_unregister(pdev);
	return ret;
}

static void __exit vcm_virt_exit(void)
{
	struct vcm_virt_device *vdev = platform_get_drvdata(vcm_virt_pdev);

	drm_dev_unregister(&vdev->drm);
	__free_page(vdev->dummy);
	devres_release_group(&vcm_virt_pdev->dev, NULL);
	platform_device_unregister(vcm_virt_pdev);
}

module_init(vcm_virt_init);
module_exit(vcm_virt_exit);

MODULE_DESCRIPTION("VCM virtual GPU");
MODULE_LICENSE("Dual MIT/GPL");
