// SPDX-License-Identifier: MIT
/*
 * vcm_reserve: reservations and bindings inside one space.
 */
#include <stdlib.h>
#include <unistd.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("Reservations and bindings of vcm_virt: overlaps, bounds, alignment, busy.");

#define RW (DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE)

static int fd = -1;
static uint32_t fmt;
static uint64_t base, span;	/* the format's space: 256 MiB + 64 MiB */

static uint32_t new_space(void)
{
	return vcm_space_create(fd, fmt, base, span);
}

static void test_fixed_overlap(void)
{
	const struct { uint64_t addr, size; } busy[] = {
		{ 16 * SZ_1M, SZ_1M },				/* same */
		{ 16 * SZ_1M - SZ_64K, 2 * SZ_64K },		/* front */
		{ 17 * SZ_1M - SZ_64K, 2 * SZ_64K },		/* back */
		{ 15 * SZ_1M, 3 * SZ_1M },			/* around */
		{ 16 * SZ_1M + SZ_64K, SZ_64K },		/* inside */
		{ 16 * SZ_1M + SZ_1M - SZ_4K, SZ_4K },		/* last page */
	};
	uint32_t space = new_space(), res, r1, r2;
	uint64_t addr;
	unsigned int i;

	res = vcm_reserve_fixed(fd, space, base + 16 * SZ_1M, SZ_1M);
	for (i = 0; i < ARRAY_SIZE(busy); i++)
		igt_assert_eq(__vcm_reserve_fixed(fd, space,
						  base + busy[i].addr,
						  busy[i].size), -EBUSY);
	/* Right before and right after are free. */
	r1 = vcm_reserve_fixed(fd, space, base + 15 * SZ_1M, SZ_1M);
	r2 = vcm_reserve_fixed(fd, space, base + 17 * SZ_1M, SZ_1M);
	igt_assert(r1 != res && r2 != res && r1 != r2);

	/* An anywhere reservation blocks fixed ones as well. */
	vcm_unreserve(fd, space, r1);
	r1 = vcm_reserve(fd, space, SZ_1M, SZ_1M, &addr);
	igt_assert_eq(__vcm_reserve_fixed(fd, space, addr, SZ_4K), -EBUSY);

	/* Once released, the range can be reserved again. */
	vcm_unreserve(fd, space, res);
	res = vcm_reserve_fixed(fd, space, base + 16 * SZ_1M, SZ_1M);
	vcm_space_destroy(fd, space);
}

static void test_fixed_outside(void)
{
	const struct { uint64_t addr, size; } out[] = {
		{ base - SZ_64K, SZ_64K },		/* below */
		{ base - SZ_64K, 2 * SZ_64K },		/* across the start */
		{ base + span - SZ_64K, 2 * SZ_64K },	/* across the end */
		{ base + span, SZ_64K },		/* after */
		{ 0, SZ_4K },
		{ base, span + SZ_4K },			/* larger */
		{ 1ull << 48, SZ_4K },
	};
	uint32_t space = new_space(), res;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(out); i++)
		igt_assert_eq(__vcm_reserve_fixed(fd, space, out[i].addr,
						  out[i].size), -ERANGE);
	/* The whole space is inside. */
	res = vcm_reserve_fixed(fd, space, base, span);
	vcm_unreserve(fd, space, res);
	vcm_space_destroy(fd, space);
}

