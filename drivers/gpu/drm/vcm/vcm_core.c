// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM core: spaces, reservations, bind, unbind, attach. Backing memory is
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

/* Is [@start, @start + @size) inside [@lo, @lo + @len)? Overflow-safe. */
static bool vcm_within(u64 start, u64 size, u64 lo, u64 len)
{
	return start >= lo && start - lo <= len && size <= len - (start - lo);
}

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
 * table memory as allocated and VCM's software shadow of the table. A
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
	drm_mm_remove_node(&res->node);
	vcm->nres--;
	vcm->stats.reserved -= res->node.size;
	mutex_unlock(&vcm->lock);
	vcm_kfree(res);
	return 0;
}
EXPORT_SYMBOL_GPL(drm_vcm_unreserve);

/* Can @fmt map @mem with @flags? */
static int vcm_fmt_accepts(const struct drm_vcm_format *fmt,
			   const struct drm_vcm_mem *mem, u32 flags)
{
	/* An external MMU without a format takes the common flags only. */
	if (!fmt)
		return flags & ~DRM_VCM_COMMON_FLAGS ? -EINVAL : 0;
	if (flags & ~(DRM_VCM_COMMON_FLAGS | fmt->fmt_flags))
		return -EINVAL;
	if (!(vcm_format_locs(fmt) & BIT(mem->loc)))
		return -EINVAL;
	if (mem->max_addr >> fmt->pa_bits)
		return -ERANGE;
	return 0;
}

/*
 * Can @mmu map @mem with @flags? Its entries hold addresses of one kind
 * (physical, or DMA for one device), and so must the memory's.
 */
static int vcm_mmu_accepts(const struct drm_vcm_mmu *mmu,
			   const struct drm_vcm_mem *mem, u32 flags)
{
	if (mmu->dev != mem->dev)
		return -EXDEV;
	return vcm_fmt_accepts(mmu->format, mem, flags);
}

static void vcm_req_init(struct vcm_req *req, const struct drm_vcm_binding *b)
{
	req->va = b->node.start;
	req->size = b->node.size;
	req->run.flags = b->flags;
	req->run.loc = b->mem->loc;
	vcm_mem_seek(b->mem, b->offset, &req->run);
}

/*
 * Map binding @b into every external MMU up to, not including, @stop (NULL
 * for all); on failure unmap it from those already done.
 */
static int vcm_map_external(struct drm_vcm *vcm, struct drm_vcm_binding *b,
			    struct drm_vcm_mmu *stop)
{
	struct drm_vcm_mmu *mmu, *done;
	int ret;

	list_for_each_entry(mmu, &vcm->mmus, link) {
		if (mmu == stop)
			break;
		if (!vcm_mmu_external(mmu))
			continue;
		ret = mmu->ops->map(mmu, b->node.start, b->node.size, b->mem,
				    b->offset, b->flags);
		if (ret)
			goto err;
	}
	return 0;

err:
	list_for_each_entry(done, &vcm->mmus, link) {
		if (done == mmu)
			break;
		if (vcm_mmu_external(done))
			done->ops->unmap(done, b->node.start, b->node.size);
	}
	return ret;
}

static void vcm_flush(struct drm_vcm *vcm, u64 start, u64 size)
{
	struct drm_vcm_mmu *mmu;

	list_for_each_entry(mmu, &vcm->mmus, link) {
		trace_vcm_flush(vcm->id, mmu->id, start, size);
		if (mmu->ops && mmu->ops->flush)
			mmu->ops->flush(mmu, start, size);
		mmu->stats.flushes++;
	}
}

