// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * nouveau gf100 (Fermi) GPU VM formats.
 *
 * Two levels over a 40-bit VA. Each page-directory entry points at two
 * page tables at once: a large-page table (LPT) and a small-page table
 * (SPT) of 4 KiB pages. Where the LPT entry is valid the MMU uses it and
 * ignores the SPT; where it is not, the SPT entry decides. The large page
 * size is a per-GPU choice, so there are two formats:
 *
 *   gf100-128k: PD 8192 x 128 MiB; LPT 1024 x 128 KiB; SPT 32768 x 4 KiB
 *   gf100-64k:  PD 16384 x 64 MiB; LPT 1024 x 64 KiB;  SPT 16384 x 4 KiB
 *
 * PTE (both tables):
 *   bit 0      VALID
 *   bit 1      privileged
 *   bit 2      read-only
 *   bits 4-31  address bits 12-39 (the address shifted right by 8)
 *   bit 32     volatile: set for every page outside VRAM, as nouveau's
 *              TTM path does, coherent or not
 *   bits 33-34 aperture: 0 VRAM, 2 host coherent, 3 host non-coherent
 *   bits 36-43 storage kind
 *   bits 44-63 compression tag line: one line per large page, counted
 *              from the backing memory's first line (gm20x's split of a
 *              line over two 64 KiB pages is not written)
 *
 * PDE, 64 bits in two halves:
 *   bits 0-1   LPT aperture: 0 none, 1 VRAM, 2 host coherent, 3 host
 *              non-coherent
 *   bits 4-31  LPT address bits 12-39
 *   bits 32-33 SPT aperture, same codes
 *   bit 34     SPT volatile, set when the SPT is in coherent host memory
 *   bit 35     LPT volatile, likewise
 *   bits 36-63 SPT address bits 12-39 (the address shifted left by 24)
 *
 * An empty entry of any table is 0. Large pages map VRAM only; 4 KiB pages
 * map VRAM or host memory.
 */

#include <linux/bits.h>
#include <linux/bitfield.h>
#include <linux/kernel.h>

#include "../vcm_internal.h"

#define GF100_PTE_VALID		BIT_ULL(0)
#define GF100_PTE_PRIV		BIT_ULL(1)
#define GF100_PTE_RO		BIT_ULL(2)
#define GF100_PTE_ADDR		GENMASK_ULL(31, 4)
#define GF100_PTE_VOL		BIT_ULL(32)
#define GF100_PTE_APER		GENMASK_ULL(34, 33)
#define GF100_PTE_KIND		GENMASK_ULL(43, 36)
#define GF100_PTE_TAG		GENMASK_ULL(63, 44)

#define GF100_APER_VRAM		0
#define GF100_APER_HOST		2
#define GF100_APER_NCOH		3

#define GF100_PDE_LPT_APER	GENMASK_ULL(1, 0)
#define GF100_PDE_LPT_ADDR	GENMASK_ULL(31, 4)
#define GF100_PDE_SPT_APER	GENMASK_ULL(33, 32)
#define GF100_PDE_SPT_VOL	BIT_ULL(34)
#define GF100_PDE_LPT_VOL	BIT_ULL(35)
#define GF100_PDE_SPT_ADDR	GENMASK_ULL(63, 36)

#define GF100_PDE_APER_NONE	0
#define GF100_PDE_APER_VRAM	1
#define GF100_PDE_APER_HOST	2
#define GF100_PDE_APER_NCOH	3

/* Bits 12-39 of an address, as entries hold them. */
#define GF100_ADDR		GENMASK_ULL(39, 12)

/* Format-specific bind flag: privileged-only mapping. */
#define GF100_FLAG_PRIV		DRM_VCM_FMT_FLAG(0)

enum { GF100_PD, GF100_LPT, GF100_SPT };

/* The entry mapping @addr with the flag bits @bits, tags aside. */
static u64 gf100_pte(dma_addr_t addr, u64 bits)
{
	return ((addr & GF100_ADDR) >> 8) | bits;
}

