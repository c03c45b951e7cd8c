// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of what debugfs shows, over every format: the page entries
 * vcm_pt_next() finds, decoded by each format, and the table census.
 */

#include <linux/debugfs.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/seq_file.h>
#include <linux/uio.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "vcm_test.h"
#include "vcm_internal.h"

#define NPAGES	24

static void vcm_test_dump(struct kunit *test)
{
	const struct drm_vcm_format *f = test->param_value;
	dma_addr_t *pages = vcm_test_scatter(test, NPAGES, 3);
	u32 flags = DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP;
	struct vcm_pt_census census[8] = {};
	u64 start, size, va, tables = 0, bytes = 0, used4k = 0;
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct vcm_pt_pos pos;
	struct drm_vcm *vcm;
	unsigned int i, t;

	KUNIT_ASSERT_LE(test, f->ntables, ARRAY_SIZE(census));
	vcm_test_geometry(f, &start, &size);
	vcm = vcm_test_space(test, f);
	mmu = vcm_test_attach(test, vcm, f, &st);
	KUNIT_EXPECT_FALSE(test, vcm_pt_next(mmu, start, &pos));

	/* 24 scattered pages from 1 MiB - 16 KiB: across a 1 MiB boundary. */
	mem = drm_vcm_mem_from_pages(NULL, pages, NPAGES, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	res = drm_vcm_reserve_at(vcm, start + SZ_1M - SZ_16K,
				 NPAGES * SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, NPAGES * SZ_4K, mem, 0,
					   flags), 0);

	va = start;
	for (i = 0; i < NPAGES; i++) {
		const struct drm_vcm_fmt_table *k;
		u64 rel;

		KUNIT_ASSERT_TRUE_MSG(test, vcm_pt_next(mmu, va, &pos),
				      "entry %u", i);
		k = &f->tables[pos.type];
		rel = pos.va - (f->flags & DRM_VCM_FMT_RELATIVE ? start : 0);
		KUNIT_EXPECT_EQ(test, pos.va, start + SZ_1M - SZ_16K +
				(u64)i * SZ_4K);
		KUNIT_EXPECT_EQ(test, pos.e.kind, DRM_VCM_ENTRY_PTE);
		KUNIT_EXPECT_EQ(test, pos.e.addr, pages[i]);
		KUNIT_EXPECT_EQ(test, pos.e.pgsize, SZ_4K);
		KUNIT_EXPECT_EQ(test, pos.e.loc, DRM_VCM_LOC_SYSTEM);
		KUNIT_EXPECT_EQ(test, pos.e.flags & f->entry_flags,
				flags & f->entry_flags);
		KUNIT_EXPECT_TRUE(test, k->leaf);
		KUNIT_EXPECT_EQ(test, k->shift, 12);
		/* The index is the entry's place in its table. */
		KUNIT_EXPECT_EQ(test, pos.index, (rel >> 12) &
				(BIT_ULL(k->bits) - 1));
		va = pos.va + pos.e.pgsize;
	}
	KUNIT_EXPECT_FALSE(test, vcm_pt_next(mmu, va, &pos));
	/* From the middle of the run, the next entry is the one there. */
	KUNIT_EXPECT_TRUE(test, vcm_pt_next(mmu, start + SZ_1M, &pos));
	KUNIT_EXPECT_EQ(test, pos.e.addr, pages[4]);

	vcm_pt_census(mmu, census);
	for (t = 0; t < f->ntables; t++) {
		tables += census[t].tables;
		bytes += census[t].bytes;
		KUNIT_EXPECT_LE(test, census[t].used, census[t].entries);
		if (f->tables[t].leaf && f->tables[t].shift == 12)
			used4k += census[t].used;
	}
	KUNIT_EXPECT_EQ(test, tables, mmu->stats.tables);
	KUNIT_EXPECT_EQ(test, bytes, mmu->stats.table_bytes);
	KUNIT_EXPECT_EQ(test, used4k, NPAGES);
	KUNIT_EXPECT_EQ(test, census[0].tables, 1);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_FALSE(test, vcm_pt_next(mmu, start, &pos));
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * Two MMUs of different formats see the same bindings; space numbers are
 * distinct, MMU numbers count from 0 in attach order, and the owner is
 * what the driver set.
 */
static void vcm_test_dump_ids(struct kunit *test)
{
	const struct drm_vcm_format *a = drm_vcm_format_find("nv50");
	const struct drm_vcm_format *b = drm_vcm_format_find("gp100");
	struct vcm_test_mmu st[2] = {};
	struct drm_vcm_mmu *m0, *m1;
	struct drm_vcm *v1, *v2;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	v1 = vcm_test_space(test, a);
	v2 = vcm_test_space(test, a);
	KUNIT_EXPECT_NE(test, v1->id, 0);
	KUNIT_EXPECT_NE(test, v1->id, v2->id);
	KUNIT_EXPECT_STREQ(test, v1->owner, "-");
	drm_vcm_set_owner(v1, "a-name-longer-than-the-thirty-one-bytes-kept");
	KUNIT_EXPECT_STREQ(test, v1->owner, "a-name-longer-than-the-thirty-o");
	m0 = vcm_test_attach(test, v1, a, &st[0]);
	m1 = vcm_test_attach(test, v1, b, &st[1]);
	KUNIT_EXPECT_EQ(test, m0->id, 0);
	KUNIT_EXPECT_EQ(test, m1->id, 1);
	drm_vcm_mmu_detach(m1);
	drm_vcm_mmu_detach(m0);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(v1), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(v2), 0);
}

