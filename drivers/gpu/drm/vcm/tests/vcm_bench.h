/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * What the files of the VCM benchmark suite share (make bench only):
 * vcm_bench.c (the suite, its workload table, timing and report),
 * vcm_bench_min.c (the fewest entries and table bytes a format allows),
 * vcm_bench_bind.c (bind and unbind against the per-page, writer and
 * memory baselines), vcm_bench_lookup.c (scattered binds, translation,
 * space creation) and vcm_bench_iopt.c (the io-pgtable baseline).
 */
#ifndef __VCM_BENCH_H__
#define __VCM_BENCH_H__

#include <linux/ktime.h>
#include <linux/sizes.h>
#include <kunit/test.h>
#include <drm/drm_vcm.h>

#if IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_LPAE)
#include <linux/io-pgtable.h>
#define BENCH_IOPT	1
#else
#define BENCH_IOPT	0
#endif

#if IS_ENABLED(CONFIG_UML) && !defined(MODULE)
#include <os.h>
#define BENCH_HOST_CLOCK	1
#else
#define BENCH_HOST_CLOCK	0
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

/* Byte offset of the unaligned contiguous workload: 4 KiB past 2 MiB. */
#define BENCH_UNALIGNED	(SZ_2M + SZ_4K)

/*
 * Binds, and unbinds, a sample of a contiguous workload times at least:
 * at 1 GiB one bind writes a few hundred entries in a microsecond or two.
 */
#define BENCH_CONTIG_OPS	64

/* Samples of one path, in ns; the first is the warm-up's. */
struct bench_stat {
	u64 s[BENCH_RUNS];
	unsigned int n;
	u64 t0;
};

/*
 * The clock of every sample, in ns. UML's clocksource reads the host's
 * CLOCK_MONOTONIC and divides it by 256 (TIMER_MULTIPLIER), so there
 * ktime_get_ns() moves in steps of 256 ns. Built into a UML kernel, read
 * the same host clock whole with os_nsecs(), as that clocksource does
 * (it is not exported to modules); elsewhere, ktime_get_ns().
 */
static inline u64 bench_clock_ns(void)
{
#if BENCH_HOST_CLOCK
	return os_nsecs();
#else
	return ktime_get_ns();
#endif
}

static inline void stat_start(struct bench_stat *st)
{
	st->t0 = bench_clock_ns();
}

static inline void stat_stop(struct bench_stat *st)
{
	st->s[st->n++] = bench_clock_ns() - st->t0;
}

/* A sample summed over several timed intervals. */
static inline void stat_put(struct bench_stat *st, u64 ns)
{
	st->s[st->n++] = ns;
}

/*
 * The per-page path's indirect calls; computing an entry is the format's
 * writer for one entry, itself an indirect call.
 */
struct bench_pp_ops {
	void (*set_page)(void *table, unsigned long i, u64 entry);
	void (*flush)(u64 *flushes);
};

/*
 * One bind/unbind workload (vcm_bench_bind.c): @k ranges of @size, each
 * bound, then each unbound, in turn, @r times per sample (the per-page
 * path and memory once). Every repetition runs every path, one after the
 * other, so that a busy spell of the machine hits them alike.
 */
struct bench_bind {
	const struct drm_vcm_format *f;
	u64 size;
	bool contig;
	u64 off;			/* VA and backing offset: unaligned */
	u64 pgsize;			/* page size VCM's leaves use for it */
	const dma_addr_t *addrs;	/* the dense backing's pages */
	unsigned int k, r;
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

	/* the writer over one table per leaf table, in hand and allocated */
	struct page **wt_pages;
	unsigned int wt_n, wt_order;
	struct bench_stat wt, wa;

	/* memory */
	void *lim_table;
	unsigned int lim_esz;
	unsigned long lim_n, inner;
	struct bench_stat lim;

	/* io-pgtable */
	u64 iopg, iopa, iobytes;
	struct bench_stat ib, iu;

	/* a path's untimed run right before its timed one */
	bool warm;
	struct bench_stat scratch;
	u64 scratch_flushes;
};

/*
 * Where a path of @w records a sample into @st: @st, or while the path
 * warms up (bench_bind_one()) a scratch stat that is never reported.
 */
