// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * nouveau nv50 / g84 (Tesla) GPU VM format.
 *
 * Two levels over a 40-bit VA. The page directory has 2048 64-bit entries,
 * each covering 512 MiB and pointing at one page table: either 131072
 * entries of 4 KiB pages or 8192 entries of 64 KiB pages, never both.
 *
 * PTE:
 *   bit 0      VALID
 *   bit 3      read-only
 *   bits 4-5   aperture: 0 VRAM, 2 host coherent, 3 host non-coherent
 *   bit 6      privileged
 *   bits 7-9   log2 of a block of identical PTEs: all 2^n entries of an
 *              index-aligned block hold the block's first address, and
 *              the MMU adds each entry's place in the block
 *   bits 12-39 address
 *   bits 40-46 storage kind
 *   bits 47-48 compression mode: tag lines per 64 KiB, 0 uncompressed
 *   bits 49-63 first compression tag line; an entry of a block holds the
 *              block's first line, and the MMU adds its place in the block
 *
 * PDE:
 *   bits 0-1   table type: 3 = 4 KiB-page table, 1 = 64 KiB-page table
 *   bits 2-3   table aperture: 0 VRAM, 2 host coherent, 3 host non-coherent
 *   bits 5-6   size code of a 4 KiB-page table (0 = the full 1 MiB)
 *   bits 12-39 table address
 *
 * 64 KiB pages map VRAM only; 4 KiB pages map VRAM or host memory.
 *
 * Like nouveau, VCM writes blocks for VRAM (its "mem" path) and single
 * entries with block size 0 for host pages (the DMA path TTM takes). A
 * block never spans two writer calls, so with tables in an I/O window,
 * written 64 entries at a time, blocks stop at 64 entries.
 */

#include <linux/bits.h>
#include <linux/bitfield.h>
#include <linux/kernel.h>
#include <linux/sizes.h>

#include "../vcm_internal.h"

#define NV50_PTE_VALID		BIT_ULL(0)
#define NV50_PTE_RO		BIT_ULL(3)
#define NV50_PTE_APER		GENMASK_ULL(5, 4)
#define NV50_PTE_PRIV		BIT_ULL(6)
#define NV50_PTE_BLOCK		GENMASK_ULL(9, 7)
#define NV50_PTE_BLOCK_MAX	7
#define NV50_ADDR		GENMASK_ULL(39, 12)
#define NV50_PTE_KIND		GENMASK_ULL(46, 40)
#define NV50_PTE_COMP		GENMASK_ULL(48, 47)
#define NV50_PTE_TAG		GENMASK_ULL(63, 49)
#define NV50_TAG_SHIFT		16

#define NV50_APER_VRAM		0
#define NV50_APER_HOST		2
#define NV50_APER_NCOH		3

#define NV50_PDE_TYPE		GENMASK_ULL(1, 0)
#define NV50_PDE_TYPE_64K	1
#define NV50_PDE_TYPE_4K	3
#define NV50_PDE_APER		GENMASK_ULL(3, 2)
#define NV50_PDE_EMPTY		0xdeadcafe00000000ULL

/* Format-specific bind flag: privileged-only mapping. */
#define NV50_FLAG_PRIV		DRM_VCM_FMT_FLAG(0)

enum { NV50_PD, NV50_PT64K, NV50_PT4K };

static u64 nv50_aper(enum drm_vcm_location loc, bool snoop)
{
	if (loc == DRM_VCM_LOC_DEVICE)
		return NV50_APER_VRAM;
	return snoop ? NV50_APER_HOST : NV50_APER_NCOH;
}

/* The entry mapping @addr with the flag bits @bits. */
static u64 nv50_pte(dma_addr_t addr, u64 bits)
{
	return (addr & NV50_ADDR) | bits;
}

static void nv50_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			    void *dst, u32 index, u32 count,
			    struct drm_vcm_pte_run *cursor)
{
	/* A local copy of the cursor, which table stores cannot alias. */
	struct drm_vcm_pte_run r = *cursor, *run = &r;
	u64 bits = NV50_PTE_VALID |
		   FIELD_PREP(NV50_PTE_APER,
			      nv50_aper(run->loc, run->flags & DRM_VCM_SNOOP));
	__le64 *pte = dst;
	dma_addr_t addr;
	u32 i;

	if (!(run->flags & DRM_VCM_WRITE))
		bits |= NV50_PTE_RO;
	if (run->flags & NV50_FLAG_PRIV)
		bits |= NV50_PTE_PRIV;
	bits |= FIELD_PREP(NV50_PTE_KIND, run->attr.kind) |
		FIELD_PREP(NV50_PTE_COMP, run->attr.comp);

	/* Host pages: one entry each, block size 0 (nouveau's DMA path). */
	if (run->loc != DRM_VCM_LOC_DEVICE) {
		drm_vcm_run_write(cursor, dst, count, 8, nv50_pte, bits);
		return;
	}

