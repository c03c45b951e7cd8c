// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * DMA-API ops for whitelisted devices: their dma_map_page(), dma_map_sg()
 * and dma_alloc_coherent() go through one shared VCM space and one shared
 * pool, without any VCM call in their drivers.
 */

/**
 * DOC: DMA-API ops
 *
 * ``vcm.ko`` can take over the DMA API of devices named in its
 * ``dma_devices`` parameter (device names, comma-separated, e.g.
 * ``dma_devices=0000:00:04.0,0000:00:05.0``) or written to the debugfs
 * file ``vcm/dma_devices`` (a name adds it, ``-name`` removes it; reading
 * lists each name with its state and live mappings). A PCI device on the
 * list gets VCM's &struct dma_map_ops when a driver binds to it *after*
 * the name was listed: the ops are installed from the driver-core
 * notification sent once the kernel has set up the device's DMA and before
 * the driver's probe, and removed by a devres action registered there, so
 * after every resource the driver's probe and life added to the device:
 * memory from dmam_alloc_coherent() is freed through VCM's ops, whether
 * the driver is unbound or its probe fails (-EPROBE_DEFER included; the
 * next probe gets the ops afresh). Devices bound earlier keep the kernel's
 * DMA ops.
 *
 * All such devices share the pool named by the ``dma_pool`` parameter
 * (default ``dma``, created with ``pools=dma:SIZE``) and, while one of them
 * is behind an IOMMU, one VCM space (owner ``vcm_dma``, device addresses
 * 1 MiB to 256 MiB, within the 28 bits of QEMU's edu):
 *
 * - Behind an IOMMU, VCM attaches one unmanaged IOMMU domain to every such
 *   device (iommu_attach_device(), so each must be alone in its IOMMU
 *   group) and to the space with drm_vcm_iommu_attach(). dma_map_page()
 *   and each entry of dma_map_sg() reserve a range of the space and bind
 *   the pages there; the device address is the IOVA. dma_alloc_coherent()
 *   takes a piece of the pool and binds it likewise. Unmapping unbinds and
 *   unreserves. From 6.12 on, the DMA API calls the IOMMU DMA layer
 *   directly for a device with &device.dma_iommu set, before looking at its
 *   ops; VCM clears that flag while its ops are installed and restores it
 *   afterwards. Before 6.12 the IOMMU DMA layer is itself the device's ops,
 *   which VCM's replace.
 * - Without an IOMMU nothing translates: dma_map_page() records the mapping
 *   and returns the page's address as the device sees it (phys_to_dma() of
 *   its physical address, which differs from it where the platform offsets
 *   bus addresses or encrypts memory), and dma_alloc_coherent() likewise
 *   for a piece of the pool. What the devices share is the pool; no space
 *   is made.
 *
 * dma_set_mask() and dma_set_coherent_mask() accept only masks that cover
 * what VCM may hand out: the end of the shared space behind an IOMMU, the
 * pool's last byte without one; a narrower mask is refused (-EIO), so a
 * driver learns at probe rather than at its first mapping.
 *
 * Atomic context: without an IOMMU, dma_map_page(), dma_map_sg() and their
 * unmapping never sleep (the mappings' index is an xarray under a
 * spinlock taken with interrupts off, records come from GFP_ATOMIC when
 * the caller may not sleep), so they work under a spinlock or in an
 * interrupt. Behind an IOMMU a mapping binds into VCM's space, which
 * sleeps: an atomic caller's mapping is refused (%DMA_MAPPING_ERROR, a
 * negative count from dma_map_sg()), while its unmapping works: the
 * mapping leaves the index at once and its IOVA is unbound by a work item,
 * or by the next mapping that may sleep, staying reserved until then.
 * Atomic context is told by the preemption count (and, with preemptible
 * RCU, the read-side depth); without CONFIG_PREEMPT_COUNT nothing could
 * tell, so VCM then takes over no device behind an IOMMU and never sleeps
 * in a mapping at all. dma_alloc_coherent() takes pool memory, which
 * sleeps: an allocation that may not block gets NULL. Both Debian kernels
 * have CONFIG_PREEMPT_COUNT.
 *
 * Mappings are found by device address in that xarray (keyed by 4 KiB
 * page; direct mappings of one page by several drivers share a key and a
 * short chain), not by a walk of every mapping.
 *
 * Limits, by design: there is no bounce buffering: a mapping beyond the
 * device's DMA mask fails (%DMA_MAPPING_ERROR). dma_alloc_coherent()
 * never falls back to other memory when the pool is used up; it returns
 * NULL. Only page, sg and
 * coherent mappings are provided: dma_map_resource(), dma_mmap_coherent(),
 * dma_get_sgtable() and dma_alloc_pages() on such a device are refused by
 * the DMA API. No sync op is needed on cache-coherent machines such as
 * x86; elsewhere VCM does not flush CPU caches for the device.
 * Scatterlists are mapped entry by entry, never merged.
 *
 * A driver that leaves mappings behind when it is unbound gets them
 * unmapped, with an error in the kernel log for each. Each device with
 * VCM's ops holds a reference on ``vcm.ko``, so it cannot be unloaded
 * under them.
 *
 * The feature needs dma_map_ops support in the kernel (CONFIG_DMA_OPS
 * before 6.12, CONFIG_ARCH_HAS_DMA_OPS from then on; both Debian kernels,
 * 6.1 and 6.12, have it) and PCI. Without them, ``dma_devices`` is refused
 * with a log line and ``vcm/dma_devices`` is not created.
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dma-direct.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/scatterlist.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include <drm/drm_vcm.h>

#include "../vcm_compat.h"
#include "../vcm_internal.h"

#if (IS_ENABLED(CONFIG_DMA_OPS) || IS_ENABLED(CONFIG_ARCH_HAS_DMA_OPS)) && \
	IS_ENABLED(CONFIG_PCI)
#define VCM_HAVE_DMA_OPS 1
#endif

static char *vcm_dma_devices_param;
module_param_named(dma_devices, vcm_dma_devices_param, charp, 0444);
MODULE_PARM_DESC(dma_devices,
		 "Devices whose DMA API goes through VCM when a driver binds to them: name[,name...]");

static char *vcm_dma_pool = "dma";
module_param_named(dma_pool, vcm_dma_pool, charp, 0444);
MODULE_PARM_DESC(dma_pool,
		 "Pool (see pools=) that dma_alloc_coherent() on those devices takes from");

#ifdef VCM_HAVE_DMA_OPS

#define VCM_DMA_START	SZ_1M
#define VCM_DMA_END	SZ_256M
#define VCM_DMA_NAME	32

/**
 * struct vcm_dma_dev - a whitelisted device name
 * @link: entry in the whitelist
 * @name: the device's name
 * @dev: the device while VCM's ops are installed, else NULL
 * @old_ops: its ops before
 * @old_dma_iommu: its &device.dma_iommu before
 * @iommu: attached to the shared IOMMU domain
 * @nmaps: live mappings
 *
 * The whitelist and @dev change under both the mutex and the index lock,
 * so that either is enough to read them; @nmaps under the index lock.
 */
