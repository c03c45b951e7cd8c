// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * nouveau pre-Tesla GART formats: nv04, nv41 and nv44.
 *
 * Each is one flat table of 4 KiB host pages, indexed from the start of
 * the GART aperture, with no flush of its own in the entry format.
 *
 * nv04: a PCI DMA object. An 8-byte header comes first:
 *   word 0     0x0002103d (PCI target, read-write, paged, not linear)
 *   word 1     last valid byte offset: entries * 4096 - 1
 * then one 32-bit entry per page:
 *   bit 0      PRESENT
 *   bit 1      RW (set for writable binds; nouveau always sets it)
 *   bits 12-31 page address
 * Unbound entries are 0. Up to 32768 entries (128 MiB), 32-bit addresses.
 *
 * nv41: PCIE GART, one 32-bit entry per page:
 *   bit 0      VALID
 *   bits 5-31  page address bits 12-38 (the address shifted right by 7)
 * Unbound entries are 0. Up to 131072 entries (512 MiB).
 *
 * nv44: PCIE GART, four 27-bit page frame numbers (address >> 12) packed
 * into each 16-byte group, which is little-endian words w0..w3:
 *   slot 0     w0 bits 0-26
 *   slot 1     w0 bits 27-31 (low 5 bits), w1 bits 0-21
 *   slot 2     w1 bits 22-31 (low 10 bits), w2 bits 0-16
 *   slot 3     w2 bits 17-31 (low 15 bits), w3 bits 0-11
 *   w3 bit 30  set in every group written with page numbers
 * i.e. slot s is bits 27s to 27s + 26 of the 128-bit group. There is no
 * valid bit: a slot with nothing bound holds the page number of the
 * driver's dummy page (&drm_vcm_mmu.dummy_addr). The table is aligned to
 * 512 KiB; up to 131072 entries (512 MiB).
 *
 * nv44 writers get the whole group holding their first entry. A group
 * covered entirely is written afresh: four page numbers plus bit 30, the
 * rest of w3 zero. A group covered in part is updated in place: the slots
 * outside the range keep what they held, and so do w3 bits 12-29 and 31.
 * This is what nouveau does when it maps.
 *
 * Clearing differs from nouveau on purpose. nouveau writes four zero words
 * (bit 30 clear) for each whole group while more than four entries remain
 * to unmap, and the dummy page number with bit 30 into the rest, the last
 * group included, whole or not. VCM always writes the dummy page number
 * with bit 30 into the cleared slots, by the same whole-or-partial rule as
 * mapping, and clears new tables that way too (nouveau zeroes them). Both
 * states read as "no page": nouveau mixes them in one table and programs
 * the same dummy page into the GART's dummy-page register (0x100818); the
 * dummy page number is the one that never leaves a mapped-looking slot
 * pointing at address 0 next to a partial map.
 *
 * Only nv04 can express a read-only mapping, and none of the three can
 * express snooping: nv41 and nv44 entries always grant read and write.
 */

#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/minmax.h>

#include "../vcm_internal.h"

#define NV04_PTE_PRESENT	BIT(0)
#define NV04_PTE_RW		BIT(1)
#define NV04_PTE_ADDR		GENMASK(31, 12)
#define NV04_HDR_FLAGS		0x0002103d
#define NV04_HDR_BYTES		8

#define NV41_PTE_VALID		BIT(0)
#define NV41_PTE_ADDR		GENMASK(31, 5)
#define NV41_ADDR		GENMASK_ULL(38, 12)
#define NV41_ADDR_SHIFT		7

#define NV44_PFN_BITS		27
#define NV44_PFN		GENMASK(NV44_PFN_BITS - 1, 0)
#define NV44_W3_WRITTEN		BIT(30)
#define NV44_GROUP		4

/* nv04 */

static void nv04_write_header(const struct drm_vcm_mmu *mmu, unsigned int type,
			      void *dst, u32 nent)
{
	__le32 *hdr = dst;

	hdr[0] = cpu_to_le32(NV04_HDR_FLAGS);
	hdr[1] = cpu_to_le32((u32)(((u64)nent << VCM_PAGE_SHIFT) - 1));
}

/* The entry mapping @addr with the flag bits @bits. */
static u64 nv04_pte(dma_addr_t addr, u64 bits)
{
	return (lower_32_bits(addr) & NV04_PTE_ADDR) | bits;
}

