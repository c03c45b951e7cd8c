// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * KUnit tests of the poll helpers and the radeon backend register
 * sequences (nouveau's are in vcm_backend_nv_test.c).
 *
 * Over the fake register file of vcm_fake_regs.h, each test runs one
 * activate or flush and compares the recorded log, in order, with a list
 * of literal accesses worked out by hand from the register facts: the
 * offsets and bits of the radeon headers. Timeout
 * tests use a small poll timeout and check the exact, bounded number of
 * reads and delays.
 */

#include <linux/bits.h>
#include <linux/spinlock.h>
#include <kunit/test.h>

#include "backends/vcm_backend.h"
#include "vcm_fake_regs.h"

/* The poll helpers themselves. */

static void vcm_test_poll_counts(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x100, 0x1, 0x1, 0x0);
	KUNIT_EXPECT_EQ(test, vcm_mmio_poll(&f->mmio, 0x100, 0x1, 0x0, 10), 0);
	EXPECT_LOG(test, f, R(0x100, 1), D, R(0x100, 1), D, R(0x100, 0));
}

static void vcm_test_poll_timeout(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);
	u32 last = 0;

	/* Never done: timeout_us + 1 reads, timeout_us delays, no more. */
	SCRIPT(f, 0x200, 0x80);
	KUNIT_EXPECT_EQ(test, vcm_mmio_poll(&f->mmio, 0x200, 0xff, 0x00, 3),
			-ETIMEDOUT);
	EXPECT_LOG(test, f, R(0x200, 0x80), D, R(0x200, 0x80), D,
		   R(0x200, 0x80), D, R(0x200, 0x80));

	f->n = 0;
	KUNIT_EXPECT_EQ(test, vcm_mmio_poll_nonzero(&f->mmio, 0x300, 0xf0, 0,
						    &last), -ETIMEDOUT);
	EXPECT_LOG(test, f, R(0x300, 0));
	KUNIT_EXPECT_EQ(test, last, 0);

	f->n = 0;
	SCRIPT(f, 0x400, 0x0f, 0x2f);
	KUNIT_EXPECT_EQ(test, vcm_mmio_poll_nonzero(&f->mmio, 0x400, 0xf0, 5,
						    &last), 0);
	EXPECT_LOG(test, f, R(0x400, 0x0f), D, R(0x400, 0x2f));
	KUNIT_EXPECT_EQ(test, last, 0x2f);
}

/* radeon r100 PCI GART: AIC_CNTL 0x1d0, PT_BASE 0x1d8, LO 0x1dc, HI 0x1e0. */

static void vcm_test_r100(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	vcm_fake_preset(f, 0x1d0, 0x00000008);
	KUNIT_EXPECT_EQ(test, vcm_radeon_r100_activate(&f->mmio, 0x1e000000,
						       0x10000000, 0x11ffffff,
						       0x7ff000), 0);
	EXPECT_LOG(test, f,
		   R(0x1d0, 0x00000008), W(0x1d0, 0x0000000a),
		   W(0x1dc, 0x10000000), W(0x1e0, 0x11ffffff),
		   W(0x1d8, 0x1e000000),
		   R(0x1d0, 0x0000000a), W(0x1d0, 0x0000000b));

	/* The flush is a barrier only. */
	f->n = 0;
	KUNIT_EXPECT_EQ(test, vcm_radeon_r100_flush(&f->mmio, 0x10000000,
						    0x1000), 0);
	KUNIT_EXPECT_EQ(test, f->n, 0);

	KUNIT_EXPECT_EQ(test, vcm_radeon_r100_activate(&f->mmio, 0x100000000ULL,
						       0, 0x1ffffff, 0),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, f->n, 0);
}

/*
 * rv370 PCIE GART through index 0x30 / data 0x34: CNTL 0x10 (EN b0,
 * DISCARD 3 << 1, INVALIDATE_TLB b8), DISCARD_RD 0x11/0x12, BASE 0x13,
 * START 0x14/0x15, END 0x16/0x17, ERROR 0x18.
 */

