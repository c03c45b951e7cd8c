// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM debugfs: every space of every driver, its reservations, its page
 * table entries as each attached format decodes them, and its tables.
 */

/**
 * DOC: debugfs
 *
 * VCM keeps one directory, ``vcm/`` in debugfs, for every space of every
 * driver. All files are root-only and text, one record per line after a
 * first line starting with ``#`` that names the columns. Addresses are
 * hexadecimal with ``0x``, sizes and counts decimal.
 *
 * ``spaces``
 *   ``id owner formats start end reserved bound table_bytes binds
 *   unbinds flushes``: one line per live space. ``formats`` lists the
 *   attached MMUs' formats in MMU order, separated by commas (``-`` for
 *   none, ``external`` for an external MMU without a format); ``end`` is
 *   exclusive; ``table_bytes`` and ``flushes`` add up every MMU's.
 *
 * ``<id>/reservations``
 *   ``kind start end size offset flags loc backing segs``: a ``res`` line
 *   per reservation, followed by a ``bind`` line per binding inside it:
 *   its offset into the backing, its bind flags, the backing's location
 *   (``system`` or ``device``), its size and number of DMA-contiguous
 *   segments. Reservation lines have ``-`` in the last five columns.
 *
 * ``<id>/ptes``
 *   ``mmu format level index va pa loc pgsize flags raw``: every valid page
 *   entry of every attached MMU, read back from table memory and decoded
 *   by the MMU's format, MMU by MMU and in VA order: the table kind's name
 *   (&drm_vcm_fmt_table.name), the entry's index in its table, the VA and
 *   device address of the page it maps, the page size, the flags it grants
 *   and its raw value (the low 64 bits for 16-byte entries). External MMUs
 *   (&drm_vcm_mmu_ops.map) have no tables VCM could read, and no lines
 *   here or in ``tables``.
 *
 * ``<id>/tables``
 *   ``mmu format level tables entries used bytes``: per MMU and table
 *   kind, the tables allocated, their entries, how many of those are live
 *   and the table memory they take.
 *
 * ``pools``
 *   ``name base size used pieces``: one line per shared pool (see
 *   drm_vcm_mem_from_pool()): its physical base address, its size, the
 *   bytes handed out and in how many pieces.
 *
 * The files of a space come and go with it: drm_vcm_create() adds them and
 * drm_vcm_destroy() removes them. ``reservations`` and ``ptes`` stream:
 * each read takes the space's lock for one buffer of lines and resumes
 * from the address it stopped at, so a space with millions of entries
 * dumps without holding the lock throughout and without building the whole
 * text. A file left open while its space is destroyed fails further
 * reads with -EIO, as debugfs does for removed files; the space's memory
 * stays valid until the file is closed.
 */

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "vcm_internal.h"

static struct dentry *vcm_debugfs_root;
static LIST_HEAD(vcm_debugfs_spaces);
static DEFINE_MUTEX(vcm_debugfs_lock); /* protects the list and the root */

static const char *vcm_loc_name(enum drm_vcm_location loc)
{
	return loc == DRM_VCM_LOC_DEVICE ? "device" : "system";
}

/* spaces */

static void *spaces_start(struct seq_file *m, loff_t *pos)
{
	mutex_lock(&vcm_debugfs_lock);
	return seq_list_start_head(&vcm_debugfs_spaces, *pos);
}

static void *spaces_next(struct seq_file *m, void *v, loff_t *pos)
{
	return seq_list_next(v, &vcm_debugfs_spaces, pos);
}

static void spaces_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&vcm_debugfs_lock);
}

static int spaces_show(struct seq_file *m, void *v)
{
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	u64 table_bytes = 0, flushes = 0;
	char sep = ' ';

	if (v == &vcm_debugfs_spaces) {
		seq_puts(m, "# id owner formats start end reserved bound table_bytes binds unbinds flushes\n");
		return 0;
	}
	vcm = list_entry(v, struct drm_vcm, debugfs.link);
	mutex_lock(&vcm->lock);
	seq_printf(m, "%u %s", vcm->id, vcm->owner);
	list_for_each_entry(mmu, &vcm->mmus, link) {
		seq_printf(m, "%c%s", sep,
			   mmu->format ? mmu->format->name : "external");
		sep = ',';
		table_bytes += mmu->stats.table_bytes;
		flushes += mmu->stats.flushes;
	}
	if (sep == ' ')
		seq_puts(m, " -");
	seq_printf(m, " 0x%llx 0x%llx %llu %llu %llu %llu %llu %llu\n",
		   vcm->start, vcm->start + vcm->size, vcm->stats.reserved,
		   vcm->stats.bound, table_bytes, vcm->stats.binds,
		   vcm->stats.unbinds, flushes);
	mutex_unlock(&vcm->lock);
	return 0;
}

