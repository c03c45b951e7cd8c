// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the radeon cayman and SI per-process VM formats
 * ("cayman-vm", "si-vm"): known-answer vectors from the documented bit
 * layout, checked as literal words and by a decoder written here; the
 * fragment field, through the writer and through real binds; directory
 * entries; geometry.
 */

#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "vcm_test.h"
#include "vcm_internal.h"

/* Entry bits as the layout gives them. */
#define CAY_V		0x01ULL		/* VALID */
#define CAY_S		0x02ULL		/* SYSTEM */
#define CAY_P		0x04ULL		/* SNOOPED */
#define CAY_R		0x20ULL		/* READABLE */
#define CAY_W		0x40ULL		/* WRITEABLE */
#define CAY_RW		(DRM_VCM_READ | DRM_VCM_WRITE)

/* The entry, decoded from the layout: FRAG in bits 7-11. */
struct cay_fields {
	bool valid, system, snooped, readable, writeable;
	unsigned int frag;
	u64 addr;
};

static struct cay_fields cay_fields(u64 raw)
{
	return (struct cay_fields){
		.valid = raw & 1, .system = (raw >> 1) & 1,
		.snooped = (raw >> 2) & 1, .readable = (raw >> 5) & 1,
		.writeable = (raw >> 6) & 1, .frag = (raw >> 7) & 0x1f,
		.addr = raw & ~0xfffULL,
	};
}

/*
 * The 1 MiB VRAM bind of the fragment tests: VA 0x114000, address
 * 0x200014000, read-write. Its entries up to @head keep FRAG 0, the next
 * @mid carry the format's code, the rest (the tail) FRAG 0 again:
 *   cayman, 256 KiB: head 0x114000-0x13ffff (44), middle 0x140000-0x1fffff
 *                    (192), tail 0x200000-0x213fff (20)
 *   SI, 64 KiB:      head 0x114000-0x11ffff (12), middle 0x120000-0x20ffff
 *                    (240), tail 0x210000-0x213fff (4)
 */
#define FRAG_VA		0x114000ULL
#define FRAG_PA		0x200014000ULL
#define FRAG_N		256

struct cay_word {
	u32 idx;
	u64 raw;
};

struct cay_param {
	const char *name;
	unsigned int frag;	/* FRAG code of the format */
	u32 head, mid;		/* of the 1 MiB bind above */
	struct cay_word words[6];
	u32 part_lo, part_hi;	/* FRAG entries of its [64 KiB, 576 KiB) */
};

static const struct cay_param cay_params[] = {
	{ "cayman-vm", 6, 44, 192, {
		{ 0, 0x0000000200014061ULL },
		{ 43, 0x000000020003f061ULL },
		{ 44, 0x0000000200040361ULL },
		{ 235, 0x00000002000ff361ULL },
		{ 236, 0x0000000200100061ULL },
		{ 255, 0x0000000200113061ULL },
	}, 44, 108 },
	{ "si-vm", 4, 12, 240, {
		{ 0, 0x0000000200014061ULL },
		{ 11, 0x000000020001f061ULL },
		{ 12, 0x0000000200020261ULL },
		{ 251, 0x000000020010f261ULL },
		{ 252, 0x0000000200110061ULL },
		{ 255, 0x0000000200113061ULL },
	}, 28, 140 },
};

