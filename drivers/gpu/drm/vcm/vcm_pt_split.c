// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM page-table engine: partial unbind (splitting a large entry into a
 * table of smaller ones), clearing a range and freeing emptied tables.
 */

#include <linux/bug.h>
#include <linux/minmax.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vcm_compat.h"
#include "vcm_internal.h"
#include "vcm_pt_table.h"
#include "vcm_trace.h"

/**
 * DOC: partial unbind and replace
 *
 * drm_vcm_unbind_range() and drm_vcm_rebind() change part of a binding.
 * The engine's side of such an edit, for each MMU, is:
 *
 * - at each *edge* (an address inside a binding where the kept part meets
 *   the changed one), vcm_pt_split_prepare() allocates what the edge
 *   needs: a table of the smallest pages under a directory entry that maps
 *   a large page across the edge, and a smallest-page table taking over a
 *   whole larger-page table (nv50's 64 KiB tables, the large-page table of
 *   a dual entry) one of whose pages crosses the edge. Decoded entries
 *   and the shadow tree say what crosses an edge, not the pages a bind
 *   would have chosen. The kept bytes near each edge, up to
 *   vcm_pt_split_window() of them, are prepared again as ordinary binds,
 *   since writers encode fragments and blocks of identical entries from
 *   the run they are given; so is the new binding of a replace.
 * - nothing has been written yet, so a failure unlinks and frees all that
 *   (vcm_pt_split_abort()) and the space is as it was.
 * - vcm_pt_split_commit() writes the new tables from the space's bindings
 *   (the same translations in smaller pages) and points the directory at
 *   them; vcm_pt_clear() clears every page entry in the changed range and
 *   the windows, without freeing tables; the windows and the new binding
 *   are mapped as any bind; vcm_pt_reap() unlinks the tables left empty.
 *   The core then flushes each MMU once and vcm_pt_release() frees the
 *   unlinked tables.
 *
 * Writers must encode contiguity (fragments, blocks of identical entries)
 * in naturally aligned groups of at most 1 << %VCM_SPLIT_BLOCK_BITS
 * entries, as every format here does (cayman's 64, nv50's 128).
 */

#define VCM_SPLIT_BLOCK_BITS	10

/**
 * vcm_pt_split_window - how far around an edge entries are written again
 * @f: the format
 *
 * Returns: a power of two: the largest aligned block of entries a writer
 * of a page table of @f may encode as one, in bytes of VA.
 */
u64 vcm_pt_split_window(const struct drm_vcm_format *f)
{
	u64 w = VCM_PAGE_SIZE;
	unsigned int i;

	for (i = 0; i < f->ntables; i++) {
		const struct drm_vcm_fmt_table *k = &f->tables[i];

		if (!k->leaf || k->nchild)
			continue;
		w = max(w, 1ULL << (k->shift + min_t(unsigned int, k->bits,
						     VCM_SPLIT_BLOCK_BITS)));
	}
	return w;
}

/* Allocate child @slot of entry @idx of @pt for a split, linked as fresh. */
static struct drm_vcm_pt *pt_split_new(struct drm_vcm_mmu *mmu,
				       struct drm_vcm_pt *pt, u32 idx,
				       unsigned int slot)
{
	struct drm_vcm_pt *c = vcm_pt_new_child(mmu, pt, idx, slot, false,
						NULL);

	if (!IS_ERR(c))
		c->split = true;
	return c;
}

/* Is entry @idx of @pt a page entry (or about to become one)? */
static bool pt_maps_page(const struct drm_vcm_mmu *mmu,
			 const struct drm_vcm_pt *pt, u32 idx)
{
	struct drm_vcm_entry ent;

	/* A split table not yet written will map every page of its parent. */
	if (pt->fresh && pt->split)
		return true;
	vcm_pt_read_entry(mmu, pt, idx, &ent);
	return ent.kind == DRM_VCM_ENTRY_PTE;
}

