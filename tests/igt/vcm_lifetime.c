// SPDX-License-Identifier: MIT
/*
 * vcm_lifetime: object lifetimes, file isolation, several MMUs per space,
 * signals and many bindings.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("Lifetime, isolation, multi-format spaces and stress of vcm_virt.");

#define RW (DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE)

static uint32_t find(int fd, const char *name)
{
	struct drm_vcm_format_info fi;

	return vcm_format_find(fd, name, &fi);
}

/*
 * One client's worth of objects, left for close() to clean up: a space
 * with three MMUs, two reservations, a populated object bound twice and
 * one never bound.
 */
static void leave_objects(int fd)
{
	uint32_t space, res1, res2, bo, bo2;
	uint64_t va1, va2;
	uint8_t *p;

	space = vcm_space_create(fd, find(fd, "gp100"), 0, SZ_2G);
	vcm_space_attach(fd, space, find(fd, "nv50"));
	vcm_space_attach(fd, space, find(fd, "gf100-64k"));
	res1 = vcm_reserve(fd, space, 4 * SZ_1M, SZ_2M, &va1);
	res2 = vcm_reserve(fd, space, 4 * SZ_1M, 0, &va2);
	bo = vcm_bo_create(fd, SZ_2M, 0);
	bo2 = vcm_bo_create(fd, SZ_1M, 0);
	p = vcm_bo_map(fd, bo, SZ_2M);
	memset(p, 0x5a, SZ_2M);
	vcm_bo_unmap(p, SZ_2M);
	vcm_bind(fd, space, res1, bo, 0, SZ_2M, 0, RW);
	vcm_bind(fd, space, res2, bo, SZ_1M, SZ_1M, SZ_1M, RW);
	igt_assert_eq(vcm_copy(fd, space, 2, va1, va2 + SZ_1M, SZ_64K, NULL),
		      DRM_VCM_FAULT_NONE);
	(void)bo2;
}

#define SPACES_FILE "/sys/kernel/debug/vcm/spaces"

/* Live spaces of every VCM user: the lines of debugfs vcm/spaces. */
static int count_spaces(void)
{
	char line[512];
	int n = 0;
	FILE *f;

	f = fopen(SPACES_FILE, "r");
	igt_assert_f(f, "cannot read " SPACES_FILE "\n");
	while (fgets(line, sizeof(line), f))
		if (line[0] != '#' && line[0] != '\n')
			n++;
	fclose(f);
	return n;
}

static void test_close_cleanup(void)
{
	uint64_t before, after;
	int i, fd, spaces;

	/* Warm up caches and the allocator first. */
	for (i = 0; i < 4; i++) {
		fd = vcm_open();
		leave_objects(fd);
		close(fd);
	}
	spaces = count_spaces();
	before = vcm_mem_available();
	for (i = 0; i < 40; i++) {
		fd = vcm_open();
		leave_objects(fd);
		close(fd);
	}
	after = vcm_mem_available();
	igt_info("MemAvailable %" PRIu64 " KiB before, %" PRIu64 " KiB after\n",
		 before >> 10, after >> 10);
	igt_assert_eq(count_spaces(), spaces);
	/* Each leaked client would keep at least 2 MiB. */
	igt_assert_f(after + 16 * SZ_1M >= before,
		     "%" PRIu64 " KiB gone after 40 clients\n",
		     (before - after) >> 10);
}

/* VCM's debugfs list of spaces follows create, destroy and close. */
static void test_debugfs_spaces(void)
{
	int base = count_spaces(), fd = vcm_open(), fd2 = vcm_open();
	uint32_t fmt = find(fd, "nv50"), s[3];
	int i;

	for (i = 0; i < 3; i++) {
		s[i] = vcm_space_create(fd, fmt, 0, SZ_2G);
		igt_assert_eq(count_spaces(), base + i + 1);
	}
	vcm_space_create(fd2, fmt, 0, SZ_2G);
	igt_assert_eq(count_spaces(), base + 4);
	vcm_space_destroy(fd, s[1]);
	igt_assert_eq(count_spaces(), base + 3);
	close(fd2);
	igt_assert_eq(count_spaces(), base + 2);
	close(fd);
	igt_assert_eq(count_spaces(), base);
}

