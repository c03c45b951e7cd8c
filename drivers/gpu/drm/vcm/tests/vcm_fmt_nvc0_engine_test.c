// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of nouveau's Fermi (gf100-128k, gf100-64k) and Pascal
 * (gp100) formats through the engine, with tables in RAM or behind a BAR:
 * the limits of VA and PA; the dual page tables, large pages where VRAM
 * allows and 4 KiB pages beside them under the same directory entry, read
 * back as the hardware would with the decoders of vcm_fmt_nvc0.h, and
 * which of the two an unbind clears; gp100's 2 MiB pages in PD0; gp100's
 * sparse state.
 */

#include <linux/sizes.h>

#include "vcm_fmt_nvc0.h"

/* The engine over the dual tables: each format, tables in RAM or I/O. */
struct nvc0_param {
	const char *name;
	bool io;
};

static const struct nvc0_param nvc0_params[] = {
	{ "gf100-128k", false }, { "gf100-128k", true },
	{ "gf100-64k", false }, { "gf100-64k", true },
	{ "gp100", false }, { "gp100", true },
};

static void nvc0_desc(const struct nvc0_param *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s-%s", p->name,
		 p->io ? "io" : "ram");
}

KUNIT_ARRAY_PARAM(nvc0, nvc0_params, nvc0_desc);

static const struct nvc0_param gp100_params[] = {
	{ "gp100", false }, { "gp100", true },
};

KUNIT_ARRAY_PARAM(gp100, gp100_params, nvc0_desc);

static const struct nvc0_param fmt_params[] = {
	{ "gf100-128k", false }, { "gf100-64k", false }, { "gp100", false },
};

static void fmt_desc(const struct nvc0_param *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fmt, fmt_params, fmt_desc);

/* The space may reach the top of the VA, and no further; PA likewise. */
static void vcm_test_nvc0_limits(struct kunit *test)
{
	const struct nvc0_param *p = test->param_value;
	const struct drm_vcm_format *f = find(test, p->name);
	u64 top = 1ULL << f->va_bits;
	struct drm_vcm_mmu_desc desc = {
		.format = f, .ops = &vcm_test_ops,
	};
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem, *high;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_entry e;
	struct drm_vcm *vcm;
	dma_addr_t a;

	vcm = drm_vcm_create(top - SZ_4M, SZ_8M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);

	vcm = drm_vcm_create(top - SZ_4M, SZ_4M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, (1ULL << f->pa_bits) - SZ_4K, SZ_4K,
				 SYS);
	high = drm_vcm_mem_contig(NULL, 1ULL << f->pa_bits, SZ_4K, SYS);
	res = drm_vcm_reserve_at(vcm, top - SZ_4K, SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(high) ||
			   IS_ERR(res));
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, high, 0, RW),
			-ERANGE);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, RW),
			0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, top - 1, &a,
						    &e), 0);
	KUNIT_EXPECT_EQ(test, a, (1ULL << f->pa_bits) - 1);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mem_put(high);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

#define BAR_ADDR	0x40000000ULL

struct nvc0_ctx {
	const struct drm_vcm_format *f;
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct vcm_test_mmu st;
	void *window;
	unsigned int dual;	/* the table kind with dual entries */
	const struct drm_vcm_fmt_table *dk;	/* that kind */
	u64 span;		/* bytes a dual entry maps */
	u64 large;		/* bytes a large page maps */
	unsigned int levels;	/* directories from the top down to it */
};

static void nvc0_setup(struct kunit *test, struct nvc0_ctx *c)
{
	const struct nvc0_param *p = test->param_value;
	struct drm_vcm_mmu_desc desc = { .ops = &vcm_test_ops, .priv = &c->st };

	c->f = find(test, p->name);
	desc.format = c->f;
	if (p->io) {
		desc.tmem.kind = DRM_VCM_TMEM_IO;
		desc.tmem.io = vcm_test_bar(test, &c->window);
		desc.tmem.io_addr = BAR_ADDR;
		desc.tmem.io_size = VCM_TEST_BAR_SIZE;
	}
	for (c->dual = 0; c->f->tables[c->dual].nchild < 2; c->dual++)
		;
	c->dk = &c->f->tables[c->dual];
	c->span = 1ULL << c->dk->shift;
	c->large = 1ULL << c->f->tables[c->dk->child[0]].shift;
	c->levels = c->dual + 1;
	c->vcm = drm_vcm_create(0, SZ_2G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->vcm));
	c->mmu = drm_vcm_mmu_attach(c->vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mmu));
}