static int pt_split_prep(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			 u64 tva)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	struct drm_vcm_pt **child, *c;
	unsigned int last, slot;
	bool tables = false;
	u32 idx;
	int ret;

	/* Page tables, and edges on an entry boundary, split nothing. */
	if (!kind->nchild || !((tva - pt->base) & ((1ULL << kind->shift) - 1)))
		return 0;
	idx = (tva - pt->base) >> kind->shift;
	child = vcm_pt_children(mmu, pt, idx);
	last = kind->nchild - 1;

	for (slot = 0; slot < kind->nchild; slot++)
		tables |= !!child[slot];
	if (!tables) {
		/* A large page across the edge: smallest pages below it. */
		if (!pt_maps_page(mmu, pt, idx))
			return 0;
		c = pt_split_new(mmu, pt, idx, last);
		return IS_ERR(c) ? PTR_ERR(c) : pt_split_prep(mmu, c, tva);
	}

	/* A larger-page table whose page crosses the edge hands over. */
	for (slot = 0; slot < last; slot++) {
		const struct drm_vcm_fmt_table *ck;

		c = child[slot];
		if (!c || c->fresh)
			continue;
		ck = vcm_pt_kind(mmu, c);
		if (ck->nchild || !((tva - c->base) & ((1ULL << ck->shift) - 1)) ||
		    !pt_maps_page(mmu, c, (tva - c->base) >> ck->shift))
			continue;
		if (!child[last]) {
			struct drm_vcm_pt *n = pt_split_new(mmu, pt, idx, last);

			if (IS_ERR(n))
				return PTR_ERR(n);
		}
		child[slot] = NULL;
		pt->nkids--;
		c->split = true;
		list_add(&c->link, &mmu->dead);
	}

	for (slot = 0; slot < kind->nchild; slot++) {
		if (!child[slot])
			continue;
		ret = pt_split_prep(mmu, child[slot], tva);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * vcm_pt_split_prepare - allocate what splitting the pages at an edge needs
 * @mmu: the MMU
 * @va: space VA of the edge, inside a binding
 *
 * Writes nothing the device reads; see DOC: partial unbind and replace.
 * On failure what was allocated stays linked for vcm_pt_split_abort().
 *
 * Returns: 0, or the error of a table allocation (-ENOMEM, -ENOSPC,
 * -EDQUOT).
 */
int vcm_pt_split_prepare(struct drm_vcm_mmu *mmu, u64 va)
{
	return pt_split_prep(mmu, mmu->top, vcm_pt_va(mmu, va));
}

/**
 * vcm_pt_split_abort - undo split and bind prepares of an edit
 * @mmu: the MMU
 */
void vcm_pt_split_abort(struct drm_vcm_mmu *mmu)
{
	struct drm_vcm_pt *pt, *tmp;

	vcm_pt_abort(mmu);
	/* Larger-page tables that were to hand over stay where they were. */
	list_for_each_entry_safe(pt, tmp, &mmu->dead, link) {
		list_del_init(&pt->link);
		pt->split = false;
		vcm_pt_children(mmu, pt->parent, pt->index)[pt->slot] = pt;
		pt->parent->nkids++;
	}
}

/* Write the leaves of @c over table VA [@from, @to) from binding @node. */
static void pt_fill_run(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *c,
			struct drm_mm_node *node, u64 from, u64 to)
{
	struct drm_vcm_binding *b =
		container_of(node, struct drm_vcm_binding, node);
	unsigned int shift = vcm_pt_kind(mmu, c)->shift;
	u64 rel = mmu->vcm->start - vcm_pt_va(mmu, mmu->vcm->start);
	struct drm_vcm_pte_run run = {
		.pgsize = 1ULL << shift,
	};
	struct vcm_emit em = { .op = VCM_EMIT_PTES, .run = &run };
	u32 count = (to - from) >> shift;

	vcm_run_attrs(&run, b);
	run.va = from;
	run.tag_va = vcm_pt_va(mmu, run.tag_va);
	vcm_mem_seek(b->mem, b->offset + (from + rel - node->start), &run);
	vcm_pt_emit(mmu, c, (from - c->base) >> shift, count, &em);
	c->used += count;
}

/* The binding node holding space VA @va, or NULL. */
static struct drm_mm_node *pt_bound_at(struct drm_vcm *vcm, u64 va)
{
	struct drm_mm_node *node;

	drm_mm_for_each_node_in_range(node, &vcm->bound, va, va + 1)
		return node;
	return NULL;
}

/*
 * Write the leaves of table @c over table VA [@s, @e) as the space's
 * bindings say, in @c's page size; entries of @c holding tables are kept.
 */
static void pt_fill_bound(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *c,
			  u64 s, u64 e)
{
	struct drm_vcm *vcm = mmu->vcm;
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, c);
	unsigned int shift = kind->shift, slot;
	u64 rel = vcm->start - vcm_pt_va(mmu, vcm->start);
	struct drm_mm_node *node;

	if (kind->nchild) {
		u64 step = 1ULL << shift, p;

		for (p = s; p < e; p += step) {
			struct drm_vcm_pt **ch =
				vcm_pt_children(mmu, c, (p - c->base) >> shift);
			bool tables = false;

			for (slot = 0; slot < kind->nchild; slot++)
				tables |= !!ch[slot];
			node = tables ? NULL : pt_bound_at(vcm, p + rel);
			if (node)
				pt_fill_run(mmu, c, node, p, p + step);
		}
		return;
	}
	drm_mm_for_each_node_in_range(node, &vcm->bound, s + rel, e + rel)
		pt_fill_run(mmu, c, node, max(s, node->start - rel),
			    min(e, node->start + node->size - rel));
}

