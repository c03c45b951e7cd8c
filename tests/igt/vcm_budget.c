// SPDX-License-Identifier: MIT
/*
 * vcm_budget: the page tables of one DRM file's spaces are capped
 * (table_budget_mib), refused with -EDQUOT past the cap, and given back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("Per-file table-memory budget of vcm_virt.");

#define PARAM "/sys/module/vcm_virt/parameters/table_budget_mib"
#define CAP_MIB 8
/* More tries than a cap of CAP_MIB can ever allow: the loops end. */
#define MAX_TRIES 100000

static unsigned int param_read(void)
{
	unsigned int v = 0;
	FILE *f = fopen(PARAM, "r");

	igt_require_f(f, "no %s\n", PARAM);
	igt_assert_eq(fscanf(f, "%u", &v), 1);
	fclose(f);
	return v;
}

static void param_write(unsigned int v)
{
	FILE *f = fopen(PARAM, "w");

	igt_require_f(f, "cannot write %s\n", PARAM);
	fprintf(f, "%u\n", v);
	igt_assert_eq(fclose(f), 0);
}

/*
 * A file whose budget is @mib: the cap is taken at open, so the
 * parameter is set back at once and no other test sees it.
 */
static int open_capped(unsigned int mib)
{
	unsigned int old = param_read();
	int fd;

	param_write(mib);
	fd = vcm_open();
	param_write(old);
	return fd;
}

static int __space_create(int fd, uint32_t format, uint64_t start,
			  uint64_t size, uint32_t *id)
{
	struct drm_vcm_space_create c = {
		.format = format, .va_start = start, .va_size = size,
	};
	int ret = __vcm_ioctl(fd, DRM_IOCTL_VCM_SPACE_CREATE, &c);

	*id = c.space_id;
	return ret;
}

static uint32_t find(int fd, const char *name)
{
	struct drm_vcm_format_info fi;

	return vcm_format_find(fd, name, &fi);
}

/*
 * Create r600-gart spaces of 256 MiB (a 512 KiB flat top table each) until
 * the budget says no; returns how many fit and leaves them in @ids.
 */
static int fill_spaces(int fd, uint32_t *ids, int max)
{
	uint32_t fmt = find(fd, "r600-gart"), id;
	int n, ret = 0;

	for (n = 0; n < max; n++) {
		ret = __space_create(fd, fmt, SZ_256M, SZ_256M, &id);
		if (ret)
			break;
		ids[n] = id;
	}
	igt_assert_eq(ret, -EDQUOT);
	return n;
}

static void test_space_create(void)
{
	uint32_t ids[64], id;
	int fd, n, again, i;

	fd = open_capped(CAP_MIB);
	n = fill_spaces(fd, ids, ARRAY_SIZE(ids));
	/* 8 MiB holds some 512 KiB tables, but not 64 of them. */
	igt_assert(n > 0 && n < 16);
	/* An attach needs tables too. */
	{
		struct drm_vcm_space_attach a = {
			.space_id = ids[0], .format = find(fd, "r600-gart"),
		};

		igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_SPACE_ATTACH, &a),
			      -EDQUOT);
	}
	/* A failed create leaves nothing: one destroy makes room for one. */
	vcm_space_destroy(fd, ids[--n]);
	igt_assert_eq(__space_create(fd, find(fd, "r600-gart"), SZ_256M,
				     SZ_256M, &id), 0);
	ids[n++] = id;
	igt_assert_eq(__space_create(fd, find(fd, "r600-gart"), SZ_256M,
				     SZ_256M, &id), -EDQUOT);
	/* All destroyed, the whole budget is back. */
	for (i = 0; i < n; i++)
		vcm_space_destroy(fd, ids[i]);
	again = fill_spaces(fd, ids, ARRAY_SIZE(ids));
	igt_assert_eq(again, n);
	close(fd);

	/* Closed with its spaces alive, the file gives back every byte. */
	fd = open_capped(CAP_MIB);
	igt_assert_eq(fill_spaces(fd, ids, ARRAY_SIZE(ids)), n);
	close(fd);
}

/*
 * 4 KiB binds at 128 MiB strides in a 1 TiB gf100 space: each needs a
 * 256 KiB small-page table. Returns how many fit before -EDQUOT.
 */
static int fill_binds(int fd, uint32_t space, uint32_t res, uint32_t bo)
{
	int n, ret = 0;

	for (n = 0; n < MAX_TRIES; n++) {
		ret = __vcm_bind(fd, space, res, bo, (uint64_t)n * 128 * SZ_1M,
				 SZ_4K, 0, DRM_VCM_BIND_READ);
		if (ret)
			break;
	}
	igt_assert_eq(ret, -EDQUOT);
	return n;
}

static void test_sparse_binds(void)
{
	uint64_t tib = 1ull << 40, va;
	uint32_t space, res, bo;
	int fd, n, i;

	fd = open_capped(CAP_MIB);
	space = vcm_space_create(fd, find(fd, "gf100-128k"), 0, tib);
	res = vcm_reserve(fd, space, tib, 0, &va);
	bo = vcm_bo_create(fd, SZ_4K, 0);
	n = fill_binds(fd, space, res, bo);
	/* 8 MiB of 256 KiB tables: about 30, far from one per stride. */
	igt_assert(n > 0 && n < 64);
	/* The refused bind left nothing behind: it is not there to unbind. */
	igt_assert_eq(__vcm_unbind(fd, space, res, (uint64_t)n * 128 * SZ_1M),
		      -ENOENT);
	/* Every unbind gives its table back: the same count fits again. */
	for (i = 0; i < n; i++)
		vcm_unbind(fd, space, res, (uint64_t)i * 128 * SZ_1M);
	igt_assert_eq(fill_binds(fd, space, res, bo), n);
	close(fd);

	/* A new file after the close: the same count again. */
	fd = open_capped(CAP_MIB);
	space = vcm_space_create(fd, find(fd, "gf100-128k"), 0, tib);
	res = vcm_reserve(fd, space, tib, 0, &va);
	bo = vcm_bo_create(fd, SZ_4K, 0);
	igt_assert_eq(fill_binds(fd, space, res, bo), n);
	close(fd);
}

/* The default cap leaves ordinary use alone. */
static void test_default(void)
{
	igt_assert_eq(param_read(), 256);
}

igt_main
{
	igt_fixture
		close(vcm_open());

	igt_describe("SPACE_CREATE in a loop hits -EDQUOT at the file's cap; "
		     "so does SPACE_ATTACH; destroying spaces and closing the "
		     "file give the budget back.");
	igt_subtest("space-create")
		test_space_create();

	igt_describe("Sparse 4 KiB binds, each needing a 256 KiB table, hit "
		     "-EDQUOT at the cap; the refused bind leaves nothing; "
		     "unbinding and closing give the budget back.");
	igt_subtest("sparse-binds")
		test_sparse_binds();

	igt_describe("table_budget_mib defaults to 256.");
	igt_subtest("default-cap")
		test_default();
}
