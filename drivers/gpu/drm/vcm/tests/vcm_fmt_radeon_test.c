// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the flat 32-bit GART formats: radeon r100-pci, rv370-pcie
 * and rs400-igp, the AGP core's agp-gatt and amd64-gart, and the legacy
 * ati-pcigart-pci/-pcie/-igp. Known-answer vectors are literal words
 * worked out from the documented bit layouts and read back by decoders
 * written here, apart from the format code; then the unbound entry, round
 * trips, and each format's geometry through a real space.
 */

#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "vcm_test.h"

#define RWS	(DRM_VCM_READ | DRM_VCM_WRITE | DRM_VCM_SNOOP)
#define RW	(DRM_VCM_READ | DRM_VCM_WRITE)

/* A dummy page above 4 GiB, for the formats with 40-bit entries. */
#define HIGH_DUMMY	0xab00012000ULL

/* An entry as the test reads it. */
struct fields {
	bool empty;
	u64 addr;
	u32 flags;
};

/* radeon PCIE/IGP access bits: b0 unsnooped, b2 write, b3 read. */
static u32 radeon_access(u32 raw)
{
	u32 f = 0;

	if (raw & 8)
		f |= DRM_VCM_READ;
	if (raw & 4)
		f |= DRM_VCM_WRITE;
	if (!(raw & 1))
		f |= DRM_VCM_SNOOP;
	return f;
}

/* rv370: address bits 12-31 in entry bits 4-23, 32-39 in 24-31. */
static u64 rv370_addr(u32 raw)
{
	return (u64)((raw >> 4) & 0xfffff) << 12 | (u64)(raw >> 24) << 32;
}

/* rs400 and amd64: bits 12-31 in place, 32-39 in entry bits 4-11. */
static u64 rs400_addr(u32 raw)
{
	return (raw & 0xfffff000U) | (u64)((raw >> 4) & 0xff) << 32;
}

static struct fields read_r100(u32 raw, u64 dummy)
{
	u64 a = raw & ~0xfffULL;

	return (struct fields){ a == dummy, a, RWS };
}

static struct fields read_rv370(u32 raw, u64 dummy)
{
	u64 a = rv370_addr(raw);

	return (struct fields){ !(raw & 0xc) && a == dummy, a,
				radeon_access(raw) };
}

static struct fields read_rs400(u32 raw, u64 dummy)
{
	u64 a = rs400_addr(raw);

	return (struct fields){ !(raw & 0xc) && a == dummy, a,
				radeon_access(raw) };
}

/* Generic GATT: address | 0x1; empty is 0 or the scratch entry. */
static struct fields read_agp(u32 raw, u64 dummy)
{
	u64 a = raw & ~0xfffULL;

	return (struct fields){ !(raw & 1) || a == dummy, a, RW };
}

/* AMD64: b0 valid, b1 coherent. */
static struct fields read_amd64(u32 raw, u64 dummy)
{
	return (struct fields){ !(raw & 1), rs400_addr(raw),
				RW | (raw & 2 ? DRM_VCM_SNOOP : 0) };
}

static struct fields read_ati_pci(u32 raw, u64 dummy)
{
	return (struct fields){ !raw, raw & ~0xfffULL, RWS };
}

static struct fields read_ati_pcie(u32 raw, u64 dummy)
{
	return (struct fields){ !raw, rv370_addr(raw), radeon_access(raw) };
}

static struct fields read_ati_igp(u32 raw, u64 dummy)
{
	return (struct fields){ !raw, rs400_addr(raw), radeon_access(raw) };
}

struct kat {
	u64 addr;
	u32 flags;
	u32 raw;
};

struct gart_case {
	const char *name;
	struct fields (*read)(u32 raw, u64 dummy);
	const struct kat *kats;
	unsigned int nkats;
	/* Flags the entry records, and flags every entry grants. */
	u32 kept, fixed;
	/* Unbound entry for VCM_TEST_DUMMY, and for HIGH_DUMMY (40-bit). */
	u32 unbound, unbound_high;
	u8 bits, pa_bits;
};

