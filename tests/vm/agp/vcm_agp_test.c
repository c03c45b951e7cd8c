// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_agp_test: a virtual AGP bridge for the VM tier, and VCM's AGP
 * backend checked against it.
 *
 * Bound to QEMU's pci-testdev, it registers an AGP bridge with the
 * kernel's own AGP core: a bridge driver made of the core's generic
 * routines, with a GATT in RAM, one fixed aperture size at a made-up bus
 * address that no device decodes, and nothing to program. The core then
 * writes that GATT exactly as it would a chipset's. A VCM space laid over
 * the aperture is bound through drm_vcm_agp_attach(), and every entry the
 * core wrote is read back and decoded with VCM's "agp-gatt" decoder.
 *
 * Each check is logged as "vcm_agp: ok N name" or "vcm_agp: not ok N
 * name"; probe ends with "vcm_agp: done pass=P fail=F", and so does
 * remove, which detaches the backend while a binding is still live.
 *
 * With idle=1 it only registers the bridge and leaves it free, for
 * vcm_virt to acquire. In either mode, debugfs file vcm_agp_test/gatt
 * lists every GATT entry that is not the scratch page as "VA PA" (decoded
 * with the agp-gatt decoder), or "VA invalid RAW".
 *
 * struct agp_bridge_driver is private to the AGP core: "agp.h" is the
 * core's drivers/char/agp/agp.h, taken from the matching kernel source
 * when the module is built. x86 only (set_pages_array_wc()).
 */

#include <linux/agp_backend.h>
#include <linux/bitmap.h>
#include <linux/debugfs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <asm/set_memory.h>
#include <drm/drm_vcm.h>

#include "agp.h"

#define VAT_APER_BASE	0xd0000000UL	/* made up; never accessed */
#define VAT_APER_MB	4
#define VAT_APER_SIZE	(VAT_APER_MB * SZ_1M)
#define VAT_ENTRIES	(VAT_APER_SIZE / SZ_4K)
#define VAT_MASK	0x1	/* the valid bit of the agp-gatt format */
#define NPAGES		8
#define RW		(DRM_VCM_READ | DRM_VCM_WRITE)

/* The bridge and its test state; the core's callbacks take no argument. */
struct vat {
	struct agp_bridge_data *bridge;
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm_mem *mem;
	struct page *pages[NPAGES];
	dma_addr_t addrs[NPAGES];
	dma_addr_t want[VAT_ENTRIES];	/* expected GATT: 0 is the scratch page */
	bool acquired;
};

static struct agp_bridge_data *vat_bridge;
static unsigned int vat_flushes, vat_num, vat_fail;
static struct dentry *vat_debugfs;

static bool idle;
module_param(idle, bool, 0444);
MODULE_PARM_DESC(idle, "Only register the bridge, and leave it free");

static void vat_report(bool ok, const char *what)
{
	vat_num++;
	if (!ok)
		vat_fail++;
	pr_info("vcm_agp: %sok %u %s\n", ok ? "" : "not ", vat_num, what);
}

static void vat_done(void)
{
	pr_info("vcm_agp: done pass=%u fail=%u\n", vat_num - vat_fail,
		vat_fail);
}

/* The bridge driver */

static const struct aper_size_info_fixed vat_sizes[] = {
	{ .size = VAT_APER_MB, .num_entries = VAT_ENTRIES, .page_order = 0 },
};

static const struct gatt_mask vat_masks[] = {
	{ .mask = VAT_MASK, .type = 0 },
};

static int vat_fetch_size(void)
{
	vat_bridge->current_size = (void *)&vat_sizes[0];
	vat_bridge->previous_size = vat_bridge->current_size;
	vat_bridge->aperture_size_idx = 0;
	return vat_sizes[0].size;
}

static int vat_configure(void)
{
	vat_bridge->gart_bus_addr = VAT_APER_BASE;
	return 0;
}

static void vat_enable(struct agp_bridge_data *bridge, u32 mode)
{
}

static void vat_tlb_flush(struct agp_memory *mem)
{
}

/* Counted, so that the backend's caching rule can be checked. */
static void vat_cache_flush(void)
{
	vat_flushes++;
	global_cache_flush();
}

