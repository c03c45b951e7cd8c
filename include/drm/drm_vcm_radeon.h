/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * radeon GART register sequences, public for the radeon driver.
 *
 * Each family has an *activate* sequence (top table, aperture, enable) and
 * a *flush* sequence (TLB invalidate, HDP flush, bounded polls), both run
 * against a &struct drm_vcm_mmio so radeon calls them from its
 * &drm_vcm_mmu_ops through its own register accessors. The conventions
 * (@start/@end/@size, @table, @dummy, return values) are those described
 * in drivers/gpu/drm/vcm/backends/vcm_backend.h; in short:
 *
 * - @end is inclusive; @table is the bus or MC address of the table.
 * - Indirect spaces (PCIE, MC) are reached through their index/data pairs
 *   under &drm_vcm_mmio.idx_lock when one is given.
 * - Return: 0, -ETIMEDOUT when a poll ran out (after timeout_us + 1
 *   reads), -EIO when the hardware reported a failed invalidate, -ERANGE
 *   when an address does not fit the family's registers, -EINVAL for an
 *   aperture size the family cannot program.
 */
#ifndef __DRM_VCM_RADEON_H__
#define __DRM_VCM_RADEON_H__

#include <linux/types.h>

#include <drm/drm_vcm_mmio.h>

/**
 * vcm_radeon_r100_activate() - enable the r100/r200/r300 PCI GART
 * @m: register accessor
 * @table: bus address of the table (32 bits)
 * @start: first byte of the aperture (32 bits)
 * @end: last byte of the aperture (32 bits)
 * @dummy: unused; the PCI GART has no discard address
 *
 * Sets DIS_OUT_OF_PCI_GART_ACCESS in AIC_CNTL, programs AIC_LO_ADDR,
 * AIC_HI_ADDR and AIC_PT_BASE, then sets PCIGART_TRANSLATE_EN.
 *
 * Return: 0, or -ERANGE if an address needs more than 32 bits.
 */
int vcm_radeon_r100_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			     u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_radeon_r100_flush() - make r100 PCI GART updates visible
 * @m: register accessor (not touched)
 * @start: first byte updated
 * @size: bytes updated
 *
 * The PCI GART has no TLB invalidate; only a memory barrier is needed.
 *
 * Return: 0.
 */
int vcm_radeon_r100_flush(const struct drm_vcm_mmio *m, u64 start, u64 size);

/**
 * vcm_radeon_rv370_activate() - enable the r300/r420/r5xx PCIE GART
 * @m: register accessor
 * @table: address of the table in VRAM (32 bits)
 * @start: first byte of the aperture
 * @end: last byte of the aperture
 * @dummy: where discarded reads go (DISCARD_RD_ADDR)
 *
 * Through the PCIE index/data pair: aperture START/END, table BASE,
 * discard address, clear GART_ERROR, then set EN and
 * UNMAPPED_ACCESS_DISCARD in PCIE_TX_GART_CNTL and flush.
 *
 * Return: 0, or -ERANGE if @table needs more than 32 bits.
 */
int vcm_radeon_rv370_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_radeon_rv370_flush() - invalidate the PCIE GART TLB
 * @m: register accessor
 * @start: first byte updated (the whole TLB is invalidated)
 * @size: bytes updated
 *
 * Pulses INVALIDATE_TLB in PCIE_TX_GART_CNTL (read, write with the bit,
 * read back, write the old value), twice as a hardware workaround, then a
 * memory barrier.
 *
 * Return: 0.
 */
int vcm_radeon_rv370_flush(const struct drm_vcm_mmio *m, u64 start, u64 size);

/**
 * vcm_radeon_rs400_activate() - enable the RS400/RS480 IGP GART
 * @m: register accessor
 * @table: bus address of the table (40 bits, 4 KiB aligned)
 * @start: first byte of the aperture
 * @end: last byte of the aperture; the size must be 32, 64, 128, 256 or
 *	512 MiB, 1 or 2 GiB
 * @dummy: unused
 *
 * Programs MC_AGP_LOCATION, then in the northbridge MC space GART_BASE,
 * GART_FEATURE_ID (one-level GART with TLB), AGP_MODE_CNTL (snooping off),
 * MC_MISC_CNTL.GART_INDEX_REG_EN and AGP_ADDRESS_SPACE_SIZE (size code and
 * GART_EN), then flushes. RS690/RS740 reach the MC differently and are not
 * covered.
 *
 * Return: 0, -EINVAL for an unsupported size, -ERANGE for a table beyond
 * 40 bits or not 4 KiB aligned or an aperture beyond 32 bits, or the
 * flush's error.
 */
