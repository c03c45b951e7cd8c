// SPDX-License-Identifier: MIT
/*
 * vcm_debugfs: VCM's debugfs files (vcm/spaces, vcm/<id>/reservations,
 * ptes and tables) and its trace events say exactly what the uAPI did.
 *
 * The device addresses in the ptes file are checked without trusting the
 * kernel: every page of a buffer object gets its own pattern through the
 * CPU mapping, and the page at each printed address is read back through
 * /proc/kcore (vcm_virt's device addresses are CPU physical addresses).
 * /proc/self/pagemap cannot give them: GEM shmem mappings are VM_PFNMAP,
 * which the page-table walker behind pagemap skips. The raw entries are
 * decoded here from each format's documented bit layout, not by the
 * kernel.
 */

#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vcm_debugfs.h"

IGT_TEST_DESCRIPTION("VCM's debugfs files and trace events match what vcm_virt's uAPI did.");

#define TRACEFS		"/sys/kernel/tracing"

#define SZ_32K	0x8000ull
#define SZ_512K	0x80000ull

static void test_spaces_lifecycle(int fd)
{
	struct space_expect e = { 0 };
	struct tspace s;
	uint32_t res, bo;
	uint64_t va;

	tspace_create(fd, "r600-gart", &s);
	check_space(&s, &e);
	tspace_attach(&s, "rv370-pcie");
	check_space(&s, &e);

	res = vcm_reserve(fd, s.id, SZ_1M, 0, &va);
	e.reserved = SZ_1M;
	check_space(&s, &e);

	bo = vcm_bo_create(fd, SZ_64K, s.bo_flags);
	vcm_bind(fd, s.id, res, bo, 0, SZ_64K, 0, RW);
	e.bound = SZ_64K;
	e.binds = 1;
	e.flushes = 2;
	check_space(&s, &e);

	/* A refused bind changes nothing. */
	igt_assert_eq(__vcm_bind(fd, s.id, res, bo, SZ_32K, SZ_64K, 0, RW),
		      -EBUSY);
	check_space(&s, &e);

	vcm_bind(fd, s.id, res, bo, 16 * SZ_32K, 4 * SZ_4K, 4 * SZ_4K, R);
	e.bound += 4 * SZ_4K;
	e.binds = 2;
	e.flushes = 4;
	check_space(&s, &e);

	vcm_unbind(fd, s.id, res, 0);
	e.bound -= SZ_64K;
	e.unbinds = 1;
	e.flushes = 6;
	check_space(&s, &e);
	vcm_unbind(fd, s.id, res, 16 * SZ_32K);
	e.bound = 0;
	e.unbinds = 2;
	e.flushes = 8;
	check_space(&s, &e);

	vcm_unreserve(fd, s.id, res);
	e.reserved = 0;
	check_space(&s, &e);

	tspace_destroy(&s);
	vcm_gem_close(fd, bo);
}

/*
 * Many spaces of every format, one with the most MMUs: each is listed
 * once, as it is, and the file reads the same in any chunks.
 */
static void test_spaces_stream(int fd)
{
	static const char *const more[] = { "nv44", "gf100-64k", "agp-gatt" };
	const unsigned int n = 121;
	struct space_expect e = { 0 };
	unsigned int ids[256], before, i;
	struct tspace *s;

	s = calloc(n, sizeof(*s));
	igt_assert(s);
	before = space_ids(ids, ARRAY_SIZE(ids));
	for (i = 0; i < n - 1; i++)
		tspace_create(fd, vcm_format_names[i % VCM_NUM_FORMATS], &s[i]);
	tspace_create(fd, "r600-gart", &s[i]);
	for (i = 0; i < ARRAY_SIZE(more); i++)
		tspace_attach(&s[n - 1], more[i]);
	igt_assert_eq(s[n - 1].nmmu, DRM_VCM_MAX_MMUS);

	igt_assert_eq(space_ids(ids, ARRAY_SIZE(ids)), before + n);
	for (i = 0; i < n; i++)
		check_space(&s[i], &e);
	check_stream(VCM_DEBUGFS "/spaces", 1 + before + n);
	for (i = 0; i < n; i++)
		tspace_destroy(&s[i]);
	igt_assert_eq(space_ids(ids, ARRAY_SIZE(ids)), before);
	free(s);
}

