// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the nouveau pre-Tesla GART formats nv04, nv41 and nv44:
 * known-answer vectors taken from the documented bit layouts, checked as
 * literal words and by decoders written here, apart from the format code;
 * unbound entries; the nv04 header; nv44 partial groups; geometry; the
 * detached writer MMU of drm_vcm_writer_init().
 */

#include <linux/bits.h>
#include <linux/sizes.h>

#include "vcm_test.h"
#include "vcm_internal.h"

#define NV44_W3_BIT30	BIT(30)

static const struct drm_vcm_format *find(struct kunit *test, const char *n)
{
	const struct drm_vcm_format *f = drm_vcm_format_find(n);

	KUNIT_ASSERT_NOT_NULL(test, f);
	return f;
}

static struct drm_vcm_mmu fake_mmu(const struct drm_vcm_format *f)
{
	return (struct drm_vcm_mmu){ .format = f, .dummy_addr = VCM_TEST_DUMMY };
}

/*
 * Write @count entries from entry @index into @buf (the group holding
 * @index for nv44), mapping the pages @addrs.
 */
static void encode(const struct drm_vcm_format *f, void *buf, u32 index,
		   const dma_addr_t *addrs, u32 count, u32 flags)
{
	struct drm_vcm_mmu mmu = fake_mmu(f);
	struct drm_vcm_seg segs[8];
	struct drm_vcm_pte_run run = {
		.seg = segs, .pgsize = SZ_4K, .flags = flags,
		.loc = DRM_VCM_LOC_SYSTEM,
	};
	u32 i;

	for (i = 0; i < count; i++)
		segs[i] = (struct drm_vcm_seg){ addrs[i], SZ_4K };
	f->write_ptes(&mmu, 0, buf, index, count, &run);
}

static void fmt_decode(const struct drm_vcm_format *f, const void *src,
		       u32 index, struct drm_vcm_entry *e)
{
	struct drm_vcm_mmu mmu = fake_mmu(f);

	memset(e, 0, sizeof(*e));
	f->decode(&mmu, 0, src, index, e);
}

struct kat32 {
	dma_addr_t addr;
	u32 flags;
	u32 raw;
};

/* nv04 from the layout: PRESENT b0, RW b1, address b12-31. */
static const struct kat32 nv04_kats[] = {
	{ 0x12345000, DRM_VCM_READ | DRM_VCM_WRITE, 0x12345003 },
	{ 0xfffff000, DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
	  0xfffff003 },
	{ 0x80000000, DRM_VCM_WRITE, 0x80000003 },
	/* Read-only: RW clear. */
	{ 0x00001000, DRM_VCM_READ, 0x00001001 },
};

static void vcm_test_nv04_kat(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv04");
	struct drm_vcm_mmu mmu = fake_mmu(f);
	static const dma_addr_t run[3] = { 0x1000, 0xabcde000, 0x2000 };
	struct drm_vcm_entry e;
	__le32 w[4];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nv04_kats); i++) {
		const struct kat32 *k = &nv04_kats[i];
		u32 raw;

		encode(f, w, 0, &k->addr, 1, k->flags);
		raw = le32_to_cpu(w[0]);
		KUNIT_EXPECT_EQ_MSG(test, raw, k->raw, "vector %u", i);
		KUNIT_EXPECT_TRUE(test, raw & BIT(0));
		KUNIT_EXPECT_EQ(test, !!(raw & BIT(1)),
				!!(k->flags & DRM_VCM_WRITE));
		KUNIT_EXPECT_EQ(test, (dma_addr_t)(raw & 0xfffff000), k->addr);

		fmt_decode(f, w, 0, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
		KUNIT_EXPECT_EQ(test, e.addr, k->addr);
		KUNIT_EXPECT_EQ(test, e.raw, k->raw);
		KUNIT_EXPECT_EQ(test, e.flags, DRM_VCM_READ |
				(k->flags & DRM_VCM_WRITE));
	}

	/* A run of three entries: one word each, in order. */
	memset(w, 0xff, sizeof(w));
	encode(f, w, 7, run, 3, DRM_VCM_READ | DRM_VCM_WRITE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[0]), 0x00001003);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[1]), 0xabcde003);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[2]), 0x00002003);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[3]), 0xffffffff);

	/* Unbound: 0, PRESENT clear. */
	f->clear(&mmu, 0, w, 0, 3);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[0]), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[2]), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[3]), 0xffffffff);
	fmt_decode(f, w, 0, &e);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
}