	/*
	 * VRAM: blocks of 2^n identical entries, each holding the block's
	 * first address and n, where the block is index-aligned, inside this
	 * run and on contiguous memory; the largest such block first. Each
	 * contiguous piece of backing is taken in one go.
	 */
	for (i = 0; i < count; ) {
		u64 tag = drm_vcm_run_tag(run, NV50_TAG_SHIFT);
		u64 off = 0;
		u32 end = i + drm_vcm_run_take(run, count - i, &addr);

		while (i < end) {
			u32 n = NV50_PTE_BLOCK_MAX, pten;
			u64 data;

			while (n && ((1U << n) > end - i ||
				     (index + i) & ((1U << n) - 1)))
				n--;
			pten = 1U << n;
			data = ((addr + off) & NV50_ADDR) | bits |
			       FIELD_PREP(NV50_PTE_BLOCK, n);
			if (run->attr.comp)
				data |= FIELD_PREP(NV50_PTE_TAG, tag +
						   (off >> NV50_TAG_SHIFT) *
						   run->attr.comp);
			drm_vcm_fill64(pte + i, pten, data);
			i += pten;
			off += (u64)pten * r.pgsize;
		}
	}
	*cursor = r;
}

static void nv50_write_pde(const struct drm_vcm_mmu *mmu, unsigned int type,
			   void *dst, const struct drm_vcm_table_ref *ref,
			   unsigned int nref)
{
	u64 pde = ref->addr & NV50_ADDR;

	/* Tables VCM keeps in system RAM are coherent. */
	pde |= FIELD_PREP(NV50_PDE_APER, nv50_aper(ref->loc, true));
	pde |= ref->type == NV50_PT4K ? NV50_PDE_TYPE_4K : NV50_PDE_TYPE_64K;
	*(__le64 *)dst = cpu_to_le64(pde);
}

static void nv50_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
		       void *dst, u32 index, u32 count)
{
	drm_vcm_fill64(dst, count, type == NV50_PD ? NV50_PDE_EMPTY : 0);
}

static enum drm_vcm_location nv50_loc(u64 aper)
{
	return aper == NV50_APER_VRAM ? DRM_VCM_LOC_DEVICE : DRM_VCM_LOC_SYSTEM;
}

static void nv50_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			const void *src, u32 index, struct drm_vcm_entry *e)
{
	u64 raw = le64_to_cpup(src);

	e->raw = raw;
	e->addr = raw & NV50_ADDR;
	e->kind = DRM_VCM_ENTRY_INVALID;

	if (type == NV50_PD) {
		switch (FIELD_GET(NV50_PDE_TYPE, raw)) {
		case NV50_PDE_TYPE_4K:
			e->child_type[0] = NV50_PT4K;
			break;
		case NV50_PDE_TYPE_64K:
			e->child_type[0] = NV50_PT64K;
			break;
		default:
			return;
		}
		e->kind = DRM_VCM_ENTRY_PDE;
		e->nchild = 1;
		e->loc = nv50_loc(FIELD_GET(NV50_PDE_APER, raw));
		return;
	}

	if (!(raw & NV50_PTE_VALID))
		return;
	/* Entry @index of a block maps the block's address plus its place. */
	e->addr += (index & (BIT(FIELD_GET(NV50_PTE_BLOCK, raw)) - 1)) *
		   (type == NV50_PT4K ? SZ_4K : SZ_64K);
	e->kind = DRM_VCM_ENTRY_PTE;
	e->loc = nv50_loc(FIELD_GET(NV50_PTE_APER, raw));
	e->flags = DRM_VCM_READ;
	if (!(raw & NV50_PTE_RO))
		e->flags |= DRM_VCM_WRITE;
	if (FIELD_GET(NV50_PTE_APER, raw) == NV50_APER_HOST)
		e->flags |= DRM_VCM_SNOOP;
	if (raw & NV50_PTE_PRIV)
		e->flags |= NV50_FLAG_PRIV;
	e->storage_kind = FIELD_GET(NV50_PTE_KIND, raw);
	e->comp = FIELD_GET(NV50_PTE_COMP, raw);
	e->comptag = FIELD_GET(NV50_PTE_TAG, raw);
	/* Like the address, the tag of a block's entry moves with its place. */
	if (e->comp)
		e->comptag += ((index & (BIT(FIELD_GET(NV50_PTE_BLOCK, raw)) - 1)) *
			       (type == NV50_PT4K ? SZ_4K : SZ_64K) >>
			       NV50_TAG_SHIFT) * e->comp;
}

static const struct drm_vcm_fmt_table nv50_tables[] = {
	[NV50_PD] = {
		.name = "pd",
		.shift = 29,
		.bits = 11,
		.entry_size = 8,
		.nchild = 2,
		.child = { NV50_PT64K, NV50_PT4K },
		.align = 4096,
	},
	[NV50_PT64K] = {
		.name = "pt64k",
		.shift = 16,
		.bits = 13,
		.entry_size = 8,
		.leaf = true,
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_DEVICE),
	},
	[NV50_PT4K] = {
		.name = "pt4k",
		.shift = 12,
		.bits = 17,
		.entry_size = 8,
		.leaf = true,
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_SYSTEM) | BIT(DRM_VCM_LOC_DEVICE),
	},
};

const struct drm_vcm_format vcm_fmt_nv50 = {
	.name = "nv50",
	.tables = nv50_tables,
	.ntables = ARRAY_SIZE(nv50_tables),
	.flags = DRM_VCM_FMT_EXCLUSIVE_CHILD,
	.va_bits = 40,
	.pa_bits = 40,
	.entry_flags = DRM_VCM_WRITE | DRM_VCM_SNOOP,
	.fmt_flags = NV50_FLAG_PRIV,
	.nkinds = 128,
	.max_comp = 3,
	.tag_bits = 15,
	.tag_shift = NV50_TAG_SHIFT,
	.write_ptes = nv50_write_ptes,
	.write_pde = nv50_write_pde,
	.clear = nv50_clear,
	.decode = nv50_decode,
};