/* Destroying a space with everything in it; the objects survive. */
static void test_destroy_busy_space(void)
{
	int fd = vcm_open();
	uint32_t space, res, bo;
	uint64_t va;
	uint8_t *p;

	space = vcm_space_create(fd, find(fd, "cayman-vm"), 0, SZ_2G);
	vcm_space_attach(fd, space, find(fd, "si-vm"));
	bo = vcm_bo_create(fd, SZ_64K, 0);
	p = vcm_bo_map(fd, bo, SZ_64K);
	vcm_pattern_fill(p, SZ_64K, 11);
	res = vcm_reserve(fd, space, SZ_1M, 0, &va);
	vcm_bind(fd, space, res, bo, 0, SZ_64K, 0, RW);
	vcm_bind(fd, space, res, bo, SZ_64K, SZ_64K, 0, RW);
	vcm_space_destroy(fd, space);
	igt_assert_eq(__vcm_unbind(fd, space, res, 0), -ENOENT);
	vcm_pattern_check(p, SZ_64K, 11, 0);
	vcm_bo_unmap(p, SZ_64K);

	/* The object is still usable in a new space. */
	space = vcm_space_create(fd, find(fd, "cayman-vm"), 0, SZ_2G);
	res = vcm_reserve(fd, space, SZ_1M, 0, &va);
	vcm_bind(fd, space, res, bo, 0, SZ_64K, 0, RW);
	vcm_space_destroy(fd, space);
	vcm_gem_close(fd, bo);
	close(fd);
}

/* A binding keeps its object alive after the handle is closed. */
static void test_close_bound_bo(void)
{
	int fd = vcm_open();
	uint32_t space, res, a, b;
	uint64_t va;
	uint8_t *pa, *pb;

	space = vcm_space_create(fd, find(fd, "nv50"), 0, SZ_2G);
	res = vcm_reserve(fd, space, SZ_1M, 0, &va);
	a = vcm_bo_create(fd, SZ_64K, 0);
	b = vcm_bo_create(fd, SZ_64K, 0);
	pa = vcm_bo_map(fd, a, SZ_64K);
	vcm_pattern_fill(pa, SZ_64K, 12);
	vcm_bo_unmap(pa, SZ_64K);
	pb = vcm_bo_map(fd, b, SZ_64K);
	vcm_bind(fd, space, res, a, 0, SZ_64K, 0, RW);
	vcm_bind(fd, space, res, b, SZ_64K, SZ_64K, 0, RW);
	vcm_gem_close(fd, a);
	igt_assert_eq(__vcm_bind(fd, space, res, a, 2 * SZ_64K, SZ_4K, 0, RW),
		      -ENOENT);
	igt_assert_eq(vcm_copy(fd, space, 0, va, va + SZ_64K, SZ_64K, NULL),
		      DRM_VCM_FAULT_NONE);
	vcm_pattern_check(pb, SZ_64K, 12, 0);
	vcm_unbind(fd, space, res, 0);
	igt_assert_eq(vcm_copy(fd, space, 0, va, va + SZ_64K, SZ_64K, NULL),
		      DRM_VCM_FAULT_INVALID);
	vcm_bo_unmap(pb, SZ_64K);
	close(fd);
}

