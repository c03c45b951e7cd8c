// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of VCM's sparse state on the engine's tables: gp100's dual
 * page tables under a sparse MMU, read back by a walker written here from
 * the documented bit layout (not the format's decoder), which follows the
 * directory entries by address through table memory as the GPU would.
 */

#include <linux/bits.h>
#include <linux/sizes.h>

#include "vcm_test.h"
#include "vcm_internal.h"

#define RW	(DRM_VCM_READ | DRM_VCM_WRITE)
#define DEV	DRM_VCM_LOC_DEVICE

enum { GP_PD3, GP_PD2, GP_PD1, GP_PD0, GP_LPT, GP_SPT };

/* What the GPU finds at an address. */
enum gp_result { GP_INVALID, GP_SPARSE, GP_PAGE };

struct gp_walk {
	enum gp_result res;
	u64 pa;
	u64 pgsize;
};

/* gp100 bits, from the layout in formats/vcm_gp100.c's header. */
#define GP_VALID	BIT_ULL(0)
#define GP_APER		GENMASK_ULL(2, 1)
#define GP_VOL		BIT_ULL(3)
#define GP_PRIV		BIT_ULL(5)
#define GP_PTE_ADDR	GENMASK_ULL(42, 8)
#define GP_PDE_ADDR	GENMASK_ULL(42, 4)

/* Entries per table and VA shift of each kind, from the same header. */
static const unsigned int gp_shift[] = { 47, 38, 29, 21, 16, 12 };
static const unsigned int gp_esize[] = { 8, 8, 8, 16, 8, 8 };

/*
 * The table whose memory starts at device address @addr, among the
 * children of @pt's entry @idx: the shadow tree only tells where each
 * table's memory is, the entries say which one is used.
 */
static const struct drm_vcm_pt *gp_table_at(struct kunit *test,
					    const struct drm_vcm_pt *pt,
					    u32 idx, unsigned int nchild,
					    u64 addr)
{
	unsigned int s;

	for (s = 0; s < nchild; s++) {
		const struct drm_vcm_pt *c = pt->child[idx * nchild + s];

		if (c && c->buf.addr == addr)
			return c;
	}
	KUNIT_FAIL(test, "directory entry points at %#llx, no table there",
		   addr);
	return NULL;
}

static u64 gp_read(const struct drm_vcm_pt *pt, unsigned int type, u32 idx,
		   unsigned int q)
{
	const __le64 *p = pt->buf.cpu + (size_t)idx * gp_esize[type];

	return le64_to_cpu(p[q]);
}

/* A leaf entry @raw that is not a directory entry. */
static bool gp_leaf(u64 raw, u64 va, unsigned int shift, struct gp_walk *w)
{
	if (raw & GP_VALID) {
		w->res = GP_PAGE;
		w->pgsize = 1ULL << shift;
		w->pa = ((raw & GP_PTE_ADDR) << 4) + (va & (w->pgsize - 1));
		return true;
	}
	if ((raw & (GP_APER | GP_VOL)) == GP_VOL) {
		w->res = GP_SPARSE;
		return true;
	}
	return false;
}

/* Walk @mmu's gp100 tables (in system RAM) for @va as the GPU does. */
static struct gp_walk gp_walk(struct kunit *test, struct drm_vcm_mmu *mmu,
			      u64 va)
{
	const struct drm_vcm_pt *pt = mmu->top;
	struct gp_walk w = { .res = GP_INVALID };
	unsigned int type;
	u64 raw, q1;
	u32 idx;

	for (type = GP_PD3; type < GP_PD0; type++) {
		idx = (va >> gp_shift[type]) & (type == GP_PD3 ? 3 : 511);
		raw = gp_read(pt, type, idx, 0);
		if (!(raw & GP_APER)) {
			gp_leaf(raw, va, gp_shift[type], &w);
			return w;
		}
		pt = gp_table_at(test, pt, idx, 1, (raw & GP_PDE_ADDR) << 4);
		if (!pt)
			return w;
	}
	/* PD0: a 2 MiB page, or an LPT and/or an SPT. */
	idx = (va >> 21) & 255;
	raw = gp_read(pt, GP_PD0, idx, 0);
	q1 = gp_read(pt, GP_PD0, idx, 1);
	if (gp_leaf(raw, va, 21, &w))
		return w;
	if (raw & GP_APER) {
		const struct drm_vcm_pt *lpt =
			gp_table_at(test, pt, idx, 2, (raw & GP_PDE_ADDR) << 4);
		u64 l;

		if (!lpt)
			return w;
		l = gp_read(lpt, GP_LPT, (va >> 16) & 31, 0);
		/* A valid, sparse or PRIV LPT entry hides the SPT. */
		if (gp_leaf(l, va, 16, &w) || (l & GP_PRIV) || l)
			return w;
	}
	if (q1 & GP_APER) {
		const struct drm_vcm_pt *spt =
			gp_table_at(test, pt, idx, 2, (q1 & GP_PDE_ADDR) << 4);

		if (spt)
			gp_leaf(gp_read(spt, GP_SPT, (va >> 12) & 511, 0), va,
				12, &w);
	}
	return w;
}

/* The raw LPT entry for @va, or ~0 if there is no LPT. */
static u64 gp_lpte(struct drm_vcm_mmu *mmu, u64 va)
{
	const struct drm_vcm_pt *pt = mmu->top;
	unsigned int type;

	for (type = GP_PD3; type < GP_PD0 && pt; type++)
		pt = pt->child[(va >> gp_shift[type]) & (type == GP_PD3 ? 3 : 511)];
	if (pt)
		pt = pt->child[((va >> 21) & 255) * 2];
	return pt ? gp_read(pt, GP_LPT, (va >> 16) & 31, 0) : ~0ULL;
}

struct gp_ctx {
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *sparse, *plain;
	struct drm_vcm_mem *vram;
	struct drm_vcm_res *res;
};

#define GP_VA	SZ_1G
#define GP_PA	SZ_4G

static void gp_setup(struct kunit *test, struct gp_ctx *c)
{
	struct drm_vcm_mmu_desc desc = {
		.format = drm_vcm_format_find("gp100"),
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.sparse = true,
	};

	KUNIT_ASSERT_NOT_NULL(test, desc.format);
	c->vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->vcm));
	c->sparse = drm_vcm_mmu_attach(c->vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->sparse));
	desc.sparse = false;
	c->plain = drm_vcm_mmu_attach(c->vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->plain));
	c->vram = drm_vcm_mem_contig(NULL, GP_PA, SZ_2M, DEV);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->vram));
	c->res = drm_vcm_reserve_at(c->vcm, GP_VA, SZ_2M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->res));
}

