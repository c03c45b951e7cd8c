// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_edu_dma: a plain driver for QEMU's "edu" device that uses the DMA
 * API only (dma_alloc_coherent(), dma_map_page(), dma_map_sg() and their
 * undoing), to test VCM's DMA-API ops: vcm.ko is loaded with edu named in
 * its dma_devices parameter, so all of it must go through VCM's shared
 * space (expect=iommu) or hand out physical addresses and pool memory
 * (expect=direct), with the data moved by edu's DMA engine either way.
 *
 * Each check is logged as "vcm_dma: ok N name" or "vcm_dma: not ok N
 * name"; probe ends with "vcm_dma: done pass=P fail=F". Remove leaves a
 * streaming mapping and a coherent buffer behind on purpose: VCM must
 * undo them. With defer=N the first N probes take a dmam_alloc_coherent()
 * buffer and fail with -EPROBE_DEFER: devres frees it through VCM's ops
 * before they are removed, and the next probe gets them again. Test-only:
 * built out of tree by the VM tier.
 */

#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "vcm_edu.h"

/* VCM's shared space, as its DMA-API ops document it. */
#define SPACE_START	SZ_1M
#define SPACE_END	SZ_256M

#define COHERENT	SZ_8K
#define CHUNK		SZ_64K

static char *expect = "direct";
module_param(expect, charp, 0444);
MODULE_PARM_DESC(expect, "iommu: addresses in VCM's space; direct: physical");

static int defer;
module_param(defer, int, 0444);
MODULE_PARM_DESC(defer, "Probes to fail with -EPROBE_DEFER after a dmam_alloc_coherent()");
static atomic_t defer_left = ATOMIC_INIT(-1);

struct edu {
	struct pci_dev *pdev;
	void __iomem *regs;
	unsigned int num, fail;
	/* Left live for remove. */
	void *coherent;
	dma_addr_t coherent_addr;
	struct page *live_page;
	dma_addr_t live_addr;
};

static void edu_report(struct edu *edu, bool ok, const char *name)
{
	edu_check("vcm_dma", &edu->num, &edu->fail, ok, name);
}

static bool edu_dma(struct edu *edu, u64 src, u64 dst, bool to_ram)
{
	return !edu_dma_run(edu->regs, src, dst, EDU_LEN, to_ram);
}

/* Copy EDU_LEN bytes from device address @src to @dst through edu. */
static bool edu_copy(struct edu *edu, dma_addr_t src, dma_addr_t dst)
{
	return edu_dma(edu, src, EDU_BUF, false) &&
	       edu_dma(edu, EDU_BUF, dst, true);
}

static void fill(void *p, u8 seed)
{
	u8 *b = p;
	unsigned int k;

	for (k = 0; k < EDU_LEN; k++)
		b[k] = seed + k * 7;
}

static bool holds(const void *p, u8 seed)
{
	const u8 *b = p;
	unsigned int k;

	for (k = 0; k < EDU_LEN; k++)
		if (b[k] != (u8)(seed + k * 7))
			return false;
	return true;
}

/* Is @addr what VCM should hand out for @phys? */
static bool addr_ok(dma_addr_t addr, size_t size, phys_addr_t phys)
{
	if (addr == DMA_MAPPING_ERROR)
		return false;
	if (!strcmp(expect, "iommu"))
		return addr >= SPACE_START && addr + size <= SPACE_END;
	return addr == phys;
}

static void edu_map_page(struct edu *edu, struct page *src, struct page *dst)
{
	struct device *dev = &edu->pdev->dev;
	dma_addr_t s, d;
	bool ok;

	fill(page_address(src) + 0x100, 0x21);
	memset(page_address(dst), 0, PAGE_SIZE);
	s = dma_map_page(dev, src, 0x100, EDU_LEN, DMA_TO_DEVICE);
	d = dma_map_page(dev, dst, 0, EDU_LEN, DMA_FROM_DEVICE);
	edu_report(edu, addr_ok(s, EDU_LEN, page_to_phys(src) + 0x100) &&
		   addr_ok(d, EDU_LEN, page_to_phys(dst)), "map-page-addr");
	ok = !dma_mapping_error(dev, s) && !dma_mapping_error(dev, d) &&
	     edu_copy(edu, s, d);
	if (!dma_mapping_error(dev, s))
		dma_unmap_page(dev, s, EDU_LEN, DMA_TO_DEVICE);
	if (!dma_mapping_error(dev, d))
		dma_unmap_page(dev, d, EDU_LEN, DMA_FROM_DEVICE);
	edu_report(edu, ok && holds(page_address(dst), 0x21), "map-page-dma");
}

/*
 * One page mapped twice at once: two mappings (the same address without
 * an IOMMU), each unmapped once, in either order.
 */
