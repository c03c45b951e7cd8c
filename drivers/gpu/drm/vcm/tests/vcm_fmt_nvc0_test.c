// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of nouveau's Fermi (gf100-128k, gf100-64k) and Pascal
 * (gp100) formats: known-answer vectors taken from the documented bit
 * layouts, checked as literal words and by decoders written here, apart
 * from the format code; directory entries; unbound entries; geometry and
 * limits; and the dual page tables through the engine: large pages where
 * VRAM allows, 4 KiB pages beside them under the same directory entry,
 * gp100's 2 MiB pages in PD0.
 */

#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "vcm_test.h"
#include "vcm_internal.h"

#define RW	(DRM_VCM_READ | DRM_VCM_WRITE)
#define RWS	(DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP)
#define PRIV	DRM_VCM_FMT_FLAG(0)
#define SYS	DRM_VCM_LOC_SYSTEM
#define DEV	DRM_VCM_LOC_DEVICE

/* Table kinds, in the order the formats list them. */
enum { GF_PD, GF_LPT, GF_SPT };
enum { GP_PD3, GP_PD2, GP_PD1, GP_PD0, GP_LPT, GP_SPT };

static struct drm_vcm_mmu fake_mmu(const struct drm_vcm_format *f)
{
	return (struct drm_vcm_mmu){ .format = f, .dummy_addr = VCM_TEST_DUMMY };
}

/*
 * gp100 needs an engine that walks nchild == 1 directories above a leaf
 * directory; until it is registered, its cases are skipped, not failed.
 */
static const struct drm_vcm_format *find(struct kunit *test, const char *n)
{
	const struct drm_vcm_format *f = drm_vcm_format_find(n);

	if (!f && !strcmp(n, "gp100"))
		kunit_skip(test, "gp100 is not registered");
	KUNIT_ASSERT_NOT_NULL(test, f);
	return f;
}

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

