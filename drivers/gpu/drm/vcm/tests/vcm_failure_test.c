// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Allocation-failure suite: fail the Nth allocation, for every N, along
 * each path that allocates (reserve, bind, attach, backing memory), and
 * check that the call reports the failure, that the space is exactly as
 * it was and that nothing leaked. N runs until the call succeeds without
 * an injected failure, so every allocation on the path is covered.
 */

#include <linux/sizes.h>

#include "vcm_test.h"
#include "vcm_internal.h"

/* Everything a failed call must leave as it was. */
struct snapshot {
	long live;
	u64 tables[2], table_bytes[2], flushes[2];
	struct drm_vcm_stats stats;
	unsigned int nres;
};

struct fail_ctx {
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu[2];
	struct vcm_test_mmu st[2];
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	unsigned int nmmu;
};

static void snap(struct fail_ctx *c, struct snapshot *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->live = vcm_fault_live();
	s->stats = c->vcm->stats;
	s->nres = c->vcm->nres;
	for (i = 0; i < c->nmmu; i++) {
		s->tables[i] = c->mmu[i]->stats.tables;
		s->table_bytes[i] = c->mmu[i]->stats.table_bytes;
		s->flushes[i] = c->mmu[i]->stats.flushes;
	}
}

static void expect_unchanged(struct kunit *test, struct fail_ctx *c,
			     const struct snapshot *before, unsigned int n)
{
	struct snapshot now;

	snap(c, &now);
	KUNIT_EXPECT_EQ_MSG(test, now.live, before->live, "leak at N=%u", n);
	KUNIT_EXPECT_EQ_MSG(test, memcmp(&now, before, sizeof(now)), 0,
			    "space changed at N=%u", n);
}

/* fail_setup()'s MMUs: nv50, both formats, or nv50 with I/O tables. */
enum { FAIL_NV50 = 1, FAIL_BOTH, FAIL_IO };

/*
 * A space spanning two nv50 directory entries, with both formats attached
 * for %FAIL_BOTH, so a bind allocates tables for each MMU, and nv50's
 * tables in an I/O window for %FAIL_IO, where each table also allocates
 * its place in the window.
 */
static struct fail_ctx *fail_setup(struct kunit *test, unsigned int mmus)
{
	static const char *const names[] = { "nv50", "r600-gart" };
	struct fail_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	dma_addr_t *addrs = vcm_test_scatter(test, 64, 1);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->vcm = drm_vcm_create(SZ_512M - SZ_16M, SZ_32M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->vcm));
	c->nmmu = mmus == FAIL_BOTH ? 2 : 1;
	if (mmus == FAIL_IO)
		c->mmu[0] = vcm_test_attach_io(test, c->vcm,
					       drm_vcm_format_find("nv50"),
					       &c->st[0]);
	for (i = mmus == FAIL_IO; i < c->nmmu; i++)
		c->mmu[i] = vcm_test_attach(test, c->vcm,
					    drm_vcm_format_find(names[i]),
					    &c->st[i]);
	c->mem = drm_vcm_mem_from_pages(NULL, addrs, 64, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mem));
	/* Straddles the 512 MiB directory boundary. */
	c->res = drm_vcm_reserve_at(c->vcm, SZ_512M - SZ_128K, SZ_256K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->res));
	return c;
}

static void fail_teardown(struct kunit *test, struct fail_ctx *c)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(c->res), 0);
	drm_vcm_mem_put(c->mem);
	for (i = c->nmmu; i--;)
		drm_vcm_mmu_detach(c->mmu[i]);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

static void vcm_test_fail_bind(struct kunit *test)
{
	const unsigned int *nmmu = test->param_value;
	struct fail_ctx *c = fail_setup(test, *nmmu);
	u64 va = drm_vcm_res_addr(c->res);
	struct snapshot before;
	unsigned int n, failed = 0;
	dma_addr_t a;
	int ret;

	for (n = 1; ; n++) {
		snap(c, &before);
		vcm_fault_arm(n);
		ret = drm_vcm_bind(c->res, 0, SZ_256K, c->mem, 0, DRM_VCM_READ);
		vcm_fault_arm(0);
		if (!ret)
			break;
		failed++;
		KUNIT_EXPECT_TRUE_MSG(test, ret == -ENOMEM || ret == -ENOSPC,
				      "N=%u: %d", n, ret);
		expect_unchanged(test, c, &before, n);
		KUNIT_EXPECT_EQ(test, drm_vcm_translate(c->vcm, va, &a, NULL),
				-ENOENT);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu[0],
							    va + SZ_128K, &a,
							    NULL), -ENOENT);
		KUNIT_ASSERT_LT(test, n, 100);
	}
	/* The binding, two leaf tables for nv50: at least three. */
	KUNIT_EXPECT_GE(test, failed, 3);
	KUNIT_EXPECT_EQ(test, c->mmu[0]->stats.flushes, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu[0], va + SZ_128K,
						    &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(c->res, 0), 0);
	fail_teardown(test, c);
}

