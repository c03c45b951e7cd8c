/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcmctl dump's inside: the records of VCM's debugfs files and the words
 * they are told in (dump_debugfs.c), one space summed up or drawn
 * (dump_space.c), under dump.c, which finds and walks the spaces.
 */
#ifndef VCMCTL_DUMP_H
#define VCMCTL_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "vcmctl.h"

#define DEBUGFS		"/sys/kernel/debug"
#define MAX_TOKENS	16
#define MAX_TABLES	64	/* lines of a tables file we draw */
#define MAX_MMUS	8	/* MMUs of a space we draw */
#define MAX_BREAKS	16	/* free gaps the axis may compress */

/* A debugfs file read line by line, each split into words. */
struct lines {
	char path[4096];
	FILE *f;
	char *buf;
	size_t cap;
	unsigned long line;
	char *tok[MAX_TOKENS];
	unsigned int n;
};

struct space {
	unsigned int id;
	char owner[64];
	char formats[256];
	__u64 start, end, reserved, bound, table_bytes;
	__u64 binds, unbinds, flushes;
};

/* kind start end size offset flags loc backing segs */
struct rec {
	bool bind;
	__u64 start, end, offset, backing, segs;
	__u32 flags;
	const char *loc;
};

/* mmu format level index va pa loc pgsize flags raw */
struct pte {
	unsigned int mmu;
	const char *format, *level, *loc;
	__u64 va, pa, pgsize;
	__u32 flags;
};

/* mmu format level tables entries used bytes */
struct table {
	unsigned int mmu;
	char format[32], level[32];
	__u64 tables, entries, used, bytes;
};

struct tables {
	struct table t[MAX_TABLES];
	unsigned int n, more;		/* lines kept, lines left out */
	unsigned int mmu[MAX_MMUS];	/* MMU ids in order */
	char format[MAX_MMUS][32];
	unsigned int nmmu;
};

struct gap {
	__u64 start, end;
};

struct res_stats {
	__u64 nres, nbind, res_bytes, bind_bytes, min_res;
	__u64 nfree, free_bytes;
	struct gap largest;
	struct gap gaps[MAX_BREAKS];	/* the largest free gaps */
	unsigned int ngaps;
};

struct svg;

/* dump_debugfs.c */
const char *vcm_dir(void);
bool lines_open(struct lines *l, unsigned int id, const char *name);
bool lines_next(struct lines *l);
void lines_close(struct lines *l);
void parse_space(const struct lines *l, struct space *s);
void parse_rec(const struct lines *l, struct rec *r);
void parse_pte(const struct lines *l, struct pte *p);
void read_tables(unsigned int id, struct tables *ts);
int mmu_slot(const struct tables *ts, unsigned int mmu);
const char *hsize(__u64 v);
double pct(__u64 part, __u64 whole);
const char *flag_str(__u32 f);
const char *plural(__u64 n, const char *one, const char *many);

/* dump_space.c */
void scan_res(const struct space *s, struct res_stats *st, bool text);
void scan_ptes(const struct space *s, bool text, struct svg *g);
void print_tables(const struct tables *ts);
void print_space(const struct space *s);
double block_h(unsigned int nmmu, unsigned int ntab);
void draw_space(FILE *f, const struct space *s, const struct tables *ts,
		const struct res_stats *st, double y);
void svg_begin(FILE *f, double h);

#endif
