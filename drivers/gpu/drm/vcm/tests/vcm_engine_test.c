// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the VCM page-table engine, run over every format.
 */

#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vcm_test.h"
#include "vcm_internal.h"

struct engine_ctx {
	const struct drm_vcm_format *f;
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct vcm_test_mmu st;
	u64 start, size;
};

static struct engine_ctx *engine_setup(struct kunit *test)
{
	struct engine_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->f = test->param_value;
	vcm_test_geometry(c->f, &c->start, &c->size);
	c->vcm = vcm_test_space(test, c->f);
	c->mmu = vcm_test_attach(test, c->vcm, c->f, &c->st);
	return c;
}

static void engine_teardown(struct kunit *test, struct engine_ctx *c)
{
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, 1);
	drm_vcm_mmu_detach(c->mmu);
	KUNIT_EXPECT_EQ(test, c->st.deactivations, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

/* Both translations of @va give @addr, with @flags. */
static void expect_maps(struct kunit *test, struct engine_ctx *c, u64 va,
			dma_addr_t addr, u32 flags)
{
	struct drm_vcm_entry e;
	dma_addr_t sw = 0, hw = 0;

	KUNIT_EXPECT_EQ(test, drm_vcm_translate(c->vcm, va, &sw, NULL), 0);
	KUNIT_EXPECT_EQ(test, sw, addr);
	KUNIT_ASSERT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, &hw, &e), 0,
			    "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, hw, addr, "va %#llx", va);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
	/* The flags the format's entries record come back. */
	KUNIT_EXPECT_EQ(test, e.flags & c->f->entry_flags,
			flags & c->f->entry_flags);
}

/*
 * Tables that 4 KiB pages at the ascending VAs @va[0..@n) need, the top
 * included: at each directory level on the way to the smallest pages, one
 * child table per distinct entry.
 */
static u64 path_tables(struct engine_ctx *c, const u64 *va, unsigned int n)
{
	const struct drm_vcm_fmt_table *k = &c->f->tables[0];
	u64 base = c->f->flags & DRM_VCM_FMT_RELATIVE ? c->start : 0;
	u64 tables = 1;
	unsigned int i;

	while (k->nchild) {
		for (i = 0; i < n; i++)
			if (!i || (va[i] - base) >> k->shift !=
				  (va[i - 1] - base) >> k->shift)
				tables++;
		k = &c->f->tables[k->child[k->nchild - 1]];
	}
	return tables;
}

static void expect_unmapped(struct kunit *test, struct engine_ctx *c, u64 va)
{
	dma_addr_t a;

	KUNIT_EXPECT_EQ(test, drm_vcm_translate(c->vcm, va, &a, NULL), -ENOENT);
	KUNIT_EXPECT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, &a, NULL),
			    -ENOENT, "va %#llx", va);
}

static void vcm_test_map_dense(struct kunit *test)
{
	const u32 flags = DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP;
	struct engine_ctx *c = engine_setup(test);
	const unsigned int n = 600;
	dma_addr_t *addrs = vcm_test_scatter(test, n, 3);
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	unsigned int i;

	mem = drm_vcm_mem_from_pages(NULL, addrs, n, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve(c->vcm, SZ_4M, SZ_2M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, n * SZ_4K, mem, 0, flags), 0);
	KUNIT_EXPECT_EQ(test, c->st.flushes, 1);
	KUNIT_EXPECT_EQ(test, c->st.flush_start, drm_vcm_res_addr(res));
	KUNIT_EXPECT_EQ(test, c->st.flush_size, n * SZ_4K);
	for (i = 0; i < n; i++)
		expect_maps(test, c, drm_vcm_res_addr(res) + i * SZ_4K + 0x123,
			    addrs[i] + 0x123, flags);
	expect_unmapped(test, c, drm_vcm_res_addr(res) + n * SZ_4K);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, c->st.flushes, 2);
	for (i = 0; i < n; i += 37)
		expect_unmapped(test, c, drm_vcm_res_addr(res) + i * SZ_4K);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	engine_teardown(test, c);
}

