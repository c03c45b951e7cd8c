// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of storage kinds and compression tags (struct
 * drm_vcm_bind_attr) in nouveau's nv50, gf100-128k, gf100-64k and gp100
 * formats: known-answer entries from the documented bit layouts, read
 * back by decoders written here apart from the format code; blocks of
 * nv50 entries; tags through the engine, across large pages and a split;
 * and every attribute a format cannot hold refused with -EINVAL.
 */

#include <linux/bits.h>
#include <linux/sizes.h>

#include "vcm_test.h"
#include "vcm_internal.h"

#define RW	(DRM_VCM_READ | DRM_VCM_WRITE)
#define DEV	DRM_VCM_LOC_DEVICE
#define SYS	DRM_VCM_LOC_SYSTEM

/* Table kinds, in the order the formats list them. */
enum { NV50_PD, NV50_PT64K, NV50_PT4K };
enum { GF_PD, GF_LPT, GF_SPT };
enum { GP_PD3, GP_PD2, GP_PD1, GP_PD0, GP_LPT, GP_SPT };

/* What an entry says about the page, as each layout is documented. */
struct kind_pte {
	bool valid;
	u64 addr;
	unsigned int kind, comp, tag, block;
};

/*
 * nv50: V b0, address bits 12-39 in place, block log2 b7-9, kind b40-46,
 * compression mode b47-48, tag b49-63.
 */
static struct kind_pte nv50_pte(u64 raw)
{
	return (struct kind_pte){
		.valid = raw & 1,
		.addr = raw & GENMASK_ULL(39, 12),
		.block = (raw >> 7) & 7,
		.kind = (raw >> 40) & 0x7f,
		.comp = (raw >> 47) & 3,
		.tag = raw >> 49,
	};
}

/* gf100: V b0, address bits 12-39 in b4-31, kind b36-43, tag b44-63. */
static struct kind_pte gf100_pte(u64 raw)
{
	return (struct kind_pte){
		.valid = raw & 1,
		.addr = ((raw >> 4) & 0xfffffffULL) << 12,
		.kind = (raw >> 36) & 0xff,
		.tag = raw >> 44,
	};
}

/*
 * gp100, VRAM of a kind other than 0: V b0, address bits 12-39 in b8-35,
 * tag b36-55, kind b56-63.
 */
static struct kind_pte gp100_pte(u64 raw)
{
	return (struct kind_pte){
		.valid = raw & 1,
		.addr = ((raw >> 8) & 0xfffffffULL) << 12,
		.tag = (raw >> 36) & 0xfffff,
		.kind = raw >> 56,
	};
}

struct kind_kat {
	const char *fmt;
	unsigned int type;
	dma_addr_t addr;
	struct drm_vcm_bind_attr attr;
	u64 mem_off;		/* where in its memory the page lies */
	u64 raw;
	unsigned int tag;	/* the line the page's entry holds */
	struct kind_pte (*dec)(u64 raw);
};

static const struct kind_kat kind_kats[] = {
	/* 64 KiB VRAM, kind 0x70, 2 lines per 64 KiB, page 3: 0x100 + 6. */
	{ "nv50", NV50_PT64K, 0x123450000ULL, { 0x70, 2, 0x100 }, 3 * SZ_64K,
	  0x020d700123450001ULL, 0x106, nv50_pte },
	/* One line per 128 KiB page: page 5 of the memory. */
	{ "gf100-128k", GF_LPT, 0x123460000ULL, { 0xfe, 1, 0x2000 },
	  5 * SZ_128K, 0x2005fe001234601ULL, 0x2005, gf100_pte },
	{ "gf100-64k", GF_LPT, 0x123450000ULL, { 0xfe, 1, 0x2000 },
	  5 * SZ_64K, 0x2005fe001234501ULL, 0x2005, gf100_pte },
	/* One line per 64 KiB: the 16th 64 KiB of the memory. */
	{ "gp100", GP_LPT, 0xabcdef0000ULL, { 0xc3, 1, 0xfff00 }, 15 * SZ_64K,
	  0xc3fff0fabcdef001ULL, 0xfff0f, gp100_pte },
	/* A 2 MiB page in PD0, the third of its memory: 32 lines each. */
	{ "gp100", GP_PD0, 0x8000200000ULL, { 0x07, 1, 0x100 }, 2 * SZ_2M,
	  0x0700140800020001ULL, 0x140, gp100_pte },
	/* Kind without compression: no tag. */
	{ "gp100", GP_SPT, 0x12345000ULL, { 0xfe, 0, 0 }, SZ_4K,
	  0xfe00000001234501ULL, 0, gp100_pte },
	{ "nv50", NV50_PT4K, 0x12345000ULL, { 0x7f, 0, 0 }, SZ_4K,
	  0x00007f0012345001ULL, 0, nv50_pte },
};

