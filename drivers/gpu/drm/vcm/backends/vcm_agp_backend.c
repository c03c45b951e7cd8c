// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * AGP backend: a space whose translations the kernel's AGP core keeps.
 *
 * The AGP API (include/linux/agp_backend.h) writes the GATT but has no
 * allocator for aperture addresses: its callers pick the page offset of
 * every bind themselves. VCM supplies that allocator (reservations in a
 * space laid over the aperture), and this backend turns each of its binds
 * into one agp_memory bound at the matching offset. The GATT is private to
 * the AGP core, so VCM keeps no table of its own for this MMU (an external
 * MMU, see &drm_vcm_mmu_ops.map) and never writes a GATT entry itself.
 */

#include <linux/agp_backend.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <drm/drm_vcm.h>

#include "../vcm_internal.h"

/* One space's view of its bridge. */
struct vcm_agp {
	struct agp_bridge_data *bridge;
	u64 aper_base;
	struct list_head maps;	/* struct vcm_agp_map; under the space lock */
};

/* One binding, as the AGP core holds it. */
struct vcm_agp_map {
	struct list_head link;
	u64 va;
	struct agp_memory *am;
};

static struct vcm_agp_map *vcm_agp_find(struct vcm_agp *agp, u64 va)
{
	struct vcm_agp_map *m;

	list_for_each_entry(m, &agp->maps, link)
		if (va >= m->va && va - m->va < (u64)m->am->page_count << PAGE_SHIFT)
			return m;
	return NULL;
}

/*
 * The caching rule. agp_bind_memory() writes back and invalidates the CPU
 * caches (the bridge's cache_flush) on the first bind of an agp_memory
 * unless its is_flushed says that is not needed. Each bind here is the
 * first bind of a fresh agp_memory, and VCM never maps the pages. AGP
 * masters do not snoop the CPU caches through ordinary GATT entries, so
 * what the CPU wrote must be in memory before the entries go live; only
 * the backing can say it already is: &drm_vcm_mem.cpu_uncached, set by a
 * creator that made every CPU mapping uncached or write-combined (as TTM
 * and the AGP core itself do for AGP memory), which wrote the caches back.
 * Such memory skips the flush (is_flushed = true); all other memory, the
 * ordinary cached pages of a shmem object or of VCM's own allocations
 * included, gets it whatever the bind flags say (is_flushed = false).
 *
 * %DRM_VCM_SNOOP only chooses the entry type: with it the pages are bound
 * as AGP_USER_CACHED_MEMORY, which bridges with a snooping entry type map
 * as such, without it as AGP_USER_MEMORY. Later CPU writes remain the
 * driver's to flush.
 */
static int vcm_agp_map(struct drm_vcm_mmu *mmu, u64 va, u64 size,
		       const struct drm_vcm_mem *mem, u64 offset, u32 flags)
{
	struct vcm_agp *agp = drm_vcm_mmu_priv(mmu);
	struct drm_vcm_pte_run run = { .pgsize = PAGE_SIZE };
	bool cached = flags & DRM_VCM_SNOOP;
	size_t i, npages = size >> PAGE_SHIFT;
	struct vcm_agp_map *m;
	struct agp_memory *am;
	int ret;

	/* The core refuses it first: DMA addresses are no physical ones. */
	if (mem->dev)
		return -EXDEV;
	vcm_mem_seek(mem, offset, &run);

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	am = agp_allocate_memory(agp->bridge, npages, cached ?
				 AGP_USER_CACHED_MEMORY : AGP_USER_MEMORY);
	if (!am) {
		ret = -ENOMEM;
		goto err_free;
	}
	/*
	 * The memory's addresses are physical (&drm_vcm_mem.dev NULL, as
	 * for every MMU of this backend), and the GATT takes pages: each
	 * page of the backing is found by its pfn.
	 */
	for (i = 0; i < npages; i++) {
		unsigned long pfn = PHYS_PFN(drm_vcm_run_next(&run));

		if (!pfn_valid(pfn)) {
			ret = -EINVAL;
			goto err_agp;
		}
		am->pages[i] = pfn_to_page(pfn);
	}
	am->page_count = npages;
	am->is_flushed = mem->cpu_uncached;

	ret = agp_bind_memory(am, (va - agp->aper_base) >> PAGE_SHIFT);
	if (ret)
		goto err_agp;
	m->va = va;
	m->am = am;
	list_add(&m->link, &agp->maps);
	return 0;

err_agp:
	agp_free_memory(am);
err_free:
	kfree(m);
	return ret;
}