/* Single pages far apart, each in a table of its own where there are any. */
static void vcm_test_map_sparse(struct kunit *test)
{
	struct engine_ctx *c = engine_setup(test);
	u64 step = c->size / 4;
	struct drm_vcm_res *res[4];
	struct drm_vcm_mem *mem;
	u64 tables, vas[4];
	int i;

	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_4K, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	for (i = 0; i < 4; i++) {
		res[i] = drm_vcm_reserve_at(c->vcm, c->start + i * step +
					    step - SZ_4K, SZ_4K);
		KUNIT_ASSERT_FALSE(test, IS_ERR(res[i]));
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(res[i], 0, SZ_4K, mem, 0,
						   DRM_VCM_READ), 0);
		vas[i] = drm_vcm_res_addr(res[i]);
	}
	tables = c->mmu->stats.tables;
	/* One table per distinct directory entry on the way, if any. */
	KUNIT_EXPECT_EQ(test, tables, path_tables(c, vas, 4));
	for (i = 0; i < 4; i++) {
		u64 va = drm_vcm_res_addr(res[i]);

		expect_maps(test, c, va, SZ_1G, DRM_VCM_READ);
		expect_unmapped(test, c, va - SZ_4K);
		if (i < 3)
			expect_unmapped(test, c, va + SZ_4K);
	}
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res[i], 0), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res[i]), 0);
	}
	drm_vcm_mem_put(mem);
	engine_teardown(test, c);
}

/* Tables are freed as they empty, and only then. */
static void vcm_test_table_reclaim(struct kunit *test)
{
	struct engine_ctx *c = engine_setup(test);
	u64 bytes = c->mmu->stats.table_bytes;
	u64 other = c->start + SZ_512K;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;

	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve_at(c->vcm, c->start, SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, mem, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_512K, SZ_64K, mem, 0, 0), 0);
	if (c->f->ntables > 1)
		KUNIT_EXPECT_GT(test, c->mmu->stats.table_bytes, bytes);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	/* The other binding still uses the tables on its way. */
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, path_tables(c, &other, 1));
	expect_maps(test, c, c->start + SZ_512K, SZ_1G, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_512K), 0);
	KUNIT_EXPECT_EQ(test, c->mmu->stats.table_bytes, bytes);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	engine_teardown(test, c);
}

/* The first and the last page of the space, and nothing beyond. */
static void vcm_test_first_last_page(struct kunit *test)
{
	struct engine_ctx *c = engine_setup(test);
	u64 last = c->start + c->size - SZ_4K;
	struct drm_vcm_res *first_res, *last_res;
	struct drm_vcm_mem *mem;
	dma_addr_t a;

	mem = drm_vcm_mem_contig(NULL, SZ_1G + SZ_8K, SZ_4K,
				 DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	first_res = drm_vcm_reserve_at(c->vcm, c->start, SZ_4K);
	last_res = drm_vcm_reserve_at(c->vcm, last, SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(first_res));
	KUNIT_ASSERT_FALSE(test, IS_ERR(last_res));
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve_at(c->vcm, last + SZ_4K,
							 SZ_4K)), -ERANGE);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(first_res, 0, SZ_4K, mem, 0,
					   DRM_VCM_WRITE), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(last_res, 0, SZ_4K, mem, 0,
					   DRM_VCM_WRITE), 0);
	expect_maps(test, c, c->start, SZ_1G + SZ_8K, DRM_VCM_WRITE);
	expect_maps(test, c, last + SZ_4K - 1, SZ_1G + SZ_8K + SZ_4K - 1,
		    DRM_VCM_WRITE);
	expect_unmapped(test, c, c->start + SZ_4K);
	expect_unmapped(test, c, last - 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu, last + SZ_4K, &a,
						    NULL), -ERANGE);
	if (c->start)
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu,
							    c->start - 1, &a,
							    NULL), -ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(first_res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(last_res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(first_res), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(last_res), 0);
	drm_vcm_mem_put(mem);
	engine_teardown(test, c);
}

