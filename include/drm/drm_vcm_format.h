/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * VCM: the entry-format half of the driver API, what a page-table format
 * implements (writers, decoders, table levels) and the runs of addresses
 * its writers are handed. drm_vcm.h includes it.
 */
#ifndef __DRM_VCM_FORMAT_H__
#define __DRM_VCM_FORMAT_H__

#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/byteorder.h>
#include <asm/page.h>

struct drm_vcm_mmu;

/**
 * enum drm_vcm_bind_flags - flags of drm_vcm_bind()
 * @DRM_VCM_READ: the device may read through the mapping
 * @DRM_VCM_WRITE: the device may write through the mapping
 * @DRM_VCM_SNOOP: device accesses snoop the CPU caches (coherent)
 * @DRM_VCM_COMMON_FLAGS: every flag common to all formats
 *
 * The low 16 bits are common to every format; each format maps them to its
 * own entry bits. The high 16 bits are format-specific, built with
 * DRM_VCM_FMT_FLAG() and declared in &drm_vcm_format.fmt_flags; a bit the
 * format does not declare is refused with -EINVAL.
 */
enum drm_vcm_bind_flags {
	DRM_VCM_READ = BIT(0),
	DRM_VCM_WRITE = BIT(1),
	DRM_VCM_SNOOP = BIT(2),
	DRM_VCM_COMMON_FLAGS = DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
};

/**
 * DRM_VCM_FMT_FLAG - a format-specific bind flag
 * @n: bit number within the format-specific half, 0 to 15
 */
#define DRM_VCM_FMT_FLAG(n)	BIT(16 + (n))

/**
 * enum drm_vcm_location - where memory lives, as a device sees it
 * @DRM_VCM_LOC_SYSTEM: system RAM reached over the bus
 * @DRM_VCM_LOC_DEVICE: device-local memory (VRAM)
 */
enum drm_vcm_location {
	DRM_VCM_LOC_SYSTEM,
	DRM_VCM_LOC_DEVICE,
};

/**
 * struct drm_vcm_seg - one contiguous piece of backing memory
 * @addr: address of the first byte, of the kind its memory's
 *	&drm_vcm_mem.dev says: a CPU physical address, or a DMA address
 *	for that device
 * @len: length in bytes
 */
struct drm_vcm_seg {
	dma_addr_t addr;
	u64 len;
};

/**
 * struct drm_vcm_bind_attr - storage attributes of a bind
 * @kind: storage kind (nouveau's "kind": tiling and compression layout of
 *	the memory), written into every entry of the bind; 0 is pitch
 *	(linear) memory. Below &drm_vcm_format.nkinds, or 0 for a format
 *	without a kind field.
 * @comp: compression: tag lines per &drm_vcm_format.tag_shift bytes of
 *	backing memory, 0 for none; at most &drm_vcm_format.max_comp. Only
 *	device memory is compressed.
 * @comptag: first compression tag line of the backing memory (0 when
 *	@comp is 0): byte X of the memory uses the @comp lines from
 *	@comptag + (X >> &drm_vcm_format.tag_shift) * @comp, wherever it
 *	is bound, so that a split binding keeps its tags
 *
 * Binds without attributes (drm_vcm_bind()) have all three 0. The tag
 * lines themselves are the driver's to allocate and clear.
 */
struct drm_vcm_bind_attr {
	u16 kind;
	u8 comp;
	u32 comptag;
};

/**
 * struct drm_vcm_pte_run - a run of entries handed to a format writer
 * @seg: segment holding the address of the first entry; unused when @page
 *	is set
 * @page: for backing kept page by page (&drm_vcm_mem.pages), the page
 *	holding the first entry; NULL for backing kept as segments
 * @off: offset of the first entry within @seg, or within @page
 * @pgsize: bytes mapped by each entry
 * @flags: bind flags (DRM_VCM_*)
 * @loc: location of the backing memory
 * @va: table VA of the run's first entry (relative to the space's start
 *	for %DRM_VCM_FMT_RELATIVE formats), for formats whose entries encode
 *	fragment or block sizes from the alignment of VA and address
 * @attr: storage kind and compression tags of the bind
 * @tag_va: the VA, in the frame of @va, at which byte 0 of the backing
 *	memory would sit: entry @va uses the tag lines of byte
 *	@va - @tag_va (drm_vcm_run_tag())
 *
 * The engine guarantees that every entry of the run maps a whole, aligned
 * @pgsize piece of one segment (or page); the writer advances through the
 * backing itself, so a run costs one indirect call however many segments it
 * spans. Writers read the cursor only through drm_vcm_run_addr(),
 * drm_vcm_run_room(), drm_vcm_run_next(), drm_vcm_run_take() and
 * drm_vcm_run_write(), which serve both kinds of backing.
 */
