// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM page-table engine: the table primitives (entry encode, emit, clear
 * and read, the state of unbound entries, table allocation and free
 * against the budget, run fitting).
 */

#include <linux/bug.h>
#include <linux/minmax.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vcm_compat.h"
#include "vcm_internal.h"
#include "vcm_pt_table.h"
#include "vcm_trace.h"

/*
 * Bytes of entries encoded per writer call when a table lives in I/O
 * memory: 64 entries of 8 bytes, enough for the largest fragment a format
 * encodes per entry (cayman's 256 KiB). Calls end on multiples of it, so
 * no fragment is split between two calls.
 */
#define VCM_BOUNCE_BYTES	512

/* Entries per storage unit: more than one for packed kinds. */
static u32 kind_group(const struct drm_vcm_fmt_table *kind)
{
	return kind->group > 1 ? kind->group : 1;
}

/* Byte offset of the unit holding entry @idx; no division unless packed. */
size_t vcm_kind_offset(const struct drm_vcm_fmt_table *kind, u32 idx)
{
	if (unlikely(kind->group > 1))
		idx /= kind->group;
	return kind->header + (size_t)idx * kind->entry_size;
}

/* Bytes of a table of @kind with @nent entries. */
static size_t kind_bytes(const struct drm_vcm_fmt_table *kind, u32 nent)
{
	return vcm_kind_offset(kind, nent + kind_group(kind) - 1);
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
	case VCM_EMIT_SPARSE:
		f->sparse(mmu, pt->type, dst, idx, count);
		break;
	case VCM_EMIT_PDE:
		f->write_pde(mmu, pt->type, dst, e->ref, e->nref);
		break;
	}
}

/*
 * Encode @count entries from @idx of @pt, a table in I/O memory, through a
 * bounce buffer. Packed groups are read back first so that a writer
 * updating part of a group keeps the rest. Not inlined: kernels that
 * initialise stack variables (INIT_STACK_ALL_*) fill the buffer on every
 * call, which tables in RAM must not pay for.
 */
static noinline void pt_emit_io(const struct drm_vcm_mmu *mmu,
				struct drm_vcm_pt *pt, u32 idx, u32 count,
				const struct vcm_emit *e)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u32 grp = kind_group(kind), per, n;
	u8 tmp[VCM_BOUNCE_BYTES] __aligned(8);
	size_t off, bytes;

	per = sizeof(tmp) / kind->entry_size * grp;
	for (; count; idx += n, count -= n) {
		/* Up to the next multiple of the bounce buffer's capacity. */
		n = min(count, per - idx % per);
		off = vcm_kind_offset(kind, idx);
		bytes = vcm_kind_offset(kind, idx + n - 1) + kind->entry_size - off;
		if (grp > 1)
			vcm_tbuf_read(&pt->buf, off, tmp, bytes);
		pt_encode(mmu, pt, tmp, idx, n, e);
		vcm_tbuf_write(&pt->buf, off, tmp, bytes, kind->entry_size);
	}
}

/* Write @count entries from @idx: in place for RAM, bounced for I/O. */
void vcm_pt_emit(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		 u32 idx, u32 count, const struct vcm_emit *e)
{
	if (!pt->buf.cpu) {
		pt_emit_io(mmu, pt, idx, count, e);
		return;
	}
	pt_encode(mmu, pt, pt->buf.cpu +
		  vcm_kind_offset(vcm_pt_kind(mmu, pt), idx), idx, count, e);
}

/* Does directory @pt point at two child tables at once per entry? */
static bool pt_dual(const struct drm_vcm_mmu *mmu, const struct drm_vcm_pt *pt)
{
	return vcm_pt_kind(mmu, pt)->nchild > 1 &&
	       !(mmu->format->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD);
}

/*
 * Is VA @va in a sparse reservation? *@end is set to where that answer
 * may change: the end of that reservation, or the start of the next
 * sparse one (U64_MAX if there is none). VA outside the space is never
 * sparse. Sparse reservations side by side are not merged: each keeps
 * the tables at its own ends, so that either can stop being sparse
 * without allocating any.
 */