struct vcm_dma_dev {
	struct list_head link;
	char name[VCM_DMA_NAME];
	struct device *dev;
	const struct dma_map_ops *old_ops;
	bool old_dma_iommu;
	bool iommu;
	unsigned int nmaps;
};

/**
 * struct vcm_dma_map - one live mapping or coherent allocation
 * @next: next mapping whose address has the same index key
 * @reap: entry on the list of teardowns deferred out of atomic context
 * @owner: the device
 * @addr: the device address handed out
 * @size: its size as the driver gave it
 * @res: the reservation in the shared space, NULL without an IOMMU
 * @pool_mem: the pool piece of a coherent allocation, else NULL
 */
struct vcm_dma_map {
	struct vcm_dma_map *next;
	struct llist_node reap;
	struct vcm_dma_dev *owner;
	dma_addr_t addr;
	size_t size;
	struct drm_vcm_res *res;
	struct drm_vcm_mem *pool_mem;
};

static void vcm_dma_reap_fn(struct work_struct *work);

static DEFINE_MUTEX(vcm_dma_lock); /* the whitelist, installs, the domain */
static LIST_HEAD(vcm_dma_devs);
static struct drm_vcm *vcm_dma_space; /* while a device is attached */
static struct iommu_domain *vcm_dma_domain;
static struct drm_vcm_mmu *vcm_dma_mmu;
static unsigned int vcm_dma_nattached;
static struct dentry *vcm_dma_dentry;