static void vcm_test_rv370_activate(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x34, 0x00000000, 0x00000007, 0x00000107, 0x00000007,
	       0x00000107);
	KUNIT_EXPECT_EQ(test, vcm_radeon_rv370_activate(&f->mmio, 0x00c00000,
							0xe0000000, 0xffffffff,
							0x00001000), 0);
	EXPECT_LOG(test, f,
		   W(0x30, 0x14), W(0x34, 0xe0000000),
		   W(0x30, 0x15), W(0x34, 0x00000000),
		   W(0x30, 0x16), W(0x34, 0xfffff000),
		   W(0x30, 0x17), W(0x34, 0x00000000),
		   W(0x30, 0x13), W(0x34, 0x00c00000),
		   W(0x30, 0x11), W(0x34, 0x00001000),
		   W(0x30, 0x12), W(0x34, 0x00000000),
		   W(0x30, 0x18), W(0x34, 0x00000000),
		   W(0x30, 0x10), R(0x34, 0x00000000),
		   W(0x30, 0x10), W(0x34, 0x00000007),
		   /* flush, pass 1 */
		   W(0x30, 0x10), R(0x34, 0x00000007),
		   W(0x30, 0x10), W(0x34, 0x00000107),
		   W(0x30, 0x10), R(0x34, 0x00000107),
		   W(0x30, 0x10), W(0x34, 0x00000007),
		   /* pass 2 */
		   W(0x30, 0x10), R(0x34, 0x00000007),
		   W(0x30, 0x10), W(0x34, 0x00000107),
		   W(0x30, 0x10), R(0x34, 0x00000107),
		   W(0x30, 0x10), W(0x34, 0x00000007));
}

static void vcm_test_rv370_flush(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x34, 0x00000007, 0x00000107, 0x00000007, 0x00000107);
	KUNIT_EXPECT_EQ(test, vcm_radeon_rv370_flush(&f->mmio, 0, 0x1000), 0);
	EXPECT_LOG(test, f,
		   W(0x30, 0x10), R(0x34, 0x00000007),
		   W(0x30, 0x10), W(0x34, 0x00000107),
		   W(0x30, 0x10), R(0x34, 0x00000107),
		   W(0x30, 0x10), W(0x34, 0x00000007),
		   W(0x30, 0x10), R(0x34, 0x00000007),
		   W(0x30, 0x10), W(0x34, 0x00000107),
		   W(0x30, 0x10), R(0x34, 0x00000107),
		   W(0x30, 0x10), W(0x34, 0x00000007));
}

/*
 * RS400/RS480: MC_AGP_LOCATION 0x14c direct; MC index 0x168 (write enable
 * b8, parked at 0xff), data 0x16c; MISC_CNTL 0x18 (GART_INDEX_REG_EN
 * b12), FEATURE_ID 0x2b (TLB_ENABLE b18, GTW_LAC_EN b25, 1LEVEL b30),
 * GART_BASE 0x2c, CACHE_CNTRL 0x2e (INVALIDATE b0), ADDRESS_SPACE_SIZE
 * 0x38 (GART_EN b0, size code << 1), AGP_MODE_CNTL 0x39 (1 << 22 |
 * SNOOP_DIS b24).
 */

