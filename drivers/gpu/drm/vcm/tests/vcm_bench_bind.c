// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM benchmarks: bind and unbind of 4 KiB to 1 GiB ranges, dense 4 KiB
 * pages and contiguous VRAM, on one format per case, each repetition
 * running VCM and every baseline in turn (the per-page path, the writer,
 * memory and, in vcm_bench_iopt.c, io-pgtable); for the 1 GiB binds the
 * engine's steps timed one by one and the entries written counted against
 * the fewest the format allows (vcm_bench_min.c).
 */

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "vcm_compat.h"
#include "vcm_internal.h"
#include "vcm_bench.h"

/* One entry as a writer stores it, read back at its own width. */
union bench_entry {
	__le64 q;
	__le32 l;
};

static u64 bench_entry_val(const union bench_entry *e, unsigned int esz)
{
	return esz == 4 ? le32_to_cpu(e->l) : le64_to_cpu(e->q);
}

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

/*
 * So that a sample lasts long enough to time, small sizes are timed over
 * up to 4096 adjacent ranges, 64 MiB in all.
 */
static unsigned int bench_ranges(u64 size)
{
	return clamp_t(u64, SZ_64M / size, 1, 4096);
}

/*
 * Contiguous ranges bind a few large pages each: their samples repeat
 * the bind, then the unbind, of the @k ranges until BENCH_CONTIG_OPS
 * binds, each cycle doing what the first does (the unbind frees what the
 * bind allocated).
 */