/*
 * Live mappings by device address (its 4 KiB page number): a chain of
 * those with the same key, which only direct mappings of one page share.
 * Its lock, taken with interrupts off, is the index lock.
 */
static DEFINE_XARRAY_FLAGS(vcm_dma_maps, XA_FLAGS_LOCK_IRQ);
static LLIST_HEAD(vcm_dma_reaped);
static DECLARE_WORK(vcm_dma_reap_work, vcm_dma_reap_fn);

static struct vcm_dma_dev *vcm_dma_find_name(const char *name)
{
	struct vcm_dma_dev *d;

	list_for_each_entry(d, &vcm_dma_devs, link)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

/* With the mutex or the index lock held. */
static struct vcm_dma_dev *vcm_dma_find_dev(struct device *dev)
{
	struct vcm_dma_dev *d;

	list_for_each_entry(d, &vcm_dma_devs, link)
		if (d->dev == dev)
			return d;
	return NULL;
}

/*
 * May this call sleep? With a preemption count every atomic context shows
 * (spinlocks, preemption or interrupts off, softirq, hardirq), and a
 * preemptible RCU read-side section shows in its own depth. Without one
 * nothing can tell: then nothing here may sleep, see vcm_dma_install().
 */
static bool vcm_dma_can_sleep(void)
{
	return IS_ENABLED(CONFIG_PREEMPT_COUNT) && preemptible() &&
	       !rcu_preempt_depth();
}

static u32 vcm_dma_flags(enum dma_data_direction dir)
{
	switch (dir) {
	case DMA_TO_DEVICE:
		return DRM_VCM_READ | DRM_VCM_SNOOP;
	case DMA_FROM_DEVICE:
		return DRM_VCM_WRITE | DRM_VCM_SNOOP;
	default:
		return DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP;
	}
}

static unsigned long vcm_dma_key(dma_addr_t addr)
{
	return (u64)addr >> VCM_PAGE_SHIFT;
}

/* Enter @map in the index. With the index lock held; never sleeps. */
static int vcm_dma_index_add(struct vcm_dma_map *map)
{
	unsigned long key = vcm_dma_key(map->addr);
	void *old;

	map->next = xa_load(&vcm_dma_maps, key);
	old = __xa_store(&vcm_dma_maps, key, map, GFP_ATOMIC);
	if (xa_is_err(old))
		return xa_err(old);
	map->owner->nmaps++;
	return 0;
}

/* Take @map out of the index. With the index lock held. */
static void vcm_dma_index_del(struct vcm_dma_map *map)
{
	unsigned long key = vcm_dma_key(map->addr);
	struct vcm_dma_map *p = xa_load(&vcm_dma_maps, key);

	if (p != map) {
		/* Another mapping heads the chain: unlink, the key stays. */
		while (p->next != map)
			p = p->next;
		p->next = map->next;
	} else if (map->next) {
		/* Replacing an entry allocates nothing. */
		__xa_store(&vcm_dma_maps, key, map->next, GFP_ATOMIC);
	} else {
		__xa_erase(&vcm_dma_maps, key);
	}
	map->owner->nmaps--;
}

/*
 * Find and take out @dev's mapping at @addr, a coherent allocation or a
 * streaming mapping as @coherent says; NULL if there is none.
 */
static struct vcm_dma_map *vcm_dma_index_take(struct device *dev,
					      dma_addr_t addr, bool coherent)
{
	struct vcm_dma_map *map;
	unsigned long flags;

	xa_lock_irqsave(&vcm_dma_maps, flags);
	for (map = xa_load(&vcm_dma_maps, vcm_dma_key(addr)); map;
	     map = map->next)
		if (map->owner->dev == dev && map->addr == addr &&
		    !map->pool_mem == !coherent)
			break;
	if (map)
		vcm_dma_index_del(map);
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	return map;
}

/* Undo what a mapping holds in VCM. Sleeps. */
static void vcm_dma_teardown(struct vcm_dma_map *map)
{
	if (map->res) {
		drm_vcm_unbind(map->res, 0);
		drm_vcm_unreserve(map->res);
	}
	drm_vcm_mem_put(map->pool_mem);
	kfree(map);
}

/* Tear down what atomic callers unmapped. */
static void vcm_dma_reap(void)
{
	struct vcm_dma_map *map, *tmp;
	struct llist_node *list = llist_del_all(&vcm_dma_reaped);

	llist_for_each_entry_safe(map, tmp, list, reap)
		vcm_dma_teardown(map);
}

static void vcm_dma_reap_fn(struct work_struct *work)
{
	vcm_dma_reap();
}

/*
 * A mapping out of the index is given back: now if possible, else (an
 * atomic caller, behind an IOMMU) by the reaper, before the next mapping
 * that may sleep. Its IOVA stays reserved until then, so it cannot be
 * handed out twice.
 */
static void vcm_dma_release(struct vcm_dma_map *map)
{
	if (!map->res && !map->pool_mem) {
		kfree(map);
	} else if (vcm_dma_can_sleep()) {
		vcm_dma_teardown(map);
	} else {
		llist_add(&map->reap, &vcm_dma_reaped);
		schedule_work(&vcm_dma_reap_work);
	}
}

/*
 * Map [@phys, @phys + @size) for @dev: bound into the shared space behind
 * an IOMMU (@pool_mem given for pool pieces, else made here), phys_to_dma()
 * of it without. Returns the device address or DMA_MAPPING_ERROR. Without
 * an IOMMU this never sleeps, so atomic callers get their mapping; behind
 * one, VCM's space sleeps, and an atomic caller is refused.
 */
static dma_addr_t vcm_dma_map(struct device *dev, phys_addr_t phys,
			      size_t size, u32 flags, u64 mask,
			      struct drm_vcm_mem *pool_mem)
{
	phys_addr_t start = round_down(phys, SZ_4K);
	u64 len = round_up(phys + size, SZ_4K) - start;
	bool sleep = vcm_dma_can_sleep();
	struct drm_vcm_mem *mem = pool_mem;
	struct vcm_dma_map *map;
	unsigned long irqflags;
	struct vcm_dma_dev *d;
	int ret;