static void gp_teardown(struct kunit *test, struct gp_ctx *c)
{
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(c->res), 0);
	drm_vcm_mem_put(c->vram);
	drm_vcm_mmu_detach(c->plain);
	drm_vcm_mmu_detach(c->sparse);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

/* Any page size, for gp_expect(). */
#define GP_ANY	1

/*
 * Expect @va to be a page of @pgsize (or %GP_ANY) at @pa on both MMUs when
 * @pgsize is not 0, else unbound: sparse on the sparse MMU, invalid on the
 * plain one.
 * Both the walker here and the engine's own translation must agree.
 */
static void gp_expect(struct kunit *test, struct gp_ctx *c, u64 va, u64 pa,
		      u64 pgsize)
{
	struct drm_vcm_mmu *mmus[2] = { c->sparse, c->plain };
	struct drm_vcm_entry e;
	unsigned int i;
	dma_addr_t a;

	for (i = 0; i < 2; i++) {
		struct gp_walk w = gp_walk(test, mmus[i], va);
		int ret = drm_vcm_mmu_translate(mmus[i], va, &a, &e);

		if (pgsize) {
			KUNIT_EXPECT_EQ_MSG(test, w.res, GP_PAGE,
					    "mmu %u va %#llx", i, va);
			KUNIT_EXPECT_EQ(test, w.pa, pa);
			if (pgsize != GP_ANY)
				KUNIT_EXPECT_EQ(test, w.pgsize, pgsize);
			KUNIT_EXPECT_EQ(test, ret, 0);
			KUNIT_EXPECT_EQ(test, a, pa);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, w.res, i ? GP_INVALID : GP_SPARSE,
				    "mmu %u va %#llx", i, va);
		KUNIT_EXPECT_EQ(test, ret, -ENOENT);
		KUNIT_EXPECT_EQ(test, e.kind, i ? DRM_VCM_ENTRY_INVALID :
						  DRM_VCM_ENTRY_SPARSE);
	}
}

/*
 * A 64 KiB page in the LPT and a 4 KiB page in the SPT under the same PD0
 * entry of a sparse MMU, bound in either order: the LPT entries without a
 * page must let the SPT through (0), or the 4 KiB page is hidden behind a
 * sparse LPT entry; once the SPT is gone they are sparse again.
 */