static void kat_desc(const struct kind_kat *k, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s-%u-kind%#x-comp%u", k->fmt,
		 k->type, k->attr.kind, k->attr.comp);
}

KUNIT_ARRAY_PARAM(kind_kat, kind_kats, kat_desc);

/*
 * One entry per known answer, written over garbage as an engine run would
 * hand it (the page @mem_off into its memory) and read back three ways:
 * the literal word, the decoder here, the format's decoder.
 */
static void vcm_test_kind_kat(struct kunit *test)
{
	const struct kind_kat *k = test->param_value;
	const struct drm_vcm_format *f = drm_vcm_format_find(k->fmt);
	struct drm_vcm_mmu mmu = { .format = f };
	u64 pg, va = SZ_1G;
	struct drm_vcm_seg seg;
	struct drm_vcm_pte_run run;
	struct drm_vcm_entry e = {};
	struct kind_pte d;
	__le64 buf[2] = { cpu_to_le64(~0ULL), cpu_to_le64(~0ULL) };

	KUNIT_ASSERT_NOT_NULL(test, f);
	pg = 1ULL << f->tables[k->type].shift;
	seg = (struct drm_vcm_seg){ k->addr, pg };
	run = (struct drm_vcm_pte_run){
		.seg = &seg, .pgsize = pg, .flags = RW, .loc = DEV, .va = va,
		.attr = k->attr, .tag_va = va - k->mem_off,
	};
	f->write_ptes(&mmu, k->type, buf, 0, 1, &run);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(buf[0]), k->raw);
	/* The run moved past its entry. */
	KUNIT_EXPECT_EQ(test, run.va, va + pg);

	d = k->dec(le64_to_cpu(buf[0]));
	KUNIT_EXPECT_TRUE(test, d.valid);
	KUNIT_EXPECT_EQ(test, d.addr, k->addr);
	KUNIT_EXPECT_EQ(test, d.kind, k->attr.kind);
	KUNIT_EXPECT_EQ(test, d.tag, k->tag);
	if (k->dec == nv50_pte)
		KUNIT_EXPECT_EQ(test, d.comp, k->attr.comp);

	f->decode(&mmu, k->type, buf, 0, &e);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
	KUNIT_EXPECT_EQ(test, e.addr, k->addr);
	KUNIT_EXPECT_EQ(test, e.storage_kind, k->attr.kind);
	KUNIT_EXPECT_EQ(test, e.comptag, k->tag);
}

/*
 * nv50 blocks: 16 contiguous 64 KiB pages of compressed VRAM from an
 * index that is 4-aligned only. The blocks are 4, 8 and 4 entries; every
 * entry of a block holds the block's first address and tag, and the
 * decoder adds its place (address and comp lines per 64 KiB).
 */
static void vcm_test_kind_nv50_blocks(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("nv50");
	struct drm_vcm_mmu mmu = { .format = f };
	const dma_addr_t base = 0x40000000ULL;
	struct drm_vcm_seg seg = { base, 16 * SZ_64K };
	struct drm_vcm_pte_run run = {
		.seg = &seg, .pgsize = SZ_64K, .flags = RW, .loc = DEV,
		.va = 4 * SZ_64K, .attr = { 0x2a, 3, 0x40 }, .tag_va = 0,
	};
	static const u8 want_block[16] = {
		2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2,
	};
	__le64 pte[16];
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->write_ptes(&mmu, NV50_PT64K, pte, 4, 16, &run);
	for (i = 0; i < 16; i++) {
		struct kind_pte d = nv50_pte(le64_to_cpu(pte[i]));
		unsigned int place = (4 + i) & (BIT(d.block) - 1);
		/* Page i is 64 KiB page 4 + i of the memory. */
		unsigned int tag = 0x40 + (4 + i) * 3;
		struct drm_vcm_entry e = {};

		KUNIT_EXPECT_EQ_MSG(test, d.block, want_block[i], "entry %u", i);
		KUNIT_EXPECT_EQ_MSG(test, d.addr + place * SZ_64K,
				    base + i * SZ_64K, "entry %u", i);
		KUNIT_EXPECT_EQ_MSG(test, d.tag + place * 3, tag, "entry %u", i);
		KUNIT_EXPECT_EQ(test, d.kind, 0x2a);
		KUNIT_EXPECT_EQ(test, d.comp, 3);
		f->decode(&mmu, NV50_PT64K, &pte[i], 4 + i, &e);
		KUNIT_EXPECT_EQ_MSG(test, e.comptag, tag, "entry %u", i);
		KUNIT_EXPECT_EQ(test, e.storage_kind, 0x2a);
	}
}