static void nvc0_teardown(struct kunit *test, struct nvc0_ctx *c)
{
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, 1);
	drm_vcm_mmu_detach(c->mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

/* A reservation of one whole dual entry, the second of its table. */
static struct drm_vcm_res *dual_res(struct kunit *test, struct nvc0_ctx *c)
{
	struct drm_vcm_res *res = drm_vcm_reserve_at(c->vcm, c->span, c->span);

	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	return res;
}

/* The table holding the dual entry for @va, from the shadow tree. */
static struct drm_vcm_pt *dual_table(struct nvc0_ctx *c, u64 va)
{
	struct drm_vcm_pt *pt = c->mmu->top;

	while (pt && pt->type != c->dual)
		pt = pt->child[(va - pt->base) >> c->f->tables[pt->type].shift];
	return pt;
}

/* Both quadwords of entry @idx of @pt, from table memory. */
static void read_entry(struct nvc0_ctx *c, struct drm_vcm_pt *pt, u32 idx,
		       u64 q[2])
{
	unsigned int esz = c->f->tables[pt->type].entry_size;
	const u8 *tab = pt->buf.cpu ? pt->buf.cpu :
			c->window + (pt->buf.addr - BAR_ADDR);
	__le64 v[2] = {};

	memcpy(v, tab + (size_t)idx * esz, esz);
	q[0] = le64_to_cpu(v[0]);
	q[1] = le64_to_cpu(v[1]);
}

/* The table addresses a dual entry holds, read as the hardware would. */
static void dual_addrs(struct nvc0_ctx *c, const u64 q[2], u64 *lpt, u64 *spt)
{
	struct nv_pde l, s;

	if (c->dual == GF_PD) {
		gf100_pde(q[0], &l, &s);
	} else {
		l = gp100_pde(q[0]);
		s = gp100_pde(q[1]);
	}
	*lpt = l.aper ? l.addr : 0;
	*spt = s.aper ? s.addr : 0;
}

static u64 page_at(struct kunit *test, struct nvc0_ctx *c, u64 va,
		   dma_addr_t want)
{
	struct drm_vcm_entry e = {};
	dma_addr_t a = 0;

	KUNIT_EXPECT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, &a, &e), 0,
			    "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, a, want, "va %#llx", va);
	return e.pgsize;
}

/*
 * Large pages where VRAM is aligned, 4 KiB pages beside them for the
 * unaligned head, for system memory and for misaligned VRAM, all under
 * one dual directory entry; the large-page table goes when its last page
 * does, and its unused entries let the small pages through.
 */
