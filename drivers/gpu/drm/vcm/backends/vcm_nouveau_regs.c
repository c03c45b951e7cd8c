// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * nouveau GART / VMM register sequences, run through a &struct
 * drm_vcm_mmio.
 *
 * - nv41: the GART table base goes to 0x100800 (bit 1 set); a TLB flush
 *   is 0x100810 = 0x22, wait for bit 5, 0x100810 = 0.
 * - nv44: the table sits in a 512 KiB aligned PRAMIN block whose VRAM
 *   address is derived from 0x10020c; 0x100800 takes it with bit 4 set. A
 *   flush names the last page in 0x100814, then 0x100808 = 0x20, wait for
 *   bit 0, 0x100808 = 0.
 * - nv50/g84: one flush per engine, 0x100c80 = (engine << 16) | 1, wait
 *   for bit 0 to clear. Page directories live in instance blocks.
 * - gf100 and gp100: wait for a free request slot (0x100c80 bits 16-23),
 *   name the page directory in 0x100cb8 (gp100: high half in 0x100cec),
 *   trigger with 0x80000000 | type in 0x100cbc, wait for bit 15 of
 *   0x100c80.
 *
 * Every wait is bounded (2 s by default, as nvkm's).
 */

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/sizes.h>

#include "vcm_backend.h"

#define NV_PFB_VRAM_TOP			0x10020c
#define NV_GART_ADDR			0x100800
#define   NV41_GART_ADDR_EN		BIT(1)
#define   NV44_GART_ADDR_EN		BIT(4)
#define NV44_GART_SIZE			0x100804
#define NV44_FLUSH_CTRL			0x100808
#define   NV44_FLUSH_TRIGGER		0x00000020
#define   NV44_FLUSH_DONE		BIT(0)
#define NV41_FLUSH_CTRL			0x100810
#define   NV41_FLUSH_TRIGGER		0x00000022
#define   NV41_FLUSH_DONE		BIT(5)
#define NV44_FLUSH_LAST_PAGE		0x100814
#define NV44_GART_DUMMY			0x100818
#define NV_REG_100820		0x100820
#define NV44_REG_10082C		0x10082c
#define NV44_REG_100850		0x100850
#define NV_REG_10008C		0x10008c
#define   NV41_10008C_GART		BIT(8)
#define   NV44_10008C_GART		BIT(9)

#define NV50_VM_FLUSH			0x100c80
#define   NV50_VM_FLUSH_TRIGGER		BIT(0)
#define   GF100_VM_FLUSH_SLOTS		0x00ff0000
#define   GF100_VM_FLUSH_QUEUED		BIT(15)
#define GF100_VM_FLUSH_PDB		0x100cb8
#define GF100_VM_FLUSH_TRIGGER		0x100cbc
#define   GF100_VM_FLUSH_GO		BIT(31)
#define GP100_VM_FLUSH_PDB_HI		0x100cec

static unsigned int nv_timeout(const struct drm_vcm_mmio *m)
{
	return vcm_mmio_timeout(m, VCM_NOUVEAU_TIMEOUT_US);
}

static void nv_set_bits(const struct drm_vcm_mmio *m, u32 off, u32 bits)
{
	vcm_mmio_wr32(m, off, vcm_mmio_rd32(m, off) | bits);
}

int vcm_nouveau_nv41_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy)
{
	if (upper_32_bits(table))
		return -ERANGE;

	vcm_mmio_wr32(m, NV_GART_ADDR, lower_32_bits(table) | NV41_GART_ADDR_EN);
	nv_set_bits(m, NV_REG_10008C, NV41_10008C_GART);
	vcm_mmio_wr32(m, NV_REG_100820, 0);
	return 0;
}
EXPORT_SYMBOL_GPL(vcm_nouveau_nv41_activate);

int vcm_nouveau_nv41_flush(const struct drm_vcm_mmio *m)
{
	int ret;

	vcm_mmio_wr32(m, NV41_FLUSH_CTRL, NV41_FLUSH_TRIGGER);
	ret = vcm_mmio_poll(m, NV41_FLUSH_CTRL, NV41_FLUSH_DONE,
			    NV41_FLUSH_DONE, nv_timeout(m));
	vcm_mmio_wr32(m, NV41_FLUSH_CTRL, 0);
	return ret;
}
EXPORT_SYMBOL_GPL(vcm_nouveau_nv41_flush);

