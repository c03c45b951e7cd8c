// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Backing memory descriptors: memory a driver owns (pages, an sg_table, one
 * contiguous range) described as segments, references, and the seek the
 * core, the engine and the external backends share. Allocated backing and
 * pools (vcm_mem_alloc.c) build on these; nothing here calls up.
 */

#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/scatterlist.h>

#include "vcm_compat.h"
#include "vcm_internal.h"

/*
 * Behind the last segment, VCM keeps each segment's offset in the backing,
 * so that a seek is a binary search: room for @nsegs of both is allocated,
 * and vcm_mem_index() fills the offsets in once the segments are final.
 * When every segment but the last has one length (one contiguous range),
 * it records that length in &drm_vcm_mem.seg_len too, and a seek divides
 * by it instead: segment i then starts at i times it.
 *
 * Pages of which none follows on from the one before (the common case of
 * drm_vcm_mem_from_pages()) are kept as one address each instead
 * (&drm_vcm_mem.paged): 8 bytes a page rather than a 16-byte segment and
 * its 8-byte offset, and a writer reads a third of the bytes per entry.
 */
static u64 *vcm_mem_starts(const struct drm_vcm_mem *mem)
{
	return (u64 *)&mem->segs[mem->nsegs];
}

static void vcm_mem_index(struct drm_vcm_mem *mem)
{
	u64 *start = vcm_mem_starts(mem), off = 0, len = mem->segs[0].len;
	unsigned int i;

	for (i = 0; i < mem->nsegs; i++) {
		start[i] = off;
		off += mem->segs[i].len;
		if (i + 1 < mem->nsegs && mem->segs[i].len != len)
			len = 0;
	}
	mem->seg_len = len;
}

/**
 * vcm_range_wraps - does a range pass the end of an address of some width
 * @addr: first byte
 * @len: bytes, non-zero
 * @bits: width of the address, 1 to 64
 *
 * Backing addresses are dma_addr_t, 32 bits wide on some 32-bit machines
 * (i386 without 64-bit DMA addresses, typical of AGP systems): a range
 * is checked in that width, not in u64, so that one reaching past 4 GiB
 * there is refused rather than wrapped to page 0. @bits is a parameter
 * so that KUnit can check the 32-bit case on a 64-bit kernel.
 *
 * Returns: true if [@addr, @addr + @len) does not fit in @bits bits.
 */
bool vcm_range_wraps(u64 addr, u64 len, unsigned int bits)
{
	u64 last;

	if (check_add_overflow(addr, len - 1, &last))
		return true;
	return bits < 64 && last >> bits;
}

VCM_EXPORT_FOR_KUNIT(vcm_range_wraps);

#define VCM_DMA_ADDR_BITS	(sizeof(dma_addr_t) * BITS_PER_BYTE)

static bool vcm_dma_range_wraps(u64 addr, u64 len)
{
	return vcm_range_wraps(addr, len, VCM_DMA_ADDR_BITS);
}

static struct drm_vcm_mem *vcm_mem_alloc(struct device *dev,
					 unsigned int nsegs,
					 enum drm_vcm_location loc, bool paged)
{
	struct drm_vcm_mem *mem;

	if (loc != DRM_VCM_LOC_SYSTEM && loc != DRM_VCM_LOC_DEVICE)
		return ERR_PTR(-EINVAL);
	if (paged)
		mem = vcm_kvzalloc(struct_size(mem, pages, nsegs));
	else
		mem = vcm_kvzalloc(size_add(struct_size(mem, segs, nsegs),
					    array_size(nsegs, sizeof(u64))));
	if (!mem)
		return ERR_PTR(-ENOMEM);
	kref_init(&mem->ref);
	mem->dev = get_device(dev);
	mem->loc = loc;
	return mem;
}

/* Append [@addr, @addr + @len) to @mem, merging with the last segment. */
static void vcm_mem_add(struct drm_vcm_mem *mem, dma_addr_t addr, u64 len)
{
	struct drm_vcm_seg *last = mem->nsegs ? &mem->segs[mem->nsegs - 1] :
			NULL;

	if (last && last->addr + last->len == addr)
		last->len += len;
	else
		mem->segs[mem->nsegs++] = (struct drm_vcm_seg){ addr, len };
	mem->size += len;
	mem->max_addr = max_t(dma_addr_t, mem->max_addr, addr + len - 1);
}

