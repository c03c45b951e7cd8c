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
 * Irregular layouts are descriptor data too: a table kind may pack several
 * entries into one storage unit (&drm_vcm_fmt_table.group; the writer gets
 * the whole unit, read back first from I/O memory, and updates its part)
 * and may carry a header in front of entry 0 (&drm_vcm_fmt_table.header).
 */

#include <linux/bug.h>
#include <linux/minmax.h>
#include <linux/spinlock.h>

#include "vcm_compat.h"
#include "vcm_internal.h"
#include "vcm_trace.h"

enum vcm_walk_mode {
	VCM_WALK_PREPARE,
	VCM_WALK_MAP,
	VCM_WALK_UNMAP,
};

enum vcm_emit_op {
	VCM_EMIT_PTES,
	VCM_EMIT_CLEAR,
	VCM_EMIT_PDE,
};

struct vcm_emit {
	enum vcm_emit_op op;
	struct drm_vcm_pte_run *run;
	const struct drm_vcm_table_ref *ref;
	unsigned int nref;
};

/*
 * Bytes of entries encoded per writer call when a table lives in I/O
 * memory: 64 entries of 8 bytes, enough for the largest fragment a format
 * encodes per entry (cayman's 256 KiB). Calls end on multiples of it, so
 * no fragment is split between two calls.
 */
#define VCM_BOUNCE_BYTES	512

static const struct drm_vcm_fmt_table *
pt_kind(const struct drm_vcm_mmu *mmu, const struct drm_vcm_pt *pt)
{
	return &mmu->format->tables[pt->type];
}

static struct drm_vcm_pt **pt_children(const struct drm_vcm_mmu *mmu,
				       struct drm_vcm_pt *pt, u32 idx)
{
	return &pt->child[(size_t)idx * pt_kind(mmu, pt)->nchild];
}

/* Entries per storage unit: more than one for packed kinds. */
static u32 kind_group(const struct drm_vcm_fmt_table *kind)
{
	return kind->group > 1 ? kind->group : 1;
}

/* Byte offset of the unit holding entry @idx. */
static size_t kind_offset(const struct drm_vcm_fmt_table *kind, u32 idx)
{
	return kind->header + (size_t)(idx / kind_group(kind)) *
	       kind->entry_size;
}

/* Bytes of a table of @kind with @nent entries. */
static size_t kind_bytes(const struct drm_vcm_fmt_table *kind, u32 nent)
{
	return kind_offset(kind, nent + kind_group(kind) - 1);
}

static void pt_encode(const struct drm_vcm_mmu *mmu,
		      const struct drm_vcm_pt *pt, void *dst, u32 idx,
		      u32 count, const struct vcm_emit *e)
{
	const struct drm_vcm_format *f = mmu->format;

	switch (e->op) {
	case VCM_EMIT_PTES:
		f->write_ptes(mmu, pt->type, dst, idx, count, e->run);
		break;
	case VCM_EMIT_CLEAR:
		f->clear(mmu, pt->type, dst, idx, count);
		break;
	case VCM_EMIT_PDE:
		f->write_pde(mmu, pt->type, dst, e->ref, e->nref);
		break;
	}
}

/*
 * Write @count entries from @idx: in place for RAM, through a bounce
 * buffer for I/O. Packed groups are read back first so that a writer
 * updating part of a group keeps the rest.
 */
static void pt_emit(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		    u32 idx, u32 count, const struct vcm_emit *e)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	u32 grp = kind_group(kind), per, n;
	u8 tmp[VCM_BOUNCE_BYTES] __aligned(8);
	size_t off, bytes;

	if (pt->buf.cpu) {
		pt_encode(mmu, pt, pt->buf.cpu + kind_offset(kind, idx), idx,
			  count, e);
		return;
	}
	per = sizeof(tmp) / kind->entry_size * grp;
	for (; count; idx += n, count -= n) {
		/* Up to the next multiple of the bounce buffer's capacity. */
		n = min(count, per - idx % per);
		off = kind_offset(kind, idx);
		bytes = kind_offset(kind, idx + n - 1) + kind->entry_size - off;
		if (grp > 1)
			vcm_tbuf_read(&pt->buf, off, tmp, bytes);
		pt_encode(mmu, pt, tmp, idx, n, e);
		vcm_tbuf_write(&pt->buf, off, tmp, bytes, kind->entry_size);
	}
}