static void test_isolation(void)
{
	struct drm_vcm_space_destroy d = { 0 };
	struct drm_vcm_space_attach at = { 0 };
	struct drm_vcm_bo_mmap m = { 0 };
	struct drm_vcm_copy cp = { 0 };
	struct drm_vcm_va_reserve r = { .size = SZ_64K };
	int fd1 = vcm_open(), fd2 = vcm_open();
	uint32_t fmt = find(fd1, "gp100");
	uint32_t s1, r1, b1, s2, r2, b2;
	uint64_t va1, va2;

	s1 = vcm_space_create(fd1, fmt, 0, SZ_2G);
	r1 = vcm_reserve(fd1, s1, SZ_1M, 0, &va1);
	b1 = vcm_bo_create(fd1, SZ_64K, 0);
	vcm_bind(fd1, s1, r1, b1, 0, SZ_64K, 0, RW);

	/* None of the first file's ids mean anything in the second. */
	r.space_id = s1;
	igt_assert_eq(__vcm_ioctl(fd2, DRM_IOCTL_VCM_VA_RESERVE, &r), -ENOENT);
	at.space_id = s1;
	at.format = fmt;
	igt_assert_eq(__vcm_ioctl(fd2, DRM_IOCTL_VCM_SPACE_ATTACH, &at), -ENOENT);
	cp.space_id = s1;
	cp.src = va1;
	cp.dst = va1 + SZ_4K;
	cp.size = SZ_4K;
	igt_assert_eq(__vcm_ioctl(fd2, DRM_IOCTL_VCM_COPY, &cp), -ENOENT);
	igt_assert_eq(__vcm_unbind(fd2, s1, r1, 0), -ENOENT);
	m.handle = b1;
	igt_assert_eq(__vcm_ioctl(fd2, DRM_IOCTL_VCM_BO_MMAP, &m), -ENOENT);
	d.space_id = s1;
	igt_assert_eq(__vcm_ioctl(fd2, DRM_IOCTL_VCM_SPACE_DESTROY, &d), -ENOENT);

	/* The second file's own objects, with whatever ids they get... */
	s2 = vcm_space_create(fd2, fmt, 0, SZ_2G);
	r2 = vcm_reserve(fd2, s2, SZ_1M, 0, &va2);
	b2 = vcm_bo_create(fd2, SZ_64K, 0);
	igt_assert_eq(__vcm_bind(fd2, s2, r2, b1 == b2 ? b2 + 1000 : b1,
				 0, SZ_64K, 0, RW), -ENOENT);
	vcm_bind(fd2, s2, r2, b2, 0, SZ_64K, 0, RW);
	/* ...are destroyed without touching the first file's. */
	vcm_unbind(fd2, s2, r2, 0);
	vcm_unreserve(fd2, s2, r2);
	vcm_space_destroy(fd2, s2);
	vcm_gem_close(fd2, b2);
	close(fd2);

	igt_assert_eq(vcm_copy(fd1, s1, 0, va1, va1 + SZ_4K, SZ_4K, NULL),
		      DRM_VCM_FAULT_NONE);
	vcm_unbind(fd1, s1, r1, 0);
	vcm_unreserve(fd1, s1, r1);
	vcm_space_destroy(fd1, s1);
	close(fd1);
}

/*
 * A 256 MiB space of r600-gart with nv41, nv50 and gp100 attached: a
 * binding made before and one made after the attaches copy through every
 * MMU, and after the unbind every MMU faults.
 */
