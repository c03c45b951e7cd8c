// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the VCM core: lifecycle, reservations, backing memory,
 * bind and unbind, reference counts, attach and detach.
 */

#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <kunit/device.h>

#include "vcm_test.h"

static const struct drm_vcm_format *nv50(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("nv50");

	KUNIT_ASSERT_NOT_NULL(test, f);
	return f;
}

static void vcm_test_lifecycle(struct kunit *test)
{
	struct vcm_test_mmu st = {};
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;

	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_create(0, 0)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_create(0x800, SZ_1M)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_create(0, SZ_1M + 1)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_create(U64_MAX - SZ_1M + 1,
						     SZ_2M)), -EINVAL);
	/* Up to the very end of the 64-bit space is refused too. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_create(U64_MAX - SZ_1M + 1,
						     SZ_1M)), -EINVAL);

	vcm = drm_vcm_create(SZ_1M, SZ_1G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	KUNIT_EXPECT_EQ(test, kref_read(&vcm->ref), 1);

	/* A reservation or an MMU keeps the space alive. */
	res = drm_vcm_reserve(vcm, SZ_4K, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), -EBUSY);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	mmu = vcm_test_attach(test, vcm, nv50(test), &st);
	KUNIT_EXPECT_EQ(test, st.activations, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), -EBUSY);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, st.deactivations, 1);

	/* Another reference outlives destroy, but the space is dead. */
	drm_vcm_get(vcm);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&vcm->ref), 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve(vcm, SZ_4K, 0)), -ENODEV);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve_at(vcm, SZ_1M, SZ_4K)),
			-ENODEV);
	drm_vcm_put(vcm);
}

static void vcm_test_reservations(struct kunit *test)
{
	struct drm_vcm_res *a, *b, *c, *big;
	struct drm_vcm *vcm;

	vcm = drm_vcm_create(SZ_1M, SZ_16M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));

	a = drm_vcm_reserve(vcm, SZ_64K, SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(drm_vcm_res_addr(a), SZ_1M));
	KUNIT_EXPECT_EQ(test, drm_vcm_res_size(a), SZ_64K);

	b = drm_vcm_reserve_at(vcm, SZ_8M, SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	KUNIT_EXPECT_EQ(test, drm_vcm_res_addr(b), SZ_8M);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve_at(vcm, SZ_8M + SZ_512K,
							 SZ_1M)), -EBUSY);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve_at(vcm, SZ_8M - SZ_4K,
							 SZ_8K)), -EBUSY);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve_at(vcm, 0, SZ_4K)),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve_at(vcm, SZ_16M, SZ_2M)),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve_at(vcm, SZ_16M,
							 U64_MAX - SZ_4K + 1)),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve(vcm, SZ_32M, 0)),
			-ENOSPC);
	KUNIT_EXPECT_EQ(test, vcm->stats.reserved, SZ_64K + SZ_1M);

	/* Fixed ranges touching others on both sides. */
	c = drm_vcm_reserve_at(vcm, SZ_8M + SZ_1M, SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c));
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(c), 0);
	c = drm_vcm_reserve_at(vcm, SZ_8M - SZ_4K, SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c));

	/* What is left is still reservable to the last page. */
	big = drm_vcm_reserve(vcm, SZ_4M, SZ_4M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(big));
	KUNIT_EXPECT_EQ(test, drm_vcm_res_addr(big), SZ_8M + SZ_4M);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(a), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(b), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(c), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(big), 0);
	KUNIT_EXPECT_EQ(test, vcm->stats.reserved, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static void vcm_test_mem_sources(struct kunit *test)
{
	dma_addr_t pages[6] = {
		SZ_1M, SZ_1M + PAGE_SIZE, SZ_1M + 2 * PAGE_SIZE, SZ_8M,
		SZ_16M, SZ_16M + PAGE_SIZE,
	};
	/* The sg_table's DMA addresses are for a device. */
	struct device *dev = kunit_device_register(test, "vcm-core-sgt");
	struct scatterlist *sg;
	struct drm_vcm_mem *mem;
	struct sg_table sgt;
	unsigned int i;

	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	mem = drm_vcm_mem_from_pages(NULL, pages, 6, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	KUNIT_EXPECT_EQ(test, mem->nsegs, 3);
	KUNIT_EXPECT_EQ(test, mem->size, 6 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, mem->segs[0].len, 3 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, mem->segs[1].addr, SZ_8M);
	KUNIT_EXPECT_EQ(test, mem->max_addr, SZ_16M + 2 * PAGE_SIZE - 1);
	drm_vcm_mem_put(mem);

	pages[2] = SZ_1M + 0x800;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pages(NULL, pages, 6,
							     DRM_VCM_LOC_SYSTEM)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pages(NULL, pages, 0,
							     DRM_VCM_LOC_SYSTEM)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			PTR_ERR(drm_vcm_mem_from_pages(NULL, pages, 1, 7)),
			-EINVAL);

	KUNIT_ASSERT_EQ(test, sg_alloc_table(&sgt, 3, GFP_KERNEL), 0);
	for_each_sgtable_sg(&sgt, sg, i) {
		sg_dma_address(sg) = SZ_32M + i * SZ_64K;
		sg_dma_len(sg) = i == 1 ? SZ_64K : SZ_8K;
	}
	mem = drm_vcm_mem_from_sgt(dev, &sgt, DRM_VCM_LOC_DEVICE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	/* The second segment runs into the third: they merge. */
	KUNIT_EXPECT_EQ(test, mem->nsegs, 2);
	KUNIT_EXPECT_EQ(test, mem->size, SZ_64K + 2 * SZ_8K);
	KUNIT_EXPECT_EQ(test, mem->loc, DRM_VCM_LOC_DEVICE);
	drm_vcm_mem_put(mem);
	sg_dma_len(sgt.sgl) = 0x1800;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_sgt(dev, &sgt,
							   DRM_VCM_LOC_DEVICE)),
			-EINVAL);
	sg_free_table(&sgt);

	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_contig(NULL, 0, 0,
							 DRM_VCM_LOC_SYSTEM)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_contig(NULL,
							 U64_MAX & ~0xfffULL,
							 SZ_8K,
							 DRM_VCM_LOC_SYSTEM)),
			-EINVAL);
}

