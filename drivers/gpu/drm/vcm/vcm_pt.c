// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM page-table engine.
 */

/**
 * DOC: page-table engine
 *
 * One walker serves every format. It splits a VA range into the entries of
 * each table kind the format describes (&struct drm_vcm_fmt_table),
 * allocates missing tables, and hands each contiguous run of entries
 * inside one table to the format's writer in one call; the writer steps
 * through the backing's segments itself. Each request goes through three
 * steps:
 *
 * - prepare: allocate and link into the shadow tree every table the
 *   request needs. This is the only step that can fail, and it writes
 *   nothing the device can see.
 * - map or unmap: write the entries, then the directory entries that make
 *   new tables reachable (or that drop emptied ones). Cannot fail.
 * - after the core has flushed each MMU once, release the tables an unmap
 *   emptied.
 *
 * Every table has a software shadow (&struct drm_vcm_pt) with its child
 * pointers and a count of live entries, so that emptied tables are found
 * without reading table memory back. Tables in I/O memory are written
 * through a bounce buffer of 512 bytes of entries per writer call, calls
 * ending on multiples of it so that fragments are never split.
 *
 * Page sizes are chosen here, from the format's table kinds: a directory
 * entry becomes a leaf when its whole span is bound to suitably aligned,
 * contiguous backing of a location the kind accepts. Where an entry points
 * at one child table of two possible page sizes (nv50), the larger-page
 * table is used when one bind covers the entry's whole span with backing
 * it can map; otherwise the small-page table. Where an entry points at
 * both at once (dual tables, as on gf100 and gp100), each large page of a
 * bind goes to the large-page table when its backing fits and to the
 * small-page table otherwise; lookups try the large-page table first, as
 * the hardware does.
 *
 * A new table is written once. Table memory in system RAM comes zeroed, and
 * the engine clears it only where the format's invalid entry is not all
 * zero bits; a leaf table wholly inside the request that allocates it is
 * taken unzeroed, since that request's map writes every entry before the
 * directory entry that makes the table reachable. Writers take each
 * contiguous piece of backing at once (drm_vcm_run_take()), so a
 * contiguous bind costs one address computation per piece, not a segment
 * step per entry.
 *
 * A bind of many leaf tables of one page pays for their pages in
 * batches: its prepare takes up to 32 from one call into the page
 * allocator (vcm_pt_stash_fill()); each table is still failed, charged,
 * counted and traced on its own, and what none took is freed before the
 * prepare returns. At a directory where the bind makes no leaves, a run of entries
 * it covers whole whose table is the smallest-page child (the only child,
 * or the other one cannot map the backing's location) gets its tables in
 * one loop in the prepare, and its leaves and directory entries in one
 * loop in the map, rather than a descent and a walk per table.
 *
 * Irregular layouts are descriptor data too: a table kind may pack several
 * entries into one storage unit (&drm_vcm_fmt_table.group; the writer gets
 * the whole unit, read back first from I/O memory, and updates its part)
 * and may carry a header in front of entry 0 (&drm_vcm_fmt_table.header).
 */

#include <linux/bug.h>
#include <linux/minmax.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vcm_compat.h"
#include "vcm_internal.h"
#include "vcm_pt_table.h"
#include "vcm_trace.h"

enum vcm_walk_mode {
	VCM_WALK_PREPARE,
	VCM_WALK_MAP,
	VCM_WALK_UNMAP,
};

/* Write, or clear, the leaves [@first, @first + @count) of @pt. */
static void pt_leaves(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		      u32 first, u32 count, struct drm_vcm_pte_run *run,
		      enum vcm_walk_mode mode)
{
	struct vcm_emit e = { .op = VCM_EMIT_PTES, .run = run };