/* Mark @c, a child of @pt, written and linked. */
static void pt_split_link(struct drm_vcm_pt *pt, struct drm_vcm_pt *c)
{
	c->fresh = false;
	c->split = false;
	list_del_init(&c->link);
	pt->used++;
}

static void pt_split_commit(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			    u64 tva)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u64 span = 1ULL << kind->shift;
	struct drm_vcm_pt **child, *c, *old;
	bool converted = false, changed = false;
	unsigned int slot;
	u64 base;
	u32 idx;

	if (!kind->nchild || !((tva - pt->base) & (span - 1)))
		return;
	idx = (tva - pt->base) >> kind->shift;
	base = pt->base + ((u64)idx << kind->shift);
	child = vcm_pt_children(mmu, pt, idx);

	/* Deepest first: a table is whole before anything points at it. */
	for (slot = 0; slot < kind->nchild; slot++)
		if (child[slot] && (!child[slot]->fresh || child[slot]->split))
			pt_split_commit(mmu, child[slot], tva);

	/* Larger-page tables hand their pages to the smallest-page one. */
	list_for_each_entry(old, &mmu->dead, link) {
		const struct drm_vcm_fmt_table *ok;
		u32 i;

		if (!old->split || old->parent != pt || old->index != idx)
			continue;
		ok = vcm_pt_kind(mmu, old);
		for (i = 0; i < old->nent; i++) {
			u64 ps = old->base + ((u64)i << ok->shift);

			if (pt_maps_page(mmu, old, i))
				pt_fill_bound(mmu, child[kind->nchild - 1], ps,
					      ps + (1ULL << ok->shift));
		}
		old->split = false;
		pt->used--;
		converted = true;
	}

	for (slot = 0; slot < kind->nchild; slot++) {
		c = child[slot];
		if (!c || !c->fresh || !c->split)
			continue;
		if (!converted) {
			/* Below a large page: the same pages, smaller. */
			pt_fill_bound(mmu, c, base, base + span);
			pt->used--;
		}
		pt_split_link(pt, c);
		changed = true;
	}
	if (changed || converted)
		vcm_pt_write_pde(mmu, pt, idx);
}

/**
 * vcm_pt_split_commit - split the pages at an edge, as prepared
 * @mmu: the MMU
 * @va: space VA of the edge, as given to vcm_pt_split_prepare()
 *
 * Every translation stays as it was; only the pages and tables holding it
 * change. Cannot fail.
 */
void vcm_pt_split_commit(struct drm_vcm_mmu *mmu, u64 va)
{
	pt_split_commit(mmu, mmu->top, vcm_pt_va(mmu, va));
}

/*
 * Is the page table @pt the only live table of its directory entry, so
 * that it holds every page bound below that entry? Not when a dual entry
 * has the other table too: which of the two maps a page is then in the
 * entries alone.
 */
static bool pt_sole_table(struct drm_vcm_mmu *mmu, const struct drm_vcm_pt *pt)
{
	struct drm_vcm_pt **child;
	unsigned int slot;

	if (!pt->parent)
		return true;
	child = vcm_pt_children(mmu, pt->parent, pt->index);
	for (slot = 0; slot < vcm_pt_kind(mmu, pt->parent)->nchild; slot++)
		if (child[slot] && child[slot] != pt && !child[slot]->fresh)
			return false;
	return true;
}

/*
 * Clear the entries of @pt, a page table holding every page bound below
 * its directory entry, over table VA [@s, @e): they are the pages the
 * space's bindings cover there, so these say which entries to clear
 * without reading and decoding each one.
 */
