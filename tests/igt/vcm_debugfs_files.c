// SPDX-License-Identifier: MIT
/*
 * vcm_debugfs: VCM's debugfs files read (in chunks of any size) and
 * their lines parsed.
 */

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "vcm_debugfs.h"

/* Text files */

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
char *read_rest(int fd, size_t chunk, size_t *lenp)
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

char *read_path(const char *path, size_t chunk, size_t *lenp)
{
	int fd = open(path, O_RDONLY);
	char *buf;

	igt_assert_f(fd >= 0, "%s: %s\n", path, strerror(errno));
	buf = read_rest(fd, chunk, lenp);
	close(fd);
	return buf;
}

void text_load(struct text *t, const char *path, const char *header)
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

void text_free(struct text *t)
{
	free(t->line);
	free(t->buf);
}

void dbg_path(char *buf, size_t n, unsigned int dbg, const char *file)
{
	snprintf(buf, n, VCM_DEBUGFS "/%u%s%s", dbg, file ? "/" : "",
		 file ? file : "");
}

/* Line parsers: every column, in the documented notation, nothing else. */

void parse_space(const char *s, struct space_line *l)
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

void parse_res(const char *s, struct res_line *l)
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

void parse_pte(const char *s, struct pte_line *l)
{
	int n = -1, k;

	k = sscanf(s, "%u %39s %15s %u 0x%" SCNx64 " 0x%" SCNx64 " %15s %" SCNu64
		   " 0x%" SCNx32 " 0x%" SCNx64 "%n", &l->mmu, l->format, l->level,
		   &l->index, &l->va, &l->pa, l->loc, &l->pgsize, &l->flags,
		   &l->raw, &n);
	igt_assert_f(k == 10 && n >= 0 && (size_t)n == strlen(s),
		     "bad ptes line '%s'\n", s);
}

void parse_table(const char *s, struct table_line *l)
{
	int n = -1, k;

	k = sscanf(s, "%u %39s %15s %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
		   "%n", &l->mmu, l->format, l->level, &l->tables, &l->entries,
		   &l->used, &l->bytes, &n);
	igt_assert_f(k == 7 && n >= 0 && (size_t)n == strlen(s),
		     "bad tables line '%s'\n", s);
}
