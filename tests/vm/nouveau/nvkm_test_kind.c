// SPDX-License-Identifier: GPL-2.0
/*
 * nvkm_vcm_test's cases of nouveau's formats with storage kinds and
 * compression tags: nv50 (vmmnv50.c) and gp100 (vmmgp100.c, with the
 * vmmgf100.c it shares code with), driven through their descriptors'
 * mem, dma and sgl callbacks with map->type and map->ctag built as their
 * valid() callbacks build them (which need an MMU's kind table and tag
 * allocator, not stood in for), and every entry read back by decoders
 * written here from the documented layouts.
 */
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/vmalloc.h>

#include "nvkm_test.h"

#include <core/mm.h>
#include <engine/gr.h>
#include <subdev/ltc.h>
#include <subdev/timer.h>

/*
 * What vmmnv50.c links against and these tests never reach: its flush
 * (GPU registers and timer), the GR TLB workaround, and compression tag
 * allocation in nv50_vmm_valid(), whose result the tests build by hand.
 */
const char *nvkm_subdev_type[NVKM_SUBDEV_NR];

int nvkm_gr_tlb_flush(struct nvkm_gr *gr)
{
	return -ENODEV;
}

void nvkm_timer_wait_init(struct nvkm_device *device, u64 nsec,
			  struct nvkm_timer_wait *wait)
{
}

s64 nvkm_timer_wait_test(struct nvkm_timer_wait *wait)
{
	return -ETIMEDOUT;
}

int nvkm_memory_tags_get(struct nvkm_memory *memory, struct nvkm_device *device,
			 u32 tags, void (*clear)(struct nvkm_device *, u32, u32),
			 struct nvkm_tags **ptags)
{
	return -ENOSPC;
}

/* What vmmgf100.c and vmmgp100.c link against and the tests never reach. */
int nvkm_gr_ctxsw_pause(struct nvkm_device *device)
{
	return -ENODEV;
}

int nvkm_gr_ctxsw_resume(struct nvkm_device *device)
{
	return -ENODEV;
}

u32 nvkm_gr_ctxsw_inst(struct nvkm_device *device)
{
	return 0;
}

void nvkm_ltc_tags_clear(struct nvkm_device *device, u32 first, u32 count)
{
}

/*
 * nv50, from the layout: V b0, RO b3, aperture b4-5, PRIV b6, block log2
 * b7-9, address b12-39, kind b40-46, compression mode b47-48, tag b49-63.
 * Entry @i of a block maps the block's address plus its place, and its
 * tag plus its place times the mode.
 */
struct nv50_ent {
	u64 addr;	/* 0: nothing */
	u32 kind, comp, tag, aper, ro, priv;
};

static struct nv50_ent nv50_decode(u64 raw, u32 i, u64 pgsize)
{
	struct nv50_ent e = {};
	u32 place;

	if (!(raw & 1))
		return e;
	place = i & (BIT((raw >> 7) & 7) - 1);
	e.addr = (raw & GENMASK_ULL(39, 12)) + place * pgsize;
	e.ro = (raw >> 3) & 1;
	e.aper = (raw >> 4) & 3;
	e.priv = (raw >> 6) & 1;
	e.kind = (raw >> 40) & 0x7f;
	e.comp = (raw >> 47) & 3;
	e.tag = (raw >> 49) + (e.comp ? place * e.comp : 0);
	return e;
}

struct nv50_fix {
	struct nvkm_vmm *vmm;
	struct nvkm_mmu_pt *pt;
	struct tmem *t;
	const struct nvkm_vmm_desc_func *func;
	u32 n;
	struct nv50_ent *exp;
};

static u64 nv50_raw(struct nv50_fix *f, u32 i)
{
	return (u64)f->t->words[2 * i + 1] << 32 | f->t->words[2 * i];
}

static void nv50_check(struct nv50_fix *f, u64 pgsize, const char *step)
{
	char why[128] = "";
	u32 i;

	if (f->t->bad)
		snprintf(why, sizeof(why), "%u table accesses out of bounds or unmapped",
			 f->t->bad);
	for (i = 0; i < f->n && !why[0]; i++) {
		struct nv50_ent got = nv50_decode(nv50_raw(f, i), i, pgsize);

		if (memcmp(&got, &f->exp[i], sizeof(got)))
			snprintf(why, sizeof(why),
				 "entry %u: %#llx kind %#x comp %u tag %#x aper %u, want %#llx kind %#x comp %u tag %#x aper %u",
				 i, got.addr, got.kind, got.comp, got.tag, got.aper,
				 f->exp[i].addr, f->exp[i].kind, f->exp[i].comp,
				 f->exp[i].tag, f->exp[i].aper);
	}
	if (!why[0] && f->t->maps)
		snprintf(why, sizeof(why), "table left mapped (%d)", f->t->maps);
	nvkm_test_result(!why[0], "nv50", step, why);
}

