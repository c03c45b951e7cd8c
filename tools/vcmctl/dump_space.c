// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl dump: one space, summed up in words or drawn as SVG: its
 * reservations and free gaps, its MMUs' entries in runs of contiguous VA,
 * its tables per level. What is narrower than a pixel is merged with its
 * neighbours, so the picture stays small.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"

/* ---- reservations: the summary and what the picture needs -------------- */

static __u64 gap_size(const struct gap *g)
{
	return g->end - g->start;
}

static void add_gap(struct res_stats *st, __u64 start, __u64 end)
{
	struct gap g = { start, end };
	unsigned int i, min = 0;

	if (end <= start)
		return;
	st->nfree++;
	st->free_bytes += end - start;
	if (gap_size(&g) > gap_size(&st->largest))
		st->largest = g;
	if (st->ngaps < MAX_BREAKS) {
		st->gaps[st->ngaps++] = g;
		return;
	}
	for (i = 1; i < MAX_BREAKS; i++)
		if (gap_size(&st->gaps[i]) < gap_size(&st->gaps[min]))
			min = i;
	if (gap_size(&g) > gap_size(&st->gaps[min]))
		st->gaps[min] = g;
}

/* One pass over the reservations: counts, free gaps; printed if @text. */
void scan_res(const struct space *s, struct res_stats *st, bool text)
{
	__u64 at = s->start;
	struct lines l;
	struct rec r;

	memset(st, 0, sizeof(*st));
	if (text)
		printf("  reservations and their bindings:\n");
	if (lines_open(&l, s->id, "reservations")) {
		while (lines_next(&l)) {
			parse_rec(&l, &r);
			if (r.bind) {
				st->nbind++;
				st->bind_bytes += r.end - r.start;
				if (text)
					printf("      bind [0x%llx, 0x%llx) %s %s %s, at +0x%llx of %s in %s\n",
					       r.start, r.end,
					       hsize(r.end - r.start),
					       flag_str(r.flags), r.loc,
					       r.offset, hsize(r.backing),
					       plural(r.segs, "segment", "segments"));
				continue;
			}
			if (!st->nres || r.end - r.start < st->min_res)
				st->min_res = r.end - r.start;
			st->nres++;
			st->res_bytes += r.end - r.start;
			add_gap(st, at, r.start);
			if (r.end > at)
				at = r.end;
			if (text)
				printf("    res [0x%llx, 0x%llx) %s\n", r.start,
				       r.end, hsize(r.end - r.start));
		}
		lines_close(&l);
	}
	add_gap(st, at, s->end);
	if (!text)
		return;
	printf("    %s, %s; %s, %s\n",
	       plural(st->nres, "reservation", "reservations"),
	       hsize(st->res_bytes),
	       plural(st->nbind, "binding", "bindings"),
	       hsize(st->bind_bytes));
	if (st->nfree)
		printf("    free: %s in %s, largest [0x%llx, 0x%llx) %s\n",
		       hsize(st->free_bytes),
		       plural(st->nfree, "range", "ranges"),
		       st->largest.start, st->largest.end,
		       hsize(gap_size(&st->largest)));
	else
		printf("    free: none\n");
}

/* ---- page entries, grouped into runs ----------------------------------- */

/* Entries of one MMU and table kind, with the same page size, flags and location, VA-contiguous. */
struct run {
	bool on;
	unsigned int mmu;
	char format[32], level[32], loc[16];
	__u64 va, end, pgsize, pa, pa_next, n, pieces;
	__u32 flags;
};

static bool run_extends(const struct run *r, const struct pte *p)
{
	return r->on && p->mmu == r->mmu && p->va == r->end &&
	       p->pgsize == r->pgsize && p->flags == r->flags &&
	       !strcmp(p->level, r->level) && !strcmp(p->loc, r->loc);
}

static void run_start(struct run *r, const struct pte *p)
{
	r->on = true;
	r->mmu = p->mmu;
	snprintf(r->format, sizeof(r->format), "%s", p->format);
	snprintf(r->level, sizeof(r->level), "%s", p->level);
	snprintf(r->loc, sizeof(r->loc), "%s", p->loc);
	r->va = p->va;
	r->end = p->va + p->pgsize;
	r->pgsize = p->pgsize;
	r->flags = p->flags;
	r->pa = p->pa;
	r->pa_next = p->pa + p->pgsize;
	r->n = 1;
	r->pieces = 1;
}

