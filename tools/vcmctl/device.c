// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl: the vcm_virt render node and the formats it offers.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xf86drm.h>

#include "script.h"

int dev_fd = -1;
const char *dev_path;

/* ---- the device -------------------------------------------------------- */

static bool is_vcm_virt(int fd)
{
	drmVersionPtr v = drmGetVersion(fd);
	bool ok = v && !strcmp(v->name, DRIVER_NAME);

	drmFreeVersion(v);
	return ok;
}

void open_device(void)
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
int vioctl(unsigned long req, void *arg)
{
	open_device();
	return drmIoctl(dev_fd, req, arg) ? -errno : 0;
}

/* ---- formats ----------------------------------------------------------- */

struct drm_vcm_format_info *formats;
unsigned int nformats;

void load_formats(void)
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

const char *format_name(unsigned int idx)
{
	load_formats();
	return idx < nformats ? formats[idx].name : "?";
}

/* "rws" with '-' for a missing bit */
const char *flags_str(__u32 f)
{
	static char buf[4];

	buf[0] = f & DRM_VCM_BIND_READ ? 'r' : '-';
	buf[1] = f & DRM_VCM_BIND_WRITE ? 'w' : '-';
	buf[2] = f & DRM_VCM_BIND_SNOOP ? 's' : '-';
	buf[3] = 0;
	return buf;
}

void print_formats(void)
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