struct drm_vcm_pte_run {
	const struct drm_vcm_seg *seg;
	const dma_addr_t *page;
	u64 off;
	u64 pgsize;
	u32 flags;
	enum drm_vcm_location loc;
	u64 va;
	struct drm_vcm_bind_attr attr;
	u64 tag_va;
};

/**
 * drm_vcm_run_tag - the first compression tag line of a run's next entry
 * @run: the run
 * @tag_shift: the format's &drm_vcm_format.tag_shift
 *
 * For format writers whose entries carry tags. Unsigned arithmetic wraps,
 * so @run->tag_va may lie below VA 0.
 *
 * Returns: &drm_vcm_bind_attr.comptag plus the lines of the backing bytes
 * before the entry; &drm_vcm_bind_attr.comptag for an uncompressed bind.
 */
static inline u32 drm_vcm_run_tag(const struct drm_vcm_pte_run *run,
				  unsigned int tag_shift)
{
	return run->attr.comptag +
	       (u32)((run->va - run->tag_va) >> tag_shift) * run->attr.comp;
}

/**
 * drm_vcm_run_addr - the device address at a run's cursor
 * @run: the run
 *
 * Returns: the address the run's next entry maps.
 */
static inline dma_addr_t drm_vcm_run_addr(const struct drm_vcm_pte_run *run)
{
	return (run->page ? *run->page : run->seg->addr) + run->off;
}

/**
 * drm_vcm_run_room - bytes of contiguous backing at a run's cursor
 * @run: the run
 *
 * Returns: the bytes left of the cursor's segment, or of its page for
 * backing kept page by page, whose pages are never adjacent. The backing
 * past them may continue the same addresses or not.
 */
static inline u64 drm_vcm_run_room(const struct drm_vcm_pte_run *run)
{
	return (run->page ? PAGE_SIZE : run->seg->len) - run->off;
}

/**
 * drm_vcm_run_step - step a run's cursor within its segment or page
 * @run: the run
 * @bytes: how far, at most drm_vcm_run_room()
 *
 * Only the cursor moves, not @run->va. Stepping over the whole room moves
 * the cursor to the start of the next segment or page.
 */
static inline void drm_vcm_run_step(struct drm_vcm_pte_run *run, u64 bytes)
{
	if (bytes < drm_vcm_run_room(run)) {
		run->off += bytes;
	} else if (run->page) {
		run->page++;
		run->off = 0;
	} else {
		run->seg++;
		run->off = 0;
	}
}

/**
 * drm_vcm_run_next - address of the next entry of a run, and step past it
 * @run: the run
 *
 * For format writers: call once per entry written. @run->va moves on
 * with it.
 *
 * Returns: the device address the entry maps.
 */
static inline dma_addr_t drm_vcm_run_next(struct drm_vcm_pte_run *run)
{
	dma_addr_t addr = drm_vcm_run_addr(run);

	run->va += run->pgsize;
	drm_vcm_run_step(run, run->pgsize);
	return addr;
}

/**
 * drm_vcm_run_take - up to @max entries of a run on one contiguous piece
 * @run: the run
 * @max: the most entries the caller wants, at least 1
 * @addr: the device address the first of them maps
 *
 * For format writers: the entries left in the current segment (or page),
 * at most @max, are taken at once, so that the writer computes their
 * addresses as @addr plus a multiple of &drm_vcm_pte_run.pgsize without
 * stepping the run per entry. @run->va and the cursor move past them.
 *
 * Returns: how many entries were taken, from 1 to @max.
 */
static inline u32 drm_vcm_run_take(struct drm_vcm_pte_run *run, u32 max,
				   dma_addr_t *addr)
{
	unsigned int shift = __ffs64(run->pgsize);
	u64 room = drm_vcm_run_room(run) >> shift;
	u32 n = room < max ? (u32)room : max;
	u64 bytes = (u64)n << shift;

	*addr = drm_vcm_run_addr(run);
	run->va += bytes;
	drm_vcm_run_step(run, bytes);
	return n;
}

