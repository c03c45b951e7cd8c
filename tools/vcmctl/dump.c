// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl dump: a space as VCM's debugfs shows it (vcm/spaces and
 * vcm/<id>/{reservations,ptes,tables}, see vcm_debugfs.c), summed up in
 * words or drawn as an SVG picture. Every file is read as a stream, one
 * line at a time: neither the summary nor the picture needs memory that
 * grows with the number of reservations or entries. The picture stays
 * small too: what is narrower than a pixel is merged with its neighbours.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"

/* ---- the spaces -------------------------------------------------------- */

/* The spaces listed now; only @id if not 0. */
static struct space *read_spaces(unsigned int id, unsigned int *count)
{
	struct space *v = NULL, *p;
	unsigned int n = 0;
	struct lines l;

	if (!lines_open(&l, 0, "spaces"))
		die("%s: %s (is vcm.ko loaded?)", l.path, strerror(ENOENT));
	while (lines_next(&l)) {
		p = realloc(v, (n + 1) * sizeof(*v));
		if (!p)
			die("out of memory");
		v = p;
		parse_space(&l, &v[n]);
		if (!id || v[n].id == id)
			n++;
	}
	lines_close(&l);
	*count = n;
	return v;
}

/*
 * Space @id or, for 0, every space: a picture into @svg if set ("-":
 * stdout), else a summary. @say: print the summary or the file written.
 */
void dump_spaces(unsigned int id, const char *svg, bool say)
{
	bool text = say && !svg;
	struct res_stats st;
	struct tables *ts;
	struct space *v;
	unsigned int n, i;
	char tmp[4096];
	FILE *f = NULL;
	double y = 0, h = 0;

	v = read_spaces(id, &n);
	if (id && !n)
		die("no space %u in %s/spaces", id, vcm_dir());
	ts = calloc(n ? n : 1, sizeof(*ts));
	if (!ts)
		die("out of memory");
	for (i = 0; i < n; i++) {
		read_tables(v[i].id, &ts[i]);
		h += block_h(ts[i].nmmu, ts[i].n);
	}
	if (svg && !strcmp(svg, "-")) {
		f = stdout;
	} else if (svg) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", svg);
		f = fopen(tmp, "w");
		if (!f)
			die("%s: %s", tmp, strerror(errno));
	}
	if (f) {
		svg_begin(f, n ? h : 60);
		if (!n)
			fputs("<text x=\"10\" y=\"30\" class=\"title\">no VCM spaces</text>\n",
			      f);
	}
	if (text && !n)
		printf("no spaces\n");
	for (i = 0; i < n; i++) {
		if (text)
			print_space(&v[i]);
		scan_res(&v[i], &st, text);
		if (text) {
			scan_ptes(&v[i], true, NULL);
			print_tables(&ts[i]);
		}
		if (f) {
			draw_space(f, &v[i], &ts[i], &st, y);
			y += block_h(ts[i].nmmu, ts[i].n);
		}
	}
	if (f) {
		fputs("</svg>\n", f);
		if (f == stdout) {
			fflush(f);
		} else {
			if (ferror(f) | fclose(f))
				die("%s: write error", tmp);
			if (rename(tmp, svg))
				die("%s: %s", svg, strerror(errno));
			if (say)
				printf("svg: %s, %s\n", svg,
				       plural(n, "space", "spaces"));
		}
	}
	free(ts);
	free(v);
}

/* Whether space @s holds exactly the reservations and bindings @w knows. */
static bool same_content(const struct space *s, const struct dump_want *w)
{
	unsigned long nres = 0, nbind = 0;
	bool same = true;
	struct lines l;
	struct rec r;

	if (!lines_open(&l, s->id, "reservations"))
		return false;
	while (same && lines_next(&l)) {
		parse_rec(&l, &r);
		if (r.bind)
			nbind++;
		else
			nres++;
		same = w->known(w->ctx, r.bind, r.start, r.end);
	}
	lines_close(&l);
	return same && nres == w->nres && nbind == w->nbind;
}

/*
 * The number of the space @w describes: range and formats equal, and the
 * same reservations and bindings. If several are alike in all that, the
 * highest number (they would dump alike, but for device addresses).
 */
unsigned int dump_find(const struct dump_want *w)
{
	unsigned int n, i, found = 0, alike = 0;
	struct space *v = read_spaces(0, &n);

	for (i = 0; i < n; i++) {
		if (v[i].start != w->start || v[i].end != w->end ||
		    strcmp(v[i].formats, w->formats) || !same_content(&v[i], w))
			continue;
		alike++;
		if (v[i].id > found)
			found = v[i].id;
	}
	free(v);
	if (!found)
		die("no space in %s/spaces is [0x%llx, 0x%llx) with formats %s and this script's reservations",
		    vcm_dir(), w->start, w->end, w->formats);
	if (alike > 1)
		fprintf(stderr, "vcmctl: %u spaces look alike, dumping %u\n",
			alike, found);
	return found;
}