static void run_extend(struct run *r, const struct pte *p)
{
	if (p->pa != r->pa_next)
		r->pieces++;
	r->pa_next = p->pa + p->pgsize;
	r->end += p->pgsize;
	r->n++;
}

static void run_print(const struct run *r)
{
	printf("    [0x%llx, 0x%llx) %llu x %s %s %s %s -> ", r->va, r->end,
	       r->n, hsize(r->pgsize), r->level, flag_str(r->flags), r->loc);
	if (r->pieces == 1)
		printf("[0x%llx, 0x%llx)\n", r->pa, r->pa_next);
	else
		printf("%llu pieces from 0x%llx\n", r->pieces, r->pa);
}

struct svg;
static void svg_run(struct svg *g, const struct run *r);

/* A run is complete: print and draw it; @last of its MMU: the MMU's totals. */
static void run_done(const struct run *r, bool text, struct svg *g,
		     __u64 *entries, __u64 *runs, bool last)
{
	if (text)
		run_print(r);
	if (g)
		svg_run(g, r);
	*entries += r->n;
	*runs += 1;
	if (last && text)
		printf("    mmu %u: %s in %s\n", r->mmu,
		       plural(*entries, "entry", "entries"),
		       plural(*runs, "run", "runs"));
}

/* The runs of every MMU, printed if @text, drawn if @g. */
void scan_ptes(const struct space *s, bool text, struct svg *g)
{
	struct run r = { 0 };
	__u64 entries = 0, runs = 0;
	struct lines l;
	struct pte p;

	if (!lines_open(&l, s->id, "ptes")) {
		if (text)
			printf("  page entries: gone\n");
		return;
	}
	while (lines_next(&l)) {
		parse_pte(&l, &p);
		if (run_extends(&r, &p)) {
			run_extend(&r, &p);
			continue;
		}
		if (r.on)
			run_done(&r, text, g, &entries, &runs, p.mmu != r.mmu);
		if (!r.on || p.mmu != r.mmu) {
			entries = 0;
			runs = 0;
			if (text)
				printf("  mmu %u %s, valid entries in runs of contiguous VA:\n",
				       p.mmu, p.format);
		}
		run_start(&r, &p);
	}
	lines_close(&l);
	if (r.on)
		run_done(&r, text, g, &entries, &runs, true);
	else if (text)
		printf("  page entries: none\n");
}

void print_tables(const struct tables *ts)
{
	const struct table *t;
	unsigned int i;

	printf("  page tables:\n");
	for (i = 0; i < ts->n; i++) {
		t = &ts->t[i];
		if (!t->tables) {
			printf("    mmu %u %s %s: no tables\n", t->mmu,
			       t->format, t->level);
			continue;
		}
		printf("    mmu %u %s %s: %s, %llu/%llu entries used (%.1f%%), %s\n",
		       t->mmu, t->format, t->level,
		       plural(t->tables, "table", "tables"), t->used,
		       t->entries, pct(t->used, t->entries), hsize(t->bytes));
	}
	if (ts->more)
		printf("    (%u more lines)\n", ts->more);
	if (!ts->n)
		printf("    none\n");
}

void print_space(const struct space *s)
{
	__u64 size = s->end - s->start;

	printf("space %u (owner %s), formats %s\n", s->id, s->owner,
	       s->formats);
	printf("  VA [0x%llx, 0x%llx) %s: reserved %s (%.1f%%), bound %s (%.1f%%)\n",
	       s->start, s->end, hsize(size), hsize(s->reserved),
	       pct(s->reserved, size), hsize(s->bound), pct(s->bound, size));
	printf("  page tables %s; %s, %s, %s\n", hsize(s->table_bytes),
	       plural(s->binds, "bind", "binds"),
	       plural(s->unbinds, "unbind", "unbinds"),
	       plural(s->flushes, "flush", "flushes"));
}

/* ---- the picture ------------------------------------------------------- */

#define SVG_W		1200
#define AX0		180.0	/* the VA axis: left end */
#define AXW		960.0	/* and width */
#define GAPW		28.0	/* a compressed free gap */
#define STRIP		16.0	/* one row of the axis band */
#define CHAR_W		6.0	/* of 10px monospace, about */
#define ROW_CHAR_W	6.7	/* of 11px */
#define BAR_W		360.0	/* a table occupancy bar */

