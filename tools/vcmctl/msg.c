// SPDX-License-Identifier: GPL-2.0
/*
 * vcmctl: messages, errno names and sizes in words. The bottom of the
 * script side: it calls nothing of vcmctl's.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"
bool quiet;

/* Where the current command comes from, for messages. */
const char *script_name;
unsigned int script_line;

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

const char *errname(int err)
{
	static char buf[24];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

int errnum(const char *name)
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
void say(const char *fmt, ...)
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
