// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The last KUnit suite: a kmemleak scan over everything the suites before
 * it left behind.
 *
 * Under UML the kernel halts as soon as the suites are done, before
 * kmemleak's own thread has scanned once (a minute after boot), so this
 * suite asks for a scan itself, the way a user would, through
 * /sys/kernel/debug/kmemleak: "scan", then read the reports back. Each
 * report is printed ("unreferenced object 0x..."), which scripts/kunit.sh
 * turns into a failure of the tier, and the case fails too.
 *
 * The file is opened on an internal mount of debugfs; its write and read
 * go through a page of user memory from kunit_vm_mmap(), since kmemleak's
 * interface copies from and to user space.
 */

#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "vcm_test.h"

/* kmemleak reports only objects older than this (MSECS_MIN_AGE). */
#define VCM_KMEMLEAK_MIN_AGE_MS	5000

#if IS_ENABLED(CONFIG_DEBUG_KMEMLEAK) && IS_ENABLED(CONFIG_DEBUG_FS)
static ssize_t kmemleak_cmd(struct file *f, char __user *ubuf,
			    const char *cmd)
{
	loff_t pos = 0;
	size_t len = strlen(cmd);

	if (copy_to_user(ubuf, cmd, len))
		return -EFAULT;
	return f->f_op->write(f, ubuf, len, &pos);
}

static void vcm_test_kmemleak_scan(struct kunit *test)
{
	struct file_system_type *type;
	char __user *ubuf;
	struct vfsmount *mnt;
	struct file *f;
	unsigned long addr;
	loff_t pos = 0;
	size_t total = 0;
	ssize_t n;
	char *buf;

	buf = kunit_kzalloc(test, PAGE_SIZE + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE_MSG(test, addr, 0, "no user memory");
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(addr));
	ubuf = (char __user *)addr;

	type = get_fs_type("debugfs");
	KUNIT_ASSERT_NOT_NULL(test, type);
	mnt = kern_mount(type);
	put_filesystem(type);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mnt));
	f = file_open_root_mnt(mnt, "kmemleak", O_RDWR, 0);
	if (IS_ERR(f)) {
		kern_unmount(mnt);
		KUNIT_FAIL(test, "cannot open kmemleak: %ld", PTR_ERR(f));
		return;
	}

	/* Let the last suite's objects age into what kmemleak reports. */
	msleep(VCM_KMEMLEAK_MIN_AGE_MS + 500);
	/* Two scans: an object a stale register hid once shows the next. */
	KUNIT_EXPECT_EQ(test, kmemleak_cmd(f, ubuf, "scan"), 4);
	KUNIT_EXPECT_EQ(test, kmemleak_cmd(f, ubuf, "scan"), 4);

	/* Each report, as the file gives it, into the log. */
	while ((n = f->f_op->read(f, ubuf, PAGE_SIZE, &pos)) > 0) {
		if (copy_from_user(buf, ubuf, n))
			break;
		buf[n] = '\0';
		pr_err("%s", buf);
		total += n;
	}
	KUNIT_EXPECT_GE(test, n, 0);
	KUNIT_EXPECT_EQ_MSG(test, total, 0, "kmemleak found leaks, see above");

	fput(f);
	kern_unmount(mnt);
}
#else
static void vcm_test_kmemleak_scan(struct kunit *test)
{
	kunit_skip(test, "no kmemleak or no debugfs in this build");
}
#endif

static struct kunit_case vcm_kmemleak_cases[] = {
	KUNIT_CASE_SLOW(vcm_test_kmemleak_scan),
	{}
};

/* Linked last in vcm_kunit, so it runs after every other VCM suite. */
static struct kunit_suite vcm_kmemleak_suite = {
	.name = "vcm_kmemleak",
	.test_cases = vcm_kmemleak_cases,
};

kunit_test_suite(vcm_kmemleak_suite);
