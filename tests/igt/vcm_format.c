// SPDX-License-Identifier: MIT
/*
 * vcm_format: copies and faults through the page tables of every format.
 */
#include <stdlib.h>
#include <unistd.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("Copies and faults through every page-table format of vcm_virt.");

#define RW (DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE)

struct space {
	struct drm_vcm_format_info fi;
	uint32_t id, res;
	uint64_t va;		/* start of an 8 MiB, 2 MiB-aligned reservation */
};

static void space_init(int fd, const char *name, struct space *s)
{
	uint64_t start, size;
	uint32_t idx;

	idx = vcm_format_find(fd, name, &s->fi);
	vcm_format_range(&s->fi, &start, &size);
	s->id = vcm_space_create(fd, idx, start, size);
	s->res = vcm_reserve(fd, s->id, 4 * SZ_2M, SZ_2M, &s->va);
	igt_assert_eq_u64(s->va % SZ_2M, 0);
	igt_assert(s->va >= start && s->va + 4 * SZ_2M <= start + size);
}

/*
 * Two 2 MiB objects A and B at 2 MiB-aligned VAs (so formats with large
 * pages may use them), plus the second half of A bound again. Copy an
 * unaligned piece across pages, all of A, and through the partial binding;
 * then after unbinding A a copy from it faults and writes nothing.
 */
static void test_copy(int fd, const char *name)
{
	uint64_t va_a, va_b, va_a2, fa, n = 3 * SZ_4K + 77;
	uint32_t bo_a, bo_b, flags;
	uint8_t *pa, *pb;
	struct space s;

	space_init(fd, name, &s);
	flags = vcm_format_bo_flags(&s.fi);
	va_a = s.va;
	va_b = s.va + 2 * SZ_2M;
	va_a2 = s.va + 3 * SZ_2M;

	bo_a = vcm_bo_create(fd, SZ_2M, flags);
	bo_b = vcm_bo_create(fd, SZ_2M, flags);
	pa = vcm_bo_map(fd, bo_a, SZ_2M);
	pb = vcm_bo_map(fd, bo_b, SZ_2M);
	vcm_pattern_fill(pa, SZ_2M, 0x5eed);
	memset(pb, 0xdd, SZ_2M);
	vcm_bind(fd, s.id, s.res, bo_a, 0, SZ_2M, 0, RW);
	vcm_bind(fd, s.id, s.res, bo_b, va_b - s.va, SZ_2M, 0, RW);
	vcm_bind(fd, s.id, s.res, bo_a, va_a2 - s.va, SZ_1M, SZ_1M, RW);

	igt_assert_eq(vcm_copy(fd, s.id, 0, va_a + 100, va_b + 2 * SZ_4K + 3,
			       n, &fa), DRM_VCM_FAULT_NONE);
	vcm_check_bytes(pb, 2 * SZ_4K + 3, 0xdd);
	vcm_pattern_check(pb + 2 * SZ_4K + 3, n, 0x5eed, 100);
	vcm_check_bytes(pb + 2 * SZ_4K + 3 + n, SZ_2M - 2 * SZ_4K - 3 - n,
			0xdd);

	igt_assert_eq(vcm_copy(fd, s.id, 0, va_a, va_b, SZ_2M, &fa),
		      DRM_VCM_FAULT_NONE);
	vcm_pattern_check(pb, SZ_2M, 0x5eed, 0);

	memset(pb, 0xdd, SZ_2M);
	igt_assert_eq(vcm_copy(fd, s.id, 0, va_a2, va_b + SZ_1M, SZ_1M, &fa),
		      DRM_VCM_FAULT_NONE);
	vcm_check_bytes(pb, SZ_1M, 0xdd);
	vcm_pattern_check(pb + SZ_1M, SZ_1M, 0x5eed, SZ_1M);

	/* Unbound: as source, as destination, and a source running into it. */
	vcm_unbind(fd, s.id, s.res, 0);
	memset(pb, 0xdd, SZ_2M);
	igt_assert_eq(vcm_copy(fd, s.id, 0, va_a, va_b, SZ_4K, &fa),
		      DRM_VCM_FAULT_INVALID);
	igt_assert_eq_u64(fa, va_a);
	igt_assert_eq(vcm_copy(fd, s.id, 0, va_b, va_a, 100, &fa),
		      DRM_VCM_FAULT_INVALID);
	igt_assert_eq_u64(fa, va_a);
	igt_assert_eq(vcm_copy(fd, s.id, 0, va_a2 + SZ_1M - 8, va_b, 16, &fa),
		      DRM_VCM_FAULT_INVALID);
	igt_assert_eq_u64(fa, va_a2 + SZ_1M);
	vcm_check_bytes(pb, SZ_2M, 0xdd);
	vcm_pattern_check(pa, SZ_2M, 0x5eed, 0);

	vcm_unbind(fd, s.id, s.res, va_b - s.va);
	vcm_unbind(fd, s.id, s.res, va_a2 - s.va);
	vcm_unreserve(fd, s.id, s.res);
	vcm_space_destroy(fd, s.id);
	vcm_bo_unmap(pa, SZ_2M);
	vcm_bo_unmap(pb, SZ_2M);
	vcm_gem_close(fd, bo_a);
	vcm_gem_close(fd, bo_b);
}

#define NBO 6

/*
 * Access rights: a READ-only destination faults with WRITE where the
 * format's entries record WRITE, and a WRITE-only source with READ where
 * they record READ; elsewhere the copy goes through. Reading a READ-only
 * and writing a WRITE-only binding always works; a binding with no right
 * faults both ways where the format records them, one with every right
 * and SNOOP never does.
 */
