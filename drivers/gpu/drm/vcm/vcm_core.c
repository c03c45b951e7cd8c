// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM core: spaces, table-memory budgets, reservations. Bind and unbind
 * are vcm_bind.c's, MMU attach and detach vcm_mmu.c's, backing memory
 * vcm_backing.c's, the module's load and unload vcm_module.c's.
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

/* Space numbers, for debugfs and trace events. */
static DEFINE_IDA(vcm_ids);

/**
 * DOC: overview
 *
 * VCM manages device address spaces the way the 2010 VCMM proposal
 * described them, inside DRM: a driver creates a &struct drm_vcm (a VA
 * range), *reserves* ranges of it (&struct drm_vcm_res, allocated with
 * drm_mm), wraps its pages in *backing memory* (&struct drm_vcm_mem) and
 * *binds* backing into reservations. Each device MMU that translates
 * through the space is *attached* (&struct drm_vcm_mmu) with a page-table
 * format, the memory its tables live in and three callbacks. A bind writes
 * the tables of every attached MMU and flushes each one once; an unbind
 * clears them, flushes, and only then frees emptied tables and drops the
 * backing. A space may have several MMUs of different formats attached,
 * all seeing the same bindings.
 *
 * Typical use::
 *
 *	vcm = drm_vcm_create(gtt_start, gtt_size);
 *	mmu = drm_vcm_mmu_attach(vcm, &desc);      // activate() is called
 *	res = drm_vcm_reserve(vcm, size, SZ_64K);
 *	mem = drm_vcm_mem_from_sgt(dev, sgt, DRM_VCM_LOC_SYSTEM);
 *	drm_vcm_bind(res, 0, size, mem, 0, DRM_VCM_READ | DRM_VCM_WRITE);
 *	drm_vcm_mem_put(mem);                       // the binding holds one
 *	...
 *	drm_vcm_unbind(res, 0);
 *	drm_vcm_unreserve(res);
 *	drm_vcm_mmu_detach(mmu);
 *	drm_vcm_destroy(vcm);
 *
 * Errors are the same everywhere: -EINVAL for a malformed request (zero
 * size, an address or size not a multiple of 4 KiB, an alignment that is
 * not a power of two, an unknown flag, memory of a location a format cannot
 * map), -ERANGE for a range outside the space, the reservation or the
 * backing, or an address a format cannot express, -EBUSY for a range that
 * overlaps one in use or an object that is still in use, -ENOSPC when no
 * VA or table window is left, -ENOMEM, -ENOENT when nothing is bound
 * where asked, -EXDEV for memory whose addresses are not of the kind an
 * MMU's entries hold, and -ENODEV for a space already destroyed. A call
 * that fails changes nothing.
 *
 * Address kinds: a backing's addresses are CPU physical addresses when its
 * &drm_vcm_mem.dev is NULL, else DMA addresses valid only for that device;
 * an MMU says which kind its entries hold with &drm_vcm_mmu_desc.dev in
 * the same way. An MMU a driver attaches for its GPU typically gives the
 * GPU's device and binds memory mapped for it (drm_vcm_mem_from_sgt() with
 * the same device); vcm_virt, whose virtual MMU sees physical memory, and
 * the AGP and IOMMU backends, which translate to physical addresses, give
 * NULL. A bind or attach that would mix the two is refused with -EXDEV,
 * never written as if one kind were the other.
 *
 * Locking: every space has one mutex. All calls may sleep; MMU callbacks
 * run with the mutex held and must not call back into VCM for the same
 * space.
 */

/**
 * drm_vcm_create - create an address space
 * @start: first VA, a multiple of 4 KiB
 * @size: bytes of VA, a non-zero multiple of 4 KiB
 *
 * The space gets the lowest free number from 1 and a directory of that
 * name under ``vcm/`` in debugfs, which drm_vcm_destroy() removes.
 *
 * Returns: the space with one reference, -EINVAL for a bad range (one that
 * reaches the end of the 64-bit address space included), or -ENOMEM.
 */
struct drm_vcm *drm_vcm_create(u64 start, u64 size)
{
	struct drm_vcm *vcm;
	int id;

	if (!size || !vcm_aligned(start) || !vcm_aligned(size) ||
	    start + size <= start)
		return ERR_PTR(-EINVAL);

	vcm = vcm_kzalloc(sizeof(*vcm));
	if (!vcm)
		return ERR_PTR(-ENOMEM);
	id = vcm_alloc_fail() ? -ENOMEM :
	     ida_alloc_min(&vcm_ids, 1, GFP_KERNEL);
	if (id < 0) {
		vcm_kfree(vcm);
		return ERR_PTR(id);
	}
	vcm->id = id;
	strscpy(vcm->owner, "-", sizeof(vcm->owner));
	INIT_LIST_HEAD(&vcm->debugfs.link);
	kref_init(&vcm->ref);
	mutex_init(&vcm->lock);
	vcm->start = start;
	vcm->size = size;
	drm_mm_init(&vcm->va, start, size);
	drm_mm_init(&vcm->bound, start, size);
	INIT_LIST_HEAD(&vcm->mmus);
	INIT_LIST_HEAD(&vcm->kept);
	vcm_debugfs_add(vcm);
	return vcm;
}
EXPORT_SYMBOL_GPL(drm_vcm_create);