static bool vcm_sparse_at(struct drm_vcm *vcm, u64 va, u64 *end)
{
	u64 lim = vcm->start + vcm->size;
	struct drm_mm_node *node;

	/*
	 * The walk must end inside the allocator's range: its list is a
	 * ring, closed by a node that starts where the range ends.
	 */
	*end = U64_MAX;
	if (va >= lim)
		return false;
	drm_mm_for_each_node_in_range(node, &vcm->va, va, lim) {
		if (!container_of(node, struct drm_vcm_res, node)->sparse)
			continue;
		if (node->start > va) {
			*end = node->start;
			return false;
		}
		*end = node->start + node->size;
		return true;
	}
	return false;
}

/* Space VA of table VA @tva (see vcm_pt_va()). */
static u64 pt_space_va(const struct drm_vcm_mmu *mmu, u64 tva)
{
	if (mmu->format->flags & DRM_VCM_FMT_RELATIVE)
		return tva + mmu->vcm->start;
	return tva;
}

/* Does the span [@s, @e) of VA hold sparse and non-sparse parts? */
static bool vcm_sparse_mixed(struct drm_vcm *vcm, u64 s, u64 e)
{
	u64 end;

	vcm_sparse_at(vcm, s, &end);
	return end < e;
}

/* Is @pt the large-page table of a dual entry? */
static bool pt_is_large_of_dual(const struct drm_vcm_mmu *mmu,
				const struct drm_vcm_pt *pt)
{
	const struct drm_vcm_pt *up = pt->parent;

	return up && !pt->slot && vcm_pt_kind(mmu, up)->nchild > 1 &&
	       !(mmu->format->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD);
}

/* Does @pt have a small-page table beside it (see pt_is_large_of_dual())? */
static bool pt_has_small_sibling(const struct drm_vcm_mmu *mmu,
				 const struct drm_vcm_pt *pt)
{
	const struct drm_vcm_pt *up = pt->parent;

	return up->child[(size_t)pt->index * vcm_pt_kind(mmu, up)->nchild + 1];
}

/**
 * vcm_pt_sparse_any - may any unbound entry of @mmu be sparse?
 * @mmu: the MMU
 *
 * Returns: true if @mmu was attached sparse or its space has sparse
 * reservations.
 */
bool vcm_pt_sparse_any(const struct drm_vcm_mmu *mmu)
{
	return mmu->sparse || (mmu->vcm && mmu->vcm->nsparse);
}

/**
 * vcm_pt_unbound_states - write entries of @pt that map nothing
 * @mmu: the MMU
 * @pt: the table
 * @idx: first entry
 * @count: entries
 *
 * Each entry gets the state its span calls for (see DOC: sparse
 * reservations), in one writer call per run of entries of one state.
 */
void vcm_pt_unbound_states(const struct drm_vcm_mmu *mmu,
			   struct drm_vcm_pt *pt, u32 idx, u32 count)
{
	struct vcm_emit inv = { .op = VCM_EMIT_CLEAR };
	struct vcm_emit sp = { .op = VCM_EMIT_SPARSE };
	unsigned int shift = vcm_pt_kind(mmu, pt)->shift;
	u32 end = idx + count, j;
	u64 base, es, lim;

	if (pt_is_large_of_dual(mmu, pt) && pt_has_small_sibling(mmu, pt)) {
		vcm_pt_emit(mmu, pt, idx, count, &inv);
		return;
	}
	if (!vcm_pt_sparse_any(mmu) || mmu->sparse) {
		vcm_pt_emit(mmu, pt, idx, count, mmu->sparse ? &sp : &inv);
		return;
	}
	base = pt_space_va(mmu, pt->base);
	while (idx < end) {
		es = base + ((u64)idx << shift);
		if (vcm_sparse_at(mmu->vcm, es, &lim)) {
			/* Entries wholly before @lim are sparse. */
			j = min_t(u64, end, (lim - base) >> shift);
			if (j > idx) {
				vcm_pt_emit(mmu, pt, idx, j - idx, &sp);
				idx = j;
				continue;
			}
			j = idx + 1;	/* an entry across an edge */
		} else if ((lim - base) >> shift >= end) {
			j = end;
		} else {
			/* Entries starting before @lim are not sparse. */
			j = ((lim - base) >> shift) +
			    !!((lim - base) & ((1ULL << shift) - 1));
		}
		vcm_pt_emit(mmu, pt, idx, j - idx, &inv);
		idx = j;
	}
}