static const struct kat r100_kats[] = {
	{ 0x12345000, RWS, 0x12345000 },
	{ 0x12345000, 0, 0x12345000 },
	{ 0xfffff000, DRM_VCM_READ, 0xfffff000 },
	{ 0x1000, DRM_VCM_WRITE, 0x00001000 },
};

static const struct kat rv370_kats[] = {
	{ 0xabcdef1000ULL, RWS, 0xabcdef1c },
	{ 0xabcdef1000ULL, DRM_VCM_READ, 0xabcdef19 },
	{ 0x1000, 0, 0x00000011 },
	{ 0xff00000000ULL, DRM_VCM_WRITE | DRM_VCM_SNOOP, 0xff000004 },
	{ 0xfffff000, RW, 0x00fffffd },
};

static const struct kat rs400_kats[] = {
	{ 0xabcdef1000ULL, RWS, 0xcdef1abc },
	{ 0xabcdef1000ULL, DRM_VCM_READ, 0xcdef1ab9 },
	{ 0x1000, 0, 0x00001001 },
	{ 0xff00000000ULL, DRM_VCM_WRITE | DRM_VCM_SNOOP, 0x00000ff4 },
	{ 0xfffff000, RW, 0xfffff00d },
};

static const struct kat agp_kats[] = {
	{ 0x12345000, RWS, 0x12345001 },
	{ 0x12345000, 0, 0x12345001 },
	{ 0xfffff000, DRM_VCM_READ, 0xfffff001 },
	{ 0x1000, DRM_VCM_WRITE, 0x00001001 },
};

static const struct kat amd64_kats[] = {
	{ 0xabcdef1000ULL, RWS, 0xcdef1ab3 },
	{ 0xabcdef1000ULL, DRM_VCM_READ, 0xcdef1ab3 },
	{ 0x1000, 0, 0x00001003 },
	{ 0xff00000000ULL, DRM_VCM_WRITE, 0x00000ff3 },
	{ 0xfffff000, RW, 0xfffff003 },
};

static const struct kat ati_pci_kats[] = {
	{ 0x12345000, RWS, 0x12345000 },
	{ 0x12345000, 0, 0x12345000 },
	{ 0xfffff000, DRM_VCM_READ, 0xfffff000 },
	{ 0x1000, DRM_VCM_WRITE, 0x00001000 },
};

static const struct kat ati_pcie_kats[] = {
	{ 0x12345000, RWS, 0x0012345c },
	{ 0x12345000, 0, 0x0012345c },
	{ 0xfffff000, DRM_VCM_READ, 0x00fffffc },
	{ 0x1000, DRM_VCM_WRITE, 0x0000001c },
};

static const struct kat ati_igp_kats[] = {
	{ 0x12345000, RWS, 0x1234500c },
	{ 0x12345000, 0, 0x1234500c },
	{ 0xfffff000, DRM_VCM_READ, 0xfffff00c },
	{ 0x1000, DRM_VCM_WRITE, 0x0000100c },
};

