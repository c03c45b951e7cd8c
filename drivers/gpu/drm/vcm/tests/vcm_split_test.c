// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of partial unbind and replace (drm_vcm_unbind_range(),
 * drm_vcm_rebind()), over every format: holes at the start, middle and
 * end of bindings of 4 KiB to 1 GiB, replacing parts of two bindings,
 * and an allocation failure at every allocation of both paths.
 */

#include <linux/sizes.h>

#include "vcm_test.h"
#include "vcm_internal.h"

struct split_ctx {
	const struct drm_vcm_format *f;
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct vcm_test_mmu st;
	u64 start, size;
	enum drm_vcm_location loc;
};

/* VRAM where the format maps it (its large pages), else system RAM. */
static enum drm_vcm_location split_loc(const struct drm_vcm_format *f)
{
	unsigned int i;

	for (i = 0; i < f->ntables; i++)
		if (f->tables[i].leaf &&
		    f->tables[i].locs & BIT(DRM_VCM_LOC_DEVICE))
			return DRM_VCM_LOC_DEVICE;
	return DRM_VCM_LOC_SYSTEM;
}

static struct split_ctx *split_setup(struct kunit *test)
{
	struct split_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->f = test->param_value;
	vcm_test_geometry(c->f, &c->start, &c->size);
	c->vcm = vcm_test_space(test, c->f);
	c->mmu = vcm_test_attach(test, c->vcm, c->f, &c->st);
	c->loc = split_loc(c->f);
	return c;
}

static void split_teardown(struct kunit *test, struct split_ctx *c)
{
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, c->vcm->stats.bound, 0);
	drm_vcm_mmu_detach(c->mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

/* Backing of @size at an address aligned to it (1 GiB at least). */
static struct drm_vcm_mem *split_contig(struct kunit *test,
					struct split_ctx *c, u64 size)
{
	u64 addr = c->f->pa_bits > 32 ? SZ_4G : SZ_1G;
	struct drm_vcm_mem *mem;

	mem = drm_vcm_mem_contig(NULL, addr, size, c->loc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	return mem;
}

/* Both translations of @va give @addr with @flags, from one page entry. */
static void split_maps(struct kunit *test, struct split_ctx *c, u64 va,
		       dma_addr_t addr, u32 flags)
{
	struct drm_vcm_entry e;
	dma_addr_t sw = 0, hw = 0;

	KUNIT_EXPECT_EQ_MSG(test, drm_vcm_translate(c->vcm, va, &sw, NULL), 0,
			    "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, sw, addr, "va %#llx", va);
	KUNIT_ASSERT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, &hw, &e),
			    0, "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, hw, addr, "va %#llx", va);
	KUNIT_EXPECT_EQ(test, e.flags & c->f->entry_flags,
			flags & c->f->entry_flags);
}

static void split_unmapped(struct kunit *test, struct split_ctx *c, u64 va)
{
	dma_addr_t a;

	KUNIT_EXPECT_EQ_MSG(test, drm_vcm_translate(c->vcm, va, &a, NULL),
			    -ENOENT, "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, &a, NULL),
			    -ENOENT, "va %#llx", va);
}

/*
 * No page entry between @lo and @hi reaches into [@hs, @he): the pages
 * that crossed the hole's edges were split, as the tables say.
 */
static void split_no_cross(struct kunit *test, struct split_ctx *c, u64 lo,
			   u64 hi, u64 hs, u64 he)
{
	struct vcm_pt_pos pos;
	u64 va = lo;

	while (va < hi && vcm_pt_next(c->mmu, va, &pos)) {
		if (pos.va >= hi)
			break;
		KUNIT_EXPECT_TRUE_MSG(test, pos.va + pos.e.pgsize <= hs ||
				      pos.va >= he,
				      "page %#llx+%#llx crosses hole %#llx-%#llx",
				      pos.va, pos.e.pgsize, hs, he);
		va = pos.va + pos.e.pgsize;
	}
}

/* The pages of [@lo, @hi) near its ends and every @step bytes map. */
static void split_check_kept(struct kunit *test, struct split_ctx *c,
			     u64 va0, dma_addr_t pa0, u64 lo, u64 hi,
			     u32 flags)
{
	u64 step = max_t(u64, (hi - lo) / 32, SZ_4K), off;
	unsigned int i;

	if (lo >= hi)
		return;
	for (i = 0; i < 20 && lo + i * SZ_4K < hi; i++) {
		off = lo + i * SZ_4K;
		split_maps(test, c, va0 + off, pa0 + off, flags);
		off = hi - (i + 1) * SZ_4K;
		if (off >= lo)
			split_maps(test, c, va0 + off, pa0 + off, flags);
	}
	for (off = lo; off < hi; off += step)
		split_maps(test, c, va0 + off, pa0 + off, flags);
}

static const u64 split_sizes[] = { SZ_4K, SZ_64K, SZ_2M, SZ_1G };

/* A hole in a binding of @size: at its start, middle or end (@where). */
static void split_hole(struct kunit *test, struct split_ctx *c, u64 size,
		       unsigned int where)
{
	const u32 flags = DRM_VCM_READ | DRM_VCM_WRITE;
	struct drm_vcm_mem *mem = split_contig(test, c, size);
	u64 hs, he, va, flushes = c->st.flushes;
	dma_addr_t pa = mem->segs[0].addr;
	struct drm_vcm_res *res;
	unsigned int i;

	/* 4 KiB at the start or the end, 8 KiB across a 64 KiB line. */
	if (size == SZ_4K) {
		hs = 0;
		he = SZ_4K;
	} else if (where == 0) {
		hs = 0;
		he = SZ_4K;
	} else if (where == 1) {
		hs = size / 2 - SZ_4K;
		he = size / 2 + SZ_4K;
	} else {
		hs = size - SZ_4K;
		he = size;
	}
	res = drm_vcm_reserve(c->vcm, size, size);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	va = drm_vcm_res_addr(res);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, size, mem, 0, flags), 0);

	KUNIT_ASSERT_EQ_MSG(test, drm_vcm_unbind_range(res, hs, he - hs), 0,
			    "size %#llx hole %#llx-%#llx", size, hs, he);
	KUNIT_EXPECT_EQ(test, c->st.flushes, flushes + 2);
	for (i = 0; hs + i * SZ_4K < he; i++)
		split_unmapped(test, c, va + hs + i * SZ_4K);
	split_check_kept(test, c, va, pa, 0, hs, flags);
	split_check_kept(test, c, va, pa, he, size, flags);
	split_no_cross(test, c, va + (hs > SZ_8M ? hs - SZ_8M : 0),
		       va + he + SZ_8M, va + hs, va + he);
	KUNIT_EXPECT_EQ(test, c->vcm->stats.bound, size - (he - hs));
	KUNIT_EXPECT_EQ(test, res->nbound, (hs > 0) + (he < size));

	/* A second hole where there is none: nothing bound, -ENOENT. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, hs, he - hs), -ENOENT);
	/* The kept parts are bindings of their own. */
	if (hs)
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	if (he < size)
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, he), 0);
	KUNIT_EXPECT_EQ(test, res->nbound, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
}

