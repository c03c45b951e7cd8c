// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the built-in formats: known-answer vectors taken from the
 * documented bit layouts, checked as literal words and by decoders written
 * here, apart from the format code; round trips through the format's own
 * decoder at every table kind; geometry.
 */

#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "vcm_test.h"

/* A stand-in MMU: the writers only look at its format and dummy page. */
static struct drm_vcm_mmu fake_mmu(const struct drm_vcm_format *f)
{
	return (struct drm_vcm_mmu){ .format = f, .dummy_addr = VCM_TEST_DUMMY };
}

static u64 encode_one(const struct drm_vcm_format *f, unsigned int type,
		      dma_addr_t addr, u32 flags, enum drm_vcm_location loc)
{
	struct drm_vcm_mmu mmu = fake_mmu(f);
	struct drm_vcm_seg seg = { addr, SZ_4K << 8 };
	struct drm_vcm_pte_run run = {
		.seg = &seg,
		.pgsize = 1ULL << f->tables[type].shift,
		.flags = flags,
		.loc = loc,
	};
	__le64 out[2] = {};

	f->write_ptes(&mmu, type, out, 0, 1, &run);
	return le64_to_cpu(out[0]);
}

static u64 clear_one(const struct drm_vcm_format *f, unsigned int type)
{
	struct drm_vcm_mmu mmu = fake_mmu(f);
	__le64 out[2] = {};

	f->clear(&mmu, type, out, 0, 1);
	return le64_to_cpu(out[0]);
}

static const struct drm_vcm_format *find(struct kunit *test, const char *n)
{
	const struct drm_vcm_format *f = drm_vcm_format_find(n);

	KUNIT_ASSERT_NOT_NULL(test, f);
	return f;
}

/* r600 GART, decoded from the layout: V b0, S b1, P b2, R b5, W b6. */
struct r600_fields {
	bool valid, system, snooped, readable, writeable;
	u64 addr;
};

static struct r600_fields r600_fields(u64 raw)
{
	return (struct r600_fields){
		.valid = raw & 1, .system = (raw >> 1) & 1,
		.snooped = (raw >> 2) & 1, .readable = (raw >> 5) & 1,
		.writeable = (raw >> 6) & 1, .addr = raw & ~0xfffULL,
	};
}

struct kat {
	dma_addr_t addr;
	u32 flags;
	enum drm_vcm_location loc;
	u64 raw;
};

static const struct kat r600_kats[] = {
	{ 0xabcdef1000ULL, DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
	  DRM_VCM_LOC_SYSTEM, 0x000000abcdef1067ULL },
	{ 0xabcdef1000ULL, DRM_VCM_READ, DRM_VCM_LOC_SYSTEM,
	  0x000000abcdef1023ULL },
	{ 0x1000ULL, 0, DRM_VCM_LOC_SYSTEM, 0x0000000000001003ULL },
	{ 0xff00000000ULL, DRM_VCM_WRITE, DRM_VCM_LOC_SYSTEM,
	  0x000000ff00000043ULL },
};

static void vcm_test_r600_kat(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "r600-gart");
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(r600_kats); i++) {
		const struct kat *k = &r600_kats[i];
		u64 raw = encode_one(f, 0, k->addr, k->flags, k->loc);
		struct r600_fields d = r600_fields(raw);

		KUNIT_EXPECT_EQ_MSG(test, raw, k->raw, "vector %u", i);
		KUNIT_EXPECT_TRUE(test, d.valid && d.system);
		KUNIT_EXPECT_EQ(test, d.addr, k->addr);
		KUNIT_EXPECT_EQ(test, d.readable, !!(k->flags & DRM_VCM_READ));
		KUNIT_EXPECT_EQ(test, d.writeable, !!(k->flags & DRM_VCM_WRITE));
		KUNIT_EXPECT_EQ(test, d.snooped, !!(k->flags & DRM_VCM_SNOOP));
	}
	/* Unbound: the dummy page, SYSTEM set, VALID clear. */
	KUNIT_EXPECT_EQ(test, clear_one(f, 0), VCM_TEST_DUMMY | 0x2);
	KUNIT_EXPECT_FALSE(test, r600_fields(clear_one(f, 0)).valid);
}

