// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of nouveau's Fermi (gf100-128k, gf100-64k) and Pascal
 * (gp100) formats, their entries: known-answer vectors taken from the
 * documented bit layouts, checked as literal words and by the decoders of
 * vcm_fmt_nvc0.h, written apart from the format code; directory entries;
 * unbound entries; geometry. The dual page tables through the engine are
 * the suite vcm_fmt_nvc0_engine.
 */

#include <linux/sizes.h>

#include "vcm_fmt_nvc0.h"

/*
 * Write one leaf entry of kind @type into a buffer of garbage and return
 * both quadwords: an 8-byte kind must leave the second one alone.
 */
static void encode(const struct drm_vcm_format *f, unsigned int type,
		   dma_addr_t addr, u32 flags, enum drm_vcm_location loc,
		   u64 out[2])
{
	struct drm_vcm_mmu mmu = fake_mmu(f);
	u64 pg = 1ULL << f->tables[type].shift;
	struct drm_vcm_seg seg = { addr, pg };
	struct drm_vcm_pte_run run = {
		.seg = &seg, .pgsize = pg, .flags = flags, .loc = loc,
	};
	__le64 buf[2] = { cpu_to_le64(~0ULL), cpu_to_le64(~0ULL) };

	f->write_ptes(&mmu, type, buf, 0, 1, &run);
	out[0] = le64_to_cpu(buf[0]);
	out[1] = le64_to_cpu(buf[1]);
}

/* Write one directory entry of kind @type, likewise over garbage. */
static void encode_pde(const struct drm_vcm_format *f, unsigned int type,
		       const struct drm_vcm_table_ref *ref, unsigned int nref,
		       u64 out[2])
{
	struct drm_vcm_mmu mmu = fake_mmu(f);
	__le64 buf[2] = { cpu_to_le64(~0ULL), cpu_to_le64(~0ULL) };

	f->write_pde(&mmu, type, buf, ref, nref);
	out[0] = le64_to_cpu(buf[0]);
	out[1] = le64_to_cpu(buf[1]);
}

static u64 clear_one(const struct drm_vcm_format *f, unsigned int type,
		     u64 *q1)
{
	struct drm_vcm_mmu mmu = fake_mmu(f);
	__le64 buf[2] = { cpu_to_le64(~0ULL), cpu_to_le64(~0ULL) };

	f->clear(&mmu, type, buf, 0, 1);
	*q1 = le64_to_cpu(buf[1]);
	return le64_to_cpu(buf[0]);
}

/* The aperture a PTE should carry, and whether it is volatile. */
static unsigned int want_aper(u32 flags, enum drm_vcm_location loc)
{
	if (loc == DEV)
		return 0;
	return flags & DRM_VCM_SNOOP ? 2 : 3;
}

struct kat {
	dma_addr_t addr;
	u32 flags;
	enum drm_vcm_location loc;
	u64 raw;
};

static const struct kat gf100_kats[] = {
	/* Host, coherent: aperture 2, VOL. */
	{ 0x1234567000ULL, RWS, SYS, 0x0000000512345671ULL },
	/* Host, non-coherent, read-only: aperture 3, VOL all the same. */
	{ 0x1234567000ULL, DRM_VCM_READ, SYS, 0x0000000712345675ULL },
	/* VRAM, privileged: aperture 0, no VOL. */
	{ 0xff00020000ULL, DRM_VCM_WRITE | PRIV, DEV, 0x00000000ff000203ULL },
	/* The highest 128 KiB page of VRAM, read-only. */
	{ 0xfffffe0000ULL, DRM_VCM_READ, DEV, 0x00000000fffffe05ULL },
	/* SNOOP means nothing for VRAM. */
	{ 0x40000ULL, RWS, DEV, 0x0000000000000401ULL },
};

