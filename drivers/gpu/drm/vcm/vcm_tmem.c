// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM table memory: where a page table lives and how it is written.
 *
 * A table is either in coherent system RAM, written with plain stores, or
 * in a driver's I/O window (VRAM behind a BAR), sub-allocated with drm_mm
 * and written with writel()/writeq(). This is a property of the MMU the
 * table belongs to. Only whether the CPU maps system-RAM tables uncached
 * comes from the format: it is the hardware that does not snoop.
 */

#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/string.h>

#include "vcm_compat.h"
#include "vcm_internal.h"

/**
 * DOC: table memory
 *
 * Every table is one piece of memory contiguous in the address space of
 * the device that reads it: the hardware finds entry N at the table's
 * address plus N times the entry size, and no supported format lets its
 * top table be split. The largest table is the flat GART of a 4 GiB
 * ``r600-gart`` space, 2^20 entries of 8 bytes: 8 MiB; ``r100-pci``,
 * ``rv370-pcie``, ``agp-gatt`` and the ``ati-pcigart-*`` formats need
 * 4 MiB, ``rs400-igp`` and ``amd64-gart`` 2 MiB, every other table is at
 * most 1 MiB. System-RAM tables come from:
 *
 * - with a device, dma_alloc_coherent() (what radeon does for its GART):
 *   behind an IOMMU these are scattered pages mapped contiguously in the
 *   device's address space and vmap()ed for the CPU, so any size works;
 *   with direct DMA the memory is physically contiguous, from CMA when the
 *   kernel has an area, else from the page allocator, whose largest block
 *   (4 MiB on x86, MAX_PAGE_ORDER) bounds the table.
 * - without a device, the entries hold physical addresses, so the table
 *   must be physically contiguous: the page allocator up to its largest
 *   block (with __GFP_RETRY_MAYFAIL, so that it compacts memory rather
 *   than give up early, and fails rather than invoke the OOM killer), and
 *   past that, or when that fails, alloc_contig_range() on a free or
 *   movable range of the zone the page allocator would use, found the way
 *   alloc_contig_pages() finds one (without CONFIG_CONTIG_ALLOC, UML for
 *   instance, an 8 MiB table is -ENOMEM).
 *
 * Without a device, a prepare that needs many tables of one page that it
 * writes whole takes their pages from alloc_pages_bulk_array(), up to 32
 * at a time (not for the uncached tables below).
 *
 * Below 4 GiB for formats of 32-bit physical addresses (GFP_DMA32).
 *
 * Formats with %DRM_VCM_FMT_UNCACHED_TABLES (``rs400-igp``: those GARTs do
 * not snoop the CPU's caches when they read entries) get their system-RAM
 * tables mapped uncached in the CPU's direct map with set_memory_uc() on
 * x86, and write-back again with set_memory_wb() before they are freed.
 * Such a table with a device is asked for with DMA_ATTR_FORCE_CONTIGUOUS,
 * which on x86 gives direct-mapped memory; VCM refuses (-ENOMEM) any it
 * cannot make uncached.
 */

#if IS_ENABLED(CONFIG_DRM_VCM_KUNIT_TEST)
static atomic_long_t vcm_uc_pages = ATOMIC_LONG_INIT(0);

/**
 * vcm_tbuf_uc_pages - table pages made uncached and not yet undone
 *
 * Counts the attribute hook in KUnit builds, where UML cannot change
 * memory types: it goes up when a table of a format with
 * %DRM_VCM_FMT_UNCACHED_TABLES is allocated and down when it is freed.
 *
 * Returns: the number of pages.
 */
long vcm_tbuf_uc_pages(void)
{
	return atomic_long_read(&vcm_uc_pages);
}
EXPORT_SYMBOL_IF_KUNIT(vcm_tbuf_uc_pages);

static void vcm_uc_count(long pages)
{
	atomic_long_add(pages, &vcm_uc_pages);
}
#else
static void vcm_uc_count(long pages) { }
#endif

static bool tbuf_wants_uc(const struct drm_vcm_mmu *mmu)
{
	return mmu->format->flags & DRM_VCM_FMT_UNCACHED_TABLES;
}

