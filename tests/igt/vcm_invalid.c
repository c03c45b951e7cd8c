// SPDX-License-Identifier: MIT
/*
 * vcm_invalid: every ioctl of vcm_virt refuses bad input with the exact
 * errno. Each case changes one field of an input that is otherwise valid;
 * each subtest first checks that the unchanged input does succeed.
 */
#include <stdlib.h>
#include <unistd.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("Input validation of every vcm_virt ioctl, with exact errnos.");

#define RW (DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE)
#define RES_SIZE (4 * SZ_1M)
#define BO_SIZE SZ_64K
#define BIND_AT SZ_1M		/* where the fixture's binding starts */

static struct {
	int fd;
	uint32_t fmt, nfmt;	/* gp100: a space from 0 to 2 GiB */
	uint32_t space, res, bo;
	uint64_t va;		/* first VA of the reservation */
} c;

static const uint64_t bad_pads[] = { 1, 0x80000000ull, 0xffffffffull };

/* ioctl @req on @arg must fail with -@err. */
#define check_err(req, arg, err) \
	do { \
		int ret__ = __vcm_ioctl(c.fd, (req), (arg)); \
		igt_assert_f(ret__ == -(err), "%s: %d, expected %d\n", \
			     #req, ret__, -(err)); \
	} while (0)

/* Every bit of *@flags outside @valid, one at a time: -EINVAL. */
static void check_flag_bits(unsigned long req, void *arg, size_t len,
			    uint32_t *flags, uint32_t valid)
{
	uint8_t saved[128];
	int bit, ret;

	igt_assert(len <= sizeof(saved));
	memcpy(saved, arg, len);
	for (bit = 0; bit < 32; bit++) {
		if (valid & (1u << bit))
			continue;
		memcpy(arg, saved, len);
		*flags |= 1u << bit;
		ret = __vcm_ioctl(c.fd, req, arg);
		igt_assert_f(ret == -EINVAL, "flag bit %d: %d, expected %d\n",
			     bit, ret, -EINVAL);
	}
	memcpy(arg, saved, len);
}

static struct drm_vcm_space_create good_create(void)
{
	return (struct drm_vcm_space_create){
		.format = c.fmt, .va_start = SZ_64M, .va_size = SZ_64M,
	};
}

static void create_ok(void)
{
	struct drm_vcm_space_create a = good_create();

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_SPACE_CREATE, &a), 0);
	vcm_space_destroy(c.fd, a.space_id);
}

static struct drm_vcm_va_reserve good_reserve(void)
{
	return (struct drm_vcm_va_reserve){
		.space_id = c.space, .size = SZ_64K, .align = SZ_64K,
	};
}

static struct drm_vcm_va_reserve good_reserve_fixed(void)
{
	return (struct drm_vcm_va_reserve){
		.space_id = c.space, .flags = DRM_VCM_RESERVE_FIXED,
		.size = SZ_64K, .addr = SZ_1M * 512,
	};
}

static void reserve_ok(struct drm_vcm_va_reserve a)
{
	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_VA_RESERVE, &a), 0);
	vcm_unreserve(c.fd, c.space, a.res_id);
}

/* Binds the object's second half after the fixture's binding. */
static struct drm_vcm_va_bind good_bind(void)
{
	return (struct drm_vcm_va_bind){
		.space_id = c.space, .res_id = c.res, .handle = c.bo,
		.flags = RW, .res_offset = 2 * SZ_1M, .size = BO_SIZE / 2,
		.bo_offset = BO_SIZE / 2,
	};
}

static void bind_ok(void)
{
	struct drm_vcm_va_bind a = good_bind();

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_VA_BIND, &a), 0);
	vcm_unbind(c.fd, c.space, c.res, a.res_offset);
}

static struct drm_vcm_copy good_copy(void)
{
	return (struct drm_vcm_copy){
		.space_id = c.space, .src = c.va + BIND_AT,
		.dst = c.va + BIND_AT + SZ_4K + 1, .size = 100,
	};
}

static void copy_ok(void)
{
	struct drm_vcm_copy a = good_copy();

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_COPY, &a), 0);
	igt_assert_eq(a.fault, DRM_VCM_FAULT_NONE);
}