/* nv50 PTE from the layout: V b0, RO b3, aperture b4-5, priv b6. */
struct nv50_fields {
	bool valid, ro, priv;
	unsigned int aper;
	u64 addr;
};

static struct nv50_fields nv50_fields(u64 raw)
{
	return (struct nv50_fields){
		.valid = raw & 1, .ro = (raw >> 3) & 1,
		.aper = (raw >> 4) & 3, .priv = (raw >> 6) & 1,
		.addr = raw & 0xfffffff000ULL,
	};
}

static const struct kat nv50_kats[] = {
	/* Host, coherent, read-write: aperture 2. */
	{ 0x1234567000ULL, DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
	  DRM_VCM_LOC_SYSTEM, 0x0000001234567021ULL },
	/* Host, non-coherent, read-only: aperture 3, RO. */
	{ 0x1234567000ULL, DRM_VCM_READ, DRM_VCM_LOC_SYSTEM,
	  0x0000001234567039ULL },
	/* VRAM, read-write, privileged: aperture 0, priv. */
	{ 0xff00010000ULL, DRM_VCM_WRITE | DRM_VCM_FMT_FLAG(0),
	  DRM_VCM_LOC_DEVICE, 0x000000ff00010041ULL },
};

static void vcm_test_nv50_kat(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv50");
	struct drm_vcm_mmu mmu = fake_mmu(f);
	struct drm_vcm_table_ref ref;
	unsigned int i, pt4k = 2, pt64k = 1;
	__le64 pde;

	KUNIT_ASSERT_STREQ(test, f->tables[pt4k].name, "pt4k");
	KUNIT_ASSERT_STREQ(test, f->tables[pt64k].name, "pt64k");
	for (i = 0; i < ARRAY_SIZE(nv50_kats); i++) {
		const struct kat *k = &nv50_kats[i];
		u64 raw = encode_one(f, pt4k, k->addr, k->flags, k->loc);
		struct nv50_fields d = nv50_fields(raw);

		KUNIT_EXPECT_EQ_MSG(test, raw, k->raw, "vector %u", i);
		KUNIT_EXPECT_TRUE(test, d.valid);
		KUNIT_EXPECT_EQ(test, d.addr, k->addr);
		KUNIT_EXPECT_EQ(test, d.ro, !(k->flags & DRM_VCM_WRITE));
		KUNIT_EXPECT_EQ(test, d.priv, !!(k->flags & DRM_VCM_FMT_FLAG(0)));
		KUNIT_EXPECT_EQ(test, d.aper, k->loc == DRM_VCM_LOC_DEVICE ? 0 :
				k->flags & DRM_VCM_SNOOP ? 2 : 3);
		/* The same bits whatever the page size. */
		KUNIT_EXPECT_EQ(test, encode_one(f, pt64k, k->addr, k->flags,
						 k->loc), k->raw);
	}

	/* PDEs: type 3 (4 KiB table) or 1 (64 KiB), target 0 VRAM / 2 host. */
	ref = (struct drm_vcm_table_ref){ 0x1000000, DRM_VCM_LOC_SYSTEM, pt4k };
	f->write_pde(&mmu, 0, &pde, &ref, 1);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(pde), 0x000000000100000bULL);
	ref = (struct drm_vcm_table_ref){ 0x20000, DRM_VCM_LOC_DEVICE, pt64k };
	f->write_pde(&mmu, 0, &pde, &ref, 1);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(pde), 0x0000000000020001ULL);

	KUNIT_EXPECT_EQ(test, clear_one(f, 0), 0xdeadcafe00000000ULL);
	KUNIT_EXPECT_EQ(test, clear_one(f, pt4k), 0);
	KUNIT_EXPECT_EQ(test, clear_one(f, pt64k), 0);
}

/*
 * nv50 VRAM runs: index-aligned blocks of 2^n identical entries holding
 * the block's first address and n in bits 7-9 (largest block first).
 */
