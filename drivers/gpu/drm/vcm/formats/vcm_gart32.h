/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Pieces shared by the flat GART formats with 32-bit entries: radeon's
 * r100, rv370 and rs400 GARTs (vcm_radeon.c), the same hardware as the
 * legacy ati_pcigart drove it (vcm_ati_pcigart.c), and the AGP GATTs
 * (vcm_agp.c).
 *
 * Two ways of packing a 40-bit, 4 KiB-aligned address into 32 bits are in
 * use:
 *
 *   shifted (rv370 PCIE):   entry bits 4-23  = address bits 12-31
 *                           entry bits 24-31 = address bits 32-39
 *   split (rs400, AMD64):   entry bits 12-31 = address bits 12-31
 *                           entry bits 4-11  = address bits 32-39
 *
 * Both leave entry bits 0-3 for flags; radeon's PCIE and IGP GARTs use the
 * same three: bit 0 UNSNOOPED, bit 2 WRITEABLE, bit 3 READABLE. Plain PCI
 * GARTs and the AGP GATT hold address bits 0-31 as they are (flat).
 *
 * The packers are for writers, the unpackers for decoders; neither calls
 * the other.
 */
#ifndef __VCM_GART32_H__
#define __VCM_GART32_H__

#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include "../vcm_internal.h"

#define GART32_RADEON_UNSNOOPED	BIT(0)
#define GART32_RADEON_WRITEABLE	BIT(2)
#define GART32_RADEON_READABLE	BIT(3)
#define GART32_RADEON_RW	(GART32_RADEON_READABLE | \
				 GART32_RADEON_WRITEABLE)

/* What gart32_radeon_bits() records, as bind flags. */
#define GART32_RADEON_FLAGS	(DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP)

/* Address bits 12-31, in place. */
#define GART32_ADDR_LO		GENMASK(31, 12)

/* Address bits 0-31 as they are (r100 PCI, AGP GATT). */
static inline u32 gart32_pack_flat(u64 addr)
{
	return lower_32_bits(addr);
}

static inline u32 gart32_pack_shifted(u64 addr)
{
	return (lower_32_bits(addr) >> 8) |
	       ((upper_32_bits(addr) & 0xff) << 24);
}

static inline u64 gart32_unpack_shifted(u32 raw)
{
	return ((u64)(raw & GENMASK(23, 4)) << 8) | ((u64)(raw >> 24) << 32);
}

static inline u32 gart32_pack_split(u64 addr)
{
	return (lower_32_bits(addr) & GART32_ADDR_LO) |
	       ((upper_32_bits(addr) & 0xff) << 4);
}

static inline u64 gart32_unpack_split(u32 raw)
{
	return (raw & GART32_ADDR_LO) | ((u64)((raw >> 4) & 0xff) << 32);
}

/* Radeon PCIE/IGP flag bits for DRM_VCM_* bind flags. */
static inline u32 gart32_radeon_bits(u32 flags)
{
	u32 bits = 0;

	if (flags & DRM_VCM_READ)
		bits |= GART32_RADEON_READABLE;
	if (flags & DRM_VCM_WRITE)
		bits |= GART32_RADEON_WRITEABLE;
	if (!(flags & DRM_VCM_SNOOP))
		bits |= GART32_RADEON_UNSNOOPED;
	return bits;
}

/* DRM_VCM_* flags a radeon PCIE/IGP entry grants. */
static inline u32 gart32_radeon_flags(u32 raw)
{
	return (raw & GART32_RADEON_READABLE ? DRM_VCM_READ : 0) |
	       (raw & GART32_RADEON_WRITEABLE ? DRM_VCM_WRITE : 0) |
	       (raw & GART32_RADEON_UNSNOOPED ? 0 : DRM_VCM_SNOOP);
}

/*
 * The entry mapping @addr with the flag bits @bits, for each packing, as
 * gart32_write() takes it.
 */
static inline u64 gart32_enc_flat(dma_addr_t addr, u64 bits)
{
	return gart32_pack_flat(addr) | bits;
}

static inline u64 gart32_enc_shifted(dma_addr_t addr, u64 bits)
{
	return gart32_pack_shifted(addr) | bits;
}

static inline u64 gart32_enc_split(dma_addr_t addr, u64 bits)
{
	return gart32_pack_split(addr) | bits;
}

/*
 * Write @count entries, each @encode(page address, @bits). @encode is a
 * constant at every call, so it is inlined: no indirect call per page.
 */
static __always_inline void gart32_write(void *dst, u32 count,
					 struct drm_vcm_pte_run *run,
					 u64 (*encode)(dma_addr_t addr,
						       u64 bits),
					 u32 bits)
{
	drm_vcm_run_write(run, dst, count, 4, encode, bits);
}

/*
 * A format of one flat table of 32-bit entries, one per 4 KiB page, of up
 * to 1 << @_bits entries, indexed from the aperture start and sized to
 * it, in a 32-bit VA space, mapping system memory of up to @_pa_bits;
 * @_fflags are further &enum drm_vcm_format_flags.
 */
#define GART32_FORMAT(_name, _bits, _pa_bits, _eflags, _write, _clear,	\
		      _decode)						\
	GART32_FORMAT_FLAGS(_name, _bits, _pa_bits, _eflags, 0, _write,	\
			    _clear, _decode)

#define GART32_FORMAT_FLAGS(_name, _bits, _pa_bits, _eflags, _fflags,	\
			    _write, _clear, _decode)			\
	{								\
		.name = (_name),					\
		.tables = (const struct drm_vcm_fmt_table[]) { {	\
			.name = "gart",					\
			.shift = 12,					\
			.bits = (_bits),				\
			.entry_size = 4,				\
			.leaf = true,					\
			.align = 4096,					\
			.locs = BIT(DRM_VCM_LOC_SYSTEM),		\
		} },							\
		.ntables = 1,						\
		.flags = DRM_VCM_FMT_RELATIVE | DRM_VCM_FMT_SIZED_TOP |	\
			 (_fflags),					\
		.va_bits = 32,						\
		.pa_bits = (_pa_bits),					\
		.entry_flags = (_eflags),				\
		.write_ptes = (_write),					\
		.clear = (_clear),					\
		.decode = (_decode),					\
	}

#endif /* __VCM_GART32_H__ */