static void test_format_info_flags(void)
{
	struct drm_vcm_format_info a = { .index = 0 };

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_FORMAT_INFO, &a), 0);
	memset(&a, 0, sizeof(a));
	check_flag_bits(DRM_IOCTL_VCM_FORMAT_INFO, &a, sizeof(a), &a.flags, 0);
}

static void test_format_info_index(void)
{
	const uint32_t idx[] = { c.nfmt, c.nfmt + 1, 0x80000000u, ~0u };
	struct drm_vcm_format_info a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		memset(&a, 0, sizeof(a));
		a.index = idx[i];
		check_err(DRM_IOCTL_VCM_FORMAT_INFO, &a, ENOENT);
	}
}

static void test_create_flags(void)
{
	struct drm_vcm_space_create a = good_create();

	create_ok();
	check_flag_bits(DRM_IOCTL_VCM_SPACE_CREATE, &a, sizeof(a), &a.flags, 0);
}

static void test_create_pad(void)
{
	struct drm_vcm_space_create a;
	unsigned int i;

	create_ok();
	for (i = 0; i < ARRAY_SIZE(bad_pads); i++) {
		a = good_create();
		a.pad = bad_pads[i];
		check_err(DRM_IOCTL_VCM_SPACE_CREATE, &a, EINVAL);
	}
}

static void test_create_range(void)
{
	const struct { uint64_t start, size; } bad[] = {
		{ SZ_64M, 0 },				/* zero size */
		{ SZ_64M, SZ_64M + 1 },			/* misaligned size */
		{ SZ_64M, SZ_64M - SZ_4K / 2 },
		{ SZ_64M + 512, SZ_64M },		/* misaligned start */
		{ ~0ull - SZ_4K + 1, 2 * SZ_4K },	/* wraps 2^64 */
		{ 1ull << 63, 1ull << 63 | SZ_4K },
	};
	struct drm_vcm_space_create a;
	unsigned int i;

	create_ok();
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		a = good_create();
		a.va_start = bad[i].start;
		a.va_size = bad[i].size;
		igt_debug("start %#" PRIx64 " size %#" PRIx64 "\n",
			  bad[i].start, bad[i].size);
		check_err(DRM_IOCTL_VCM_SPACE_CREATE, &a, EINVAL);
	}
}

static void test_create_format(void)
{
	const uint32_t idx[] = { c.nfmt, c.nfmt + 1, ~0u };
	struct drm_vcm_space_create a;
	unsigned int i;

	create_ok();
	for (i = 0; i < ARRAY_SIZE(idx); i++) {
		a = good_create();
		a.format = idx[i];
		check_err(DRM_IOCTL_VCM_SPACE_CREATE, &a, ENOENT);
	}
}

/* A space larger than the format's VA, for every format: -ERANGE. */
static void test_create_too_large(void)
{
	struct drm_vcm_format_info fi;
	struct drm_vcm_space_create a;
	uint32_t i;

	create_ok();
	for (i = 0; i < c.nfmt; i++) {
		vcm_format_info(c.fd, i, &fi);
		igt_assert(fi.va_bits < 64);
		memset(&a, 0, sizeof(a));
		a.format = i;
		a.va_size = (1ull << fi.va_bits) + SZ_4K;
		igt_debug("%s: size %#llx\n", fi.name,
			  (unsigned long long)a.va_size);
		check_err(DRM_IOCTL_VCM_SPACE_CREATE, &a, ERANGE);
		a.va_start = (1ull << fi.va_bits);
		a.va_size = SZ_64K;
		check_err(DRM_IOCTL_VCM_SPACE_CREATE, &a, ERANGE);
	}
}

static void test_destroy_flags(void)
{
	struct drm_vcm_space_create cr = good_create();
	struct drm_vcm_space_destroy a = { 0 };

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_SPACE_CREATE, &cr), 0);
	a.space_id = cr.space_id;
	check_flag_bits(DRM_IOCTL_VCM_SPACE_DESTROY, &a, sizeof(a), &a.flags, 0);
	/* Still there after all of those. */
	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_SPACE_DESTROY, &a), 0);
}

