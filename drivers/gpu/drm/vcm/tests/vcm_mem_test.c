// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the backing memory VCM allocates: ordinary pages, one
 * contiguous allocation, named shared pools, and their failure paths; and
 * of the seek into backing memory that every bind and translation uses.
 */

#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/log2.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <kunit/device.h>

#include "vcm_test.h"
#include "vcm_internal.h"
#include "vcm_pt_table.h"

/* Address and length of piece @i of @mem: a page, or a segment. */
static dma_addr_t mem_piece(const struct drm_vcm_mem *mem, unsigned int i,
			    u64 *len)
{
	if (mem->paged) {
		*len = PAGE_SIZE;
		return mem->pages[i];
	}
	*len = mem->segs[i].len;
	return mem->segs[i].addr;
}

/* Device address of byte @off of @mem, walking its pieces. */
static dma_addr_t mem_addr(const struct drm_vcm_mem *mem, u64 off)
{
	unsigned int i;
	u64 len;

	for (i = 0; mem_piece(mem, i, &len), off >= len; i++)
		off -= len;
	return mem_piece(mem, i, &len) + off;
}

/* Is the memory behind every piece of @mem zero? */
static bool mem_zeroed(const struct drm_vcm_mem *mem)
{
	unsigned int i;
	dma_addr_t addr;
	u64 len;

	for (i = 0; i < mem->nsegs; i++) {
		addr = mem_piece(mem, i, &len);
		if (memchr_inv(phys_to_virt(addr), 0, len))
			return false;
	}
	return true;
}

static void bind_check_put(struct kunit *test, struct drm_vcm_mem *mem)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("nv50");
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	dma_addr_t sw, hw;
	u64 off, va;

	KUNIT_ASSERT_NOT_NULL(test, f);
	vcm = vcm_test_space(test, f);
	if (mem->dev) {
		/* An MMU whose entries hold DMA addresses for that device. */
		struct drm_vcm_mmu_desc desc = {
			.dev = mem->dev, .format = f, .ops = &vcm_test_ops,
			.dummy_addr = VCM_TEST_DUMMY, .priv = &st,
		};

		mmu = drm_vcm_mmu_attach(vcm, &desc);
		KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	} else {
		mmu = vcm_test_attach(test, vcm, f, &st);
	}
	res = drm_vcm_reserve(vcm, mem->size, SZ_64K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, mem->size, mem, 0,
					   DRM_VCM_READ | DRM_VCM_WRITE), 0);
	drm_vcm_mem_put(mem);
	va = drm_vcm_res_addr(res);
	for (off = 0; off < mem->size; off += SZ_4K) {
		KUNIT_EXPECT_EQ(test, drm_vcm_translate(vcm, va + off, &sw,
							NULL), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, va + off, &hw,
							    NULL), 0);
		KUNIT_EXPECT_EQ(test, sw, mem_addr(mem, off));
		KUNIT_EXPECT_EQ(test, hw, mem_addr(mem, off));
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static void vcm_test_alloc_pages(struct kunit *test)
{
	long live = vcm_fault_live();
	struct drm_vcm_mem *mem;
	unsigned int i;
	u64 sum = 0, len;

	mem = drm_vcm_mem_alloc(NULL, 8 * PAGE_SIZE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	KUNIT_EXPECT_EQ(test, mem->size, 8 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, mem->loc, DRM_VCM_LOC_SYSTEM);
	KUNIT_EXPECT_NOT_NULL(test, mem->release);
	KUNIT_EXPECT_GE(test, mem->nsegs, 1);
	KUNIT_EXPECT_LE(test, mem->nsegs, 8);
	for (i = 0; i < mem->nsegs; i++) {
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED(mem_piece(mem, i, &len),
						   PAGE_SIZE));
		sum += len;
	}
	KUNIT_EXPECT_EQ(test, sum, 8 * PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, mem_zeroed(mem));
	/* The memory, the page array and eight pages are VCM's. */
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live + 10);
	bind_check_put(test, mem);
	/* Freed with the binding's reference, the last one. */
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);

	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_alloc(NULL, 0, 0)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_alloc(NULL, PAGE_SIZE + 1,
							0)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_alloc(NULL, PAGE_SIZE,
							BIT(7))), -EINVAL);
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);
}

