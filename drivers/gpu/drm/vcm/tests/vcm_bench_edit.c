// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM benchmarks of range edits, for "make bench" only (the suite
 * vcm_bench_edit, beside vcm_bench): a 4 KiB hole unmapped from the middle
 * of a 2 MiB mapping, and 4 KiB of it mapped again with other flags, timed
 * against io-pgtable's ARM LPAE doing the same to a 2 MiB block (its
 * unmap_pages() splits the block into a table of 4 KiB pages, then map_pages()
 * maps the page back read-only), measured in the same run.
 *
 * Each sample edits BLOCKS mappings of the same 2 MiB of contiguous device
 * memory, one operation per mapping: drm_vcm_unbind_range() (unmap-hole-2m)
 * or drm_vcm_rebind() (remap-2m) on VCM; unmap_pages(), and map_pages() for
 * remap-2m, on io-pgtable. Making the mappings and tearing them down are not
 * timed. The lines printed are vcm_bench.c's:
 *
 *   VCMBENCH <workload> <format> vcm|io_pgtable ops=<n> median=<ns> ...
 *   VCMBENCH-META <workload> <format> flushes=<n> ops=<n> pgsize=<bytes>
 *
 * flushes are the MMU flushes of the timed edits of one sample; pgsize is
 * the page size VCM mapped the hole with before the edit (on gp100 a 2 MiB
 * page, which the edit splits; nv50 maps these blocks with 4 KiB pages, so
 * there the edit splits nothing). The edit is checked through the MMU's
 * tables after each sample.
 */

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <kunit/test.h>
#include <drm/drm_vcm.h>

#include "vcm_bench.h"

#if IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE)
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#endif

#define EDIT_REPS	15
#define EDIT_RUNS	(EDIT_REPS + 1)	/* the first warms up */
#define EDIT_BLOCKS	256
#define EDIT_VA		SZ_1G
#define EDIT_PA		SZ_4G		/* the 2 MiB of device memory */
#define EDIT_HOLE	(SZ_1M + SZ_64K)	/* the hole, in each block */
#define EDIT_DUMMY	0x7ff000ULL
#define EDIT_RW		(DRM_VCM_READ | DRM_VCM_WRITE)

static const char *const edit_formats[] = { "gp100", "nv50" };

struct edit_stat {
	u64 s[EDIT_RUNS];
	unsigned int n;
	u64 t0;
};

static int edit_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void edit_print(const char *wl, const char *fmt, const char *path,
		       struct edit_stat *st)
{
	u64 *v = st->s + 1;
	unsigned int n = st->n - 1;

	if (st->n < 2)
		return;
	sort(v, n, sizeof(*v), edit_cmp, NULL);
	pr_info("VCMBENCH %s %s %s ops=%u median=%llu min=%llu max=%llu\n",
		wl, fmt, path, EDIT_BLOCKS, v[n / 2], v[0], v[n - 1]);
}

static void edit_flush(struct drm_vcm_mmu *mmu, u64 start, u64 size)
{
	u64 *flushes = drm_vcm_mmu_priv(mmu);

	(*flushes)++;
}

static const struct drm_vcm_mmu_ops edit_mmu_ops = {
	.flush = edit_flush,
};

/* One sample on VCM: BLOCKS 2 MiB bindings, one edit each. */
static void edit_vcm_run(struct kunit *test, const struct drm_vcm_format *f,
			 bool remap, struct edit_stat *st, u64 *flushes,
			 u64 *timed, u64 *pgsize)
{
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &edit_mmu_ops,
		.dummy_addr = EDIT_DUMMY,
		.priv = flushes,
	};
	struct drm_vcm_entry e = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	dma_addr_t pa = 0;
	u64 off, before;
	unsigned int i;
	int ret = 0;

	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	res = drm_vcm_reserve_at(vcm, EDIT_VA, (u64)EDIT_BLOCKS * SZ_2M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	mem = drm_vcm_mem_contig(NULL, EDIT_PA, SZ_2M, DRM_VCM_LOC_DEVICE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	for (i = 0; i < EDIT_BLOCKS; i++)
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, (u64)i * SZ_2M, SZ_2M,
						   mem, 0, EDIT_RW), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, EDIT_VA + EDIT_HOLE,
						    &pa, &e), 0);
	*pgsize = e.pgsize;
	before = *flushes;

	st->t0 = bench_clock_ns();
	for (i = 0; i < EDIT_BLOCKS && !ret; i++) {
		off = (u64)i * SZ_2M + EDIT_HOLE;
		if (remap)
			ret = drm_vcm_rebind(res, off, SZ_4K, mem, EDIT_HOLE,
					     DRM_VCM_READ);
		else
			ret = drm_vcm_unbind_range(res, off, SZ_4K);
	}
	st->s[st->n++] = bench_clock_ns() - st->t0;
	KUNIT_ASSERT_EQ(test, ret, 0);
	*timed = *flushes - before;

	/* The last block: the hole edited, its neighbours kept. */
	off = EDIT_VA + (u64)(EDIT_BLOCKS - 1) * SZ_2M + EDIT_HOLE;
	ret = drm_vcm_mmu_translate(mmu, off, &pa, &e);
	if (remap) {
		KUNIT_EXPECT_EQ(test, ret, 0);
		KUNIT_EXPECT_EQ(test, pa, EDIT_PA + EDIT_HOLE);
		KUNIT_EXPECT_EQ(test, e.flags & DRM_VCM_WRITE, 0);
	} else {
		KUNIT_EXPECT_EQ(test, ret, -ENOENT);
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, off + SZ_4K, &pa, &e),
			0);
	KUNIT_EXPECT_EQ(test, pa, EDIT_PA + EDIT_HOLE + SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, off - SZ_4K, &pa, &e),
			0);
	KUNIT_EXPECT_EQ(test, pa, EDIT_PA + EDIT_HOLE - SZ_4K);

	KUNIT_ASSERT_EQ(test, drm_vcm_unbind_range(res, 0, drm_vcm_res_size(res)),
			0);
	KUNIT_ASSERT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_ASSERT_EQ(test, drm_vcm_destroy(vcm), 0);
}