	if (!count)
		return;
	switch (mode) {
	case VCM_WALK_PREPARE:
		vcm_run_skip(run, (u64)count << vcm_pt_kind(mmu, pt)->shift);
		break;
	case VCM_WALK_MAP:
		run->pgsize = 1ULL << vcm_pt_kind(mmu, pt)->shift;
		run->va = pt->base + ((u64)first << vcm_pt_kind(mmu, pt)->shift);
		vcm_pt_emit(mmu, pt, first, count, &e);
		pt->used += count;
		break;
	case VCM_WALK_UNMAP:
		/*
		 * A table this unmap empties is unlinked from its parent
		 * before the flush and freed after it: nothing reads its
		 * entries again, so they are not cleared.
		 */
		if (!pt->parent || count != pt->used || vcm_pt_keep(mmu, pt))
			vcm_pt_clear_entries(mmu, pt, first, count);
		pt->used -= count;
		break;
	}
}

static int pt_walk(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u64 va,
		   u64 end, struct drm_vcm_pte_run *run, struct vcm_req *req,
		   enum vcm_walk_mode mode);

/*
 * Will the unmap of @req empty @pt, a table below the top one? It does when
 * the range covers @pt's whole span and no table is kept for a sparse
 * edge (vcm_pt_keep()). @pt is then unlinked from its parent and freed
 * after the flush, so its own directory entries need not be cleared as
 * its children go: nothing reads them again.
 */
static bool pt_unmap_empties(const struct drm_vcm_mmu *mmu,
			     const struct drm_vcm_pt *pt,
			     const struct vcm_req *req)
{
	u64 va = vcm_pt_va(mmu, req->va);
	u64 span = (u64)pt->nent << vcm_pt_kind(mmu, pt)->shift;

	return pt->parent && !vcm_pt_sparse_any(mmu) && va <= pt->base &&
	       va + req->size >= pt->base + span;
}

/*
 * A prepare is about to allocate a leaf table of @type for table VA
 * @base, which its request covers whole: when the stash is empty and the
 * request covers the spans of more such tables after it, allocate for up
 * to %VCM_STASH of them at once. Tables that exist already, or that a
 * dual entry's other kind takes instead, leave some unused: the prepare
 * frees those. The stash itself is allocated by the first prepare step
 * that fills it, not on the stack: kernels that initialise stack
 * variables would fill it on every prepare, small binds' too. Without
 * memory for it the prepare allocates table by table, as it would
 * without a stash: that allocation cannot fail a bind, so failure
 * injection (vcm_alloc_fail()) leaves it alone.
 */
static void pt_stash(struct drm_vcm_mmu *mmu, u8 type, u64 base,
		     struct vcm_req *req)
{
	const struct drm_vcm_fmt_table *ck = &mmu->format->tables[type];
	u64 end = vcm_pt_va(mmu, req->va) + req->size;
	unsigned int sh = ck->shift + ck->bits;
	u64 n;

	if (req->stash && req->stash->npage)
		return;
	n = (end - base) >> sh;
	if (n < 2)
		return;
	if (!req->stash) {
		req->stash = kmalloc(sizeof(*req->stash),
				     GFP_KERNEL | __GFP_NOWARN);
		if (!req->stash)
			return;
		req->stash->npage = 0;
	}
	vcm_pt_stash_fill(mmu, req->stash, type, 1U << ck->bits,
			  min_t(u64, n, VCM_STASH));
}

/*
 * Allocate child @slot of directory entry @idx of @pt for the prepare of
 * @req over [@s, @e), and link it into the shadow tree as fresh; a leaf
 * table the request covers whole may take its memory from the stash.
 */
static struct drm_vcm_pt *pt_new_child(struct drm_vcm_mmu *mmu,
				       struct drm_vcm_pt *pt, u32 idx,
				       unsigned int slot, u64 s, u64 e,
				       struct vcm_req *req)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *ck = &mmu->format->tables[kind->child[slot]];
	u64 base = pt->base + ((u64)idx << kind->shift);
	bool whole = s == base && e - s == (u64)(1U << ck->bits) << ck->shift;

	if (whole && !ck->nchild)
		pt_stash(mmu, kind->child[slot], base, req);
	return vcm_pt_new_child(mmu, pt, idx, slot, whole, req->stash);
}