#if IS_ENABLED(CONFIG_DEBUG_FS)
#define NRES	150	/* reservations of three one-page bindings each */
#define TEXT	SZ_1M
#define PTES_HEADER	"# mmu format level index va pa loc pgsize flags raw\n"

/* Open vcm/@dir/@name (or vcm/@name) in debugfs, through our own mount. */
static struct file *dump_open(struct kunit *test, struct vfsmount *mnt,
			      const char *dir, const char *name)
{
	struct dentry *root, *sub, *d;
	struct file *f;

	root = debugfs_lookup("vcm", NULL);
	KUNIT_ASSERT_NOT_NULL(test, root);
	sub = dir ? debugfs_lookup(dir, root) : dget(root);
	KUNIT_ASSERT_NOT_NULL(test, sub);
	d = debugfs_lookup(name, sub);
	KUNIT_ASSERT_NOT_NULL(test, d);
	f = dentry_open(&(struct path){ .mnt = mnt, .dentry = d }, O_RDONLY,
			current_cred());
	dput(d);
	dput(sub);
	dput(root);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	return f;
}

/*
 * Read all of @f in reads of @chunk bytes; returns the length. debugfs
 * files cannot be kernel_read(), so this goes to the seq_file underneath.
 */
static size_t dump_read(struct kunit *test, struct file *f, char *buf,
			size_t chunk)
{
	size_t len = 0;
	ssize_t n;

	do {
		struct kvec kv = { buf + len, min(chunk, TEXT - 1 - len) };
		struct iov_iter iter;
		struct kiocb kiocb;

		init_sync_kiocb(&kiocb, f);
		kiocb.ki_pos = f->f_pos;
		iov_iter_kvec(&iter, ITER_DEST, &kv, 1, kv.iov_len);
		n = seq_read_iter(&kiocb, &iter);
		KUNIT_ASSERT_GE(test, n, 0);
		f->f_pos = kiocb.ki_pos;
		len += n;
	} while (n > 0 && len < TEXT - 1);
	buf[len] = 0;
	return len;
}