/* An overlapping bind is refused and changes nothing. */
static void vcm_test_overlap_rejected(struct kunit *test)
{
	struct engine_ctx *c = engine_setup(test);
	struct drm_vcm_mem *a, *b;
	struct drm_vcm_res *res;
	u64 va, tables;

	a = drm_vcm_mem_contig(NULL, SZ_1G, SZ_32K, DRM_VCM_LOC_SYSTEM);
	b = drm_vcm_mem_contig(NULL, SZ_1G + SZ_1M, SZ_32K, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	res = drm_vcm_reserve(c->vcm, SZ_1M, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	va = drm_vcm_res_addr(res);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_16K, SZ_32K, a, 0, 0), 0);
	tables = c->mmu->stats.tables;

	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_32K, b, 0, 0), -EBUSY);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_32K, SZ_32K, b, 0, 0), -EBUSY);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_16K, SZ_4K, b, 0, 0), -EBUSY);
	KUNIT_EXPECT_EQ(test, c->st.flushes, 1);
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, tables);
	KUNIT_EXPECT_EQ(test, kref_read(&b->ref), 1);
	expect_unmapped(test, c, va);
	expect_maps(test, c, va + SZ_16K, SZ_1G, 0);
	expect_maps(test, c, va + SZ_32K + SZ_16K - SZ_4K, SZ_1G + SZ_32K - SZ_4K,
		    0);
	expect_unmapped(test, c, va + SZ_32K + SZ_16K);

	/* Adjacent on both sides is fine. */
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_16K, b, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, SZ_32K + SZ_16K, SZ_16K, b, 0,
					   0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_16K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_32K + SZ_16K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(a);
	drm_vcm_mem_put(b);
	engine_teardown(test, c);
}

static void vcm_test_misaligned_rejected(struct kunit *test)
{
	struct engine_ctx *c = engine_setup(test);
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;

	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve(c->vcm, SZ_64K, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0x800, SZ_4K, mem, 0, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, 0x1800, mem, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0x10, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, 0, mem, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve(c->vcm, 0x1800, 0)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve(c->vcm, SZ_4K, 3 * SZ_4K)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_reserve_at(c->vcm, c->start + 1,
							 SZ_4K)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mem_contig(NULL, SZ_1G + 1, SZ_4K,
							 DRM_VCM_LOC_SYSTEM)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, c->st.flushes, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	engine_teardown(test, c);
}

/* Entries nothing is bound to read as the format's invalid state. */
static void vcm_test_unbound_invalid(struct kunit *test)
{
	struct engine_ctx *c = engine_setup(test);
	struct drm_vcm_entry e;
	dma_addr_t a;
	u64 va;

	for (va = c->start; va < c->start + c->size; va += c->size / 16) {
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu, va, &a, &e),
				-ENOENT);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
	}
	engine_teardown(test, c);
}