/**
 * drm_vcm_bind - bind backing memory into a reservation
 * @res: the reservation
 * @res_offset: where in @res the binding starts, a multiple of 4 KiB
 * @size: bytes to bind, a non-zero multiple of 4 KiB
 * @mem: the backing memory; the binding takes a reference
 * @mem_offset: where in @mem the binding starts, a multiple of 4 KiB
 * @flags: &enum drm_vcm_bind_flags plus format-specific DRM_VCM_FMT_FLAG()s
 *
 * Writes the entries of every attached MMU, then calls each MMU's flush
 * once over the bound range. Every table the bind needs is allocated
 * before the first entry is written, so a bind that fails leaves the space
 * exactly as it was. Page sizes are chosen by the engine from the format
 * and the backing's alignment.
 *
 * Returns: 0; -EINVAL for a bad size, offset or flag, or memory of a
 * location an attached format cannot map; -EXDEV if @mem's addresses are
 * not of the kind an attached MMU's entries hold (&drm_vcm_mem.dev differs
 * from &drm_vcm_mmu_desc.dev: physical against DMA addresses, or DMA
 * addresses of another device); -ERANGE if the range is not inside @res or
 * @mem, or @mem has addresses an attached format cannot hold; -EBUSY if
 * the range overlaps a binding; -ENOMEM or -ENOSPC when table memory
 * (within the reach of the entries pointing at it) runs out; -EDQUOT when
 * a table it needs would take the space's budget past its cap.
 */
int drm_vcm_bind(struct drm_vcm_res *res, u64 res_offset, u64 size,
		 struct drm_vcm_mem *mem, u64 mem_offset, u32 flags)
{
	struct drm_vcm *vcm = res->vcm;
	struct drm_vcm_binding *b;
	struct drm_vcm_mmu *mmu;
	struct vcm_req req;
	int ret;

	if (!size || !vcm_aligned(res_offset) || !vcm_aligned(size) ||
	    !vcm_aligned(mem_offset))
		return -EINVAL;
	if (flags & ~(DRM_VCM_COMMON_FLAGS | GENMASK(31, 16)))
		return -EINVAL;
	if (!vcm_within(res_offset, size, 0, res->node.size) ||
	    !vcm_within(mem_offset, size, 0, mem->size))
		return -ERANGE;

	b = vcm_kzalloc_gfp(sizeof(*b), vcm_gfp(vcm));
	if (!b)
		return -ENOMEM;
	b->res = res;
	b->mem = mem;
	b->offset = mem_offset;
	b->flags = flags;
	b->node.start = res->node.start + res_offset;
	b->node.size = size;

	mutex_lock(&vcm->lock);
	list_for_each_entry(mmu, &vcm->mmus, link) {
		ret = vcm_mmu_accepts(mmu, mem, flags);
		if (ret)
			goto err_unlock;
	}
	ret = drm_mm_reserve_node(&vcm->bound, &b->node);
	if (ret) {
		ret = -EBUSY;
		goto err_unlock;
	}

	vcm_req_init(&req, b);
	list_for_each_entry(mmu, &vcm->mmus, link) {
		if (vcm_mmu_external(mmu))
			continue;
		ret = vcm_pt_prepare(mmu, &req);
		if (ret)
			goto err_abort;
	}
	ret = vcm_map_external(vcm, b, NULL);
	if (ret)
		goto err_abort;
	list_for_each_entry(mmu, &vcm->mmus, link)
		if (!vcm_mmu_external(mmu))
			vcm_pt_map(mmu, &req);
	trace_vcm_bind(vcm->id, req.va, req.size, flags,
		       list_count_nodes(&vcm->mmus));
	vcm_flush(vcm, req.va, req.size);

	drm_vcm_mem_get(mem);
	res->nbound++;
	vcm->stats.bound += size;
	vcm->stats.binds++;
	mutex_unlock(&vcm->lock);
	return 0;

err_abort:
	list_for_each_entry(mmu, &vcm->mmus, link)
		if (!vcm_mmu_external(mmu))
			vcm_pt_abort(mmu);
	drm_mm_remove_node(&b->node);
err_unlock:
	mutex_unlock(&vcm->lock);
	vcm_kfree(b);
	return ret;
}
EXPORT_SYMBOL_GPL(drm_vcm_bind);

static struct drm_vcm_binding *vcm_binding_at(struct drm_vcm *vcm, u64 va)
{
	struct drm_mm_node *node;

