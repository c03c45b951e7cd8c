// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM benchmarks: the least a format allows, worked out from its table
 * kinds alone, independently of the engine: the fewest table bytes for a
 * dense range and the fewest entries for a range and its backing's
 * alignment. The bind workload reports what VCM used against these.
 */

#include <linux/math64.h>
#include <linux/minmax.h>

#include "vcm_internal.h"
#include "vcm_bench.h"

/* The format's table kind of 4 KiB leaves for system memory. */
unsigned int vcm_bench_leaf_type(const struct drm_vcm_format *f)
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
u64 vcm_bench_min_bytes(const struct drm_vcm_format *f, u64 start, u64 len,
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

/*
 * The fewest entries of tables of kind @type (starting at table VA
 * @tbase) and below that map [@a, @b): a directory entry whose span is
 * covered and can be a leaf is one entry; otherwise one entry per child
 * table it points at, plus what those hold, taking the child kind that
 * needs fewest (one child at a time) or large pages wherever they fit
 * and small ones elsewhere (two at once). Independent of the engine: the
 * format's table kinds and the backing's alignment alone.
 */
u64 vcm_bench_min_entries(const struct drm_vcm_format *f, unsigned int type,
			  u64 tbase, u64 a, u64 b,
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
				n = vcm_bench_min_entries(f, k->child[c], es,
							  x, y, bk);
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