static const struct seq_operations spaces_sops = {
	.start = spaces_start,
	.next = spaces_next,
	.stop = spaces_stop,
	.show = spaces_show,
};
DEFINE_SEQ_ATTRIBUTE(spaces);

/*
 * The streamed files keep a cursor. Records are ordered by (VA, @sub);
 * finding one moves (@va, @sub) just past it. Record @pos was found from
 * (@at_va, @at_sub), so a read that resumes at @pos starts from there and
 * one that resumes further on steps forward from (@va, @sub): seq_file
 * only ever asks for the record it stopped at or later ones, so no restart
 * walks the records from the first one again (a find is a tree lookup, so
 * a restart costs O(log n) per record it skips). Only a position before
 * @pos (a seek backwards) is found by counting from the start, as
 * seq_file's own seek counts from the start too.
 */
struct vcm_cursor {
	struct drm_vcm *vcm;
	loff_t pos;
	u64 va, at_va;
	u32 sub, at_sub;
	/* the record found */
	union {
		struct {
			struct drm_vcm_res *res;
			struct drm_vcm_binding *b;
		};
		struct {
			struct drm_vcm_mmu *mmu;
			struct vcm_pt_pos pte;
		};
	};
};

static int cursor_open(struct inode *inode, struct file *file,
		       const struct seq_operations *sops)
{
	struct vcm_cursor *c;

	c = __seq_open_private(file, sops, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->vcm = drm_vcm_get(inode->i_private);
	return 0;
}

static int cursor_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;
	struct vcm_cursor *c = m->private;

	drm_vcm_put(c->vcm);
	return seq_release_private(inode, file);
}

static void *cursor_find(struct vcm_cursor *c,
			 bool (*find)(struct vcm_cursor *c))
{
	c->at_va = c->va;
	c->at_sub = c->sub;
	return find(c) ? c : NULL;
}

/*
 * Lock the space and find record @pos (1 up; 0 is the header), using
 * @find to step from one record to the next.
 */
static void *cursor_start(struct seq_file *m, loff_t *pos,
			  bool (*find)(struct vcm_cursor *c))
{
	struct vcm_cursor *c = m->private;

	mutex_lock(&c->vcm->lock);
	if (!*pos)
		return SEQ_START_TOKEN;
	if (*pos == c->pos) {
		c->va = c->at_va;
		c->sub = c->at_sub;
		return cursor_find(c, find);
	}
	if (!c->pos || *pos < c->pos) {
		c->va = c->vcm->start;
		c->sub = 0;
		c->pos = 0;
	}
	/* (@va, @sub) is just past record @c->pos: step on to @pos. */
	for (c->pos++; c->pos <= *pos; c->pos++)
		if (!cursor_find(c, find))
			return NULL;
	c->pos = *pos;
	return c;
}

static void *cursor_next(struct seq_file *m, void *v, loff_t *pos,
			 bool (*find)(struct vcm_cursor *c))
{
	struct vcm_cursor *c = m->private;

	if (v == SEQ_START_TOKEN) {
		c->va = c->vcm->start;
		c->sub = 0;
	}
	c->pos = ++*pos;
	return cursor_find(c, find);
}

static void cursor_stop(struct seq_file *m, void *v)
{
	struct vcm_cursor *c = m->private;

	mutex_unlock(&c->vcm->lock);
}

/* reservations: a reservation is record (start, 0), a binding (start, 1) */

static struct drm_mm_node *first_from(struct drm_mm *mm, u64 from, u64 end)
{
	struct drm_mm_node *node;

	if (from >= end)
		return NULL;
	drm_mm_for_each_node_in_range(node, mm, from, end)
		if (node->start >= from)
			return node;
	return NULL;
}

