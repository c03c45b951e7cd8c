// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM benchmarks: 100 000 scattered 4 KiB binds over a 48-bit space, a
 * million translations among them and in one 1 GiB binding, and 10 000
 * spaces created and destroyed, against io-pgtable (vcm_bench_iopt.c) and
 * flat memory.
 */

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vcm_internal.h"
#include "vcm_bench.h"

/* The i-th scattered page: 4096 2 MiB blocks spread over 48 bits. */
static u64 scatter_va(unsigned int i)
{
	u64 block = ((u64)(i % SCATTER_BLOCKS) * 0x5bd1e995ULL) &
		    (BIT_ULL(27) - 1);
	u64 page = ((i / SCATTER_BLOCKS) * 97 + i % SCATTER_BLOCKS) % 512;

	return (block << 21) + (page << 12);
}

/* A fixed pseudo-random sequence of indices below @n. */
static u32 *bench_picks(struct kunit *test, u32 n)
{
	u32 *p = kvmalloc_array(TRANSLATIONS, sizeof(u32), GFP_KERNEL);
	u32 x = 2463534242U, i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < TRANSLATIONS; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = x % n;
	}
	return p;
}

/*
 * drm_vcm_translate() (the binding records) and drm_vcm_mmu_translate()
 * (a walk of @mmu's tables) @TRANSLATIONS times at the VAs @va(i) of picked
 * i; io-pgtable's iova_to_phys() and a load from a flat array over the same
 * picks. @dev(i) is the device address of i. The walk is reported as
 * workload @wl-walk, with the same baselines.
 */
static void bench_translate(struct kunit *test, const char *wl,
			    struct drm_vcm_mmu *mmu, u32 n,
			    u64 (*va)(unsigned int i),
			    u64 (*dev)(unsigned int i))
{
	struct bench_stat st = {}, walk = {}, lim = {};
	u32 *pick = bench_picks(test, n);
	u64 *flat, sum, want = 0;
	unsigned int i, rep;
	char wwl[32];
	dma_addr_t a;

	snprintf(wwl, sizeof(wwl), "%s-walk", wl);
	for (i = 0; i < TRANSLATIONS; i++)
		want += dev(pick[i]) + 0x10;
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		sum = 0;
		stat_start(&st);
		for (i = 0; i < TRANSLATIONS; i++) {
			drm_vcm_translate(mmu->vcm, va(pick[i]) + 0x10, &a,
					  NULL);
			sum += a;
		}
		stat_stop(&st);
		KUNIT_ASSERT_EQ(test, sum, want);

		sum = 0;
		stat_start(&walk);
		for (i = 0; i < TRANSLATIONS; i++) {
			drm_vcm_mmu_translate(mmu, va(pick[i]) + 0x10, &a,
					      NULL);
			sum += a;
		}
		stat_stop(&walk);
		KUNIT_ASSERT_EQ(test, sum, want);
	}
	vcm_bench_print(wl, "gp100", "vcm", &st, TRANSLATIONS);
	vcm_bench_print(wwl, "gp100", "vcm", &walk, TRANSLATIONS);

	flat = kvmalloc_array(n, sizeof(*flat), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, flat);
	for (i = 0; i < n; i++)
		flat[i] = dev(i);
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		sum = 0;
		stat_start(&lim);
		for (i = 0; i < TRANSLATIONS; i++)
			sum += flat[pick[i]] + 0x10;
		stat_stop(&lim);
		KUNIT_ASSERT_EQ(test, sum, want);
	}
	vcm_bench_print(wl, "gp100", "memory", &lim, TRANSLATIONS);
	vcm_bench_print(wwl, "gp100", "memory", &lim, TRANSLATIONS);
	kvfree(flat);

	vcm_bench_iopt_translate(test, wl, wwl, n, va, dev, pick, want);
	pr_info("VCMBENCH-META %s gp100 bindings=%u\n", wl,
		!strcmp(wl, "translate-1m") ? 1 : n);
	pr_info("VCMBENCH-META %s gp100 bindings=%u\n", wwl,
		!strcmp(wl, "translate-1m") ? 1 : n);
	kvfree(pick);
}

static u64 dense_va(unsigned int i)
{
	return BENCH_VA + ((u64)i << 12);
}

static u64 dense_dev(unsigned int i)
{
	return BENCH_DENSE + (u64)i * 2 * SZ_4K;
}

