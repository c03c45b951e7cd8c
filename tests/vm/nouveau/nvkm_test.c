// SPDX-License-Identifier: GPL-2.0
/*
 * nvkm_vcm_test: runs nouveau's converted nv04, nv41 and nv44 page-table
 * code without an NVIDIA GPU.
 *
 * The module links the patched nouveau's vmmvcm.c (the glue that has
 * VCM's format writers fill nvkm's tables), vmmnv04.c, vmmnv41.c and
 * vmmnv44.c (the VMM descriptions and constructors) as they are, with the
 * little of nvkm they call stood in for here: nvkm_vmm_new_(), nvkm's
 * constructor, which allocates the top table. The TLB flushes and the
 * GART enables (VCM's register sequences through nvkm_rd32/wr32) are
 * linked but not run: they wait on GPU registers. Table memory
 * is an nvkm_memory in RAM whose accessors check that every access lies
 * within the table and between nvkm_kmap() and nvkm_done().
 *
 * Each VMM is made by its real constructor (nv04_vmm_new() and friends,
 * which name the VCM format and, for nv44, allocate the dummy page), then
 * driven through its descriptor's dma, sgl and unmap callbacks, as nvkm's
 * walker calls them, against a shadow of what each entry should map. After
 * every step the whole table is read back by this file's own decoders,
 * written from the documented entry layouts (not VCM's decode callbacks),
 * and compared entry by entry; a few entries are also checked against
 * literal known answers.
 *
 * Results go to the kernel log, one line per case, which the VM tier
 * turns into results of their own (vm/<kernel>/nouveau/nvkm/FORMAT/CASE):
 *   vcm_nvkm: ok N FORMAT/CASE | not ok N FORMAT/CASE # why
 *   vcm_nvkm: done pass=N fail=M
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "nvkm_test.h"

int nvkm_test_fail;
static int pass;

void nvkm_test_result(bool ok, const char *fmt, const char *name,
		      const char *why)
{
	int n = pass + nvkm_test_fail + 1;

	if (ok) {
		pass++;
		pr_info("vcm_nvkm: ok %d %s/%s\n", n, fmt, name);
	} else {
		nvkm_test_fail++;
		pr_info("vcm_nvkm: not ok %d %s/%s # %s\n", n, fmt, name, why);
	}
}

struct tmem *to_tmem(struct nvkm_memory *m)
{
	return container_of(m, struct tmem, memory);
}

/*
 * Free what a test's VMM constructor allocated: the null page, the page
 * directory, its one page table and that table's memory.
 */
void nvkm_test_vmm_free(struct nvkm_mmu *mmu, struct nvkm_vmm *vmm)
{
	if (!vmm)
		return;
	if (vmm->nullp)
		dma_free_coherent(mmu->subdev.device->dev, 16 * 1024,
				  vmm->nullp, vmm->null);
	if (vmm->pd) {
		if (vmm->pd->pt[0] && vmm->pd->pt[0]->memory) {
			struct tmem *t = to_tmem(vmm->pd->pt[0]->memory);

			vfree(t->words);
			kfree(t);
		}
		kfree(vmm->pd->pt[0]);
		kfree(vmm->pd);
	}
	kfree(vmm);
}

static void __iomem *tmem_acquire(struct nvkm_memory *m)
{
	to_tmem(m)->maps++;
	return (void __iomem *)to_tmem(m)->words;
}

static void tmem_release(struct nvkm_memory *m)
{
	if (--to_tmem(m)->maps < 0)
		to_tmem(m)->bad++;
}

static bool tmem_ok(struct tmem *t, u64 off)
{
	if (off + 4 > t->size || (off & 3) || t->maps <= 0) {
		t->bad++;
		return false;
	}
	return true;
}

static u32 tmem_rd32(struct nvkm_memory *m, u64 off)
{
	struct tmem *t = to_tmem(m);

	return tmem_ok(t, off) ? t->words[off / 4] : 0;
}

static void tmem_wr32(struct nvkm_memory *m, u64 off, u32 data)
{
	struct tmem *t = to_tmem(m);

	if (tmem_ok(t, off))
		t->words[off / 4] = data;
}

static const struct nvkm_memory_func tmem_func = {
	.acquire = tmem_acquire,
	.release = tmem_release,
};

static const struct nvkm_memory_ptrs tmem_ptrs = {
	.rd32 = tmem_rd32,
	.wr32 = tmem_wr32,
};

