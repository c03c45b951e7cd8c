// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the engine's irregular table shapes, on two formats made
 * up for the purpose so that the engine is proven apart from any real
 * format: dual tables behind one directory entry (as gf100 and gp100
 * have), and packed groups of entries behind a table header (as nv44 and
 * nv04 have). Both run with tables in system RAM and in an I/O window.
 */

#include <linux/sizes.h>

#include "vcm_test.h"
#include "vcm_internal.h"

/* "dual": 16-byte PDEs, each pointing at a 64 KiB- and a 4 KiB-page table. */
enum { DUAL_PD, DUAL_LPT, DUAL_SPT };

#define T_VALID		BIT_ULL(0)
#define T_WRITE		BIT_ULL(1)
#define T_ADDR		GENMASK_ULL(47, 12)

static void t_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			 void *dst, u32 index, u32 count,
			 struct drm_vcm_pte_run *run)
{
	u64 bits = T_VALID | (run->flags & DRM_VCM_WRITE ? T_WRITE : 0);
	__le64 *pte = dst;
	u32 i;

	for (i = 0; i < count; i++)
		pte[i] = cpu_to_le64(drm_vcm_run_next(run) | bits);
}

static void dual_write_pde(const struct drm_vcm_mmu *mmu, unsigned int type,
			   void *dst, const struct drm_vcm_table_ref *ref,
			   unsigned int nref)
{
	__le64 *pde = dst;
	unsigned int i;

	pde[0] = 0;
	pde[1] = 0;
	for (i = 0; i < nref; i++)
		pde[ref[i].type == DUAL_SPT] = cpu_to_le64(ref[i].addr | T_VALID);
}

static void dual_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
		       void *dst, u32 index, u32 count)
{
	drm_vcm_fill64(dst, type == DUAL_PD ? 2 * count : count, 0);
}

static void dual_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			const void *src, u32 index, struct drm_vcm_entry *e)
{
	const __le64 *q = src;
	u64 lo = le64_to_cpu(q[0]), hi;

	e->raw = lo;
	if (type != DUAL_PD) {
		if (lo & T_VALID) {
			e->kind = DRM_VCM_ENTRY_PTE;
			e->addr = lo & T_ADDR;
			e->flags = DRM_VCM_READ |
				   (lo & T_WRITE ? DRM_VCM_WRITE : 0);
		}
		return;
	}
	hi = le64_to_cpu(q[1]);
	if (lo & T_VALID) {
		e->child_type[e->nchild] = DUAL_LPT;
		e->addr = lo & T_ADDR;
		e->nchild++;
	}
	if (hi & T_VALID) {
		e->child_type[e->nchild] = DUAL_SPT;
		if (e->nchild)
			e->addr2 = hi & T_ADDR;
		else
			e->addr = hi & T_ADDR;
		e->nchild++;
	}
	if (e->nchild)
		e->kind = DRM_VCM_ENTRY_PDE;
}

static const struct drm_vcm_fmt_table dual_tables[] = {
	[DUAL_PD] = { .name = "pd", .shift = 21, .bits = 8, .entry_size = 16,
		      .nchild = 2, .child = { DUAL_LPT, DUAL_SPT },
		      .align = 4096 },
	[DUAL_LPT] = { .name = "lpt", .shift = 16, .bits = 5, .entry_size = 8,
		       .leaf = true, .align = 256,
		       .locs = BIT(DRM_VCM_LOC_DEVICE) },
	[DUAL_SPT] = { .name = "spt", .shift = 12, .bits = 9, .entry_size = 8,
		       .leaf = true, .align = 4096,
		       .locs = BIT(DRM_VCM_LOC_SYSTEM) | BIT(DRM_VCM_LOC_DEVICE) },
};

static const struct drm_vcm_format dual_fmt = {
	.name = "test-dual", .tables = dual_tables,
	.ntables = ARRAY_SIZE(dual_tables), .va_bits = 29, .pa_bits = 48,
	.write_ptes = t_write_ptes, .write_pde = dual_write_pde,
	.clear = dual_clear, .decode = dual_decode,
};

/*
 * "packed": one flat table behind an 8-byte header, four 32-bit entries
 * (page number | bit 31) per 16-byte group.
 */
#define P_VALID		BIT(31)
#define P_MAGIC		0xc0de0000