/**
 * vcm_pt_keep - must table @pt stay, though nothing is bound in it?
 * @mmu: the MMU
 * @pt: the table, not the top one
 *
 * Returns: true for a table on the smallest-page path below a directory
 * entry whose span is part sparse, part not.
 */
bool vcm_pt_keep(const struct drm_vcm_mmu *mmu, const struct drm_vcm_pt *pt)
{
	const struct drm_vcm_fmt_table *up;
	u64 s;

	if (mmu->sparse || !mmu->vcm->nsparse || !pt->parent)
		return false;
	up = vcm_pt_kind(mmu, pt->parent);
	if (pt->slot + 1 != up->nchild)
		return false;
	s = pt_space_va(mmu, pt->base);
	return vcm_sparse_mixed(mmu->vcm, s, s + (1ULL << up->shift));
}

void vcm_pt_clear_entries(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			  u32 idx, u32 count)
{
	struct vcm_emit e = { .op = VCM_EMIT_CLEAR };

	if (vcm_pt_sparse_any(mmu))
		vcm_pt_unbound_states(mmu, pt, idx, count);
	else
		vcm_pt_emit(mmu, pt, idx, count, &e);
}

/*
 * Rewrite every entry of the large-page table @lpt that maps no page, in
 * the state vcm_pt_unbound_states() gives it now: the small-page table
 * beside it came or went.
 */
static void pt_refresh_unbound(const struct drm_vcm_mmu *mmu,
			       struct drm_vcm_pt *lpt)
{
	struct drm_vcm_entry ent;
	u32 i, first = 0, n = 0;

	for (i = 0; i < lpt->nent; i++) {
		vcm_pt_read_entry(mmu, lpt, i, &ent);
		if (ent.kind != DRM_VCM_ENTRY_PTE) {
			if (!n++)
				first = i;
			continue;
		}
		if (n)
			vcm_pt_clear_entries(mmu, lpt, first, n);
		n = 0;
	}
	if (n)
		vcm_pt_clear_entries(mmu, lpt, first, n);
}

/*
 * (Re)write directory entry @idx of @pt from the children it has now.
 * Where entries may be sparse, a dual entry's large-page table changes
 * with it (see DOC: sparse reservations), in the order that never shows
 * a fault where there was none: its unbound entries become sparse before
 * the small-page table is unlinked, and let it through only once it is
 * linked.
 */
void vcm_pt_write_pde(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		      u32 idx)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	struct drm_vcm_pt **child = vcm_pt_children(mmu, pt, idx);
	struct drm_vcm_table_ref ref[2];
	struct vcm_emit e = { .op = VCM_EMIT_PDE, .ref = ref };
	struct drm_vcm_pt *lpt = NULL;
	unsigned int s;

	if (vcm_pt_sparse_any(mmu) && pt_dual(mmu, pt) && child[0])
		lpt = child[0];
	if (lpt && !child[1])
		pt_refresh_unbound(mmu, lpt);

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
		vcm_pt_emit(mmu, pt, idx, 1, &e);
	else
		vcm_pt_clear_entries(mmu, pt, idx, 1);
	if (lpt && child[1])
		pt_refresh_unbound(mmu, lpt);
}

