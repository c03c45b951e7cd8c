// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of PFN maps (drm_vcm_bind_pfns()) over every format: pages
 * present, absent, read-only and writable, read back through each MMU's
 * tables; a range invalidated and bound again; every error; every
 * allocation failed in turn; absent pages sparse in a sparse reservation.
 */

#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "vcm_test.h"
#include "vcm_internal.h"

#define NPAGES	16

/*
 * Page @i of the pattern: absent every fourth, read-only every third of
 * the others.
 */
static u64 pfn_elem(const dma_addr_t *addrs, unsigned int i)
{
	if (i % 4 == 0)
		return addrs[i];	/* absent: the address is ignored */
	return addrs[i] | DRM_VCM_PFN_VALID |
	       (i % 3 ? DRM_VCM_PFN_WRITE : 0);
}

/*
 * Expect page @i of @res to be as @elem says, through @mmu's tables and
 * in VCM's records; absent pages read @absent (invalid or sparse).
 */
static void pfn_expect(struct kunit *test, struct drm_vcm_mmu *mmu,
		       struct drm_vcm_res *res, unsigned int i, u64 elem,
		       enum drm_vcm_entry_kind absent)
{
	u64 va = drm_vcm_res_addr(res) + (u64)i * PAGE_SIZE;
	struct drm_vcm_entry e;
	dma_addr_t a, b;
	int ret;

	ret = drm_vcm_mmu_translate(mmu, va, &a, &e);
	if (!(elem & DRM_VCM_PFN_VALID)) {
		KUNIT_EXPECT_EQ_MSG(test, ret, -ENOENT, "page %u", i);
		KUNIT_EXPECT_EQ_MSG(test, e.kind, absent, "page %u", i);
		KUNIT_EXPECT_EQ(test, drm_vcm_translate(mmu->vcm, va, &b, NULL),
				-ENOENT);
		return;
	}
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "page %u", i);
	KUNIT_EXPECT_EQ_MSG(test, a, elem & DRM_VCM_PFN_ADDR, "page %u", i);
	if (mmu->format->entry_flags & DRM_VCM_WRITE)
		KUNIT_EXPECT_EQ_MSG(test, !!(e.flags & DRM_VCM_WRITE),
				    !!(elem & DRM_VCM_PFN_WRITE), "page %u", i);
	KUNIT_EXPECT_EQ(test, drm_vcm_translate(mmu->vcm, va, &b, NULL), 0);
	KUNIT_EXPECT_EQ(test, b, elem & DRM_VCM_PFN_ADDR);
}

/* Everything a failed call must leave as it was. */
struct pfn_snap {
	long live;
	u64 tables, flushes;
	unsigned int nbound;
	struct drm_vcm_stats stats;
	int ret[NPAGES];
	dma_addr_t pa[NPAGES];
};

static void pfn_snap(struct drm_vcm_mmu *mmu, struct drm_vcm_res *res,
		     struct pfn_snap *s)
{
	struct drm_vcm_entry e;
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->live = vcm_fault_live();
	s->tables = mmu->stats.tables;
	s->flushes = mmu->stats.flushes;
	s->nbound = res->nbound;
	s->stats = mmu->vcm->stats;
	for (i = 0; i < NPAGES; i++)
		s->ret[i] = drm_vcm_mmu_translate(mmu, drm_vcm_res_addr(res) +
						  (u64)i * PAGE_SIZE,
						  &s->pa[i], &e);
}

