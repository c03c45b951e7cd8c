// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl dump: VCM's debugfs files (mounted if need be) read as streams of
 * records, and the words numbers and flags are told in. The bottom of
 * dump: it calls only die() and size_str().
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dump.h"

/* ---- reading debugfs --------------------------------------------------- */

static bool debugfs_mounted(void)
{
	char dev[256], dir[256], type[64];
	bool found = false;
	FILE *f = fopen("/proc/mounts", "r");

	while (f && fscanf(f, "%255s %255s %63s %*[^\n]", dev, dir, type) == 3)
		if (!strcmp(dir, DEBUGFS) && !strcmp(type, "debugfs"))
			found = true;
	if (f)
		fclose(f);
	return found;
}

/* VCM's debugfs directory: $VCM_DEBUGFS, else vcm/ in debugfs, mounted if need be. */
const char *vcm_dir(void)
{
	static const char *dir;
	struct stat st;

	if (dir)
		return dir;
	dir = getenv("VCM_DEBUGFS");
	if (!dir || !*dir) {
		dir = DEBUGFS "/vcm";
		if (stat(dir, &st) && errno == ENOENT && !debugfs_mounted() &&
		    mount("debugfs", DEBUGFS, "debugfs", 0, NULL))
			die("cannot mount debugfs on %s: %s", DEBUGFS,
			    strerror(errno));
	}
	if (stat(dir, &st))
		die("%s: %s (%s)", dir, strerror(errno), errno == EACCES ?
		    "dump needs root" : "is vcm.ko loaded?");
	return dir;
}

/* vcm/NAME for ID 0, else vcm/ID/NAME. False if it is gone. */
bool lines_open(struct lines *l, unsigned int id, const char *name)
{
	memset(l, 0, sizeof(*l));
	if (id)
		snprintf(l->path, sizeof(l->path), "%s/%u/%s", vcm_dir(), id,
			 name);
	else
		snprintf(l->path, sizeof(l->path), "%s/%s", vcm_dir(), name);
	l->f = fopen(l->path, "r");
	if (!l->f && errno != ENOENT)
		die("%s: %s", l->path, strerror(errno));
	return l->f;
}

/* The next record (comment lines skipped); false at the end. */
bool lines_next(struct lines *l)
{
	char *p;

	while (getline(&l->buf, &l->cap, l->f) > 0) {
		l->line++;
		if (l->buf[0] == '#')
			continue;
		l->n = 0;
		for (p = strtok(l->buf, " \t\n"); p; p = strtok(NULL, " \t\n")) {
			if (l->n == MAX_TOKENS)
				break;
			l->tok[l->n++] = p;
		}
		if (l->n)
			return true;
	}
	if (ferror(l->f))
		die("%s: read error", l->path);
	return false;
}

void lines_close(struct lines *l)
{
	if (l->f)
		fclose(l->f);
	free(l->buf);
	l->f = NULL;
	l->buf = NULL;
}

static void __noreturn bad_line(const struct lines *l)
{
	die("%s:%lu: unexpected line", l->path, l->line);
}

/* Word I as a number ("0x1000" or "4096") */
static __u64 word_num(const struct lines *l, unsigned int i)
{
	const char *s = l->tok[i];
	char *end;
	__u64 v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		bad_line(l);
	return v;
}

static void word_copy(char *dst, size_t len, const struct lines *l,
		      unsigned int i)
{
	snprintf(dst, len, "%s", l->tok[i]);
}

/* ---- records ----------------------------------------------------------- */

/* id owner formats start end reserved bound table_bytes binds unbinds flushes */
void parse_space(const struct lines *l, struct space *s)
{
	unsigned int i, n = l->n;
	size_t len = 0;

	if (n < 11)
		bad_line(l);
	s->id = word_num(l, 0);
	s->owner[0] = 0;
	/* owner is all that is left between id and formats */
	for (i = 1; i < n - 9 && len < sizeof(s->owner); i++)
		len += snprintf(s->owner + len, sizeof(s->owner) - len, "%s%s",
				i > 1 ? " " : "", l->tok[i]);
	word_copy(s->formats, sizeof(s->formats), l, n - 9);
	s->start = word_num(l, n - 8);
	s->end = word_num(l, n - 7);
	s->reserved = word_num(l, n - 6);
	s->bound = word_num(l, n - 5);
	s->table_bytes = word_num(l, n - 4);
	s->binds = word_num(l, n - 3);
	s->unbinds = word_num(l, n - 2);
	s->flushes = word_num(l, n - 1);
}