static void nv04_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			    void *dst, u32 index, u32 count,
			    struct drm_vcm_pte_run *run)
{
	u32 bits = NV04_PTE_PRESENT;

	if (run->flags & DRM_VCM_WRITE)
		bits |= NV04_PTE_RW;
	drm_vcm_run_write(run, dst, count, 4, nv04_pte, bits);
}

/* Flat tables: there are no directories. */
/* nv04 and nv41: unbound entries are 0. */
static void nv04_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
		       void *dst, u32 index, u32 count)
{
	memset(dst, 0, (size_t)count * sizeof(__le32));
}

static void nv04_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	e->raw = raw;
	e->addr = raw & NV04_PTE_ADDR;
	e->loc = DRM_VCM_LOC_SYSTEM;
	if (!(raw & NV04_PTE_PRESENT)) {
		e->kind = DRM_VCM_ENTRY_INVALID;
		return;
	}
	e->kind = DRM_VCM_ENTRY_PTE;
	e->flags = DRM_VCM_READ | (raw & NV04_PTE_RW ? DRM_VCM_WRITE : 0);
}

/* nv41 */

/* The entry mapping @addr with the flag bits @bits. */
static u64 nv41_pte(dma_addr_t addr, u64 bits)
{
	return (u32)((addr & NV41_ADDR) >> NV41_ADDR_SHIFT) | bits;
}

static void nv41_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			    void *dst, u32 index, u32 count,
			    struct drm_vcm_pte_run *run)
{
	drm_vcm_run_write(run, dst, count, 4, nv41_pte, NV41_PTE_VALID);
}

static void nv41_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 raw = le32_to_cpup(src);

	e->raw = raw;
	e->addr = (u64)(raw & NV41_PTE_ADDR) << NV41_ADDR_SHIFT;
	e->loc = DRM_VCM_LOC_SYSTEM;
	if (!(raw & NV41_PTE_VALID)) {
		e->kind = DRM_VCM_ENTRY_INVALID;
		return;
	}
	e->kind = DRM_VCM_ENTRY_PTE;
	e->flags = DRM_VCM_READ | DRM_VCM_WRITE;
}

/* nv44 */

static u32 nv44_pfn(dma_addr_t addr)
{
	return (u32)(addr >> VCM_PAGE_SHIFT) & NV44_PFN;
}

/* Slot @slot of group @w (CPU-order words) is group bits 27 * @slot up. */
static void nv44_put(u32 *w, unsigned int slot, u32 pfn)
{
	unsigned int bit = slot * NV44_PFN_BITS, i = bit / 32, sh = bit % 32;
	u64 mask = (u64)NV44_PFN << sh;
	u64 v = (u64)w[i + 1] << 32 | w[i];

	v = (v & ~mask) | (u64)pfn << sh;
	w[i] = lower_32_bits(v);
	w[i + 1] = upper_32_bits(v);
}

static u32 nv44_get(const u32 *w, unsigned int slot)
{
	unsigned int bit = slot * NV44_PFN_BITS, i = bit / 32, sh = bit % 32;
	u64 v = (u64)w[i + 1] << 32 | w[i];

	return (u32)(v >> sh) & NV44_PFN;
}

static void nv44_load(u32 *w, const __le32 *g)
{
	unsigned int i;

	for (i = 0; i < NV44_GROUP; i++)
		w[i] = le32_to_cpu(g[i]);
}

static void nv44_store(__le32 *g, const u32 *w)
{
	unsigned int i;

	for (i = 0; i < NV44_GROUP; i++)
		g[i] = cpu_to_le32(w[i]);
}

/*
 * Write @count slots from slot @index of the group at @dst onwards: page
 * numbers from @run, or the dummy page's when @run is NULL. Whole groups
 * are written afresh, partial ones updated in place.
 */
static void nv44_fill(const struct drm_vcm_mmu *mmu, void *dst, u32 index,
		      u32 count, struct drm_vcm_pte_run *run)
{
	unsigned int slot = index % NV44_GROUP, i, n;
	u32 dummy = nv44_pfn(mmu->dummy_addr);
	__le32 *g = dst;
	u32 w[NV44_GROUP];

	for (; count; count -= n, slot = 0, g += NV44_GROUP) {
		n = min_t(u32, count, NV44_GROUP - slot);
		if (n == NV44_GROUP)
			memset(w, 0, sizeof(w));
		else
			nv44_load(w, g);
		for (i = 0; i < n; i++)
			nv44_put(w, slot + i,
				 run ? nv44_pfn(drm_vcm_run_next(run)) : dummy);
		w[3] |= NV44_W3_WRITTEN;
		nv44_store(g, w);
	}
}