static void vcm_test_alloc_contig(struct kunit *test)
{
	long live = vcm_fault_live();
	struct drm_vcm_mem *mem;
	u64 size = 5 * PAGE_SIZE;

	mem = drm_vcm_mem_alloc(NULL, size, DRM_VCM_ALLOC_CONTIG |
				DRM_VCM_ALLOC_DMA32);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	KUNIT_EXPECT_EQ(test, mem->nsegs, 1);
	KUNIT_EXPECT_EQ(test, mem->size, size);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(mem->segs[0].addr,
					   roundup_pow_of_two(size)));
	KUNIT_EXPECT_LT(test, (u64)mem->max_addr, SZ_4G);
	KUNIT_EXPECT_TRUE(test, mem_zeroed(mem));
	bind_check_put(test, mem);
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);

	/* More than the page allocator's largest block: no fallback. */
	mem = drm_vcm_mem_alloc(NULL, SZ_1G, DRM_VCM_ALLOC_CONTIG);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mem), -ENOMEM);
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);
}

static void vcm_test_alloc_device(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "vcm-mem-test");
	struct drm_vcm_mem *mem;
	unsigned int refs;

	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	KUNIT_ASSERT_EQ(test, dma_coerce_mask_and_coherent(dev,
							   DMA_BIT_MASK(64)),
			0);
	refs = kref_read(&dev->kobj.kref);
	mem = drm_vcm_mem_alloc(dev, PAGE_SIZE, DRM_VCM_ALLOC_DMA32);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mem), -EINVAL);
	mem = drm_vcm_mem_alloc(dev, 4 * PAGE_SIZE, DRM_VCM_ALLOC_CONTIG);
	if (IS_ERR(mem))
		kunit_skip(test, "no coherent DMA memory here: %ld",
			   PTR_ERR(mem));
	KUNIT_EXPECT_EQ(test, mem->nsegs, 1);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(mem->segs[0].addr, 4 * PAGE_SIZE));
	/* The memory holds the device. */
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kobj.kref), refs + 1);
	bind_check_put(test, mem);
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kobj.kref), refs);

	mem = drm_vcm_mem_alloc(dev, 3 * PAGE_SIZE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	KUNIT_EXPECT_EQ(test, mem->size, 3 * PAGE_SIZE);
	bind_check_put(test, mem);
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kobj.kref), refs);
}

/*
 * An sg_table gives its DMA addresses with a device, its pages' physical
 * addresses without; the memory records which, and holds the device.
 */
static void vcm_test_sgt_kinds(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "vcm-sgt-test");
	struct page *pages[2];
	struct drm_vcm_mem *mem;
	struct scatterlist *sg;
	struct sg_table sgt;
	unsigned int refs, i;

	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	for (i = 0; i < 2; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
	}
	KUNIT_ASSERT_EQ(test, sg_alloc_table(&sgt, 2, GFP_KERNEL), 0);
	for_each_sg(sgt.sgl, sg, 2, i)
		sg_set_page(sg, pages[1 - i], PAGE_SIZE, 0);
	/* Without a device: the pages, in table order. */
	mem = drm_vcm_mem_from_sgt(NULL, &sgt, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	KUNIT_EXPECT_NULL(test, mem->dev);
	KUNIT_EXPECT_EQ(test, mem->size, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, mem_addr(mem, 0), page_to_phys(pages[1]));
	KUNIT_EXPECT_EQ(test, mem_addr(mem, PAGE_SIZE),
			page_to_phys(pages[0]));
	drm_vcm_mem_put(mem);

	/*
	 * As an IOMMU would map it: one DMA segment for both pages (where
	 * sg_dma_len() is sg->length, this changes the first entry's).
	 */
	sgt.nents = 1;
	sg_dma_address(sgt.sgl) = 0x7ff00000;
	sg_dma_len(sgt.sgl) = 2 * PAGE_SIZE;
	refs = kref_read(&dev->kobj.kref);

	mem = drm_vcm_mem_from_sgt(dev, &sgt, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	KUNIT_EXPECT_PTR_EQ(test, mem->dev, dev);
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kobj.kref), refs + 1);
	KUNIT_EXPECT_EQ(test, mem->nsegs, 1);
	KUNIT_EXPECT_EQ(test, mem->segs[0].addr, 0x7ff00000);
	KUNIT_EXPECT_EQ(test, mem->size, 2 * PAGE_SIZE);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, kref_read(&dev->kobj.kref), refs);

	/* A DMA segment that wraps; an empty table. */
	sg_dma_address(sgt.sgl) = (dma_addr_t)~0ULL & ~(dma_addr_t)0xfff;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_sgt(dev, &sgt,
							   DRM_VCM_LOC_SYSTEM)),
			-EINVAL);
	sgt.nents = 0;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_sgt(dev, &sgt,
							   DRM_VCM_LOC_SYSTEM)),
			-EINVAL);
	sg_free_table(&sgt);
	for (i = 0; i < 2; i++)
		__free_page(pages[i]);
}

