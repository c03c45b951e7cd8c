// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of table memory: the uncached attribute of formats whose
 * hardware does not snoop its tables, and the largest space of each
 * format (drm_vcm_format_max_size()) against what attach accepts.
 */

#include <linux/sizes.h>

#include "vcm_test.h"
#include "vcm_compat.h"
#include "vcm_internal.h"

/* Pages of the tables an MMU holds right now. */
static long mmu_pages(const struct drm_vcm_mmu *mmu)
{
	return mmu->stats.table_bytes >> PAGE_SHIFT;
}

/*
 * Every format: the tables of one with DRM_VCM_FMT_UNCACHED_TABLES are
 * made uncached on allocation, all of them and no others, and made
 * write-back again when they are freed; rs400-igp is such a format.
 */
static void tmem_uncached(struct kunit *test)
{
	const struct drm_vcm_format *f;
	unsigned int i, uc_formats = 0;

	for (i = 0; (f = drm_vcm_format_get(i)); i++) {
		bool uc = f->flags & DRM_VCM_FMT_UNCACHED_TABLES;
		long base = vcm_tbuf_uc_pages();
		struct vcm_test_mmu st = {};
		struct drm_vcm_mmu *mmu;
		struct drm_vcm *vcm;

		vcm = vcm_test_space(test, f);
		mmu = vcm_test_attach(test, vcm, f, &st);
		KUNIT_EXPECT_GT(test, mmu_pages(mmu), 0);
		KUNIT_EXPECT_EQ_MSG(test, vcm_tbuf_uc_pages() - base,
				    uc ? mmu_pages(mmu) : 0, "%s", f->name);
		/* Where the CPU's memory type can be read back (x86). */
		if (vcm_compat_cached(mmu->top->buf.cpu) >= 0)
			KUNIT_EXPECT_EQ_MSG(test,
					    vcm_compat_cached(mmu->top->buf.cpu),
					    !uc, "%s", f->name);
		drm_vcm_mmu_detach(mmu);
		KUNIT_EXPECT_EQ_MSG(test, vcm_tbuf_uc_pages(), base, "%s",
				    f->name);
		KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
		uc_formats += uc;
	}
	KUNIT_EXPECT_TRUE(test, drm_vcm_format_find("rs400-igp")->flags &
			  DRM_VCM_FMT_UNCACHED_TABLES);
	KUNIT_EXPECT_EQ(test, uc_formats, 1);
}

/* A failed attach leaves no table uncached, wherever it fails. */
static void tmem_uncached_failure(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("rs400-igp");
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.dummy_addr = VCM_TEST_DUMMY,
	};
	long base = vcm_tbuf_uc_pages();
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	unsigned int nth;

	vcm = vcm_test_space(test, f);
	for (nth = 1; nth < 16; nth++) {
		vcm_fault_arm(nth);
		mmu = drm_vcm_mmu_attach(vcm, &desc);
		vcm_fault_arm(0);
		KUNIT_EXPECT_EQ(test, vcm_tbuf_uc_pages(),
				IS_ERR(mmu) ? base : base + mmu_pages(mmu));
		if (!IS_ERR(mmu)) {
			drm_vcm_mmu_detach(mmu);
			break;
		}
		KUNIT_EXPECT_EQ(test, PTR_ERR(mmu), -ENOMEM);
	}
	KUNIT_EXPECT_LT(test, nth, 16);
	KUNIT_EXPECT_EQ(test, vcm_tbuf_uc_pages(), base);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static u64 max_of(const char *name)
{
	return drm_vcm_format_max_size(drm_vcm_format_find(name));
}

/* Bytes of a top table reaching @size, entries only. */
static u64 flat_bytes(const struct drm_vcm_format *f, u64 size)
{
	return (size >> f->tables[0].shift) * f->tables[0].entry_size;
}

/*
 * The largest space of each format: [0, max) attaches, one page more does
 * not (-ERANGE); for formats indexed from the space's start the limit is
 * on the size, so the same size ending at 2^va_bits attaches too.
 */
static void tmem_max_size(struct kunit *test)
{
	const struct drm_vcm_format *f;
	unsigned int i;

	/* The hardware's limits: 2^19 entries of 4 KiB. */
	KUNIT_EXPECT_EQ(test, max_of("rs400-igp"), SZ_2G);
	KUNIT_EXPECT_EQ(test, max_of("amd64-gart"), SZ_2G);
	KUNIT_EXPECT_EQ(test, max_of("r600-gart"), SZ_4G);
	KUNIT_EXPECT_EQ(test, max_of("nv04"), SZ_128M);

	for (i = 0; (f = drm_vcm_format_get(i)); i++) {
		u64 max = drm_vcm_format_max_size(f), top = 0, start;
		int ret;

		KUNIT_EXPECT_TRUE_MSG(test, is_power_of_2(max), "%s", f->name);
		KUNIT_EXPECT_LE_MSG(test, max, BIT_ULL(f->va_bits), "%s",
				    f->name);
		ret = vcm_test_try_attach(test, f, 0, max, &top);
		/*
		 * Only a table past the page allocator's largest block with
		 * no alloc_contig_range() (UML) may be missing.
		 */
		if (ret == -ENOMEM && !IS_ENABLED(CONFIG_CONTIG_ALLOC))
			KUNIT_EXPECT_GT_MSG(test, flat_bytes(f, max),
					    PAGE_SIZE << VCM_MAX_ORDER,
					    "%s", f->name);
		else
			KUNIT_EXPECT_EQ_MSG(test, ret, 0, "%s", f->name);
		kunit_info(test, "%s: max %#llx, top table %llu bytes (%d)\n",
			   f->name, max, top, ret);
		KUNIT_EXPECT_EQ_MSG(test, vcm_test_try_attach(test, f, 0,
							      max + SZ_4K,
							      NULL),
				    -ERANGE, "%s", f->name);
		if (!(f->flags & DRM_VCM_FMT_RELATIVE) ||
		    max == BIT_ULL(f->va_bits))
			continue;
		start = BIT_ULL(f->va_bits) - max;
		KUNIT_EXPECT_EQ_MSG(test, vcm_test_try_attach(test, f, start,
							      max, NULL),
				    0, "%s", f->name);
		KUNIT_EXPECT_EQ_MSG(test, vcm_test_try_attach(test, f,
							      start - SZ_4K,
							      max + SZ_4K,
							      NULL),
				    -ERANGE, "%s", f->name);
	}
}

static struct kunit_case vcm_tmem_cases[] = {
	KUNIT_CASE(tmem_uncached),
	KUNIT_CASE(tmem_uncached_failure),
	KUNIT_CASE(tmem_max_size),
	{}
};

static struct kunit_suite vcm_tmem_suite = {
	.name = "vcm_tmem",
	.test_cases = vcm_tmem_cases,
};

kunit_test_suite(vcm_tmem_suite);