static void gf100_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			     void *dst, u32 index, u32 count,
			     struct drm_vcm_pte_run *cursor)
{
	/* A local copy of the cursor, which table stores cannot alias. */
	struct drm_vcm_pte_run r = *cursor, *run = &r;
	u64 bits = GF100_PTE_VALID;
	__le64 *pte = dst;
	dma_addr_t addr;
	u32 i;

	if (run->loc == DRM_VCM_LOC_DEVICE) {
		bits |= FIELD_PREP(GF100_PTE_APER, GF100_APER_VRAM);
	} else {
		bits |= GF100_PTE_VOL;
		bits |= FIELD_PREP(GF100_PTE_APER,
				   run->flags & DRM_VCM_SNOOP ?
				   GF100_APER_HOST : GF100_APER_NCOH);
	}
	if (!(run->flags & DRM_VCM_WRITE))
		bits |= GF100_PTE_RO;
	if (run->flags & GF100_FLAG_PRIV)
		bits |= GF100_PTE_PRIV;
	bits |= FIELD_PREP(GF100_PTE_KIND, run->attr.kind);

	/* Compressed: each entry its own tag line (device memory only). */
	if (run->attr.comp) {
		for (i = 0; i < count; i++) {
			u64 tag = drm_vcm_run_tag(run, mmu->format->tag_shift);

			addr = drm_vcm_run_next(run);
			pte[i] = cpu_to_le64(((addr & GF100_ADDR) >> 8) | bits |
					     FIELD_PREP(GF100_PTE_TAG, tag));
		}
		*cursor = r;
		return;
	}

	drm_vcm_run_write(cursor, dst, count, 8, gf100_pte, bits);
}

static void gf100_write_pde(const struct drm_vcm_mmu *mmu, unsigned int type,
			    void *dst, const struct drm_vcm_table_ref *ref,
			    unsigned int nref)
{
	u64 pde = 0;
	unsigned int i;

	for (i = 0; i < nref; i++) {
		u64 addr = ref[i].addr & GF100_ADDR;
		/* Tables VCM keeps in system RAM are coherent. */
		bool host = ref[i].loc == DRM_VCM_LOC_SYSTEM;
		u64 aper = host ? GF100_PDE_APER_HOST : GF100_PDE_APER_VRAM;

		if (ref[i].type == GF100_LPT) {
			pde |= FIELD_PREP(GF100_PDE_LPT_APER, aper) | addr >> 8;
			if (host)
				pde |= GF100_PDE_LPT_VOL;
		} else {
			pde |= FIELD_PREP(GF100_PDE_SPT_APER, aper) | addr << 24;
			if (host)
				pde |= GF100_PDE_SPT_VOL;
		}
	}
	*(__le64 *)dst = cpu_to_le64(pde);
}

static void gf100_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
			void *dst, u32 index, u32 count)
{
	drm_vcm_fill64(dst, count, 0);
}

static enum drm_vcm_location gf100_pde_loc(u64 aper)
{
	return aper == GF100_PDE_APER_VRAM ? DRM_VCM_LOC_DEVICE :
					     DRM_VCM_LOC_SYSTEM;
}

/* One child of a PDE: the LPT goes first, the SPT second or alone. */
static void gf100_add_child(struct drm_vcm_entry *e, u8 type, u64 addr,
			    u64 aper)
{
	if (!e->nchild) {
		e->addr = addr;
		e->loc = gf100_pde_loc(aper);
	} else {
		e->addr2 = addr;
	}
	e->child_type[e->nchild++] = type;
	e->kind = DRM_VCM_ENTRY_PDE;
}

