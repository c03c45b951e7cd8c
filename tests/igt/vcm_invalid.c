// SPDX-License-Identifier: MIT
/*
 * vcm_invalid: every ioctl of vcm_virt refuses bad input with the exact
 * errno. Each case changes one field of an input that is otherwise valid;
 * each subtest first checks that the unchanged input does succeed. This
 * file is the test's main: the fixture and the subtests of each part.
 */
#include <unistd.h>

#include "vcm_invalid.h"

IGT_TEST_DESCRIPTION("Input validation of every vcm_virt ioctl, with exact errnos.");

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

	for (i = 0; i < space_nsubtests; i++) {
		igt_describe(space_subtests[i].desc);
		igt_subtest(space_subtests[i].name)
			space_subtests[i].fn();
	}
	for (i = 0; i < va_nsubtests; i++) {
		igt_describe(va_subtests[i].desc);
		igt_subtest(va_subtests[i].name)
			va_subtests[i].fn();
	}

	igt_fixture
		close(c.fd);
}