static void pt_clear(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		     u32 idx, u32 count)
{
	struct vcm_emit e = { .op = VCM_EMIT_CLEAR };

	pt_emit(mmu, pt, idx, count, &e);
}

/* (Re)write directory entry @idx of @pt from the children it has now. */
static void pt_write_pde(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			 u32 idx)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	struct drm_vcm_pt **child = pt_children(mmu, pt, idx);
	struct drm_vcm_table_ref ref[2];
	struct vcm_emit e = { .op = VCM_EMIT_PDE, .ref = ref };
	unsigned int s;

	for (s = 0; s < kind->nchild; s++) {
		if (!child[s])
			continue;
		ref[e.nref].addr = child[s]->buf.addr;
		ref[e.nref].loc = mmu->tmem.desc.kind == DRM_VCM_TMEM_IO ?
				  DRM_VCM_LOC_DEVICE : DRM_VCM_LOC_SYSTEM;
		ref[e.nref].type = child[s]->type;
		e.nref++;
	}
	if (e.nref)
		pt_emit(mmu, pt, idx, 1, &e);
	else
		pt_clear(mmu, pt, idx, 1);
}

/*
 * Take @bytes of table memory from @vcm's budget (drm_vcm_set_budget()),
 * if it has one: 0 or -EDQUOT.
 */
static int vcm_budget_charge(struct drm_vcm *vcm, u64 bytes)
{
	struct drm_vcm_budget *b = vcm->budget;
	int ret = 0;

	if (!b)
		return 0;
	spin_lock(&b->lock);
	if (bytes > b->max - b->used)
		ret = -EDQUOT;
	else
		b->used += bytes;
	spin_unlock(&b->lock);
	return ret;
}

/* Give back what vcm_budget_charge() took. */
static void vcm_budget_uncharge(struct drm_vcm *vcm, u64 bytes)
{
	struct drm_vcm_budget *b = vcm->budget;

	if (!b)
		return;
	spin_lock(&b->lock);
	if (!WARN_ON(bytes > b->used))
		b->used -= bytes;
	spin_unlock(&b->lock);
}

static struct drm_vcm_pt *pt_new(struct drm_vcm_mmu *mmu, u8 type, u32 nent,
				 u64 base)
{
	const struct drm_vcm_fmt_table *kind = &mmu->format->tables[type];
	struct drm_vcm_pt *pt;
	size_t shadow;
	int ret;

	shadow = struct_size(pt, child, (size_t)nent * kind->nchild);
	pt = vcm_kvzalloc_gfp(shadow, vcm_gfp(mmu->vcm));
	if (!pt)
		return ERR_PTR(-ENOMEM);
	ret = vcm_tbuf_alloc(mmu, &pt->buf, kind_bytes(kind, nent),
			     kind->align);
	if (ret)
		goto err_shadow;
	/*
	 * A table the entry (or register) above cannot point at would be
	 * truncated into some other memory: no table memory within reach.
	 */
	ret = -ENOMEM;
	if ((pt->buf.addr + (pt->buf.size - 1)) >>
	    vcm_kind_reach(mmu->format, type))
		goto err_buf;
	/* The budget pays for the table as allocated, and for its shadow. */
	ret = vcm_budget_charge(mmu->vcm, shadow + pt->buf.size);
	if (ret)
		goto err_buf;
	pt->type = type;
	pt->nent = nent;
	pt->base = base;
	INIT_LIST_HEAD(&pt->link);
	if (kind->header) {
		u8 hdr[64] __aligned(8) = {};

		mmu->format->write_header(mmu, type, hdr, nent);
		vcm_tbuf_write(&pt->buf, 0, hdr, kind->header, 4);
	}
	pt_clear(mmu, pt, 0, nent);
	trace_vcm_table_alloc(mmu->vcm->id, mmu->id, type, pt->buf.addr,
			      pt->buf.size, mmu->stats.tables);
	return pt;

err_buf:
	vcm_tbuf_free(mmu, &pt->buf);
err_shadow:
	vcm_kvfree(pt);
	return ERR_PTR(ret);
}