static const struct gart_case gart_cases[] = {
	{
		.name = "r100-pci", .read = read_r100,
		.kats = r100_kats, .nkats = ARRAY_SIZE(r100_kats),
		.kept = 0, .fixed = RWS,
		.unbound = 0x007ff000, .unbound_high = 0,
		.bits = 20, .pa_bits = 32,
	},
	{
		.name = "rv370-pcie", .read = read_rv370,
		.kats = rv370_kats, .nkats = ARRAY_SIZE(rv370_kats),
		.kept = RWS, .fixed = 0,
		.unbound = 0x00007ff1, .unbound_high = 0xab000121,
		.bits = 20, .pa_bits = 40,
	},
	{
		.name = "rs400-igp", .read = read_rs400,
		.kats = rs400_kats, .nkats = ARRAY_SIZE(rs400_kats),
		.kept = RWS, .fixed = 0,
		.unbound = 0x007ff001, .unbound_high = 0x00012ab1,
		.bits = 19, .pa_bits = 40,
	},
	{
		.name = "agp-gatt", .read = read_agp,
		.kats = agp_kats, .nkats = ARRAY_SIZE(agp_kats),
		.kept = 0, .fixed = RW,
		.unbound = 0x007ff001, .unbound_high = 0,
		.bits = 20, .pa_bits = 32,
	},
	{
		.name = "amd64-gart", .read = read_amd64,
		.kats = amd64_kats, .nkats = ARRAY_SIZE(amd64_kats),
		.kept = 0, .fixed = RWS,
		.unbound = 0x007ff000, .unbound_high = 0x00012000,
		.bits = 19, .pa_bits = 40,
	},
	{
		.name = "ati-pcigart-pci", .read = read_ati_pci,
		.kats = ati_pci_kats, .nkats = ARRAY_SIZE(ati_pci_kats),
		.kept = 0, .fixed = RWS,
		.unbound = 0, .unbound_high = 0,
		.bits = 20, .pa_bits = 32,
	},
	{
		.name = "ati-pcigart-pcie", .read = read_ati_pcie,
		.kats = ati_pcie_kats, .nkats = ARRAY_SIZE(ati_pcie_kats),
		.kept = 0, .fixed = RWS,
		.unbound = 0, .unbound_high = 0,
		.bits = 20, .pa_bits = 32,
	},
	{
		.name = "ati-pcigart-igp", .read = read_ati_igp,
		.kats = ati_igp_kats, .nkats = ARRAY_SIZE(ati_igp_kats),
		.kept = 0, .fixed = RWS,
		.unbound = 0, .unbound_high = 0,
		.bits = 20, .pa_bits = 32,
	},
};

static void gart_case_desc(const struct gart_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gart, gart_cases, gart_case_desc);

static const struct drm_vcm_format *case_format(struct kunit *test,
						const struct gart_case *c)
{
	const struct drm_vcm_format *f = drm_vcm_format_find(c->name);

	KUNIT_ASSERT_NOT_NULL_MSG(test, f, "%s not registered", c->name);
	return f;
}

static u32 encode(struct kunit *test, const struct drm_vcm_format *f,
		  u64 dummy, u64 addr, u32 flags)
{
	struct drm_vcm_mmu mmu = { .format = f, .dummy_addr = dummy };
	struct drm_vcm_seg seg = { addr, SZ_4K };
	struct drm_vcm_pte_run run = {
		.seg = &seg,
		.pgsize = SZ_4K,
		.flags = flags,
		.loc = DRM_VCM_LOC_SYSTEM,
	};
	__le32 out[2] = { cpu_to_le32(0xdeadbeef), cpu_to_le32(0xdeadbeef) };

	f->write_ptes(&mmu, 0, out, 0, 1, &run);
	/* One entry written, exactly 4 bytes, and the cursor moved past it. */
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out[1]), 0xdeadbeef);
	KUNIT_EXPECT_PTR_EQ(test, run.seg, &seg + 1);
	return le32_to_cpu(out[0]);
}

static u32 unbound(struct kunit *test, const struct drm_vcm_format *f,
		   u64 dummy)
{
	struct drm_vcm_mmu mmu = { .format = f, .dummy_addr = dummy };
	__le32 out[3] = { 0, 0, cpu_to_le32(0xdeadbeef) };

	f->clear(&mmu, 0, out, 0, 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(out[2]), 0xdeadbeef);
	KUNIT_EXPECT_EQ(test, out[0], out[1]);
	return le32_to_cpu(out[0]);
}

static struct drm_vcm_entry decode(const struct drm_vcm_format *f, u64 dummy,
				   u32 raw)
{
	struct drm_vcm_mmu mmu = { .format = f, .dummy_addr = dummy };
	__le32 in = cpu_to_le32(raw);
	struct drm_vcm_entry e = {};

	f->decode(&mmu, 0, &in, 0, &e);
	return e;
}

/* What an entry for a bind with @flags grants. */
static u32 granted(const struct gart_case *c, u32 flags)
{
	return (flags & c->kept) | c->fixed;
}