static void test_destroy_id(void)
{
	const uint32_t ids[] = { 0, c.space + 1000, ~0u };
	struct drm_vcm_space_destroy a = { 0 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		a.space_id = ids[i];
		check_err(DRM_IOCTL_VCM_SPACE_DESTROY, &a, ENOENT);
	}
}

static uint32_t space_for_attach(void)
{
	struct drm_vcm_space_create cr = good_create();

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_SPACE_CREATE, &cr), 0);
	return cr.space_id;
}

static void test_attach_flags(void)
{
	struct drm_vcm_space_attach a = { .format = c.fmt };
	uint32_t space = space_for_attach();

	a.space_id = space;
	check_flag_bits(DRM_IOCTL_VCM_SPACE_ATTACH, &a, sizeof(a), &a.flags,
			DRM_VCM_ATTACH_AGP);
	igt_assert_eq(vcm_space_attach(c.fd, space, c.fmt), 1);
	vcm_space_destroy(c.fd, space);
}

/*
 * DRM_VCM_ATTACH_AGP with a format is -EINVAL. Without an AGP bridge (the
 * VM tier's main boot has none: DRM_VCM_AGP_INFO says so) it is -ENODEV,
 * and attaches nothing.
 */
static void test_attach_agp(void)
{
	struct drm_vcm_space_attach a = {
		.format = c.fmt, .flags = DRM_VCM_ATTACH_AGP,
	};
	struct drm_vcm_agp_info ai = { 0 };
	uint32_t space = space_for_attach();
	int ret;

	a.space_id = space;
	igt_assert(c.fmt != 0);
	check_err(DRM_IOCTL_VCM_SPACE_ATTACH, &a, EINVAL);
	ret = __vcm_ioctl(c.fd, DRM_IOCTL_VCM_AGP_INFO, &ai);
	igt_assert_f(ret == 0 || ret == -ENODEV, "AGP_INFO: %d\n", ret);
	igt_require_f(ret == -ENODEV,
		      "an AGP bridge is free: not the case this test covers\n");
	a.format = 0;
	check_err(DRM_IOCTL_VCM_SPACE_ATTACH, &a, ENODEV);
	igt_assert_eq(vcm_space_attach(c.fd, space, c.fmt), 1);
	vcm_space_destroy(c.fd, space);
}

static void test_agp_info_flags(void)
{
	struct drm_vcm_agp_info a = { 0 };
	unsigned int i;

	check_flag_bits(DRM_IOCTL_VCM_AGP_INFO, &a, sizeof(a), &a.flags, 0);
	for (i = 0; i < ARRAY_SIZE(bad_pads); i++) {
		a.pad = bad_pads[i];
		check_err(DRM_IOCTL_VCM_AGP_INFO, &a, EINVAL);
	}
}

static void test_attach_ids(void)
{
	const uint32_t ids[] = { 0, c.space + 1000, ~0u };
	struct drm_vcm_space_attach a = { .format = c.fmt };
	uint32_t space = space_for_attach();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		a.space_id = ids[i];
		check_err(DRM_IOCTL_VCM_SPACE_ATTACH, &a, ENOENT);
	}
	a.space_id = space;
	a.format = c.nfmt;
	check_err(DRM_IOCTL_VCM_SPACE_ATTACH, &a, ENOENT);
	a.format = ~0u;
	check_err(DRM_IOCTL_VCM_SPACE_ATTACH, &a, ENOENT);
	igt_assert_eq(vcm_space_attach(c.fd, space, c.fmt), 1);
	vcm_space_destroy(c.fd, space);
}

/* A 2 GiB space cannot take a format that translates 128 MiB. */
static void test_attach_range(void)
{
	struct drm_vcm_format_info fi;
	struct drm_vcm_space_attach a = { .space_id = c.space };

	a.format = vcm_format_find(c.fd, "nv04", &fi);
	igt_assert_lte_u64(1ull << fi.va_bits, SZ_2G / 2);
	check_err(DRM_IOCTL_VCM_SPACE_ATTACH, &a, ERANGE);
}

