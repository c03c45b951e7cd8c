// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM benchmarks: the io-pgtable baseline (ARM LPAE map_pages(),
 * unmap_pages(), iova_to_phys()) of each workload, over the same ranges,
 * on tables from the page allocator. Built when
 * CONFIG_IOMMU_IO_PGTABLE_LPAE is; vcm_bench.h stubs it out otherwise.
 */

#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "vcm_bench.h"

static void *iopt_alloc(void *cookie, size_t size, gfp_t gfp)
{
	struct bench_iopt *c = cookie;
	void *p = (void *)__get_free_pages(gfp | __GFP_ZERO, get_order(size));

	if (p)
		c->bytes += PAGE_SIZE << get_order(size);
	return p;
}

static void iopt_free(void *cookie, void *pages, size_t size)
{
	struct bench_iopt *c = cookie;

	c->bytes -= PAGE_SIZE << get_order(size);
	free_pages((unsigned long)pages, get_order(size));
}

static void iopt_flush_all(void *cookie)
{
	struct bench_iopt *c = cookie;

	c->flushes++;
}

static void iopt_flush_walk(unsigned long iova, size_t size, size_t granule,
			    void *cookie)
{
	struct bench_iopt *c = cookie;

	c->flushes++;
}

static const struct iommu_flush_ops iopt_tlb = {
	.tlb_flush_all = iopt_flush_all,
	.tlb_flush_walk = iopt_flush_walk,
};

/* A new ARM LPAE stage-1 table tree: 48-bit, 4 KiB, 2 MiB and 1 GiB pages. */
struct io_pgtable_ops *vcm_bench_iopt_new(struct kunit *test,
					  struct bench_iopt *c)
{
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G,
		.ias = 48,
		.oas = 48,
		.coherent_walk = true,
		.tlb = &iopt_tlb,
		.alloc = iopt_alloc,
		.free = iopt_free,
	};
	struct io_pgtable_ops *ops;

	memset(c, 0, sizeof(*c));
	ops = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, c);
	KUNIT_ASSERT_NOT_NULL(test, ops);
	return ops;
}

/* Map [@iova, @iova + @size) to @pa in @pgsize pages, table by table. */
void vcm_bench_iopt_map(struct kunit *test, struct io_pgtable_ops *ops,
			u64 iova, u64 pa, u64 size, u64 pgsize)
{
	while (size) {
		size_t mapped = 0;

		KUNIT_ASSERT_EQ(test, ops->map_pages(ops, iova, pa, pgsize,
						     size / pgsize,
						     IOMMU_READ | IOMMU_WRITE,
						     GFP_KERNEL, &mapped), 0);
		KUNIT_ASSERT_NE(test, mapped, 0);
		iova += mapped;
		pa += mapped;
		size -= mapped;
	}
}

/* Unmap [@iova, @iova + @size) in @pgsize pages. */
void vcm_bench_iopt_unmap(struct kunit *test, struct io_pgtable_ops *ops,
			  u64 iova, u64 size, u64 pgsize)
{
	while (size) {
		size_t n = ops->unmap_pages(ops, iova, pgsize, size / pgsize,
					    NULL);

		KUNIT_ASSERT_NE(test, n, 0);
		iova += n;
		size -= n;
	}
}

/*
 * [@iova, @iova + @size) in 4 KiB pages up to the first 2 MiB boundary,
 * 2 MiB pages to the last, 4 KiB pages after it; @map or unmap.
 */
static void iopt_mixed(struct kunit *test, struct io_pgtable_ops *ops,
		       u64 iova, u64 pa, u64 size, bool map)
{
	u64 head = min(size, ALIGN(iova, SZ_2M) - iova);
	u64 mid = round_down(size - head, SZ_2M);
	u64 part[3] = { head, mid, size - head - mid };
	u64 pg[3] = { SZ_4K, SZ_2M, SZ_4K };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		if (!part[i])
			continue;
		if (map)
			vcm_bench_iopt_map(test, ops, iova, pa, part[i], pg[i]);
		else
			vcm_bench_iopt_unmap(test, ops, iova, part[i], pg[i]);
		iova += part[i];
		pa += part[i];
	}
}

/*
 * io-pgtable over the same ranges, in a new table tree for each of the
 * workload's cycles of bind and unbind (its unmap keeps the tables its
 * map allocated): 4 KiB pages, 2 MiB ones for contiguous backing of
 * 2 MiB or more (and 4 KiB ones at its unaligned ends).
 */