static void vcm_test_nvc0_dual(struct kunit *test)
{
	struct nvc0_ctx c = {};
	struct drm_vcm_mem *vram, *sys, *off;
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	struct drm_vcm_pt *pt;
	u64 va, lpt, spt, q[2], lq[2];
	unsigned int idx;
	dma_addr_t a;

	nvc0_setup(test, &c);

	vram = drm_vcm_mem_contig(NULL, SZ_4G, c.span, DEV);
	sys = drm_vcm_mem_contig(NULL, SZ_4G, 2 * c.large, SYS);
	off = drm_vcm_mem_contig(NULL, SZ_4G + SZ_4K, c.large, DEV);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(sys) || IS_ERR(off));
	res = dual_res(test, &c);
	va = c.span;

	/* VRAM from 8 KiB below a large page: 2 small pages, 3 large. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, c.large - SZ_8K,
					   3 * c.large + SZ_8K, vram,
					   c.large - SZ_8K, RW), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + c.large - SZ_8K,
				      SZ_4G + c.large - SZ_8K), SZ_4K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + c.large - 1,
				      SZ_4G + c.large - 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + c.large + 5,
				      SZ_4G + c.large + 5), c.large);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 4 * c.large - 1,
				      SZ_4G + 4 * c.large - 1), c.large);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + 4 * c.large, &a,
						    NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu,
						    va + c.large - SZ_8K - 1,
						    &a, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, c.levels + 2);

	/* The dual entry points at both tables, as the hardware reads it. */
	pt = dual_table(&c, va);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	idx = (va - pt->base) >> c.dk->shift;
	KUNIT_ASSERT_NOT_NULL(test, pt->child[idx * 2]);
	KUNIT_ASSERT_NOT_NULL(test, pt->child[idx * 2 + 1]);
	read_entry(&c, pt, idx, q);
	dual_addrs(&c, q, &lpt, &spt);
	KUNIT_EXPECT_EQ(test, lpt, pt->child[idx * 2]->buf.addr);
	KUNIT_EXPECT_EQ(test, spt, pt->child[idx * 2 + 1]->buf.addr);
	e = decode(c.f, c.dual, q[0], q[1]);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
	KUNIT_EXPECT_EQ(test, e.nchild, 2);
	KUNIT_EXPECT_EQ(test, e.addr, lpt);
	KUNIT_EXPECT_EQ(test, e.addr2, spt);
	/* The large page over the small head is 0: "look at the SPT". */
	read_entry(&c, pt->child[idx * 2], 0, lq);
	KUNIT_EXPECT_EQ(test, lq[0], 0);

	/*
	 * A walk checks both tables of the dual entry against VCM's own
	 * records, as far as it goes: with the small-page table moved there,
	 * the small head (reached through the large-page table's empty
	 * entry) fails with -EIO and the large page, found first, does not;
	 * with the large-page table moved, both fail.
	 */
	pt->child[idx * 2 + 1]->buf.addr += SZ_64K;
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + c.large - SZ_8K,
						    &a, NULL), -EIO);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + c.large + 5,
				      SZ_4G + c.large + 5), c.large);
	pt->child[idx * 2 + 1]->buf.addr -= SZ_64K;
	pt->child[idx * 2]->buf.addr += SZ_64K;
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + c.large - SZ_8K,
						    &a, NULL), -EIO);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + c.large + 5,
						    &a, NULL), -EIO);
	pt->child[idx * 2]->buf.addr -= SZ_64K;
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + c.large - SZ_8K,
				      SZ_4G + c.large - SZ_8K), SZ_4K);

	/*
	 * Non-coherent, privileged system memory in the same entry: small
	 * pages, aperture 3 and VOL, no new table.
	 */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 8 * c.large, 2 * c.large, sys,
					   0, DRM_VCM_READ | PRIV), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + 9 * c.large, &a,
						    &e), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + c.large);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, e.flags & (DRM_VCM_WRITE | DRM_VCM_SNOOP | PRIV),
			PRIV);
	if (c.dual == GF_PD) {
		struct gf100_pte d = gf100_pte(e.raw);

		KUNIT_EXPECT_TRUE(test, d.vol && d.priv && d.ro);
		KUNIT_EXPECT_EQ(test, d.aper, 3);
	} else {
		struct gp100_pte d = gp100_pte(e.raw);

		KUNIT_EXPECT_TRUE(test, d.vol && d.priv && d.ro);
		KUNIT_EXPECT_EQ(test, d.aper, 3);
	}

	/* VRAM 4 KiB off a large page: small pages. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 12 * c.large, c.large, off, 0,
					   RW), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 12 * c.large,
				      SZ_4G + SZ_4K), SZ_4K);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, c.levels + 2);

	/* The large pages go, and with them the large-page table. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, c.large - SZ_8K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + c.large, &a,
						    NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, c.levels + 1);
	KUNIT_EXPECT_NULL(test, pt->child[idx * 2]);
	read_entry(&c, pt, idx, q);
	dual_addrs(&c, q, &lpt, &spt);
	KUNIT_EXPECT_EQ(test, lpt, 0);
	KUNIT_EXPECT_EQ(test, spt, pt->child[idx * 2 + 1]->buf.addr);
	e = decode(c.f, c.dual, q[0], q[1]);
	KUNIT_EXPECT_EQ(test, e.nchild, 1);
	KUNIT_EXPECT_EQ(test, e.child_type[0], c.dk->child[1]);
	KUNIT_EXPECT_EQ(test, e.addr, spt);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 8 * c.large, SZ_4G),
			SZ_4K);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 8 * c.large), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 12 * c.large), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(vram);
	drm_vcm_mem_put(sys);
	drm_vcm_mem_put(off);
	nvc0_teardown(test, &c);
}

/*
 * An unbind sends the large pages it covers whole to the large-page table
 * and the rest to the small-page table, from the shadow counts where they
 * tell (the small-page table holds no more than the ends of the range)
 * and from the large-page table's entries where they do not: with a
 * small-page table holding just the head, and with one holding the head
 * and exactly one large page's worth more, inside the range.
 */
