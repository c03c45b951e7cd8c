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

#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "script.h"

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