	if (sleep)
		vcm_dma_reap();
	map = kzalloc(sizeof(*map), sleep ? GFP_KERNEL : GFP_ATOMIC);
	if (!map)
		return DMA_MAPPING_ERROR;
	xa_lock_irqsave(&vcm_dma_maps, irqflags);
	d = vcm_dma_find_dev(dev);
	xa_unlock_irqrestore(&vcm_dma_maps, irqflags);
	/* The device's driver is mapping: @d cannot go away meanwhile. */
	if (!d || (d->iommu && !sleep))
		goto err_free;
	map->owner = d;
	map->size = size;
	map->pool_mem = pool_mem;
	map->addr = phys_to_dma(dev, phys);
	if (d->iommu) {
		map->res = drm_vcm_reserve(vcm_dma_space, len, SZ_4K);
		if (IS_ERR(map->res)) {
			map->res = NULL;
			goto err_free;
		}
		if (!mem)
			mem = drm_vcm_mem_contig(NULL, start, len,
						 DRM_VCM_LOC_SYSTEM);
		ret = IS_ERR(mem) ? PTR_ERR(mem) :
			drm_vcm_bind(map->res, 0, len, mem, 0, flags);
		if (!IS_ERR(mem) && !pool_mem)
			drm_vcm_mem_put(mem);
		if (ret)
			goto err_undo;
		map->addr = drm_vcm_res_addr(map->res) + (phys - start);
	}
	if (map->addr + size - 1 > mask) {
		dev_dbg(dev, "vcm: dma: %pad beyond the DMA mask\n", &map->addr);
		goto err_undo;
	}
	xa_lock_irqsave(&vcm_dma_maps, irqflags);
	ret = vcm_dma_index_add(map);
	xa_unlock_irqrestore(&vcm_dma_maps, irqflags);
	if (ret)
		goto err_undo;
	return map->addr;

err_undo:
	/* Unbinding what the bind refused is -ENOENT, and harmless. */
	if (map->res) {
		drm_vcm_unbind(map->res, 0);
		drm_vcm_unreserve(map->res);
	}
err_free:
	kfree(map);
	return DMA_MAPPING_ERROR;
}

static void vcm_dma_unmap(struct device *dev, dma_addr_t addr, bool coherent)
{
	struct vcm_dma_map *map = vcm_dma_index_take(dev, addr, coherent);

	if (!map) {
		dev_err(dev, "vcm: dma: %s of %pad, which is not %s\n",
			coherent ? "free" : "unmap", &addr,
			coherent ? "allocated" : "mapped");
		return;
	}
	vcm_dma_release(map);
}

static dma_addr_t vcm_dma_map_page(struct device *dev, struct page *page,
				   unsigned long offset, size_t size,
				   enum dma_data_direction dir,
				   unsigned long attrs)
{
	if (!size)
		return DMA_MAPPING_ERROR;
	return vcm_dma_map(dev, page_to_phys(page) + offset, size,
			   vcm_dma_flags(dir), dma_get_mask(dev), NULL);
}

static void vcm_dma_unmap_page(struct device *dev, dma_addr_t addr,
			       size_t size, enum dma_data_direction dir,
			       unsigned long attrs)
{
	vcm_dma_unmap(dev, addr, false);
}

static void vcm_dma_unmap_sg(struct device *dev, struct scatterlist *sgl,
			     int nents, enum dma_data_direction dir,
			     unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i)
		vcm_dma_unmap(dev, sg_dma_address(sg), false);
}