static void vcm_test_nv50_blocks(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv50");
	struct drm_vcm_mmu mmu = fake_mmu(f);
	/* Ten pages from index 2; then the same across a segment break. */
	struct drm_vcm_seg one = { 0xff00010000ULL, 10 * SZ_4K };
	struct drm_vcm_seg two[2] = {
		{ 0xff00010000ULL, 3 * SZ_4K }, { 0xff00080000ULL, 7 * SZ_4K },
	};
	static const u64 expect_one[10] = {
		0xff00010081ULL, 0xff00010081ULL,
		0xff00012101ULL, 0xff00012101ULL, 0xff00012101ULL,
		0xff00012101ULL,
		0xff00016101ULL, 0xff00016101ULL, 0xff00016101ULL,
		0xff00016101ULL,
	};
	static const u64 expect_two[10] = {
		0xff00010081ULL, 0xff00010081ULL, 0xff00012001ULL,
		0xff00080001ULL, 0xff00081081ULL, 0xff00081081ULL,
		0xff00083101ULL, 0xff00083101ULL, 0xff00083101ULL,
		0xff00083101ULL,
	};
	struct drm_vcm_pte_run run = {
		.seg = &one, .pgsize = SZ_4K, .flags = DRM_VCM_WRITE,
		.loc = DRM_VCM_LOC_DEVICE,
	};
	__le64 pte[12] = {};
	unsigned int i;

	f->write_ptes(&mmu, 2, &pte[2], 2, 10, &run);
	for (i = 0; i < 10; i++) {
		u64 raw = le64_to_cpu(pte[2 + i]);
		unsigned int n = (raw >> 7) & 7;
		/* Decoded here: block address plus the entry's place in it. */
		u64 addr = (raw & 0xfffffff000ULL) +
			   ((2 + i) & ((1U << n) - 1)) * SZ_4K;

		KUNIT_EXPECT_EQ_MSG(test, raw, expect_one[i], "entry %u", 2 + i);
		KUNIT_EXPECT_EQ(test, addr, one.addr + i * SZ_4K);
	}

	run.seg = two;
	run.off = 0;
	f->write_ptes(&mmu, 2, &pte[2], 2, 10, &run);
	for (i = 0; i < 10; i++) {
		struct drm_vcm_entry e = {};
		u64 want = i < 3 ? two[0].addr + i * SZ_4K :
				   two[1].addr + (i - 3) * SZ_4K;

		KUNIT_EXPECT_EQ_MSG(test, le64_to_cpu(pte[2 + i]), expect_two[i],
				    "entry %u", 2 + i);
		f->decode(&mmu, 2, &pte[2 + i], 2 + i, &e);
		KUNIT_EXPECT_EQ(test, e.addr, want);
	}
	KUNIT_EXPECT_PTR_EQ(test, run.seg, &two[2]);

	/* Host pages never get blocks. */
	run = (struct drm_vcm_pte_run){ .seg = &one, .pgsize = SZ_4K,
					.flags = DRM_VCM_WRITE,
					.loc = DRM_VCM_LOC_SYSTEM };
	f->write_ptes(&mmu, 2, &pte[0], 0, 8, &run);
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ(test, (le64_to_cpu(pte[i]) >> 7) & 7, 0);
}

