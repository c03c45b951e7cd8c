// SPDX-License-Identifier: MIT
/*
 * vcm_debugfs: spaces as the test makes them, and the checks of what
 * debugfs shows of them, against the test's own records and, for device
 * addresses, against memory read back through /proc/kcore.
 */

#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vcm_debugfs.h"

/* Spaces as the test made them */

/* Ids listed in vcm/spaces; every line parsed. */
unsigned int space_ids(unsigned int *ids, unsigned int max)
{
	struct space_line l;
	struct text t;
	unsigned int i;

	text_load(&t, VCM_DEBUGFS "/spaces", HDR_SPACES);
	igt_assert(t.n - 1 <= max);
	for (i = 1; i < t.n; i++) {
		parse_space(t.line[i], &l);
		ids[i - 1] = l.id;
	}
	text_free(&t);
	return t.n - 1;
}

static bool space_line(unsigned int dbg, struct space_line *out)
{
	struct space_line l;
	bool found = false;
	struct text t;
	unsigned int i;

	text_load(&t, VCM_DEBUGFS "/spaces", HDR_SPACES);
	for (i = 1; i < t.n; i++) {
		parse_space(t.line[i], &l);
		if (l.id != dbg)
			continue;
		igt_assert_f(!found, "space %u listed twice\n", dbg);
		found = true;
		*out = l;
	}
	text_free(&t);
	return found;
}

void check_mode(const char *path, mode_t type)
{
	struct stat st;

	igt_assert_f(!stat(path, &st), "%s: %s\n", path, strerror(errno));
	igt_assert_f((st.st_mode & S_IFMT) == type, "%s: type %o\n", path,
		     st.st_mode & S_IFMT);
	if (type == S_IFREG)
		igt_assert_f((st.st_mode & 0777) == 0400,
			     "%s: mode %o, expected root-only 0400\n", path,
			     st.st_mode & 0777);
}

static void check_space_files(unsigned int dbg)
{
	static const char *const files[] = { "reservations", "ptes", "tables" };
	char path[128];
	unsigned int i;

	dbg_path(path, sizeof(path), dbg, NULL);
	check_mode(path, S_IFDIR);
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		dbg_path(path, sizeof(path), dbg, files[i]);
		check_mode(path, S_IFREG);
	}
}

void check_space_gone(unsigned int dbg)
{
	struct space_line l;
	char path[128];
	struct stat st;

	igt_assert_f(!space_line(dbg, &l), "space %u still listed\n", dbg);
	dbg_path(path, sizeof(path), dbg, NULL);
	igt_assert_f(stat(path, &st) && errno == ENOENT,
		     "%s still there (%s)\n", path, strerror(errno));
}

/* Create a space of format @name over [@start, @start + @size). */
void tspace_create_at(int fd, const char *name, uint64_t start,
		      uint64_t size, struct tspace *s)
{
	unsigned int before[256], after[256], nb, na, i, j;
	uint32_t idx;

	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->start = start;
	s->size = size;
	idx = vcm_format_find(fd, name, &s->fi[0]);
	s->fmt[0] = fmt_desc(name);
	s->nmmu = 1;
	s->bo_flags = vcm_format_bo_flags(&s->fi[0]);

	/* Its debugfs id: the one line the create added. */
	nb = space_ids(before, ARRAY_SIZE(before));
	s->id = vcm_space_create(fd, idx, start, size);
	na = space_ids(after, ARRAY_SIZE(after));
	igt_assert_eq(na, nb + 1);
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && before[j] != after[i]; j++)
			;
		if (j == nb) {
			igt_assert_f(!s->dbg, "two new spaces\n");
			s->dbg = after[i];
		}
	}
	igt_assert(s->dbg);
	igt_debug("%s space %u is debugfs %u\n", name, s->id, s->dbg);
	check_space_files(s->dbg);
}

void tspace_create(int fd, const char *name, struct tspace *s)
{
	struct drm_vcm_format_info fi;
	uint64_t start, size;

	vcm_format_find(fd, name, &fi);
	vcm_format_range(&fi, &start, &size);
	tspace_create_at(fd, name, start, size, s);
}

