// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * radeon GART register sequences: activate (table base, aperture, enable)
 * and flush (TLB invalidate, HDP flush, bounded polls), one pair per
 * family, run through a &struct drm_vcm_mmio.
 *
 * Register spaces:
 *
 * - r100 PCI GART: AIC_* registers in the BAR.
 * - rv370 PCIE GART: PCIE_TX_GART_* behind the PCIE index/data pair
 *   (index at 0x30, data at 0x34).
 * - RS400/RS480: GART registers in the northbridge MC space behind
 *   0x168/0x16c; a write sets bit 8 of the index, and the index is parked
 *   at 0xff after every access.
 * - rs600: MC_PT0_* in the MC space behind 0x70/0x74; the index carries
 *   the register in bits 0-15, CITF_ARB0 (bit 21) always and WR_EN
 *   (bit 23) for writes.
 * - r600 and later: VM_CONTEXT0_* in the BAR, addresses in 4 KiB pages.
 *   r600-rv7xx and evergreen+ use different offsets for the same
 *   registers.
 */

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <asm/barrier.h>

#include "vcm_backend.h"

/* r100 PCI GART */
#define AIC_CNTL			0x01d0
#define   PCIGART_TRANSLATE_EN		BIT(0)
#define   DIS_OUT_OF_PCI_GART_ACCESS	BIT(1)
#define AIC_PT_BASE			0x01d8
#define AIC_LO_ADDR			0x01dc
#define AIC_HI_ADDR			0x01e0

/* rv370 PCIE GART, indirect */
#define PCIE_INDEX			0x0030
#define PCIE_DATA			0x0034
#define PCIE_TX_GART_CNTL		0x10
#define   GART_EN			BIT(0)
#define   GART_UNMAPPED_DISCARD		(3 << 1)
#define   GART_INVALIDATE_TLB		BIT(8)
#define PCIE_TX_DISCARD_RD_ADDR_LO	0x11
#define PCIE_TX_DISCARD_RD_ADDR_HI	0x12
#define PCIE_TX_GART_BASE		0x13
#define PCIE_TX_GART_START_LO		0x14
#define PCIE_TX_GART_START_HI		0x15
#define PCIE_TX_GART_END_LO		0x16
#define PCIE_TX_GART_END_HI		0x17
#define PCIE_TX_GART_ERROR		0x18

/* RS400/RS480 IGP GART: MC_AGP_LOCATION in the BAR, the rest indirect */
#define MC_AGP_LOCATION			0x014c
#define RS480_NB_MC_INDEX		0x0168
#define   RS480_NB_MC_IND_WR_EN		BIT(8)
#define RS480_NB_MC_DATA		0x016c
#define RS480_MC_MISC_CNTL		0x18
#define   RS480_GART_INDEX_REG_EN	BIT(12)
#define RS480_GART_FEATURE_ID		0x2b
#define   RS480_TLB_ENABLE		BIT(18)
#define   RS480_GTW_LAC_EN		BIT(25)
#define   RS480_1LEVEL_GART		BIT(30)
#define RS480_GART_BASE			0x2c
#define RS480_GART_CACHE_CNTRL		0x2e
#define   RS480_GART_CACHE_INVALIDATE	BIT(0)
#define RS480_AGP_ADDRESS_SPACE_SIZE	0x38
#define   RS480_GART_EN			BIT(0)
#define   RS480_VA_SIZE(code)		((code) << 1)
#define RS480_AGP_MODE_CNTL		0x39
#define   RS480_REQ_TYPE_SNOOP_SHIFT	22
#define   RS480_REQ_TYPE_SNOOP_DIS	BIT(24)

/* rs600, indirect */
#define RS600_MC_IND_INDEX		0x0070
#define   RS600_MC_IND_CITF_ARB0	BIT(21)
#define   RS600_MC_IND_WR_EN		BIT(23)
#define RS600_MC_IND_DATA		0x0074
#define RS600_MC_CNTL1			0x009
#define   RS600_ENABLE_PAGE_TABLES	BIT(26)
#define RS600_MC_PT0_CNTL		0x100
#define   RS600_ENABLE_PT		BIT(0)
#define   RS600_INVALIDATE_ALL_L1_TLBS	BIT(28)
#define   RS600_INVALIDATE_L2_CACHE	BIT(29)
#define RS600_MC_PT0_CONTEXT0_CNTL	0x102	/* contexts 1-7 follow */
#define   RS600_ENABLE_PAGE_TABLE	BIT(0)	/* depth 0: flat */
#define RS600_MC_PT0_DEFAULT_READ_ADDR	0x11c
#define RS600_MC_PT0_FLAT_BASE_ADDR	0x12c
#define RS600_MC_PT0_FLAT_START_ADDR	0x13c
#define RS600_MC_PT0_FLAT_END_ADDR	0x14c