static void vcm_test_gp100_sparse_lpt_spt(struct kunit *test)
{
	struct gp_ctx c;
	unsigned int order;

	gp_setup(test, &c);
	for (order = 0; order < 2; order++) {
		if (order) {
			KUNIT_ASSERT_EQ(test, drm_vcm_bind(c.res, SZ_128K, SZ_4K,
							   c.vram, SZ_128K, RW), 0);
			KUNIT_ASSERT_EQ(test, drm_vcm_bind(c.res, 0, SZ_64K,
							   c.vram, 0, RW), 0);
		} else {
			KUNIT_ASSERT_EQ(test, drm_vcm_bind(c.res, 0, SZ_64K,
							   c.vram, 0, RW), 0);
			KUNIT_ASSERT_EQ(test, drm_vcm_bind(c.res, SZ_128K, SZ_4K,
							   c.vram, SZ_128K, RW), 0);
		}
		gp_expect(test, &c, GP_VA + SZ_4K, GP_PA + SZ_4K, SZ_64K);
		gp_expect(test, &c, GP_VA + SZ_128K, GP_PA + SZ_128K, SZ_4K);
		gp_expect(test, &c, GP_VA + SZ_128K + SZ_4K, 0, 0);
		gp_expect(test, &c, GP_VA + SZ_64K, 0, 0);
		gp_expect(test, &c, GP_VA + SZ_1M, 0, 0);
		KUNIT_EXPECT_EQ(test, gp_lpte(c.sparse, GP_VA + SZ_128K), 0);

		/* The SPT goes: the LPT's empty entries are sparse again. */
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(c.res, SZ_128K), 0);
		gp_expect(test, &c, GP_VA + SZ_128K, 0, 0);
		gp_expect(test, &c, GP_VA + SZ_4K, GP_PA + SZ_4K, SZ_64K);
		KUNIT_EXPECT_EQ(test, gp_lpte(c.sparse, GP_VA + SZ_128K), 0x8);
		KUNIT_EXPECT_EQ(test, gp_lpte(c.plain, GP_VA + SZ_128K), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(c.res, 0), 0);
		KUNIT_EXPECT_EQ(test, c.sparse->stats.tables, 1);
		gp_expect(test, &c, GP_VA, 0, 0);
	}

	/* The LPT goes first: the SPT's sparse entries take over. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(c.res, 0, SZ_64K, c.vram, 0, RW), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(c.res, SZ_128K, SZ_4K, c.vram,
					   SZ_128K, RW), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(c.res, 0), 0);
	gp_expect(test, &c, GP_VA, 0, 0);
	gp_expect(test, &c, GP_VA + SZ_128K, GP_PA + SZ_128K, SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(c.res, SZ_128K), 0);
	gp_teardown(test, &c);
}

/*
 * A hole cut into a 64 KiB page of a sparse MMU: the page is split into
 * the SPT, an LPT entry over it must then let the SPT through, and the
 * hole reads sparse, the rest as before (in whatever page size the split
 * leaves it).
 */
static void vcm_test_gp100_sparse_split(struct kunit *test)
{
	struct gp_ctx c;

	gp_setup(test, &c);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(c.res, 0, SZ_128K, c.vram, 0, RW), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_unbind_range(c.res, SZ_4K, SZ_4K), 0);
	gp_expect(test, &c, GP_VA, GP_PA, SZ_4K);
	gp_expect(test, &c, GP_VA + SZ_4K, 0, 0);
	gp_expect(test, &c, GP_VA + SZ_8K, GP_PA + SZ_8K, SZ_4K);
	gp_expect(test, &c, GP_VA + SZ_64K, GP_PA + SZ_64K, GP_ANY);
	gp_expect(test, &c, GP_VA + SZ_128K - SZ_4K, GP_PA + SZ_128K - SZ_4K,
		  GP_ANY);
	gp_expect(test, &c, GP_VA + SZ_128K, 0, 0);
	KUNIT_EXPECT_NE(test, gp_lpte(c.sparse, GP_VA), 0x8);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(c.res, 0, SZ_128K), 0);
	KUNIT_EXPECT_EQ(test, c.sparse->stats.tables, 1);
	gp_expect(test, &c, GP_VA + SZ_64K, 0, 0);
	gp_teardown(test, &c);
}

