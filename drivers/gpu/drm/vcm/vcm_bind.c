// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM bind: bind, unbind, range unbind and rebind of a reservation's
 * bindings, translate and the binding visitor.
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

static const struct drm_vcm_bind_attr vcm_no_attr;

/*
 * Can @fmt write @attr for @mem? The kind and the compression mode must
 * fit the format, only device memory is compressed, and the tag lines of
 * every byte of @mem must fit the entries' tag field.
 */
static int vcm_fmt_attr_ok(const struct drm_vcm_format *fmt,
			   const struct drm_vcm_mem *mem,
			   const struct drm_vcm_bind_attr *attr)
{
	u64 last;

	if (attr->kind >= max_t(u32, fmt ? fmt->nkinds : 0, 1))
		return -EINVAL;
	/* Where tags share bits with the address, such VRAM must be low. */
	if (fmt && fmt->comp_pa_bits && (attr->kind || attr->comp) &&
	    mem->loc == DRM_VCM_LOC_DEVICE &&
	    mem->max_addr >> fmt->comp_pa_bits)
		return -EINVAL;
	if (!attr->comp)
		return attr->comptag ? -EINVAL : 0;
	if (!fmt || attr->comp > fmt->max_comp ||
	    mem->loc != DRM_VCM_LOC_DEVICE)
		return -EINVAL;
	last = attr->comptag +
	       (((mem->size - 1) >> fmt->tag_shift) + 1) * attr->comp - 1;
	return last >> fmt->tag_bits ? -EINVAL : 0;
}

