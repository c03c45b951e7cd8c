// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl commands: space, attach, aperture, destroy, reserve, unreserve,
 * bind, unbind.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xf86drm.h>

#include "script.h"

/* The AGP bridge's aperture: 0 or -errno. */
static int agp_aperture(__u64 *base, __u64 *size)
{
	struct drm_vcm_agp_info c = { 0 };
	int ret;

	ret = vioctl(DRM_IOCTL_VCM_AGP_INFO, &c);
	if (ret)
		return ret;
	*base = c.aper_base;
	*size = c.aper_size;
	return 0;
}

/* aperture */
int cmd_aperture(char **a)
{
	__u64 base, size;
	int ret;

	(void)a;
	ret = agp_aperture(&base, &size);
	if (ret)
		return ret;
	say("aperture [0x%llx, 0x%llx) %s", base, base + size,
	    size_str(size));
	return 0;
}

/* space NAME FORMAT {START SIZE|aperture} */
int cmd_space(char **a)
{
	struct drm_vcm_space_create c = { .format = format_arg(a[2]) };
	struct obj *s;
	int ret;

	if (!strcmp(a[3], "aperture") && !a[4]) {
		ret = agp_aperture(&c.va_start, &c.va_size);
		if (ret)
			return ret;
	} else if (a[4]) {
		c.va_start = num(a[3]);
		c.va_size = num(a[4]);
	} else {
		die("usage: space NAME FORMAT {START SIZE|aperture}");
	}
	ret = vioctl(DRM_IOCTL_VCM_SPACE_CREATE, &c);
	if (ret)
		return ret;
	if (!c.space_id)
		die("SPACE_CREATE returned space id 0");
	s = new_obj(a[1], SPACE);
	s->id = c.space_id;
	s->start = c.va_start;
	s->size = c.va_size;
	s->format = c.format;
	s->formats[0] = c.format;
	s->nmmu = 1;
	say("space %s: %s [0x%llx, 0x%llx) %s, id %u, mmu 0",
	    s->name, format_name(s->format), s->start, s->start + s->size,
	    size_str(s->size), s->id);
	return 0;
}

/* attach SPACE FORMAT|agp */
int cmd_attach(char **a)
{
	struct obj *s = lookup(a[1], SPACE);
	struct drm_vcm_space_attach c = { .space_id = s->id };
	bool agp = !strcmp(a[2], "agp");
	int ret;

	if (agp)
		c.flags = DRM_VCM_ATTACH_AGP;
	else
		c.format = format_arg(a[2]);
	ret = vioctl(DRM_IOCTL_VCM_SPACE_ATTACH, &c);
	if (ret)
		return ret;
	if (c.mmu != s->nmmu)
		die("SPACE_ATTACH returned mmu %u, expected %u", c.mmu,
		    s->nmmu);
	/* The AGP bridge's MMU has the agp-gatt format. */
	if (s->nmmu < DRM_VCM_MAX_MMUS)
		s->formats[s->nmmu] = agp ? format_arg("agp-gatt") : c.format;
	s->nmmu++;
	say("attach %s: %s as mmu %u", s->name,
	    agp ? "the AGP bridge" : format_name(c.format), c.mmu);
	return 0;
}

/* destroy SPACE */
int cmd_destroy(char **a)
{
	struct obj *s = lookup(a[1], SPACE);
	struct drm_vcm_space_destroy c = { .space_id = s->id };
	int ret;

	ret = vioctl(DRM_IOCTL_VCM_SPACE_DESTROY, &c);
	if (ret)
		return ret;
	s->gone = true;
	say("destroy %s", s->name);
	return 0;
}