static void nv44_write_ptes(const struct drm_vcm_mmu *mmu, unsigned int type,
			    void *dst, u32 index, u32 count,
			    struct drm_vcm_pte_run *run)
{
	nv44_fill(mmu, dst, index, count, run);
}

static void nv44_clear(const struct drm_vcm_mmu *mmu, unsigned int type,
		       void *dst, u32 index, u32 count)
{
	nv44_fill(mmu, dst, index, count, NULL);
}

static void nv44_decode(const struct drm_vcm_mmu *mmu, unsigned int type,
			const void *src, u32 index, struct drm_vcm_entry *e)
{
	u32 w[NV44_GROUP], pfn;

	nv44_load(w, src);
	pfn = nv44_get(w, index % NV44_GROUP);
	e->raw = (u64)w[1] << 32 | w[0];
	e->addr = (u64)pfn << VCM_PAGE_SHIFT;
	e->loc = DRM_VCM_LOC_SYSTEM;
	/* A zeroed group, or the dummy page: nothing is mapped. */
	if (!(w[3] & NV44_W3_WRITTEN) || pfn == nv44_pfn(mmu->dummy_addr)) {
		e->kind = DRM_VCM_ENTRY_INVALID;
		return;
	}
	e->kind = DRM_VCM_ENTRY_PTE;
	e->flags = DRM_VCM_READ | DRM_VCM_WRITE;
}

static const struct drm_vcm_fmt_table nv04_tables[] = {
	{
		.name = "dmaobj",
		.shift = 12,
		.bits = 15,
		.entry_size = 4,
		.leaf = true,
		.align = 0x1000,
		.locs = BIT(DRM_VCM_LOC_SYSTEM),
		.header = NV04_HDR_BYTES,
	},
};

const struct drm_vcm_format vcm_fmt_nv04 = {
	.name = "nv04",
	.tables = nv04_tables,
	.ntables = ARRAY_SIZE(nv04_tables),
	.flags = DRM_VCM_FMT_RELATIVE | DRM_VCM_FMT_SIZED_TOP,
	.va_bits = 27,
	.pa_bits = 32,
	.entry_flags = DRM_VCM_WRITE,
	.write_ptes = nv04_write_ptes,
	.clear = nv04_clear,
	.decode = nv04_decode,
	.write_header = nv04_write_header,
};

static const struct drm_vcm_fmt_table nv41_tables[] = {
	{
		.name = "gart",
		.shift = 12,
		.bits = 17,
		.entry_size = 4,
		.leaf = true,
		.align = 0x1000,
		.locs = BIT(DRM_VCM_LOC_SYSTEM),
	},
};

const struct drm_vcm_format vcm_fmt_nv41 = {
	.name = "nv41",
	.tables = nv41_tables,
	.ntables = ARRAY_SIZE(nv41_tables),
	.flags = DRM_VCM_FMT_RELATIVE | DRM_VCM_FMT_SIZED_TOP,
	.va_bits = 29,
	.pa_bits = 39,
	.write_ptes = nv41_write_ptes,
	.clear = nv04_clear,
	.decode = nv41_decode,
};

static const struct drm_vcm_fmt_table nv44_tables[] = {
	{
		.name = "gart",
		.shift = 12,
		.bits = 17,
		.entry_size = 16,
		.leaf = true,
		.align = 0x80000,
		.locs = BIT(DRM_VCM_LOC_SYSTEM),
		.group = NV44_GROUP,
	},
};

const struct drm_vcm_format vcm_fmt_nv44 = {
	.name = "nv44",
	.tables = nv44_tables,
	.ntables = ARRAY_SIZE(nv44_tables),
	.flags = DRM_VCM_FMT_RELATIVE | DRM_VCM_FMT_SIZED_TOP,
	.va_bits = 29,
	.pa_bits = 39,
	.write_ptes = nv44_write_ptes,
	.clear = nv44_clear,
	.decode = nv44_decode,
};
