// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the nouveau backend register sequences, over the fake
 * register file of vcm_fake_regs.h: each test runs one activate or flush
 * and compares the recorded log, in order, with a list of literal
 * accesses worked out by hand from the nvkm sequences. Timeout tests use
 * a small poll timeout and check the exact, bounded number of reads and
 * delays.
 */

#include <linux/bits.h>
#include <kunit/test.h>

#include "backends/vcm_backend.h"
#include "vcm_fake_regs.h"

/* nouveau nv41: 0x100800 = table | 2, 0x10008c |= b8, 0x100820 = 0. */

static void vcm_test_nv41(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	vcm_fake_preset(f, 0x10008c, 0x00000001);
	KUNIT_EXPECT_EQ(test, vcm_nouveau_nv41_activate(&f->mmio, 0x00020000,
							0, 0x1fffffff, 0), 0);
	EXPECT_LOG(test, f,
		   W(0x100800, 0x00020002),
		   R(0x10008c, 0x00000001), W(0x10008c, 0x00000101),
		   W(0x100820, 0x00000000));

	/* Flush: 0x100810 = 0x22, wait for b5, 0x100810 = 0. */
	f->n = 0;
	SCRIPT(f, 0x100810, 0x00000002, 0x00000022);
	KUNIT_EXPECT_EQ(test, vcm_nouveau_nv41_flush(&f->mmio), 0);
	EXPECT_LOG(test, f,
		   W(0x100810, 0x00000022),
		   R(0x100810, 0x00000002), D, R(0x100810, 0x00000022),
		   W(0x100810, 0x00000000));
}

static void vcm_test_nv41_timeout(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	f->mmio.timeout_us = 2;
	SCRIPT(f, 0x100810, 0x00000002);
	KUNIT_EXPECT_EQ(test, vcm_nouveau_nv41_flush(&f->mmio), -ETIMEDOUT);
	EXPECT_LOG(test, f,
		   W(0x100810, 0x00000022),
		   R(0x100810, 2), D, R(0x100810, 2), D, R(0x100810, 2),
		   W(0x100810, 0x00000000));
}

/*
 * nv44: table VRAM address = 0x10020c - ((inst >> 19) + 1) * 512 KiB;
 * 0x100850 = 0x80000000, 0x100818 = dummy, 0x100804 = size, 0x100850 =
 * 0x8000, 0x10008c |= b9, 0x100820 = 0, 0x10082c = 1, 0x100800 = addr |
 * 0x10.
 */

static void vcm_test_nv44(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	vcm_fake_preset(f, 0x10020c, 0x10000000);
	vcm_fake_preset(f, 0x10008c, 0x00000001);
	KUNIT_EXPECT_EQ(test, vcm_nouveau_nv44_activate(&f->mmio, 0x00080000,
							0, 0x1fffffff,
							0x007ff000), 0);
	EXPECT_LOG(test, f,
		   R(0x10020c, 0x10000000),
		   W(0x100850, 0x80000000), W(0x100818, 0x007ff000),
		   W(0x100804, 0x20000000), W(0x100850, 0x00008000),
		   R(0x10008c, 0x00000001), W(0x10008c, 0x00000201),
		   W(0x100820, 0x00000000), W(0x10082c, 0x00000001),
		   W(0x100800, 0x0ff00010));

	/* Flush: 0x100814 = limit - 4096, 0x100808 = 0x20, wait b0, = 0. */
	f->n = 0;
	SCRIPT(f, 0x100808, 0x00000020, 0x00000021);
	KUNIT_EXPECT_EQ(test, vcm_nouveau_nv44_flush(&f->mmio, 0x20000000), 0);
	EXPECT_LOG(test, f,
		   W(0x100814, 0x1ffff000), W(0x100808, 0x00000020),
		   R(0x100808, 0x00000020), D, R(0x100808, 0x00000021),
		   W(0x100808, 0x00000000));
}

static void vcm_test_nv44_timeout(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	f->mmio.timeout_us = 1;
	KUNIT_EXPECT_EQ(test, vcm_nouveau_nv44_flush(&f->mmio, 0x20000000),
			-ETIMEDOUT);
	/* Unscripted, 0x100808 reads back 0x20: bit 0 never sets. */
	EXPECT_LOG(test, f,
		   W(0x100814, 0x1ffff000), W(0x100808, 0x00000020),
		   R(0x100808, 0x00000020), D, R(0x100808, 0x00000020),
		   W(0x100808, 0x00000000));
}

/* nv50: per engine 0x100c80 = (id << 16) | 1, wait for b0 to clear. */

static void vcm_test_nv50(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x100c80, 0x00000001, 0x00000000);
	KUNIT_EXPECT_EQ(test, vcm_nouveau_nv50_flush(&f->mmio, BIT(0) | BIT(6) |
						     BIT(13)), 0);
	EXPECT_LOG(test, f,
		   W(0x100c80, 0x00000001),
		   R(0x100c80, 0x00000001), D, R(0x100c80, 0x00000000),
		   W(0x100c80, 0x00060001), R(0x100c80, 0x00000000),
		   W(0x100c80, 0x000d0001), R(0x100c80, 0x00000000));
}

