// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_virt's MMU and copy engine.
 *
 * The MMU translates a GPU VA the way hardware would: by walking the page
 * tables of one MMU of the space with its format's decoder. The copy
 * engine first translates every 4 KiB page the copy touches, and touches
 * memory only when all of them allow the access. Each translation must
 * also agree with VCM's own records of the bindings, so that a wrong
 * table entry can never make the engine touch memory that is not bound.
 * Only fatal signals interrupt a copy: it never restarts from the start.
 */

#include <linux/bits.h>
#include <linux/bsearch.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include <drm/drm_file.h>
#include <drm/drm_print.h>

#include "vcm_virt.h"

/* Largest copy, in bytes. */
#define VCM_VIRT_COPY_MAX	BIT_ULL(32)

/*
 * Can the page at @va be accessed for @need (DRM_VCM_READ or
 * DRM_VCM_WRITE) through @mmu? Returns a DRM_VCM_FAULT_* value.
 */
static u32 vcm_virt_mmu_check(struct vcm_virt_space *vs, unsigned int m,
			      u64 va, u32 need)
{
	struct drm_vcm_entry e;
	dma_addr_t addr, bound;
	u32 granted;
	int ret;

	ret = drm_vcm_mmu_translate(vs->mmus[m], va, &addr, &e);
	if (ret == -EIO)
		return DRM_VCM_FAULT_ADDRESS;
	if (ret || e.kind != DRM_VCM_ENTRY_PTE)
		return DRM_VCM_FAULT_INVALID;
	/* An access the format does not record is always granted. */
	granted = e.flags | ~vs->fmts[m]->entry_flags;
	if (need & ~granted)
		return need == DRM_VCM_READ ? DRM_VCM_FAULT_READ :
		       DRM_VCM_FAULT_WRITE;
	if (drm_vcm_translate(vs->vcm, va, &bound, NULL) || bound != addr)
		return DRM_VCM_FAULT_ADDRESS;
	return DRM_VCM_FAULT_NONE;
}

/*
 * Translate every page of [@start, @start + @size) for @need, up to the
 * page holding @limit. On a fault, set @fault and @addr to the reason and
 * the first faulting byte. Returns 0, or -EINTR on a fatal signal: other
 * signals wait for the copy, so that it always makes progress.
 */
static int vcm_virt_mmu_check_range(struct vcm_virt_space *vs, unsigned int m,
				    u64 start, u64 size, u32 need, u64 limit,
				    u32 *fault, u64 *addr)
{
	u64 va = round_down(start, VCM_VIRT_PAGE);
	u64 last = round_down(start + size - 1, VCM_VIRT_PAGE);

	*fault = DRM_VCM_FAULT_NONE;
	*addr = 0;
	for (;;) {
		if (va > limit)
			return 0;
		if (fatal_signal_pending(current))
			return -EINTR;
		*fault = vcm_virt_mmu_check(vs, m, va, need);
		if (*fault) {
			*addr = max(va, start);
			return 0;
		}
		if (va == last)
			return 0;
		va += VCM_VIRT_PAGE;
		cond_resched();
	}
}

/*
 * Aliases. Two VAs may map the same page (one object bound twice, or at
 * two offsets), so comparing VAs cannot make a copy behave as memmove().
 * The engine therefore looks at the pages themselves: it lists the source
 * pages with the number of source VA pages that map each, and when a
 * destination page is one of them it saves the page before the first
 * write that would change bytes still to be read, and reads the saved
 * copy from then on. A saved copy is dropped once its last reader is done,
 * so that a copy that shifts bytes within one object needs a page or two
 * whatever its size.
 * A dry run first counts the saved copies the copy will hold at once, so
 * they are allocated before the first byte is written.
 */
struct vcm_virt_src_page {
	unsigned long pfn;
	unsigned int readers;
	unsigned int left;
	void *saved;
};

struct vcm_virt_copier {
	struct vcm_virt_space *vs;
	struct vcm_virt_src_page *pages;
	size_t npages;
	/* Saved copies allocated and not in use. */
	void **spare;
	unsigned int nspare;
	/* Dry run: saved copies in use now, at most. */
	unsigned int live, max_live;
	bool dry;
};

