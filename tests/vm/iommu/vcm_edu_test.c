// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_edu_test: VCM's IOMMU backend against a real (emulated) IOMMU. A
 * PCI driver for QEMU's "edu" device behind an emulated VT-d: on probe it
 * takes the DMA ownership of edu's IOMMU group, attaches an unmanaged
 * domain, puts a VCM space over part of the domain's IOVAs with
 * drm_vcm_iommu_attach(), binds pages and has edu's DMA engine copy
 * through the bound addresses; DMA to an unbound or read-only address
 * must fault in the IOMMU and leave memory alone. Remove (rmmod or a
 * sysfs unbind) tears down with bindings still live.
 *
 * Each check is logged as "vcm_edu: ok N name" or "vcm_edu: not ok N
 * name"; probe ends with "vcm_edu: done pass=P fail=F" and remove with
 * "vcm_edu: removed pass=P fail=F". For every DMA that must fault it logs
 * "vcm_edu: expect fault 0xADDR" first, so the VM test can look for the
 * IOMMU's fault report at that address. Test-only: built out of tree by
 * the VM tier, never part of vcm.ko.
 */

#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/version.h>
#include <drm/drm_vcm.h>

#include "vcm_edu.h"

/* The space: 16 MiB of IOVA below edu's 28-bit DMA mask. */
#define SPACE_START	SZ_16M
#define SPACE_SIZE	SZ_16M

/*
 * Pages, each bound at VA(its number): a source, a destination, another
 * source, one unbound again, and a read-only one no DMA touches before
 * the write that must fault (QEMU reports no fault for an access its
 * IOTLB already denies).
 */
enum { PG_SRC, PG_DST, PG_Q, PG_GONE, PG_RO, NPAGES };
#define VA(i)		(SPACE_START + (u64)(i) * SZ_4K)
#define VA_NOACCESS	VA(NPAGES)

#define RW		(DRM_VCM_READ | DRM_VCM_WRITE)

struct edu {
	struct pci_dev *pdev;
	void __iomem *regs;
	struct iommu_group *group;
	struct iommu_domain *domain;
	struct iommu_domain *dma_domain;
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm_mem *mem;
	struct page *pages[NPAGES];
	bool bound[NPAGES];
	unsigned int num, fail;
};

static void edu_report(struct edu *edu, bool ok, const char *name)
{
	edu_check("vcm_edu", &edu->num, &edu->fail, ok, name);
}

/* Copy @len bytes from @src to @dst with edu's engine, and wait. */
static int edu_dma(struct edu *edu, u64 src, u64 dst, u32 len, bool to_ram)
{
	return edu_dma_run(edu->regs, src, dst, len, to_ram);
}

/* RAM at IOVA @va into edu's buffer. */
static bool edu_load(struct edu *edu, u64 va)
{
	return !edu_dma(edu, va, EDU_BUF, EDU_LEN, false);
}

/* edu's buffer out to IOVA @va. */
static bool edu_store(struct edu *edu, u64 va)
{
	return !edu_dma(edu, EDU_BUF, va, EDU_LEN, true);
}

static void *pg(struct edu *edu, unsigned int i)
{
	return page_address(edu->pages[i]);
}

/* Do the first @len bytes of page @i hold the pattern of @seed? */
static bool pg_is(struct edu *edu, unsigned int i, u8 seed, unsigned int len)
{
	const u8 *p = pg(edu, i);
	unsigned int k;

	for (k = 0; k < len; k++)
		if (p[k] != (u8)(seed + k * 7))
			return false;
	return true;
}

static void pg_fill(struct edu *edu, unsigned int i, u8 seed)
{
	u8 *p = pg(edu, i);
	unsigned int k;

	for (k = 0; k < SZ_4K; k++)
		p[k] = seed + k * 7;
}

static bool edu_translates(struct edu *edu, u64 va, phys_addr_t pa)
{
	dma_addr_t addr;

	return !drm_vcm_mmu_translate(edu->mmu, va, &addr, NULL) &&
	       addr == pa && iommu_iova_to_phys(edu->domain, va) == pa;
}

static bool edu_unmapped(struct edu *edu, u64 va)
{
	dma_addr_t addr;

	return drm_vcm_mmu_translate(edu->mmu, va, &addr, NULL) == -ENOENT &&
	       !iommu_iova_to_phys(edu->domain, va);
}

