// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM table memory: where a page table lives and how it is written.
 *
 * A table is either in coherent system RAM, written with plain stores, or
 * in a driver's I/O window (VRAM behind a BAR), sub-allocated with drm_mm
 * and written with writel()/writeq(). This is a property of the MMU the
 * table belongs to, never of its format.
 */

#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/string.h>

#include "vcm_internal.h"

static int tbuf_alloc_system(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b,
			     size_t size)
{
	struct device *dev = mmu->tmem.desc.dev;

	/*
	 * A big top table (8 MiB for a 4 GiB GART) can exceed what the page
	 * allocator hands out: that is -ENOMEM for the caller, not a warning.
	 */
	if (dev) {
		/* Aligned to the smallest page order holding @size. */
		b->cpu = dma_alloc_coherent(dev, size, &b->addr,
					    vcm_gfp(mmu->vcm) | __GFP_NOWARN);
	} else {
		gfp_t gfp = vcm_gfp(mmu->vcm) | __GFP_ZERO | __GFP_NOWARN;

		/* Below 4 GiB where a 32-bit format's device looks for them. */
		if (vcm_format_table_reach(mmu->format) <= 32)
			gfp |= GFP_DMA32;
		b->cpu = (void *)__get_free_pages(gfp, get_order(size));
		if (b->cpu)
			b->addr = virt_to_phys(b->cpu);
	}
	return b->cpu ? 0 : -ENOMEM;
}

static void tbuf_free_system(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b)
{
	struct device *dev = mmu->tmem.desc.dev;

	if (dev)
		dma_free_coherent(dev, b->size, b->cpu, b->addr);
	else
		free_pages((unsigned long)b->cpu, get_order(b->size));
}

static int tbuf_alloc_io(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b,
			 size_t size, u32 align)
{
	int ret;

	ret = drm_mm_insert_node_in_range(&mmu->tmem.io_mm, &b->node, size,
					  align, 0, 0, U64_MAX,
					  DRM_MM_INSERT_BEST);
	if (ret)
		return ret;
	b->io = mmu->tmem.desc.io + b->node.start;
	b->addr = mmu->tmem.desc.io_addr + b->node.start;
	return 0;
}

/**
 * vcm_tbuf_alloc - allocate memory for one table
 * @mmu: the MMU the table belongs to
 * @b: filled in on success
 * @size: bytes needed
 * @align: required alignment, a power of two
 *
 * The contents are undefined: the engine fills every new table with the
 * format's invalid entries before it links it.
 *
 * Returns: 0, -ENOMEM when system RAM is exhausted, -ENOSPC when the I/O
 * window is full.
 */
int vcm_tbuf_alloc(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b, size_t size,
		   u32 align)
{
	int ret;

	if (vcm_alloc_fail())
		return mmu->tmem.desc.kind == DRM_VCM_TMEM_IO ? -ENOSPC : -ENOMEM;

	memset(b, 0, sizeof(*b));
	if (mmu->tmem.desc.kind == DRM_VCM_TMEM_IO) {
		b->size = size;
		ret = tbuf_alloc_io(mmu, b, size, align);
	} else {
		/* Page allocations are naturally aligned to their order. */
		b->size = PAGE_SIZE << get_order(max_t(size_t, size, align));
		ret = tbuf_alloc_system(mmu, b, b->size);
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
	if (b->io)
		drm_mm_remove_node(&b->node);
	else
		tbuf_free_system(mmu, b);
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
