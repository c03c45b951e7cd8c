// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Backing memory VCM allocates and owns: ordinary pages, one physically
 * contiguous allocation, or a piece of a named shared pool.
 */

/**
 * DOC: backing memory
 *
 * Besides describing memory a driver owns, VCM can allocate backing memory
 * itself, which it frees with the last reference (the one the caller got,
 * or a binding's):
 *
 * - drm_vcm_mem_alloc() without flags: ordinary pages, one at a time,
 *   adjacent ones merged into segments;
 * - drm_vcm_mem_alloc() with %DRM_VCM_ALLOC_CONTIG: one physically
 *   contiguous allocation, aligned to the smallest power of two not below
 *   its size. It is ``dma_alloc_coherent()`` when a device is given (which
 *   may draw on CMA), else the page allocator, which gives at most its
 *   largest block (4 MiB on x86). When neither can, the call fails with
 *   -ENOMEM: contiguous memory never silently becomes scattered pages;
 * - drm_vcm_mem_from_pool(): a contiguous piece of a named shared pool.
 *
 * Addresses are DMA addresses for the device when one is given (pages then
 * come from ``dma_alloc_coherent()`` one at a time, and the memory's
 * &drm_vcm_mem.dev is that device), CPU physical addresses otherwise
 * (``virt_to_phys()`` of page-allocator memory, &drm_vcm_mem.dev NULL):
 * without a device there is no DMA address to give, so such memory is
 * physical by definition and binds only where an MMU takes physical
 * addresses (see "Address kinds" in the overview). Pools are always
 * physical. The memory is zeroed and always system RAM
 * (%DRM_VCM_LOC_SYSTEM).
 *
 * Pools are created when ``vcm.ko`` is loaded, from its ``pools``
 * parameter: ``pools=name:size[,name:size...]``, for example
 * ``pools=gart:16M,scanout:4M``. A name is 1 to 15 letters, digits, ``_``
 * or ``-``; a size is a non-zero multiple of 4 KiB, with an optional K, M
 * or G suffix. Each pool is one physically contiguous region from the page
 * allocator, below 4 GiB where the machine has memory there (so that every
 * format can map it), and so at most the allocator's largest block. A
 * malformed parameter, or a pool that cannot be allocated, fails the load
 * with -EINVAL or -ENOMEM and a line in the kernel log saying why.
 *
 * A piece of a pool is aligned to its size rounded down to a power of two,
 * at most 2 MiB, so that formats can map it with their large pages. When
 * no free range of the pool is large enough, because the pool is used up
 * or fragmented, drm_vcm_mem_from_pool() fails with -ENOMEM and the pool
 * is left as it was. Pools live until ``vcm.ko`` is unloaded; by then
 * every piece has been given back, since the modules holding one depend
 * on ``vcm.ko``.
 */

#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/log2.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "vcm_compat.h"
#include "vcm_internal.h"

#define VCM_POOL_MAX_ALIGN	SZ_2M

static char *vcm_pools_param;
module_param_named(pools, vcm_pools_param, charp, 0444);
MODULE_PARM_DESC(pools,
		 "Shared contiguous pools, created at load: name:size[,name:size...], sizes in bytes with an optional K, M or G");

static LIST_HEAD(vcm_pools);
static DEFINE_MUTEX(vcm_pools_lock); /* the list, every pool's mm and counts */

/*
 * @size bytes of zeroed, contiguous memory: coherent DMA memory for @dev,
 * else from the page allocator with @gfp. Counted and failed on demand
 * like VCM's other allocations.
 */
static void *vcm_block_alloc(struct device *dev, size_t size, gfp_t gfp,
			     dma_addr_t *addr)
{
	void *cpu;

	if (vcm_alloc_fail())
		return NULL;
	if (dev) {
		cpu = dma_alloc_coherent(dev, size, addr,
					 GFP_KERNEL | __GFP_NOWARN);
	} else {
		cpu = alloc_pages_exact(size, gfp | __GFP_ZERO | __GFP_NOWARN);
		if (cpu)
			*addr = virt_to_phys(cpu);
	}
	return vcm_tracked(cpu);
}

