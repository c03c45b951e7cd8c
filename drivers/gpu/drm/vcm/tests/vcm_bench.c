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
 * allows for the range's alignment (entries_min=), worked out here from
 * the format's table kinds alone.
 */

#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <kunit/test.h>
#include <drm/drm_vcm.h>

#include "vcm_internal.h"

#if IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE)
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#define BENCH_IOPT	1
#else
#define BENCH_IOPT	0
#endif

#define BENCH_REPS	15
#define BENCH_RUNS	(BENCH_REPS + 1)	/* the first warms up */
#define BENCH_VA	SZ_1G		/* where every bind workload maps */
#define BENCH_DENSE	SZ_256M		/* dense backing: every other frame */
#define BENCH_VRAM	SZ_1G		/* contiguous backing */
#define BENCH_DUMMY	0x7ff000ULL
#define BENCH_FLAGS	(DRM_VCM_READ | DRM_VCM_WRITE)

#define SCATTER_BINDS	100000
#define SCATTER_BLOCKS	4096		/* 2 MiB blocks the binds fall in */
#define TRANSLATIONS	1000000
#define SPACES		10000

static const char *const bench_formats[] = {
	"r600-gart", "agp-gatt", "nv50", "gp100",
};

/* Byte offset of the unaligned contiguous workload: 4 KiB past 2 MiB. */
#define BENCH_UNALIGNED	(SZ_2M + SZ_4K)

/* Samples of one path, in ns; the first is the warm-up's. */
struct bench_stat {
	u64 s[BENCH_RUNS];
	unsigned int n;
	u64 t0;
};

static void stat_start(struct bench_stat *st)
{
	st->t0 = ktime_get_ns();
}

static void stat_stop(struct bench_stat *st)
{
	st->s[st->n++] = ktime_get_ns() - st->t0;
}