static void pt_free(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt)
{
	size_t nchild = (size_t)pt->nent * pt_kind(mmu, pt)->nchild;
	u64 addr = pt->buf.addr, bytes = pt->buf.size;

	vcm_budget_uncharge(mmu->vcm, bytes + struct_size(pt, child, nchild));
	vcm_tbuf_free(mmu, &pt->buf);
	trace_vcm_table_free(mmu->vcm->id, mmu->id, pt->type, addr, bytes,
			     mmu->stats.tables);
	vcm_kvfree(pt);
}

/* Step the backing cursor over @bytes, if it is placed. */
static void run_skip(struct drm_vcm_pte_run *run, u64 bytes)
{
	if (!run->seg)	/* see vcm_pt_prepare() */
		return;
	while (bytes) {
		u64 n = min(bytes, run->seg->len - run->off);

		run->off += n;
		bytes -= n;
		if (run->off == run->seg->len) {
			run->seg++;
			run->off = 0;
		}
	}
}

/* Can the next @len bytes of backing be mapped by @kind's leaves? */
static bool run_fits(const struct drm_vcm_pte_run *run, u64 len,
		     const struct drm_vcm_fmt_table *kind)
{
	const struct drm_vcm_seg *seg = run->seg;
	u64 pgsize = 1ULL << kind->shift;
	u64 off = run->off;

	if (!(kind->locs & BIT(run->loc)))
		return false;
	/* Every segment starts and ends on a 4 KiB boundary. */
	if (kind->shift <= VCM_PAGE_SHIFT)
		return true;
	while (len) {
		u64 n = min(len, seg->len - off);

		if (!IS_ALIGNED(seg->addr + off, pgsize) || !IS_ALIGNED(n, pgsize))
			return false;
		len -= n;
		seg++;
		off = 0;
	}
	return true;
}

/*
 * Which child slot of directory entry @idx serves [@s, @e)? Slots are
 * ordered largest page first; a larger one is taken only for a whole entry
 * whose backing fits it. Formats whose entries point at one child at a time
 * keep the slot they have; a range the present child cannot map is -EBUSY.
 */
static int pt_pick_slot(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			u32 idx, u64 s, u64 e, const struct drm_vcm_pte_run *run)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *tables = mmu->format->tables;
	struct drm_vcm_pt **child = pt_children(mmu, pt, idx);
	u64 span = 1ULL << kind->shift;
	bool whole = !((s - pt->base) & (span - 1)) && e - s == span;
	unsigned int slot;

	for (slot = 0; slot < kind->nchild; slot++) {
		if (!child[slot])
			continue;
		/* Only a choice between two kinds can be the wrong one. */
		if (run && kind->nchild > 1 &&
		    !run_fits(run, e - s, &tables[kind->child[slot]]))
			return -EBUSY;
		return slot;
	}
	for (slot = 0; slot + 1 < kind->nchild; slot++) {
		if (whole && run_fits(run, e - s, &tables[kind->child[slot]]))
			return slot;
	}
	return slot;
}

static bool pt_is_leaf(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		       u32 idx, u64 s, u64 e, const struct drm_vcm_pte_run *run)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	struct drm_vcm_pt **child = pt_children(mmu, pt, idx);
	u64 span = 1ULL << kind->shift;
	unsigned int slot;

	for (slot = 0; slot < kind->nchild; slot++)
		if (child[slot])
			return false;
	if (!run)	/* unmap: an entry without children was a leaf */
		return true;
	return kind->leaf && !((s - pt->base) & (span - 1)) && e - s == span &&
	       run_fits(run, span, kind);
}

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
		run_skip(run, (u64)count << pt_kind(mmu, pt)->shift);
		break;
	case VCM_WALK_MAP:
		run->pgsize = 1ULL << pt_kind(mmu, pt)->shift;
		run->va = pt->base + ((u64)first << pt_kind(mmu, pt)->shift);
		pt_emit(mmu, pt, first, count, &e);
		pt->used += count;
		break;
	case VCM_WALK_UNMAP:
		pt_clear(mmu, pt, first, count);
		pt->used -= count;
		break;
	}
}

static int pt_walk(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u64 va,
		   u64 end, struct drm_vcm_pte_run *run, struct vcm_req *req,
		   enum vcm_walk_mode mode);