/* map->type and map->ctag as nv50_vmm_valid() builds them. */
static void nv50_args(struct nvkm_vmm_map *map, u32 aper, u32 kind, u32 comp,
		      u32 tag, u64 stolen)
{
	map->type = 1 | (u64)aper << 4 | (u64)kind << 40 | stolen;
	map->ctag = 0;
	if (comp) {
		map->ctag = (u64)comp << 49;
		map->type |= (u64)comp << 47 | (u64)tag << 49;
	}
}

/*
 * VRAM from a chain of nvkm_mm nodes (4 KiB units): @nnode nodes of @len
 * pages of @pgsize each, mapped in two calls split at @split, as the
 * walker does across tables; the tags go on from the first call.
 */
static void nv50_mem(struct nv50_fix *f, const struct nvkm_vmm_page *page,
		     u32 ptei, u32 nnode, u32 len, u32 split, u32 kind, u32 comp,
		     u32 tag, u64 stolen)
{
	struct nvkm_vmm_map map = { .page = page };
	struct nvkm_mm_node node[4] = {};
	u32 i, k, n = 0, units = BIT(page->shift - 12);

	for (i = 0; i < nnode; i++) {
		node[i].offset = (0x40000 + i * 0x3000) & ~(units - 1);
		node[i].length = len * units;
		node[i].next = i + 1 < nnode ? &node[i + 1] : NULL;
		for (k = 0; k < len; k++, n++) {
			struct nv50_ent *e = &f->exp[ptei + n];

			*e = (struct nv50_ent){
				.addr = stolen + ((u64)node[i].offset << 12) +
					((u64)k << page->shift),
				.kind = kind, .comp = comp,
				.tag = comp ? tag + n * comp : 0,
				.aper = stolen ? 3 : 0,
			};
		}
	}
	nv50_args(&map, stolen ? 3 : 0, kind, comp, tag, stolen);
	map.mem = node;
	f->func->mem(f->vmm, f->pt, ptei, split, &map);
	f->func->mem(f->vmm, f->pt, ptei + split, n - split, &map);
	if (comp && map.type >> 49 != tag + n * comp)
		f->t->bad++;
}

/* Host pages, coherent: 4 KiB pages from DMA addresses or a scatterlist. */
static void nv50_host(struct nv50_fix *f, const struct nvkm_vmm_page *page,
		      u32 ptei, u32 ptes, bool sgl)
{
	struct nvkm_vmm_map map = { .page = page };
	struct scatterlist sg[3];
	dma_addr_t dma[16];
	u32 i;

	for (i = 0; i < ptes && i < ARRAY_SIZE(dma); i++) {
		dma[i] = 0x2000000ULL + (u64)((i * 7) % 16) * SZ_64K +
			 (sgl ? 0 : i * SZ_4K);
		if (sgl)
			dma[i] = 0x3000000ULL + (u64)i * SZ_4K +
				 (i >= 5 ? SZ_1M : 0);
		f->exp[ptei + i] = (struct nv50_ent){ .addr = dma[i], .aper = 2,
						      .kind = 0x7f, .ro = 1 };
	}
	nv50_args(&map, 2, 0x7f, 0, 0, 0);
	map.type |= BIT(3);	/* read-only */
	if (!sgl) {
		map.dma = dma;
		f->func->dma(f->vmm, f->pt, ptei, ptes, &map);
		return;
	}
	/* Two pieces of 5 and ptes - 5 pages, in calls split at 3. */
	sg_init_table(sg, 2);
	sg_dma_address(&sg[0]) = dma[0];
	sg_dma_len(&sg[0]) = 5 * SZ_4K;
	sg_dma_address(&sg[1]) = dma[5];
	sg_dma_len(&sg[1]) = (ptes - 5) * SZ_4K;
	map.sgl = sg;
	f->func->sgl(f->vmm, f->pt, ptei, 3, &map);
	f->func->sgl(f->vmm, f->pt, ptei + 3, ptes - 3, &map);
}

