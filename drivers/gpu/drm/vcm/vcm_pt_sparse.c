// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM page-table engine: sparse reservations (the tables an edge of a
 * sparse range needs, and the walk that rewrites a range when it becomes
 * sparse or stops being so). Which state an unbound entry takes, and
 * which tables an edge keeps, is decided in vcm_pt_table.c, under every
 * walk.
 */

/**
 * DOC: sparse reservations
 *
 * An entry that maps nothing is written in one of two states: invalid
 * (the device faults) or, for formats with %DRM_VCM_FMT_SPARSE, sparse
 * (the device reads zeros and drops writes). The engine picks the state
 * from the entry's span, at whatever level the entry is: sparse when the
 * whole span lies in sparse reservations (drm_vcm_res_sparse()) or the
 * MMU was attached sparse, invalid otherwise. A large-page table of a
 * dual entry is the exception: where a small-page table sits beside it,
 * its unbound entries are invalid, since only an invalid one lets the
 * device through to the small-page entries, which then carry the state.
 *
 * So a sparse range costs no table of its own where it covers whole
 * directory entries: those entries are sparse. Only a directory entry
 * whose span is part sparse, part not (an edge of the range) needs a
 * table below it, down to the smallest pages; vcm_pt_sparse_prepare()
 * allocates those chains before anything is written, and vcm_pt_keep()
 * keeps them while the edge is there, even with nothing bound. Binds and
 * unbinds inside a sparse range are ordinary ones: only the state their
 * unbound entries take differs, and tables they empty go as usual unless
 * an edge keeps them. vcm_pt_restate() rewrites the unbound entries of a
 * range after it changed state, links the new chains and unlinks the
 * tables no edge needs any more.
 */

#include <linux/bug.h>
#include <linux/minmax.h>

#include "vcm_internal.h"
#include "vcm_pt_table.h"

static int pt_sparse_prep(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			  u64 tva)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	unsigned int last = kind->nchild - 1;
	struct drm_vcm_pt **child, *c;
	u32 idx;

	/* Leaves, and edges on an entry boundary, need nothing below. */
	if (!kind->nchild || !((tva - pt->base) & ((1ULL << kind->shift) - 1)))
		return 0;
	idx = (tva - pt->base) >> kind->shift;
	/* The space's end, past the last entry of a top table sized to it. */
	if (idx >= pt->nent)
		return 0;
	child = vcm_pt_children(mmu, pt, idx);
	c = child[last];
	if (!c) {
		unsigned int s;

		/* One child at a time, and it is not the smallest-page one. */
		for (s = 0; s < last; s++)
			if (child[s] && (mmu->format->flags &
					 DRM_VCM_FMT_EXCLUSIVE_CHILD))
				return -EBUSY;
		c = vcm_pt_new_child(mmu, pt, idx, last, false, NULL);
		if (IS_ERR(c))
			return PTR_ERR(c);
	}
	return pt_sparse_prep(mmu, c, tva);
}

/**
 * vcm_pt_sparse_prepare - allocate the tables an edge of a sparse range
 *	needs
 * @mmu: the MMU
 * @va: space VA of the edge
 *
 * Below every directory entry whose span holds @va inside it, a table of
 * the smallest-page kind, down to the leaves. Writes nothing the device
 * reads; on failure the tables stay on @mmu->fresh for vcm_pt_abort().
 *
 * Returns: 0, -EBUSY where a format with one child table at a time has a
 * larger-page table there, or the error of a table allocation (-ENOMEM,
 * -ENOSPC, -EDQUOT).
 */
int vcm_pt_sparse_prepare(struct drm_vcm_mmu *mmu, u64 va)
{
	return pt_sparse_prep(mmu, mmu->top, vcm_pt_va(mmu, va));
}

/* Is entry @idx of @pt, which has no child table, a page entry? */
static bool pt_is_page(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		       u32 idx)
{
	struct drm_vcm_entry ent;

	vcm_pt_read_entry(mmu, pt, idx, &ent);
	return ent.kind == DRM_VCM_ENTRY_PTE;
}

static void pt_restate(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u64 s,
		       u64 e)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u32 idx = (s - pt->base) >> kind->shift;
	u32 last = (e - 1 - pt->base) >> kind->shift;
	u32 first = 0, n = 0;
	unsigned int slot;

	for (; idx <= last; idx++) {
		struct drm_vcm_pt **child = vcm_pt_children(mmu, pt, idx);
		u64 es = pt->base + ((u64)idx << kind->shift);
		u64 ee = es + (1ULL << kind->shift);
		bool tables = false, changed = false;

		for (slot = 0; slot < kind->nchild; slot++) {
			struct drm_vcm_pt *c = child[slot];

			if (!c)
				continue;
			pt_restate(mmu, c, max(s, es), min(e, ee));
			if (!c->used && !vcm_pt_keep(mmu, c)) {
				/* No edge needs it (any more). */
				child[slot] = NULL;
				pt->nkids--;
				if (c->fresh) {
					list_move_tail(&c->link, &mmu->dead);
					continue;
				}
				pt->used--;
				list_add_tail(&c->link, &mmu->dead);
				changed = true;
				continue;
			}
			tables = true;
			if (c->fresh) {
				c->fresh = false;
				list_del_init(&c->link);
				pt->used++;
				changed = true;
			}
		}
		if (changed)
			vcm_pt_write_pde(mmu, pt, idx);
		if (!tables && !changed && !pt_is_page(mmu, pt, idx)) {
			if (!n++)
				first = idx;
			continue;
		}
		if (n)
			vcm_pt_unbound_states(mmu, pt, first, n);
		n = 0;
	}
	if (n)
		vcm_pt_unbound_states(mmu, pt, first, n);
}

/**
 * vcm_pt_restate - rewrite a range whose sparse state changed
 * @mmu: the MMU
 * @va: space VA
 * @size: bytes
 *
 * Every entry in the range that maps nothing is written in the state it
 * has now; tables vcm_pt_sparse_prepare() allocated are linked where an
 * edge needs them, and tables no edge needs and nothing is bound in are
 * unlinked onto @mmu->dead, for vcm_pt_release() after the flush. Cannot
 * fail.
 */
void vcm_pt_restate(struct drm_vcm_mmu *mmu, u64 va, u64 size)
{
	u64 tva = vcm_pt_va(mmu, va);

	pt_restate(mmu, mmu->top, tva, tva + size);
}
