// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM format registry: every built-in page-table format, by name.
 */

#include <linux/export.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "vcm_internal.h"

static const struct drm_vcm_format *const vcm_formats[] = {
	&vcm_fmt_r600_gart,
	&vcm_fmt_r100_pci, &vcm_fmt_rv370_pcie, &vcm_fmt_rs400_igp,
	&vcm_fmt_agp_gatt, &vcm_fmt_amd64_gart,
	&vcm_fmt_ati_pcigart_pci, &vcm_fmt_ati_pcigart_pcie,
	&vcm_fmt_ati_pcigart_igp,
	&vcm_fmt_cayman_vm,
	&vcm_fmt_si_vm,
	&vcm_fmt_nv04, &vcm_fmt_nv41, &vcm_fmt_nv44,
	&vcm_fmt_nv50,
	&vcm_fmt_gf100_128k,
	&vcm_fmt_gf100_64k,
	&vcm_fmt_gp100,
};

/**
 * drm_vcm_format_get - a built-in format by index
 * @index: 0 up to the number of formats
 *
 * Iterate from 0 until NULL to list every format.
 *
 * Returns: the format, or NULL past the last one.
 */
const struct drm_vcm_format *drm_vcm_format_get(unsigned int index)
{
	return index < ARRAY_SIZE(vcm_formats) ? vcm_formats[index] : NULL;
}
EXPORT_SYMBOL_GPL(drm_vcm_format_get);

/**
 * drm_vcm_format_find - a built-in format by name
 * @name: the format's &drm_vcm_format.name
 *
 * Returns: the format, or NULL if there is none of that name.
 */
const struct drm_vcm_format *drm_vcm_format_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vcm_formats); i++)
		if (!strcmp(vcm_formats[i]->name, name))
			return vcm_formats[i];
	return NULL;
}
EXPORT_SYMBOL_GPL(drm_vcm_format_find);

/**
 * drm_vcm_format_max_size - the largest space a format can hold
 * @fmt: the format, valid
 *
 * The smaller of what the hardware translates (2^&drm_vcm_format.va_bits)
 * and what its top table reaches (2^(shift + bits) of
 * &drm_vcm_format.tables[0], at its largest for %DRM_VCM_FMT_SIZED_TOP).
 * A space from VA 0 of this size can be attached; a larger one cannot:
 * drm_vcm_mmu_attach() refuses it with -ERANGE. For %DRM_VCM_FMT_RELATIVE
 * formats the top table is indexed from the space's start, so this bounds
 * the space's size, and its end must still lie below 2^va_bits; for the
 * others it bounds the space's end. The memory the tables need is the
 * other limit (see "Table memory" in vcm.rst).
 *
 * Returns: the size in bytes, a power of two, or 2^64 - 4 KiB for a format
 * that translates every 64-bit VA, since no space reaches 2^64.
 */
u64 drm_vcm_format_max_size(const struct drm_vcm_format *fmt)
{
	const struct drm_vcm_fmt_table *top = &fmt->tables[0];
	unsigned int bits = min_t(unsigned int, fmt->va_bits,
				  top->shift + top->bits);

	return bits >= 64 ? -VCM_PAGE_SIZE : BIT_ULL(bits);
}
EXPORT_SYMBOL_GPL(drm_vcm_format_max_size);

/**
 * vcm_format_locs - memory locations a format can map at all
 * @fmt: the format
 *
 * Returns: a mask of BIT(&enum drm_vcm_location), the union over its leaf
 * table kinds.
 */
u8 vcm_format_locs(const struct drm_vcm_format *fmt)
{
	u8 locs = 0;
	unsigned int i;

	for (i = 0; i < fmt->ntables; i++)
		if (fmt->tables[i].leaf)
			locs |= fmt->tables[i].locs;
	return locs;
}