int vcm_nouveau_nv44_activate(const struct drm_vcm_mmio *m, dma_addr_t table,
			      u64 start, u64 end, dma_addr_t dummy)
{
	u64 size = end - start + 1;
	u32 addr;

	if (upper_32_bits(dummy) || upper_32_bits(size))
		return -ERANGE;

	/* VRAM address of the PRAMIN block holding the table. */
	addr = vcm_mmio_rd32(m, NV_PFB_VRAM_TOP);
	addr -= lower_32_bits(((table >> 19) + 1) << 19);

	vcm_mmio_wr32(m, NV44_REG_100850, 0x80000000);
	vcm_mmio_wr32(m, NV44_GART_DUMMY, lower_32_bits(dummy));
	vcm_mmio_wr32(m, NV44_GART_SIZE, lower_32_bits(size));
	vcm_mmio_wr32(m, NV44_REG_100850, 0x00008000);
	nv_set_bits(m, NV_REG_10008C, NV44_10008C_GART);
	vcm_mmio_wr32(m, NV_REG_100820, 0);
	vcm_mmio_wr32(m, NV44_REG_10082C, 1);
	vcm_mmio_wr32(m, NV_GART_ADDR, addr | NV44_GART_ADDR_EN);
	return 0;
}
EXPORT_SYMBOL_GPL(vcm_nouveau_nv44_activate);

int vcm_nouveau_nv44_flush(const struct drm_vcm_mmio *m, u64 limit)
{
	int ret;

	vcm_mmio_wr32(m, NV44_FLUSH_LAST_PAGE, lower_32_bits(limit - SZ_4K));
	vcm_mmio_wr32(m, NV44_FLUSH_CTRL, NV44_FLUSH_TRIGGER);
	ret = vcm_mmio_poll(m, NV44_FLUSH_CTRL, NV44_FLUSH_DONE,
			    NV44_FLUSH_DONE, nv_timeout(m));
	vcm_mmio_wr32(m, NV44_FLUSH_CTRL, 0);
	return ret;
}
EXPORT_SYMBOL_GPL(vcm_nouveau_nv44_flush);

int vcm_nouveau_nv50_flush(const struct drm_vcm_mmio *m, u32 engines)
{
	unsigned long mask = engines;
	unsigned int id;
	int ret = 0;

	for_each_set_bit(id, &mask, 32) {
		vcm_mmio_wr32(m, NV50_VM_FLUSH,
			      (id << 16) | NV50_VM_FLUSH_TRIGGER);
		if (vcm_mmio_poll(m, NV50_VM_FLUSH, NV50_VM_FLUSH_TRIGGER, 0,
				  nv_timeout(m)))
			ret = -ETIMEDOUT;
	}
	return ret;
}
EXPORT_SYMBOL_GPL(vcm_nouveau_nv50_flush);

static int gf100_invalidate(const struct drm_vcm_mmio *m, u64 pd,
			    enum vcm_nv_aperture aper, u32 type, bool split)
{
	u64 pdb = ((pd >> 12) << 4) | aper;

	/* A free request slot, or the trigger below could be lost. */
	if (vcm_mmio_poll_nonzero(m, NV50_VM_FLUSH, GF100_VM_FLUSH_SLOTS,
				  nv_timeout(m), NULL))
		return -ETIMEDOUT;
	if (!(type & VCM_NV_INV_ALL_PDB)) {
		vcm_mmio_wr32(m, GF100_VM_FLUSH_PDB, lower_32_bits(pdb));
		if (split)
			vcm_mmio_wr32(m, GP100_VM_FLUSH_PDB_HI,
				      upper_32_bits(pdb));
	}
	vcm_mmio_wr32(m, GF100_VM_FLUSH_TRIGGER, GF100_VM_FLUSH_GO | type);
	return vcm_mmio_poll(m, NV50_VM_FLUSH, GF100_VM_FLUSH_QUEUED,
			     GF100_VM_FLUSH_QUEUED, nv_timeout(m));
}

int vcm_nouveau_gf100_flush(const struct drm_vcm_mmio *m, u64 pd,
			    enum vcm_nv_aperture aper, u32 type)
{
	return gf100_invalidate(m, pd, aper, type, false);
}
EXPORT_SYMBOL_GPL(vcm_nouveau_gf100_flush);

int vcm_nouveau_gp100_flush(const struct drm_vcm_mmio *m, u64 pd,
			    enum vcm_nv_aperture aper, u32 type)
{
	return gf100_invalidate(m, pd, aper, type, true);
}
EXPORT_SYMBOL_GPL(vcm_nouveau_gp100_flush);