static void test_attach_too_many(void)
{
	struct drm_vcm_space_attach a = { .format = c.fmt };
	uint32_t space = space_for_attach(), i;

	for (i = 1; i < DRM_VCM_MAX_MMUS; i++)
		igt_assert_eq(vcm_space_attach(c.fd, space, c.fmt), i);
	a.space_id = space;
	check_err(DRM_IOCTL_VCM_SPACE_ATTACH, &a, ENOSPC);
	vcm_space_destroy(c.fd, space);
}

static void test_bo_flags(void)
{
	struct drm_vcm_bo_create a = { .size = SZ_4K };

	check_flag_bits(DRM_IOCTL_VCM_BO_CREATE, &a, sizeof(a), &a.flags,
			DRM_VCM_BO_DMA32);
	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_BO_CREATE, &a), 0);
	vcm_gem_close(c.fd, a.handle);
}

static void test_bo_size(void)
{
	const uint64_t sizes[] = {
		0, DRM_VCM_BO_MAX_SIZE + 1, DRM_VCM_BO_MAX_SIZE + SZ_4K,
		1ull << 63, ~0ull - SZ_4K + 2, ~0ull,
	};
	struct drm_vcm_bo_create a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		memset(&a, 0, sizeof(a));
		a.size = sizes[i];
		check_err(DRM_IOCTL_VCM_BO_CREATE, &a, EINVAL);
		a.flags = DRM_VCM_BO_DMA32;
		check_err(DRM_IOCTL_VCM_BO_CREATE, &a, EINVAL);
	}
	vcm_gem_close(c.fd, vcm_bo_create(c.fd, 1, 0));
}

static void test_mmap_flags(void)
{
	struct drm_vcm_bo_mmap a = { .handle = c.bo };

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_BO_MMAP, &a), 0);
	a.offset = 0;
	check_flag_bits(DRM_IOCTL_VCM_BO_MMAP, &a, sizeof(a), &a.flags, 0);
}

static void test_mmap_handle(void)
{
	struct drm_vcm_bo_mmap a = { 0 };

	check_err(DRM_IOCTL_VCM_BO_MMAP, &a, ENOENT);
	a.handle = c.bo + 1000;
	check_err(DRM_IOCTL_VCM_BO_MMAP, &a, ENOENT);
}

static void test_reserve_flags(void)
{
	struct drm_vcm_va_reserve a = good_reserve();

	reserve_ok(a);
	check_flag_bits(DRM_IOCTL_VCM_VA_RESERVE, &a, sizeof(a), &a.flags, 0);
	a = good_reserve_fixed();
	reserve_ok(a);
	check_flag_bits(DRM_IOCTL_VCM_VA_RESERVE, &a, sizeof(a), &a.flags,
			DRM_VCM_RESERVE_FIXED);
}

static void test_reserve_pad(void)
{
	struct drm_vcm_va_reserve a;
	unsigned int i;

	reserve_ok(good_reserve());
	for (i = 0; i < ARRAY_SIZE(bad_pads); i++) {
		a = good_reserve();
		a.pad = bad_pads[i];
		check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
		a = good_reserve_fixed();
		a.pad = bad_pads[i];
		check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
	}
}

static void test_reserve_size(void)
{
	const uint64_t sizes[] = { 0, 1, SZ_4K + 1, SZ_64K - SZ_4K / 2 };
	struct drm_vcm_va_reserve a;
	unsigned int i;

	reserve_ok(good_reserve());
	reserve_ok(good_reserve_fixed());
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		a = good_reserve();
		a.size = sizes[i];
		check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
		a = good_reserve_fixed();
		a.size = sizes[i];
		check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
	}
	/* Larger than the space: no room anywhere, outside when fixed. */
	a = good_reserve();
	a.size = SZ_2G + SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, ENOSPC);
	a.size = ~0ull - SZ_4K + 1;
	check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, ENOSPC);
}

static void test_reserve_align(void)
{
	const uint64_t aligns[] = {
		1, SZ_4K / 2, 3 * SZ_4K, SZ_64K + SZ_4K, (1ull << 63) + SZ_4K,
		~0ull,
	};
	struct drm_vcm_va_reserve a;
	unsigned int i;

	reserve_ok(good_reserve());
	for (i = 0; i < ARRAY_SIZE(aligns); i++) {
		a = good_reserve();
		a.align = aligns[i];
		check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
	}
	/* FIXED takes no alignment. */
	a = good_reserve_fixed();
	a.align = SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
}