/**
 * drm_vcm_set_owner - name who uses a space, for debugfs
 * @vcm: the space
 * @owner: a short name, typically the driver's device name; truncated to
 *	31 characters
 */
void drm_vcm_set_owner(struct drm_vcm *vcm, const char *owner)
{
	mutex_lock(&vcm->lock);
	strscpy(vcm->owner, owner, sizeof(vcm->owner));
	mutex_unlock(&vcm->lock);
}
EXPORT_SYMBOL_GPL(drm_vcm_set_owner);

static void vcm_release(struct kref *ref)
{
	struct drm_vcm *vcm = container_of(ref, struct drm_vcm, ref);
	struct drm_vcm_binding *b, *tmp;

	/* A deferral left open: its kept tables went with the MMUs. */
	WARN_ON_ONCE(vcm->defer);
	list_for_each_entry_safe(b, tmp, &vcm->kept, kept)
		vcm_kfree(b);
	vcm_debugfs_remove(vcm);
	ida_free(&vcm_ids, vcm->id);
	drm_mm_takedown(&vcm->bound);
	drm_mm_takedown(&vcm->va);
	mutex_destroy(&vcm->lock);
	vcm_kfree(vcm);
}

/**
 * drm_vcm_get - take a reference on a space
 * @vcm: the space
 *
 * Returns: @vcm.
 */
struct drm_vcm *drm_vcm_get(struct drm_vcm *vcm)
{
	kref_get(&vcm->ref);
	return vcm;
}
EXPORT_SYMBOL_GPL(drm_vcm_get);

/**
 * drm_vcm_put - drop a reference on a space
 * @vcm: the space, may be NULL
 *
 * The space is freed with its last reference; by then it holds no
 * reservation and no MMU (drm_vcm_destroy() saw to that).
 */
void drm_vcm_put(struct drm_vcm *vcm)
{
	if (vcm)
		kref_put(&vcm->ref, vcm_release);
}
EXPORT_SYMBOL_GPL(drm_vcm_put);

/**
 * drm_vcm_destroy - destroy an address space
 * @vcm: the space
 *
 * VCM does not tear live state down behind a driver's back: the driver
 * unbinds, unreserves and detaches first, in that order. A space that
 * still has a reservation or an attached MMU is left untouched.
 * Otherwise the space is marked dead, so that holders of other references
 * can no longer reserve or attach, its debugfs directory is removed, and
 * the creator's reference is dropped.
 *
 * Returns: 0, or -EBUSY while reservations or MMUs remain.
 */
int drm_vcm_destroy(struct drm_vcm *vcm)
{
	mutex_lock(&vcm->lock);
	if (vcm->nres || !list_empty(&vcm->mmus)) {
		mutex_unlock(&vcm->lock);
		return -EBUSY;
	}
	vcm->dead = true;
	mutex_unlock(&vcm->lock);
	vcm_debugfs_remove(vcm);
	drm_vcm_put(vcm);
	return 0;
}
EXPORT_SYMBOL_GPL(drm_vcm_destroy);

/**
 * DOC: table-memory budget
 *
 * A space a client can grow, such as each of vcm_virt's spaces, makes the
 * kernel hold table memory on that client's behalf: a 4 KiB bind may need
 * a table of 256 KiB, a space's top table may take megabytes. A driver
 * groups such spaces under one &struct drm_vcm_budget, typically one per
 * DRM file, with a cap in bytes. Every table a space of the group
 * allocates, in every MMU attached to it, is charged to the budget: the
 * table memory as allocated and VCM's software shadow of the table (with,
 * for a table in an I/O window, its place in the window's allocator). A
 * table that would take the group past its cap is not allocated and the
 * bind or attach that needed it fails with -EDQUOT, changing nothing, as
 * for any other failure. Freed tables are uncharged, so the budget is back
 * to 0 once every MMU of the group is detached.
 *
 * A space with a budget also allocates everything else it holds (tables,
 * MMUs, reservations, bindings) with __GFP_ACCOUNT, so that the memory
 * cgroup of the task that made the call pays for it, as for GEM objects.
 * Spaces without a budget (a driver's own GART) are neither capped nor
 * accounted.
 */

/**
 * drm_vcm_budget_init - set up a table-memory budget
 * @b: the budget
 * @max_bytes: cap on the bytes of table memory its spaces hold at once
 */
void drm_vcm_budget_init(struct drm_vcm_budget *b, u64 max_bytes)
{
	spin_lock_init(&b->lock);
	b->max = max_bytes;
	b->used = 0;
}
EXPORT_SYMBOL_GPL(drm_vcm_budget_init);

/**
 * drm_vcm_budget_used - bytes charged to a budget now
 * @b: the budget
 *
 * Returns: the bytes of table memory (and shadows) its spaces hold.
 */