static void test_multi_format(void)
{
	const char *const names[] = { "r600-gart", "nv41", "nv50", "gp100" };
	struct drm_vcm_format_info fi[4];
	uint32_t space, res, a, b, flags = 0, mmu;
	uint64_t base, span, va, fa;
	int fd = vcm_open(), i;
	uint32_t idx[4];
	uint8_t *pa, *pb;

	for (i = 0; i < 4; i++) {
		idx[i] = vcm_format_find(fd, names[i], &fi[i]);
		flags |= vcm_format_bo_flags(&fi[i]);
	}
	vcm_format_range(&fi[0], &base, &span);
	space = vcm_space_create(fd, idx[0], base, span);
	res = vcm_reserve(fd, space, 4 * SZ_1M, 0, &va);
	a = vcm_bo_create(fd, SZ_1M, flags);
	b = vcm_bo_create(fd, SZ_1M, flags);
	pa = vcm_bo_map(fd, a, SZ_1M);
	pb = vcm_bo_map(fd, b, SZ_1M);
	vcm_pattern_fill(pa, SZ_1M, 21);
	vcm_bind(fd, space, res, a, 0, SZ_1M, 0, RW);
	for (i = 1; i < 4; i++)
		igt_assert_eq(vcm_space_attach(fd, space, idx[i]), i);
	vcm_bind(fd, space, res, b, 2 * SZ_1M, SZ_1M, 0, RW);

	for (mmu = 0; mmu < 4; mmu++) {
		memset(pb, 0, SZ_1M);
		igt_assert_eq(vcm_copy(fd, space, mmu, va, va + 2 * SZ_1M,
				       SZ_1M, &fa), DRM_VCM_FAULT_NONE);
		vcm_pattern_check(pb, SZ_1M, 21, 0);
	}
	vcm_unbind(fd, space, res, 0);
	memset(pb, 0xdd, SZ_1M);
	for (mmu = 0; mmu < 4; mmu++) {
		igt_assert_eq(vcm_copy(fd, space, mmu, va + SZ_64K,
				       va + 2 * SZ_1M, SZ_4K, &fa),
			      DRM_VCM_FAULT_INVALID);
		igt_assert_eq_u64(fa, va + SZ_64K);
	}
	vcm_check_bytes(pb, SZ_1M, 0xdd);
	vcm_bo_unmap(pa, SZ_1M);
	vcm_bo_unmap(pb, SZ_1M);
	close(fd);
}

/* The whole life of a binding, again and again, under a rain of signals. */
static void test_signal_storm(void)
{
	uint32_t fmt, space, res, a, b;
	int fd = vcm_open(), i;
	uint64_t va;
	uint8_t *pa, *pb;

	fmt = find(fd, "gf100-128k");
	igt_fork_signal_helper();
	for (i = 0; i < 100; i++) {
		space = vcm_space_create(fd, fmt, 0, SZ_2G);
		if (i & 1)
			vcm_space_attach(fd, space, find(fd, "cayman-vm"));
		res = vcm_reserve(fd, space, 2 * SZ_1M, SZ_1M, &va);
		a = vcm_bo_create(fd, SZ_1M, 0);
		b = vcm_bo_create(fd, SZ_1M, 0);
		pa = vcm_bo_map(fd, a, SZ_1M);
		pb = vcm_bo_map(fd, b, SZ_1M);
		vcm_pattern_fill(pa, SZ_1M, i);
		vcm_bind(fd, space, res, a, 0, SZ_1M, 0, RW);
		vcm_bind(fd, space, res, b, SZ_1M, SZ_1M, 0, RW);
		igt_assert_eq(vcm_copy(fd, space, i & 1, va, va + SZ_1M,
				       SZ_1M, NULL), DRM_VCM_FAULT_NONE);
		vcm_pattern_check(pb, SZ_1M, i, 0);
		vcm_unbind(fd, space, res, 0);
		vcm_unbind(fd, space, res, SZ_1M);
		vcm_unreserve(fd, space, res);
		vcm_space_destroy(fd, space);
		vcm_bo_unmap(pa, SZ_1M);
		vcm_bo_unmap(pb, SZ_1M);
		vcm_gem_close(fd, a);
		vcm_gem_close(fd, b);
	}
	igt_stop_signal_helper();
	close(fd);
}

#define MANY 10000