static void test_reserve_addr(void)
{
	const uint64_t addrs[] = { 1, SZ_1M * 512 + SZ_4K / 2, ~0ull - SZ_4K + 1 };
	struct drm_vcm_va_reserve a;
	unsigned int i;

	reserve_ok(good_reserve_fixed());
	for (i = 0; i < ARRAY_SIZE(addrs); i++) {
		a = good_reserve_fixed();
		a.addr = addrs[i];
		check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
	}
	/* addr + size wraps 2^64 */
	a = good_reserve_fixed();
	a.addr = ~0ull - SZ_4K + 1;
	a.size = 2 * SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
	a.addr = 1ull << 63;
	a.size = 1ull << 63;
	a.size += SZ_64K;
	check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, EINVAL);
}

static void test_reserve_space(void)
{
	const uint32_t ids[] = { 0, c.space + 1000, ~0u };
	struct drm_vcm_va_reserve a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		a = good_reserve();
		a.space_id = ids[i];
		check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, ENOENT);
		a = good_reserve_fixed();
		a.space_id = ids[i];
		check_err(DRM_IOCTL_VCM_VA_RESERVE, &a, ENOENT);
	}
}

static void test_unreserve_flags(void)
{
	struct drm_vcm_va_reserve r = good_reserve();
	struct drm_vcm_va_unreserve a = { .space_id = c.space };
	unsigned int i;

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_VA_RESERVE, &r), 0);
	a.res_id = r.res_id;
	check_flag_bits(DRM_IOCTL_VCM_VA_UNRESERVE, &a, sizeof(a), &a.flags, 0);
	for (i = 0; i < ARRAY_SIZE(bad_pads); i++) {
		a.pad = bad_pads[i];
		check_err(DRM_IOCTL_VCM_VA_UNRESERVE, &a, EINVAL);
	}
	a.pad = 0;
	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_VA_UNRESERVE, &a), 0);
	check_err(DRM_IOCTL_VCM_VA_UNRESERVE, &a, ENOENT);
}

static void test_unreserve_ids(void)
{
	const uint32_t ids[] = { 0, c.res + 1000, ~0u };
	struct drm_vcm_va_unreserve a = { .space_id = c.space };
	struct drm_vcm_va_reserve r = good_reserve();
	uint32_t other = space_for_attach();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		a.res_id = ids[i];
		check_err(DRM_IOCTL_VCM_VA_UNRESERVE, &a, ENOENT);
	}
	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_VA_RESERVE, &r), 0);
	a.res_id = r.res_id;
	a.space_id = 0;
	check_err(DRM_IOCTL_VCM_VA_UNRESERVE, &a, ENOENT);
	a.space_id = c.space + 1000;
	check_err(DRM_IOCTL_VCM_VA_UNRESERVE, &a, ENOENT);
	/* A reservation belongs to its space. */
	a.space_id = other;
	check_err(DRM_IOCTL_VCM_VA_UNRESERVE, &a, ENOENT);
	vcm_unreserve(c.fd, c.space, r.res_id);
	vcm_space_destroy(c.fd, other);
}

static void test_bind_flags(void)
{
	struct drm_vcm_va_bind a = good_bind();

	bind_ok();
	check_flag_bits(DRM_IOCTL_VCM_VA_BIND, &a, sizeof(a), &a.flags,
			DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE |
			DRM_VCM_BIND_SNOOP);
	bind_ok();
}

static void test_bind_align(void)
{
	struct drm_vcm_va_bind a;

	bind_ok();
	a = good_bind();
	a.size = 0;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, EINVAL);
	a.size = SZ_4K + 1;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, EINVAL);
	a.size = SZ_4K / 2;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, EINVAL);
	a = good_bind();
	a.res_offset += SZ_4K / 2;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, EINVAL);
	a = good_bind();
	a.bo_offset += 8;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, EINVAL);
	bind_ok();
}