static void cay_param_desc(const struct cay_param *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(cay, cay_params, cay_param_desc);

static const struct drm_vcm_format *cay_format(struct kunit *test)
{
	const struct cay_param *p = test->param_value;
	const struct drm_vcm_format *f = drm_vcm_format_find(p->name);

	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_EQ(test, f->ntables, 2);
	KUNIT_ASSERT_STREQ(test, f->tables[1].name, "pt");
	return f;
}

/* Entry @i of the 1 MiB bind, from the model above. */
static u64 frag_expect(const struct cay_param *p, u32 i)
{
	u64 raw = (FRAG_PA + (u64)i * SZ_4K) | CAY_V | CAY_R | CAY_W;

	if (i >= p->head && i < p->head + p->mid)
		raw |= (u64)p->frag << 7;
	return raw;
}

static void write_run(const struct drm_vcm_format *f, __le64 *out, u64 va,
		      const struct drm_vcm_seg *seg, u32 count, u32 flags,
		      enum drm_vcm_location loc, struct drm_vcm_pte_run *run)
{
	struct drm_vcm_mmu mmu = { .format = f, .dummy_addr = VCM_TEST_DUMMY };

	*run = (struct drm_vcm_pte_run){
		.seg = seg, .pgsize = SZ_4K, .flags = flags, .loc = loc,
		.va = va,
	};
	f->write_ptes(&mmu, 1, out, (va >> 12) & 0xfff, count, run);
}

struct cay_kat {
	dma_addr_t addr;
	u32 flags;
	enum drm_vcm_location loc;
	u64 raw;
};

static const struct cay_kat cay_kats[] = {
	/* System, coherent, read-write: V|S|P|R|W = 0x67. */
	{ 0xabcdef1000ULL, CAY_RW | DRM_VCM_SNOOP, DRM_VCM_LOC_SYSTEM,
	  0x000000abcdef1067ULL },
	{ 0xabcdef1000ULL, DRM_VCM_READ, DRM_VCM_LOC_SYSTEM,
	  0x000000abcdef1023ULL },
	{ 0x1000ULL, DRM_VCM_WRITE, DRM_VCM_LOC_SYSTEM,
	  0x0000000000001043ULL },
	/* VRAM: no SYSTEM, and SNOOPED is never set. */
	{ 0x12345000ULL, CAY_RW | DRM_VCM_SNOOP, DRM_VCM_LOC_DEVICE,
	  0x0000000012345061ULL },
	{ 0xff00000000ULL, DRM_VCM_READ, DRM_VCM_LOC_DEVICE,
	  0x000000ff00000021ULL },
	{ 0x40000ULL, 0, DRM_VCM_LOC_DEVICE, 0x0000000000040001ULL },
};

/* One page at a time: the plain R600 entry, FRAG 0. */
static void vcm_cayman_kat_pte(struct kunit *test)
{
	const struct drm_vcm_format *f = cay_format(test);
	struct drm_vcm_mmu mmu = { .format = f };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cay_kats); i++) {
		const struct cay_kat *k = &cay_kats[i];
		/* Aligned and contiguous far beyond the page: still FRAG 0. */
		struct drm_vcm_seg seg = { k->addr, SZ_1M };
		struct drm_vcm_pte_run run;
		struct drm_vcm_entry e = {};
		struct cay_fields d;
		__le64 out[2] = {};
		u64 raw;

		write_run(f, out, 0x40000, &seg, 1, k->flags, k->loc, &run);
		raw = le64_to_cpu(out[0]);
		d = cay_fields(raw);
		KUNIT_EXPECT_EQ_MSG(test, raw, k->raw, "vector %u", i);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[1]), 0);
		KUNIT_EXPECT_TRUE(test, d.valid);
		KUNIT_EXPECT_EQ(test, d.system, k->loc == DRM_VCM_LOC_SYSTEM);
		KUNIT_EXPECT_EQ(test, d.snooped, k->loc == DRM_VCM_LOC_SYSTEM &&
				(k->flags & DRM_VCM_SNOOP));
		KUNIT_EXPECT_EQ(test, d.readable, !!(k->flags & DRM_VCM_READ));
		KUNIT_EXPECT_EQ(test, d.writeable, !!(k->flags & DRM_VCM_WRITE));
		KUNIT_EXPECT_EQ(test, d.frag, 0);
		KUNIT_EXPECT_EQ(test, d.addr, k->addr);
		KUNIT_EXPECT_EQ(test, run.va, 0x41000);
		KUNIT_EXPECT_EQ(test, run.off, SZ_4K);

		f->decode(&mmu, 1, out, 0, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
		KUNIT_EXPECT_EQ(test, e.addr, k->addr);
		KUNIT_EXPECT_EQ(test, e.loc, k->loc);
		KUNIT_EXPECT_EQ(test, e.flags, k->flags &
				(k->loc == DRM_VCM_LOC_SYSTEM ?
				 CAY_RW | DRM_VCM_SNOOP : CAY_RW));
		KUNIT_EXPECT_EQ(test, e.raw, k->raw);
	}
}

