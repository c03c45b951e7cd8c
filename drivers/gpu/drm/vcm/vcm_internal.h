/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Interfaces between the VCM core, its page-table engine and its table
 * memory. Not for drivers: they use <drm/drm_vcm.h>.
 */
#ifndef __VCM_INTERNAL_H__
#define __VCM_INTERNAL_H__

#include <linux/bits.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <drm/drm_vcm.h>

/* Smallest unit VCM maps: the 4 KiB GPU page of every supported format. */
#define VCM_PAGE_SHIFT	12
#define VCM_PAGE_SIZE	BIT_ULL(VCM_PAGE_SHIFT)

/* Where a table's memory came from (vcm_tmem.c). */
enum vcm_tbuf_src {
	VCM_TBUF_PAGES,		/* the page allocator, one block */
	VCM_TBUF_CONTIG,	/* alloc_contig_range(), past the largest block */
	VCM_TBUF_DMA,		/* dma_alloc_attrs() for the MMU's device */
	VCM_TBUF_IO,		/* the MMU's I/O window */
};

/**
 * struct vcm_tbuf - memory holding one page table
 * @cpu: CPU address for system-RAM tables, else NULL
 * @io: CPU mapping for I/O tables, else NULL
 * @addr: device address
 * @size: bytes allocated
 * @node: range in the MMU's I/O window, allocated with an I/O table; NULL
 *	for the others. Most tables are in RAM and have none: a pointer keeps
 *	their shadows (struct drm_vcm_pt) a quarter of the size
 * @src: &enum vcm_tbuf_src
 * @uc: made uncached in the CPU's direct map, to be undone before freeing
 */
struct vcm_tbuf {
	void *cpu;
	void __iomem *io;
	dma_addr_t addr;
	size_t size;
	u8 src;
	bool uc;
	struct drm_mm_node *node;
};

/**
 * struct drm_vcm_pt - one page table and its software shadow
 * @buf: the table memory
 * @parent: table whose entry points here, NULL for the top table
 * @link: entry on a request's list of new or freed tables
 * @base: table VA mapped by entry 0
 * @nent: entries in the table
 * @index: entry in @parent pointing here
 * @used: valid leaf entries plus child tables
 * @nkids: child tables linked in @child (the walk skips searching @child
 *	for them when there are none)
 * @type: index of the table kind in the format
 * @slot: which child of the parent entry this table is
 * @fresh: allocated by a prepare whose directory entry is not written yet
 * @split: allocated by vcm_pt_split_prepare() to take over what a larger
 *	page or table mapped, or (on @mmu->dead) a larger-page table it
 *	takes over from; cleared once vcm_pt_split_commit() has done so
 * @child: child tables, @nent times the kind's nchild, for directories
 */
struct drm_vcm_pt {
	u64 base;
	u32 nent;
	u32 index;
	u32 used;
	u32 nkids;
	u8 type;
	u8 slot;
	bool fresh;
	bool split;
	struct vcm_tbuf buf;
	struct drm_vcm_pt *parent;
	struct list_head link;
	struct drm_vcm_pt *child[];
};

/* Leaf tables a prepare allocates ahead, at most (struct vcm_stash). */
#define VCM_STASH	32

/**
 * struct vcm_stash - leaf tables' pages allocated ahead, for one prepare
 * @page: pages for leaf tables of one page, taken from the end
 * @npage: pages left in @page
 *
 * A prepare that needs many leaf tables of one page takes their pages
 * from the page allocator a batch at a time (vcm_pt_stash_fill()); each
 * table still goes through the failure injection, the budget and the
 * statistics on its own, when it takes its page. vcm_pt_prepare() gives
 * back what is left before it returns.
 */
struct vcm_stash {
	struct page *page[VCM_STASH];
	unsigned int npage;
};

/**
 * struct vcm_req - one bind or unbind as the engine sees it
 * @va: first table VA (space VA for absolute formats)
 * @size: bytes
 * @run: backing cursor at the first byte (bind only)
 * @stash: where the prepare of the request takes leaf tables from: set by
 *	vcm_pt_prepare()'s walk where it needs many, NULL before and after
 *
 * Tables a prepare allocates collect on the MMU's @fresh list, tables an
 * unmap empties on its @dead list; both are only touched under the space
 * lock.
 */