void tspace_attach(struct tspace *s, const char *name)
{
	uint32_t idx = vcm_format_find(s->fd, name, &s->fi[s->nmmu]);

	igt_assert_eq(vcm_space_attach(s->fd, s->id, idx), s->nmmu);
	s->fmt[s->nmmu] = fmt_desc(name);
	s->bo_flags |= vcm_format_bo_flags(&s->fi[s->nmmu]);
	s->nmmu++;
}

void tspace_destroy(struct tspace *s)
{
	vcm_space_destroy(s->fd, s->id);
	check_space_gone(s->dbg);
}

/* vcm/<id>/tables, all lines */
unsigned int load_tables(const struct tspace *s, struct table_line *l,
			 unsigned int max)
{
	char path[128];
	struct text t;
	unsigned int i;

	dbg_path(path, sizeof(path), s->dbg, "tables");
	text_load(&t, path, HDR_TABLES);
	igt_assert(t.n - 1 <= max);
	for (i = 1; i < t.n; i++)
		parse_table(t.line[i], &l[i - 1]);
	text_free(&t);
	return t.n - 1;
}

/* The spaces line */

void check_space(const struct tspace *s, const struct space_expect *e)
{
	struct table_line tl[DRM_VCM_MAX_MMUS * MAX_KINDS];
	char formats[160] = "";
	uint64_t table_bytes = 0;
	struct space_line l;
	unsigned int i, n;

	for (i = 0; i < s->nmmu; i++) {
		strcat(formats, i ? "," : "");
		strcat(formats, s->fi[i].name);
	}
	igt_assert_f(space_line(s->dbg, &l), "space %u not listed\n", s->dbg);
	igt_info("space %u: owner %s formats %s table_bytes %" PRIu64 "\n",
		 l.id, l.owner, l.formats, l.table_bytes);
	igt_assert_f(!strcmp(l.owner, "-") || !strcmp(l.owner, "vcm_virt"),
		     "owner '%s'\n", l.owner);
	igt_assert_f(!strcmp(l.formats, formats), "formats '%s', expected '%s'\n",
		     l.formats, formats);
	igt_assert_eq_u64(l.start, s->start);
	igt_assert_eq_u64(l.end, s->start + s->size);
	igt_assert_eq_u64(l.reserved, e->reserved);
	igt_assert_eq_u64(l.bound, e->bound);
	igt_assert_eq_u64(l.binds, e->binds);
	igt_assert_eq_u64(l.unbinds, e->unbinds);
	igt_assert_eq_u64(l.flushes, e->flushes);

	/* table_bytes adds up the tables file's bytes. */
	n = load_tables(s, tl, ARRAY_SIZE(tl));
	for (i = 0; i < n; i++)
		table_bytes += tl[i].bytes;
	igt_assert(table_bytes > 0);
	igt_assert_eq_u64(l.table_bytes, table_bytes);
}

/* Physical memory through /proc/kcore */

void kcore_open(struct kcore *k)
{
	Elf64_Ehdr eh;
	size_t sz;

	k->fd = open("/proc/kcore", O_RDONLY);
	igt_require_f(k->fd >= 0, "/proc/kcore: %s\n", strerror(errno));
	igt_assert_eq(pread(k->fd, &eh, sizeof(eh), 0), sizeof(eh));
	igt_assert(!memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
		   eh.e_ident[EI_CLASS] == ELFCLASS64);
	k->n = eh.e_phnum;
	sz = (size_t)k->n * sizeof(*k->ph);
	k->ph = malloc(sz);
	igt_assert(k->ph);
	igt_assert_eq(pread(k->fd, k->ph, sz, eh.e_phoff), sz);
}

void kcore_close(struct kcore *k)
{
	free(k->ph);
	close(k->fd);
}

