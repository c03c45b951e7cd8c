/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Shared helpers of the VCM KUnit suites.
 */
#ifndef __VCM_TEST_H__
#define __VCM_TEST_H__

#include <linux/sizes.h>
#include <kunit/test.h>
#include <drm/drm_vcm.h>

/* What a test MMU's callbacks saw. */
struct vcm_test_mmu {
	unsigned int activations;
	unsigned int deactivations;
	unsigned int flushes;
	u64 flush_start;
	u64 flush_size;
	dma_addr_t top;
	int activate_ret;
};

extern const struct drm_vcm_mmu_ops vcm_test_ops;

void vcm_test_geometry(const struct drm_vcm_format *f, u64 *start, u64 *size);
struct drm_vcm *vcm_test_space(struct kunit *test,
			       const struct drm_vcm_format *f);
struct drm_vcm_mmu *vcm_test_attach_io(struct kunit *test, struct drm_vcm *vcm,
				       const struct drm_vcm_format *f,
				       struct vcm_test_mmu *st);
struct drm_vcm_mmu *vcm_test_attach(struct kunit *test, struct drm_vcm *vcm,
				    const struct drm_vcm_format *f,
				    struct vcm_test_mmu *st);
int vcm_test_try_attach(struct kunit *test, const struct drm_vcm_format *f,
			u64 start, u64 size, u64 *top_bytes);
dma_addr_t *vcm_test_scatter(struct kunit *test, unsigned int n, u32 seed);
void vcm_test_format_desc(const struct drm_vcm_format *f, char *desc);
const void *vcm_test_format_gen(const void *prev, char *desc);

#define VCM_TEST_DUMMY	0x7ff000ULL

/* One fake BAR for I/O tables, mapped once per boot, shared by tests. */
#define VCM_TEST_BAR_SIZE	SZ_8M
/* The bus address vcm_test_attach_io() gives the BAR. */
#define VCM_TEST_BAR_ADDR	0x80000000ULL
extern unsigned int vcm_test_bar_writes[9];
void __iomem *vcm_test_bar(struct kunit *test, void **ram);
bool vcm_test_bar_counts(void);

#endif /* __VCM_TEST_H__ */
