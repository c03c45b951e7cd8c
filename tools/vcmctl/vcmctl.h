/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcmctl: what both halves use, the script side (vcmctl.c, cmd_*.c) and
 * dump (dump*.c): messages (msg.c) and dump's entry points (dump.c).
 */
#ifndef VCMCTL_H
#define VCMCTL_H

#include <stdbool.h>

#include <linux/types.h>

#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __noreturn	__attribute__((noreturn))

void __noreturn __printf(1, 2) die(const char *fmt, ...);
const char *size_str(__u64 v);

/*
 * A space as a script made it, to find its number in debugfs: its range,
 * its MMUs' formats in order ("r600-gart,nv50") and its live reservations
 * and bindings. @known says whether the script holds a reservation (@bind
 * false) or a binding [@start, @end).
 */
struct dump_want {
	__u64 start, end;
	const char *formats;
	unsigned long nres, nbind;
	bool (*known)(const void *ctx, bool bind, __u64 start, __u64 end);
	const void *ctx;
};

unsigned int dump_find(const struct dump_want *want);
void dump_spaces(unsigned int id, const char *svg, bool say);

#endif