static void vcm_test_rs400_activate(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	/* MISC_CNTL reads 0x2, then the cache is busy once. */
	SCRIPT(f, 0x16c, 0x00000002, 0x00000001, 0x00000000);
	KUNIT_EXPECT_EQ(test,
			vcm_radeon_rs400_activate(&f->mmio, 0x1234567000ULL,
						  0xe0000000, 0xe3ffffff, 0),
			0);
	EXPECT_LOG(test, f,
		   W(0x14c, 0xe3ffe000),
		   W(0x168, 0x12c), W(0x16c, 0x34567120), W(0x168, 0xff),
		   W(0x168, 0x12b), W(0x16c, 0x42040000), W(0x168, 0xff),
		   W(0x168, 0x139), W(0x16c, 0x01400000), W(0x168, 0xff),
		   W(0x168, 0x018), R(0x16c, 0x00000002), W(0x168, 0xff),
		   W(0x168, 0x118), W(0x16c, 0x00001002), W(0x168, 0xff),
		   /* 64 MiB: size code 1 */
		   W(0x168, 0x138), W(0x16c, 0x00000003), W(0x168, 0xff),
		   /* flush */
		   W(0x168, 0x12e), W(0x16c, 0x00000001), W(0x168, 0xff),
		   W(0x168, 0x02e), R(0x16c, 0x00000001), W(0x168, 0xff),
		   D,
		   W(0x168, 0x02e), R(0x16c, 0x00000000), W(0x168, 0xff),
		   W(0x168, 0x12e), W(0x16c, 0x00000000), W(0x168, 0xff));

	/* 48 MiB is not an IGP GART size; nothing is touched. */
	f->n = 0;
	KUNIT_EXPECT_EQ(test, vcm_radeon_rs400_activate(&f->mmio, 0x1000000,
							0xe0000000, 0xe2ffffff,
							0), -EINVAL);
	KUNIT_EXPECT_EQ(test, f->n, 0);
}

static void vcm_test_rs400_timeout(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	f->mmio.timeout_us = 3;
	SCRIPT(f, 0x16c, 0x00000001);
	KUNIT_EXPECT_EQ(test, vcm_radeon_rs400_flush(&f->mmio, 0, 0x1000),
			-ETIMEDOUT);
	/* 4 reads, 3 delays, and the register is still cleared. */
	EXPECT_LOG(test, f,
		   W(0x168, 0x12e), W(0x16c, 0x00000001), W(0x168, 0xff),
		   W(0x168, 0x02e), R(0x16c, 0x00000001), W(0x168, 0xff), D,
		   W(0x168, 0x02e), R(0x16c, 0x00000001), W(0x168, 0xff), D,
		   W(0x168, 0x02e), R(0x16c, 0x00000001), W(0x168, 0xff), D,
		   W(0x168, 0x02e), R(0x16c, 0x00000001), W(0x168, 0xff),
		   W(0x168, 0x12e), W(0x16c, 0x00000000), W(0x168, 0xff));
}

/*
 * rs600: MC index 0x70 (register b0-15, CITF_ARB0 b21, WR_EN b23), data
 * 0x74; MC_CNTL1 0x9 (ENABLE_PAGE_TABLES b26), MC_PT0_CNTL 0x100
 * (ENABLE_PT b0, INVALIDATE_ALL_L1_TLBS b28, INVALIDATE_L2_CACHE b29),
 * CONTEXT0..7_CNTL 0x102..0x109, DEFAULT_READ_ADDR 0x11c, FLAT_BASE 0x12c,
 * FLAT_START 0x13c, FLAT_END 0x14c.
 */

