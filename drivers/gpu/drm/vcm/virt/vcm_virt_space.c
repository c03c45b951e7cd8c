// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_virt: the lifetime of spaces, reservations and bindings, MMU attach
 * (vcm_virt's own formats, or the system's AGP bridge), and teardown in
 * VCM's order.
 */

#include <linux/agp_backend.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include <drm/drm_gem.h>

#include "vcm_virt.h"

void vcm_virt_binding_drop(struct vcm_virt_binding *vb)
{
	list_del(&vb->link);
	drm_gem_object_put(&vb->bo->base.base);
	kfree(vb);
}

/* Unbind and unmap everything in @vr, then give the reservation back. */
void vcm_virt_res_destroy(struct vcm_virt_res *vr)
{
	struct vcm_virt_binding *vb, *tmp;

	/* Neither can fail: each binding and the reservation are live. */
	list_for_each_entry_safe(vb, tmp, &vr->bindings, link) {
		drm_vcm_unbind(vr->res, vb->res_offset);
		vcm_virt_binding_drop(vb);
	}
	vcm_virt_vm_destroy(vr);
	drm_vcm_unreserve(vr->res);
	kfree(vr);
}

/*
 * The system's AGP bridge (DRM_VCM_ATTACH_AGP). The AGP core finds its one
 * bridge for a NULL device and hands it to one holder at a time; a space
 * holds it from attach to destroy.
 */
#if IS_ENABLED(CONFIG_AGP)
int vcm_virt_agp_aperture(u64 *base, u64 *size)
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
struct drm_vcm_mmu *vcm_virt_agp_attach(struct vcm_virt_space *vs)
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

void vcm_virt_agp_detach(struct vcm_virt_space *vs, struct drm_vcm_mmu *mmu)
{
	drm_vcm_agp_detach(mmu);
	agp_backend_release(vs->agp);
	vs->agp = NULL;
}
#else
int vcm_virt_agp_aperture(u64 *base, u64 *size)
{
	return -ENODEV;
}

struct drm_vcm_mmu *vcm_virt_agp_attach(struct vcm_virt_space *vs)
{
	return ERR_PTR(-ENODEV);
}

void vcm_virt_agp_detach(struct vcm_virt_space *vs, struct drm_vcm_mmu *mmu)
{
}
#endif

/* Tear a space down in VCM's order: unbind, unreserve, detach, destroy. */
void vcm_virt_space_destroy(struct vcm_virt_space *vs)
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

/* Attach an MMU of format @fmt to @vs, its tables in system RAM. */
struct drm_vcm_mmu *vcm_virt_mmu_attach(struct drm_device *drm,
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
