// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of contiguous (VRAM-like) binds on every format with pages
 * larger than 4 KiB or fragments: a 1 GiB bind writes the fewest entries
 * the format allows for its alignment, aligned and 4 KiB past a 2 MiB
 * boundary, and every 64 KiB of it translates, through the format's
 * decoder, to the right address with the largest page that fits there;
 * and a gp100 bind over pieces of VRAM of mixed alignment.
 *
 * The expected entry counts are worked out by hand below from each
 * format's documented geometry, apart from the engine.
 */

#include <linux/bitfield.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "vcm_test.h"
#include "vcm_internal.h"

#define CT_VA		SZ_1G			/* the aligned bind's VA */
#define CT_VRAM		(4ULL * SZ_1G)		/* its backing, 1 GiB aligned */
#define CT_SIZE		SZ_1G
#define CT_SKEW		(SZ_2M + SZ_4K)		/* the unaligned bind's offset */

/* Cayman / SI PTE fragment field (vcm_cayman.c). */
#define CT_CAYMAN_FRAG	GENMASK_ULL(11, 7)

/*
 * One format's case. Entries count PTEs and directory entries (a dual
 * directory entry counts once per table it points at). With VA = 1 GiB
 * (aligned) or 1 GiB + 2 MiB + 4 KiB (skewed), size 1 GiB:
 *
 * nv50 (PDE 512 MiB; one 64 KiB- or 4 KiB-page table per PDE):
 *   aligned: 2 PDEs + 2 x 8192 64 KiB PTEs = 16386.
 *   skewed: PDE [1, 1.5) GiB partial, so 4 KiB pages: 130559 (512 MiB -
 *   2 MiB - 4 KiB); PDE [1.5, 2) GiB whole: 8192 64 KiB PTEs; PDE [2 GiB,
 *   +2 MiB + 4 KiB): 513 4 KiB PTEs; 3 PDEs. 139267.
 * gf100-128k (PDE 128 MiB, LPT of 128 KiB pages and SPT at once):
 *   aligned: 8 x (1 + 1024) = 8200.
 *   skewed: first PDE 31 small + 1007 large + 2; 7 whole PDEs x 1025;
 *   last PDE 16 large + 1 small + 2. 1040 + 7175 + 19 = 8234.
 * gf100-64k (PDE 64 MiB, LPT of 64 KiB pages and SPT):
 *   aligned: 16 x (1 + 1024) = 16400.
 *   skewed: 15 small + 991 large + 2; 15 x 1025; 32 large + 1 small + 2.
 *   1008 + 15375 + 35 = 16418.
 * gp100 (PD3, PD2, PD1 of 512 MiB, PD0 of 2 MiB leaves or LPT + SPT):
 *   aligned: 1 + 1 + 2 + 512 2 MiB PTEs = 516.
 *   skewed: 1 + 1 + 3 PD1 entries; PD0 entry [1 GiB + 2 MiB, +2 MiB):
 *   15 small + 31 large + 2; 254 + 256 2 MiB PTEs; [2 GiB, +2 MiB) one
 *   2 MiB PTE; the last 4 KiB: 1 small + 1. 566.
 * cayman-vm, si-vm (PDE 16 MiB, 4 KiB PTEs; fragments are a field):
 *   aligned: 64 PDEs + 262144 PTEs = 262208; skewed: 65 + 262144.
 */
struct ct_case {
	const char *format;
	u64 entries[2];		/* aligned, skewed */
	u64 mid_pgsize;		/* page size in the middle of the range */
	u8 frag;		/* cayman/si: FRAG of the middle's entries */
};

static const struct ct_case ct_cases[] = {
	{ "nv50", { 16386, 139267 }, SZ_64K },
	{ "gf100-128k", { 8200, 8234 }, SZ_128K },
	{ "gf100-64k", { 16400, 16418 }, SZ_64K },
	{ "gp100", { 516, 566 }, SZ_2M },
	{ "cayman-vm", { 262208, 262209 }, SZ_4K, 6 },
	{ "si-vm", { 262208, 262209 }, SZ_4K, 4 },
};

