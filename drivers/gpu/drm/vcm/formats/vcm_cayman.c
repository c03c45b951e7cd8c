// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * radeon cayman / aruba (NI) and SI per-process GPU VM format.
 *
 * VM contexts 1 and up translate through two levels: a page directory of
 * 64-bit entries, each pointing at one page table of 64-bit entries for
 * 4 KiB pages. The number of index bits of a page table, the "block size",
 * is a driver choice between 9 and 24; radeon derives it from its vm_size
 * parameter. The registered formats use radeon's default, vm_size 8 GiB:
 * block size 12, so 512 directory entries (4 KiB) over 33 bits of VA, each
 * covering 16 MiB through a 32 KiB table of 4096 entries. radeon aligns
 * both the directory and the tables to 32 KiB.
 *
 * PDE:
 *   bit 0      VALID
 *   bits 12-63 page-table address
 *
 * PTE (the r600 GART entry, plus a fragment field):
 *   bit 0      VALID
 *   bit 1      SYSTEM: the page is system memory reached through the bus
 *   bit 2      SNOOPED (system memory only)
 *   bit 5      READABLE
 *   bit 6      WRITEABLE
 *   bits 7-11  FRAG: the entry lies in a block of 4 KiB << FRAG bytes that
 *              is mapped by identical entries to contiguous memory, so the
 *              TLB may hold the whole block as one entry
 *   bits 12-63 page address
 *
 * An entry nothing is bound to is 0, as in a freshly cleared table.
 *
 * Fragments. cayman and aruba use 256 KiB fragments (FRAG 6), SI and later
 * 64 KiB (FRAG 4); the two registered formats, "cayman-vm" and "si-vm",
 * differ only in that. FRAG is set on VRAM entries only, and only on those
 * in a fragment-sized, fragment-aligned block of VA that lies wholly inside
 * the entries being written, whose backing starts at a fragment-aligned
 * address and is contiguous across the block. The entries before the first
 * such block and after the last (the unaligned head and tail of a run)
 * keep FRAG 0. radeon itself only looks at the alignment of the VA (its
 * VRAM objects are contiguous); VCM backing may be scattered, hence the
 * address checks.
 *
 * The end of a run, for this purpose, is the end of the writer call: the
 * engine calls the writer once per run of entries inside one table, so a
 * fragment never crosses a bind or a table. Tables in an I/O window are
 * written through a bounce buffer in pieces of 64 entries, the pieces
 * ending on multiples of 64 entries, so no 256 KiB or 64 KiB block is
 * split between two calls there either.
 *
 * The PDE has no location bit: the memory controller reads page tables at
 * the address given, which for radeon is always VRAM. Decoded PDEs
 * therefore report their table as device memory. The memory controller
 * decodes 40 bits of address on cayman and later.
 */

#include <linux/bits.h>
#include <linux/bitfield.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/sizes.h>

#include "../vcm_internal.h"

#define CAYMAN_PTE_VALID	BIT_ULL(0)
#define CAYMAN_PTE_SYSTEM	BIT_ULL(1)
#define CAYMAN_PTE_SNOOPED	BIT_ULL(2)
#define CAYMAN_PTE_READABLE	BIT_ULL(5)
#define CAYMAN_PTE_WRITEABLE	BIT_ULL(6)
#define CAYMAN_PTE_FRAG		GENMASK_ULL(11, 7)
#define CAYMAN_ADDR		GENMASK_ULL(63, 12)

#define CAYMAN_PDE_VALID	BIT_ULL(0)

/* Fragment codes: log2 of the fragment size in 4 KiB pages. */
#define CAYMAN_FRAG_256K	6
#define CAYMAN_FRAG_64K		4

/* radeon's default geometry: vm_size 8 GiB, block size 12. */
#define CAYMAN_VA_BITS		33
#define CAYMAN_BLOCK_BITS	12
#define CAYMAN_TABLE_ALIGN	SZ_32K

enum { CAYMAN_PD, CAYMAN_PT };

/* Is the backing at @run contiguous over the next @bytes? */
static bool cayman_contig(const struct drm_vcm_pte_run *run, u64 bytes)
{
	struct drm_vcm_pte_run r = *run;
	u64 have = drm_vcm_run_room(&r);

	/* Only segments the caller's entries map are looked at. */
	while (have < bytes) {
		dma_addr_t end = drm_vcm_run_addr(&r) + drm_vcm_run_room(&r);

		drm_vcm_run_step(&r, drm_vcm_run_room(&r));
		if (drm_vcm_run_addr(&r) != end)
			return false;
		have += drm_vcm_run_room(&r);
	}
	return true;
}