static void vcm_test_rs600_activate(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x74, 0x00c30000, 0x00000000, 0x00c30001, 0x00c30001,
	       0x30c30001, 0x00c30001);
	KUNIT_EXPECT_EQ(test, vcm_radeon_rs600_activate(&f->mmio, 0x3ff00000,
							0xd0000000, 0xdfffffff,
							0x3fe00000), 0);
	EXPECT_LOG(test, f,
		   W(0x70, 0xa00102), W(0x74, 0x00000001),
		   W(0x70, 0xa00103), W(0x74, 0),
		   W(0x70, 0xa00104), W(0x74, 0),
		   W(0x70, 0xa00105), W(0x74, 0),
		   W(0x70, 0xa00106), W(0x74, 0),
		   W(0x70, 0xa00107), W(0x74, 0),
		   W(0x70, 0xa00108), W(0x74, 0),
		   W(0x70, 0xa00109), W(0x74, 0),
		   W(0x70, 0xa0012c), W(0x74, 0x3ff00000),
		   W(0x70, 0xa0013c), W(0x74, 0xd0000000),
		   W(0x70, 0xa0014c), W(0x74, 0xdfffffff),
		   W(0x70, 0xa0011c), W(0x74, 0x3fe00000),
		   W(0x70, 0x200100), R(0x74, 0x00c30000),
		   W(0x70, 0xa00100), W(0x74, 0x00c30001),
		   W(0x70, 0x200009), R(0x74, 0x00000000),
		   W(0x70, 0xa00009), W(0x74, 0x04000000),
		   /* flush: clear, set, clear, read back */
		   W(0x70, 0x200100), R(0x74, 0x00c30001),
		   W(0x70, 0xa00100), W(0x74, 0x00c30001),
		   W(0x70, 0x200100), R(0x74, 0x00c30001),
		   W(0x70, 0xa00100), W(0x74, 0x30c30001),
		   W(0x70, 0x200100), R(0x74, 0x30c30001),
		   W(0x70, 0xa00100), W(0x74, 0x00c30001),
		   W(0x70, 0x200100), R(0x74, 0x00c30001));
}

static DEFINE_SPINLOCK(vcm_test_idx_lock);

static void vcm_test_rs600_flush(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	/* The same sequence with the driver's index lock taken around it. */
	f->mmio.idx_lock = &vcm_test_idx_lock;
	SCRIPT(f, 0x74, 0x30000001, 0x00000001, 0x30000001, 0x00000001);
	KUNIT_EXPECT_EQ(test, vcm_radeon_rs600_flush(&f->mmio, 0, 0x1000), 0);
	EXPECT_LOG(test, f,
		   W(0x70, 0x200100), R(0x74, 0x30000001),
		   W(0x70, 0xa00100), W(0x74, 0x00000001),
		   W(0x70, 0x200100), R(0x74, 0x00000001),
		   W(0x70, 0xa00100), W(0x74, 0x30000001),
		   W(0x70, 0x200100), R(0x74, 0x30000001),
		   W(0x70, 0xa00100), W(0x74, 0x00000001),
		   W(0x70, 0x200100), R(0x74, 0x00000001));
	KUNIT_EXPECT_EQ(test, f->unlocked, 0);
}

/*
 * r600-rv7xx: HDP_MEM_COHERENCY_FLUSH_CNTL 0x5480, HDP_DEBUG1 0x2f34,
 * VM_CONTEXT0_CNTL 0x1410 (ENABLE_CONTEXT b0, PAGE_TABLE_DEPTH b1-2,
 * RANGE_PROTECTION_FAULT_ENABLE_DEFAULT b4), REQUEST_RESPONSE 0x1470
 * (REQUEST_TYPE b0-3, RESPONSE_TYPE b4-7, 2 = failed), INVALIDATION
 * LOW/HIGH 0x1490/0x14b0, PROTECTION_FAULT_DEFAULT 0x1554, PAGE_TABLE
 * BASE/START/END 0x1574/0x1594/0x15b4; addresses in 4 KiB pages.
 */

