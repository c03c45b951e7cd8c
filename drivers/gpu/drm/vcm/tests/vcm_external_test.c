// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of external MMUs: MMUs whose translations another layer
 * keeps (the AGP core, an IOMMU domain), reached through their map and
 * unmap ops beside MMUs whose tables VCM writes.
 */

#include <linux/sizes.h>
#include <kunit/device.h>

#include "vcm_test.h"
#include "vcm_internal.h"

#define RW	(DRM_VCM_READ | DRM_VCM_WRITE)

/* What an external MMU was asked to do: its live mappings. */
struct ext_mmu {
	u64 va[8], size[8];
	dma_addr_t addr[8];
	unsigned int n, maps, unmaps, flushes, activations;
	dma_addr_t top;
	int fail;	/* the map call that fails, counting from 1; 0 none */
};

static int ext_map(struct drm_vcm_mmu *mmu, u64 va, u64 size,
		   const struct drm_vcm_mem *mem, u64 offset, u32 flags)
{
	struct ext_mmu *x = drm_vcm_mmu_priv(mmu);

	if (++x->maps == x->fail || x->n == ARRAY_SIZE(x->va))
		return -ENOMEM;
	x->va[x->n] = va;
	x->size[x->n] = size;
	x->addr[x->n] = mem->segs[0].addr + offset;
	x->n++;
	return 0;
}

static void ext_unmap(struct drm_vcm_mmu *mmu, u64 va, u64 size)
{
	struct ext_mmu *x = drm_vcm_mmu_priv(mmu);
	unsigned int i;

	x->unmaps++;
	for (i = 0; i < x->n; i++) {
		if (x->va[i] == va && x->size[i] == size) {
			x->n--;
			x->va[i] = x->va[x->n];
			x->size[i] = x->size[x->n];
			x->addr[i] = x->addr[x->n];
			return;
		}
	}
	x->unmaps += 1000;	/* unmap of something never mapped */
}

static int ext_translate(struct drm_vcm_mmu *mmu, u64 va, dma_addr_t *addr)
{
	struct ext_mmu *x = drm_vcm_mmu_priv(mmu);
	unsigned int i;

	for (i = 0; i < x->n; i++) {
		if (va >= x->va[i] && va - x->va[i] < x->size[i]) {
			*addr = x->addr[i] + (va - x->va[i]);
			return 0;
		}
	}
	return -ENOENT;
}

static void ext_flush(struct drm_vcm_mmu *mmu, u64 start, u64 size)
{
	struct ext_mmu *x = drm_vcm_mmu_priv(mmu);

	x->flushes++;
}

static int ext_activate(struct drm_vcm_mmu *mmu, dma_addr_t top)
{
	struct ext_mmu *x = drm_vcm_mmu_priv(mmu);

	x->activations++;
	x->top = top;
	return 0;
}

static const struct drm_vcm_mmu_ops ext_ops = {
	.activate = ext_activate,
	.flush = ext_flush,
	.map = ext_map,
	.unmap = ext_unmap,
	.translate = ext_translate,
};

static struct drm_vcm_mmu *ext_attach(struct kunit *test, struct drm_vcm *vcm,
				      const struct drm_vcm_format *f,
				      struct ext_mmu *x)
{
	struct drm_vcm_mmu_desc desc = { .format = f, .ops = &ext_ops,
					 .priv = x };
	struct drm_vcm_mmu *mmu = drm_vcm_mmu_attach(vcm, &desc);

	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	return mmu;
}

/*
 * A bind reaches a table MMU and two external ones; a map failure on the
 * second external one leaves all three as they were.
 */