/* Unbound entries at both levels are 0; 0 decodes as invalid. */
static void vcm_cayman_unbound(struct kunit *test)
{
	const struct drm_vcm_format *f = cay_format(test);
	struct drm_vcm_mmu mmu = { .format = f, .dummy_addr = VCM_TEST_DUMMY };
	unsigned int t;

	for (t = 0; t < 2; t++) {
		__le64 out[3] = { cpu_to_le64(~0ULL), cpu_to_le64(~0ULL),
				  cpu_to_le64(~0ULL) };
		struct drm_vcm_entry e = {};

		f->clear(&mmu, t, out, 5, 2);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[0]), 0);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[1]), 0);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[2]), ~0ULL);
		KUNIT_EXPECT_FALSE(test, cay_fields(le64_to_cpu(out[0])).valid);
		f->decode(&mmu, t, out, 5, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
	}
}

/* PDE = table address | VALID, wherever the table lives. */
static void vcm_cayman_pde(struct kunit *test)
{
	const struct drm_vcm_format *f = cay_format(test);
	struct drm_vcm_mmu mmu = { .format = f };
	static const struct drm_vcm_table_ref refs[] = {
		{ 0x12340000ULL, DRM_VCM_LOC_DEVICE, 1 },
		{ 0x12340000ULL, DRM_VCM_LOC_SYSTEM, 1 },
		{ 0xfffffb8000ULL, DRM_VCM_LOC_DEVICE, 1 },
	};
	static const u64 words[] = {
		0x0000000012340001ULL, 0x0000000012340001ULL,
		0x000000fffffb8001ULL,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(refs); i++) {
		struct drm_vcm_entry e = {};
		__le64 pde = 0;

		f->write_pde(&mmu, 0, &pde, &refs[i], 1);
		KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(pde), words[i], "pde %u", i);
		KUNIT_EXPECT_TRUE(test, le64_to_cpu(pde) & 1);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(pde) & ~0xfffULL, refs[i].addr);
		f->decode(&mmu, 0, &pde, 0, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
		KUNIT_EXPECT_EQ(test, e.addr, refs[i].addr);
		KUNIT_EXPECT_EQ(test, e.nchild, 1);
		KUNIT_EXPECT_EQ(test, e.child_type[0], 1);
		KUNIT_EXPECT_EQ(test, e.loc, DRM_VCM_LOC_DEVICE);
	}
}

/* The 1 MiB run through the writer itself, in one call. */
static void vcm_cayman_frag_writer(struct kunit *test)
{
	const struct cay_param *p = test->param_value;
	const struct drm_vcm_format *f = cay_format(test);
	__le64 *out = kunit_kcalloc(test, FRAG_N + 1, 8, GFP_KERNEL);
	struct drm_vcm_seg seg = { FRAG_PA, SZ_1M };
	struct drm_vcm_pte_run run;
	unsigned int i, nfrag = 0;

	KUNIT_ASSERT_NOT_NULL(test, out);
	write_run(f, out, FRAG_VA, &seg, FRAG_N, CAY_RW, DRM_VCM_LOC_DEVICE,
		  &run);
	for (i = 0; i < ARRAY_SIZE(p->words); i++)
		KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(out[p->words[i].idx]),
				    p->words[i].raw, "entry %u",
				    p->words[i].idx);
	for (i = 0; i < FRAG_N; i++) {
		struct cay_fields d = cay_fields(le64_to_cpu(out[i]));

		KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(out[i]),
				    frag_expect(p, i), "entry %u", i);
		KUNIT_EXPECT_EQ(test, d.addr, FRAG_PA + (u64)i * SZ_4K);
		KUNIT_EXPECT_FALSE(test, d.system || d.snooped);
		nfrag += d.frag == p->frag;
	}
	KUNIT_EXPECT_EQ(test, nfrag, p->mid);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(out[FRAG_N]), 0);
	KUNIT_EXPECT_EQ(test, run.va, FRAG_VA + SZ_1M);
	KUNIT_EXPECT_PTR_EQ(test, run.seg, &seg + 1);
}