static void ct_case_desc(const struct ct_case *c, char *desc)
{
	strscpy(desc, c->format, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ct, ct_cases, ct_case_desc);

static u64 ct_entries(struct kunit *test, struct drm_vcm_mmu *mmu)
{
	const struct drm_vcm_format *f = mmu->format;
	struct vcm_pt_census *c;
	u64 n = 0;
	unsigned int t;

	c = kunit_kcalloc(test, f->ntables, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	vcm_pt_census(mmu, c);
	for (t = 0; t < f->ntables; t++)
		n += c[t].used;
	return n;
}

/* Translate @va; expect backing byte @off, and @pgsize if not 0. */
static void ct_expect(struct kunit *test, struct drm_vcm_mmu *mmu, u64 va,
		      u64 pa, u64 pgsize)
{
	struct drm_vcm_entry e = {};
	dma_addr_t a = 0;

	KUNIT_ASSERT_EQ_MSG(test, drm_vcm_mmu_translate(mmu, va, &a, &e), 0,
			    "va %#llx", va);
	KUNIT_ASSERT_EQ_MSG(test, a, pa, "va %#llx", va);
	KUNIT_EXPECT_EQ(test, e.flags & (DRM_VCM_READ | DRM_VCM_WRITE),
			DRM_VCM_READ | DRM_VCM_WRITE);
	if (pgsize)
		KUNIT_EXPECT_EQ_MSG(test, e.pgsize, pgsize, "va %#llx", va);
}

static void ct_run(struct kunit *test, bool skewed)
{
	const struct ct_case *c = test->param_value;
	const struct drm_vcm_format *f = drm_vcm_format_find(c->format);
	u64 skew = skewed ? CT_SKEW : 0, va = CT_VA + skew;
	u64 pa = CT_VRAM + skew, off, mid;
	struct vcm_test_mmu st = {};
	struct drm_vcm_entry e = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	dma_addr_t a;

	KUNIT_ASSERT_NOT_NULL(test, f);
	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, pa, CT_SIZE, DRM_VCM_LOC_DEVICE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve_at(vcm, va, CT_SIZE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, CT_SIZE, mem, 0,
					   DRM_VCM_READ | DRM_VCM_WRITE), 0);

	KUNIT_EXPECT_EQ(test, ct_entries(test, mmu), c->entries[skewed]);

	/* Every 64 KiB, and the last page, through the decoder. */
	for (off = 0; off < CT_SIZE; off += SZ_64K)
		ct_expect(test, mmu, va + off + 0x10, pa + off + 0x10, 0);
	ct_expect(test, mmu, va + CT_SIZE - 8, pa + CT_SIZE - 8,
		  skewed ? SZ_4K : c->mid_pgsize);

	/* The largest page in the middle; 4 KiB at skewed ends. */
	mid = CT_VA + CT_SIZE / 2 + SZ_4M;
	ct_expect(test, mmu, mid + 0x40, CT_VRAM + (mid - CT_VA) + 0x40,
		  c->mid_pgsize);
	if (skewed)
		ct_expect(test, mmu, va, pa, SZ_4K);
	if (c->frag) {
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, mid, &a, &e),
				0);
		KUNIT_EXPECT_EQ(test, FIELD_GET(CT_CAYMAN_FRAG, e.raw),
				c->frag);
		if (skewed) {
			KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, va,
								    &a, &e),
					0);
			KUNIT_EXPECT_EQ(test, FIELD_GET(CT_CAYMAN_FRAG, e.raw),
					0);
		}
	}
	/* Nothing just outside. */
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, va - SZ_4K, &a, NULL),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, va + CT_SIZE, &a,
						    NULL), -ENOENT);

	KUNIT_ASSERT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, ct_entries(test, mmu), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_ASSERT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static void vcm_contig_aligned(struct kunit *test)
{
	ct_run(test, false);
}

static void vcm_contig_skewed(struct kunit *test)
{
	ct_run(test, true);
}