static void vcm_test_split_holes(struct kunit *test)
{
	struct split_ctx *c = split_setup(test);
	unsigned int s, w;

	for (s = 0; s < ARRAY_SIZE(split_sizes); s++) {
		if (split_sizes[s] > c->size / 2)
			continue;
		for (w = 0; w < 3; w++) {
			split_hole(test, c, split_sizes[s], w);
			KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, 1);
		}
	}
	split_teardown(test, c);
}

/* Invalid edits change nothing. */
static void vcm_test_split_errors(struct kunit *test)
{
	struct split_ctx *c = split_setup(test);
	struct drm_vcm_mem *mem = split_contig(test, c, SZ_64K);
	struct drm_vcm_res *res = drm_vcm_reserve(c->vcm, SZ_128K, 0);
	u64 flushes;

	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, SZ_4K), -ENOENT);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, mem, 0, 0), 0);
	flushes = c->st.flushes;
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0x800, SZ_4K), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, SZ_4K + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, SZ_64K, SZ_128K),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, -SZ_4K, SZ_8K),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_rebind(res, 0, SZ_4K, mem, 0, BIT(15)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_rebind(res, 0, SZ_8K, mem, SZ_64K - SZ_4K,
					     0), -ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_rebind(res, SZ_4K, SZ_4K, mem, 0x10, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, c->st.flushes, flushes);
	KUNIT_EXPECT_EQ(test, res->nbound, 1);
	split_check_kept(test, c, drm_vcm_res_addr(res), mem->segs[0].addr, 0,
			 SZ_64K, 0);
	/* The whole binding, through the range call. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, SZ_128K), 0);
	KUNIT_EXPECT_EQ(test, res->nbound, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	split_teardown(test, c);
}

/*
 * Two adjacent bindings A and B of 1 MiB; the second half of A and the
 * first of B are replaced by scattered pages with other flags, in one
 * call, one flush.
 */
static void vcm_test_split_replace(struct kunit *test)
{
	const u32 rw = DRM_VCM_READ | DRM_VCM_WRITE, ro = DRM_VCM_READ;
	struct split_ctx *c = split_setup(test);
	struct drm_vcm_mem *a = split_contig(test, c, SZ_2M), *n;
	const unsigned int np = SZ_1M / SZ_4K;
	dma_addr_t *addrs = vcm_test_scatter(test, np, 5);
	dma_addr_t pa = a->segs[0].addr;
	struct drm_vcm_res *res;
	u64 va, flushes;
	unsigned int i;

	n = drm_vcm_mem_from_pages(NULL, addrs, np, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(n));
	res = drm_vcm_reserve(c->vcm, SZ_2M, SZ_2M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	va = drm_vcm_res_addr(res);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_1M, a, 0, rw), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_1M, SZ_1M, a, SZ_1M, rw), 0);

	flushes = c->st.flushes;
	KUNIT_ASSERT_EQ(test, drm_vcm_rebind(res, SZ_512K, SZ_1M, n, 0, ro), 0);
	KUNIT_EXPECT_EQ(test, c->st.flushes, flushes + 1);
	KUNIT_EXPECT_EQ(test, res->nbound, 3);
	split_check_kept(test, c, va, pa, 0, SZ_512K, rw);
	split_check_kept(test, c, va, pa, SZ_1M + SZ_512K, SZ_2M, rw);
	for (i = 0; i < np; i++)
		split_maps(test, c, va + SZ_512K + i * SZ_4K, addrs[i], ro);
	KUNIT_EXPECT_EQ(test, c->vcm->stats.bound, SZ_2M);

	/* The same pages again with other flags: a remap in place. */
	KUNIT_ASSERT_EQ(test, drm_vcm_rebind(res, SZ_64K, SZ_128K, a, SZ_64K,
					     ro), 0);
	split_check_kept(test, c, va, pa, 0, SZ_64K, rw);
	split_check_kept(test, c, va, pa, SZ_64K, SZ_64K + SZ_128K, ro);
	split_check_kept(test, c, va, pa, SZ_64K + SZ_128K, SZ_512K, rw);
	KUNIT_EXPECT_EQ(test, res->nbound, 5);

	/* Everything at once, five bindings, one call. */
	flushes = c->st.flushes;
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, SZ_2M), 0);
	KUNIT_EXPECT_EQ(test, c->st.flushes, flushes + 1);
	KUNIT_EXPECT_EQ(test, res->nbound, 0);
	for (i = 0; i < 8; i++)
		split_unmapped(test, c, va + i * SZ_256K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(n);
	drm_vcm_mem_put(a);
	split_teardown(test, c);
}