static void packed_write_ptes(const struct drm_vcm_mmu *mmu,
			      unsigned int type, void *dst, u32 index,
			      u32 count, struct drm_vcm_pte_run *run)
{
	__le32 *e = dst;
	u32 i;

	for (i = index % 4; i < index % 4 + count; i++)
		e[i] = cpu_to_le32(drm_vcm_run_next(run) >> 12 | P_VALID);
}

static void packed_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
			 void *dst, u32 index, u32 count)
{
	__le32 *e = dst;
	u32 i;

	for (i = index % 4; i < index % 4 + count; i++)
		e[i] = 0;
}

static void packed_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			  const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 v = le32_to_cpu(((const __le32 *)src)[index % 4]);

	e->raw = v;
	if (v & P_VALID) {
		e->kind = DRM_VCM_ENTRY_PTE;
		e->addr = (u64)(v & ~P_VALID) << 12;
		e->flags = DRM_VCM_READ | DRM_VCM_WRITE;
	}
}

static void packed_header(const struct drm_vcm_mmu *mmu, unsigned int type,
			  void *dst, u32 nent)
{
	__le32 *h = dst;

	h[0] = cpu_to_le32(P_MAGIC);
	h[1] = cpu_to_le32(nent);
}

static const struct drm_vcm_fmt_table packed_tables[] = {
	{ .name = "gatt", .shift = 12, .bits = 16, .entry_size = 16,
	  .group = 4, .header = 8, .leaf = true, .align = 4096,
	  .locs = BIT(DRM_VCM_LOC_SYSTEM) },
};

static const struct drm_vcm_format packed_fmt = {
	.name = "test-packed", .tables = packed_tables,
	.ntables = ARRAY_SIZE(packed_tables),
	.flags = DRM_VCM_FMT_RELATIVE | DRM_VCM_FMT_SIZED_TOP,
	.va_bits = 32, .pa_bits = 43,
	.write_ptes = packed_write_ptes, .write_pde = dual_write_pde,
	.clear = packed_clear, .decode = packed_decode,
	.write_header = packed_header,
};

/* Each shape with tables in RAM, then in the fake BAR. */
struct shape_param {
	const struct drm_vcm_format *f;
	bool io;
};

static const struct shape_param dual_params[] = {
	{ &dual_fmt, false }, { &dual_fmt, true },
};

static const struct shape_param packed_params[] = {
	{ &packed_fmt, false }, { &packed_fmt, true },
};

static void shape_desc(const struct shape_param *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", p->io ? "io" : "ram");
}

KUNIT_ARRAY_PARAM(dual, dual_params, shape_desc);
KUNIT_ARRAY_PARAM(packed, packed_params, shape_desc);

#define BAR_ADDR	0x40000000ULL

struct shape_ctx {
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct vcm_test_mmu st;
	void *window;
};

static void shape_setup(struct kunit *test, struct shape_ctx *c, u64 start,
			u64 size)
{
	const struct shape_param *p = test->param_value;
	struct drm_vcm_mmu_desc desc = {
		.format = p->f, .ops = &vcm_test_ops, .priv = &c->st,
	};

	if (p->io) {
		desc.tmem.kind = DRM_VCM_TMEM_IO;
		desc.tmem.io = vcm_test_bar(test, &c->window);
		desc.tmem.io_addr = BAR_ADDR;
		desc.tmem.io_size = VCM_TEST_BAR_SIZE;
	}
	c->vcm = drm_vcm_create(start, size);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->vcm));
	c->mmu = drm_vcm_mmu_attach(c->vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mmu));
}

static void shape_teardown(struct kunit *test, struct shape_ctx *c)
{
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, 1);
	drm_vcm_mmu_detach(c->mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

static u64 page_at(struct kunit *test, struct shape_ctx *c, u64 va,
		   dma_addr_t *addr)
{
	struct drm_vcm_entry e;

	KUNIT_EXPECT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, addr, &e),
			    0, "va %#llx", va);
	return e.pgsize;
}