/* The entry mapping @addr with the flag bits @bits. */
static u64 cayman_pte(dma_addr_t addr, u64 bits)
{
	return (addr & CAYMAN_ADDR) | bits;
}

static void cayman_write(struct drm_vcm_pte_run *run, __le64 *pte, u32 n,
			 u64 bits)
{
	u32 i;

	for (i = 0; i < n; i++)
		pte[i] = cpu_to_le64(cayman_pte(drm_vcm_run_next(run), bits));
}

static __always_inline void cayman_write_frag(struct drm_vcm_pte_run *run,
					      __le64 *pte, u32 count,
					      unsigned int frag)
{
	u64 bits = CAYMAN_PTE_VALID;
	u64 fbytes = VCM_PAGE_SIZE << frag;
	u32 fpages = 1U << frag;
	u32 i = 0;

	if (run->flags & DRM_VCM_READ)
		bits |= CAYMAN_PTE_READABLE;
	if (run->flags & DRM_VCM_WRITE)
		bits |= CAYMAN_PTE_WRITEABLE;

	if (run->loc != DRM_VCM_LOC_DEVICE) {
		bits |= CAYMAN_PTE_SYSTEM;
		if (run->flags & DRM_VCM_SNOOP)
			bits |= CAYMAN_PTE_SNOOPED;
		drm_vcm_run_write(run, pte, count, 8, cayman_pte, bits);
		return;
	}

	while (i < count) {
		dma_addr_t addr = drm_vcm_run_addr(run);

		/* A whole, aligned, contiguous fragment inside this call. */
		if (count - i >= fpages && IS_ALIGNED(run->va, fbytes) &&
		    IS_ALIGNED(addr, fbytes) && cayman_contig(run, fbytes)) {
			cayman_write(run, pte + i, fpages,
				     bits | FIELD_PREP(CAYMAN_PTE_FRAG, frag));
			i += fpages;
		} else {
			cayman_write(run, pte + i, 1, bits);
			i++;
		}
	}
}

static void cayman_write_ptes(const struct drm_vcm_mmu *mmu,
			      unsigned int type, void *dst, u32 index,
			      u32 count, struct drm_vcm_pte_run *run)
{
	struct drm_vcm_pte_run r = *run;	/* kept in registers */

	cayman_write_frag(&r, dst, count, CAYMAN_FRAG_256K);
	*run = r;
}

static void si_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			  void *dst, u32 index, u32 count,
			  struct drm_vcm_pte_run *run)
{
	struct drm_vcm_pte_run r = *run;	/* kept in registers */

	cayman_write_frag(&r, dst, count, CAYMAN_FRAG_64K);
	*run = r;
}

static void cayman_write_pde(const struct drm_vcm_mmu *mmu, unsigned int type,
			     void *dst, const struct drm_vcm_table_ref *ref,
			     unsigned int nref)
{
	*(__le64 *)dst = cpu_to_le64((ref->addr & CAYMAN_ADDR) |
				     CAYMAN_PDE_VALID);
}

static void cayman_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
			 void *dst, u32 index, u32 count)
{
	drm_vcm_fill64(dst, count, 0);
}

static void cayman_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			  const void *src, u32 index, struct drm_vcm_entry *e)
{
	u64 raw = le64_to_cpup(src);

	e->raw = raw;
	e->addr = raw & CAYMAN_ADDR;
	e->kind = DRM_VCM_ENTRY_INVALID;

	if (type == CAYMAN_PD) {
		if (!(raw & CAYMAN_PDE_VALID))
			return;
		e->kind = DRM_VCM_ENTRY_PDE;
		e->nchild = 1;
		e->child_type[0] = CAYMAN_PT;
		e->loc = DRM_VCM_LOC_DEVICE;
		return;
	}

	if (!(raw & CAYMAN_PTE_VALID))
		return;
	e->kind = DRM_VCM_ENTRY_PTE;
	e->loc = raw & CAYMAN_PTE_SYSTEM ? DRM_VCM_LOC_SYSTEM :
					   DRM_VCM_LOC_DEVICE;
	e->flags = (raw & CAYMAN_PTE_READABLE ? DRM_VCM_READ : 0) |
		   (raw & CAYMAN_PTE_WRITEABLE ? DRM_VCM_WRITE : 0);
	/* The memory controller ignores SNOOPED for VRAM. */
	if ((raw & CAYMAN_PTE_SYSTEM) && (raw & CAYMAN_PTE_SNOOPED))
		e->flags |= DRM_VCM_SNOOP;
}