/* r600 and later, direct */
#define HDP_MEM_COHERENCY_FLUSH_CNTL	0x5480
#define HDP_DEBUG1			0x2f34
#define VM_CONTEXT0_CNTL		0x1410
#define   ENABLE_CONTEXT		BIT(0)
#define   PAGE_TABLE_DEPTH(x)		(((x) & 3) << 1)
#define   RANGE_PROT_FAULT_DEFAULT	BIT(4)
#define VM_CONTEXT0_REQUEST_RESPONSE	0x1470
#define   REQUEST_TYPE(x)		((x) & 0xf)
#define   RESPONSE_TYPE_MASK		0x000000f0
#define   RESPONSE_TYPE_SHIFT		4
#define   RESPONSE_FAILED		2
#define VM_INVALIDATE_REQUEST		0x1478
/* r600-rv7xx offsets */
#define R600_VM_CONTEXT0_INV_LOW_ADDR	0x1490
#define R600_VM_CONTEXT0_INV_HIGH_ADDR	0x14b0
#define R600_VM_CONTEXT0_PROT_DEFAULT	0x1554
#define R600_VM_CONTEXT0_PT_BASE_ADDR	0x1574
#define R600_VM_CONTEXT0_PT_START_ADDR	0x1594
#define R600_VM_CONTEXT0_PT_END_ADDR	0x15b4
/* evergreen, cayman, SI and CIK offsets */
#define EG_VM_CONTEXT0_PROT_DEFAULT	0x1518
#define EG_VM_CONTEXT0_PT_BASE_ADDR	0x153c
#define EG_VM_CONTEXT0_PT_START_ADDR	0x155c
#define EG_VM_CONTEXT0_PT_END_ADDR	0x157c

/* One index/data register pair and how its index word is built. */
struct vcm_radeon_ind {
	u32 index;
	u32 data;
	u32 addr_mask;
	u32 rd_bits;	/* or-ed into the index for reads and writes */
	u32 wr_bits;	/* or-ed in for writes only */
	bool park;	/* write 0xff to the index after each access */
};

static const struct vcm_radeon_ind rv370_pcie = {
	.index = PCIE_INDEX, .data = PCIE_DATA, .addr_mask = 0xff,
};

static const struct vcm_radeon_ind rs400_mc = {
	.index = RS480_NB_MC_INDEX, .data = RS480_NB_MC_DATA,
	.addr_mask = 0xff, .wr_bits = RS480_NB_MC_IND_WR_EN, .park = true,
};

static const struct vcm_radeon_ind rs600_mc = {
	.index = RS600_MC_IND_INDEX, .data = RS600_MC_IND_DATA,
	.addr_mask = 0xffff, .rd_bits = RS600_MC_IND_CITF_ARB0,
	.wr_bits = RS600_MC_IND_WR_EN,
};

static u32 ind_rd_unlocked(const struct drm_vcm_mmio *m,
			   const struct vcm_radeon_ind *ind, u32 reg)
{
	u32 v;

	vcm_mmio_wr32(m, ind->index, (reg & ind->addr_mask) | ind->rd_bits);
	v = vcm_mmio_rd32(m, ind->data);
	if (ind->park)
		vcm_mmio_wr32(m, ind->index, 0xff);
	return v;
}

static void ind_wr_unlocked(const struct drm_vcm_mmio *m,
			    const struct vcm_radeon_ind *ind, u32 reg, u32 val)
{
	vcm_mmio_wr32(m, ind->index,
		      (reg & ind->addr_mask) | ind->rd_bits | ind->wr_bits);
	vcm_mmio_wr32(m, ind->data, val);
	if (ind->park)
		vcm_mmio_wr32(m, ind->index, 0xff);
}