/* The bytes of @b and of its I/O window node, if it has one. */
static u64 tbuf_charge(const struct vcm_tbuf *b)
{
	return b->size + (b->node ? sizeof(*b->node) : 0);
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

/*
 * Is @type's invalid entry all zero bits? The format's clear
 * is run over the first 64 bytes of entries, whole groups, as a sample:
 * an invalid entry is the same at every index, or at worst repeats with
 * the group.
 */
static bool kind_clears_to_zero(const struct drm_vcm_mmu *mmu, u8 type)
{
	const struct drm_vcm_fmt_table *kind = &mmu->format->tables[type];
	u8 tmp[64] __aligned(8);
	u32 units = sizeof(tmp) / kind->entry_size;

	memset(tmp, 0xa5, sizeof(tmp));
	mmu->format->clear(mmu, type, tmp, 0, units * kind_group(kind));
	return !memchr_inv(tmp, 0, (size_t)units * kind->entry_size);
}

/*
 * Will a table of @kind with @nent entries be written whole by the map of
 * the request that allocates it, and fill its memory exactly? Then it
 * need be neither zeroed nor cleared: a leaf table, plain entries (no
 * header, no packed groups a writer would merge into), wholly inside the
 * request's range, of a power-of-two number of pages.
 */
static bool kind_written_whole(const struct drm_vcm_fmt_table *kind,
			       u32 nent, bool covered)
{
	size_t bytes = kind_bytes(kind, nent);

	return covered && !kind->nchild && kind_group(kind) == 1 &&
	       !kind->header && kind->align <= bytes &&
	       bytes == PAGE_SIZE << get_order(bytes);
}

/*
 * A table of @type and @nent that vcm_pt_free() kept while the space
 * defers freeing (drm_vcm_defer_begin()), made new again: still charged
 * to the budget, so taking it allocates and charges nothing.
 */
static struct drm_vcm_pt *pt_reuse(struct drm_vcm_mmu *mmu, u8 type, u32 nent,
				   u64 base, bool whole)
{
	size_t nchild = (size_t)nent * mmu->format->tables[type].nchild;
	struct drm_vcm_pt *pt;

	list_for_each_entry(pt, &mmu->kept, link) {
		if (pt->type != type || pt->nent != nent)
			continue;
		list_del_init(&pt->link);
		memset(pt->child, 0, nchild * sizeof(pt->child[0]));
		pt->parent = NULL;
		pt->base = base;
		pt->index = 0;
		pt->used = 0;
		pt->nkids = 0;
		pt->slot = 0;
		pt->fresh = false;
		pt->split = false;
		/* An aborted table may never have been written. */
		if (!whole)
			vcm_pt_clear_entries(mmu, pt, 0, nent);
		return pt;
	}
	return NULL;
}

/**
 * vcm_pt_stash_fill - allocate ahead for leaf tables a prepare will need
 * @mmu: the MMU
 * @st: the stash, with no pages left in it
 * @type: the table kind, without children
 * @nent: entries per table
 * @n: how many such tables, each written whole by the request's map
 *	(kind_written_whole()), the prepare expects to allocate next
 *
 * For tables of one page, up to %VCM_STASH pages from one call into the
 * page allocator (vcm_tbuf_stash_fill()). Failing costs nothing but
 * speed: vcm_pt_new() allocates what the stash does not hold. What is
 * left is freed by vcm_tbuf_stash_drain(). In KUnit builds what a stash
 * holds counts as live allocations (vcm_fault_live()), so that a leak
 * shows.
 */
void vcm_pt_stash_fill(struct drm_vcm_mmu *mmu, struct vcm_stash *st,
		       u8 type, u32 nent, unsigned int n)
{
	const struct drm_vcm_fmt_table *kind = &mmu->format->tables[type];

	if (kind->nchild || !kind_written_whole(kind, nent, true) ||
	    kind_bytes(kind, nent) != PAGE_SIZE || kind->align > PAGE_SIZE)
		return;
	vcm_tbuf_stash_fill(mmu, st, min(n, VCM_STASH));
}

/*
 * A new table of @type with @nent entries from table VA @base. @covered:
 * the request preparing it maps its whole span, so its map writes every
 * entry before the table is linked (vcm_pt_map()). @st: memory allocated
 * ahead for it (vcm_pt_stash_fill()), or NULL.
 */
struct drm_vcm_pt *vcm_pt_new(struct drm_vcm_mmu *mmu, u8 type, u32 nent,
			      u64 base, bool covered, struct vcm_stash *st)
{
	const struct drm_vcm_fmt_table *kind = &mmu->format->tables[type];
	bool whole = kind_written_whole(kind, nent, covered);
	struct drm_vcm_pt *pt;
	size_t shadow;
	int ret;

	pt = pt_reuse(mmu, type, nent, base, whole);
	if (pt)
		return pt;
	shadow = struct_size(pt, child, (size_t)nent * kind->nchild);
	/* A leaf's shadow has a constant size: kmalloc's fast path. */
	pt = kind->nchild ? vcm_kvzalloc_gfp(shadow, vcm_gfp(mmu->vcm)) :
			    vcm_kzalloc_gfp(sizeof(*pt), vcm_gfp(mmu->vcm));
	if (!pt)
		return ERR_PTR(-ENOMEM);
	ret = vcm_tbuf_alloc(mmu, &pt->buf, kind_bytes(kind, nent),
			     kind->align, !whole, st);
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
	ret = vcm_budget_charge(mmu->vcm, shadow + tbuf_charge(&pt->buf));
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
	/*
	 * Table memory in system RAM comes zeroed unless asked otherwise
	 * (vcm_tbuf_alloc()): where the invalid entry is 0 it is not written
	 * a second time. A table written whole by its map is not written
	 * before: nothing can read it until then, its directory entry is
	 * written after it and vcm_pt_abort() frees it unread.
	 */
	if (!whole && (!pt->buf.cpu || vcm_pt_sparse_any(mmu) ||
		       !kind_clears_to_zero(mmu, type)))
		vcm_pt_clear_entries(mmu, pt, 0, nent);
	trace_vcm_table_alloc(mmu->vcm->id, mmu->id, type, pt->buf.addr,
			      pt->buf.size, mmu->stats.tables);
	return pt;

err_buf:
	vcm_tbuf_free(mmu, &pt->buf);
err_shadow:
	vcm_kvfree(pt);
	return ERR_PTR(ret);
}

/**
 * vcm_pt_new_child - a new table for a directory entry, linked as fresh
 * @mmu: the MMU
 * @pt: the directory
 * @idx: the entry of @pt the table goes under
 * @slot: which of the entry's child kinds it is
 * @covered: as for vcm_pt_new()
 * @st: as for vcm_pt_new()
 *
 * The table spans the entry. It goes on @mmu->fresh until the map writes
 * the entry that points at it, or vcm_pt_abort() frees it.
 *
 * Returns: the table, or the ERR_PTR() of vcm_pt_new().
 */
struct drm_vcm_pt *vcm_pt_new_child(struct drm_vcm_mmu *mmu,
				    struct drm_vcm_pt *pt, u32 idx,
				    unsigned int slot, bool covered,
				    struct vcm_stash *st)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u8 type = kind->child[slot];
	struct drm_vcm_pt *c;

	c = vcm_pt_new(mmu, type, 1U << mmu->format->tables[type].bits,
		       pt->base + ((u64)idx << kind->shift), covered, st);
	if (IS_ERR(c))
		return c;
	c->parent = pt;
	c->index = idx;
	c->slot = slot;
	c->fresh = true;
	vcm_pt_children(mmu, pt, idx)[slot] = c;
	pt->nkids++;
	list_add(&c->link, &mmu->fresh);
	return c;
}