	drm_mm_for_each_node_in_range(node, &vcm->bound, va, va + 1)
		return container_of(node, struct drm_vcm_binding, node);
	return NULL;
}

/**
 * drm_vcm_unbind - unbind the binding that starts at an offset
 * @res: the reservation
 * @res_offset: offset in @res where a binding starts
 *
 * Clears the entries of every attached MMU, flushes each MMU once, then
 * frees tables left empty and drops the binding's reference on its backing
 * memory, in that order: the device never holds a translation to memory
 * that has been given back.
 *
 * Returns: 0, or -ENOENT if no binding of @res starts there.
 */
int drm_vcm_unbind(struct drm_vcm_res *res, u64 res_offset)
{
	struct drm_vcm *vcm = res->vcm;
	struct drm_vcm_binding *b;
	struct drm_vcm_mmu *mmu;
	struct vcm_req req;

	mutex_lock(&vcm->lock);
	b = res_offset < res->node.size ?
	    vcm_binding_at(vcm, res->node.start + res_offset) : NULL;
	if (!b || b->res != res || b->node.start != res->node.start + res_offset) {
		mutex_unlock(&vcm->lock);
		return -ENOENT;
	}

	req.va = b->node.start;
	req.size = b->node.size;
	list_for_each_entry(mmu, &vcm->mmus, link) {
		if (vcm_mmu_external(mmu))
			mmu->ops->unmap(mmu, req.va, req.size);
		else
			vcm_pt_unmap(mmu, &req);
	}
	trace_vcm_unbind(vcm->id, req.va, req.size, b->flags,
			 list_count_nodes(&vcm->mmus));
	vcm_flush(vcm, req.va, req.size);
	list_for_each_entry(mmu, &vcm->mmus, link)
		if (!vcm_mmu_external(mmu))
			vcm_pt_release(mmu);

	drm_mm_remove_node(&b->node);
	res->nbound--;
	vcm->stats.bound -= req.size;
	vcm->stats.unbinds++;
	mutex_unlock(&vcm->lock);

	drm_vcm_mem_put(b->mem);
	vcm_kfree(b);
	return 0;
}
EXPORT_SYMBOL_GPL(drm_vcm_unbind);

/* The first binding overlapping [@start, @end), or NULL. */
static struct drm_vcm_binding *vcm_binding_in(struct drm_vcm *vcm, u64 start,
					      u64 end)
{
	struct drm_mm_node *node;

	drm_mm_for_each_node_in_range(node, &vcm->bound, start, end)
		return container_of(node, struct drm_vcm_binding, node);
	return NULL;
}

/*
 * An edit of a space: [@start, @end) is unbound, or bound anew, and the
 * bindings reaching across either end (@lb across @start, @rb across
 * @end; the same one when it holds the whole range) keep the rest.
 */
struct vcm_edit {
	u64 start;
	u64 end;
	struct drm_vcm_binding *lb;
	struct drm_vcm_binding *rb;
};

/* A request for [@va, @va + @size) of binding @b. */
static void vcm_req_piece(struct vcm_req *req, const struct drm_vcm_binding *b,
			  u64 va, u64 size)
{
	req->va = va;
	req->size = size;
	req->run.flags = b->flags;
	req->run.loc = b->mem->loc;
	vcm_mem_seek(b->mem, b->offset + (va - b->node.start), &req->run);
}

/*
 * The kept bytes next to each end of an edit that @mmu writes again, so
 * that no fragment or block of entries reaches into the edited range:
 * @win[0] before @ed->start, @win[1] from @ed->end; a size of 0 for none.
 */
static void vcm_edit_windows(const struct vcm_edit *ed,
			     const struct drm_vcm_mmu *mmu,
			     struct vcm_req win[2])
{
	u64 w = vcm_pt_split_window(mmu->format);
	u64 rel = ed->start - vcm_pt_va(mmu, ed->start);
	u64 t, lim;