static void vcm_test_gf100_pte(struct kunit *test)
{
	static const char *const names[] = { "gf100-128k", "gf100-64k" };
	unsigned int n, t, i;
	u64 q[2];

	for (n = 0; n < ARRAY_SIZE(names); n++) {
		const struct drm_vcm_format *f = find(test, names[n]);

		KUNIT_ASSERT_STREQ(test, f->tables[GF_LPT].name, "lpt");
		KUNIT_ASSERT_STREQ(test, f->tables[GF_SPT].name, "spt");
		for (t = GF_LPT; t <= GF_SPT; t++) {
			u64 pg = 1ULL << f->tables[t].shift;

			for (i = 0; i < ARRAY_SIZE(gf100_kats); i++) {
				const struct kat *k = &gf100_kats[i];
				struct gf100_pte d;
				struct drm_vcm_entry e;

				if (!IS_ALIGNED(k->addr, pg))
					continue;
				encode(f, t, k->addr, k->flags, k->loc, q);
				KUNIT_EXPECT_EQ_MSG(test, q[0], k->raw,
						    "%s %s vector %u", f->name,
						    f->tables[t].name, i);
				KUNIT_EXPECT_EQ(test, q[1], ~0ULL);
				d = gf100_pte(q[0]);
				KUNIT_EXPECT_TRUE(test, d.valid);
				KUNIT_EXPECT_EQ(test, d.addr, k->addr);
				KUNIT_EXPECT_EQ(test, d.ro,
						!(k->flags & DRM_VCM_WRITE));
				KUNIT_EXPECT_EQ(test, d.priv, !!(k->flags & PRIV));
				KUNIT_EXPECT_EQ(test, d.aper,
						want_aper(k->flags, k->loc));
				KUNIT_EXPECT_EQ(test, d.vol, k->loc == SYS);
				KUNIT_EXPECT_EQ(test, d.kind, 0);

				/* The format's decoder agrees. */
				e = decode(f, t, q[0], 0);
				KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
				KUNIT_EXPECT_EQ(test, e.addr, k->addr);
				KUNIT_EXPECT_EQ(test, e.loc, k->loc);
				KUNIT_EXPECT_EQ(test, e.flags & PRIV,
						k->flags & PRIV);
				KUNIT_EXPECT_EQ(test, !!(e.flags & DRM_VCM_SNOOP),
						d.aper == 2);
			}
		}
		/* Every kind's unbound entry is 0, and reads as invalid. */
		for (t = GF_PD; t <= GF_SPT; t++) {
			KUNIT_EXPECT_EQ(test, clear_one(f, t, &q[1]), 0);
			KUNIT_EXPECT_EQ(test, q[1], ~0ULL);
			KUNIT_EXPECT_EQ(test, decode(f, t, 0, 0).kind,
					DRM_VCM_ENTRY_INVALID);
		}
		/* Everything but VALID set is still invalid. */
		KUNIT_EXPECT_EQ(test, decode(f, GF_SPT, ~1ULL, 0).kind,
				DRM_VCM_ENTRY_INVALID);
	}
}