/*
 * A gp100 bind of four whole 2 MiB leaf tables, below directories that
 * exist, takes their pages from its prepare's stash (vcm_pt_stash_fill()).
 * Failing each allocation in turn, or the budget at the third table,
 * leaves the space, its statistics, the budget and the live allocations
 * (what the stash held included) as they were.
 */
static void vcm_test_fail_bind_stash(struct kunit *test)
{
	const unsigned int npages = SZ_8M / SZ_4K;
	struct fail_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	dma_addr_t *addrs = vcm_test_scatter(test, npages, 3);
	struct drm_vcm_budget b;
	struct drm_vcm_res *res1;
	struct snapshot before;
	unsigned int n, i, failed = 0;
	u64 used, leaf;
	dma_addr_t a;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, c);
	drm_vcm_budget_init(&b, U64_MAX);
	c->vcm = drm_vcm_create(SZ_1G, SZ_16M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->vcm));
	KUNIT_ASSERT_EQ(test, drm_vcm_set_budget(c->vcm, &b), 0);
	c->nmmu = 1;
	c->mmu[0] = vcm_test_attach(test, c->vcm, drm_vcm_format_find("gp100"),
				    &c->st[0]);
	c->mem = drm_vcm_mem_from_pages(NULL, addrs, npages,
					DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mem));
	c->res = drm_vcm_reserve_at(c->vcm, SZ_1G, SZ_8M);
	res1 = drm_vcm_reserve_at(c->vcm, SZ_1G + SZ_8M, SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->res) || IS_ERR(res1));
	/* The directories of the 8 MiB, from a page just past them. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res1, 0, SZ_4K, c->mem, 0, 0), 0);
	used = drm_vcm_budget_used(&b);

	for (n = 1; ; n++) {
		snap(c, &before);
		vcm_fault_arm(n);
		ret = drm_vcm_bind(c->res, 0, SZ_8M, c->mem, 0, DRM_VCM_READ);
		vcm_fault_arm(0);
		if (!ret)
			break;
		failed++;
		KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM, "N=%u", n);
		expect_unchanged(test, c, &before, n);
		KUNIT_EXPECT_EQ_MSG(test, drm_vcm_budget_used(&b), used,
				    "N=%u", n);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu[0],
							    SZ_1G + SZ_2M, &a,
							    NULL), -ENOENT);
		KUNIT_ASSERT_LT(test, n, 100);
	}
	/* The binding, then a shadow and a page for each of four tables. */
	KUNIT_EXPECT_EQ(test, failed, 9);
	KUNIT_EXPECT_EQ(test, c->mmu[0]->stats.tables, before.tables[0] + 4);
	for (i = 0; i < npages; i++) {
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(c->mmu[0],
							    SZ_1G + i * SZ_4K,
							    &a, NULL), 0);
		KUNIT_EXPECT_EQ(test, a, addrs[i]);
	}
	leaf = (drm_vcm_budget_used(&b) - used) / 4;
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), used + 4 * leaf);
	KUNIT_EXPECT_GT(test, leaf, SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(c->res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), used);

	/* Room for two and a half tables: -EDQUOT, nothing kept. */
	b.max = used + 2 * leaf + leaf / 2;
	snap(c, &before);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(c->res, 0, SZ_8M, c->mem, 0, 0),
			-EDQUOT);
	expect_unchanged(test, c, &before, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), used);

	b.max = U64_MAX;
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res1, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res1), 0);
	fail_teardown(test, c);
	KUNIT_EXPECT_EQ(test, drm_vcm_budget_used(&b), 0);
}

static void vcm_test_fail_reserve(struct kunit *test)
{
	struct fail_ctx *c = fail_setup(test, FAIL_NV50);
	struct drm_vcm_res *res;
	struct snapshot before;
	unsigned int n, pass;

	for (pass = 0; pass < 2; pass++) {
		for (n = 1; ; n++) {
			snap(c, &before);
			vcm_fault_arm(n);
			res = pass ? drm_vcm_reserve_at(c->vcm, SZ_512M - SZ_16M,
							SZ_64K) :
				     drm_vcm_reserve(c->vcm, SZ_64K, SZ_64K);
			vcm_fault_arm(0);
			if (!IS_ERR(res))
				break;
			KUNIT_EXPECT_EQ(test, PTR_ERR(res), -ENOMEM);
			expect_unchanged(test, c, &before, n);
			KUNIT_ASSERT_LT(test, n, 10);
		}
		KUNIT_EXPECT_EQ(test, n, 2);
		KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	}
	fail_teardown(test, c);
}