/* One million translations in one 1 GiB binding of 262144 segments. */
void vcm_bench_translate(struct kunit *test)
{
	const unsigned long n = SZ_1G >> PAGE_SHIFT;
	dma_addr_t *addrs = vcm_bench_dense_addrs(test, n);
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 flushes = 0;

	mem = drm_vcm_mem_from_pages(NULL, addrs, n, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_bench_attach(test, vcm, drm_vcm_format_find("gp100"), &flushes);
	res = drm_vcm_reserve_at(vcm, BENCH_VA, SZ_1G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_1G, mem, 0, BENCH_FLAGS),
			0);
	drm_vcm_mem_put(mem);
	kvfree(addrs);

	bench_translate(test, "translate-1m", mmu, n, dense_va, dense_dev);

	KUNIT_ASSERT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_ASSERT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mmu_detach(mmu);
	KUNIT_ASSERT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * 100 000 binds of one 4 KiB page each, over a 48-bit gp100 space, then
 * one million translations among them, then the unbinds.
 */
void vcm_bench_scatter(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("gp100");
	struct bench_stat bind = {}, unbind = {}, st = {};
	u64 flushes = 0, bflush = 0, uflush = 0, tbytes = 0;
	dma_addr_t *addrs = vcm_bench_dense_addrs(test, SCATTER_BINDS);
	struct drm_vcm_res **res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm *vcm;
	unsigned int i, rep;
	void *table;

	KUNIT_ASSERT_NOT_NULL(test, f);
	mem = drm_vcm_mem_from_pages(NULL, addrs, SCATTER_BINDS,
				     DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	vcm = drm_vcm_create(0, BIT_ULL(48));
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_bench_attach(test, vcm, f, &flushes);
	res = kvcalloc(SCATTER_BINDS, sizeof(*res), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, res);
	for (i = 0; i < SCATTER_BINDS; i++) {
		res[i] = drm_vcm_reserve_at(vcm, scatter_va(i), SZ_4K);
		KUNIT_ASSERT_FALSE(test, IS_ERR(res[i]));
	}

	for (rep = 0; rep < BENCH_RUNS; rep++) {
		u64 f0 = flushes;

		stat_start(&bind);
		for (i = 0; i < SCATTER_BINDS; i++)
			KUNIT_ASSERT_EQ(test, drm_vcm_bind(res[i], 0, SZ_4K,
							   mem,
							   (u64)i << 12,
							   BENCH_FLAGS), 0);
		stat_stop(&bind);
		bflush += flushes - f0;
		if (!rep) {
			tbytes = mmu->stats.table_bytes;
			bench_translate(test, "translate-1m-100k", mmu,
					SCATTER_BINDS, scatter_va, dense_dev);
		}
		f0 = flushes;
		stat_start(&unbind);
		for (i = 0; i < SCATTER_BINDS; i++)
			KUNIT_ASSERT_EQ(test, drm_vcm_unbind(res[i], 0), 0);
		stat_stop(&unbind);
		uflush += flushes - f0;
	}
	vcm_bench_print("scatter-100k", f->name, "vcm", &bind, SCATTER_BINDS);
	vcm_bench_print("unbind-scatter-100k", f->name, "vcm", &unbind,
			SCATTER_BINDS);
	pr_info("VCMBENCH-META scatter-100k gp100 flushes=%llu ops=%u mapped=%u table_bytes=%llu\n",
		bflush, BENCH_RUNS * SCATTER_BINDS, SCATTER_BINDS * SZ_4K,
		tbytes);
	pr_info("VCMBENCH-META unbind-scatter-100k gp100 flushes=%llu ops=%u\n",
		uflush, BENCH_RUNS * SCATTER_BINDS);
	for (i = 0; i < SCATTER_BINDS; i++)
		KUNIT_ASSERT_EQ(test, drm_vcm_unreserve(res[i]), 0);
	kvfree(res);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_ASSERT_EQ(test, drm_vcm_destroy(vcm), 0);

	table = vcm_bench_pages(test, SCATTER_BINDS * sizeof(u64));
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		stat_start(&st);
		memset64(table, BENCH_DENSE | 1, SCATTER_BINDS);
		stat_stop(&st);
	}
	vcm_bench_print("scatter-100k", f->name, "memory", &st, SCATTER_BINDS);
	vcm_bench_print("unbind-scatter-100k", f->name, "memory", &st,
			SCATTER_BINDS);
	vcm_bench_free_pages(table, SCATTER_BINDS * sizeof(u64));

	vcm_bench_iopt_scatter(test, addrs, scatter_va);
	kvfree(addrs);
}

/* Create a space, attach an MMU, detach it, destroy the space: 10 000 times. */
void vcm_bench_spaces(struct kunit *test)
{
	const struct drm_vcm_format *f =
		drm_vcm_format_find(*(const char *const *)test->param_value);
	struct bench_stat st = {};
	u64 flushes = 0, top = 0, start, len;
	unsigned int i, rep;
	void *p;

	KUNIT_ASSERT_NOT_NULL(test, f);
	/* A 256 MiB GART aperture; 4 GiB of GPU VM. */
	start = f->flags & DRM_VCM_FMT_RELATIVE ? BENCH_VA : 0;
	len = f->flags & DRM_VCM_FMT_RELATIVE ? SZ_256M : SZ_4G;
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		stat_start(&st);
		for (i = 0; i < SPACES; i++) {
			struct drm_vcm *vcm = drm_vcm_create(start, len);
			struct drm_vcm_mmu *mmu;

			KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
			mmu = vcm_bench_attach(test, vcm, f, &flushes);
			top = mmu->stats.table_bytes;
			drm_vcm_mmu_detach(mmu);
			KUNIT_ASSERT_EQ(test, drm_vcm_destroy(vcm), 0);
		}
		stat_stop(&st);
	}
	vcm_bench_print("spaces-10k", f->name, "vcm", &st, SPACES);
	pr_info("VCMBENCH-META spaces-10k %s table_bytes=%llu\n", f->name, top);

	/* The least a space costs: its top table, filled with invalid entries. */
	memset(&st, 0, sizeof(st));
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		stat_start(&st);
		for (i = 0; i < SPACES; i++) {
			p = (void *)__get_free_pages(GFP_KERNEL,
						     get_order(top));
			KUNIT_ASSERT_NOT_NULL(test, p);
			memset64(p, BENCH_DUMMY, top / 8);
			free_pages((unsigned long)p, get_order(top));
		}
		stat_stop(&st);
	}
	vcm_bench_print("spaces-10k", f->name, "memory", &st, SPACES);

	vcm_bench_iopt_spaces(test, f);
}
