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

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("VCM's debugfs files and trace events match what vcm_virt's uAPI did.");

#define VCM_DEBUGFS	"/sys/kernel/debug/vcm"
#define TRACEFS		"/sys/kernel/tracing"

#define SZ_32K	0x8000ull
#define SZ_512K	0x80000ull

#define R	DRM_VCM_BIND_READ
#define W	DRM_VCM_BIND_WRITE
#define S	DRM_VCM_BIND_SNOOP
#define RW	(R | W)

#define HDR_SPACES "# id owner formats start end reserved bound table_bytes binds unbinds flushes"
#define HDR_RES "# kind start end size offset flags loc backing segs"
#define HDR_PTES "# mmu format level index va pa loc pgsize flags raw"
#define HDR_TABLES "# mmu format level tables entries used bytes"

/* Text files */

/* Reads of one size, or CHUNK_MIXED: see chunk_mixed(). */
#define CHUNK_MIXED	0

/* Single bytes for two stretches, odd sizes around the page size else. */
static size_t chunk_mixed(size_t off)
{
	static const size_t sizes[] = { 7, 100, 4095, 4096, 4097, 65536 };
	static unsigned int i;

	if (off < 3000 || (off >= 100000 && off < 102000))
		return 1;
	return sizes[i++ % ARRAY_SIZE(sizes)];
}

/* All of @fd from where it is, in reads of @chunk bytes; NUL-terminated. */
static char *read_rest(int fd, size_t chunk, size_t *lenp)
{
	size_t len = 0, cap = SZ_64K;
	char *buf = malloc(cap + 1);

	igt_assert(buf);
	for (;;) {
		size_t want = chunk ? chunk : chunk_mixed(len);
		ssize_t r;

		while (len + want > cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
			igt_assert(buf);
		}
		r = read(fd, buf + len, want);
		igt_assert_f(r >= 0, "read: %s\n", strerror(errno));
		igt_assert_lte_u64(r, want);
		if (!r)
			break;
		len += r;
	}
	buf[len] = 0;
	*lenp = len;
	return buf;
}

static char *read_path(const char *path, size_t chunk, size_t *lenp)
{
	int fd = open(path, O_RDONLY);
	char *buf;

	igt_assert_f(fd >= 0, "%s: %s\n", path, strerror(errno));
	buf = read_rest(fd, chunk, lenp);
	close(fd);
	return buf;
}

/* A file split into lines; line[0] is the header. */
struct text {
	char *buf;
	char **line;
	unsigned int n;
};

static void text_load(struct text *t, const char *path, const char *header)
{
	unsigned int i = 0;
	size_t len;
	char *p;

	t->buf = read_path(path, SZ_1M, &len);
	igt_assert_f(strlen(t->buf) == len, "%s: NUL in the text\n", path);
	igt_assert_f(len && t->buf[len - 1] == '\n',
		     "%s: empty or no final newline\n", path);
	t->n = 0;
	for (p = t->buf; *p; p++)
		t->n += *p == '\n';
	t->line = calloc(t->n, sizeof(*t->line));
	igt_assert(t->line);
	for (p = t->buf; *p; p = strchr(p, 0) + 1) {
		t->line[i++] = p;
		*strchr(p, '\n') = 0;
	}
	igt_assert_f(!strcmp(t->line[0], header),
		     "%s: header is '%s', expected '%s'\n", path, t->line[0],
		     header);
}

static void text_free(struct text *t)
{
	free(t->line);
	free(t->buf);
}

static void dbg_path(char *buf, size_t n, unsigned int dbg, const char *file)
{
	snprintf(buf, n, VCM_DEBUGFS "/%u%s%s", dbg, file ? "/" : "",
		 file ? file : "");
}

/* Line parsers: every column, in the documented notation, nothing else. */

struct space_line {
	unsigned int id;
	char owner[64], formats[160];
	uint64_t start, end, reserved, bound, table_bytes;
	uint64_t binds, unbinds, flushes;
};

static void parse_space(const char *s, struct space_line *l)
{
	int n = -1, k;

	k = sscanf(s, "%u %63s %159s 0x%" SCNx64 " 0x%" SCNx64 " %" SCNu64 " %"
		   SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 "%n",
		   &l->id, l->owner, l->formats, &l->start, &l->end, &l->reserved,
		   &l->bound, &l->table_bytes, &l->binds, &l->unbinds, &l->flushes,
		   &n);
	igt_assert_f(k == 11 && n >= 0 && (size_t)n == strlen(s),
		     "bad spaces line '%s'\n", s);
}

struct res_line {
	bool bind;
	uint64_t start, end, size, offset, backing;
	uint32_t flags, segs;
	char loc[16];
};