static struct drm_vcm_entry decode(const struct drm_vcm_format *f,
				   unsigned int type, u64 q0, u64 q1)
{
	struct drm_vcm_mmu mmu = fake_mmu(f);
	__le64 buf[2] = { cpu_to_le64(q0), cpu_to_le64(q1) };
	struct drm_vcm_entry e = {};

	f->decode(&mmu, type, buf, 0, &e);
	return e;
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

/*
 * gf100 PTE: V b0, PRIV b1, RO b2, address bits 12-39 in b4-31, VOL b32,
 * aperture b33-34, kind b36-43.
 */
struct gf100_pte {
	bool valid, priv, ro, vol;
	unsigned int aper, kind;
	u64 addr;
};

static struct gf100_pte gf100_pte(u64 raw)
{
	return (struct gf100_pte){
		.valid = raw & 1, .priv = (raw >> 1) & 1, .ro = (raw >> 2) & 1,
		.addr = ((raw >> 4) & 0xfffffffULL) << 12,
		.vol = (raw >> 32) & 1, .aper = (raw >> 33) & 3,
		.kind = (raw >> 36) & 0xff,
	};
}

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

/*
 * gf100 PDE: large-page table aperture b0-1 (0 none, 1 VRAM, 2 host,
 * 3 non-coherent), its address bits 12-39 in b4-31, its VOL b35; small-page
 * table aperture b32-33, VOL b34, address bits 12-39 in b36-63.
 */
struct nv_pde {
	unsigned int aper;
	bool vol;
	u64 addr;
};

static void gf100_pde(u64 raw, struct nv_pde *lpt, struct nv_pde *spt)
{
	lpt->aper = raw & 3;
	lpt->addr = ((raw >> 4) & 0xfffffffULL) << 12;
	lpt->vol = (raw >> 35) & 1;
	spt->aper = (raw >> 32) & 3;
	spt->addr = (raw >> 36) << 12;
	spt->vol = (raw >> 34) & 1;
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

/*
 * gp100 PTE: V b0, aperture b1-2, VOL b3, PRIV b5, RO b6, address bits
 * 12-46 in b8-42, kind b56-63. PDE: aperture b1-2 (0 none, 1 VRAM, 2 host,
 * 3 non-coherent), VOL b3, address bits 8-46 in b4-42.
 */
struct gp100_pte {
	bool valid, vol, priv, ro;
	unsigned int aper, kind;
	u64 addr;
};

static struct gp100_pte gp100_pte(u64 raw)
{
	return (struct gp100_pte){
		.valid = raw & 1, .aper = (raw >> 1) & 3,
		.vol = (raw >> 3) & 1, .priv = (raw >> 5) & 1,
		.ro = (raw >> 6) & 1,
		.addr = ((raw >> 8) & (BIT_ULL(35) - 1)) << 12,
		.kind = raw >> 56,
	};
}

static struct nv_pde gp100_pde(u64 raw)
{
	return (struct nv_pde){
		.aper = (raw >> 1) & 3, .vol = (raw >> 3) & 1,
		.addr = ((raw >> 4) & (BIT_ULL(39) - 1)) << 8,
	};
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

/* The engine over the dual tables: each format, tables in RAM or I/O. */
struct nvc0_param {
	const char *name;
	bool io;
};

static const struct nvc0_param nvc0_params[] = {
	{ "gf100-128k", false }, { "gf100-128k", true },
	{ "gf100-64k", false }, { "gf100-64k", true },
	{ "gp100", false }, { "gp100", true },
};

static void nvc0_desc(const struct nvc0_param *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s-%s", p->name,
		 p->io ? "io" : "ram");
}

KUNIT_ARRAY_PARAM(nvc0, nvc0_params, nvc0_desc);

static const struct nvc0_param gp100_params[] = {
	{ "gp100", false }, { "gp100", true },
};

KUNIT_ARRAY_PARAM(gp100, gp100_params, nvc0_desc);

static const struct nvc0_param fmt_params[] = {
	{ "gf100-128k", false }, { "gf100-64k", false }, { "gp100", false },
};

static void fmt_desc(const struct nvc0_param *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fmt, fmt_params, fmt_desc);

/* The space may reach the top of the VA, and no further; PA likewise. */
static void vcm_test_nvc0_limits(struct kunit *test)
{
	const struct nvc0_param *p = test->param_value;
	const struct drm_vcm_format *f = find(test, p->name);
	u64 top = 1ULL << f->va_bits;
	struct drm_vcm_mmu_desc desc = {
		.format = f, .ops = &vcm_test_ops,
	};
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem, *high;
	struct drm_vcm_res *res;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_entry e;
	struct drm_vcm *vcm;
	dma_addr_t a;

	vcm = drm_vcm_create(top - SZ_4M, SZ_8M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);

	vcm = drm_vcm_create(top - SZ_4M, SZ_4M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	mem = drm_vcm_mem_contig(NULL, (1ULL << f->pa_bits) - SZ_4K, SZ_4K,
				 SYS);
	high = drm_vcm_mem_contig(NULL, 1ULL << f->pa_bits, SZ_4K, SYS);
	res = drm_vcm_reserve_at(vcm, top - SZ_4K, SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(high) ||
			   IS_ERR(res));
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, high, 0, RW),
			-ERANGE);
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, mem, 0, RW),
			0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, top - 1, &a,
						    &e), 0);
	KUNIT_EXPECT_EQ(test, a, (1ULL << f->pa_bits) - 1);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mem_put(high);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

#define BAR_ADDR	0x40000000ULL

struct nvc0_ctx {
	const struct drm_vcm_format *f;
	struct drm_vcm *vcm;
	struct drm_vcm_mmu *mmu;
	struct vcm_test_mmu st;
	void *window;
	unsigned int dual;	/* the table kind with dual entries */
};