/* Store @v as entry @i of @dst, @esz bytes wide, little-endian. */
static __always_inline void __drm_vcm_store(void *dst, u32 i,
					    unsigned int esz, u64 v)
{
	if (esz == 4)
		((__le32 *)dst)[i] = cpu_to_le32((u32)v);
	else
		((__le64 *)dst)[i] = cpu_to_le64(v);
}

/**
 * drm_vcm_run_write - write a run's entries, each one encoded address
 * @run: the run
 * @dst: where the run's next entry is stored
 * @count: how many entries to write, side by side from @dst
 * @esz: bytes per entry, 4 or 8; a constant at every call
 * @encode: the entry mapping a device address, given @bits; a constant at
 *	every call, so that it is inlined
 * @bits: passed to @encode with every address
 *
 * For format writers whose entry is a function of the page address
 * alone: stores @encode(address, @bits) little-endian for each entry.
 * Where the backing is dense (scattered pages, one page or segment per
 * entry) the entries are written in one tight loop that reads each address
 * once and keeps the cursor in registers; each longer contiguous piece of
 * backing is taken whole (drm_vcm_run_take()). @run->va and the cursor
 * move past the entries.
 */
static __always_inline void
drm_vcm_run_write(struct drm_vcm_pte_run *run, void *dst, u32 count,
		  unsigned int esz, u64 (*encode)(dma_addr_t addr, u64 bits),
		  u64 bits)
{
	/* A local copy of the cursor, which table stores cannot alias. */
	struct drm_vcm_pte_run r = *run;
	u32 i = 0, n, end;

	/* Kept page by page, one entry per page (and so @off is 0). */
	if (r.page && r.pgsize == PAGE_SIZE) {
		for (i = 0; i < count; i++)
			__drm_vcm_store(dst, i, esz, encode(r.page[i], bits));
		run->page = r.page + count;
		run->va = r.va + (u64)count * r.pgsize;
		return;
	}
	while (i < count) {
		const struct drm_vcm_seg *seg = r.seg;
		dma_addr_t addr;

		/* One-entry segments, while there are. */
		if (!r.page && !r.off) {
			for (n = 0; n < count - i && seg[n].len == r.pgsize;
			     n++)
				__drm_vcm_store(dst, i + n, esz,
						encode(seg[n].addr, bits));
			r.seg = seg + n;
			r.va += (u64)n * r.pgsize;
			i += n;
			if (i == count)
				break;
		}
		/* Then a longer piece, whole or as far as @count. */
		end = i + drm_vcm_run_take(&r, count - i, &addr);
		for (; i < end; i++, addr += r.pgsize)
			__drm_vcm_store(dst, i, esz, encode(addr, bits));
	}
	*run = r;
}

/**
 * drm_vcm_fill64 - fill 64-bit entries with one value
 * @dst: the first entry
 * @count: how many entries
 * @v: the value, stored little-endian
 *
 * For format writers: unbound entries are usually all alike, and so are
 * the entries of a block of large pages on some formats. memset64() is
 * the architecture's string store where it has one (rep stosq on x86),
 * several times faster than a loop of single stores.
 */
static inline void drm_vcm_fill64(void *dst, unsigned int count, u64 v)
{
	memset64(dst, (__force u64)cpu_to_le64(v), count);
}

/**
 * drm_vcm_fill32 - fill 32-bit entries with one value
 * @dst: the first entry
 * @count: how many entries
 * @v: the value, stored little-endian
 */
static inline void drm_vcm_fill32(void *dst, unsigned int count, u32 v)
{
	memset32(dst, (__force u32)cpu_to_le32(v), count);
}

/**
 * struct drm_vcm_table_ref - what a directory entry points at
 * @addr: device address of the child table
 * @loc: where the child table lives
 * @type: index of the child's &drm_vcm_fmt_table in its format
 */
struct drm_vcm_table_ref {
	dma_addr_t addr;
	enum drm_vcm_location loc;
	u8 type;
};

/**
 * enum drm_vcm_entry_kind - what a decoded entry is
 * @DRM_VCM_ENTRY_INVALID: nothing is mapped
 * @DRM_VCM_ENTRY_PTE: a leaf mapping a page
 * @DRM_VCM_ENTRY_PDE: a directory entry pointing at child tables
 * @DRM_VCM_ENTRY_SPARSE: nothing is mapped, and the device reads zeros and
 *	drops writes there instead of faulting (see %DRM_VCM_FMT_SPARSE)
 */
