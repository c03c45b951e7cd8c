// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_selftest: binds and translates through every built-in VCM format
 * when loaded, on whatever kernel it was built for, and reports each check
 * in the kernel log as "vcm_selftest: ok N name" or "not ok N name",
 * ending with "vcm_selftest: done pass=P fail=F". The project's VM test
 * tier reads those lines. Loading succeeds even when a check fails, so
 * the log tells what failed.
 */

#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <drm/drm_vcm.h>

#include "vcm_compat.h"

#define NPAGES	8

static unsigned int st_num, st_fail;

static void st_report(bool ok, const char *fmt, const char *what)
{
	st_num++;
	if (!ok)
		st_fail++;
	pr_info("vcm_selftest: %sok %u %s-%s\n", ok ? "" : "not ", st_num,
		fmt, what);
}

struct st_mmu {
	unsigned int flushes;
	dma_addr_t top;
};

static int st_activate(struct drm_vcm_mmu *mmu, dma_addr_t top)
{
	struct st_mmu *st = drm_vcm_mmu_priv(mmu);

	st->top = top;
	return 0;
}

static void st_flush(struct drm_vcm_mmu *mmu, u64 start, u64 size)
{
	struct st_mmu *st = drm_vcm_mmu_priv(mmu);

	st->flushes++;
}

static const struct drm_vcm_mmu_ops st_ops = {
	.activate = st_activate,
	.flush = st_flush,
};

/* Does every page of [va, va + n pages) translate to addrs[]? */
static bool st_translates(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu,
			  u64 va, const dma_addr_t *addrs, unsigned int n,
			  const char *fmt)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct drm_vcm_entry e;
		dma_addr_t sw, hw;

		if (drm_vcm_translate(vcm, va + i * PAGE_SIZE, &sw, NULL) ||
		    drm_vcm_mmu_translate(mmu, va + i * PAGE_SIZE, &hw, &e) ||
		    sw != addrs[i] || hw != addrs[i])
			return false;
		if (!i)
			pr_info("vcm_selftest: %s: va %#llx -> pa %#llx (entry %#018llx, %llu KiB page)\n",
				fmt, va, (u64)hw, e.raw, e.pgsize >> 10);
	}
	return true;
}

/*
 * A whole directory entry's span of contiguous VRAM: the engine must pick
 * the format's larger page. Only device addresses are written, so the
 * "VRAM" need not exist.
 */
static void st_large(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu,
		     const struct drm_vcm_format *f)
{
	u64 span = 1ULL << f->tables[0].shift;
	u64 large = 1ULL << f->tables[f->tables[0].child[0]].shift;
	/* Above 4 GiB where dma_addr_t can say so (not on plain i386). */
	dma_addr_t vram = sizeof(dma_addr_t) > 4 ? (dma_addr_t)SZ_4G : SZ_1G;
	dma_addr_t pa;
	struct drm_vcm_entry e;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	int ret;

	res = drm_vcm_reserve_at(vcm, span, span);
	mem = drm_vcm_mem_contig(NULL, vram, span, DRM_VCM_LOC_DEVICE);
	if (IS_ERR(res) || IS_ERR(mem)) {
		st_report(false, f->name, "large-setup");
		goto out;
	}
	ret = drm_vcm_bind(res, 0, span, mem, 0, DRM_VCM_READ | DRM_VCM_WRITE);
	st_report(!ret && !drm_vcm_mmu_translate(mmu, span + large, &pa, &e) &&
		  pa == vram + large && e.pgsize == large, f->name,
		  "large-page");
	if (!ret) {
		pr_info("vcm_selftest: %s: va %#llx -> pa %#llx (entry %#018llx, %llu KiB page)\n",
			f->name, span + large, (u64)pa, e.raw, e.pgsize >> 10);
		drm_vcm_unbind(res, 0);
	}
out:
	if (!IS_ERR(mem))
		drm_vcm_mem_put(mem);
	if (!IS_ERR(res))
		drm_vcm_unreserve(res);
}