void parse_rec(const struct lines *l, struct rec *r)
{
	if (l->n != 9)
		bad_line(l);
	r->bind = !strcmp(l->tok[0], "bind");
	if (!r->bind && strcmp(l->tok[0], "res"))
		bad_line(l);
	r->start = word_num(l, 1);
	r->end = word_num(l, 2);
	if (r->end < r->start)
		bad_line(l);
	if (!r->bind)
		return;
	r->offset = word_num(l, 4);
	r->flags = word_num(l, 5);
	r->loc = l->tok[6];
	r->backing = word_num(l, 7);
	r->segs = word_num(l, 8);
}

void parse_pte(const struct lines *l, struct pte *p)
{
	if (l->n != 10)
		bad_line(l);
	p->mmu = word_num(l, 0);
	p->format = l->tok[1];
	p->level = l->tok[2];
	p->va = word_num(l, 4);
	p->pa = word_num(l, 5);
	p->loc = l->tok[6];
	p->pgsize = word_num(l, 7);
	p->flags = word_num(l, 8);
	if (!p->pgsize)
		bad_line(l);
}

void read_tables(unsigned int id, struct tables *ts)
{
	struct lines l;
	struct table *t;

	memset(ts, 0, sizeof(*ts));
	if (!lines_open(&l, id, "tables"))
		return;
	while (lines_next(&l)) {
		if (l.n != 7)
			bad_line(&l);
		if (ts->n == MAX_TABLES) {
			ts->more++;
			continue;
		}
		t = &ts->t[ts->n++];
		t->mmu = word_num(&l, 0);
		word_copy(t->format, sizeof(t->format), &l, 1);
		word_copy(t->level, sizeof(t->level), &l, 2);
		t->tables = word_num(&l, 3);
		t->entries = word_num(&l, 4);
		t->used = word_num(&l, 5);
		t->bytes = word_num(&l, 6);
		if (ts->nmmu && ts->mmu[ts->nmmu - 1] == t->mmu)
			continue;
		if (ts->nmmu == MAX_MMUS)
			continue;
		ts->mmu[ts->nmmu] = t->mmu;
		memcpy(ts->format[ts->nmmu], t->format, sizeof(t->format));
		ts->nmmu++;
	}
	lines_close(&l);
}

/* Index of MMU @mmu among those drawn, or -1 */
int mmu_slot(const struct tables *ts, unsigned int mmu)
{
	unsigned int i;

	for (i = 0; i < ts->nmmu; i++)
		if (ts->mmu[i] == mmu)
			return i;
	return -1;
}

/* ---- words ------------------------------------------------------------- */

/* "64 KiB", "1.5 MiB", "100 B" */
const char *hsize(__u64 v)
{
	static char bufs[16][32];
	static unsigned int next;
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	char *buf = bufs[next++ % 16];
	unsigned int i = 0;
	double d;

	if (v < 1024) {
		snprintf(buf, 32, "%llu B", (unsigned long long)v);
		return buf;
	}
	d = v / 1024.0;
	while (d >= 1024 && i < 5) {
		d /= 1024;
		i++;
	}
	if (!(v & ((1ull << (10 * (i + 1))) - 1)))
		snprintf(buf, 32, "%.0f %s", d, unit[i]);
	else
		snprintf(buf, 32, "%.1f %s", d, unit[i]);
	return buf;
}

double pct(__u64 part, __u64 whole)
{
	return whole ? 100.0 * part / whole : 0;
}

/* "rw-", with any format-specific bits after it: "rw-+0x10000" */
const char *flag_str(__u32 f)
{
	static char bufs[2][32];
	static unsigned int next;
	char *buf = bufs[next++ % 2];

	snprintf(buf, 32, "%c%c%c", f & 1 ? 'r' : '-', f & 2 ? 'w' : '-',
		 f & 4 ? 's' : '-');
	if (f & ~7u)
		snprintf(buf + 3, 29, "+0x%x", f & ~7u);
	return buf;
}

const char *plural(__u64 n, const char *one, const char *many)
{
	static char bufs[16][64];
	static unsigned int next;
	char *buf = bufs[next++ % 16];

	snprintf(buf, 64, "%llu %s", (unsigned long long)n,
		 n == 1 ? one : many);
	return buf;
}