/* Descend into child @slot of directory entry @idx, then fix up the PDE. */
static int pt_descend_slot(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			   u32 idx, unsigned int slot, u64 s, u64 e,
			   struct drm_vcm_pte_run *run, struct vcm_req *req,
			   enum vcm_walk_mode mode)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	struct drm_vcm_pt **child = pt_children(mmu, pt, idx);
	struct drm_vcm_pt *c = child[slot];
	int ret;

	if (!c) {
		const struct drm_vcm_fmt_table *ck;
		u64 base = pt->base + ((u64)idx << kind->shift);

		if (WARN_ON(mode != VCM_WALK_PREPARE))
			return -EINVAL;
		ck = &mmu->format->tables[kind->child[slot]];
		c = pt_new(mmu, kind->child[slot], 1U << ck->bits, base);
		if (IS_ERR(c))
			return PTR_ERR(c);
		c->parent = pt;
		c->index = idx;
		c->slot = slot;
		c->fresh = true;
		child[slot] = c;
		list_add(&c->link, &mmu->fresh);
	}

	ret = pt_walk(mmu, c, s, e, run, req, mode);
	if (ret)
		return ret;

	if (mode == VCM_WALK_MAP && c->fresh) {
		c->fresh = false;
		list_del_init(&c->link);
		pt->used++;
		pt_write_pde(mmu, pt, idx);
	} else if (mode == VCM_WALK_UNMAP && !c->used) {
		child[slot] = NULL;
		pt->used--;
		pt_write_pde(mmu, pt, idx);
		list_add_tail(&c->link, &mmu->dead);
	}
	return 0;
}

/* Read and decode entry @idx of @pt. */
static void pt_read_entry(const struct drm_vcm_mmu *mmu,
			  const struct drm_vcm_pt *pt, u32 idx,
			  struct drm_vcm_entry *e)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	u8 raw[16] __aligned(8);

	vcm_tbuf_read(&pt->buf, kind_offset(kind, idx), raw, kind->entry_size);
	memset(e, 0, sizeof(*e));
	mmu->format->decode(mmu, pt->type, raw, idx, e);
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
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *large =
		&mmu->format->tables[kind->child[0]];
	struct drm_vcm_pt *lpt = pt_children(mmu, pt, idx)[0];
	u64 pg = 1ULL << large->shift;
	struct drm_vcm_entry ent;

	if (run)
		return IS_ALIGNED(s, pg) && e - s == pg &&
		       run_fits(run, pg, large) ? 0 : 1;
	if (!lpt)
		return 1;
	pt_read_entry(mmu, lpt, (s - lpt->base) >> large->shift, &ent);
	return ent.kind == DRM_VCM_ENTRY_PTE ? 0 : 1;
}

/*
 * Both tables of a dual entry (gf100, gp100) may be live at once: split
 * [@s, @e) at large-page boundaries and send each stretch of pieces that
 * go the same way to its table.
 */
static int pt_descend_dual(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			   u32 idx, u64 s, u64 e, struct drm_vcm_pte_run *run,
			   struct vcm_req *req, enum vcm_walk_mode mode)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *large =
		&mmu->format->tables[kind->child[0]];
	u64 pg = 1ULL << large->shift;
	struct drm_vcm_pte_run *lrun = mode == VCM_WALK_UNMAP ? NULL : run;
	struct drm_vcm_pte_run probe;
	unsigned int slot, next;
	u64 from = s, p, q;
	int ret;

	/* Backing the large pages cannot map all goes to the small ones. */
	if (lrun && !(large->locs & BIT(run->loc)))
		return pt_descend_slot(mmu, pt, idx, 1, s, e, run, req, mode);
	if (lrun)
		probe = *run;
	slot = pt_dual_slot(mmu, pt, idx, s, min(e, round_down(s, pg) + pg),
			    lrun ? &probe : NULL);
	for (p = s; p < e; p = q) {
		q = min(e, round_down(p, pg) + pg);
		if (lrun)
			run_skip(&probe, q - p);
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
	int slot;

	if (pt_kind(mmu, pt)->nchild > 1 &&
	    !(mmu->format->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD))
		return pt_descend_dual(mmu, pt, idx, s, e, run, req, mode);

	slot = pt_pick_slot(mmu, pt, idx, s, e,
			    mode == VCM_WALK_UNMAP ? NULL : run);
	if (slot < 0)
		return slot;
	return pt_descend_slot(mmu, pt, idx, slot, s, e, run, req, mode);
}