enum drm_vcm_entry_kind {
	DRM_VCM_ENTRY_INVALID,
	DRM_VCM_ENTRY_PTE,
	DRM_VCM_ENTRY_PDE,
	DRM_VCM_ENTRY_SPARSE,
};

/**
 * struct drm_vcm_entry - one entry as a format decoder reads it
 * @kind: invalid, page or directory entry
 * @addr: page address (PTE) or address of the first child table (PDE)
 * @addr2: address of the second child table of a dual PDE, else 0
 * @nchild: number of child tables a PDE points at (0, 1 or 2)
 * @child_type: table type of each child (PDE only)
 * @flags: DRM_VCM_* flags the entry grants (PTE only)
 * @loc: location of the page or of the first child table
 * @raw: the raw entry, least significant 64 bits
 * @pgsize: bytes a PTE maps; set by the engine's walk, not by decoders
 * @storage_kind: storage kind of a PTE (&drm_vcm_bind_attr.kind)
 * @comp: compression mode, for formats whose entries record it (nv50)
 * @comptag: first compression tag line of a PTE, as the entry holds it
 */
struct drm_vcm_entry {
	enum drm_vcm_entry_kind kind;
	u64 addr;
	u64 addr2;
	u8 nchild;
	u8 child_type[2];
	u32 flags;
	enum drm_vcm_location loc;
	u64 raw;
	u64 pgsize;
	u16 storage_kind;
	u8 comp;
	u32 comptag;
};

/**
 * struct drm_vcm_fmt_table - one kind of page table of a format
 * @name: short name for dumps ("pd", "pt4k", ...)
 * @shift: VA bit at which this table's index starts; for leaf entries
 *	the page shift
 * @bits: index bits (table holds 1 << @bits entries); for the top table of
 *	a format with %DRM_VCM_FMT_SIZED_TOP this is the maximum
 * @entry_size: bytes per entry: 4, 8 or 16
 * @leaf: entries of this table may map pages of 1 << @shift bytes
 * @nchild: child table types an entry may point at (0 for leaf tables)
 * @child: indices into &drm_vcm_format.tables of the child types, the one
 *	with the largest page first
 * @align: required table alignment in bytes (power of two)
 * @locs: for leaf tables, the locations (BIT(&enum drm_vcm_location)) its
 *	entries may map
 * @group: entries packed together into one @entry_size unit (nv44 packs
 *	four page numbers into 16 bytes); 0 or 1 when entries stand alone.
 *	Writers of a packed kind get the whole group and update it in place.
 * @header: bytes in front of entry 0, written by
 *	&drm_vcm_format.write_header when the table is created
 * @addr_bits: reach of what points at a table of this kind: the widest
 *	device address the directory entry above it (for the top table, the
 *	register the driver programs) can hold, so every table of the kind
 *	lies below 1 << @addr_bits; 0 for &drm_vcm_format.pa_bits
 */
struct drm_vcm_fmt_table {
	const char *name;
	u8 shift;
	u8 bits;
	u8 entry_size;
	bool leaf;
	u8 nchild;
	u8 child[2];
	u32 align;
	u8 locs;
	u8 group;
	u16 header;
	u8 addr_bits;
};

/**
 * enum drm_vcm_format_flags - properties of a format
 * @DRM_VCM_FMT_RELATIVE: the top table is indexed from the first address
 *	of the space (a GART aperture), not from VA 0
 * @DRM_VCM_FMT_SIZED_TOP: the top table holds just enough entries for the
 *	space, at most 1 << &drm_vcm_fmt_table.bits
 * @DRM_VCM_FMT_EXCLUSIVE_CHILD: a directory entry points at one child
 *	table at a time, of one of its child kinds
 * @DRM_VCM_FMT_SPARSE: the format has a sparse state
 *	(&drm_vcm_format.sparse); an MMU attached with
 *	&drm_vcm_mmu_desc.sparse gets it, instead of the invalid state, in
 *	every entry at every level that maps nothing and hides no other
 *	table
 * @DRM_VCM_FMT_UNCACHED_TABLES: the device reads its tables without
 *	snooping the CPU's caches; tables in system RAM are mapped uncached
 *	(set_memory_uc() on x86) for as long as they exist
 */