/* Attaching to a space with bindings allocates a table per binding. */
static void vcm_test_fail_attach(struct kunit *test)
{
	struct fail_ctx *c = fail_setup(test, FAIL_NV50);
	const struct drm_vcm_format *f = drm_vcm_format_find("nv50");
	struct drm_vcm_mmu_desc desc = {
		.format = f, .ops = &vcm_test_ops, .priv = &c->st[1],
	};
	struct drm_vcm_mmu *mmu;
	struct snapshot before;
	unsigned int n;

	KUNIT_ASSERT_EQ(test, drm_vcm_bind(c->res, 0, SZ_256K, c->mem, 0, 0), 0);
	for (n = 1; ; n++) {
		snap(c, &before);
		vcm_fault_arm(n);
		mmu = drm_vcm_mmu_attach(c->vcm, &desc);
		vcm_fault_arm(0);
		if (!IS_ERR(mmu))
			break;
		KUNIT_EXPECT_EQ(test, PTR_ERR(mmu), -ENOMEM);
		expect_unchanged(test, c, &before, n);
		KUNIT_EXPECT_EQ(test, c->st[1].activations, 0);
		KUNIT_ASSERT_LT(test, n, 100);
	}
	/* The MMU, its top table, two leaf tables, each two allocations. */
	KUNIT_EXPECT_EQ(test, n, 8);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(c->res, 0), 0);
	fail_teardown(test, c);
}

/* Each page's translation through each MMU (0 where none). */
static void seq_map(struct fail_ctx *c, dma_addr_t *pa)
{
	u64 va = drm_vcm_res_addr(c->res);
	unsigned int i, p;

	for (i = 0; i < c->nmmu; i++)
		for (p = 0; p < SZ_256K / SZ_4K; p++, pa++)
			if (drm_vcm_mmu_translate(c->mmu[i], va + p * SZ_4K,
						  pa, NULL))
				*pa = 0;
}

/*
 * Ops of one VM_BIND-like call under drm_vcm_defer_begin(), the Nth
 * allocation failing, then undone by their inverses: whole unbinds of
 * everything bound, binds of what was there. Also when no op fails (the
 * call failing later), so that N reaches the undo's own allocations:
 * there must be none, and the undo must always succeed and restore the
 * tables, the translations and the memory held.
 */
static void vcm_test_fail_defer_undo(struct kunit *test)
{
	const unsigned int *nmmu = test->param_value;
	struct fail_ctx *c = fail_setup(test, *nmmu);
	static dma_addr_t pa0[2 * 64], pa1[2 * 64];
	struct drm_mm_node *node, *next;
	struct snapshot before, now;
	unsigned int n, seen, undo;
	int ret;

	KUNIT_ASSERT_EQ(test, drm_vcm_bind(c->res, 0, SZ_128K, c->mem, 0,
					   DRM_VCM_READ), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(c->res, SZ_128K, SZ_128K, c->mem,
					   SZ_128K, DRM_VCM_READ), 0);
	seq_map(c, pa0);
	for (n = 1; n < 200; n++) {
		snap(c, &before);
		drm_vcm_defer_begin(c->vcm);
		vcm_fault_arm(n);
		/* Frees the tables past the directory boundary. */
		ret = drm_vcm_unbind(c->res, SZ_128K);
		ret = ret ?: drm_vcm_unbind_range(c->res, SZ_64K, SZ_4K);
		ret = ret ?: drm_vcm_bind(c->res, SZ_128K, SZ_64K, c->mem, 0,
					  DRM_VCM_READ);
		ret = ret ?: drm_vcm_rebind(c->res, 0, SZ_8K, c->mem, SZ_32K,
					    DRM_VCM_READ);
		KUNIT_EXPECT_TRUE_MSG(test, !ret || ret == -ENOMEM ||
				      ret == -ENOSPC, "N=%u: %d", n, ret);
		undo = vcm_fault_seen();
		drm_mm_for_each_node_safe(node, next, &c->vcm->bound)
			KUNIT_EXPECT_EQ_MSG(test,
					    drm_vcm_unbind(c->res, node->start -
							   drm_vcm_res_addr(c->res)),
					    0, "N=%u", n);
		KUNIT_EXPECT_EQ_MSG(test, drm_vcm_bind(c->res, 0, SZ_128K,
						       c->mem, 0, DRM_VCM_READ),
				    0, "undo at N=%u", n);
		KUNIT_EXPECT_EQ_MSG(test, drm_vcm_bind(c->res, SZ_128K, SZ_128K,
						       c->mem, SZ_128K,
						       DRM_VCM_READ),
				    0, "undo at N=%u", n);
		seen = vcm_fault_seen();
		vcm_fault_arm(0);
		KUNIT_EXPECT_EQ_MSG(test, seen, undo, "undo allocated, N=%u",
				    n);
		seq_map(c, pa1);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(pa0, pa1, sizeof(pa0)), 0,
				    "translations differ at N=%u", n);
		drm_vcm_defer_end(c->vcm);
		snap(c, &now);
		KUNIT_EXPECT_EQ_MSG(test, now.live, before.live, "N=%u", n);
		KUNIT_EXPECT_EQ_MSG(test, now.stats.bound, before.stats.bound,
				    "N=%u", n);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(now.tables, before.tables,
						 sizeof(now.tables)), 0,
				    "tables at N=%u", n);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(now.table_bytes,
						 before.table_bytes,
						 sizeof(now.table_bytes)), 0,
				    "table bytes at N=%u", n);
		/* Past the ops' last allocation: the undo's turn was seen. */
		if (n > undo)
			break;
	}
	KUNIT_EXPECT_LT(test, n, 200);
	/* The ops allocate: records, split and leaf tables. */
	KUNIT_EXPECT_GT(test, n, 3);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(c->res, 0, SZ_256K), 0);
	fail_teardown(test, c);
}