/* A DMA from edu's buffer to @va that the IOMMU must stop. */
static bool edu_store_faults(struct edu *edu, u64 va)
{
	pr_info("vcm_edu: expect fault %#llx\n", va);
	return edu_store(edu, va);
}

static struct iommu_domain *edu_domain_alloc(struct pci_dev *pdev)
{
	struct iommu_domain *domain;

	/* iommu_paging_domain_alloc() replaced the bus-wide call in 6.11. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
	domain = iommu_paging_domain_alloc(&pdev->dev);
#else
	domain = iommu_domain_alloc(pdev->dev.bus);
	if (!domain)
		domain = ERR_PTR(-ENOMEM);
#endif
	return domain;
}

/* The domain the DMA API uses for @pdev is not VCM's to map into. */
static void edu_check_refusals(struct edu *edu)
{
	struct iommu_domain *dma = edu->dma_domain;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	u64 end = edu->domain->geometry.aperture_end;

	mmu = dma ? drm_vcm_iommu_attach(edu->vcm, dma) : ERR_PTR(-EINVAL);
	edu_report(edu, PTR_ERR_OR_ZERO(mmu) == -EINVAL,
		   "refuses-dma-api-domain");
	if (!IS_ERR(mmu))
		drm_vcm_mmu_detach(mmu);

	/* A space just past the aperture. */
	vcm = end < U64_MAX - SZ_8K ?
		drm_vcm_create(ALIGN(end + 1, SZ_4K), SZ_4K) : ERR_PTR(-EINVAL);
	if (IS_ERR(vcm)) {
		edu_report(edu, false, "refuses-outside-aperture");
		return;
	}
	mmu = drm_vcm_iommu_attach(vcm, edu->domain);
	edu_report(edu, PTR_ERR_OR_ZERO(mmu) == -ERANGE,
		   "refuses-outside-aperture");
	if (!IS_ERR(mmu))
		drm_vcm_mmu_detach(mmu);
	drm_vcm_destroy(vcm);
}

/* Bind the pages; a bind VCM cannot map into the IOMMU is refused whole. */
static void edu_bind(struct edu *edu)
{
	static const u32 flags[NPAGES] = {
		[PG_SRC] = DRM_VCM_READ,
		[PG_DST] = DRM_VCM_WRITE,
		[PG_Q] = RW,
		[PG_GONE] = RW,
		[PG_RO] = DRM_VCM_READ,
	};
	struct drm_vcm_mem *vram;
	unsigned int i;
	bool ok = true;

	for (i = 0; i < NPAGES; i++) {
		ok &= !drm_vcm_bind(edu->res, VA(i) - SPACE_START, SZ_4K,
				    edu->mem, (u64)i * SZ_4K, flags[i]);
		edu->bound[i] = ok;
	}
	edu_report(edu, ok, "bind");

	ok = true;
	for (i = 0; i < NPAGES; i++)
		ok &= edu_translates(edu, VA(i) + 0x123,
				     page_to_phys(edu->pages[i]) + 0x123);
	edu_report(edu, ok, "translate");

	/* No access at all, and device memory: nothing may stay mapped. */
	edu_report(edu, drm_vcm_bind(edu->res, VA_NOACCESS - SPACE_START,
				     SZ_4K, edu->mem, 0, 0) == -EINVAL &&
		   edu_unmapped(edu, VA_NOACCESS), "refuses-no-access");
	vram = drm_vcm_mem_contig(NULL, page_to_phys(edu->pages[0]), SZ_4K,
				  DRM_VCM_LOC_DEVICE);
	if (IS_ERR(vram)) {
		edu_report(edu, false, "refuses-device-memory");
		return;
	}
	edu_report(edu, drm_vcm_bind(edu->res, VA_NOACCESS - SPACE_START,
				     SZ_4K, vram, 0, RW) == -EINVAL &&
		   edu_unmapped(edu, VA_NOACCESS), "refuses-device-memory");
	drm_vcm_mem_put(vram);
	/*
	 * DMA addresses for edu (what the DMA API would hand out, through
	 * this IOMMU or swiotlb) are no physical addresses: the IOMMU MMU
	 * takes physical memory only, and must not map them as such.
	 */
	vram = drm_vcm_mem_contig(&edu->pdev->dev, page_to_phys(edu->pages[0]),
				  SZ_4K, DRM_VCM_LOC_SYSTEM);
	if (IS_ERR(vram)) {
		edu_report(edu, false, "refuses-dma-addresses");
		return;
	}
	edu_report(edu, drm_vcm_bind(edu->res, VA_NOACCESS - SPACE_START,
				     SZ_4K, vram, 0, RW) == -EXDEV &&
		   edu_unmapped(edu, VA_NOACCESS), "refuses-dma-addresses");
	drm_vcm_mem_put(vram);
}

static void edu_run(struct edu *edu)
{
	bool ok;

	pg_fill(edu, PG_SRC, 0x11);
	pg_fill(edu, PG_Q, 0x77);
	pg_fill(edu, PG_GONE, 0x5a);
	pg_fill(edu, PG_RO, 0x33);
	memset(pg(edu, PG_DST), 0, SZ_4K);

	/* RAM -> edu -> RAM, through the IOMMU both ways. */
	ok = edu_load(edu, VA(PG_SRC));
	edu_report(edu, ok, "dma-from-ram");
	ok = ok && edu_store(edu, VA(PG_DST)) &&
	     pg_is(edu, PG_DST, 0x11, EDU_LEN);
	edu_report(edu, ok, "dma-to-ram");

	/*
	 * Unbound: the IOMMU has nothing there any more, not even in its
	 * IOTLB, which the read before the unbind filled; the page stays.
	 */
	edu_report(edu, edu_load(edu, VA(PG_GONE)), "dma-before-unbind");
	edu_report(edu, !drm_vcm_unbind(edu->res, VA(PG_GONE) - SPACE_START),
		   "unbind");
	edu->bound[PG_GONE] = false;
	edu_report(edu, edu_unmapped(edu, VA(PG_GONE)), "unbind-unmaps");
	ok = edu_load(edu, VA(PG_Q)) && edu_store_faults(edu, VA(PG_GONE));
	edu_report(edu, ok && pg_is(edu, PG_GONE, 0x5a, SZ_4K) &&
		   pg_is(edu, PG_DST, 0x11, EDU_LEN) &&
		   pg_is(edu, PG_SRC, 0x11, SZ_4K),
		   "dma-to-unbound-faults");

	/* Read-only: the device cannot write there. */
	ok = edu_store_faults(edu, VA(PG_RO));
	edu_report(edu, ok && pg_is(edu, PG_RO, 0x33, SZ_4K),
		   "dma-to-read-only-faults");

	/* And the engine still works afterwards. */
	ok = edu_store(edu, VA(PG_DST)) && pg_is(edu, PG_DST, 0x77, EDU_LEN);
	edu_report(edu, ok, "dma-after-faults");
}

/* Undo everything; bindings may still be live. */
static void edu_teardown(struct edu *edu)
{
	unsigned int i;

	if (edu->mmu) {
		drm_vcm_mmu_detach(edu->mmu);
		edu->mmu = NULL;
	}
	for (i = 0; i < NPAGES; i++)
		if (edu->bound[i])
			drm_vcm_unbind(edu->res, VA(i) - SPACE_START);
	if (edu->res)
		drm_vcm_unreserve(edu->res);
	if (edu->mem)
		drm_vcm_mem_put(edu->mem);
	if (edu->vcm)
		drm_vcm_destroy(edu->vcm);
	for (i = 0; i < NPAGES; i++)
		if (edu->pages[i])
			__free_page(edu->pages[i]);
	if (edu->domain) {
		iommu_detach_group(edu->domain, edu->group);
		iommu_group_release_dma_owner(edu->group);
		iommu_domain_free(edu->domain);
	}
	if (edu->group)
		iommu_group_put(edu->group);
}

static int edu_setup(struct edu *edu)
{
	struct pci_dev *pdev = edu->pdev;
	dma_addr_t addrs[NPAGES];
	struct iommu_domain *domain;
	unsigned int i;
	int ret;

	edu->group = iommu_group_get(&pdev->dev);
	if (!edu->group)
		return -ENODEV;	/* no IOMMU in front of edu */

	/* The DMA API's domain, before edu leaves it; checked later. */
	edu->dma_domain = iommu_get_domain_for_dev(&pdev->dev);
	domain = edu_domain_alloc(pdev);
	if (IS_ERR(domain))
		return PTR_ERR(domain);
	ret = iommu_group_claim_dma_owner(edu->group, edu);
	if (ret) {
		iommu_domain_free(domain);
		return ret;
	}
	ret = iommu_attach_group(domain, edu->group);
	if (ret) {
		iommu_group_release_dma_owner(edu->group);
		iommu_domain_free(domain);
		return ret;
	}
	edu->domain = domain;

	edu->vcm = drm_vcm_create(SPACE_START, SPACE_SIZE);
	if (IS_ERR(edu->vcm)) {
		ret = PTR_ERR(edu->vcm);
		edu->vcm = NULL;
		return ret;
	}
	drm_vcm_set_owner(edu->vcm, "vcm_edu");
	for (i = 0; i < NPAGES; i++) {
		edu->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!edu->pages[i])
			return -ENOMEM;
		addrs[i] = page_to_phys(edu->pages[i]);
	}
	edu->mem = drm_vcm_mem_from_pages(NULL, addrs, NPAGES,
					  DRM_VCM_LOC_SYSTEM);
	if (IS_ERR(edu->mem)) {
		ret = PTR_ERR(edu->mem);
		edu->mem = NULL;
		return ret;
	}
	edu->res = drm_vcm_reserve_at(edu->vcm, SPACE_START, SZ_1M);
	if (IS_ERR(edu->res)) {
		ret = PTR_ERR(edu->res);
		edu->res = NULL;
		return ret;
	}
	return 0;
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu *edu;
	int ret;