static void pt_free_now(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt)
{
	size_t nchild = (size_t)pt->nent * vcm_pt_kind(mmu, pt)->nchild;
	u64 addr = pt->buf.addr, bytes = pt->buf.size;

	vcm_budget_uncharge(mmu->vcm, struct_size(pt, child, nchild) +
			    tbuf_charge(&pt->buf));
	vcm_tbuf_free(mmu, &pt->buf);
	trace_vcm_table_free(mmu->vcm->id, mmu->id, pt->type, addr, bytes,
			     mmu->stats.tables);
	vcm_kvfree(pt);
}

/* Free a table no longer linked, or keep it while the space defers. */
void vcm_pt_free(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt)
{
	if (mmu->vcm->defer) {
		list_add_tail(&pt->link, &mmu->kept);
		return;
	}
	pt_free_now(mmu, pt);
}

/**
 * vcm_pt_drain - free the tables an MMU kept while its space deferred
 * @mmu: the MMU
 */
void vcm_pt_drain(struct drm_vcm_mmu *mmu)
{
	struct drm_vcm_pt *pt, *tmp;

	list_for_each_entry_safe(pt, tmp, &mmu->kept, link) {
		list_del(&pt->link);
		pt_free_now(mmu, pt);
	}
}

/* Step the backing cursor over @bytes, if it is placed. */
void vcm_run_skip(struct drm_vcm_pte_run *run, u64 bytes)
{
	u64 n;

	if (run->page) {
		n = run->off + bytes;
		run->page += n >> PAGE_SHIFT;
		run->off = n & ~PAGE_MASK;
		return;
	}
	if (!run->seg)	/* see vcm_pt_prepare() */
		return;
	while (bytes) {
		n = min(bytes, drm_vcm_run_room(run));
		drm_vcm_run_step(run, n);
		bytes -= n;
	}
}