static void vcm_test_gf100_pde(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "gf100-128k");
	struct drm_vcm_table_ref ref[2];
	struct nv_pde lpt, spt;
	struct drm_vcm_entry e;
	u64 q[2];

	/* The large-page table alone, in VRAM. */
	ref[0] = (struct drm_vcm_table_ref){ 0x1234000, DEV, GF_LPT };
	encode_pde(f, GF_PD, ref, 1, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x0000000000012341ULL);
	KUNIT_EXPECT_EQ(test, q[1], ~0ULL);
	gf100_pde(q[0], &lpt, &spt);
	KUNIT_EXPECT_EQ(test, lpt.aper, 1);
	KUNIT_EXPECT_EQ(test, lpt.addr, 0x1234000);
	KUNIT_EXPECT_FALSE(test, lpt.vol);
	KUNIT_EXPECT_EQ(test, spt.aper, 0);
	e = decode(f, GF_PD, q[0], 0);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
	KUNIT_EXPECT_EQ(test, e.nchild, 1);
	KUNIT_EXPECT_EQ(test, e.child_type[0], GF_LPT);
	KUNIT_EXPECT_EQ(test, e.addr, 0x1234000);
	KUNIT_EXPECT_EQ(test, e.loc, DEV);

	/* The small-page table alone, in host memory: VOL b34. */
	ref[0] = (struct drm_vcm_table_ref){ 0x1234000, SYS, GF_SPT };
	encode_pde(f, GF_PD, ref, 1, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x0001234600000000ULL);
	gf100_pde(q[0], &lpt, &spt);
	KUNIT_EXPECT_EQ(test, lpt.aper, 0);
	KUNIT_EXPECT_EQ(test, spt.aper, 2);
	KUNIT_EXPECT_TRUE(test, spt.vol);
	KUNIT_EXPECT_EQ(test, spt.addr, 0x1234000);
	e = decode(f, GF_PD, q[0], 0);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
	KUNIT_EXPECT_EQ(test, e.nchild, 1);
	KUNIT_EXPECT_EQ(test, e.child_type[0], GF_SPT);
	KUNIT_EXPECT_EQ(test, e.addr, 0x1234000);
	KUNIT_EXPECT_EQ(test, e.loc, SYS);

	/*
	 * Both, given small first: the halves go by table kind. Large in
	 * host memory (VOL b35), small in VRAM.
	 */
	ref[0] = (struct drm_vcm_table_ref){ 0x7654321000ULL, DEV, GF_SPT };
	ref[1] = (struct drm_vcm_table_ref){ 0xfffff00000ULL, SYS, GF_LPT };
	encode_pde(f, GF_PD, ref, 2, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x76543219fffff002ULL);
	gf100_pde(q[0], &lpt, &spt);
	KUNIT_EXPECT_EQ(test, lpt.aper, 2);
	KUNIT_EXPECT_TRUE(test, lpt.vol);
	KUNIT_EXPECT_EQ(test, lpt.addr, 0xfffff00000ULL);
	KUNIT_EXPECT_EQ(test, spt.aper, 1);
	KUNIT_EXPECT_FALSE(test, spt.vol);
	KUNIT_EXPECT_EQ(test, spt.addr, 0x7654321000ULL);
	e = decode(f, GF_PD, q[0], 0);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
	KUNIT_EXPECT_EQ(test, e.nchild, 2);
	KUNIT_EXPECT_EQ(test, e.child_type[0], GF_LPT);
	KUNIT_EXPECT_EQ(test, e.child_type[1], GF_SPT);
	KUNIT_EXPECT_EQ(test, e.addr, 0xfffff00000ULL);
	KUNIT_EXPECT_EQ(test, e.addr2, 0x7654321000ULL);
	KUNIT_EXPECT_EQ(test, e.loc, SYS);

	/* The 64 KiB variant writes the same words. */
	encode_pde(find(test, "gf100-64k"), GF_PD, ref, 2, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x76543219fffff002ULL);
}

static const struct kat gp100_kats[] = {
	/* The highest 4 KiB page of 47 bits, host, coherent: aper 2, VOL. */
	{ 0x7ffffffff000ULL, RWS, SYS, 0x000007ffffffff0dULL },
	/* Host, non-coherent, read-only, privileged: aper 3, VOL. */
	{ 0x1234567000ULL, DRM_VCM_READ | PRIV, SYS, 0x000000012345676fULL },
	/* VRAM, a 64 KiB page. */
	{ 0xff00010000ULL, DRM_VCM_WRITE, DEV, 0x0000000ff0001001ULL },
	/* VRAM, 2 MiB pages, read-only and read-write. */
	{ 0x40000000ULL, DRM_VCM_READ, DEV, 0x0000000004000041ULL },
	{ 0x7fffffe00000ULL, RWS, DEV, 0x000007fffffe0001ULL },
};