static void parse_res(const char *s, struct res_line *l)
{
	int n = -1, k;

	memset(l, 0, sizeof(*l));
	if (!strncmp(s, "res ", 4)) {
		k = sscanf(s, "res 0x%" SCNx64 " 0x%" SCNx64 " %" SCNu64
			   " - - - - -%n", &l->start, &l->end, &l->size, &n);
		k = k == 3 ? 0 : -1;
	} else {
		l->bind = true;
		k = sscanf(s, "bind 0x%" SCNx64 " 0x%" SCNx64 " %" SCNu64 " 0x%"
			   SCNx64 " 0x%" SCNx32 " %15s %" SCNu64 " %" SCNu32 "%n",
			   &l->start, &l->end, &l->size, &l->offset, &l->flags,
			   l->loc, &l->backing, &l->segs, &n);
		k = k == 8 ? 0 : -1;
	}
	igt_assert_f(!k && n >= 0 && (size_t)n == strlen(s),
		     "bad reservations line '%s'\n", s);
}

struct pte_line {
	unsigned int mmu, index;
	char format[40], level[16], loc[16];
	uint64_t va, pa, pgsize, raw;
	uint32_t flags;
};

static void parse_pte(const char *s, struct pte_line *l)
{
	int n = -1, k;

	k = sscanf(s, "%u %39s %15s %u 0x%" SCNx64 " 0x%" SCNx64 " %15s %" SCNu64
		   " 0x%" SCNx32 " 0x%" SCNx64 "%n", &l->mmu, l->format, l->level,
		   &l->index, &l->va, &l->pa, l->loc, &l->pgsize, &l->flags,
		   &l->raw, &n);
	igt_assert_f(k == 10 && n >= 0 && (size_t)n == strlen(s),
		     "bad ptes line '%s'\n", s);
}

struct table_line {
	unsigned int mmu;
	char format[40], level[16];
	uint64_t tables, entries, used, bytes;
};

static void parse_table(const char *s, struct table_line *l)
{
	int n = -1, k;

	k = sscanf(s, "%u %39s %15s %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
		   "%n", &l->mmu, l->format, l->level, &l->tables, &l->entries,
		   &l->used, &l->bytes, &n);
	igt_assert_f(k == 7 && n >= 0 && (size_t)n == strlen(s),
		     "bad tables line '%s'\n", s);
}

/* Formats: an entry decoder and the table geometry of each */

struct decoded {
	/* in */
	uint64_t raw;
	uint32_t index;		/* in its table */
	/* out */
	bool valid;	/* a live mapping of system memory, as the layout says */
	uint64_t pa;
	uint64_t pa_mask; /* the address bits the raw value shows */
	uint32_t flags;	/* R, W, S the entry grants */
};

typedef void (*decode_fn)(struct decoded *d);

/* Bits @lo to @hi of @v, shifted down. */
static uint64_t field(uint64_t v, unsigned int hi, unsigned int lo)
{
	return (v >> lo) & ((2ull << (hi - lo)) - 1);
}

static uint32_t bit_flag(uint64_t raw, unsigned int bit, uint32_t flag)
{
	return (raw >> bit) & 1 ? flag : 0;
}

/* radeon rs600/r600 GART: VALID 0, SYSTEM 1, SNOOPED 2, READ 5, WRITE 6 */
static void dec_r600(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 3) == 3;
	d->pa = raw & ~0xfffull;
	d->flags = bit_flag(raw, 5, R) | bit_flag(raw, 6, W) |
		   bit_flag(raw, 2, S);
}

/* cayman/SI VM PTE: the r600 entry plus FRAG 7-11, 0 for system pages */
static void dec_cayman(struct decoded *d)
{
	uint64_t raw = d->raw;

	dec_r600(d);
	d->valid = d->valid && !field(raw, 11, 7);
}

/* r100 PCI, ati_pcigart PCI: the bus address, no flag bits */
static void dec_flat32(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = raw && !(raw & 0xfff) && !(raw >> 32);
	d->pa = raw;
	d->flags = RW | S;
}

/* radeon PCIE/IGP flags: UNSNOOPED 0, WRITEABLE 2, READABLE 3 */
static uint32_t radeon_flags(uint64_t raw)
{
	return bit_flag(raw, 3, R) | bit_flag(raw, 2, W) |
	       (raw & 1 ? 0 : S);
}

/* rv370 PCIE: address bits 12-31 in 4-23, 32-39 in 24-31 */
static void dec_shifted(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = !(raw >> 32) && (raw & 0xc) && !(raw & 2);
	d->pa = field(raw, 23, 4) << 12 | field(raw, 31, 24) << 32;
	d->flags = radeon_flags(raw);
}

/* rs400 IGP: address bits 12-31 in place, 32-39 in 4-11 */
static void dec_split(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = !(raw >> 32) && (raw & 0xc) && !(raw & 2);
	d->pa = (raw & 0xfffff000) | field(raw, 11, 4) << 32;
	d->flags = radeon_flags(raw);
}

