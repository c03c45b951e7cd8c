// SPDX-License-Identifier: MIT
/*
 * vcm_basic: the device, its format list, spaces and buffer objects.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xf86drm.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("Basic uAPI of vcm_virt: format list, spaces, buffer objects.");

static void test_format_info(int fd)
{
	bool seen[VCM_NUM_FORMATS] = { false };
	struct drm_vcm_format_info fi;
	uint32_t i, j, n = vcm_format_count(fd);

	igt_assert_eq(n, VCM_NUM_FORMATS);
	for (i = 0; i < n; i++) {
		vcm_format_info(fd, i, &fi);
		igt_assert_eq(fi.index, i);
		igt_assert_eq(fi.count, n);
		igt_assert_eq(fi.flags, 0);
		igt_assert(fi.va_bits >= 12 && fi.va_bits <= 64);
		igt_assert(fi.pa_bits >= 32 && fi.pa_bits <= 63);
		igt_assert_eq_u32(fi.entry_flags & ~(DRM_VCM_BIND_READ |
						    DRM_VCM_BIND_WRITE |
						    DRM_VCM_BIND_SNOOP), 0);
		igt_assert_f(fi.page_sizes & SZ_4K,
			     "%s: no 4 KiB pages (%#llx)\n", fi.name,
			     (unsigned long long)fi.page_sizes);
		for (j = 0; j < VCM_NUM_FORMATS; j++)
			if (!strcmp(fi.name, vcm_format_names[j]))
				break;
		igt_assert_f(j < VCM_NUM_FORMATS, "unexpected format %s\n",
			     fi.name);
		igt_assert_f(!seen[j], "format %s listed twice\n", fi.name);
		seen[j] = true;
		igt_debug("%u %s va_bits %u pa_bits %u entry_flags %#x page_sizes %#llx\n",
			  i, fi.name, fi.va_bits, fi.pa_bits, fi.entry_flags,
			  (unsigned long long)fi.page_sizes);
	}
}

static void test_create_destroy(int fd)
{
	struct drm_vcm_space_destroy d = { 0 };
	struct drm_vcm_format_info fi;
	uint32_t ids[VCM_NUM_FORMATS];
	uint64_t start, size;
	uint32_t i, j;

	for (i = 0; i < VCM_NUM_FORMATS; i++) {
		vcm_format_info(fd, i, &fi);
		vcm_format_range(&fi, &start, &size);
		ids[i] = vcm_space_create(fd, i, start, size);
		for (j = 0; j < i; j++)
			igt_assert_neq(ids[i], ids[j]);
	}
	for (i = 0; i < VCM_NUM_FORMATS; i++) {
		vcm_space_destroy(fd, ids[i]);
		d.space_id = ids[i];
		igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_SPACE_DESTROY, &d),
			      -ENOENT);
	}
}

static void test_bo_mmap(int fd)
{
	struct drm_vcm_bo_mmap m1 = { 0 }, m2 = { 0 };
	uint8_t *p, *q;
	uint32_t bo;

	/* 5000 bytes round up to two pages, all of them mappable. */
	bo = vcm_bo_create(fd, 5000, 0);
	m1.handle = bo;
	m2.handle = bo;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_BO_MMAP, &m1), 0);
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_BO_MMAP, &m2), 0);
	igt_assert_eq_u64(m1.offset, m2.offset);
	igt_assert_eq_u64(m1.offset % SZ_4K, 0);

	p = vcm_bo_map(fd, bo, 2 * SZ_4K);
	vcm_check_bytes(p, 2 * SZ_4K, 0);
	vcm_pattern_fill(p, 2 * SZ_4K, 7);
	q = vcm_bo_map(fd, bo, 2 * SZ_4K);
	vcm_pattern_check(q, 2 * SZ_4K, 7, 0);
	vcm_bo_unmap(p, 2 * SZ_4K);
	vcm_bo_unmap(q, 2 * SZ_4K);

	/* Past the rounded-up size there is nothing to map. */
	p = mmap(NULL, 3 * SZ_4K, PROT_READ, MAP_SHARED, fd, m1.offset);
	igt_assert(p == MAP_FAILED);

	vcm_gem_close(fd, bo);
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_BO_MMAP, &m1), -ENOENT);
}

static void test_bo_dma32(int fd)
{
	uint32_t bo = vcm_bo_create(fd, SZ_1M, DRM_VCM_BO_DMA32);
	uint8_t *p = vcm_bo_map(fd, bo, SZ_1M);

	vcm_pattern_fill(p, SZ_1M, 3);
	vcm_pattern_check(p, SZ_1M, 3, 0);
	vcm_bo_unmap(p, SZ_1M);
	vcm_gem_close(fd, bo);
}

static void test_second_client(int fd)
{
	int fd2 = vcm_open();

	igt_assert_neq(fd, fd2);
	igt_assert_eq(vcm_format_count(fd2), vcm_format_count(fd));
	close(fd2);
}

igt_main
{
	int fd = -1;

	igt_fixture
		fd = vcm_open();

	igt_describe("FORMAT_INFO lists exactly the 18 registered formats, "
		     "each once, with sane geometry.");
	igt_subtest("format-info")
		test_format_info(fd);

	igt_describe("A space of every format can be created and destroyed; "
		     "ids are distinct and a destroyed id is gone.");
	igt_subtest("create-destroy")
		test_create_destroy(fd);

	igt_describe("A buffer object is rounded up to pages, zeroed, and "
		     "coherent between two CPU mappings.");
	igt_subtest("bo-mmap")
		test_bo_mmap(fd);

	igt_describe("A DMA32 buffer object can be created and mapped.");
	igt_subtest("bo-dma32")
		test_bo_dma32(fd);

	igt_describe("A second render client sees the same device.");
	igt_subtest("second-client")
		test_second_client(fd);

	igt_fixture
		close(fd);
}