static const struct drm_vcm_fmt_table cayman_tables[] = {
	[CAYMAN_PD] = {
		.name = "pd",
		.shift = VCM_PAGE_SHIFT + CAYMAN_BLOCK_BITS,
		.bits = CAYMAN_VA_BITS - VCM_PAGE_SHIFT - CAYMAN_BLOCK_BITS,
		.entry_size = 8,
		.nchild = 1,
		.child = { CAYMAN_PT },
		.align = CAYMAN_TABLE_ALIGN,
	},
	[CAYMAN_PT] = {
		.name = "pt",
		.shift = VCM_PAGE_SHIFT,
		.bits = CAYMAN_BLOCK_BITS,
		.entry_size = 8,
		.leaf = true,
		.align = CAYMAN_TABLE_ALIGN,
		.locs = BIT(DRM_VCM_LOC_SYSTEM) | BIT(DRM_VCM_LOC_DEVICE),
	},
};

static_assert(CAYMAN_BLOCK_BITS >= 9 && CAYMAN_BLOCK_BITS <= 24);

/**
 * drm_vcm_radeon_vm_format - a cayman or SI VM format of another geometry
 * @out: the format to fill in
 * @tables: its two table kinds, filled in too
 * @si: SI and later (64 KiB fragments) rather than cayman (256 KiB)
 * @vm_bits: log2 of the VM size in bytes: 30 (1 GiB) to 40 (1 TiB)
 * @block_bits: index bits of a page table (radeon's vm_block_size), 9 to
 *	24, leaving at least one bit of directory index
 *
 * The registered "cayman-vm" and "si-vm" are radeon's default, 8 GiB with
 * 12-bit blocks. A driver with other vm_size or vm_block_size settings
 * builds its own here; @out and @tables stay the caller's and must outlive
 * every MMU attached with them. Page tables are 32 KiB aligned, the
 * directory to the smaller of 32 KiB and a page table's size, as radeon
 * places them.
 *
 * Returns: 0, or -EINVAL for a geometry out of those ranges.
 */
int drm_vcm_radeon_vm_format(struct drm_vcm_format *out,
			     struct drm_vcm_fmt_table tables[2], bool si,
			     unsigned int vm_bits, unsigned int block_bits)
{
	unsigned int pd_bits = vm_bits - VCM_PAGE_SHIFT - block_bits;

	if (vm_bits < 30 || vm_bits > 40 || block_bits < 9 ||
	    block_bits > 24 || vm_bits <= VCM_PAGE_SHIFT + block_bits)
		return -EINVAL;

	tables[CAYMAN_PD] = cayman_tables[CAYMAN_PD];
	tables[CAYMAN_PD].shift = VCM_PAGE_SHIFT + block_bits;
	tables[CAYMAN_PD].bits = pd_bits;
	tables[CAYMAN_PD].align = min_t(u32, CAYMAN_TABLE_ALIGN,
					8U << block_bits);
	tables[CAYMAN_PT] = cayman_tables[CAYMAN_PT];
	tables[CAYMAN_PT].bits = block_bits;

	*out = si ? vcm_fmt_si_vm : vcm_fmt_cayman_vm;
	out->tables = tables;
	out->va_bits = vm_bits;
	return 0;
}
EXPORT_SYMBOL_GPL(drm_vcm_radeon_vm_format);

const struct drm_vcm_format vcm_fmt_cayman_vm = {
	.name = "cayman-vm",
	.tables = cayman_tables,
	.ntables = ARRAY_SIZE(cayman_tables),
	.va_bits = CAYMAN_VA_BITS,
	.pa_bits = 40,
	.entry_flags = DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
	.write_ptes = cayman_write_ptes,
	.write_pde = cayman_write_pde,
	.clear = cayman_clear,
	.decode = cayman_decode,
};

const struct drm_vcm_format vcm_fmt_si_vm = {
	.name = "si-vm",
	.tables = cayman_tables,
	.ntables = ARRAY_SIZE(cayman_tables),
	.va_bits = CAYMAN_VA_BITS,
	.pa_bits = 40,
	.entry_flags = DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
	.write_ptes = si_write_ptes,
	.write_pde = cayman_write_pde,
	.clear = cayman_clear,
	.decode = cayman_decode,
};
