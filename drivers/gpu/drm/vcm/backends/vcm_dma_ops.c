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
 * the driver's probe, and removed after the driver is unbound. Devices
 * bound earlier keep the kernel's DMA ops.
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
 * Limits, by design: VCM sleeps (mutexes, GFP_KERNEL), so a mapping asked
 * for in atomic context fails (%DMA_MAPPING_ERROR, a negative count from
 * dma_map_sg(), NULL from an allocation that may not block) instead of
 * sleeping. There is no bounce buffering: an address beyond the device's
 * DMA mask fails the same way. dma_alloc_coherent() never falls back to
 * other memory when the pool is used up; it returns NULL. Only page, sg and
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
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/preempt.h>
#include <linux/scatterlist.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

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
 * @link: entry in the list of mappings
 * @owner: the device
 * @addr: the device address handed out
 * @size: its size as the driver gave it
 * @res: the reservation in the shared space, NULL without an IOMMU
 * @pool_mem: the pool piece of a coherent allocation, else NULL
 */
struct vcm_dma_map {
	struct list_head link;
	struct vcm_dma_dev *owner;
	dma_addr_t addr;
	size_t size;
	struct drm_vcm_res *res;
	struct drm_vcm_mem *pool_mem;
};

static DEFINE_MUTEX(vcm_dma_lock); /* everything below */
static LIST_HEAD(vcm_dma_devs);
static LIST_HEAD(vcm_dma_maps);
static struct drm_vcm *vcm_dma_space; /* while a device is attached */
static struct iommu_domain *vcm_dma_domain;
static struct drm_vcm_mmu *vcm_dma_mmu;
static unsigned int vcm_dma_nattached;
static struct dentry *vcm_dma_dentry;

static struct vcm_dma_dev *vcm_dma_find_name(const char *name)
{
	struct vcm_dma_dev *d;

	list_for_each_entry(d, &vcm_dma_devs, link)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

static struct vcm_dma_dev *vcm_dma_find_dev(struct device *dev)
{
	struct vcm_dma_dev *d;