#if IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE)
/* Tables from the page allocator, as VCM's system table memory. */
static void *edit_iopt_alloc(void *cookie, size_t size, gfp_t gfp)
{
	return (void *)__get_free_pages(gfp | __GFP_ZERO, get_order(size));
}

static void edit_iopt_free(void *cookie, void *pages, size_t size)
{
	free_pages((unsigned long)pages, get_order(size));
}

static void edit_iopt_flush_all(void *cookie)
{
}

static void edit_iopt_flush_walk(unsigned long iova, size_t size,
				 size_t granule, void *cookie)
{
}

static const struct iommu_flush_ops edit_iopt_tlb = {
	.tlb_flush_all = edit_iopt_flush_all,
	.tlb_flush_walk = edit_iopt_flush_walk,
};

/* One sample on io-pgtable: BLOCKS 2 MiB blocks, one edit each. */
static void edit_iopt_run(struct kunit *test, bool remap,
			  struct edit_stat *st)
{
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G,
		.ias = 48,
		.oas = 48,
		.coherent_walk = true,
		.tlb = &edit_iopt_tlb,
		.alloc = edit_iopt_alloc,
		.free = edit_iopt_free,
	};
	struct io_pgtable_ops *ops;
	unsigned long iova;
	size_t done = 0;
	unsigned int i;
	int ret = 0;

	ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ops);
	for (i = 0; i < EDIT_BLOCKS; i++) {
		KUNIT_ASSERT_EQ(test, ops->map_pages(ops, EDIT_VA + i * SZ_2M,
						     EDIT_PA, SZ_2M, 1,
						     IOMMU_READ | IOMMU_WRITE,
						     GFP_KERNEL, &done), 0);
		KUNIT_ASSERT_EQ(test, done, SZ_2M);
		done = 0;
	}

	st->t0 = bench_clock_ns();
	for (i = 0; i < EDIT_BLOCKS && !ret; i++) {
		iova = EDIT_VA + i * SZ_2M + EDIT_HOLE;
		if (ops->unmap_pages(ops, iova, SZ_4K, 1, NULL) != SZ_4K)
			ret = -EIO;
		else if (remap)
			ret = ops->map_pages(ops, iova, EDIT_PA + EDIT_HOLE,
					     SZ_4K, 1, IOMMU_READ, GFP_KERNEL,
					     &done);
	}
	st->s[st->n++] = bench_clock_ns() - st->t0;
	KUNIT_ASSERT_EQ(test, ret, 0);

	iova = EDIT_VA + (EDIT_BLOCKS - 1) * SZ_2M + EDIT_HOLE;
	KUNIT_EXPECT_EQ(test, ops->iova_to_phys(ops, iova),
			remap ? EDIT_PA + EDIT_HOLE : 0);
	KUNIT_EXPECT_EQ(test, ops->iova_to_phys(ops, iova + SZ_4K),
			EDIT_PA + EDIT_HOLE + SZ_4K);
	free_io_pgtable_ops(ops);
}
#else
static void edit_iopt_run(struct kunit *test, bool remap,
			  struct edit_stat *st)
{
}
#endif

static void edit_bench(struct kunit *test, bool remap)
{
	const char *name = *(const char *const *)test->param_value;
	const struct drm_vcm_format *f = drm_vcm_format_find(name);
	const char *wl = remap ? "remap-2m" : "unmap-hole-2m";
	struct edit_stat vcm = {}, iopt = {};
	u64 flushes = 0, timed = 0, pgsize = 0;
	unsigned int rep;

	KUNIT_ASSERT_NOT_NULL(test, f);
	for (rep = 0; rep < EDIT_RUNS; rep++) {
		edit_vcm_run(test, f, remap, &vcm, &flushes, &timed, &pgsize);
		edit_iopt_run(test, remap, &iopt);
	}
	edit_print(wl, f->name, "vcm", &vcm);
	edit_print(wl, f->name, "io_pgtable", &iopt);
	pr_info("VCMBENCH-META %s %s flushes=%llu ops=%u pgsize=%llu\n", wl,
		f->name, timed, EDIT_BLOCKS, pgsize);
}

/* A 4 KiB hole unmapped from the middle of each 2 MiB mapping. */
static void vcm_bench_unmap_hole(struct kunit *test)
{
	edit_bench(test, false);
}

/* 4 KiB in the middle of each 2 MiB mapping mapped again, read-only. */
static void vcm_bench_remap(struct kunit *test)
{
	edit_bench(test, true);
}

static void edit_format_desc(const char *const *p, char *desc)
{
	strscpy(desc, *p, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(edit_format, edit_formats, edit_format_desc);

static struct kunit_case vcm_bench_edit_cases[] = {
	KUNIT_CASE_PARAM(vcm_bench_unmap_hole, edit_format_gen_params),
	KUNIT_CASE_PARAM(vcm_bench_remap, edit_format_gen_params),
	{}
};

static struct kunit_suite vcm_bench_edit_suite = {
	.name = "vcm_bench_edit",
	.test_cases = vcm_bench_edit_cases,
};

kunit_test_suite(vcm_bench_edit_suite);

MODULE_DESCRIPTION("VCM benchmarks of range edits (KUnit)");
MODULE_LICENSE("Dual MIT/GPL");
