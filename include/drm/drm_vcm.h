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
#include <drm/drm_vcm_format.h>

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
 * @kept: tables freed while the space defers freeing, for reuse
 *	(drm_vcm_defer_begin())
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
	struct list_head kept;
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
 * @nsegs: number of contiguous segments (pages, when @paged)
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
 * @seg_len: VCM-internal: when every segment but the last is this long,
 *	that length (one page for scattered pages), so that a seek divides
 *	instead of searching; else 0
 * @paged: VCM-internal: the memory is kept as @pages rather than @segs.
 *	drm_vcm_mem_from_pages() does so when no page follows on from the
 *	one before it, which takes a third of the room of segments and
 *	their offsets
 * @segs: the segments, in order; not set when @paged
 * @pages: when @paged, the address of each page of PAGE_SIZE bytes, in
 *	order, no page adjacent to the one before it
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
	u64 seg_len;
	bool paged;
	union {
		DECLARE_FLEX_ARRAY(struct drm_vcm_seg, segs);
		DECLARE_FLEX_ARRAY(dma_addr_t, pages);
	};
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
 * @kept: entry in &drm_vcm.kept once unbound while the space defers
 *	freeing
 */
struct drm_vcm_binding {
	struct drm_mm_node node;
	struct drm_vcm_res *res;
	struct drm_vcm_mem *mem;
	u64 offset;
	u32 flags;
	struct drm_vcm_bind_attr attr;
	struct list_head kept;
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
 * @defer: depth of drm_vcm_defer_begin() calls not yet ended
 * @kept: binding records freed while @defer is set, for reuse
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
	unsigned int defer;
	struct list_head kept;
};

struct drm_vcm *drm_vcm_create(u64 start, u64 size);
void drm_vcm_set_owner(struct drm_vcm *vcm, const char *owner);
int drm_vcm_destroy(struct drm_vcm *vcm);
struct drm_vcm *drm_vcm_get(struct drm_vcm *vcm);
void drm_vcm_put(struct drm_vcm *vcm);
void drm_vcm_defer_begin(struct drm_vcm *vcm);
void drm_vcm_defer_end(struct drm_vcm *vcm);

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