static void vcm_test_external_bind(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("r600-gart");
	struct ext_mmu x1 = {}, x2 = {};
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu *m0, *m1, *m2;
	struct drm_vcm_entry e;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 start, size, tables;
	dma_addr_t a;

	KUNIT_ASSERT_NOT_NULL(test, f);
	vcm_test_geometry(f, &start, &size);
	vcm = vcm_test_space(test, f);
	m0 = vcm_test_attach(test, vcm, f, &st);
	m1 = ext_attach(test, vcm, NULL, &x1);
	m2 = ext_attach(test, vcm, f, &x2);
	KUNIT_EXPECT_EQ(test, x1.activations, 1);
	KUNIT_EXPECT_EQ(test, x1.top, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_top(m1), 0);
	tables = m0->stats.tables;

	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve_at(vcm, start + SZ_4M, SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	/* The second external map fails: nothing anywhere. */
	x2.fail = 1;
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, mem, 0, RW),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, x1.n, 0);
	KUNIT_EXPECT_EQ(test, x1.maps, 1);
	KUNIT_EXPECT_EQ(test, x1.unmaps, 1);
	KUNIT_EXPECT_EQ(test, x2.n, 0);
	KUNIT_EXPECT_EQ(test, m0->stats.tables, tables);
	KUNIT_EXPECT_EQ(test, drm_vcm_translate(vcm, start + SZ_4M, &a, NULL),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, st.flushes + x1.flushes + x2.flushes, 0);

	/* Now it works: all three map it, each is flushed once. */
	x2.fail = 0;
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_4K, SZ_16K, mem, SZ_8K, RW),
			0);
	KUNIT_EXPECT_EQ(test, x1.n, 1);
	KUNIT_EXPECT_EQ(test, x1.va[0], start + SZ_4M + SZ_4K);
	KUNIT_EXPECT_EQ(test, x1.size[0], SZ_16K);
	KUNIT_EXPECT_EQ(test, x1.addr[0], SZ_1G + SZ_8K);
	KUNIT_EXPECT_EQ(test, x2.n, 1);
	KUNIT_EXPECT_EQ(test, st.flushes, 1);
	KUNIT_EXPECT_EQ(test, x1.flushes, 1);
	KUNIT_EXPECT_EQ(test, x2.flushes, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(m0, start + SZ_4M + SZ_8K,
						    &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_1G + SZ_8K + SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(m1, start + SZ_4M + SZ_8K,
						    &a, &e), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_1G + SZ_8K + SZ_4K);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);

	/* Unbind: unmapped from both, flushed once more each. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_4K), 0);
	KUNIT_EXPECT_EQ(test, x1.n, 0);
	KUNIT_EXPECT_EQ(test, x2.n, 0);
	KUNIT_EXPECT_EQ(test, x1.unmaps, 2);
	KUNIT_EXPECT_EQ(test, x1.flushes, 2);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(m1, start + SZ_4M + SZ_8K,
						    &a, NULL), -ENOENT);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(m2);
	drm_vcm_mmu_detach(m1);
	drm_vcm_mmu_detach(m0);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * Attached to a space with bindings, an external MMU gets each of them;
 * a failure part way unmaps the ones it got. Detach unmaps them all.
 * Descriptors that cannot work are refused.
 */
static void vcm_test_external_attach(struct kunit *test)
{
	static const struct drm_vcm_mmu_ops no_unmap = { .map = ext_map };
	struct drm_vcm_mmu_desc desc = { .ops = &ext_ops };
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct ext_mmu x = {};
	struct drm_vcm *vcm;
	dma_addr_t a;

	vcm = drm_vcm_create(SZ_1G, SZ_1G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mem = drm_vcm_mem_contig(NULL, SZ_4G, SZ_1M, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve_at(vcm, SZ_1G, SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, RW), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_64K, SZ_8K, mem, 0, RW), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_128K, SZ_4K, mem, 0, RW),
			0);

	x.fail = 3;
	desc.priv = &x;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, x.n, 0);
	KUNIT_EXPECT_EQ(test, x.unmaps, 2);
	KUNIT_EXPECT_EQ(test, x.activations, 0);

	x = (struct ext_mmu){};
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	KUNIT_EXPECT_EQ(test, x.n, 3);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_1G + SZ_64K + 5,
						    &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + 5);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, x.n, 0);
	KUNIT_EXPECT_EQ(test, x.unmaps, 3);

	/* map without unmap; a sparse external MMU; a flag of no format. */
	desc.ops = &no_unmap;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)),
			-EINVAL);
	desc.ops = &ext_ops;
	desc.sparse = true;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)),
			-EINVAL);
	desc.sparse = false;
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_256K, SZ_4K, mem, 0,
					   RW | DRM_VCM_FMT_FLAG(0)), -EINVAL);
	drm_vcm_mmu_detach(mmu);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_64K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_128K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * Address kinds: memory of DMA addresses for one device binds only where
 * every MMU takes that device's addresses, at bind and at attach, whether
 * the MMU has tables or is external; a refusal changes nothing.
 */