/* Make a direct-mapped table uncached; -ENOMEM if it cannot be. */
static int tbuf_set_uc(struct vcm_tbuf *b)
{
	if (is_vmalloc_addr(b->cpu) ||
	    vcm_compat_set_uc(b->cpu, b->size >> PAGE_SHIFT))
		return -ENOMEM;
	b->uc = true;
	vcm_uc_count(b->size >> PAGE_SHIFT);
	return 0;
}

static void tbuf_set_wb(struct vcm_tbuf *b)
{
	if (!b->uc)
		return;
	/* Cannot fail for a range set_memory_uc() took. */
	WARN_ON(vcm_compat_set_wb(b->cpu, b->size >> PAGE_SHIFT));
	b->uc = false;
	vcm_uc_count(-(long)(b->size >> PAGE_SHIFT));
}

/* Can [@pfn, @pfn + @n) of @zone be taken, migrating what is in use? */
static bool contig_candidate(struct zone *zone, unsigned long pfn,
			     unsigned long n)
{
	unsigned long i;

	for (i = pfn; i < pfn + n; i++) {
		struct page *page = pfn_to_online_page(i);

		if (!page || page_zone(page) != zone || PageReserved(page))
			return false;
	}
	return true;
}

/*
 * @n physically contiguous pages, aligned to @n, in the zone an order-0
 * page of @gfp comes from; NULL if there are none.
 */
static struct page *tbuf_alloc_contig(unsigned long n, gfp_t gfp)
{
	struct page *probe = alloc_page(gfp & ~__GFP_ZERO);
	unsigned long pfn;
	struct zone *zone;

	if (!probe)
		return NULL;
	zone = page_zone(probe);
	__free_page(probe);

	for (pfn = ALIGN(zone->zone_start_pfn, n);
	     pfn + n <= zone_end_pfn(zone) && !fatal_signal_pending(current);
	     pfn += n) {
		if (!contig_candidate(zone, pfn, n))
			continue;
		if (!vcm_compat_alloc_contig(pfn, n, GFP_KERNEL | __GFP_NOWARN))
			return pfn_to_page(pfn);
		cond_resched();
	}
	return NULL;
}

/* Flags for the pages of a system-RAM table of an MMU without a device. */
static gfp_t tbuf_gfp(const struct drm_vcm_mmu *mmu, bool zero)
{
	gfp_t gfp = vcm_gfp(mmu->vcm) | __GFP_NOWARN | __GFP_RETRY_MAYFAIL;

	if (zero)
		gfp |= __GFP_ZERO;
	/* Below 4 GiB where a 32-bit format's device looks for them. */
	if (vcm_format_table_reach(mmu->format) <= 32)
		gfp |= GFP_DMA32;
	return gfp;
}

/*
 * Can a table of @size bytes, unzeroed, be one page of a stash? Tables in
 * system RAM of an MMU without a device that are neither uncached nor
 * zeroed, of one page: just what the page allocator hands out in bulk.
 */
static bool tbuf_stash_fits(const struct drm_vcm_mmu *mmu, size_t size,
			    bool zero)
{
	return mmu->tmem.desc.kind != DRM_VCM_TMEM_IO && !mmu->tmem.desc.dev &&
	       !tbuf_wants_uc(mmu) && !zero && size == PAGE_SIZE;
}

/**
 * vcm_tbuf_stash_fill - allocate pages ahead for leaf tables of one page
 * @mmu: the MMU the tables will belong to
 * @st: the stash, with no pages left in it
 * @n: how many tables of one page, unzeroed, the caller expects to need,
 *	at most %VCM_STASH
 *
 * One call into the page allocator for up to @n pages. It may give fewer,
 * or none: vcm_tbuf_alloc() allocates a page of its own when the stash is
 * empty. Nothing is charged or counted until a table takes a page.
 */
void vcm_tbuf_stash_fill(struct drm_vcm_mmu *mmu, struct vcm_stash *st,
			 unsigned int n)
{
	if (st->npage || !tbuf_stash_fits(mmu, PAGE_SIZE, false))
		return;
	memset(st->page, 0, sizeof(st->page));
	st->npage = vcm_compat_alloc_pages_bulk(tbuf_gfp(mmu, false),
						min(n, VCM_STASH), st->page);
	vcm_alloc_track(st->npage);
}