static const struct agp_bridge_driver vat_driver = {
	.owner = THIS_MODULE,
	.aperture_sizes = vat_sizes,
	.num_aperture_sizes = ARRAY_SIZE(vat_sizes),
	.size_type = FIXED_APER_SIZE,
	.needs_scratch_page = true,
	.masks = vat_masks,
	.fetch_size = vat_fetch_size,
	.configure = vat_configure,
	.agp_enable = vat_enable,
	.tlb_flush = vat_tlb_flush,
	.mask_memory = agp_generic_mask_memory,
	.cache_flush = vat_cache_flush,
	.create_gatt_table = agp_generic_create_gatt_table,
	.free_gatt_table = agp_generic_free_gatt_table,
	.insert_memory = agp_generic_insert_memory,
	.remove_memory = agp_generic_remove_memory,
	.alloc_by_type = agp_generic_alloc_by_type,
	.free_by_type = agp_generic_free_by_type,
	.agp_alloc_page = agp_generic_alloc_page,
	.agp_alloc_pages = agp_generic_alloc_pages,
	.agp_destroy_page = agp_generic_destroy_page,
	.agp_destroy_pages = agp_generic_destroy_pages,
	.agp_type_to_mask_type = agp_generic_type_to_mask_type,
};

/* Checks */

/*
 * Is every GATT entry what @t->want says? Entries are read as the core
 * wrote them and decoded with VCM's agp-gatt decoder, whose dummy page is
 * the bridge's scratch page.
 */
static bool vat_gatt_ok(struct vat *t)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("agp-gatt");
	struct agp_bridge_data *b = t->bridge;
	struct drm_vcm_mmu dec = { .dummy_addr = b->scratch_page_dma };
	unsigned int i, bad = 0;

	if (!f)
		return false;
	for (i = 0; i < VAT_ENTRIES; i++) {
		__le32 raw = cpu_to_le32(readl(b->gatt_table + i));
		struct drm_vcm_entry e = {};
		bool ok;

		f->decode(&dec, 0, &raw, i, &e);
		if (t->want[i])
			ok = e.kind == DRM_VCM_ENTRY_PTE && e.addr == t->want[i];
		else
			ok = e.kind == DRM_VCM_ENTRY_INVALID &&
			     e.raw == b->scratch_page;
		if (!ok && bad++ < 4)
			pr_info("vcm_agp: entry %u is %#llx, want %#llx\n", i,
				e.raw, (u64)t->want[i]);
	}
	return !bad;
}

/* debugfs vcm_agp_test/gatt: the entries that are not the scratch page. */
static int vat_gatt_show(struct seq_file *m, void *v)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("agp-gatt");
	struct agp_bridge_data *b = m->private;
	struct drm_vcm_mmu dec = { .dummy_addr = b->scratch_page_dma };
	unsigned int i;

	if (!f)
		return -ENODEV;
	for (i = 0; i < VAT_ENTRIES; i++) {
		u32 raw = readl(b->gatt_table + i);
		__le32 le = cpu_to_le32(raw);
		u64 va = VAT_APER_BASE + (u64)i * SZ_4K;
		struct drm_vcm_entry e = {};

		if (raw == b->scratch_page)
			continue;
		f->decode(&dec, 0, &le, i, &e);
		if (e.kind == DRM_VCM_ENTRY_PTE)
			seq_printf(m, "0x%llx 0x%llx\n", va, (u64)e.addr);
		else
			seq_printf(m, "0x%llx invalid 0x%x\n", va, raw);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vat_gatt);

/* agp_memory objects alive: each holds one key of the bridge. */
static unsigned int vat_keys(struct vat *t)
{
	return bitmap_weight(t->bridge->key_list, MAXKEY);
}

/* Expect @n pages of t->addrs from @first at VA @va, in GATT and VCM. */
static void vat_want(struct vat *t, u64 va, unsigned int first,
		     unsigned int n)
{
	unsigned int i, idx = (va - VAT_APER_BASE) / SZ_4K;

	for (i = 0; i < n; i++)
		t->want[idx + i] = t->addrs[first + i];
}

static void vat_unwant(struct vat *t, u64 va, unsigned int n)
{
	memset(&t->want[(va - VAT_APER_BASE) / SZ_4K], 0,
	       n * sizeof(t->want[0]));
}