/* The 8-byte DMA-object header: flags word, then the last byte offset. */
static void vcm_test_nv04_header(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv04");
	struct drm_vcm_mmu fake = fake_mmu(f);
	static const dma_addr_t page = 0x3456f000;
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	__le32 hdr[2], *t;

	KUNIT_ASSERT_EQ(test, f->tables[0].header, 8);
	KUNIT_ASSERT_NOT_NULL(test, f->write_header);
	f->write_header(&fake, 0, hdr, 32768);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr[0]), 0x0002103d);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr[1]), 0x07ffffff);
	f->write_header(&fake, 0, hdr, 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr[1]), 0x00000fff);

	/* The full 128 MiB GART, as the engine builds it. */
	vcm = drm_vcm_create(0, SZ_128M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	KUNIT_EXPECT_EQ(test, mmu->top_entries, 32768);
	t = mmu->top->buf.cpu;
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(t[0]), 0x0002103d);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(t[1]), 0x07ffffff);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(t[2]), 0);

	/* Entry i sits at byte 8 + 4 * i, behind the header. */
	mem = drm_vcm_mem_contig(NULL, page, SZ_4K, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve_at(vcm, 5 * SZ_4K, SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0,
					   DRM_VCM_READ | DRM_VCM_WRITE), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(t[2 + 5]), 0x3456f003);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(t[2 + 4]), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(t[1]), 0x07ffffff);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(t[2 + 5]), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* nv41 from the layout: VALID b0, address bits 12-38 in b5-31. */
static const struct kat32 nv41_kats[] = {
	{ 0x0012345000ULL, DRM_VCM_READ | DRM_VCM_WRITE, 0x002468a1 },
	{ 0x7ffffff000ULL, DRM_VCM_READ, 0xffffffe1 },
	{ 0x4000001000ULL, DRM_VCM_WRITE | DRM_VCM_SNOOP, 0x80000021 },
	{ 0x0000001000ULL, 0, 0x00000021 },
};

static void vcm_test_nv41_kat(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv41");
	struct drm_vcm_mmu mmu = fake_mmu(f);
	struct drm_vcm_entry e;
	__le32 w[2];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nv41_kats); i++) {
		const struct kat32 *k = &nv41_kats[i];
		u32 raw;

		encode(f, w, 0, &k->addr, 1, k->flags);
		raw = le32_to_cpu(w[0]);
		KUNIT_EXPECT_EQ_MSG(test, raw, k->raw, "vector %u", i);
		KUNIT_EXPECT_TRUE(test, raw & BIT(0));
		KUNIT_EXPECT_EQ(test, (dma_addr_t)(raw & ~0x1fU) << 7, k->addr);

		fmt_decode(f, w, 0, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
		KUNIT_EXPECT_EQ(test, e.addr, k->addr);
		KUNIT_EXPECT_EQ(test, e.raw, k->raw);
		/* No protection bits: every entry grants read and write. */
		KUNIT_EXPECT_EQ(test, e.flags, DRM_VCM_READ | DRM_VCM_WRITE);
	}

	w[0] = cpu_to_le32(0xffffffff);
	w[1] = cpu_to_le32(0xffffffff);
	f->clear(&mmu, 0, w, 0, 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[0]), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(w[1]), 0xffffffff);
	fmt_decode(f, w, 0, &e);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
}

/*
 * nv44 slot @s of a group, from the documented split: slot 0 is w0 b0-26;
 * slot 1 w0 b27-31 then w1 b0-21; slot 2 w1 b22-31 then w2 b0-16; slot 3
 * w2 b17-31 then w3 b0-11.
 */
static u32 nv44_slot(const __le32 *g, unsigned int s)
{
	u32 w0 = le32_to_cpu(g[0]), w1 = le32_to_cpu(g[1]);
	u32 w2 = le32_to_cpu(g[2]), w3 = le32_to_cpu(g[3]);

	switch (s) {
	case 0:
		return w0 & 0x07ffffff;
	case 1:
		return w0 >> 27 | (w1 & 0x003fffff) << 5;
	case 2:
		return w1 >> 22 | (w2 & 0x0001ffff) << 10;
	default:
		return w2 >> 17 | (w3 & 0x00000fff) << 15;
	}
}