/*
 * Wrap checks are made in the width of dma_addr_t: a range past 4 GiB
 * must be refused where dma_addr_t has 32 bits (i386 without 64-bit DMA
 * addresses), not wrapped to page 0.
 */
static void vcm_test_addr_width(struct kunit *test)
{
	bool narrow = sizeof(dma_addr_t) == 4;
	struct drm_vcm_mem *mem;

	KUNIT_EXPECT_TRUE(test, vcm_range_wraps(0xfffff000, SZ_8K, 32));
	KUNIT_EXPECT_FALSE(test, vcm_range_wraps(0xfffff000, SZ_4K, 32));
	KUNIT_EXPECT_TRUE(test, vcm_range_wraps(SZ_4G, SZ_4K, 32));
	KUNIT_EXPECT_TRUE(test, vcm_range_wraps(0, SZ_4G + SZ_4K, 32));
	KUNIT_EXPECT_FALSE(test, vcm_range_wraps(0, SZ_4G, 32));
	KUNIT_EXPECT_FALSE(test, vcm_range_wraps(0xfffff000, SZ_8K, 64));
	KUNIT_EXPECT_TRUE(test, vcm_range_wraps(U64_MAX & ~0xfffULL, SZ_8K,
						64));
	KUNIT_EXPECT_FALSE(test, vcm_range_wraps(U64_MAX & ~0xfffULL, SZ_4K,
						 64));

	/* What the constructors do with it in this kernel's width. */
	mem = drm_vcm_mem_contig(NULL, 0xfffff000, SZ_8K, DRM_VCM_LOC_SYSTEM);
	if (narrow) {
		KUNIT_EXPECT_EQ(test, PTR_ERR(mem), -EINVAL);
	} else {
		KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
		KUNIT_EXPECT_EQ(test, mem->max_addr, 0x100000fffULL);
		drm_vcm_mem_put(mem);
	}
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_contig(NULL, SZ_8K, U64_MAX &
							 ~0xfffULL,
							 DRM_VCM_LOC_SYSTEM)),
			-EINVAL);
}

static struct vcm_pool *make_pool(struct kunit *test, const char *spec,
				  const char *name)
{
	struct vcm_pool *pool;

	KUNIT_ASSERT_EQ(test, vcm_pools_create_from(spec), 0);
	pool = vcm_pool_lookup(name);
	KUNIT_ASSERT_NOT_NULL(test, pool);
	return pool;
}

static struct drm_vcm_mem *piece(struct kunit *test, const char *pool,
				 u64 size)
{
	struct drm_vcm_mem *mem = drm_vcm_mem_from_pool(pool, size);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(mem), "%s %llu: %d", pool, size,
			       PTR_ERR_OR_ZERO(mem));
	return mem;
}

/* Is @mem one segment inside @pool, aligned as documented? */
static void expect_in_pool(struct kunit *test, const struct drm_vcm_mem *mem,
			   const struct vcm_pool *pool)
{
	u64 align = min_t(u64, 1ULL << ilog2(mem->size), SZ_2M);

	KUNIT_EXPECT_EQ(test, mem->nsegs, 1);
	KUNIT_EXPECT_GE(test, mem->segs[0].addr, pool->base);
	KUNIT_EXPECT_LE(test, mem->segs[0].addr + mem->size,
			pool->base + pool->size);
	KUNIT_EXPECT_TRUE_MSG(test, IS_ALIGNED(mem->segs[0].addr, align),
			      "%pad not aligned to %llu", &mem->segs[0].addr,
			      align);
}