static void vcm_test_bind_unbind(struct kunit *test)
{
	const struct drm_vcm_format *f = nv50(test);
	struct vcm_test_mmu st = {};
	struct drm_vcm_res *res, *other;
	struct drm_vcm_mem *mem, *far;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	dma_addr_t a;
	u32 flags;

	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_1M, DRM_VCM_LOC_SYSTEM);
	far = drm_vcm_mem_contig(NULL, 1ULL << 40, SZ_4K, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve(vcm, SZ_1M, 0);
	other = drm_vcm_reserve(vcm, SZ_1M, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(far) || IS_ERR(res) ||
			   IS_ERR(other));

	/* A sub-range of the reservation, from an offset in the backing. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_64K, SZ_128K, mem, SZ_256K,
					   DRM_VCM_READ | DRM_VCM_WRITE), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_translate(vcm, drm_vcm_res_addr(res) +
						SZ_64K + 0x1234, &a, &flags), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_1G + SZ_256K + 0x1234);
	KUNIT_EXPECT_EQ(test, flags, DRM_VCM_READ | DRM_VCM_WRITE);
	KUNIT_EXPECT_EQ(test, vcm->stats.bound, SZ_128K);
	KUNIT_EXPECT_EQ(test, res->nbound, 1);

	/* Outside the reservation or the backing. */
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_1M - SZ_4K, SZ_8K, mem, 0, 0),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_1M, SZ_4K, mem, 0, 0),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_8K, mem, SZ_1M - SZ_4K, 0),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem,
					   U64_MAX & ~0xfffULL, 0), -ERANGE);
	/* Flags: undefined common bits, format bits the format lacks. */
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, BIT(3)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0,
					   DRM_VCM_FMT_FLAG(1)), -EINVAL);
	/* An address wider than the format's entries. */
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, far, 0, 0), -ERANGE);
	KUNIT_EXPECT_EQ(test, st.flushes, 1);

	/* nv50's privileged bit is a format flag it declares. */
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0,
					   DRM_VCM_FMT_FLAG(0)), 0);

	/* Unbind needs the exact start, in the right reservation. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_64K + SZ_4K), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(other, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_4M), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), -EBUSY);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_64K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_64K), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, vcm->stats.binds, 2);
	KUNIT_EXPECT_EQ(test, vcm->stats.unbinds, 2);
	KUNIT_EXPECT_EQ(test, vcm->stats.bound, 0);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(other), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mem_put(far);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* A format refuses memory of a location it cannot map. */
