// SPDX-License-Identifier: MIT
/*
 * vcm_debugfs: each format's entries decoded from its documented bit
 * layout, independently of the kernel, and its table geometry.
 */

#include "vcm_debugfs.h"

/* Formats: an entry decoder and the table geometry of each */

/* Bits @lo to @hi of @v, shifted down. */
static uint64_t field(uint64_t v, unsigned int hi, unsigned int lo)
{
	return (v >> lo) & ((2ull << (hi - lo)) - 1);
}

static uint32_t bit_flag(uint64_t raw, unsigned int bit, uint32_t flag)
{
	return (raw >> bit) & 1 ? flag : 0;
}

/* radeon rs600/r600 GART: VALID 0, SYSTEM 1, SNOOPED 2, READ 5, WRITE 6 */
static void dec_r600(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 3) == 3;
	d->pa = raw & ~0xfffull;
	d->flags = bit_flag(raw, 5, R) | bit_flag(raw, 6, W) |
		   bit_flag(raw, 2, S);
}

/* cayman/SI VM PTE: the r600 entry plus FRAG 7-11, 0 for system pages */
static void dec_cayman(struct decoded *d)
{
	uint64_t raw = d->raw;

	dec_r600(d);
	d->valid = d->valid && !field(raw, 11, 7);
}

/* r100 PCI, ati_pcigart PCI: the bus address, no flag bits */
static void dec_flat32(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = raw && !(raw & 0xfff) && !(raw >> 32);
	d->pa = raw;
	d->flags = RW | S;
}

/* radeon PCIE/IGP flags: UNSNOOPED 0, WRITEABLE 2, READABLE 3 */
static uint32_t radeon_flags(uint64_t raw)
{
	return bit_flag(raw, 3, R) | bit_flag(raw, 2, W) |
	       (raw & 1 ? 0 : S);
}

/* rv370 PCIE: address bits 12-31 in 4-23, 32-39 in 24-31 */
static void dec_shifted(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = !(raw >> 32) && (raw & 0xc) && !(raw & 2);
	d->pa = field(raw, 23, 4) << 12 | field(raw, 31, 24) << 32;
	d->flags = radeon_flags(raw);
}

/* rs400 IGP: address bits 12-31 in place, 32-39 in 4-11 */
static void dec_split(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = !(raw >> 32) && (raw & 0xc) && !(raw & 2);
	d->pa = (raw & 0xfffff000) | field(raw, 11, 4) << 32;
	d->flags = radeon_flags(raw);
}

/* AGP generic GATT: physical address | mask 0x1 */
static void dec_agp(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 0xfff) == 1 && !(raw >> 32);
	d->pa = raw & 0xfffff000;
	d->flags = RW;
}

/* AMD64 GART: VALID 0, COHERENT 1, address split as on rs400 */
static void dec_amd64(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 1) && !(raw & 0xc) && !(raw >> 32);
	d->pa = (raw & 0xfffff000) | field(raw, 11, 4) << 32;
	d->flags = RW | bit_flag(raw, 1, S);
}

/* nv04: PRESENT 0, RW 1, address bits 12-31 */
static void dec_nv04(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 1) && !(raw & 0xffc) && !(raw >> 32);
	d->pa = raw & 0xfffff000;
	d->flags = R | bit_flag(raw, 1, W);
}

/* nv41: VALID 0, address bits 12-38 in 5-31 */
static void dec_nv41(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 0x1f) == 1 && !(raw >> 32);
	d->pa = field(raw, 31, 5) << 12;
	d->flags = RW;
}

/*
 * nv44: four 27-bit page numbers in a 16-byte group, slot s at group bits
 * 27s to 27s + 26. debugfs shows the group's low 64 bits: all of slots 0
 * and 1, the low 10 bits of slot 2, nothing of slot 3.
 */
static void dec_nv44(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = true;
	d->flags = RW;
	switch (d->index % 4) {
	case 0:
		d->pa = field(raw, 26, 0) << 12;
		break;
	case 1:
		d->pa = field(raw, 53, 27) << 12;
		break;
	case 2:
		d->pa = field(raw, 63, 54) << 12;
		d->pa_mask = 0x3ffull << 12;
		break;
	default:
		d->pa = 0;
		d->pa_mask = 0;
		break;
	}
}