/* The entry mapping @va, checked by @dec: address, kind and tag. */
static void expect_page(struct kunit *test, struct drm_vcm_mmu *mmu, u64 va,
			dma_addr_t addr, unsigned int kind, unsigned int tag,
			u64 pgsize)
{
	struct drm_vcm_entry e = {};
	struct kind_pte d;
	dma_addr_t a = 0;

	KUNIT_ASSERT_EQ_MSG(test, drm_vcm_mmu_translate(mmu, va, &a, &e), 0,
			    "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, a, addr, "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, e.pgsize, pgsize, "va %#llx", va);
	d = gp100_pte(e.raw);
	KUNIT_EXPECT_EQ_MSG(test, d.addr, addr & ~(pgsize - 1), "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, d.kind, kind, "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, d.tag, tag, "va %#llx", va);
}

/*
 * Through the engine on gp100: 5 MiB of compressed VRAM bound from 1 MiB
 * into its memory, VA and memory alike 1 MiB past a 2 MiB boundary: the
 * 1 MiB head goes in 64 KiB pages, the rest in 2 MiB pages, each entry
 * with the tag lines of its first byte. Unbinding 64 KiB in the middle of
 * a 2 MiB page splits it; the pages around keep their lines.
 */
static void vcm_test_kind_gp100_engine(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("gp100");
	const struct drm_vcm_bind_attr attr = { 0x55, 1, 1000 };
	const dma_addr_t base = 0x100000000ULL;
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 va;

	KUNIT_ASSERT_NOT_NULL(test, f);
	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, base, SZ_8M, DEV);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve_at(vcm, SZ_1G + SZ_1M, SZ_4M + SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	va = SZ_1G + SZ_1M;

	/* Memory bytes [1 MiB, 6 MiB) at VA [1 GiB + 1 MiB, + 5 MiB). */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind_kind(res, 0, SZ_4M + SZ_1M, mem,
						SZ_1M, RW, &attr), 0);
	/* 64 KiB pages in the head: line 1000 + offset / 64 KiB. */
	expect_page(test, mmu, va, base + SZ_1M, 0x55, 1000 + 16, SZ_64K);
	expect_page(test, mmu, va + SZ_512K + SZ_64K, base + SZ_1M + SZ_512K +
		    SZ_64K, 0x55, 1000 + 16 + 9, SZ_64K);
	/* 2 MiB pages: memory 2 MiB and 4 MiB, lines 1032 and 1064. */
	expect_page(test, mmu, va + SZ_1M, base + SZ_2M, 0x55, 1032, SZ_2M);
	expect_page(test, mmu, va + SZ_2M + SZ_1M + SZ_4K,
		    base + SZ_4M + SZ_4K, 0x55, 1064, SZ_2M);

	/* Split the first 2 MiB page: 64 KiB pages left and right of it. */
	KUNIT_ASSERT_EQ(test, drm_vcm_unbind_range(res, SZ_1M + SZ_1M, SZ_64K),
			0);
	expect_page(test, mmu, va + SZ_1M, base + SZ_2M, 0x55, 1032, SZ_64K);
	expect_page(test, mmu, va + SZ_2M + SZ_64K, base + SZ_2M + SZ_1M +
		    SZ_64K, 0x55, 1032 + 17, SZ_64K);
	expect_page(test, mmu, va + SZ_2M + SZ_1M, base + SZ_4M, 0x55, 1064,
		    SZ_2M);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind_range(res, 0, SZ_4M + SZ_1M), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

struct kind_bad {
	const char *fmt;
	enum drm_vcm_location loc;
	dma_addr_t addr;
	struct drm_vcm_bind_attr attr;
};

static const struct kind_bad kind_bads[] = {
	{ "nv50", DEV, SZ_1G, { 128, 0, 0 } },		/* kind past 7 bits */
	{ "nv50", DEV, SZ_1G, { 0, 4, 0 } },		/* no mode 4 */
	{ "nv50", DEV, SZ_1G, { 0, 0, 5 } },		/* tag, no compression */
	{ "nv50", SYS, SZ_1G, { 0, 1, 0 } },		/* host memory */
	{ "nv50", DEV, SZ_1G, { 0, 3, 0x7ffc } },	/* lines past 15 bits */
	{ "gf100-128k", DEV, SZ_1G, { 256, 0, 0 } },
	{ "gf100-64k", DEV, SZ_1G, { 0, 2, 0 } },
	{ "gf100-64k", DEV, SZ_1G, { 0, 1, 0xfffff } },
	{ "gp100", DEV, SZ_1G, { 300, 0, 0 } },
	{ "gp100", DEV, 1ULL << 40, { 0, 1, 0 } },	/* tags over address */
	{ "gp100", DEV, 1ULL << 40, { 5, 0, 0 } },	/* a kind, likewise */
	{ "r600-gart", SYS, SZ_1G, { 1, 0, 0 } },	/* no kinds at all */
	{ "nv44", SYS, SZ_1G, { 0, 1, 0 } },
};