static void test_anywhere_align(void)
{
	uint64_t addr[16], size[16], align;
	uint32_t space = new_space(), res[16];
	unsigned int i, j, n = 0;

	/* Odd holes, so that alignment has to skip space. */
	vcm_reserve_fixed(fd, space, base + SZ_4K, SZ_4K);
	vcm_reserve_fixed(fd, space, base + SZ_1M + 3 * SZ_4K, 5 * SZ_4K);
	for (align = SZ_4K; align <= 16 * SZ_1M; align <<= 1) {
		size[n] = SZ_64K + SZ_4K;
		res[n] = vcm_reserve(fd, space, size[n], align, &addr[n]);
		igt_debug("align %#" PRIx64 ": %#" PRIx64 "\n", align, addr[n]);
		igt_assert_eq_u64(addr[n] & (align - 1), 0);
		n++;
	}
	size[n] = SZ_4K;
	res[n] = vcm_reserve(fd, space, size[n], 0, &addr[n]);
	igt_assert_eq_u64(addr[n] & (SZ_4K - 1), 0);
	n++;
	for (i = 0; i < n; i++) {
		igt_assert(addr[i] >= base && addr[i] + size[i] <= base + span);
		for (j = 0; j < i; j++) {
			igt_assert_neq(res[i], res[j]);
			igt_assert(addr[i] + size[i] <= addr[j] ||
				   addr[j] + size[j] <= addr[i]);
		}
	}
	for (i = 0; i < n; i++)
		vcm_unreserve(fd, space, res[i]);
	vcm_space_destroy(fd, space);
}

static void test_no_space(void)
{
	struct drm_vcm_va_reserve r = { .size = 32 * SZ_1M };
	uint32_t space = new_space();
	uint64_t addr;

	vcm_reserve_fixed(fd, space, base, 48 * SZ_1M);
	r.space_id = space;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_RESERVE, &r), -ENOSPC);
	r.align = 32 * SZ_1M;
	r.size = SZ_4K;
	vcm_reserve_fixed(fd, space, base + 48 * SZ_1M, SZ_4K);
	/* 16 MiB - 4 KiB are free, but nothing 32 MiB-aligned. */
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_RESERVE, &r), -ENOSPC);
	vcm_reserve(fd, space, 16 * SZ_1M - SZ_4K, 0, &addr);
	igt_assert_eq_u64(addr, base + 48 * SZ_1M + SZ_4K);
	vcm_space_destroy(fd, space);
}

static void test_unreserve_busy(void)
{
	struct drm_vcm_va_unreserve u = { 0 };
	uint32_t space = new_space(), res, bo;
	uint64_t va;

	bo = vcm_bo_create(fd, SZ_64K, 0);
	res = vcm_reserve(fd, space, SZ_1M, 0, &va);
	vcm_bind(fd, space, res, bo, SZ_64K, SZ_64K, 0, RW);
	u.space_id = space;
	u.res_id = res;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_UNRESERVE, &u), -EBUSY);
	/* Refused, so still there: the binding copies. */
	igt_assert_eq(vcm_copy(fd, space, 0, va + SZ_64K, va + SZ_64K + SZ_4K,
			       SZ_4K, NULL), DRM_VCM_FAULT_NONE);
	vcm_unbind(fd, space, res, SZ_64K);
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_UNRESERVE, &u), 0);
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_UNRESERVE, &u), -ENOENT);
	vcm_gem_close(fd, bo);
	vcm_space_destroy(fd, space);
}

static void test_unbind_nothing(void)
{
	uint32_t space = new_space(), res, bo;
	uint64_t va;

	bo = vcm_bo_create(fd, 4 * SZ_4K, 0);
	res = vcm_reserve(fd, space, SZ_1M, 0, &va);
	igt_assert_eq(__vcm_unbind(fd, space, res, 0), -ENOENT);
	vcm_bind(fd, space, res, bo, SZ_64K, 4 * SZ_4K, 0, RW);
	igt_assert_eq(__vcm_unbind(fd, space, res, 0), -ENOENT);
	igt_assert_eq(__vcm_unbind(fd, space, res, SZ_64K + SZ_4K), -ENOENT);
	igt_assert_eq(__vcm_unbind(fd, space, res, SZ_64K + 4 * SZ_4K), -ENOENT);
	igt_assert_eq(vcm_copy(fd, space, 0, va + SZ_64K, va + SZ_64K + SZ_4K,
			       3 * SZ_4K, NULL), DRM_VCM_FAULT_NONE);
	vcm_unbind(fd, space, res, SZ_64K);
	igt_assert_eq(__vcm_unbind(fd, space, res, SZ_64K), -ENOENT);
	vcm_gem_close(fd, bo);
	vcm_space_destroy(fd, space);
}

