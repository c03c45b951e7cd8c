// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * nouveau gp100 (Pascal) GPU VM format.
 *
 * Five levels over a 49-bit VA:
 *
 *   PD3  4 x 128 TiB     8-byte entries
 *   PD2  512 x 256 GiB   8-byte entries
 *   PD1  512 x 512 MiB   8-byte entries
 *   PD0  256 x 2 MiB     16-byte entries
 *   LPT  32 x 64 KiB     8-byte entries, table 256-byte aligned
 *   SPT  512 x 4 KiB     8-byte entries
 *
 * A PD0 entry is two directory entries side by side: the first quadword
 * points at a 64 KiB-page table (LPT), the second at a 4 KiB-page table
 * (SPT), and both may be live at once. Where the LPT entry is valid the
 * MMU uses it; where it is 0 the MMU looks at the SPT entry. A PD0 entry
 * may instead map a 2 MiB page itself: a PTE in the first quadword and 0
 * in the second.
 *
 * PTE:
 *   bit 0      VALID
 *   bits 1-2   aperture: 0 VRAM, 2 host coherent, 3 host non-coherent
 *   bit 3      volatile: set for every page outside VRAM, as nouveau's
 *              TTM path does, coherent or not
 *   bit 5      privileged
 *   bit 6      read-only
 *   bits 8-42  address bits 12-46 (the address shifted right by 4)
 *   bits 36-55 compression tag line, one per 64 KiB counted from the
 *              backing memory's first line, in VRAM entries of a kind
 *              other than pitch (0); it shares bits 36-42 with the
 *              address field, so such VRAM lies below 1 TiB
 *   bits 56-63 storage kind
 *
 * PDE (each quadword of a PD0 entry too):
 *   bits 1-2   aperture of the table: 0 none, 1 VRAM, 2 host coherent,
 *              3 host non-coherent
 *   bit 3      volatile, set when the table is in coherent host memory
 *   bits 4-42  table address bits 8-46 (the address shifted right by 4:
 *              an LPT need only be 256-byte aligned)
 *
 * An empty entry of any table is 0. nouveau also writes "PRIV only" into
 * LPT entries that must hide their SPT entries; VCM does not, since it
 * needs every unused LPT entry to let the SPT entry through, but reads it
 * as invalid.
 *
 * Sparse: an entry with VALID clear and VOL set, at any level (for a
 * directory entry: aperture 0 and VOL), maps nothing without faulting:
 * reads return zeros, writes are dropped. In a PD0 entry it is (VOL, 0).
 * An LPT entry decides for its whole 64 KiB, SPT or not: 0 lets the SPT
 * entries through, VOL (sparse) and PRIV hide them. So where a PD0 entry
 * has both tables, the engine writes the LPT's unbound entries as 0 and
 * the SPT's as sparse; the format only encodes the two states.
 *
 * 2 MiB and 64 KiB pages map VRAM only; 4 KiB pages map VRAM or host
 * memory.
 */

#include <linux/bits.h>
#include <linux/bitfield.h>
#include <linux/kernel.h>

#include "../vcm_internal.h"

#define GP100_PTE_VALID		BIT_ULL(0)
#define GP100_PTE_APER		GENMASK_ULL(2, 1)
#define GP100_PTE_VOL		BIT_ULL(3)
#define GP100_PTE_PRIV		BIT_ULL(5)
#define GP100_PTE_RO		BIT_ULL(6)
#define GP100_PTE_TAG		GENMASK_ULL(55, 36)
#define GP100_PTE_KIND		GENMASK_ULL(63, 56)
#define GP100_TAG_SHIFT		16

#define GP100_APER_VRAM		0
#define GP100_APER_HOST		2
#define GP100_APER_NCOH		3

#define GP100_PDE_APER		GENMASK_ULL(2, 1)
#define GP100_PDE_VOL		BIT_ULL(3)

#define GP100_PDE_APER_NONE	0
#define GP100_PDE_APER_VRAM	1
#define GP100_PDE_APER_HOST	2
#define GP100_PDE_APER_NCOH	3

/* Page address bits 12-46 and table address bits 8-46, shifted by 4. */
#define GP100_PTE_ADDR		GENMASK_ULL(42, 8)
#define GP100_PDE_ADDR		GENMASK_ULL(42, 4)

/* Format-specific bind flag: privileged-only mapping. */
#define GP100_FLAG_PRIV		DRM_VCM_FMT_FLAG(0)

enum { GP100_PD3, GP100_PD2, GP100_PD1, GP100_PD0, GP100_LPT, GP100_SPT };

/* The entry mapping @addr with the flag bits @bits, tags aside. */
static u64 gp100_pte(dma_addr_t addr, u64 bits)
{
	return ((addr >> 4) & GP100_PTE_ADDR) | bits;
}