static void vcm_test_nv50_timeout(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	/* A stuck engine does not stop the next one being flushed. */
	f->mmio.timeout_us = 1;
	SCRIPT(f, 0x100c80, 0x00000001);
	KUNIT_EXPECT_EQ(test, vcm_nouveau_nv50_flush(&f->mmio, BIT(1) | BIT(8)),
			-ETIMEDOUT);
	EXPECT_LOG(test, f,
		   W(0x100c80, 0x00010001),
		   R(0x100c80, 1), D, R(0x100c80, 1),
		   W(0x100c80, 0x00080001),
		   R(0x100c80, 1), D, R(0x100c80, 1));
}

/*
 * gf100: wait 0x100c80 & 0x00ff0000, 0x100cb8 = (pd >> 12) << 4 | aper
 * (unless ALL_PDB), 0x100cbc = 0x80000000 | type, wait 0x100c80 b15.
 */

static void vcm_test_gf100(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x100c80, 0x00000000, 0x00030000, 0x00030000, 0x00038000);
	KUNIT_EXPECT_EQ(test,
			vcm_nouveau_gf100_flush(&f->mmio, 0x2345678000ULL,
						VCM_NV_APER_HOST,
						VCM_NV_INV_PAGE_ALL |
						VCM_NV_INV_HUB_ONLY), 0);
	EXPECT_LOG(test, f,
		   R(0x100c80, 0x00000000), D, R(0x100c80, 0x00030000),
		   W(0x100cb8, 0x23456782), W(0x100cbc, 0x80000005),
		   R(0x100c80, 0x00030000), D, R(0x100c80, 0x00038000));

	/* ALL_PDB names no directory. */
	f = vcm_fake_new(test);
	SCRIPT(f, 0x100c80, 0x00010000, 0x00018000);
	KUNIT_EXPECT_EQ(test,
			vcm_nouveau_gf100_flush(&f->mmio, 0x2345678000ULL,
						VCM_NV_APER_VRAM,
						VCM_NV_INV_PAGE_ALL |
						VCM_NV_INV_ALL_PDB), 0);
	EXPECT_LOG(test, f,
		   R(0x100c80, 0x00010000), W(0x100cbc, 0x80000003),
		   R(0x100c80, 0x00018000));
}

static void vcm_test_gf100_timeout(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	/* No free slot: nothing is written. */
	f->mmio.timeout_us = 1;
	SCRIPT(f, 0x100c80, 0x00000000);
	KUNIT_EXPECT_EQ(test,
			vcm_nouveau_gf100_flush(&f->mmio, 0x100000,
						VCM_NV_APER_NCOH,
						VCM_NV_INV_PAGE_ALL),
			-ETIMEDOUT);
	EXPECT_LOG(test, f, R(0x100c80, 0), D, R(0x100c80, 0));

	/* The request never reports queued. */
	f = vcm_fake_new(test);
	f->mmio.timeout_us = 2;
	SCRIPT(f, 0x100c80, 0x00010000);
	KUNIT_EXPECT_EQ(test,
			vcm_nouveau_gf100_flush(&f->mmio, 0x100000,
						VCM_NV_APER_NCOH,
						VCM_NV_INV_PAGE_ALL),
			-ETIMEDOUT);
	EXPECT_LOG(test, f,
		   R(0x100c80, 0x00010000),
		   W(0x100cb8, 0x00001003), W(0x100cbc, 0x80000001),
		   R(0x100c80, 0x00010000), D, R(0x100c80, 0x00010000), D,
		   R(0x100c80, 0x00010000));
}

/* gp100: as gf100, directory word low half 0x100cb8, high half 0x100cec. */

static void vcm_test_gp100(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x100c80, 0x00ff0000, 0x00ff8000);
	KUNIT_EXPECT_EQ(test,
			vcm_nouveau_gp100_flush(&f->mmio, 0x765432100000ULL,
						VCM_NV_APER_VRAM, 0x04000001),
			0);
	EXPECT_LOG(test, f,
		   R(0x100c80, 0x00ff0000),
		   W(0x100cb8, 0x54321000), W(0x100cec, 0x00000076),
		   W(0x100cbc, 0x84000001),
		   R(0x100c80, 0x00ff8000));
}

static struct kunit_case vcm_backend_nv_cases[] = {
	KUNIT_CASE(vcm_test_nv41),
	KUNIT_CASE(vcm_test_nv41_timeout),
	KUNIT_CASE(vcm_test_nv44),
	KUNIT_CASE(vcm_test_nv44_timeout),
	KUNIT_CASE(vcm_test_nv50),
	KUNIT_CASE(vcm_test_nv50_timeout),
	KUNIT_CASE(vcm_test_gf100),
	KUNIT_CASE(vcm_test_gf100_timeout),
	KUNIT_CASE(vcm_test_gp100),
	{}
};

static struct kunit_suite vcm_backend_nv_suite = {
	.name = "vcm_backend_nv",
	.test_cases = vcm_backend_nv_cases,
};

kunit_test_suite(vcm_backend_nv_suite);
