// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Shared helpers of the VCM KUnit suites.
 */

#include <linux/io.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "vcm_test.h"
#include "vcm_internal.h"

static int vcm_test_activate(struct drm_vcm_mmu *mmu, dma_addr_t top)
{
	struct vcm_test_mmu *st = drm_vcm_mmu_priv(mmu);

	st->activations++;
	st->top = top;
	return st->activate_ret;
}

static void vcm_test_deactivate(struct drm_vcm_mmu *mmu)
{
	struct vcm_test_mmu *st = drm_vcm_mmu_priv(mmu);

	st->deactivations++;
}

static void vcm_test_flush(struct drm_vcm_mmu *mmu, u64 start, u64 size)
{
	struct vcm_test_mmu *st = drm_vcm_mmu_priv(mmu);

	st->flushes++;
	st->flush_start = start;
	st->flush_size = size;
}

const struct drm_vcm_mmu_ops vcm_test_ops = {
	.activate = vcm_test_activate,
	.deactivate = vcm_test_deactivate,
	.flush = vcm_test_flush,
};

/*
 * A space every format can map: inside 32 bits for the GARTs, from 0 for
 * the ones smaller than 512 MiB (nv04's 128 MiB).
 */
void vcm_test_geometry(const struct drm_vcm_format *f, u64 *start, u64 *size)
{
	if (f->va_bits < 29) {
		*start = 0;
		*size = SZ_64M;
	} else if (f->va_bits <= 32) {
		*start = SZ_256M;
		*size = SZ_64M;
	} else {
		*start = 0;
		*size = SZ_2G;
	}
}

/* A space @f can map. */
struct drm_vcm *vcm_test_space(struct kunit *test,
			       const struct drm_vcm_format *f)
{
	struct drm_vcm *vcm;
	u64 start, size;

	vcm_test_geometry(f, &start, &size);
	vcm = drm_vcm_create(start, size);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	return vcm;
}

struct drm_vcm_mmu *vcm_test_attach(struct kunit *test, struct drm_vcm *vcm,
				    const struct drm_vcm_format *f,
				    struct vcm_test_mmu *st)
{
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &vcm_test_ops,
		.dummy_addr = VCM_TEST_DUMMY,
		.priv = st,
	};
	struct drm_vcm_mmu *mmu = drm_vcm_mmu_attach(vcm, &desc);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(mmu), "attach %s: %d", f->name,
			       PTR_ERR_OR_ZERO(mmu));
	return mmu;
}

/*
 * Attach @f to @vcm with its tables in an I/O window: the test BAR
 * (vcm_test_bar()), at bus address VCM_TEST_BAR_ADDR.
 */
struct drm_vcm_mmu *vcm_test_attach_io(struct kunit *test, struct drm_vcm *vcm,
				       const struct drm_vcm_format *f,
				       struct vcm_test_mmu *st)
{
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem = {
			.kind = DRM_VCM_TMEM_IO,
			.io = vcm_test_bar(test, NULL),
			.io_addr = VCM_TEST_BAR_ADDR,
			.io_size = VCM_TEST_BAR_SIZE,
		},
		.ops = &vcm_test_ops,
		.dummy_addr = VCM_TEST_DUMMY,
		.priv = st,
	};
	struct drm_vcm_mmu *mmu = drm_vcm_mmu_attach(vcm, &desc);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(mmu), "attach %s in I/O: %d",
			       f->name, PTR_ERR_OR_ZERO(mmu));
	return mmu;
}

/*
 * Attach @f to a new space [@start, @start + @size), tables in system RAM,
 * then detach and destroy it again. @top_bytes, if not NULL, gets the size
 * of the top table. Returns 0 or the attach's error.
 */
int vcm_test_try_attach(struct kunit *test, const struct drm_vcm_format *f,
			u64 start, u64 size, u64 *top_bytes)
{
	struct vcm_test_mmu st = {};
	struct drm_vcm_mmu_desc desc = {
		.format = f,
		.tmem.kind = DRM_VCM_TMEM_SYSTEM,
		.ops = &vcm_test_ops,
		.dummy_addr = VCM_TEST_DUMMY,
		.priv = &st,
	};
	struct drm_vcm_mmu *mmu;
	struct drm_vcm *vcm;
	int ret = 0;

	vcm = drm_vcm_create(start, size);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vcm));
	mmu = drm_vcm_mmu_attach(vcm, &desc);
	if (IS_ERR(mmu)) {
		ret = PTR_ERR(mmu);
	} else {
		if (top_bytes)
			*top_bytes = mmu->top->buf.size;
		drm_vcm_mmu_detach(mmu);
	}
	KUNIT_EXPECT_EQ(test, drm_vcm_destroy(vcm), 0);
	return ret;
}

