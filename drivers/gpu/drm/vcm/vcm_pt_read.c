// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM page-table engine: the walks that only read the tables, as the
 * device would (translate, the next mapped entry) or as the shadow tree
 * says (the census). vcm_pt.c holds the walk that changes them.
 */

#include <linux/bug.h>

#include "vcm_compat.h"
#include "vcm_internal.h"
#include "vcm_pt_table.h"

/* The child of directory entry @idx of @pt whose table kind is @type. */
static struct drm_vcm_pt *pt_child_of_type(const struct drm_vcm_mmu *mmu,
					   struct drm_vcm_pt *pt,
					   const struct drm_vcm_fmt_table *kind,
					   u32 idx, u8 type)
{
	unsigned int s;

	for (s = 0; s < kind->nchild; s++)
		if (kind->child[s] == type)
			return pt->child[(size_t)idx * kind->nchild + s];
	return NULL;
}

/*
 * Down from @pt, one level per turn of the loop. Only a directory entry
 * pointing at two tables recurses, into the first (large-page) one; the
 * second is then a turn of the loop.
 */
static int pt_lookup(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u64 tva,
		     struct drm_vcm_entry *e, dma_addr_t *addr)
{
	const struct drm_vcm_fmt_table *tables = mmu->format->tables;
	const struct drm_vcm_fmt_table *kind;
	struct drm_vcm_pt *c;
	dma_addr_t where2;
	u8 type2;
	u64 idx;
	int ret;

	for (;;) {
		kind = &tables[pt->type];
		idx = (tva - pt->base) >> kind->shift;
		if (tva < pt->base || idx >= pt->nent)
			return -ERANGE;
		vcm_pt_read_entry(mmu, pt, idx, e);
		if (e->kind == DRM_VCM_ENTRY_PTE) {
			e->pgsize = 1ULL << kind->shift;
			*addr = e->addr + (tva & (e->pgsize - 1));
			return 0;
		}
		if (e->kind != DRM_VCM_ENTRY_PDE || !e->nchild)
			return -ENOENT;

		/* A directory entry: each child must be the table VCM put there. */
		c = pt_child_of_type(mmu, pt, kind, idx, e->child_type[0]);
		if (!c || c->buf.addr != e->addr)
			return -EIO;
		if (e->nchild == 1) {
			pt = c;
			continue;
		}
		/*
		 * Of two tables, the large-page one is looked at first; a
		 * sparse entry there hides the other table.
		 */
		where2 = e->addr2;
		type2 = e->child_type[1];
		ret = pt_lookup(mmu, c, tva, e, addr);
		if (ret != -ENOENT || e->kind == DRM_VCM_ENTRY_SPARSE)
			return ret;
		c = pt_child_of_type(mmu, pt, kind, idx, type2);
		if (!c || c->buf.addr != where2)
			return -EIO;
		pt = c;
	}
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
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	u64 idx = tva <= pt->base ? 0 : (tva - pt->base) >> kind->shift;

	for (; idx < pt->nent; idx++) {
		struct drm_vcm_pt **child = vcm_pt_children(mmu, pt, idx);
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
		vcm_pt_read_entry(mmu, pt, idx, &out->e);
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
	const struct drm_vcm_fmt_table *kind = vcm_pt_kind(mmu, pt);
	size_t i, kids = 0;

	c[pt->type].tables++;
	c[pt->type].entries += pt->nent;
	c[pt->type].used += pt->used;
	c[pt->type].bytes += pt->buf.size;
	for (i = 0; i < (size_t)pt->nent * kind->nchild; i++) {
		if (!pt->child[i])
			continue;
		kids++;
		pt_count(mmu, pt->child[i], c);
	}
	WARN_ON_ONCE(kids != pt->nkids);
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