static void test_reservations(int fd)
{
	enum { A, B, C, NBO };
	static const uint64_t bo_pages[NBO] = { 16, 64, 8 };
	struct res_expect rexp[16];
	struct pte_expect pexp[128];
	uint64_t pa[128], bo_pa[NBO][64];
	uint64_t va1, va2, va3, va4;
	uint32_t r1, r2, r3, r4, bo[NBO];
	uint8_t *cpu[NBO];
	struct kcore kc;
	struct tspace s;
	unsigned int nr = 0, np = 0, i, j;
	struct {
		uint32_t *res;
		uint64_t *va;
		uint64_t res_offset;
		int bo;
		uint64_t first, pages;
		uint32_t flags;
	} b[] = {
		/* Not in VA order, and overlapping in their objects. */
		{ &r3, &va3, 8 * SZ_1M, C, 0, 8, R | S },
		{ &r1, &va1, SZ_512K, A, 4, 12, RW },
		{ &r1, &va1, 0, A, 0, 4, R },
		{ &r2, &va2, SZ_4K, B, 0, 64, RW | S },
		{ &r3, &va3, 0, B, 60, 4, W },
	};

	kcore_open(&kc);
	tspace_create(fd, "nv50", &s);
	va3 = 0x40000000;
	r3 = vcm_reserve_fixed(fd, s.id, va3, 16 * SZ_1M);
	va1 = SZ_1M;
	r1 = vcm_reserve_fixed(fd, s.id, va1, SZ_1M);
	r2 = vcm_reserve(fd, s.id, SZ_2M, SZ_2M, &va2);
	va4 = 0x20000000;
	r4 = vcm_reserve_fixed(fd, s.id, va4, SZ_64K);
	rexp[nr++] = (struct res_expect){ .start = va3, .size = 16 * SZ_1M };
	rexp[nr++] = (struct res_expect){ .start = va1, .size = SZ_1M };
	rexp[nr++] = (struct res_expect){ .start = va2, .size = SZ_2M };
	rexp[nr++] = (struct res_expect){ .start = va4, .size = SZ_64K };

	for (i = 0; i < NBO; i++)
		bo[i] = vcm_bo_create(fd, bo_pages[i] * SZ_4K, s.bo_flags);
	for (i = 0; i < ARRAY_SIZE(b); i++) {
		vcm_bind(fd, s.id, *b[i].res, bo[b[i].bo], b[i].res_offset,
			 b[i].pages * SZ_4K, b[i].first * SZ_4K, b[i].flags);
		rexp[nr++] = (struct res_expect){
			.bind = true, .start = *b[i].va + b[i].res_offset,
			.size = b[i].pages * SZ_4K,
			.offset = b[i].first * SZ_4K,
			.backing = bo_pages[b[i].bo] * SZ_4K,
			.flags = b[i].flags,
		};
	}
	for (i = 0; i < NBO; i++) {
		cpu[i] = vcm_bo_map(fd, bo[i], bo_pages[i] * SZ_4K);
		vcm_pattern_fill(cpu[i], bo_pages[i] * SZ_4K, rand());
	}

	/* Where every page of every object is, checked through kcore. */
	for (i = 0; i < ARRAY_SIZE(b); i++)
		for (j = 0; j < b[i].pages; j++)
			pexp[np++] = (struct pte_expect){
				.va = *b[i].va + b[i].res_offset + j * SZ_4K,
				.flags = b[i].flags,
				.cpu = cpu[b[i].bo] + (b[i].first + j) * SZ_4K,
			};
	check_ptes(&s, pexp, np, &kc, pa);
	for (i = 0; i < np; i++)
		for (j = 0; j < NBO; j++)
			if (pexp[i].cpu >= cpu[j] &&
			    pexp[i].cpu < cpu[j] + bo_pages[j] * SZ_4K)
				bo_pa[j][(pexp[i].cpu - cpu[j]) / SZ_4K] = pa[i];
	for (i = 4; i < nr; i++) {
		for (j = 0; rexp[i].backing != bo_pages[j] * SZ_4K; j++)
			;
		rexp[i].segs = count_segs(bo_pa[j], bo_pages[j]);
	}
	check_reservations(&s, rexp, nr);

	/* Unbind the second binding of A, release the empty reservation. */
	vcm_unbind(fd, s.id, r1, SZ_512K);
	for (i = 0; i < nr; i++)
		if (rexp[i].bind && rexp[i].start == va1 + SZ_512K)
			rexp[i] = rexp[--nr];
	check_reservations(&s, rexp, nr);
	vcm_unreserve(fd, s.id, r4);
	for (i = 0; i < nr; i++)
		if (!rexp[i].bind && rexp[i].start == va4)
			rexp[i] = rexp[--nr];
	check_reservations(&s, rexp, nr);

	tspace_destroy(&s);
	for (i = 0; i < NBO; i++) {
		vcm_bo_unmap(cpu[i], bo_pages[i] * SZ_4K);
		vcm_gem_close(fd, bo[i]);
	}
	kcore_close(&kc);
}

