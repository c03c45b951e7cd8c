// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The GART entries of the legacy DRI1 helper ati_pcigart (r128 and
 * pre-KMS radeon), Linux variant.
 *
 * The hardware is radeon's (vcm_radeon.c): one flat table of little-endian
 * 32-bit entries, one per 4 KiB page, indexed from the aperture start,
 * mapping system memory only. ati_pcigart wrote the same entry for every
 * page whatever the caller wanted, and cut each bus address to its low 32
 * bits before encoding it; these formats state 32-bit DMA instead, so an
 * address above 4 GiB is refused rather than cut.
 *
 * ati-pcigart-pci:   the bus address; no flag bits (readable, writeable,
 *                    snooped)
 * ati-pcigart-pcie:  (bus address >> 8) | 0xc, the rv370 PCIE layout with
 *                    READABLE and WRITEABLE set and UNSNOOPED clear; bits
 *                    24-31 (address bits 32-39) are always 0
 * ati-pcigart-igp:   bus address | 0xc, the rs400 IGP layout with the
 *                    same flags; bits 4-11 (address bits 32-39) always 0
 *
 * There is no dummy page: the table is zero-filled, and an entry of 0 is
 * an empty one (so bus address 0 cannot be mapped through a PCI table).
 * Decoders read the radeon layouts in full, upper address bits included.
 */

#include <linux/bits.h>
#include <linux/kernel.h>

#include "vcm_gart32.h"

static void ati_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
		      void *dst, u32 index, u32 count)
{
	drm_vcm_fill32(dst, count, 0);
}

static bool ati_decode_empty(u32 raw, struct drm_vcm_entry *e)
{
	e->raw = raw;
	e->loc = DRM_VCM_LOC_SYSTEM;
	e->kind = raw ? DRM_VCM_ENTRY_PTE : DRM_VCM_ENTRY_INVALID;
	return !raw;
}

/* PCI */

static void ati_pci_write_ptes(const struct drm_vcm_mmu *mmu,
			       unsigned int type, void *dst, u32 index,
			       u32 count, struct drm_vcm_pte_run *run)
{
	gart32_write(dst, count, run, gart32_enc_flat, 0);
}

static void ati_pci_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			   const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	e->addr = raw & GART32_ADDR_LO;
	if (ati_decode_empty(raw, e))
		return;
	e->flags = DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP;
}

/* PCIE and IGP: the address cut to 32 bits first, as ati_pcigart did. */

static u64 ati_enc_pcie(dma_addr_t addr, u64 bits)
{
	return gart32_pack_shifted(lower_32_bits(addr)) | bits;
}

static u64 ati_enc_igp(dma_addr_t addr, u64 bits)
{
	return gart32_pack_split(lower_32_bits(addr)) | bits;
}

static void ati_pcie_write_ptes(const struct drm_vcm_mmu *mmu,
				unsigned int type, void *dst, u32 index,
				u32 count, struct drm_vcm_pte_run *run)
{
	gart32_write(dst, count, run, ati_enc_pcie, GART32_RADEON_RW);
}

static void ati_pcie_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			    const void *src, u32 index,
			    struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	e->addr = gart32_unpack_shifted(raw);
	if (ati_decode_empty(raw, e))
		return;
	e->flags = gart32_radeon_flags(raw);
}

static void ati_igp_write_ptes(const struct drm_vcm_mmu *mmu,
			       unsigned int type, void *dst, u32 index,
			       u32 count, struct drm_vcm_pte_run *run)
{
	gart32_write(dst, count, run, ati_enc_igp, GART32_RADEON_RW);
}

static void ati_igp_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			   const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	e->addr = gart32_unpack_split(raw);
	if (ati_decode_empty(raw, e))
		return;
	e->flags = gart32_radeon_flags(raw);
}

const struct drm_vcm_format vcm_fmt_ati_pcigart_pci =
	GART32_FORMAT("ati-pcigart-pci", 20, 32, 0, ati_pci_write_ptes,
		      ati_clear, ati_pci_decode);
const struct drm_vcm_format vcm_fmt_ati_pcigart_pcie =
	GART32_FORMAT("ati-pcigart-pcie", 20, 32, 0, ati_pcie_write_ptes,
		      ati_clear, ati_pcie_decode);
const struct drm_vcm_format vcm_fmt_ati_pcigart_igp =
	GART32_FORMAT("ati-pcigart-igp", 20, 32, 0, ati_igp_write_ptes,
		      ati_clear, ati_igp_decode);