static void set_group(__le32 *g, u32 w0, u32 w1, u32 w2, u32 w3)
{
	g[0] = cpu_to_le32(w0);
	g[1] = cpu_to_le32(w1);
	g[2] = cpu_to_le32(w2);
	g[3] = cpu_to_le32(w3);
}

static void expect_group(struct kunit *test, const __le32 *g, u32 w0, u32 w1,
			 u32 w2, u32 w3)
{
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g[0]), w0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g[1]), w1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g[2]), w2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g[3]), w3);
}

static void vcm_test_nv44_kat(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv44");
	static const dma_addr_t full[4] = {
		0x1234567000ULL, 0x7654321000ULL, 0x0abcdef000ULL,
		0x7ffffff000ULL,
	};
	struct drm_vcm_entry e;
	__le32 g[4];
	unsigned int s;

	/* A whole group: written afresh, bit 30 of w3 set. */
	set_group(g, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
	encode(f, g, 0, full, 4, DRM_VCM_READ);
	expect_group(test, g, 0x09234567, 0x7bfb2a19, 0xfffe2af3, 0x40000fff);
	for (s = 0; s < 4; s++) {
		KUNIT_EXPECT_EQ(test, (u64)nv44_slot(g, s) << 12, full[s]);
		fmt_decode(f, g, s, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
		KUNIT_EXPECT_EQ(test, e.addr, full[s]);
		KUNIT_EXPECT_EQ(test, e.loc, DRM_VCM_LOC_SYSTEM);
		KUNIT_EXPECT_EQ(test, e.flags, DRM_VCM_READ | DRM_VCM_WRITE);
		/* The same group whatever slot is asked for. */
		fmt_decode(f, g, 4 * 1000 + s, &e);
		KUNIT_EXPECT_EQ(test, e.addr, full[s]);
	}
	KUNIT_EXPECT_EQ(test, e.raw, 0x7bfb2a1909234567ULL);

	/* Slots 1 and 2 into a zeroed group: only their bits, and bit 30. */
	set_group(g, 0, 0, 0, 0);
	encode(f, g, 1, &full[0], 2, DRM_VCM_READ);
	expect_group(test, g, 0x38000000, 0xc8491a2b, 0x0001d950, 0x40000000);
	KUNIT_EXPECT_EQ(test, nv44_slot(g, 0), 0);
	KUNIT_EXPECT_EQ(test, (u64)nv44_slot(g, 1) << 12, full[0]);
	KUNIT_EXPECT_EQ(test, (u64)nv44_slot(g, 2) << 12, full[1]);
	KUNIT_EXPECT_EQ(test, nv44_slot(g, 3), 0);
	fmt_decode(f, g, 2, &e);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
	KUNIT_EXPECT_EQ(test, e.addr, full[1]);
}

/* Partial groups keep the other slots and w3 bits 12-29 and 31. */
static void vcm_test_nv44_partial(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv44");
	struct drm_vcm_mmu mmu = fake_mmu(f);
	static const dma_addr_t zero[2] = { 0, 0 };
	static const dma_addr_t seven[7] = {
		0x1000, 0x2000, 0x3000, 0x4000, 0x5000, 0x6000, 0x7000,
	};
	__le32 g[12];
	unsigned int s;

	/* Every bit set, then page 0 into slots 1 and 2. */
	set_group(g, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
	encode(f, g, 1, zero, 2, DRM_VCM_READ);
	expect_group(test, g, 0x07ffffff, 0x00000000, 0xfffe0000, 0xffffffff);

	/* Bit 30 is set by a partial write too; w3 bits 12-29, 31 kept. */
	set_group(g, 0, 0, 0, 0xbffff000);
	encode(f, g, 3, seven, 1, DRM_VCM_READ);
	expect_group(test, g, 0, 0, 0x00020000, 0xfffff000);

	/* A run over three groups: 2 slots, a whole group, 1 slot. */
	for (s = 0; s < 3; s++)
		set_group(&g[4 * s], 0xffffffff, 0xffffffff, 0xffffffff,
			  0xbfffffff);
	encode(f, g, 2, seven, 7, DRM_VCM_READ);
	KUNIT_EXPECT_EQ(test, nv44_slot(g, 0), 0x7ffffff);
	KUNIT_EXPECT_EQ(test, nv44_slot(g, 1), 0x7ffffff);
	KUNIT_EXPECT_EQ(test, nv44_slot(g, 2), 1);
	KUNIT_EXPECT_EQ(test, nv44_slot(g, 3), 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g[3]) & ~0xfffU, 0xfffff000);
	/* The whole group: pages 3 to 6, w3 rewritten. */
	expect_group(test, &g[4], 0x20000003, 0x01400000, 0x000c0000,
		     0x40000000);
	KUNIT_EXPECT_EQ(test, nv44_slot(&g[8], 0), 7);
	KUNIT_EXPECT_EQ(test, nv44_slot(&g[8], 1), 0x7ffffff);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g[11]), 0xffffffff);

	/* Clearing: the dummy page (PFN 0x7ff) into the cleared slots. */
	f->clear(&mmu, 0, g, 0, 4);
	expect_group(test, g, 0xf80007ff, 0xffc0003f, 0x0ffe0001, 0x40000000);
	for (s = 0; s < 4; s++)
		KUNIT_EXPECT_EQ(test, (u64)nv44_slot(g, s) << 12,
				VCM_TEST_DUMMY);
	set_group(g, 0xffffffff, 0xffffffff, 0xffffffff, 0xbfffffff);
	f->clear(&mmu, 0, g, 3, 1);
	KUNIT_EXPECT_EQ(test, nv44_slot(g, 2), 0x7ffffff);
	KUNIT_EXPECT_EQ(test, (u64)nv44_slot(g, 3) << 12, VCM_TEST_DUMMY);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(g[3]), 0xfffff000);
}