/*
 * Find the record at or after the cursor, then move the cursor just past
 * it, so that the next call finds the one after.
 */
static bool res_find(struct vcm_cursor *c)
{
	struct drm_vcm *vcm = c->vcm;
	u64 end = vcm->start + vcm->size;
	struct drm_mm_node *r, *b;

	r = first_from(&vcm->va, c->va + c->sub, end);
	b = first_from(&vcm->bound, c->va, end);
	c->res = NULL;
	c->b = NULL;
	if (r && (!b || r->start <= b->start)) {
		c->res = container_of(r, struct drm_vcm_res, node);
		c->va = r->start;
		c->sub = 1;
	} else if (b) {
		c->b = container_of(b, struct drm_vcm_binding, node);
		c->va = b->start + 1;
		c->sub = 0;
	}
	return c->res || c->b;
}

static void *res_start(struct seq_file *m, loff_t *pos)
{
	return cursor_start(m, pos, res_find);
}

static void *res_next(struct seq_file *m, void *v, loff_t *pos)
{
	return cursor_next(m, v, pos, res_find);
}

static int res_show(struct seq_file *m, void *v)
{
	struct vcm_cursor *c = v;
	const struct drm_vcm_binding *b;

	if (v == SEQ_START_TOKEN) {
		seq_puts(m, "# kind start end size offset flags loc backing segs\n");
		return 0;
	}
	if (c->res) {
		seq_printf(m, "res 0x%llx 0x%llx %llu - - - - -\n",
			   c->res->node.start,
			   c->res->node.start + c->res->node.size,
			   c->res->node.size);
		return 0;
	}
	b = c->b;
	seq_printf(m, "bind 0x%llx 0x%llx %llu 0x%llx 0x%x %s %llu %u\n",
		   b->node.start, b->node.start + b->node.size, b->node.size,
		   b->offset, b->flags, vcm_loc_name(b->mem->loc),
		   b->mem->size, b->mem->nsegs);
	return 0;
}

static const struct seq_operations res_sops = {
	.start = res_start,
	.next = res_next,
	.stop = cursor_stop,
	.show = res_show,
};

static int res_open(struct inode *inode, struct file *file)
{
	return cursor_open(inode, file, &res_sops);
}

static const struct file_operations res_fops = {
	.owner = THIS_MODULE,
	.open = res_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = cursor_release,
};

/* ptes: records are (va, mmu id) */

static bool pte_find(struct vcm_cursor *c)
{
	struct drm_vcm_mmu *mmu;

	list_for_each_entry(mmu, &c->vcm->mmus, link) {
		if (mmu->id < c->sub)
			continue;
		if (mmu->id > c->sub) {
			c->sub = mmu->id;
			c->va = c->vcm->start;
		}
		if (c->va < c->vcm->start + c->vcm->size &&
		    vcm_pt_next(mmu, c->va, &c->pte)) {
			c->mmu = mmu;
			c->va = c->pte.va + c->pte.e.pgsize;
			return true;
		}
	}
	return false;
}

static void *pte_start(struct seq_file *m, loff_t *pos)
{
	return cursor_start(m, pos, pte_find);
}

static void *pte_next(struct seq_file *m, void *v, loff_t *pos)
{
	return cursor_next(m, v, pos, pte_find);
}

static int pte_show(struct seq_file *m, void *v)
{
	struct vcm_cursor *c = v;
	const struct drm_vcm_format *f;
	const struct drm_vcm_entry *e;

	if (v == SEQ_START_TOKEN) {
		seq_puts(m, "# mmu format level index va pa loc pgsize flags raw\n");
		return 0;
	}
	f = c->mmu->format;
	e = &c->pte.e;
	seq_printf(m, "%u %s %s %u 0x%llx 0x%llx %s %llu 0x%x 0x%llx\n",
		   c->mmu->id, f->name, f->tables[c->pte.type].name,
		   c->pte.index, c->pte.va, e->addr, vcm_loc_name(e->loc),
		   e->pgsize, e->flags, e->raw);
	return 0;
}

static const struct seq_operations pte_sops = {
	.start = pte_start,
	.next = pte_next,
	.stop = cursor_stop,
	.show = pte_show,
};