static void vcm_test_nvc0_dual_unbind(struct kunit *test)
{
	struct nvc0_ctx c = {};
	struct drm_vcm_mem *vram, *sys;
	struct drm_vcm_res *res;
	struct drm_vcm_pt *pt;
	u64 va;
	unsigned int idx;
	dma_addr_t a;

	nvc0_setup(test, &c);

	vram = drm_vcm_mem_contig(NULL, SZ_4G, c.span, DEV);
	sys = drm_vcm_mem_contig(NULL, SZ_4G, 2 * c.large, SYS);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(sys));
	res = dual_res(test, &c);
	va = c.span;

	/* A small head and three large pages, bound twice over. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, c.large - SZ_8K,
					   3 * c.large + SZ_8K, vram,
					   c.large - SZ_8K, RW), 0);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, c.levels + 2);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, c.large - SZ_8K), 0);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + c.large - SZ_8K,
						    &a, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + 2 * c.large,
						    &a, NULL), -ENOENT);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, c.large - SZ_8K,
					   3 * c.large + SZ_8K, vram,
					   c.large - SZ_8K, RW), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + c.large - SZ_4K,
				      SZ_4G + c.large - SZ_4K), SZ_4K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 3 * c.large + 5,
				      SZ_4G + 3 * c.large + 5), c.large);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, c.large - SZ_8K), 0);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 1);

	/*
	 * A large page at 4 keeps the large-page table; system memory over
	 * a small head and the whole large page 1 leaves as many small
	 * entries beyond the head as a large page holds.
	 */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 4 * c.large, c.large, vram,
					   4 * c.large, RW), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, c.large - SZ_8K,
					   c.large + SZ_8K, sys, 0, RWS), 0);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, c.levels + 2);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + c.large + 5,
				      SZ_4G + SZ_8K + 5), SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, c.large - SZ_8K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + c.large, &a,
						    NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 4 * c.large + 5,
				      SZ_4G + 4 * c.large + 5), c.large);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, c.levels + 1);
	pt = dual_table(&c, va);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	idx = (va - pt->base) >> c.dk->shift;
	KUNIT_EXPECT_NOT_NULL(test, pt->child[idx * 2]);
	KUNIT_EXPECT_NULL(test, pt->child[idx * 2 + 1]);
	KUNIT_EXPECT_EQ(test, pt->child[idx * 2]->used, 1);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 4 * c.large), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(vram);
	drm_vcm_mem_put(sys);
	nvc0_teardown(test, &c);
}

/*
 * gp100's three page sizes: 2 MiB-aligned VRAM is mapped by PD0 itself,
 * 64 KiB-aligned VRAM by the large-page table, system memory by the
 * small-page table.
 */