static void vcm_fmt_gart_kat(struct kunit *test)
{
	const struct gart_case *c = test->param_value;
	const struct drm_vcm_format *f = case_format(test, c);
	unsigned int i;

	for (i = 0; i < c->nkats; i++) {
		const struct kat *k = &c->kats[i];
		u32 raw = encode(test, f, VCM_TEST_DUMMY, k->addr, k->flags);
		struct fields d = c->read(k->raw, VCM_TEST_DUMMY);
		struct drm_vcm_entry e = decode(f, VCM_TEST_DUMMY, k->raw);

		KUNIT_EXPECT_EQ_MSG(test, raw, k->raw, "vector %u", i);
		/* The literal word, read by this file's decoder... */
		KUNIT_EXPECT_FALSE_MSG(test, d.empty, "vector %u", i);
		KUNIT_EXPECT_EQ_MSG(test, d.addr, k->addr, "vector %u", i);
		KUNIT_EXPECT_EQ_MSG(test, d.flags, granted(c, k->flags),
				    "vector %u", i);
		/* ...and by the format's. */
		KUNIT_EXPECT_EQ_MSG(test, e.kind, DRM_VCM_ENTRY_PTE,
				    "vector %u", i);
		KUNIT_EXPECT_EQ_MSG(test, e.addr, k->addr, "vector %u", i);
		KUNIT_EXPECT_EQ_MSG(test, e.flags, granted(c, k->flags),
				    "vector %u", i);
		KUNIT_EXPECT_EQ(test, e.raw, k->raw);
		KUNIT_EXPECT_EQ(test, e.loc, DRM_VCM_LOC_SYSTEM);
	}
}

static void vcm_fmt_gart_unbound(struct kunit *test)
{
	const struct gart_case *c = test->param_value;
	const struct drm_vcm_format *f = case_format(test, c);
	u32 raw = unbound(test, f, VCM_TEST_DUMMY);

	KUNIT_EXPECT_EQ(test, raw, c->unbound);
	KUNIT_EXPECT_TRUE(test, c->read(raw, VCM_TEST_DUMMY).empty);
	KUNIT_EXPECT_EQ(test, decode(f, VCM_TEST_DUMMY, raw).kind,
			DRM_VCM_ENTRY_INVALID);
	if (c->pa_bits > 32) {
		raw = unbound(test, f, HIGH_DUMMY);
		KUNIT_EXPECT_EQ(test, raw, c->unbound_high);
		KUNIT_EXPECT_TRUE(test, c->read(raw, HIGH_DUMMY).empty);
		KUNIT_EXPECT_EQ(test, decode(f, HIGH_DUMMY, raw).kind,
				DRM_VCM_ENTRY_INVALID);
	}
	/* An entry mapping a real page is not mistaken for the unbound one. */
	raw = encode(test, f, VCM_TEST_DUMMY, VCM_TEST_DUMMY + SZ_4K, 0);
	KUNIT_EXPECT_FALSE(test, c->read(raw, VCM_TEST_DUMMY).empty);
	KUNIT_EXPECT_EQ(test, decode(f, VCM_TEST_DUMMY, raw).kind,
			DRM_VCM_ENTRY_PTE);
}

/* Encode, then decode both ways, over addresses and every flag set. */
static void vcm_fmt_gart_round_trip(struct kunit *test)
{
	const struct gart_case *c = test->param_value;
	const struct drm_vcm_format *f = case_format(test, c);
	const u64 addrs[] = {
		SZ_4K, 0x7ffff000, 0xfffff000, BIT_ULL(c->pa_bits) - SZ_4K,
		0x5a5a5a5000ULL, SZ_4G, 0xa5a5a5a000ULL,
	};
	unsigned int i;
	u32 flags;

	for (i = 0; i < ARRAY_SIZE(addrs); i++) {
		if (addrs[i] >> c->pa_bits)
			continue;
		for (flags = 0; flags <= RWS; flags++) {
			u32 raw = encode(test, f, VCM_TEST_DUMMY, addrs[i], flags);
			struct drm_vcm_entry e = decode(f, VCM_TEST_DUMMY, raw);
			struct fields d = c->read(raw, VCM_TEST_DUMMY);

			KUNIT_EXPECT_EQ(test, e.kind, DRM_VCM_ENTRY_PTE);
			KUNIT_EXPECT_EQ_MSG(test, e.addr, addrs[i],
					    "flags %#x", flags);
			KUNIT_EXPECT_EQ_MSG(test, e.flags, granted(c, flags),
					    "addr %#llx", addrs[i]);
			KUNIT_EXPECT_FALSE(test, d.empty);
			KUNIT_EXPECT_EQ(test, d.addr, addrs[i]);
			KUNIT_EXPECT_EQ(test, d.flags, e.flags);
		}
	}
}

