// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM deferred freeing: while a space defers, the tables and binding
 * records its unbinds free are kept for its next binds
 * (drm_vcm_defer_begin()), so that undoing a sequence of edits allocates
 * nothing.
 */

#include <linux/export.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "vcm_compat.h"
#include "vcm_internal.h"

/*
 * A binding record: one kept by a deferral (drm_vcm_defer_begin()), which
 * allocates nothing, or a new one.
 */
struct drm_vcm_binding *vcm_binding_alloc(struct drm_vcm *vcm)
{
	struct drm_vcm_binding *b = NULL;

	if (READ_ONCE(vcm->defer)) {
		mutex_lock(&vcm->lock);
		b = list_first_entry_or_null(&vcm->kept,
					     struct drm_vcm_binding, kept);
		if (b) {
			list_del(&b->kept);
			memset(b, 0, sizeof(*b));
		}
		mutex_unlock(&vcm->lock);
		if (b)
			return b;
	}
	return vcm_kzalloc_gfp(sizeof(*b), vcm_gfp(vcm));
}

/* Free a binding record out of the tree, or keep it while deferring. */
void vcm_binding_free_locked(struct drm_vcm *vcm, struct drm_vcm_binding *b)
{
	lockdep_assert_held(&vcm->lock);
	if (b && vcm->defer)
		list_add_tail(&b->kept, &vcm->kept);
	else
		vcm_kfree(b);
}

void vcm_binding_free(struct drm_vcm *vcm, struct drm_vcm_binding *b)
{
	if (b && READ_ONCE(vcm->defer)) {
		mutex_lock(&vcm->lock);
		vcm_binding_free_locked(vcm, b);
		mutex_unlock(&vcm->lock);
		return;
	}
	vcm_kfree(b);
}

/**
 * drm_vcm_defer_begin - keep what unbinds free until drm_vcm_defer_end()
 * @vcm: the space
 *
 * Until the matching drm_vcm_defer_end(), the tables that unbinds of @vcm
 * empty and the binding records they drop are not freed but kept by the
 * space (tables stay charged to its budget), and binds and edits of @vcm
 * take what they need from them first. A driver that undoes a sequence of
 * binds and unbinds by their inverses therefore needs no new memory for
 * the undo: every table and record the earlier state used is either
 * still in place or kept. That holds as long as only the caller changes
 * @vcm in between (vcm_virt's DRM_VCM_VM_BIND runs under its file lock);
 * other users would take from the same kept memory. Calls nest. Every
 * begin needs its end before the space is destroyed; a space freed with a
 * deferral still open warns and frees what it kept (detaching an MMU
 * frees that MMU's kept tables in any case).
 */
void drm_vcm_defer_begin(struct drm_vcm *vcm)
{
	mutex_lock(&vcm->lock);
	vcm->defer++;
	mutex_unlock(&vcm->lock);
}
EXPORT_SYMBOL_GPL(drm_vcm_defer_begin);

/**
 * drm_vcm_defer_end - end a drm_vcm_defer_begin(), free what was kept
 * @vcm: the space
 *
 * When the outermost deferral ends, every kept table and binding record
 * is freed and its table memory uncharged.
 */
void drm_vcm_defer_end(struct drm_vcm *vcm)
{
	struct drm_vcm_binding *b, *tmp;
	struct drm_vcm_mmu *mmu;
	LIST_HEAD(kept);

	mutex_lock(&vcm->lock);
	if (WARN_ON(!vcm->defer) || --vcm->defer) {
		mutex_unlock(&vcm->lock);
		return;
	}
	list_for_each_entry(mmu, &vcm->mmus, link)
		if (!vcm_mmu_external(mmu))
			vcm_pt_drain(mmu);
	list_splice_init(&vcm->kept, &kept);
	mutex_unlock(&vcm->lock);
	list_for_each_entry_safe(b, tmp, &kept, kept)
		vcm_kfree(b);
}
EXPORT_SYMBOL_GPL(drm_vcm_defer_end);