/*
 * Has the unmap just emptied @pt, a table below the top one, where no
 * table is kept for a sparse edge? Its parent unlinks it as soon as its
 * walk returns (pt_descend_slot()) and it is freed after the flush, so
 * the directory entry of the last child it lost need not be cleared:
 * nothing reads it again. pt_unmap_empties() tells the same beforehand
 * for a table the range covers, sparing every entry of it.
 */
static bool pt_unmap_emptied(const struct drm_vcm_mmu *mmu,
			     const struct drm_vcm_pt *pt)
{
	return !pt->used && pt->parent && !vcm_pt_sparse_any(mmu);
}

/* Descend into child @slot of directory entry @idx, then fix up the PDE. */
static int pt_descend_slot(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			   u32 idx, unsigned int slot, u64 s, u64 e,
			   struct drm_vcm_pte_run *run, struct vcm_req *req,
			   enum vcm_walk_mode mode)
{
	struct drm_vcm_pt **child = vcm_pt_children(mmu, pt, idx);
	struct drm_vcm_pt *c = child[slot];
	int ret;

	if (!c) {
		if (WARN_ON(mode != VCM_WALK_PREPARE))
			return -EINVAL;
		c = pt_new_child(mmu, pt, idx, slot, s, e, req);
		if (IS_ERR(c))
			return PTR_ERR(c);
	}

	ret = pt_walk(mmu, c, s, e, run, req, mode);
	if (ret)
		return ret;

	if (mode == VCM_WALK_MAP && c->fresh) {
		c->fresh = false;
		list_del_init(&c->link);
		pt->used++;
		vcm_pt_write_pde(mmu, pt, idx);
	} else if (mode == VCM_WALK_UNMAP && !c->used && !vcm_pt_keep(mmu, c)) {
		child[slot] = NULL;
		pt->nkids--;
		pt->used--;
		if (!pt_unmap_empties(mmu, pt, req) &&
		    !pt_unmap_emptied(mmu, pt))
			vcm_pt_write_pde(mmu, pt, idx);
		list_add_tail(&c->link, &mmu->dead);
	}
	return 0;
}

/*
 * Which table of a dual entry maps the large page at @s? A bind takes the
 * large-page table for a whole large page of backing it can map; an
 * unbind finds out from the large-page table's entry.
 */
static unsigned int pt_dual_slot(const struct drm_vcm_mmu *mmu,
				 struct drm_vcm_pt *pt, u32 idx, u64 s, u64 e,
				 const struct drm_vcm_pte_run *run)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *large =
		&mmu->format->tables[kind->child[0]];
	struct drm_vcm_pt *lpt = vcm_pt_children(mmu, pt, idx)[0];
	u64 pg = 1ULL << large->shift;
	struct drm_vcm_entry ent;

	if (run)
		return IS_ALIGNED(s, pg) && e - s == pg &&
		       vcm_run_fits(run, pg, large) ? 0 : 1;
	if (!lpt)
		return 1;
	vcm_pt_read_entry(mmu, lpt, (s - lpt->base) >> large->shift, &ent);
	return ent.kind == DRM_VCM_ENTRY_PTE ? 0 : 1;
}

/*
 * Does the unbind of [@s, @e) under dual entry @idx of @pt find every
 * large page it covers whole in the large-page table, as the shadow
 * counts tell without reading that table? An unbind clears whole
 * bindings, each page of which one entry maps; a large page lies inside
 * one binding, so the pages of a large page the range covers in part are
 * in the small-page table. If that table's live entries beyond those are
 * fewer than a large page's worth of small ones, it holds no large page
 * the range covers whole. Not where entries may be sparse.
 */
