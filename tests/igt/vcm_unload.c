// SPDX-License-Identifier: MIT
/*
 * vcm_unload: vcm_virt cannot be unloaded while in use, can be once idle,
 * and comes back when loaded again. Its own binary, run last, so that a
 * failure here cannot take the device away from other tests.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("Unloading and reloading the vcm_virt module.");

static int unload(void)
{
	return syscall(SYS_delete_module, "vcm_virt", O_NONBLOCK) ? -errno : 0;
}

static int load(void)
{
	const char *dir = getenv("VCM_KO");
	char path[256];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/vcm_virt.ko", dir ? dir : "/vcm");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	igt_assert_f(fd >= 0, "cannot open %s\n", path);
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

static void assert_busy(int ret)
{
	igt_assert_f(ret == -EWOULDBLOCK || ret == -EBUSY,
		     "unloading a module in use: %d\n", ret);
}

static void test_unload(void)
{
	uint32_t space, res, bo;
	uint64_t va;
	void *ptr;
	int fd, ret;

	fd = vcm_open();
	assert_busy(unload());

	/* A mapping of an object keeps the module after close() too. */
	space = vcm_space_create(fd, 0, SZ_256M, SZ_64M);
	res = vcm_reserve(fd, space, SZ_1M, 0, &va);
	bo = vcm_bo_create(fd, SZ_64K, DRM_VCM_BO_DMA32);
	vcm_bind(fd, space, res, bo, 0, SZ_64K, 0, DRM_VCM_BIND_READ);
	ptr = vcm_bo_map(fd, bo, SZ_64K);
	assert_busy(unload());
	close(fd);
	assert_busy(unload());
	vcm_bo_unmap(ptr, SZ_64K);

	ret = unload();
	if (ret == 0) {
		int back = load();

		igt_assert_f(back == 0, "reloading vcm_virt: %d\n", back);
	}
	igt_assert_eq(ret, 0);

	fd = vcm_open();
	igt_assert_eq(vcm_format_count(fd), VCM_NUM_FORMATS);
	close(fd);
}

igt_main
{
	igt_fixture
		close(vcm_open());

	igt_describe("delete_module() fails while a file or a mapping is "
		     "open, succeeds once both are gone; finit_module() then "
		     "brings the device back.");
	igt_subtest("unload-busy")
		test_unload();
}