static void vcm_test_pfn_map(struct kunit *test)
{
	const struct drm_vcm_format *f = test->param_value;
	bool sparse = f->flags & DRM_VCM_FMT_SPARSE;
	enum drm_vcm_entry_kind absent = DRM_VCM_ENTRY_INVALID;
	u64 pfns[NPAGES], again[5];
	struct pfn_snap before, now;
	struct vcm_test_mmu st = {};
	unsigned int i, n, failed = 0;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	dma_addr_t *addrs;
	struct drm_vcm *vcm;
	int ret;

	for (i = 0; i < f->ntables; i++)
		if (f->tables[i].leaf && !f->tables[i].nchild &&
		    f->tables[i].shift == 12 &&
		    f->tables[i].locs & BIT(DRM_VCM_LOC_SYSTEM))
			break;
	if (i == f->ntables)
		kunit_skip(test, "%s maps no system memory", f->name);
	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, f, &st);
	res = drm_vcm_reserve(vcm, NPAGES * PAGE_SIZE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	addrs = vcm_test_scatter(test, NPAGES + 5, 7);
	for (i = 0; i < NPAGES; i++)
		pfns[i] = pfn_elem(addrs, i);
	if (sparse) {
		KUNIT_ASSERT_EQ(test, drm_vcm_res_sparse(res, true), 0);
		absent = DRM_VCM_ENTRY_SPARSE;
	}

	/* Every allocation failed in turn: nothing changes. */
	for (n = 1; ; n++) {
		pfn_snap(mmu, res, &before);
		vcm_fault_arm(n);
		ret = drm_vcm_bind_pfns(res, 0, pfns, NPAGES, NULL,
					DRM_VCM_LOC_SYSTEM, DRM_VCM_READ);
		vcm_fault_arm(0);
		if (!ret)
			break;
		failed++;
		KUNIT_EXPECT_TRUE_MSG(test, ret == -ENOMEM || ret == -ENOSPC,
				      "N=%u: %d", n, ret);
		pfn_snap(mmu, res, &now);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(&now, &before, sizeof(now)), 0,
				    "space changed at N=%u", n);
		KUNIT_ASSERT_LT(test, n, 100);
	}
	/* The address array, the memory, the binding array, 9 bindings. */
	KUNIT_EXPECT_GE(test, failed, 12);
	/* Runs of one access: 1-2, 3, 5, 6, 7, 9, 10-11, 13-14, 15. */
	KUNIT_EXPECT_EQ(test, res->nbound, 9);
	KUNIT_EXPECT_EQ(test, st.flushes, before.flushes + 1);
	for (i = 0; i < NPAGES; i++)
		pfn_expect(test, mmu, res, i, pfns[i], absent);

	/* Errors, each changing nothing. */
	pfn_snap(mmu, res, &before);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_pfns(res, 0, pfns, NPAGES, NULL,
						DRM_VCM_LOC_SYSTEM,
						DRM_VCM_READ), -EBUSY);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_pfns(res, PAGE_SIZE, pfns,
						NPAGES, NULL,
						DRM_VCM_LOC_SYSTEM,
						DRM_VCM_READ), -ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_pfns(res, 1, pfns, 1, NULL,
						DRM_VCM_LOC_SYSTEM,
						DRM_VCM_READ), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_pfns(res, 0, pfns, 0, NULL,
						DRM_VCM_LOC_SYSTEM,
						DRM_VCM_READ), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_pfns(res, 0, pfns, 1, NULL,
						DRM_VCM_LOC_SYSTEM,
						DRM_VCM_WRITE), -EINVAL);
	again[0] = addrs[0] | DRM_VCM_PFN_VALID | BIT_ULL(2);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_pfns(res, 0, again, 1, NULL,
						DRM_VCM_LOC_SYSTEM,
						DRM_VCM_READ), -EINVAL);
	/* Only absent pages: nothing to do, even where pages are bound. */
	again[0] = 0;
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_pfns(res, PAGE_SIZE, again, 1,
						NULL, DRM_VCM_LOC_SYSTEM,
						DRM_VCM_READ), 0);
	pfn_snap(mmu, res, &now);
	KUNIT_EXPECT_EQ(test, memcmp(&now, &before, sizeof(now)), 0);

	/* The CPU side invalidates pages 5-9; they come back elsewhere. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 5 * PAGE_SIZE,
						   5 * PAGE_SIZE), 0);
	for (i = 0; i < NPAGES; i++)
		pfn_expect(test, mmu, res, i, i >= 5 && i < 10 ? 0 : pfns[i],
			   absent);
	for (i = 0; i < 5; i++) {
		again[i] = addrs[NPAGES + i] | DRM_VCM_PFN_VALID |
			   (i == 2 ? 0 : DRM_VCM_PFN_WRITE);
		pfns[5 + i] = again[i];
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_pfns(res, 5 * PAGE_SIZE, again, 5,
						NULL, DRM_VCM_LOC_SYSTEM,
						DRM_VCM_READ), 0);
	for (i = 0; i < NPAGES; i++)
		pfn_expect(test, mmu, res, i, pfns[i], absent);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, NPAGES * PAGE_SIZE),
			0);
	KUNIT_EXPECT_EQ(test, res->nbound, 0);
	pfn_expect(test, mmu, res, 1, 0, absent);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static struct kunit_case vcm_pfn_cases[] = {
	KUNIT_CASE_PARAM(vcm_test_pfn_map, vcm_test_format_gen),
	{}
};

static struct kunit_suite vcm_pfn_suite = {
	.name = "vcm_pfn",
	.test_cases = vcm_pfn_cases,
};

kunit_test_suite(vcm_pfn_suite);