	list_for_each_entry(d, &vcm_dma_devs, link)
		if (d->dev == dev)
			return d;
	return NULL;
}

/*
 * VCM sleeps: refuse rather than sleep where the caller may not. Without
 * a preemption count, a spinlock held cannot be seen; Debian's kernels
 * have one.
 */
static bool vcm_dma_can_sleep(void)
{
	if (IS_ENABLED(CONFIG_PREEMPT_COUNT))
		return preemptible();
	return in_task() && !irqs_disabled();
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

/*
 * Record a mapping of [@phys, @phys + @size) for @d: bound into the space
 * behind an IOMMU (@mem given for pool pieces, else made here), the
 * physical address itself without. Returns the device address or
 * DMA_MAPPING_ERROR. Called with the lock held.
 */
static dma_addr_t vcm_dma_add(struct vcm_dma_dev *d, phys_addr_t phys,
			      size_t size, u32 flags, u64 mask,
			      struct drm_vcm_mem *pool_mem)
{
	phys_addr_t start = round_down(phys, SZ_4K);
	u64 len = round_up(phys + size, SZ_4K) - start;
	struct drm_vcm_mem *mem = pool_mem;
	struct vcm_dma_map *map;
	int ret;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return DMA_MAPPING_ERROR;
	map->owner = d;
	map->size = size;
	map->pool_mem = pool_mem;
	/* Without an IOMMU, what the device sees of @phys. */
	map->addr = phys_to_dma(d->dev, phys);
	if (d->iommu) {
		map->res = drm_vcm_reserve(vcm_dma_space, len, SZ_4K);
		if (IS_ERR(map->res))
			goto err_free;
		if (!mem)
			mem = drm_vcm_mem_contig(NULL, start, len,
						 DRM_VCM_LOC_SYSTEM);
		ret = IS_ERR(mem) ? PTR_ERR(mem) :
			drm_vcm_bind(map->res, 0, len, mem, 0, flags);
		if (!IS_ERR(mem) && !pool_mem)
			drm_vcm_mem_put(mem);
		if (ret)
			goto err_unreserve;
		map->addr = drm_vcm_res_addr(map->res) + (phys - start);
	}
	if (map->addr + size - 1 > mask) {
		dev_dbg(d->dev, "vcm: dma: %pad beyond the DMA mask\n",
			&map->addr);
		if (map->res)
			drm_vcm_unbind(map->res, 0);
		goto err_unreserve;
	}
	list_add_tail(&map->link, &vcm_dma_maps);
	d->nmaps++;
	return map->addr;

err_unreserve:
	if (map->res)
		drm_vcm_unreserve(map->res);
err_free:
	kfree(map);
	return DMA_MAPPING_ERROR;
}

/* Undo one mapping. Called with the lock held. */
static void vcm_dma_del(struct vcm_dma_map *map)
{
	list_del(&map->link);
	map->owner->nmaps--;
	if (map->res) {
		drm_vcm_unbind(map->res, 0);
		drm_vcm_unreserve(map->res);
	}
	if (map->pool_mem)
		drm_vcm_mem_put(map->pool_mem);
	kfree(map);
}

static struct vcm_dma_map *vcm_dma_lookup(struct device *dev, dma_addr_t addr)
{
	struct vcm_dma_map *map;

	list_for_each_entry(map, &vcm_dma_maps, link)
		if (map->owner->dev == dev && map->addr == addr)
			return map;
	return NULL;
}

static dma_addr_t vcm_dma_map_page(struct device *dev, struct page *page,
				   unsigned long offset, size_t size,
				   enum dma_data_direction dir,
				   unsigned long attrs)
{
	dma_addr_t addr = DMA_MAPPING_ERROR;
	struct vcm_dma_dev *d;

	if (!size || !vcm_dma_can_sleep())
		return DMA_MAPPING_ERROR;
	mutex_lock(&vcm_dma_lock);
	d = vcm_dma_find_dev(dev);
	if (d)
		addr = vcm_dma_add(d, page_to_phys(page) + offset, size,
				   vcm_dma_flags(dir), dma_get_mask(dev),
				   NULL);
	mutex_unlock(&vcm_dma_lock);
	return addr;
}

static void vcm_dma_unmap_page(struct device *dev, dma_addr_t addr,
			       size_t size, enum dma_data_direction dir,
			       unsigned long attrs)
{
	struct vcm_dma_map *map;

	mutex_lock(&vcm_dma_lock);
	map = vcm_dma_lookup(dev, addr);
	if (map && !map->pool_mem)
		vcm_dma_del(map);
	else
		dev_err(dev, "vcm: dma: unmap of %pad, which is not mapped\n",
			&addr);
	mutex_unlock(&vcm_dma_lock);
}

static void vcm_dma_unmap_sg(struct device *dev, struct scatterlist *sgl,
			     int nents, enum dma_data_direction dir,
			     unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i)
		vcm_dma_unmap_page(dev, sg_dma_address(sg), sg_dma_len(sg),
				   dir, attrs);
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
	struct vcm_dma_dev *d;
	dma_addr_t addr;

	if (!size || !gfpflags_allow_blocking(gfp) || !vcm_dma_can_sleep())
		return NULL;
	mem = drm_vcm_mem_from_pool(vcm_dma_pool, round_up(size, SZ_4K));
	if (IS_ERR(mem)) {
		dev_dbg(dev, "vcm: dma: no %zu bytes in pool %s (%ld)\n",
			size, vcm_dma_pool, PTR_ERR(mem));
		return NULL;
	}
	mutex_lock(&vcm_dma_lock);
	d = vcm_dma_find_dev(dev);
	addr = d ? vcm_dma_add(d, mem->segs[0].addr, size,
			       DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
			       dev->coherent_dma_mask, mem) :
		DMA_MAPPING_ERROR;
	mutex_unlock(&vcm_dma_lock);
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
	struct vcm_dma_map *map;

	mutex_lock(&vcm_dma_lock);
	map = vcm_dma_lookup(dev, addr);
	if (map && map->pool_mem)
		vcm_dma_del(map);
	else
		dev_err(dev, "vcm: dma: free of %pad, which is not allocated\n",
			&addr);
	mutex_unlock(&vcm_dma_lock);
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
	u64 need = 0;

	mutex_lock(&vcm_dma_lock);
	d = vcm_dma_find_dev(dev);
	if (d && d->iommu)
		need = VCM_DMA_END - 1;
	else if (d && pool)
		need = phys_to_dma(dev, pool->base + pool->size - 1);
	mutex_unlock(&vcm_dma_lock);
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

/* A driver is about to probe @dev: give it VCM's ops if it is listed. */
static void vcm_dma_install(struct device *dev)
{
	struct vcm_dma_dev *d;
	int ret;

	mutex_lock(&vcm_dma_lock);
	d = vcm_dma_find_name(dev_name(dev));
	if (!d || d->dev || !try_module_get(THIS_MODULE))
		goto out;
	d->dev = dev;
	if (vcm_dma_behind_iommu(dev)) {
		ret = vcm_dma_attach(d);
		if (ret) {
			dev_err(dev, "vcm: dma: cannot attach VCM's IOMMU domain (%d); DMA API left as it was\n",
				ret);
			d->dev = NULL;
			module_put(THIS_MODULE);
			goto out;
		}
	}
	d->old_ops = get_dma_ops(dev);
	d->old_dma_iommu = vcm_compat_dma_iommu_swap(dev, false);
	set_dma_ops(dev, &vcm_dma_ops);
	dev_info(dev, "vcm: dma: DMA API through VCM (%s)\n",
		 d->iommu ? "iommu" : "direct");
out:
	mutex_unlock(&vcm_dma_lock);
}

/* The driver of @dev is gone: undo what it left, give the old ops back. */
static void vcm_dma_uninstall(struct device *dev)
{
	struct vcm_dma_map *map, *tmp;
	struct vcm_dma_dev *d;

	mutex_lock(&vcm_dma_lock);
	d = vcm_dma_find_dev(dev);
	if (!d)
		goto out;
	list_for_each_entry_safe(map, tmp, &vcm_dma_maps, link) {
		if (map->owner != d)
			continue;
		dev_err(dev, "vcm: dma: driver left %s of %zu bytes at %pad; unmapping it\n",
			map->pool_mem ? "an allocation" : "a mapping",
			map->size, &map->addr);
		vcm_dma_del(map);
	}
	set_dma_ops(dev, d->old_ops);
	vcm_compat_dma_iommu_swap(dev, d->old_dma_iommu);
	vcm_dma_detach(d);
	d->dev = NULL;
	module_put(THIS_MODULE);
	dev_info(dev, "vcm: dma: DMA API given back\n");
out:
	mutex_unlock(&vcm_dma_lock);
}

static int vcm_dma_notify(struct notifier_block *nb, unsigned long action,
			  void *data)
{
	switch (action) {
	case BUS_NOTIFY_BIND_DRIVER:
		vcm_dma_install(data);
		break;
	case BUS_NOTIFY_UNBOUND_DRIVER:
	case BUS_NOTIFY_DRIVER_NOT_BOUND:
		vcm_dma_uninstall(data);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block vcm_dma_nb = {
	.notifier_call = vcm_dma_notify,
};

/* Add @name to the whitelist; called with the lock held. */
static int vcm_dma_list_add(const char *name)
{
	struct vcm_dma_dev *d;

	if (!*name || strlen(name) >= VCM_DMA_NAME)
		return -EINVAL;
	if (vcm_dma_find_name(name))
		return 0;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	strscpy(d->name, name, sizeof(d->name));
	list_add_tail(&d->link, &vcm_dma_devs);
	return 0;
}

static int vcm_dma_list_del(const char *name)
{
	struct vcm_dma_dev *d = vcm_dma_find_name(name);

	if (!d)
		return -ENOENT;
	if (d->dev)
		return -EBUSY;
	list_del(&d->link);
	kfree(d);
	return 0;
}

static int vcm_dma_devices_show(struct seq_file *m, void *unused)
{
	struct vcm_dma_dev *d;

	seq_puts(m, "# name state mappings\n");
	mutex_lock(&vcm_dma_lock);
	list_for_each_entry(d, &vcm_dma_devs, link)
		seq_printf(m, "%s %s %u\n", d->name,
			   !d->dev ? "waiting" : d->iommu ? "iommu" : "direct",
			   d->nmaps);
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