/**
 * drm_vcm_mem_from_pages - backing memory from an array of page addresses
 * @dev: the device for which @addrs are DMA addresses, or NULL if they are
 *	CPU physical addresses; the memory holds a reference on it
 * @addrs: address of each page, each a multiple of PAGE_SIZE
 * @npages: number of pages, non-zero
 * @loc: where the pages live
 *
 * Adjacent pages are merged into segments; where no two are adjacent, the
 * addresses are kept as they are (&drm_vcm_mem.paged). With PAGE_SIZE
 * larger than
 * 4 KiB, each page fills several 4 KiB device pages. Only MMUs attached
 * with the same &drm_vcm_mmu_desc.dev can map the memory.
 *
 * Returns: backing memory with one reference, -EINVAL for a misaligned
 * or wrapping address, no pages or more than U32_MAX of them, or an
 * unknown @loc, or -ENOMEM.
 */
struct drm_vcm_mem *drm_vcm_mem_from_pages(struct device *dev,
					   const dma_addr_t *addrs,
					   unsigned long npages,
					   enum drm_vcm_location loc)
{
	struct drm_vcm_mem *mem;
	unsigned long i, nsegs = 0;
	dma_addr_t max = 0;
	bool paged;

	if (!npages || npages > U32_MAX)
		return ERR_PTR(-EINVAL);
	for (i = 0; i < npages; i++) {
		if (!IS_ALIGNED(addrs[i], PAGE_SIZE) ||
		    vcm_dma_range_wraps(addrs[i], PAGE_SIZE))
			return ERR_PTR(-EINVAL);
		if (!i || addrs[i] != addrs[i - 1] + PAGE_SIZE)
			nsegs++;
		max = max(max, addrs[i]);
	}
	paged = npages > 1 && nsegs == npages;
	mem = vcm_mem_alloc(dev, nsegs, loc, paged);
	if (IS_ERR(mem))
		return mem;
	if (paged) {
		memcpy(mem->pages, addrs, array_size(npages, sizeof(*addrs)));
		mem->paged = true;
		mem->nsegs = npages;
		mem->size = (u64)npages << PAGE_SHIFT;
		mem->max_addr = max + PAGE_SIZE - 1;
		mem->seg_len = PAGE_SIZE;
		return mem;
	}
	for (i = 0; i < npages; i++)
		vcm_mem_add(mem, addrs[i], PAGE_SIZE);
	vcm_mem_index(mem);
	return mem;
}
EXPORT_SYMBOL_GPL(drm_vcm_mem_from_pages);

/* The address and length of one entry of @sgt, of the kind @dev says. */
static void vcm_sg_range(struct device *dev, struct scatterlist *sg,
			 u64 *addr, u64 *len)
{
	if (dev) {
		*addr = sg_dma_address(sg);
		*len = sg_dma_len(sg);
	} else {
		*addr = sg_phys(sg);
		*len = sg->length;
	}
}

/**
 * drm_vcm_mem_from_sgt - backing memory from an sg_table
 * @dev: NULL to take the table's CPU physical addresses (its pages, from
 *	&sg_table.orig_nents entries); else the device the table is DMA-mapped
 *	for, whose DMA addresses (&sg_table.nents entries) are taken. The
 *	memory holds a reference on @dev
 * @sgt: the table
 * @loc: where its pages live
 *
 * Every segment taken must start and end on a 4 KiB boundary. Only MMUs
 * attached with the same &drm_vcm_mmu_desc.dev can map the memory: a
 * table mapped by the DMA API through an IOMMU or swiotlb gives addresses
 * that only mean something to that device.
 *
 * Returns: backing memory with one reference, -EINVAL for an empty table,
 * a misaligned or wrapping segment or an unknown @loc, or -ENOMEM.
 */
struct drm_vcm_mem *drm_vcm_mem_from_sgt(struct device *dev,
					 const struct sg_table *sgt,
					 enum drm_vcm_location loc)
{
	unsigned int i, n = dev ? sgt->nents : sgt->orig_nents;
	struct drm_vcm_mem *mem;
	struct scatterlist *sg;
	u64 addr, len;

	if (!n)
		return ERR_PTR(-EINVAL);
	for_each_sg(sgt->sgl, sg, n, i) {
		vcm_sg_range(dev, sg, &addr, &len);
		if (!vcm_aligned(addr) || !vcm_aligned(len) || !len ||
		    vcm_dma_range_wraps(addr, len))
			return ERR_PTR(-EINVAL);
	}
	mem = vcm_mem_alloc(dev, n, loc, false);
	if (IS_ERR(mem))
		return mem;
	for_each_sg(sgt->sgl, sg, n, i) {
		vcm_sg_range(dev, sg, &addr, &len);
		vcm_mem_add(mem, addr, len);
	}
	vcm_mem_index(mem);
	return mem;
}
EXPORT_SYMBOL_GPL(drm_vcm_mem_from_sgt);