/* The descriptor, then a real space: table size, entries, limits. */
static void vcm_fmt_gart_geometry(struct kunit *test)
{
	const struct gart_case *c = test->param_value;
	const struct drm_vcm_format *f = case_format(test, c);
	const struct drm_vcm_fmt_table *t = &f->tables[0];
	const struct kat *k = &c->kats[0];
	struct drm_vcm_mmu_desc desc = { .format = f };
	struct vcm_test_mmu st = {};
	struct drm_vcm_mem *mem, *high, *vram;
	struct drm_vcm_entry e;
	struct drm_vcm_mmu *mmu;
	struct drm_vcm_res *res;
	struct drm_vcm *vcm;
	dma_addr_t a;

	KUNIT_EXPECT_EQ(test, f->ntables, 1);
	KUNIT_EXPECT_EQ(test, f->flags & ~DRM_VCM_FMT_UNCACHED_TABLES,
			DRM_VCM_FMT_RELATIVE | DRM_VCM_FMT_SIZED_TOP);
	/* Only the IGP GART reads its table without snooping. */
	KUNIT_EXPECT_EQ(test, !!(f->flags & DRM_VCM_FMT_UNCACHED_TABLES),
			!strcmp(f->name, "rs400-igp"));
	KUNIT_EXPECT_EQ(test, f->va_bits, 32);
	KUNIT_EXPECT_EQ(test, f->pa_bits, c->pa_bits);
	KUNIT_EXPECT_EQ(test, f->fmt_flags, 0);
	KUNIT_EXPECT_EQ(test, t->entry_size, 4);
	KUNIT_EXPECT_EQ(test, t->shift, 12);
	KUNIT_EXPECT_EQ(test, t->bits, c->bits);
	KUNIT_EXPECT_EQ(test, t->align, 4096);
	KUNIT_EXPECT_TRUE(test, t->leaf);
	KUNIT_EXPECT_EQ(test, t->nchild, 0);
	KUNIT_EXPECT_EQ(test, t->locs, BIT(DRM_VCM_LOC_SYSTEM));

	/* A 64 MiB aperture at 256 MiB: 16384 entries of 4 bytes. */
	vcm = drm_vcm_create(SZ_256M, SZ_64M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = vcm_test_attach(test, vcm, f, &st);
	KUNIT_EXPECT_EQ(test, mmu->top_entries, SZ_64M / SZ_4K);
	KUNIT_EXPECT_EQ(test, mmu->stats.table_bytes, SZ_64M / SZ_4K * 4);

	/* The first vector, through the engine: the same word in the table. */
	mem = drm_vcm_mem_contig(NULL, k->addr, SZ_4K, DRM_VCM_LOC_SYSTEM);
	high = drm_vcm_mem_contig(NULL, BIT_ULL(c->pa_bits), SZ_4K,
				  DRM_VCM_LOC_SYSTEM);
	vram = drm_vcm_mem_contig(NULL, SZ_1G, SZ_4K, DRM_VCM_LOC_DEVICE);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem) || IS_ERR(high) || IS_ERR(vram));
	res = drm_vcm_reserve_at(vcm, SZ_256M + SZ_64M - SZ_8K, SZ_8K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(res));
	KUNIT_ASSERT_EQ(test, drm_vcm_bind(res, SZ_4K, SZ_4K, mem, 0, k->flags),
			0);
	KUNIT_ASSERT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_256M + SZ_64M - 1,
						    &a, &e), 0);
	KUNIT_EXPECT_EQ(test, a, k->addr + SZ_4K - 1);
	KUNIT_EXPECT_EQ(test, e.raw, k->raw);
	KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, SZ_256M + SZ_64M -
						    SZ_8K, &a, &e), -ENOENT);

	/* Wider than the entries hold, or not system memory: refused. */
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, high, 0, RWS),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_bind(res, 0, SZ_4K, vram, 0, RWS),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, drm_vcm_unbind(res, SZ_4K), 0);
	KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(res), 0);
	drm_vcm_mem_put(mem);
	drm_vcm_mem_put(high);
	drm_vcm_mem_put(vram);
	drm_vcm_mmu_detach(mmu);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);

	/* One page more than the table or the VA reaches: refused. */
	vcm = drm_vcm_create(0, BIT_ULL(c->bits + 12) + SZ_4K);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	KUNIT_EXPECT_EQ(test, PTR_ERR(drm_vcm_mmu_attach(vcm, &desc)),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
}