/* VRAM where @f maps it (its large pages), else system RAM. */
static enum drm_vcm_location st_split_loc(const struct drm_vcm_format *f)
{
	unsigned int i;

	for (i = 0; i < f->ntables; i++)
		if (f->tables[i].leaf &&
		    f->tables[i].locs & BIT(DRM_VCM_LOC_DEVICE))
			return DRM_VCM_LOC_DEVICE;
	return DRM_VCM_LOC_SYSTEM;
}

/*
 * Does @va translate to @pa through @mmu's tables, from a page entry that
 * does not reach into [@hs, @he)?
 */
static bool st_split_kept(struct drm_vcm_mmu *mmu, u64 va, dma_addr_t pa,
			  u64 hs, u64 he)
{
	struct drm_vcm_entry e;
	dma_addr_t a;
	u64 first;

	if (drm_vcm_mmu_translate(mmu, va, &a, &e) || a != pa || !e.pgsize)
		return false;
	first = va & ~(e.pgsize - 1);
	return first + e.pgsize <= hs || first >= he;
}

/*
 * A hole of 8 KiB in a binding of @size (at its start, middle or end by
 * @where) of contiguous device addresses, which the engine maps with the
 * largest pages the format has; what is left still translates, from
 * pages that stop at the hole, and is two bindings.
 */
static bool st_split_hole(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu,
			  const struct drm_vcm_format *f, u64 size,
			  unsigned int where, unsigned int *flushes)
{
	dma_addr_t base = f->pa_bits > 32 && sizeof(dma_addr_t) > 4 ?
			  (dma_addr_t)SZ_4G : SZ_1G;
	u64 hs = where == 0 ? 0 : where == 1 ? size / 2 - SZ_4K :
		 size - SZ_8K;
	u64 he = hs + SZ_8K, va, off, step = size / 64;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	dma_addr_t a;
	bool ok = true;
	int i;

	res = drm_vcm_reserve(vcm, size, size);
	mem = drm_vcm_mem_contig(NULL, base, size, st_split_loc(f));
	if (IS_ERR(res) || IS_ERR(mem) ||
	    drm_vcm_bind(res, 0, size, mem, 0, DRM_VCM_READ)) {
		ok = false;
		goto out;
	}
	va = drm_vcm_res_addr(res);
	*flushes += 2;
	ok = !drm_vcm_unbind_range(res, hs, he - hs) && res->nbound ==
	     (hs > 0) + (he < size);
	for (off = hs; off < he; off += SZ_4K)
		ok &= drm_vcm_mmu_translate(mmu, va + off, &a, NULL) == -ENOENT &&
		      drm_vcm_translate(vcm, va + off, &a, NULL) == -ENOENT;
	for (i = -16; i < 16; i++) {
		off = hs + i * SZ_4K;
		if ((off < hs || off >= he) && off < size)
			ok &= st_split_kept(mmu, va + off, base + off, va + hs,
					    va + he);
		off = he + i * SZ_4K;
		if ((off < hs || off >= he) && off < size)
			ok &= st_split_kept(mmu, va + off, base + off, va + hs,
					    va + he);
	}
	for (off = 0; off < size; off += step)
		if (off < hs || off >= he)
			ok &= st_split_kept(mmu, va + off, base + off, va + hs,
					    va + he);
	if (hs)
		ok &= !drm_vcm_unbind(res, 0);
	if (he < size)
		ok &= !drm_vcm_unbind(res, he);
	*flushes += (hs > 0) + (he < size);
	ok &= mmu->stats.tables == 1 && !res->nbound;
out:
	if (!IS_ERR_OR_NULL(res) && res->nbound)
		drm_vcm_unbind_range(res, 0, size);
	if (!IS_ERR(mem))
		drm_vcm_mem_put(mem);
	if (!IS_ERR(res))
		drm_vcm_unreserve(res);
	return ok;
}

/*
 * Holes at the start, middle and end of bindings of 64 KiB, 2 MiB and
 * 1 GiB (where the space has room), then the middle of two adjacent
 * bindings replaced by other pages with other flags, in one request.
 */
