// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * radeon rs600 / r600-family GART entry format.
 *
 * One flat table of 64-bit entries, one per 4 KiB GPU page of the GART
 * aperture, indexed from the aperture start:
 *
 *   bit 0      VALID
 *   bit 1      SYSTEM (set on every GART entry, the dummy one included)
 *   bit 2      SNOOPED
 *   bit 5      READABLE
 *   bit 6      WRITEABLE
 *   bits 12-63 page address
 *
 * Unbound entries point at the driver's dummy page with SYSTEM set and
 * VALID clear. The memory controller decodes 32 bits of address on r600 to
 * rv7xx, so that is the format's VA limit; entries hold 40-bit bus
 * addresses (the PCIE DMA mask).
 */

#include <linux/bits.h>
#include <linux/kernel.h>

#include "../vcm_internal.h"

#define R600_PTE_VALID		BIT_ULL(0)
#define R600_PTE_SYSTEM		BIT_ULL(1)
#define R600_PTE_SNOOPED	BIT_ULL(2)
#define R600_PTE_READABLE	BIT_ULL(5)
#define R600_PTE_WRITEABLE	BIT_ULL(6)
#define R600_PTE_ADDR		GENMASK_ULL(63, 12)

/* The entry mapping @addr with the flag bits @bits. */
static u64 r600_pte(dma_addr_t addr, u64 bits)
{
	return (addr & R600_PTE_ADDR) | bits;
}

static void r600_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			    void *dst, u32 index, u32 count,
			    struct drm_vcm_pte_run *run)
{
	u64 bits = R600_PTE_VALID | R600_PTE_SYSTEM;

	if (run->flags & DRM_VCM_SNOOP)
		bits |= R600_PTE_SNOOPED;
	if (run->flags & DRM_VCM_READ)
		bits |= R600_PTE_READABLE;
	if (run->flags & DRM_VCM_WRITE)
		bits |= R600_PTE_WRITEABLE;

	drm_vcm_run_write(run, dst, count, 8, r600_pte, bits);
}

static void r600_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
		       void *dst, u32 index, u32 count)
{
	drm_vcm_fill64(dst, count,
		       (mmu->dummy_addr & R600_PTE_ADDR) | R600_PTE_SYSTEM);
}

static void r600_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			const void *src, u32 index, struct drm_vcm_entry *e)
{
	u64 raw = le64_to_cpup(src);

	e->raw = raw;
	e->addr = raw & R600_PTE_ADDR;
	e->loc = DRM_VCM_LOC_SYSTEM;
	if (!(raw & R600_PTE_VALID)) {
		e->kind = DRM_VCM_ENTRY_INVALID;
		return;
	}
	e->kind = DRM_VCM_ENTRY_PTE;
	e->flags = (raw & R600_PTE_READABLE ? DRM_VCM_READ : 0) |
		   (raw & R600_PTE_WRITEABLE ? DRM_VCM_WRITE : 0) |
		   (raw & R600_PTE_SNOOPED ? DRM_VCM_SNOOP : 0);
}

static const struct drm_vcm_fmt_table r600_tables[] = {
	{
		.name = "gart",
		.shift = 12,
		.bits = 20,
		.entry_size = 8,
		.leaf = true,
		.align = 4096,
		.locs = BIT(DRM_VCM_LOC_SYSTEM),
	},
};

const struct drm_vcm_format vcm_fmt_r600_gart = {
	.name = "r600-gart",
	.tables = r600_tables,
	.ntables = ARRAY_SIZE(r600_tables),
	.flags = DRM_VCM_FMT_RELATIVE | DRM_VCM_FMT_SIZED_TOP,
	.va_bits = 32,
	.pa_bits = 40,
	.entry_flags = DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
	.write_ptes = r600_write_ptes,
	.clear = r600_clear,
	.decode = r600_decode,
};