static int pt_walk(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u64 va,
		   u64 end, struct drm_vcm_pte_run *run, struct vcm_req *req,
		   enum vcm_walk_mode mode)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	struct drm_vcm_pte_run *lrun = mode == VCM_WALK_UNMAP ? NULL : run;
	u32 idx, last, leaf_first, nleaf = 0;
	struct drm_vcm_pte_run probe;
	int ret;

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
	 * leaf not yet written.
	 */
	if (lrun)
		probe = *run;
	for (; idx <= last; idx++) {
		u64 s = max(va, pt->base + ((u64)idx << kind->shift));
		u64 e = min(end, pt->base + ((u64)(idx + 1) << kind->shift));

		if (pt_is_leaf(mmu, pt, idx, s, e, lrun ? &probe : NULL)) {
			if (lrun)
				run_skip(&probe, e - s);
			if (!nleaf++)
				leaf_first = idx;
			continue;
		}
		pt_leaves(mmu, pt, leaf_first, nleaf, run, mode);
		nleaf = 0;
		ret = pt_descend(mmu, pt, idx, s, e, run, req, mode);
		if (ret)
			return ret;
		if (lrun)
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

	/*
	 * Where the walk is in the backing only matters for choosing pages
	 * larger than 4 KiB. Where the format has none for this location,
	 * the cursor is left unplaced and never stepped: a bind of dense
	 * pages would otherwise step it over one segment per page.
	 */
	if (!fmt_large_pages(mmu->format, run.loc))
		run.seg = NULL;

	return pt_walk(mmu, mmu->top, va, va + req->size, &run, req,
		       VCM_WALK_PREPARE);
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
		pt_children(mmu, pt->parent, pt->index)[pt->slot] = NULL;
		pt_free(mmu, pt);
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
		pt_free(mmu, pt);
	}
}

static int pt_lookup(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u64 tva,
		     struct drm_vcm_entry *e, dma_addr_t *addr)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	u64 idx = (tva - pt->base) >> kind->shift;
	dma_addr_t where[2];
	u8 types[2], n, k, s;
	int ret = -ENOENT;

	if (tva < pt->base || idx >= pt->nent)
		return -ERANGE;
	pt_read_entry(mmu, pt, idx, e);
	if (e->kind == DRM_VCM_ENTRY_INVALID ||
	    e->kind == DRM_VCM_ENTRY_SPARSE)
		return -ENOENT;
	if (e->kind == DRM_VCM_ENTRY_PTE) {
		e->pgsize = 1ULL << kind->shift;
		*addr = e->addr + (tva & (e->pgsize - 1));
		return 0;
	}

	/* A directory entry: each child must be the table VCM put there. */
	n = min_t(u8, e->nchild, 2);
	where[0] = e->addr;
	where[1] = e->addr2;
	memcpy(types, e->child_type, sizeof(types));
	for (k = 0; k < n && ret == -ENOENT; k++) {
		struct drm_vcm_pt *c = NULL;

		for (s = 0; s < kind->nchild; s++)
			if (kind->child[s] == types[k])
				c = pt_children(mmu, pt, idx)[s];
		if (!c || c->buf.addr != where[k])
			return -EIO;
		/*
		 * Of two tables, the large-page one is looked at first; a
		 * sparse entry there hides the other table.
		 */
		ret = pt_lookup(mmu, c, tva, e, addr);
		if (e->kind == DRM_VCM_ENTRY_SPARSE)
			break;
	}
	return ret;
}

/**
 * vcm_pt_lookup - translate through the tables as the device would
 * @mmu: the MMU
 * @va: space VA
 * @e: the decoded leaf entry
 * @addr: the device address @va translates to
 *
 * Every entry on the way is read back from table memory and decoded by the
 * format's decoder; directory entries must point where the shadow tree says.
 *
 * Returns: 0, -ENOENT when an entry on the way is invalid or sparse (@e
 * says which), -ERANGE outside the tables, -EIO when a directory entry
 * disagrees with the shadow tree.
 */