static bool vat_translates(struct vat *t, u64 va, unsigned int first,
			   unsigned int n)
{
	unsigned int i;
	dma_addr_t a, b;

	for (i = 0; i < n; i++) {
		u64 at = va + i * SZ_4K + 0x123;

		if (drm_vcm_mmu_translate(t->mmu, at, &a, NULL) ||
		    drm_vcm_translate(t->vcm, at, &b, NULL) ||
		    a != t->addrs[first + i] + 0x123 || b != a)
			return false;
	}
	return true;
}

/* Another user of the bridge holds one page of the aperture. */
static void vat_conflict(struct vat *t, u64 res_va)
{
	unsigned int keys = vat_keys(t);
	struct agp_memory *am;
	dma_addr_t a;
	bool ok;
	int ret;

	am = agp_allocate_memory(t->bridge, 1, AGP_USER_MEMORY);
	if (!am) {
		vat_report(false, "conflict");
		return;
	}
	am->pages[0] = t->pages[0];
	am->page_count = 1;
	am->is_flushed = true;
	ret = agp_bind_memory(am, (res_va + SZ_64K - SZ_4K - VAT_APER_BASE) /
			      SZ_4K);
	vat_want(t, res_va + SZ_64K - SZ_4K, 0, 1);
	ok = !ret && vat_gatt_ok(t);
	/* VCM's bind over it fails, and leaves the space and GATT alone. */
	ret = drm_vcm_bind(t->res, SZ_64K - SZ_8K, SZ_8K, t->mem, 0, RW);
	ok &= ret == -EBUSY && vat_gatt_ok(t) && vat_keys(t) == keys + 1 &&
	      drm_vcm_translate(t->vcm, res_va + SZ_64K - SZ_8K, &a, NULL) ==
	      -ENOENT;
	vat_report(ok, "conflict");
	agp_free_memory(am);
	vat_unwant(t, res_va + SZ_64K - SZ_4K, 1);
}

/* Backing that the GATT cannot take: refused, nothing changes. */
static void vat_refused(struct vat *t)
{
	static const struct {
		u64 addr;
		int err;
		const char *name;
	} cases[] = {
		{ SZ_4G, -ERANGE, "refuse-above-4g" },	/* 32-bit entries */
		{ VAT_APER_BASE, -EINVAL, "refuse-not-ram" },	/* no page */
	};
	unsigned int i, keys = vat_keys(t);

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct drm_vcm_mem *mem;
		int ret;

		mem = drm_vcm_mem_contig(NULL, cases[i].addr, SZ_4K,
					 DRM_VCM_LOC_SYSTEM);
		if (IS_ERR(mem)) {
			vat_report(false, cases[i].name);
			continue;
		}
		ret = drm_vcm_bind(t->res, 12 * SZ_4K, SZ_4K, mem, 0, RW);
		if (ret != cases[i].err)
			pr_info("vcm_agp: %s: %d\n", cases[i].name, ret);
		vat_report(ret == cases[i].err && vat_gatt_ok(t) &&
			   vat_keys(t) == keys, cases[i].name);
		if (!ret)
			drm_vcm_unbind(t->res, 12 * SZ_4K);
		drm_vcm_mem_put(mem);
	}
}

/* A space that does not fit the aperture is refused. */
static void vat_outside(struct vat *t)
{
	struct drm_vcm *vcm = drm_vcm_create(VAT_APER_BASE + SZ_1M,
					     VAT_APER_SIZE);
	struct drm_vcm_mmu *mmu;

	if (IS_ERR(vcm)) {
		vat_report(false, "attach-outside");
		return;
	}
	mmu = drm_vcm_agp_attach(vcm, t->bridge);
	vat_report(PTR_ERR(mmu) == -ERANGE, "attach-outside");
	if (!IS_ERR(mmu))
		drm_vcm_agp_detach(mmu);
	drm_vcm_destroy(vcm);
}

/*
 * Ordinary cached pages bound without snooping: the bind flags do not
 * make them uncached, so the caches are written back all the same.
 */