/* @n page addresses, none adjacent to the previous one. */
dma_addr_t *vcm_test_scatter(struct kunit *test, unsigned int n, u32 seed)
{
	dma_addr_t *a = kunit_kcalloc(test, n, sizeof(*a), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	for (i = 0; i < n; i++)
		a[i] = SZ_1G + (((u64)i * 2 + 1) * 7919 + seed) % 65536 *
		       (u64)PAGE_SIZE * 2;
	return a;
}

void vcm_test_format_desc(const struct drm_vcm_format *f, char *desc)
{
	strscpy(desc, f->name, KUNIT_PARAM_DESC_SIZE);
}

/* KUnit parameter generator over every built-in format. */
const void *vcm_test_format_gen(const void *prev, char *desc)
{
	const struct drm_vcm_format *f;
	unsigned int i = 0;

	if (prev)
		while (drm_vcm_format_get(i) != prev)
			i++;
	f = drm_vcm_format_get(prev ? i + 1 : 0);
	if (f)
		vcm_test_format_desc(f, desc);
	return f;
}

/*
 * A fake BAR for I/O-table tests. Under UML, I/O memory is emulated
 * (logic_iomem): a region registered here is what ioremap() hands out,
 * and every readl()/writeq() on it lands in these ops, which keep the
 * bytes in RAM and count accesses by width. Elsewhere plain RAM behind an
 * __iomem pointer stands in, and widths are not counted.
 */
#define FAKE_BAR_ADDR	0x7f000000ULL

static u8 *fake_bar;
unsigned int vcm_test_bar_writes[9];

#if IS_ENABLED(CONFIG_INDIRECT_IOMEM)
#include <linux/logic_iomem.h>
#include <linux/unaligned.h>

static unsigned long fake_bar_read(void *priv, unsigned int off, int size)
{
	return size == 8 ? get_unaligned_le64(fake_bar + off) :
			   get_unaligned_le32(fake_bar + off);
}

static void fake_bar_write(void *priv, unsigned int off, int size,
			   unsigned long val)
{
	vcm_test_bar_writes[size]++;
	if (size == 8)
		put_unaligned_le64(val, fake_bar + off);
	else
		put_unaligned_le32(val, fake_bar + off);
}

static const struct logic_iomem_ops fake_bar_ops = {
	.read = fake_bar_read,
	.write = fake_bar_write,
};

static long fake_bar_map(unsigned long offset, size_t size,
			 const struct logic_iomem_ops **ops, void **priv)
{
	*ops = &fake_bar_ops;
	return offset;
}

static const struct logic_iomem_region_ops fake_bar_region_ops = {
	.map = fake_bar_map,
};

static struct resource fake_bar_res = {
	.name = "vcm-kunit-bar",
	.start = FAKE_BAR_ADDR,
	.end = FAKE_BAR_ADDR + VCM_TEST_BAR_SIZE - 1,
	.flags = IORESOURCE_MEM,
};

/* Regions cannot be unregistered: set up once, kept for the boot. */
void __iomem *vcm_test_bar(struct kunit *test, void **ram)
{
	static void __iomem *io;

	if (!io) {
		fake_bar = vzalloc(VCM_TEST_BAR_SIZE);
		KUNIT_ASSERT_NOT_NULL(test, fake_bar);
		KUNIT_ASSERT_EQ(test, logic_iomem_add_region(&fake_bar_res,
							     &fake_bar_region_ops),
				0);
		io = ioremap(FAKE_BAR_ADDR, VCM_TEST_BAR_SIZE);
		KUNIT_ASSERT_NOT_NULL(test, io);
	}
	if (ram)
		*ram = fake_bar;
	return io;
}

bool vcm_test_bar_counts(void)
{
	return true;
}
#else
void __iomem *vcm_test_bar(struct kunit *test, void **ram)
{
	if (!fake_bar) {
		fake_bar = vzalloc(VCM_TEST_BAR_SIZE);
		KUNIT_ASSERT_NOT_NULL(test, fake_bar);
	}
	if (ram)
		*ram = fake_bar;
	return (void __force __iomem *)fake_bar;
}

bool vcm_test_bar_counts(void)
{
	return false;
}
#endif

MODULE_DESCRIPTION("KUnit tests of VCM");
MODULE_LICENSE("Dual MIT/GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