/* @len bytes of physical memory at @pa, through the kernel's direct map. */
static void kcore_read(const struct kcore *k, uint64_t pa, void *buf,
		       size_t len)
{
	unsigned int i;

	for (i = 0; i < k->n; i++) {
		const Elf64_Phdr *p = &k->ph[i];

		if (p->p_type != PT_LOAD || p->p_paddr == ~(Elf64_Addr)0 ||
		    pa < p->p_paddr || pa + len > p->p_paddr + p->p_memsz)
			continue;
		igt_assert_eq(pread(k->fd, buf, len,
				    p->p_offset + (pa - p->p_paddr)), len);
		return;
	}
	igt_assert_f(0, "%#" PRIx64 " is in no RAM segment of /proc/kcore\n",
		     pa);
}

/* The ptes file */

static int cmp_pte_expect(const void *a, const void *b)
{
	const struct pte_expect *x = a, *y = b;

	return x->va < y->va ? -1 : x->va > y->va;
}

static uint32_t leaf_index(const struct tspace *s, const struct fmt_desc *f,
			   uint64_t va)
{
	unsigned int leaf = fmt_leaf(f);

	if (!f->bits[leaf])
		return (va - s->start) >> 12;
	return (va >> 12) & ((1u << f->bits[leaf]) - 1);
}

/*
 * The ptes file lists exactly the @n pages of @exp for every MMU, MMU by
 * MMU and in VA order, each decoded as its format's layout says. With
 * @kc, the page at each printed address must hold what the CPU sees at
 * @exp's page. The addresses MMU 0 prints go to @pa if not NULL.
 */
void check_ptes(const struct tspace *s, struct pte_expect *exp,
		unsigned int n, const struct kcore *kc, uint64_t *pa)
{
	uint64_t *pa0 = calloc(n + 1, sizeof(*pa0));
	uint8_t page[4096];
	char path[128];
	struct text t;
	unsigned int m, i;

	igt_assert(pa0);
	qsort(exp, n, sizeof(*exp), cmp_pte_expect);
	dbg_path(path, sizeof(path), s->dbg, "ptes");
	text_load(&t, path, HDR_PTES);
	igt_assert_f(t.n - 1 == n * s->nmmu, "%u ptes lines, expected %u\n",
		     t.n - 1, n * s->nmmu);
	for (m = 0; m < s->nmmu; m++) {
		const struct fmt_desc *f = s->fmt[m];
		uint32_t ef = s->fi[m].entry_flags;

		for (i = 0; i < n; i++) {
			const char *text = t.line[1 + m * n + i];
			struct decoded d = { .pa_mask = ~0ull };
			struct pte_line l;

			parse_pte(text, &l);
			igt_assert_f(l.mmu == m && !strcmp(l.format, f->name) &&
				     !strcmp(l.level, f->kind[fmt_leaf(f)]) &&
				     l.va == exp[i].va &&
				     l.index == leaf_index(s, f, l.va) &&
				     !strcmp(l.loc, "system") &&
				     l.pgsize == SZ_4K,
				     "line '%s', expected mmu %u %s %s index %u va %#" PRIx64 "\n",
				     text, m, f->name, f->kind[fmt_leaf(f)],
				     leaf_index(s, f, exp[i].va), exp[i].va);

			d.raw = l.raw;
			d.index = l.index;
			f->decode(&d);
			igt_assert_f(d.valid, "'%s': not a system page mapping\n",
				     text);
			igt_assert_f((l.pa & d.pa_mask) == d.pa,
				     "'%s': raw holds address %#" PRIx64 "\n",
				     text, d.pa);
			igt_assert_f(l.flags == d.flags,
				     "'%s': raw grants %#x\n", text, d.flags);
			/* What the format records is what was bound. */
			igt_assert_f((d.flags & ef) == (exp[i].flags & ef),
				     "'%s': bound with %#x, format records %#x\n",
				     text, exp[i].flags, ef);
			igt_assert_f(!!(d.flags & W) ==
				     !!((exp[i].flags | ~ef) & W),
				     "'%s': write permission, bound %#x\n",
				     text, exp[i].flags);

			/* Every MMU maps the page to the same place. */
			if (m == 0)
				pa0[i] = l.pa;
			else
				igt_assert_eq_u64(l.pa, pa0[i]);
			if (kc && exp[i].cpu) {
				kcore_read(kc, l.pa, page, sizeof(page));
				igt_assert_f(!memcmp(page, exp[i].cpu,
						     sizeof(page)),
					     "'%s': the page at %#" PRIx64
					     " is not the one bound\n",
					     text, l.pa);
			}
		}
	}
	if (pa)
		memcpy(pa, pa0, n * sizeof(*pa));
	free(pa0);
	text_free(&t);
}