/* No FRAG unless VA, address and contiguity all allow the whole block. */
static void vcm_cayman_frag_conditions(struct kunit *test)
{
	const struct cay_param *p = test->param_value;
	const struct drm_vcm_format *f = cay_format(test);
	u32 fpages = 1U << p->frag, i;
	u64 fbytes = (u64)SZ_4K << p->frag;
	__le64 *out = kunit_kcalloc(test, FRAG_N, 8, GFP_KERNEL);
	struct drm_vcm_seg seg[3];
	struct drm_vcm_pte_run run;

	KUNIT_ASSERT_NOT_NULL(test, out);

	/* The call ends one page short of the first whole block. */
	seg[0] = (struct drm_vcm_seg){ FRAG_PA, SZ_1M };
	write_run(f, out, FRAG_VA, seg, p->head + fpages - 1, CAY_RW,
		  DRM_VCM_LOC_DEVICE, &run);
	for (i = 0; i < p->head + fpages - 1; i++)
		KUNIT_EXPECT_EQ(test, cay_fields(le64_to_cpu(out[i])).frag, 0);
	/* One page more and the block is whole. */
	write_run(f, out, FRAG_VA, seg, p->head + fpages, CAY_RW,
		  DRM_VCM_LOC_DEVICE, &run);
	for (i = 0; i < p->head + fpages; i++)
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[i]), frag_expect(p, i));

	/* VA aligned, address one page off: never. */
	seg[0] = (struct drm_vcm_seg){ 0x200001000ULL, SZ_1M };
	write_run(f, out, 0x100000, seg, FRAG_N, CAY_RW, DRM_VCM_LOC_DEVICE,
		  &run);
	for (i = 0; i < FRAG_N; i++)
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[i]),
				(0x200001000ULL + i * SZ_4K) | 0x61);

	/* System memory, aligned and contiguous: never. */
	seg[0] = (struct drm_vcm_seg){ 0x200000000ULL, SZ_1M };
	write_run(f, out, 0x100000, seg, FRAG_N, CAY_RW | DRM_VCM_SNOOP,
		  DRM_VCM_LOC_SYSTEM, &run);
	for (i = 0; i < FRAG_N; i++)
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[i]),
				(0x200000000ULL + i * SZ_4K) | 0x67);

	/*
	 * Aligned VRAM whose first block breaks after one page (a gap),
	 * then a second segment that starts where the first one ends.
	 */
	seg[0] = (struct drm_vcm_seg){ 0x200000000ULL, SZ_4K };
	seg[1] = (struct drm_vcm_seg){ 0x300001000ULL, fbytes - SZ_4K };
	seg[2] = (struct drm_vcm_seg){ 0x300000000ULL + fbytes,
				       2 * fbytes };
	write_run(f, out, 0x100000, seg, 3 * fpages, CAY_RW,
		  DRM_VCM_LOC_DEVICE, &run);
	for (i = 0; i < fpages; i++)
		KUNIT_EXPECT_EQ(test, cay_fields(le64_to_cpu(out[i])).frag, 0);
	for (i = fpages; i < 3 * fpages; i++)
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[i]),
				(0x300000000ULL + i * SZ_4K) | 0x61 |
				(u64)p->frag << 7);
	KUNIT_EXPECT_PTR_EQ(test, run.seg, &seg[3]);

	/* Adjacent segments count as contiguous. */
	seg[0] = (struct drm_vcm_seg){ 0x200000000ULL, SZ_4K };
	seg[1] = (struct drm_vcm_seg){ 0x200001000ULL, fbytes - SZ_4K };
	write_run(f, out, 0x100000, seg, fpages, DRM_VCM_READ,
		  DRM_VCM_LOC_DEVICE, &run);
	for (i = 0; i < fpages; i++)
		KUNIT_EXPECT_EQ(test, le64_to_cpu(out[i]),
				(0x200000000ULL + i * SZ_4K) | 0x21 |
				(u64)p->frag << 7);
}