enum drm_vcm_format_flags {
	DRM_VCM_FMT_RELATIVE = BIT(0),
	DRM_VCM_FMT_SIZED_TOP = BIT(1),
	DRM_VCM_FMT_EXCLUSIVE_CHILD = BIT(2),
	DRM_VCM_FMT_SPARSE = BIT(3),
	DRM_VCM_FMT_UNCACHED_TABLES = BIT(4),
};

/**
 * struct drm_vcm_format - a page-table format, as data plus four writers
 * @name: unique name ("r600-gart", "nv50", ...)
 * @tables: table kinds; @tables[0] is the top of the hierarchy
 * @ntables: number of @tables
 * @flags: &enum drm_vcm_format_flags
 * @va_bits: highest VA the hardware translates is 1 << @va_bits
 * @pa_bits: widest address an entry can hold (DMA mask): of the pages
 *	mapped, of &drm_vcm_mmu_desc.dummy_addr, and of tables unless the
 *	table kind says otherwise (&drm_vcm_fmt_table.addr_bits)
 * @fmt_flags: format-specific bind flags accepted (DRM_VCM_FMT_FLAG())
 * @entry_flags: the common bind flags its entries record, so that an entry
 *	written without one of them denies that access and its decoder gives
 *	them back; the others are accepted and have no effect
 * @nkinds: storage kinds its entries encode (&drm_vcm_bind_attr.kind
 *	below it); 0 for a format without a kind field (kind 0 only)
 * @max_comp: largest &drm_vcm_bind_attr.comp; 0 without compression tags
 * @tag_bits: width of the entries' compression tag field
 * @tag_shift: log2 of the bytes of backing memory per
 *	&drm_vcm_bind_attr.comp tag lines
 * @comp_pa_bits: where the tag field overlaps the address field's top
 *	(gp100), the widest address of device memory bound with a kind
 *	other than 0 or with compression; 0 for no such limit
 * @write_ptes: write @count leaf entries of a table of kind @type, the
 *	first one being entry @index, mapping what @run says; cannot fail
 * @write_pde: write the directory entry at @dst pointing at @nref (1 or
 *	2) child tables; only formats with directories have one
 * @clear: write @count entries from entry @index with the format's
 *	invalid state
 * @sparse: with %DRM_VCM_FMT_SPARSE only: write @count entries from entry
 *	@index with the format's sparse state. The engine, not the writer,
 *	chooses between @clear and @sparse for each entry (an MMU attached
 *	sparse still needs invalid entries where they let another table
 *	through, see "Sparse state" in Documentation/gpu/vcm.rst)
 * @decode: read entry @index at @src; written apart from the writers, as
 *	the hardware would read the entry
 * @write_header: optional; write the &drm_vcm_fmt_table.header bytes of a
 *	new table of kind @type with @nent entries at @dst
 *
 * Writers store little-endian entries into CPU memory; the engine moves
 * them to I/O memory when a table lives there. @dst and @src point at the
 * storage of entry @index, or for packed kinds at the start of the group
 * holding it. @mmu gives access to per-device state such as the dummy
 * page.
 */
struct drm_vcm_format {
	const char *name;
	const struct drm_vcm_fmt_table *tables;
	u8 ntables;
	u32 flags;
	u8 va_bits;
	u8 pa_bits;
	u32 fmt_flags;
	u32 entry_flags;
	u16 nkinds;
	u8 max_comp;
	u8 tag_bits;
	u8 tag_shift;
	u8 comp_pa_bits;

	void (*write_ptes)(const struct drm_vcm_mmu *mmu, unsigned int type,
			   void *dst, u32 index, u32 count,
			   struct drm_vcm_pte_run *run);
	void (*write_pde)(const struct drm_vcm_mmu *mmu, unsigned int type,
			  void *dst, const struct drm_vcm_table_ref *ref,
			  unsigned int nref);
	void (*clear)(const struct drm_vcm_mmu *mmu, unsigned int type,
		      void *dst, u32 index, u32 count);
	void (*sparse)(const struct drm_vcm_mmu *mmu, unsigned int type,
		       void *dst, u32 index, u32 count);
	void (*decode)(const struct drm_vcm_mmu *mmu, unsigned int type,
		       const void *src, u32 index, struct drm_vcm_entry *out);
	void (*write_header)(const struct drm_vcm_mmu *mmu, unsigned int type,
			     void *dst, u32 nent);
};

#endif /* __DRM_VCM_FORMAT_H__ */
