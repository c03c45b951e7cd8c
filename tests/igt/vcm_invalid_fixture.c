// SPDX-License-Identifier: MIT
/*
 * vcm_invalid's fixture and the checks every part uses: one flag bit at a
 * time, valid inputs to start from. See vcm_invalid.h.
 */
#include "vcm_invalid.h"

struct vcm_invalid_fixture c;

const uint64_t bad_pads[3] = { 1, 0x80000000ull, 0xffffffffull };

/* Every bit of *@flags outside @valid, one at a time: -EINVAL. */
void check_flag_bits(unsigned long req, void *arg, size_t len,
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

struct drm_vcm_space_create good_create(void)
{
	return (struct drm_vcm_space_create){
		.format = c.fmt, .va_start = SZ_64M, .va_size = SZ_64M,
	};
}

uint32_t space_for_attach(void)
{
	struct drm_vcm_space_create cr = good_create();

	igt_assert_eq(__vcm_ioctl(c.fd, DRM_IOCTL_VCM_SPACE_CREATE, &cr), 0);
	return cr.space_id;
}