/* reserve NAME SPACE SIZE [at ADDR] [align A] */
int cmd_reserve(char **a)
{
	struct obj *s = lookup(a[2], SPACE), *r;
	struct drm_vcm_va_reserve c = {
		.space_id = s->id,
		.size = num(a[3]),
	};
	char **p;
	int ret;

	for (p = a + 4; *p; p += 2) {
		if (!p[1])
			die("'%s' needs a value", p[0]);
		if (!strcmp(p[0], "at")) {
			c.flags |= DRM_VCM_RESERVE_FIXED;
			c.addr = num(p[1]);
		} else if (!strcmp(p[0], "align")) {
			c.align = num(p[1]);
		} else {
			die("bad reserve option '%s' (at, align)", p[0]);
		}
	}
	ret = vioctl(DRM_IOCTL_VCM_VA_RESERVE, &c);
	if (ret)
		return ret;
	if (!c.res_id)
		die("VA_RESERVE returned reservation id 0");
	if (c.addr < s->start || c.addr - s->start > s->size ||
	    c.size > s->size - (c.addr - s->start))
		die("VA_RESERVE returned 0x%llx, outside space %s",
		    c.addr, s->name);
	if (c.align && c.addr & (c.align - 1))
		die("VA_RESERVE returned 0x%llx, not aligned to 0x%llx",
		    c.addr, c.align);
	r = new_obj(a[1], RES);
	r->id = c.res_id;
	r->space = s;
	r->start = c.addr;
	r->size = c.size;
	say("reserve %s in %s: [0x%llx, 0x%llx) %s", r->name,
	    s->name, r->start, r->start + r->size, size_str(r->size));
	return 0;
}

/* unreserve RES */
int cmd_unreserve(char **a)
{
	struct obj *r = lookup(a[1], RES);
	struct drm_vcm_va_unreserve c = {
		.space_id = r->space->id,
		.res_id = r->id,
	};
	int ret;

	ret = vioctl(DRM_IOCTL_VCM_VA_UNRESERVE, &c);
	if (ret)
		return ret;
	r->gone = true;
	say("unreserve %s", r->name);
	return 0;
}

/* bind RES RES_OFFSET BO BO_OFFSET SIZE FLAGS */
int cmd_bind(char **a)
{
	struct obj *r = lookup(a[1], RES), *b = lookup(a[3], BO);
	struct binding *bd;
	struct drm_vcm_va_bind c = {
		.space_id = r->space->id,
		.res_id = r->id,
		.res_offset = num(a[2]),
		.handle = b->id,
		.bo_offset = num(a[4]),
		.size = num(a[5]),
		.flags = bind_flags(a[6]),
	};
	int ret;

	ret = vioctl(DRM_IOCTL_VCM_VA_BIND, &c);
	if (ret)
		return ret;
	bd = calloc(1, sizeof(*bd));
	if (!bd)
		die("out of memory");
	bd->start = r->start + c.res_offset;
	bd->end = bd->start + c.size;
	bd->next = r->binds;
	r->binds = bd;
	say("bind %s+0x%llx (0x%llx) -> %s+0x%llx, %s %s",
	    r->name, c.res_offset, r->start + c.res_offset, b->name,
	    c.bo_offset, size_str(c.size), flags_str(c.flags));
	return 0;
}

/* unbind RES RES_OFFSET */
int cmd_unbind(char **a)
{
	struct obj *r = lookup(a[1], RES);
	struct binding **bd, *gone;
	struct drm_vcm_va_unbind c = {
		.space_id = r->space->id,
		.res_id = r->id,
		.res_offset = num(a[2]),
	};
	int ret;

	ret = vioctl(DRM_IOCTL_VCM_VA_UNBIND, &c);
	if (ret)
		return ret;
	for (bd = &r->binds; *bd; bd = &(*bd)->next) {
		if ((*bd)->start != r->start + c.res_offset)
			continue;
		gone = *bd;
		*bd = gone->next;
		free(gone);
		break;
	}
	say("unbind %s+0x%llx (0x%llx)", r->name,
	    c.res_offset, r->start + c.res_offset);
	return 0;
}
