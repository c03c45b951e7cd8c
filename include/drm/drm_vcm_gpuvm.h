/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * VCM helpers for drivers built on drm_gpuvm (CONFIG_DRM_VCM_GPUVM).
 */
#ifndef __DRM_VCM_GPUVM_H__
#define __DRM_VCM_GPUVM_H__

#include <linux/types.h>

struct drm_gpuva_op_map;
struct drm_gpuva_op_remap;
struct drm_gpuva_op_unmap;
struct drm_vcm_mem;
struct drm_vcm_res;

int drm_vcm_gpuvm_map(struct drm_vcm_res *res,
		      const struct drm_gpuva_op_map *op,
		      struct drm_vcm_mem *mem, u32 flags);
int drm_vcm_gpuvm_remap(struct drm_vcm_res *res,
			const struct drm_gpuva_op_remap *op);
int drm_vcm_gpuvm_unmap(struct drm_vcm_res *res,
			const struct drm_gpuva_op_unmap *op);

#endif /* __DRM_VCM_GPUVM_H__ */
