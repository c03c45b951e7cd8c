/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * VCM: one GART / GPU-VM layer for DRM drivers.
 */
#ifndef __DRM_VCM_H__
#define __DRM_VCM_H__

#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock_types.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/byteorder.h>
#include <drm/drm_mm.h>

struct agp_bridge_data;
struct dentry;
struct device;
struct iommu_domain;
struct page;
struct sg_table;

struct drm_vcm;
struct drm_vcm_mem;
struct drm_vcm_mmu;
struct drm_vcm_pt;

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
 * @seg: segment holding the address of the first entry
 * @off: offset of the first entry within @seg
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
 * @pgsize piece of one segment; the writer advances through the segment
 * array itself, so a run costs one indirect call however many segments it
 * spans.
 */
struct drm_vcm_pte_run {
	const struct drm_vcm_seg *seg;
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
	dma_addr_t addr = run->seg->addr + run->off;

	run->va += run->pgsize;
	run->off += run->pgsize;
	if (run->off == run->seg->len) {
		run->seg++;
		run->off = 0;
	}
	return addr;
}

/**
 * drm_vcm_run_take - up to @max entries of a run on one contiguous piece
 * @run: the run
 * @max: the most entries the caller wants, at least 1
 * @addr: the device address the first of them maps
 *
 * For format writers: the entries left in the current segment, at most
 * @max, are taken at once, so that the writer computes their addresses
 * as @addr plus a multiple of &drm_vcm_pte_run.pgsize without stepping
 * the run per entry. @run->va and the segment cursor move past them.
 *
 * Returns: how many entries were taken, from 1 to @max.
 */