static void vcm_block_free(struct device *dev, size_t size, void *cpu,
			   dma_addr_t addr)
{
	vcm_alloc_track(-1);
	if (dev)
		dma_free_coherent(dev, size, cpu, addr);
	else
		free_pages_exact(cpu, size);
}

/* Ordinary pages: the device address and kernel mapping of each. */
struct vcm_pages {
	struct device *dev;
	unsigned long npages;
	void **cpu;
	dma_addr_t addr[];
};

static void vcm_pages_free(struct vcm_pages *own, unsigned long n)
{
	while (n--)
		vcm_block_free(own->dev, PAGE_SIZE, own->cpu[n], own->addr[n]);
	vcm_kvfree(own);
}

static void vcm_pages_release(struct drm_vcm_mem *mem)
{
	struct vcm_pages *own = mem->owner;

	vcm_pages_free(own, own->npages);
}

static struct drm_vcm_mem *vcm_alloc_pages(struct device *dev,
					   unsigned long npages, gfp_t gfp)
{
	struct drm_vcm_mem *mem = ERR_PTR(-ENOMEM);
	struct vcm_pages *own;
	unsigned long i;

	own = vcm_kvzalloc(size_add(struct_size(own, addr, npages),
				    array_size(npages, sizeof(void *))));
	if (!own)
		return mem;
	own->dev = dev;	/* held by the memory (&drm_vcm_mem.dev) */
	own->npages = npages;
	own->cpu = (void **)&own->addr[npages];
	for (i = 0; i < npages; i++) {
		own->cpu[i] = vcm_block_alloc(dev, PAGE_SIZE, gfp,
					      &own->addr[i]);
		if (!own->cpu[i])
			goto err;
		cond_resched();
	}
	mem = drm_vcm_mem_from_pages(dev, own->addr, npages,
				     DRM_VCM_LOC_SYSTEM);
	if (IS_ERR(mem))
		goto err;
	mem->release = vcm_pages_release;
	mem->owner = own;
	return mem;

err:
	vcm_pages_free(own, i);
	return mem;
}

/* One contiguous block. */
struct vcm_contig {
	struct device *dev;
	void *cpu;
	dma_addr_t addr;
	size_t size;
};

static void vcm_contig_release(struct drm_vcm_mem *mem)
{
	struct vcm_contig *own = mem->owner;

	vcm_block_free(own->dev, own->size, own->cpu, own->addr);
	vcm_kfree(own);
}

static struct drm_vcm_mem *vcm_alloc_contig(struct device *dev, size_t size,
					    gfp_t gfp)
{
	struct drm_vcm_mem *mem;
	struct vcm_contig *own;

	own = vcm_kzalloc(sizeof(*own));
	if (!own)
		return ERR_PTR(-ENOMEM);
	own->size = size;
	own->cpu = vcm_block_alloc(dev, size, gfp, &own->addr);
	if (!own->cpu) {
		vcm_kfree(own);
		return ERR_PTR(-ENOMEM);
	}
	mem = drm_vcm_mem_contig(dev, own->addr, size, DRM_VCM_LOC_SYSTEM);
	if (IS_ERR(mem)) {
		vcm_block_free(dev, size, own->cpu, own->addr);
		vcm_kfree(own);
		return mem;
	}
	own->dev = dev;	/* held by the memory (&drm_vcm_mem.dev) */
	mem->release = vcm_contig_release;
	mem->owner = own;
	return mem;
}

/**
 * drm_vcm_mem_alloc - allocate backing memory that VCM owns
 * @dev: the device that will access it, or NULL
 * @size: bytes, a non-zero multiple of PAGE_SIZE
 * @flags: &enum drm_vcm_alloc_flags
 *
 * Without %DRM_VCM_ALLOC_CONTIG, ordinary pages; with it, one physically
 * contiguous allocation aligned to the smallest power of two not below
 * @size, or -ENOMEM (never scattered pages). With @dev, the memory comes
 * from dma_alloc_coherent() and its segments hold DMA addresses for @dev,
 * and VCM holds a reference on @dev until the memory is freed; without,
 * it comes from the page allocator and its segments hold physical
 * addresses (&drm_vcm_mem.dev is @dev in both cases). The memory is
 * zeroed system RAM; it is freed with the last
 * reference, see drm_vcm_mem_put().
 *
 * Returns: backing memory with one reference; -EINVAL for a bad size, an
 * unknown flag or %DRM_VCM_ALLOC_DMA32 with @dev; or -ENOMEM.
 */