static void edu_map_twice(struct edu *edu, struct page *page)
{
	struct device *dev = &edu->pdev->dev;
	dma_addr_t a, b, c;
	bool ok;

	a = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	b = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	c = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	ok = addr_ok(a, PAGE_SIZE, page_to_phys(page)) &&
	     addr_ok(b, PAGE_SIZE, page_to_phys(page)) &&
	     addr_ok(c, PAGE_SIZE, page_to_phys(page)) &&
	     (!strcmp(expect, "iommu") ? a != b && b != c && a != c :
	      a == b && b == c);
	edu_report(edu, ok, "map-page-twice");
	if (!dma_mapping_error(dev, b))
		dma_unmap_page(dev, b, PAGE_SIZE, DMA_TO_DEVICE);
	if (!dma_mapping_error(dev, a))
		dma_unmap_page(dev, a, PAGE_SIZE, DMA_TO_DEVICE);
	if (!dma_mapping_error(dev, c))
		dma_unmap_page(dev, c, PAGE_SIZE, DMA_TO_DEVICE);
}

static void edu_map_sg(struct edu *edu, struct page *src, struct page *dst)
{
	struct device *dev = &edu->pdev->dev;
	struct scatterlist sg[2];
	int n;
	bool ok;

	fill(page_address(src), 0x42);
	memset(page_address(dst), 0, PAGE_SIZE);
	sg_init_table(sg, 2);
	sg_set_page(&sg[0], src, PAGE_SIZE, 0);
	sg_set_page(&sg[1], dst, PAGE_SIZE, 0);
	n = dma_map_sg(dev, sg, 2, DMA_BIDIRECTIONAL);
	ok = n == 2 &&
	     addr_ok(sg_dma_address(&sg[0]), PAGE_SIZE, page_to_phys(src)) &&
	     addr_ok(sg_dma_address(&sg[1]), PAGE_SIZE, page_to_phys(dst));
	edu_report(edu, ok, "map-sg-addr");
	ok = ok && edu_copy(edu, sg_dma_address(&sg[0]),
			    sg_dma_address(&sg[1]));
	if (n > 0)
		dma_unmap_sg(dev, sg, 2, DMA_BIDIRECTIONAL);
	edu_report(edu, ok && holds(page_address(dst), 0x42), "map-sg-dma");
}

static void edu_coherent(struct edu *edu)
{
	struct device *dev = &edu->pdev->dev;
	void *buf;
	bool ok;

	buf = dma_alloc_coherent(dev, COHERENT, &edu->coherent_addr,
				 GFP_KERNEL);
	edu_report(edu, buf && addr_ok(edu->coherent_addr, COHERENT,
				       virt_to_phys(buf)), "alloc-coherent");
	if (!buf)
		return;
	edu->coherent = buf;
	fill(buf, 0x63);
	memset(buf + SZ_4K, 0, EDU_LEN);
	ok = edu_copy(edu, edu->coherent_addr, edu->coherent_addr + SZ_4K);
	edu_report(edu, ok && holds(buf + SZ_4K, 0x63), "coherent-dma");
}

/*
 * Under a spinlock: without an IOMMU, mapping and unmapping work and never
 * sleep; behind one, mapping is refused (VCM's space sleeps) and
 * unmapping a mapping made outside works (its IOVA is unbound later, so
 * the space's reservation count checks it).
 */
static void edu_atomic(struct edu *edu, struct page *src, struct page *dst)
{
	static DEFINE_SPINLOCK(lock);
	struct device *dev = &edu->pdev->dev;
	bool iommu = !strcmp(expect, "iommu");
	unsigned long flags;
	dma_addr_t s, d;
	bool ok;

	fill(page_address(src), 0x35);
	memset(page_address(dst), 0, PAGE_SIZE);
	spin_lock_irqsave(&lock, flags);
	s = dma_map_page(dev, src, 0, EDU_LEN, DMA_TO_DEVICE);
	d = dma_map_page(dev, dst, 0, EDU_LEN, DMA_FROM_DEVICE);
	spin_unlock_irqrestore(&lock, flags);
	if (iommu) {
		edu_report(edu, dma_mapping_error(dev, s) &&
			   dma_mapping_error(dev, d), "atomic-map-refused");
		if (!dma_mapping_error(dev, s))
			dma_unmap_page(dev, s, EDU_LEN, DMA_TO_DEVICE);
		if (!dma_mapping_error(dev, d))
			dma_unmap_page(dev, d, EDU_LEN, DMA_FROM_DEVICE);
		s = dma_map_page(dev, src, 0, EDU_LEN, DMA_TO_DEVICE);
		ok = !dma_mapping_error(dev, s);
		if (ok) {
			spin_lock_irqsave(&lock, flags);
			dma_unmap_page(dev, s, EDU_LEN, DMA_TO_DEVICE);
			spin_unlock_irqrestore(&lock, flags);
		}
		edu_report(edu, ok, "atomic-unmap");
		return;
	}
	edu_report(edu, addr_ok(s, EDU_LEN, page_to_phys(src)) &&
		   addr_ok(d, EDU_LEN, page_to_phys(dst)), "atomic-map-addr");
	ok = !dma_mapping_error(dev, s) && !dma_mapping_error(dev, d) &&
	     edu_copy(edu, s, d);
	spin_lock_irqsave(&lock, flags);
	if (!dma_mapping_error(dev, s))
		dma_unmap_page(dev, s, EDU_LEN, DMA_TO_DEVICE);
	if (!dma_mapping_error(dev, d))
		dma_unmap_page(dev, d, EDU_LEN, DMA_FROM_DEVICE);
	spin_unlock_irqrestore(&lock, flags);
	edu_report(edu, ok && holds(page_address(dst), 0x35), "atomic-map-dma");
}

