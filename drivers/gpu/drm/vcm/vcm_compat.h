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
#include <linux/version.h>

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

#endif /* __VCM_COMPAT_H__ */