static int table_check(const struct drm_vcm_format *fmt, unsigned int i)
{
	const struct drm_vcm_fmt_table *t = &fmt->tables[i];
	unsigned int c;

	if (t->entry_size != 4 && t->entry_size != 8 && t->entry_size != 16)
		return -EINVAL;
	if (!t->bits || t->bits > 31 || t->shift < VCM_PAGE_SHIFT ||
	    t->shift + t->bits > 64)
		return -EINVAL;
	if (!is_power_of_2(t->align) || t->align < t->entry_size)
		return -EINVAL;
	if (t->leaf != !!t->locs || t->nchild > ARRAY_SIZE(t->child))
		return -EINVAL;
	if (!t->leaf && !t->nchild)
		return -EINVAL;
	/* Packed groups: leaf tables only, a power of two of entries. */
	if (t->group > 1 && (t->nchild || !is_power_of_2(t->group) ||
			     t->group > 8))
		return -EINVAL;
	if (t->header % 4 || t->header > 64 ||
	    (t->header && !fmt->write_header))
		return -EINVAL;
	if (t->nchild && !fmt->write_pde)
		return -EINVAL;
	if (t->addr_bits && (t->addr_bits <= VCM_PAGE_SHIFT ||
			     t->addr_bits > 63))
		return -EINVAL;
	for (c = 0; c < t->nchild; c++) {
		const struct drm_vcm_fmt_table *k;

		/* Children come later in the array: no cycles. */
		if (t->child[c] <= i || t->child[c] >= fmt->ntables)
			return -EINVAL;
		k = &fmt->tables[t->child[c]];
		if (k->shift + k->bits != t->shift)
			return -EINVAL;
		if (c && k->shift >= fmt->tables[t->child[c - 1]].shift)
			return -EINVAL;
	}
	/* Dual tables: the large-page one must be a leaf table. */
	if (t->nchild > 1 && !(fmt->flags & DRM_VCM_FMT_EXCLUSIVE_CHILD) &&
	    (fmt->tables[t->child[0]].nchild || !fmt->tables[t->child[0]].leaf))
		return -EINVAL;
	return 0;
}

/**
 * vcm_kind_reach - widest address a table of one kind may be at
 * @fmt: the format
 * @type: index of the table kind
 *
 * Returns: &drm_vcm_fmt_table.addr_bits, or the format's pa_bits for 0.
 */
u8 vcm_kind_reach(const struct drm_vcm_format *fmt, unsigned int type)
{
	return fmt->tables[type].addr_bits ?: fmt->pa_bits;
}

/**
 * vcm_format_table_reach - widest address every table of a format may be at
 * @fmt: the format
 *
 * Returns: the smallest vcm_kind_reach() over its table kinds.
 */
u8 vcm_format_table_reach(const struct drm_vcm_format *fmt)
{
	u8 reach = fmt->pa_bits;
	unsigned int i;

	for (i = 0; i < fmt->ntables; i++)
		reach = min(reach, vcm_kind_reach(fmt, i));
	return reach;
}

/*
 * What the engine falls back to at each level: the last child, the one
 * with the smallest pages. Down that path it must reach a table of 4 KiB
 * leaves that takes every location the format takes, or some bind of
 * 4 KiB-aligned backing would have nowhere to go.
 */
static int fallback_check(const struct drm_vcm_format *fmt, unsigned int i)
{
	const struct drm_vcm_fmt_table *t = &fmt->tables[i];
	u8 locs = vcm_format_locs(fmt);

	while (t->nchild)
		t = &fmt->tables[t->child[t->nchild - 1]];
	if (t->shift != VCM_PAGE_SHIFT || (t->locs & locs) != locs)
		return -EINVAL;
	return 0;
}

/**
 * vcm_format_check - validate a format descriptor
 * @fmt: the format
 *
 * Beyond each table kind's own limits: without %DRM_VCM_FMT_SIZED_TOP the
 * top table spans exactly &drm_vcm_format.va_bits, so that every VA a
 * space of the format may hold indexes inside it; and the top table and
 * every directory kind fall back, through their smallest-page children, to
 * 4 KiB leaves that take every location the format maps.
 *
 * Returns: 0 if the engine can walk @fmt, else -EINVAL.
 */
int vcm_format_check(const struct drm_vcm_format *fmt)
{
	const struct drm_vcm_fmt_table *top;
	unsigned int i;

	if (!fmt->name || !fmt->tables || !fmt->ntables || fmt->ntables > 8)
		return -EINVAL;
	if (!fmt->write_ptes || !fmt->clear || !fmt->decode)
		return -EINVAL;
	/* A sparse state is written by its own writer, and only then. */
	if (!(fmt->flags & DRM_VCM_FMT_SPARSE) != !fmt->sparse)
		return -EINVAL;
	if (!fmt->pa_bits || fmt->pa_bits > 63 || !fmt->va_bits ||
	    fmt->va_bits > 64 || fmt->fmt_flags & 0xffff ||
	    fmt->entry_flags & ~DRM_VCM_COMMON_FLAGS)
		return -EINVAL;
	for (i = 0; i < fmt->ntables; i++)
		if (table_check(fmt, i))
			return -EINVAL;
	top = &fmt->tables[0];
	if (!(fmt->flags & DRM_VCM_FMT_SIZED_TOP) &&
	    top->shift + top->bits != fmt->va_bits)
		return -EINVAL;
	for (i = 0; i < fmt->ntables; i++)
		if ((!i || fmt->tables[i].nchild) && fallback_check(fmt, i))
			return -EINVAL;
	return 0;
}