void nvkm_test_nv50(struct nvkm_mmu *mmu)
{
	struct nv50_fix f = {};
	const struct nvkm_vmm_page *p64, *p4;
	struct nvkm_vmm_map map;
	struct nvkm_mm_node node = { .offset = 0x123450, .length = 16 };
	int ret;

	ret = nv50_vmm_new(mmu, false, 0, SZ_1G, NULL, 0, NULL, "nv50", &f.vmm);
	if (ret || !f.vmm) {
		nvkm_test_result(false, "nv50", "create", "constructor failed");
		goto out;
	}
	p64 = &f.vmm->func->page[0];
	p4 = &f.vmm->func->page[1];
	f.pt = f.vmm->pd->pt[0];
	f.t = to_tmem(f.pt->memory);
	f.func = p64->desc->func;
	f.n = f.t->size / 8;
	nvkm_test_result(f.vmm->vcm.format && !strcmp(f.vmm->vcm.format->name, "nv50") &&
			 p64->shift == 16 && p4->shift == 12 && p4->desc->func == f.func,
			 "nv50", "create", "the VMM names no VCM format nv50");
	f.exp = vcalloc(f.n, sizeof(*f.exp));
	if (!f.exp) {
		nvkm_test_fail++;
		goto out;
	}

	/* One 64 KiB page: kind 0x70, mode 2, tag 0x100; worked by hand. */
	memset(&map, 0, sizeof(map));
	map.page = p64;
	map.mem = &node;
	nv50_args(&map, 0, 0x70, 2, 0x100, 0);
	f.func->mem(f.vmm, f.pt, 3, 1, &map);
	nvkm_test_result(nv50_raw(&f, 3) == 0x0201700123450001ULL, "nv50",
			 "known-answer", "entry words differ");
	f.func->unmap(f.vmm, f.pt, 3, 1);
	nv50_check(&f, SZ_64K, "initial");

	nv50_mem(&f, p64, 5, 3, 13, 17, 0x0a, 1, 7, 0);
	nv50_check(&f, SZ_64K, "mem-blocks-tags");
	nv50_mem(&f, p64, 64, 2, 40, 33, 0x2b, 3, 0x7000, 0);
	nv50_check(&f, SZ_64K, "mem-mode3-split");
	nv50_mem(&f, p64, 200, 1, 8, 8, 0, 0, 0, 0);
	nv50_check(&f, SZ_64K, "mem-pitch");
	f.func->unmap(f.vmm, f.pt, 64, 40);
	memset(&f.exp[64], 0, 40 * sizeof(*f.exp));
	nv50_check(&f, SZ_64K, "unmap-64k");

	/* The same code for 4 KiB pages, on a table of its own. */
	f.func->unmap(f.vmm, f.pt, 0, f.n);
	memset(f.exp, 0, f.n * sizeof(*f.exp));
	nv50_check(&f, SZ_4K, "unmap-all");
	nv50_host(&f, p4, 10, 16, false);
	nv50_check(&f, SZ_4K, "dma-host-ro");
	nv50_host(&f, p4, 40, 12, true);
	nv50_check(&f, SZ_4K, "sgl-host-split");
	/* mcp77's stolen VRAM: the base nvkm adds to every address. */
	nv50_mem(&f, p4, 100, 2, 9, 4, 0, 0, 0, 0x10000000ULL);
	nv50_check(&f, SZ_4K, "mem-stolen");
	f.func->unmap(f.vmm, f.pt, 0, f.n);
	memset(f.exp, 0, f.n * sizeof(*f.exp));
	nv50_check(&f, SZ_4K, "unmap-end");
out:
	vfree(f.exp);
	nvkm_test_vmm_free(mmu, f.vmm);
}

/*
 * gp100, from the layout: V b0, aperture b1-2, VOL b3, PRIV b5, RO b6,
 * address bits 12+ from b8; VRAM of a kind other than 0 holds address
 * bits 12-39 in b8-35 and its tag in b36-55; kind b56-63.
 */
struct gp100_ent {
	u64 addr;	/* 0: nothing */
	u32 kind, tag, aper, vol;
};

static struct gp100_ent gp100_decode(u64 raw)
{
	struct gp100_ent e = {};
	bool tagged;