static void vcm_test_gp100_pte(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "gp100");
	static const unsigned int leaves[] = { GP_PD0, GP_LPT, GP_SPT };
	unsigned int l, i, t;
	u64 q[2], q1;

	KUNIT_ASSERT_STREQ(test, f->tables[GP_PD0].name, "pd0");
	KUNIT_ASSERT_STREQ(test, f->tables[GP_LPT].name, "lpt");
	KUNIT_ASSERT_STREQ(test, f->tables[GP_SPT].name, "spt");
	for (l = 0; l < ARRAY_SIZE(leaves); l++) {
		u64 pg;

		t = leaves[l];
		pg = 1ULL << f->tables[t].shift;
		for (i = 0; i < ARRAY_SIZE(gp100_kats); i++) {
			const struct kat *k = &gp100_kats[i];
			struct drm_vcm_entry e;
			struct gp100_pte d;

			if (!IS_ALIGNED(k->addr, pg))
				continue;
			encode(f, t, k->addr, k->flags, k->loc, q);
			KUNIT_EXPECT_EQ_MSG(test, q[0], k->raw, "%s vector %u",
					    f->tables[t].name, i);
			/* A 2 MiB page is written as (pte, 0). */
			KUNIT_EXPECT_EQ(test, q[1], t == GP_PD0 ? 0 : ~0ULL);
			d = gp100_pte(q[0]);
			KUNIT_EXPECT_TRUE(test, d.valid);
			KUNIT_EXPECT_EQ(test, d.addr, k->addr);
			KUNIT_EXPECT_EQ(test, d.ro, !(k->flags & DRM_VCM_WRITE));
			KUNIT_EXPECT_EQ(test, d.priv, !!(k->flags & PRIV));
			KUNIT_EXPECT_EQ(test, d.aper, want_aper(k->flags, k->loc));
			KUNIT_EXPECT_EQ(test, d.vol, k->loc == SYS);
			KUNIT_EXPECT_EQ(test, d.kind, 0);

			e = decode(f, t, q[0], q[1]);
			KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
			KUNIT_EXPECT_EQ(test, e.addr, k->addr);
			KUNIT_EXPECT_EQ(test, e.loc, k->loc);
			KUNIT_EXPECT_EQ(test, e.flags & PRIV, k->flags & PRIV);
			KUNIT_EXPECT_EQ(test, !!(e.flags & DRM_VCM_WRITE),
					!d.ro);
		}
	}

	/* Unbound entries are 0 everywhere, PD0's both halves. */
	for (t = GP_PD3; t <= GP_SPT; t++) {
		KUNIT_EXPECT_EQ(test, clear_one(f, t, &q1), 0);
		KUNIT_EXPECT_EQ(test, q1, f->tables[t].entry_size == 16 ?
				0 : ~0ULL);
		KUNIT_EXPECT_EQ(test, decode(f, t, 0, 0).kind,
				DRM_VCM_ENTRY_INVALID);
	}
	/* nouveau's "hide the SPTEs" (PRIV) is invalid too; VOL is sparse. */
	KUNIT_EXPECT_EQ(test, decode(f, GP_LPT, BIT_ULL(5), 0).kind,
			DRM_VCM_ENTRY_INVALID);
	KUNIT_EXPECT_EQ(test, decode(f, GP_LPT, BIT_ULL(3), 0).kind,
			DRM_VCM_ENTRY_SPARSE);
	KUNIT_EXPECT_EQ(test, decode(f, GP_SPT, BIT_ULL(3), 0).kind,
			DRM_VCM_ENTRY_SPARSE);
}