static bool pt_dual_unmap_large(const struct drm_vcm_mmu *mmu,
				struct drm_vcm_pt *pt, u32 idx, u64 s, u64 e)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *small =
		&mmu->format->tables[kind->child[1]];
	struct drm_vcm_pt *spt = vcm_pt_children(mmu, pt, idx)[1];
	u64 pg = 1ULL << mmu->format->tables[kind->child[0]].shift;
	u64 a = round_up(s, pg), b = round_down(e, pg);
	u64 part = e - s - (a < b ? b - a : 0);

	if (vcm_pt_sparse_any(mmu))
		return false;
	return !spt ||
	       spt->used < (part >> small->shift) + (pg >> small->shift);
}

/*
 * Both tables of a dual entry (gf100, gp100) may be live at once: split
 * [@s, @e) at large-page boundaries and send each stretch of pieces that
 * go the same way to its table. An unbind reads which table maps each
 * piece from the large-page table's entry, unless pt_dual_unmap_large()
 * tells for all of them: the whole pieces to the large-page table, the
 * partial ones at the ends to the small-page table.
 */
static int pt_descend_dual(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			   u32 idx, u64 s, u64 e, struct drm_vcm_pte_run *run,
			   struct vcm_req *req, enum vcm_walk_mode mode)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *large =
		&mmu->format->tables[kind->child[0]];
	u64 pg = 1ULL << large->shift;
	struct drm_vcm_pte_run *lrun = mode == VCM_WALK_UNMAP ? NULL : run;
	struct drm_vcm_pte_run probe;
	unsigned int slot, next;
	u64 from = s, p, q;
	int ret;

	/*
	 * Backing the large pages cannot map all goes to the small ones, and
	 * so does an unbind where there is no large-page table.
	 */
	if ((lrun && !(large->locs & BIT(run->loc))) ||
	    (!lrun && !vcm_pt_children(mmu, pt, idx)[0]))
		return pt_descend_slot(mmu, pt, idx, 1, s, e, run, req, mode);
	if (!lrun && pt_dual_unmap_large(mmu, pt, idx, s, e)) {
		p = min(e, round_up(s, pg));
		q = max(p, round_down(e, pg));
		if (p == q)
			return pt_descend_slot(mmu, pt, idx, 1, s, e, run, req,
					       mode);
		ret = s < p ? pt_descend_slot(mmu, pt, idx, 1, s, p, run, req,
					      mode) : 0;
		if (!ret)
			ret = pt_descend_slot(mmu, pt, idx, 0, p, q, run, req,
					      mode);
		if (!ret && q < e)
			ret = pt_descend_slot(mmu, pt, idx, 1, q, e, run, req,
					      mode);
		return ret;
	}
	if (lrun)
		probe = *run;
	slot = pt_dual_slot(mmu, pt, idx, s, min(e, round_down(s, pg) + pg),
			    lrun ? &probe : NULL);
	for (p = s; p < e; p = q) {
		q = min(e, round_down(p, pg) + pg);
		if (lrun)
			vcm_run_skip(&probe, q - p);
		next = q < e ? pt_dual_slot(mmu, pt, idx, q,
					    min(e, q + pg),
					    lrun ? &probe : NULL) : slot;
		if (q < e && next == slot)
			continue;
		ret = pt_descend_slot(mmu, pt, idx, slot, from, q, run, req,
				      mode);
		if (ret)
			return ret;
		from = q;
		slot = next;
	}
	return 0;
}

/* One directory entry that is not a leaf: descend into its table(s). */
static int pt_descend(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u32 idx,
		      u64 s, u64 e, struct drm_vcm_pte_run *run,
		      struct vcm_req *req, enum vcm_walk_mode mode)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	int slot;

	/* One kind of child: no choice to make. */
	if (kind->nchild == 1)
		return pt_descend_slot(mmu, pt, idx, 0, s, e, run, req, mode);
	if (!(mmu->format->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD))
		return pt_descend_dual(mmu, pt, idx, s, e, run, req, mode);

	slot = vcm_pt_pick_slot(mmu, pt, idx, s, e,
				mode == VCM_WALK_UNMAP ? NULL : run);
	if (slot < 0)
		return slot;
	return pt_descend_slot(mmu, pt, idx, slot, s, e, run, req, mode);
}