static void nvc0_setup(struct kunit *test, struct nvc0_ctx *c)
{
	const struct nvc0_param *p = test->param_value;
	struct drm_vcm_mmu_desc desc = { .ops = &vcm_test_ops, .priv = &c->st };

	c->f = find(test, p->name);
	desc.format = c->f;
	if (p->io) {
		desc.tmem.kind = DRM_VCM_TMEM_IO;
		desc.tmem.io = vcm_test_bar(test, &c->window);
		desc.tmem.io_addr = BAR_ADDR;
		desc.tmem.io_size = VCM_TEST_BAR_SIZE;
	}
	for (c->dual = 0; c->f->tables[c->dual].nchild < 2; c->dual++)
		;
	c->vcm = drm_vcm_create(0, SZ_2G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->vcm));
	c->mmu = drm_vcm_mmu_attach(c->vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mmu));
}

static void nvc0_teardown(struct kunit *test, struct nvc0_ctx *c)
{
	KUNIT_EXPECT_EQ(test, c->mmu->stats.tables, 1);
	drm_vcm_mmu_detach(c->mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(c->vcm), 0);
}

/* The table holding the dual entry for @va, from the shadow tree. */
static struct drm_vcm_pt *dual_table(struct nvc0_ctx *c, u64 va)
{
	struct drm_vcm_pt *pt = c->mmu->top;

	while (pt && pt->type != c->dual)
		pt = pt->child[(va - pt->base) >> c->f->tables[pt->type].shift];
	return pt;
}

/* Both quadwords of entry @idx of @pt, from table memory. */
static void read_entry(struct nvc0_ctx *c, struct drm_vcm_pt *pt, u32 idx,
		       u64 q[2])
{
	unsigned int esz = c->f->tables[pt->type].entry_size;
	const u8 *tab = pt->buf.cpu ? pt->buf.cpu :
			c->window + (pt->buf.addr - BAR_ADDR);
	__le64 v[2] = {};

	memcpy(v, tab + (size_t)idx * esz, esz);
	q[0] = le64_to_cpu(v[0]);
	q[1] = le64_to_cpu(v[1]);
}

/* The table addresses a dual entry holds, read as the hardware would. */
static void dual_addrs(struct nvc0_ctx *c, const u64 q[2], u64 *lpt, u64 *spt)
{
	struct nv_pde l, s;

	if (c->dual == GF_PD) {
		gf100_pde(q[0], &l, &s);
	} else {
		l = gp100_pde(q[0]);
		s = gp100_pde(q[1]);
	}
	*lpt = l.aper ? l.addr : 0;
	*spt = s.aper ? s.addr : 0;
}

static u64 page_at(struct kunit *test, struct nvc0_ctx *c, u64 va,
		   dma_addr_t want)
{
	struct drm_vcm_entry e = {};
	dma_addr_t a = 0;

	KUNIT_EXPECT_EQ_MSG(test, drm_vcm_mmu_translate(c->mmu, va, &a, &e), 0,
			    "va %#llx", va);
	KUNIT_EXPECT_EQ_MSG(test, a, want, "va %#llx", va);
	return e.pgsize;
}

/*
 * Large pages where VRAM is aligned, 4 KiB pages beside them for the
 * unaligned head, for system memory and for misaligned VRAM, all under
 * one dual directory entry; the large-page table goes when its last page
 * does, and its unused entries let the small pages through.
 */