/* A table of @size bytes of RAM, zeroed; false if out of memory. */
bool tmem_init(struct tmem *t, u64 size)
{
	memset(t, 0, sizeof(*t));
	t->size = size;
	t->words = vzalloc(size);
	t->memory.func = &tmem_func;
	t->memory.ptrs = &tmem_ptrs;
	return t->words;
}

/* What nvkm's constructor does that the converted files rely on. */
int nvkm_vmm_new_(const struct nvkm_vmm_func *func, struct nvkm_mmu *mmu,
		  u32 pd_header, bool managed, u64 addr, u64 size,
		  struct lock_class_key *key, const char *name,
		  struct nvkm_vmm **pvmm)
{
	const struct nvkm_vmm_desc *desc = func->page[0].desc;
	struct nvkm_vmm *vmm;
	struct tmem *t;

	*pvmm = vmm = kzalloc(sizeof(*vmm), GFP_KERNEL);
	if (!vmm)
		return -ENOMEM;
	vmm->func = func;
	vmm->mmu = mmu;
	vmm->name = name;
	vmm->start = addr;
	vmm->limit = addr + size;
	vmm->pd = kzalloc(sizeof(*vmm->pd), GFP_KERNEL);
	if (!vmm->pd)
		return -ENOMEM;
	vmm->pd->pt[0] = kzalloc(sizeof(*vmm->pd->pt[0]), GFP_KERNEL);
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!vmm->pd->pt[0] || !t) {
		kfree(t);
		return -ENOMEM;
	}
	t->size = pd_header + ((u64)1 << desc->bits) * desc->size;
	t->words = vzalloc(t->size);
	if (!t->words) {
		kfree(t);
		return -ENOMEM;
	}
	t->memory.func = &tmem_func;
	t->memory.ptrs = &tmem_ptrs;
	vmm->pd->pt[0]->memory = &t->memory;
	return 0;
}

enum kind { NV04, NV41, NV44 };

struct fixture {
	const char *name;
	enum kind kind;
	struct nvkm_vmm *vmm;
	struct nvkm_mmu_pt *pt;
	struct tmem *t;
	const struct nvkm_vmm_desc_func *func;
	u32 n;		/* entries */
	u64 *exp;	/* what each entry maps, 0 for nothing */
	u64 amask;	/* page addresses the format holds */
};

/* Independent decoders, from the entry layouts. 0: maps nothing. */
static u64 decode(struct fixture *f, u32 i, bool *rw)
{
	const u32 *w = f->t->words;
	u64 lo, hi, v;
	u32 e, pfn;

	*rw = true;
	switch (f->kind) {
	case NV04:	/* 8-byte header; bit 0 present, 1 rw, 12-31 address */
		e = w[2 + i];
		*rw = e & 2;
		return (e & 1) ? (e & 0xfffff000u) : 0;
	case NV41:	/* bit 0 valid, bits 5-31 address bits 12-38 */
		e = w[i];
		return (e & 1) ? (u64)(e >> 5) << 12 : 0;
	case NV44:	/* 27-bit page numbers packed 4 to 16 bytes, bit 126 */
		lo = (u64)w[i / 4 * 4 + 1] << 32 | w[i / 4 * 4];
		hi = (u64)w[i / 4 * 4 + 3] << 32 | w[i / 4 * 4 + 2];
		if (!(hi & BIT_ULL(62)))
			return 0;
		switch (i % 4) {
		case 0:
			v = lo;
			break;
		case 1:
			v = lo >> 27;
			break;
		case 2:
			v = lo >> 54 | hi << 10;
			break;
		default:
			v = hi >> 17;
			break;
		}
		pfn = v & (BIT(27) - 1);
		if ((u64)pfn << 12 == f->vmm->null)
			return 0;
		return (u64)pfn << 12;
	}
	return 0;
}

static void check(struct fixture *f, const char *step)
{
	char why[96] = "";
	bool rw;
	u32 i;

	if (f->t->bad)
		snprintf(why, sizeof(why), "%u table accesses out of bounds or unmapped",
			 f->t->bad);
	for (i = 0; i < f->n && !why[0]; i++) {
		u64 got = decode(f, i, &rw);

		if (got != f->exp[i])
			snprintf(why, sizeof(why), "entry %u maps %#llx, want %#llx",
				 i, got, f->exp[i]);
		else if (got && !rw)
			snprintf(why, sizeof(why), "entry %u read-only", i);
	}
	if (!why[0] && f->t->maps)
		snprintf(why, sizeof(why), "table left mapped (%d)", f->t->maps);
	nvkm_test_result(!why[0], f->name, step, why);
}