/* AGP generic GATT: physical address | mask 0x1 */
static void dec_agp(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 0xfff) == 1 && !(raw >> 32);
	d->pa = raw & 0xfffff000;
	d->flags = RW;
}

/* AMD64 GART: VALID 0, COHERENT 1, address split as on rs400 */
static void dec_amd64(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 1) && !(raw & 0xc) && !(raw >> 32);
	d->pa = (raw & 0xfffff000) | field(raw, 11, 4) << 32;
	d->flags = RW | bit_flag(raw, 1, S);
}

/* nv04: PRESENT 0, RW 1, address bits 12-31 */
static void dec_nv04(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 1) && !(raw & 0xffc) && !(raw >> 32);
	d->pa = raw & 0xfffff000;
	d->flags = R | bit_flag(raw, 1, W);
}

/* nv41: VALID 0, address bits 12-38 in 5-31 */
static void dec_nv41(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = (raw & 0x1f) == 1 && !(raw >> 32);
	d->pa = field(raw, 31, 5) << 12;
	d->flags = RW;
}

/*
 * nv44: four 27-bit page numbers in a 16-byte group, slot s at group bits
 * 27s to 27s + 26. debugfs shows the group's low 64 bits: all of slots 0
 * and 1, the low 10 bits of slot 2, nothing of slot 3.
 */
static void dec_nv44(struct decoded *d)
{
	uint64_t raw = d->raw;

	d->valid = true;
	d->flags = RW;
	switch (d->index % 4) {
	case 0:
		d->pa = field(raw, 26, 0) << 12;
		break;
	case 1:
		d->pa = field(raw, 53, 27) << 12;
		break;
	case 2:
		d->pa = field(raw, 63, 54) << 12;
		d->pa_mask = 0x3ffull << 12;
		break;
	default:
		d->pa = 0;
		d->pa_mask = 0;
		break;
	}
}

/* Host apertures of nouveau PTEs: 2 coherent (snooped), 3 non-coherent */
static bool nv_host(uint64_t aper)
{
	return aper == 2 || aper == 3;
}

/* nv50: VALID 0, RO 3, aperture 4-5, PRIV 6, block 7-9, address 12-39 */
static void dec_nv50(struct decoded *d)
{
	uint64_t raw = d->raw;
	uint64_t aper = field(raw, 5, 4);

	d->valid = (raw & 1) && nv_host(aper) && !(raw & 0x3c0) &&
		   !(raw >> 40);
	d->pa = raw & 0xfffffff000ull;
	d->flags = R | (raw & 8 ? 0 : W) | (aper == 2 ? S : 0);
}

/* gf100: VALID 0, PRIV 1, RO 2, address 4-31, VOL 32, aperture 33-34 */
static void dec_gf100(struct decoded *d)
{
	uint64_t raw = d->raw;
	uint64_t aper = field(raw, 34, 33);

	d->valid = (raw & 1) && !(raw & 2) && (raw >> 32 & 1) &&
		   nv_host(aper) && !(raw >> 35);
	d->pa = field(raw, 31, 4) << 12;
	d->flags = R | (raw & 4 ? 0 : W) | (aper == 2 ? S : 0);
}

/* gp100: VALID 0, aperture 1-2, VOL 3, PRIV 5, RO 6, address 8-42 */
static void dec_gp100(struct decoded *d)
{
	uint64_t raw = d->raw;
	uint64_t aper = field(raw, 2, 1);

	d->valid = (raw & 1) && nv_host(aper) && (raw & 8) && !(raw & 0x20) &&
		   !(raw >> 43);
	d->pa = field(raw, 42, 8) << 12;
	d->flags = R | (raw & 0x40 ? 0 : W) | (aper == 2 ? S : 0);
}

#define MAX_KINDS 6

struct fmt_desc {
	const char *name;
	decode_fn decode;
	/* table kinds in the format's order, the top first */
	const char *kind[MAX_KINDS];
	/* index bits of each kind; 0: flat, sized to and indexed from the space */
	unsigned int bits[MAX_KINDS];
	/* the kinds on the way to a 4 KiB system page, a mask; the highest is the leaf */
	unsigned int path;
};

#define FLAT(n, d) { n, d, { "gart" }, { 0 }, 1 }