static void gp100_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			     void *dst, u32 index, u32 count,
			     struct drm_vcm_pte_run *cursor)
{
	/*
	 * A local copy of the cursor: the stores into the table cannot alias
	 * it, so it stays in registers.
	 */
	struct drm_vcm_pte_run r = *cursor, *run = &r;
	/* A 2 MiB page in PD0 fills the first half of a 16-byte entry. */
	unsigned int step = type == GP100_PD0 ? 2 : 1;
	u64 bits = GP100_PTE_VALID;
	__le64 *pte = dst;
	dma_addr_t addr;
	u32 i;

	if (run->loc == DRM_VCM_LOC_DEVICE) {
		bits |= FIELD_PREP(GP100_PTE_APER, GP100_APER_VRAM);
	} else {
		bits |= GP100_PTE_VOL;
		bits |= FIELD_PREP(GP100_PTE_APER,
				   run->flags & DRM_VCM_SNOOP ?
				   GP100_APER_HOST : GP100_APER_NCOH);
	}
	if (!(run->flags & DRM_VCM_WRITE))
		bits |= GP100_PTE_RO;
	if (run->flags & GP100_FLAG_PRIV)
		bits |= GP100_PTE_PRIV;
	bits |= FIELD_PREP(GP100_PTE_KIND, run->attr.kind);

	/* Compressed: each entry its own tag lines (device memory only). */
	if (run->attr.comp) {
		for (i = 0; i < count; i++) {
			u64 tag = drm_vcm_run_tag(run, GP100_TAG_SHIFT);

			addr = drm_vcm_run_next(run);
			pte[i * step] = cpu_to_le64(((addr >> 4) & GP100_PTE_ADDR) |
						    bits |
						    FIELD_PREP(GP100_PTE_TAG, tag));
			if (step == 2)
				pte[i * step + 1] = 0;
		}
		*cursor = r;
		return;
	}

	/* 4 KiB and 64 KiB pages: one entry each, side by side. */
	if (step == 1) {
		drm_vcm_run_write(cursor, dst, count, 8, gp100_pte, bits);
		return;
	}

	/* 2 MiB pages: each contiguous piece of backing in one go. */
	for (i = 0; i < count; ) {
		u32 end = i + drm_vcm_run_take(run, count - i, &addr);
		u64 v = gp100_pte(addr, bits), inc = run->pgsize >> 4;

		for (; i < end; i++, v += inc) {
			pte[2 * i] = cpu_to_le64(v);
			pte[2 * i + 1] = 0;
		}
	}
	*cursor = r;
}

static u64 gp100_pde(const struct drm_vcm_table_ref *ref)
{
	u64 pde = (ref->addr >> 4) & GP100_PDE_ADDR;

	/* Tables VCM keeps in system RAM are coherent. */
	if (ref->loc == DRM_VCM_LOC_SYSTEM)
		return pde | GP100_PDE_VOL |
		       FIELD_PREP(GP100_PDE_APER, GP100_PDE_APER_HOST);
	return pde | FIELD_PREP(GP100_PDE_APER, GP100_PDE_APER_VRAM);
}

static void gp100_write_pde(const struct drm_vcm_mmu *mmu, unsigned int type,
			    void *dst, const struct drm_vcm_table_ref *ref,
			    unsigned int nref)
{
	__le64 *pde = dst;
	unsigned int i;

	if (type != GP100_PD0) {
		pde[0] = cpu_to_le64(gp100_pde(ref));
		return;
	}
	pde[0] = 0;
	pde[1] = 0;
	for (i = 0; i < nref; i++)
		pde[ref[i].type == GP100_SPT] = cpu_to_le64(gp100_pde(&ref[i]));
}

/* Fill @count entries of a table of kind @type with @v (PD0: (@v, 0)). */
static void gp100_fill(unsigned int type, void *dst, u32 count, u64 v)
{
	__le64 *q = dst;
	u32 i;

	if (type != GP100_PD0) {
		drm_vcm_fill64(dst, count, v);
		return;
	}
	for (i = 0; i < count; i++) {
		q[2 * i] = cpu_to_le64(v);
		q[2 * i + 1] = 0;
	}
}

static void gp100_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
			void *dst, u32 index, u32 count)
{
	gp100_fill(type, dst, count, 0);
}

static void gp100_sparse_fill(const struct drm_vcm_mmu *mmu,
			      unsigned int type, void *dst, u32 index,
			      u32 count)
{
	gp100_fill(type, dst, count, GP100_PTE_VOL);
}

/* VALID clear, aperture 0 and VOL set: sparse, at any level. */
static bool gp100_sparse(u64 raw)
{
	return (raw & (GP100_PTE_VALID | GP100_PTE_APER | GP100_PTE_VOL)) ==
	       GP100_PTE_VOL;
}

static enum drm_vcm_location gp100_pde_loc(u64 aper)
{
	return aper == GP100_PDE_APER_VRAM ? DRM_VCM_LOC_DEVICE :
					     DRM_VCM_LOC_SYSTEM;
}

/* One child table of a directory entry, if the quadword @q points at one. */
static void gp100_add_child(struct drm_vcm_entry *e, u8 type, u64 q)
{
	u64 aper = FIELD_GET(GP100_PDE_APER, q);
	u64 addr = (q & GP100_PDE_ADDR) << 4;

	if (aper == GP100_PDE_APER_NONE)
		return;
	if (!e->nchild) {
		e->addr = addr;
		e->loc = gp100_pde_loc(aper);
	} else {
		e->addr2 = addr;
	}
	e->child_type[e->nchild++] = type;
	e->kind = DRM_VCM_ENTRY_PDE;
}