/* Encode, then decode with the format's decoder, at every table kind. */
static void vcm_test_round_trip(struct kunit *test)
{
	const struct drm_vcm_format *f = test->param_value;
	static const u32 flag_sets[] = {
		DRM_VCM_READ, DRM_VCM_WRITE, DRM_VCM_READ | DRM_VCM_WRITE,
		DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP,
	};
	struct drm_vcm_mmu mmu = fake_mmu(f);
	unsigned int t, i, c, loc;

	for (t = 0; t < f->ntables; t++) {
		const struct drm_vcm_fmt_table *k = &f->tables[t];
		struct drm_vcm_entry e = {};
		u8 buf[16] = {};

		f->clear(&mmu, t, buf, 0, 1);
		f->decode(&mmu, t, buf, 0, &e);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);

		for (loc = 0; k->leaf && loc < 2; loc++) {
			if (!(k->locs & BIT(loc)))
				continue;
			for (i = 0; i < ARRAY_SIZE(flag_sets); i++) {
				u64 pg = 1ULL << k->shift;
				dma_addr_t a = ((1ULL << f->pa_bits) - pg) &
					       ~(pg - 1) & ~(3 * pg);
				struct drm_vcm_seg seg = { a, pg };
				struct drm_vcm_pte_run run = {
					.seg = &seg, .pgsize = pg,
					.flags = flag_sets[i], .loc = loc,
				};

				f->write_ptes(&mmu, t, buf, 0, 1, &run);
				memset(&e, 0, sizeof(e));
				f->decode(&mmu, t, buf, 0, &e);
				KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
				KUNIT_EXPECT_EQ(test, e.addr, a);
				KUNIT_EXPECT_EQ(test, e.loc, loc);
				/* Device memory is never snooped. */
				KUNIT_EXPECT_EQ(test,
						e.flags & f->entry_flags,
						flag_sets[i] & f->entry_flags &
						(loc ? ~DRM_VCM_SNOOP : ~0U));
				/* The cursor moved exactly one page. */
				KUNIT_EXPECT_PTR_EQ(test, run.seg, &seg + 1);
			}
		}
		for (c = 0; c < k->nchild; c++) {
			struct drm_vcm_table_ref ref = {
				0x7654321000ULL & ((1ULL << f->pa_bits) - 1),
				c ? DRM_VCM_LOC_SYSTEM : DRM_VCM_LOC_DEVICE,
				k->child[c],
			};

			f->write_pde(&mmu, t, buf, &ref, 1);
			memset(&e, 0, sizeof(e));
			f->decode(&mmu, t, buf, 0, &e);
			KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
			KUNIT_EXPECT_EQ(test, e.addr, ref.addr);
			KUNIT_EXPECT_EQ(test, e.loc, ref.loc);
			KUNIT_EXPECT_EQ(test, e.child_type[0], k->child[c]);
		}
	}
}

/*
 * Mixed backing: runs of one-page segments (drm_vcm_run_write()'s tight
 * loop) between longer segments, in pages of the table kind.
 */
static const u8 mixed_lens[] = {
	1, 1, 1, 3, 1, 1, 2, 1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 1, 1,
};

/*
 * Entries per writer call: calls end right after a one-page segment
 * (entries 1 and 11), inside longer ones (4 and 13), and the last takes
 * a count that is no multiple of any loop stride.
 */
static const u8 mixed_calls[] = { 1, 3, 7, 2, 255 };

#define MIXED_POISON	0xa5

/* Write entries [@from, @nent) of @buf over @run in mixed_calls[]'s calls. */
static void mixed_write(const struct drm_vcm_format *f, struct drm_vcm_mmu *mmu,
			unsigned int t, u8 *buf, u32 from, u32 nent,
			struct drm_vcm_pte_run *run)
{
	u32 i, n, c;

	for (i = from, c = 0; i < nent; i += n, c++) {
		n = min_t(u32, mixed_calls[min_t(u32, c,
						 ARRAY_SIZE(mixed_calls) - 1)],
			  nent - i);
		f->write_ptes(mmu, t, buf + i * f->tables[t].entry_size, i, n,
			      run);
	}
}

/*
 * Entry @i of @buf, a table of kind @t written over [@from, @nent): the
 * poison outside that range, else, by the format's decoder, a page entry
 * mapping @addr at @loc with the bind's @flags.
 */
static void mixed_entry(struct kunit *test, const struct drm_vcm_format *f,
			struct drm_vcm_mmu *mmu, unsigned int t, u8 *buf,
			u32 i, u32 from, u32 nent, dma_addr_t addr,
			enum drm_vcm_location loc, u32 flags)
{
	const struct drm_vcm_fmt_table *k = &f->tables[t];
	u8 *p = buf + i * k->entry_size;
	struct drm_vcm_entry e = {};

	if (i < from || i == nent) {
		KUNIT_EXPECT_EQ_MSG(test, p[0], MIXED_POISON,
				    "%s %s: entry %u written", f->name, k->name,
				    i);
		return;
	}
	f->decode(mmu, t, p, i, &e);
	KUNIT_EXPECT_EQ_MSG(test, e.kind, DRM_VCM_ENTRY_PTE, "%s %s: entry %u",
			    f->name, k->name, i);
	KUNIT_EXPECT_EQ_MSG(test, e.addr, addr, "%s %s: entry %u", f->name,
			    k->name, i);
	KUNIT_EXPECT_EQ(test, e.loc, loc);
	KUNIT_EXPECT_EQ(test, e.flags & f->entry_flags, flags & f->entry_flags);
}