static int pte_open(struct inode *inode, struct file *file)
{
	return cursor_open(inode, file, &pte_sops);
}

static const struct file_operations pte_fops = {
	.owner = THIS_MODULE,
	.open = pte_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = cursor_release,
};

/* tables */

static int tables_show(struct seq_file *m, void *v)
{
	struct drm_vcm *vcm = m->private;
	struct drm_vcm_mmu *mmu;

	seq_puts(m, "# mmu format level tables entries used bytes\n");
	mutex_lock(&vcm->lock);
	list_for_each_entry(mmu, &vcm->mmus, link) {
		const struct drm_vcm_format *f = mmu->format;
		struct vcm_pt_census census[8] = {};
		unsigned int t;

		if (vcm_mmu_external(mmu))
			continue;
		vcm_pt_census(mmu, census);
		for (t = 0; t < f->ntables; t++)
			seq_printf(m, "%u %s %s %llu %llu %llu %llu\n", mmu->id,
				   f->name, f->tables[t].name,
				   census[t].tables, census[t].entries,
				   census[t].used, census[t].bytes);
	}
	mutex_unlock(&vcm->lock);
	return 0;
}

static int tables_open(struct inode *inode, struct file *file)
{
	struct drm_vcm *vcm = drm_vcm_get(inode->i_private);
	int ret;

	ret = single_open(file, tables_show, vcm);
	if (ret)
		drm_vcm_put(vcm);
	return ret;
}

static int tables_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	drm_vcm_put(m->private);
	return single_release(inode, file);
}

static const struct file_operations tables_fops = {
	.owner = THIS_MODULE,
	.open = tables_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = tables_release,
};

/**
 * vcm_debugfs_add - list a new space and give it its directory
 * @vcm: the space
 */
void vcm_debugfs_add(struct drm_vcm *vcm)
{
	char name[16];

	mutex_lock(&vcm_debugfs_lock);
	list_add_tail(&vcm->debugfs.link, &vcm_debugfs_spaces);
	if (vcm_debugfs_root) {
		snprintf(name, sizeof(name), "%u", vcm->id);
		vcm->debugfs.dir = debugfs_create_dir(name, vcm_debugfs_root);
		debugfs_create_file("reservations", 0400, vcm->debugfs.dir,
				    vcm, &res_fops);
		debugfs_create_file("ptes", 0400, vcm->debugfs.dir, vcm,
				    &pte_fops);
		debugfs_create_file("tables", 0400, vcm->debugfs.dir, vcm,
				    &tables_fops);
	}
	mutex_unlock(&vcm_debugfs_lock);
}

/**
 * vcm_debugfs_remove - unlist a space and remove its directory
 * @vcm: the space; may be called again
 *
 * Waits for reads in progress; reads of files still open fail from then on.
 */
void vcm_debugfs_remove(struct drm_vcm *vcm)
{
	struct dentry *dir;

	mutex_lock(&vcm_debugfs_lock);
	list_del_init(&vcm->debugfs.link);
	dir = vcm->debugfs.dir;
	vcm->debugfs.dir = NULL;
	mutex_unlock(&vcm_debugfs_lock);
	debugfs_remove(dir);
}

DEFINE_SHOW_ATTRIBUTE(vcm_pools);

/**
 * vcm_debugfs_init - create ``vcm/``, ``vcm/spaces`` and ``vcm/pools``
 */
void vcm_debugfs_init(void)
{
	struct dentry *root = debugfs_create_dir("vcm", NULL);

	debugfs_create_file("spaces", 0400, root, NULL, &spaces_fops);
	debugfs_create_file("pools", 0400, root, NULL, &vcm_pools_fops);
	mutex_lock(&vcm_debugfs_lock);
	vcm_debugfs_root = root;
	mutex_unlock(&vcm_debugfs_lock);
}

/**
 * vcm_debugfs_fini - remove ``vcm/``; every space is gone by then
 */
void vcm_debugfs_fini(void)
{
	struct dentry *root;

	mutex_lock(&vcm_debugfs_lock);
	root = vcm_debugfs_root;
	vcm_debugfs_root = NULL;
	mutex_unlock(&vcm_debugfs_lock);
	debugfs_remove(root);
}