/* A page address for entry @i in round @r, never 0 nor the dummy page. */
static u64 page_addr(struct fixture *f, u32 i, u32 r)
{
	u64 a = ((u64)(i * 2654435761u + r * 40503u) << 12 ^
		 (u64)r << 31) & f->amask;

	if (!a || a == f->vmm->null)
		a = f->amask & ~(u64)0xfff;
	return a;
}

static void map_dma(struct fixture *f, u32 ptei, u32 ptes, u32 r)
{
	struct nvkm_vmm_map map = { .page = &f->vmm->func->page[0] };
	dma_addr_t *dma = kcalloc(ptes, sizeof(*dma), GFP_KERNEL);
	u32 i;

	if (!dma) {
		nvkm_test_fail++;
		return;
	}
	for (i = 0; i < ptes; i++) {
		dma[i] = page_addr(f, ptei + i, r);
		f->exp[ptei + i] = dma[i];
	}
	map.dma = dma;
	f->func->dma(f->vmm, f->pt, ptei, ptes, &map);
	if (map.dma != dma + ptes)
		f->t->bad++;
	kfree(dma);
}

/*
 * Map [@ptei, @ptei + @ptes) from a scatterlist of runs of 1, 3, 2, 7, 1
 * and 5 contiguous pages (round robin), in two calls split at @split
 * entries, as nvkm's walker does when a mapping crosses a page table: the
 * second call goes on from map->sgl and map->off.
 */
static void map_sgl(struct fixture *f, u32 ptei, u32 ptes, u32 split, u32 r)
{
	static const u32 runs[] = { 1, 3, 2, 7, 1, 5 };
	struct nvkm_vmm_map map = { .page = &f->vmm->func->page[0] };
	struct scatterlist *sgl, *sg;
	u32 nsg = 0, i, done = 0, k;
	u64 base;

	for (i = 0; done < ptes; i++, nsg++)
		done += runs[i % ARRAY_SIZE(runs)];
	sgl = kcalloc(nsg, sizeof(*sgl), GFP_KERNEL);
	if (!sgl) {
		nvkm_test_fail++;
		return;
	}
	sg_init_table(sgl, nsg);
	done = 0;
	for_each_sg(sgl, sg, nsg, i) {
		u32 len = min(runs[i % ARRAY_SIZE(runs)], ptes - done);

		base = page_addr(f, ptei + done, r) & ~(u64)0xffff & f->amask;
		if (!base)
			base = 0x10000;
		sg_dma_address(sg) = base;
		sg_dma_len(sg) = len << 12;
		for (k = 0; k < len; k++)
			f->exp[ptei + done + k] = base + ((u64)k << 12);
		done += len;
	}
	map.sgl = sgl;
	f->func->sgl(f->vmm, f->pt, ptei, split, &map);
	f->func->sgl(f->vmm, f->pt, ptei + split, ptes - split, &map);
	kfree(sgl);
}

static void unmap(struct fixture *f, u32 ptei, u32 ptes)
{
	memset(&f->exp[ptei], 0, ptes * sizeof(*f->exp));
	f->func->unmap(f->vmm, f->pt, ptei, ptes);
}

/* Literal entries, worked out by hand from the layouts. */
static void known_answers(struct fixture *f)
{
	struct nvkm_vmm_map map = { .page = &f->vmm->func->page[0] };
	dma_addr_t dma[4];
	const u32 *w = f->t->words;
	bool ok = false;

	switch (f->kind) {
	case NV04:
		dma[0] = 0x12345000;
		map.dma = dma;
		f->func->dma(f->vmm, f->pt, 3, 1, &map);
		ok = w[2 + 3] == 0x12345003;
		break;
	case NV41:
		dma[0] = 0x123456000ull;
		map.dma = dma;
		f->func->dma(f->vmm, f->pt, 3, 1, &map);
		ok = w[3] == 0x02468ac1;
		break;
	case NV44:
		dma[0] = 0x1000;
		dma[1] = 0x2000;
		dma[2] = 0x3000;
		dma[3] = 0x4000;
		map.dma = dma;
		f->func->dma(f->vmm, f->pt, 4, 4, &map);
		ok = w[4] == 0x10000001 && w[5] == 0x00c00000 &&
		     w[6] == 0x00080000 && w[7] == 0x40000000;
		break;
	}
	nvkm_test_result(ok, f->name, "known-answer", "entry words differ");
	f->func->unmap(f->vmm, f->pt, 0, 8);
}