struct drm_vcm_mem *drm_vcm_mem_alloc(struct device *dev, u64 size,
				      u32 flags)
{
	gfp_t gfp = GFP_KERNEL;

	if (!size || !IS_ALIGNED(size, PAGE_SIZE) ||
	    flags & ~(DRM_VCM_ALLOC_CONTIG | DRM_VCM_ALLOC_DMA32) ||
	    (dev && flags & DRM_VCM_ALLOC_DMA32))
		return ERR_PTR(-EINVAL);
	/* More than the kernel could ever hand out, or describe. */
	if (size > SIZE_MAX || size >> PAGE_SHIFT > U32_MAX)
		return ERR_PTR(-ENOMEM);
	if (flags & DRM_VCM_ALLOC_DMA32)
		gfp |= GFP_DMA32;
	if (flags & DRM_VCM_ALLOC_CONTIG)
		return vcm_alloc_contig(dev, size, gfp);
	return vcm_alloc_pages(dev, size >> PAGE_SHIFT, gfp);
}
EXPORT_SYMBOL_GPL(drm_vcm_mem_alloc);

/* Pools. */

static struct vcm_pool *vcm_pool_find(struct list_head *list,
				      const char *name)
{
	struct vcm_pool *pool;

	list_for_each_entry(pool, list, link)
		if (!strcmp(pool->name, name))
			return pool;
	return NULL;
}

/**
 * vcm_pool_lookup - find a pool by name, for KUnit
 * @name: its name
 *
 * Returns: the pool, or NULL.
 */
struct vcm_pool *vcm_pool_lookup(const char *name)
{
	struct vcm_pool *pool;

	mutex_lock(&vcm_pools_lock);
	pool = vcm_pool_find(&vcm_pools, name);
	mutex_unlock(&vcm_pools_lock);
	return pool;
}

VCM_EXPORT_FOR_KUNIT(vcm_pool_lookup);

static void vcm_pool_free(struct vcm_pool *pool)
{
	drm_mm_takedown(&pool->mm);
	vcm_block_free(NULL, pool->size, pool->cpu, pool->base);
	vcm_kfree(pool);
}

static bool vcm_pool_name_ok(const char *name)
{
	size_t i, len = strlen(name);

	if (!len || len > 15)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum(name[i]) && name[i] != '_' && name[i] != '-')
			return false;
	return true;
}

/* Parse "name:size" and allocate the pool, not yet listed. */
static struct vcm_pool *vcm_pool_new(char *item)
{
	char *name = strsep(&item, ":"), *end;
	struct vcm_pool *pool;
	u64 size;

	if (!vcm_pool_name_ok(name)) {
		pr_err("vcm: pools: bad pool name \"%s\": 1 to 15 letters, digits, '_' or '-'\n",
		       name);
		return ERR_PTR(-EINVAL);
	}
	size = item ? memparse(item, &end) : 0;
	if (!item || end == item || *end || !size ||
	    !IS_ALIGNED(size, VCM_PAGE_SIZE)) {
		pr_err("vcm: pools: pool %s: size must be a non-zero multiple of 4K, with an optional K, M or G\n",
		       name);
		return ERR_PTR(-EINVAL);
	}