static int vcm_dma_map_sg(struct device *dev, struct scatterlist *sgl,
			  int nents, enum dma_data_direction dir,
			  unsigned long attrs)
{
	struct scatterlist *sg;
	dma_addr_t addr;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		addr = vcm_dma_map_page(dev, sg_page(sg), sg->offset,
					sg->length, dir, attrs);
		if (addr == DMA_MAPPING_ERROR) {
			vcm_dma_unmap_sg(dev, sgl, i, dir, attrs);
			return -ENOMEM;
		}
		sg_dma_address(sg) = addr;
		sg_dma_len(sg) = sg->length;
	}
	return nents;
}

static void *vcm_dma_alloc(struct device *dev, size_t size,
			   dma_addr_t *handle, gfp_t gfp, unsigned long attrs)
{
	struct drm_vcm_mem *mem;
	dma_addr_t addr;

	if (!size || !gfpflags_allow_blocking(gfp) || !vcm_dma_can_sleep())
		return NULL;
	mem = drm_vcm_mem_from_pool(vcm_dma_pool, round_up(size, SZ_4K));
	if (IS_ERR(mem)) {
		dev_dbg(dev, "vcm: dma: no %zu bytes in pool %s (%ld)\n",
			size, vcm_dma_pool, PTR_ERR(mem));
		return NULL;
	}
	addr = vcm_dma_map(dev, mem->segs[0].addr, size,
			   DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
			   dev->coherent_dma_mask, mem);
	if (addr == DMA_MAPPING_ERROR) {
		drm_vcm_mem_put(mem);
		return NULL;
	}
	*handle = addr;
	/* Pools are lowmem from the page allocator: in the linear map. */
	return phys_to_virt(mem->segs[0].addr);
}

static void vcm_dma_free(struct device *dev, size_t size, void *cpu,
			 dma_addr_t addr, unsigned long attrs)
{
	vcm_dma_unmap(dev, addr, true);
}

/*
 * Can the device reach everything VCM may hand it? Behind the IOMMU every
 * address lies in the shared space, so the mask must cover its end;
 * without one, coherent memory comes from the pool only, so the mask must
 * cover the pool's last byte as the device sees it. Streaming mappings of
 * pages beyond the mask fail one by one (there is no bouncing).
 */
static int vcm_dma_supported(struct device *dev, u64 mask)
{
	struct vcm_pool *pool = vcm_pool_lookup(vcm_dma_pool);
	struct vcm_dma_dev *d;
	unsigned long flags;
	u64 need = 0;

	xa_lock_irqsave(&vcm_dma_maps, flags);
	d = vcm_dma_find_dev(dev);
	if (d && d->iommu)
		need = VCM_DMA_END - 1;
	else if (d && pool)
		need = phys_to_dma(dev, pool->base + pool->size - 1);
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	return d && mask >= need;
}

