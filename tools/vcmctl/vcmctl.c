// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl: drive vcm_virt, VCM's virtual GPU, from the command line.
 *
 *   vcmctl formats        list the page-table formats the device offers
 *   vcmctl run FILE|-     run a script of address-space commands
 *   vcmctl dump [ID]      what debugfs shows of a space, in words or as SVG
 *
 * A script builds address spaces, buffer objects, reservations and
 * bindings, copies through GPU virtual addresses with the device's copy
 * engine and checks the result from the CPU. Every command prints one line;
 * any ioctl error or mismatch stops the script with exit status 1. See
 * usage() for the commands.
 */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xf86drm.h>

#include "vcm_drm.h"
#include "vcmctl.h"

#define DRIVER_NAME	"vcm_virt"
#define MAX_ARGS	16
#define NAME_LEN	32
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int dev_fd = -1;
static const char *dev_path;	/* -d, else the first vcm_virt render node */
static bool quiet;		/* -q: only the copies' results, at the end */

/* Where the current command comes from, for messages. */
static const char *script_name;
static unsigned int script_line;

/* ---- messages ---------------------------------------------------------- */

static const struct {
	int err;
	const char *name;
} errnames[] = {
#define E(x) { x, #x }
	E(EPERM), E(ENOENT), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(EBADF), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY),
	E(EEXIST), E(ENODEV), E(EINVAL), E(ENOSPC), E(ERANGE),
	E(ENOTTY), E(EOVERFLOW), E(EOPNOTSUPP), E(ETIMEDOUT),
#undef E
};