/* Expect @va unbound on @mmu: sparse if @sparse, else invalid. */
static void gp_expect_state(struct kunit *test, struct drm_vcm_mmu *mmu,
			    u64 va, bool sparse)
{
	struct gp_walk w = gp_walk(test, mmu, va);
	struct drm_vcm_entry e;
	dma_addr_t a;

	KUNIT_EXPECT_EQ_MSG(test, w.res, sparse ? GP_SPARSE : GP_INVALID,
			    "va %#llx", va);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, va, &a, &e), -ENOENT);
	KUNIT_EXPECT_EQ_MSG(test, e.kind, sparse ? DRM_VCM_ENTRY_SPARSE :
				  DRM_VCM_ENTRY_INVALID, "va %#llx", va);
}

/* Expect @va mapped on @mmu to @pa with a page of @pgsize. */
static void gp_expect_page(struct kunit *test, struct drm_vcm_mmu *mmu,
			   u64 va, u64 pa, u64 pgsize)
{
	struct gp_walk w = gp_walk(test, mmu, va);

	KUNIT_EXPECT_EQ_MSG(test, w.res, GP_PAGE, "va %#llx", va);
	KUNIT_EXPECT_EQ(test, w.pa, pa);
	KUNIT_EXPECT_EQ(test, w.pgsize, pgsize);
}

/*
 * A reservation that starts and ends inside PD0 entries (0 and 2) and
 * covers PD0 entry 1 whole.
 */
#define RS_VA	(SZ_1G + SZ_8K)
#define RS_SIZE	(5 * SZ_1M)

static struct drm_vcm_mmu *gp_attach_plain(struct kunit *test,
					   struct drm_vcm *vcm)
{
	struct drm_vcm_mmu_desc desc = {
		.format = drm_vcm_format_find("gp100"),
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
	};

	KUNIT_ASSERT_NOT_NULL(test, desc.format);
	return drm_vcm_mmu_attach(vcm, &desc);
}

/* Expect the reservation @sparse or invalid, its neighbours invalid. */
static void rs_expect(struct kunit *test, struct drm_vcm_mmu *mmu, bool sparse)
{
	gp_expect_state(test, mmu, RS_VA - SZ_4K, false);
	gp_expect_state(test, mmu, RS_VA, sparse);
	gp_expect_state(test, mmu, RS_VA + SZ_1M, sparse);
	gp_expect_state(test, mmu, SZ_1G + SZ_2M, sparse);
	gp_expect_state(test, mmu, RS_VA + RS_SIZE - SZ_4K, sparse);
	gp_expect_state(test, mmu, RS_VA + RS_SIZE, false);
	gp_expect_state(test, mmu, SZ_2G, false);
}

/*
 * A sparse reservation on plain gp100 MMUs: sparse inside, invalid
 * outside, whole PD0 entries sparse without a table, tables only at its
 * two edges; binds of 64 KiB and 4 KiB pages inside it, a hole cut into
 * one, unbinds; back to invalid, with every table gone. An MMU attached
 * later gets it too.
 */