/*
 * Three bindings of one 16-page object: 8 pages read-write, 4 read-only
 * across a 2 MiB boundary (gp100's 4 KiB tables), and 3 pages again,
 * snooped, at an odd place. The ptes file has every page, and only those,
 * as each binding goes.
 */
static void test_ptes(int fd, const char *name)
{
	struct {
		uint64_t res_offset, first, pages;
		uint32_t flags;
	} b[] = {
		{ 0, 0, 8, RW },
		{ SZ_2M - 2 * SZ_4K, 8, 4, R },
		{ 3 * SZ_1M + 5 * SZ_4K, 2, 3, RW | S },
	};
	struct pte_expect exp[16];
	unsigned int i, j, n, k;
	struct kcore kc;
	struct tspace s;
	uint32_t res, bo;
	uint64_t va;
	uint8_t *cpu;

	kcore_open(&kc);
	tspace_create(fd, name, &s);
	igt_info("%s: entry_flags %#x\n", name, s.fi[0].entry_flags);
	res = vcm_reserve(fd, s.id, 4 * SZ_1M, SZ_2M, &va);
	bo = vcm_bo_create(fd, 16 * SZ_4K, s.bo_flags);
	for (i = 0; i < ARRAY_SIZE(b); i++)
		vcm_bind(fd, s.id, res, bo, b[i].res_offset, b[i].pages * SZ_4K,
			 b[i].first * SZ_4K, b[i].flags);
	cpu = vcm_bo_map(fd, bo, 16 * SZ_4K);
	vcm_pattern_fill(cpu, 16 * SZ_4K, rand());

	/* Then unbind them one by one: their lines go. */
	for (k = 0; k <= ARRAY_SIZE(b); k++) {
		n = 0;
		for (i = k; i < ARRAY_SIZE(b); i++)
			for (j = 0; j < b[i].pages; j++)
				exp[n++] = (struct pte_expect){
					.va = va + b[i].res_offset + j * SZ_4K,
					.flags = b[i].flags,
					.cpu = cpu + (b[i].first + j) * SZ_4K,
				};
		check_ptes(&s, exp, n, &kc, NULL);
		if (k < ARRAY_SIZE(b))
			vcm_unbind(fd, s.id, res, b[k].res_offset);
	}

	vcm_unreserve(fd, s.id, res);
	tspace_destroy(&s);
	vcm_bo_unmap(cpu, 16 * SZ_4K);
	vcm_gem_close(fd, bo);
	kcore_close(&kc);
}