static void vcm_test_nvc0_dual(struct kunit *test)
{
	struct nvc0_ctx c = {};
	struct drm_vcm_mem *vram, *sys, *off;
	const struct drm_vcm_fmt_table *dk;
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	struct drm_vcm_pt *pt;
	u64 span, large, va, lpt, spt, q[2], lq[2];
	unsigned int idx, levels;
	dma_addr_t a;

	nvc0_setup(test, &c);
	dk = &c.f->tables[c.dual];
	span = 1ULL << dk->shift;
	large = 1ULL << c.f->tables[dk->child[0]].shift;
	levels = c.dual + 1;	/* directories from the top down to it */

	vram = drm_vcm_mem_contig(NULL, SZ_4G, span, DEV);
	sys = drm_vcm_mem_contig(NULL, SZ_4G, 2 * large, SYS);
	off = drm_vcm_mem_contig(NULL, SZ_4G + SZ_4K, large, DEV);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(sys) || IS_ERR(off));
	/* One whole dual entry, the second of its table. */
	res = drm_vcm_reserve_at(c.vcm, span, span);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	va = span;

	/* VRAM from 8 KiB below a large page: 2 small pages, 3 large. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, large - SZ_8K, 3 * large +
					   SZ_8K, vram, large - SZ_8K, RW), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + large - SZ_8K,
				      SZ_4G + large - SZ_8K), SZ_4K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + large - 1,
				      SZ_4G + large - 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + large + 5,
				      SZ_4G + large + 5), large);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 4 * large - 1,
				      SZ_4G + 4 * large - 1), large);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + 4 * large, &a,
						    NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + large - SZ_8K -
						    1, &a, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, levels + 2);

	/* The dual entry points at both tables, as the hardware reads it. */
	pt = dual_table(&c, va);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	idx = (va - pt->base) >> dk->shift;
	KUNIT_ASSERT_NOT_NULL(test, pt->child[idx * 2]);
	KUNIT_ASSERT_NOT_NULL(test, pt->child[idx * 2 + 1]);
	read_entry(&c, pt, idx, q);
	dual_addrs(&c, q, &lpt, &spt);
	KUNIT_EXPECT_EQ(test, lpt, pt->child[idx * 2]->buf.addr);
	KUNIT_EXPECT_EQ(test, spt, pt->child[idx * 2 + 1]->buf.addr);
	e = decode(c.f, c.dual, q[0], q[1]);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PDE);
	KUNIT_EXPECT_EQ(test, e.nchild, 2);
	KUNIT_EXPECT_EQ(test, e.addr, lpt);
	KUNIT_EXPECT_EQ(test, e.addr2, spt);
	/* The large page over the small head is 0: "look at the SPT". */
	read_entry(&c, pt->child[idx * 2], 0, lq);
	KUNIT_EXPECT_EQ(test, lq[0], 0);

	/*
	 * Non-coherent, privileged system memory in the same entry: small
	 * pages, aperture 3 and VOL, no new table.
	 */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 8 * large, 2 * large, sys, 0,
					   DRM_VCM_READ | PRIV), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + 9 * large, &a,
						    &e), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + large);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, e.flags & (DRM_VCM_WRITE | DRM_VCM_SNOOP | PRIV),
			PRIV);
	if (c.dual == GF_PD) {
		struct gf100_pte d = gf100_pte(e.raw);

		KUNIT_EXPECT_TRUE(test, d.vol && d.priv && d.ro);
		KUNIT_EXPECT_EQ(test, d.aper, 3);
	} else {
		struct gp100_pte d = gp100_pte(e.raw);

		KUNIT_EXPECT_TRUE(test, d.vol && d.priv && d.ro);
		KUNIT_EXPECT_EQ(test, d.aper, 3);
	}

	/* VRAM 4 KiB off a large page: small pages. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 12 * large, large, off, 0, RW),
			0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 12 * large,
				      SZ_4G + SZ_4K), SZ_4K);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, levels + 2);

	/* The large pages go, and with them the large-page table. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, large - SZ_8K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, va + large, &a,
						    NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, levels + 1);
	KUNIT_EXPECT_NULL(test, pt->child[idx * 2]);
	read_entry(&c, pt, idx, q);
	dual_addrs(&c, q, &lpt, &spt);
	KUNIT_EXPECT_EQ(test, lpt, 0);
	KUNIT_EXPECT_EQ(test, spt, pt->child[idx * 2 + 1]->buf.addr);
	e = decode(c.f, c.dual, q[0], q[1]);
	KUNIT_EXPECT_EQ(test, e.nchild, 1);
	KUNIT_EXPECT_EQ(test, e.child_type[0], dk->child[1]);
	KUNIT_EXPECT_EQ(test, e.addr, spt);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, va + 8 * large, SZ_4G), SZ_4K);

	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 8 * large), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 12 * large), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(vram);
	drm_vcm_mem_put(sys);
	drm_vcm_mem_put(off);
	nvc0_teardown(test, &c);
}

/*
 * gp100's three page sizes: 2 MiB-aligned VRAM is mapped by PD0 itself,
 * 64 KiB-aligned VRAM by the large-page table, system memory by the
 * small-page table.
 */