static inline u32 drm_vcm_run_take(struct drm_vcm_pte_run *run, u32 max,
				   dma_addr_t *addr)
{
	unsigned int shift = __ffs64(run->pgsize);
	u64 room = (run->seg->len - run->off) >> shift;
	u32 n = room < max ? (u32)room : max;
	u64 bytes = (u64)n << shift;

	*addr = run->seg->addr + run->off;
	run->va += bytes;
	run->off += bytes;
	if (run->off == run->seg->len) {
		run->seg++;
		run->off = 0;
	}
	return n;
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

/**
 * enum drm_vcm_tmem_kind - where an MMU's page tables live
 * @DRM_VCM_TMEM_SYSTEM: coherent system RAM; with a device this comes from
 *	dma_alloc_coherent(), without one from the page allocator or, for a
 *	table past its largest block, alloc_contig_range(); always one piece
 *	contiguous for the device
 * @DRM_VCM_TMEM_IO: a driver's I/O window (VRAM behind a BAR), written
 *	with writel()/writeq(); VCM sub-allocates tables from it
 */
enum drm_vcm_tmem_kind {
	DRM_VCM_TMEM_SYSTEM,
	DRM_VCM_TMEM_IO,
};

/**
 * struct drm_vcm_tmem_desc - table memory of an MMU
 * @kind: system RAM or I/O window
 * @dev: device for dma_alloc_coherent() (%DRM_VCM_TMEM_SYSTEM); when
 *	given, it must be the MMU's own &drm_vcm_mmu_desc.dev (else the attach
 *	fails with -EXDEV); NULL stands for that device, and for the page
 *	allocator, at physical addresses, when the MMU has no device either
 * @io: CPU mapping of the window (%DRM_VCM_TMEM_IO)
 * @io_addr: device address of the window's first byte; the whole window
 *	must lie within the reach of every table kind of the format
 *	(&drm_vcm_fmt_table.addr_bits), else attach is -ERANGE
 * @io_size: size of the window in bytes
 */
struct drm_vcm_tmem_desc {
	enum drm_vcm_tmem_kind kind;
	struct device *dev;
	void __iomem *io;
	dma_addr_t io_addr;
	u64 io_size;
};

/**
 * struct drm_vcm_mmu_ops - what a driver does for its MMU
 * @activate: program the top table (@top, in the MMU's table memory) and
 *	the aperture; called once on attach, before the first flush
 * @deactivate: stop translating through the tables; called on detach
 *	before any table is freed
 * @flush: invalidate the device's TLB over [@start, @start + @size);
 *	called exactly once per bind or unbind that touched the MMU
 * @map: for an *external* MMU, whose translations another layer keeps (the
 *	AGP core's GATT, an IOMMU domain): map [@va, @va + @size) to @mem
 *	from byte @offset with @flags. VCM keeps no tables for such an MMU
 *	(its top is 0) and calls this instead of writing entries, after
 *	every table of the other MMUs is allocated; if it fails, the bind
 *	fails and every other MMU is left as it was
 * @unmap: for an external MMU: undo one successful @map of exactly
 *	[@va, @va + @size); cannot fail
 * @translate: for an external MMU, optional: what drm_vcm_mmu_translate()
 *	returns, the device address of @va or -ENOENT
 *
 * Every op is optional, except that an MMU with @map needs @unmap. Ops run
 * with the space lock held and may sleep.
 */
struct drm_vcm_mmu_ops {
	int (*activate)(struct drm_vcm_mmu *mmu, dma_addr_t top);
	void (*deactivate)(struct drm_vcm_mmu *mmu);
	void (*flush)(struct drm_vcm_mmu *mmu, u64 start, u64 size);
	int (*map)(struct drm_vcm_mmu *mmu, u64 va, u64 size,
		   const struct drm_vcm_mem *mem, u64 offset, u32 flags);
	void (*unmap)(struct drm_vcm_mmu *mmu, u64 va, u64 size);
	int (*translate)(struct drm_vcm_mmu *mmu, u64 va, dma_addr_t *addr);
};

/**
 * struct drm_vcm_mmu_desc - how to attach an MMU
 * @dev: the device whose DMA addresses the MMU's entries hold, or NULL
 *	for CPU physical addresses (an MMU that no DMA mapping stands in
 *	front of: vcm_virt's, and every external AGP or IOMMU MMU, whose
 *	backends translate to physical addresses). Only memory whose
 *	&drm_vcm_mem.dev is the same can be bound while it is attached;
 *	table memory allocated with a device (&drm_vcm_tmem_desc.dev) must
 *	be for this same device
 * @format: the MMU's page-table format; for an external MMU (one with
 *	&drm_vcm_mmu_ops.map) optional, and only its limits apply
 * @tmem: where its tables live; unused for an external MMU
 * @ops: driver callbacks, may be NULL
 * @dummy_addr: address that "invalid" entries point at, for formats whose
 *	unbound entries reference a dummy page; below
 *	1 << &drm_vcm_format.pa_bits, else attach is -ERANGE
 * @sparse: make every unbound address sparse rather than invalid: the
 *	device reads zeros and drops writes there instead of faulting; only
 *	for formats with %DRM_VCM_FMT_SPARSE
 * @priv: driver data, returned by drm_vcm_mmu_priv()
 */
struct drm_vcm_mmu_desc {
	struct device *dev;
	const struct drm_vcm_format *format;
	struct drm_vcm_tmem_desc tmem;
	const struct drm_vcm_mmu_ops *ops;
	dma_addr_t dummy_addr;
	bool sparse;
	void *priv;
};

/**
 * struct drm_vcm_mmu_stats - counters of one attached MMU
 * @flushes: flush calls made
 * @tables: tables currently allocated, top table included
 * @table_bytes: bytes of table memory currently allocated
 */
struct drm_vcm_mmu_stats {
	u64 flushes;
	u64 tables;
	u64 table_bytes;
};

/**
 * struct drm_vcm_mmu - one device MMU attached to a space
 * @vcm: the space
 * @link: entry in the space's MMU list
 * @id: number of the MMU in its space (0 for the first attached), for
 *	debugfs and trace events
 * @dev: see &drm_vcm_mmu_desc.dev
 * @format: page-table format
 * @ops: driver callbacks
 * @dummy_addr: see &drm_vcm_mmu_desc.dummy_addr
 * @sparse: see &drm_vcm_mmu_desc.sparse
 * @priv: driver data
 * @top: the top table
 * @top_entries: entries in the top table
 * @tmem: table memory state
 * @fresh: engine scratch: tables a bind in progress allocated
 * @dead: engine scratch: tables an unbind in progress emptied
 * @stats: counters
 *
 * Drivers treat this as opaque and use the accessors; the fields are
 * visible for the format writers and the engine.
 */
struct drm_vcm_mmu {
	struct drm_vcm *vcm;
	struct list_head link;
	u32 id;
	struct device *dev;
	const struct drm_vcm_format *format;
	const struct drm_vcm_mmu_ops *ops;
	dma_addr_t dummy_addr;
	bool sparse;
	void *priv;
	struct drm_vcm_pt *top;
	u64 top_entries;
	struct {
		struct drm_vcm_tmem_desc desc;
		struct drm_mm io_mm;
	} tmem;
	struct list_head fresh;
	struct list_head dead;
	struct drm_vcm_mmu_stats stats;
};

/**
 * struct drm_vcm_mem - backing memory
 * @ref: reference count
 * @dev: the device for which the segment addresses are DMA (bus)
 *	addresses, with a reference held on it; NULL when they are CPU
 *	physical addresses. Only MMUs with the same &drm_vcm_mmu.dev can
 *	map it
 * @size: bytes of backing
 * @loc: system RAM or device-local memory
 * @nsegs: number of contiguous segments
 * @max_addr: highest address of any byte
 * @cpu_uncached: set by the creator, after making the memory, when every
 *	CPU mapping of it is uncached or write-combined (set_pages_array_wc()
 *	and the like, which write the CPU caches back): a backend whose
 *	device does not snoop (AGP) may then skip writing the caches back
 *	before the device reads. False by default, and for all memory VCM
 *	allocates: ordinary pages are cached, whatever the bind flags say
 * @release: for memory VCM allocated itself, frees that memory when the
 *	last reference is dropped, just before the structure; NULL for
 *	memory a driver owns
 * @owner: what @release frees (VCM-internal), NULL with it
 * @segs: the segments, in order
 *
 * Created by drm_vcm_mem_from_pages(), drm_vcm_mem_from_sgt() or
 * drm_vcm_mem_contig(), which describe memory the creator owns: VCM never
 * allocates, pins or maps those pages, and the creator keeps them alive
 * until the last reference is dropped. drm_vcm_mem_alloc() and
 * drm_vcm_mem_from_pool() instead give memory VCM allocated, which VCM
 * frees with the last reference. Every binding holds a reference.
 *
 * The kind of address (physical, or DMA for one device) is fixed when the
 * memory is made and checked at every bind and attach: an address of one
 * kind is never written where the other is expected.
 */
struct drm_vcm_mem {
	struct kref ref;
	struct device *dev;
	u64 size;
	enum drm_vcm_location loc;
	unsigned int nsegs;
	dma_addr_t max_addr;
	bool cpu_uncached;
	void (*release)(struct drm_vcm_mem *mem);
	void *owner;
	struct drm_vcm_seg segs[];
};

/**
 * enum drm_vcm_alloc_flags - flags of drm_vcm_mem_alloc()
 * @DRM_VCM_ALLOC_CONTIG: one physically contiguous allocation, one
 *	segment; -ENOMEM rather than scattered pages when there is none
 * @DRM_VCM_ALLOC_DMA32: below 4 GiB, for formats with 32-bit entries;
 *	only without a device, whose DMA mask decides otherwise
 */
enum drm_vcm_alloc_flags {
	DRM_VCM_ALLOC_CONTIG = BIT(0),
	DRM_VCM_ALLOC_DMA32 = BIT(1),
};

/**
 * DRM_VCM_PFN_VALID - drm_vcm_bind_pfns() element bit: the page is present
 */
#define DRM_VCM_PFN_VALID	BIT_ULL(0)

/**
 * DRM_VCM_PFN_WRITE - drm_vcm_bind_pfns() element bit: the device may
 *	write the page
 */
#define DRM_VCM_PFN_WRITE	BIT_ULL(1)

/**
 * DRM_VCM_PFN_ADDR - the bits of a drm_vcm_bind_pfns() element that hold
 *	the page's address
 */
#define DRM_VCM_PFN_ADDR	(~(u64)(PAGE_SIZE - 1))

/**
 * struct drm_vcm_res - a reserved VA range
 * @node: the range in the space's allocator
 * @vcm: the space
 * @nbound: bindings inside this reservation
 * @sparse: its unbound addresses are sparse (drm_vcm_res_sparse())
 */
struct drm_vcm_res {
	struct drm_mm_node node;
	struct drm_vcm *vcm;
	unsigned int nbound;
	bool sparse;
};

/**
 * struct drm_vcm_binding - backing memory bound into part of a reservation
 * @node: the bound VA range in the space's binding tree
 * @res: the reservation it lies in
 * @mem: the backing memory (one reference held)
 * @offset: byte offset into @mem of the first bound byte
 * @flags: bind flags
 * @attr: storage kind and compression tags
 */
struct drm_vcm_binding {
	struct drm_mm_node node;
	struct drm_vcm_res *res;
	struct drm_vcm_mem *mem;
	u64 offset;
	u32 flags;
	struct drm_vcm_bind_attr attr;
};

/**
 * struct drm_vcm_stats - counters of one space
 * @reserved: bytes reserved
 * @bound: bytes bound
 * @binds: successful binds
 * @unbinds: unbinds
 */
struct drm_vcm_stats {
	u64 reserved;
	u64 bound;
	u64 binds;
	u64 unbinds;
};

/**
 * struct drm_vcm_budget - a cap on the table memory of a group of spaces
 * @lock: protects @used
 * @max: bytes the group may hold at once
 * @used: bytes charged now
 *
 * Set up with drm_vcm_budget_init() and given to each space of the group
 * with drm_vcm_set_budget(), typically one per DRM file so that one client
 * cannot make the kernel hold unbounded table memory. The budget must
 * outlive the MMUs of every space that uses it.
 */
struct drm_vcm_budget {
	spinlock_t lock; /* protects used */
	u64 max;
	u64 used;
};

/**
 * struct drm_vcm - a device address space
 * @ref: reference count
 * @id: number of the space in debugfs and trace events, from 1
 * @owner: who created it, as drm_vcm_set_owner() gave it
 * @debugfs: the space's debugfs directory and its entry in VCM's list
 * @lock: protects everything below; one lock per space
 * @start: first VA
 * @size: bytes of VA
 * @va: reservation allocator
 * @bound: binding tree (each node one &drm_vcm_binding)
 * @mmus: attached MMUs
 * @nres: live reservations
 * @nsparse: reservations made sparse (drm_vcm_res_sparse())
 * @dead: drm_vcm_destroy() has run; new reservations and MMUs are refused
 * @mmu_ids: id of the next MMU attached
 * @budget: the budget its tables are charged to, or NULL (see
 *	drm_vcm_set_budget())
 * @stats: counters
 */
struct drm_vcm {
	struct kref ref;
	u32 id;
	char owner[32];
	struct {
		struct dentry *dir;
		struct list_head link;
	} debugfs;
	struct mutex lock; /* protects all that follows */
	u64 start;
	u64 size;
	struct drm_mm va;
	struct drm_mm bound;
	struct list_head mmus;
	unsigned int nres;
	unsigned int nsparse;
	bool dead;
	u32 mmu_ids;
	struct drm_vcm_budget *budget;
	struct drm_vcm_stats stats;
};

struct drm_vcm *drm_vcm_create(u64 start, u64 size);
void drm_vcm_set_owner(struct drm_vcm *vcm, const char *owner);
int drm_vcm_destroy(struct drm_vcm *vcm);
struct drm_vcm *drm_vcm_get(struct drm_vcm *vcm);
void drm_vcm_put(struct drm_vcm *vcm);

void drm_vcm_budget_init(struct drm_vcm_budget *b, u64 max_bytes);
u64 drm_vcm_budget_used(struct drm_vcm_budget *b);
int drm_vcm_set_budget(struct drm_vcm *vcm, struct drm_vcm_budget *b);

struct drm_vcm_res *drm_vcm_reserve(struct drm_vcm *vcm, u64 size, u64 align);
struct drm_vcm_res *drm_vcm_reserve_at(struct drm_vcm *vcm, u64 addr,
				       u64 size);
int drm_vcm_unreserve(struct drm_vcm_res *res);
int drm_vcm_res_sparse(struct drm_vcm_res *res, bool sparse);
int drm_vcm_bind_pfns(struct drm_vcm_res *res, u64 res_offset,
		      const u64 *pfns, unsigned long npages,
		      struct device *dev, enum drm_vcm_location loc, u32 flags);

/**
 * drm_vcm_res_addr - first VA of a reservation
 * @res: the reservation
 *
 * Returns: the address.
 */
static inline u64 drm_vcm_res_addr(const struct drm_vcm_res *res)
{
	return res->node.start;
}

/**
 * drm_vcm_res_size - size of a reservation
 * @res: the reservation
 *
 * Returns: the size in bytes.
 */
static inline u64 drm_vcm_res_size(const struct drm_vcm_res *res)
{
	return res->node.size;
}

struct drm_vcm_mem *drm_vcm_mem_from_pages(struct device *dev,
					   const dma_addr_t *addrs,
					   unsigned long npages,
					   enum drm_vcm_location loc);
struct drm_vcm_mem *drm_vcm_mem_from_sgt(struct device *dev,
					 const struct sg_table *sgt,
					 enum drm_vcm_location loc);
struct drm_vcm_mem *drm_vcm_mem_contig(struct device *dev, dma_addr_t addr,
				       u64 size, enum drm_vcm_location loc);
struct drm_vcm_mem *drm_vcm_mem_alloc(struct device *dev, u64 size,
				      u32 flags);
struct drm_vcm_mem *drm_vcm_mem_from_pool(const char *pool, u64 size);
struct drm_vcm_mem *drm_vcm_mem_get(struct drm_vcm_mem *mem);
void drm_vcm_mem_put(struct drm_vcm_mem *mem);

int drm_vcm_bind(struct drm_vcm_res *res, u64 res_offset, u64 size,
		 struct drm_vcm_mem *mem, u64 mem_offset, u32 flags);
int drm_vcm_bind_kind(struct drm_vcm_res *res, u64 res_offset, u64 size,
		      struct drm_vcm_mem *mem, u64 mem_offset, u32 flags,
		      const struct drm_vcm_bind_attr *attr);
int drm_vcm_unbind(struct drm_vcm_res *res, u64 res_offset);
int drm_vcm_unbind_range(struct drm_vcm_res *res, u64 res_offset, u64 size);
int drm_vcm_rebind(struct drm_vcm_res *res, u64 res_offset, u64 size,
		   struct drm_vcm_mem *mem, u64 mem_offset, u32 flags);
int drm_vcm_translate(struct drm_vcm *vcm, u64 va, dma_addr_t *addr,
		      u32 *flags);
/**
 * typedef drm_vcm_binding_fn - callback of drm_vcm_visit_bindings()
 * @b: a binding
 * @data: the caller's data
 *
 * Returns: 0 to go on, anything else to stop the walk and return it.
 */
typedef int (*drm_vcm_binding_fn)(const struct drm_vcm_binding *b,
				  void *data);

int drm_vcm_visit_bindings(struct drm_vcm *vcm, drm_vcm_binding_fn fn,
			   void *data);

struct drm_vcm_mmu *drm_vcm_mmu_attach(struct drm_vcm *vcm,
				       const struct drm_vcm_mmu_desc *desc);
void drm_vcm_mmu_detach(struct drm_vcm_mmu *mmu);
int drm_vcm_mmu_translate(struct drm_vcm_mmu *mmu, u64 va, dma_addr_t *addr,
			  struct drm_vcm_entry *entry);
dma_addr_t drm_vcm_mmu_top(const struct drm_vcm_mmu *mmu);
struct drm_vcm_mmu *drm_vcm_iommu_attach(struct drm_vcm *vcm,
					 struct iommu_domain *domain);

/**
 * drm_vcm_mmu_priv - driver data of an MMU
 * @mmu: the MMU
 *
 * Returns: &drm_vcm_mmu_desc.priv as given to drm_vcm_mmu_attach().
 */
static inline void *drm_vcm_mmu_priv(const struct drm_vcm_mmu *mmu)
{
	return mmu->priv;
}

/**
 * drm_vcm_writer_init - a detached MMU, for writing a format's entries
 *	into tables the caller keeps
 * @mmu: the MMU structure to set up
 * @format: the page-table format
 * @dummy_addr: see &drm_vcm_mmu_desc.dummy_addr; below
 *	1 << &drm_vcm_format.pa_bits
 * @sparse: see &drm_vcm_mmu_desc.sparse
 *
 * For a driver that keeps its own page-table walker and table memory
 * (nouveau's nvkm) but has VCM's format writers fill the entries: the
 * result is what &drm_vcm_format.write_ptes, &drm_vcm_format.write_pde,
 * &drm_vcm_format.clear, &drm_vcm_format.sparse, &drm_vcm_format.decode
 * and &drm_vcm_format.write_header take as their @mmu. The writers do
 * not read @sparse: the caller calls &drm_vcm_format.sparse where it
 * wants the sparse state, as nvkm's walker calls its own. It belongs to no
 * space, has no tables of its own and must never be given to
 * drm_vcm_mmu_detach(), drm_vcm_mmu_translate() or drm_vcm_mmu_top().
 * The fields may be changed later (a dummy page allocated after the
 * table, the sparse state switched on), between writer calls.
 */
static inline void drm_vcm_writer_init(struct drm_vcm_mmu *mmu,
				       const struct drm_vcm_format *format,
				       dma_addr_t dummy_addr, bool sparse)
{
	memset(mmu, 0, sizeof(*mmu));
	INIT_LIST_HEAD(&mmu->link);
	INIT_LIST_HEAD(&mmu->fresh);
	INIT_LIST_HEAD(&mmu->dead);
	mmu->format = format;
	mmu->dummy_addr = dummy_addr;
	mmu->sparse = sparse;
}

const struct drm_vcm_format *drm_vcm_format_find(const char *name);
const struct drm_vcm_format *drm_vcm_format_get(unsigned int index);
u64 drm_vcm_format_max_size(const struct drm_vcm_format *fmt);
int drm_vcm_radeon_vm_format(struct drm_vcm_format *out,
			     struct drm_vcm_fmt_table tables[2], bool si,
			     unsigned int vm_bits, unsigned int block_bits);

#if IS_ENABLED(CONFIG_AGP)
struct drm_vcm_mmu *drm_vcm_agp_attach(struct drm_vcm *vcm,
				       struct agp_bridge_data *bridge);
void drm_vcm_agp_detach(struct drm_vcm_mmu *mmu);
#endif

#endif /* __DRM_VCM_H__ */