static const struct dma_map_ops vcm_dma_ops = {
	.dma_supported = vcm_dma_supported,
	.alloc = vcm_dma_alloc,
	.free = vcm_dma_free,
	.map_page = vcm_dma_map_page,
	.unmap_page = vcm_dma_unmap_page,
	.map_sg = vcm_dma_map_sg,
	.unmap_sg = vcm_dma_unmap_sg,
};

#if IS_ENABLED(CONFIG_IOMMU_API)
/* The last device left the shared domain: free it, and the space. */
static void vcm_dma_put_domain(void)
{
	drm_vcm_mmu_detach(vcm_dma_mmu);
	iommu_domain_free(vcm_dma_domain);
	drm_vcm_destroy(vcm_dma_space);
	vcm_dma_mmu = NULL;
	vcm_dma_domain = NULL;
	vcm_dma_space = NULL;
}

/*
 * Put @d's device behind the shared domain, made with the shared space on
 * first use.
 */
static int vcm_dma_attach(struct vcm_dma_dev *d)
{
	struct iommu_domain *domain;
	struct drm_vcm_mmu *mmu;
	int ret;

	if (!vcm_dma_domain) {
		vcm_dma_space = drm_vcm_create(VCM_DMA_START,
					       VCM_DMA_END - VCM_DMA_START);
		if (IS_ERR(vcm_dma_space)) {
			ret = PTR_ERR(vcm_dma_space);
			vcm_dma_space = NULL;
			return ret;
		}
		drm_vcm_set_owner(vcm_dma_space, "vcm_dma");
		domain = vcm_compat_paging_domain_alloc(d->dev);
		mmu = IS_ERR(domain) ? ERR_CAST(domain) :
			drm_vcm_iommu_attach(vcm_dma_space, domain);
		if (IS_ERR(mmu)) {
			if (!IS_ERR(domain))
				iommu_domain_free(domain);
			drm_vcm_destroy(vcm_dma_space);
			vcm_dma_space = NULL;
			return PTR_ERR(mmu);
		}
		vcm_dma_domain = domain;
		vcm_dma_mmu = mmu;
	}
	ret = iommu_attach_device(vcm_dma_domain, d->dev);
	if (!ret) {
		vcm_dma_nattached++;
		d->iommu = true;
	} else if (!vcm_dma_nattached) {
		vcm_dma_put_domain();
	}
	return ret;
}

static void vcm_dma_detach(struct vcm_dma_dev *d)
{
	if (!d->iommu)
		return;
	iommu_detach_device(vcm_dma_domain, d->dev);
	d->iommu = false;
	if (!--vcm_dma_nattached)
		vcm_dma_put_domain();
}

static bool vcm_dma_behind_iommu(struct device *dev)
{
	struct iommu_group *group = iommu_group_get(dev);

	iommu_group_put(group);
	return group;
}
#else
static int vcm_dma_attach(struct vcm_dma_dev *d)
{
	return -ENODEV;
}

static void vcm_dma_detach(struct vcm_dma_dev *d) { }

static bool vcm_dma_behind_iommu(struct device *dev)
{
	return false;
}
#endif

/* The driver of @d's device is gone: undo what it left, give the ops back. */
static void vcm_dma_uninstall(struct vcm_dma_dev *d)
{
	struct device *dev = d->dev;
	struct vcm_dma_map *map;
	unsigned long key, flags;

	mutex_lock(&vcm_dma_lock);
	for (;;) {
		struct vcm_dma_map *found = NULL;

		xa_lock_irqsave(&vcm_dma_maps, flags);
		xa_for_each(&vcm_dma_maps, key, map) {
			for (; map && !found; map = map->next)
				if (map->owner == d)
					found = map;
			if (found)
				break;
		}
		if (found)
			vcm_dma_index_del(found);
		xa_unlock_irqrestore(&vcm_dma_maps, flags);
		if (!found)
			break;
		dev_err(dev, "vcm: dma: driver left %s of %zu bytes at %pad; unmapping it\n",
			found->pool_mem ? "an allocation" : "a mapping",
			found->size, &found->addr);
		vcm_dma_teardown(found);
	}
	/* Unmaps atomic callers left to the reaper, before the domain goes. */
	flush_work(&vcm_dma_reap_work);
	vcm_dma_reap();
	set_dma_ops(dev, d->old_ops);
	vcm_compat_dma_iommu_swap(dev, d->old_dma_iommu);
	vcm_dma_detach(d);
	xa_lock_irqsave(&vcm_dma_maps, flags);
	d->dev = NULL;
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	dev_info(dev, "vcm: dma: DMA API given back\n");
	mutex_unlock(&vcm_dma_lock);
	module_put(THIS_MODULE);
}