static int vcm_virt_pfn_cmp(const void *a, const void *b)
{
	const struct vcm_virt_src_page *x = a, *y = b;

	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

static struct vcm_virt_src_page *vcm_virt_src_find(struct vcm_virt_copier *c,
						   unsigned long pfn)
{
	struct vcm_virt_src_page key = { .pfn = pfn };

	return bsearch(&key, c->pages, c->npages, sizeof(key),
		       vcm_virt_pfn_cmp);
}

static unsigned long vcm_virt_pfn(struct vcm_virt_space *vs, u64 va)
{
	dma_addr_t addr = 0;

	/* Bound: the translation pass saw to it. */
	drm_vcm_translate(vs->vcm, va, &addr, NULL);
	return PHYS_PFN(addr);
}

/*
 * List the pages of [@src, @src + @size). Returns 1 when a page of
 * [@dst, @dst + @size) is one of them, 0 when none is, or -ENOMEM.
 */
static int vcm_virt_copier_init(struct vcm_virt_copier *c, u64 src, u64 dst,
				u64 size)
{
	u64 first = round_down(src, VCM_VIRT_PAGE), va;
	size_t i, n = 0;

	c->npages = (round_up(src + size, VCM_VIRT_PAGE) - first) /
		    VCM_VIRT_PAGE;
	c->pages = kvmalloc_array(c->npages, sizeof(*c->pages),
				  GFP_KERNEL_ACCOUNT);
	if (!c->pages)
		return -ENOMEM;
	for (i = 0, va = first; i < c->npages; i++, va += VCM_VIRT_PAGE) {
		c->pages[i] = (struct vcm_virt_src_page) {
			.pfn = vcm_virt_pfn(c->vs, va),
			.readers = 1,
		};
		cond_resched();
	}
	sort(c->pages, c->npages, sizeof(*c->pages), vcm_virt_pfn_cmp, NULL);
	/* One entry per page, counting the VA pages that map it. */
	for (i = 1; i < c->npages; i++) {
		if (c->pages[i].pfn == c->pages[n].pfn)
			c->pages[n].readers++;
		else
			c->pages[++n] = c->pages[i];
	}
	c->npages = n + 1;
	for (va = round_down(dst, VCM_VIRT_PAGE); va < dst + size;
	     va += VCM_VIRT_PAGE) {
		if (vcm_virt_src_find(c, vcm_virt_pfn(c->vs, va)))
			return 1;
		cond_resched();
	}
	return 0;
}

/* Before a pass: every reader to come, no saved copy (or dry marker). */
static void vcm_virt_copier_reset(struct vcm_virt_copier *c)
{
	size_t i;

	for (i = 0; i < c->npages; i++) {
		c->pages[i].left = c->pages[i].readers;
		c->pages[i].saved = NULL;
	}
}

static void vcm_virt_copier_fini(struct vcm_virt_copier *c)
{
	size_t i;

	/* After a fatal signal, saved copies may be left; a dry run's are markers. */
	if (c->pages && !c->dry)
		for (i = 0; i < c->npages; i++)
			if (c->pages[i].saved)
				c->spare[c->nspare++] = c->pages[i].saved;
	while (c->nspare)
		free_page((unsigned long)c->spare[--c->nspare]);
	kvfree(c->spare);
	kvfree(c->pages);
}

/* Take a saved copy of @sp's page, whose bytes are about to change. */
static void vcm_virt_save(struct vcm_virt_copier *c,
			  struct vcm_virt_src_page *sp)
{
	void *p;

	if (c->dry) {
		sp->saved = sp;		/* a marker; nothing is copied */
		c->max_live = max(c->max_live, ++c->live);
		return;
	}
	/* Never empty: the dry run counted what this run needs. */
	sp->saved = c->spare[--c->nspare];
	p = kmap_local_page(pfn_to_page(sp->pfn));
	memcpy(sp->saved, p, PAGE_SIZE);
	kunmap_local(p);
}

/* A reader of @sp is done; drop the saved copy after the last one. */
static void vcm_virt_read_done(struct vcm_virt_copier *c,
			       struct vcm_virt_src_page *sp)
{
	if (--sp->left || !sp->saved)
		return;
	if (c->dry)
		c->live--;
	else
		c->spare[c->nspare++] = sp->saved;
	sp->saved = NULL;
}

/*
 * Copy @n bytes from @src to @dst, all in one 4 KiB page of each; @last
 * says that this chunk is the last one to read @src's page. Without a
 * list of source pages (no alias), straight through.
 */
static void vcm_virt_copy_chunk(struct vcm_virt_copier *c, u64 src, u64 dst,
				u32 n, bool last)
{
	struct vcm_virt_src_page *sp = NULL, *dp;
	dma_addr_t s = 0, d = 0;
	void *sv, *dv;

	drm_vcm_translate(c->vs->vcm, src, &s, NULL);
	drm_vcm_translate(c->vs->vcm, dst, &d, NULL);
	if (c->pages) {
		sp = vcm_virt_src_find(c, PHYS_PFN(s));
		dp = vcm_virt_src_find(c, PHYS_PFN(d));
		/* Bytes of @dp's page are still to be read: save it first. */
		if (dp && dp->left && !dp->saved)
			vcm_virt_save(c, dp);
	}
	if (!c->dry) {
		bool saved = sp && sp->saved;

		dv = kmap_local_page(pfn_to_page(PHYS_PFN(d)));
		if (saved)
			sv = sp->saved;
		else
			sv = kmap_local_page(pfn_to_page(PHYS_PFN(s)));
		/* Source and destination may be the same page. */
		memmove(dv + offset_in_page(d), sv + offset_in_page(s), n);
		if (!saved)
			kunmap_local(sv);
		kunmap_local(dv);
	}
	if (sp && last)
		vcm_virt_read_done(c, sp);
}

/* Bytes from @va up to the next 4 KiB boundary. */
static u64 vcm_virt_to_boundary(u64 va)
{
	return VCM_VIRT_PAGE - (va & (VCM_VIRT_PAGE - 1));
}

/* Bytes from the last 4 KiB boundary up to @end. */
static u64 vcm_virt_from_boundary(u64 end)
{
	return ((end - 1) & (VCM_VIRT_PAGE - 1)) + 1;
}

/*
 * One pass over the copy, in chunks that cross no page of either side;
 * backwards when the destination VA overlaps the source from above, so
 * that the common overlap needs no saved copy. Only a fatal signal stops
 * it, with -EINTR (the destination then is partly written).
 */
static int vcm_virt_copy_pass(struct vcm_virt_copier *c, u64 src, u64 dst,
			      u64 size)
{
	u64 pos, n;

	if (dst > src && dst - src < size) {
		for (pos = size; pos; pos -= n) {
			n = min3(pos, vcm_virt_from_boundary(src + pos),
				 vcm_virt_from_boundary(dst + pos));
			/* Going down, a page is done at its first byte. */
			vcm_virt_copy_chunk(c, src + pos - n, dst + pos - n, n,
					    pos == n ||
					    IS_ALIGNED(src + pos - n,
						       VCM_VIRT_PAGE));
			if (fatal_signal_pending(current))
				return -EINTR;
			cond_resched();
		}
		return 0;
	}
	for (pos = 0; pos < size; pos += n) {
		n = min3(size - pos, vcm_virt_to_boundary(src + pos),
			 vcm_virt_to_boundary(dst + pos));
		vcm_virt_copy_chunk(c, src + pos, dst + pos, n,
				    pos + n == size ||
				    IS_ALIGNED(src + pos + n, VCM_VIRT_PAGE));
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/*
 * Copy through the records, as memmove() would on the memory behind the
 * VAs: every destination byte gets the value its source byte had before
 * the copy, however the two ranges share pages. Returns 0, -ENOMEM before
 * anything is written, or -EINTR on a fatal signal.
 */
static int vcm_virt_copy_range(struct vcm_virt_space *vs, u64 src, u64 dst,
			       u64 size)
{
	struct vcm_virt_copier c = { .vs = vs };
	int ret;

	ret = vcm_virt_copier_init(&c, src, dst, size);
	if (ret <= 0) {
		/* No page is both read and written: no list needed. */
		kvfree(c.pages);
		c.pages = NULL;
		return ret ?: vcm_virt_copy_pass(&c, src, dst, size);
	}
	c.dry = true;
	vcm_virt_copier_reset(&c);
	ret = vcm_virt_copy_pass(&c, src, dst, size);
	if (ret)
		goto out;
	c.dry = false;
	c.live = 0;
	vcm_virt_copier_reset(&c);
	ret = -ENOMEM;
	c.spare = kvcalloc(c.max_live ?: 1, sizeof(*c.spare),
			   GFP_KERNEL_ACCOUNT);
	if (!c.spare)
		goto out;
	for (; c.nspare < c.max_live; c.nspare++) {
		c.spare[c.nspare] = (void *)__get_free_page(GFP_KERNEL_ACCOUNT);
		if (!c.spare[c.nspare])
			goto out;
	}
	ret = vcm_virt_copy_pass(&c, src, dst, size);
out:
	vcm_virt_copier_fini(&c);
	return ret;
}

/**
 * vcm_virt_copy_ioctl - DRM_VCM_COPY: copy through GPU virtual addresses
 * @dev: the DRM device
 * @data: &struct drm_vcm_copy
 * @file: the DRM file
 *
 * Signals other than fatal ones do not interrupt the copy, which runs to
 * its end; only taking the file's lock can be interrupted, before anything
 * is done.
 *
 * Returns: 0 (the copy was done, or @data's fault fields say why not),
 * -EINVAL, -ENOENT, -ENOMEM (nothing written), -ERESTARTSYS when a signal
 * came while waiting for the file's lock (nothing done), or -EINTR on a
 * fatal signal (the destination may be partly written; the process is
 * dying).
 */
int vcm_virt_copy_ioctl(struct drm_device *dev, void *data,
			struct drm_file *file)
{
	struct vcm_virt_file *vf = file->driver_priv;
	struct drm_vcm_copy *args = data;
	struct vcm_virt_space *vs;
	u32 sfault, dfault;
	u64 saddr, daddr;
	int ret;

	if (args->flags)
		return -EINVAL;
	ret = mutex_lock_interruptible(&vf->lock);
	if (ret)
		return ret;
	vs = vcm_virt_space_lookup(file, args->space_id);
	if (!vs || args->mmu >= vs->nmmus) {
		ret = -ENOENT;
		goto out_unlock;
	}
	if (!args->size || args->size > VCM_VIRT_COPY_MAX ||
	    args->src + (args->size - 1) < args->src ||
	    args->dst + (args->size - 1) < args->dst) {
		ret = -EINVAL;
		goto out_unlock;
	}

	/* Pass 1: translate everything; report the lowest faulting VA. */
	ret = vcm_virt_mmu_check_range(vs, args->mmu, args->src, args->size,
				       DRM_VCM_READ, U64_MAX, &sfault, &saddr);
	if (ret)
		goto out_unlock;
	ret = vcm_virt_mmu_check_range(vs, args->mmu, args->dst, args->size,
				       DRM_VCM_WRITE, sfault ? saddr : U64_MAX,
				       &dfault, &daddr);
	if (ret)
		goto out_unlock;
	if (sfault && (!dfault || saddr <= daddr)) {
		args->fault = sfault;
		args->fault_addr = saddr;
	} else {
		args->fault = dfault;
		args->fault_addr = daddr;
	}

	/* Pass 2: every page allows the access; copy. */
	if (!args->fault)
		ret = vcm_virt_copy_range(vs, args->src, args->dst, args->size);
	else
		drm_dbg(dev, "copy: fault %u at 0x%llx\n", args->fault,
			args->fault_addr);
out_unlock:
	mutex_unlock(&vf->lock);
	return ret;
}