/* Where a format has larger pages, aligned contiguous backing gets them. */
static void vcm_test_large_pages(struct kunit *test)
{
	struct engine_ctx *c = engine_setup(test);
	const struct drm_vcm_fmt_table *top = &c->f->tables[0];
	struct drm_vcm_mem *vram, *off, *sys;
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	u64 span, large;
	dma_addr_t a;

	span = 1ULL << top->shift;
	large = 1ULL << c->f->tables[top->child[0]].shift;
	vram = drm_vcm_mem_contig(NULL, SZ_4G, span, DRM_VCM_LOC_DEVICE);
	off = drm_vcm_mem_contig(NULL, SZ_4G + SZ_4K, span, DRM_VCM_LOC_DEVICE);
	sys = drm_vcm_mem_contig(NULL, SZ_4G, span, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(off) || IS_ERR(sys));
	res = drm_vcm_reserve_at(c->vcm, c->start + span, span);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	/* Aligned, contiguous, a location the large page takes. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, span, vram, 0,
					   DRM_VCM_WRITE), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu, c->start + span +
						    3 * large + 5, &a, &e), 0);
	KUNIT_EXPECT_EQ(test, e.pgsize, large);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + 3 * large + 5);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, 1);

	/* Misaligned backing, or a location large pages can't map: small. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, span, off, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu, c->start + span,
						    &a, &e), 0);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, span, sys, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu, c->start + span,
						    &a, &e), 0);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);

	/* Part of an entry never gets the large table. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, span - large, vram, 0, 0),
			0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c->mmu, c->start + span,
						    &a, &e), 0);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);

	drm_vcm_mem_put(vram);
	drm_vcm_mem_put(off);
	drm_vcm_mem_put(sys);
	engine_teardown(test, c);
}

/* Tables in a driver's I/O window, written with writel()/writeq(). */
static void vcm_test_io_tables(struct kunit *test)
{
	const struct drm_vcm_format *f = test->param_value;
	struct vcm_test_mmu st = {};
	dma_addr_t *addrs = vcm_test_scatter(test, 16, 11);
	unsigned int esz = f->tables[0].entry_size;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	dma_addr_t a;
	int i;

	memset(vcm_test_bar_writes, 0, sizeof(vcm_test_bar_writes));
	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach_io(test, vcm, f, &st);
	KUNIT_EXPECT_GE(test, st.top, VCM_TEST_BAR_ADDR);
	KUNIT_EXPECT_LT(test, st.top, VCM_TEST_BAR_ADDR + VCM_TEST_BAR_SIZE);

	mem = drm_vcm_mem_from_pages(NULL, addrs, 16, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve(vcm, SZ_1M, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, 16 * SZ_4K, mem, 0,
					   DRM_VCM_WRITE), 0);
	for (i = 0; i < 16; i++) {
		u64 va = drm_vcm_res_addr(res) + i * SZ_4K;

		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, va, &a, NULL),
				0);
		KUNIT_EXPECT_EQ(test, a, addrs[i]);
	}
	if (vcm_test_bar_counts()) {
		/* Whole entries, one access each: writeq for 8-byte entries. */
		KUNIT_EXPECT_GT(test, vcm_test_bar_writes[esz >= 8 ? 8 : 4], 0);
		KUNIT_EXPECT_EQ(test, vcm_test_bar_writes[esz >= 8 ? 4 : 8], 0);
		KUNIT_EXPECT_EQ(test, vcm_test_bar_writes[1] + vcm_test_bar_writes[2], 0);
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* A format's writer, wrapped to count how often the engine calls it. */
static const struct drm_vcm_format *counted_fmt;
static unsigned int counted_calls, counted_entries;

static void counting_write_ptes(const struct drm_vcm_mmu *mmu,
				unsigned int type, void *dst, u32 index,
				u32 count, struct drm_vcm_pte_run *run)
{
	counted_calls++;
	counted_entries += count;
	counted_fmt->write_ptes(mmu, type, dst, index, count, run);
}

/* Runs, not pages: one writer call per contiguous run inside one table. */
static void vcm_test_one_call_per_run(struct kunit *test)
{
	const struct drm_vcm_format *f = test->param_value;
	const struct drm_vcm_fmt_table *k;
	struct drm_vcm_format *wrapped;
	const unsigned int n = 512;
	dma_addr_t *addrs = vcm_test_scatter(test, n, 7);
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	u64 start, size, mid;
	unsigned int tables;

	wrapped = kunit_kmalloc(test, sizeof(*wrapped), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, wrapped);
	*wrapped = *f;
	wrapped->write_ptes = counting_write_ptes;
	counted_fmt = f;
	counted_calls = 0;
	counted_entries = 0;

	vcm_test_geometry(f, &start, &size);
	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, wrapped, &st);
	mem = drm_vcm_mem_from_pages(NULL, addrs, n, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	KUNIT_ASSERT_EQ(test, mem->nsegs, n);

	/*
	 * Straddle the boundary of the largest directory entries smaller
	 * than the space, if the format has directories.
	 */
	mid = size / 2;
	for (k = f->tables; k->nchild; k = &f->tables[k->child[k->nchild - 1]])
		if (1ULL << k->shift < size) {
			mid = 1ULL << k->shift;
			break;
		}
	res = drm_vcm_reserve_at(vcm, start + mid - n / 2 * SZ_4K, n * SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, n * SZ_4K, mem, 0, 0), 0);
	tables = f->tables[0].nchild ? 2 : 1;
	KUNIT_EXPECT_EQ(test, counted_calls, tables);
	KUNIT_EXPECT_EQ(test, counted_entries, n);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* With every format attached at once, one bind flushes each MMU once. */
static void vcm_test_multi_mmu(struct kunit *test)
{
	struct vcm_test_mmu st[2] = {};
	const struct drm_vcm_format *f[2] = {
		drm_vcm_format_find("r600-gart"), drm_vcm_format_find("nv50"),
	};
	struct drm_vcm_mmu *mmu[2];
	dma_addr_t *addrs = vcm_test_scatter(test, 32, 5);
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	dma_addr_t a;
	int i, m;

	KUNIT_ASSERT_NOT_NULL(test, f[0]);
	KUNIT_ASSERT_NOT_NULL(test, f[1]);
	vcm = vcm_test_space(test, f[0]);
	mmu[0] = vcm_test_attach(test, vcm, f[0], &st[0]);
	mem = drm_vcm_mem_from_pages(NULL, addrs, 32, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve(vcm, SZ_256K, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, mem, 0, 0), 0);
	/* Attached later, the second MMU sees the existing binding. */
	mmu[1] = vcm_test_attach(test, vcm, f[1], &st[1]);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_64K, SZ_64K, mem, SZ_64K, 0),
			0);
	KUNIT_EXPECT_EQ(test, st[0].flushes, 2);
	KUNIT_EXPECT_EQ(test, st[1].flushes, 1);
	for (m = 0; m < 2; m++) {
		for (i = 0; i < 32; i++) {
			u64 va = drm_vcm_res_addr(res) + i * SZ_4K;

			KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu[m], va,
								    &a, NULL), 0);
			KUNIT_EXPECT_EQ(test, a, addrs[i]);
		}
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, st[0].flushes, 3);
	KUNIT_EXPECT_EQ(test, st[1].flushes, 2);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_64K), 0);
	drm_vcm_mmu_detach(mmu[1]);
	drm_vcm_mmu_detach(mmu[0]);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * Formats whose directory entries point at one table of two page sizes;
 * dual-table formats have tests of their own.
 */