static int u64_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void bench_print(const char *wl, const char *fmt, const char *path,
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

static struct drm_vcm_mmu *bench_attach(struct kunit *test,
					struct drm_vcm *vcm,
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

/* The format's table kind of 4 KiB leaves for system memory. */
static unsigned int bench_leaf_type(const struct drm_vcm_format *f)
{
	unsigned int t;

	for (t = 0; t < f->ntables; t++)
		if (f->tables[t].leaf && f->tables[t].shift == 12 &&
		    f->tables[t].locs & BIT(DRM_VCM_LOC_SYSTEM))
			return t;
	return 0;
}

static u64 kind_bytes(const struct drm_vcm_fmt_table *k, u64 nent)
{
	u64 grp = k->group > 1 ? k->group : 1;

	return k->header + DIV_ROUND_UP(nent, grp) * k->entry_size;
}

/*
 * The least table memory a format needs to map [@va, @va + @size) with
 * 4 KiB pages in a space [@start, @start + @len): its top table and, at each
 * level down to the 4 KiB leaves, one table per directory entry the range
 * touches, each of the size the format gives it (not rounded to pages).
 */
static u64 bench_min_bytes(const struct drm_vcm_format *f, u64 start, u64 len,
			   u64 va, u64 size)
{
	const struct drm_vcm_fmt_table *k = &f->tables[0];
	bool rel = f->flags & DRM_VCM_FMT_RELATIVE;
	u64 base = rel ? start : 0, top = 1ULL << k->bits, bytes;

	if (f->flags & DRM_VCM_FMT_SIZED_TOP)
		top = DIV_ROUND_UP(rel ? len : start + len, 1ULL << k->shift);
	bytes = kind_bytes(k, top);
	while (k->nchild) {
		const struct drm_vcm_fmt_table *c =
			&f->tables[k->child[k->nchild - 1]];
		u64 n = ((va + size - 1 - base) >> k->shift) -
			((va - base) >> k->shift) + 1;

		bytes += n * kind_bytes(c, 1ULL << c->bits);
		k = c;
	}
	return bytes;
}

/*
 * The backing of adjacent ranges of @range bytes from table VA @va, each
 * bound to the same backing, for bench_min_entries().
 */
struct bench_backing {
	bool contig;
	u64 va;			/* table VA of the first range's first byte */
	u64 range;
	u64 pa;			/* its address, for contiguous backing */
	enum drm_vcm_location loc;
};

/* Can leaves of @k map [@x, @y) (table VAs) of @bk? */
static bool bench_leafable(const struct drm_vcm_fmt_table *k, u64 x, u64 y,
			   const struct bench_backing *bk)
{
	u64 pg = 1ULL << k->shift, first;

	if (!k->leaf || !(k->locs & BIT(bk->loc)))
		return false;
	if (k->shift <= 12)
		return true;
	/* A large page maps contiguous backing inside one range. */
	first = div64_u64(x - bk->va, bk->range);
	if (!bk->contig || first != div64_u64(y - 1 - bk->va, bk->range))
		return false;
	return IS_ALIGNED(x, pg) && IS_ALIGNED(y, pg) &&
	       IS_ALIGNED(bk->pa + (x - bk->va - first * bk->range), pg);
}

/*
 * The fewest entries of tables of kind @type (starting at table VA
 * @tbase) and below that map [@a, @b): a directory entry whose span is
 * covered and can be a leaf is one entry; otherwise one entry per child
 * table it points at, plus what those hold, taking the child kind that
 * needs fewest (one child at a time) or large pages wherever they fit
 * and small ones elsewhere (two at once). Independent of the engine: the
 * format's table kinds and the backing's alignment alone.
 */
/*
 * Entries of the two tables behind one dual directory entry for [@x, @y):
 * a large page for each large-page piece its leaves can map, small pages
 * for the rest, and one directory reference per table used.
 */
static u64 bench_min_dual(const struct drm_vcm_format *f,
			  const struct drm_vcm_fmt_table *k, u64 x, u64 y,
			  const struct bench_backing *bk)
{
	const struct drm_vcm_fmt_table *lk = &f->tables[k->child[0]];
	const struct drm_vcm_fmt_table *sk = &f->tables[k->child[1]];
	u64 lpg = 1ULL << lk->shift, p, q, large = 0, small = 0;

	for (p = x; p < y; p = q) {
		q = min(y, round_down(p, lpg) + lpg);
		if (bench_leafable(lk, p, q, bk))
			large++;
		else
			small += (q - p) >> sk->shift;
	}
	return large + small + !!large + !!small;
}

static u64 bench_min_entries(const struct drm_vcm_format *f,
			     unsigned int type, u64 tbase, u64 a, u64 b,
			     const struct bench_backing *bk)
{
	const struct drm_vcm_fmt_table *k = &f->tables[type];
	u64 pg = 1ULL << k->shift, es, total = 0;

	if (!k->nchild)
		return (b - a) >> k->shift;
	for (es = tbase + round_down(a - tbase, pg); es < b; es += pg) {
		u64 x = max(a, es), y = min(b, es + pg), best = U64_MAX, n;
		unsigned int c;

		if (x == es && y == es + pg && bench_leafable(k, x, y, bk)) {
			total++;
			continue;
		}
		if (k->nchild == 1 || f->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD) {
			for (c = 0; c < k->nchild; c++) {
				const struct drm_vcm_fmt_table *ck =
					&f->tables[k->child[c]];

				if (!ck->nchild && !bench_leafable(ck, x, y, bk))
					continue;
				n = bench_min_entries(f, k->child[c], es, x, y,
						      bk);
				best = min(best, n);
			}
			total += 1 + best;
			continue;
		}
		/* Two tables at once: large pages where they fit. */
		total += bench_min_dual(f, k, x, y, bk);
	}
	return total;
}

static void *bench_pages(struct kunit *test, size_t bytes)
{
	void *p = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
					   get_order(bytes));

	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

static void bench_free_pages(void *p, size_t bytes)
{
	free_pages((unsigned long)p, get_order(bytes));
}

/* One entry as a writer stores it, read back at its own width. */
union bench_entry {
	__le64 q;
	__le32 l;
};

static u64 bench_entry_val(const union bench_entry *e, unsigned int esz)
{
	return esz == 4 ? le32_to_cpu(e->l) : le64_to_cpu(e->q);
}

/*
 * The per-page path's indirect calls; computing an entry is the format's
 * writer for one entry, itself an indirect call.
 */
struct bench_pp_ops {
	void (*set_page)(void *table, unsigned long i, u64 entry);
	void (*flush)(u64 *flushes);
};

static noinline void bench_set64(void *table, unsigned long i, u64 entry)
{
	((__le64 *)table)[i] = cpu_to_le64(entry);
}

static noinline void bench_set32(void *table, unsigned long i, u64 entry)
{
	((__le32 *)table)[i] = cpu_to_le32(entry);
}

static noinline void bench_pp_flush(u64 *flushes)
{
	(*flushes)++;
	mb();	/* as radeon_gart_bind() before its TLB flush */
}

static void bench_pp_init(struct bench_pp_ops *o, unsigned int esz)
{
	o->set_page = esz == 4 ? bench_set32 : bench_set64;
	o->flush = bench_pp_flush;
	/* Calls through these stay indirect, as in a driver. */
	OPTIMIZER_HIDE_VAR(o->set_page);
	OPTIMIZER_HIDE_VAR(o->flush);
}

/* @n entries of @esz bytes: 4-byte ones with memset32, others memset64. */
static void bench_fill(void *table, unsigned int esz, u64 v, size_t n)
{
	if (esz == 4)
		memset32(table, v, n);
	else
		memset64(table, v, n * esz / 8);
}

#if BENCH_IOPT
/* io-pgtable with tables from the page allocator, counting what it holds. */
struct bench_iopt {
	u64 bytes;
	u64 flushes;
};

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

static struct io_pgtable_ops *iopt_new(struct kunit *test,
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
static void iopt_map(struct kunit *test, struct io_pgtable_ops *ops,
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

static void iopt_unmap(struct kunit *test, struct io_pgtable_ops *ops,
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
#endif

/* Dense backing: @npages pages, every other 4 KiB frame. */
static dma_addr_t *bench_dense_addrs(struct kunit *test, unsigned long npages)
{
	dma_addr_t *a = kvmalloc_array(npages, sizeof(*a), GFP_KERNEL);
	unsigned long i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	for (i = 0; i < npages; i++)
		a[i] = BENCH_DENSE + (u64)i * 2 * SZ_4K;
	return a;
}

/*
 * One bind/unbind workload: @k ranges of @size (bench_ranges()), each bound,
 * then each unbound, in turn. Every repetition runs every path, one after
 * the other, so that a busy spell of the machine hits them alike.
 */
struct bench_bind {
	const struct drm_vcm_format *f;
	u64 size;
	bool contig;
	u64 off;			/* VA and backing offset: unaligned */
	u64 pgsize;			/* page size VCM's leaves use for it */
	const dma_addr_t *addrs;	/* the dense backing's pages */
	unsigned int k;
	char wl[32], uwl[32];

	/* VCM */
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res **res;
	u64 start, len, flushes, bflush, uflush, tbytes;
	u64 entries, entries_min;
	struct bench_stat vb, vu;
	struct bench_stat ph[3];	/* prepare, write, flush */

	/* the per-page path */
	struct bench_pp_ops o;
	unsigned int type, esz;
	void *pp_table;
	u64 *shadow, dummy, ppf;
	struct bench_stat pb, pu;

	/* the writer */
	void *wr_table;
	unsigned int wr_type, wr_esz;
	unsigned long wr_n;
	struct bench_stat wr;

	/* memory */
	void *lim_table;
	unsigned int lim_esz;
	unsigned long lim_n, inner;
	struct bench_stat lim;

	/* io-pgtable */
	u64 iopg, iopa, iobytes;
	struct bench_stat ib, iu;
};

/*
 * UML's clock ticks every 256 ns: small sizes are timed over up to 4096
 * ranges, 64 MiB in all, so that a sample lasts long enough.
 */
static unsigned int bench_ranges(u64 size)
{
	return clamp_t(u64, SZ_64M / size, 1, 4096);
}

/* Backing address of byte @off of the workload's backing. */
static dma_addr_t bench_addr(const struct bench_bind *w, u64 off)
{
	return w->contig ? BENCH_VRAM + w->off + off : w->addrs[off >> 12];
}

static void bench_vcm_setup(struct kunit *test, struct bench_bind *w)
{
	bool rel = w->f->flags & DRM_VCM_FMT_RELATIVE;
	unsigned int i;

	if (w->contig)
		w->mem = drm_vcm_mem_contig(NULL, BENCH_VRAM + w->off, w->size,
					    DRM_VCM_LOC_DEVICE);
	else
		w->mem = drm_vcm_mem_from_pages(NULL, w->addrs,
						w->size >> PAGE_SHIFT,
						DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(w->mem));
	/* GARTs get an aperture of just the ranges, GPU VMs 4 GiB. */
	w->start = rel ? BENCH_VA : 0;
	w->len = rel ? w->off + w->k * w->size : SZ_4G;
	w->vcm = drm_vcm_create(w->start, w->len);
	KUNIT_ASSERT_FALSE(test, IS_ERR(w->vcm));
	w->mmu = bench_attach(test, w->vcm, w->f, &w->flushes);
	w->res = kcalloc(w->k, sizeof(*w->res), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->res);
	for (i = 0; i < w->k; i++) {
		w->res[i] = drm_vcm_reserve_at(w->vcm, BENCH_VA + w->off +
					       i * w->size, w->size);
		KUNIT_ASSERT_FALSE(test, IS_ERR(w->res[i]));
	}
}

/*
 * The entries the first bind wrote, PTEs and PDEs (every table but the
 * top is new, and the top had none live), against the fewest the format
 * allows.
 */
static void bench_count_entries(struct kunit *test, struct bench_bind *w)
{
	const struct drm_vcm_format *f = w->f;
	bool rel = f->flags & DRM_VCM_FMT_RELATIVE;
	struct bench_backing bk = {
		.contig = w->contig,
		.loc = w->contig ? DRM_VCM_LOC_DEVICE : DRM_VCM_LOC_SYSTEM,
	};
	struct vcm_pt_census *c;
	unsigned int t;

	c = kcalloc(f->ntables, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	vcm_pt_census(w->mmu, c);
	w->entries = 0;
	for (t = 0; t < f->ntables; t++)
		w->entries += c[t].used;
	kfree(c);
	/* The ranges are adjacent: they share directory entries. */
	bk.va = BENCH_VA + w->off - (rel ? w->start : 0);
	bk.range = w->size;
	bk.pa = bench_addr(w, 0);
	w->entries_min = bench_min_entries(f, 0, 0, bk.va,
					   bk.va + w->k * w->size, &bk);
}

/*
 * The engine's steps of the same binds, each timed on its own: prepare
 * (every table allocated), write (every entry), flush; then undone,
 * untimed. Only the engine: the core's checks and records are the rest
 * of drm_vcm_bind()'s time.
 */
static void bench_phase_rep(struct kunit *test, struct bench_bind *w)
{
	struct vcm_req *req;
	unsigned int i;

	if (w->size < SZ_1G)
		return;
	req = kcalloc(w->k, sizeof(*req), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, req);
	for (i = 0; i < w->k; i++) {
		req[i].va = BENCH_VA + w->off + i * w->size;
		req[i].size = w->size;
		req[i].run.flags = BENCH_FLAGS;
		req[i].run.loc = w->mem->loc;
		vcm_mem_seek(w->mem, 0, &req[i].run);
	}
	stat_start(&w->ph[0]);
	for (i = 0; i < w->k; i++)
		KUNIT_ASSERT_EQ(test, vcm_pt_prepare(w->mmu, &req[i]), 0);
	stat_stop(&w->ph[0]);
	stat_start(&w->ph[1]);
	for (i = 0; i < w->k; i++)
		vcm_pt_map(w->mmu, &req[i]);
	stat_stop(&w->ph[1]);
	stat_start(&w->ph[2]);
	for (i = 0; i < w->k; i++)
		w->mmu->ops->flush(w->mmu, req[i].va, req[i].size);
	stat_stop(&w->ph[2]);
	for (i = 0; i < w->k; i++) {
		vcm_pt_unmap(w->mmu, &req[i]);
		w->mmu->ops->flush(w->mmu, req[i].va, req[i].size);
		vcm_pt_release(w->mmu);
	}
	kfree(req);
}

static void bench_vcm_rep(struct kunit *test, struct bench_bind *w,
			  unsigned int rep)
{
	u64 f0 = w->flushes, last = BENCH_VA + w->off + w->k * w->size - SZ_4K;
	unsigned int i;
	dma_addr_t a;

	stat_start(&w->vb);
	for (i = 0; i < w->k; i++)
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(w->res[i], 0, w->size,
						   w->mem, 0, BENCH_FLAGS), 0);
	stat_stop(&w->vb);
	w->bflush += w->flushes - f0;
	if (!rep) {
		w->tbytes = w->mmu->stats.table_bytes;
		bench_count_entries(test, w);
		/* The tables, read back, map the last page. */
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(w->mmu, last + 0x10,
							    &a, NULL), 0);
		KUNIT_ASSERT_EQ(test, a, bench_addr(w, w->size - SZ_4K) + 0x10);
	}
	f0 = w->flushes;
	stat_start(&w->vu);
	for (i = 0; i < w->k; i++)
		KUNIT_ASSERT_EQ(test, drm_vcm_unbind(w->res[i], 0), 0);
	stat_stop(&w->vu);
	w->uflush += w->flushes - f0;
	if (!rep)
		KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(w->mmu, last, &a,
							    NULL), -ENOENT);
}

static void bench_vcm_done(struct kunit *test, struct bench_bind *w)
{
	u64 span = w->k * w->size;
	unsigned int i;

	bench_print(w->wl, w->f->name, "vcm", &w->vb, w->k);
	bench_print(w->uwl, w->f->name, "vcm", &w->vu, w->k);
	pr_info("VCMBENCH-META %s %s flushes=%llu ops=%u mapped=%llu table_bytes=%llu table_min=%llu\n",
		w->wl, w->f->name, w->bflush, BENCH_RUNS * w->k, span,
		w->tbytes, w->contig ? 0 :
		bench_min_bytes(w->f, w->start, w->len, BENCH_VA, span));
	pr_info("VCMBENCH-META %s %s flushes=%llu ops=%u\n", w->uwl,
		w->f->name, w->uflush, BENCH_RUNS * w->k);
	pr_info("VCMBENCH-META %s %s entries=%llu entries_min=%llu\n", w->wl,
		w->f->name, w->entries, w->entries_min);
	if (w->ph[0].n) {
		bench_print(w->wl, w->f->name, "vcm_prepare", &w->ph[0], w->k);
		bench_print(w->wl, w->f->name, "vcm_write", &w->ph[1], w->k);
		bench_print(w->wl, w->f->name, "vcm_flush", &w->ph[2], w->k);
	}

	for (i = 0; i < w->k; i++)
		KUNIT_ASSERT_EQ(test, drm_vcm_unreserve(w->res[i]), 0);
	kfree(w->res);
	drm_vcm_mem_put(w->mem);
	drm_vcm_mmu_detach(w->mmu);
	KUNIT_ASSERT_EQ(test, drm_vcm_destroy(w->vcm), 0);
}

/*
 * The per-page path over the same ranges, with the format's own writer and
 * the same MMU: per 4 KiB page, the writer computes the entry (an indirect
 * call), set_page() stores it (another) and the shadow array keeps it; one
 * flush per range.
 */
static void bench_pp_setup(struct kunit *test, struct bench_bind *w)
{
	unsigned long total = w->k * (w->size >> 12);
	union bench_entry e = {};

	w->type = bench_leaf_type(w->f);
	w->esz = w->f->tables[w->type].entry_size;
	w->shadow = kvcalloc(total, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->shadow);
	w->pp_table = bench_pages(test, total * w->esz);
	w->f->clear(w->mmu, w->type, &e, 0, 1);
	w->dummy = bench_entry_val(&e, w->esz);
	bench_pp_init(&w->o, w->esz);
}

static void bench_pp_rep(struct kunit *test, struct bench_bind *w,
			 unsigned int rep)
{
	unsigned long n = w->size >> 12, total = w->k * n, j;
	const struct drm_vcm_format *f = w->f;
	struct drm_vcm_pte_run run = {
		.pgsize = SZ_4K,
		.flags = BENCH_FLAGS,
		.loc = w->contig ? DRM_VCM_LOC_DEVICE : DRM_VCM_LOC_SYSTEM,
	};
	struct drm_vcm_entry ent = {};
	union bench_entry e = {};
	struct drm_vcm_seg seg;
	unsigned int i;
	u64 v;

	stat_start(&w->pb);
	for (i = 0; i < w->k; i++) {
		for (j = i * n; j < (i + 1) * n; j++) {
			seg.addr = bench_addr(w, (j - i * n) << 12);
			seg.len = SZ_4K;
			run.seg = &seg;
			run.off = 0;
			run.va = BENCH_VA + (j << 12);
			f->write_ptes(w->mmu, w->type, &e, 0, 1, &run);
			v = bench_entry_val(&e, w->esz);
			w->o.set_page(w->pp_table, j, v);
			w->shadow[j] = v;
		}
		w->o.flush(&w->ppf);
	}
	stat_stop(&w->pb);
	if (!rep) {
		/* The format's decoder reads the last page back. */
		f->decode(w->mmu, w->type, w->pp_table + (total - 1) * w->esz,
			  total - 1, &ent);
		KUNIT_ASSERT_EQ(test, ent.kind, DRM_VCM_ENTRY_PTE);
		KUNIT_ASSERT_EQ(test, ent.addr,
				bench_addr(w, w->size - SZ_4K));
	}
	stat_start(&w->pu);
	for (i = 0; i < w->k; i++) {
		for (j = i * n; j < (i + 1) * n; j++) {
			w->shadow[j] = w->dummy;
			w->o.set_page(w->pp_table, j, w->dummy);
		}
		w->o.flush(&w->ppf);
	}
	stat_stop(&w->pu);
}

static void bench_pp_done(struct kunit *test, struct bench_bind *w)
{
	unsigned long total = w->k * (w->size >> 12);

	KUNIT_EXPECT_EQ(test, w->ppf, 2 * BENCH_RUNS * w->k);
	bench_print(w->wl, w->f->name, "per_page", &w->pb, w->k);
	bench_print(w->uwl, w->f->name, "per_page", &w->pu, w->k);
	kvfree(w->shadow);
	bench_free_pages(w->pp_table, total * w->esz);
}

/*
 * The writer: the format's leaf writer for the page size VCM's leaves use,
 * once per range, into one flat array already allocated and faulted in
 * (by the warm-up), from the same backing with the same flags. Not for
 * the unaligned workload, whose ranges take pages of three sizes.
 */
static void bench_wr_setup(struct kunit *test, struct bench_bind *w)
{
	enum drm_vcm_location loc = w->mem->loc;
	const struct drm_vcm_format *f = w->f;
	unsigned int t;

	if (w->off)
		return;
	for (t = 0; t < f->ntables; t++)
		if (f->tables[t].leaf && f->tables[t].locs & BIT(loc) &&
		    1ULL << f->tables[t].shift == w->pgsize)
			break;
	KUNIT_ASSERT_LT(test, t, f->ntables);
	w->wr_type = t;
	w->wr_esz = f->tables[t].entry_size;
	w->wr_n = w->size / w->pgsize;
	w->wr_table = kvzalloc(w->k * w->wr_n * w->wr_esz, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->wr_table);
}

static void bench_wr_rep(struct kunit *test, struct bench_bind *w,
			 unsigned int rep)
{
	const struct drm_vcm_fmt_table *k;
	struct drm_vcm_pte_run run;
	struct drm_vcm_entry ent = {};
	unsigned int i;
	u64 va;

	if (!w->wr_table)
		return;
	k = &w->f->tables[w->wr_type];
	stat_start(&w->wr);
	for (i = 0; i < w->k; i++) {
		va = BENCH_VA + i * w->size;
		run = (struct drm_vcm_pte_run) {
			.pgsize = w->pgsize,
			.flags = BENCH_FLAGS,
			.loc = w->mem->loc,
			.va = va,
		};
		vcm_mem_seek(w->mem, 0, &run);
		w->f->write_ptes(w->mmu, w->wr_type,
				 w->wr_table + i * w->wr_n * w->wr_esz,
				 (va >> k->shift) & (BIT(k->bits) - 1),
				 w->wr_n, &run);
	}
	stat_stop(&w->wr);
	if (!rep) {
		/* The format's decoder reads the last entry back. */
		i = w->k * w->wr_n - 1;
		va = (BENCH_VA + (w->k - 1) * w->size + w->size - w->pgsize) >>
		     k->shift;
		w->f->decode(w->mmu, w->wr_type, w->wr_table + i * w->wr_esz,
			     va & (BIT(k->bits) - 1), &ent);
		KUNIT_ASSERT_EQ(test, ent.kind, DRM_VCM_ENTRY_PTE);
		KUNIT_ASSERT_EQ(test, ent.addr,
				bench_addr(w, w->size - w->pgsize));
	}
}

static void bench_wr_done(struct bench_bind *w)
{
	if (!w->wr_table)
		return;
	bench_print(w->wl, w->f->name, "writer", &w->wr, w->k);
	kvfree(w->wr_table);
}

/*
 * Memory: one memset of as many entries as VCM writes per range, in
 * entries of the size it writes them; each sample stores at least 2M
 * entries, going over the same ranges again.
 */
static void bench_lim_setup(struct kunit *test, struct bench_bind *w)
{
	unsigned int t;

	w->lim_esz = 8;
	for (t = 0; t < w->f->ntables; t++)
		if (w->f->tables[t].leaf &&
		    1ULL << w->f->tables[t].shift == w->pgsize)
			w->lim_esz = w->f->tables[t].entry_size;
	w->lim_n = w->size / w->pgsize;
	w->inner = max_t(unsigned long, 1, SZ_2M / (w->k * w->lim_n));
	w->lim_table = bench_pages(test, w->k * w->lim_n * w->lim_esz);
}

static void bench_lim_rep(struct bench_bind *w)
{
	unsigned long r;
	unsigned int i;

	stat_start(&w->lim);
	for (r = 0; r < w->inner; r++)
		for (i = 0; i < w->k; i++)
			bench_fill(w->lim_table + i * w->lim_n * w->lim_esz,
				   w->lim_esz, BENCH_DENSE | 0x63, w->lim_n);
	stat_stop(&w->lim);
}

static void bench_lim_done(struct bench_bind *w)
{
	bench_print(w->wl, w->f->name, "memory", &w->lim, w->k * w->inner);
	bench_print(w->uwl, w->f->name, "memory", &w->lim, w->k * w->inner);
	bench_free_pages(w->lim_table, w->k * w->lim_n * w->lim_esz);
}

#if BENCH_IOPT
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
			iopt_map(test, ops, iova, pa, part[i], pg[i]);
		else
			iopt_unmap(test, ops, iova, part[i], pg[i]);
		iova += part[i];
		pa += part[i];
	}
}

/*
 * io-pgtable over the same ranges, in a new table tree each repetition:
 * 4 KiB pages, 2 MiB ones for contiguous backing of 2 MiB or more (and
 * 4 KiB ones at its unaligned ends).
 */
static void bench_iopt_rep(struct kunit *test, struct bench_bind *w,
			   unsigned int rep)
{
	struct io_pgtable_ops *ops;
	struct bench_iopt c;
	unsigned int i;

	w->iopg = w->contig && w->size >= SZ_2M ? SZ_2M : SZ_4K;
	w->iopa = w->contig ? BENCH_VRAM + w->off : BENCH_DENSE;
	ops = iopt_new(test, &c);
	stat_start(&w->ib);
	for (i = 0; i < w->k; i++) {
		if (w->off)
			iopt_mixed(test, ops, BENCH_VA + w->off + i * w->size,
				   w->iopa, w->size, true);
		else
			iopt_map(test, ops, BENCH_VA + i * w->size, w->iopa,
				 w->size, w->iopg);
	}
	stat_stop(&w->ib);
	if (!rep) {
		w->iobytes = c.bytes;
		KUNIT_ASSERT_EQ(test, ops->iova_to_phys(ops, BENCH_VA + w->off +
							w->size - SZ_4K),
				w->iopa + w->size - SZ_4K);
	}
	stat_start(&w->iu);
	for (i = 0; i < w->k; i++) {
		if (w->off)
			iopt_mixed(test, ops, BENCH_VA + w->off + i * w->size,
				   0, w->size, false);
		else
			iopt_unmap(test, ops, BENCH_VA + i * w->size, w->size,
				   w->iopg);
	}
	stat_stop(&w->iu);
	free_io_pgtable_ops(ops);
}

static void bench_iopt_done(struct bench_bind *w)
{
	bench_print(w->wl, w->f->name, "io_pgtable", &w->ib, w->k);
	bench_print(w->uwl, w->f->name, "io_pgtable", &w->iu, w->k);
	pr_info("VCMBENCH-META %s %s iopt_table_bytes=%llu iopt_pgsize=%llu\n",
		w->wl, w->f->name, w->iobytes, w->iopg);
}
#else
static void bench_iopt_rep(struct kunit *test, struct bench_bind *w,
			   unsigned int rep)
{
}

static void bench_iopt_done(struct bench_bind *w)
{
}
#endif

static void bench_size_name(char *buf, size_t len, const char *op,
			    const struct bench_bind *w)
{
	const char *sfx = w->off ? "-contig-unaligned" :
			  w->contig ? "-contig" :
			  w->size > SZ_2M ? "-dense" : "";

	if (w->size >= SZ_1G)
		snprintf(buf, len, "%s-%llug%s", op, w->size >> 30, sfx);
	else if (w->size >= SZ_1M)
		snprintf(buf, len, "%s-%llum%s", op, w->size >> 20, sfx);
	else
		snprintf(buf, len, "%s-%lluk%s", op, w->size >> 10, sfx);
}

static void bench_bind_one(struct kunit *test, const struct bench_bind *tmpl)
{
	struct bench_bind *w = kzalloc(sizeof(*w), GFP_KERNEL);
	unsigned int rep;

	KUNIT_ASSERT_NOT_NULL(test, w);
	*w = *tmpl;
	w->k = bench_ranges(w->size);
	bench_size_name(w->wl, sizeof(w->wl), "bind", w);
	bench_size_name(w->uwl, sizeof(w->uwl), "unbind", w);
	bench_vcm_setup(test, w);
	bench_pp_setup(test, w);
	bench_wr_setup(test, w);
	bench_lim_setup(test, w);
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		bench_vcm_rep(test, w, rep);
		bench_phase_rep(test, w);
		bench_pp_rep(test, w, rep);
		bench_wr_rep(test, w, rep);
		bench_iopt_rep(test, w, rep);
		bench_lim_rep(w);
	}
	bench_pp_done(test, w);
	bench_vcm_done(test, w);
	bench_wr_done(w);
	bench_lim_done(w);
	bench_iopt_done(w);
	kfree(w);
}