/*
 * Write entries [@from, @nent) of a table of kind @t over mixed_lens[]
 * in the calls of mixed_calls[], starting with the cursor at entry
 * @from (inside a segment when the segment before it is longer), then
 * check every entry with the format's decoder against the address the
 * backing puts there, the cursor against the end of the run, and the
 * entries outside the range against the poison they were filled with.
 */
static void mixed_check(struct kunit *test, const struct drm_vcm_format *f,
			unsigned int t, enum drm_vcm_location loc, u32 from)
{
	const struct drm_vcm_fmt_table *k = &f->tables[t];
	struct drm_vcm_seg segs[ARRAY_SIZE(mixed_lens)];
	u32 start[ARRAY_SIZE(mixed_lens)];
	struct drm_vcm_mmu mmu = fake_mmu(f);
	u32 flags = DRM_VCM_READ | DRM_VCM_WRITE |
		    (loc == DRM_VCM_LOC_SYSTEM ? DRM_VCM_SNOOP : 0);
	u64 pg = 1ULL << k->shift, base = 1ULL << (f->pa_bits - 2);
	struct drm_vcm_pte_run run = {
		.pgsize = pg, .flags = flags, .loc = loc, .va = from * pg,
	};
	unsigned int nseg = ARRAY_SIZE(mixed_lens), s;
	u32 nent = 0, i;
	u8 *buf;

	for (s = 0; s < nseg; s++) {
		/* A gap after every segment: no two are contiguous. */
		segs[s] = (struct drm_vcm_seg){ base + 2 * nent * pg,
						mixed_lens[s] * pg };
		start[s] = nent;
		nent += mixed_lens[s];
	}
	nent = min_t(u32, nent, BIT(k->bits));
	buf = kunit_kzalloc(test, (nent + 1) * k->entry_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, MIXED_POISON, (nent + 1) * k->entry_size);

	for (s = 0; s + 1 < nseg && start[s + 1] <= from; s++)
		;
	run.seg = &segs[s];
	run.off = (from - start[s]) * pg;
	mixed_write(f, &mmu, t, buf, from, nent, &run);

	for (i = 0, s = 0; i <= nent; i++) {
		while (s + 1 < nseg && start[s + 1] <= i)
			s++;
		mixed_entry(test, f, &mmu, t, buf, i, from, nent,
			    segs[s].addr + (i - start[s]) * pg, loc, flags);
	}
	/* The cursor stands right after the last entry written. */
	KUNIT_EXPECT_EQ(test, run.va, nent * pg);
	for (s = 0; s + 1 < nseg && start[s + 1] <= nent; s++)
		;
	if (start[s] + mixed_lens[s] == nent) {
		KUNIT_EXPECT_PTR_EQ(test, run.seg, &segs[s + 1]);
		KUNIT_EXPECT_EQ(test, run.off, 0);
	} else {
		KUNIT_EXPECT_PTR_EQ(test, run.seg, &segs[s]);
		KUNIT_EXPECT_EQ(test, run.off, (nent - start[s]) * pg);
	}
}

/*
 * Every leaf kind of every format over mixed backing, from the first
 * entry and from inside a three-page segment, in every location it maps.
 */
static void vcm_test_mixed_segments(struct kunit *test)
{
	const struct drm_vcm_format *f = test->param_value;
	unsigned int t, loc;

	for (t = 0; t < f->ntables; t++) {
		const struct drm_vcm_fmt_table *k = &f->tables[t];

		/* Packed kinds take whole groups; vcm_fmt_nv04 tests them. */
		if (!k->leaf || k->group > 1)
			continue;
		for (loc = 0; loc < 2; loc++) {
			if (!(k->locs & BIT(loc)))
				continue;
			mixed_check(test, f, t, loc, 0);
			mixed_check(test, f, t, loc, 4);
		}
	}
}

