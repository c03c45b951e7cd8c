// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_virt: buffer objects. shmem GEM objects whose pages, once bound,
 * stay pinned and are described to VCM as backing memory.
 *
 * vcm_virt has no DMA: the device address of a page is its CPU physical
 * address.
 */

#include <linux/mm.h>
#include <linux/slab.h>

#include <drm/drm_gem.h>

#include "vcm_virt.h"

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

/* The driver's &drm_driver.gem_create_object: a &vcm_virt_bo. */
struct drm_gem_object *vcm_virt_gem_create_object(struct drm_device *dev,
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
struct vcm_virt_bo *vcm_virt_bo_lookup(struct drm_file *file, u32 handle)
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
int vcm_virt_bo_mem(struct vcm_virt_bo *bo)
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
 * before or a DRM_VCM_VM_BIND that maps the object still runs: a failed
 * bind leaves the object unpinned as it found it.
 */
void vcm_virt_bo_mem_undo(struct vcm_virt_bo *bo)
{
	lockdep_assert_held(&bo->lock);
	if (bo->bound || bo->vm_binds || !bo->mem)
		return;
	drm_vcm_mem_put(bo->mem);
	bo->mem = NULL;
	drm_gem_shmem_unpin(&bo->base);
}