struct vcm_req {
	u64 va;
	u64 size;
	struct drm_vcm_pte_run run;
	struct vcm_stash *stash;
};

/* Is @v a multiple of VCM's 4 KiB page? */
static inline bool vcm_aligned(u64 v)
{
	return IS_ALIGNED(v, VCM_PAGE_SIZE);
}

/*
 * Zero @e field by field, as a decoder expects it: GCC makes a memset() or
 * "= {}" of the whole structure a "rep stos", which cost about 8 ns a
 * call on the benchmark machine, at every level of every walk.
 */
static inline void vcm_entry_zero(struct drm_vcm_entry *e)
{
	static_assert(offsetofend(struct drm_vcm_entry, comptag) ==
		      sizeof(struct drm_vcm_entry));
	e->kind = DRM_VCM_ENTRY_INVALID;
	e->addr = 0;
	e->addr2 = 0;
	e->nchild = 0;
	e->child_type[0] = 0;
	e->child_type[1] = 0;
	e->flags = 0;
	e->loc = 0;
	e->raw = 0;
	e->pgsize = 0;
	e->storage_kind = 0;
	e->comp = 0;
	e->comptag = 0;
}

/* vcm_backing.c */
bool vcm_range_wraps(u64 addr, u64 len, unsigned int bits);
void vcm_mem_seek(const struct drm_vcm_mem *mem, u64 offset,
		  struct drm_vcm_pte_run *run);
dma_addr_t vcm_mem_addr(const struct drm_vcm_mem *mem, u64 offset);

/* vcm_tmem.c */
int vcm_tbuf_alloc(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b, size_t size,
		   u32 align, bool zero, struct vcm_stash *st);
void vcm_tbuf_stash_fill(struct drm_vcm_mmu *mmu, struct vcm_stash *st,
			 unsigned int n);
void vcm_tbuf_stash_drain(struct vcm_stash *st);
void vcm_tbuf_free(struct drm_vcm_mmu *mmu, struct vcm_tbuf *b);
void vcm_tbuf_write(struct vcm_tbuf *b, size_t off, const void *src,
		    size_t bytes, unsigned int esz);
void vcm_tbuf_read(const struct vcm_tbuf *b, size_t off, void *dst,
		   size_t bytes);
#if IS_ENABLED(CONFIG_DRM_VCM_KUNIT_TEST)
long vcm_tbuf_uc_pages(void);
#endif

/* Is [@start, @start + @size) inside [@lo, @lo + @len)? Overflow-safe. */
static inline bool vcm_within(u64 start, u64 size, u64 lo, u64 len)
{
	return start >= lo && start - lo <= len && size <= len - (start - lo);
}

/* The parts of a run that come from binding @b, wherever the run starts. */
static inline void vcm_run_attrs(struct drm_vcm_pte_run *run,
				 const struct drm_vcm_binding *b)
{
	run->flags = b->flags;
	run->loc = b->mem->loc;
	run->attr = b->attr;
	run->tag_va = b->node.start - b->offset;
}

/* vcm_bind.c */
int vcm_mmu_accepts(const struct drm_vcm_mmu *mmu,
		    const struct drm_vcm_mem *mem, u32 flags,
		    const struct drm_vcm_bind_attr *attr);
void vcm_req_init(struct vcm_req *req, const struct drm_vcm_binding *b);
void vcm_flush(struct drm_vcm *vcm, u64 start, u64 size);

/* vcm_pt.c */
int vcm_pt_init(struct drm_vcm_mmu *mmu);
void vcm_pt_fini(struct drm_vcm_mmu *mmu);
u64 vcm_pt_va(const struct drm_vcm_mmu *mmu, u64 va);
int vcm_pt_prepare(struct drm_vcm_mmu *mmu, struct vcm_req *req);
void vcm_pt_abort(struct drm_vcm_mmu *mmu);
void vcm_pt_map(struct drm_vcm_mmu *mmu, struct vcm_req *req);
void vcm_pt_unmap(struct drm_vcm_mmu *mmu, struct vcm_req *req);
void vcm_pt_release(struct drm_vcm_mmu *mmu);
void vcm_pt_drain(struct drm_vcm_mmu *mmu);