static void vcm_test_pool_alloc(struct kunit *test)
{
	long live = vcm_fault_live();
	struct drm_vcm_mem *a, *b;
	struct vcm_pool *pool;

	pool = make_pool(test, "kunit-p:1M", "kunit-p");
	KUNIT_EXPECT_EQ(test, pool->size, SZ_1M);
	KUNIT_EXPECT_EQ(test, pool->used, 0);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(pool->base, SZ_1M));

	/* Dirty the pool: pieces must still come zeroed. */
	memset(pool->cpu, 0xa5, pool->size);
	a = piece(test, "kunit-p", SZ_4K);
	b = piece(test, "kunit-p", SZ_128K + SZ_64K);
	expect_in_pool(test, a, pool);
	expect_in_pool(test, b, pool);
	KUNIT_EXPECT_TRUE(test, mem_zeroed(a));
	KUNIT_EXPECT_TRUE(test, mem_zeroed(b));
	KUNIT_EXPECT_EQ(test, pool->used, SZ_4K + SZ_128K + SZ_64K);
	KUNIT_EXPECT_EQ(test, pool->nallocs, 2);
	KUNIT_EXPECT_EQ(test, vcm_pool_destroy(pool), -EBUSY);

	/* A bound piece goes back with the binding's reference. */
	bind_check_put(test, b);
	KUNIT_EXPECT_EQ(test, pool->used, SZ_4K);
	drm_vcm_mem_put(a);
	KUNIT_EXPECT_EQ(test, pool->used, 0);
	KUNIT_EXPECT_EQ(test, pool->nallocs, 0);
	KUNIT_EXPECT_EQ(test, vcm_pool_destroy(pool), 0);
	KUNIT_EXPECT_NULL(test, vcm_pool_lookup("kunit-p"));
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);
}

static void vcm_test_pool_exhaust(struct kunit *test)
{
	struct vcm_pool *pool = make_pool(test, "kunit-x:1M", "kunit-x");
	struct drm_vcm_mem *m[4];
	dma_addr_t freed;
	unsigned int i;
	long live;

	for (i = 0; i < 4; i++) {
		m[i] = piece(test, "kunit-x", SZ_256K);
		expect_in_pool(test, m[i], pool);
	}
	KUNIT_EXPECT_EQ(test, pool->used, SZ_1M);

	live = vcm_fault_live();
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pool("kunit-x", SZ_4K)),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, pool->used, SZ_1M);
	KUNIT_EXPECT_EQ(test, pool->nallocs, 4);
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);

	/* Freed space is reused. */
	freed = m[2]->segs[0].addr;
	drm_vcm_mem_put(m[2]);
	KUNIT_EXPECT_EQ(test, pool->used, SZ_1M - SZ_256K);
	m[2] = piece(test, "kunit-x", SZ_256K);
	KUNIT_EXPECT_EQ(test, m[2]->segs[0].addr, freed);

	for (i = 0; i < 4; i++)
		drm_vcm_mem_put(m[i]);
	KUNIT_EXPECT_EQ(test, pool->used, 0);
	KUNIT_EXPECT_EQ(test, vcm_pool_destroy(pool), 0);
}

/* Half the pool free, but in pieces: a larger request is -ENOMEM. */
static void vcm_test_pool_fragment(struct kunit *test)
{
	struct vcm_pool *pool = make_pool(test, "kunit-f:1M", "kunit-f");
	struct drm_vcm_mem *m[16], *small;
	unsigned int i;
	long live;

	for (i = 0; i < 16; i++)
		m[i] = piece(test, "kunit-f", SZ_64K);
	for (i = 0; i < 16; i += 2)
		drm_vcm_mem_put(m[i]);
	KUNIT_EXPECT_EQ(test, pool->used, SZ_512K);

	live = vcm_fault_live();
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pool("kunit-f",
							    SZ_128K)),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, pool->used, SZ_512K);
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);

	small = piece(test, "kunit-f", SZ_64K);
	expect_in_pool(test, small, pool);
	drm_vcm_mem_put(small);
	for (i = 1; i < 16; i += 2)
		drm_vcm_mem_put(m[i]);
	KUNIT_EXPECT_EQ(test, pool->used, 0);
	KUNIT_EXPECT_EQ(test, vcm_pool_destroy(pool), 0);
}