static void st_split(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu,
		     const struct drm_vcm_format *f, struct st_mmu *st,
		     const dma_addr_t *addrs)
{
	static const u64 sizes[] = { SZ_64K, SZ_2M, SZ_1G };
	dma_addr_t base = f->pa_bits > 32 && sizeof(dma_addr_t) > 4 ?
			  (dma_addr_t)SZ_4G : SZ_1G;
	struct drm_vcm_mem *a = NULL, *n = NULL;
	unsigned int s, w, flushes = st->flushes;
	struct drm_vcm_res *res;
	bool ok = true;
	u64 va, off;
	dma_addr_t pa;

	for (s = 0; s < ARRAY_SIZE(sizes); s++)
		for (w = 0; w < 3 && sizes[s] <= vcm->size / 2; w++)
			ok &= st_split_hole(vcm, mmu, f, sizes[s], w, &flushes);
	st_report(ok && st->flushes == flushes, f->name, "split-holes");

	res = drm_vcm_reserve(vcm, SZ_128K, SZ_128K);
	a = drm_vcm_mem_contig(NULL, base, SZ_128K, st_split_loc(f));
	n = drm_vcm_mem_from_pages(NULL, addrs, NPAGES, DRM_VCM_LOC_SYSTEM);
	ok = !IS_ERR(res) && !IS_ERR(a) && !IS_ERR(n) &&
	     !drm_vcm_bind(res, 0, SZ_64K, a, 0, DRM_VCM_READ) &&
	     !drm_vcm_bind(res, SZ_64K, SZ_64K, a, SZ_64K, DRM_VCM_READ);
	if (ok) {
		va = drm_vcm_res_addr(res);
		flushes = st->flushes;
		ok = !drm_vcm_rebind(res, SZ_64K - SZ_16K, NPAGES * SZ_4K, n, 0,
				     DRM_VCM_READ | DRM_VCM_WRITE) &&
		     st->flushes == flushes + 1 && res->nbound == 3;
		for (off = 0; off < SZ_128K; off += SZ_4K) {
			u64 i = (off - (SZ_64K - SZ_16K)) / SZ_4K;

			if (off >= SZ_64K - SZ_16K && i < NPAGES)
				pa = addrs[i];
			else
				pa = base + off;
			ok &= st_split_kept(mmu, va + off, pa, 0, 0);
		}
		ok &= !drm_vcm_unbind_range(res, 0, SZ_128K) && !res->nbound &&
		      mmu->stats.tables == 1;
	}
	st_report(ok, f->name, "split-replace");
	if (!IS_ERR(n))
		drm_vcm_mem_put(n);
	if (!IS_ERR(a))
		drm_vcm_mem_put(a);
	if (!IS_ERR(res))
		drm_vcm_unreserve(res);
}

/*
 * All or nothing: with a table budget that has no room left, a hole that
 * needs a new table (a 2 MiB page or a large-page table split into 4 KiB
 * pages) fails with -EDQUOT and leaves every translation, table, binding
 * and flush as it was; with room, the same call succeeds.
 */