	if (!(raw & 1))
		return e;
	e.aper = (raw >> 1) & 3;
	e.vol = (raw >> 3) & 1;
	e.kind = raw >> 56;
	tagged = e.aper == 0 && e.kind;
	e.addr = ((raw >> 8) & (tagged ? GENMASK_ULL(27, 0) :
				GENMASK_ULL(34, 0))) << 12;
	e.tag = tagged ? (raw >> 36) & 0xfffff : 0;
	return e;
}

struct gp100_tab {
	const char *name;
	struct nvkm_mmu_pt pt;
	struct tmem t;
	u32 n, esz;
	struct gp100_ent exp[512];
};

static bool gp100_tab_new(struct gp100_tab *g, const char *name, u32 n,
			  u32 esz)
{
	memset(g, 0, sizeof(*g));
	g->name = name;
	g->n = n;
	g->esz = esz;
	g->pt.memory = &g->t.memory;
	return tmem_init(&g->t, n * esz);
}

static void gp100_check(struct gp100_tab *g, const char *step)
{
	char why[128] = "";
	u32 i;

	if (g->t.bad)
		snprintf(why, sizeof(why), "%u table accesses out of bounds or unmapped",
			 g->t.bad);
	for (i = 0; i < g->n && !why[0]; i++) {
		const u32 *w = &g->t.words[i * g->esz / 4];
		struct gp100_ent got = gp100_decode((u64)w[1] << 32 | w[0]);

		if (g->esz == 16 && (w[2] || w[3]))
			snprintf(why, sizeof(why), "entry %u: second half %#x %#x",
				 i, w[2], w[3]);
		else if (memcmp(&got, &g->exp[i], sizeof(got)))
			snprintf(why, sizeof(why),
				 "entry %u: %#llx kind %#x tag %#x aper %u vol %u, want %#llx kind %#x tag %#x aper %u vol %u",
				 i, got.addr, got.kind, got.tag, got.aper, got.vol,
				 g->exp[i].addr, g->exp[i].kind, g->exp[i].tag,
				 g->exp[i].aper, g->exp[i].vol);
	}
	if (!why[0] && g->t.maps)
		snprintf(why, sizeof(why), "table left mapped (%d)", g->t.maps);
	nvkm_test_result(!why[0], "gp100", step, why);
}

/*
 * Compressed VRAM of kind @kind from @nnode nodes of @len pages, in two
 * calls split at @split, with map->type and map->ctag as
 * gp100_vmm_valid() builds them: tag lines one per 64 KiB.
 */
static void gp100_mem(struct nvkm_vmm *vmm, struct gp100_tab *g,
		      const struct nvkm_vmm_page *page,
		      const struct nvkm_vmm_desc_func *func, u32 ptei,
		      u32 nnode, u32 len, u32 split, u32 kind, u32 tag)
{
	struct nvkm_vmm_map map = { .page = page };
	struct nvkm_mm_node node[3] = {};
	u32 i, k, n = 0, units = BIT(page->shift - 12);
	u32 step = BIT(page->shift - 16);

	for (i = 0; i < nnode; i++) {
		node[i].offset = 0x400000 + i * 0x20000;
		node[i].length = len * units;
		node[i].next = i + 1 < nnode ? &node[i + 1] : NULL;
		for (k = 0; k < len; k++, n++)
			g->exp[ptei + n] = (struct gp100_ent){
				.addr = ((u64)node[i].offset << 12) +
					((u64)k << page->shift),
				.kind = kind,
				.tag = tag ? tag + n * step : 0,
			};
	}
	map.type = 1 | (u64)kind << 56 | (u64)tag << 36;
	map.ctag = tag ? (u64)step << 36 : 0;
	map.mem = node;
	func->mem(vmm, &g->pt, ptei, split, &map);
	func->mem(vmm, &g->pt, ptei + split, n - split, &map);
}