static void test_ptes_stream(int fd)
{
	const uint64_t npages = 2048, n2 = 1000;
	struct pte_expect *exp;
	uint64_t va1, va2, i;
	uint32_t res1, res2, bo;
	struct tspace s;
	char path[128];
	unsigned int n = 0;

	tspace_create_at(fd, "gp100", 0, SZ_2G, &s);
	tspace_attach(&s, "cayman-vm");
	bo = vcm_bo_create(fd, npages * SZ_4K, s.bo_flags);
	res1 = vcm_reserve(fd, s.id, 16 * SZ_1M, SZ_2M, &va1);
	res2 = vcm_reserve(fd, s.id, 8 * SZ_1M, 0, &va2);
	vcm_bind(fd, s.id, res1, bo, 3 * SZ_4K, npages * SZ_4K, 0, RW);
	vcm_bind(fd, s.id, res2, bo, 0, n2 * SZ_4K, 100 * SZ_4K, R);

	exp = calloc(npages + n2, sizeof(*exp));
	igt_assert(exp);
	for (i = 0; i < npages; i++)
		exp[n++] = (struct pte_expect){ va1 + (3 + i) * SZ_4K, RW, NULL };
	for (i = 0; i < n2; i++)
		exp[n++] = (struct pte_expect){ va2 + i * SZ_4K, R, NULL };
	check_ptes(&s, exp, n, NULL, NULL);

	dbg_path(path, sizeof(path), s.dbg, "ptes");
	check_stream(path, 1 + 2 * n);

	vcm_unbind(fd, s.id, res1, 3 * SZ_4K);
	vcm_unbind(fd, s.id, res2, 0);
	check_ptes(&s, exp, 0, NULL, NULL);
	tspace_destroy(&s);
	vcm_gem_close(fd, bo);
	free(exp);
}

static void test_reservations_stream(int fd)
{
	const unsigned int nres = 400;
	struct res_expect *exp;
	unsigned int i, n = 0;
	struct tspace s;
	char path[128];
	uint32_t bo, res;
	uint64_t va;

	tspace_create(fd, "nv50", &s);
	bo = vcm_bo_create(fd, 4 * SZ_4K, s.bo_flags);
	exp = calloc(3 * nres, sizeof(*exp));
	igt_assert(exp);
	for (i = 0; i < nres; i++) {
		/* Reserved from the top down, not in VA order. */
		va = 0x10000000 + (uint64_t)(nres - 1 - i) * 2 * SZ_64K;
		res = vcm_reserve_fixed(fd, s.id, va, SZ_64K);
		exp[n++] = (struct res_expect){ .start = va, .size = SZ_64K };
		if (i % 3 == 0)
			continue;
		vcm_bind(fd, s.id, res, bo, 0, SZ_4K, (i % 4) * SZ_4K, R);
		exp[n++] = (struct res_expect){
			.bind = true, .start = va, .size = SZ_4K,
			.offset = (i % 4) * SZ_4K, .backing = 4 * SZ_4K,
			.flags = R,
		};
		if (i % 3 == 1)
			continue;
		vcm_bind(fd, s.id, res, bo, SZ_32K, 2 * SZ_4K, 0, RW | S);
		exp[n++] = (struct res_expect){
			.bind = true, .start = va + SZ_32K, .size = 2 * SZ_4K,
			.backing = 4 * SZ_4K, .flags = RW | S,
		};
	}
	check_reservations(&s, exp, n);
	dbg_path(path, sizeof(path), s.dbg, "reservations");
	check_stream(path, 1 + n);

	tspace_destroy(&s);
	vcm_gem_close(fd, bo);
	free(exp);
}

/*
 * The census of @s's MMUs with @npages pages bound inside one leaf table
 * of each (0: nothing bound): the tables on the way there and nothing
 * else; the top table always.
 */