/* nv44's "no page": a zeroed group, or a slot holding the dummy page. */
static void vcm_test_nv44_unbound(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv44");
	static const dma_addr_t page = 0x5000;
	struct drm_vcm_entry e;
	__le32 g[4];
	unsigned int s;

	set_group(g, 0, 0, 0, 0);
	for (s = 0; s < 4; s++) {
		fmt_decode(f, g, s, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
	}
	set_group(g, 0xf80007ff, 0xffc0003f, 0x0ffe0001, 0x40000000);
	for (s = 0; s < 4; s++) {
		fmt_decode(f, g, s, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
	}
	encode(f, g, 2, &page, 1, DRM_VCM_READ);
	fmt_decode(f, g, 1, &e);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
	fmt_decode(f, g, 2, &e);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
	KUNIT_EXPECT_EQ(test, e.addr, page);
}

/* nv44 through the engine: the table bytes a device would read. */
static void vcm_test_nv44_table(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv44");
	static const dma_addr_t pages[6] = {
		0x11000, 0x22000, 0x33000, 0x44000, 0x55000, 0x66000,
	};
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	dma_addr_t a;
	__le32 *t;
	int i;

	vcm = drm_vcm_create(SZ_256M, SZ_64M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	t = mmu->top->buf.cpu;
	KUNIT_ASSERT_NOT_NULL(test, t);
	/* A new table: the dummy page everywhere, groups of 16 bytes. */
	expect_group(test, t, 0xf80007ff, 0xffc0003f, 0x0ffe0001, 0x40000000);
	expect_group(test, &t[4 * 4095], 0xf80007ff, 0xffc0003f, 0x0ffe0001,
		     0x40000000);

	/* Entries 1..6: slots 1-3 of group 0, slots 0-2 of group 1. */
	mem = drm_vcm_mem_from_pages(NULL, pages, 6, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve_at(vcm, SZ_256M, SZ_64K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_4K, 6 * SZ_4K, mem, 0,
					   DRM_VCM_READ | DRM_VCM_WRITE), 0);
	KUNIT_EXPECT_EQ(test, nv44_slot(t, 0), 0x7ff);
	for (i = 0; i < 6; i++) {
		KUNIT_EXPECT_EQ(test, (u64)nv44_slot(&t[4 * ((i + 1) / 4)],
						     (i + 1) % 4) << 12,
				pages[i]);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_256M +
							    (i + 1) * SZ_4K,
							    &a, NULL), 0);
		KUNIT_EXPECT_EQ(test, a, pages[i]);
	}
	KUNIT_EXPECT_EQ(test, nv44_slot(&t[4], 3), 0x7ff);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(t[3]) & NV44_W3_BIT30, NV44_W3_BIT30);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_256M, &a, NULL),
			-ENOENT);

	/* Unbound: back to the dummy page, bit for bit. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_4K), 0);
	expect_group(test, t, 0xf80007ff, 0xffc0003f, 0x0ffe0001, 0x40000000);
	expect_group(test, &t[4], 0xf80007ff, 0xffc0003f, 0x0ffe0001,
		     0x40000000);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* Entries, VA and address limits, alignment. */