static void vcm_test_r600_activate(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	/* The request type echoed in b0-3 is not a response. */
	SCRIPT(f, 0x1470, 0x00000001, 0x00000011);
	KUNIT_EXPECT_EQ(test, vcm_radeon_r600_activate(&f->mmio, 0x40000000,
						       0xa0000000, 0xbfffffff,
						       0x12345000), 0);
	EXPECT_LOG(test, f,
		   W(0x1594, 0x000a0000), W(0x15b4, 0x000bffff),
		   W(0x1574, 0x00040000), W(0x1554, 0x00012345),
		   W(0x1410, 0x00000011),
		   W(0x5480, 1), W(0x1490, 0x000a0000), W(0x14b0, 0x000bffff),
		   W(0x1470, 1),
		   R(0x1470, 0x00000001), D, R(0x1470, 0x00000011));

	/* Page numbers of 32 bits: 2^44 and up cannot be programmed. */
	f->n = 0;
	KUNIT_EXPECT_EQ(test, vcm_radeon_r600_activate(&f->mmio,
						       0x100000000000ULL,
						       0xa0000000, 0xbfffffff,
						       0x12345000), -ERANGE);
	KUNIT_EXPECT_EQ(test, vcm_radeon_cik_activate(&f->mmio, 0x40000000,
						      0xa0000000,
						      0x100000000000ULL,
						      0x12345000), -ERANGE);
	KUNIT_EXPECT_EQ(test, vcm_radeon_evergreen_activate(&f->mmio,
							    0x40000000,
							    0xa0000000,
							    0xbfffffff,
							    0x100000000000ULL),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, vcm_radeon_cayman_activate(&f->mmio, 0x40000000,
							 0xb0000000,
							 0xafffffff, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, f->n, 0);
}

static void vcm_test_r600_flush_fail(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x1470, 0x00000021);
	KUNIT_EXPECT_EQ(test, vcm_radeon_r600_flush(&f->mmio, 0xa0010000,
						    0x3000), -EIO);
	EXPECT_LOG(test, f,
		   W(0x5480, 1), W(0x1490, 0x000a0010), W(0x14b0, 0x000a0012),
		   W(0x1470, 1), R(0x1470, 0x00000021));

	f->n = 0;
	KUNIT_EXPECT_EQ(test, vcm_radeon_r600_flush(&f->mmio, 0xa0010000, 0),
			0);
	KUNIT_EXPECT_EQ(test, f->n, 0);
}

static void vcm_test_r600_timeout(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	f->mmio.timeout_us = 2;
	SCRIPT(f, 0x1470, 0x00000001);
	KUNIT_EXPECT_EQ(test, vcm_radeon_r600_flush(&f->mmio, 0xa0000000,
						    0x1000), -ETIMEDOUT);
	EXPECT_LOG(test, f,
		   W(0x5480, 1), W(0x1490, 0x000a0000), W(0x14b0, 0x000a0000),
		   W(0x1470, 1),
		   R(0x1470, 1), D, R(0x1470, 1), D, R(0x1470, 1));
}

static void vcm_test_rv770_flush(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);
	struct fake_regs *t = vcm_fake_new(test);

	vcm_fake_preset(t, 0, 0xdeadbeef);
	SCRIPT(f, 0x1470, 0x00000010);
	KUNIT_EXPECT_EQ(test, vcm_radeon_rv770_flush(&f->mmio, &t->mmio,
						     0xa0000000, 0x2000), 0);
	EXPECT_LOG(test, f,
		   W(0x2f34, 0), W(0x1490, 0x000a0000), W(0x14b0, 0x000a0001),
		   W(0x1470, 1), R(0x1470, 0x00000010));
	/* One table word read back through the table's own mapping. */
	EXPECT_LOG(test, t, R(0, 0xdeadbeef));
}

/*
 * evergreen, cayman, SI, CIK: VM_CONTEXT0_CNTL 0x1410, REQUEST_RESPONSE
 * 0x1470 (evergreen), VM_INVALIDATE_REQUEST 0x1478 (cayman+),
 * PROTECTION_FAULT_DEFAULT 0x1518, PAGE_TABLE BASE/START/END
 * 0x153c/0x155c/0x157c, HDP flush 0x5480.
 */

static void vcm_test_evergreen_activate(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x1470, 0x00000010);
	KUNIT_EXPECT_EQ(test,
			vcm_radeon_evergreen_activate(&f->mmio, 0x40000000,
						      0x100000000ULL,
						      0x13fffffffULL,
						      0x12345000), 0);
	EXPECT_LOG(test, f,
		   W(0x155c, 0x00100000), W(0x157c, 0x0013ffff),
		   W(0x153c, 0x00040000), W(0x1518, 0x00012345),
		   W(0x1410, 0x00000011),
		   W(0x5480, 1), W(0x1470, 1), R(0x1470, 0x00000010));
}