static u32 ind_rd(const struct drm_vcm_mmio *m,
		  const struct vcm_radeon_ind *ind, u32 reg)
{
	unsigned long flags;
	u32 v;

	if (!m->idx_lock)
		return ind_rd_unlocked(m, ind, reg);
	spin_lock_irqsave(m->idx_lock, flags);
	v = ind_rd_unlocked(m, ind, reg);
	spin_unlock_irqrestore(m->idx_lock, flags);
	return v;
}

static void ind_wr(const struct drm_vcm_mmio *m,
		   const struct vcm_radeon_ind *ind, u32 reg, u32 val)
{
	unsigned long flags;

	if (!m->idx_lock) {
		ind_wr_unlocked(m, ind, reg, val);
		return;
	}
	spin_lock_irqsave(m->idx_lock, flags);
	ind_wr_unlocked(m, ind, reg, val);
	spin_unlock_irqrestore(m->idx_lock, flags);
}

static unsigned int radeon_timeout(const struct drm_vcm_mmio *m)
{
	return vcm_mmio_timeout(m, VCM_RADEON_TIMEOUT_US);
}

static bool fits32(u64 v)
{
	return !upper_32_bits(v);
}

/* r100 / r200 / r300 PCI GART */

int vcm_radeon_r100_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			     u64 start, u64 end, dma_addr_t dummy)
{
	if (!fits32(table) || !fits32(start) || !fits32(end))
		return -ERANGE;

	vcm_mmio_wr32(m, AIC_CNTL,
		      vcm_mmio_rd32(m, AIC_CNTL) | DIS_OUT_OF_PCI_GART_ACCESS);
	vcm_mmio_wr32(m, AIC_LO_ADDR, start);
	vcm_mmio_wr32(m, AIC_HI_ADDR, end);
	vcm_mmio_wr32(m, AIC_PT_BASE, table);
	vcm_mmio_wr32(m, AIC_CNTL,
		      vcm_mmio_rd32(m, AIC_CNTL) | PCIGART_TRANSLATE_EN);
	return vcm_radeon_r100_flush(m, start, end - start + 1);
}
EXPORT_SYMBOL_GPL(vcm_radeon_r100_activate);

int vcm_radeon_r100_flush(const struct drm_vcm_mmio *m, u64 start, u64 size)
{
	/* The PCI GART caches at most one entry: order the table stores. */
	mb();
	return 0;
}
EXPORT_SYMBOL_GPL(vcm_radeon_r100_flush);

/* r300 / r420 / r5xx PCIE GART */

int vcm_radeon_rv370_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy)
{
	u32 cntl;

	if (!fits32(table))
		return -ERANGE;

	ind_wr(m, &rv370_pcie, PCIE_TX_GART_START_LO, lower_32_bits(start));
	ind_wr(m, &rv370_pcie, PCIE_TX_GART_START_HI, upper_32_bits(start));
	/* The end register holds the start of the last page. */
	ind_wr(m, &rv370_pcie, PCIE_TX_GART_END_LO,
	       lower_32_bits(end) & ~0xfffU);
	ind_wr(m, &rv370_pcie, PCIE_TX_GART_END_HI, upper_32_bits(end));
	ind_wr(m, &rv370_pcie, PCIE_TX_GART_BASE, table);
	ind_wr(m, &rv370_pcie, PCIE_TX_DISCARD_RD_ADDR_LO,
	       lower_32_bits(dummy));
	ind_wr(m, &rv370_pcie, PCIE_TX_DISCARD_RD_ADDR_HI,
	       upper_32_bits(dummy));
	ind_wr(m, &rv370_pcie, PCIE_TX_GART_ERROR, 0);
	cntl = ind_rd(m, &rv370_pcie, PCIE_TX_GART_CNTL);
	ind_wr(m, &rv370_pcie, PCIE_TX_GART_CNTL,
	       cntl | GART_EN | GART_UNMAPPED_DISCARD);
	return vcm_radeon_rv370_flush(m, start, end - start + 1);
}
EXPORT_SYMBOL_GPL(vcm_radeon_rv370_activate);

