// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl commands: copy, expect-fault.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

/* -q: "ok" or the fault of each copy, space-separated */
char *results;

static void add_result(const char *word)
{
	size_t len = results ? strlen(results) + 1 : 0;
	char *p = realloc(results, len + strlen(word) + 1);

	if (!p)
		die("out of memory");
	if (len)
		p[len - 1] = ' ';
	memcpy(p + len, word, strlen(word) + 1);
	results = p;
}

/* The last copy, for expect-fault; a fault nobody expected is an error. */
struct drm_vcm_copy last_copy;
unsigned int last_copy_line;
bool fault_pending;

static const char *const fault_names[] = {
	"none", "invalid", "read", "write", "address",
};

const char *fault_name(__u32 f)
{
	return f < ARRAY_SIZE(fault_names) ?
	       fault_names[f] : "unknown";
}

/* copy SPACE [mmu N] SRC DST SIZE */
int cmd_copy(char **a)
{
	struct obj *s = lookup(a[1], SPACE);
	struct drm_vcm_copy c = { .space_id = s->id };
	char **p = a + 2;
	int ret;

	if (!strcmp(p[0], "mmu")) {
		c.mmu = num32(p[1]);
		p += 2;
	}
	if (!p[0] || !p[1] || !p[2] || p[3])
		die("usage: copy SPACE [mmu N] SRC DST SIZE");
	c.src = addr(p[0]);
	c.dst = addr(p[1]);
	c.size = num(p[2]);
	ret = vioctl(DRM_IOCTL_VCM_COPY, &c);
	if (ret)
		return ret;
	add_result(c.fault ? fault_name(c.fault) : "ok");
	last_copy = c;
	last_copy_line = script_line;
	fault_pending = c.fault != DRM_VCM_FAULT_NONE;
	if (fault_pending)
		say("copy %s mmu %u: 0x%llx -> 0x%llx, %s: fault %s at 0x%llx",
		    s->name, c.mmu, c.src, c.dst,
		    size_str(c.size), fault_name(c.fault),
		    c.fault_addr);
	else
		say("copy %s mmu %u: 0x%llx -> 0x%llx, %s: ok",
		    s->name, c.mmu, c.src, c.dst,
		    size_str(c.size));
	return 0;
}

/* expect-fault invalid|read|write|address ADDR */
int cmd_expect_fault(char **a)
{
	__u64 want_addr = addr(a[2]);
	unsigned int want;

	for (want = 1; want < ARRAY_SIZE(fault_names);
	     want++)
		if (!strcmp(a[1], fault_names[want]))
			break;
	if (want == ARRAY_SIZE(fault_names))
		die("bad fault '%s' (invalid, read, write, address)", a[1]);
	if (!last_copy_line)
		die("expect-fault without a copy before it");
	if (last_copy.fault != want || last_copy.fault_addr != want_addr)
		die("copy on line %u: got %s at 0x%llx, expected fault %s at 0x%llx",
		    last_copy_line, last_copy.fault ?
		    fault_name(last_copy.fault) : "no fault",
		    last_copy.fault_addr, a[1], want_addr);
	fault_pending = false;
	say("expect-fault %s at 0x%llx: ok", a[1], want_addr);
	return 0;
}
