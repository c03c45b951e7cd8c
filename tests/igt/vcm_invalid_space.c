// SPDX-License-Identifier: MIT
/*
 * vcm_invalid: the subtests of the format and space ioctls (FORMAT_INFO,
 * SPACE_CREATE, SPACE_DESTROY, SPACE_ATTACH, AGP_INFO).
 */
#include "vcm_invalid.h"

static void create_ok(void)
{
	struct drm_vcm_space_create a = good_create();

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_SPACE_CREATE, &a), 0);
	vcm_space_destroy(c.fd, a.space_id);
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

const struct subtest space_subtests[] = {
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
};

const unsigned int space_nsubtests = ARRAY_SIZE(space_subtests);