static void test_bind_wrap(void)
{
	struct drm_vcm_va_bind a;

	bind_ok();
	a = good_bind();
	a.res_offset = ~0ull - SZ_4K + 1;
	a.size = 2 * SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, EINVAL);
	a = good_bind();
	a.bo_offset = ~0ull - SZ_4K + 1;
	a.size = 2 * SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, EINVAL);
	a = good_bind();
	a.size = ~0ull - SZ_4K + 1;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, EINVAL);
	bind_ok();
}

static void test_bind_range(void)
{
	struct drm_vcm_va_bind a;

	bind_ok();
	/* Past the end of the reservation. */
	a = good_bind();
	a.res_offset = RES_SIZE - SZ_4K;
	a.size = 2 * SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ERANGE);
	a.res_offset = RES_SIZE;
	a.size = SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ERANGE);
	/* Past the end of the object. */
	a = good_bind();
	a.bo_offset = BO_SIZE - SZ_4K;
	a.size = 2 * SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ERANGE);
	a.bo_offset = BO_SIZE;
	a.size = SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ERANGE);
	a = good_bind();
	a.bo_offset = 0;
	a.size = BO_SIZE + SZ_4K;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ERANGE);
	bind_ok();
}

static void test_bind_ids(void)
{
	struct drm_vcm_va_bind a;

	bind_ok();
	a = good_bind();
	a.space_id = 0;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ENOENT);
	a.space_id = c.space + 1000;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ENOENT);
	a = good_bind();
	a.res_id = 0;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ENOENT);
	a.res_id = c.res + 1000;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ENOENT);
	a = good_bind();
	a.handle = 0;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ENOENT);
	a.handle = c.bo + 1000;
	check_err(DRM_IOCTL_VCM_VA_BIND, &a, ENOENT);
	bind_ok();
}

static void test_unbind_flags(void)
{
	struct drm_vcm_va_unbind a = {
		.space_id = c.space, .res_id = c.res, .res_offset = 2 * SZ_1M,
	};
	struct drm_vcm_va_bind b = good_bind();
	unsigned int i;

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_VA_BIND, &b), 0);
	check_flag_bits(DRM_IOCTL_VCM_VA_UNBIND, &a, sizeof(a), &a.flags, 0);
	for (i = 0; i < ARRAY_SIZE(bad_pads); i++) {
		a.pad = bad_pads[i];
		check_err(DRM_IOCTL_VCM_VA_UNBIND, &a, EINVAL);
	}
	a.pad = 0;
	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_VA_UNBIND, &a), 0);
}

static void test_unbind_args(void)
{
	struct drm_vcm_va_unbind a;
	struct drm_vcm_va_bind b = good_bind();

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_VA_BIND, &b), 0);
	a = (struct drm_vcm_va_unbind){
		.space_id = c.space, .res_id = c.res,
		.res_offset = b.res_offset + SZ_4K / 2,
	};
	check_err(DRM_IOCTL_VCM_VA_UNBIND, &a, EINVAL);
	a.res_offset = b.res_offset;
	a.space_id = 0;
	check_err(DRM_IOCTL_VCM_VA_UNBIND, &a, ENOENT);
	a.space_id = c.space + 1000;
	check_err(DRM_IOCTL_VCM_VA_UNBIND, &a, ENOENT);
	a.space_id = c.space;
	a.res_id = 0;
	check_err(DRM_IOCTL_VCM_VA_UNBIND, &a, ENOENT);
	a.res_id = c.res + 1000;
	check_err(DRM_IOCTL_VCM_VA_UNBIND, &a, ENOENT);
	vcm_unbind(c.fd, c.space, c.res, b.res_offset);
}

static void test_copy_flags(void)
{
	struct drm_vcm_copy a = good_copy();

	copy_ok();
	check_flag_bits(DRM_IOCTL_VCM_COPY, &a, sizeof(a), &a.flags, 0);
	copy_ok();
}