struct drm_vcm_binding *vcm_binding_alloc(struct drm_vcm *vcm);
void vcm_binding_free_locked(struct drm_vcm *vcm, struct drm_vcm_binding *b);
void vcm_binding_free(struct drm_vcm *vcm, struct drm_vcm_binding *b);
int vcm_pt_lookup(struct drm_vcm_mmu *mmu, u64 va, struct drm_vcm_entry *e,
		  dma_addr_t *addr);

/* vcm_pt_table.c: which state an unbound entry takes */
bool vcm_pt_sparse_any(const struct drm_vcm_mmu *mmu);
bool vcm_pt_keep(const struct drm_vcm_mmu *mmu, const struct drm_vcm_pt *pt);

/* vcm_pt_split.c */
int vcm_pt_split_prepare(struct drm_vcm_mmu *mmu, u64 va);
void vcm_pt_split_abort(struct drm_vcm_mmu *mmu);
void vcm_pt_split_commit(struct drm_vcm_mmu *mmu, u64 va);
void vcm_pt_clear(struct drm_vcm_mmu *mmu, u64 va, u64 size);
void vcm_pt_reap(struct drm_vcm_mmu *mmu, u64 va, u64 size);
u64 vcm_pt_split_window(const struct drm_vcm_format *f);

/* vcm_sparse.c */
void vcm_res_unsparse(struct drm_vcm_res *res);
int vcm_sparse_attach_prepare(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu);
void vcm_sparse_attach_commit(struct drm_vcm *vcm, struct drm_vcm_mmu *mmu);

/* vcm_pt_sparse.c */
int vcm_pt_sparse_prepare(struct drm_vcm_mmu *mmu, u64 va);
void vcm_pt_restate(struct drm_vcm_mmu *mmu, u64 va, u64 size);

/* Where vcm_pt_next() found a page entry. */
struct vcm_pt_pos {
	struct drm_vcm_entry e;
	u64 va;
	u32 index;
	u8 type;
};

/* One table kind's share of an MMU's tables, from vcm_pt_census(). */
struct vcm_pt_census {
	u64 tables;
	u64 entries;
	u64 used;
	u64 bytes;
};

bool vcm_pt_next(struct drm_vcm_mmu *mmu, u64 va, struct vcm_pt_pos *out);
void vcm_pt_census(struct drm_vcm_mmu *mmu, struct vcm_pt_census *c);

/* Does another layer keep this MMU's translations (drm_vcm_mmu_ops.map)? */
static inline bool vcm_mmu_external(const struct drm_vcm_mmu *mmu)
{
	return mmu->ops && mmu->ops->map;
}

/* vcm_debugfs.c */
#if IS_ENABLED(CONFIG_DEBUG_FS)
void vcm_debugfs_init(void);
void vcm_debugfs_fini(void);
void vcm_debugfs_add(struct drm_vcm *vcm);
void vcm_debugfs_remove(struct drm_vcm *vcm);
#else
static inline void vcm_debugfs_init(void) { }
static inline void vcm_debugfs_fini(void) { }
static inline void vcm_debugfs_add(struct drm_vcm *vcm) { }
static inline void vcm_debugfs_remove(struct drm_vcm *vcm) { }
#endif

/**
 * struct vcm_pool - a named shared pool of contiguous memory
 * @link: entry in the list of pools
 * @name: the name drivers ask for
 * @cpu: kernel mapping of the region
 * @base: physical address of the region
 * @size: bytes in the region
 * @used: bytes handed out
 * @nallocs: pieces handed out
 * @mm: the pieces, offsets from @base
 *
 * Everything but @link, @name, @cpu, @base and @size, which do not change,
 * is protected by the pool lock in vcm_mem_alloc.c.
 */
struct vcm_pool {
	struct list_head link;
	char name[16];
	void *cpu;
	dma_addr_t base;
	u64 size;
	u64 used;
	unsigned int nallocs;
	struct drm_mm mm;
};