VCM_EXPORT_FOR_KUNIT(vcm_run_skip);

/* Can the next @len bytes of backing be mapped by @kind's leaves? */
bool vcm_run_fits(const struct drm_vcm_pte_run *run, u64 len,
		  const struct drm_vcm_fmt_table *kind)
{
	struct drm_vcm_pte_run r = *run;
	u64 pgsize = 1ULL << kind->shift;

	if (!(kind->locs & BIT(run->loc)))
		return false;
	/* Every segment starts and ends on a 4 KiB boundary. */
	if (kind->shift <= VCM_PAGE_SHIFT)
		return true;
	while (len) {
		u64 n = min(len, drm_vcm_run_room(&r));

		if (!IS_ALIGNED(drm_vcm_run_addr(&r) | n, pgsize))
			return false;
		len -= n;
		drm_vcm_run_step(&r, n);
	}
	return true;
}

/*
 * Which child slot of directory entry @idx serves [@s, @e)? Slots are
 * ordered largest page first; a larger one is taken only for a whole entry
 * whose backing fits it. Formats whose entries point at one child at a time
 * keep the slot they have; a range the present child cannot map is -EBUSY.
 */
int vcm_pt_pick_slot(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		     u32 idx, u64 s, u64 e, const struct drm_vcm_pte_run *run)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	const struct drm_vcm_fmt_table *tables = mmu->format->tables;
	struct drm_vcm_pt **child = vcm_pt_children(mmu, pt, idx);
	u64 span = 1ULL << kind->shift;
	bool whole = !((s - pt->base) & (span - 1)) && e - s == span;
	unsigned int slot;

	for (slot = 0; slot < kind->nchild; slot++) {
		if (!child[slot])
			continue;
		/* Only a choice between two kinds can be the wrong one. */
		if (run && kind->nchild > 1 &&
		    !vcm_run_fits(run, e - s, &tables[kind->child[slot]]))
			return -EBUSY;
		return slot;
	}
	for (slot = 0; slot + 1 < kind->nchild; slot++) {
		if (whole && vcm_run_fits(run, e - s, &tables[kind->child[slot]]))
			return slot;
	}
	return slot;
}

bool vcm_pt_is_leaf(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		    u32 idx, u64 s, u64 e, const struct drm_vcm_pte_run *run)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	struct drm_vcm_pt **child = vcm_pt_children(mmu, pt, idx);
	u64 span = 1ULL << kind->shift;
	unsigned int slot;

	for (slot = 0; slot < kind->nchild; slot++)
		if (child[slot])
			return false;
	if (!run)	/* unmap: an entry without children was a leaf */
		return true;
	return kind->leaf && !((s - pt->base) & (span - 1)) && e - s == span &&
	       vcm_run_fits(run, span, kind);
}

/* Entry @idx of @pt, a table in I/O memory, through a bounce buffer. */
static noinline void pt_read_io(const struct drm_vcm_mmu *mmu,
				const struct drm_vcm_pt *pt, u32 idx,
				struct drm_vcm_entry *e)
{
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u8 raw[16] __aligned(8);

	vcm_tbuf_read(&pt->buf, vcm_kind_offset(kind, idx), raw,
		      kind->entry_size);
	mmu->format->decode(mmu, pt->type, raw, idx, e);
}

/*
 * Read and decode entry @idx of @pt. The decoder reads a table in RAM in
 * place (entries are little-endian there as in a bounce buffer).
 */
void vcm_pt_read_entry(const struct drm_vcm_mmu *mmu,
		       const struct drm_vcm_pt *pt, u32 idx,
		       struct drm_vcm_entry *e)
{
	vcm_entry_zero(e);
	if (unlikely(!pt->buf.cpu)) {
		pt_read_io(mmu, pt, idx, e);
		return;
	}
	mmu->format->decode(mmu, pt->type, pt->buf.cpu +
			    vcm_kind_offset(vcm_pt_kind(mmu, pt), idx), idx, e);
}