int vcm_pt_lookup(struct drm_vcm_mmu *mmu, u64 va, struct drm_vcm_entry *e,
		  dma_addr_t *addr)
{
	return pt_lookup(mmu, mmu->top, vcm_pt_va(mmu, va), e, addr);
}

static bool pt_next(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u64 tva,
		    struct vcm_pt_pos *out)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	u64 idx = tva <= pt->base ? 0 : (tva - pt->base) >> kind->shift;

	for (; idx < pt->nent; idx++) {
		struct drm_vcm_pt **child = pt_children(mmu, pt, idx);
		u64 base = pt->base + (idx << kind->shift);
		struct vcm_pt_pos cand;
		bool tables = false, found = false;
		unsigned int s;

		/* Children of a dual entry interleave: take the lowest. */
		for (s = 0; s < kind->nchild; s++) {
			if (!child[s])
				continue;
			tables = true;
			if (pt_next(mmu, child[s], max(tva, base), &cand) &&
			    (!found || cand.va < out->va)) {
				*out = cand;
				found = true;
			}
		}
		if (found)
			return true;
		if (tables)
			continue;
		pt_read_entry(mmu, pt, idx, &out->e);
		if (out->e.kind == DRM_VCM_ENTRY_PTE) {
			out->e.pgsize = 1ULL << kind->shift;
			out->va = base;
			out->type = pt->type;
			out->index = idx;
			return true;
		}
	}
	return false;
}

/**
 * vcm_pt_next - the first page entry at or after a VA, in VA order
 * @mmu: the MMU
 * @va: space VA to search from
 * @out: the entry (decoded, with its page size), the space VA of its page,
 *	its table kind and its index in that table
 *
 * A large page that starts below @va but covers it counts. Entries are
 * read back from table memory and decoded, as for vcm_pt_lookup().
 *
 * Returns: true, or false if no entry maps anything at or after @va.
 */
bool vcm_pt_next(struct drm_vcm_mmu *mmu, u64 va, struct vcm_pt_pos *out)
{
	u64 rel;

	if (!mmu->top)	/* external: no tables */
		return false;
	rel = mmu->format->flags & DRM_VCM_FMT_RELATIVE ? mmu->vcm->start : 0;
	if (!pt_next(mmu, mmu->top, vcm_pt_va(mmu, va), out))
		return false;
	out->va += rel;
	return true;
}

VCM_EXPORT_FOR_KUNIT(vcm_pt_next);

static void pt_count(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		     struct vcm_pt_census *c)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	size_t i;

	c[pt->type].tables++;
	c[pt->type].entries += pt->nent;
	c[pt->type].used += pt->used;
	c[pt->type].bytes += pt->buf.size;
	for (i = 0; i < (size_t)pt->nent * kind->nchild; i++)
		if (pt->child[i])
			pt_count(mmu, pt->child[i], c);
}

/**
 * vcm_pt_census - count an MMU's tables and their live entries per kind
 * @mmu: the MMU
 * @c: one element per table kind of the format, zeroed by the caller
 */
void vcm_pt_census(struct drm_vcm_mmu *mmu, struct vcm_pt_census *c)
{
	if (mmu->top)
		pt_count(mmu, mmu->top, c);
}

VCM_EXPORT_FOR_KUNIT(vcm_pt_census);

static void pt_free_tree(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	size_t i;

	for (i = 0; i < (size_t)pt->nent * kind->nchild; i++)
		if (pt->child[i])
			pt_free_tree(mmu, pt->child[i]);
	pt_free(mmu, pt);
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
	pt = pt_new(mmu, 0, nent, 0);
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
}

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
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *ck =
		&mmu->format->tables[kind->child[slot]];
	struct drm_vcm_pt *c;

	c = pt_new(mmu, kind->child[slot], 1U << ck->bits,
		   pt->base + ((u64)idx << kind->shift));
	if (IS_ERR(c))
		return c;
	c->parent = pt;
	c->index = idx;
	c->slot = slot;
	c->fresh = true;
	c->split = true;
	pt_children(mmu, pt, idx)[slot] = c;
	list_add(&c->link, &mmu->fresh);
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
	pt_read_entry(mmu, pt, idx, &ent);
	return ent.kind == DRM_VCM_ENTRY_PTE;
}