static void vat_cached(struct vat *t)
{
	struct page *page = alloc_page(GFP_KERNEL | GFP_DMA32);
	struct drm_vcm_mem *mem;
	unsigned int flushes;
	dma_addr_t addr;

	if (!page) {
		vat_report(false, "bind-cached-pages-flushes");
		return;
	}
	addr = page_to_phys(page);
	mem = drm_vcm_mem_from_pages(NULL, &addr, 1, DRM_VCM_LOC_SYSTEM);
	if (IS_ERR(mem)) {
		vat_report(false, "bind-cached-pages-flushes");
		__free_page(page);
		return;
	}
	flushes = vat_flushes;
	vat_report(!drm_vcm_bind(t->res, 14 * SZ_4K, SZ_4K, mem, 0, RW) &&
		   vat_flushes == flushes + 1, "bind-cached-pages-flushes");
	drm_vcm_unbind(t->res, 14 * SZ_4K);
	drm_vcm_mem_put(mem);

	/* Memory of DMA addresses: the GATT takes pages, never those. */
	mem = drm_vcm_mem_contig(&t->bridge->dev->dev, addr, SZ_4K,
				 DRM_VCM_LOC_SYSTEM);
	vat_report(!IS_ERR(mem) &&
		   drm_vcm_bind(t->res, 14 * SZ_4K, SZ_4K, mem, 0, RW) ==
		   -EXDEV && vat_keys(t) == 1, "refuses-dma-addresses");
	if (!IS_ERR(mem))
		drm_vcm_mem_put(mem);
	__free_page(page);
}

static int vat_pages(struct vat *t)
{
	unsigned int i;

	for (i = 0; i < NPAGES; i++) {
		t->pages[i] = alloc_page(GFP_KERNEL | GFP_DMA32);
		if (!t->pages[i])
			return -ENOMEM;
		t->addrs[i] = page_to_phys(t->pages[i]);
	}
	/* As TTM maps AGP memory: write-combined, caches written back. */
	return set_pages_array_wc(t->pages, NPAGES);
}

static void vat_free_pages(struct vat *t)
{
	unsigned int i;

	if (t->pages[NPAGES - 1])
		set_pages_array_wb(t->pages, NPAGES);
	for (i = 0; i < NPAGES; i++)
		if (t->pages[i])
			__free_page(t->pages[i]);
}

static void vat_run(struct vat *t)
{
	struct agp_kern_info info;
	unsigned int flushes;
	dma_addr_t a;
	u64 va;

	vat_report(!agp_copy_info(t->bridge, &info) &&
		   info.aper_base == VAT_APER_BASE &&
		   info.aper_size == VAT_APER_MB, "info");
	vat_report((t->bridge->scratch_page & VAT_MASK) && vat_gatt_ok(t),
		   "gatt-empty");
	vat_outside(t);

	t->vcm = drm_vcm_create(VAT_APER_BASE, VAT_APER_SIZE);
	t->mmu = IS_ERR(t->vcm) ? ERR_CAST(t->vcm) :
		 drm_vcm_agp_attach(t->vcm, t->bridge);
	vat_report(!IS_ERR(t->mmu), "attach");
	if (IS_ERR(t->mmu))
		return;
	t->mem = vat_pages(t) ? ERR_PTR(-ENOMEM) :
		 drm_vcm_mem_from_pages(NULL, t->addrs, NPAGES,
					DRM_VCM_LOC_SYSTEM);
	/* vat_pages() made them write-combined, and says so. */
	if (!IS_ERR(t->mem))
		t->mem->cpu_uncached = true;
	/* VCM picks the aperture address. */
	t->res = IS_ERR(t->mem) ? ERR_CAST(t->mem) :
		 drm_vcm_reserve(t->vcm, SZ_64K, SZ_64K);
	vat_report(!IS_ERR(t->res), "reserve");
	if (IS_ERR(t->res))
		return;
	va = drm_vcm_res_addr(t->res);

	/* Six pages from the third, one page into the reservation. */
	flushes = vat_flushes;
	vat_report(!drm_vcm_bind(t->res, SZ_4K, 6 * SZ_4K, t->mem, SZ_8K, RW),
		   "bind");
	vat_want(t, va + SZ_4K, 2, 6);
	vat_report(vat_gatt_ok(t), "gatt-bound");
	vat_report(vat_flushes == flushes, "bind-skips-flush");
	vat_report(vat_keys(t) == 1, "agp-memory-bound");
	vat_report(vat_translates(t, va + SZ_4K, 2, 6), "translate");
	vat_cached(t);

	/*
	 * Two more, snooping: the flag picks the entry type, not the
	 * caching; the pages are write-combined, so nothing is written back.
	 */
	flushes = vat_flushes;
	vat_report(!drm_vcm_bind(t->res, SZ_32K, SZ_8K, t->mem, 0,
				 RW | DRM_VCM_SNOOP), "bind-snoop");
	vat_want(t, va + SZ_32K, 0, 2);
	vat_report(vat_flushes == flushes, "bind-snoop-uncached-skips-flush");
	vat_report(vat_gatt_ok(t) && vat_keys(t) == 2, "gatt-two");

	vat_conflict(t, va);
	vat_refused(t);

	vat_report(!drm_vcm_unbind(t->res, SZ_32K), "unbind");
	vat_unwant(t, va + SZ_32K, 2);
	vat_report(vat_gatt_ok(t) && vat_keys(t) == 1, "gatt-unbound");
	vat_report(drm_vcm_mmu_translate(t->mmu, va + SZ_32K, &a, NULL) ==
		   -ENOENT, "translate-unbound");
	/* The first binding stays for remove. */
}