static void vcm_test_nv04_geometry(struct kunit *test)
{
	static const struct {
		const char *name;
		u32 entries;
		u8 entry_size, group, va_bits, pa_bits;
		u32 align;
	} g[] = {
		{ "nv04", 32768, 4, 0, 27, 32, SZ_4K },
		{ "nv41", 131072, 4, 0, 29, 39, SZ_4K },
		{ "nv44", 131072, 16, 4, 29, 39, SZ_512K },
	};
	struct drm_vcm_mmu_desc desc = {
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &vcm_test_ops,
		.dummy_addr = VCM_TEST_DUMMY,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(g); i++) {
		const struct drm_vcm_format *f = find(test, g[i].name);
		const struct drm_vcm_fmt_table *t = f->tables;
		u64 max = (u64)g[i].entries * SZ_4K;
		struct vcm_test_mmu st = {};
		struct drm_vcm_mmu *mmu;
		struct drm_vcm *vcm;

		KUNIT_EXPECT_EQ(test, f->ntables, 1);
		KUNIT_EXPECT_EQ(test, 1U << t->bits, g[i].entries);
		KUNIT_EXPECT_EQ(test, t->shift, 12);
		KUNIT_EXPECT_EQ(test, t->entry_size, g[i].entry_size);
		KUNIT_EXPECT_EQ(test, t->group, g[i].group);
		KUNIT_EXPECT_EQ(test, t->align, g[i].align);
		KUNIT_EXPECT_EQ(test, t->locs, BIT(DRM_VCM_LOC_SYSTEM));
		KUNIT_EXPECT_EQ(test, f->va_bits, g[i].va_bits);
		KUNIT_EXPECT_EQ(test, f->pa_bits, g[i].pa_bits);
		KUNIT_EXPECT_EQ(test, 1ULL << f->va_bits, max);
		KUNIT_EXPECT_EQ(test, f->flags, DRM_VCM_FMT_RELATIVE |
				DRM_VCM_FMT_SIZED_TOP);

		/* The whole aperture attaches; a page more does not. */
		desc.format = f;
		desc.priv = &st;
		vcm = drm_vcm_create(0, max);
		KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
		mmu = drm_vcm_mmu_attach(vcm, &desc);
		KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
		KUNIT_EXPECT_EQ(test, mmu->top_entries, g[i].entries);
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED(st.top, g[i].align));
		KUNIT_EXPECT_GE(test, mmu->stats.table_bytes,
				(u64)t->header + max / SZ_4K /
				(t->group ? t->group : 1) * t->entry_size);
		drm_vcm_mmu_detach(mmu);
		KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);

		vcm = drm_vcm_create(0, max + SZ_4K);
		KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
		KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)),
				-ERANGE);
		KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
	}
}

/* The highest page the entries hold maps; one above is refused. */
static void vcm_test_nv04_pa_limit(struct kunit *test)
{
	static const struct {
		const char *name;
		unsigned int pa_bits;
	} g[] = { { "nv04", 32 }, { "nv41", 39 }, { "nv44", 39 } };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(g); i++) {
		const struct drm_vcm_format *f = find(test, g[i].name);
		dma_addr_t top = (1ULL << g[i].pa_bits) - SZ_4K, a;
		struct vcm_test_mmu st = {};
		struct drm_vcm_mem *ok, *wide;
		struct drm_vcm_mmu *mmu;
		struct drm_vcm_res *res;
		struct drm_vcm *vcm;

		vcm = vcm_test_space(test, f);
		mmu = vcm_test_attach(test, vcm, f, &st);
		ok = drm_vcm_mem_contig(NULL, top, SZ_4K, DRM_VCM_LOC_SYSTEM);
		wide = drm_vcm_mem_contig(NULL, top + SZ_4K, SZ_4K,
					  DRM_VCM_LOC_SYSTEM);
		res = drm_vcm_reserve(vcm, SZ_8K, 0);
		KUNIT_ASSERT_FALSE(test, IS_ERR(ok) || IS_ERR(wide) ||
				   IS_ERR(res));
		KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, wide, 0, 0),
				-ERANGE);
		KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, ok, 0, 0), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu,
							    drm_vcm_res_addr(res),
							    &a, NULL), 0);
		KUNIT_EXPECT_EQ(test, a, top);
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
		drm_vcm_mem_put(ok);
		drm_vcm_mem_put(wide);
		drm_vcm_mmu_detach(mmu);
		KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
	}
}