/*
 * How many directory entries of @pt from @idx up to @last are leaves, told
 * for all at once: for a bind (@run set), entries wholly inside [@va,
 * @end) on the one contiguous, aligned piece of backing @run is at; for an
 * unbind, entries without child tables. Either way an entry with a child
 * table ends the stretch. 0 leaves the decision to vcm_pt_is_leaf(), entry
 * by entry; this only spares a large contiguous bind a fit test per large
 * page.
 */
static u32 pt_leaf_stretch(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			   u32 idx, u32 last, u64 va, u64 end,
			   const struct drm_vcm_pte_run *run)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	struct drm_vcm_pt **child = vcm_pt_children(mmu, pt, idx);
	u64 s = pt->base + ((u64)idx << kind->shift), n;
	u32 nc = kind->nchild;
	const void *hit;

	n = last - idx + 1;
	if (run) {
		if (!kind->leaf || !(kind->locs & BIT(run->loc)) ||
		    !vcm_run_placed(run) || s < va ||
		    !IS_ALIGNED(drm_vcm_run_addr(run), 1ULL << kind->shift))
			return 0;
		n = min3(n, (end - s) >> kind->shift,
			 drm_vcm_run_room(run) >> kind->shift);
	}
	if (!pt->nkids)
		return n;
	/* The first entry with a child table, a word at a time. */
	hit = memchr_inv(child, 0, n * nc * sizeof(*child));
	return hit ? (hit - (const void *)child) /
		     (nc * sizeof(*child)) : n;
}

/*
 * Does directory entry @idx of @pt hold a child table? Then it is no leaf
 * (pt_leaf_stretch() and vcm_pt_is_leaf() would both say 0) and the walk
 * descends at once: the common case of a small range whose tables exist.
 */
static bool pt_has_child(const struct drm_vcm_fmt_table *kind,
			 const struct drm_vcm_pt *pt, u32 idx)
{
	struct drm_vcm_pt * const *child;
	unsigned int s;

	if (!pt->nkids)
		return false;
	child = &pt->child[(size_t)idx * kind->nchild];
	for (s = 0; s < kind->nchild; s++)
		if (child[s])
			return true;
	return false;
}

/*
 * Where does a bind at directory @pt, where it makes no leaves, put a run
 * of whole entries without deciding entry by entry? In a leaf table, the
 * smallest-page child, when that is the only child kind or the other
 * (larger-page) kind cannot map the backing's location: pt_descend()
 * takes that slot for every such entry. Returns: the slot, or -1 where
 * the walk must go entry by entry.
 */
static int pt_run_slot(const struct drm_vcm_mmu *mmu,
		       const struct drm_vcm_fmt_table *kind,
		       const struct drm_vcm_pte_run *run)
{
	const struct drm_vcm_fmt_table *tables = mmu->format->tables;
	const struct drm_vcm_fmt_table *ck = &tables[kind->child[kind->nchild - 1]];

	if (ck->nchild || kind->nchild > 2 ||
	    (kind->nchild == 2 && tables[kind->child[0]].locs & BIT(run->loc)) ||
	    (u64)(1U << ck->bits) << ck->shift != 1ULL << kind->shift)
		return -1;
	return kind->nchild - 1;
}

/*
 * The prepare of a bind, at directory @pt where it makes no leaves: how
 * many entries from @idx up to @last it can give a new leaf table each in
 * one loop, and does. Those are the entries wholly inside [@va, @end)
 * without a child table, where pt_run_slot() gives the slot. The walk of
 * such a table only steps the backing cursor past it, which is done here
 * too. Returns: the entries done (0 leaves the walk to go entry by
 * entry), or the error of an allocation.
 */