static void st_split_budget(const struct drm_vcm_format *f)
{
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &st_ops,
	};
	dma_addr_t base = f->pa_bits > 32 && sizeof(dma_addr_t) > 4 ?
			  (dma_addr_t)SZ_4G : SZ_1G;
	struct drm_vcm_mmu *mmu = ERR_PTR(-ENODEV);
	struct drm_vcm_res *res = ERR_PTR(-ENODEV);
	struct drm_vcm_mem *mem = ERR_PTR(-ENODEV);
	struct drm_vcm_budget budget;
	u64 tables, used, va = 0, off;
	struct st_mmu st = {};
	struct drm_vcm *vcm;
	unsigned int flushes;
	bool ok = false, quota;
	dma_addr_t a;
	int ret;

	desc.priv = &st;
	drm_vcm_budget_init(&budget, SZ_1G);
	vcm = drm_vcm_create(0, SZ_2G);
	if (IS_ERR(vcm) || drm_vcm_set_budget(vcm, &budget))
		goto out;
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	res = drm_vcm_reserve(vcm, SZ_2M, SZ_2M);
	mem = drm_vcm_mem_contig(NULL, base, SZ_2M, st_split_loc(f));
	if (IS_ERR(mmu) || IS_ERR(res) || IS_ERR(mem) ||
	    drm_vcm_bind(res, 0, SZ_2M, mem, 0, DRM_VCM_READ))
		goto out;
	va = drm_vcm_res_addr(res);

	spin_lock(&budget.lock);
	budget.max = budget.used;
	spin_unlock(&budget.lock);
	tables = mmu->stats.tables;
	used = drm_vcm_budget_used(&budget);
	flushes = st.flushes;
	ret = drm_vcm_unbind_range(res, SZ_1M - SZ_4K, SZ_8K);
	ok = ret == -EDQUOT || !ret;
	quota = ret == -EDQUOT;
	if (quota) {
		ok &= mmu->stats.tables == tables && st.flushes == flushes &&
		      drm_vcm_budget_used(&budget) == used && res->nbound == 1;
		for (off = SZ_1M - SZ_64K; off < SZ_1M + SZ_64K; off += SZ_4K)
			ok &= st_split_kept(mmu, va + off, base + off, 0, 0);
		spin_lock(&budget.lock);
		budget.max = SZ_1G;
		spin_unlock(&budget.lock);
		ret = drm_vcm_unbind_range(res, SZ_1M - SZ_4K, SZ_8K);
		ok &= !ret;
	}
	pr_info("vcm_selftest: %s: hole with a full budget: %s\n", f->name,
		quota ? "-EDQUOT, nothing changed; done with room" :
		"no new table needed, done");
	ok &= res->nbound == 2 &&
	      drm_vcm_mmu_translate(mmu, va + SZ_1M, &a, NULL) == -ENOENT &&
	      st_split_kept(mmu, va + SZ_1M + SZ_4K, base + SZ_1M + SZ_4K,
			    va + SZ_1M - SZ_4K, va + SZ_1M + SZ_4K);
	ok &= !drm_vcm_unbind_range(res, 0, SZ_2M);
out:
	st_report(ok, f->name, "split-budget");
	if (!IS_ERR(mem))
		drm_vcm_mem_put(mem);
	if (!IS_ERR(res))
		drm_vcm_unreserve(res);
	if (!IS_ERR(mmu))
		drm_vcm_mmu_detach(mmu);
	if (!IS_ERR(vcm)) {
		ok = !drm_vcm_budget_used(&budget);
		drm_vcm_destroy(vcm);
		st_report(ok, f->name, "split-budget-freed");
	}
}

static void st_format(const struct drm_vcm_format *f, struct page **pages)
{
	u64 start = f->va_bits > 32 || f->va_bits < 29 ? 0 : SZ_256M;
	u64 size = f->va_bits > 32 ? SZ_2G : SZ_64M;
	dma_addr_t addrs[NPAGES], pa;
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &st_ops,
		.dummy_addr = page_to_phys(pages[NPAGES]),
	};
	struct st_mmu st = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	unsigned int i;
	u64 va;
	int ret;

	for (i = 0; i < NPAGES; i++)
		addrs[i] = page_to_phys(pages[i]);
	desc.priv = &st;

	vcm = drm_vcm_create(start, size);
	st_report(!IS_ERR(vcm), f->name, "create");
	if (IS_ERR(vcm))
		return;
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	st_report(!IS_ERR(mmu) && st.top == drm_vcm_mmu_top(mmu), f->name,
		  "attach");
	if (IS_ERR(mmu))
		goto out_destroy;

	res = drm_vcm_reserve(vcm, SZ_1M, SZ_64K);
	st_report(!IS_ERR(res), f->name, "reserve");
	if (IS_ERR(res))
		goto out_detach;
	mem = drm_vcm_mem_from_pages(NULL, addrs, NPAGES, DRM_VCM_LOC_SYSTEM);
	st_report(!IS_ERR(mem), f->name, "backing");
	if (IS_ERR(mem))
		goto out_unreserve;

	va = drm_vcm_res_addr(res) + SZ_4K;
	ret = drm_vcm_bind(res, SZ_4K, NPAGES * PAGE_SIZE, mem, 0,
			   DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP);
	st_report(!ret && st.flushes == 1, f->name, "bind");
	st_report(!ret && st_translates(vcm, mmu, va, addrs, NPAGES, f->name),
		  f->name, "translate");

	ret = drm_vcm_unbind(res, SZ_4K);
	st_report(!ret && st.flushes == 2 &&
		  drm_vcm_mmu_translate(mmu, va, &pa, NULL) == -ENOENT &&
		  drm_vcm_translate(vcm, va, &pa, NULL) == -ENOENT &&
		  mmu->stats.tables == 1, f->name, "unbind");

	drm_vcm_mem_put(mem);
