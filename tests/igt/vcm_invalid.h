/* SPDX-License-Identifier: MIT */
/*
 * What the parts of the vcm_invalid test share: the fixture every subtest
 * starts from and the checks of refused input (vcm_invalid_fixture.c),
 * under the subtests of the format and space ioctls (vcm_invalid_space.c)
 * and of the buffer object, VA and copy ioctls (vcm_invalid_va.c), under
 * the test's main (vcm_invalid.c).
 */
#ifndef VCM_IGT_INVALID_H
#define VCM_IGT_INVALID_H

#include "vcm_lib.h"

#define RW (DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE)
#define RES_SIZE (4 * SZ_1M)
#define BO_SIZE SZ_64K
#define BIND_AT SZ_1M		/* where the fixture's binding starts */

/*
 * The fixture: gp100 (a space from 0 to 2 GiB), a reservation of
 * RES_SIZE at @va and an object of BO_SIZE, its first half bound at
 * BIND_AT. Named with one letter: every subtest uses it in most lines.
 */
struct vcm_invalid_fixture {
	int fd;
	uint32_t fmt, nfmt;
	uint32_t space, res, bo;
	uint64_t va;		/* first VA of the reservation */
};

extern struct vcm_invalid_fixture c;

/* Non-zero values of a pad field, each refused with -EINVAL. */
extern const uint64_t bad_pads[3];

/* ioctl @req on @arg must fail with -@err. */
#define check_err(req, arg, err) \
	do { \
		int ret__ = __vcm_ioctl(c.fd, (req), (arg)); \
		igt_assert_f(ret__ == -(err), "%s: %d, expected %d\n", \
			     #req, ret__, -(err)); \
	} while (0)

void check_flag_bits(unsigned long req, void *arg, size_t len,
		     uint32_t *flags, uint32_t valid);
struct drm_vcm_space_create good_create(void);
uint32_t space_for_attach(void);

struct subtest {
	const char *name;
	void (*fn)(void);
	const char *desc;
};

/* vcm_invalid_space.c, vcm_invalid_va.c: in the order they run */
extern const struct subtest space_subtests[];
extern const unsigned int space_nsubtests;
extern const struct subtest va_subtests[];
extern const unsigned int va_nsubtests;

#endif /* VCM_IGT_INVALID_H */