/* 4 KiB and 1 MiB (256 x 4 KiB in one call) as generic_pt measures. */
static const u64 bench_sizes[] = {
	SZ_4K, SZ_64K, SZ_1M, SZ_2M, SZ_256M, SZ_1G
};

/* Bind and unbind, dense and contiguous, on one format. */
static void vcm_bench_bind(struct kunit *test)
{
	const struct drm_vcm_format *f =
		drm_vcm_format_find(*(const char *const *)test->param_value);
	struct bench_bind w = { .f = f };
	dma_addr_t *addrs;
	unsigned int s;

	KUNIT_ASSERT_NOT_NULL(test, f);
	addrs = bench_dense_addrs(test, SZ_1G >> PAGE_SHIFT);
	w.addrs = addrs;
	for (s = 0; s < ARRAY_SIZE(bench_sizes); s++) {
		w.size = bench_sizes[s];
		w.contig = false;
		w.pgsize = SZ_4K;
		bench_bind_one(test, &w);

		/* Contiguous VRAM where the format has larger pages for it. */
		w.contig = true;
		if (!strcmp(f->name, "gp100") && w.size >= SZ_64K)
			w.pgsize = w.size >= SZ_2M ? SZ_2M : SZ_64K;
		else if (!strcmp(f->name, "nv50") && w.size >= SZ_1G)
			w.pgsize = SZ_64K;
		else
			continue;
		bench_bind_one(test, &w);
		if (w.size < SZ_1G)
			continue;
		/* 4 KiB past a 2 MiB boundary: large pages in the middle. */
		w.off = BENCH_UNALIGNED;
		bench_bind_one(test, &w);
		w.off = 0;
	}
	kvfree(addrs);
}