out_unreserve:
	st_report(!drm_vcm_unreserve(res), f->name, "unreserve");

	if (f->tables[0].nchild > 1)
		st_large(vcm, mmu, f);
	st_split(vcm, mmu, f, &st, addrs);
	if (f->va_bits > 32)
		st_split_budget(f);
out_detach:
	drm_vcm_mmu_detach(mmu);
out_destroy:
	st_report(!drm_vcm_destroy(vcm), f->name, "destroy");
}

/*
 * Bind all of @mem into an nv50 space; does every 4 KiB page translate,
 * in VCM's records and in the tables, to where @mem's pages or segments
 * say?
 */
static bool st_mem_binds(struct drm_vcm_mem *mem)
{
	struct drm_vcm_mmu_desc desc = {
		.format = drm_vcm_format_find("nv50"),
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &st_ops,
	};
	unsigned int seg = 0;
	struct st_mmu st = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	u64 off, in_seg = 0;
	dma_addr_t sw, hw, want;
	bool ok = false;

	desc.priv = &st;
	vcm = drm_vcm_create(0, SZ_2G);
	if (IS_ERR(vcm))
		return false;
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	if (IS_ERR(mmu))
		goto out_destroy;
	res = drm_vcm_reserve(vcm, mem->size, SZ_64K);
	if (IS_ERR(res))
		goto out_detach;
	if (drm_vcm_bind(res, 0, mem->size, mem, 0, DRM_VCM_READ))
		goto out_unreserve;
	ok = true;
	for (off = 0; off < mem->size && ok; off += SZ_4K) {
		u64 va = drm_vcm_res_addr(res) + off;

		if (mem->paged) {
			want = mem->pages[off >> PAGE_SHIFT] +
			       (off & ~PAGE_MASK);
		} else {
			if (in_seg == mem->segs[seg].len) {
				seg++;
				in_seg = 0;
			}
			want = mem->segs[seg].addr + in_seg;
			in_seg += SZ_4K;
		}
		ok = !drm_vcm_translate(vcm, va, &sw, NULL) &&
		     !drm_vcm_mmu_translate(mmu, va, &hw, NULL) &&
		     sw == want && hw == sw;
	}
	drm_vcm_unbind(res, 0);
out_unreserve:
	drm_vcm_unreserve(res);
out_detach:
	drm_vcm_mmu_detach(mmu);
out_destroy:
	drm_vcm_destroy(vcm);
	return ok;
}

/*
 * Memory VCM allocates: contiguous memory and pages, and a piece of the
 * shared pool "test" when vcm.ko was loaded with pools=test:<size>.
 */