/* Detach with a binding live, then tear everything down. */
static void vat_teardown(struct vat *t)
{
	if (!IS_ERR_OR_NULL(t->mmu)) {
		drm_vcm_agp_detach(t->mmu);
		memset(t->want, 0, sizeof(t->want));
		vat_report(vat_gatt_ok(t) && !vat_keys(t), "detach-live");
	}
	if (!IS_ERR_OR_NULL(t->res)) {
		drm_vcm_unbind(t->res, SZ_4K);
		vat_report(!drm_vcm_unreserve(t->res), "unreserve");
	}
	if (!IS_ERR_OR_NULL(t->mem))
		drm_vcm_mem_put(t->mem);
	if (!IS_ERR_OR_NULL(t->vcm))
		vat_report(!drm_vcm_destroy(t->vcm), "destroy");
	vat_free_pages(t);
}

static int vat_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct agp_bridge_data *bridge;
	struct vat *t;
	int ret;

	if (vat_bridge)
		return -EBUSY;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	bridge = t ? agp_alloc_bridge() : NULL;
	if (!bridge) {
		kfree(t);
		return -ENOMEM;
	}
	bridge->driver = &vat_driver;
	bridge->dev = pdev;
	vat_bridge = bridge;
	vat_num = 0;
	vat_fail = 0;
	ret = agp_add_bridge(bridge);	/* puts the bridge on failure */
	vat_report(!ret, "bridge");
	if (ret) {
		vat_bridge = NULL;
		kfree(t);
		vat_done();
		return ret;
	}
	t->bridge = bridge;
	pci_set_drvdata(pdev, t);
	vat_debugfs = debugfs_create_dir("vcm_agp_test", NULL);
	debugfs_create_file("gatt", 0400, vat_debugfs, bridge, &vat_gatt_fops);
	if (idle) {
		pr_info("vcm_agp: bridge registered, left free\n");
		return 0;
	}
	t->acquired = agp_backend_acquire(pdev) == bridge;
	vat_report(t->acquired, "acquire");
	vat_run(t);
	vat_done();
	return 0;
}

static void vat_remove(struct pci_dev *pdev)
{
	struct vat *t = pci_get_drvdata(pdev);

	debugfs_remove_recursive(vat_debugfs);
	vat_debugfs = NULL;
	vat_teardown(t);
	if (t->acquired)
		agp_backend_release(t->bridge);
	agp_remove_bridge(t->bridge);
	agp_put_bridge(t->bridge);
	vat_bridge = NULL;
	kfree(t);
	vat_done();
}

static const struct pci_device_id vat_ids[] = {
	{ PCI_DEVICE(0x1b36, 0x0005) },	/* QEMU pci-testdev */
	{}
};

static struct pci_driver vat_pci_driver = {
	.name = "vcm_agp_test",
	.id_table = vat_ids,
	.probe = vat_probe,
	.remove = vat_remove,
};
module_pci_driver(vat_pci_driver);

MODULE_DESCRIPTION("VCM AGP backend test on a virtual AGP bridge");
MODULE_LICENSE("Dual MIT/GPL");