void nvkm_test_gp100(struct nvkm_mmu *mmu)
{
	const struct nvkm_vmm_page *p2m, *p64, *p4;
	struct gp100_tab *g = vzalloc(sizeof(*g));
	struct nvkm_vmm *vmm = NULL;
	struct nvkm_vmm_map map;
	struct nvkm_mm_node node = { .offset = 0xabcdef0, .length = 16 };
	struct scatterlist sg[2];
	dma_addr_t dma[6];
	u32 i;
	int ret;

	if (!g) {
		nvkm_test_fail++;
		return;
	}
	ret = gp100_vmm_new(mmu, false, 0, 1ULL << 40, NULL, 0, NULL, "gp100",
			    &vmm);
	if (ret || !vmm) {
		nvkm_test_result(false, "gp100", "create", "constructor failed");
		goto out;
	}
	p2m = &vmm->func->page[3];
	p64 = &vmm->func->page[4];
	p4 = &vmm->func->page[5];
	nvkm_test_result(vmm->vcm.format && !strcmp(vmm->vcm.format->name, "gp100") &&
			 p2m->shift == 21 && p64->shift == 16 && p4->shift == 12,
			 "gp100", "create", "the VMM names no VCM format gp100");

	/* LPT: one page, kind 0xc3, line 0xfff0f; worked by hand. */
	if (!gp100_tab_new(g, "lpt", 32, 8))
		goto nomem;
	memset(&map, 0, sizeof(map));
	map.page = p64;
	map.mem = &node;
	map.type = 1 | 0xc3ULL << 56 | 0xfff0fULL << 36;
	map.ctag = 1ULL << 36;
	p64->desc->func->mem(vmm, &g->pt, 7, 1, &map);
	nvkm_test_result(((u64)g->t.words[15] << 32 | g->t.words[14]) ==
			 0xc3fff0fabcdef001ULL, "gp100", "known-answer",
			 "entry words differ");
	g->exp[7] = gp100_decode(0xc3fff0fabcdef001ULL);
	nvkm_test_result(map.type >> 36 == (0xc3ULL << 20 | 0xfff10), "gp100",
			 "lpt-type-advanced", "map->type not moved on by one line");
	gp100_check(g, "lpt-known");
	gp100_mem(vmm, g, p64, p64->desc->func, 9, 2, 9, 5, 0x2a, 0x300);
	gp100_check(g, "lpt-mem-tags");
	vfree(g->t.words);

	/* PD0: 2 MiB pages, 32 lines each, 16-byte entries (PTE, 0). */
	if (!gp100_tab_new(g, "pd0", 256, 16))
		goto nomem;
	gp100_mem(vmm, g, p2m, p2m->desc->func, 3, 2, 3, 4, 0x11, 0x1000);
	gp100_check(g, "pd0-2m-tags");
	vfree(g->t.words);

	/* SPT: host pages, coherent and volatile, from DMA and a list. */
	if (!gp100_tab_new(g, "spt", 512, 8))
		goto nomem;
	gp100_mem(vmm, g, p4, p4->desc->func, 0, 1, 4, 2, 0, 0);
	for (i = 0; i < ARRAY_SIZE(dma); i++) {
		dma[i] = 0x5000000ULL + (u64)((i * 5) % 6) * SZ_64K;
		g->exp[20 + i] = (struct gp100_ent){ .addr = dma[i], .aper = 2,
						     .vol = 1, .kind = 0xfe };
		g->exp[40 + i] = (struct gp100_ent){
			.addr = 0x7000000ULL + i * SZ_4K + (i >= 2 ? SZ_1M : 0),
			.aper = 3, .vol = 1 };
	}
	memset(&map, 0, sizeof(map));
	map.page = p4;
	map.dma = dma;
	map.type = 1 | 2ULL << 1 | BIT_ULL(3) | 0xfeULL << 56;
	p4->desc->func->dma(vmm, &g->pt, 20, 6, &map);
	memset(&map, 0, sizeof(map));
	map.page = p4;
	sg_init_table(sg, 2);
	sg_dma_address(&sg[0]) = 0x7000000ULL;
	sg_dma_len(&sg[0]) = 2 * SZ_4K;
	sg_dma_address(&sg[1]) = 0x7000000ULL + 2 * SZ_4K + SZ_1M;
	sg_dma_len(&sg[1]) = 4 * SZ_4K;
	map.sgl = sg;
	map.type = 1 | 3ULL << 1 | BIT_ULL(3);
	p4->desc->func->sgl(vmm, &g->pt, 40, 3, &map);
	p4->desc->func->sgl(vmm, &g->pt, 43, 3, &map);
	gp100_check(g, "spt-vram-dma-sgl");
	vfree(g->t.words);
	goto out;
nomem:
	nvkm_test_fail++;
out:
	vfree(g);
	nvkm_test_vmm_free(mmu, vmm);
}