/*
 * rs400 apertures come in seven sizes, 32 MiB to 2 GiB. The format states
 * the largest; each size must work, first and last page included.
 */
static void vcm_fmt_gart_rs400_sizes(struct kunit *test)
{
	const struct drm_vcm_format *f = drm_vcm_format_find("rs400-igp");
	struct drm_vcm_mem *mem;
	u64 size;

	KUNIT_ASSERT_NOT_NULL(test, f);
	mem = drm_vcm_mem_contig(NULL, 0xab00000000ULL, SZ_4K,
				 DRM_VCM_LOC_SYSTEM);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mem));
	for (size = SZ_32M; size <= SZ_2G; size <<= 1) {
		u64 start = SZ_4G - size, last = start + size - SZ_4K;
		struct vcm_test_mmu st = {};
		struct drm_vcm_res *first_res, *last_res;
		struct drm_vcm_entry e;
		struct drm_vcm_mmu *mmu;
		struct drm_vcm *vcm;
		dma_addr_t a;

		/* At the top of the 32-bit MC space, as high as it goes. */
		vcm = drm_vcm_create(start, size);
		KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
		mmu = vcm_test_attach(test, vcm, f, &st);
		KUNIT_EXPECT_EQ(test, mmu->top_entries, size / SZ_4K);
		first_res = drm_vcm_reserve_at(vcm, start, SZ_4K);
		last_res = drm_vcm_reserve_at(vcm, last, SZ_4K);
		KUNIT_ASSERT_FALSE(test, IS_ERR(first_res) || IS_ERR(last_res));
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(first_res, 0, SZ_4K, mem, 0,
						   RWS), 0);
		KUNIT_ASSERT_EQ(test, drm_vcm_bind(last_res, 0, SZ_4K, mem, 0,
						   DRM_VCM_READ), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, start, &a, &e),
				0);
		KUNIT_EXPECT_EQ(test, a, 0xab00000000ULL);
		KUNIT_EXPECT_EQ(test, e.raw, 0x00000abc);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, last + 5, &a,
							    &e), 0);
		KUNIT_EXPECT_EQ(test, a, 0xab00000005ULL);
		KUNIT_EXPECT_EQ(test, e.raw, 0x00000ab9);
		KUNIT_EXPECT_EQ(test, drm_vcm_mmu_translate(mmu, start + SZ_4K,
							    &a, &e), -ENOENT);
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(first_res, 0), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unbind(last_res, 0), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(first_res), 0);
		KUNIT_EXPECT_EQ(test, drm_vcm_unreserve(last_res), 0);
		drm_vcm_mmu_detach(mmu);
		KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
	}
	drm_vcm_mem_put(mem);
}

static struct kunit_case vcm_fmt_gart_cases[] = {
	KUNIT_CASE_PARAM(vcm_fmt_gart_kat, gart_gen_params),
	KUNIT_CASE_PARAM(vcm_fmt_gart_unbound, gart_gen_params),
	KUNIT_CASE_PARAM(vcm_fmt_gart_round_trip, gart_gen_params),
	KUNIT_CASE_PARAM(vcm_fmt_gart_geometry, gart_gen_params),
	KUNIT_CASE(vcm_fmt_gart_rs400_sizes),
	{}
};

static struct kunit_suite vcm_fmt_gart_suite = {
	.name = "vcm_fmt_gart",
	.test_cases = vcm_fmt_gart_cases,
};

kunit_test_suite(vcm_fmt_gart_suite);
