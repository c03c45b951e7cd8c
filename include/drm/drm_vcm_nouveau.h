/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * nouveau GART / GPU-VM register sequences, public for the nouveau driver.
 *
 * Run against a &struct drm_vcm_mmio, as the radeon ones
 * (<drm/drm_vcm_radeon.h>); the conventions (@start/@end/@size, @table,
 * @dummy, return values) are those described in
 * drivers/gpu/drm/vcm/backends/vcm_backend.h. Every wait is bounded: 2 s
 * unless &drm_vcm_mmio.timeout_us says otherwise, as nvkm's own.
 */
#ifndef __DRM_VCM_NOUVEAU_H__
#define __DRM_VCM_NOUVEAU_H__

#include <linux/types.h>

#include <drm/drm_vcm_mmio.h>

/**
 * vcm_nouveau_nv41_activate() - enable the nv41 PCIE GART
 * @m: register accessor
 * @table: offset of the table in instance memory (32 bits)
 * @start: unused (the aperture is the fixed 512 MiB GART)
 * @end: unused
 * @dummy: unused
 *
 * 0x100800 = @table | 2, set bit 8 of 0x10008c, 0x100820 = 0.
 *
 * Return: 0, or -ERANGE if @table needs more than 32 bits.
 */
int vcm_nouveau_nv41_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_nouveau_nv41_flush() - invalidate the nv41 GART TLB
 * @m: register accessor
 *
 * 0x100810 = 0x22, poll until bit 5 is set, 0x100810 = 0 (also after a
 * timeout).
 *
 * Return: 0 or -ETIMEDOUT.
 */
int vcm_nouveau_nv41_flush(const struct drm_vcm_mmio *m);

/**
 * vcm_nouveau_nv44_activate() - enable the nv44 PCIE GART
 * @m: register accessor
 * @table: offset of the table in instance memory (512 KiB aligned)
 * @start: first byte of the aperture
 * @end: last byte of the aperture; @end - @start + 1 is written as size
 * @dummy: bus address of the page empty slots point at (32 bits)
 *
 * Reads 0x10020c to find the VRAM address of the table's PRAMIN block
 * (0x10020c - ((@table >> 19) + 1) * 512 KiB), then writes 0x100850 =
 * 0x80000000, 0x100818 = @dummy, 0x100804 = size, 0x100850 = 0x8000, sets
 * bit 9 of 0x10008c, 0x100820 = 0, 0x10082c = 1 and 0x100800 = address |
 * 0x10.
 *
 * Return: 0, or -ERANGE if @dummy or the size needs more than 32 bits.
 */
int vcm_nouveau_nv44_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_nouveau_nv44_flush() - invalidate the nv44 GART TLB
 * @m: register accessor
 * @limit: end of the GART address space (exclusive), e.g. 512 MiB
 *
 * 0x100814 = @limit - 4096, 0x100808 = 0x20, poll until bit 0 is set,
 * 0x100808 = 0 (also after a timeout).
 *
 * Return: 0 or -ETIMEDOUT.
 */
int vcm_nouveau_nv44_flush(const struct drm_vcm_mmio *m, u64 limit);

/**
 * vcm_nouveau_nv50_flush() - invalidate the nv50/g84 TLBs of some engines
 * @m: register accessor
 * @engines: bit n set flushes the engine whose hardware id is n (0 GR,
 *	1 VP/MSPDEC, 6 BAR, 8 MPEG/MSPPP, 9 BSP/MSVLD, 10 CIPHER/SEC, 13 CE)
 *
 * For each engine, lowest id first: 0x100c80 = (id << 16) | 1, then poll
 * until bit 0 clears. An engine that times out does not stop the others.
 * nouveau flushes GR through a workaround of its own on some chips; leave
 * bit 0 clear then. The page directory lives in each channel's instance
 * block, so nv50 has no register activate sequence.
 *
 * Return: 0, or -ETIMEDOUT if any engine timed out.
 */
int vcm_nouveau_nv50_flush(const struct drm_vcm_mmio *m, u32 engines);

/**
 * enum vcm_nv_aperture - where a nouveau page directory lives
 * @VCM_NV_APER_VRAM: video memory
 * @VCM_NV_APER_HOST: coherent system memory
 * @VCM_NV_APER_NCOH: non-coherent system memory
 */
enum vcm_nv_aperture {
	VCM_NV_APER_VRAM = 0,
	VCM_NV_APER_HOST = 2,
	VCM_NV_APER_NCOH = 3,
};

/* gf100+ invalidate types (0x100cbc low bits). */
#define VCM_NV_INV_PAGE_ALL	0x00000001
#define VCM_NV_INV_ALL_PDB	0x00000002
#define VCM_NV_INV_HUB_ONLY	0x00000004

/**
 * vcm_nouveau_gf100_flush() - gf100 (Fermi) TLB invalidate
 * @m: register accessor
 * @pd: address of the page directory (40 bits)
 * @aper: where the page directory lives
 * @type: invalidate type, e.g. VCM_NV_INV_PAGE_ALL, or-ed with
 *	VCM_NV_INV_HUB_ONLY when BAR uses the space; with
 *	VCM_NV_INV_ALL_PDB no directory is named
 *
 * Polls until 0x100c80 & 0x00ff0000 is non-zero (free request slots);
 * unless ALL_PDB, writes (@pd >> 12) << 4 | @aper to 0x100cb8; writes
 * 0x80000000 | @type to 0x100cbc; polls until bit 15 of 0x100c80 is set.
 * The page directory itself lives in the instance block, so gf100 has no
 * register activate sequence.
 *
 * Return: 0 or -ETIMEDOUT; when no slot frees up nothing is written.
 */
int vcm_nouveau_gf100_flush(const struct drm_vcm_mmio *m, u64 pd,
			    enum vcm_nv_aperture aper, u32 type);

/**
 * vcm_nouveau_gp100_flush() - gp100 (Pascal) TLB invalidate
 * @m: register accessor
 * @pd: address of the top page directory (PD3)
 * @aper: where the page directory lives
 * @type: invalidate type as for vcm_nouveau_gf100_flush(); any higher
 *	bits the caller sets (Pascal has a cache-level field above bit 23)
 *	are passed through unchanged
 *
 * As vcm_nouveau_gf100_flush(), but the 64-bit directory word
 * (@pd >> 12) << 4 | @aper is split: low half to 0x100cb8, then high half
 * to 0x100cec.
 *
 * Return: 0 or -ETIMEDOUT; when no slot frees up nothing is written.
 */
int vcm_nouveau_gp100_flush(const struct drm_vcm_mmio *m, u64 pd,
			    enum vcm_nv_aperture aper, u32 type);

#endif /* __DRM_VCM_NOUVEAU_H__ */