static void vcm_test_location(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("r600-gart");
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *vram;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;

	KUNIT_ASSERT_NOT_NULL(test, f);
	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, f, &st);
	vram = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_DEVICE);
	res = drm_vcm_reserve(vcm, SZ_64K, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(res));
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, vram, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(vram);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static int count_binding(const struct drm_vcm_binding *b, void *data)
{
	u64 *seen = data;

	/* In VA order: each start above the previous one. */
	if (seen[1] && b->node.start <= seen[1])
		return -EINVAL;
	seen[1] = b->node.start;
	return ++seen[0] == 2 ? 1 : 0;
}

static void vcm_test_refcounts(struct kunit *test)
{
	const struct drm_vcm_format *f = nv50(test);
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	u64 seen[2] = {};

	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve(vcm, SZ_1M, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));

	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_256K, SZ_64K, mem, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, mem, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_512K, SZ_4K, mem, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&mem->ref), 4);
	/* The walk stops where the callback says, in VA order. */
	KUNIT_EXPECT_EQ(test, drm_vcm_visit_bindings(vcm, count_binding, seen),
			1);
	KUNIT_EXPECT_EQ(test, seen[0], 2);
	KUNIT_EXPECT_EQ(test, seen[1], drm_vcm_res_addr(res) + SZ_256K);

	/* The creator lets go; the bindings keep the memory. */
	drm_vcm_mem_get(mem);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, kref_read(&mem->ref), 4);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&mem->ref), 3);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_256K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_512K), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&mem->ref), 1);
	drm_vcm_mem_put(mem);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static void vcm_test_attach_detach(struct kunit *test)
{
	const struct drm_vcm_format *f = nv50(test);
	const struct drm_vcm_format *gart = drm_vcm_format_find("r600-gart");
	struct vcm_test_mmu st = {}, st2 = {};
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.ops = &vcm_test_ops,
		.priv = &st2,
	};
	struct drm_vcm_format nopde;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm, *big;
	dma_addr_t a;

	KUNIT_ASSERT_NOT_NULL(test, gart);
	vcm = vcm_test_space(test, f);
	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve(vcm, SZ_1M, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));
	/* Binding with no MMU attached just records the binding. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, mem, 0, 0), 0);

	/* Activation failing: the error comes back and nothing stays. */
	st2.activate_ret = -EIO;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EIO);
	KUNIT_EXPECT_TRUE(test, list_empty(&vcm->mmus));

	/* Bad descriptors. */
	desc.format = NULL;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EINVAL);
	desc.format = f;
	desc.tmem.kind = DRM_VCM_TMEM_IO;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EINVAL);
	desc.tmem.kind = 9;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EINVAL);
	/* A format with directories must say how to write their entries. */
	nopde = *f;
	nopde.write_pde = NULL;
	desc.tmem.kind = DRM_VCM_TMEM_SYSTEM;
	desc.format = &nopde;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EINVAL);
	desc.format = f;

	/* A space beyond what the format addresses. */
	big = drm_vcm_create(SZ_4G - SZ_1M, SZ_2M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(big));
	desc.tmem.kind = DRM_VCM_TMEM_SYSTEM;
	desc.format = gart;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(big, &desc)), -ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(big), 0);

	/* Attached later, the MMU gets the existing binding written. */
	mmu = vcm_test_attach(test, vcm, f, &st);
	KUNIT_EXPECT_EQ(test, st.activations, 1);
	KUNIT_EXPECT_EQ(test, st.top, drm_vcm_mmu_top(mmu));
	KUNIT_EXPECT_EQ(test, st.flushes, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, drm_vcm_res_addr(res) +
						    SZ_8K, &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_1G + SZ_8K);

	/* Detached, the binding stays and is torn down without it. */
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, st.deactivations, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_translate(vcm, drm_vcm_res_addr(res), &a,
						NULL), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * A budget caps the tables of its spaces: -EDQUOT at attach and at bind,
 * the space unchanged, and every byte given back on unbind and detach.
 */
