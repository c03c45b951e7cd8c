/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * vcm_virt: the virtual GPU of VCM. Internal definitions shared by the DRM
 * driver (vcm_virt_drv.c) and the MMU and copy engine (vcm_virt_copy.c).
 */
#ifndef __VCM_VIRT_H__
#define __VCM_VIRT_H__

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/xarray.h>

#include <drm/drm_device.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_vcm.h>
#include <uapi/drm/vcm_drm.h>

struct agp_bridge_data;
struct drm_file;
struct page;

/* The unit of the VA ioctls and of the copy engine's translations. */
#define VCM_VIRT_PAGE		4096ULL

/* Ids of spaces and reservations: never 0. */
#define VCM_VIRT_IDS		XA_LIMIT(1, U32_MAX)

/**
 * struct vcm_virt_device - the one vcm_virt device
 * @drm: the DRM device
 * @dummy: a zeroed page below 4 GiB that the invalid entries of some
 *	formats point at
 */
struct vcm_virt_device {
	struct drm_device drm;
	struct page *dummy;
};

/**
 * struct vcm_virt_bo - a buffer object
 * @base: the shmem GEM object; must stay the first member, as the shmem
 *	helpers free the object through it
 * @lock: protects @mem and @bound; held across a whole bind
 * @mem: the pinned pages as VCM backing memory, made on the first bind
 *	that succeeds and kept until the object is freed; NULL before
 * @bound: a bind of the object has succeeded; until then a failed bind
 *	unpins the pages again
 */
struct vcm_virt_bo {
	struct drm_gem_shmem_object base;
	struct mutex lock; /* protects mem, bound */
	struct drm_vcm_mem *mem;
	bool bound;
};

/**
 * struct vcm_virt_binding - one binding made by DRM_VCM_VA_BIND
 * @link: entry in &vcm_virt_res.bindings
 * @res_offset: where it starts in the reservation
 * @size: bytes bound
 * @bo: the object; the binding holds a GEM reference on it
 */
struct vcm_virt_binding {
	struct list_head link;
	u64 res_offset;
	u64 size;
	struct vcm_virt_bo *bo;
};

/**
 * struct vcm_virt_res - one reservation made by DRM_VCM_VA_RESERVE
 * @res: VCM's reservation
 * @bindings: &vcm_virt_binding in it
 */
struct vcm_virt_res {
	struct drm_vcm_res *res;
	struct list_head bindings;
};

/**
 * struct vcm_virt_space - one address space made by DRM_VCM_SPACE_CREATE
 * @vcm: VCM's space
 * @mmus: attached MMUs, MMU 0 first
 * @fmts: the format of each of @mmus
 * @nmmus: entries used in @mmus and @fmts
 * @agp: the AGP bridge the space holds (DRM_VCM_ATTACH_AGP), or NULL
 * @agp_mmu: with @agp, which of @mmus is the bridge's
 * @res: &vcm_virt_res by id, ids from 1
 * @next_res: where the search for the next reservation id starts
 */
struct vcm_virt_space {
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmus[DRM_VCM_MAX_MMUS];
	const struct drm_vcm_format *fmts[DRM_VCM_MAX_MMUS];
	unsigned int nmmus;
	struct agp_bridge_data *agp;
	unsigned int agp_mmu;
	struct xarray res;
	u32 next_res;
};

/**
 * struct vcm_virt_file - per-file state
 * @lock: serialises this file's ioctls; taken interruptibly
 * @spaces: &vcm_virt_space by id, ids from 1
 * @next_space: where the search for the next space id starts
 * @budget: the table-memory budget of all its spaces
 *
 * Ids are handed out cyclically, so that a stale id is -ENOENT rather
 * than the name of a newer object, until the 32-bit ids wrap.
 */
struct vcm_virt_file {
	struct mutex lock; /* serialises the file's ioctls */
	struct xarray spaces;
	u32 next_space;
	struct drm_vcm_budget budget;
};

struct vcm_virt_space *vcm_virt_space_lookup(struct drm_file *file, u32 id);

int vcm_virt_copy_ioctl(struct drm_device *dev, void *data,
			struct drm_file *file);

#endif /* __VCM_VIRT_H__ */