static const char *errname(int err)
{
	static char buf[24];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

static int errnum(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (!strcmp(errnames[i].name, name))
			return errnames[i].err;
	return 0;
}

void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (script_name)
		fprintf(stderr, "vcmctl: %s:%u: ", script_name, script_line);
	else
		fprintf(stderr, "vcmctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* One line of what a command did (not in quiet mode). */
static void __printf(1, 2) say(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	fputs("  ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

/* "64 KiB", "2 GiB" or "0x1800" */
const char *size_str(__u64 v)
{
	static char bufs[4][32];
	static unsigned int next;
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB" };
	char *buf = bufs[next++ % 4];
	int i = -1;

	while (v && i < 3 && !(v & 1023)) {
		v >>= 10;
		i++;
	}
	if (i < 0)
		snprintf(buf, 32, "0x%llx", v);
	else
		snprintf(buf, 32, "%llu %s", v, unit[i]);
	return buf;
}

/* ---- the device -------------------------------------------------------- */

static bool is_vcm_virt(int fd)
{
	drmVersionPtr v = drmGetVersion(fd);
	bool ok = v && !strcmp(v->name, DRIVER_NAME);

	drmFreeVersion(v);
	return ok;
}

static void open_device(void)
{
	static char path[sizeof("/dev/dri/") + 256];
	struct dirent *de;
	DIR *dir;

	if (dev_fd >= 0)
		return;
	if (dev_path) {
		dev_fd = open(dev_path, O_RDWR | O_CLOEXEC);
		if (dev_fd < 0)
			die("%s: %s", dev_path, strerror(errno));
		if (!is_vcm_virt(dev_fd))
			die("%s is not a %s device", dev_path, DRIVER_NAME);
		return;
	}
	dir = opendir("/dev/dri");
	while (dir && (de = readdir(dir))) {
		if (strncmp(de->d_name, "renderD", 7))
			continue;
		snprintf(path, sizeof(path), "/dev/dri/%s", de->d_name);
		dev_fd = open(path, O_RDWR | O_CLOEXEC);
		if (dev_fd < 0)
			continue;
		if (is_vcm_virt(dev_fd)) {
			dev_path = path;
			break;
		}
		close(dev_fd);
		dev_fd = -1;
	}
	if (dir)
		closedir(dir);
	if (dev_fd < 0)
		die("no %s render node in /dev/dri (is vcm_virt.ko loaded?)",
		    DRIVER_NAME);
}

/* The ioctl, restarted on EINTR/EAGAIN: 0 or -errno. */
static int vioctl(unsigned long req, void *arg)
{
	open_device();
	return drmIoctl(dev_fd, req, arg) ? -errno : 0;
}

/* ---- formats ----------------------------------------------------------- */

static struct drm_vcm_format_info *formats;
static unsigned int nformats;

static void load_formats(void)
{
	struct drm_vcm_format_info fi;
	unsigned int i;
	int ret;

	if (formats)
		return;
	memset(&fi, 0, sizeof(fi));
	ret = vioctl(DRM_IOCTL_VCM_FORMAT_INFO, &fi);
	if (ret)
		die("FORMAT_INFO 0: %s", errname(-ret));
	nformats = fi.count;
	formats = calloc(nformats, sizeof(*formats));
	if (!formats)
		die("out of memory");
	for (i = 0; i < nformats; i++) {
		formats[i].index = i;
		ret = vioctl(DRM_IOCTL_VCM_FORMAT_INFO, &formats[i]);
		if (ret)
			die("FORMAT_INFO %u: %s", i, errname(-ret));
		if (formats[i].index != i || formats[i].count != nformats ||
		    !memchr(formats[i].name, 0, DRM_VCM_NAME_LEN))
			die("FORMAT_INFO %u: inconsistent answer", i);
	}
}

static const char *format_name(unsigned int idx)
{
	load_formats();
	return idx < nformats ? formats[idx].name : "?";
}

/* "rws" with '-' for a missing bit */
static const char *flags_str(__u32 f)
{
	static char buf[4];

	buf[0] = f & DRM_VCM_BIND_READ ? 'r' : '-';
	buf[1] = f & DRM_VCM_BIND_WRITE ? 'w' : '-';
	buf[2] = f & DRM_VCM_BIND_SNOOP ? 's' : '-';
	buf[3] = 0;
	return buf;
}

static void print_formats(void)
{
	unsigned int i, b;

	load_formats();
	printf("%3s  %-16s %7s %7s  %-5s  %s\n", "idx", "name", "va_bits",
	       "pa_bits", "flags", "page sizes");
	for (i = 0; i < nformats; i++) {
		const struct drm_vcm_format_info *f = &formats[i];
		const char *sep = "";

		printf("%3u  %-16s %7u %7u  %-5s  ", f->index, f->name,
		       f->va_bits, f->pa_bits, flags_str(f->entry_flags));
		for (b = 0; b < 64; b++) {
			if (!(f->page_sizes & (1ull << b)))
				continue;
			printf("%s%s", sep, size_str(1ull << b));
			sep = ", ";
		}
		putchar('\n');
	}
}

/* ---- named objects ----------------------------------------------------- */

enum kind { SPACE, BO, RES };
static const char *const kind_name[] = { "space", "bo", "reservation" };

/* A binding of a reservation, for dump to recognize the space */
struct binding {
	__u64 start, end;
	struct binding *next;
};

struct obj {
	char name[NAME_LEN];
	enum kind kind;
	__u32 id;		/* space id, GEM handle or reservation id */
	__u64 start;		/* space or reservation: first VA */
	__u64 size;
	struct obj *space;	/* reservation: its space */
	unsigned int nmmu;	/* space: MMUs attached */
	__u32 format;	/* space: format of MMU 0 */
	__u32 formats[DRM_VCM_MAX_MMUS];	/* space: of every MMU */
	bool gone;		/* space destroyed, reservation unreserved */
	struct binding *binds;	/* reservation: its bindings */
	__u8 *map;		/* bo: CPU mapping, once needed */
	struct obj *next;
};

static struct obj *objs;

/* The newest object named NAME */
static struct obj *find_obj(const char *name)
{
	struct obj *o;

	for (o = objs; o; o = o->next)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

static struct obj *lookup(const char *name, enum kind kind)
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
static struct obj *new_obj(const char *name, enum kind kind)
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
static __u64 num(const char *s)
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

static __u32 num32(const char *s)
{
	__u64 v = num(s);

	if (v > 0xffffffffu)
		die("'%s' does not fit in 32 bits", s);
	return v;
}

/* A GPU VA: a number, or RES or RES+OFFSET for a reservation's VA. */
static __u64 addr(const char *s)
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
static __u32 format_arg(const char *s)
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
static __u32 bind_flags(const char *s)
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

/* Fill and check contents: a byte, or pattern[:SEED] */
struct content {
	bool pattern;
	__u8 byte;
	__u64 seed;
};

static struct content content_arg(const char *s)
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
static __u8 pattern_byte(__u64 seed, __u64 i)
{
	return ((i + seed * 0x100000001b3ull + 1) * 0x9e3779b97f4a7c15ull) >> 56;
}

static __u8 content_byte(const struct content *c, __u64 i)
{
	return c->pattern ? pattern_byte(c->seed, i) : c->byte;
}

/* ---- commands ---------------------------------------------------------- */

/* -q: "ok" or the fault of each copy, space-separated */
static char *results;

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
static struct drm_vcm_copy last_copy;
static unsigned int last_copy_line;
static bool fault_pending;

static const char *const fault_names[] = {
	"none", "invalid", "read", "write", "address",
};

static const char *fault_name(__u32 f)
{
	return f < ARRAY_SIZE(fault_names) ?
	       fault_names[f] : "unknown";
}

static int cmd_formats(char **a)
{
	(void)a;
	if (!quiet)
		print_formats();
	return 0;
}

/*
 * drop-root: open the render node, then go on as user and group 65534
 * (nobody) without supplementary groups: what a render-node user who is
 * not the administrator may do (the node's permissions aside).
 */
static int cmd_drop_root(char **a)
{
	(void)a;
	open_device();
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		die("drop-root: %s", strerror(errno));
	if (!setuid(0))
		die("drop-root: could become root again");
	return 0;
}

static int cmd_echo(char **a)
{
	char **p;

	if (quiet)
		return 0;
	for (p = a + 1; *p; p++)
		printf("%s%s", p == a + 1 ? "" : " ", *p);
	putchar('\n');
	return 0;
}

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
static int cmd_aperture(char **a)
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
static int cmd_space(char **a)
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
static int cmd_attach(char **a)
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
static int cmd_destroy(char **a)
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

/* bo NAME SIZE [dma32] */
static int cmd_bo(char **a)
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
static int cmd_fill(char **a)
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
static int cmd_check(char **a)
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

/* reserve NAME SPACE SIZE [at ADDR] [align A] */
static int cmd_reserve(char **a)
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
static int cmd_unreserve(char **a)
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
static int cmd_bind(char **a)
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
static int cmd_unbind(char **a)
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

/* copy SPACE [mmu N] SRC DST SIZE */
static int cmd_copy(char **a)
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
static int cmd_expect_fault(char **a)
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
static int cmd_dump(char **a)
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

struct command {
	const char *name;
	int (*fn)(char **args);
	unsigned int min, max;	/* arguments after the name */
	const char *usage;
};

static const struct command commands[] = {
	{ "space", cmd_space, 3, 4, "NAME FORMAT {START SIZE|aperture}" },
	{ "attach", cmd_attach, 2, 2, "SPACE FORMAT|agp" },
	{ "aperture", cmd_aperture, 0, 0, "" },
	{ "destroy", cmd_destroy, 1, 1, "SPACE" },
	{ "bo", cmd_bo, 2, 3, "NAME SIZE [dma32]" },
	{ "fill", cmd_fill, 4, 4, "BO OFFSET SIZE BYTE|pattern[:SEED]" },
	{ "check", cmd_check, 4, 4, "BO OFFSET SIZE BYTE|pattern[:SEED]" },
	{ "reserve", cmd_reserve, 3, 7, "NAME SPACE SIZE [at ADDR] [align A]" },
	{ "unreserve", cmd_unreserve, 1, 1, "RES" },
	{ "bind", cmd_bind, 6, 6, "RES RES_OFFSET BO BO_OFFSET SIZE FLAGS" },
	{ "unbind", cmd_unbind, 2, 2, "RES RES_OFFSET" },
	{ "copy", cmd_copy, 4, 6, "SPACE [mmu N] SRC DST SIZE" },
	{ "expect-fault", cmd_expect_fault, 2, 2,
	  "invalid|read|write|address ADDR" },
	{ "expect-error", NULL, 2, MAX_ARGS - 2, "ERRNO COMMAND ARGS..." },
	{ "formats", cmd_formats, 0, 0, "" },
	{ "echo", cmd_echo, 0, MAX_ARGS - 1, "TEXT" },
	{ "drop-root", cmd_drop_root, 0, 0, "" },
	{ "dump", cmd_dump, 1, 3, "SPACE [--svg FILE]" },
};

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	die("unknown command '%s' (vcmctl --help lists them)", name);
}

static int run_command(char **a, unsigned int n)
{
	const struct command *c = find_command(a[0]);

	if (!c->fn)
		die("%s cannot be nested", c->name);
	if (n - 1 < c->min || n - 1 > c->max)
		die("usage: %s %s", c->name, c->usage);
	return c->fn(a);
}

/* Split LINE into words, # to the end of the line ignored. */
static unsigned int split(char *line, char **a)
{
	unsigned int n = 0;
	char *p = strchr(line, '#');

	if (p)
		*p = 0;
	for (p = strtok(line, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
		if (n == MAX_ARGS - 1)
			die("more than %d words", MAX_ARGS - 1);
		a[n++] = p;
	}
	a[n] = NULL;
	return n;
}

static void run_line(char *line)
{
	char *a[MAX_ARGS];
	unsigned int n = split(line, a);
	int want = 0, ret;

	if (!n)
		return;
	if (fault_pending && strcmp(a[0], "expect-fault"))
		die("the copy on line %u faulted (%s at 0x%llx) and no expect-fault follows it",
		    last_copy_line, fault_name(last_copy.fault),
		    last_copy.fault_addr);
	if (!strcmp(a[0], "expect-error")) {
		if (n < 3)
			die("usage: expect-error ERRNO COMMAND ARGS...");
		want = errnum(a[1]);
		if (!want)
			die("unknown errno name '%s'", a[1]);
		ret = run_command(a + 2, n - 2);
		if (!ret)
			die("%s succeeded, expected %s", a[2], a[1]);
		if (ret != -want)
			die("%s failed with %s, expected %s", a[2],
			    errname(-ret), a[1]);
		say("%s: %s, as expected", a[2], a[1]);
		return;
	}
	ret = run_command(a, n);
	if (ret)
		die("%s: %s (%s)", a[0], errname(-ret), strerror(-ret));
}

static void run_script(const char *file)
{
	size_t cap = 0;
	char *line = NULL;
	FILE *f;

	if (!strcmp(file, "-")) {
		f = stdin;
		script_name = "stdin";
	} else {
		f = fopen(file, "r");
		if (!f)
			die("%s: %s", file, strerror(errno));
		script_name = file;
	}
	while (getline(&line, &cap, f) > 0) {
		script_line++;
		run_line(line);
	}
	if (ferror(f))
		die("read error");
	script_line++;
	if (fault_pending)
		die("the copy on line %u faulted (%s at 0x%llx) and no expect-fault follows it",
		    last_copy_line, fault_name(last_copy.fault),
		    last_copy.fault_addr);
	free(line);
	if (f != stdin)
		fclose(f);
	if (quiet)
		printf("%s\n", results ? results : "ok");
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"usage: vcmctl [-d DEVICE] [-q] formats\n"
		"       vcmctl [-d DEVICE] [-q] run FILE|-\n"
		"       vcmctl dump [ID] [--svg FILE]\n"
		"\n"
		"Drives vcm_virt, VCM's virtual GPU, through its render node (the first\n"
		"/dev/dri/renderD* whose driver is %s, or -d DEVICE).\n"
		"\n"
		"formats  the page-table formats: index, name, VA and PA bits, the bind\n"
		"         flags an entry records (r read, w write, s snoop), page sizes\n"
		"run      a script, one command a line, # starts a comment:\n",
		DRIVER_NAME);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "           %s%s%s\n", commands[i].name,
			*commands[i].usage ? " " : "", commands[i].usage);
	fprintf(out,
		"\n"
		"Numbers are decimal or 0x hex, with an optional K, M or G suffix. A\n"
		"FORMAT is a name or an index. SRC, DST and ADDR are GPU VAs: a number,\n"
		"RES or RES+OFFSET. FLAGS are r, w, s combined, or none. pattern fills\n"
		"a region with bytes that depend on their offset in it (and SEED), so\n"
		"check finds data that landed at the wrong place. A space over\n"
		"aperture covers the AGP bridge's aperture (which aperture prints);\n"
		"attach SPACE agp attaches the bridge itself as an MMU, which binds\n"
		"only pages below 4 GiB (bo NAME SIZE dma32). A copy that faults\n"
		"must be followed by expect-fault; expect-error runs COMMAND and wants\n"
		"its ioctl to fail with ERRNO (EINVAL, ENOENT, ...).\n"
		"\n"
		"Every command prints a line of what it did; with -q, vcmctl prints\n"
		"only one line at the end: the result of each copy (ok or the fault),\n"
		"or ok. An ioctl error, a mismatch or a fault not expected ends vcmctl\n"
		"with status 1 and a message naming the script line.\n"
		"\n"
		"dump     VCM's debugfs view (vcm/ in debugfs, mounted if need be; root\n"
		"         only; $VCM_DEBUGFS names another directory) of space ID, or of\n"
		"         every space: its numbers, reservations with their bindings, each\n"
		"         MMU's valid entries in runs of contiguous VA, table occupancy.\n"
		"         --svg FILE draws it (- for stdout): the VA axis with reserved,\n"
		"         bound and free ranges, each MMU's entries, tables per level.\n"
		"         In a script, dump SPACE shows a space of the script while it\n"
		"         lives (it is found by range, formats and reservations).\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "svg", required_argument, NULL, 'S' },
		{ 0 }
	};
	const char *svg = NULL;
	int opt;

	for (opt = 1; opt < argc; opt++) {
		if (!strcmp(argv[opt], "--help")) {
			usage(stdout);
			return 0;
		}
	}
	while ((opt = getopt_long(argc, argv, "d:qh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'S':
			svg = optarg;
			break;
		case 'd':
			dev_path = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc && optind + 2 >= argc &&
	    !strcmp(argv[optind], "dump")) {
		__u32 id = 0;

		if (optind + 2 == argc) {
			id = num32(argv[optind + 1]);
			if (!id)
				die("bad space number '%s'", argv[optind + 1]);
		}
		dump_spaces(id, svg, !(quiet && svg));
		return 0;
	}
	if (svg) {
		usage(stderr);
		return 2;
	}
	if (optind + 1 == argc && !strcmp(argv[optind], "formats")) {
		print_formats();
		return 0;
	}
	if (optind + 2 == argc && !strcmp(argv[optind], "run")) {
		run_script(argv[optind + 1]);
		return 0;
	}
	usage(stderr);
	return 2;
}