static void vcm_test_evergreen_flush(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	SCRIPT(f, 0x1470, 0x00000000, 0x00000000, 0x00000020);
	KUNIT_EXPECT_EQ(test, vcm_radeon_evergreen_flush(&f->mmio, 0, 0x1000),
			-EIO);
	EXPECT_LOG(test, f, W(0x5480, 1), W(0x1470, 1),
		   R(0x1470, 0), D, R(0x1470, 0), D, R(0x1470, 0x20));

	f = vcm_fake_new(test);
	f->mmio.timeout_us = 1;
	KUNIT_EXPECT_EQ(test, vcm_radeon_evergreen_flush(&f->mmio, 0, 0x1000),
			-ETIMEDOUT);
	/* Unscripted, the register reads back the request itself. */
	EXPECT_LOG(test, f, W(0x5480, 1), W(0x1470, 1),
		   R(0x1470, 1), D, R(0x1470, 1));
}

static void vcm_test_cayman(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	KUNIT_EXPECT_EQ(test, vcm_radeon_cayman_activate(&f->mmio, 0x40000000,
							 0x00000000,
							 0x1fffffff,
							 0x00001000), 0);
	EXPECT_LOG(test, f,
		   W(0x155c, 0x00000000), W(0x157c, 0x0001ffff),
		   W(0x153c, 0x00040000), W(0x1518, 0x00000001),
		   W(0x1410, 0x00000011),
		   W(0x5480, 1), W(0x1478, 1));

	f->n = 0;
	KUNIT_EXPECT_EQ(test, vcm_radeon_cayman_flush(&f->mmio, 0, 0x1000), 0);
	EXPECT_LOG(test, f, W(0x5480, 1), W(0x1478, 1));
}

static void vcm_test_cik(struct kunit *test)
{
	struct fake_regs *f = vcm_fake_new(test);

	KUNIT_EXPECT_EQ(test, vcm_radeon_cik_activate(&f->mmio, 0xf400000000ULL,
						      0xff00000000ULL,
						      0xff7fffffffULL,
						      0xf400800000ULL), 0);
	EXPECT_LOG(test, f,
		   W(0x155c, 0x0ff00000), W(0x157c, 0x0ff7ffff),
		   W(0x153c, 0x0f400000), W(0x1518, 0x0f400800),
		   W(0x1410, 0x00000011),
		   W(0x5480, 0), W(0x1478, 1));

	f->n = 0;
	KUNIT_EXPECT_EQ(test, vcm_radeon_cik_flush(&f->mmio, 0, 0x1000), 0);
	EXPECT_LOG(test, f, W(0x5480, 0), W(0x1478, 1));
}

static struct kunit_case vcm_backend_cases[] = {
	KUNIT_CASE(vcm_test_poll_counts),
	KUNIT_CASE(vcm_test_poll_timeout),
	KUNIT_CASE(vcm_test_r100),
	KUNIT_CASE(vcm_test_rv370_activate),
	KUNIT_CASE(vcm_test_rv370_flush),
	KUNIT_CASE(vcm_test_rs400_activate),
	KUNIT_CASE(vcm_test_rs400_timeout),
	KUNIT_CASE(vcm_test_rs600_activate),
	KUNIT_CASE(vcm_test_rs600_flush),
	KUNIT_CASE(vcm_test_r600_activate),
	KUNIT_CASE(vcm_test_r600_flush_fail),
	KUNIT_CASE(vcm_test_r600_timeout),
	KUNIT_CASE(vcm_test_rv770_flush),
	KUNIT_CASE(vcm_test_evergreen_activate),
	KUNIT_CASE(vcm_test_evergreen_flush),
	KUNIT_CASE(vcm_test_cayman),
	KUNIT_CASE(vcm_test_cik),
	{}
};

static struct kunit_suite vcm_backend_suite = {
	.name = "vcm_backend",
	.test_cases = vcm_backend_cases,
};

kunit_test_suite(vcm_backend_suite);