static void vcm_test_pool_errors(struct kunit *test)
{
	struct vcm_pool *pool = make_pool(test, "kunit-e:64K", "kunit-e");
	long live = vcm_fault_live();

	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pool("kunit-none",
							    SZ_4K)), -ENOENT);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pool("kunit-e", 0)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pool("kunit-e",
							    SZ_4K + 1)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pool("kunit-e",
							    SZ_128K)),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pool("kunit-e",
							    U64_MAX - SZ_4K + 1)),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, pool->used, 0);
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);
	KUNIT_EXPECT_EQ(test, vcm_pool_destroy(pool), 0);
}

static const char *const bad_specs[] = {
	":64K", "kunit-a", "kunit-a:", "kunit-a:0", "kunit-a:1000",
	"kunit-a:64Q", "kunit-a:64K:1", "kunit a:64K", "kunit-0123456789:64K",
	"kunit-a:64K,", "kunit-a:64K,kunit-a:64K", "kunit-a:64K,,kunit-b:64K",
};

static void vcm_test_pool_params(struct kunit *test)
{
	long live = vcm_fault_live();
	struct vcm_pool *a, *b;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_specs); i++) {
		KUNIT_EXPECT_EQ_MSG(test, vcm_pools_create_from(bad_specs[i]),
				    -EINVAL, "%s", bad_specs[i]);
		KUNIT_EXPECT_NULL(test, vcm_pool_lookup("kunit-a"));
		KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);
	}
	KUNIT_EXPECT_EQ(test, vcm_pools_create_from(""), 0);

	a = make_pool(test, "kunit-a:64k,kunit-b:8K", "kunit-a");
	b = vcm_pool_lookup("kunit-b");
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, a->size, SZ_64K);
	KUNIT_EXPECT_EQ(test, b->size, SZ_8K);

	/* A name in use, or a pool too large: no pool of the list is made. */
	KUNIT_EXPECT_EQ(test, vcm_pools_create_from("kunit-c:8K,kunit-a:8K"),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, vcm_pools_create_from("kunit-c:8K,kunit-d:1G"),
			-ENOMEM);
	KUNIT_EXPECT_NULL(test, vcm_pool_lookup("kunit-c"));
	KUNIT_EXPECT_EQ(test, vcm_pool_destroy(a), 0);
	KUNIT_EXPECT_EQ(test, vcm_pool_destroy(b), 0);
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);
}

/*
 * Fail the Nth allocation, for every N, of each way of getting memory:
 * each must report -ENOMEM and leave nothing allocated and the pool as it
 * was. @allocs is how many allocations the path makes.
 */
struct mem_fail_case {
	const char *name;
	unsigned int allocs;
};

static const struct mem_fail_case mem_fail_cases[] = {
	{ "pages", 6 },		/* array, four pages, memory */
	{ "contig", 3 },	/* owner, block, memory */
	{ "pool", 2 },		/* piece, memory */
	{ "create", 5 },	/* spec copy, two pools and their regions */
};

static void mem_fail_desc(const struct mem_fail_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mem_fail, mem_fail_cases, mem_fail_desc);

static long mem_fail_call(const char *what)
{
	struct drm_vcm_mem *mem;

	if (!strcmp(what, "create"))
		return vcm_pools_create_from("kunit-g:64K,kunit-h:8K");
	if (!strcmp(what, "pages"))
		mem = drm_vcm_mem_alloc(NULL, 4 * PAGE_SIZE, 0);
	else if (!strcmp(what, "contig"))
		mem = drm_vcm_mem_alloc(NULL, 4 * PAGE_SIZE,
					DRM_VCM_ALLOC_CONTIG);
	else
		mem = drm_vcm_mem_from_pool("kunit-fail", SZ_16K);
	if (IS_ERR(mem))
		return PTR_ERR(mem);
	drm_vcm_mem_put(mem);
	return 0;
}

