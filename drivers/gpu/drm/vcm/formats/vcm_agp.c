// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * AGP graphics address translation tables (GATT), as the AGP core in
 * drivers/char/agp writes them.
 *
 * Each is one flat table of little-endian 32-bit entries, one per 4 KiB
 * page of the aperture, indexed from the aperture start. The aperture sits
 * in the 32-bit bus address space. Only system memory is mapped. Entries
 * carry no access bits: every mapping is readable and writeable.
 *
 * agp-gatt (the generic GATT of agp_generic_insert_memory()):
 *   bits 0-31  physical address ORed with the bridge's mask
 *   The mask is the bridge driver's masks[0]. This format uses 0x1, the
 *   value of the ati, amd-k7, nvidia, serverworks and efficeon bridges;
 *   intel-agp uses 0x17, and a bridge with another mask would register a
 *   variant of this format. The entry is stored with writel(), so only 32
 *   bits of address fit: 32-bit DMA. AGP accesses do not snoop.
 *   unbound: the scratch page. The AGP core computes it once, with the
 *   bridge's mask_memory() at type 0, so it is the dummy page's address
 *   with the mask set, and agp_generic_remove_memory() writes that. An
 *   entry reads as empty, as the core's PGE_EMPTY() has it, when it is 0
 *   or the scratch entry; a decoder also takes any entry without the mask
 *   bit as empty.
 *
 * amd64-gart (the AMD64 northbridge GART of amd64-agp.c):
 *   bit 0      VALID
 *   bit 1      COHERENT (always set: mappings always snoop)
 *   bits 4-11  address bits 32-39
 *   bits 12-31 address bits 12-31
 *   40-bit DMA. Apertures are 32 MiB to 2 GiB.
 *   unbound: amd64 removes with agp_generic_remove_memory() and has no
 *   masks, so the scratch entry is the dummy page's raw physical address,
 *   truncated to 32 bits: VALID and COHERENT clear, bits 32-39 not moved.
 *   VALID clear is what makes it unbound.
 */

#include <linux/bits.h>
#include <linux/kernel.h>

#include "vcm_gart32.h"

/* Generic GATT */

#define AGP_GENERIC_MASK	0x1

static void agp_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			   void *dst, u32 index, u32 count,
			   struct drm_vcm_pte_run *run)
{
	gart32_write(dst, count, run, gart32_enc_flat, AGP_GENERIC_MASK);
}

static void agp_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
		      void *dst, u32 index, u32 count)
{
	drm_vcm_fill32(dst, count,
		       lower_32_bits(mmu->dummy_addr) | AGP_GENERIC_MASK);
}

static void agp_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
		       const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	e->raw = raw;
	e->addr = raw & GART32_ADDR_LO;
	e->loc = DRM_VCM_LOC_SYSTEM;
	if (!(raw & AGP_GENERIC_MASK) ||
	    e->addr == (mmu->dummy_addr & GART32_ADDR_LO)) {
		e->kind = DRM_VCM_ENTRY_INVALID;
		return;
	}
	e->kind = DRM_VCM_ENTRY_PTE;
	e->flags = DRM_VCM_READ | DRM_VCM_WRITE;
}

/* Apertures of up to 4 GiB (AGP 3.0). */
const struct drm_vcm_format vcm_fmt_agp_gatt =
	GART32_FORMAT("agp-gatt", 20, 32, 0, agp_write_ptes, agp_clear,
		      agp_decode);

/* AMD64 northbridge GART */

#define AMD64_GPTE_VALID	BIT(0)
#define AMD64_GPTE_COHERENT	BIT(1)

static void amd64_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			     void *dst, u32 index, u32 count,
			     struct drm_vcm_pte_run *run)
{
	gart32_write(dst, count, run, gart32_enc_split,
		     AMD64_GPTE_VALID | AMD64_GPTE_COHERENT);
}

static void amd64_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
			void *dst, u32 index, u32 count)
{
	drm_vcm_fill32(dst, count, lower_32_bits(mmu->dummy_addr));
}

static void amd64_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			 const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	e->raw = raw;
	e->addr = gart32_unpack_split(raw);
	e->loc = DRM_VCM_LOC_SYSTEM;
	if (!(raw & AMD64_GPTE_VALID)) {
		e->kind = DRM_VCM_ENTRY_INVALID;
		return;
	}
	e->kind = DRM_VCM_ENTRY_PTE;
	e->flags = DRM_VCM_READ | DRM_VCM_WRITE |
		   (raw & AMD64_GPTE_COHERENT ? DRM_VCM_SNOOP : 0);
}

/* Apertures of up to 2 GiB: 2^19 entries. */
const struct drm_vcm_format vcm_fmt_amd64_gart =
	GART32_FORMAT("amd64-gart", 19, 40, 0, amd64_write_ptes, amd64_clear,
		      amd64_decode);