static void test_bind_overlap(void)
{
	const struct { uint64_t off, size; } busy[] = {
		{ SZ_1M, 4 * SZ_64K },			/* same */
		{ SZ_1M - SZ_4K, 2 * SZ_4K },		/* front */
		{ SZ_1M + 4 * SZ_64K - SZ_4K, 2 * SZ_4K },	/* back */
		{ SZ_1M - SZ_64K, 6 * SZ_64K },		/* around */
		{ SZ_1M + SZ_64K, SZ_4K },		/* inside */
	};
	uint32_t space = new_space(), res, a, b;
	uint64_t va, fa;
	unsigned int i;
	uint8_t *p;

	a = vcm_bo_create(fd, 4 * SZ_64K, 0);
	b = vcm_bo_create(fd, 8 * SZ_64K, 0);
	p = vcm_bo_map(fd, a, 4 * SZ_64K);
	vcm_pattern_fill(p, 4 * SZ_64K, 9);
	res = vcm_reserve(fd, space, 4 * SZ_1M, 0, &va);
	vcm_bind(fd, space, res, a, SZ_1M, 4 * SZ_64K, 0, RW);
	for (i = 0; i < ARRAY_SIZE(busy); i++)
		igt_assert_eq(__vcm_bind(fd, space, res, b, busy[i].off,
					 busy[i].size, 0, RW), -EBUSY);
	/* Neighbours are fine. */
	vcm_bind(fd, space, res, b, SZ_1M - SZ_4K, SZ_4K, 0, RW);
	vcm_bind(fd, space, res, b, SZ_1M + 4 * SZ_64K, SZ_4K, SZ_4K, RW);
	/* The first binding still maps A: copy its start to its end. */
	igt_assert_eq(vcm_copy(fd, space, 0, va + SZ_1M,
			       va + SZ_1M + 3 * SZ_64K, SZ_64K, &fa),
		      DRM_VCM_FAULT_NONE);
	vcm_pattern_check(p + 3 * SZ_64K, SZ_64K, 9, 0);
	vcm_bo_unmap(p, 4 * SZ_64K);
	vcm_gem_close(fd, a);
	vcm_gem_close(fd, b);
	vcm_space_destroy(fd, space);
}

igt_main
{
	igt_fixture {
		struct drm_vcm_format_info fi;

		fd = vcm_open();
		fmt = vcm_format_find(fd, "r600-gart", &fi);
		vcm_format_range(&fi, &base, &span);
		igt_assert(base >= SZ_1M);
	}

	igt_describe("Fixed reservations overlapping another are -EBUSY; "
		     "neighbours and released ranges are free.");
	igt_subtest("reserve-fixed-overlap")
		test_fixed_overlap();

	igt_describe("Fixed reservations reaching outside the space are "
		     "-ERANGE; the whole space is fine.");
	igt_subtest("reserve-fixed-outside")
		test_fixed_outside();

	igt_describe("Anywhere reservations honour every alignment up to "
		     "16 MiB, stay inside the space and never overlap.");
	igt_subtest("reserve-anywhere-align")
		test_anywhere_align();

	igt_describe("No free range of the size or alignment is -ENOSPC.");
	igt_subtest("reserve-no-space")
		test_no_space();

	igt_describe("Releasing a reservation with bindings is -EBUSY and "
		     "changes nothing.");
	igt_subtest("unreserve-busy")
		test_unreserve_busy();

	igt_describe("Unbinding where no binding starts is -ENOENT.");
	igt_subtest("unbind-nothing")
		test_unbind_nothing();

	igt_describe("Bindings overlapping another are -EBUSY and leave it "
		     "mapped; neighbours are fine.");
	igt_subtest("bind-overlap")
		test_bind_overlap();

	igt_fixture
		close(fd);
}