static void test_many_binds(void)
{
	const uint32_t probe[] = { 0, 1, 2, 4999, MANY - 2, MANY - 1 };
	uint32_t space, res, out_res, page, out;
	int fd = vcm_open();
	uint64_t va, out_va, fa;
	uint8_t *pp, *po;
	unsigned int i;

	space = vcm_space_create(fd, find(fd, "gp100"), 0, SZ_2G);
	res = vcm_reserve(fd, space, MANY * SZ_4K, 0, &va);
	out_res = vcm_reserve(fd, space, SZ_64K, 0, &out_va);
	page = vcm_bo_create(fd, 2 * SZ_4K, 0);
	out = vcm_bo_create(fd, SZ_4K, 0);
	pp = vcm_bo_map(fd, page, 2 * SZ_4K);
	po = vcm_bo_map(fd, out, SZ_4K);
	vcm_pattern_fill(pp, 2 * SZ_4K, 31);
	vcm_bind(fd, space, out_res, out, 0, SZ_4K, 0, RW);

	/* Alternate between the object's two pages. */
	for (i = 0; i < MANY; i++)
		vcm_bind(fd, space, res, page, i * SZ_4K, SZ_4K,
			 (i & 1) * SZ_4K, RW);
	for (i = 0; i < ARRAY_SIZE(probe); i++) {
		memset(po, 0, SZ_4K);
		igt_assert_eq(vcm_copy(fd, space, 0, va + probe[i] * SZ_4K,
				       out_va, SZ_4K, NULL),
			      DRM_VCM_FAULT_NONE);
		vcm_pattern_check(po, SZ_4K, 31, (probe[i] & 1) * SZ_4K);
	}
	/* One copy through 2000 of them at once. */
	igt_assert_eq(vcm_copy(fd, space, 0, va, va + 2000 * SZ_4K,
			       2000 * SZ_4K, NULL), DRM_VCM_FAULT_NONE);
	vcm_pattern_check(pp, 2 * SZ_4K, 31, 0);
	{
		struct drm_vcm_va_unreserve u = { .space_id = space,
						  .res_id = res };

		igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_UNRESERVE, &u),
			      -EBUSY);
	}

	for (i = 0; i < MANY; i++)
		vcm_unbind(fd, space, res, i * SZ_4K);
	for (i = 0; i < ARRAY_SIZE(probe); i++) {
		igt_assert_eq(vcm_copy(fd, space, 0, va + probe[i] * SZ_4K,
				       out_va, SZ_4K, &fa),
			      DRM_VCM_FAULT_INVALID);
		igt_assert_eq_u64(fa, va + probe[i] * SZ_4K);
	}
	vcm_unreserve(fd, space, res);
	vcm_bo_unmap(pp, 2 * SZ_4K);
	vcm_bo_unmap(po, SZ_4K);
	close(fd);
}

igt_main
{
	igt_fixture
		close(vcm_open());

	igt_describe("Closing a file with spaces, MMUs, reservations and "
		     "bindings alive frees them: 40 such clients leave "
		     "available memory and VCM's debugfs space list where "
		     "they were.");
	igt_subtest("close-cleanup")
		test_close_cleanup();

	igt_describe("debugfs vcm/spaces lists one line per live space: it "
		     "follows creates, destroys and closed files.");
	igt_subtest("debugfs-spaces")
		test_debugfs_spaces();

	igt_describe("Destroying a space with reservations, bindings and "
		     "MMUs in it works and keeps the objects.");
	igt_subtest("destroy-busy-space")
		test_destroy_busy_space();

	igt_describe("A binding keeps its object alive after its handle is "
		     "closed, until it is unbound.");
	igt_subtest("close-bound-bo")
		test_close_bound_bo();

	igt_describe("Ids and handles of one file are -ENOENT in another; "
		     "destroying one file's objects leaves the other's.");
	igt_subtest("two-files-isolated")
		test_isolation();

	igt_describe("A space with four MMUs of different formats: bindings "
		     "made before and after the attaches copy through each, "
		     "and fault through each once unbound.");
	igt_subtest("multi-format")
		test_multi_format();

	igt_describe("Create, attach, reserve, bind, copy, unbind, destroy "
		     "100 times under constant signals: every ioctl succeeds.");
	igt_subtest("signal-storm")
		test_signal_storm();

	igt_describe("10000 bindings in one reservation copy correctly, and "
		     "all fault after they are unbound.");
	igt_subtest("many-binds")
		test_many_binds();
}