static void gf100_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			 const void *src, u32 index, struct drm_vcm_entry *e)
{
	u64 raw = le64_to_cpup(src);
	u64 aper;

	e->raw = raw;
	e->kind = DRM_VCM_ENTRY_INVALID;

	if (type == GF100_PD) {
		aper = FIELD_GET(GF100_PDE_LPT_APER, raw);
		if (aper != GF100_PDE_APER_NONE)
			gf100_add_child(e, GF100_LPT,
					FIELD_GET(GF100_PDE_LPT_ADDR, raw) << 12,
					aper);
		aper = FIELD_GET(GF100_PDE_SPT_APER, raw);
		if (aper != GF100_PDE_APER_NONE)
			gf100_add_child(e, GF100_SPT,
					FIELD_GET(GF100_PDE_SPT_ADDR, raw) << 12,
					aper);
		return;
	}

	if (!(raw & GF100_PTE_VALID))
		return;
	aper = FIELD_GET(GF100_PTE_APER, raw);
	e->kind = DRM_VCM_ENTRY_PTE;
	e->addr = FIELD_GET(GF100_PTE_ADDR, raw) << 12;
	e->loc = aper == GF100_APER_VRAM ? DRM_VCM_LOC_DEVICE :
					   DRM_VCM_LOC_SYSTEM;
	e->flags = DRM_VCM_READ;
	if (!(raw & GF100_PTE_RO))
		e->flags |= DRM_VCM_WRITE;
	if (aper == GF100_APER_HOST)
		e->flags |= DRM_VCM_SNOOP;
	if (raw & GF100_PTE_PRIV)
		e->flags |= GF100_FLAG_PRIV;
	e->storage_kind = FIELD_GET(GF100_PTE_KIND, raw);
	e->comptag = FIELD_GET(GF100_PTE_TAG, raw);
}

static const struct drm_vcm_fmt_table gf100_128k_tables[] = {
	[GF100_PD] = {
		.name = "pd",
		.shift = 27,
		.bits = 13,
		.entry_size = 8,
		.nchild = 2,
		.child = { GF100_LPT, GF100_SPT },
		.align = 4096,
	},
	[GF100_LPT] = {
		.name = "lpt",
		.shift = 17,
		.bits = 10,
		.entry_size = 8,
		.leaf = true,
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_DEVICE),
	},
	[GF100_SPT] = {
		.name = "spt",
		.shift = 12,
		.bits = 15,
		.entry_size = 8,
		.leaf = true,
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_SYSTEM) | BIT(DRM_VCM_LOC_DEVICE),
	},
};

static const struct drm_vcm_fmt_table gf100_64k_tables[] = {
	[GF100_PD] = {
		.name = "pd",
		.shift = 26,
		.bits = 14,
		.entry_size = 8,
		.nchild = 2,
		.child = { GF100_LPT, GF100_SPT },
		.align = 4096,
	},
	[GF100_LPT] = {
		.name = "lpt",
		.shift = 16,
		.bits = 10,
		.entry_size = 8,
		.leaf = true,
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_DEVICE),
	},
	[GF100_SPT] = {
		.name = "spt",
		.shift = 12,
		.bits = 14,
		.entry_size = 8,
		.leaf = true,
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_SYSTEM) | BIT(DRM_VCM_LOC_DEVICE),
	},
};

const struct drm_vcm_format vcm_fmt_gf100_128k = {
	.name = "gf100-128k",
	.tables = gf100_128k_tables,
	.ntables = ARRAY_SIZE(gf100_128k_tables),
	.va_bits = 40,
	.pa_bits = 40,
	.entry_flags = DRM_VCM_WRITE | DRM_VCM_SNOOP,
	.fmt_flags = GF100_FLAG_PRIV,
	.nkinds = 256,
	.max_comp = 1,
	.tag_bits = 20,
	.tag_shift = 17,
	.write_ptes = gf100_write_ptes,
	.write_pde = gf100_write_pde,
	.clear = gf100_clear,
	.decode = gf100_decode,
};

const struct drm_vcm_format vcm_fmt_gf100_64k = {
	.name = "gf100-64k",
	.tables = gf100_64k_tables,
	.ntables = ARRAY_SIZE(gf100_64k_tables),
	.va_bits = 40,
	.pa_bits = 40,
	.entry_flags = DRM_VCM_WRITE | DRM_VCM_SNOOP,
	.fmt_flags = GF100_FLAG_PRIV,
	.nkinds = 256,
	.max_comp = 1,
	.tag_bits = 20,
	.tag_shift = 16,
	.write_ptes = gf100_write_ptes,
	.write_pde = gf100_write_pde,
	.clear = gf100_clear,
	.decode = gf100_decode,
};