static void check_tables(const struct tspace *s, unsigned int npages)
{
	struct table_line tl[DRM_VCM_MAX_MMUS * MAX_KINDS];
	unsigned int m, k, i = 0, n;

	n = load_tables(s, tl, ARRAY_SIZE(tl));
	for (m = 0; m < s->nmmu; m++) {
		const struct fmt_desc *f = s->fmt[m];
		unsigned int leaf = fmt_leaf(f);

		for (k = 0; k < fmt_nkinds(f); k++, i++) {
			const struct table_line *l = &tl[i];
			bool on = npages ? (f->path >> k) & 1 : k == 0;
			uint64_t entries = f->bits[k] ? 1ull << f->bits[k] :
					   s->size >> 12;

			igt_assert(i < n);
			igt_debug("%u %s %s %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
				  l->mmu, l->format, l->level, l->tables,
				  l->entries, l->used, l->bytes);
			igt_assert_f(l->mmu == m && !strcmp(l->format, f->name) &&
				     !strcmp(l->level, f->kind[k]),
				     "line %u: %u %s %s, expected %u %s %s\n",
				     i, l->mmu, l->format, l->level, m, f->name,
				     f->kind[k]);
			if (!on) {
				igt_assert_f(!l->tables && !l->entries &&
					     !l->used && !l->bytes,
					     "%s %s: tables where none belong\n",
					     f->name, f->kind[k]);
				continue;
			}
			igt_assert_eq_u64(l->tables, 1);
			igt_assert_eq_u64(l->entries, entries);
			igt_assert_eq_u64(l->used, !npages ? 0 :
					  k == leaf ? npages : 1);
			igt_assert(l->bytes > 0);
		}
	}
	igt_assert_eq(n, i);
}

static void test_tables(int fd)
{
	const unsigned int npages = 16;
	struct tspace s;
	unsigned int i;
	uint32_t res, bo;
	uint64_t va;

	for (i = 0; i < VCM_NUM_FORMATS; i++) {
		tspace_create(fd, vcm_format_names[i], &s);
		tspace_attach(&s, "r600-gart");
		check_tables(&s, 0);
		res = vcm_reserve(fd, s.id, SZ_2M, SZ_2M, &va);
		bo = vcm_bo_create(fd, npages * SZ_4K, s.bo_flags);
		vcm_bind(fd, s.id, res, bo, 0, npages * SZ_4K, 0, RW);
		check_tables(&s, npages);
		vcm_unbind(fd, s.id, res, 0);
		check_tables(&s, 0);
		tspace_destroy(&s);
		vcm_gem_close(fd, bo);
	}
}

/* Trace events */

static void write_file(const char *path, const char *s, int flags)
{
	int fd = open(path, O_WRONLY | flags);

	igt_assert_f(fd >= 0, "%s: %s\n", path, strerror(errno));
	igt_assert_eq(write(fd, s, strlen(s)), strlen(s));
	close(fd);
}

struct trace_ev {
	char name[24];
	unsigned int space, mmu, type, mmus;
	uint64_t va, size, flags, addr, bytes, tables;
};

/* The vcm events of space @dbg in @trace, in order. */
static unsigned int parse_trace(char *trace, unsigned int dbg,
				struct trace_ev *ev, unsigned int max)
{
	unsigned int n = 0;
	char *line, *save = NULL;

