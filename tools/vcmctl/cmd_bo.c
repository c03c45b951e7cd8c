// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl commands: bo, fill, check.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xf86drm.h>

#include "script.h"

/* bo NAME SIZE [dma32] */
int cmd_bo(char **a)
{
	struct drm_vcm_bo_create c = { .size = num(a[2]) };
	struct obj *b;
	int ret;

	if (a[3] && strcmp(a[3], "dma32"))
		die("bad bo option '%s' (dma32)", a[3]);
	if (a[3])
		c.flags = DRM_VCM_BO_DMA32;
	ret = vioctl(DRM_IOCTL_VCM_BO_CREATE, &c);
	if (ret)
		return ret;
	b = new_obj(a[1], BO);
	b->id = c.handle;
	b->size = (c.size + 4095) & ~4095ull;
	say("bo %s: %s%s, handle %u", b->name, size_str(b->size),
	    a[3] ? " dma32" : "", b->id);
	return 0;
}

static int map_bo(struct obj *b)
{
	struct drm_vcm_bo_mmap c = { .handle = b->id };
	void *p;
	int ret;

	if (b->map)
		return 0;
	ret = vioctl(DRM_IOCTL_VCM_BO_MMAP, &c);
	if (ret)
		return ret;
	p = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED, dev_fd,
		 c.offset);
	if (p == MAP_FAILED)
		return -errno;
	b->map = p;
	return 0;
}

/* BO OFFSET SIZE of fill and check, within the object and mapped */
static int bo_range(char **a, struct obj **bo, __u64 *off, __u64 *size)
{
	*bo = lookup(a[1], BO);
	*off = num(a[2]);
	*size = num(a[3]);
	if (*off > (*bo)->size || *size > (*bo)->size - *off)
		die("[0x%llx, +0x%llx) is outside bo %s (%s)",
		    *off, *size, (*bo)->name, size_str((*bo)->size));
	return map_bo(*bo);
}

/* fill BO OFFSET SIZE BYTE|pattern[:SEED] */
int cmd_fill(char **a)
{
	struct content c = content_arg(a[4]);
	__u64 off, size, i;
	struct obj *b;
	int ret;

	ret = bo_range(a, &b, &off, &size);
	if (ret)
		return ret;
	if (c.pattern)
		for (i = 0; i < size; i++)
			b->map[off + i] = pattern_byte(c.seed, i);
	else
		memset(b->map + off, c.byte, size);
	say("fill %s [0x%llx, +%s) with %s", b->name, off,
	    size_str(size), a[4]);
	return 0;
}

/* check BO OFFSET SIZE BYTE|pattern[:SEED] */
int cmd_check(char **a)
{
	struct content c = content_arg(a[4]);
	__u64 off, size, i, bad = 0, first = 0;
	struct obj *b;
	int ret;

	ret = bo_range(a, &b, &off, &size);
	if (ret)
		return ret;
	for (i = 0; i < size; i++) {
		if (b->map[off + i] == content_byte(&c, i))
			continue;
		if (!bad++)
			first = i;
	}
	if (bad)
		die("check %s [0x%llx, +%s) is not %s: byte 0x%llx is 0x%02x, not 0x%02x (%llu differ)",
		    b->name, off, size_str(size), a[4], off + first,
		    b->map[off + first], content_byte(&c, first), bad);
	say("check %s [0x%llx, +%s) is %s: ok", b->name, off,
	    size_str(size), a[4]);
	return 0;
}