static void bad_desc(const struct kind_bad *b, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s-kind%u-comp%u-tag%#x",
		 b->fmt, b->attr.kind, b->attr.comp, b->attr.comptag);
}

KUNIT_ARRAY_PARAM(kind_bad, kind_bads, bad_desc);

/*
 * Attributes a format cannot write: -EINVAL, the space untouched; the
 * same bind with the attribute's allowed neighbour succeeds, so the
 * refusal is the attribute's.
 */
static void vcm_test_kind_refused(struct kunit *test)
{
	const struct kind_bad *b = test->param_value;
	const struct drm_vcm_format *f = drm_vcm_format_find(b->fmt);
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	dma_addr_t a;

	KUNIT_ASSERT_NOT_NULL(test, f);
	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, b->addr, SZ_128K, b->loc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve(vcm, SZ_128K, SZ_128K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	KUNIT_EXPECT_EQ(test, drm_vcm_bind_kind(res, 0, SZ_128K, mem, 0, RW,
						&b->attr), -EINVAL);
	KUNIT_EXPECT_EQ(test, vcm->stats.binds, 0);
	KUNIT_EXPECT_EQ(test, st.flushes, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_translate(vcm, res->node.start, &a, NULL),
			-ENOENT);
	/* Without attributes the same bind goes through. */
	KUNIT_EXPECT_EQ(test, drm_vcm_bind_kind(res, 0, SZ_128K, mem, 0, RW,
						NULL), 0);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * A binding's attributes stay with it: an MMU attached later writes them
 * too, and one whose format has no kinds is refused; with kind 0 the same
 * format attaches.
 */
static void vcm_test_kind_attach_later(struct kunit *test)
{
	const struct drm_vcm_format *gf = drm_vcm_format_find("gf100-128k");
	const struct drm_vcm_format *r600 = drm_vcm_format_find("r600-gart");
	const struct drm_vcm_bind_attr attr = { 0x33, 0, 0 };
	struct vcm_test_mmu st = {};
	struct drm_vcm_entry e = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_mmu *mmu, *gart;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	dma_addr_t a;

	KUNIT_ASSERT_NOT_NULL(test, gf);
	KUNIT_ASSERT_NOT_NULL(test, r600);
	/* A space both formats can map, no MMU yet. */
	vcm = vcm_test_space(test, r600);
	mem = drm_vcm_mem_contig(NULL, SZ_1G, SZ_128K, SYS);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve(vcm, SZ_128K, SZ_128K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind_kind(res, 0, SZ_128K, mem, 0, RW,
						&attr), 0);

	mmu = vcm_test_attach(test, vcm, gf, &st);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, res->node.start, &a,
						    &e), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_1G);
	KUNIT_EXPECT_EQ(test, gf100_pte(e.raw).kind, 0x33);
	KUNIT_EXPECT_EQ(test, e.storage_kind, 0x33);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, res->node.start +
						    SZ_64K, &a, &e), 0);
	KUNIT_EXPECT_EQ(test, gf100_pte(e.raw).kind, 0x33);

	{
		struct drm_vcm_mmu_desc desc = {
			.format = r600,
			.tmem.kind = DRM_VCM_TMEM_SYSTEM,
			.ops = &vcm_test_ops,
			.dummy_addr = VCM_TEST_DUMMY,
			.priv = &st,
		};

		KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_128K, mem, 0, RW),
				0);
		gart = drm_vcm_mmu_attach(vcm, &desc);
		KUNIT_EXPECT_FALSE(test, IS_ERR(gart));
		if (!IS_ERR(gart))
			drm_vcm_mmu_detach(gart);
	}

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static struct kunit_case vcm_fmt_kind_cases[] = {
	KUNIT_CASE_PARAM(vcm_test_kind_kat, kind_kat_gen_params),
	KUNIT_CASE(vcm_test_kind_nv50_blocks),
	KUNIT_CASE(vcm_test_kind_gp100_engine),
	KUNIT_CASE_PARAM(vcm_test_kind_refused, kind_bad_gen_params),
	KUNIT_CASE(vcm_test_kind_attach_later),
	{}
};

static struct kunit_suite vcm_fmt_kind_suite = {
	.name = "vcm_fmt_kind",
	.test_cases = vcm_fmt_kind_cases,
};

kunit_test_suite(vcm_fmt_kind_suite);