/* The reservations file */

static int cmp_res_expect(const void *a, const void *b)
{
	const struct res_expect *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->bind - y->bind;
}

void check_reservations(const struct tspace *s, struct res_expect *exp,
			unsigned int n)
{
	char path[128];
	struct text t;
	unsigned int i;

	qsort(exp, n, sizeof(*exp), cmp_res_expect);
	dbg_path(path, sizeof(path), s->dbg, "reservations");
	text_load(&t, path, HDR_RES);
	igt_assert_f(t.n - 1 == n, "%u reservations lines, expected %u\n",
		     t.n - 1, n);
	for (i = 0; i < n; i++) {
		const struct res_expect *e = &exp[i];
		struct res_line l;

		parse_res(t.line[i + 1], &l);
		igt_assert_f(l.bind == e->bind && l.start == e->start &&
			     l.end == e->start + e->size && l.size == e->size,
			     "line '%s', expected %s %#" PRIx64 " size %#" PRIx64 "\n",
			     t.line[i + 1], e->bind ? "bind" : "res",
			     e->start, e->size);
		if (!e->bind)
			continue;
		igt_assert_f(l.offset == e->offset && l.flags == e->flags &&
			     !strcmp(l.loc, "system") &&
			     l.backing == e->backing,
			     "line '%s', expected offset %#" PRIx64
			     " flags %#x backing %" PRIu64 "\n",
			     t.line[i + 1], e->offset, e->flags, e->backing);
		if (e->segs)
			igt_assert_f(l.segs == e->segs,
				     "line '%s', expected %u segments\n",
				     t.line[i + 1], e->segs);
		else
			igt_assert_f(l.segs >= 1 && l.segs <= e->backing / SZ_4K,
				     "line '%s': segments\n", t.line[i + 1]);
	}
	text_free(&t);
}

/* Number of runs of physically contiguous pages in @pa[0..@n). */
uint32_t count_segs(const uint64_t *pa, unsigned int n)
{
	uint32_t segs = 1;
	unsigned int i;

	for (i = 1; i < n; i++)
		segs += pa[i] != pa[i - 1] + SZ_4K;
	return segs;
}

/* Reading @path in any chunks, or from any offset, gives the same text. */
void check_stream(const char *path, unsigned int lines)
{
	static const size_t chunks[] = { 100, CHUNK_MIXED };
	size_t len, len2, offs[4];
	unsigned int i, n = 0;
	char *all, *buf;
	int fd;

	all = read_path(path, SZ_1M, &len);
	for (i = 0; i < len; i++)
		n += all[i] == '\n';
	igt_assert_eq(n, lines);
	igt_info("%s: %zu bytes, %u lines\n", path, len, n);

	for (i = 0; i < ARRAY_SIZE(chunks); i++) {
		buf = read_path(path, chunks[i], &len2);
		igt_assert_f(len2 == len && !memcmp(buf, all, len),
			     "%s: read %u differs (%zu bytes, %zu)\n", path, i,
			     len2, len);
		free(buf);
	}

	offs[0] = 1;
	offs[1] = len / 3;
	offs[2] = len / 2 + 17;
	offs[3] = len - 1;
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		fd = open(path, O_RDONLY);
		igt_assert(fd >= 0);
		igt_assert_eq_u64(lseek(fd, offs[i], SEEK_SET), offs[i]);
		buf = read_rest(fd, 100, &len2);
		close(fd);
		igt_assert_f(len2 == len - offs[i] &&
			     !memcmp(buf, all + offs[i], len2),
			     "%s: read from %zu differs\n", path, offs[i]);
		free(buf);
	}
	free(all);
}

/* Subtests */