/* Take the pool until it says no: NULL, never other memory. */
static void edu_exhaust(struct edu *edu)
{
	struct device *dev = &edu->pdev->dev;
	void *cpu[64];
	dma_addr_t addr[64];
	unsigned int n, i;

	for (n = 0; n < ARRAY_SIZE(cpu); n++) {
		cpu[n] = dma_alloc_coherent(dev, CHUNK, &addr[n], GFP_KERNEL);
		if (!cpu[n])
			break;
	}
	pr_info("vcm_dma: %u chunks of %u bytes before the pool ran out\n",
		n, CHUNK);
	/* A 1 MiB pool holds fewer than 16 chunks next to the buffers. */
	edu_report(edu, n > 0 && n < 16, "pool-exhausted-null");
	for (i = 0; i < n; i++)
		dma_free_coherent(dev, CHUNK, cpu[i], addr[i]);
	cpu[0] = dma_alloc_coherent(dev, CHUNK, &addr[0], GFP_KERNEL);
	edu_report(edu, cpu[0], "pool-after-free");
	if (cpu[0])
		dma_free_coherent(dev, CHUNK, cpu[0], addr[0]);
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct page *a, *b;
	struct edu *edu;
	int ret;

	edu = devm_kzalloc(&pdev->dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	pci_set_drvdata(pdev, edu);
	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	edu->regs = pcim_iomap(pdev, 0, 0);
	if (!edu->regs)
		return -ENOMEM;
	pci_set_master(pdev);

	atomic_cmpxchg(&defer_left, -1, defer);
	if (atomic_add_unless(&defer_left, -1, 0)) {
		dma_addr_t addr;
		void *buf = dmam_alloc_coherent(&pdev->dev, COHERENT, &addr,
						GFP_KERNEL);

		if (buf)
			memset(buf, 0x5a, COHERENT);
		pr_info("vcm_dma: %s: deferring the probe with %s\n",
			pci_name(pdev), buf ? "a dmam buffer" : "no buffer");
		return -EPROBE_DEFER;
	}

	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));
	edu_report(edu, !ret, "set-mask");
	/* 1 MiB covers neither VCM's space nor its pool. */
	edu_report(edu, dma_set_mask(&pdev->dev, DMA_BIT_MASK(20)) == -EIO &&
		   dma_get_mask(&pdev->dev) == DMA_BIT_MASK(32),
		   "refuses-narrow-mask");
	/* Whatever happened, the other checks run with 32 bits. */
	dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32));

	/* Below 16 MiB: within edu's reach without translation too. */
	a = alloc_page(GFP_KERNEL | GFP_DMA);
	b = alloc_page(GFP_KERNEL | GFP_DMA);
	edu->live_page = alloc_page(GFP_KERNEL | GFP_DMA);
	if (a && b && edu->live_page) {
		edu_map_page(edu, a, b);
		edu_map_sg(edu, a, b);
		edu_map_twice(edu, a);
		edu_atomic(edu, a, b);
		edu_coherent(edu);
		edu_exhaust(edu);
		edu->live_addr = dma_map_page(&pdev->dev, edu->live_page, 0,
					      PAGE_SIZE, DMA_BIDIRECTIONAL);
		edu_report(edu, !dma_mapping_error(&pdev->dev, edu->live_addr),
			   "live-mapping");
	} else {
		edu_report(edu, false, "pages");
	}
	if (a)
		__free_page(a);
	if (b)
		__free_page(b);
	pr_info("vcm_dma: done pass=%u fail=%u\n", edu->num - edu->fail,
		edu->fail);
	return 0;
}

/*
 * Leaves the coherent buffer and the live mapping to VCM, which undoes
 * them after remove. The mapped page outlives remove, so it is leaked (one
 * page per probe of this test module) rather than freed while mapped.
 */
static void edu_remove(struct pci_dev *pdev)
{
	struct edu *edu = pci_get_drvdata(pdev);

	pr_info("vcm_dma: remove %s with a mapping and %s live\n",
		pci_name(pdev), edu->coherent ? "a coherent buffer" : "nothing");
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{}
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = "vcm_edu_dma",
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};
module_pci_driver(edu_driver);

MODULE_DESCRIPTION("edu through the DMA API, for VCM's DMA-API ops");
MODULE_LICENSE("GPL");