	edu = kzalloc(sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	pci_set_drvdata(pdev, edu);

	ret = pci_enable_device(pdev);
	if (ret)
		goto err_free;
	ret = pci_request_region(pdev, 0, "vcm_edu");
	if (ret)
		goto err_disable;
	edu->regs = pci_iomap(pdev, 0, 0);
	if (!edu->regs) {
		ret = -ENOMEM;
		goto err_release;
	}
	pci_set_master(pdev);

	ret = edu_setup(edu);
	edu_report(edu, !ret, "setup");
	if (ret)
		goto err_teardown;

	edu->mmu = drm_vcm_iommu_attach(edu->vcm, edu->domain);
	edu_report(edu, !IS_ERR(edu->mmu), "attach");
	if (IS_ERR(edu->mmu)) {
		ret = PTR_ERR(edu->mmu);
		edu->mmu = NULL;
		goto err_teardown;
	}
	edu_check_refusals(edu);
	edu_bind(edu);
	edu_run(edu);
	pr_info("vcm_edu: done pass=%u fail=%u\n", edu->num - edu->fail,
		edu->fail);
	/* Start counting afresh for remove. */
	edu->num = 0;
	edu->fail = 0;
	return 0;

err_teardown:
	edu_teardown(edu);
	pr_info("vcm_edu: done pass=%u fail=%u\n", edu->num - edu->fail,
		edu->fail);
	pci_clear_master(pdev);
	pci_iounmap(pdev, edu->regs);
err_release:
	pci_release_region(pdev, 0);
err_disable:
	pci_disable_device(pdev);
err_free:
	kfree(edu);
	return ret;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct edu *edu = pci_get_drvdata(pdev);
	struct iommu_domain *domain = edu->domain;
	unsigned int i, live = 0;
	bool ok = true;

	/* Detaching the MMU unmaps every live binding from the domain. */
	for (i = 0; i < NPAGES; i++)
		live += edu->bound[i];
	edu_report(edu, live > 0, "remove-with-live-bindings");
	drm_vcm_mmu_detach(edu->mmu);
	edu->mmu = NULL;
	for (i = 0; i < NPAGES; i++)
		ok &= !iommu_iova_to_phys(domain, VA(i));
	edu_report(edu, ok, "remove-unmaps");
	edu_teardown(edu);
	pr_info("vcm_edu: removed pass=%u fail=%u\n", edu->num - edu->fail,
		edu->fail);
	pci_clear_master(pdev);
	pci_iounmap(pdev, edu->regs);
	pci_release_region(pdev, 0);
	pci_disable_device(pdev);
	kfree(edu);
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{}
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = "vcm_edu",
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
	/* It owns its IOMMU group's DMA instead of using the DMA API. */
	.driver_managed_dma = true,
};
module_pci_driver(edu_driver);

MODULE_DESCRIPTION("VCM IOMMU backend test with QEMU's edu device");
MODULE_LICENSE("GPL");