static int pt_prepare_tables(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			     unsigned int slot, u32 idx, u32 last, u64 va,
			     u64 end, struct drm_vcm_pte_run *run,
			     struct vcm_req *req)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u64 span = 1ULL << kind->shift, s;
	struct drm_vcm_pt *c;
	u32 n;

	for (n = 0; idx + n <= last; n++) {
		s = pt->base + ((u64)(idx + n) << kind->shift);
		if (s < va || end - s < span || pt_has_child(kind, pt, idx + n))
			break;
		c = pt_new_child(mmu, pt, idx + n, slot, s, s + span, req);
		if (IS_ERR(c))
			return PTR_ERR(c);
		vcm_run_skip(run, span);
	}
	return n;
}

/*
 * The map of a bind, at directory @pt where it makes no leaves: the
 * entries from @idx up to @last wholly inside [@va, @end) whose leaf table
 * in the slot pt_run_slot() gives is there (and, where the entry points
 * at one child at a time, alone) get their leaves written in one writer
 * call per table, then their directory entry if the table is new, as
 * pt_descend() and the walk of the table would. Returns: the entries
 * done; 0 leaves the walk to go entry by entry.
 */
static u32 pt_map_tables(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			 unsigned int slot, u32 idx, u32 last, u64 va, u64 end,
			 struct drm_vcm_pte_run *run)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	bool alone = mmu->format->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD;
	struct vcm_emit e = { .op = VCM_EMIT_PTES, .run = run };
	u64 span = 1ULL << kind->shift, s;
	struct drm_vcm_pt **child, *c;
	u32 n;

	for (n = 0; idx + n <= last; n++) {
		s = pt->base + ((u64)(idx + n) << kind->shift);
		child = vcm_pt_children(mmu, pt, idx + n);
		c = child[slot];
		if (s < va || end - s < span || !c || (alone && slot && child[0]))
			break;
		run->pgsize = 1ULL << vcm_pt_kind(mmu, c)->shift;
		run->va = c->base;
		vcm_pt_emit(mmu, c, 0, c->nent, &e);
		c->used += c->nent;
		if (c->fresh) {
			c->fresh = false;
			list_del_init(&c->link);
			pt->used++;
			vcm_pt_write_pde(mmu, pt, idx + n);
		}
	}
	return n;
}

static int pt_walk(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u64 va,
		   u64 end, struct drm_vcm_pte_run *run, struct vcm_req *req,
		   enum vcm_walk_mode mode)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	struct drm_vcm_pte_run *lrun = mode == VCM_WALK_UNMAP ? NULL : run;
	u32 idx, last, leaf_first, nleaf = 0;
	struct drm_vcm_pte_run probe;
	bool leafy;
	int ret, slot;

	/*
	 * The format check and the space's limits keep every walk inside
	 * the table; should one not, it stops here rather than index past
	 * the table or its child array.
	 */
	if (WARN_ON_ONCE(va < pt->base || end <= va ||
			 (end - 1 - pt->base) >> kind->shift >= pt->nent))
		return -ERANGE;
	idx = (va - pt->base) >> kind->shift;
	last = (end - 1 - pt->base) >> kind->shift;
	leaf_first = idx;

	if (!kind->nchild) {
		pt_leaves(mmu, pt, idx, last - idx + 1, run, mode);
		return 0;
	}

	/*
	 * Leaves at this level are gathered into one writer call; @probe
	 * looks ahead through the backing while @run stays at the first
	 * leaf not yet written. A bind makes leaves here only where the
	 * kind maps pages of the backing's location (pt_leaf_stretch() and
	 * vcm_pt_is_leaf() say no to every entry otherwise): elsewhere each
	 * entry descends, without the look.
	 */
	leafy = !lrun || (kind->leaf && (kind->locs & BIT(lrun->loc)));
	if (lrun && leafy)
		probe = *run;
	/*
	 * A bind that makes no leaves here and spans a whole entry may give
	 * runs of entries their leaf tables in one loop (pt_run_slot()).
	 */
	slot = !leafy && end - va >= 1ULL << kind->shift ?
	       pt_run_slot(mmu, kind, lrun) : -1;
	for (; idx <= last; idx++) {
		u64 s, e;
		bool kid;
		u32 n;

		if (slot >= 0 && mode == VCM_WALK_PREPARE) {
			ret = pt_prepare_tables(mmu, pt, slot, idx, last, va,
						end, run, req);
			if (ret < 0)
				return ret;
			if (ret) {
				idx += ret - 1;
				continue;
			}
		} else if (slot >= 0) {
			n = pt_map_tables(mmu, pt, slot, idx, last, va, end,
					  run);
			if (n) {
				idx += n - 1;
				continue;
			}
		}
		s = max(va, pt->base + ((u64)idx << kind->shift));
		e = min(end, pt->base + ((u64)(idx + 1) << kind->shift));
		kid = !leafy || pt_has_child(kind, pt, idx);
		n = kid ? 0 : pt_leaf_stretch(mmu, pt, idx, last, va, end,
					      lrun ? &probe : NULL);
		if (n) {
			if (lrun)
				vcm_run_skip(&probe, (u64)n << kind->shift);
			if (!nleaf)
				leaf_first = idx;
			nleaf += n;
			idx += n - 1;
			continue;
		}
		if (!kid &&
		    vcm_pt_is_leaf(mmu, pt, idx, s, e, lrun ? &probe : NULL)) {
			if (lrun)
				vcm_run_skip(&probe, e - s);
			if (!nleaf++)
				leaf_first = idx;
			continue;
		}
		pt_leaves(mmu, pt, leaf_first, nleaf, run, mode);
		nleaf = 0;
		ret = pt_descend(mmu, pt, idx, s, e, run, req, mode);
		if (ret)
			return ret;
		if (lrun && leafy)
			probe = *run;
	}
	pt_leaves(mmu, pt, leaf_first, nleaf, run, mode);
	return 0;
}

