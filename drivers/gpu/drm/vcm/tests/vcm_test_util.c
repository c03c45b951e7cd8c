// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Shared helpers of the VCM KUnit suites.
 */

#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "vcm_test.h"

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

/* A space every format can map: inside 32 bits for the GARTs. */
void vcm_test_geometry(const struct drm_vcm_format *f, u64 *start, u64 *size)
{
	if (f->va_bits <= 32) {
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

MODULE_DESCRIPTION("KUnit tests of VCM");
MODULE_LICENSE("Dual MIT/GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