/* Large and small pages side by side under one directory entry. */
static void vcm_test_dual_tables(struct kunit *test)
{
	struct drm_vcm_mem *vram, *sys;
	struct shape_ctx c = {};
	struct drm_vcm_res *res;
	dma_addr_t a;
	u64 va;

	shape_setup(test, &c, 0, SZ_256M);
	vram = drm_vcm_mem_contig(NULL, SZ_4G, SZ_1M, DRM_VCM_LOC_DEVICE);
	sys = drm_vcm_mem_contig(NULL, SZ_4G, SZ_1M, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(sys));
	res = drm_vcm_reserve_at(c.vcm, SZ_2M, SZ_2M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	va = drm_vcm_res_addr(res);

	/*
	 * 200 KiB of VRAM from 8 KiB below a 64 KiB boundary: an 8 KiB head
	 * in small pages, then three whole 64 KiB pages; both tables live
	 * under one PDE.
	 */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_64K - SZ_8K, 200 * SZ_1K,
					   vram, SZ_64K - SZ_8K, 0), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + SZ_64K - SZ_8K, &a), SZ_4K);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + SZ_64K - SZ_8K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + SZ_64K + 5, &a), SZ_64K);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + SZ_64K + 5);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + SZ_128K + SZ_64K - 1, &a),
			SZ_64K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 3 * SZ_64K + SZ_4K, &a),
			SZ_64K);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + 3 * SZ_64K + SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + SZ_256K, &a,
						    NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 3);

	/* System memory next to it: small pages only, same tables. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_1M, SZ_128K, sys, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + SZ_1M + SZ_64K, &a), SZ_4K);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 3);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_64K - SZ_8K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + SZ_64K, &a,
						    NULL), -ENOENT);
	/* The large-page table went with its last entry; the small stays. */
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 2);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + SZ_1M, &a), SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_1M), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(vram);
	drm_vcm_mem_put(sys);
	shape_teardown(test, &c);
}

/* Partial groups keep their neighbours; the header is written once. */
static void vcm_test_packed_groups(struct kunit *test)
{
	const struct shape_param *p = test->param_value;
	dma_addr_t *addrs = vcm_test_scatter(test, 8, 9);
	struct drm_vcm_mem *one, *many;
	struct drm_vcm_res *res;
	struct shape_ctx c = {};
	__le32 hdr[2];
	dma_addr_t a;
	int i;

	shape_setup(test, &c, SZ_16M, SZ_16M);
	one = drm_vcm_mem_contig(NULL, SZ_1G, SZ_4K, DRM_VCM_LOC_SYSTEM);
	many = drm_vcm_mem_from_pages(NULL, addrs, 8, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(one) || IS_ERR(many));
	res = drm_vcm_reserve_at(c.vcm, SZ_16M, SZ_64K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	/* Entries 0 and 7, then 1..6 between them: groups 0 and 1 shared. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, one, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 7 * SZ_4K, SZ_4K, one, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_4K, 6 * SZ_4K, many, 0, 0),
			0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, SZ_16M, &a), SZ_4K);
	KUNIT_EXPECT_EQ(test, a, SZ_1G);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, SZ_16M + 7 * SZ_4K, &a), SZ_4K);
	KUNIT_EXPECT_EQ(test, a, SZ_1G);
	for (i = 0; i < 6; i++) {
		page_at(test, &c, SZ_16M + (i + 1) * SZ_4K, &a);
		KUNIT_EXPECT_EQ(test, a, addrs[i]);
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_4K), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, SZ_16M + 7 * SZ_4K, &a), SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, SZ_16M + SZ_8K, &a,
						    NULL), -ENOENT);

	/* The header, read back from the table, as the device would. */
	if (p->io)
		memcpy(hdr, c.window + (drm_vcm_mmu_top(c.mmu) - BAR_ADDR),
		       sizeof(hdr));
	else
		memcpy(hdr, c.mmu->top->buf.cpu, sizeof(hdr));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr[0]), P_MAGIC);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr[1]), SZ_16M / SZ_4K);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 7 * SZ_4K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(one);
	drm_vcm_mem_put(many);
	shape_teardown(test, &c);
}

static struct kunit_case vcm_shapes_cases[] = {
	KUNIT_CASE_PARAM(vcm_test_dual_tables, dual_gen_params),
	KUNIT_CASE_PARAM(vcm_test_packed_groups, packed_gen_params),
	{}
};

static struct kunit_suite vcm_shapes_suite = {
	.name = "vcm_shapes",
	.test_cases = vcm_shapes_cases,
};

kunit_test_suite(vcm_shapes_suite);
