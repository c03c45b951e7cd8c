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

/*
 * The largest space FORMAT_INFO advertises: one page more is -ERANGE; the
 * space itself is created (its whole top table allocated), bound at its
 * first and last page, and the copy engine moves bytes through both ends,
 * then faults at the first byte past the space.
 */
static void test_max(int fd, const char *name)
{
	struct drm_vcm_format_info fi;
	uint64_t max, last, fa;
	uint32_t idx, id, r0, r1, bo_a, bo_b, flags;
	uint8_t *pa, *pb;

	idx = vcm_format_find(fd, name, &fi);
	max = fi.max_va_size;
	igt_info("%s: max_va_size %#" PRIx64 " (va_bits %u)\n", name, max,
		 fi.va_bits);
	igt_assert(max >= SZ_2M && !(max & (max - 1)));
	igt_assert(fi.va_bits >= 64 || max <= 1ull << fi.va_bits);
	last = max - SZ_4K;

	if (max < 1ull << 63) {
		struct drm_vcm_space_create c = {
			.format = idx, .va_start = 0, .va_size = 2 * max,
		};

		igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_SPACE_CREATE, &c),
			      -ERANGE);
		c.va_size = max + SZ_4K;
		igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_SPACE_CREATE, &c),
			      -ERANGE);
	}
	id = vcm_space_create(fd, idx, 0, max);
	r0 = vcm_reserve_fixed(fd, id, 0, SZ_4K);
	r1 = vcm_reserve_fixed(fd, id, last, SZ_4K);
	flags = vcm_format_bo_flags(&fi);
	bo_a = vcm_bo_create(fd, SZ_4K, flags);
	bo_b = vcm_bo_create(fd, SZ_4K, flags);
	pa = vcm_bo_map(fd, bo_a, SZ_4K);
	pb = vcm_bo_map(fd, bo_b, SZ_4K);
	vcm_pattern_fill(pa, SZ_4K, 0x3a);
	memset(pb, 0xdd, SZ_4K);
	vcm_bind(fd, id, r0, bo_a, 0, SZ_4K, 0, RW);
	vcm_bind(fd, id, r1, bo_b, 0, SZ_4K, 0, RW);

	/* First page to last page, and back. */
	igt_assert_eq(vcm_copy(fd, id, 0, 16, last + 8, SZ_4K - 16, &fa),
		      DRM_VCM_FAULT_NONE);
	vcm_check_bytes(pb, 8, 0xdd);
	vcm_pattern_check(pb + 8, SZ_4K - 16, 0x3a, 16);
	vcm_check_bytes(pb + SZ_4K - 8, 8, 0xdd);
	vcm_pattern_fill(pb, SZ_4K, 0x3b);
	igt_assert_eq(vcm_copy(fd, id, 0, last, 0, SZ_4K, &fa),
		      DRM_VCM_FAULT_NONE);
	vcm_pattern_check(pa, SZ_4K, 0x3b, 0);

	/* A copy running past the end faults there and writes nothing. */
	if (max < 1ull << 63) {
		memset(pa, 0xdd, SZ_4K);
		igt_assert_eq(vcm_copy(fd, id, 0, last + SZ_4K / 2, 0, SZ_4K,
				       &fa), DRM_VCM_FAULT_INVALID);
		igt_assert_eq_u64(fa, max);
		vcm_check_bytes(pa, SZ_4K, 0xdd);
	}

	vcm_unbind(fd, id, r0, 0);
	vcm_unbind(fd, id, r1, 0);
	vcm_unreserve(fd, id, r0);
	vcm_unreserve(fd, id, r1);
	vcm_space_destroy(fd, id);
	vcm_bo_unmap(pa, SZ_4K);
	vcm_bo_unmap(pb, SZ_4K);
	vcm_gem_close(fd, bo_a);
	vcm_gem_close(fd, bo_b);
}

/* FORMAT_INFO as a binary built before max_va_size sees it. */
struct format_info_v1 {
	uint32_t index, flags, count, va_bits, pa_bits, entry_flags;
	uint64_t page_sizes;
	char name[DRM_VCM_NAME_LEN];
};

#define DRM_IOCTL_VCM_FORMAT_INFO_V1 \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_FORMAT_INFO, struct format_info_v1)

/*
 * The old, shorter structure still works and reads what the new one
 * does; the kernel writes nothing past it.
 */
static void test_info_v1(int fd)
{
	struct {
		struct format_info_v1 v1;
		uint8_t guard[16];
	} old;
	struct drm_vcm_format_info fi;
	uint32_t i, n = vcm_format_count(fd);

	igt_assert_eq(sizeof(struct format_info_v1) + 8, sizeof(fi));
	for (i = 0; i < n; i++) {
		memset(&old, 0xa5, sizeof(old));
		old.v1.index = i;
		old.v1.flags = 0;
		igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_FORMAT_INFO_V1,
					  &old.v1), 0);
		vcm_format_info(fd, i, &fi);
		igt_assert_eq(old.v1.count, fi.count);
		igt_assert_eq(old.v1.va_bits, fi.va_bits);
		igt_assert_eq(old.v1.pa_bits, fi.pa_bits);
		igt_assert_eq_u64(old.v1.page_sizes, fi.page_sizes);
		igt_assert(!strcmp(old.v1.name, fi.name));
		vcm_check_bytes(old.guard, sizeof(old.guard), 0xa5);
		igt_assert(fi.max_va_size);
	}
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

		igt_describe("A space of the size FORMAT_INFO advertises is "
			     "created, bound at both ends and copied through "
			     "its last page; one page more is -ERANGE.");
		igt_subtest_f("max-%s", vcm_format_names[i])
			test_max(fd, vcm_format_names[i]);
	}

	igt_describe("FORMAT_INFO with the structure as it was before "
		     "max_va_size: same answers, nothing written past it.");
	igt_subtest("format-info-v1")
		test_info_v1(fd);

	igt_fixture
		close(fd);
}