/**
 * vcm_pt_va - the VA the tables of @mmu index for space VA @va
 * @mmu: the MMU
 * @va: a VA of the space
 *
 * Returns: @va, or its offset in the space for formats whose top table
 * starts at the space's first address.
 */
u64 vcm_pt_va(const struct drm_vcm_mmu *mmu, u64 va)
{
	if (mmu->format->flags & DRM_VCM_FMT_RELATIVE)
		return va - mmu->vcm->start;
	return va;
}

/* Has @f leaves larger than 4 KiB that may map memory at @loc? */
static bool fmt_large_pages(const struct drm_vcm_format *f,
			    enum drm_vcm_location loc)
{
	unsigned int i;

	for (i = 0; i < f->ntables; i++)
		if (f->tables[i].leaf && f->tables[i].shift > VCM_PAGE_SHIFT &&
		    f->tables[i].locs & BIT(loc))
			return true;
	return false;
}

/**
 * vcm_pt_prepare - allocate every table a bind of @req needs
 * @mmu: the MMU
 * @req: the request
 *
 * Nothing the device reads is written; new tables are linked into the
 * shadow tree and collected on @mmu->fresh. Several requests may be
 * prepared before they are mapped. On failure the tables allocated so far
 * stay on @mmu->fresh for vcm_pt_abort().
 *
 * Returns: 0, -ENOMEM or -ENOSPC when table memory (within the reach of
 * the entries pointing at it) runs out, -EDQUOT when a
 * table would pass the space's budget, -EBUSY when a directory entry
 * already holds a child table of another page size.
 */
int vcm_pt_prepare(struct drm_vcm_mmu *mmu, struct vcm_req *req)
{
	struct drm_vcm_pte_run run = req->run;
	u64 va = vcm_pt_va(mmu, req->va);
	int ret;

	/*
	 * Where the walk is in the backing only matters for choosing pages
	 * larger than 4 KiB. Where the format has none for this location,
	 * the cursor is left unplaced and never stepped: a bind of dense
	 * pages would otherwise step it over one segment per page.
	 */
	if (!fmt_large_pages(mmu->format, run.loc)) {
		run.seg = NULL;
		run.page = NULL;
	}

	req->stash = NULL;
	ret = pt_walk(mmu, mmu->top, va, va + req->size, &run, req,
		      VCM_WALK_PREPARE);
	if (req->stash) {
		vcm_tbuf_stash_drain(req->stash);
		kfree(req->stash);
		req->stash = NULL;
	}
	return ret;
}