/*
 * VCM's ops go with the driver's devres, as the last of them: registered
 * before the probe, released after everything the driver's probe or its
 * life registered, dmam_alloc_coherent() memory included, which is so
 * freed through VCM's ops while they are still installed. This holds for
 * a probe that fails (-EPROBE_DEFER included: the next probe installs
 * afresh) as for an unbind, where the driver core's notifications would
 * come too early (a failed probe's comes before its devres is released).
 */
static void vcm_dma_devres_release(void *data)
{
	vcm_dma_uninstall(data);
}

/* A driver is about to probe @dev: give it VCM's ops if it is listed. */
static void vcm_dma_install(struct device *dev)
{
	struct vcm_dma_dev *d;
	unsigned long flags;
	int ret;

	mutex_lock(&vcm_dma_lock);
	d = vcm_dma_find_name(dev_name(dev));
	if (!d || d->dev)
		goto out;
	if (vcm_dma_behind_iommu(dev) && !IS_ENABLED(CONFIG_PREEMPT_COUNT)) {
		/* VCM's space sleeps, and nothing would tell it may not. */
		dev_err(dev, "vcm: dma: behind an IOMMU, VCM's ops need CONFIG_PREEMPT_COUNT; DMA API left as it was\n");
		goto out;
	}
	if (!try_module_get(THIS_MODULE))
		goto out;
	d->old_ops = get_dma_ops(dev);
	xa_lock_irqsave(&vcm_dma_maps, flags);
	d->dev = dev;
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	if (vcm_dma_behind_iommu(dev)) {
		ret = vcm_dma_attach(d);
		if (ret) {
			dev_err(dev, "vcm: dma: cannot attach VCM's IOMMU domain (%d); DMA API left as it was\n",
				ret);
			goto err_put;
		}
	}
	d->old_dma_iommu = vcm_compat_dma_iommu_swap(dev, false);
	set_dma_ops(dev, &vcm_dma_ops);
	mutex_unlock(&vcm_dma_lock);
	/* On failure it has already run: the DMA API is the kernel's again. */
	ret = devm_add_action_or_reset(dev, vcm_dma_devres_release, d);
	if (!ret)
		dev_info(dev, "vcm: dma: DMA API through VCM (%s)\n",
			 d->iommu ? "iommu" : "direct");
	return;

err_put:
	xa_lock_irqsave(&vcm_dma_maps, flags);
	d->dev = NULL;
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	module_put(THIS_MODULE);
out:
	mutex_unlock(&vcm_dma_lock);
}

static int vcm_dma_notify(struct notifier_block *nb, unsigned long action,
			  void *data)
{
	if (action == BUS_NOTIFY_BIND_DRIVER)
		vcm_dma_install(data);
	return NOTIFY_DONE;
}

static struct notifier_block vcm_dma_nb = {
	.notifier_call = vcm_dma_notify,
};

/* Add @name to the whitelist; called with the mutex held. */
static int vcm_dma_list_add(const char *name)
{
	struct vcm_dma_dev *d;
	unsigned long flags;

	if (!*name || strlen(name) >= VCM_DMA_NAME)
		return -EINVAL;
	if (vcm_dma_find_name(name))
		return 0;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	strscpy(d->name, name, sizeof(d->name));
	xa_lock_irqsave(&vcm_dma_maps, flags);
	list_add_tail(&d->link, &vcm_dma_devs);
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	return 0;
}