/**
 * vcm_tbuf_stash_drain - free the pages of a stash that no table took
 * @st: the stash
 */
void vcm_tbuf_stash_drain(struct vcm_stash *st)
{
	while (st->npage) {
		__free_page(st->page[--st->npage]);
		vcm_alloc_track(-1);
	}
}

static int tbuf_alloc_system(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b,
			     size_t size, bool zero, struct vcm_stash *st)
{
	struct device *dev = mmu->tmem.desc.dev;
	unsigned int order = get_order(size);
	struct page *page = NULL;
	gfp_t gfp;

	/* A table the system cannot give is -ENOMEM, not a warning. */
	if (dev) {
		/* Aligned to the smallest page order holding @size. */
		b->cpu = dma_alloc_attrs(dev, size, &b->addr,
					 vcm_gfp(mmu->vcm) | __GFP_NOWARN,
					 tbuf_wants_uc(mmu) ?
					 DMA_ATTR_FORCE_CONTIGUOUS : 0);
		if (!b->cpu)
			return -ENOMEM;
		b->src = VCM_TBUF_DMA;
		return 0;
	}

	/*
	 * No device, no DMA address: the MMU takes physical addresses (its
	 * &drm_vcm_mmu_desc.dev is NULL, which the attach made this one),
	 * and so do its directory entries.
	 */
	if (st && st->npage && tbuf_stash_fits(mmu, size, zero)) {
		/* Counted live until vcm_tbuf_alloc() counts the table. */
		page = st->page[--st->npage];
		vcm_alloc_track(-1);
		b->src = VCM_TBUF_PAGES;
		goto out;
	}
	gfp = tbuf_gfp(mmu, zero);
	if (order <= VCM_MAX_ORDER)
		page = alloc_pages(gfp, order);
	if (page) {
		b->src = VCM_TBUF_PAGES;
	} else {
		page = tbuf_alloc_contig(size >> PAGE_SHIFT, gfp);
		if (!page)
			return -ENOMEM;
		b->src = VCM_TBUF_CONTIG;
		/* Not zeroed: nothing of its last owner may stay readable. */
		if (zero)
			memset(page_address(page), 0, size);
	}
out:
	b->cpu = page_address(page);
	b->addr = page_to_phys(page);
	return 0;
}

static void tbuf_free_system(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b)
{
	tbuf_set_wb(b);
	switch (b->src) {
	case VCM_TBUF_DMA:
		dma_free_attrs(mmu->tmem.desc.dev, b->size, b->cpu, b->addr,
			       tbuf_wants_uc(mmu) ? DMA_ATTR_FORCE_CONTIGUOUS : 0);
		break;
	case VCM_TBUF_CONTIG:
		vcm_compat_free_contig(PHYS_PFN(b->addr), b->size >> PAGE_SHIFT);
		break;
	default:
		free_pages((unsigned long)b->cpu, get_order(b->size));
		break;
	}
}

static int tbuf_alloc_io(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b,
			 size_t size, u32 align)
{
	int ret;

	b->node = vcm_kzalloc_gfp(sizeof(*b->node), vcm_gfp(mmu->vcm));
	if (!b->node)
		return -ENOMEM;
	ret = drm_mm_insert_node_in_range(&mmu->tmem.io_mm, b->node, size,
					  align, 0, 0, U64_MAX,
					  DRM_MM_INSERT_BEST);
	if (ret) {
		vcm_kfree(b->node);
		b->node = NULL;
		return ret;
	}
	b->src = VCM_TBUF_IO;
	b->io = mmu->tmem.desc.io + b->node->start;
	b->addr = mmu->tmem.desc.io_addr + b->node->start;
	return 0;
}