static void vcm_test_budget(struct kunit *test)
{
	const struct drm_vcm_format *f = nv50(test);
	struct vcm_test_mmu st = {}, st2 = {};
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &vcm_test_ops,
		.priv = &st2,
	};
	struct drm_vcm_budget b;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	u64 top, one;
	dma_addr_t a;

	drm_vcm_budget_init(&b, U64_MAX);
	vcm = vcm_test_space(test, f);
	KUNIT_ASSERT_EQ(test, drm_vcm_set_budget(vcm, &b), 0);
	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve(vcm, SZ_1M, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));

	/* What the top table costs, the shadow included. */
	mmu = vcm_test_attach(test, vcm, f, &st);
	top = drm_vcm_budget_used(&b);
	KUNIT_EXPECT_GE(test, top, mmu->stats.table_bytes);
	KUNIT_EXPECT_EQ(test, drm_vcm_set_budget(vcm, NULL), -EBUSY);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), 0);

	/* One byte short of the top table: attach refused, nothing kept. */
	b.max = top - 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EDQUOT);
	KUNIT_EXPECT_EQ(test, st2.activations, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&vcm->mmus));
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), 0);

	/* Exactly the top table: attach fits, the first bind does not. */
	b.max = top;
	mmu = vcm_test_attach(test, vcm, f, &st);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), top);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, 0), -EDQUOT);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), top);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, vcm->stats.bound, 0);
	KUNIT_EXPECT_EQ(test, res->nbound, 0);
	KUNIT_EXPECT_EQ(test, st.flushes, 0);
	KUNIT_EXPECT_EQ(test, kref_read(&mem->ref), 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_translate(vcm, drm_vcm_res_addr(res), &a,
						NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, drm_vcm_res_addr(res),
						    &a, NULL), -ENOENT);

	/* With room, the bind takes its table and gives it back. */
	b.max = U64_MAX;
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, 0), 0);
	one = drm_vcm_budget_used(&b);
	KUNIT_EXPECT_GT(test, one, top);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), top);

	/*
	 * A second MMU attached over a binding needs a top table and the
	 * binding's table: one byte short, it is refused and the first
	 * MMU's charge and translations stay.
	 */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, 0), 0);
	b.max = 2 * one - 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EDQUOT);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), one);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&vcm->mmus), 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, drm_vcm_res_addr(res),
						    &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_1G);

	/* Everything back once the space is torn down. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), 0);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* Two spaces share one budget. */
static void vcm_test_budget_shared(struct kunit *test)
{
	const struct drm_vcm_format *f = nv50(test);
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &vcm_test_ops,
		.priv = &st,
	};
	struct drm_vcm *a, *c;
	struct drm_vcm_mmu *ma;
	struct drm_vcm_budget b;
	u64 top;

	drm_vcm_budget_init(&b, U64_MAX);
	a = vcm_test_space(test, f);
	c = vcm_test_space(test, f);
	KUNIT_ASSERT_EQ(test, drm_vcm_set_budget(a, &b), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_set_budget(c, &b), 0);
	ma = vcm_test_attach(test, a, f, &st);
	top = drm_vcm_budget_used(&b);
	b.max = 2 * top - 1;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(c, &desc)), -EDQUOT);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), top);
	drm_vcm_mmu_detach(ma);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(a), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c), 0);
}

static struct kunit_case vcm_core_cases[] = {
	KUNIT_CASE(vcm_test_lifecycle),
	KUNIT_CASE(vcm_test_reservations),
	KUNIT_CASE(vcm_test_mem_sources),
	KUNIT_CASE(vcm_test_bind_unbind),
	KUNIT_CASE(vcm_test_location),
	KUNIT_CASE(vcm_test_refcounts),
	KUNIT_CASE(vcm_test_attach_detach),
	KUNIT_CASE(vcm_test_budget),
	KUNIT_CASE(vcm_test_budget_shared),
	{}
};

static struct kunit_suite vcm_core_suite = {
	.name = "vcm_core",
	.test_cases = vcm_core_cases,
};

kunit_test_suite(vcm_core_suite);