/*
 * One gp100 bind over four pieces of VRAM: 2 MiB pages as far as a piece
 * goes, again from the start of the next; 64 KiB pages for a piece
 * aligned for them but not for 2 MiB. The walk decides each piece's 2 MiB
 * pages at once (pt_leaf_stretch()); here every 64 KiB is checked by a
 * decoder of gp100's documented PTE bits written apart from the format:
 * VALID bit 0, aperture bits 1-2 (0: VRAM), address bits 12-46 in bits
 * 8-42.
 */
struct ct_piece {
	u64 pa, len, pgsize;
};

static const struct ct_piece ct_pieces[] = {
	{ 4ULL * SZ_1G, 6 * SZ_1M, SZ_2M },
	{ 5ULL * SZ_1G + SZ_64K, SZ_2M, SZ_64K },
	{ 6ULL * SZ_1G, SZ_4M, SZ_2M },
	{ 7ULL * SZ_1G, SZ_2M, SZ_2M },
};

/*
 * PD3, PD2 and PD1 one entry each; PD0 3 + 2 + 1 2 MiB PTEs and one entry
 * for the 64 KiB-page table; 32 of its PTEs.
 */
#define CT_PIECES_ENTRIES	(3 + 6 + 1 + 32)

static void vcm_contig_pieces(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("gp100");
	struct vcm_test_mmu st = {};
	struct drm_vcm_entry e;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 size = 0, va, off, raw;
	dma_addr_t *pages, a;
	unsigned int i, n = 0;

	KUNIT_ASSERT_NOT_NULL(test, f);
	for (i = 0; i < ARRAY_SIZE(ct_pieces); i++)
		size += ct_pieces[i].len;
	pages = kunit_kcalloc(test, size >> PAGE_SHIFT, sizeof(*pages),
			      GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (i = 0; i < ARRAY_SIZE(ct_pieces); i++)
		for (off = 0; off < ct_pieces[i].len; off += PAGE_SIZE)
			pages[n++] = ct_pieces[i].pa + off;
	mem = drm_vcm_mem_from_pages(NULL, pages, n, DRM_VCM_LOC_DEVICE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	res = drm_vcm_reserve_at(vcm, CT_VA, size);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, size, mem, 0,
					   DRM_VCM_READ | DRM_VCM_WRITE), 0);
	KUNIT_EXPECT_EQ(test, ct_entries(test, mmu), CT_PIECES_ENTRIES);

	va = CT_VA;
	for (i = 0; i < ARRAY_SIZE(ct_pieces); i++) {
		const struct ct_piece *p = &ct_pieces[i];

		for (off = 0; off < p->len; off += SZ_64K, va += SZ_64K) {
			KUNIT_ASSERT_EQ_MSG(test,
					    drm_vcm_mmu_translate(mmu, va + 0x20,
								  &a, &e),
					    0, "va %#llx", va);
			KUNIT_EXPECT_EQ_MSG(test, e.pgsize, p->pgsize,
					    "va %#llx", va);
			raw = e.raw;
			KUNIT_EXPECT_EQ(test, raw & 7, 1);
			KUNIT_EXPECT_EQ_MSG(test,
					    (raw & GENMASK_ULL(42, 8)) << 4,
					    round_down(p->pa + off, p->pgsize),
					    "va %#llx", va);
			KUNIT_EXPECT_EQ(test, a, p->pa + off + 0x20);
		}
	}

	KUNIT_ASSERT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, ct_entries(test, mmu), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_ASSERT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_ASSERT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static struct kunit_case vcm_contig_cases[] = {
	KUNIT_CASE_PARAM(vcm_contig_aligned, ct_gen_params),
	KUNIT_CASE_PARAM(vcm_contig_skewed, ct_gen_params),
	KUNIT_CASE(vcm_contig_pieces),
	{}
};

static struct kunit_suite vcm_contig_suite = {
	.name = "vcm_contig",
	.test_cases = vcm_contig_cases,
};

kunit_test_suite(vcm_contig_suite);