static void test_copy_size(void)
{
	const uint64_t sizes[] = {
		0, (1ull << 32) + 1, (1ull << 32) + SZ_4K, 1ull << 33, ~0ull,
	};
	struct drm_vcm_copy a;
	unsigned int i;

	copy_ok();
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		a = good_copy();
		a.size = sizes[i];
		check_err(DRM_IOCTL_VCM_COPY, &a, EINVAL);
	}
	/* 2^32 itself is fine: it runs into unbound VA past the binding. */
	a = good_copy();
	a.size = 1ull << 32;
	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_COPY, &a), 0);
	igt_assert_eq(a.fault, DRM_VCM_FAULT_INVALID);
	igt_assert_eq_u64(a.fault_addr, c.va + BIND_AT + BO_SIZE / 2);
}

static void test_copy_wrap(void)
{
	struct drm_vcm_copy a;

	copy_ok();
	a = good_copy();
	a.src = ~0ull - 50;
	check_err(DRM_IOCTL_VCM_COPY, &a, EINVAL);
	a = good_copy();
	a.dst = ~0ull - 50;
	check_err(DRM_IOCTL_VCM_COPY, &a, EINVAL);
	a = good_copy();
	a.src = ~0ull - SZ_4K + 1;
	a.size = 1ull << 32;
	check_err(DRM_IOCTL_VCM_COPY, &a, EINVAL);
}

static void test_copy_ids(void)
{
	const uint32_t mmus[] = { 1, DRM_VCM_MAX_MMUS, ~0u };
	struct drm_vcm_copy a;
	unsigned int i;

	copy_ok();
	a = good_copy();
	a.space_id = 0;
	check_err(DRM_IOCTL_VCM_COPY, &a, ENOENT);
	a.space_id = c.space + 1000;
	check_err(DRM_IOCTL_VCM_COPY, &a, ENOENT);
	for (i = 0; i < ARRAY_SIZE(mmus); i++) {
		a = good_copy();
		a.mmu = mmus[i];
		check_err(DRM_IOCTL_VCM_COPY, &a, ENOENT);
	}
}

struct subtest {
	const char *name;
	void (*fn)(void);
	const char *desc;
};