/*
 * Backing kept page by page (&drm_vcm_mem.paged): write entries [@from,
 * @nent) of a 4 KiB leaf table of kind @t over pages with a gap after
 * each, in the calls of mixed_calls[], with compression tags and storage
 * kind 1 when @comp;
 * check every entry with the format's decoder against its page, the
 * cursor against the end of the run, and the entries outside the range
 * against their poison.
 */
static void paged_check(struct kunit *test, const struct drm_vcm_format *f,
			unsigned int t, enum drm_vcm_location loc, u32 from,
			u8 comp)
{
	const struct drm_vcm_fmt_table *k = &f->tables[t];
	struct drm_vcm_mmu mmu = fake_mmu(f);
	u32 flags = DRM_VCM_READ | DRM_VCM_WRITE |
		    (loc == DRM_VCM_LOC_SYSTEM ? DRM_VCM_SNOOP : 0);
	/* Tag fields overlap the top address bits (gp100): VRAM is low. */
	u64 base = comp ? SZ_1G : 1ULL << (f->pa_bits - 2);
	u32 nent = min_t(u32, 300, BIT(k->bits)), i;
	struct drm_vcm_pte_run run = {
		.pgsize = SZ_4K, .flags = flags, .loc = loc,
		.va = (u64)from * SZ_4K, .attr.comp = comp,
		/* Tags come with a kind other than pitch (gp100 needs it). */
		.attr.kind = comp ? 1 : 0,
	};
	dma_addr_t *pages;
	u8 *buf;

	pages = kunit_kcalloc(test, nent + 1, sizeof(*pages), GFP_KERNEL);
	buf = kunit_kzalloc(test, (nent + 1) * k->entry_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i <= nent; i++)
		pages[i] = base + 2ULL * i * SZ_4K;
	memset(buf, MIXED_POISON, (nent + 1) * k->entry_size);

	run.page = &pages[from];
	mixed_write(f, &mmu, t, buf, from, nent, &run);
	for (i = 0; i <= nent; i++)
		mixed_entry(test, f, &mmu, t, buf, i, from, nent, pages[i], loc,
			    flags);
	KUNIT_EXPECT_EQ(test, run.va, (u64)nent * SZ_4K);
	KUNIT_EXPECT_PTR_EQ(test, run.page, &pages[nent]);
	KUNIT_EXPECT_EQ(test, run.off, 0);
	KUNIT_EXPECT_NULL(test, run.seg);
}

/*
 * Every 4 KiB leaf kind of every format over backing kept page by page,
 * from the first entry and from entry 4, in every location it maps, and
 * compressed where the format has tags.
 */
static void vcm_test_paged_backing(struct kunit *test)
{
	const struct drm_vcm_format *f = test->param_value;
	unsigned int t, loc, n = 0;

	for (t = 0; t < f->ntables; t++) {
		const struct drm_vcm_fmt_table *k = &f->tables[t];

		/* Packed kinds take whole groups; vcm_fmt_nv04 tests them. */
		if (!k->leaf || k->group > 1 || k->shift != 12)
			continue;
		for (loc = 0; loc < 2; loc++) {
			if (!(k->locs & BIT(loc)))
				continue;
			paged_check(test, f, t, loc, 0, 0);
			paged_check(test, f, t, loc, 4, 0);
			if (f->max_comp && loc == DRM_VCM_LOC_DEVICE)
				paged_check(test, f, t, loc, 4, 1);
			n++;
		}
	}
	if (!n)
		kunit_skip(test, "%s has no 4 KiB leaves of single entries",
			   f->name);
}