static unsigned int dump_lines(const char *s)
{
	unsigned int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/*
 * The files themselves: read whole, in small chunks and a byte at a time
 * (so that every read resumes mid-file), they say the same, line for line
 * what was bound; a file left open over the space's destruction fails.
 */
static void vcm_test_dump_files(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("nv50");
	struct file_system_type *fs = get_fs_type("debugfs");
	dma_addr_t *pages = vcm_test_scatter(test, 3 * NRES, 5);
	struct drm_vcm_res *res[NRES];
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem;
	struct drm_vcm_mmu *mmu;
	struct file *ptes, *rfile, *other;
	struct vfsmount *mnt;
	struct dentry *root;
	struct drm_vcm *vcm;
	char *a, *b, dir[16], want[192];
	unsigned int i;
	size_t len;
	u64 va;

	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, fs);
	mnt = kern_mount(fs);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mnt));
	a = kunit_kmalloc(test, TEXT, GFP_KERNEL);
	b = kunit_kmalloc(test, TEXT, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, a && b);

	vcm = drm_vcm_create(0, SZ_2G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	drm_vcm_set_owner(vcm, "kunit");
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_from_pages(NULL, pages, 3 * NRES, DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	for (i = 0; i < NRES; i++) {
		res[i] = drm_vcm_reserve_at(vcm, SZ_1M + (u64)i * SZ_64K,
					    SZ_16K);
		KUNIT_ASSERT_FALSE(test, IS_ERR(res[i]));
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(res[i], 0, SZ_4K, mem,
						   (u64)3 * i * SZ_4K, 3), 0);
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(res[i], SZ_4K, SZ_4K, mem,
						   (u64)(3 * i + 1) * SZ_4K,
						   3), 0);
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(res[i], (SZ_8K + SZ_4K), SZ_4K, mem,
						   (u64)(3 * i + 2) * SZ_4K,
						   3), 0);
	}

	snprintf(dir, sizeof(dir), "%u", vcm->id);
	ptes = dump_open(test, mnt, dir, "ptes");
	len = dump_read(test, ptes, a, TEXT);
	KUNIT_EXPECT_EQ(test, dump_lines(a), 1 + 3 * NRES);
	KUNIT_EXPECT_TRUE(test, str_has_prefix(a, PTES_HEADER));
	/* The third page of reservation 7: entry 7 * 16 + 3 of its table. */
	va = SZ_1M + 7 * SZ_64K + (SZ_8K + SZ_4K);
	snprintf(want, sizeof(want), "\n0 nv50 pt4k %llu 0x%llx 0x%llx system 4096 ",
		 (va >> 12) & 0x1ffff, va, (u64)pages[3 * 7 + 2]);
	KUNIT_EXPECT_NOT_NULL(test, strstr(a, want));
	fput(ptes);
	/* Small reads and single bytes resume on every record boundary. */
	ptes = dump_open(test, mnt, dir, "ptes");
	KUNIT_EXPECT_EQ(test, dump_read(test, ptes, b, 97), len);
	KUNIT_EXPECT_STREQ(test, a, b);
	fput(ptes);
	ptes = dump_open(test, mnt, dir, "ptes");
	KUNIT_EXPECT_EQ(test, dump_read(test, ptes, b, 1), len);
	KUNIT_EXPECT_STREQ(test, a, b);
	fput(ptes);

	rfile = dump_open(test, mnt, dir, "reservations");
	len = dump_read(test, rfile, a, TEXT);
	KUNIT_EXPECT_EQ(test, dump_lines(a), 1 + 4 * NRES);
	snprintf(want, sizeof(want),
		 "\nres 0x%llx 0x%llx 16384 - - - - -\n"
		 "bind 0x%llx 0x%llx 4096 0x%llx 0x3 system %llu %u\n",
		 (u64)SZ_1M + 9 * SZ_64K, (u64)SZ_1M + 9 * SZ_64K + SZ_16K,
		 (u64)SZ_1M + 9 * SZ_64K, (u64)SZ_1M + 9 * SZ_64K + SZ_4K,
		 (u64)27 * SZ_4K, mem->size, mem->nsegs);
	KUNIT_EXPECT_NOT_NULL(test, strstr(a, want));
	fput(rfile);
	rfile = dump_open(test, mnt, dir, "reservations");
	KUNIT_EXPECT_EQ(test, dump_read(test, rfile, b, 61), len);
	KUNIT_EXPECT_STREQ(test, a, b);
	fput(rfile);

	other = dump_open(test, mnt, NULL, "spaces");
	dump_read(test, other, a, TEXT);
	snprintf(want, sizeof(want), "\n%u kunit nv50 0x0 0x80000000 %llu %llu ",
		 vcm->id, (u64)NRES * SZ_16K, (u64)3 * NRES * SZ_4K);
	KUNIT_EXPECT_NOT_NULL(test, strstr(a, want));
	fput(other);
	other = dump_open(test, mnt, dir, "tables");
	dump_read(test, other, a, TEXT);
	KUNIT_EXPECT_NOT_NULL(test, strstr(a, "\n0 nv50 pd 1 2048 1 "));
	snprintf(want, sizeof(want), "\n0 nv50 pt4k 1 131072 %u ", 3 * NRES);
	KUNIT_EXPECT_NOT_NULL(test, strstr(a, want));
	fput(other);

	/*
	 * Left open over the teardown: the directory goes, the file keeps
	 * the space's memory and shows nothing but its header.
	 */
	ptes = dump_open(test, mnt, dir, "ptes");
	for (i = 0; i < NRES; i++) {
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res[i], 0), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res[i], SZ_4K), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res[i], (SZ_8K + SZ_4K)), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res[i]), 0);
	}
	drm_vcm_mem_put(mem);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
	root = debugfs_lookup("vcm", NULL);
	KUNIT_EXPECT_NULL(test, debugfs_lookup(dir, root));
	dput(root);
	dump_read(test, ptes, a, TEXT);
	KUNIT_EXPECT_STREQ(test, a, PTES_HEADER);
	fput(ptes);
	kern_unmount(mnt);
}
#else
static void vcm_test_dump_files(struct kunit *test)
{
	kunit_skip(test, "no debugfs");
}
#endif

static const void *dump_gen_params(const void *prev, char *desc)
{
	return vcm_test_format_gen(prev, desc);
}

static struct kunit_case vcm_dump_cases[] = {
	KUNIT_CASE_PARAM(vcm_test_dump, dump_gen_params),
	KUNIT_CASE(vcm_test_dump_ids),
	KUNIT_CASE(vcm_test_dump_files),
	{}
};

static struct kunit_suite vcm_dump_suite = {
	.name = "vcm_dump",
	.test_cases = vcm_dump_cases,
};

kunit_test_suite(vcm_dump_suite);
