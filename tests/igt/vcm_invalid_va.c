// SPDX-License-Identifier: MIT
/*
 * vcm_invalid: the subtests of the buffer object, VA and copy ioctls
 * (BO_CREATE, BO_MMAP, VA_RESERVE, VA_UNRESERVE, VA_BIND, VA_UNBIND,
 * COPY).
 */
#include "vcm_invalid.h"

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

const struct subtest va_subtests[] = {
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

const unsigned int va_nsubtests = ARRAY_SIZE(va_subtests);