int vcm_radeon_rs400_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_radeon_rs400_flush() - invalidate the RS400/RS480 GART cache
 * @m: register accessor
 * @start: first byte updated (the whole cache is invalidated)
 * @size: bytes updated
 *
 * Writes GART_CACHE_INVALIDATE to GART_CACHE_CNTRL, polls until the
 * hardware clears it, then writes 0 (also after a timeout).
 *
 * Return: 0 or -ETIMEDOUT.
 */
int vcm_radeon_rs400_flush(const struct drm_vcm_mmio *m, u64 start, u64 size);

/**
 * vcm_radeon_rs600_activate() - enable the rs600 flat context 0
 * @m: register accessor
 * @table: address of the table (32 bits)
 * @start: first byte of the aperture (32 bits)
 * @end: last byte of the aperture (32 bits)
 * @dummy: default read address for faults (32 bits)
 *
 * In the MC space: enable context 0 as a flat table, disable contexts 1-7,
 * FLAT_BASE/START/END_ADDR, DEFAULT_READ_ADDR, then ENABLE_PT in
 * MC_PT0_CNTL and ENABLE_PAGE_TABLES in MC_CNTL1, and flush.
 *
 * Return: 0, or -ERANGE if an address needs more than 32 bits.
 */
int vcm_radeon_rs600_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_radeon_rs600_flush() - invalidate the rs600 L1 TLBs and L2 cache
 * @m: register accessor
 * @start: first byte updated (everything is invalidated)
 * @size: bytes updated
 *
 * In MC_PT0_CNTL: clear, set, clear INVALIDATE_ALL_L1_TLBS |
 * INVALIDATE_L2_CACHE, each a read-modify-write, then a final read-back.
 *
 * Return: 0.
 */
int vcm_radeon_rs600_flush(const struct drm_vcm_mmio *m, u64 start, u64 size);

/**
 * vcm_radeon_r600_activate() - enable VM context 0 on r600/rv6xx/rv7xx
 * @m: register accessor
 * @table: MC address of the table
 * @start: first byte of the aperture
 * @end: last byte of the aperture
 * @dummy: protection-fault default address
 *
 * VM_CONTEXT0_PAGE_TABLE_START/END/BASE_ADDR and
 * PROTECTION_FAULT_DEFAULT_ADDR (all in 4 KiB pages), then VM_CONTEXT0_CNTL
 * = ENABLE_CONTEXT | PAGE_TABLE_DEPTH(0) | RANGE_PROTECTION_FAULT_ENABLE_DEFAULT,
 * then vcm_radeon_r600_flush() over the aperture.
 *
 * Return: 0, -ERANGE, writing no register, when @end,
 * @table or @dummy is at or above 2^44 (the registers take 32-bit page
 * numbers),
 * -EINVAL when @end < @start, or the flush's error.
 */
int vcm_radeon_r600_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			     u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_radeon_r600_flush() - HDP flush and context-0 range invalidate
 * @m: register accessor
 * @start: first byte updated
 * @size: bytes updated; 0 does nothing
 *
 * HDP_MEM_COHERENCY_FLUSH_CNTL = 1, VM_CONTEXT0_INVALIDATION_LOW/HIGH_ADDR
 * = first/last page, VM_CONTEXT0_REQUEST_RESPONSE = REQUEST_TYPE(1), then
 * polls the response field until it is non-zero.
 *
 * Return: 0 on response 1, -EIO on response 2, -ETIMEDOUT.
 */
int vcm_radeon_r600_flush(const struct drm_vcm_mmio *m, u64 start, u64 size);

/**
 * vcm_radeon_rv770_flush() - r600 flush with the RV770-RV740 HDP workaround
 * @m: register accessor
 * @table: accessor over the table's own mapping; its first word is read
 * @start: first byte updated
 * @size: bytes updated; 0 does nothing
 *
 * For RV770 to RV740 boards that are not AGP: instead of the HDP flush
 * register, write HDP_DEBUG1 = 0 and read a table word back through the
 * BAR, then the same range invalidate as vcm_radeon_r600_flush().
 *
 * Return: as vcm_radeon_r600_flush().
 */