/*
 * drm_vcm_writer_init(): the detached MMU a driver that keeps its own
 * tables (nouveau's nvkm) hands the format writers. Whatever the structure
 * held before is gone; a dummy page set after init, as nvkm allocates its
 * own after the VMM, is the one the writers use; partial groups keep
 * their other slots. Words worked out by hand from the nv44 layout.
 */
static void vcm_test_writer_detached(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv44");
	struct drm_vcm_mmu *mmu = kunit_kmalloc(test, sizeof(*mmu), GFP_KERNEL);
	struct drm_vcm_seg seg = { 0x5000, 2 * SZ_4K };
	struct drm_vcm_pte_run run = {
		.seg = &seg, .pgsize = SZ_4K,
		.flags = DRM_VCM_READ | DRM_VCM_WRITE,
		.loc = DRM_VCM_LOC_SYSTEM,
	};
	__le32 g[4];

	KUNIT_ASSERT_NOT_NULL(test, mmu);
	memset(mmu, 0xa5, sizeof(*mmu));
	drm_vcm_writer_init(mmu, f, 0x3000, true);
	KUNIT_EXPECT_PTR_EQ(test, mmu->format, f);
	KUNIT_EXPECT_EQ(test, mmu->dummy_addr, (dma_addr_t)0x3000);
	KUNIT_EXPECT_TRUE(test, mmu->sparse);
	KUNIT_EXPECT_NULL(test, mmu->vcm);
	KUNIT_EXPECT_NULL(test, mmu->top);
	KUNIT_EXPECT_NULL(test, mmu->ops);
	KUNIT_EXPECT_NULL(test, mmu->dev);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 0ULL);
	KUNIT_EXPECT_TRUE(test, list_empty(&mmu->fresh));
	KUNIT_EXPECT_TRUE(test, list_empty(&mmu->dead));

	drm_vcm_writer_init(mmu, f, 0, false);
	mmu->dummy_addr = 0x7000;
	set_group(g, ~0u, ~0u, ~0u, ~0u);
	f->clear(mmu, 0, g, 0, 4);
	/* Page number 7 in every slot, bit 30 of w3. */
	expect_group(test, g, 0x38000007, 0x01c00000, 0x000e0000, 0x40000000);
	f->write_ptes(mmu, 0, g, 1, 2, &run);
	/* Slots 1 and 2 now pages 5 and 6; slots 0 and 3 still the dummy. */
	expect_group(test, g, 0x28000007, 0x01800000, 0x000e0000, 0x40000000);
}

static struct kunit_case vcm_fmt_nv04_cases[] = {
	KUNIT_CASE(vcm_test_nv04_kat),
	KUNIT_CASE(vcm_test_nv04_header),
	KUNIT_CASE(vcm_test_nv41_kat),
	KUNIT_CASE(vcm_test_nv44_kat),
	KUNIT_CASE(vcm_test_nv44_partial),
	KUNIT_CASE(vcm_test_nv44_unbound),
	KUNIT_CASE(vcm_test_nv44_table),
	KUNIT_CASE(vcm_test_nv04_geometry),
	KUNIT_CASE(vcm_test_nv04_pa_limit),
	KUNIT_CASE(vcm_test_writer_detached),
	{}
};

static struct kunit_suite vcm_fmt_nv04_suite = {
	.name = "vcm_fmt_nv04",
	.test_cases = vcm_fmt_nv04_cases,
};

kunit_test_suite(vcm_fmt_nv04_suite);
