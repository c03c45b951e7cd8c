// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl command: dump SPACE, a space of the script as debugfs shows it.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

/* Whether space CTX holds the reservation or binding [START, END). */
static bool space_holds(const void *ctx, bool bind, __u64 start, __u64 end)
{
	const struct binding *bd;
	const struct obj *r;

	for (r = objs; r; r = r->next) {
		if (r->kind != RES || r->space != ctx || r->gone)
			continue;
		if (!bind && r->start == start && r->start + r->size == end)
			return true;
		for (bd = r->binds; bind && bd; bd = bd->next)
			if (bd->start == start && bd->end == end)
				return true;
	}
	return false;
}

/* dump SPACE [--svg FILE]: what debugfs shows of it */
int cmd_dump(char **a)
{
	struct obj *s = lookup(a[1], SPACE);
	struct dump_want w = {
		.start = s->start,
		.end = s->start + s->size,
		.known = space_holds,
		.ctx = s,
	};
	const struct binding *bd;
	char fmts[DRM_VCM_MAX_MMUS * (DRM_VCM_NAME_LEN + 1)];
	size_t len = 0;
	unsigned int i;
	struct obj *r;

	if (a[2] && (strcmp(a[2], "--svg") || !a[3]))
		die("usage: dump SPACE [--svg FILE]");
	if (s->gone)
		die("space %s is destroyed", s->name);
	for (i = 0; i < s->nmmu && i < DRM_VCM_MAX_MMUS; i++)
		len += snprintf(fmts + len, sizeof(fmts) - len, "%s%s",
				i ? "," : "", format_name(s->formats[i]));
	w.formats = fmts;
	for (r = objs; r; r = r->next) {
		if (r->kind != RES || r->space != s || r->gone)
			continue;
		w.nres++;
		for (bd = r->binds; bd; bd = bd->next)
			w.nbind++;
	}
	fflush(stdout);
	dump_spaces(dump_find(&w), a[2] ? a[3] : NULL, !quiet);
	return 0;
}