void vcm_bench_iopt_bind_rep(struct kunit *test, struct bench_bind *w,
			     unsigned int rep)
{
	struct io_pgtable_ops *ops;
	u64 t, tb = 0, tu = 0;
	struct bench_iopt c;
	unsigned int cy, i;

	w->iopg = w->contig && w->size >= SZ_2M ? SZ_2M : SZ_4K;
	w->iopa = w->contig ? BENCH_VRAM + w->off : BENCH_DENSE;
	for (cy = 0; cy < w->r; cy++) {
		ops = vcm_bench_iopt_new(test, &c);
		t = bench_clock_ns();
		for (i = 0; i < w->k; i++) {
			if (w->off)
				iopt_mixed(test, ops,
					   BENCH_VA + w->off + i * w->size,
					   w->iopa, w->size, true);
			else
				vcm_bench_iopt_map(test, ops,
						   BENCH_VA + i * w->size,
						   w->iopa, w->size, w->iopg);
		}
		tb += bench_clock_ns() - t;
		if (!rep && !cy) {
			w->iobytes = c.bytes;
			KUNIT_ASSERT_EQ(test,
					ops->iova_to_phys(ops, BENCH_VA +
							  w->off + w->size -
							  SZ_4K),
					w->iopa + w->size - SZ_4K);
		}
		t = bench_clock_ns();
		for (i = 0; i < w->k; i++) {
			if (w->off)
				iopt_mixed(test, ops,
					   BENCH_VA + w->off + i * w->size,
					   0, w->size, false);
			else
				vcm_bench_iopt_unmap(test, ops,
						     BENCH_VA + i * w->size,
						     w->size, w->iopg);
		}
		tu += bench_clock_ns() - t;
		free_io_pgtable_ops(ops);
	}
	stat_put(bench_st(w, &w->ib), tb);
	stat_put(bench_st(w, &w->iu), tu);
}

void vcm_bench_iopt_bind_done(struct bench_bind *w)
{
	vcm_bench_print(w->wl, w->f->name, "io_pgtable", &w->ib, w->k * w->r);
	vcm_bench_print(w->uwl, w->f->name, "io_pgtable", &w->iu, w->k * w->r);
	pr_info("VCMBENCH-META %s %s iopt_table_bytes=%llu iopt_pgsize=%llu\n",
		w->wl, w->f->name, w->iobytes, w->iopg);
}

/*
 * iova_to_phys() at the same picks as vcm_bench_lookup.c's translations,
 * over @n 4 KiB pages mapped at @va(i) to @dev(i); reported under both
 * workload names @wl and @wwl.
 */
void vcm_bench_iopt_translate(struct kunit *test, const char *wl,
			      const char *wwl, u32 n,
			      u64 (*va)(unsigned int i),
			      u64 (*dev)(unsigned int i),
			      const u32 *pick, u64 want)
{
	struct bench_stat st = {};
	struct io_pgtable_ops *ops;
	unsigned int i, rep;
	struct bench_iopt c;
	u64 sum;

	ops = vcm_bench_iopt_new(test, &c);
	for (i = 0; i < n; i++)
		vcm_bench_iopt_map(test, ops, va(i), dev(i), SZ_4K, SZ_4K);
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		sum = 0;
		stat_start(&st);
		for (i = 0; i < TRANSLATIONS; i++)
			sum += ops->iova_to_phys(ops,
						 va(pick[i]) + 0x10);
		stat_stop(&st);
		KUNIT_ASSERT_EQ(test, sum, want);
	}
	free_io_pgtable_ops(ops);
	vcm_bench_print(wl, "gp100", "io_pgtable", &st, TRANSLATIONS);
	vcm_bench_print(wwl, "gp100", "io_pgtable", &st, TRANSLATIONS);
}

/* SCATTER_BINDS 4 KiB maps at @va(i) of @addrs[i], then their unmaps. */
void vcm_bench_iopt_scatter(struct kunit *test, const dma_addr_t *addrs,
			    u64 (*va)(unsigned int i))
{
	struct bench_stat bind = {}, unbind = {};
	struct io_pgtable_ops *ops;
	unsigned int i, rep;
	struct bench_iopt c;
	u64 tbytes = 0;

	for (rep = 0; rep < BENCH_RUNS; rep++) {
		ops = vcm_bench_iopt_new(test, &c);
		stat_start(&bind);
		for (i = 0; i < SCATTER_BINDS; i++)
			vcm_bench_iopt_map(test, ops, va(i), addrs[i], SZ_4K,
					   SZ_4K);
		stat_stop(&bind);
		tbytes = c.bytes;
		stat_start(&unbind);
		for (i = 0; i < SCATTER_BINDS; i++)
			vcm_bench_iopt_unmap(test, ops, va(i), SZ_4K, SZ_4K);
		stat_stop(&unbind);
		free_io_pgtable_ops(ops);
	}
	vcm_bench_print("scatter-100k", "gp100", "io_pgtable", &bind,
			SCATTER_BINDS);
	vcm_bench_print("unbind-scatter-100k", "gp100", "io_pgtable",
			&unbind, SCATTER_BINDS);
	pr_info("VCMBENCH-META scatter-100k gp100 iopt_table_bytes=%llu iopt_pgsize=4096\n",
		tbytes);
}

/* SPACES table trees created and freed. */
void vcm_bench_iopt_spaces(struct kunit *test, const struct drm_vcm_format *f)
{
	struct bench_stat st = {};
	struct io_pgtable_ops *ops;
	unsigned int i, rep;
	struct bench_iopt c;

	for (rep = 0; rep < BENCH_RUNS; rep++) {
		stat_start(&st);
		for (i = 0; i < SPACES; i++) {
			ops = vcm_bench_iopt_new(test, &c);
			free_io_pgtable_ops(ops);
		}
		stat_stop(&st);
	}
	vcm_bench_print("spaces-10k", f->name, "io_pgtable", &st, SPACES);
}
