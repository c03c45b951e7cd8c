// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl: the objects a script names (spaces, buffer objects,
 * reservations) and the parsing of its arguments.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

/* ---- named objects ----------------------------------------------------- */

static const char *const kind_name[] = { "space", "bo", "reservation" };

struct obj *objs;

/* The newest object named NAME */
static struct obj *find_obj(const char *name)
{
	struct obj *o;

	for (o = objs; o; o = o->next)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

struct obj *lookup(const char *name, enum kind kind)
{
	struct obj *o = find_obj(name);

	if (!o)
		die("no %s named '%s'", kind_name[kind], name);
	if (o->kind != kind)
		die("'%s' is a %s, not a %s", name, kind_name[o->kind],
		    kind_name[kind]);
	return o;
}

/*
 * A new object under NAME. It hides an older one of that name, which stays
 * in the list: a reservation still refers to its space by pointer.
 */
struct obj *new_obj(const char *name, enum kind kind)
{
	size_t len = strlen(name);
	struct obj *o;

	if (len >= NAME_LEN ||
	    !(isalpha((unsigned char)name[0]) || name[0] == '_'))
		die("bad name '%s' (a letter first, at most %d characters)",
		    name, NAME_LEN - 1);
	if (strchr(name, '+'))
		die("bad name '%s' ('+' separates an offset)", name);
	o = calloc(1, sizeof(*o));
	if (!o)
		die("out of memory");
	memcpy(o->name, name, len);
	o->kind = kind;
	o->next = objs;
	objs = o;
	return o;
}

/* ---- arguments --------------------------------------------------------- */

/* 123, 0x1f000, 64K, 256M, 2G */
__u64 num(const char *s)
{
	unsigned long long v;
	unsigned int shift = 0;
	char *end;

	errno = 0;
	if (!isdigit((unsigned char)s[0]))
		die("'%s' is not a number", s);
	v = strtoull(s, &end, 0);
	switch (*end) {
	case 'k': case 'K':
		shift = 10;
		end++;
		break;
	case 'm': case 'M':
		shift = 20;
		end++;
		break;
	case 'g': case 'G':
		shift = 30;
		end++;
		break;
	}
	if (errno || *end || (shift && v > (~0ull >> shift)))
		die("'%s' is not a number", s);
	return (__u64)v << shift;
}

__u32 num32(const char *s)
{
	__u64 v = num(s);

	if (v > 0xffffffffu)
		die("'%s' does not fit in 32 bits", s);
	return v;
}

/* A GPU VA: a number, or RES or RES+OFFSET for a reservation's VA. */
__u64 addr(const char *s)
{
	char name[NAME_LEN];
	const char *plus;
	struct obj *res;
	size_t len;

	if (isdigit((unsigned char)s[0]))
		return num(s);
	plus = strchr(s, '+');
	len = plus ? (size_t)(plus - s) : strlen(s);
	if (len >= NAME_LEN)
		die("no reservation named '%.*s'", (int)len, s);
	memcpy(name, s, len);
	name[len] = 0;
	res = lookup(name, RES);
	return res->start + (plus ? num(plus + 1) : 0);
}

/* Format by name or, as a number, by index (passed on unchecked). */
__u32 format_arg(const char *s)
{
	unsigned int i;

	if (isdigit((unsigned char)s[0]))
		return num32(s);
	load_formats();
	for (i = 0; i < nformats; i++)
		if (!strcmp(formats[i].name, s))
			return i;
	die("no format named '%s' (see vcmctl formats)", s);
}

/* r, w, s in any order, or "none" */
__u32 bind_flags(const char *s)
{
	__u32 f = 0;
	const char *p;

	if (!strcmp(s, "none"))
		return 0;
	for (p = s; *p; p++) {
		if (*p == 'r')
			f |= DRM_VCM_BIND_READ;
		else if (*p == 'w')
			f |= DRM_VCM_BIND_WRITE;
		else if (*p == 's')
			f |= DRM_VCM_BIND_SNOOP;
		else
			die("bad flags '%s' (r, w, s or none)", s);
	}
	return f;
}

struct content content_arg(const char *s)
{
	struct content c = { 0 };
	__u64 v;

	if (!strncmp(s, "pattern", 7) && (!s[7] || s[7] == ':')) {
		c.pattern = true;
		c.seed = s[7] ? num(s + 8) : 0;
		return c;
	}
	v = num(s);
	if (v > 255)
		die("'%s' is not a byte", s);
	c.byte = v;
	return c;
}

/* Byte I of a pattern region: every byte differs from its neighbours. */
__u8 pattern_byte(__u64 seed, __u64 i)
{
	return ((i + seed * 0x100000001b3ull + 1) * 0x9e3779b97f4a7c15ull) >> 56;
}

__u8 content_byte(const struct content *c, __u64 i)
{
	return c->pattern ? pattern_byte(c->seed, i) : c->byte;
}