int vcm_radeon_rv370_flush(const struct drm_vcm_mmio *m, u64 start, u64 size)
{
	unsigned int pass;
	u32 cntl;

	/* One pulse is not always enough: the hardware wants two. */
	for (pass = 0; pass < 2; pass++) {
		cntl = ind_rd(m, &rv370_pcie, PCIE_TX_GART_CNTL);
		ind_wr(m, &rv370_pcie, PCIE_TX_GART_CNTL,
		       cntl | GART_INVALIDATE_TLB);
		ind_rd(m, &rv370_pcie, PCIE_TX_GART_CNTL);
		ind_wr(m, &rv370_pcie, PCIE_TX_GART_CNTL, cntl);
	}
	/* Order the invalidate before any later use of the table. */
	mb();
	return 0;
}
EXPORT_SYMBOL_GPL(vcm_radeon_rv370_flush);

/* RS400 / RS480 IGP GART */

int vcm_radeon_rs400_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy)
{
	u64 size = end - start + 1;
	u32 code;

	/* 32 MiB << code, code 0 (32 MiB) to 6 (2 GiB). */
	if (end < start || !is_power_of_2(size) || size < SZ_32M ||
	    size > SZ_2G)
		return -EINVAL;
	code = ilog2(size) - ilog2(SZ_32M);
	if ((table & 0xfff) || (u64)table >> 40 || !fits32(end))
		return -ERANGE;

	vcm_mmio_wr32(m, MC_AGP_LOCATION,
		      (lower_32_bits(end) & 0xffff0000) |
		      (lower_32_bits(start) >> 16));
	/* Address bits 12-31 in place, bits 32-39 in bits 4-11. */
	ind_wr(m, &rs400_mc, RS480_GART_BASE,
	       (lower_32_bits(table) & 0xfffff000) |
	       ((upper_32_bits(table) & 0xff) << 4));
	ind_wr(m, &rs400_mc, RS480_GART_FEATURE_ID,
	       RS480_TLB_ENABLE | RS480_GTW_LAC_EN | RS480_1LEVEL_GART);
	ind_wr(m, &rs400_mc, RS480_AGP_MODE_CNTL,
	       BIT(RS480_REQ_TYPE_SNOOP_SHIFT) | RS480_REQ_TYPE_SNOOP_DIS);
	ind_wr(m, &rs400_mc, RS480_MC_MISC_CNTL,
	       ind_rd(m, &rs400_mc, RS480_MC_MISC_CNTL) |
	       RS480_GART_INDEX_REG_EN);
	ind_wr(m, &rs400_mc, RS480_AGP_ADDRESS_SPACE_SIZE,
	       RS480_GART_EN | RS480_VA_SIZE(code));
	return vcm_radeon_rs400_flush(m, start, size);
}
EXPORT_SYMBOL_GPL(vcm_radeon_rs400_activate);

int vcm_radeon_rs400_flush(const struct drm_vcm_mmio *m, u64 start, u64 size)
{
	unsigned int timeout = radeon_timeout(m);
	unsigned int i;
	int ret = -ETIMEDOUT;

	ind_wr(m, &rs400_mc, RS480_GART_CACHE_CNTRL,
	       RS480_GART_CACHE_INVALIDATE);
	for (i = 0;; i++) {
		if (!(ind_rd(m, &rs400_mc, RS480_GART_CACHE_CNTRL) &
		      RS480_GART_CACHE_INVALIDATE)) {
			ret = 0;
			break;
		}
		if (i >= timeout)
			break;
		vcm_mmio_delay(m, 1);
	}
	ind_wr(m, &rs400_mc, RS480_GART_CACHE_CNTRL, 0);
	return ret;
}
EXPORT_SYMBOL_GPL(vcm_radeon_rs400_flush);

/* rs600 */

int vcm_radeon_rs600_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy)
{
	unsigned int i;

	if (!fits32(table) || !fits32(start) || !fits32(end) ||
	    !fits32(dummy))
		return -ERANGE;

	ind_wr(m, &rs600_mc, RS600_MC_PT0_CONTEXT0_CNTL,
	       RS600_ENABLE_PAGE_TABLE);
	for (i = 1; i < 8; i++)
		ind_wr(m, &rs600_mc, RS600_MC_PT0_CONTEXT0_CNTL + i, 0);
	ind_wr(m, &rs600_mc, RS600_MC_PT0_FLAT_BASE_ADDR, table);
	ind_wr(m, &rs600_mc, RS600_MC_PT0_FLAT_START_ADDR, start);
	ind_wr(m, &rs600_mc, RS600_MC_PT0_FLAT_END_ADDR, end);
	ind_wr(m, &rs600_mc, RS600_MC_PT0_DEFAULT_READ_ADDR, dummy);
	ind_wr(m, &rs600_mc, RS600_MC_PT0_CNTL,
	       ind_rd(m, &rs600_mc, RS600_MC_PT0_CNTL) | RS600_ENABLE_PT);
	ind_wr(m, &rs600_mc, RS600_MC_CNTL1,
	       ind_rd(m, &rs600_mc, RS600_MC_CNTL1) |
	       RS600_ENABLE_PAGE_TABLES);
	return vcm_radeon_rs600_flush(m, start, end - start + 1);
}
EXPORT_SYMBOL_GPL(vcm_radeon_rs600_activate);

