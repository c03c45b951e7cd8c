// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The mappings of VCM's DMA-API ops: the whitelist of device names, the
 * index of live mappings by device address, mapping and unmapping through
 * the shared space (behind an IOMMU) or directly (without one), and the
 * &struct dma_map_ops that vcm_dma_ops.c installs. See the DOC there.
 */

#include <linux/device.h>
#include <linux/dma-direct.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/scatterlist.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include <drm/drm_vcm.h>

#include "../vcm_internal.h"
#include "vcm_dma.h"

char *vcm_dma_pool = "dma";
module_param_named(dma_pool, vcm_dma_pool, charp, 0444);
MODULE_PARM_DESC(dma_pool,
		 "Pool (see pools=) that dma_alloc_coherent() on those devices takes from");

#ifdef VCM_HAVE_DMA_OPS

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

static LIST_HEAD(vcm_dma_devs);

/*
 * Live mappings by device address (its 4 KiB page number): a chain of
 * those with the same key, which only direct mappings of one page share.
 * Its lock, taken with interrupts off, is the index lock.
 */
static DEFINE_XARRAY_FLAGS(vcm_dma_maps, XA_FLAGS_LOCK_IRQ);
static LLIST_HEAD(vcm_dma_reaped);
static DECLARE_WORK(vcm_dma_reap_work, vcm_dma_reap_fn);

/*
 * The whitelist's entry for @name, or NULL. With vcm_dma_ops.c's mutex
 * held, as every change of the whitelist here.
 */
struct vcm_dma_dev *vcm_dma_find_name(const char *name)
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
 * nothing can tell: then nothing here may sleep, see vcm_dma_install()
 * in vcm_dma_ops.c.
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
	if (!d || (d->space && !sleep))
		goto err_free;
	map->owner = d;
	map->size = size;
	map->pool_mem = pool_mem;
	map->addr = phys_to_dma(dev, phys);
	if (d->space) {
		map->res = drm_vcm_reserve(d->space, len, SZ_4K);
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
	if (d && d->space)
		need = VCM_DMA_END - 1;
	else if (d && pool)
		need = phys_to_dma(dev, pool->base + pool->size - 1);
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
	return d && mask >= need;
}

const struct dma_map_ops vcm_dma_ops = {
	.dma_supported = vcm_dma_supported,
	.alloc = vcm_dma_alloc,
	.free = vcm_dma_free,
	.map_page = vcm_dma_map_page,
	.unmap_page = vcm_dma_unmap_page,
	.map_sg = vcm_dma_map_sg,
	.unmap_sg = vcm_dma_unmap_sg,
};

/* Add @name to the whitelist. */
int vcm_dma_list_add(const char *name)
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

/* Take @name off the whitelist, unless its device has VCM's ops. */
int vcm_dma_list_del(const char *name)
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

/* Empty the whitelist at unload, when no device has VCM's ops. */
void vcm_dma_list_free(void)
{
	struct vcm_dma_dev *d, *tmp;

	list_for_each_entry_safe(d, tmp, &vcm_dma_devs, link) {
		list_del(&d->link);
		kfree(d);
	}
}

/* @d's device is @dev from now on (NULL: none). */
void vcm_dma_set_dev(struct vcm_dma_dev *d, struct device *dev)
{
	unsigned long flags;

	xa_lock_irqsave(&vcm_dma_maps, flags);
	d->dev = dev;
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
}

/* One line per listed name: its state and live mappings. */
void vcm_dma_list_show(struct seq_file *m)
{
	struct vcm_dma_dev *d;
	unsigned long flags;

	xa_lock_irqsave(&vcm_dma_maps, flags);
	list_for_each_entry(d, &vcm_dma_devs, link)
		seq_printf(m, "%s %s %u\n", d->name,
			   !d->dev ? "waiting" : d->space ? "iommu" : "direct",
			   d->nmaps);
	xa_unlock_irqrestore(&vcm_dma_maps, flags);
}

/*
 * The driver of @d's device is gone: unmap what it left, with an error for
 * each, and what atomic callers left to the reaper. Sleeps.
 */
void vcm_dma_unmap_all(struct vcm_dma_dev *d)
{
	struct vcm_dma_map *map;
	unsigned long key, flags;

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
		dev_err(d->dev, "vcm: dma: driver left %s of %zu bytes at %pad; unmapping it\n",
			found->pool_mem ? "an allocation" : "a mapping",
			found->size, &found->addr);
		vcm_dma_teardown(found);
	}
	flush_work(&vcm_dma_reap_work);
	vcm_dma_reap();
}

/* Wait for the reaper at unload. */
void vcm_dma_reap_flush(void)
{
	flush_work(&vcm_dma_reap_work);
}

#endif /* VCM_HAVE_DMA_OPS */