	pool = vcm_kzalloc(sizeof(*pool));
	if (!pool)
		return ERR_PTR(-ENOMEM);
	/* Below 4 GiB if possible: 32-bit formats map it too. */
	if (size <= SIZE_MAX)
		pool->cpu = vcm_block_alloc(NULL, size, GFP_KERNEL | GFP_DMA32,
					    &pool->base);
	if (!pool->cpu) {
		pr_err("vcm: pools: pool %s: cannot allocate %llu contiguous bytes\n",
		       name, size);
		vcm_kfree(pool);
		return ERR_PTR(-ENOMEM);
	}
	strscpy(pool->name, name, sizeof(pool->name));
	pool->size = size;
	drm_mm_init(&pool->mm, 0, size);
	return pool;
}

/**
 * vcm_pools_create_from - create pools from a ``pools`` parameter string
 * @spec: ``name:size[,name:size...]``; empty for none
 *
 * Called at load with the module parameter, and by KUnit. All pools are
 * created or none: a malformed entry, a name given twice or already in
 * use, or a pool that cannot be allocated leaves no new pool behind.
 *
 * Returns: 0; -EINVAL for a malformed @spec; -EEXIST for a name already
 * in use; or -ENOMEM.
 */
int vcm_pools_create_from(const char *spec)
{
	struct vcm_pool *pool, *tmp;
	size_t len = strlen(spec);
	char *buf, *cur, *item;
	LIST_HEAD(made);
	int ret = 0;

	if (!len)
		return 0;
	buf = vcm_kzalloc(len + 1);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, spec, len);
	cur = buf;
	while (!ret && (item = strsep(&cur, ","))) {
		pool = vcm_pool_new(item);
		if (IS_ERR(pool)) {
			ret = PTR_ERR(pool);
		} else if (vcm_pool_find(&made, pool->name)) {
			pr_err("vcm: pools: pool %s given twice\n", pool->name);
			vcm_pool_free(pool);
			ret = -EINVAL;
		} else {
			list_add_tail(&pool->link, &made);
		}
	}
	vcm_kfree(buf);

	mutex_lock(&vcm_pools_lock);
	list_for_each_entry(pool, &made, link) {
		if (!ret && vcm_pool_find(&vcm_pools, pool->name)) {
			pr_err("vcm: pools: pool %s exists\n", pool->name);
			ret = -EEXIST;
		}
	}
	if (!ret)
		list_splice_tail(&made, &vcm_pools);
	mutex_unlock(&vcm_pools_lock);
	if (ret)
		list_for_each_entry_safe(pool, tmp, &made, link)
			vcm_pool_free(pool);
	return ret;
}

VCM_EXPORT_FOR_KUNIT(vcm_pools_create_from);

/**
 * vcm_pool_destroy - remove a pool and free its memory
 * @pool: the pool
 *
 * Returns: 0, or -EBUSY (and nothing changes) while a piece of it is in
 * use.
 */
int vcm_pool_destroy(struct vcm_pool *pool)
{
	mutex_lock(&vcm_pools_lock);
	if (pool->nallocs) {
		mutex_unlock(&vcm_pools_lock);
		return -EBUSY;
	}
	list_del(&pool->link);
	mutex_unlock(&vcm_pools_lock);
	vcm_pool_free(pool);
	return 0;
}

VCM_EXPORT_FOR_KUNIT(vcm_pool_destroy);

/* One piece of a pool, what its backing memory gives back. */
struct vcm_pool_piece {
	struct drm_mm_node node;
	struct vcm_pool *pool;
};

static void vcm_pool_piece_free(struct vcm_pool_piece *piece)
{
	struct vcm_pool *pool = piece->pool;

	mutex_lock(&vcm_pools_lock);
	drm_mm_remove_node(&piece->node);
	pool->used -= piece->node.size;
	pool->nallocs--;
	mutex_unlock(&vcm_pools_lock);
	vcm_kfree(piece);
}

static void vcm_pool_release(struct drm_vcm_mem *mem)
{
	vcm_pool_piece_free(mem->owner);
}