int vcm_radeon_rs600_flush(const struct drm_vcm_mmio *m, u64 start, u64 size)
{
	const u32 inv = RS600_INVALIDATE_ALL_L1_TLBS | RS600_INVALIDATE_L2_CACHE;
	u32 v;

	v = ind_rd(m, &rs600_mc, RS600_MC_PT0_CNTL);
	ind_wr(m, &rs600_mc, RS600_MC_PT0_CNTL, v & ~inv);
	v = ind_rd(m, &rs600_mc, RS600_MC_PT0_CNTL);
	ind_wr(m, &rs600_mc, RS600_MC_PT0_CNTL, v | inv);
	v = ind_rd(m, &rs600_mc, RS600_MC_PT0_CNTL);
	ind_wr(m, &rs600_mc, RS600_MC_PT0_CNTL, v & ~inv);
	ind_rd(m, &rs600_mc, RS600_MC_PT0_CNTL);
	return 0;
}
EXPORT_SYMBOL_GPL(vcm_radeon_rs600_flush);

/* r600 and later: VM context 0 */

struct vcm_radeon_ctx0 {
	u32 start;
	u32 end;
	u32 base;
	u32 prot_default;
};

static const struct vcm_radeon_ctx0 r600_ctx0 = {
	R600_VM_CONTEXT0_PT_START_ADDR, R600_VM_CONTEXT0_PT_END_ADDR,
	R600_VM_CONTEXT0_PT_BASE_ADDR, R600_VM_CONTEXT0_PROT_DEFAULT,
};

static const struct vcm_radeon_ctx0 eg_ctx0 = {
	EG_VM_CONTEXT0_PT_START_ADDR, EG_VM_CONTEXT0_PT_END_ADDR,
	EG_VM_CONTEXT0_PT_BASE_ADDR, EG_VM_CONTEXT0_PROT_DEFAULT,
};

/*
 * The context-0 registers hold 4 KiB page numbers in 32 bits: addresses
 * from 2^44 up cannot be programmed.
 */
static int ctx0_program(const struct drm_vcm_mmio *m,
			const struct vcm_radeon_ctx0 *r, dma_addr_t table,
			u64 start, u64 end, dma_addr_t dummy)
{
	if (end < start)
		return -EINVAL;
	if (!fits32(end >> 12) || !fits32((u64)table >> 12) ||
	    !fits32((u64)dummy >> 12))
		return -ERANGE;
	vcm_mmio_wr32(m, r->start, lower_32_bits(start >> 12));
	vcm_mmio_wr32(m, r->end, lower_32_bits(end >> 12));
	vcm_mmio_wr32(m, r->base, lower_32_bits(table >> 12));
	vcm_mmio_wr32(m, r->prot_default, lower_32_bits(dummy >> 12));
	vcm_mmio_wr32(m, VM_CONTEXT0_CNTL, ENABLE_CONTEXT | PAGE_TABLE_DEPTH(0) |
		      RANGE_PROT_FAULT_DEFAULT);
	return 0;
}

/* Request an invalidate of context 0 and wait for the response code. */
static int ctx0_request(const struct drm_vcm_mmio *m)
{
	u32 v;

	vcm_mmio_wr32(m, VM_CONTEXT0_REQUEST_RESPONSE, REQUEST_TYPE(1));
	if (vcm_mmio_poll_nonzero(m, VM_CONTEXT0_REQUEST_RESPONSE,
				  RESPONSE_TYPE_MASK, radeon_timeout(m), &v))
		return -ETIMEDOUT;
	if (((v & RESPONSE_TYPE_MASK) >> RESPONSE_TYPE_SHIFT) ==
	    RESPONSE_FAILED)
		return -EIO;
	return 0;
}