	for (line = strtok_r(trace, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct trace_ev e = { 0 };
		/* after the timestamp: the task's name may start with vcm_ */
		char *p = strstr(line, ": vcm_");
		int k = -1;

		if (!p || line[0] == '#')
			continue;
		if (sscanf(p + 2, "%23[a-z_]: space=%u", e.name, &e.space) != 2 ||
		    e.space != dbg)
			continue;
		p = strstr(p, "space=");
		if (!strcmp(e.name, "vcm_bind") || !strcmp(e.name, "vcm_unbind"))
			sscanf(p, "space=%*u va=0x%" SCNx64 " size=0x%" SCNx64
			       " flags=0x%" SCNx64 " mmus=%u%n", &e.va, &e.size,
			       &e.flags, &e.mmus, &k);
		else if (!strcmp(e.name, "vcm_flush"))
			sscanf(p, "space=%*u mmu=%u start=0x%" SCNx64
			       " size=0x%" SCNx64 "%n", &e.mmu, &e.va, &e.size,
			       &k);
		else
			sscanf(p, "space=%*u mmu=%u type=%u addr=0x%" SCNx64
			       " bytes=%" SCNu64 " tables=%" SCNu64 "%n", &e.mmu,
			       &e.type, &e.addr, &e.bytes, &e.tables, &k);
		igt_assert_f(k >= 0 && (size_t)k == strlen(p),
			     "bad trace line '%s'\n", line);
		igt_assert(n < max);
		ev[n++] = e;
	}
	return n;
}

/*
 * Table events @ev[0..@n) of one kind: the tables of @s's MMUs that a bind
 * inside one leaf table needs, each once; each event's table count one up
 * (@dir 1) or down (-1) from the last. The addresses go to @addr.
 */
static void check_table_events(const struct tspace *s, const struct trace_ev *ev,
			       unsigned int n, const char *name, int dir,
			       uint64_t *addr)
{
	uint64_t count[DRM_VCM_MAX_MMUS];
	unsigned int seen[DRM_VCM_MAX_MMUS] = { 0 };
	unsigned int i, m, want = 0;

	for (m = 0; m < s->nmmu; m++) {
		want += __builtin_popcount(s->fmt[m]->path) - 1;
		count[m] = dir > 0 ? 1 : __builtin_popcount(s->fmt[m]->path);
	}
	igt_assert_eq(n, want);
	for (i = 0; i < n; i++) {
		const struct trace_ev *e = &ev[i];

		igt_assert_f(!strcmp(e->name, name), "event %s, expected %s\n",
			     e->name, name);
		igt_assert(e->mmu < s->nmmu);
		igt_assert_f(e->type && e->type < fmt_nkinds(s->fmt[e->mmu]) &&
			     (s->fmt[e->mmu]->path >> e->type & 1) &&
			     !(seen[e->mmu] >> e->type & 1),
			     "%s of table type %u on mmu %u\n", name, e->type,
			     e->mmu);
		seen[e->mmu] |= 1u << e->type;
		count[e->mmu] += dir;
		igt_assert_eq_u64(e->tables, count[e->mmu]);
		igt_assert(e->bytes > 0 && e->addr && !(e->addr & 0xff));
		addr[i] = e->addr;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

static void test_trace_events(int fd)
{
	const uint64_t size = 8 * SZ_4K;
	uint64_t alloc[16], freed[16], va;
	struct trace_ev ev[64];
	bool mounted = false;
	uint32_t res, bo;
	struct tspace s;
	unsigned int n, a, i, m;
	char *trace, *on;
	size_t len;

	if (access(TRACEFS "/events", F_OK)) {
		igt_require_f(!mount("tracefs", TRACEFS, "tracefs", 0, NULL),
			      "cannot mount tracefs: %s\n", strerror(errno));
		mounted = true;
	}
	igt_assert_f(!access(TRACEFS "/events/vcm/enable", W_OK),
		     "no vcm trace events\n");

	tspace_create_at(fd, "gp100", 0, SZ_2G, &s);
	tspace_attach(&s, "cayman-vm");
	res = vcm_reserve(fd, s.id, SZ_2M, SZ_2M, &va);
	bo = vcm_bo_create(fd, size, s.bo_flags);

	on = read_path(TRACEFS "/tracing_on", 16, &len);
	write_file(TRACEFS "/trace", "", O_TRUNC);
	write_file(TRACEFS "/events/vcm/enable", "1", 0);
	write_file(TRACEFS "/tracing_on", "1", 0);
	vcm_bind(fd, s.id, res, bo, SZ_64K, size, 0, RW);
	vcm_unbind(fd, s.id, res, SZ_64K);
	write_file(TRACEFS "/events/vcm/enable", "0", 0);
	write_file(TRACEFS "/tracing_on", on, 0);
	free(on);
	trace = read_path(TRACEFS "/trace", SZ_1M, &len);
	write_file(TRACEFS "/trace", "", O_TRUNC);
	if (mounted)
		umount(TRACEFS);

	n = parse_trace(trace, s.dbg, ev, ARRAY_SIZE(ev));
	for (i = 0; i < n; i++)
		igt_info("%s mmu %u type %u va %#" PRIx64 " size %#" PRIx64
			 " tables %" PRIu64 "\n", ev[i].name, ev[i].mmu,
			 ev[i].type, ev[i].va, ev[i].size, ev[i].tables);
	free(trace);

	/* allocs, bind, a flush per MMU, unbind, a flush per MMU, frees */
	igt_assert(n >= 2 + 2 * s.nmmu);
	a = (n - 2 - 2 * s.nmmu) / 2;
	igt_assert_eq(n, 2 * a + 2 + 2 * s.nmmu);
	check_table_events(&s, ev, a, "vcm_table_alloc", 1, alloc);
	check_table_events(&s, ev + n - a, a, "vcm_table_free", -1, freed);
	qsort(alloc, a, sizeof(*alloc), cmp_u64);
	qsort(freed, a, sizeof(*freed), cmp_u64);
	igt_assert_f(!memcmp(alloc, freed, a * sizeof(*alloc)),
		     "the tables freed are not those allocated\n");
	for (i = a; i < n - a; i += 1 + s.nmmu) {
		const struct trace_ev *e = &ev[i];

		igt_assert_f(!strcmp(e->name, i == a ? "vcm_bind" : "vcm_unbind"),
			     "event %u is %s\n", i, e->name);
		igt_assert_eq_u64(e->va, va + SZ_64K);
		igt_assert_eq_u64(e->size, size);
		igt_assert_eq_u64(e->flags, RW);
		igt_assert_eq(e->mmus, s.nmmu);
		for (m = 0; m < s.nmmu; m++) {
			e = &ev[i + 1 + m];
			igt_assert_f(!strcmp(e->name, "vcm_flush"),
				     "event %u is %s\n", i + 1 + m, e->name);
			igt_assert_eq(e->mmu, m);
			igt_assert_eq_u64(e->va, va + SZ_64K);
			igt_assert_eq_u64(e->size, size);
		}
	}

	vcm_unreserve(fd, s.id, res);
	tspace_destroy(&s);
	vcm_gem_close(fd, bo);
}

/*
 * Files left open across the end of their space: one read partly, one
 * not at all. They read as empty or fail with EIO, and close cleanly.
 */
static void test_destroyed_space(bool close_fd)
{
	static const char *const files[] = {
		"ptes", "ptes", "reservations", "reservations", "tables",
	};
	int dfd[ARRAY_SIZE(files)];
	char path[128], buf[4096];
	unsigned int i;
	struct tspace s;
	uint32_t res, bo;
	uint64_t va;
	ssize_t r;
	int fd;

	fd = vcm_open();
	tspace_create(fd, "nv44", &s);
	tspace_attach(&s, "gf100-64k");
	res = vcm_reserve(fd, s.id, SZ_2M, 0, &va);
	bo = vcm_bo_create(fd, 64 * SZ_4K, s.bo_flags);
	vcm_bind(fd, s.id, res, bo, 0, 64 * SZ_4K, 0, RW);

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		dbg_path(path, sizeof(path), s.dbg, files[i]);
		dfd[i] = open(path, O_RDONLY);
		igt_assert_f(dfd[i] >= 0, "%s: %s\n", path, strerror(errno));
		if (i % 2 == 0)
			igt_assert_eq(read(dfd[i], buf, 20), 20);
	}

	if (close_fd) {
		close(fd);
	} else {
		vcm_space_destroy(fd, s.id);
		vcm_gem_close(fd, bo);
		close(fd);
	}
	check_space_gone(s.dbg);

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		r = read(dfd[i], buf, sizeof(buf));
		igt_info("%s%s after the end of the space: %zd (%s)\n",
			 files[i], i % 2 ? "" : " (read partly)", r,
			 r < 0 ? strerror(errno) : "ok");
		igt_assert_f(r == 0 || (r < 0 && errno == EIO),
			     "%s: read %zd bytes (%s)\n", files[i], r,
			     r < 0 ? strerror(errno) : "data");
		igt_assert_eq(close(dfd[i]), 0);
	}
}

igt_main
{
	int fd = -1;
	unsigned int i;

	igt_fixture {
		fd = vcm_open();
		if (access(VCM_DEBUGFS, F_OK))
			mount("debugfs", "/sys/kernel/debug", "debugfs", 0,
			      NULL);
		igt_require_f(!access(VCM_DEBUGFS "/spaces", R_OK),
			      "no " VCM_DEBUGFS "/spaces\n");
		check_mode(VCM_DEBUGFS "/spaces", S_IFREG);
		srand(getpid());
	}

	igt_describe("The spaces line of a space follows its creation, a "
		     "second MMU, a reservation, binds (also a refused one), "
		     "unbinds, the unreserve, and goes with its directory "
		     "when the space is destroyed.");
	igt_subtest("spaces-lifecycle")
		test_spaces_lifecycle(fd);

	igt_describe("Reservations and bindings in VA order with their "
		     "ranges, object offsets, flags, backing sizes and "
		     "contiguous segments, as binds and unbinds go.");
	igt_subtest("reservations")
		test_reservations(fd);

	igt_describe("vcm/spaces with a hundred spaces of every format, one "
		     "with four MMUs, lists each as it is and reads the same "
		     "in any chunks and from any offset.");
	igt_subtest("spaces-stream")
		test_spaces_stream(fd);

	for (i = 0; i < ARRAY_SIZE(fmts); i++) {
		igt_describe("One ptes line per bound page, at the right "
			     "table, index and VA; the raw entry decoded by "
			     "the format's bit layout gives the printed "
			     "address and rights, and that address holds the "
			     "bound page (read through /proc/kcore); lines go "
			     "with their unbind.");
		igt_subtest_f("ptes-%s", fmts[i].name)
			test_ptes(fd, fmts[i].name);
	}

	igt_describe("ptes of thousands of pages on two MMUs reads the same "
		     "in 1-, 100- and odd-byte reads, and from any offset.");
	igt_subtest("ptes-stream")
		test_ptes_stream(fd);

	igt_describe("reservations of hundreds of reservations and bindings "
		     "reads the same in any chunks and from any offset.");
	igt_subtest("reservations-stream")
		test_reservations_stream(fd);

	igt_describe("Per MMU and table kind: the top table alone, then the "
		     "tables on the way to one leaf table with the bound "
		     "pages counted, then the top table alone again.");
	igt_subtest("tables")
		test_tables(fd);

	igt_describe("A bind and an unbind trace vcm_bind and vcm_unbind with "
		     "the space's id and range, one vcm_flush per MMU after "
		     "each, and the same tables allocated and freed.");
	igt_subtest("trace-events")
		test_trace_events(fd);

	igt_describe("Files left open while their space is destroyed, or "
		     "while its DRM file is closed, read as empty or fail "
		     "with EIO, and close cleanly.");
	igt_subtest("debugfs-destroyed-space") {
		test_destroyed_space(false);
		test_destroyed_space(true);
	}

	igt_fixture
		close(fd);
}