static void vcm_test_sparse_res(struct kunit *test)
{
	struct drm_vcm_mmu *mmu, *late;
	struct drm_vcm_mem *vram;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;

	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = gp_attach_plain(test, vcm);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	vram = drm_vcm_mem_contig(NULL, GP_PA, SZ_2M, DEV);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram));
	res = drm_vcm_reserve_at(vcm, RS_VA, RS_SIZE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	rs_expect(test, mmu, false);
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(res, true), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(res, true), 0);
	KUNIT_EXPECT_TRUE(test, res->sparse);
	rs_expect(test, mmu, true);
	/* PD3, PD2, PD1, PD0 and one SPT per edge. */
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 6);
	KUNIT_EXPECT_EQ(test, mmu->stats.flushes, 1);

	/* A 64 KiB and a 4 KiB page under a whole-sparse PD0 entry. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_2M - SZ_8K, SZ_64K, vram, 0,
					   RW), 0);
	gp_expect_page(test, mmu, SZ_1G + SZ_2M + SZ_4K, GP_PA + SZ_4K, SZ_64K);
	gp_expect_state(test, mmu, SZ_1G + SZ_2M + SZ_64K, true);
	KUNIT_EXPECT_EQ(test, gp_lpte(mmu, SZ_1G + SZ_2M + SZ_64K), 0x8);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_2M + SZ_128K - SZ_8K, SZ_4K,
					   vram, SZ_128K, RW), 0);
	gp_expect_page(test, mmu, SZ_1G + SZ_2M + SZ_128K, GP_PA + SZ_128K,
		       SZ_4K);
	gp_expect_state(test, mmu, SZ_1G + SZ_2M + SZ_64K, true);
	gp_expect_state(test, mmu, SZ_1G + SZ_2M + SZ_128K + SZ_4K, true);
	KUNIT_EXPECT_EQ(test, gp_lpte(mmu, SZ_1G + SZ_2M + SZ_64K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(res, false), -EBUSY);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_2M - SZ_8K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_2M + SZ_128K - SZ_8K), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 6);
	rs_expect(test, mmu, true);

	/* 4 KiB pages at the first edge, a hole, then nothing. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, vram, 0, RW), 0);
	gp_expect_page(test, mmu, RS_VA, GP_PA, SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, SZ_4K, SZ_4K), 0);
	gp_expect_state(test, mmu, RS_VA + SZ_4K, true);
	gp_expect_page(test, mmu, RS_VA + SZ_8K, GP_PA + SZ_8K, SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, SZ_64K), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 6);
	rs_expect(test, mmu, true);

	/* Attached now, it is written sparse where the others are. */
	late = gp_attach_plain(test, vcm);
	KUNIT_ASSERT_FALSE(test, IS_ERR(late));
	rs_expect(test, late, true);
	KUNIT_EXPECT_EQ(test, late->stats.tables, 6);

	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(res, false), 0);
	KUNIT_EXPECT_FALSE(test, res->sparse);
	rs_expect(test, mmu, false);
	rs_expect(test, late, false);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, late->stats.tables, 1);

	/* Given back while sparse: made invalid, its tables freed. */
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(res, true), 0);
	KUNIT_EXPECT_EQ(test, late->stats.tables, 6);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, late->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, vcm->nsparse, 0);
	gp_expect_state(test, mmu, RS_VA, false);

	drm_vcm_mem_put(vram);
	drm_vcm_mmu_detach(late);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * Two sparse reservations side by side: each keeps the tables at its own
 * ends, so that either can stop being sparse, or be given back, without
 * allocating; where they meet both read sparse.
 */
static void vcm_test_sparse_adjacent(struct kunit *test)
{
	struct drm_vcm_res *a, *b;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;

	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = gp_attach_plain(test, vcm);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	a = drm_vcm_reserve_at(vcm, SZ_1G, SZ_1M + SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	b = drm_vcm_reserve_at(vcm, SZ_1G + SZ_1M + SZ_4K,
			       SZ_4M - SZ_1M - SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(a, true), 0);
	/* a ends inside PD0 entry 0: PD3, PD2, PD1, PD0, one SPT. */
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 5);
	gp_expect_state(test, mmu, SZ_1G + SZ_1M, true);
	gp_expect_state(test, mmu, SZ_1G + SZ_1M + SZ_4K, false);
	/* b ends on a PD0 entry boundary: no table more. */
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(b, true), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 5);
	gp_expect_state(test, mmu, SZ_1G + SZ_1M, true);
	gp_expect_state(test, mmu, SZ_1G + SZ_1M + SZ_4K, true);
	gp_expect_state(test, mmu, SZ_1G + SZ_2M, true);
	gp_expect_state(test, mmu, SZ_1G + SZ_4M - SZ_4K, true);
	gp_expect_state(test, mmu, SZ_1G + SZ_4M, false);
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(a, false), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 5);
	gp_expect_state(test, mmu, SZ_1G + SZ_1M, false);
	gp_expect_state(test, mmu, SZ_1G + SZ_1M + SZ_4K, true);
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(a, true), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(b), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 5);
	gp_expect_state(test, mmu, SZ_1G + SZ_1M, true);
	gp_expect_state(test, mmu, SZ_1G + SZ_1M + SZ_4K, false);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(a), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* Everything a failed call must leave as it was. */
struct rs_snap {
	long live;
	u64 tables[2], flushes[2];
	unsigned int nsparse, nmmus;
	bool sparse;
	enum gp_result at[4];
};

static void rs_snap(struct kunit *test, struct drm_vcm_res *res,
		    struct drm_vcm_mmu *mmu, struct rs_snap *s)
{
	static const u64 va[4] = { RS_VA - SZ_4K, RS_VA, SZ_1G + SZ_2M,
				   RS_VA + RS_SIZE - SZ_4K };
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->live = vcm_fault_live();
	s->tables[0] = mmu->stats.tables;
	s->flushes[0] = mmu->stats.flushes;
	s->nsparse = res->vcm->nsparse;
	s->nmmus = list_count_nodes(&res->vcm->mmus);
	s->sparse = res->sparse;
	for (i = 0; i < 4; i++)
		s->at[i] = gp_walk(test, mmu, va[i]).res;
}