/* Can @fmt map @mem with @flags and @attr? */
static int vcm_fmt_accepts(const struct drm_vcm_format *fmt,
			   const struct drm_vcm_mem *mem, u32 flags,
			   const struct drm_vcm_bind_attr *attr)
{
	if (vcm_fmt_attr_ok(fmt, mem, attr))
		return -EINVAL;
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
int vcm_mmu_accepts(const struct drm_vcm_mmu *mmu,
		    const struct drm_vcm_mem *mem, u32 flags,
		    const struct drm_vcm_bind_attr *attr)
{
	if (mmu->dev != mem->dev)
		return -EXDEV;
	return vcm_fmt_accepts(mmu->format, mem, flags, attr);
}

void vcm_req_init(struct vcm_req *req, const struct drm_vcm_binding *b)
{
	req->va = b->node.start;
	req->size = b->node.size;
	vcm_run_attrs(&req->run, b);
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

void vcm_flush(struct drm_vcm *vcm, u64 start, u64 size)
{
	struct drm_vcm_mmu *mmu;

	list_for_each_entry(mmu, &vcm->mmus, link) {
		trace_vcm_flush(vcm->id, mmu->id, start, size);
		if (mmu->ops && mmu->ops->flush)
			mmu->ops->flush(mmu, start, size);
		mmu->stats.flushes++;
	}
}

/*
 * The argument checks a bind and an edit share: -EINVAL for a bad size,
 * offset or flag, -ERANGE for a range outside @res or, when given, @mem.
 */
static int vcm_bind_args(const struct drm_vcm_res *res, u64 res_offset,
			 u64 size, const struct drm_vcm_mem *mem,
			 u64 mem_offset, u32 flags)
{
	if (!size || !vcm_aligned(res_offset) || !vcm_aligned(size) ||
	    !vcm_aligned(mem_offset))
		return -EINVAL;
	if (flags & ~(DRM_VCM_COMMON_FLAGS | GENMASK(31, 16)))
		return -EINVAL;
	if (!vcm_within(res_offset, size, 0, res->node.size) ||
	    (mem && !vcm_within(mem_offset, size, 0, mem->size)))
		return -ERANGE;
	return 0;
}

/**
 * drm_vcm_bind_kind - bind backing memory with a storage kind and tags
 * @res: the reservation
 * @res_offset: where in @res the binding starts, a multiple of 4 KiB
 * @size: bytes to bind, a non-zero multiple of 4 KiB
 * @mem: the backing memory; the binding takes a reference
 * @mem_offset: where in @mem the binding starts, a multiple of 4 KiB
 * @flags: &enum drm_vcm_bind_flags plus format-specific DRM_VCM_FMT_FLAG()s
 * @attr: storage kind and compression tags written into every entry
 *	(&struct drm_vcm_bind_attr), or NULL for none
 *
 * Writes the entries of every attached MMU, then calls each MMU's flush
 * once over the bound range. Every table the bind needs is allocated
 * before the first entry is written, so a bind that fails leaves the space
 * exactly as it was. Page sizes are chosen by the engine from the format
 * and the backing's alignment.
 *
 * Attributes apply to the MMUs with formats that record them (nouveau's
 * nv50, gf100-* and gp100); a space with an external MMU, which has no
 * such entries, takes none.
 *
 * Returns: 0; -EINVAL for a bad size, offset or flag, memory of a
 * location an attached format cannot map, or @attr out of range for an
 * attached MMU's format: a kind at or past &drm_vcm_format.nkinds, a
 * compression mode past &drm_vcm_format.max_comp, a tag without
 * compression, compression of memory that is not device memory, or tag
 * lines past the format's tag field; -EXDEV if @mem's addresses are
 * not of the kind an attached MMU's entries hold (&drm_vcm_mem.dev differs
 * from &drm_vcm_mmu_desc.dev: physical against DMA addresses, or DMA
 * addresses of another device); -ERANGE if the range is not inside @res or
 * @mem, or @mem has addresses an attached format cannot hold; -EBUSY if
 * the range overlaps a binding; -ENOMEM or -ENOSPC when table memory
 * (within the reach of the entries pointing at it) runs out; -EDQUOT when
 * a table it needs would take the space's budget past its cap.
 */
int drm_vcm_bind_kind(struct drm_vcm_res *res, u64 res_offset, u64 size,
		      struct drm_vcm_mem *mem, u64 mem_offset, u32 flags,
		      const struct drm_vcm_bind_attr *attr)
{
	struct drm_vcm *vcm = res->vcm;
	struct drm_vcm_binding *b;
	struct drm_vcm_mmu *mmu;
	struct vcm_req req;
	int ret;

	ret = vcm_bind_args(res, res_offset, size, mem, mem_offset, flags);
	if (ret)
		return ret;

	b = vcm_binding_alloc(vcm);
	if (!b)
		return -ENOMEM;
	b->res = res;
	b->mem = mem;
	b->offset = mem_offset;
	b->flags = flags;
	b->attr = attr ? *attr : vcm_no_attr;
	b->node.start = res->node.start + res_offset;
	b->node.size = size;

	mutex_lock(&vcm->lock);
	list_for_each_entry(mmu, &vcm->mmus, link) {
		ret = vcm_mmu_accepts(mmu, mem, flags, &b->attr);
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
	vcm_binding_free(vcm, b);
	return ret;
}
EXPORT_SYMBOL_GPL(drm_vcm_bind_kind);

/**
 * drm_vcm_bind - bind backing memory into a reservation
 * @res: the reservation
 * @res_offset: where in @res the binding starts, a multiple of 4 KiB
 * @size: bytes to bind, a non-zero multiple of 4 KiB
 * @mem: the backing memory; the binding takes a reference
 * @mem_offset: where in @mem the binding starts, a multiple of 4 KiB
 * @flags: &enum drm_vcm_bind_flags plus format-specific DRM_VCM_FMT_FLAG()s
 *
 * drm_vcm_bind_kind() without storage attributes: kind 0, uncompressed.
 *
 * Returns: as drm_vcm_bind_kind().
 */
int drm_vcm_bind(struct drm_vcm_res *res, u64 res_offset, u64 size,
		 struct drm_vcm_mem *mem, u64 mem_offset, u32 flags)
{
	return drm_vcm_bind_kind(res, res_offset, size, mem, mem_offset, flags,
				 NULL);
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
	vcm_binding_free(vcm, b);
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
	vcm_run_attrs(&req->run, b);
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
			vcm_binding_free_locked(vcm, b);
			continue;
		}
		if (bs < ed->start && be > ed->end) {
			r = *spare;
			*spare = NULL;
			r->res = res;
			r->mem = drm_vcm_mem_get(b->mem);
			r->flags = b->flags;
			r->attr = b->attr;
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

	ret = vcm_bind_args(res, res_offset, size, mem, mem_offset, flags);
	if (ret)
		return ret;

	spare = vcm_binding_alloc(vcm);
	if (!spare)
		return -ENOMEM;
	ed.start = res->node.start + res_offset;
	ed.end = ed.start + size;
	if (mem) {
		nb = vcm_binding_alloc(vcm);
		if (!nb) {
			vcm_binding_free(vcm, spare);
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
		ret = mem ? vcm_mmu_accepts(mmu, mem, flags,
						   &vcm_no_attr) : 0;
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
	vcm_binding_free(vcm, spare);
	return 0;

err_abort:
	list_for_each_entry(mmu, &vcm->mmus, link)
		if (!vcm_mmu_external(mmu))
			vcm_pt_split_abort(mmu);
err_unlock:
	mutex_unlock(&vcm->lock);
	vcm_binding_free(vcm, nb);
	vcm_binding_free(vcm, spare);
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

	mutex_lock(&vcm->lock);
	b = vcm_binding_at(vcm, va);
	if (b) {
		*addr = vcm_mem_addr(b->mem, b->offset + (va - b->node.start));
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