static const struct fmt_desc fmts[] = {
	FLAT("r600-gart", dec_r600),
	FLAT("r100-pci", dec_flat32),
	FLAT("rv370-pcie", dec_shifted),
	FLAT("rs400-igp", dec_split),
	FLAT("agp-gatt", dec_agp),
	FLAT("amd64-gart", dec_amd64),
	FLAT("ati-pcigart-pci", dec_flat32),
	FLAT("ati-pcigart-pcie", dec_shifted),
	FLAT("ati-pcigart-igp", dec_split),
	{ "cayman-vm", dec_cayman, { "pd", "pt" }, { 9, 12 }, 0x3 },
	{ "si-vm", dec_cayman, { "pd", "pt" }, { 9, 12 }, 0x3 },
	{ "nv04", dec_nv04, { "dmaobj" }, { 0 }, 1 },
	FLAT("nv41", dec_nv41),
	FLAT("nv44", dec_nv44),
	{ "nv50", dec_nv50, { "pd", "pt64k", "pt4k" }, { 11, 13, 17 }, 0x5 },
	{ "gf100-128k", dec_gf100, { "pd", "lpt", "spt" }, { 13, 10, 15 },
	  0x5 },
	{ "gf100-64k", dec_gf100, { "pd", "lpt", "spt" }, { 14, 10, 14 },
	  0x5 },
	{ "gp100", dec_gp100, { "pd3", "pd2", "pd1", "pd0", "lpt", "spt" },
	  { 2, 9, 9, 8, 5, 9 }, 0x2f },
};

static const struct fmt_desc *fmt_desc(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fmts); i++)
		if (!strcmp(fmts[i].name, name))
			return &fmts[i];
	igt_assert_f(0, "no description of format %s\n", name);
	return NULL;
}

static unsigned int fmt_nkinds(const struct fmt_desc *f)
{
	unsigned int n = 0;

	while (n < MAX_KINDS && f->kind[n])
		n++;
	return n;
}

static unsigned int fmt_leaf(const struct fmt_desc *f)
{
	return 31 - __builtin_clz(f->path);
}

/* Spaces as the test made them */

struct tspace {
	int fd;
	uint32_t id;		/* the uAPI's */
	unsigned int dbg;	/* debugfs's */
	uint64_t start, size;
	unsigned int nmmu;
	const struct fmt_desc *fmt[DRM_VCM_MAX_MMUS];
	struct drm_vcm_format_info fi[DRM_VCM_MAX_MMUS];
	uint32_t bo_flags;
};

/* Ids listed in vcm/spaces; every line parsed. */
static unsigned int space_ids(unsigned int *ids, unsigned int max)
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

static void check_mode(const char *path, mode_t type)
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

static void check_space_gone(unsigned int dbg)
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
static void tspace_create_at(int fd, const char *name, uint64_t start,
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

static void tspace_create(int fd, const char *name, struct tspace *s)
{
	struct drm_vcm_format_info fi;
	uint64_t start, size;

	vcm_format_find(fd, name, &fi);
	vcm_format_range(&fi, &start, &size);
	tspace_create_at(fd, name, start, size, s);
}

static void tspace_attach(struct tspace *s, const char *name)
{
	uint32_t idx = vcm_format_find(s->fd, name, &s->fi[s->nmmu]);

	igt_assert_eq(vcm_space_attach(s->fd, s->id, idx), s->nmmu);
	s->fmt[s->nmmu] = fmt_desc(name);
	s->bo_flags |= vcm_format_bo_flags(&s->fi[s->nmmu]);
	s->nmmu++;
}

static void tspace_destroy(struct tspace *s)
{
	vcm_space_destroy(s->fd, s->id);
	check_space_gone(s->dbg);
}

/* vcm/<id>/tables, all lines */
static unsigned int load_tables(const struct tspace *s, struct table_line *l,
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

struct space_expect {
	uint64_t reserved, bound, binds, unbinds, flushes;
};

static void check_space(const struct tspace *s, const struct space_expect *e)
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

struct kcore {
	int fd;
	unsigned int n;
	Elf64_Phdr *ph;
};

static void kcore_open(struct kcore *k)
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

static void kcore_close(struct kcore *k)
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

struct pte_expect {
	uint64_t va;
	uint32_t flags;		/* bind flags */
	const uint8_t *cpu;	/* the page through the CPU mapping, or NULL */
};

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
static void check_ptes(const struct tspace *s, struct pte_expect *exp,
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

struct res_expect {
	bool bind;
	uint64_t start, size;
	/* bindings */
	uint64_t offset, backing;
	uint32_t flags;
	uint32_t segs;		/* 0: any from 1 to the backing's pages */
};

static int cmp_res_expect(const void *a, const void *b)
{
	const struct res_expect *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->bind - y->bind;
}

static void check_reservations(const struct tspace *s, struct res_expect *exp,
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
static uint32_t count_segs(const uint64_t *pa, unsigned int n)
{
	uint32_t segs = 1;
	unsigned int i;

	for (i = 1; i < n; i++)
		segs += pa[i] != pa[i - 1] + SZ_4K;
	return segs;
}

/* Reading @path in any chunks, or from any offset, gives the same text. */
static void check_stream(const char *path, unsigned int lines)
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
