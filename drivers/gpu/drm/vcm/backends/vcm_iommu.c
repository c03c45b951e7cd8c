// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM over an IOMMU domain: an external MMU whose translations the IOMMU
 * layer keeps.
 */

#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/iommu.h>
#include <linux/minmax.h>
#include <linux/printk.h>
#include <linux/sizes.h>

#include <drm/drm_vcm.h>

#include "../vcm_compat.h"
#include "../vcm_internal.h"

/**
 * DOC: IOMMU backend
 *
 * drm_vcm_iommu_attach() attaches an unmanaged IOMMU domain to a space as
 * an *external* MMU: VCM keeps no tables for it, and each bind reaches the
 * domain as iommu_map() calls, one per DMA-contiguous segment of the
 * backing, each unbind as one iommu_unmap() of the bound range. The
 * domain's driver updates its own tables and IOTLB inside those calls, so
 * the MMU has no flush. drm_vcm_mmu_translate() on it asks the domain
 * (iommu_iova_to_phys()).
 *
 * Addresses: the space's VAs are the domain's IOVAs, so the space must lie
 * inside the domain's aperture (&iommu_domain.geometry). The *backing*
 * addresses of every binding are CPU physical addresses: they are what the
 * IOMMU translates to. So the MMU takes physical memory only (its
 * &drm_vcm_mmu_desc.dev is NULL): memory made with a device, whose
 * addresses are DMA addresses (an sg_table the DMA API mapped, perhaps
 * through this very IOMMU or swiotlb), is refused with -EXDEV at bind and
 * at attach rather than mapped as if it were physical. Backing in device
 * memory (%DRM_VCM_LOC_DEVICE) cannot be mapped.
 *
 * Bind flags map to IOMMU protections: %DRM_VCM_READ to IOMMU_READ,
 * %DRM_VCM_WRITE to IOMMU_WRITE, %DRM_VCM_SNOOP to IOMMU_CACHE. A binding
 * that allows neither reads nor writes is refused: an IOMMU entry that
 * grants nothing is not a mapping.
 *
 * The domain stays the caller's: it allocates it, attaches its device or
 * group, and after drm_vcm_mmu_detach() (which unmaps every binding)
 * detaches and frees it. Nothing else may map or unmap the space's range
 * of the domain meanwhile.
 */

/* The smallest page the domain maps; 0 if it maps none. */
static u64 vcm_iommu_min_page(const struct iommu_domain *domain)
{
	if (!domain->pgsize_bitmap)
		return 0;
	return 1ULL << __ffs(domain->pgsize_bitmap);
}

static int vcm_iommu_prot(u32 flags)
{
	int prot = 0;

	if (flags & DRM_VCM_READ)
		prot |= IOMMU_READ;
	if (flags & DRM_VCM_WRITE)
		prot |= IOMMU_WRITE;
	if (flags & DRM_VCM_SNOOP)
		prot |= IOMMU_CACHE;
	return prot;
}

static int vcm_iommu_map(struct drm_vcm_mmu *mmu, u64 va, u64 size,
			 const struct drm_vcm_mem *mem, u64 offset, u32 flags)
{
	struct iommu_domain *domain = drm_vcm_mmu_priv(mmu);
	u64 align = vcm_iommu_min_page(domain);
	int prot = vcm_iommu_prot(flags);
	struct drm_vcm_pte_run run;
	u64 done = 0, len;
	phys_addr_t pa;
	int ret;

	/* The core refuses it first: DMA addresses are no physical ones. */
	if (mem->dev)
		return -EXDEV;
	if (mem->loc != DRM_VCM_LOC_SYSTEM ||
	    !(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	vcm_mem_seek(mem, offset, &run);
	while (done < size) {
		len = min(drm_vcm_run_room(&run), size - done);
		pa = drm_vcm_run_addr(&run);
		/* iommu_map() would refuse these too, but noisily. */
		if (!IS_ALIGNED(pa | len, align)) {
			ret = -EINVAL;
			goto err;
		}
		ret = vcm_compat_iommu_map(domain, va + done, pa, len, prot);
		if (ret)
			goto err;
		done += len;
		drm_vcm_run_step(&run, len);
	}
	return 0;

err:
	if (done)
		iommu_unmap(domain, va, done);
	return ret;
}

static void vcm_iommu_unmap(struct drm_vcm_mmu *mmu, u64 va, u64 size)
{
	struct iommu_domain *domain = drm_vcm_mmu_priv(mmu);
	size_t n = iommu_unmap(domain, va, size);

	/* Only if someone else unmapped part of the space's range. */
	if (n != size)
		pr_warn_ratelimited("vcm: iommu unmapped %zu of %llu bytes at 0x%llx\n",
				    n, size, va);
}

static int vcm_iommu_translate(struct drm_vcm_mmu *mmu, u64 va,
			       dma_addr_t *addr)
{
	struct iommu_domain *domain = drm_vcm_mmu_priv(mmu);
	phys_addr_t pa = iommu_iova_to_phys(domain, va);

	if (!pa)
		return -ENOENT;
	*addr = pa;
	return 0;
}

static const struct drm_vcm_mmu_ops vcm_iommu_ops = {
	.map = vcm_iommu_map,
	.unmap = vcm_iommu_unmap,
	.translate = vcm_iommu_translate,
};

/**
 * drm_vcm_iommu_attach - attach an IOMMU domain to a space
 * @vcm: the space; its VAs are IOVAs of @domain
 * @domain: an unmanaged domain (IOMMU_DOMAIN_UNMANAGED), with the caller's
 *	device or group attached to it or about to be
 *
 * Attaches @domain as an external MMU: every binding @vcm has, and every
 * later one, is mapped into @domain at its VA, with the backing's
 * addresses taken as CPU physical addresses (see "IOMMU backend" above).
 * Detach it with drm_vcm_mmu_detach(), which unmaps every binding, before
 * freeing @domain. drm_vcm_mmu_translate() on the MMU returns the physical
 * address @domain maps a VA to, or -ENOENT where it maps none (also for
 * physical address 0, which iommu_iova_to_phys() cannot tell apart).
 *
 * Returns: the MMU; -EINVAL if @domain is not an unmanaged domain, or its
 * smallest page is larger than VCM's 4 KiB binding granule, or a binding
 * of @vcm cannot be mapped (device memory, no access, misaligned);
 * -EXDEV if a binding's memory holds DMA addresses (&drm_vcm_mem.dev set);
 * -ERANGE if @vcm does not lie inside @domain's aperture; -ENODEV if @vcm
 * is destroyed; -ENOMEM; or the error iommu_map() returned for a binding
 * (all of them are unmapped again then).
 */
struct drm_vcm_mmu *drm_vcm_iommu_attach(struct drm_vcm *vcm,
					 struct iommu_domain *domain)
{
	const struct iommu_domain_geometry *g = &domain->geometry;
	struct drm_vcm_mmu_desc desc = {
		.ops = &vcm_iommu_ops,
		.priv = domain,
	};
	u64 page = vcm_iommu_min_page(domain);

	if (domain->type != IOMMU_DOMAIN_UNMANAGED || !page || page > SZ_4K)
		return ERR_PTR(-EINVAL);
	if (vcm->start < g->aperture_start ||
	    vcm->start + vcm->size - 1 > g->aperture_end)
		return ERR_PTR(-ERANGE);
	return drm_vcm_mmu_attach(vcm, &desc);
}
EXPORT_SYMBOL_GPL(drm_vcm_iommu_attach);