	win[0].size = 0;
	win[1].size = 0;
	t = ed->start - rel;
	if (ed->lb && (t & (w - 1))) {
		lim = max(ed->lb->node.start, round_down(t, w) + rel);
		vcm_req_piece(&win[0], ed->lb, lim, ed->start - lim);
	}
	t = ed->end - rel;
	if (ed->rb && (t & (w - 1))) {
		lim = min(ed->rb->node.start + ed->rb->node.size,
			  round_up(t, w) + rel);
		vcm_req_piece(&win[1], ed->rb, ed->end, lim - ed->end);
	}
}

/* Split prepares of @ed and binds of its windows and of @nb, for @mmu. */
static int vcm_edit_prepare(const struct vcm_edit *ed,
			    struct drm_vcm_mmu *mmu, struct drm_vcm_binding *nb)
{
	struct vcm_req win[2], req;
	unsigned int i;
	int ret;

	if (ed->lb) {
		ret = vcm_pt_split_prepare(mmu, ed->start);
		if (ret)
			return ret;
	}
	if (ed->rb) {
		ret = vcm_pt_split_prepare(mmu, ed->end);
		if (ret)
			return ret;
	}
	vcm_edit_windows(ed, mmu, win);
	for (i = 0; i < 2; i++) {
		if (!win[i].size)
			continue;
		ret = vcm_pt_prepare(mmu, &win[i]);
		if (ret)
			return ret;
	}
	if (!nb)
		return 0;
	vcm_req_init(&req, nb);
	return vcm_pt_prepare(mmu, &req);
}

/* Write a prepared edit into @mmu; returns the range written in @lo, @hi. */
static void vcm_edit_commit(const struct vcm_edit *ed, struct drm_vcm_mmu *mmu,
			    struct drm_vcm_binding *nb, u64 *lo, u64 *hi)
{
	struct vcm_req win[2], req;
	unsigned int i;
	u64 s, e;

	if (ed->lb)
		vcm_pt_split_commit(mmu, ed->start);
	if (ed->rb)
		vcm_pt_split_commit(mmu, ed->end);
	vcm_edit_windows(ed, mmu, win);
	s = win[0].size ? win[0].va : ed->start;
	e = win[1].size ? win[1].va + win[1].size : ed->end;
	vcm_pt_clear(mmu, s, e - s);
	for (i = 0; i < 2; i++)
		if (win[i].size)
			vcm_pt_map(mmu, &win[i]);
	if (nb) {
		vcm_req_init(&req, nb);
		vcm_pt_map(mmu, &req);
	}
	vcm_pt_reap(mmu, s, e - s);
	*lo = min(*lo, s);
	*hi = max(*hi, e);
}

/*
 * Take [@ed->start, @ed->end) out of the binding tree: bindings inside go
 * (their backing dropped), those across an end keep the rest, @spare
 * becoming the right part of one across both ends. Returns the bytes
 * unbound; @spare is set to NULL if it was used.
 */
static u64 vcm_edit_records(struct drm_vcm_res *res, const struct vcm_edit *ed,
			    struct drm_vcm_binding **spare)
{
	struct drm_vcm *vcm = res->vcm;
	struct drm_vcm_binding *b, *r;
	u64 gone = 0;

	while ((b = vcm_binding_in(vcm, ed->start, ed->end))) {
		u64 bs = b->node.start, be = bs + b->node.size;

		drm_mm_remove_node(&b->node);
		gone += min(be, ed->end) - max(bs, ed->start);
		if (bs >= ed->start && be <= ed->end) {
			res->nbound--;
			drm_vcm_mem_put(b->mem);
			vcm_kfree(b);
			continue;
		}
		if (bs < ed->start && be > ed->end) {
			r = *spare;
			*spare = NULL;
			r->res = res;
			r->mem = drm_vcm_mem_get(b->mem);
			r->flags = b->flags;
			r->offset = b->offset + (ed->end - bs);
			r->node.start = ed->end;
			r->node.size = be - ed->end;
			WARN_ON(drm_mm_reserve_node(&vcm->bound, &r->node));
			res->nbound++;
		}
		if (bs < ed->start) {
			b->node.size = ed->start - bs;
		} else {
			b->offset += ed->end - bs;
			b->node.start = ed->end;
			b->node.size = be - ed->end;
		}
		WARN_ON(drm_mm_reserve_node(&vcm->bound, &b->node));
	}
	return gone;
}