/*
 * What the hardware relies on: an entry with FRAG f lies in an aligned
 * block of 2^f pages whose entries are all valid VRAM entries with the
 * same bits and FRAG f, mapping contiguous, equally aligned memory.
 */
static unsigned int check_frag_blocks(struct kunit *test,
				      struct drm_vcm_mmu *mmu, u64 va, u64 size)
{
	unsigned int nfrag = 0;
	u64 v;

	for (v = va; v < va + size; v += SZ_4K) {
		struct drm_vcm_entry e, b;
		struct cay_fields d;
		u64 blk, w;
		dma_addr_t a;

		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, v, &a, &e), 0);
		d = cay_fields(e.raw);
		if (!d.frag)
			continue;
		nfrag++;
		KUNIT_EXPECT_FALSE(test, d.system);
		blk = SZ_4K << d.frag;
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED(d.addr - (v - round_down(v, blk)),
						   blk));
		for (w = round_down(v, blk); w < round_down(v, blk) + blk;
		     w += SZ_4K) {
			KUNIT_ASSERT_EQ_MSG(test, drm_vcm_mmu_translate(mmu, w,
									&a, &b),
					    0, "va %#llx", w);
			KUNIT_EXPECT_EQ_MSG(test, b.raw, e.raw + (w - v),
					    "va %#llx", w);
		}
	}
	return nfrag;
}