static void vcm_test_external_addr_kinds(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("r600-gart");
	struct device *dev = kunit_device_register(test, "vcm-kind-a");
	struct device *other = kunit_device_register(test, "vcm-kind-b");
	struct drm_vcm_mmu_desc desc = { .ops = &ext_ops };
	struct drm_vcm_mem *phys, *dma, *dma2;
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu *mmu, *tbl;
	struct ext_mmu x = {};
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 start, size;

	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dev));
	KUNIT_ASSERT_FALSE(test, IS_ERR(other));
	vcm_test_geometry(f, &start, &size);
	vcm = drm_vcm_create(start, size);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	res = drm_vcm_reserve(vcm, SZ_1M, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	phys = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	dma = drm_vcm_mem_contig(dev, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	dma2 = drm_vcm_mem_contig(other, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(phys));
	KUNIT_ASSERT_FALSE(test, IS_ERR(dma));
	KUNIT_ASSERT_FALSE(test, IS_ERR(dma2));
	KUNIT_EXPECT_PTR_EQ(test, dma->dev, dev);

	/* A table MMU taking physical addresses: DMA ones are refused. */
	tbl = vcm_test_attach(test, vcm, f, &st);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, dma, 0, RW), -EXDEV);
	KUNIT_EXPECT_EQ(test, vcm->stats.binds, 0);
	KUNIT_EXPECT_EQ(test, st.flushes, 0);
	KUNIT_EXPECT_EQ(test, kref_read(&dma->ref), 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, phys, 0, RW), 0);
	/* Attaching an MMU of @dev's addresses over a physical binding. */
	desc.dev = dev;
	desc.priv = &x;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EXDEV);
	KUNIT_EXPECT_EQ(test, x.maps, 0);
	KUNIT_EXPECT_EQ(test, x.activations, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	drm_vcm_mmu_detach(tbl);

	/* A binding of @dev's addresses, then MMUs of other kinds. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_8K, dma, 0, RW), 0);
	desc.dev = NULL;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EXDEV);
	desc.dev = other;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EXDEV);
	KUNIT_EXPECT_EQ(test, x.maps, 0);
	{
		struct drm_vcm_mmu_desc td = {
			.format = f, .ops = &vcm_test_ops, .priv = &st,
			.dummy_addr = VCM_TEST_DUMMY,
		};

		/* Table MMU, physical: refused after its tables exist. */
		KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &td)),
				-EXDEV);
		/* Table memory for another device than the MMU's. */
		td.dev = dev;
		td.tmem.dev = other;
		KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &td)),
				-EXDEV);
	}
	KUNIT_EXPECT_EQ(test, st.activations, 1);	/* tbl's only */

	/* The same device: mapped, and only that device's memory binds. */
	desc.dev = dev;
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	KUNIT_EXPECT_EQ(test, x.n, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_64K, SZ_4K, phys, 0, RW),
			-EXDEV);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_64K, SZ_4K, dma2, 0, RW),
			-EXDEV);
	KUNIT_EXPECT_EQ(test, x.maps, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_64K, SZ_4K, dma, 0, RW), 0);
	KUNIT_EXPECT_EQ(test, x.n, 2);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_64K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, x.n, 0);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(phys);
	drm_vcm_mem_put(dma);
	drm_vcm_mem_put(dma2);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static struct kunit_case vcm_external_cases[] = {
	KUNIT_CASE(vcm_test_external_bind),
	KUNIT_CASE(vcm_test_external_attach),
	KUNIT_CASE(vcm_test_external_addr_kinds),
	{}
};

static struct kunit_suite vcm_external_suite = {
	.name = "vcm_external",
	.test_cases = vcm_external_cases,
};

kunit_test_suite(vcm_external_suite);