static void test_fault(int fd, const char *name)
{
	uint32_t bo[NBO], flags[NBO] = {
		RW, DRM_VCM_BIND_READ, DRM_VCM_BIND_WRITE, RW, 0,
		RW | DRM_VCM_BIND_SNOOP,
	};
	uint64_t va[NBO], fa;
	uint8_t *p[NBO];
	struct space s;
	uint32_t f;
	int i;

	space_init(fd, name, &s);
	igt_debug("%s: entry_flags %#x\n", name, s.fi.entry_flags);
	for (i = 0; i < NBO; i++) {
		bo[i] = vcm_bo_create(fd, SZ_64K, vcm_format_bo_flags(&s.fi));
		p[i] = vcm_bo_map(fd, bo[i], SZ_64K);
		va[i] = s.va + i * SZ_1M;
		vcm_bind(fd, s.id, s.res, bo[i], i * SZ_1M, SZ_64K, 0,
			 flags[i]);
	}
	vcm_pattern_fill(p[0], SZ_64K, 1);
	memset(p[1], 0xdd, SZ_64K);
	vcm_pattern_fill(p[2], SZ_64K, 2);
	memset(p[3], 0xdd, SZ_64K);

	/* A (RW) -> B (READ only) */
	f = vcm_copy(fd, s.id, 0, va[0], va[1], SZ_64K, &fa);
	if (s.fi.entry_flags & DRM_VCM_BIND_WRITE) {
		igt_assert_eq(f, DRM_VCM_FAULT_WRITE);
		igt_assert_eq_u64(fa, va[1]);
		vcm_check_bytes(p[1], SZ_64K, 0xdd);
	} else {
		igt_assert_eq(f, DRM_VCM_FAULT_NONE);
		vcm_pattern_check(p[1], SZ_64K, 1, 0);
	}

	/* C (WRITE only) -> D (RW) */
	f = vcm_copy(fd, s.id, 0, va[2], va[3], SZ_64K, &fa);
	if (s.fi.entry_flags & DRM_VCM_BIND_READ) {
		igt_assert_eq(f, DRM_VCM_FAULT_READ);
		igt_assert_eq_u64(fa, va[2]);
		vcm_check_bytes(p[3], SZ_64K, 0xdd);
	} else {
		igt_assert_eq(f, DRM_VCM_FAULT_NONE);
		vcm_pattern_check(p[3], SZ_64K, 2, 0);
	}

	/* Reading B and writing C are allowed everywhere. */
	vcm_pattern_fill(p[1], SZ_64K, 3);
	igt_assert_eq(vcm_copy(fd, s.id, 0, va[1], va[2], SZ_64K, &fa),
		      DRM_VCM_FAULT_NONE);
	vcm_pattern_check(p[2], SZ_64K, 3, 0);

	/* E (no right at all) faults as each recorded right says. */
	memset(p[4], 0xdd, SZ_64K);
	f = vcm_copy(fd, s.id, 0, va[0], va[4] + 8, 100, &fa);
	if (s.fi.entry_flags & DRM_VCM_BIND_WRITE) {
		igt_assert_eq(f, DRM_VCM_FAULT_WRITE);
		igt_assert_eq_u64(fa, va[4] + 8);
		vcm_check_bytes(p[4], SZ_64K, 0xdd);
	} else {
		igt_assert_eq(f, DRM_VCM_FAULT_NONE);
		vcm_pattern_check(p[4] + 8, 100, 1, 0);
	}
	f = vcm_copy(fd, s.id, 0, va[4], va[3], SZ_4K, &fa);
	if (s.fi.entry_flags & DRM_VCM_BIND_READ) {
		igt_assert_eq(f, DRM_VCM_FAULT_READ);
		igt_assert_eq_u64(fa, va[4]);
	} else {
		igt_assert_eq(f, DRM_VCM_FAULT_NONE);
		igt_assert(!memcmp(p[3], p[4], SZ_4K));
	}

	/* F (all rights and SNOOP) works both ways on every format. */
	igt_assert_eq(vcm_copy(fd, s.id, 0, va[0], va[5], SZ_64K, &fa),
		      DRM_VCM_FAULT_NONE);
	igt_assert_eq(vcm_copy(fd, s.id, 0, va[5], va[3], SZ_64K, &fa),
		      DRM_VCM_FAULT_NONE);
	vcm_pattern_check(p[3], SZ_64K, 1, 0);

	for (i = 0; i < NBO; i++) {
		vcm_unbind(fd, s.id, s.res, i * SZ_1M);
		vcm_bo_unmap(p[i], SZ_64K);
		vcm_gem_close(fd, bo[i]);
	}
	vcm_space_destroy(fd, s.id);
}

igt_main
{
	int fd = -1, i;

	igt_fixture
		fd = vcm_open();

	for (i = 0; i < VCM_NUM_FORMATS; i++) {
		igt_describe("Copy through 2 MiB-aligned 2 MiB bindings, an "
			     "unaligned piece and a partial binding; after "
			     "an unbind the copy faults INVALID at the right "
			     "address and writes nothing.");
		igt_subtest_f("copy-%s", vcm_format_names[i])
			test_copy(fd, vcm_format_names[i]);

		igt_describe("READ-only destinations and WRITE-only sources "
			     "fault where the format's entries record that "
			     "right, and copy where they do not.");
		igt_subtest_f("fault-%s", vcm_format_names[i])
			test_fault(fd, vcm_format_names[i]);
	}

	igt_fixture
		close(fd);
}