int vcm_radeon_rv770_flush(const struct drm_vcm_mmio *m,
			   const struct drm_vcm_mmio *table, u64 start,
			   u64 size);

/**
 * vcm_radeon_evergreen_activate() - enable VM context 0 on evergreen/sumo/btc
 * @m: register accessor
 * @table: MC address of the table
 * @start: first byte of the aperture
 * @end: last byte of the aperture
 * @dummy: protection-fault default address
 *
 * As vcm_radeon_r600_activate() at the evergreen register offsets, ending
 * with vcm_radeon_evergreen_flush().
 *
 * Return: 0, -ERANGE, writing no register, when @end,
 * @table or @dummy is at or above 2^44 (the registers take 32-bit page
 * numbers),
 * -EINVAL when @end < @start, or the flush's error.
 */
int vcm_radeon_evergreen_activate(const struct drm_vcm_mmio *m,
				  dma_addr_t table, u64 start, u64 end,
				  dma_addr_t dummy);

/**
 * vcm_radeon_evergreen_flush() - HDP flush and context-0 invalidate request
 * @m: register accessor
 * @start: first byte updated (no range: the whole context is invalidated)
 * @size: bytes updated
 *
 * HDP_MEM_COHERENCY_FLUSH_CNTL = 1, VM_CONTEXT0_REQUEST_RESPONSE =
 * REQUEST_TYPE(1), then polls the response field until it is non-zero.
 *
 * Return: 0 on response 1, -EIO on response 2, -ETIMEDOUT.
 */
int vcm_radeon_evergreen_flush(const struct drm_vcm_mmio *m, u64 start,
			       u64 size);

/**
 * vcm_radeon_cayman_activate() - enable VM context 0 on cayman/trinity/SI
 * @m: register accessor
 * @table: MC address of the table
 * @start: first byte of the aperture
 * @end: last byte of the aperture
 * @dummy: protection-fault default address
 *
 * The evergreen context-0 programming, ending with
 * vcm_radeon_cayman_flush().
 *
 * Return: 0, or -ERANGE, writing no register, when @end,
 * @table or @dummy is at or above 2^44 (the registers take 32-bit page
 * numbers),
 * -EINVAL when @end < @start.
 */
int vcm_radeon_cayman_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			       u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_radeon_cayman_flush() - HDP flush and invalidate context 0 (NI, SI)
 * @m: register accessor
 * @start: first byte updated (the whole context is invalidated)
 * @size: bytes updated
 *
 * HDP_MEM_COHERENCY_FLUSH_CNTL = 1, then VM_INVALIDATE_REQUEST = 1 (bit n
 * is context n). The hardware is not polled.
 *
 * Return: 0.
 */
int vcm_radeon_cayman_flush(const struct drm_vcm_mmio *m, u64 start,
			    u64 size);

/**
 * vcm_radeon_cik_activate() - enable VM context 0 on CIK (CI, KV)
 * @m: register accessor
 * @table: MC address of the table
 * @start: first byte of the aperture
 * @end: last byte of the aperture
 * @dummy: protection-fault default address
 *
 * The evergreen context-0 programming, ending with vcm_radeon_cik_flush().
 *
 * Return: 0, or -ERANGE, writing no register, when @end,
 * @table or @dummy is at or above 2^44 (the registers take 32-bit page
 * numbers),
 * -EINVAL when @end < @start.
 */
int vcm_radeon_cik_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			    u64 start, u64 end, dma_addr_t dummy);

/**
 * vcm_radeon_cik_flush() - HDP flush and invalidate context 0 on CIK
 * @m: register accessor
 * @start: first byte updated (the whole context is invalidated)
 * @size: bytes updated
 *
 * HDP_MEM_COHERENCY_FLUSH_CNTL written with 0, then VM_INVALIDATE_REQUEST
 * = 1. The hardware is not polled.
 *
 * Return: 0.
 */
int vcm_radeon_cik_flush(const struct drm_vcm_mmio *m, u64 start, u64 size);

#endif /* __DRM_VCM_RADEON_H__ */