/*
 * Fail every allocation of making a reservation sparse, and of attaching
 * an MMU to a space with one, in turn: nothing changes, nothing leaks.
 */
static void vcm_test_sparse_fail(struct kunit *test)
{
	struct rs_snap before, now;
	struct drm_vcm_mmu *mmu, *late;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	unsigned int n, failed = 0;
	int ret;

	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = gp_attach_plain(test, vcm);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	res = drm_vcm_reserve_at(vcm, RS_VA, RS_SIZE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	for (n = 1; ; n++) {
		rs_snap(test, res, mmu, &before);
		vcm_fault_arm(n);
		ret = drm_vcm_res_sparse(res, true);
		vcm_fault_arm(0);
		if (!ret)
			break;
		failed++;
		KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM, "N=%u", n);
		rs_snap(test, res, mmu, &now);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(&now, &before, sizeof(now)), 0,
				    "space changed at N=%u", n);
		KUNIT_ASSERT_LT(test, n, 100);
	}
	/* Four tables and their shadows at the first edge, more at the next. */
	KUNIT_EXPECT_GE(test, failed, 5);
	rs_expect(test, mmu, true);

	failed = 0;
	for (n = 1; ; n++) {
		rs_snap(test, res, mmu, &before);
		vcm_fault_arm(n);
		late = gp_attach_plain(test, vcm);
		vcm_fault_arm(0);
		if (!IS_ERR(late))
			break;
		failed++;
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(late), -ENOMEM, "N=%u", n);
		rs_snap(test, res, mmu, &now);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(&now, &before, sizeof(now)), 0,
				    "space changed at N=%u", n);
		KUNIT_ASSERT_LT(test, n, 100);
	}
	KUNIT_EXPECT_GE(test, failed, 6);
	rs_expect(test, late, true);
	drm_vcm_mmu_detach(late);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * Every format: a sparse reservation where the format has a sparse state,
 * -EOPNOTSUPP and nothing changed where it has not; a format without one
 * cannot be attached to a space with a sparse reservation, nor can an
 * MMU whose tables another layer keeps. Bound reservations are -EBUSY.
 */
static void vcm_test_sparse_formats(struct kunit *test)
{
	const struct drm_vcm_format *f = test->param_value;
	bool has = f->flags & DRM_VCM_FMT_SPARSE;
	struct drm_vcm_mmu_desc desc = {
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
	};
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu *mmu, *other;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 tables;

	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, f, &st);
	res = drm_vcm_reserve(vcm, SZ_64K, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	tables = mmu->stats.tables;
	KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(res, true),
			has ? 0 : -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, res->sparse, has);
	KUNIT_EXPECT_EQ(test, vcm->nsparse, has ? 1 : 0);
	if (!has) {
		KUNIT_EXPECT_EQ(test, mmu->stats.tables, tables);
		KUNIT_EXPECT_EQ(test, st.flushes, 0);
	}

	mem = drm_vcm_mem_contig(NULL, SZ_1M, SZ_64K, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	if (drm_vcm_bind(res, 0, SZ_4K, mem, 0, DRM_VCM_READ) == 0) {
		KUNIT_EXPECT_EQ(test, drm_vcm_res_sparse(res, !has), -EBUSY);
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	}
	drm_vcm_mem_put(mem);

	if (has) {
		/* A format without a sparse state cannot join. */
		desc.format = drm_vcm_format_find("nv50");
		KUNIT_ASSERT_NOT_NULL(test, desc.format);
		other = drm_vcm_mmu_attach(vcm, &desc);
		KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(other), -EOPNOTSUPP);
		if (!IS_ERR(other))
			drm_vcm_mmu_detach(other);
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	KUNIT_EXPECT_EQ(test, vcm->nsparse, 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, tables);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static struct kunit_case vcm_sparse_cases[] = {
	KUNIT_CASE(vcm_test_gp100_sparse_lpt_spt),
	KUNIT_CASE(vcm_test_gp100_sparse_split),
	KUNIT_CASE(vcm_test_sparse_res),
	KUNIT_CASE(vcm_test_sparse_adjacent),
	KUNIT_CASE(vcm_test_sparse_fail),
	KUNIT_CASE_PARAM(vcm_test_sparse_formats, vcm_test_format_gen),
	{}
};

static struct kunit_suite vcm_sparse_suite = {
	.name = "vcm_sparse",
	.test_cases = vcm_sparse_cases,
};

kunit_test_suite(vcm_sparse_suite);