static int r600_range_invalidate(const struct drm_vcm_mmio *m, u64 start,
				 u64 size)
{
	vcm_mmio_wr32(m, R600_VM_CONTEXT0_INV_LOW_ADDR,
		      lower_32_bits(start >> 12));
	vcm_mmio_wr32(m, R600_VM_CONTEXT0_INV_HIGH_ADDR,
		      lower_32_bits((start + size - 1) >> 12));
	return ctx0_request(m);
}

int vcm_radeon_r600_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			     u64 start, u64 end, dma_addr_t dummy)
{
	int ret = ctx0_program(m, &r600_ctx0, table, start, end, dummy);

	if (ret)
		return ret;
	return vcm_radeon_r600_flush(m, start, end - start + 1);
}
EXPORT_SYMBOL_GPL(vcm_radeon_r600_activate);

int vcm_radeon_r600_flush(const struct drm_vcm_mmio *m, u64 start, u64 size)
{
	if (!size)
		return 0;
	vcm_mmio_wr32(m, HDP_MEM_COHERENCY_FLUSH_CNTL, 1);
	return r600_range_invalidate(m, start, size);
}
EXPORT_SYMBOL_GPL(vcm_radeon_r600_flush);

int vcm_radeon_rv770_flush(const struct drm_vcm_mmio *m,
			   const struct drm_vcm_mmio *table, u64 start,
			   u64 size)
{
	if (!size)
		return 0;
	vcm_mmio_wr32(m, HDP_DEBUG1, 0);
	/* Reading through the BAR pushes the HDP's posted writes out. */
	vcm_mmio_rd32(table, 0);
	return r600_range_invalidate(m, start, size);
}
EXPORT_SYMBOL_GPL(vcm_radeon_rv770_flush);

int vcm_radeon_evergreen_activate(const struct drm_vcm_mmio *m,
				  dma_addr_t table, u64 start, u64 end,
				  dma_addr_t dummy)
{
	int ret = ctx0_program(m, &eg_ctx0, table, start, end, dummy);

	if (ret)
		return ret;
	return vcm_radeon_evergreen_flush(m, start, end - start + 1);
}
EXPORT_SYMBOL_GPL(vcm_radeon_evergreen_activate);

int vcm_radeon_evergreen_flush(const struct drm_vcm_mmio *m, u64 start,
			       u64 size)
{
	vcm_mmio_wr32(m, HDP_MEM_COHERENCY_FLUSH_CNTL, 1);
	return ctx0_request(m);
}
EXPORT_SYMBOL_GPL(vcm_radeon_evergreen_flush);

int vcm_radeon_cayman_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			       u64 start, u64 end, dma_addr_t dummy)
{
	int ret = ctx0_program(m, &eg_ctx0, table, start, end, dummy);

	if (ret)
		return ret;
	return vcm_radeon_cayman_flush(m, start, end - start + 1);
}
EXPORT_SYMBOL_GPL(vcm_radeon_cayman_activate);

int vcm_radeon_cayman_flush(const struct drm_vcm_mmio *m, u64 start,
			    u64 size)
{
	vcm_mmio_wr32(m, HDP_MEM_COHERENCY_FLUSH_CNTL, 1);
	vcm_mmio_wr32(m, VM_INVALIDATE_REQUEST, BIT(0));
	return 0;
}
EXPORT_SYMBOL_GPL(vcm_radeon_cayman_flush);

int vcm_radeon_cik_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			    u64 start, u64 end, dma_addr_t dummy)
{
	int ret = ctx0_program(m, &eg_ctx0, table, start, end, dummy);

	if (ret)
		return ret;
	return vcm_radeon_cik_flush(m, start, end - start + 1);
}
EXPORT_SYMBOL_GPL(vcm_radeon_cik_activate);

int vcm_radeon_cik_flush(const struct drm_vcm_mmio *m, u64 start, u64 size)
{
	vcm_mmio_wr32(m, HDP_MEM_COHERENCY_FLUSH_CNTL, 0);
	vcm_mmio_wr32(m, VM_INVALIDATE_REQUEST, BIT(0));
	return 0;
}
EXPORT_SYMBOL_GPL(vcm_radeon_cik_flush);