static const struct subtest subtests[] = {
	{ "format-info-invalid-flags", test_format_info_flags,
	  "FORMAT_INFO: each undefined flag bit is -EINVAL." },
	{ "format-info-bad-index", test_format_info_index,
	  "FORMAT_INFO: an index at or past the count is -ENOENT." },
	{ "space-create-invalid-flags", test_create_flags,
	  "SPACE_CREATE: each undefined flag bit is -EINVAL." },
	{ "space-create-bad-pad", test_create_pad,
	  "SPACE_CREATE: a non-zero pad is -EINVAL." },
	{ "space-create-bad-range", test_create_range,
	  "SPACE_CREATE: a zero, misaligned or wrapping range is -EINVAL." },
	{ "space-create-bad-format", test_create_format,
	  "SPACE_CREATE: an unknown format is -ENOENT." },
	{ "space-create-too-large", test_create_too_large,
	  "SPACE_CREATE: a range past each format's VA bits is -ERANGE." },
	{ "space-destroy-invalid-flags", test_destroy_flags,
	  "SPACE_DESTROY: each undefined flag bit is -EINVAL and destroys nothing." },
	{ "space-destroy-bad-id", test_destroy_id,
	  "SPACE_DESTROY: an unknown space is -ENOENT." },
	{ "space-attach-invalid-flags", test_attach_flags,
	  "SPACE_ATTACH: each undefined flag bit is -EINVAL and attaches nothing." },
	{ "space-attach-bad-id", test_attach_ids,
	  "SPACE_ATTACH: an unknown space or format is -ENOENT." },
	{ "space-attach-bad-range", test_attach_range,
	  "SPACE_ATTACH: a format that cannot translate the space is -ERANGE." },
	{ "space-attach-too-many", test_attach_too_many,
	  "SPACE_ATTACH: past DRM_VCM_MAX_MMUS MMUs is -ENOSPC." },
	{ "space-attach-agp", test_attach_agp,
	  "SPACE_ATTACH: ATTACH_AGP with a format is -EINVAL; without an AGP bridge -ENODEV." },
	{ "agp-info-invalid-flags", test_agp_info_flags,
	  "AGP_INFO: each undefined flag bit and a non-zero pad are -EINVAL." },
	{ "bo-create-invalid-flags", test_bo_flags,
	  "BO_CREATE: each undefined flag bit is -EINVAL." },
	{ "bo-create-bad-size", test_bo_size,
	  "BO_CREATE: size 0 or above DRM_VCM_BO_MAX_SIZE is -EINVAL." },
	{ "bo-mmap-invalid-flags", test_mmap_flags,
	  "BO_MMAP: each undefined flag bit is -EINVAL." },
	{ "bo-mmap-bad-handle", test_mmap_handle,
	  "BO_MMAP: an unknown handle is -ENOENT." },
	{ "reserve-invalid-flags", test_reserve_flags,
	  "VA_RESERVE: each undefined flag bit is -EINVAL, anywhere and fixed." },
	{ "reserve-bad-pad", test_reserve_pad,
	  "VA_RESERVE: a non-zero pad is -EINVAL." },
	{ "reserve-bad-size", test_reserve_size,
	  "VA_RESERVE: a zero or misaligned size is -EINVAL; more than the space is -ENOSPC." },
	{ "reserve-bad-align", test_reserve_align,
	  "VA_RESERVE: an alignment that is not a power of two of at least "
	  "4096, or any with FIXED, is -EINVAL." },
	{ "reserve-bad-addr", test_reserve_addr,
	  "VA_RESERVE: a misaligned or wrapping fixed address is -EINVAL." },
	{ "reserve-bad-space", test_reserve_space,
	  "VA_RESERVE: an unknown space is -ENOENT." },
	{ "unreserve-invalid-flags", test_unreserve_flags,
	  "VA_UNRESERVE: each undefined flag bit and a non-zero pad are -EINVAL." },
	{ "unreserve-bad-id", test_unreserve_ids,
	  "VA_UNRESERVE: an unknown space or reservation, or one of another space, is -ENOENT." },
	{ "bind-invalid-flags", test_bind_flags,
	  "VA_BIND: each undefined flag bit is -EINVAL." },
	{ "bind-bad-size", test_bind_align,
	  "VA_BIND: a zero or misaligned size or offset is -EINVAL." },
	{ "bind-wrap", test_bind_wrap,
	  "VA_BIND: ranges that wrap 2^64 are -EINVAL." },
	{ "bind-bad-range", test_bind_range,
	  "VA_BIND: a range outside the reservation or the object is -ERANGE." },
	{ "bind-bad-id", test_bind_ids,
	  "VA_BIND: an unknown space, reservation or handle is -ENOENT." },
	{ "unbind-invalid-flags", test_unbind_flags,
	  "VA_UNBIND: each undefined flag bit and a non-zero pad are -EINVAL." },
	{ "unbind-bad-args", test_unbind_args,
	  "VA_UNBIND: a misaligned offset is -EINVAL, an unknown space or reservation -ENOENT." },
	{ "copy-invalid-flags", test_copy_flags,
	  "COPY: each undefined flag bit is -EINVAL." },
	{ "copy-bad-size", test_copy_size,
	  "COPY: size 0 or above 2^32 is -EINVAL; 2^32 is accepted." },
	{ "copy-wrap", test_copy_wrap,
	  "COPY: a source or destination wrapping 2^64 is -EINVAL." },
	{ "copy-bad-id", test_copy_ids,
	  "COPY: an unknown space or MMU is -ENOENT." },
};

igt_main
{
	unsigned int i;

	igt_fixture {
		struct drm_vcm_format_info fi;

		c.fd = vcm_open();
		c.nfmt = vcm_format_count(c.fd);
		c.fmt = vcm_format_find(c.fd, "gp100", &fi);
		c.space = vcm_space_create(c.fd, c.fmt, 0, SZ_2G);
		c.res = vcm_reserve(c.fd, c.space, RES_SIZE, 0, &c.va);
		c.bo = vcm_bo_create(c.fd, BO_SIZE, 0);
		vcm_bind(c.fd, c.space, c.res, c.bo, BIND_AT, BO_SIZE / 2, 0,
			 RW);
	}

	for (i = 0; i < ARRAY_SIZE(subtests); i++) {
		igt_describe(subtests[i].desc);
		igt_subtest(subtests[i].name)
			subtests[i].fn();
	}

	igt_fixture
		close(c.fd);
}