/* The same run through drm_vcm_bind(), read back entry by entry. */
static void vcm_cayman_frag_bind(struct kunit *test)
{
	const struct cay_param *p = test->param_value;
	const struct drm_vcm_format *f = cay_format(test);
	struct drm_vcm_mem *vram, *sys;
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	struct drm_vcm *vcm;
	dma_addr_t a;
	unsigned int i;

	vcm = drm_vcm_create(0, SZ_8G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	vram = drm_vcm_mem_contig(NULL, FRAG_PA, SZ_1M, DRM_VCM_LOC_DEVICE);
	sys = drm_vcm_mem_contig(NULL, FRAG_PA, SZ_1M, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve_at(vcm, FRAG_VA, SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(sys) || IS_ERR(res));

	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_1M, vram, 0, CAY_RW), 0);
	for (i = 0; i < ARRAY_SIZE(p->words); i++) {
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, FRAG_VA +
					p->words[i].idx * SZ_4K, &a, &e), 0);
		KUNIT_EXPECT_EQ_MSG(test, e.raw, p->words[i].raw, "entry %u",
				    p->words[i].idx);
	}
	for (i = 0; i < FRAG_N; i++) {
		u64 va = FRAG_VA + (u64)i * SZ_4K;

		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, va + 8, &a, &e),
				0);
		KUNIT_EXPECT_EQ_MSG(test, e.raw, frag_expect(p, i), "entry %u",
				    i);
		KUNIT_EXPECT_EQ(test, a, FRAG_PA + (u64)i * SZ_4K + 8);
		KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
		KUNIT_EXPECT_EQ(test, e.loc, DRM_VCM_LOC_DEVICE);
		KUNIT_EXPECT_EQ(test, e.flags, CAY_RW);
	}
	KUNIT_EXPECT_EQ(test, check_frag_blocks(test, mmu, FRAG_VA, SZ_1M),
			p->mid);
	/* Neighbours stay 0. */
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, FRAG_VA - SZ_4K, &a,
						    &e), -ENOENT);
	KUNIT_EXPECT_EQ(test, e.raw, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, FRAG_VA + SZ_1M, &a,
						    &e), -ENOENT);
	KUNIT_EXPECT_EQ(test, e.raw, 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, FRAG_VA, &a, NULL),
			-ENOENT);

	/* The same pages as system memory: 0x67, no fragments. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_1M, sys, 0,
					   CAY_RW | DRM_VCM_SNOOP), 0);
	for (i = 0; i < FRAG_N; i++) {
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, FRAG_VA +
					(u64)i * SZ_4K, &a, &e), 0);
		KUNIT_EXPECT_EQ(test, e.raw, (FRAG_PA + (u64)i * SZ_4K) | 0x67);
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	/*
	 * Part of the VRAM, from an offset: VA 0x124000-0x1a3fff. Fragments
	 * follow VA and address: 0x140000-0x17ffff (cayman), 0x130000-0x19ffff
	 * (SI).
	 */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_64K, SZ_512K, vram, SZ_64K,
					   CAY_RW), 0);
	for (i = 16; i < 16 + 128; i++) {
		u64 raw = (FRAG_PA + (u64)i * SZ_4K) | 0x61;

		if (i >= p->part_lo && i < p->part_hi)
			raw |= (u64)p->frag << 7;
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, FRAG_VA +
					(u64)i * SZ_4K, &a, &e), 0);
		KUNIT_EXPECT_EQ_MSG(test, e.raw, raw, "entry %u", i);
	}
	KUNIT_EXPECT_EQ(test, check_frag_blocks(test, mmu, FRAG_VA + SZ_64K,
						SZ_512K),
			p->part_hi - p->part_lo);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_64K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(vram);
	drm_vcm_mem_put(sys);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* A bind over two page tables: one writer call each, fragments in both. */
static void vcm_cayman_frag_two_tables(struct kunit *test)
{
	const struct cay_param *p = test->param_value;
	const struct drm_vcm_format *f = cay_format(test);
	const u64 va = SZ_16M - SZ_512K, pa = 0x300000000ULL - SZ_512K;
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	struct drm_vcm *vcm;
	dma_addr_t a;
	u64 v;

	vcm = drm_vcm_create(0, SZ_8G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, pa, SZ_1M, DRM_VCM_LOC_DEVICE);
	res = drm_vcm_reserve_at(vcm, va, SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_1M, mem, 0,
					   DRM_VCM_WRITE), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 3);
	for (v = va; v < va + SZ_1M; v += SZ_4K) {
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, v, &a, &e), 0);
		KUNIT_EXPECT_EQ_MSG(test, e.raw, (pa + v - va) | 0x41 |
				    (u64)p->frag << 7, "va %#llx", v);
	}
	KUNIT_EXPECT_EQ(test, check_frag_blocks(test, mmu, va, SZ_1M), 256);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * Tables in an I/O window are written a bounce buffer at a time; the
 * engine ends those calls on multiples of the buffer, so the fragments
 * come out exactly as with tables in RAM, and every page translates.
 */
static void vcm_cayman_frag_io(struct kunit *test)
{
	const struct drm_vcm_format *f = cay_format(test);
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	dma_addr_t a;
	u64 v;

	vcm = drm_vcm_create(0, SZ_8G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach_io(test, vcm, f, &st);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(st.top, SZ_32K));
	mem = drm_vcm_mem_contig(NULL, FRAG_PA, SZ_1M, DRM_VCM_LOC_DEVICE);
	res = drm_vcm_reserve_at(vcm, FRAG_VA, SZ_1M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_1M, mem, 0, CAY_RW), 0);
	for (v = FRAG_VA; v < FRAG_VA + SZ_1M; v += SZ_4K) {
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, v, &a, NULL), 0);
		KUNIT_EXPECT_EQ(test, a, FRAG_PA + v - FRAG_VA);
	}
	KUNIT_EXPECT_EQ(test, check_frag_blocks(test, mmu, FRAG_VA, SZ_1M),
			((const struct cay_param *)test->param_value)->mid);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * vm_size 8 GiB, block size 12: a 512-entry (4 KiB) directory of 16 MiB
 * entries over 33 bits, 4096-entry (32 KiB) page tables, both 32 KiB
 * aligned; 40-bit addresses.
 */