static int vcm_edit(struct drm_vcm_res *res, u64 res_offset, u64 size,
		    struct drm_vcm_mem *mem, u64 mem_offset, u32 flags)
{
	struct drm_vcm *vcm = res->vcm;
	struct drm_vcm_binding *nb = NULL, *spare, *b;
	struct vcm_edit ed = {};
	struct drm_vcm_mmu *mmu;
	struct drm_mm_node *node;
	bool ext = false;
	u64 lo, hi, gone;
	int ret;

	if (!size || !vcm_aligned(res_offset) || !vcm_aligned(size) ||
	    !vcm_aligned(mem_offset))
		return -EINVAL;
	if (flags & ~(DRM_VCM_COMMON_FLAGS | GENMASK(31, 16)))
		return -EINVAL;
	if (!vcm_within(res_offset, size, 0, res->node.size) ||
	    (mem && !vcm_within(mem_offset, size, 0, mem->size)))
		return -ERANGE;

	spare = vcm_kzalloc_gfp(sizeof(*spare), vcm_gfp(vcm));
	if (!spare)
		return -ENOMEM;
	ed.start = res->node.start + res_offset;
	ed.end = ed.start + size;
	if (mem) {
		nb = vcm_kzalloc_gfp(sizeof(*nb), vcm_gfp(vcm));
		if (!nb) {
			vcm_kfree(spare);
			return -ENOMEM;
		}
		nb->res = res;
		nb->mem = mem;
		nb->offset = mem_offset;
		nb->flags = flags;
		nb->node.start = ed.start;
		nb->node.size = size;
	}

	mutex_lock(&vcm->lock);
	list_for_each_entry(mmu, &vcm->mmus, link) {
		ext |= vcm_mmu_external(mmu);
		ret = mem ? vcm_mmu_accepts(mmu, mem, flags) : 0;
		if (ret)
			goto err_unlock;
	}
	b = vcm_binding_at(vcm, ed.start);
	if (b && b->node.start < ed.start)
		ed.lb = b;
	b = vcm_binding_at(vcm, ed.end - 1);
	if (b && b->node.start + b->node.size > ed.end)
		ed.rb = b;
	b = vcm_binding_in(vcm, ed.start, ed.end);
	ret = -ENOENT;
	if (!mem && !b)
		goto err_unlock;
	/* External MMUs map and unmap whole bindings only. */
	ret = -EOPNOTSUPP;
	if (ext && (ed.lb || ed.rb || (mem && b)))
		goto err_unlock;

	list_for_each_entry(mmu, &vcm->mmus, link) {
		if (vcm_mmu_external(mmu))
			continue;
		ret = vcm_edit_prepare(&ed, mmu, nb);
		if (ret)
			goto err_abort;
	}
	if (nb) {
		ret = vcm_map_external(vcm, nb, NULL);
		if (ret)
			goto err_abort;
	}

	/* From here on nothing fails. */
	lo = ed.start;
	hi = ed.end;
	list_for_each_entry(mmu, &vcm->mmus, link) {
		if (!vcm_mmu_external(mmu)) {
			vcm_edit_commit(&ed, mmu, nb, &lo, &hi);
			continue;
		}
		drm_mm_for_each_node_in_range(node, &vcm->bound, ed.start,
					      ed.end)
			mmu->ops->unmap(mmu, node->start, node->size);
	}
	/* One request, one event: a replace is a bind. */
	if (nb)
		trace_vcm_bind(vcm->id, ed.start, size, flags,
			       list_count_nodes(&vcm->mmus));
	else
		trace_vcm_unbind(vcm->id, ed.start, size, b->flags,
				 list_count_nodes(&vcm->mmus));
	vcm_flush(vcm, lo, hi - lo);
	list_for_each_entry(mmu, &vcm->mmus, link)
		if (!vcm_mmu_external(mmu))
			vcm_pt_release(mmu);