static unsigned int bench_cycles(const struct bench_bind *w)
{
	return w->contig ? max_t(unsigned int, 1, BENCH_CONTIG_OPS / w->k) : 1;
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
	w->mmu = vcm_bench_attach(test, w->vcm, w->f, &w->flushes);
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
	w->entries_min = vcm_bench_min_entries(f, 0, 0, bk.va,
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
	u64 t, ns[3] = {};
	struct vcm_req *req;
	unsigned int c, i;

	if (w->size < SZ_1G)
		return;
	req = kcalloc(w->k, sizeof(*req), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, req);
	for (c = 0; c < w->r; c++) {
		for (i = 0; i < w->k; i++) {
			req[i] = (struct vcm_req) {
				.va = BENCH_VA + w->off + i * w->size,
				.size = w->size,
				.run.flags = BENCH_FLAGS,
				.run.loc = w->mem->loc,
			};
			vcm_mem_seek(w->mem, 0, &req[i].run);
		}
		t = bench_clock_ns();
		for (i = 0; i < w->k; i++)
			KUNIT_ASSERT_EQ(test, vcm_pt_prepare(w->mmu, &req[i]),
					0);
		ns[0] += bench_clock_ns() - t;
		t = bench_clock_ns();
		for (i = 0; i < w->k; i++)
			vcm_pt_map(w->mmu, &req[i]);
		ns[1] += bench_clock_ns() - t;
		t = bench_clock_ns();
		for (i = 0; i < w->k; i++)
			w->mmu->ops->flush(w->mmu, req[i].va, req[i].size);
		ns[2] += bench_clock_ns() - t;
		for (i = 0; i < w->k; i++) {
			vcm_pt_unmap(w->mmu, &req[i]);
			w->mmu->ops->flush(w->mmu, req[i].va, req[i].size);
			vcm_pt_release(w->mmu);
		}
	}
	for (i = 0; i < 3; i++)
		stat_put(&w->ph[i], ns[i]);
	kfree(req);
}

static void bench_vcm_rep(struct kunit *test, struct bench_bind *w,
			  unsigned int rep)
{
	u64 f0, t, tb = 0, tu = 0;
	u64 last = BENCH_VA + w->off + w->k * w->size - SZ_4K;
	unsigned int c, i;
	dma_addr_t a;

	for (c = 0; c < w->r; c++) {
		f0 = w->flushes;
		t = bench_clock_ns();
		for (i = 0; i < w->k; i++)
			KUNIT_ASSERT_EQ(test, drm_vcm_bind(w->res[i], 0,
							   w->size, w->mem, 0,
							   BENCH_FLAGS), 0);
		tb += bench_clock_ns() - t;
		if (!w->warm)
			w->bflush += w->flushes - f0;
		if (!rep && !c) {
			w->tbytes = w->mmu->stats.table_bytes;
			bench_count_entries(test, w);
			/* The tables, read back, map the last page. */
			KUNIT_ASSERT_EQ(test,
					drm_vcm_mmu_translate(w->mmu,
							      last + 0x10, &a,
							      NULL), 0);
			KUNIT_ASSERT_EQ(test, a,
					bench_addr(w, w->size - SZ_4K) + 0x10);
		}
		f0 = w->flushes;
		t = bench_clock_ns();
		for (i = 0; i < w->k; i++)
			KUNIT_ASSERT_EQ(test, drm_vcm_unbind(w->res[i], 0), 0);
		tu += bench_clock_ns() - t;
		if (!w->warm)
			w->uflush += w->flushes - f0;
		if (!rep && !c)
			KUNIT_ASSERT_EQ(test,
					drm_vcm_mmu_translate(w->mmu, last, &a,
							      NULL), -ENOENT);
	}
	stat_put(bench_st(w, &w->vb), tb);
	stat_put(bench_st(w, &w->vu), tu);
}

static void bench_vcm_done(struct kunit *test, struct bench_bind *w)
{
	u64 span = w->k * w->size;
	unsigned int i;

	vcm_bench_print(w->wl, w->f->name, "vcm", &w->vb, w->k * w->r);
	vcm_bench_print(w->uwl, w->f->name, "vcm", &w->vu, w->k * w->r);
	pr_info("VCMBENCH-META %s %s flushes=%llu ops=%u mapped=%llu table_bytes=%llu table_min=%llu\n",
		w->wl, w->f->name, w->bflush, BENCH_RUNS * w->k * w->r, span,
		w->tbytes, w->contig ? 0 :
		vcm_bench_min_bytes(w->f, w->start, w->len, BENCH_VA, span));
	pr_info("VCMBENCH-META %s %s flushes=%llu ops=%u\n", w->uwl,
		w->f->name, w->uflush, BENCH_RUNS * w->k * w->r);
	pr_info("VCMBENCH-META %s %s entries=%llu entries_min=%llu\n", w->wl,
		w->f->name, w->entries, w->entries_min);
	if (w->ph[0].n) {
		vcm_bench_print(w->wl, w->f->name, "vcm_prepare", &w->ph[0],
				w->k * w->r);
		vcm_bench_print(w->wl, w->f->name, "vcm_write", &w->ph[1],
				w->k * w->r);
		vcm_bench_print(w->wl, w->f->name, "vcm_flush", &w->ph[2],
				w->k * w->r);
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

	w->type = vcm_bench_leaf_type(w->f);
	w->esz = w->f->tables[w->type].entry_size;
	w->shadow = kvcalloc(total, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->shadow);
	w->pp_table = vcm_bench_pages(test, total * w->esz);
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
	struct bench_stat *pb = bench_st(w, &w->pb), *pu = bench_st(w, &w->pu);
	u64 *ppf = w->warm ? &w->scratch_flushes : &w->ppf;
	struct drm_vcm_entry ent = {};
	union bench_entry e = {};
	struct drm_vcm_seg seg;
	unsigned int i;
	u64 v;

	stat_start(pb);
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
		w->o.flush(ppf);
	}
	stat_stop(pb);
	if (!rep) {
		/* The format's decoder reads the last page back. */
		f->decode(w->mmu, w->type, w->pp_table + (total - 1) * w->esz,
			  total - 1, &ent);
		KUNIT_ASSERT_EQ(test, ent.kind, DRM_VCM_ENTRY_PTE);
		KUNIT_ASSERT_EQ(test, ent.addr,
				bench_addr(w, w->size - SZ_4K));
	}
	stat_start(pu);
	for (i = 0; i < w->k; i++) {
		for (j = i * n; j < (i + 1) * n; j++) {
			w->shadow[j] = w->dummy;
			w->o.set_page(w->pp_table, j, w->dummy);
		}
		w->o.flush(ppf);
	}
	stat_stop(pu);
}

static void bench_pp_done(struct kunit *test, struct bench_bind *w)
{
	unsigned long total = w->k * (w->size >> 12);

	KUNIT_EXPECT_EQ(test, w->ppf, 2 * BENCH_RUNS * w->k);
	vcm_bench_print(w->wl, w->f->name, "per_page", &w->pb, w->k);
	vcm_bench_print(w->uwl, w->f->name, "per_page", &w->pu, w->k);
	kvfree(w->shadow);
	vcm_bench_free_pages(w->pp_table, total * w->esz);
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
	struct bench_stat *st;
	struct drm_vcm_entry ent = {};
	unsigned int c, i;
	u64 va;

	if (!w->wr_table)
		return;
	k = &w->f->tables[w->wr_type];
	st = bench_st(w, &w->wr);
	stat_start(st);
	for (c = 0; c < w->k * w->r; c++) {
		i = c % w->k;
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
	stat_stop(st);
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
	vcm_bench_print(w->wl, w->f->name, "writer", &w->wr, w->k * w->r);
	kvfree(w->wr_table);
}

/*
 * The writer again, one call per leaf table the range spans, each into a
 * table of its own of the leaf kind's size: what a bind cannot avoid where
 * its leaf tables hang below others, with the tables in hand ("tables")
 * and with them allocated in the timed part too ("tables_alloc", unzeroed;
 * tables of one page from one call into the page allocator, where VCM's
 * stash takes them 32 to a call). Only for the 1 GiB dense binds, the
 * vs_writer target's, of formats whose leaf table is not the top one.
 */
static void bench_wt_alloc(struct kunit *test, struct bench_bind *w)
{
	unsigned int i, got = 0, n;

	if (!w->wt_order) {
		while (got < w->wt_n) {
			n = vcm_compat_alloc_pages_bulk(GFP_KERNEL, w->wt_n,
							w->wt_pages);
			KUNIT_ASSERT_GT(test, n, got);
			got = n;
		}
		return;
	}
	for (i = 0; i < w->wt_n; i++) {
		w->wt_pages[i] = alloc_pages(GFP_KERNEL, w->wt_order);
		KUNIT_ASSERT_NOT_NULL(test, w->wt_pages[i]);
	}
}

static void bench_wt_free(struct bench_bind *w)
{
	unsigned int i;

	for (i = 0; i < w->wt_n; i++) {
		if (w->wt_pages[i])
			__free_pages(w->wt_pages[i], w->wt_order);
		w->wt_pages[i] = NULL;
	}
}

static void bench_wt_setup(struct kunit *test, struct bench_bind *w)
{
	const struct drm_vcm_fmt_table *k;
	unsigned long per;

	if (!w->wr_table || w->contig || w->size < SZ_1G || !w->wr_type)
		return;
	k = &w->f->tables[w->wr_type];
	per = 1UL << k->bits;
	if (k->header || k->group > 1 || w->wr_n % per)
		return;
	w->wt_n = w->wr_n / per;
	w->wt_order = get_order(per * k->entry_size);
	w->wt_pages = kcalloc(w->wt_n, sizeof(*w->wt_pages), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->wt_pages);
	bench_wt_alloc(test, w);
}

/* The writer over every table, from the start of the backing. */
static void bench_wt_write(struct bench_bind *w)
{
	const struct drm_vcm_fmt_table *k = &w->f->tables[w->wr_type];
	u64 span = w->pgsize << k->bits;
	struct drm_vcm_pte_run run = {
		.pgsize = w->pgsize,
		.flags = BENCH_FLAGS,
		.loc = w->mem->loc,
	};
	unsigned int i;

	vcm_mem_seek(w->mem, 0, &run);
	for (i = 0; i < w->wt_n; i++) {
		run.va = BENCH_VA + i * span;
		w->f->write_ptes(w->mmu, w->wr_type,
				 page_address(w->wt_pages[i]),
				 (run.va >> k->shift) & (BIT(k->bits) - 1),
				 BIT(k->bits), &run);
	}
}

static void bench_wt_rep(struct kunit *test, struct bench_bind *w,
			 unsigned int rep)
{
	const struct drm_vcm_fmt_table *k;
	struct drm_vcm_entry ent = {};
	struct bench_stat *st;
	u32 last;

	if (!w->wt_n)
		return;
	st = bench_st(w, &w->wt);
	stat_start(st);
	bench_wt_write(w);
	stat_stop(st);

	bench_wt_free(w);
	st = bench_st(w, &w->wa);
	stat_start(st);
	bench_wt_alloc(test, w);
	bench_wt_write(w);
	stat_stop(st);
	if (rep)
		return;
	/* The format's decoder reads the last entry of the last table. */
	k = &w->f->tables[w->wr_type];
	last = BIT(k->bits) - 1;
	w->f->decode(w->mmu, w->wr_type,
		     page_address(w->wt_pages[w->wt_n - 1]) +
		     last * k->entry_size, last, &ent);
	KUNIT_ASSERT_EQ(test, ent.kind, DRM_VCM_ENTRY_PTE);
	KUNIT_ASSERT_EQ(test, ent.addr, bench_addr(w, w->size - w->pgsize));
}

static void bench_wt_done(struct bench_bind *w)
{
	if (!w->wt_n)
		return;
	vcm_bench_print(w->wl, w->f->name, "tables", &w->wt, w->k * w->r);
	vcm_bench_print(w->wl, w->f->name, "tables_alloc", &w->wa,
			w->k * w->r);
	bench_wt_free(w);
	kfree(w->wt_pages);
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
	w->lim_table = vcm_bench_pages(test, w->k * w->lim_n * w->lim_esz);
}

static void bench_lim_rep(struct kunit *test, struct bench_bind *w,
			  unsigned int rep)
{
	struct bench_stat *st = bench_st(w, &w->lim);
	unsigned long r;
	unsigned int i;

	stat_start(st);
	for (r = 0; r < w->inner; r++)
		for (i = 0; i < w->k; i++)
			bench_fill(w->lim_table + i * w->lim_n * w->lim_esz,
				   w->lim_esz, BENCH_DENSE | 0x63, w->lim_n);
	stat_stop(st);
}

static void bench_lim_done(struct bench_bind *w)
{
	vcm_bench_print(w->wl, w->f->name, "memory", &w->lim, w->k * w->inner);
	vcm_bench_print(w->uwl, w->f->name, "memory", &w->lim, w->k * w->inner);
	vcm_bench_free_pages(w->lim_table, w->k * w->lim_n * w->lim_esz);
}

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

/*
 * One repetition of a path: once untimed, then timed. Every path is
 * timed right after a run of its own, with its code and data as warm as
 * the machine keeps them, whatever ran before it: timed cold, the first
 * path after the per-page path's sweep of megabytes paid for that sweep.
 */
static void bench_warm_rep(struct kunit *test, struct bench_bind *w,
			   unsigned int rep,
			   void (*fn)(struct kunit *test, struct bench_bind *w,
				      unsigned int rep))
{
	w->warm = true;
	fn(test, w, rep);
	w->warm = false;
	fn(test, w, rep);
}

static void bench_bind_one(struct kunit *test, const struct bench_bind *tmpl)
{
	struct bench_bind *w = kzalloc(sizeof(*w), GFP_KERNEL);
	unsigned int rep;

	KUNIT_ASSERT_NOT_NULL(test, w);
	*w = *tmpl;
	w->k = bench_ranges(w->size);
	w->r = bench_cycles(w);
	bench_size_name(w->wl, sizeof(w->wl), "bind", w);
	bench_size_name(w->uwl, sizeof(w->uwl), "unbind", w);
	bench_vcm_setup(test, w);
	bench_pp_setup(test, w);
	bench_wr_setup(test, w);
	bench_wt_setup(test, w);
	bench_lim_setup(test, w);
	for (rep = 0; rep < BENCH_RUNS; rep++) {
		bench_warm_rep(test, w, rep, bench_vcm_rep);
		bench_phase_rep(test, w);
		bench_warm_rep(test, w, rep, bench_pp_rep);
		bench_warm_rep(test, w, rep, bench_wr_rep);
		bench_warm_rep(test, w, rep, bench_wt_rep);
		bench_warm_rep(test, w, rep, vcm_bench_iopt_bind_rep);
		bench_warm_rep(test, w, rep, bench_lim_rep);
	}
	bench_pp_done(test, w);
	bench_vcm_done(test, w);
	bench_wr_done(w);
	bench_wt_done(w);
	bench_lim_done(w);
	vcm_bench_iopt_bind_done(w);
	kfree(w);
}

/* 4 KiB and 1 MiB (256 x 4 KiB in one call) as generic_pt measures. */
static const u64 bench_sizes[] = {
	SZ_4K, SZ_64K, SZ_1M, SZ_2M, SZ_256M, SZ_1G
};

/* Bind and unbind, dense and contiguous, on one format. */
void vcm_bench_bind(struct kunit *test)
{
	const struct drm_vcm_format *f =
		drm_vcm_format_find(*(const char *const *)test->param_value);
	struct bench_bind w = { .f = f };
	dma_addr_t *addrs;
	unsigned int s;

	KUNIT_ASSERT_NOT_NULL(test, f);
	addrs = vcm_bench_dense_addrs(test, SZ_1G >> PAGE_SHIFT);
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