static inline struct bench_stat *bench_st(struct bench_bind *w,
					  struct bench_stat *st)
{
	if (!w->warm)
		return st;
	w->scratch.n = 0;
	return &w->scratch;
}

/*
 * The backing of adjacent ranges of @range bytes from table VA @va, each
 * bound to the same backing, for vcm_bench_min_entries().
 */
struct bench_backing {
	bool contig;
	u64 va;			/* table VA of the first range's first byte */
	u64 range;
	u64 pa;			/* its address, for contiguous backing */
	enum drm_vcm_location loc;
};

/* vcm_bench.c: timing, report and what every workload needs. */
void vcm_bench_print(const char *wl, const char *fmt, const char *path,
		     struct bench_stat *st, u64 ops);
struct drm_vcm_mmu *vcm_bench_attach(struct kunit *test, struct drm_vcm *vcm,
				     const struct drm_vcm_format *f,
				     u64 *flushes);
void *vcm_bench_pages(struct kunit *test, size_t bytes);
void vcm_bench_free_pages(void *p, size_t bytes);
dma_addr_t *vcm_bench_dense_addrs(struct kunit *test, unsigned long npages);

/* vcm_bench_min.c: what the format's table kinds alone allow. */
unsigned int vcm_bench_leaf_type(const struct drm_vcm_format *f);
u64 vcm_bench_min_bytes(const struct drm_vcm_format *f, u64 start, u64 len,
			u64 va, u64 size);
u64 vcm_bench_min_entries(const struct drm_vcm_format *f, unsigned int type,
			  u64 tbase, u64 a, u64 b,
			  const struct bench_backing *bk);

/* vcm_bench_iopt.c: the io-pgtable baseline of each workload. */
#if BENCH_IOPT
/* io-pgtable with tables from the page allocator, counting what it holds. */
struct bench_iopt {
	u64 bytes;
	u64 flushes;
};

struct io_pgtable_ops *vcm_bench_iopt_new(struct kunit *test,
					  struct bench_iopt *c);
void vcm_bench_iopt_map(struct kunit *test, struct io_pgtable_ops *ops,
			u64 iova, u64 pa, u64 size, u64 pgsize);
void vcm_bench_iopt_unmap(struct kunit *test, struct io_pgtable_ops *ops,
			  u64 iova, u64 size, u64 pgsize);
void vcm_bench_iopt_bind_rep(struct kunit *test, struct bench_bind *w,
			     unsigned int rep);
void vcm_bench_iopt_bind_done(struct bench_bind *w);
void vcm_bench_iopt_translate(struct kunit *test, const char *wl,
			      const char *wwl, u32 n,
			      u64 (*va)(unsigned int i),
			      u64 (*dev)(unsigned int i),
			      const u32 *pick, u64 want);
void vcm_bench_iopt_scatter(struct kunit *test, const dma_addr_t *addrs,
			    u64 (*va)(unsigned int i));
void vcm_bench_iopt_spaces(struct kunit *test, const struct drm_vcm_format *f);
#else
static inline void vcm_bench_iopt_bind_rep(struct kunit *test,
					   struct bench_bind *w,
					   unsigned int rep)
{
}

static inline void vcm_bench_iopt_bind_done(struct bench_bind *w)
{
}

static inline void vcm_bench_iopt_translate(struct kunit *test,
					    const char *wl, const char *wwl,
					    u32 n, u64 (*va)(unsigned int i),
					    u64 (*dev)(unsigned int i),
					    const u32 *pick, u64 want)
{
}

static inline void vcm_bench_iopt_scatter(struct kunit *test,
					  const dma_addr_t *addrs,
					  u64 (*va)(unsigned int i))
{
}

static inline void vcm_bench_iopt_spaces(struct kunit *test,
					 const struct drm_vcm_format *f)
{
}
#endif

/*
 * The workloads: one KUnit case each, listed in vcm_bench.c's table.
 * Those taking a format run once per name of vcm_bench_formats.
 */
void vcm_bench_bind(struct kunit *test);
void vcm_bench_scatter(struct kunit *test);
void vcm_bench_translate(struct kunit *test);
void vcm_bench_spaces(struct kunit *test);

#endif /* __VCM_BENCH_H__ */