/* Host apertures of nouveau PTEs: 2 coherent (snooped), 3 non-coherent */
static bool nv_host(uint64_t aper)
{
	return aper == 2 || aper == 3;
}

/* nv50: VALID 0, RO 3, aperture 4-5, PRIV 6, block 7-9, address 12-39 */
static void dec_nv50(struct decoded *d)
{
	uint64_t raw = d->raw;
	uint64_t aper = field(raw, 5, 4);

	d->valid = (raw & 1) && nv_host(aper) && !(raw & 0x3c0) &&
		   !(raw >> 40);
	d->pa = raw & 0xfffffff000ull;
	d->flags = R | (raw & 8 ? 0 : W) | (aper == 2 ? S : 0);
}

/* gf100: VALID 0, PRIV 1, RO 2, address 4-31, VOL 32, aperture 33-34 */
static void dec_gf100(struct decoded *d)
{
	uint64_t raw = d->raw;
	uint64_t aper = field(raw, 34, 33);

	d->valid = (raw & 1) && !(raw & 2) && (raw >> 32 & 1) &&
		   nv_host(aper) && !(raw >> 35);
	d->pa = field(raw, 31, 4) << 12;
	d->flags = R | (raw & 4 ? 0 : W) | (aper == 2 ? S : 0);
}

/* gp100: VALID 0, aperture 1-2, VOL 3, PRIV 5, RO 6, address 8-42 */
static void dec_gp100(struct decoded *d)
{
	uint64_t raw = d->raw;
	uint64_t aper = field(raw, 2, 1);

	d->valid = (raw & 1) && nv_host(aper) && (raw & 8) && !(raw & 0x20) &&
		   !(raw >> 43);
	d->pa = field(raw, 42, 8) << 12;
	d->flags = R | (raw & 0x40 ? 0 : W) | (aper == 2 ? S : 0);
}

#define FLAT(n, d) { n, d, { "gart" }, { 0 }, 1 }

const struct fmt_desc fmts[VCM_NUM_FORMATS] = {
	FLAT("r600-gart", dec_r600),
	FLAT("r100-pci", dec_flat32),
	FLAT("rv370-pcie", dec_shifted),
	FLAT("rs400-igp", dec_split),
	FLAT("agp-gatt", dec_agp),
	FLAT("amd64-gart", dec_amd64),
	FLAT("ati-pcigart-pci", dec_flat32),
	FLAT("ati-pcigart-pcie", dec_shifted),
	FLAT("ati-pcigart-igp", dec_split),
	{ "cayman-vm", dec_cayman, { "pd", "pt" }, { 9, 12 }, 0x3 },
	{ "si-vm", dec_cayman, { "pd", "pt" }, { 9, 12 }, 0x3 },
	{ "nv04", dec_nv04, { "dmaobj" }, { 0 }, 1 },
	FLAT("nv41", dec_nv41),
	FLAT("nv44", dec_nv44),
	{ "nv50", dec_nv50, { "pd", "pt64k", "pt4k" }, { 11, 13, 17 }, 0x5 },
	{ "gf100-128k", dec_gf100, { "pd", "lpt", "spt" }, { 13, 10, 15 },
	  0x5 },
	{ "gf100-64k", dec_gf100, { "pd", "lpt", "spt" }, { 14, 10, 14 },
	  0x5 },
	{ "gp100", dec_gp100, { "pd3", "pd2", "pd1", "pd0", "lpt", "spt" },
	  { 2, 9, 9, 8, 5, 9 }, 0x2f },
};

const struct fmt_desc *fmt_desc(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fmts); i++)
		if (!strcmp(fmts[i].name, name))
			return &fmts[i];
	igt_assert_f(0, "no description of format %s\n", name);
	return NULL;
}

unsigned int fmt_nkinds(const struct fmt_desc *f)
{
	unsigned int n = 0;

	while (n < MAX_KINDS && f->kind[n])
		n++;
	return n;
}

unsigned int fmt_leaf(const struct fmt_desc *f)
{
	return 31 - __builtin_clz(f->path);
}