/**
 * drm_vcm_mem_contig - backing memory from one contiguous range
 * @dev: the device for which @addr is a DMA address (or, for device
 *	memory, the device that owns it), or NULL for a CPU physical address;
 *	the memory holds a reference on it
 * @addr: first address, a multiple of 4 KiB
 * @size: bytes, a non-zero multiple of 4 KiB
 * @loc: where the range lives (typically %DRM_VCM_LOC_DEVICE for VRAM)
 *
 * Returns: backing memory with one reference, -EINVAL for a misaligned,
 * empty or wrapping range (one that does not fit in a dma_addr_t
 * included) or an unknown @loc, or -ENOMEM.
 */
struct drm_vcm_mem *drm_vcm_mem_contig(struct device *dev, dma_addr_t addr,
				       u64 size, enum drm_vcm_location loc)
{
	struct drm_vcm_mem *mem;

	if (!size || !vcm_aligned(addr) || !vcm_aligned(size) ||
	    vcm_dma_range_wraps(addr, size))
		return ERR_PTR(-EINVAL);
	mem = vcm_mem_alloc(dev, 1, loc, false);
	if (!IS_ERR(mem)) {
		vcm_mem_add(mem, addr, size);
		vcm_mem_index(mem);
	}
	return mem;
}
EXPORT_SYMBOL_GPL(drm_vcm_mem_contig);

/**
 * drm_vcm_mem_get - take a reference on backing memory
 * @mem: the backing memory
 *
 * Returns: @mem.
 */
struct drm_vcm_mem *drm_vcm_mem_get(struct drm_vcm_mem *mem)
{
	kref_get(&mem->ref);
	return mem;
}
EXPORT_SYMBOL_GPL(drm_vcm_mem_get);

static void vcm_mem_release(struct kref *ref)
{
	struct drm_vcm_mem *mem = container_of(ref, struct drm_vcm_mem, ref);

	if (mem->release)
		mem->release(mem);
	put_device(mem->dev);
	vcm_kvfree(mem);
}

/**
 * drm_vcm_mem_put - drop a reference on backing memory
 * @mem: the backing memory, may be NULL
 *
 * With the last reference, memory VCM allocated (drm_vcm_mem_alloc(),
 * drm_vcm_mem_from_pool()) is freed or given back to its pool; this may
 * sleep.
 */
void drm_vcm_mem_put(struct drm_vcm_mem *mem)
{
	if (mem)
		kref_put(&mem->ref, vcm_mem_release);
}
EXPORT_SYMBOL_GPL(drm_vcm_mem_put);

/**
 * vcm_mem_seek - position a run at a byte of backing memory
 * @mem: the memory
 * @offset: the byte, below @mem->size
 * @run: its @seg, @page and @off are set; nothing else is touched
 *
 * The one seek of the core, the engine and the external backends: a
 * shift for memory kept page by page, a division where every segment but
 * the last has one length (&drm_vcm_mem.seg_len), else a binary search
 * over the segments' offsets. The last two give the last segment that
 * starts at or before @offset.
 */
void vcm_mem_seek(const struct drm_vcm_mem *mem, u64 offset,
		  struct drm_vcm_pte_run *run)
{
	unsigned int lo = 0, hi = mem->nsegs - 1, mid;
	u64 len = mem->seg_len, idx;
	const u64 *start;

	if (mem->paged) {
		run->seg = NULL;
		run->page = &mem->pages[offset >> PAGE_SHIFT];
		run->off = offset & ~PAGE_MASK;
		return;
	}
	run->page = NULL;
	if (likely(len)) {
		if (likely(is_power_of_2(len)))
			idx = offset >> __ffs64(len);
		else
			idx = div64_u64(offset, len);
		/* The last segment may be longer: it holds all past its start. */
		idx = min_t(u64, idx, hi);
		run->seg = &mem->segs[idx];
		run->off = offset - idx * len;
		return;
	}
	/* The last segment that starts at or before @offset. */
	start = vcm_mem_starts(mem);
	while (lo < hi) {
		mid = hi - (hi - lo) / 2;
		if (start[mid] <= offset)
			lo = mid;
		else
			hi = mid - 1;
	}
	run->seg = &mem->segs[lo];
	run->off = offset - start[lo];
}

VCM_EXPORT_FOR_KUNIT(vcm_mem_seek);

/**
 * vcm_mem_addr - the address of one byte of backing memory
 * @mem: the memory
 * @offset: the byte, below @mem->size
 *
 * Returns: its address, of the kind &drm_vcm_mem.dev says.
 */
dma_addr_t vcm_mem_addr(const struct drm_vcm_mem *mem, u64 offset)
{
	struct drm_vcm_pte_run run;

	vcm_mem_seek(mem, offset, &run);
	return drm_vcm_run_addr(&run);
}

VCM_EXPORT_FOR_KUNIT(vcm_mem_addr);