static void vcm_test_fail_create(struct kunit *test)
{
	dma_addr_t addr = SZ_1M;
	long live = vcm_fault_live();

	vcm_fault_arm(1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_create(0, SZ_1M)), -ENOMEM);
	vcm_fault_arm(1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_contig(NULL, addr, SZ_4K,
							 DRM_VCM_LOC_SYSTEM)),
			-ENOMEM);
	vcm_fault_arm(1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_from_pages(NULL, &addr, 1,
							     DRM_VCM_LOC_SYSTEM)),
			-ENOMEM);
	vcm_fault_arm(0);
	KUNIT_EXPECT_EQ(test, vcm_fault_live(), live);
}

/*
 * Binds that each need a new nv50 leaf table, in an I/O window too small
 * for all of them: the first that finds no room is -ENOSPC and leaves the
 * space, its statistics and the live allocations (the tables' window
 * nodes included) as they were.
 */
static void vcm_test_fail_io_window(struct kunit *test)
{
	struct fail_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	dma_addr_t addr = SZ_1G;
	struct drm_vcm_res *res[32];
	struct snapshot before;
	unsigned int i, n;
	int ret = 0;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->vcm = drm_vcm_create(0, 32ULL * SZ_512M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->vcm));
	c->mmu[0] = vcm_test_attach_io(test, c->vcm,
				       drm_vcm_format_find("nv50"), &c->st[0]);
	c->nmmu = 1;
	c->mem = drm_vcm_mem_from_pages(NULL, &addr, 1, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mem));

	/* One page in each 512 MiB directory entry: one leaf table each. */
	for (n = 0; n < ARRAY_SIZE(res); n++) {
		res[n] = drm_vcm_reserve_at(c->vcm, n * SZ_512M, SZ_4K);
		KUNIT_ASSERT_FALSE(test, IS_ERR(res[n]));
		snap(c, &before);
		ret = drm_vcm_bind(res[n], 0, SZ_4K, c->mem, 0, DRM_VCM_READ);
		if (ret)
			break;
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOSPC);
	KUNIT_EXPECT_GT(test, n, 0);
	expect_unchanged(test, c, &before, n);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res[i], 0), 0);
	for (i = 0; i <= n && i < ARRAY_SIZE(res); i++)
		KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res[i]), 0);
	drm_vcm_mem_put(c->mem);
	drm_vcm_mmu_detach(c->mmu[0]);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

static const unsigned int fail_nmmu[] = { FAIL_NV50, FAIL_BOTH, FAIL_IO };

static void fail_nmmu_desc(const unsigned int *n, char *desc)
{
	static const char *const names[] = {
		[FAIL_NV50] = "nv50", [FAIL_BOTH] = "nv50+r600-gart",
		[FAIL_IO] = "nv50-io",
	};

	strscpy(desc, names[*n], KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fail_nmmu, fail_nmmu, fail_nmmu_desc);

static struct kunit_case vcm_failure_cases[] = {
	KUNIT_CASE_PARAM(vcm_test_fail_bind, fail_nmmu_gen_params),
	KUNIT_CASE_PARAM(vcm_test_fail_defer_undo, fail_nmmu_gen_params),
	KUNIT_CASE(vcm_test_fail_bind_stash),
	KUNIT_CASE(vcm_test_fail_io_window),
	KUNIT_CASE(vcm_test_fail_reserve),
	KUNIT_CASE(vcm_test_fail_attach),
	KUNIT_CASE(vcm_test_fail_create),
	{}
};

static struct kunit_suite vcm_failure_suite = {
	.name = "vcm_failure",
	.test_cases = vcm_failure_cases,
};

kunit_test_suite(vcm_failure_suite);