/**
 * drm_vcm_mem_from_pool - contiguous backing memory from a shared pool
 * @pool: the pool's name, as given in the ``pools`` parameter of vcm.ko
 * @size: bytes, a non-zero multiple of 4 KiB
 *
 * The piece is physically contiguous (one segment holding its CPU physical
 * address; &drm_vcm_mem.dev is NULL), zeroed, and aligned to @size
 * rounded down to a power of two,
 * at most 2 MiB. It goes back to the pool with the last reference.
 *
 * Returns: backing memory with one reference; -EINVAL for a bad size;
 * -ENOENT if there is no pool of that name; -ENOMEM if no free range of
 * the pool is large enough (used up or fragmented: never scattered
 * memory), the pool then being left as it was.
 */
struct drm_vcm_mem *drm_vcm_mem_from_pool(const char *pool, u64 size)
{
	struct vcm_pool_piece *piece;
	struct drm_vcm_mem *mem;
	struct vcm_pool *p;
	u64 align;
	int ret;

	if (!size || !IS_ALIGNED(size, VCM_PAGE_SIZE))
		return ERR_PTR(-EINVAL);
	align = min_t(u64, 1ULL << ilog2(size), VCM_POOL_MAX_ALIGN);
	piece = vcm_kzalloc(sizeof(*piece));
	if (!piece)
		return ERR_PTR(-ENOMEM);

	mutex_lock(&vcm_pools_lock);
	p = vcm_pool_find(&vcm_pools, pool);
	if (!p) {
		ret = -ENOENT;
	} else {
		ret = drm_mm_insert_node_in_range(&p->mm, &piece->node, size,
						  align, 0, 0, p->size,
						  DRM_MM_INSERT_BEST);
		/* drm_mm says -ENOSPC: the pool has no such range free. */
		if (ret)
			ret = -ENOMEM;
	}
	if (!ret) {
		piece->pool = p;
		p->used += size;
		p->nallocs++;
	}
	mutex_unlock(&vcm_pools_lock);
	if (ret) {
		vcm_kfree(piece);
		return ERR_PTR(ret);
	}

	memset(p->cpu + piece->node.start, 0, size);
	mem = drm_vcm_mem_contig(NULL, p->base + piece->node.start, size,
				 DRM_VCM_LOC_SYSTEM);
	if (IS_ERR(mem)) {
		vcm_pool_piece_free(piece);
		return mem;
	}
	mem->release = vcm_pool_release;
	mem->owner = piece;
	return mem;
}
EXPORT_SYMBOL_GPL(drm_vcm_mem_from_pool);

/**
 * vcm_pools_show - the debugfs file ``vcm/pools``
 * @m: the file
 * @unused: unused
 *
 * Returns: 0.
 */
int vcm_pools_show(struct seq_file *m, void *unused)
{
	struct vcm_pool *pool;

	seq_puts(m, "# name base size used pieces\n");
	mutex_lock(&vcm_pools_lock);
	list_for_each_entry(pool, &vcm_pools, link)
		seq_printf(m, "%s %#llx %llu %llu %u\n", pool->name,
			   (u64)pool->base, pool->size, pool->used,
			   pool->nallocs);
	mutex_unlock(&vcm_pools_lock);
	return 0;
}

/**
 * vcm_pools_init - create the pools the ``pools`` parameter asks for
 *
 * Returns: 0, or the error of vcm_pools_create_from().
 */
int vcm_pools_init(void)
{
	struct vcm_pool *pool;
	int ret;

	if (!vcm_pools_param)
		return 0;
	ret = vcm_pools_create_from(vcm_pools_param);
	if (ret) {
		pr_err("vcm: pools=%s refused (%d)\n", vcm_pools_param, ret);
		return ret;
	}
	list_for_each_entry(pool, &vcm_pools, link)
		pr_info("vcm: pool %s: %llu KiB\n", pool->name,
			pool->size >> 10);
	return 0;
}

/**
 * vcm_pools_fini - free every pool at unload
 *
 * Every piece is back by then. If one is not, its pool is left allocated
 * rather than freed under a device.
 */
void vcm_pools_fini(void)
{
	struct vcm_pool *pool, *tmp;

	list_for_each_entry_safe(pool, tmp, &vcm_pools, link)
		if (vcm_pool_destroy(pool))
			pr_err("vcm: pool %s still in use, not freed\n",
			       pool->name);
}