static int vcm_dma_list_del(const char *name)
{
	struct vcm_dma_dev *d = vcm_dma_find_name(name);
	unsigned long flags;

	if (!d)
		return -ENOENT;
	if (d->dev)
		return -EBUSY;
	xa_lock_irqsave(&vcm_dma_maps, flags);
	list_del(&d->link);
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	kfree(d);
	return 0;
}

static int vcm_dma_devices_show(struct seq_file *m, void *unused)
{
	struct vcm_dma_dev *d;
	unsigned long flags;

	seq_puts(m, "# name state mappings\n");
	mutex_lock(&vcm_dma_lock);
	xa_lock_irqsave(&vcm_dma_maps, flags);
	list_for_each_entry(d, &vcm_dma_devs, link)
		seq_printf(m, "%s %s %u\n", d->name,
			   !d->dev ? "waiting" : d->iommu ? "iommu" : "direct",
			   d->nmaps);
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	mutex_unlock(&vcm_dma_lock);
	return 0;
}

static int vcm_dma_devices_open(struct inode *inode, struct file *file)
{
	return single_open(file, vcm_dma_devices_show, NULL);
}

static ssize_t vcm_dma_devices_write(struct file *file,
				     const char __user *ubuf, size_t len,
				     loff_t *pos)
{
	char buf[VCM_DMA_NAME + 2], *name;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	name = strim(buf);
	mutex_lock(&vcm_dma_lock);
	if (*name == '-')
		ret = vcm_dma_list_del(name + 1);
	else
		ret = vcm_dma_list_add(name);
	mutex_unlock(&vcm_dma_lock);
	return ret ?: len;
}

static const struct file_operations vcm_dma_devices_fops = {
	.owner = THIS_MODULE,
	.open = vcm_dma_devices_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = vcm_dma_devices_write,
};

/**
 * vcm_dma_ops_init - set up the whitelist and the shared space
 *
 * Returns: 0; -EINVAL for a malformed ``dma_devices``; -ENOMEM.
 */
int vcm_dma_ops_init(void)
{
	char *buf = NULL, *cur, *name;
	struct dentry *dir;
	int ret = 0;

	if (vcm_dma_devices_param) {
		buf = kstrdup(vcm_dma_devices_param, GFP_KERNEL);
		if (!buf)
			ret = -ENOMEM;
	}
	cur = buf;
	mutex_lock(&vcm_dma_lock);
	while (!ret && cur && (name = strsep(&cur, ",")))
		ret = vcm_dma_list_add(name);
	mutex_unlock(&vcm_dma_lock);
	kfree(buf);
	if (!ret)
		ret = bus_register_notifier(&pci_bus_type, &vcm_dma_nb);
	if (ret) {
		pr_err("vcm: dma_devices=%s refused (%d)\n",
		       vcm_dma_devices_param, ret);
		vcm_dma_ops_fini();
		return ret;
	}
	dir = debugfs_lookup("vcm", NULL);
	if (!IS_ERR_OR_NULL(dir)) {
		vcm_dma_dentry = debugfs_create_file("dma_devices", 0600, dir,
						     NULL,
						     &vcm_dma_devices_fops);
		dput(dir);
	}
	return 0;
}

/**
 * vcm_dma_ops_fini - undo vcm_dma_ops_init() at unload
 *
 * No device has VCM's ops by then: each holds a reference on the module.
 */
void vcm_dma_ops_fini(void)
{
	struct vcm_dma_dev *d, *tmp;

	debugfs_remove(vcm_dma_dentry);
	vcm_dma_dentry = NULL;
	bus_unregister_notifier(&pci_bus_type, &vcm_dma_nb);
	flush_work(&vcm_dma_reap_work);
	list_for_each_entry_safe(d, tmp, &vcm_dma_devs, link) {
		list_del(&d->link);
		kfree(d);
	}
}

#else /* !VCM_HAVE_DMA_OPS */

int vcm_dma_ops_init(void)
{
	if (!vcm_dma_devices_param)
		return 0;
	pr_err("vcm: dma_devices needs a kernel with dma_map_ops (CONFIG_DMA_OPS or CONFIG_ARCH_HAS_DMA_OPS)\n");
	return -EINVAL;
}

void vcm_dma_ops_fini(void) { }

#endif /* VCM_HAVE_DMA_OPS */
