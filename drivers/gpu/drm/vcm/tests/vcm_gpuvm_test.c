// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the drm_gpuvm helpers: map, remap and unmap steps as
 * drm_gpuvm_sm_map() and drm_gpuvm_sm_unmap() hand them to a driver.
 */

#include <linux/sizes.h>
#include <drm/drm_gpuvm.h>
#include <drm/drm_vcm_gpuvm.h>

#include "vcm_test.h"

struct gpuvm_ctx {
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct vcm_test_mmu st;
	struct drm_vcm_res *res;
	struct drm_vcm_mem *mem;
	u64 base;
};

static struct gpuvm_ctx *gpuvm_setup(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("gp100");
	struct gpuvm_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, f);
	c->vcm = vcm_test_space(test, f);
	c->mmu = vcm_test_attach(test, c->vcm, f, &c->st);
	/* The gpuvm's managed range: 64 MiB from 64 MiB. */
	c->res = drm_vcm_reserve_at(c->vcm, SZ_64M, SZ_64M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->res));
	c->base = SZ_4G;
	c->mem = drm_vcm_mem_contig(NULL, c->base, SZ_8M, DRM_VCM_LOC_DEVICE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mem));
	return c;
}

static void gpuvm_teardown(struct kunit *test, struct gpuvm_ctx *c)
{
	KUNIT_EXPECT_EQ(test, c->res->nbound, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(c->res), 0);
	drm_vcm_mem_put(c->mem);
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, 1);
	drm_vcm_mmu_detach(c->mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

static void gpuvm_expect(struct kunit *test, struct gpuvm_ctx *c, u64 va,
			 int ret, dma_addr_t pa)
{
	dma_addr_t a = 0;

	KUNIT_EXPECT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, &a, NULL),
			    ret, "va %#llx", va);
	if (!ret)
		KUNIT_EXPECT_EQ_MSG(test, a, pa, "va %#llx", va);
}

/*
 * What drm_gpuvm_sm_map() asks for when a 4 MiB mapping at 64 MiB + 4 MiB
 * (2 MiB pages) gets 8 KiB of another mapping in its middle: a remap
 * keeping prev and next, then a map.
 */
static void vcm_test_gpuvm_steps(struct kunit *test)
{
	struct gpuvm_ctx *c = gpuvm_setup(test);
	const u64 va = SZ_64M + SZ_4M, mid = va + SZ_2M - SZ_4K;
	struct drm_gpuva old = {
		.va = { .addr = va, .range = SZ_4M },
		.gem = { .offset = 0 },
	};
	struct drm_gpuva_op_map map = {
		.va = { .addr = va, .range = SZ_4M },
		.gem = { .offset = 0 },
	};
	struct drm_gpuva_op_map prev = {
		.va = { .addr = va, .range = mid - va },
	};
	struct drm_gpuva_op_map next = {
		.va = { .addr = mid + SZ_8K, .range = va + SZ_4M - mid - SZ_8K },
		.gem = { .offset = mid + SZ_8K - va },
	};
	struct drm_gpuva_op_unmap unmap = { .va = &old };
	struct drm_gpuva_op_remap remap = {
		.prev = &prev, .next = &next, .unmap = &unmap,
	};
	struct drm_gpuva_op_map fill = {
		.va = { .addr = mid, .range = SZ_8K },
		.gem = { .offset = SZ_4M },
	};
	struct drm_gpuva piece = {
		.va = { .addr = mid, .range = SZ_8K },
	};
	struct drm_gpuva_op_unmap unmap_piece = { .va = &piece };
	u64 flushes;

	KUNIT_ASSERT_EQ(test, drm_vcm_gpuvm_map(c->res, &map, c->mem,
						DRM_VCM_READ), 0);
	gpuvm_expect(test, c, mid, 0, c->base + (mid - va));

	flushes = c->st.flushes;
	KUNIT_ASSERT_EQ(test, drm_vcm_gpuvm_remap(c->res, &remap), 0);
	KUNIT_EXPECT_EQ(test, c->st.flushes, flushes + 1);
	gpuvm_expect(test, c, mid - SZ_4K, 0, c->base + (mid - SZ_4K - va));
	gpuvm_expect(test, c, mid, -ENOENT, 0);
	gpuvm_expect(test, c, mid + SZ_4K, -ENOENT, 0);
	gpuvm_expect(test, c, mid + SZ_8K, 0, c->base + (mid + SZ_8K - va));
	KUNIT_EXPECT_EQ(test, c->res->nbound, 2);

	KUNIT_ASSERT_EQ(test, drm_vcm_gpuvm_map(c->res, &fill, c->mem,
						DRM_VCM_READ | DRM_VCM_WRITE),
			0);
	gpuvm_expect(test, c, mid + SZ_4K, 0, c->base + SZ_4M + SZ_4K);
	KUNIT_EXPECT_EQ(test, c->res->nbound, 3);

	/* drm_gpuvm_sm_unmap() of everything: three unmap steps. */
	KUNIT_EXPECT_EQ(test, drm_vcm_gpuvm_unmap(c->res, &unmap_piece), 0);
	old.va.range = prev.va.range;
	KUNIT_EXPECT_EQ(test, drm_vcm_gpuvm_unmap(c->res, &unmap), 0);
	old.va = next.va;
	KUNIT_EXPECT_EQ(test, drm_vcm_gpuvm_unmap(c->res, &unmap), 0);
	gpuvm_expect(test, c, mid + SZ_8K, -ENOENT, 0);
	gpuvm_teardown(test, c);
}

/* Steps outside the reservation are refused and change nothing. */
static void vcm_test_gpuvm_range(struct kunit *test)
{
	struct gpuvm_ctx *c = gpuvm_setup(test);
	struct drm_gpuva_op_map map = {
		.va = { .addr = SZ_128M - SZ_4K, .range = SZ_8K },
	};
	struct drm_gpuva old = { .va = { .addr = SZ_32M, .range = SZ_4K } };
	struct drm_gpuva_op_unmap unmap = { .va = &old };
	u64 flushes = c->st.flushes;

	KUNIT_EXPECT_EQ(test, drm_vcm_gpuvm_map(c->res, &map, c->mem, 0),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_gpuvm_unmap(c->res, &unmap), -ERANGE);
	old.va.addr = SZ_64M;
	KUNIT_EXPECT_EQ(test, drm_vcm_gpuvm_unmap(c->res, &unmap), -ENOENT);
	KUNIT_EXPECT_EQ(test, c->st.flushes, flushes);
	gpuvm_teardown(test, c);
}

static struct kunit_case vcm_gpuvm_cases[] = {
	KUNIT_CASE(vcm_test_gpuvm_steps),
	KUNIT_CASE(vcm_test_gpuvm_range),
	{}
};

static struct kunit_suite vcm_gpuvm_suite = {
	.name = "vcm_gpuvm",
	.test_cases = vcm_gpuvm_cases,
};

kunit_test_suite(vcm_gpuvm_suite);
