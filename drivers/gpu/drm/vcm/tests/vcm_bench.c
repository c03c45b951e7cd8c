// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM benchmarks, for "make bench" only: bind, unbind, translate and space
 * creation timed against baselines measured in the same run, on the same
 * kind of table memory (pages from the page allocator, as VCM's system
 * table memory without a device). Nothing here asserts a speed; every
 * workload checks that the work was done and prints its times:
 *
 *   VCMBENCH <workload> <format> <path> ops=<n> median=<ns> min=<ns> max=<ns>
 *   VCMBENCH-META <workload> <format> <key>=<value> ...
 *
 * Each of the BENCH_REPS samples times <n> operations; median, min and max
 * are of the samples, in nanoseconds. A first, untimed run of every path
 * comes before them: in UML, memory touched for the first time costs the
 * host a page fault. The paths:
 *
 * - vcm: VCM itself;
 * - per_page: the per-page path drivers use today, as radeon_gart_bind()
 *   does it: for every 4 KiB page one indirect call computes the entry (the
 *   format's own writer, one entry at a time), one indirect call stores it,
 *   a shadow array keeps it, and one indirect flush ends the operation;
 * - io_pgtable: the kernel's ARM LPAE page tables (map_pages/unmap_pages,
 *   iova_to_phys), when CONFIG_IOMMU_IO_PGTABLE_LPAE is built;
 * - writer: the part of a bind no page-table layer can avoid: the format's
 *   own leaf writer, called once per range over one flat, already
 *   allocated and already faulted-in array, with the same backing, flags
 *   and page size as VCM's leaves; no walk, no allocation, no flush;
 * - memory: memset64 (memset32 for 4-byte entries) of the same number of
 *   entries of one value; for lookups, a load from a flat array.
 *
 * For the 1 GiB binds, VCM's bind is also split into its engine's steps,
 * each timed on its own (paths vcm_prepare: table allocation; vcm_write:
 * the entries; vcm_flush: the MMU's flush call), and the entries it wrote
 * are counted (VCMBENCH-META entries=) against the fewest the format
 * allows for the range's alignment (entries_min=), worked out in
 * vcm_bench_min.c from the format's table kinds alone.
 *
 * This file holds the suite: its table of workloads (one KUnit case each,
 * declared in vcm_bench.h; a new workload is a file of its own and a line
 * here), the timing report and what every workload needs.
 */

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "vcm_internal.h"
#include "vcm_bench.h"

static const char *const vcm_bench_formats[] = {
	"r600-gart", "agp-gatt", "nv50", "gp100",
};

static int u64_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* One VCMBENCH line: median, min and max of @st's samples but the first. */
void vcm_bench_print(const char *wl, const char *fmt, const char *path,
		     struct bench_stat *st, u64 ops)
{
	u64 *v = st->s + 1;
	unsigned int n = st->n - 1;

	if (st->n < 2)
		return;
	sort(v, n, sizeof(*v), u64_cmp, NULL);
	pr_info("VCMBENCH %s %s %s ops=%llu median=%llu min=%llu max=%llu\n",
		wl, fmt, path, ops, v[n / 2], v[0], v[n - 1]);
}

/* The test MMU: counts flushes. */
static void bench_flush(struct drm_vcm_mmu *mmu, u64 start, u64 size)
{
	u64 *flushes = drm_vcm_mmu_priv(mmu);

	(*flushes)++;
}

static const struct drm_vcm_mmu_ops bench_mmu_ops = {
	.flush = bench_flush,
};

/* An MMU of format @f on @vcm, in system table memory, counting flushes. */
struct drm_vcm_mmu *vcm_bench_attach(struct kunit *test, struct drm_vcm *vcm,
				     const struct drm_vcm_format *f,
				     u64 *flushes)
{
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &bench_mmu_ops,
		.dummy_addr = BENCH_DUMMY,
		.priv = flushes,
	};
	struct drm_vcm_mmu *mmu = drm_vcm_mmu_attach(vcm, &desc);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(mmu), "attach %s: %d", f->name,
			       PTR_ERR_OR_ZERO(mmu));
	return mmu;
}

/* Zeroed pages from the page allocator, as VCM's system table memory. */
void *vcm_bench_pages(struct kunit *test, size_t bytes)
{
	void *p = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
					   get_order(bytes));

	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

void vcm_bench_free_pages(void *p, size_t bytes)
{
	free_pages((unsigned long)p, get_order(bytes));
}

/* Dense backing: @npages pages, every other 4 KiB frame. */
dma_addr_t *vcm_bench_dense_addrs(struct kunit *test, unsigned long npages)
{
	dma_addr_t *a = kvmalloc_array(npages, sizeof(*a), GFP_KERNEL);
	unsigned long i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	for (i = 0; i < npages; i++)
		a[i] = BENCH_DENSE + (u64)i * 2 * SZ_4K;
	return a;
}

/* make bench's BENCH_FORMATS: vcm_bench_kunit.formats=gp100,nv50 */
static char *formats;
module_param(formats, charp, 0444);
MODULE_PARM_DESC(formats, "Comma-separated formats to time (default: all)");

static bool bench_format_wanted(const char *name)
{
	size_t n = strlen(name);
	const char *p = formats;

	if (!p || !*p)
		return true;
	for (; *p; p += *p == ',') {
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return true;
		p = strchrnul(p, ',');
	}
	return false;
}

/* The formats of vcm_bench_formats[] that formats= names, in turn. */
static const void *bench_format_gen_params(const void *prev, char *desc)
{
	const char *const *p = prev ? (const char *const *)prev + 1 :
				      vcm_bench_formats;

	for (; p < vcm_bench_formats + ARRAY_SIZE(vcm_bench_formats); p++) {
		if (bench_format_wanted(*p)) {
			strscpy(desc, *p, KUNIT_PARAM_DESC_SIZE);
			return p;
		}
	}
	return NULL;
}

/* The workloads, in the order they run. */
static struct kunit_case vcm_bench_cases[] = {
	KUNIT_CASE_PARAM(vcm_bench_bind, bench_format_gen_params),
	KUNIT_CASE(vcm_bench_scatter),
	KUNIT_CASE(vcm_bench_translate),
	KUNIT_CASE_PARAM(vcm_bench_spaces, bench_format_gen_params),
	{}
};

static struct kunit_suite vcm_bench_suite = {
	.name = "vcm_bench",
	.test_cases = vcm_bench_cases,
};

kunit_test_suite(vcm_bench_suite);

MODULE_DESCRIPTION("VCM benchmarks (KUnit)");
MODULE_LICENSE("Dual MIT/GPL");
