/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcmctl's script side: what the commands (cmd_*.c) share with the script
 * runner (vcmctl.c) and take from the layers below them: the device and
 * its formats (device.c), named objects and argument parsing (objects.c),
 * messages (msg.c). Nothing here calls up into a command.
 */
#ifndef VCMCTL_SCRIPT_H
#define VCMCTL_SCRIPT_H

#include <stdbool.h>
#include <stdio.h>

#include "vcm_drm.h"
#include "vcmctl.h"

#define DRIVER_NAME	"vcm_virt"
#define MAX_ARGS	16
#define NAME_LEN	32
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* msg.c */
extern bool quiet;		/* -q: only the copies' results, at the end */
extern const char *script_name;
extern unsigned int script_line;
const char *errname(int err);
int errnum(const char *name);
void __printf(1, 2) say(const char *fmt, ...);

/* device.c */
extern int dev_fd;		/* the render node, once opened */
extern const char *dev_path;	/* -d, else the first vcm_virt render node */
extern struct drm_vcm_format_info *formats;
extern unsigned int nformats;
void open_device(void);
int vioctl(unsigned long req, void *arg);
void load_formats(void);
const char *format_name(unsigned int idx);
const char *flags_str(__u32 f);
void print_formats(void);

/* objects.c: named objects */
enum kind { SPACE, BO, RES };

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

extern struct obj *objs;
struct obj *lookup(const char *name, enum kind kind);
struct obj *new_obj(const char *name, enum kind kind);

/* objects.c: arguments */
/* Fill and check contents: a byte, or pattern[:SEED] */
struct content {
	bool pattern;
	__u8 byte;
	__u64 seed;
};

__u64 num(const char *s);
__u32 num32(const char *s);
__u64 addr(const char *s);
__u32 format_arg(const char *s);
__u32 bind_flags(const char *s);
struct content content_arg(const char *s);
__u8 pattern_byte(__u64 seed, __u64 i);
__u8 content_byte(const struct content *c, __u64 i);

/* The commands: each takes its words (the name first), 0 or -errno. */
/* cmd_space.c: spaces, MMUs, reservations, bindings */
int cmd_aperture(char **a);
int cmd_space(char **a);
int cmd_attach(char **a);
int cmd_destroy(char **a);
int cmd_reserve(char **a);
int cmd_unreserve(char **a);
int cmd_bind(char **a);
int cmd_unbind(char **a);
/* cmd_bo.c: buffer objects and their contents */
int cmd_bo(char **a);
int cmd_fill(char **a);
int cmd_check(char **a);
/* cmd_copy.c: copies through GPU VAs and their faults */
extern char *results;		/* -q: "ok" or each copy's fault */
extern struct drm_vcm_copy last_copy;
extern unsigned int last_copy_line;
extern bool fault_pending;	/* the last copy faulted, not yet expected */
const char *fault_name(__u32 f);
int cmd_copy(char **a);
int cmd_expect_fault(char **a);
/* cmd_dump.c: a script's space as debugfs shows it */
int cmd_dump(char **a);

#endif