static int pt_split_prep(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			 u64 tva)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	struct drm_vcm_pt **child, *c;
	unsigned int last, slot;
	bool tables = false;
	u32 idx;
	int ret;

	/* Page tables, and edges on an entry boundary, split nothing. */
	if (!kind->nchild || !((tva - pt->base) & ((1ULL << kind->shift) - 1)))
		return 0;
	idx = (tva - pt->base) >> kind->shift;
	child = pt_children(mmu, pt, idx);
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
		ck = pt_kind(mmu, c);
		if (ck->nchild || !((tva - c->base) & ((1ULL << ck->shift) - 1)) ||
		    !pt_maps_page(mmu, c, (tva - c->base) >> ck->shift))
			continue;
		if (!child[last]) {
			struct drm_vcm_pt *n = pt_split_new(mmu, pt, idx, last);

			if (IS_ERR(n))
				return PTR_ERR(n);
		}
		child[slot] = NULL;
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
		pt_children(mmu, pt->parent, pt->index)[pt->slot] = pt;
	}
}

/* Write the leaves of @c over table VA [@from, @to) from binding @node. */
static void pt_fill_run(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *c,
			struct drm_mm_node *node, u64 from, u64 to)
{
	struct drm_vcm_binding *b =
		container_of(node, struct drm_vcm_binding, node);
	unsigned int shift = pt_kind(mmu, c)->shift;
	u64 rel = mmu->vcm->start - vcm_pt_va(mmu, mmu->vcm->start);
	struct drm_vcm_pte_run run = {
		.pgsize = 1ULL << shift,
		.flags = b->flags,
		.loc = b->mem->loc,
		.va = from,
	};
	struct vcm_emit em = { .op = VCM_EMIT_PTES, .run = &run };
	u32 count = (to - from) >> shift;

	vcm_mem_seek(b->mem, b->offset + (from + rel - node->start), &run);
	pt_emit(mmu, c, (from - c->base) >> shift, count, &em);
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
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, c);
	unsigned int shift = kind->shift, slot;
	u64 rel = vcm->start - vcm_pt_va(mmu, vcm->start);
	struct drm_mm_node *node;

	if (kind->nchild) {
		u64 step = 1ULL << shift, p;

		for (p = s; p < e; p += step) {
			struct drm_vcm_pt **ch =
				pt_children(mmu, c, (p - c->base) >> shift);
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
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
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
	child = pt_children(mmu, pt, idx);

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
		ok = pt_kind(mmu, old);
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
		pt_write_pde(mmu, pt, idx);
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

static void pt_clear_walk(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			  u64 s, u64 e)
{
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	u32 idx = (s - pt->base) >> kind->shift;
	u32 last = (e - 1 - pt->base) >> kind->shift;
	u32 first = 0, n = 0;
	unsigned int slot;

	for (; idx <= last; idx++) {
		u64 es = pt->base + ((u64)idx << kind->shift);
		u64 ee = es + (1ULL << kind->shift);
		bool tables = false;

		for (slot = 0; slot < kind->nchild; slot++) {
			struct drm_vcm_pt *c = pt_children(mmu, pt, idx)[slot];

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
			pt_clear(mmu, pt, first, n);
			pt->used -= n;
			n = 0;
		}
	}
	if (n) {
		pt_clear(mmu, pt, first, n);
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
	const struct drm_vcm_fmt_table *kind = pt_kind(mmu, pt);
	u32 idx = (s - pt->base) >> kind->shift;
	u32 last = (e - 1 - pt->base) >> kind->shift;
	unsigned int slot;

	if (!kind->nchild)
		return;
	for (; idx <= last; idx++) {
		struct drm_vcm_pt **child = pt_children(mmu, pt, idx);
		u64 es = pt->base + ((u64)idx << kind->shift);
		u64 ee = es + (1ULL << kind->shift);
		bool changed = false;

		for (slot = 0; slot < kind->nchild; slot++) {
			struct drm_vcm_pt *c = child[slot];

			if (!c || WARN_ON_ONCE(c->fresh))
				continue;
			pt_reap_walk(mmu, c, max(s, es), min(e, ee));
			if (c->used)
				continue;
			child[slot] = NULL;
			pt->used--;
			list_add_tail(&c->link, &mmu->dead);
			changed = true;
		}
		if (changed)
			pt_write_pde(mmu, pt, idx);
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