/**
 * vcm_tbuf_alloc - allocate memory for one table
 * @mmu: the MMU the table belongs to
 * @b: zeroed by the caller; filled in on success
 * @size: bytes needed
 * @align: required alignment, a power of two
 * @zero: zero the memory (system RAM only)
 * @st: pages allocated ahead (vcm_tbuf_stash_fill()), or NULL; an unzeroed
 *	table of one page takes one from there if it holds any
 *
 * Tables in system RAM come zeroed if @zero (the page allocator's
 * __GFP_ZERO, a memset for alloc_contig_range(); dma_alloc_attrs() always
 * zeroes); the engine relies on it and does not clear them again where the
 * format's invalid entry is 0. Without @zero, and in an I/O window, the
 * contents are undefined: the engine asks for that only for a table of
 * exactly @size bytes that it writes whole before linking it, and fills
 * every other table with the format's invalid entries first.
 *
 * System-RAM tables are physically (without a device) or DMA (with one)
 * contiguous, and uncached for formats with %DRM_VCM_FMT_UNCACHED_TABLES;
 * see "Table memory" in vcm.rst.
 *
 * Returns: 0, -ENOMEM when system RAM is exhausted, has no contiguous
 * range of @size or cannot be made uncached (or, for an I/O table, holds
 * no room for its &vcm_tbuf.node), -ENOSPC when the I/O window is full.
 */
int vcm_tbuf_alloc(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b, size_t size,
		   u32 align, bool zero, struct vcm_stash *st)
{
	int ret;

	if (vcm_alloc_fail())
		return mmu->tmem.desc.kind == DRM_VCM_TMEM_IO ? -ENOSPC : -ENOMEM;

	if (mmu->tmem.desc.kind == DRM_VCM_TMEM_IO) {
		b->size = size;
		ret = tbuf_alloc_io(mmu, b, size, align);
	} else {
		/* Page allocations are naturally aligned to their order. */
		b->size = PAGE_SIZE << get_order(max_t(size_t, size, align));
		ret = tbuf_alloc_system(mmu, b, b->size, zero, st);
		if (!ret && tbuf_wants_uc(mmu)) {
			ret = tbuf_set_uc(b);
			if (ret)
				tbuf_free_system(mmu, b);
		}
	}
	if (ret)
		return ret;

	vcm_alloc_track(1);
	mmu->stats.tables++;
	mmu->stats.table_bytes += b->size;
	return 0;
}

/**
 * vcm_tbuf_free - give a table's memory back
 * @mmu: the MMU the table belongs to
 * @b: the table memory
 */
void vcm_tbuf_free(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b)
{
	if (b->src == VCM_TBUF_IO) {
		drm_mm_remove_node(b->node);
		vcm_kfree(b->node);
		b->node = NULL;
	} else {
		tbuf_free_system(mmu, b);
	}
	vcm_alloc_track(-1);
	mmu->stats.tables--;
	mmu->stats.table_bytes -= b->size;
}

/**
 * vcm_tbuf_write - copy encoded little-endian entries into a table
 * @b: the table memory
 * @off: byte offset in the table
 * @src: the entries
 * @bytes: how many bytes
 * @esz: entry size; I/O tables are written 8 bytes at a time for entries
 *	of 8 bytes or more, else 4 bytes at a time
 */
void vcm_tbuf_write(struct vcm_tbuf *b, size_t off, const void *src,
		    size_t bytes, unsigned int esz)
{
	size_t i;

	if (!b->io) {
		memcpy(b->cpu + off, src, bytes);
		return;
	}
	if (esz >= 8) {
		const __le64 *q = src;

		for (i = 0; i < bytes / 8; i++)
			writeq(le64_to_cpu(q[i]), b->io + off + i * 8);
	} else {
		const __le32 *l = src;

		for (i = 0; i < bytes / 4; i++)
			writel(le32_to_cpu(l[i]), b->io + off + i * 4);
	}
}

/**
 * vcm_tbuf_read - read entries back from a table, little-endian
 * @b: the table memory
 * @off: byte offset in the table
 * @dst: where to put them
 * @bytes: how many bytes, a multiple of 4
 */
void vcm_tbuf_read(const struct vcm_tbuf *b, size_t off, void *dst,
		   size_t bytes)
{
	__le32 *l = dst;
	size_t i;

	if (!b->io) {
		memcpy(dst, b->cpu + off, bytes);
		return;
	}
	for (i = 0; i < bytes / 4; i++)
		l[i] = cpu_to_le32(readl(b->io + off + i * 4));
}