static void vcm_agp_unmap(struct drm_vcm_mmu *mmu, u64 va, u64 size)
{
	struct vcm_agp *agp = drm_vcm_mmu_priv(mmu);
	struct vcm_agp_map *m = vcm_agp_find(agp, va);

	/* VCM unmaps exactly what it mapped. */
	if (WARN_ON(!m || m->va != va ||
		    (u64)m->am->page_count << PAGE_SHIFT != size))
		return;
	if (agp_unbind_memory(m->am))
		pr_err("vcm: AGP unbind of %#llx+%#llx failed\n", va, size);
	agp_free_memory(m->am);
	list_del(&m->link);
	kfree(m);
}

/* From the records of what was bound: the GATT is the AGP core's alone. */
static int vcm_agp_translate(struct drm_vcm_mmu *mmu, u64 va,
			     dma_addr_t *addr)
{
	struct vcm_agp_map *m = vcm_agp_find(drm_vcm_mmu_priv(mmu), va);

	if (!m)
		return -ENOENT;
	*addr = page_to_phys(m->am->pages[(va - m->va) >> PAGE_SHIFT]) +
		offset_in_page(va);
	return 0;
}

static const struct drm_vcm_mmu_ops vcm_agp_ops = {
	.map = vcm_agp_map,
	.unmap = vcm_agp_unmap,
	.translate = vcm_agp_translate,
};

/**
 * drm_vcm_agp_attach - bind a space's addresses through an AGP bridge
 * @vcm: the space; it must lie inside the bridge's aperture, whose bus
 *	addresses are its VAs
 * @bridge: the bridge, acquired by the caller (agp_backend_acquire()) and
 *	kept until drm_vcm_agp_detach()
 *
 * Attaches an external MMU of format "agp-gatt" (so binds are limited to
 * system memory below 4 GiB). From then on every bind of the space
 * allocates an agp_memory of the backing's pages and binds it with
 * agp_bind_memory() at the VA's page offset in the aperture; every unbind
 * unbinds and frees it. Bindings the space already has are bound now.
 * The MMU takes physical memory only (its &drm_vcm_mmu_desc.dev is NULL):
 * the GATT holds pages, not DMA addresses, so memory made with a device
 * is refused with -EXDEV at bind and at attach. Every bind has the AGP
 * core write the CPU caches back first, unless the backing says its CPU
 * mappings are uncached or write-combined (&drm_vcm_mem.cpu_uncached);
 * %DRM_VCM_SNOOP picks the snooping entry type where the bridge has one.
 * drm_vcm_mmu_translate() answers from the pages this backend bound.
 *
 * Returns: the MMU; -EIO if the bridge is not registered; -ERANGE if the
 * space is not inside the aperture; -EOPNOTSUPP if CPU pages are not
 * 4 KiB; -EXDEV if a binding's memory holds DMA addresses; -EINVAL if a
 * binding's pages have no &struct page; -ENOMEM; or an error of
 * drm_vcm_mmu_attach() or, for existing bindings, of agp_bind_memory().
 */
struct drm_vcm_mmu *drm_vcm_agp_attach(struct drm_vcm *vcm,
				       struct agp_bridge_data *bridge)
{
	struct drm_vcm_mmu_desc desc = {
		.format = &vcm_fmt_agp_gatt,
		.ops = &vcm_agp_ops,
	};
	struct agp_kern_info info;
	struct drm_vcm_mmu *mmu;
	struct vcm_agp *agp;
	u64 aper_size;

	if (PAGE_SIZE != SZ_4K)
		return ERR_PTR(-EOPNOTSUPP);
	if (!bridge || agp_copy_info(bridge, &info))
		return ERR_PTR(-EIO);
	aper_size = (u64)info.aper_size * SZ_1M;
	if (vcm->start < info.aper_base ||
	    vcm->start - info.aper_base > aper_size ||
	    vcm->size > aper_size - (vcm->start - info.aper_base))
		return ERR_PTR(-ERANGE);

	agp = kzalloc(sizeof(*agp), GFP_KERNEL);
	if (!agp)
		return ERR_PTR(-ENOMEM);
	agp->bridge = bridge;
	agp->aper_base = info.aper_base;
	INIT_LIST_HEAD(&agp->maps);
	desc.priv = agp;
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	if (IS_ERR(mmu))
		kfree(agp);
	return mmu;
}
EXPORT_SYMBOL_GPL(drm_vcm_agp_attach);

/**
 * drm_vcm_agp_detach - detach an MMU of drm_vcm_agp_attach()
 * @mmu: the MMU
 *
 * Unbinds and frees every agp_memory the space has in the aperture, then
 * forgets the bridge. The space's bindings stay. The caller may release
 * the bridge afterwards.
 */
void drm_vcm_agp_detach(struct drm_vcm_mmu *mmu)
{
	struct vcm_agp *agp = drm_vcm_mmu_priv(mmu);

	drm_vcm_mmu_detach(mmu);
	WARN_ON(!list_empty(&agp->maps));
	kfree(agp);
}
EXPORT_SYMBOL_GPL(drm_vcm_agp_detach);