static const void *large_format_gen(const void *prev, char *desc)
{
	const struct drm_vcm_format *f = prev;

	do {
		f = vcm_test_format_gen(f, desc);
	} while (f && (f->tables[0].nchild < 2 ||
		       !(f->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD)));
	return f;
}

static int attach_err(struct drm_vcm *vcm, const struct drm_vcm_mmu_desc *d)
{
	struct drm_vcm_mmu *mmu = drm_vcm_mmu_attach(vcm, d);

	if (IS_ERR(mmu))
		return PTR_ERR(mmu);
	drm_vcm_mmu_detach(mmu);
	return 0;
}

/* The dummy page must be an address the format's entries can hold. */
static void vcm_test_reach_dummy(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("nv44");
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu_desc desc = {
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &vcm_test_ops,
		.priv = &st,
	};
	struct drm_vcm *vcm;

	KUNIT_ASSERT_NOT_NULL(test, f);
	/* nv44 keeps a 27-bit page number: 39 bits of address. */
	KUNIT_ASSERT_EQ(test, f->pa_bits, 39);
	desc.format = f;
	vcm = vcm_test_space(test, f);
	desc.dummy_addr = 1ULL << 39;
	KUNIT_EXPECT_EQ(test, attach_err(vcm, &desc), -ERANGE);
	KUNIT_EXPECT_EQ(test, st.activations, 0);
	desc.dummy_addr = (1ULL << 39) - SZ_4K;
	KUNIT_EXPECT_EQ(test, attach_err(vcm, &desc), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* An I/O table window must lie inside the reach of every table kind. */
static void vcm_test_reach_window(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("nv50");
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu_desc desc = {
		.tmem = {
			.kind = DRM_VCM_TMEM_IO,
			.io = vcm_test_bar(test, NULL),
			.io_size = VCM_TEST_BAR_SIZE,
		},
		.ops = &vcm_test_ops,
		.dummy_addr = VCM_TEST_DUMMY,
		.priv = &st,
	};
	struct drm_vcm *vcm;

	KUNIT_ASSERT_NOT_NULL(test, f);
	desc.format = f;
	vcm = vcm_test_space(test, f);
	/* Straddling 2^40, past nv50's bits 39:12. */
	desc.tmem.io_addr = (1ULL << 40) - VCM_TEST_BAR_SIZE / 2;
	KUNIT_EXPECT_EQ(test, attach_err(vcm, &desc), -ERANGE);
	desc.tmem.io_addr = 1ULL << 40;
	KUNIT_EXPECT_EQ(test, attach_err(vcm, &desc), -ERANGE);
	/* Wrapping around 2^64. */
	desc.tmem.io_addr = U64_MAX - SZ_1M + 1;
	KUNIT_EXPECT_EQ(test, attach_err(vcm, &desc), -EINVAL);
	KUNIT_EXPECT_EQ(test, st.activations, 0);
	/* Ending exactly at 2^40. */
	desc.tmem.io_addr = (1ULL << 40) - VCM_TEST_BAR_SIZE;
	KUNIT_EXPECT_EQ(test, attach_err(vcm, &desc), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * A table that lands beyond what the entry above it can hold is never
 * linked: with a reach of 13 bits every real table is beyond it, so the
 * attach (top table) or the bind (page table) fails and changes nothing.
 */
static void vcm_test_reach_tables(struct kunit *test)
{
	const struct drm_vcm_format *nv50 = drm_vcm_format_find("nv50");
	struct drm_vcm_fmt_table t[3];
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu_desc desc = {
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &vcm_test_ops,
		.dummy_addr = VCM_TEST_DUMMY,
		.priv = &st,
	};
	struct drm_vcm_format f;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	dma_addr_t a;

	KUNIT_ASSERT_NOT_NULL(test, nv50);
	memcpy(t, nv50->tables, sizeof(t));
	f = *nv50;
	f.tables = t;
	desc.format = &f;
	vcm = vcm_test_space(test, nv50);
	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_64K, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve(vcm, SZ_1M, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));

	t[0].addr_bits = 13;
	KUNIT_EXPECT_EQ(test, attach_err(vcm, &desc), -ENOMEM);
	KUNIT_EXPECT_EQ(test, st.activations, 0);
	t[0].addr_bits = 0;

	t[2].addr_bits = 13;
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, 0), -ENOMEM);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, vcm->stats.bound, 0);
	KUNIT_EXPECT_EQ(test, st.flushes, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, drm_vcm_res_addr(res),
						    &a, NULL), -ENOENT);
	drm_vcm_mmu_detach(mmu);

	/* Within reach, the same bind works. */
	t[2].addr_bits = 0;
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * A walk of the tables checks that every directory entry on its way
 * points where VCM put the child table: with the child's address moved
 * in VCM's own records, one level at a time, the walk fails with -EIO.
 */