static void vcm_test_gp100_pde(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "gp100");
	struct drm_vcm_table_ref ref[2];
	struct drm_vcm_entry e;
	struct nv_pde d;
	u64 q[2];

	/* PD3 -> PD2 in host memory: aperture 2, VOL. */
	ref[0] = (struct drm_vcm_table_ref){ 0x1000000, SYS, GP_PD2 };
	encode_pde(f, GP_PD3, ref, 1, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x000000000010000cULL);
	KUNIT_EXPECT_EQ(test, q[1], ~0ULL);
	d = gp100_pde(q[0]);
	KUNIT_EXPECT_EQ(test, d.aper, 2);
	KUNIT_EXPECT_TRUE(test, d.vol);
	KUNIT_EXPECT_EQ(test, d.addr, 0x1000000);
	e = decode(f, GP_PD3, q[0], 0);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
	KUNIT_EXPECT_EQ(test, e.nchild, 1);
	KUNIT_EXPECT_EQ(test, e.child_type[0], GP_PD2);
	KUNIT_EXPECT_EQ(test, e.addr, 0x1000000);
	KUNIT_EXPECT_EQ(test, e.loc, SYS);

	/* PD1 -> PD0 in VRAM: aperture 1, no VOL. */
	ref[0] = (struct drm_vcm_table_ref){ 0x7654321000ULL, DEV, GP_PD0 };
	encode_pde(f, GP_PD1, ref, 1, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x0000000765432102ULL);
	d = gp100_pde(q[0]);
	KUNIT_EXPECT_EQ(test, d.aper, 1);
	KUNIT_EXPECT_FALSE(test, d.vol);
	KUNIT_EXPECT_EQ(test, d.addr, 0x7654321000ULL);
	e = decode(f, GP_PD1, q[0], 0);
	KUNIT_EXPECT_EQ(test, e.child_type[0], GP_PD0);
	KUNIT_EXPECT_EQ(test, e.loc, DEV);

	/*
	 * PD0, both tables, given small first: quadword 0 the large-page
	 * table (only 256-byte aligned), quadword 1 the small-page table.
	 */
	ref[0] = (struct drm_vcm_table_ref){ 0x3000, SYS, GP_SPT };
	ref[1] = (struct drm_vcm_table_ref){ 0x20100, DEV, GP_LPT };
	encode_pde(f, GP_PD0, ref, 2, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x0000000000002012ULL);
	KUNIT_EXPECT_EQ(test, q[1], 0x000000000000030cULL);
	KUNIT_EXPECT_EQ(test, gp100_pde(q[0]).addr, 0x20100);
	KUNIT_EXPECT_EQ(test, gp100_pde(q[1]).addr, 0x3000);
	e = decode(f, GP_PD0, q[0], q[1]);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
	KUNIT_EXPECT_EQ(test, e.nchild, 2);
	KUNIT_EXPECT_EQ(test, e.child_type[0], GP_LPT);
	KUNIT_EXPECT_EQ(test, e.child_type[1], GP_SPT);
	KUNIT_EXPECT_EQ(test, e.addr, 0x20100);
	KUNIT_EXPECT_EQ(test, e.addr2, 0x3000);
	KUNIT_EXPECT_EQ(test, e.loc, DEV);

	/* PD0, the small-page table alone: quadword 0 says "no table". */
	ref[0] = (struct drm_vcm_table_ref){ 0x7ffffffff000ULL, SYS, GP_SPT };
	encode_pde(f, GP_PD0, ref, 1, q);
	KUNIT_EXPECT_EQ(test, q[0], 0);
	KUNIT_EXPECT_EQ(test, q[1], 0x000007ffffffff0cULL);
	e = decode(f, GP_PD0, q[0], q[1]);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
	KUNIT_EXPECT_EQ(test, e.nchild, 1);
	KUNIT_EXPECT_EQ(test, e.child_type[0], GP_SPT);
	KUNIT_EXPECT_EQ(test, e.addr, 0x7ffffffff000ULL);
	KUNIT_EXPECT_EQ(test, e.addr2, 0);
	KUNIT_EXPECT_EQ(test, e.loc, SYS);
}

/* Entries per table, page sizes, VA and address widths. */
static void vcm_test_gf100_geometry(struct kunit *test)
{
	const struct drm_vcm_format *f;
	const struct drm_vcm_fmt_table *t;

	f = find(test, "gf100-128k");
	t = f->tables;
	KUNIT_EXPECT_EQ(test, f->ntables, 3);
	KUNIT_EXPECT_EQ(test, f->va_bits, 40);
	KUNIT_EXPECT_EQ(test, f->pa_bits, 40);
	KUNIT_EXPECT_EQ(test, f->fmt_flags, PRIV);
	KUNIT_EXPECT_FALSE(test, f->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD);
	/* 8192 PDEs of 128 MiB; 1024 128 KiB or 32768 4 KiB pages each. */
	KUNIT_EXPECT_EQ(test, 1U << t[GF_PD].bits, 8192);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GF_PD].shift, SZ_128M);
	KUNIT_EXPECT_EQ(test, 1U << t[GF_LPT].bits, 1024);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GF_LPT].shift, SZ_128K);
	KUNIT_EXPECT_EQ(test, 1U << t[GF_SPT].bits, 32768);
	KUNIT_EXPECT_EQ(test, t[GF_PD].child[0], GF_LPT);
	KUNIT_EXPECT_EQ(test, t[GF_PD].child[1], GF_SPT);
	KUNIT_EXPECT_EQ(test, t[GF_LPT].locs, BIT(DEV));
	KUNIT_EXPECT_EQ(test, t[GF_SPT].locs, BIT(SYS) | BIT(DEV));

	f = find(test, "gf100-64k");
	t = f->tables;
	KUNIT_EXPECT_EQ(test, f->va_bits, 40);
	KUNIT_EXPECT_EQ(test, f->pa_bits, 40);
	/* 16384 PDEs of 64 MiB; 1024 64 KiB or 16384 4 KiB pages each. */
	KUNIT_EXPECT_EQ(test, 1U << t[GF_PD].bits, 16384);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GF_PD].shift, SZ_64M);
	KUNIT_EXPECT_EQ(test, 1U << t[GF_LPT].bits, 1024);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GF_LPT].shift, SZ_64K);
	KUNIT_EXPECT_EQ(test, 1U << t[GF_SPT].bits, 16384);
	KUNIT_EXPECT_EQ(test, t[GF_LPT].locs, BIT(DEV));
}

