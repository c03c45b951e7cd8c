/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * vcm_virt: the virtual GPU of VCM. Internal definitions shared by its
 * files, from the top down: the DRM driver (vcm_virt_drv.c), the ioctls
 * (vcm_virt_ioctl.c) and the MMU and copy engine (vcm_virt_copy.c), the
 * lifetime of spaces, reservations and bindings (vcm_virt_space.c), and
 * the buffer objects (vcm_virt_bo.c). DRM_VCM_VM_BIND (vcm_virt_bind.c)
 * sits between the spaces, whose teardown unmaps a reservation's VM, and
 * the buffer objects.
 */
#ifndef __VCM_VIRT_H__
#define __VCM_VIRT_H__

#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/container_of.h>
#include <linux/list.h>
#include <linux/math.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <linux/xarray.h>

#include <drm/drm_device.h>
#include <drm/drm_file.h>
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

/* The uAPI bind flags are VCM's common flags, bit for bit. */
static_assert(DRM_VCM_BIND_READ == DRM_VCM_READ);
static_assert(DRM_VCM_BIND_WRITE == DRM_VCM_WRITE);
static_assert(DRM_VCM_BIND_SNOOP == DRM_VCM_SNOOP);
#define VCM_VIRT_BIND_FLAGS \
	(DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE | DRM_VCM_BIND_SNOOP)

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
 * @vm_binds: DRM_VCM_VM_BIND calls running that map the object (counted
 *	per op); while there are any, a failed bind leaves the pages pinned
 */
struct vcm_virt_bo {
	struct drm_gem_shmem_object base;
	struct mutex lock; /* protects mem, bound, vm_binds */
	struct drm_vcm_mem *mem;
	bool bound;
	unsigned int vm_binds;
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

struct vcm_virt_vm;

/**
 * struct vcm_virt_res - one reservation made by DRM_VCM_VA_RESERVE
 * @res: VCM's reservation
 * @bindings: &vcm_virt_binding in it (DRM_VCM_VA_BIND)
 * @vm: its GPU VM, made by its first DRM_VCM_VM_BIND (vcm_virt_bind.c),
 *	or NULL
 */
struct vcm_virt_res {
	struct drm_vcm_res *res;
	struct list_head bindings;
	struct vcm_virt_vm *vm;
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

static inline struct vcm_virt_device *vcm_virt_dev(struct drm_device *drm)
{
	return container_of(drm, struct vcm_virt_device, drm);
}

/* Checks of the VA ioctls' arguments */

static inline bool vcm_virt_aligned(u64 v)
{
	return IS_ALIGNED(v, VCM_VIRT_PAGE);
}

/* Does [@start, @start + @size) wrap around 2^64? @size is not zero. */
static inline bool vcm_virt_wraps(u64 start, u64 size)
{
	u64 last;

	return check_add_overflow(start, size - 1, &last);
}

/* Is [@start, @start + @size) inside [0, @len)? Overflow-safe. */
static inline bool vcm_virt_inside(u64 start, u64 size, u64 len)
{
	u64 end;

	return !check_add_overflow(start, size, &end) && end <= len;
}

/*
 * The file's lock. Ioctls that touch the file's spaces run under it, taken
 * interruptibly so that a signal makes them return and be restarted.
 */
static inline int vcm_virt_lock(struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;

	return mutex_lock_interruptible(&vf->lock);
}

static inline void vcm_virt_unlock(struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;

	mutex_unlock(&vf->lock);
}

/**
 * vcm_virt_space_lookup - a space of a file by id
 * @file: the DRM file, whose ioctl lock the caller holds
 * @id: the space's id
 *
 * Returns: the space, or NULL if @file has none of that id.
 */
static inline struct vcm_virt_space *
vcm_virt_space_lookup(struct drm_file *file, u32 id)
{
	struct vcm_virt_file *vf = file->driver_priv;

	return xa_load(&vf->spaces, id);
}

/* Reservation @res_id of space @space_id of @file, or NULL. */
static inline struct vcm_virt_res *
vcm_virt_res_lookup(struct drm_file *file, u32 space_id, u32 res_id)
{
	struct vcm_virt_space *vs = vcm_virt_space_lookup(file, space_id);

	return vs ? xa_load(&vs->res, res_id) : NULL;
}

/* vcm_virt_bo.c: buffer objects */
struct drm_gem_object *vcm_virt_gem_create_object(struct drm_device *dev,
						  size_t size);
struct vcm_virt_bo *vcm_virt_bo_lookup(struct drm_file *file, u32 handle);
int vcm_virt_bo_mem(struct vcm_virt_bo *bo);
void vcm_virt_bo_mem_undo(struct vcm_virt_bo *bo);

/* vcm_virt_bind.c: DRM_VCM_VM_BIND, where the kernel has drm_gpuvm */
#if IS_ENABLED(CONFIG_DRM_VCM_GPUVM)
int vcm_virt_vm_bind_ioctl(struct drm_device *drm, void *data,
			   struct drm_file *file);
bool vcm_virt_vm_busy(const struct vcm_virt_res *vr);
void vcm_virt_vm_destroy(struct vcm_virt_res *vr);
#else
static inline int vcm_virt_vm_bind_ioctl(struct drm_device *drm, void *data,
					 struct drm_file *file)
{
	return -EOPNOTSUPP;
}

static inline bool vcm_virt_vm_busy(const struct vcm_virt_res *vr)
{
	return false;
}

static inline void vcm_virt_vm_destroy(struct vcm_virt_res *vr)
{
}
#endif

/* vcm_virt_space.c: spaces, reservations, bindings, the AGP bridge */
void vcm_virt_binding_drop(struct vcm_virt_binding *vb);
void vcm_virt_res_destroy(struct vcm_virt_res *vr);
void vcm_virt_space_destroy(struct vcm_virt_space *vs);
struct drm_vcm_mmu *vcm_virt_mmu_attach(struct drm_device *drm,
					struct vcm_virt_space *vs,
					const struct drm_vcm_format *fmt);
int vcm_virt_agp_aperture(u64 *base, u64 *size);
struct drm_vcm_mmu *vcm_virt_agp_attach(struct vcm_virt_space *vs);
void vcm_virt_agp_detach(struct vcm_virt_space *vs, struct drm_vcm_mmu *mmu);

/* vcm_virt_ioctl.c and vcm_virt_copy.c: the other ioctls */
int vcm_virt_format_info_ioctl(struct drm_device *drm, void *data,
			       struct drm_file *file);
int vcm_virt_space_create_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file);
int vcm_virt_space_destroy_ioctl(struct drm_device *drm, void *data,
				 struct drm_file *file);
int vcm_virt_space_attach_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file);
int vcm_virt_bo_create_ioctl(struct drm_device *drm, void *data,
			     struct drm_file *file);
int vcm_virt_bo_mmap_ioctl(struct drm_device *drm, void *data,
			   struct drm_file *file);
int vcm_virt_va_reserve_ioctl(struct drm_device *drm, void *data,
			      struct drm_file *file);
int vcm_virt_va_unreserve_ioctl(struct drm_device *drm, void *data,
				struct drm_file *file);
int vcm_virt_va_bind_ioctl(struct drm_device *drm, void *data,
			   struct drm_file *file);
int vcm_virt_va_unbind_ioctl(struct drm_device *drm, void *data,
			     struct drm_file *file);
int vcm_virt_agp_info_ioctl(struct drm_device *drm, void *data,
			    struct drm_file *file);
int vcm_virt_copy_ioctl(struct drm_device *dev, void *data,
			struct drm_file *file);

#endif /* __VCM_VIRT_H__ */