static void vcm_test_gp100_pages(struct kunit *test)
{
	struct drm_vcm_mem *vram, *vram64k, *sys;
	struct nvc0_ctx c = {};
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	struct drm_vcm_pt *pt;
	dma_addr_t a;
	u64 q[2];

	nvc0_setup(test, &c);
	KUNIT_ASSERT_EQ(test, c.dual, GP_PD0);
	vram = drm_vcm_mem_contig(NULL, SZ_4G, SZ_4M, DEV);
	vram64k = drm_vcm_mem_contig(NULL, SZ_4G + SZ_64K, SZ_4M, DEV);
	sys = drm_vcm_mem_contig(NULL, SZ_4G, SZ_4M, SYS);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(vram64k) ||
			   IS_ERR(sys));
	res = drm_vcm_reserve_at(c.vcm, SZ_1G + SZ_2M, SZ_4M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	/* Two 2 MiB pages: PD3, PD2, PD1, PD0 and nothing below. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4M, vram, 0, RW), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, SZ_1G + SZ_4M + 7,
						    &a, &e), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + SZ_2M + 7);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_2M);
	KUNIT_EXPECT_EQ(test, e.raw, 0x0000000010020001ULL);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 4);
	pt = dual_table(&c, SZ_1G + SZ_2M);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	read_entry(&c, pt, 1, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x0000000010000001ULL);
	KUNIT_EXPECT_EQ(test, q[1], 0);
	read_entry(&c, pt, 2, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x0000000010020001ULL);
	KUNIT_EXPECT_EQ(test, q[1], 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 1);

	/* 64 KiB-aligned VRAM: 64 KiB pages, an LPT per PD0 entry. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4M, vram64k, 0, RW), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, SZ_1G + SZ_2M + 1,
				      SZ_4G + SZ_64K + 1), SZ_64K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, SZ_1G + SZ_4M + SZ_2M - 1,
				      SZ_4G + SZ_64K + SZ_4M - 1), SZ_64K);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 6);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 1);

	/* System memory: 4 KiB pages, coherent. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4M, sys, 0, RWS), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, SZ_1G + SZ_2M +
						    SZ_64K, &a, &e), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + SZ_64K);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, e.raw, 0x000000001000100dULL);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 6);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(vram);
	drm_vcm_mem_put(vram64k);
	drm_vcm_mem_put(sys);
	nvc0_teardown(test, &c);
}

/*
 * gp100's sparse state: its sparse writer gives VALID clear + VOL (0x8),
 * (0x8, 0) in PD0; an MMU attached as sparse has it in every empty entry;
 * unbound addresses decode as sparse wherever the walk stops, also after
 * an unbind. A plain MMU reads them as invalid; a format without a
 * sparse state refuses.
 */
static void vcm_test_gp100_sparse(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "gp100");
	static const u64 holes[] = { SZ_1G + SZ_4K, SZ_1G + SZ_2M, SZ_2G };
	struct drm_vcm_mmu_desc desc = {
		.format = f, .tmem.kind = DRM_VCM_TMEM_SYSTEM, .sparse = true,
	};
	struct drm_vcm_mmu fake = fake_mmu(f), *mmu, *plain;
	struct drm_vcm_mem *sys;
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	struct drm_vcm *vcm;
	unsigned int t, i;
	dma_addr_t a;

	fake.sparse = true;
	for (t = GP_PD3; t <= GP_SPT; t++) {
		__le64 buf[2] = { cpu_to_le64(~0ULL), cpu_to_le64(~0ULL) };
		struct gp100_pte d;

		f->sparse(&fake, t, buf, 0, 1);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(buf[0]), 0x8ULL);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(buf[1]),
				t == GP_PD0 ? 0 : ~0ULL);
		d = gp100_pte(le64_to_cpu(buf[0]));
		KUNIT_EXPECT_TRUE(test, !d.valid && d.vol && !d.aper);
		KUNIT_EXPECT_EQ(test, decode(f, t, 0x8, 0).kind,
				DRM_VCM_ENTRY_SPARSE);
	}
	/* A PDE of a host table has VOL too, and an aperture. */
	KUNIT_EXPECT_EQ(test, decode(f, GP_PD1, 0x10000cULL, 0).kind,
			DRM_VCM_ENTRY_PDE);

	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	desc.sparse = false;
	plain = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(plain));
	sys = drm_vcm_mem_contig(NULL, SZ_4G, SZ_64K, SYS);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sys));
	res = drm_vcm_reserve_at(vcm, SZ_1G, SZ_64K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	/* Nothing bound: the top table's entry says sparse. */
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_1G, &a, &e),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_SPARSE);
	KUNIT_EXPECT_EQ(test, e.raw, 0x8ULL);

	/* One page: PD3, PD2, PD1, PD0 and an SPT; the rest stays sparse. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, sys, 0, RWS), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_1G, &a, &e), 0);
	KUNIT_EXPECT_EQ(test, e.raw, 0x000000001000000dULL);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 5);
	for (i = 0; i < ARRAY_SIZE(holes); i++) {
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, holes[i], &a,
							    &e), -ENOENT);
		KUNIT_EXPECT_EQ_MSG(test, e.kind, DRM_VCM_ENTRY_SPARSE,
				    "va %#llx", holes[i]);
		KUNIT_EXPECT_EQ(test, e.raw, 0x8ULL);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(plain, holes[i], &a,
							    &e), -ENOENT);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
		KUNIT_EXPECT_EQ(test, e.raw, 0);
	}

	/* Unbound again: the tables go, the PD3 entry is sparse again. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_1G, &a, &e),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_SPARSE);

	desc.format = drm_vcm_format_find("gf100-128k");
	desc.sparse = true;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EINVAL);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(sys);
	drm_vcm_mmu_detach(plain);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static struct kunit_case vcm_fmt_nvc0_engine_cases[] = {
	KUNIT_CASE_PARAM(vcm_test_nvc0_limits, fmt_gen_params),
	KUNIT_CASE_PARAM(vcm_test_nvc0_dual, nvc0_gen_params),
	KUNIT_CASE_PARAM(vcm_test_nvc0_dual_unbind, nvc0_gen_params),
	KUNIT_CASE_PARAM(vcm_test_gp100_pages, gp100_gen_params),
	KUNIT_CASE(vcm_test_gp100_sparse),
	{}
};

static struct kunit_suite vcm_fmt_nvc0_engine_suite = {
	.name = "vcm_fmt_nvc0_engine",
	.test_cases = vcm_fmt_nvc0_engine_cases,
};

kunit_test_suite(vcm_fmt_nvc0_engine_suite);