static void vcm_test_gp100_geometry(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "gp100");
	const struct drm_vcm_fmt_table *t = f->tables;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, f->ntables, 6);
	KUNIT_EXPECT_EQ(test, f->va_bits, 49);
	KUNIT_EXPECT_EQ(test, f->pa_bits, 47);
	KUNIT_EXPECT_EQ(test, f->fmt_flags, PRIV);
	KUNIT_EXPECT_FALSE(test, f->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD);
	/* 4 x 128 TiB, 512 x 256 GiB, 512 x 512 MiB, 256 x 2 MiB. */
	KUNIT_EXPECT_EQ(test, 1U << t[GP_PD3].bits, 4);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GP_PD3].shift, 2 * SZ_64T);
	KUNIT_EXPECT_EQ(test, 1U << t[GP_PD2].bits, 512);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GP_PD2].shift, 256ULL * SZ_1G);
	KUNIT_EXPECT_EQ(test, 1U << t[GP_PD1].bits, 512);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GP_PD1].shift, SZ_512M);
	KUNIT_EXPECT_EQ(test, 1U << t[GP_PD0].bits, 256);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GP_PD0].shift, SZ_2M);
	KUNIT_EXPECT_EQ(test, t[GP_PD0].entry_size, 16);
	KUNIT_EXPECT_TRUE(test, t[GP_PD0].leaf);
	KUNIT_EXPECT_EQ(test, t[GP_PD0].locs, BIT(DEV));
	KUNIT_EXPECT_EQ(test, t[GP_PD0].nchild, 2);
	KUNIT_EXPECT_EQ(test, t[GP_PD0].child[0], GP_LPT);
	KUNIT_EXPECT_EQ(test, t[GP_PD0].child[1], GP_SPT);
	/* 32 64 KiB pages in 256 bytes, 256-byte aligned; 512 4 KiB pages. */
	KUNIT_EXPECT_EQ(test, 1U << t[GP_LPT].bits, 32);
	KUNIT_EXPECT_EQ(test, 1ULL << t[GP_LPT].shift, SZ_64K);
	KUNIT_EXPECT_EQ(test, t[GP_LPT].align, 0x100);
	KUNIT_EXPECT_EQ(test, t[GP_LPT].locs, BIT(DEV));
	KUNIT_EXPECT_EQ(test, 1U << t[GP_SPT].bits, 512);
	KUNIT_EXPECT_EQ(test, t[GP_SPT].locs, BIT(SYS) | BIT(DEV));
	/* Each level resolves exactly the bits above its children. */
	for (i = GP_PD3; i < GP_PD0; i++)
		KUNIT_EXPECT_EQ(test, t[i + 1].shift + t[i + 1].bits,
				t[i].shift);
	KUNIT_EXPECT_EQ(test, t[GP_PD3].shift + t[GP_PD3].bits, 49);
}

static struct kunit_case vcm_fmt_nvc0_cases[] = {
	KUNIT_CASE(vcm_test_gf100_pte),
	KUNIT_CASE(vcm_test_gf100_pde),
	KUNIT_CASE(vcm_test_gp100_pte),
	KUNIT_CASE(vcm_test_gp100_pde),
	KUNIT_CASE(vcm_test_gf100_geometry),
	KUNIT_CASE(vcm_test_gp100_geometry),
	{}
};

static struct kunit_suite vcm_fmt_nvc0_suite = {
	.name = "vcm_fmt_nvc0",
	.test_cases = vcm_fmt_nvc0_cases,
};

kunit_test_suite(vcm_fmt_nvc0_suite);
