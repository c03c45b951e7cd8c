/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Every difference between the kernels VCM builds against (Debian's 6.1
 * and 6.12, and the 6.12 source the KUnit tier overlays) lives here and
 * nowhere else. Differences are detected by feature, not by version
 * number, except where only a function's signature changed.
 */
#ifndef __VCM_COMPAT_H__
#define __VCM_COMPAT_H__

#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/mmzone.h>
#include <linux/version.h>

#if IS_ENABLED(CONFIG_X86) && !IS_ENABLED(CONFIG_UML)
#include <asm/set_memory.h>
#include <asm/pgtable.h>
#endif

#if IS_ENABLED(CONFIG_DRM_VCM_KUNIT_TEST)
/*
 * kunit/visibility.h (6.2 and later) exports test-only symbols into a
 * namespace of their own; before it, a plain GPL export does the job.
 */
#if __has_include("kunit/visibility.h")
#include <kunit/visibility.h>
#else
#define EXPORT_SYMBOL_IF_KUNIT(symbol) EXPORT_SYMBOL_GPL(symbol)
#endif

/* Internal functions the KUnit suites call: exported only for them. */
#define VCM_EXPORT_FOR_KUNIT(symbol) EXPORT_SYMBOL_IF_KUNIT(symbol)
#else
/* Nothing to export; the symbol must still exist. */
#define VCM_EXPORT_FOR_KUNIT(symbol) static_assert(!__same_type(symbol, int))
#endif

/*
 * iommu_map() takes a gfp_t from 6.3 on. A changed signature is nothing
 * the preprocessor can test for, so this one difference goes by version.
 */
static inline int vcm_compat_iommu_map(struct iommu_domain *domain,
				       unsigned long iova, phys_addr_t paddr,
				       size_t size, int prot)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	return iommu_map(domain, iova, paddr, size, prot, GFP_KERNEL);
#else
	return iommu_map(domain, iova, paddr, size, prot);
#endif
}

/*
 * iommu_paging_domain_alloc() replaced the bus-wide iommu_domain_alloc()
 * in 6.11; the latter's signature went with it.
 */
static inline struct iommu_domain *
vcm_compat_paging_domain_alloc(struct device *dev)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
	return iommu_paging_domain_alloc(dev);
#else
	return iommu_domain_alloc(dev->bus) ?: ERR_PTR(-ENOMEM);
#endif
}

/*
 * From 6.12 the DMA API calls the IOMMU DMA layer directly for a device
 * with &device.dma_iommu set, without looking at its dma_map_ops. Set the
 * flag to @on and return what it was. Before 6.12 there is no such flag:
 * the IOMMU DMA layer was the device's dma_map_ops, and CONFIG_IOMMU_DMA
 * selected CONFIG_DMA_OPS, a symbol 6.12 replaced with
 * CONFIG_ARCH_HAS_DMA_OPS; so IOMMU_DMA without DMA_OPS means the flag.
 */
static inline bool vcm_compat_dma_iommu_swap(struct device *dev, bool on)
{
#if IS_ENABLED(CONFIG_IOMMU_DMA) && !IS_ENABLED(CONFIG_DMA_OPS)
	bool was = dev->dma_iommu;

	dev->dma_iommu = on;
	return was;
#else
	return false;
#endif
}

/*
 * The page allocator's largest order, inclusive. 6.8 renamed it
 * MAX_PAGE_ORDER; before 6.4 MAX_ORDER was one past it.
 */
#ifdef MAX_PAGE_ORDER
#define VCM_MAX_ORDER	MAX_PAGE_ORDER
#elif LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
#define VCM_MAX_ORDER	(MAX_ORDER - 1)
#else
#define VCM_MAX_ORDER	MAX_ORDER
#endif

/*
 * Physically contiguous memory past the page allocator's largest block
 * (4 MiB on x86): alloc_contig_range() migrates the pages of a range away
 * and hands the range over. It exists with CONFIG_CONTIG_ALLOC (Debian's
 * kernels; not UML). In 6.12 the exported function is
 * alloc_contig_range_noprof() and alloc_contig_range() a macro for it; in
 * 6.1 alloc_contig_range() itself.
 */
#if IS_ENABLED(CONFIG_CONTIG_ALLOC)
static inline int vcm_compat_alloc_contig(unsigned long pfn,
					  unsigned long npages, gfp_t gfp)
{
	return alloc_contig_range(pfn, pfn + npages, MIGRATE_MOVABLE, gfp);
}

static inline void vcm_compat_free_contig(unsigned long pfn,
					  unsigned long npages)
{
	free_contig_range(pfn, npages);
}
#else
static inline int vcm_compat_alloc_contig(unsigned long pfn,
					  unsigned long npages, gfp_t gfp)
{
	return -EOPNOTSUPP;
}

static inline void vcm_compat_free_contig(unsigned long pfn,
					  unsigned long npages)
{
}
#endif

/*
 * Up to @n order-0 pages in one call into the page allocator, into the
 * NULL slots of @pages, filled from the first: the number of pages now
 * in @pages, which may be fewer than asked for. 6.1 and 6.12 both call it
 * alloc_pages_bulk_array().
 */
static inline unsigned int vcm_compat_alloc_pages_bulk(gfp_t gfp,
						       unsigned int n,
						       struct page **pages)
{
	return alloc_pages_bulk_array(gfp, n, pages);
}

/*
 * Making RAM uncached in the CPU's direct map, for tables a device reads
 * without snooping (the rs400-family GARTs). Only x86 changes the memory
 * type of RAM with set_memory_uc(); the chipsets with such GARTs are x86
 * only. Elsewhere, UML included, the calls do nothing and tables stay
 * cached. vcm_compat_cached() tells whether the page at @addr is mapped
 * write-back (1) or not (0), -EOPNOTSUPP where that cannot be asked.
 */
#if IS_ENABLED(CONFIG_X86) && !IS_ENABLED(CONFIG_UML)
static inline int vcm_compat_set_uc(void *addr, unsigned long npages)
{
	return set_memory_uc((unsigned long)addr, npages);
}

static inline int vcm_compat_set_wb(void *addr, unsigned long npages)
{
	return set_memory_wb((unsigned long)addr, npages);
}

static inline int vcm_compat_cached(const void *addr)
{
	unsigned int level;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	if (!pte)
		return -ENOENT;
	/* Write-back is PAT entry 0: no cache bits at any level. */
	return !(pte_flags(*pte) & (_PAGE_PWT | _PAGE_PCD));
}
#else
static inline int vcm_compat_set_uc(void *addr, unsigned long npages)
{
	return 0;
}

static inline int vcm_compat_set_wb(void *addr, unsigned long npages)
{
	return 0;
}

static inline int vcm_compat_cached(const void *addr)
{
	return -EOPNOTSUPP;
}
#endif

#endif /* __VCM_COMPAT_H__ */