static void vcm_cayman_geometry(struct kunit *test)
{
	const struct drm_vcm_format *f = cay_format(test);
	const struct drm_vcm_fmt_table *t = f->tables;
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem, *high;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 pde;
	dma_addr_t a;

	KUNIT_EXPECT_EQ(test, f->va_bits, 33);
	KUNIT_EXPECT_EQ(test, f->pa_bits, 40);
	KUNIT_EXPECT_EQ(test, f->fmt_flags, 0);
	KUNIT_EXPECT_EQ(test, f->flags, 0);
	KUNIT_EXPECT_EQ(test, 1U << t[0].bits, 512);
	KUNIT_EXPECT_EQ(test, 1ULL << t[0].shift, SZ_16M);
	KUNIT_EXPECT_EQ(test, t[0].shift + t[0].bits, 33);
	KUNIT_EXPECT_EQ(test, t[0].entry_size, 8);
	KUNIT_EXPECT_EQ(test, t[0].nchild, 1);
	KUNIT_EXPECT_EQ(test, t[0].child[0], 1);
	KUNIT_EXPECT_FALSE(test, t[0].leaf);
	KUNIT_EXPECT_EQ(test, t[0].align, SZ_32K);
	KUNIT_EXPECT_EQ(test, 1U << t[1].bits, 4096);
	KUNIT_EXPECT_EQ(test, (1U << t[1].bits) * t[1].entry_size, SZ_32K);
	KUNIT_EXPECT_EQ(test, t[1].shift, 12);
	KUNIT_EXPECT_TRUE(test, t[1].leaf);
	KUNIT_EXPECT_EQ(test, t[1].align, SZ_32K);
	KUNIT_EXPECT_EQ(test, t[1].locs,
			BIT(DRM_VCM_LOC_SYSTEM) | BIT(DRM_VCM_LOC_DEVICE));

	/* The whole 8 GiB; one more page is out of reach. */
	vcm = drm_vcm_create(0, SZ_8G + SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = drm_vcm_mmu_attach(vcm, &(struct drm_vcm_mmu_desc){ .format = f });
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(mmu), -ERANGE);
	if (!IS_ERR(mmu))
		drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);

	vcm = drm_vcm_create(0, SZ_8G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	KUNIT_EXPECT_EQ(test, mmu->top_entries, 512);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(st.top, SZ_32K));

	/* The last page: directory entry 511, table entry 4095. */
	mem = drm_vcm_mem_contig(NULL, 0xfffffff000ULL, SZ_4K,
				 DRM_VCM_LOC_SYSTEM);
	high = drm_vcm_mem_contig(NULL, 1ULL << 40, SZ_4K, DRM_VCM_LOC_DEVICE);
	res = drm_vcm_reserve_at(vcm, SZ_8G - SZ_4K, SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(high) || IS_ERR(res));
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, high, 0, 0), -ERANGE);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, CAY_RW), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 2);
	KUNIT_ASSERT_NOT_NULL(test, mmu->top->child[511]);
	KUNIT_EXPECT_EQ(test, mmu->top->child[511]->nent, 4096);
	pde = le64_to_cpu(((__le64 *)mmu->top->buf.cpu)[511]);
	KUNIT_EXPECT_EQ(test, pde, mmu->top->child[511]->buf.addr | 1);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(pde & ~0xfffULL, SZ_32K));
	KUNIT_EXPECT_EQ(test, le64_to_cpu(((__le64 *)mmu->top->buf.cpu)[510]),
			0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(((__le64 *)
					   mmu->top->child[511]->buf.cpu)[4095]),
			0xfffffff063ULL);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_8G - 1, &a, NULL),
			0);
	KUNIT_EXPECT_EQ(test, a, 0xffffffffffULL);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(((__le64 *)mmu->top->buf.cpu)[511]),
			0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mem_put(high);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/* Other vm_size / vm_block_size settings, built by the driver. */