/* backends/vcm_dma_ops.c */
int vcm_dma_ops_init(void);
void vcm_dma_ops_fini(void);

/* vcm_mem_alloc.c */
struct seq_file;
int vcm_pools_init(void);
void vcm_pools_fini(void);
int vcm_pools_show(struct seq_file *m, void *unused);
int vcm_pools_create_from(const char *spec);
struct vcm_pool *vcm_pool_lookup(const char *name);
int vcm_pool_destroy(struct vcm_pool *pool);

/* vcm_format.c */
int vcm_format_check(const struct drm_vcm_format *fmt);
u8 vcm_format_locs(const struct drm_vcm_format *fmt);
u8 vcm_kind_reach(const struct drm_vcm_format *fmt, unsigned int type);
u8 vcm_format_table_reach(const struct drm_vcm_format *fmt);
extern const struct drm_vcm_format vcm_fmt_r600_gart;
extern const struct drm_vcm_format vcm_fmt_r100_pci, vcm_fmt_rv370_pcie,
	vcm_fmt_rs400_igp;
extern const struct drm_vcm_format vcm_fmt_agp_gatt, vcm_fmt_amd64_gart;
extern const struct drm_vcm_format vcm_fmt_ati_pcigart_pci,
	vcm_fmt_ati_pcigart_pcie, vcm_fmt_ati_pcigart_igp;
extern const struct drm_vcm_format vcm_fmt_cayman_vm;
extern const struct drm_vcm_format vcm_fmt_si_vm;
extern const struct drm_vcm_format vcm_fmt_nv04, vcm_fmt_nv41, vcm_fmt_nv44;
extern const struct drm_vcm_format vcm_fmt_nv50;
extern const struct drm_vcm_format vcm_fmt_gf100_128k;
extern const struct drm_vcm_format vcm_fmt_gf100_64k;
extern const struct drm_vcm_format vcm_fmt_gp100;

/*
 * Allocation accounting (vcm_alloc.c). In KUnit builds every allocation VCM makes can be
 * made to fail (the Nth one after vcm_fault_arm()) and live allocations are
 * counted, so the failure suite can prove that no path leaks or leaves a
 * space changed. Elsewhere these compile to nothing.
 */
#if IS_ENABLED(CONFIG_DRM_VCM_KUNIT_TEST)
bool vcm_alloc_fail(void);
void vcm_alloc_track(long delta);
void vcm_fault_arm(unsigned int nth);
unsigned int vcm_fault_seen(void);
long vcm_fault_live(void);
#else
static inline bool vcm_alloc_fail(void) { return false; }
static inline void vcm_alloc_track(long delta) { }
#endif

static inline void *vcm_tracked(void *p)
{
	if (p)
		vcm_alloc_track(1);
	return p;
}

/*
 * Allocation flags for what a space allocates: a space with a budget
 * belongs to a client (a DRM file), whose memory cgroup pays for it too.
 */
static inline gfp_t vcm_gfp(const struct drm_vcm *vcm)
{
	return vcm && vcm->budget ? GFP_KERNEL_ACCOUNT : GFP_KERNEL;
}

static inline void *vcm_kzalloc_gfp(size_t size, gfp_t gfp)
{
	return vcm_alloc_fail() ? NULL : vcm_tracked(kzalloc(size, gfp));
}

static inline void *vcm_kvzalloc_gfp(size_t size, gfp_t gfp)
{
	return vcm_alloc_fail() ? NULL : vcm_tracked(kvzalloc(size, gfp));
}

static inline void *vcm_kzalloc(size_t size)
{
	return vcm_kzalloc_gfp(size, GFP_KERNEL);
}

static inline void *vcm_kvzalloc(size_t size)
{
	return vcm_kvzalloc_gfp(size, GFP_KERNEL);
}

static inline void vcm_kfree(const void *p)
{
	if (p)
		vcm_alloc_track(-1);
	kfree(p);
}

static inline void vcm_kvfree(const void *p)
{
	if (p)
		vcm_alloc_track(-1);
	kvfree(p);
}

#endif /* __VCM_INTERNAL_H__ */