static void vcm_test_gp100_pages(struct kunit *test)
{
	struct drm_vcm_mem *vram, *vram64k, *sys;
	struct nvc0_ctx c = {};
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	struct drm_vcm_pt *pt;
	dma_addr_t a;
	u64 q[2];

	nvc0_setup(test, &c);
	KUNIT_ASSERT_EQ(test, c.dual, GP_PD0);
	vram = drm_vcm_mem_contig(NULL, SZ_4G, SZ_4M, DEV);
	vram64k = drm_vcm_mem_contig(NULL, SZ_4G + SZ_64K, SZ_4M, DEV);
	sys = drm_vcm_mem_contig(NULL, SZ_4G, SZ_4M, SYS);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vram) || IS_ERR(vram64k) ||
			   IS_ERR(sys));
	res = drm_vcm_reserve_at(c.vcm, SZ_1G + SZ_2M, SZ_4M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	/* Two 2 MiB pages: PD3, PD2, PD1, PD0 and nothing below. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4M, vram, 0, RW), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, SZ_1G + SZ_4M + 7,
						    &a, &e), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + SZ_2M + 7);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_2M);
	KUNIT_EXPECT_EQ(test, e.raw, 0x0000000010020001ULL);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 4);
	pt = dual_table(&c, SZ_1G + SZ_2M);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	read_entry(&c, pt, 1, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x0000000010000001ULL);
	KUNIT_EXPECT_EQ(test, q[1], 0);
	read_entry(&c, pt, 2, q);
	KUNIT_EXPECT_EQ(test, q[0], 0x0000000010020001ULL);
	KUNIT_EXPECT_EQ(test, q[1], 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 1);

	/* 64 KiB-aligned VRAM: 64 KiB pages, an LPT per PD0 entry. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4M, vram64k, 0, RW), 0);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, SZ_1G + SZ_2M + 1,
				      SZ_4G + SZ_64K + 1), SZ_64K);
	KUNIT_EXPECT_EQ(test, page_at(test, &c, SZ_1G + SZ_4M + SZ_2M - 1,
				      SZ_4G + SZ_64K + SZ_4M - 1), SZ_64K);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 6);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 1);

	/* System memory: 4 KiB pages, coherent. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4M, sys, 0, RWS), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(c.mmu, SZ_1G + SZ_2M +
						    SZ_64K, &a, &e), 0);
	KUNIT_EXPECT_EQ(test, a, SZ_4G + SZ_64K);
	KUNIT_EXPECT_EQ(test, e.pgsize, SZ_4K);
	KUNIT_EXPECT_EQ(test, e.raw, 0x000000001000100dULL);
	KUNIT_EXPECT_EQ(test, c.mmu->stats.tables, 6);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(vram);
	drm_vcm_mem_put(vram64k);
	drm_vcm_mem_put(sys);
	nvc0_teardown(test, &c);
}

/*
 * gp100's sparse state: its sparse writer gives VALID clear + VOL (0x8),
 * (0x8, 0) in PD0; an MMU attached as sparse has it in every empty entry;
 * unbound addresses decode as sparse wherever the walk stops, also after
 * an unbind. A plain MMU reads them as invalid; a format without a
 * sparse state refuses.
 */
static void vcm_test_gp100_sparse(struct kunit *test)
{
	const struct drm_vcm_format *f = find(test, "gp100");
	static const u64 holes[] = { SZ_1G + SZ_4K, SZ_1G + SZ_2M, SZ_2G };
	struct drm_vcm_mmu_desc desc = {
		.format = f, .tmem.kind = DRM_VCM_TMEM_SYSTEM, .sparse = true,
	};
	struct drm_vcm_mmu fake = fake_mmu(f), *mmu, *plain;
	struct drm_vcm_mem *sys;
	struct drm_vcm_res *res;
	struct drm_vcm_entry e;
	struct drm_vcm *vcm;
	unsigned int t, i;
	dma_addr_t a;

	fake.sparse = true;
	for (t = GP_PD3; t <= GP_SPT; t++) {
		__le64 buf[2] = { cpu_to_le64(~0ULL), cpu_to_le64(~0ULL) };
		struct gp100_pte d;

		f->sparse(&fake, t, buf, 0, 1);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(buf[0]), 0x8ULL);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(buf[1]),
				t == GP_PD0 ? 0 : ~0ULL);
		d = gp100_pte(le64_to_cpu(buf[0]));
		KUNIT_EXPECT_TRUE(test, !d.valid && d.vol && !d.aper);
		KUNIT_EXPECT_EQ(test, decode(f, t, 0x8, 0).kind,
				DRM_VCM_ENTRY_SPARSE);
	}
	/* A PDE of a host table has VOL too, and an aperture. */
	KUNIT_EXPECT_EQ(test, decode(f, GP_PD1, 0x10000cULL, 0).kind,
			DRM_VCM_ENTRY_PDE);

	vcm = drm_vcm_create(0, SZ_4G);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mmu));
	desc.sparse = false;
	plain = drm_vcm_mmu_attach(vcm, &desc);
	KUNIT_ASSERT_FALSE(test, IS_ERR(plain));
	sys = drm_vcm_mem_contig(NULL, SZ_4G, SZ_64K, SYS);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sys));
	res = drm_vcm_reserve_at(vcm, SZ_1G, SZ_64K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));

	/* Nothing bound: the top table's entry says sparse. */
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_1G, &a, &e),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_SPARSE);
	KUNIT_EXPECT_EQ(test, e.raw, 0x8ULL);

	/* One page: PD3, PD2, PD1, PD0 and an SPT; the rest stays sparse. */
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, sys, 0, RWS), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_1G, &a, &e), 0);
	KUNIT_EXPECT_EQ(test, e.raw, 0x000000001000000dULL);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 5);
	for (i = 0; i < ARRAY_SIZE(holes); i++) {
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, holes[i], &a,
							    &e), -ENOENT);
		KUNIT_EXPECT_EQ_MSG(test, e.kind, DRM_VCM_ENTRY_SPARSE,
				    "va %#llx", holes[i]);
		KUNIT_EXPECT_EQ(test, e.raw, 0x8ULL);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(plain, holes[i], &a,
							    &e), -ENOENT);
		KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_INVALID);
		KUNIT_EXPECT_EQ(test, e.raw, 0);
	}

	/* Unbound again: the tables go, the PD3 entry is sparse again. */
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, 0), 0);
	KUNIT_EXPECT_EQ(test, mmu->stats.tables, 1);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_1G, &a, &e),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_SPARSE);

	desc.format = drm_vcm_format_find("gf100-128k");
	desc.sparse = true;
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)), -EINVAL);

	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(sys);
	drm_vcm_mmu_detach(plain);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

static struct kunit_case vcm_fmt_nvc0_cases[] = {
	KUNIT_CASE(vcm_test_gf100_pte),
	KUNIT_CASE(vcm_test_gf100_pde),
	KUNIT_CASE(vcm_test_gp100_pte),
	KUNIT_CASE(vcm_test_gp100_pde),
	KUNIT_CASE(vcm_test_gf100_geometry),
	KUNIT_CASE(vcm_test_gp100_geometry),
	KUNIT_CASE_PARAM(vcm_test_nvc0_limits, fmt_gen_params),
	KUNIT_CASE_PARAM(vcm_test_nvc0_dual, nvc0_gen_params),
	KUNIT_CASE_PARAM(vcm_test_gp100_pages, gp100_gen_params),
	KUNIT_CASE(vcm_test_gp100_sparse),
	{}
};

static struct kunit_suite vcm_fmt_nvc0_suite = {
	.name = "vcm_fmt_nvc0",
	.test_cases = vcm_fmt_nvc0_cases,
};

kunit_test_suite(vcm_fmt_nvc0_suite);
