// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Bounded register polls for the VCM backend sequences.
 *
 * A poll reads the register once, and then once more after each
 * one-microsecond delay, until the condition holds or @timeout_us delays
 * have passed: at most timeout_us + 1 reads in all. With a fake register
 * file whose delay is a no-op that is a plain count of reads, so a test
 * knows exactly how many accesses a timeout costs.
 */

#include <linux/errno.h>
#include <linux/export.h>

#include <drm/drm_vcm_mmio.h>

/**
 * vcm_mmio_poll() - wait until a register's masked value equals @value
 * @m: the accessor
 * @off: byte offset of the register
 * @mask: bits to look at
 * @value: what (register & @mask) must equal
 * @timeout_us: delays of one microsecond to allow between reads
 *
 * Return: 0 once the condition holds, -ETIMEDOUT after timeout_us + 1
 * reads without it.
 */
int vcm_mmio_poll(const struct drm_vcm_mmio *m, u32 off, u32 mask, u32 value,
		  unsigned int timeout_us)
{
	unsigned int i;

	for (i = 0;; i++) {
		if ((vcm_mmio_rd32(m, off) & mask) == value)
			return 0;
		if (i >= timeout_us)
			return -ETIMEDOUT;
		vcm_mmio_delay(m, 1);
	}
}
EXPORT_SYMBOL_GPL(vcm_mmio_poll);

/**
 * vcm_mmio_poll_nonzero() - wait until any of a register's @mask bits is set
 * @m: the accessor
 * @off: byte offset of the register
 * @mask: bits to look at
 * @timeout_us: delays of one microsecond to allow between reads
 * @val: if not NULL, receives the last value read (all 32 bits)
 *
 * For status fields where any non-zero code ends the wait and the caller
 * then tells success from failure by the code.
 *
 * Return: 0 once (register & @mask) != 0, -ETIMEDOUT after timeout_us + 1
 * reads without it.
 */
int vcm_mmio_poll_nonzero(const struct drm_vcm_mmio *m, u32 off, u32 mask,
			  unsigned int timeout_us, u32 *val)
{
	unsigned int i;
	u32 v;

	for (i = 0;; i++) {
		v = vcm_mmio_rd32(m, off);
		if (val)
			*val = v;
		if (v & mask)
			return 0;
		if (i >= timeout_us)
			return -ETIMEDOUT;
		vcm_mmio_delay(m, 1);
	}
}
EXPORT_SYMBOL_GPL(vcm_mmio_poll_nonzero);