static void gp100_decode_pte(u64 raw, struct drm_vcm_entry *e)
{
	u64 aper = FIELD_GET(GP100_PTE_APER, raw);

	e->kind = DRM_VCM_ENTRY_PTE;
	e->addr = (raw & GP100_PTE_ADDR) << 4;
	e->loc = aper == GP100_APER_VRAM ? DRM_VCM_LOC_DEVICE :
					   DRM_VCM_LOC_SYSTEM;
	e->flags = DRM_VCM_READ;
	if (!(raw & GP100_PTE_RO))
		e->flags |= DRM_VCM_WRITE;
	if (aper == GP100_APER_HOST)
		e->flags |= DRM_VCM_SNOOP;
	if (raw & GP100_PTE_PRIV)
		e->flags |= GP100_FLAG_PRIV;
	e->storage_kind = FIELD_GET(GP100_PTE_KIND, raw);
	/*
	 * VRAM of a kind other than pitch (0), the only kinds with tag
	 * lines, lies below 1 TiB: bits 36-55 are its tag; elsewhere bits
	 * 36-42 are address.
	 */
	if (aper == GP100_APER_VRAM && e->storage_kind) {
		e->comptag = FIELD_GET(GP100_PTE_TAG, raw);
		e->addr &= GENMASK_ULL(39, 12);
	}
}

static void gp100_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			 const void *src, u32 index, struct drm_vcm_entry *e)
{
	const __le64 *q = src;
	u64 raw = le64_to_cpu(q[0]);

	e->raw = raw;
	e->kind = DRM_VCM_ENTRY_INVALID;

	switch (type) {
	case GP100_PD3:
	case GP100_PD2:
	case GP100_PD1:
		gp100_add_child(e, type + 1, raw);
		break;
	case GP100_PD0:
		if (raw & GP100_PTE_VALID) {
			gp100_decode_pte(raw, e);
			return;
		}
		gp100_add_child(e, GP100_LPT, raw);
		gp100_add_child(e, GP100_SPT, le64_to_cpu(q[1]));
		break;
	default:
		/* Unmapped (0) and hidden (PRIV) alike are invalid. */
		if (raw & GP100_PTE_VALID)
			gp100_decode_pte(raw, e);
		break;
	}
	if (e->kind == DRM_VCM_ENTRY_INVALID && gp100_sparse(raw))
		e->kind = DRM_VCM_ENTRY_SPARSE;
}

static const struct drm_vcm_fmt_table gp100_tables[] = {
	[GP100_PD3] = {
		.name = "pd3",
		.shift = 47,
		.bits = 2,
		.entry_size = 8,
		.nchild = 1,
		.child = { GP100_PD2 },
		.align = 4096,
	},
	[GP100_PD2] = {
		.name = "pd2",
		.shift = 38,
		.bits = 9,
		.entry_size = 8,
		.nchild = 1,
		.child = { GP100_PD1 },
		.align = 4096,
	},
	[GP100_PD1] = {
		.name = "pd1",
		.shift = 29,
		.bits = 9,
		.entry_size = 8,
		.nchild = 1,
		.child = { GP100_PD0 },
		.align = 4096,
	},
	[GP100_PD0] = {
		.name = "pd0",
		.shift = 21,
		.bits = 8,
		.entry_size = 16,
		.leaf = true,
		.nchild = 2,
		.child = { GP100_LPT, GP100_SPT },
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_DEVICE),
	},
	[GP100_LPT] = {
		.name = "lpt",
		.shift = 16,
		.bits = 5,
		.entry_size = 8,
		.leaf = true,
		.align = 256,
		.locs = BIT(DRM_VCM_LOC_DEVICE),
	},
	[GP100_SPT] = {
		.name = "spt",
		.shift = 12,
		.bits = 9,
		.entry_size = 8,
		.leaf = true,
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_SYSTEM) | BIT(DRM_VCM_LOC_DEVICE),
	},
};

const struct drm_vcm_format vcm_fmt_gp100 = {
	.name = "gp100",
	.tables = gp100_tables,
	.ntables = ARRAY_SIZE(gp100_tables),
	.flags = DRM_VCM_FMT_SPARSE,
	.va_bits = 49,
	.pa_bits = 47,
	.entry_flags = DRM_VCM_WRITE | DRM_VCM_SNOOP,
	.fmt_flags = GP100_FLAG_PRIV,
	.nkinds = 256,
	.max_comp = 1,
	.tag_bits = 20,
	.tag_shift = GP100_TAG_SHIFT,
	.comp_pa_bits = 40,
	.write_ptes = gp100_write_ptes,
	.write_pde = gp100_write_pde,
	.clear = gp100_clear,
	.sparse = gp100_sparse_fill,
	.decode = gp100_decode,
};