/* A run of boxes narrower than a pixel is drawn as one. */
struct box {
	bool on;
	double x0, x1;
	__u64 n, va0, va1, bytes;
};

struct svg {
	FILE *f;
	const struct space *s;
	const struct tables *ts;
	/* the axis: linear but for the breaks */
	unsigned int nbrk;
	struct gap brk[MAX_BREAKS];
	double scale;		/* pixels per byte outside the breaks */
	double y, band_y, band_h;
	double above_end, below_end, below_max;
	struct box res, bind, mmu;
	int mmu_slot;
};

/* Text, escaped for XML; bytes outside printable ASCII become '?'. */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c < 0x20 || c > 0x7e)
			fputc('?', f);
		else
			fputc(c, f);
	}
}

static void __printf(2, 3) xml_printf(FILE *f, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	xml_text(f, buf);
}

static void svg_label(struct svg *g, double x, double y, const char *anchor,
		      const char *cls, const char *text)
{
	fprintf(g->f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">",
		x, y, anchor, cls);
	xml_text(g->f, text);
	fputs("</text>\n", g->f);
}

static int gap_cmp_size(const void *a, const void *b)
{
	__u64 x = gap_size(a), y = gap_size(b);

	return x < y ? 1 : x > y ? -1 : 0;
}

static int gap_cmp_start(const void *a, const void *b)
{
	const struct gap *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Linear if the smallest reservation gets 2 pixels that way. Else the
 * largest free gaps, one after another, become breaks of GAPW pixels
 * while each would take more than two breaks' width and the rest keeps
 * half the axis.
 */
static void axis_init(struct svg *g, const struct res_stats *st)
{
	double rest = (double)(g->s->end - g->s->start);
	struct gap gaps[MAX_BREAKS];
	unsigned int i;

	g->nbrk = 0;
	if (st->nres && st->min_res * AXW / rest < 2) {
		memcpy(gaps, st->gaps, sizeof(gaps));
		qsort(gaps, st->ngaps, sizeof(gaps[0]), gap_cmp_size);
		for (i = 0; i < st->ngaps; i++) {
			double size = gap_size(&gaps[i]);
			double left = AXW - g->nbrk * GAPW;

			if (size * left / rest <= 2 * GAPW ||
			    left - GAPW < AXW / 2 || size >= rest)
				break;
			g->brk[g->nbrk++] = gaps[i];
			rest -= size;
		}
		qsort(g->brk, g->nbrk, sizeof(g->brk[0]), gap_cmp_start);
	}
	g->scale = (AXW - g->nbrk * GAPW) / rest;
}

static double ax_x(const struct svg *g, __u64 va)
{
	__u64 prev = g->s->start;
	double x = AX0;
	unsigned int i;

	if (va < g->s->start)
		va = g->s->start;
	if (va > g->s->end)
		va = g->s->end;
	for (i = 0; i < g->nbrk; i++) {
		const struct gap *b = &g->brk[i];

		if (va <= b->start)
			break;
		x += (double)(b->start - prev) * g->scale;
		if (va < b->end)
			return x + (double)(va - b->start) / gap_size(b) * GAPW;
		x += GAPW;
		prev = b->end;
	}
	return x + (double)(va - prev) * g->scale;
}

static double strip_y(const struct svg *g, unsigned int row)
{
	return g->band_y + 4 + row * STRIP;
}

static void box_flush(struct svg *g, struct box *b, const char *cls,
		      double y, double h, const char *what)
{
	double w = b->x1 - b->x0;

	if (!b->on)
		return;
	b->on = false;
	/* outlines of boxes a few pixels wide would hide their fill */
	fprintf(g->f, "<rect class=\"%s%s\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\"><title>",
		cls, w < 3 ? " thin" : "", b->x0, y, w < 1 ? 1 : w, h);
	if (b->n == 1)
		xml_printf(g->f, "%s [0x%llx, 0x%llx) %s", what, b->va0,
			   b->va1, hsize(b->bytes));
	else
		xml_printf(g->f, "%llu x %s in [0x%llx, 0x%llx), %s", b->n,
			   what, b->va0, b->va1, hsize(b->bytes));
	fputs("</title></rect>\n", g->f);
}

/* Add [va0, va1) to @b; true if a box is due first (then call again). */
static bool box_add(struct box *b, double x0, double x1, __u64 va0,
		    __u64 va1, __u64 n)
{
	if (b->on && !(x0 - b->x1 < 0.5 && b->x1 - b->x0 < 1 && x1 - x0 < 1))
		return true;
	if (!b->on) {
		b->on = true;
		b->x0 = x0;
		b->va0 = va0;
		b->n = 0;
		b->bytes = 0;
	}
	b->x1 = x1;
	b->va1 = va1;
	b->n += n;
	b->bytes += va1 - va0;
	return false;
}

static void flush_res(struct svg *g)
{
	box_flush(g, &g->res, "res", g->band_y, g->band_h, "reservation");
}

static void flush_bind(struct svg *g)
{
	box_flush(g, &g->bind, "bind", strip_y(g, 0), STRIP - 4, "binding");
}

static void flush_kind(struct svg *g, bool binds)
{
	if (binds)
		flush_bind(g);
	else
		flush_res(g);
}

static void flush_mmu(struct svg *g)
{
	char cls[16], what[64];

	if (g->mmu_slot < 0)
		return;
	snprintf(cls, sizeof(cls), "m%d", g->mmu_slot % 6);
	snprintf(what, sizeof(what), "mmu %u %s entries",
		 g->ts->mmu[g->mmu_slot], g->ts->format[g->mmu_slot]);
	box_flush(g, &g->mmu, cls, strip_y(g, 1 + g->mmu_slot), STRIP - 4,
		  what);
}

static void svg_run(struct svg *g, const struct run *r)
{
	int slot = mmu_slot(g->ts, r->mmu);

	if (slot != g->mmu_slot) {
		flush_mmu(g);
		g->mmu_slot = slot;
	}
	if (slot < 0)
		return;
	if (box_add(&g->mmu, ax_x(g, r->va), ax_x(g, r->end), r->va, r->end,
		    1)) {
		flush_mmu(g);
		box_add(&g->mmu, ax_x(g, r->va), ax_x(g, r->end), r->va,
			r->end, 1);
	}
}

/* Address labels: starts above the band, ends below, where they fit. */
static void label_res(struct svg *g, const struct rec *r)
{
	double x0 = ax_x(g, r->start), x1 = ax_x(g, r->end);
	char text[24];
	double w;

	w = snprintf(text, sizeof(text), "0x%llx", r->start) * CHAR_W;
	if (x0 >= g->above_end + 8 && x0 + w <= SVG_W - 4) {
		svg_label(g, x0, g->band_y - 4, "start", "addr", text);
		g->above_end = x0 + w;
	}
	w = snprintf(text, sizeof(text), "0x%llx", r->end) * CHAR_W;
	if (x1 - w >= g->below_end + 8 && x1 <= g->below_max) {
		svg_label(g, x1, g->band_y + g->band_h + 12, "end", "addr",
			  text);
		g->below_end = x1;
	}
}

/* Reservation boxes, or (@binds) the bindings drawn over them. */
static void draw_res(struct svg *g, bool binds)
{
	struct box *b = binds ? &g->bind : &g->res;
	struct lines l;
	struct rec r;

	if (!lines_open(&l, g->s->id, "reservations"))
		return;
	while (lines_next(&l)) {
		double x0, x1;

		parse_rec(&l, &r);
		if (r.bind != binds)
			continue;
		x0 = ax_x(g, r.start);
		x1 = ax_x(g, r.end);
		if (box_add(b, x0, x1, r.start, r.end, 1)) {
			flush_kind(g, binds);
			box_add(b, x0, x1, r.start, r.end, 1);
		}
		if (!binds)
			label_res(g, &r);
	}
	lines_close(&l);
	flush_kind(g, binds);
}

static void draw_breaks(struct svg *g)
{
	double end = 0, top = g->band_y, bot = g->band_y + g->band_h;
	unsigned int i;

	for (i = 0; i < g->nbrk; i++) {
		double x = ax_x(g, g->brk[i].start) + GAPW / 2;
		const char *size = hsize(gap_size(&g->brk[i]));
		double w = (strlen(size) + 1) * CHAR_W;

		fprintf(g->f, "<path class=\"brk\" d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f\"><title>",
			x - 7, bot + 3, x - 1, top - 3, x + 1, bot + 3, x + 7,
			top - 3);
		xml_printf(g->f, "free [0x%llx, 0x%llx) %s, not to scale",
			   g->brk[i].start, g->brk[i].end, size);
		fputs("</title></path>\n", g->f);
		if (x - w / 2 < end + 6)
			continue;
		svg_label(g, x, bot + 26, "middle", "gap", size);
		end = x + w / 2;
	}
}

static void draw_tables(struct svg *g, double y)
{
	const struct table *t;
	char text[160];
	unsigned int i;
	double w;
	int slot;

	fprintf(g->f, "<text x=\"10\" y=\"%.1f\" class=\"head\">page-table occupancy per MMU and table kind</text>\n",
		y);
	for (i = 0; i < g->ts->n; i++) {
		t = &g->ts->t[i];
		y += 18;
		slot = mmu_slot(g->ts, t->mmu);
		snprintf(text, sizeof(text), "mmu %u %s %s", t->mmu,
			 t->format, t->level);
		svg_label(g, AX0 - 8, y, "end", "row", text);
		fprintf(g->f, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\"/>\n",
			AX0, y - 10, BAR_W);
		w = t->entries ? BAR_W * t->used / t->entries : 0;
		if (t->used && w < 1)
			w = 1;
		if (w > 0)
			fprintf(g->f, "<rect class=\"m%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"12\"/>\n",
				slot < 0 ? 0 : slot % 6, AX0, y - 10, w);
		if (t->tables)
			snprintf(text, sizeof(text), "%llu/%llu entries used (%.1f%%) in %s, %s",
				 t->used, t->entries,
				 pct(t->used, t->entries),
				 plural(t->tables, "table", "tables"),
				 hsize(t->bytes));
		else
			snprintf(text, sizeof(text), "no tables");
		svg_label(g, AX0 + BAR_W + 10, y, "start", "row", text);
	}
	if (!g->ts->n)
		svg_label(g, AX0, y + 18, "start", "row",
			  "no tables (external MMUs only, or none)");
}

static double legend_item(struct svg *g, double x, double y,
			  const char *cls, const char *text)
{
	fprintf(g->f, "<rect class=\"%s key\" x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"11\"/>\n",
		cls, x, y - 10);
	svg_label(g, x + 24, y, "start", "row", text);
	return x + 24 + strlen(text) * ROW_CHAR_W + 20;
}

static void draw_legend(struct svg *g, double y)
{
	char text[256];
	double x = 10;
	unsigned int i;

	fprintf(g->f, "<text x=\"10\" y=\"%.1f\" class=\"head\">legend</text>\n",
		y);
	y += 18;
	x = legend_item(g, x, y, "free", "free VA");
	x = legend_item(g, x, y, "res", "reservation (outline)");
	x = legend_item(g, x, y, "bind", "binding (row 'bindings')");
	fprintf(g->f, "<path class=\"brk\" d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f\"/>\n",
		x + 2, y + 2, x + 8, y - 12, x + 10, y + 2, x + 16, y - 12);
	svg_label(g, x + 24, y, "start", "row",
		  "free gap not to scale, its size below it");
	y += 18;
	x = 10;
	for (i = 0; i < g->ts->nmmu; i++) {
		char cls[8];

		snprintf(cls, sizeof(cls), "m%u", i % 6);
		snprintf(text, sizeof(text), "valid entries of mmu %u (%s)",
			 g->ts->mmu[i], g->ts->format[i]);
		x = legend_item(g, x, y, cls, text);
	}
	y += 18;
	if (g->nbrk)
		snprintf(text, sizeof(text),
			 "VA axis: linear (1 px = %s) except the %u largest free gaps, each drawn %.0f px wide (marked //); boxes under a pixel are merged, hover for details",
			 hsize(1 / g->scale + 0.5), g->nbrk, GAPW);
	else
		snprintf(text, sizeof(text),
			 "VA axis: linear, 1 px = %s; boxes under a pixel are merged, hover for details",
			 hsize(1 / g->scale + 0.5));
	svg_label(g, 10, y, "start", "row", text);
}

/* The picture's height for a space with @nmmu MMUs and @ntab table lines. */
double block_h(unsigned int nmmu, unsigned int ntab)
{
	return 80 + (1 + nmmu) * STRIP + 4 + 56 + 18 * (ntab ? ntab : 1) +
	       30 + 3 * 18 + 30;
}

void draw_space(FILE *f, const struct space *s, const struct tables *ts,
		const struct res_stats *st, double y)
{
	struct svg g = { .f = f, .s = s, .ts = ts, .y = y, .mmu_slot = -1 };
	char text[512];
	unsigned int i;
	double bot;

	axis_init(&g, st);
	g.band_y = y + 80;
	g.band_h = (1 + ts->nmmu) * STRIP + 4;
	bot = g.band_y + g.band_h;
	snprintf(text, sizeof(text), "VCM space %u (owner %s): VA [0x%llx, 0x%llx), %s, formats %s",
		 s->id, s->owner, s->start, s->end, hsize(s->end - s->start),
		 s->formats);
	svg_label(&g, 10, y + 24, "start", "title", text);
	snprintf(text, sizeof(text), "%s, %s reserved (%.1f%%); %s, %s bound; page tables %s; %s, %s, %s; free %s in %s",
		 plural(st->nres, "reservation", "reservations"),
		 hsize(s->reserved), pct(s->reserved, s->end - s->start),
		 plural(st->nbind, "binding", "bindings"), hsize(s->bound),
		 hsize(s->table_bytes), plural(s->binds, "bind", "binds"),
		 plural(s->unbinds, "unbind", "unbinds"),
		 plural(s->flushes, "flush", "flushes"),
		 hsize(st->free_bytes), plural(st->nfree, "range", "ranges"));
	svg_label(&g, 10, y + 44, "start", "sub", text);

	/* rows, free background, the axis ends */
	svg_label(&g, AX0 - 8, strip_y(&g, 0) + 10, "end", "row", "bindings");
	for (i = 0; i < ts->nmmu; i++) {
		snprintf(text, sizeof(text), "mmu %u %s", ts->mmu[i],
			 ts->format[i]);
		svg_label(&g, AX0 - 8, strip_y(&g, 1 + i) + 10, "end", "row",
			  text);
	}
	fprintf(f, "<rect class=\"free\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
		AX0, g.band_y, AXW, g.band_h);
	snprintf(text, sizeof(text), "0x%llx", s->start);
	svg_label(&g, AX0, bot + 12, "start", "addr", text);
	g.below_end = AX0 + strlen(text) * CHAR_W;
	snprintf(text, sizeof(text), "0x%llx", s->end);
	g.below_max = AX0 + AXW - strlen(text) * CHAR_W - 8;
	svg_label(&g, AX0 + AXW, bot + 12, "end", "addr", text);
	g.above_end = -100;

	draw_res(&g, false);
	draw_res(&g, true);
	scan_ptes(s, false, &g);
	flush_mmu(&g);
	draw_breaks(&g);
	bot += 56;
	draw_tables(&g, bot);
	draw_legend(&g, bot + 18 * (ts->n ? ts->n : 1) + 30);
}

void svg_begin(FILE *f, double h)
{
	static const char *const colors[] = {
		"#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3",
	};
	unsigned int i;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\">\n"
		"<desc>vcmctl dump: VCM address spaces from debugfs</desc>\n"
		"<defs>\n"
		"<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\n"
		"<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>\n"
		"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#cccccc\" stroke-width=\"2\"/>\n"
		"</pattern>\n"
		"<style>\n"
		"text { font-family: monospace; font-size: 10px; fill: #222222; }\n"
		".title { font-family: sans-serif; font-size: 15px; font-weight: bold; }\n"
		".sub, .head { font-family: sans-serif; font-size: 12px; }\n"
		".head { font-weight: bold; }\n"
		".row { font-size: 11px; }\n"
		".gap { fill: #555555; }\n"
		".free { fill: url(#hatch); stroke: #999999; }\n"
		".res { fill: #f6e7b0; stroke: #8a6d00; stroke-width: 1; }\n"
		".bind { fill: #4c72b0; }\n"
		".thin { stroke: none; }\n"
		".bar { fill: #eeeeee; stroke: #999999; }\n"
		".brk { stroke: #333333; stroke-width: 1.5; fill: none; }\n",
		SVG_W, h, SVG_W, h);
	for (i = 0; i < 6; i++)
		fprintf(f, ".m%u { fill: %s; }\n", i, colors[i]);
	fprintf(f, "</style>\n</defs>\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
}