static void vcm_test_mem_fail(struct kunit *test)
{
	const struct mem_fail_case *c = test->param_value;
	struct vcm_pool *pool = make_pool(test, "kunit-fail:64K",
					  "kunit-fail");
	long live = vcm_fault_live();
	unsigned int n;
	long ret;

	for (n = 1; ; n++) {
		vcm_fault_arm(n);
		ret = mem_fail_call(c->name);
		vcm_fault_arm(0);
		if (!ret)
			break;
		KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM, "N=%u", n);
		KUNIT_EXPECT_EQ_MSG(test, vcm_fault_live(), live, "N=%u", n);
		KUNIT_EXPECT_EQ(test, pool->used, 0);
		KUNIT_EXPECT_EQ(test, pool->nallocs, 0);
		KUNIT_EXPECT_NULL(test, vcm_pool_lookup("kunit-g"));
		KUNIT_ASSERT_LT(test, n, 50);
	}
	KUNIT_EXPECT_EQ(test, n, c->allocs + 1);
	/* Success frees everything again; "create" leaves two pools. */
	if (!strcmp(c->name, "create")) {
		KUNIT_EXPECT_EQ(test, vcm_pool_destroy(vcm_pool_lookup("kunit-g")),
				0);
		KUNIT_EXPECT_EQ(test, vcm_pool_destroy(vcm_pool_lookup("kunit-h")),
				0);
	}
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);
	KUNIT_EXPECT_EQ(test, vcm_pool_destroy(pool), 0);
}

/* Backing whose segments are @npages[i] pages long, none adjacent. */
struct seek_case {
	const char *name;
	unsigned int npages[8];
	unsigned int nsegs;
	u64 seg_len;		/* what vcm_mem_index() must record */
	bool paged;		/* kept page by page */
};

static const struct seek_case seek_cases[] = {
	/* No page adjacent to the one before: kept page by page. */
	{ "pages", { 1, 1, 1, 1, 1, 1, 1, 1 }, 8, SZ_4K, true },
	/* One page alone is a segment. */
	{ "page", { 1 }, 1, SZ_4K },
	/* One length, a power of two: the seek shifts. */
	{ "pairs", { 2, 2, 2, 2 }, 4, 2 * SZ_4K },
	{ "one", { 5 }, 1, 5 * SZ_4K },
	/* The last segment shorter or longer: still one division. */
	{ "short-last", { 2, 2, 2, 1 }, 4, 2 * SZ_4K },
	{ "long-last", { 1, 1, 1, 3 }, 4, SZ_4K },
	/* Not a power of two: the seek divides. */
	{ "thirds", { 3, 3, 3, 2 }, 4, 3 * SZ_4K },
	/* Lengths that differ before the last: the binary search. */
	{ "long-first", { 2, 1, 1, 1 }, 4, 0 },
	{ "mixed", { 1, 2, 1, 3, 1 }, 5, 0 },
};