	gone = vcm_edit_records(res, &ed, &spare);
	vcm->stats.bound -= gone;
	if (gone)
		vcm->stats.unbinds++;
	if (nb) {
		WARN_ON(drm_mm_reserve_node(&vcm->bound, &nb->node));
		drm_vcm_mem_get(mem);
		res->nbound++;
		vcm->stats.bound += size;
		vcm->stats.binds++;
	}
	mutex_unlock(&vcm->lock);
	vcm_kfree(spare);
	return 0;

err_abort:
	list_for_each_entry(mmu, &vcm->mmus, link)
		if (!vcm_mmu_external(mmu))
			vcm_pt_split_abort(mmu);
err_unlock:
	mutex_unlock(&vcm->lock);
	vcm_kfree(nb);
	vcm_kfree(spare);
	return ret;
}

/**
 * drm_vcm_unbind_range - unbind any page-aligned range of a reservation
 * @res: the reservation
 * @res_offset: offset of the range in @res, a multiple of 4 KiB
 * @size: bytes, a non-zero multiple of 4 KiB
 *
 * Every bound byte of the range is unbound; a binding reaching across an
 * end of the range keeps its part outside (one across both ends becomes
 * two bindings of the same backing). Large pages, fragments and
 * larger-page tables that cross an end are rewritten as smaller pages
 * first, so the bytes kept never lose their translation. As for
 * drm_vcm_unbind(), every table the change needs is allocated before the
 * first entry changes, each MMU is flushed once, and only then are
 * emptied tables freed and backing no longer bound dropped. Unbound parts
 * of the range are skipped.
 *
 * Returns: 0; -EINVAL for a bad offset or size; -ERANGE if the range is not
 * inside @res; -ENOENT if nothing is bound in it; -EOPNOTSUPP if a
 * binding would be split while an external MMU (&drm_vcm_mmu_ops.map) is
 * attached, since those map and unmap whole bindings only; -ENOMEM,
 * -ENOSPC or -EDQUOT as for drm_vcm_bind() when a table or the split's
 * record cannot be allocated. On error nothing has changed.
 */
int drm_vcm_unbind_range(struct drm_vcm_res *res, u64 res_offset, u64 size)
{
	return vcm_edit(res, res_offset, size, NULL, 0, 0);
}
EXPORT_SYMBOL_GPL(drm_vcm_unbind_range);

/**
 * drm_vcm_rebind - bind backing memory over whatever is bound there
 * @res: the reservation
 * @res_offset: where in @res the binding starts, a multiple of 4 KiB
 * @size: bytes to bind, a non-zero multiple of 4 KiB
 * @mem: the backing memory; the binding takes a reference
 * @mem_offset: where in @mem the binding starts, a multiple of 4 KiB
 * @flags: as for drm_vcm_bind()
 *
 * drm_vcm_unbind_range() of the range and drm_vcm_bind() into it, as one
 * request: all of it or none of it happens, and each MMU is flushed once.
 * This is the remap of drm_gpuvm: a binding may be replaced in part, or
 * with other flags. Where nothing is bound it is drm_vcm_bind().
 *
 * On an nv50 directory entry that holds a 64 KiB-page table and keeps
 * part of it, backing that 64 KiB pages cannot map is refused with
 * -EBUSY, as drm_vcm_bind() refuses it.
 *
 * Returns: 0, or the errors of drm_vcm_bind() (-EBUSY aside, which only
 * the case above returns), and -EOPNOTSUPP if an external MMU is
 * attached and something is bound in the range. On error nothing has
 * changed.
 */
