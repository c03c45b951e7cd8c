// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_virt: the virtual GPU of VCM, a DRM render node whose MMUs translate
 * through VCM page tables. This file holds the DRM driver: the module and
 * its device, the files and the ioctl table. The ioctls are in
 * vcm_virt_ioctl.c and vcm_virt_copy.c, over vcm_virt_space.c (spaces,
 * reservations, bindings) and vcm_virt_bo.c (buffer objects).
 *
 * vcm_virt has no DMA: the device address of a page is its CPU physical
 * address, and page tables live in system RAM from the page allocator.
 */

#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_ioctl.h>

#include "vcm_virt.h"

/*
 * The cap on the page tables of each DRM file's spaces, which an
 * unprivileged client could otherwise grow without bound: 256 MiB holds
 * 32 spaces of r600-gart's largest (8 MiB) top table.
 */
static unsigned int vcm_virt_table_budget_mib = 256;
module_param_named(table_budget_mib, vcm_virt_table_budget_mib, uint, 0644);
MODULE_PARM_DESC(table_budget_mib,
		 "MiB of page tables one DRM file's spaces may hold (default 256)");

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
	DRM_IOCTL_DEF_DRV(VCM_VM_BIND, vcm_virt_vm_bind_ioctl, DRM_RENDER_ALLOW),
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