/**
 * vcm_pt_abort - undo prepares: unlink and free the tables they allocated
 * @mmu: the MMU
 */
void vcm_pt_abort(struct drm_vcm_mmu *mmu)
{
	struct drm_vcm_pt *pt, *tmp;

	/* Newest first: children go before the parents they hang from. */
	list_for_each_entry_safe(pt, tmp, &mmu->fresh, link) {
		list_del(&pt->link);
		vcm_pt_children(mmu, pt->parent, pt->index)[pt->slot] = NULL;
		pt->parent->nkids--;
		vcm_pt_free(mmu, pt);
	}
}

/**
 * vcm_pt_map - write the entries of a prepared bind
 * @mmu: the MMU
 * @req: the request, prepared by vcm_pt_prepare()
 *
 * Leaves are written before the directory entries that make them
 * reachable. Cannot fail.
 */
void vcm_pt_map(struct drm_vcm_mmu *mmu, struct vcm_req *req)
{
	struct drm_vcm_pte_run run = req->run;
	u64 va = vcm_pt_va(mmu, req->va);

	run.tag_va = vcm_pt_va(mmu, run.tag_va);
	WARN_ON(pt_walk(mmu, mmu->top, va, va + req->size, &run, req,
			VCM_WALK_MAP));
}

/**
 * vcm_pt_unmap - clear the entries of a bound range
 * @mmu: the MMU
 * @req: the request
 *
 * Tables left empty are unlinked and queued on @mmu->dead; the caller
 * flushes, then calls vcm_pt_release(). Cannot fail.
 */
void vcm_pt_unmap(struct drm_vcm_mmu *mmu, struct vcm_req *req)
{
	u64 va = vcm_pt_va(mmu, req->va);

	WARN_ON(pt_walk(mmu, mmu->top, va, va + req->size, NULL, req,
			VCM_WALK_UNMAP));
}

/**
 * vcm_pt_release - free the tables an unmap emptied, after the flush
 * @mmu: the MMU
 */
void vcm_pt_release(struct drm_vcm_mmu *mmu)
{
	struct drm_vcm_pt *pt, *tmp;

	list_for_each_entry_safe(pt, tmp, &mmu->dead, link) {
		list_del(&pt->link);
		vcm_pt_free(mmu, pt);
	}
}

static void pt_free_tree(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	size_t i;

	for (i = 0; i < (size_t)pt->nent * kind->nchild; i++)
		if (pt->child[i])
			pt_free_tree(mmu, pt->child[i]);
	vcm_pt_free(mmu, pt);
}

/**
 * vcm_pt_init - allocate the top table of a newly attached MMU
 * @mmu: the MMU; its format and space are set
 *
 * Returns: 0 or the allocation's error.
 */
int vcm_pt_init(struct drm_vcm_mmu *mmu)
{
	const struct drm_vcm_format *f = mmu->format;
	const struct drm_vcm_fmt_table *top = &f->tables[0];
	u64 span = vcm_pt_va(mmu, mmu->vcm->start + mmu->vcm->size);
	struct drm_vcm_pt *pt;
	u64 nent = 1ULL << top->bits;

	if (f->flags & DRM_VCM_FMT_SIZED_TOP)
		nent = DIV_ROUND_UP_ULL(span, 1ULL << top->shift);
	pt = vcm_pt_new(mmu, 0, nent, 0, false, NULL);
	if (IS_ERR(pt))
		return PTR_ERR(pt);
	mmu->top = pt;
	mmu->top_entries = nent;
	return 0;
}

/**
 * vcm_pt_fini - free every table of an MMU
 * @mmu: the MMU, already deactivated
 */
void vcm_pt_fini(struct drm_vcm_mmu *mmu)
{
	pt_free_tree(mmu, mmu->top);
	mmu->top = NULL;
	vcm_pt_drain(mmu);
}