static void bench_format_desc(const char *const *p, char *desc)
{
	strscpy(desc, *p, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bench_format, bench_formats, bench_format_desc);

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

#if BENCH_IOPT
static void bench_translate_iopt(struct kunit *test, const char *wl,
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

	ops = iopt_new(test, &c);
	for (i = 0; i < n; i++)
		iopt_map(test, ops, va(i), dev(i), SZ_4K, SZ_4K);
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
	bench_print(wl, "gp100", "io_pgtable", &st, TRANSLATIONS);
	bench_print(wwl, "gp100", "io_pgtable", &st, TRANSLATIONS);
}
#else
static void bench_translate_iopt(struct kunit *test, const char *wl,
				 const char *wwl, u32 n,
				 u64 (*va)(unsigned int i),
				 u64 (*dev)(unsigned int i),
				 const u32 *pick, u64 want)
{
}
#endif

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
	bench_print(wl, "gp100", "vcm", &st, TRANSLATIONS);
	bench_print(wwl, "gp100", "vcm", &walk, TRANSLATIONS);

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
	bench_print(wl, "gp100", "memory", &lim, TRANSLATIONS);
	bench_print(wwl, "gp100", "memory", &lim, TRANSLATIONS);
	kvfree(flat);

	bench_translate_iopt(test, wl, wwl, n, va, dev, pick, want);
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
static void vcm_bench_translate(struct kunit *test)
{
	const unsigned long n = SZ_1G >> PAGE_SHIFT;
	dma_addr_t *addrs = bench_dense_addrs(test, n);
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 flushes = 0;

	mem = drm_vcm_mem_from_pages(NULL, addrs, n, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = bench_attach(test, vcm, drm_vcm_format_find("gp100"), &flushes);
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

#if BENCH_IOPT
static void bench_scatter_iopt(struct kunit *test, const dma_addr_t *addrs)
{
	struct bench_stat bind = {}, unbind = {};
	struct io_pgtable_ops *ops;
	unsigned int i, rep;
	struct bench_iopt c;
	u64 tbytes = 0;

	for (rep = 0; rep < BENCH_RUNS; rep++) {
		ops = iopt_new(test, &c);
		stat_start(&bind);
		for (i = 0; i < SCATTER_BINDS; i++)
			iopt_map(test, ops, scatter_va(i), addrs[i],
				 SZ_4K, SZ_4K);
		stat_stop(&bind);
		tbytes = c.bytes;
		stat_start(&unbind);
		for (i = 0; i < SCATTER_BINDS; i++)
			iopt_unmap(test, ops, scatter_va(i), SZ_4K,
				   SZ_4K);
		stat_stop(&unbind);
		free_io_pgtable_ops(ops);
	}
	bench_print("scatter-100k", "gp100", "io_pgtable", &bind,
		    SCATTER_BINDS);
	bench_print("unbind-scatter-100k", "gp100", "io_pgtable",
		    &unbind, SCATTER_BINDS);
	pr_info("VCMBENCH-META scatter-100k gp100 iopt_table_bytes=%llu iopt_pgsize=4096\n",
		tbytes);
}
#else
static void bench_scatter_iopt(struct kunit *test, const dma_addr_t *addrs)
{
}
#endif

/*
 * 100 000 binds of one 4 KiB page each, over a 48-bit gp100 space, then
 * one million translations among them, then the unbinds.
 */
static void vcm_bench_scatter(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("gp100");
	struct bench_stat bind = {}, unbind = {}, st = {};
	u64 flushes = 0, bflush = 0, uflush = 0, tbytes = 0;
	dma_addr_t *addrs = bench_dense_addrs(test, SCATTER_BINDS);
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
	mmu = bench_attach(test, vcm, f, &flushes);
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
	bench_print("scatter-100k", f->name, "vcm", &bind, SCATTER_BINDS);
	bench_print("unbind-scatter-100k", f->name, "vcm", &unbind,
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

	table = bench_pages(test, SCATTER_BINDS * sizeof(u64));
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		stat_start(&st);
		memset64(table, BENCH_DENSE | 1, SCATTER_BINDS);
		stat_stop(&st);
	}
	bench_print("scatter-100k", f->name, "memory", &st, SCATTER_BINDS);
	bench_print("unbind-scatter-100k", f->name, "memory", &st,
		    SCATTER_BINDS);
	bench_free_pages(table, SCATTER_BINDS * sizeof(u64));

	bench_scatter_iopt(test, addrs);
	kvfree(addrs);
}

#if BENCH_IOPT
static void bench_spaces_iopt(struct kunit *test,
			      const struct drm_vcm_format *f)
{
	struct bench_stat st = {};
	struct io_pgtable_ops *ops;
	unsigned int i, rep;
	struct bench_iopt c;

	for (rep = 0; rep < BENCH_RUNS; rep++) {
		stat_start(&st);
		for (i = 0; i < SPACES; i++) {
			ops = iopt_new(test, &c);
			free_io_pgtable_ops(ops);
		}
		stat_stop(&st);
	}
	bench_print("spaces-10k", f->name, "io_pgtable", &st, SPACES);
}
#else
static void bench_spaces_iopt(struct kunit *test,
			      const struct drm_vcm_format *f)
{
}
#endif

/* Create a space, attach an MMU, detach it, destroy the space: 10 000 times. */
static void vcm_bench_spaces(struct kunit *test)
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
			mmu = bench_attach(test, vcm, f, &flushes);
			top = mmu->stats.table_bytes;
			drm_vcm_mmu_detach(mmu);
			KUNIT_ASSERT_EQ(test, drm_vcm_destroy(vcm), 0);
		}
		stat_stop(&st);
	}
	bench_print("spaces-10k", f->name, "vcm", &st, SPACES);
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
	bench_print("spaces-10k", f->name, "memory", &st, SPACES);

	bench_spaces_iopt(test, f);
}

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
