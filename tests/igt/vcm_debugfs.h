/* SPDX-License-Identifier: MIT */
/*
 * What the parts of the vcm_debugfs test share: the debugfs files read
 * and parsed (vcm_debugfs_files.c), each format's entries decoded from
 * its documented bit layout (vcm_decode.c), the test's spaces and the
 * checks of debugfs against them and /proc/kcore (vcm_debugfs_check.c),
 * under the subtests (vcm_debugfs.c).
 */
#ifndef VCM_IGT_DEBUGFS_H
#define VCM_IGT_DEBUGFS_H

#include <elf.h>
#include <sys/types.h>

#include "vcm_lib.h"

#define VCM_DEBUGFS	"/sys/kernel/debug/vcm"

#define R	DRM_VCM_BIND_READ
#define W	DRM_VCM_BIND_WRITE
#define S	DRM_VCM_BIND_SNOOP
#define RW	(R | W)

#define HDR_SPACES "# id owner formats start end reserved bound table_bytes binds unbinds flushes"
#define HDR_RES "# kind start end size offset flags loc backing segs"
#define HDR_PTES "# mmu format level index va pa loc pgsize flags raw"
#define HDR_TABLES "# mmu format level tables entries used bytes"

/* Reads of one size, or CHUNK_MIXED: see chunk_mixed(). */
#define CHUNK_MIXED	0

/* A file split into lines; line[0] is the header. */
struct text {
	char *buf;
	char **line;
	unsigned int n;
};

struct space_line {
	unsigned int id;
	char owner[64], formats[160];
	uint64_t start, end, reserved, bound, table_bytes;
	uint64_t binds, unbinds, flushes;
};

struct res_line {
	bool bind;
	uint64_t start, end, size, offset, backing;
	uint32_t flags, segs;
	char loc[16];
};

struct pte_line {
	unsigned int mmu, index;
	char format[40], level[16], loc[16];
	uint64_t va, pa, pgsize, raw;
	uint32_t flags;
};

struct table_line {
	unsigned int mmu;
	char format[40], level[16];
	uint64_t tables, entries, used, bytes;
};

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

struct space_expect {
	uint64_t reserved, bound, binds, unbinds, flushes;
};

struct kcore {
	int fd;
	unsigned int n;
	Elf64_Phdr *ph;
};

struct pte_expect {
	uint64_t va;
	uint32_t flags;		/* bind flags */
	const uint8_t *cpu;	/* the page through the CPU mapping, or NULL */
};

struct res_expect {
	bool bind;
	uint64_t start, size;
	/* bindings */
	uint64_t offset, backing;
	uint32_t flags;
	uint32_t segs;		/* 0: any from 1 to the backing's pages */
};

/* vcm_decode.c: the formats, in the kernel's registry order */
extern const struct fmt_desc fmts[VCM_NUM_FORMATS];

/* vcm_debugfs_files.c */
char *read_rest(int fd, size_t chunk, size_t *lenp);
char *read_path(const char *path, size_t chunk, size_t *lenp);
void text_load(struct text *t, const char *path, const char *header);
void text_free(struct text *t);
void dbg_path(char *buf, size_t n, unsigned int dbg, const char *file);
void parse_space(const char *s, struct space_line *l);
void parse_res(const char *s, struct res_line *l);
void parse_pte(const char *s, struct pte_line *l);
void parse_table(const char *s, struct table_line *l);

/* vcm_decode.c */
const struct fmt_desc *fmt_desc(const char *name);
unsigned int fmt_nkinds(const struct fmt_desc *f);
unsigned int fmt_leaf(const struct fmt_desc *f);

/* vcm_debugfs_check.c */
unsigned int space_ids(unsigned int *ids, unsigned int max);
void check_mode(const char *path, mode_t type);
void check_space_gone(unsigned int dbg);
void tspace_create_at(int fd, const char *name, uint64_t start,
		      uint64_t size, struct tspace *s);
void tspace_create(int fd, const char *name, struct tspace *s);
void tspace_attach(struct tspace *s, const char *name);
void tspace_destroy(struct tspace *s);
unsigned int load_tables(const struct tspace *s, struct table_line *l,
			 unsigned int max);
void check_space(const struct tspace *s, const struct space_expect *e);
void kcore_open(struct kcore *k);
void kcore_close(struct kcore *k);
void check_ptes(const struct tspace *s, struct pte_expect *exp,
		unsigned int n, const struct kcore *kc, uint64_t *pa);
void check_reservations(const struct tspace *s, struct res_expect *exp,
			unsigned int n);
uint32_t count_segs(const uint64_t *pa, unsigned int n);
void check_stream(const char *path, unsigned int lines);

#endif
