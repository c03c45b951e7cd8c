/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * What the two suites of nouveau's Fermi and Pascal formats share
 * (vcm_fmt_nvc0_test.c: the entries and geometry;
 * vcm_fmt_nvc0_engine_test.c: the dual page tables through the engine):
 * the table kinds, the format found by name and its own decoder on a fake
 * MMU, and decoders of the documented gf100 and gp100 bit layouts,
 * written apart from the format code.
 */
#ifndef __VCM_FMT_NVC0_H__
#define __VCM_FMT_NVC0_H__

#include <linux/bits.h>
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

static inline struct drm_vcm_mmu fake_mmu(const struct drm_vcm_format *f)
{
	return (struct drm_vcm_mmu){ .format = f, .dummy_addr = VCM_TEST_DUMMY };
}

/*
 * gp100 needs an engine that walks nchild == 1 directories above a leaf
 * directory; until it is registered, its cases are skipped, not failed.
 */
static inline const struct drm_vcm_format *find(struct kunit *test,
						const char *n)
{
	const struct drm_vcm_format *f = drm_vcm_format_find(n);

	if (!f && !strcmp(n, "gp100"))
		kunit_skip(test, "gp100 is not registered");
	KUNIT_ASSERT_NOT_NULL(test, f);
	return f;
}

static inline struct drm_vcm_entry decode(const struct drm_vcm_format *f,
					  unsigned int type, u64 q0, u64 q1)
{
	struct drm_vcm_mmu mmu = fake_mmu(f);
	__le64 buf[2] = { cpu_to_le64(q0), cpu_to_le64(q1) };
	struct drm_vcm_entry e = {};

	f->decode(&mmu, type, buf, 0, &e);
	return e;
}

/*
 * gf100 PTE: V b0, PRIV b1, RO b2, address bits 12-39 in b4-31, VOL b32,
 * aperture b33-34, kind b36-43.
 */
struct gf100_pte {
	bool valid, priv, ro, vol;
	unsigned int aper, kind;
	u64 addr;
};

static inline struct gf100_pte gf100_pte(u64 raw)
{
	return (struct gf100_pte){
		.valid = raw & 1, .priv = (raw >> 1) & 1, .ro = (raw >> 2) & 1,
		.addr = ((raw >> 4) & 0xfffffffULL) << 12,
		.vol = (raw >> 32) & 1, .aper = (raw >> 33) & 3,
		.kind = (raw >> 36) & 0xff,
	};
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

static inline void gf100_pde(u64 raw, struct nv_pde *lpt,
			     struct nv_pde *spt)
{
	lpt->aper = raw & 3;
	lpt->addr = ((raw >> 4) & 0xfffffffULL) << 12;
	lpt->vol = (raw >> 35) & 1;
	spt->aper = (raw >> 32) & 3;
	spt->addr = (raw >> 36) << 12;
	spt->vol = (raw >> 34) & 1;
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

static inline struct gp100_pte gp100_pte(u64 raw)
{
	return (struct gp100_pte){
		.valid = raw & 1, .aper = (raw >> 1) & 3,
		.vol = (raw >> 3) & 1, .priv = (raw >> 5) & 1,
		.ro = (raw >> 6) & 1,
		.addr = ((raw >> 8) & (BIT_ULL(35) - 1)) << 12,
		.kind = raw >> 56,
	};
}

static inline struct nv_pde gp100_pde(u64 raw)
{
	return (struct nv_pde){
		.aper = (raw >> 1) & 3, .vol = (raw >> 3) & 1,
		.addr = ((raw >> 4) & (BIT_ULL(39) - 1)) << 8,
	};
}

#endif /* __VCM_FMT_NVC0_H__ */