static void vcm_cayman_geometry_builder(struct kunit *test)
{
	const struct drm_vcm_format *def = cay_format(test);
	bool si = def->write_ptes == drm_vcm_format_find("si-vm")->write_ptes;
	struct drm_vcm_fmt_table *t;
	struct vcm_test_mmu st = {};
	struct drm_vcm_format *f;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	dma_addr_t a;
	int i;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	t = kunit_kcalloc(test, 2, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, t);

	/* radeon's default geometry gives back the registered format. */
	KUNIT_ASSERT_EQ(test, drm_vcm_radeon_vm_format(f, t, si, 33, 12), 0);
	KUNIT_EXPECT_EQ(test, memcmp(t, def->tables, 2 * sizeof(*t)), 0);
	KUNIT_EXPECT_PTR_EQ(test, f->write_ptes, def->write_ptes);
	KUNIT_EXPECT_EQ(test, f->va_bits, def->va_bits);

	/* Out of radeon's ranges, or no bit left for the directory. */
	KUNIT_EXPECT_EQ(test, drm_vcm_radeon_vm_format(f, t, si, 29, 9), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_radeon_vm_format(f, t, si, 41, 12),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_radeon_vm_format(f, t, si, 34, 8), -EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_radeon_vm_format(f, t, si, 40, 25),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_radeon_vm_format(f, t, si, 30, 18),
			-EINVAL);

	/* 16 GiB with 9-bit blocks: 8192 PDEs of 2 MiB, 4 KiB tables. */
	KUNIT_ASSERT_EQ(test, drm_vcm_radeon_vm_format(f, t, si, 34, 9), 0);
	KUNIT_EXPECT_EQ(test, 1U << t[0].bits, 8192);
	KUNIT_EXPECT_EQ(test, 1ULL << t[0].shift, SZ_2M);
	KUNIT_EXPECT_EQ(test, t[0].align, SZ_4K);
	KUNIT_EXPECT_EQ(test, 1U << t[1].bits, 512);
	vcm = drm_vcm_create(0, SZ_16G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, FRAG_PA, SZ_64K, DRM_VCM_LOC_SYSTEM);
	res = drm_vcm_reserve_at(vcm, SZ_16G - SZ_2M - SZ_32K, SZ_64K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_64K, mem, 0, CAY_RW), 0);
	/* Across a directory entry: two page tables under the directory. */
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 3);
	for (i = 0; i < 16; i++) {
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu,
							    drm_vcm_res_addr(res) + i * SZ_4K,
							    &a, NULL), 0);
		KUNIT_EXPECT_EQ(test, a, FRAG_PA + i * SZ_4K);
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static struct kunit_case vcm_fmt_cayman_cases[] = {
	KUNIT_CASE_PARAM(vcm_cayman_kat_pte, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_unbound, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_pde, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_frag_writer, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_frag_conditions, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_frag_bind, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_frag_two_tables, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_frag_io, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_geometry_builder, cay_gen_params),
	KUNIT_CASE_PARAM(vcm_cayman_geometry, cay_gen_params),
	{}
};

static struct kunit_suite vcm_fmt_cayman_suite = {
	.name = "vcm_fmt_cayman",
	.test_cases = vcm_fmt_cayman_cases,
};

kunit_test_suite(vcm_fmt_cayman_suite);