static void pt_clear_bound(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			   u64 s, u64 e)
{
	struct drm_vcm *vcm = mmu->vcm;
	unsigned int shift = vcm_pt_kind(mmu, pt)->shift;
	u64 rel = vcm->start - vcm_pt_va(mmu, vcm->start);
	u64 mask = (1ULL << shift) - 1;
	struct drm_mm_node *node;
	u32 first = 0, n = 0, i, k;

	drm_mm_for_each_node_in_range(node, &vcm->bound, s + rel, e + rel) {
		u64 a = max(s, node->start - rel);
		u64 b = min(e, node->start + node->size - rel);

		/* A split at each edge leaves no page across one. */
		WARN_ON_ONCE((a | b) & mask);
		i = (a - pt->base) >> shift;
		k = (b - a) >> shift;
		if (n && first + n == i) {
			n += k;
			continue;
		}
		if (n) {
			vcm_pt_clear_entries(mmu, pt, first, n);
			pt->used -= n;
		}
		first = i;
		n = k;
	}
	if (n) {
		vcm_pt_clear_entries(mmu, pt, first, n);
		pt->used -= n;
	}
}

static void pt_clear_walk(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			  u64 s, u64 e)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u32 idx = (s - pt->base) >> kind->shift;
	u32 last = (e - 1 - pt->base) >> kind->shift;
	u32 first = 0, n = 0;
	unsigned int slot;

	if (!kind->nchild && pt_sole_table(mmu, pt)) {
		pt_clear_bound(mmu, pt, s, e);
		return;
	}
	for (; idx <= last; idx++) {
		u64 es = pt->base + ((u64)idx << kind->shift);
		u64 ee = es + (1ULL << kind->shift);
		bool tables = false;

		for (slot = 0; slot < kind->nchild; slot++) {
			struct drm_vcm_pt *c = vcm_pt_children(mmu, pt, idx)[slot];

			/* Tables a prepare just made hold nothing yet. */
			if (!c || c->fresh)
				continue;
			tables = true;
			pt_clear_walk(mmu, c, max(s, es), min(e, ee));
		}
		if (!tables && pt_maps_page(mmu, pt, idx)) {
			/* A split at each edge leaves no page across one. */
			WARN_ON_ONCE(es < s || ee > e);
			if (!n++)
				first = idx;
			continue;
		}
		if (n) {
			vcm_pt_clear_entries(mmu, pt, first, n);
			pt->used -= n;
			n = 0;
		}
	}
	if (n) {
		vcm_pt_clear_entries(mmu, pt, first, n);
		pt->used -= n;
	}
}

/**
 * vcm_pt_clear - clear every page entry in a range, keeping the tables
 * @mmu: the MMU
 * @va: space VA, the first byte of a page
 * @size: bytes, ending on the end of a page
 *
 * Unlike vcm_pt_unmap(), entries need not all be bound, and tables left
 * empty stay linked (a bind prepared over the range may use them):
 * vcm_pt_reap() unlinks them afterwards. Cannot fail.
 */
void vcm_pt_clear(struct drm_vcm_mmu *mmu, u64 va, u64 size)
{
	u64 tva = vcm_pt_va(mmu, va);

	pt_clear_walk(mmu, mmu->top, tva, tva + size);
}

static void pt_reap_walk(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			 u64 s, u64 e)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u32 idx = (s - pt->base) >> kind->shift;
	u32 last = (e - 1 - pt->base) >> kind->shift;
	unsigned int slot;

	if (!kind->nchild)
		return;
	for (; idx <= last; idx++) {
		struct drm_vcm_pt **child = vcm_pt_children(mmu, pt, idx);
		u64 es = pt->base + ((u64)idx << kind->shift);
		u64 ee = es + (1ULL << kind->shift);
		bool changed = false;

		for (slot = 0; slot < kind->nchild; slot++) {
			struct drm_vcm_pt *c = child[slot];

			if (!c || WARN_ON_ONCE(c->fresh))
				continue;
			pt_reap_walk(mmu, c, max(s, es), min(e, ee));
			if (c->used || vcm_pt_keep(mmu, c))
				continue;
			child[slot] = NULL;
			pt->nkids--;
			pt->used--;
			list_add_tail(&c->link, &mmu->dead);
			changed = true;
		}
		if (changed)
			vcm_pt_write_pde(mmu, pt, idx);
	}
}

/**
 * vcm_pt_reap - unlink the tables an edit left empty in a range
 * @mmu: the MMU
 * @va: space VA
 * @size: bytes
 *
 * The tables go to @mmu->dead, for vcm_pt_release() after the flush.
 */
void vcm_pt_reap(struct drm_vcm_mmu *mmu, u64 va, u64 size)
{
	u64 tva = vcm_pt_va(mmu, va);

	pt_reap_walk(mmu, mmu->top, tva, tva + size);
}