static void vcm_test_walk_checks_tables(struct kunit *test)
{
	struct engine_ctx *c = engine_setup(test);
	const u32 flags = DRM_VCM_READ | DRM_VCM_WRITE;
	dma_addr_t page = 0x12345000, a;
	struct drm_vcm_pt *pt, *child;
	unsigned int levels = 0, s;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	u64 va, tva, idx;

	mem = drm_vcm_mem_from_pages(NULL, &page, 1, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve(c->vcm, SZ_4K, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, flags), 0);
	va = drm_vcm_res_addr(res) + 0x10;
	tva = c->f->flags & DRM_VCM_FMT_RELATIVE ? va - c->start : va;

	for (pt = c->mmu->top; ; pt = child) {
		const struct drm_vcm_fmt_table *k = &c->f->tables[pt->type];

		idx = (tva - pt->base) >> k->shift;
		child = NULL;
		for (s = 0; s < k->nchild; s++)
			if (pt->child[idx * k->nchild + s])
				child = pt->child[idx * k->nchild + s];
		if (!child)
			break;
		child->buf.addr += SZ_4K;
		KUNIT_EXPECT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, &a,
								NULL),
				    -EIO, "level %u", levels);
		child->buf.addr -= SZ_4K;
		levels++;
	}
	KUNIT_EXPECT_EQ(test, levels + 1, path_tables(c, &va, 1));
	expect_maps(test, c, va, page + 0x10, flags);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	drm_vcm_mem_put(mem);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	engine_teardown(test, c);
}

static struct kunit_case vcm_engine_cases[] = {
	KUNIT_CASE_PARAM(vcm_test_map_dense, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_map_sparse, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_table_reclaim, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_first_last_page, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_overlap_rejected, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_misaligned_rejected, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_unbound_invalid, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_large_pages, large_format_gen),
	KUNIT_CASE_PARAM(vcm_test_io_tables, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_one_call_per_run, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_walk_checks_tables, vcm_test_format_gen),
	KUNIT_CASE(vcm_test_multi_mmu),
	KUNIT_CASE(vcm_test_reach_dummy),
	KUNIT_CASE(vcm_test_reach_window),
	KUNIT_CASE(vcm_test_reach_tables),
	{}
};

static struct kunit_suite vcm_engine_suite = {
	.name = "vcm_engine",
	.test_cases = vcm_engine_cases,
};

kunit_test_suite(vcm_engine_suite);
