// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * radeon's GARTs with 32-bit entries, before rs600.
 *
 * Each is one flat table of little-endian 32-bit entries, one per 4 KiB
 * GPU page of the aperture, indexed from the aperture start, in the GPU's
 * 32-bit memory-controller space. Only system memory is mapped. None has a
 * valid bit: an unbound entry holds what radeon computes for its dummy
 * page with no access flags, and a decoder tells it apart by pointing at
 * the dummy page and granting neither read nor write (r100: by pointing at
 * the dummy page).
 *
 * r100-pci (r100, r200, r300 PCI):
 *   bits 0-31  bus address; no flag bits, so every mapping is readable,
 *              writeable and, being plain PCI, snooped
 *   unbound: the dummy page's address. 32-bit DMA.
 *
 * rv370-pcie (r300/r420/r5xx PCIE; the table usually sits in VRAM):
 *   bit 0      UNSNOOPED (set when DRM_VCM_SNOOP is not asked for)
 *   bit 2      WRITEABLE
 *   bit 3      READABLE
 *   bits 4-23  address bits 12-31
 *   bits 24-31 address bits 32-39
 *   unbound: dummy >> 8 with UNSNOOPED set. 40-bit DMA.
 *
 * rs400-igp (rs400, rs480, rs690, rs740; the table in system RAM, which
 * the GART reads without snooping: %DRM_VCM_FMT_UNCACHED_TABLES makes VCM
 * map it uncached):
 *   bit 0      UNSNOOPED
 *   bit 2      WRITEABLE
 *   bit 3      READABLE
 *   bits 4-11  address bits 32-39
 *   bits 12-31 address bits 12-31
 *   unbound: the dummy page's address with UNSNOOPED set. 40-bit DMA.
 *   The aperture is one of 32, 64, 128, 256, 512 MiB, 1 GiB or 2 GiB
 *   (RS480_VA_SIZE_*). The format states only the 2 GiB maximum: the
 *   driver creates its space with one of those sizes.
 */

#include <linux/bits.h>
#include <linux/kernel.h>

#include "vcm_gart32.h"

/* r100 PCI GART */

static void r100_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			    void *dst, u32 index, u32 count,
			    struct drm_vcm_pte_run *run)
{
	gart32_write(dst, count, run, gart32_enc_flat, 0);
}

static void r100_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
		       void *dst, u32 index, u32 count)
{
	drm_vcm_fill32(dst, count, lower_32_bits(mmu->dummy_addr));
}

static void r100_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	e->raw = raw;
	e->addr = raw & GART32_ADDR_LO;
	e->loc = DRM_VCM_LOC_SYSTEM;
	if (e->addr == (mmu->dummy_addr & GART32_ADDR_LO)) {
		e->kind = DRM_VCM_ENTRY_INVALID;
		return;
	}
	e->kind = DRM_VCM_ENTRY_PTE;
	e->flags = DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP;
}

const struct drm_vcm_format vcm_fmt_r100_pci =
	GART32_FORMAT("r100-pci", 20, 32, 0, r100_write_ptes, r100_clear,
		      r100_decode);

/* rv370 PCIE and rs400 IGP GARTs */

/* Unbound: the dummy page, neither readable nor writeable. */
static void radeon_decode_fields(const struct drm_vcm_mmu *mmu, u32 raw,
				 u64 addr, struct drm_vcm_entry *e)
{
	e->raw = raw;
	e->addr = addr;
	e->loc = DRM_VCM_LOC_SYSTEM;
	if (!(raw & GART32_RADEON_RW) &&
	    addr == (mmu->dummy_addr & GENMASK_ULL(39, 12))) {
		e->kind = DRM_VCM_ENTRY_INVALID;
		return;
	}
	e->kind = DRM_VCM_ENTRY_PTE;
	e->flags = gart32_radeon_flags(raw);
}

static void rv370_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			     void *dst, u32 index, u32 count,
			     struct drm_vcm_pte_run *run)
{
	gart32_write(dst, count, run, gart32_enc_shifted,
		     gart32_radeon_bits(run->flags));
}

static void rv370_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
			void *dst, u32 index, u32 count)
{
	drm_vcm_fill32(dst, count, gart32_pack_shifted(mmu->dummy_addr) |
		       gart32_radeon_bits(0));
}

static void rv370_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			 const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	radeon_decode_fields(mmu, raw, gart32_unpack_shifted(raw), e);
}

const struct drm_vcm_format vcm_fmt_rv370_pcie =
	GART32_FORMAT("rv370-pcie", 20, 40, GART32_RADEON_FLAGS,
		      rv370_write_ptes, rv370_clear, rv370_decode);

static void rs400_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			     void *dst, u32 index, u32 count,
			     struct drm_vcm_pte_run *run)
{
	gart32_write(dst, count, run, gart32_enc_split,
		     gart32_radeon_bits(run->flags));
}

static void rs400_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
			void *dst, u32 index, u32 count)
{
	drm_vcm_fill32(dst, count, gart32_pack_split(mmu->dummy_addr) |
		       gart32_radeon_bits(0));
}

static void rs400_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			 const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	radeon_decode_fields(mmu, raw, gart32_unpack_split(raw), e);
}

/*
 * At most 2 GiB: 2^19 entries. The GART does not snoop when it reads the
 * table, so the table is mapped uncached, as radeon does for these chips.
 */
const struct drm_vcm_format vcm_fmt_rs400_igp =
	GART32_FORMAT_FLAGS("rs400-igp", 19, 40, GART32_RADEON_FLAGS,
			    DRM_VCM_FMT_UNCACHED_TABLES, rs400_write_ptes,
			    rs400_clear, rs400_decode);