static void st_mem(void)
{
	struct drm_vcm_mem *mem;

	mem = drm_vcm_mem_alloc(NULL, SZ_64K, DRM_VCM_ALLOC_CONTIG);
	st_report(!IS_ERR(mem) && mem->nsegs == 1 &&
		  IS_ALIGNED(mem->segs[0].addr, SZ_64K) && st_mem_binds(mem),
		  "mem", "contig");
	if (!IS_ERR(mem))
		drm_vcm_mem_put(mem);
	mem = drm_vcm_mem_alloc(NULL, SZ_64K, 0);
	st_report(!IS_ERR(mem) && st_mem_binds(mem), "mem", "pages");
	if (!IS_ERR(mem))
		drm_vcm_mem_put(mem);

	mem = drm_vcm_mem_from_pool("test", SZ_64K);
	if (PTR_ERR(mem) == -ENOENT) {
		pr_info("vcm_selftest: no pool \"test\" (vcm.ko pools=test:1M), pool checks skipped\n");
		return;
	}
	st_report(!IS_ERR(mem) && mem->nsegs == 1 &&
		  IS_ALIGNED(mem->segs[0].addr, SZ_64K), "mem", "pool-alloc");
	if (IS_ERR(mem))
		return;
	st_report(st_mem_binds(mem), "mem", "pool-bind");
	st_report(PTR_ERR(drm_vcm_mem_from_pool("test", SZ_1G)) == -ENOMEM,
		  "mem", "pool-exhausted");
	drm_vcm_mem_put(mem);
	st_report(PTR_ERR(drm_vcm_mem_from_pool("no-such-pool", SZ_4K)) ==
		  -ENOENT, "mem", "pool-unknown");
}

/*
 * Table memory as the running kernel gives it: the largest space of
 * rs400-igp and r600-gart attaches (an 8 MiB r600 table is past the page
 * allocator's largest block), and on x86 the rs400 table is uncached in
 * the direct map while it exists and write-back again once freed, the
 * r600 one write-back throughout.
 */
static void st_tables(void)
{
	static const char *const names[] = { "rs400-igp", "r600-gart" };
	struct drm_vcm_mmu_desc desc = { .tmem.kind = DRM_VCM_TMEM_SYSTEM };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		const struct drm_vcm_format *f = drm_vcm_format_find(names[i]);
		bool uc = f->flags & DRM_VCM_FMT_UNCACHED_TABLES;
		struct drm_vcm_mmu *mmu = ERR_PTR(-ENOMEM);
		struct drm_vcm *vcm;
		void *top;

		vcm = drm_vcm_create(0, drm_vcm_format_max_size(f));
		desc.format = f;
		if (!IS_ERR(vcm))
			mmu = drm_vcm_mmu_attach(vcm, &desc);
		st_report(!IS_ERR(mmu), f->name, "max-space");
		if (!IS_ERR(mmu)) {
			top = phys_to_virt(drm_vcm_mmu_top(mmu));
			if (vcm_compat_cached(top) != -EOPNOTSUPP)
				st_report(vcm_compat_cached(top) == !uc,
					  f->name, "table-memtype");
			drm_vcm_mmu_detach(mmu);
			if (vcm_compat_cached(top) != -EOPNOTSUPP)
				st_report(vcm_compat_cached(top) == 1,
					  f->name, "table-memtype-freed");
		}
		if (!IS_ERR(vcm))
			drm_vcm_destroy(vcm);
	}
}

static int __init vcm_selftest_init(void)
{
	const struct drm_vcm_format *f;
	struct page *pages[NPAGES + 1];
	unsigned int i, n;

	for (n = 0; n <= NPAGES; n++) {
		/* Below 4 GiB: some formats hold only 32-bit addresses. */
		pages[n] = alloc_page(GFP_KERNEL | GFP_DMA32);
		if (!pages[n])
			break;
	}
	if (n > NPAGES) {
		for (i = 0; (f = drm_vcm_format_get(i)); i++)
			st_format(f, pages);
	} else {
		st_report(false, "setup", "pages");
	}
	while (n--)
		__free_page(pages[n]);
	st_mem();
	st_tables();

	pr_info("vcm_selftest: done pass=%u fail=%u\n", st_num - st_fail,
		st_fail);
	return 0;
}

static void __exit vcm_selftest_exit(void)
{
}

module_init(vcm_selftest_init);
module_exit(vcm_selftest_exit);

MODULE_DESCRIPTION("VCM self-test: bind and translate through every format");
MODULE_LICENSE("Dual MIT/GPL");