static void run(const char *name, enum kind kind, u64 size, u64 amask,
		int (*ctor)(struct nvkm_mmu *, bool, u64, u64, void *, u32,
			    struct lock_class_key *, const char *,
			    struct nvkm_vmm **),
		struct nvkm_mmu *mmu)
{
	struct fixture f = { .name = name, .kind = kind, .amask = amask };
	char why[64] = "";
	int ret;

	ret = ctor(mmu, false, 0, size, NULL, 0, NULL, name, &f.vmm);
	if (ret || !f.vmm) {
		snprintf(why, sizeof(why), "constructor: %d", ret);
		nvkm_test_result(false, name, "create", why);
		goto out;
	}
	f.pt = f.vmm->pd->pt[0];
	f.t = to_tmem(f.pt->memory);
	f.func = f.vmm->func->page[0].desc->func;
	f.n = size >> 12;
	if (f.vmm->vcm.format && !strcmp(f.vmm->vcm.format->name, name))
		nvkm_test_result(true, name, "create", NULL);
	else
		nvkm_test_result(false, name, "create", "the VMM names no VCM format of its name");
	if (kind == NV44)
		nvkm_test_result(f.vmm->null && f.vmm->vcm.dummy_addr == f.vmm->null, name,
				 "dummy-page", "no dummy page, or VCM not told of it");
	if (kind == NV04) {
		/* PCI, RW, paged, not linear; last valid byte. */
		nvkm_test_result(f.t->words[0] == 0x0002103d && f.t->words[1] == size - 1,
				 name, "header", "header words differ");
	}
	f.exp = vcalloc(f.n, sizeof(*f.exp));
	if (!f.exp) {
		nvkm_test_fail++;
		goto out;
	}
	known_answers(&f);
	check(&f, "initial");
	map_dma(&f, 0, 1, 1);
	check(&f, "dma-one");
	map_dma(&f, 5, 3, 2);
	check(&f, "dma-partial-groups");
	map_dma(&f, 10, 70, 3);
	check(&f, "dma-many");
	map_sgl(&f, 100, 300, 151, 4);
	check(&f, "sgl-split");
	map_dma(&f, 120, 9, 5);
	check(&f, "dma-remap");
	map_dma(&f, f.n - 3, 3, 6);
	check(&f, "dma-last");
	unmap(&f, 6, 1);
	check(&f, "unmap-one");
	unmap(&f, 11, 60);
	check(&f, "unmap-many");
	unmap(&f, 0, f.n);
	check(&f, "unmap-all");
out:
	vfree(f.exp);
	nvkm_test_vmm_free(mmu, f.vmm);
}

static int __init nvkm_vcm_test_init(void)
{
	static struct nvkm_device device;
	static struct nvkm_mmu mmu;
	struct device *dev;

	dev = root_device_register("nvkm_vcm_test");
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	dev->coherent_dma_mask = DMA_BIT_MASK(32);
	dev->dma_mask = &dev->coherent_dma_mask;
	device.dev = dev;
	device.name = "nvkm_vcm_test";
	mmu.subdev.device = &device;
	strscpy(mmu.subdev.name, "mmu", sizeof(mmu.subdev.name));

	run("nv04", NV04, SZ_128M, 0xfffff000ull, nv04_vmm_new, &mmu);
	run("nv41", NV41, SZ_512M, GENMASK_ULL(38, 12), nv41_vmm_new, &mmu);
	run("nv44", NV44, SZ_512M, GENMASK_ULL(38, 12), nv44_vmm_new, &mmu);
	nvkm_test_nv50(&mmu);
	nvkm_test_gp100(&mmu);
	root_device_unregister(dev);
	pr_info("vcm_nvkm: done pass=%d fail=%d\n", pass, nvkm_test_fail);
	return 0;
}

static void __exit nvkm_vcm_test_exit(void)
{
}

module_init(nvkm_vcm_test_init);
module_exit(nvkm_vcm_test_exit);
MODULE_DESCRIPTION("nouveau's converted nv04/nv41/nv44 page tables, checked");
MODULE_LICENSE("GPL");