static void seek_case_desc(const struct seek_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(seek, seek_cases, seek_case_desc);

/*
 * vcm_mem_seek() gives, at the first, a middle and the last byte of every
 * 4 KiB of the backing, the segment a walk of the segments finds; and
 * drm_vcm_translate() and the tables agree with it once the memory is bound.
 */
static void vcm_test_seek(struct kunit *test)
{
	const struct seek_case *c = test->param_value;
	const u64 at[] = { 0, 0x10, SZ_4K - 1 };
	struct drm_vcm_pte_run run;
	struct drm_vcm_mem *mem;
	unsigned int i, j, n = 0;
	dma_addr_t *addrs;
	u64 off, seg_off;

	if (PAGE_SIZE != SZ_4K)
		kunit_skip(test, "the cases count 4 KiB pages");
	addrs = kunit_kcalloc(test, 32, sizeof(*addrs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, addrs);
	/* Segment i at 1 MiB + i * 64 KiB: a gap after each. */
	for (i = 0; i < c->nsegs; i++)
		for (j = 0; j < c->npages[i]; j++)
			addrs[n++] = SZ_1M + i * SZ_64K + j * SZ_4K;
	mem = drm_vcm_mem_from_pages(NULL, addrs, n, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	KUNIT_ASSERT_EQ(test, mem->nsegs, c->nsegs);
	KUNIT_EXPECT_EQ(test, mem->seg_len, c->seg_len);
	KUNIT_ASSERT_EQ(test, mem->paged, c->paged);

	for (off = 0, i = 0, seg_off = 0; off < mem->size; off += SZ_4K) {
		if (seg_off == SZ_4K * c->npages[i]) {
			i++;
			seg_off = 0;
		}
		for (j = 0; j < ARRAY_SIZE(at); j++) {
			vcm_mem_seek(mem, off + at[j], &run);
			KUNIT_EXPECT_PTR_EQ_MSG(test, run.seg,
						c->paged ? NULL : &mem->segs[i],
						"offset %llx", off + at[j]);
			KUNIT_EXPECT_PTR_EQ_MSG(test, run.page,
						c->paged ? &mem->pages[i] : NULL,
						"offset %llx", off + at[j]);
			KUNIT_EXPECT_EQ_MSG(test, run.off, seg_off + at[j],
					    "offset %llx", off + at[j]);
			KUNIT_EXPECT_EQ_MSG(test, drm_vcm_run_addr(&run),
					    addrs[off / SZ_4K] + at[j],
					    "offset %llx", off + at[j]);
		}
		seg_off += SZ_4K;
	}
	KUNIT_EXPECT_EQ(test, i, c->nsegs - 1);
	bind_check_put(test, mem);
}

/*
 * The cursor over the same eight scattered pages kept both ways, page by
 * page and as one-page segments: from every 4 KiB offset, a skip of every
 * length to the end lands on the byte the array says, with the room that
 * is left of its page.
 */
static void vcm_test_run_skip(struct kunit *test)
{
	enum { N = 8 };
	struct drm_vcm_seg segs[N];
	dma_addr_t pages[N];
	unsigned int i, paged;
	u64 from, len, to;

	if (PAGE_SIZE != SZ_4K)
		kunit_skip(test, "the cases count 4 KiB pages");
	for (i = 0; i < N; i++) {
		pages[i] = SZ_1M + i * SZ_64K;
		segs[i] = (struct drm_vcm_seg){ pages[i], SZ_4K };
	}
	for (paged = 0; paged < 2; paged++) {
		for (from = 0; from < N * SZ_4K; from += SZ_4K) {
			for (len = 0; from + len < N * SZ_4K; len += SZ_4K) {
				struct drm_vcm_pte_run run = {};

				if (paged)
					run.page = &pages[from / SZ_4K];
				else
					run.seg = &segs[from / SZ_4K];
				vcm_run_skip(&run, len);
				to = from + len;
				KUNIT_EXPECT_EQ_MSG(test, drm_vcm_run_addr(&run),
						    pages[to / SZ_4K],
						    "paged %u from %llx len %llx",
						    paged, from, len);
				KUNIT_EXPECT_EQ(test, drm_vcm_run_room(&run),
						SZ_4K);
				KUNIT_EXPECT_PTR_EQ(test, run.page, paged ?
						    &pages[to / SZ_4K] : NULL);
				KUNIT_EXPECT_PTR_EQ(test, run.seg, paged ?
						    NULL : &segs[to / SZ_4K]);
			}
		}
	}
}

static struct kunit_case vcm_mem_cases[] = {
	KUNIT_CASE(vcm_test_alloc_pages),
	KUNIT_CASE(vcm_test_alloc_contig),
	KUNIT_CASE(vcm_test_alloc_device),
	KUNIT_CASE(vcm_test_sgt_kinds),
	KUNIT_CASE(vcm_test_addr_width),
	KUNIT_CASE_PARAM(vcm_test_seek, seek_gen_params),
	KUNIT_CASE(vcm_test_run_skip),
	KUNIT_CASE(vcm_test_pool_alloc),
	KUNIT_CASE(vcm_test_pool_exhaust),
	KUNIT_CASE(vcm_test_pool_fragment),
	KUNIT_CASE(vcm_test_pool_errors),
	KUNIT_CASE(vcm_test_pool_params),
	KUNIT_CASE_PARAM(vcm_test_mem_fail, mem_fail_gen_params),
	{}
};

static struct kunit_suite vcm_mem_suite = {
	.name = "vcm_mem",
	.test_cases = vcm_mem_cases,
};

kunit_test_suite(vcm_mem_suite);