int drm_vcm_rebind(struct drm_vcm_res *res, u64 res_offset, u64 size,
		   struct drm_vcm_mem *mem, u64 mem_offset, u32 flags)
{
	return vcm_edit(res, res_offset, size, mem, mem_offset, flags);
}
EXPORT_SYMBOL_GPL(drm_vcm_rebind);

/**
 * drm_vcm_translate - where a VA is bound, from VCM's own records
 * @vcm: the space
 * @va: the address
 * @addr: set to the device address @va is bound to
 * @flags: set to the binding's flags, may be NULL
 *
 * This reads the binding records, not the page tables; compare
 * drm_vcm_mmu_translate().
 *
 * Returns: 0, or -ENOENT if nothing is bound at @va.
 */
int drm_vcm_translate(struct drm_vcm *vcm, u64 va, dma_addr_t *addr,
		      u32 *flags)
{
	struct drm_vcm_binding *b;
	struct drm_vcm_pte_run run;

	mutex_lock(&vcm->lock);
	b = vcm_binding_at(vcm, va);
	if (b) {
		vcm_mem_seek(b->mem, b->offset + (va - b->node.start), &run);
		*addr = run.seg->addr + run.off;
		if (flags)
			*flags = b->flags;
	}
	mutex_unlock(&vcm->lock);
	return b ? 0 : -ENOENT;
}
EXPORT_SYMBOL_GPL(drm_vcm_translate);

/**
 * drm_vcm_visit_bindings - call a function for every binding, in VA order
 * @vcm: the space
 * @fn: the function; a non-zero return stops the walk
 * @data: passed to @fn
 *
 * @fn runs with the space lock held and must not call into VCM for @vcm.
 *
 * Returns: 0, or the first non-zero value @fn returned.
 */
int drm_vcm_visit_bindings(struct drm_vcm *vcm, drm_vcm_binding_fn fn,
			   void *data)
{
	struct drm_mm_node *node;
	int ret = 0;

	mutex_lock(&vcm->lock);
	drm_mm_for_each_node(node, &vcm->bound) {
		ret = fn(container_of(node, struct drm_vcm_binding, node),
			 data);
		if (ret)
			break;
	}
	mutex_unlock(&vcm->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(drm_vcm_visit_bindings);

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

		ret = vcm_mmu_accepts(mmu, b->mem, b->flags);
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
 * map; -EXDEV if a binding's memory holds addresses of another kind than
 * @desc->dev says (see drm_vcm_bind()), or table memory is allocated for a
 * device other than @desc->dev; -ERANGE if the space or a binding lies
 * beyond what the format can address (a space larger than
 * drm_vcm_format_max_size() included), or &drm_vcm_mmu_desc.dummy_addr or
 * the I/O window beyond what its entries can hold; -ENODEV if the space is
 * destroyed; -ENOMEM or -ENOSPC when table memory (within the entries'
 * reach) runs out (-ENOMEM also when no contiguous memory of a table's
 * size can be found, or it cannot be made uncached); -EDQUOT when a table
 * would take the space's budget past its cap; or the error activate()
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
	if (desc->tmem.kind == DRM_VCM_TMEM_IO)
		drm_mm_init(&mmu->tmem.io_mm, 0, desc->tmem.io_size);

	mutex_lock(&vcm->lock);
	mmu->id = vcm->mmu_ids;
	if (vcm->dead) {
		ret = -ENODEV;
		goto err_unlock;
	}
	if (vcm_mmu_external(mmu)) {
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

		ret = vcm_mmu_accepts(mmu, b->mem, b->flags);
		if (ret)
			goto err_abort;
		vcm_req_init(&req, b);
		ret = vcm_pt_prepare(mmu, &req);
		if (ret)
			goto err_abort;
	}
	drm_mm_for_each_node(node, &vcm->bound) {
		vcm_req_init(&req, container_of(node, struct drm_vcm_binding,
						node));
		vcm_pt_map(mmu, &req);
	}

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
	struct drm_vcm_entry e = {};
	int ret;

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
