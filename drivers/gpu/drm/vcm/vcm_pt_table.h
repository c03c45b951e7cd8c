/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The page-table engine's table primitives (vcm_pt_table.c), used by the
 * walk (vcm_pt.c) and the partial-unbind code (vcm_pt_split.c). Not for
 * the rest of VCM: it uses vcm_internal.h.
 */
#ifndef __VCM_PT_TABLE_H__
#define __VCM_PT_TABLE_H__

#include "vcm_internal.h"

enum vcm_emit_op {
	VCM_EMIT_PTES,
	VCM_EMIT_CLEAR,
	VCM_EMIT_SPARSE,
	VCM_EMIT_PDE,
};

struct vcm_emit {
	enum vcm_emit_op op;
	struct drm_vcm_pte_run *run;
	const struct drm_vcm_table_ref *ref;
	unsigned int nref;
};

/* The table kind of @pt. Inline: every step of every walk asks. */
static inline const struct drm_vcm_fmt_table *
vcm_pt_kind(const struct drm_vcm_mmu *mmu, const struct drm_vcm_pt *pt)
{
	return &mmu->format->tables[pt->type];
}

/* The child pointers of directory entry @idx of @pt, one per slot. */
static inline struct drm_vcm_pt **
vcm_pt_children(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt, u32 idx)
{
	return &pt->child[(size_t)idx * vcm_pt_kind(mmu, pt)->nchild];
}

size_t vcm_kind_offset(const struct drm_vcm_fmt_table *kind, u32 idx);
void vcm_pt_emit(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		 u32 idx, u32 count, const struct vcm_emit *e);
void vcm_pt_clear_entries(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
			  u32 idx, u32 count);
void vcm_pt_write_pde(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		      u32 idx);
struct drm_vcm_pt *vcm_pt_new(struct drm_vcm_mmu *mmu, u8 type, u32 nent,
			      u64 base, bool covered, struct vcm_stash *st);
struct drm_vcm_pt *vcm_pt_new_child(struct drm_vcm_mmu *mmu,
				    struct drm_vcm_pt *pt, u32 idx,
				    unsigned int slot, bool covered,
				    struct vcm_stash *st);
void vcm_pt_stash_fill(struct drm_vcm_mmu *mmu, struct vcm_stash *st,
		       u8 type, u32 nent, unsigned int n);
void vcm_pt_free(struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt);
void vcm_run_skip(struct drm_vcm_pte_run *run, u64 bytes);
bool vcm_run_fits(const struct drm_vcm_pte_run *run, u64 len,
		  const struct drm_vcm_fmt_table *kind);
int vcm_pt_pick_slot(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		     u32 idx, u64 s, u64 e, const struct drm_vcm_pte_run *run);
bool vcm_pt_is_leaf(const struct drm_vcm_mmu *mmu, struct drm_vcm_pt *pt,
		    u32 idx, u64 s, u64 e, const struct drm_vcm_pte_run *run);
void vcm_pt_unbound_states(const struct drm_vcm_mmu *mmu,
			   struct drm_vcm_pt *pt, u32 idx, u32 count);
void vcm_pt_read_entry(const struct drm_vcm_mmu *mmu,
		       const struct drm_vcm_pt *pt, u32 idx,
		   struct drm_vcm_entry *e);

/* Does @run point into the backing? See vcm_pt_prepare(). */
static inline bool vcm_run_placed(const struct drm_vcm_pte_run *run)
{
	return run->seg || run->page;
}

#endif