/* Geometry the research notes give for each format. */
static void vcm_test_geometry_r600(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "r600-gart");
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;

	KUNIT_EXPECT_EQ(test, f->ntables, 1);
	KUNIT_EXPECT_EQ(test, f->tables[0].entry_size, 8);
	KUNIT_EXPECT_EQ(test, f->va_bits, 32);
	KUNIT_EXPECT_EQ(test, f->pa_bits, 40);
	/* A 64 MiB aperture: one flat table of 16384 entries. */
	vcm = drm_vcm_create(SZ_256M, SZ_64M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	KUNIT_EXPECT_EQ(test, mmu->top_entries, 16384);
	KUNIT_EXPECT_EQ(test, mmu->stats.table_bytes, 16384 * 8);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static void vcm_test_geometry_nv50(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "nv50");
	const struct drm_vcm_fmt_table *t = f->tables;

	KUNIT_EXPECT_EQ(test, f->va_bits, 40);
	KUNIT_EXPECT_EQ(test, f->pa_bits, 40);
	/* 2048 PDEs of 512 MiB, over 2^17 4 KiB or 2^13 64 KiB pages. */
	KUNIT_EXPECT_EQ(test, 1U << t[0].bits, 2048);
	KUNIT_EXPECT_EQ(test, 1ULL << t[0].shift, SZ_512M);
	KUNIT_EXPECT_EQ(test, t[0].shift + t[0].bits, 40);
	KUNIT_EXPECT_EQ(test, 1U << t[t[0].child[1]].bits, 131072);
	KUNIT_EXPECT_EQ(test, 1U << t[t[0].child[0]].bits, 8192);
	KUNIT_EXPECT_EQ(test, 1ULL << t[t[0].child[0]].shift, SZ_64K);
}

/*
 * Malformed descriptors are refused at attach: each is a copy of a good
 * format with one thing wrong.
 */
static void vcm_test_format_malformed(struct kunit *test)
{
	const struct drm_vcm_format *nv50 = drm_vcm_format_find("nv50");
	const struct drm_vcm_format *r600 = drm_vcm_format_find("r600-gart");
	struct drm_vcm_fmt_table t[3], flat;
	struct drm_vcm_format f;

	KUNIT_ASSERT_NOT_NULL(test, nv50);
	KUNIT_ASSERT_NOT_NULL(test, r600);
	KUNIT_ASSERT_EQ(test, nv50->ntables, 3);

	/* The copies as they are attach. */
	memcpy(t, nv50->tables, sizeof(t));
	f = *nv50;
	f.tables = t;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_2G, NULL),
			0);

	/*
	 * va_bits past the top table's span: a space above 2^40 would index
	 * past the top table's entries.
	 */
	f.va_bits = 41;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 1ULL << 40,
						  SZ_1G, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_2G, NULL),
			-EINVAL);
	/* ... or short of it. */
	f.va_bits = 39;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_2G, NULL),
			-EINVAL);
	f.va_bits = 40;
	t[0].bits = 12;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_2G, NULL),
			-EINVAL);
	t[0].bits = nv50->tables[0].bits;

	/* The 4 KiB leaves must map VRAM, as the 64 KiB ones do. */
	t[2].locs = BIT(DRM_VCM_LOC_SYSTEM);
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_2G, NULL),
			-EINVAL);
	t[2].locs = nv50->tables[2].locs;

	/* A table reach below a page, or beyond 63 bits. */
	t[1].addr_bits = 12;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_2G, NULL),
			-EINVAL);
	t[1].addr_bits = 64;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_2G, NULL),
			-EINVAL);
	t[1].addr_bits = 0;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_2G, NULL),
			0);

	/*
	 * A flat table of 64 KiB pages only: a 4 KiB bind would have no
	 * entry to go to.
	 */
	flat = r600->tables[0];
	flat.shift = 16;
	flat.bits = 16;
	f = *r600;
	f.tables = &flat;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_256M, NULL),
			-EINVAL);
	flat.shift = 12;
	flat.bits = 20;
	KUNIT_EXPECT_EQ(test, vcm_test_try_attach(test, &f, 0, SZ_256M, NULL),
			0);
}

static struct kunit_case vcm_format_cases[] = {
	KUNIT_CASE(vcm_test_r600_kat),
	KUNIT_CASE(vcm_test_nv50_kat),
	KUNIT_CASE(vcm_test_nv50_blocks),
	KUNIT_CASE_PARAM(vcm_test_round_trip, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_mixed_segments, vcm_test_format_gen),
	KUNIT_CASE_PARAM(vcm_test_paged_backing, vcm_test_format_gen),
	KUNIT_CASE(vcm_test_geometry_r600),
	KUNIT_CASE(vcm_test_geometry_nv50),
	KUNIT_CASE(vcm_test_format_malformed),
	{}
};

static struct kunit_suite vcm_format_suite = {
	.name = "vcm_format",
	.test_cases = vcm_format_cases,
};

kunit_test_suite(vcm_format_suite);