u64 drm_vcm_budget_used(struct drm_vcm_budget *b)
{
	u64 used;

	spin_lock(&b->lock);
	used = b->used;
	spin_unlock(&b->lock);
	return used;
}
EXPORT_SYMBOL_GPL(drm_vcm_budget_used);

/**
 * drm_vcm_set_budget - charge a space's tables to a budget
 * @vcm: the space
 * @b: the budget, or NULL for none
 *
 * Call before the first MMU is attached; from then on, see DOC: table-memory
 * budget.
 *
 * Returns: 0, or -EBUSY (and nothing changes) if an MMU is attached.
 */
int drm_vcm_set_budget(struct drm_vcm *vcm, struct drm_vcm_budget *b)
{
	int ret = 0;

	mutex_lock(&vcm->lock);
	if (list_empty(&vcm->mmus))
		vcm->budget = b;
	else
		ret = -EBUSY;
	mutex_unlock(&vcm->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(drm_vcm_set_budget);

static struct drm_vcm_res *vcm_res_insert(struct drm_vcm *vcm, u64 addr,
					  u64 size, u64 align, bool fixed)
{
	struct drm_vcm_res *res;
	int ret;

	res = vcm_kzalloc_gfp(sizeof(*res), vcm_gfp(vcm));
	if (!res)
		return ERR_PTR(-ENOMEM);

	mutex_lock(&vcm->lock);
	if (vcm->dead) {
		ret = -ENODEV;
	} else if (fixed) {
		res->node.start = addr;
		res->node.size = size;
		ret = drm_mm_reserve_node(&vcm->va, &res->node);
		if (ret == -ENOSPC)
			ret = -EBUSY;
	} else {
		ret = drm_mm_insert_node_in_range(&vcm->va, &res->node, size,
						  align, 0, vcm->start,
						  vcm->start + vcm->size,
						  DRM_MM_INSERT_BEST);
	}
	if (!ret) {
		res->vcm = vcm;
		vcm->nres++;
		vcm->stats.reserved += size;
	}
	mutex_unlock(&vcm->lock);

	if (ret) {
		vcm_kfree(res);
		return ERR_PTR(ret);
	}
	return res;
}

/**
 * drm_vcm_reserve - reserve a VA range anywhere in a space
 * @vcm: the space
 * @size: bytes, a non-zero multiple of 4 KiB
 * @align: alignment of the start, a power of two, or 0 for 4 KiB
 *
 * Returns: the reservation, -EINVAL for a bad size or alignment, -ENOSPC
 * when no free range is large enough, -ENODEV if the space is destroyed,
 * or -ENOMEM.
 */
struct drm_vcm_res *drm_vcm_reserve(struct drm_vcm *vcm, u64 size, u64 align)
{
	if (!size || !vcm_aligned(size) || (align && !is_power_of_2(align)))
		return ERR_PTR(-EINVAL);
	return vcm_res_insert(vcm, 0, size, max(align, VCM_PAGE_SIZE), false);
}
EXPORT_SYMBOL_GPL(drm_vcm_reserve);

/**
 * drm_vcm_reserve_at - reserve a VA range at a fixed address
 * @vcm: the space
 * @addr: first VA, a multiple of 4 KiB
 * @size: bytes, a non-zero multiple of 4 KiB
 *
 * Returns: the reservation, -EINVAL for a bad address or size, -ERANGE if
 * the range is not inside the space, -EBUSY if it overlaps a reservation,
 * -ENODEV if the space is destroyed, or -ENOMEM.
 */
struct drm_vcm_res *drm_vcm_reserve_at(struct drm_vcm *vcm, u64 addr,
				       u64 size)
{
	if (!size || !vcm_aligned(size) || !vcm_aligned(addr))
		return ERR_PTR(-EINVAL);
	if (!vcm_within(addr, size, vcm->start, vcm->size))
		return ERR_PTR(-ERANGE);
	return vcm_res_insert(vcm, addr, size, 0, true);
}
EXPORT_SYMBOL_GPL(drm_vcm_reserve_at);

/**
 * drm_vcm_unreserve - give a reservation back
 * @res: the reservation
 *
 * A sparse reservation (drm_vcm_res_sparse()) is made invalid first.
 *
 * Returns: 0, or -EBUSY (and nothing changes) while anything is bound in
 * it.
 */
int drm_vcm_unreserve(struct drm_vcm_res *res)
{
	struct drm_vcm *vcm = res->vcm;

	mutex_lock(&vcm->lock);
	if (res->nbound) {
		mutex_unlock(&vcm->lock);
		return -EBUSY;
	}
	vcm_res_unsparse(res);
	drm_mm_remove_node(&res->node);
	vcm->nres--;
	vcm->stats.reserved -= res->node.size;
	mutex_unlock(&vcm->lock);
	vcm_kfree(res);
	return 0;
}
EXPORT_SYMBOL_GPL(drm_vcm_unreserve);