/* Everything a failed edit must leave as it was. */
struct split_snap {
	long live;
	u64 tables, table_bytes, flushes;
	struct drm_vcm_stats stats;
	unsigned int nbound;
	dma_addr_t pa[4];
};

static void split_snap(struct split_ctx *c, struct drm_vcm_res *res,
		       const u64 *va, struct split_snap *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->live = vcm_fault_live();
	s->tables = c->mmu->stats.tables;
	s->table_bytes = c->mmu->stats.table_bytes;
	s->flushes = c->mmu->stats.flushes;
	s->stats = c->vcm->stats;
	s->nbound = res->nbound;
	for (i = 0; i < 4; i++)
		drm_vcm_mmu_translate(c->mmu, va[i], &s->pa[i], NULL);
}

/*
 * Fail the Nth allocation of a hole in a 2 MiB binding (@replace: of a
 * rebind of the hole), for every N until the call succeeds.
 */
static void split_fail(struct kunit *test, bool replace)
{
	struct split_ctx *c = split_setup(test);
	struct drm_vcm_mem *mem = split_contig(test, c, SZ_2M);
	struct split_snap before, now;
	struct drm_vcm_res *res;
	unsigned int n, failed = 0;
	u64 va[4];
	int ret;

	res = drm_vcm_reserve(c->vcm, SZ_2M, SZ_2M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_2M, mem, 0,
					   DRM_VCM_READ), 0);
	va[0] = drm_vcm_res_addr(res);
	va[1] = va[0] + SZ_1M - SZ_4K;
	va[2] = va[0] + SZ_1M + SZ_4K;
	va[3] = va[0] + SZ_1M + SZ_64K;
	for (n = 1; ; n++) {
		split_snap(c, res, va, &before);
		vcm_fault_arm(n);
		if (replace)
			ret = drm_vcm_rebind(res, SZ_1M, SZ_4K, mem, 0,
					     DRM_VCM_READ | DRM_VCM_WRITE);
		else
			ret = drm_vcm_unbind_range(res, SZ_1M, SZ_4K);
		vcm_fault_arm(0);
		if (!ret)
			break;
		failed++;
		KUNIT_EXPECT_TRUE_MSG(test, ret == -ENOMEM || ret == -ENOSPC,
				      "N=%u: %d", n, ret);
		split_snap(c, res, va, &now);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(&now, &before, sizeof(now)), 0,
				    "space changed at N=%u", n);
		KUNIT_ASSERT_LT(test, n, 100);
	}
	/* At least the split's record fails, and each new table. */
	KUNIT_EXPECT_GE(test, failed, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, SZ_2M), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	split_teardown(test, c);
}

static void vcm_test_split_fail_unbind(struct kunit *test)
{
	split_fail(test, false);
}

static void vcm_test_split_fail_rebind(struct kunit *test)
{
	split_fail(test, true);
}

static struct kunit_case vcm_split_cases[] = {
	KUNIT_CASE_PARAM(vcm_test_split_holes, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_split_errors, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_split_replace, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_split_fail_unbind, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_split_fail_rebind, vcm_test_format_gen),
	{}
};

static struct kunit_suite vcm_split_suite = {
	.name = "vcm_split",
	.test_cases = vcm_split_cases,
};

kunit_test_suite(vcm_split_suite);
