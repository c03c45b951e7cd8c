/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * A small register accessor for the VCM backend sequences, public so that
 * a driver built out of tree (radeon) can hand VCM its registers.
 *
 * A driver hands VCM its register BAR (@base) and the sequences in
 * vcm_radeon_regs.c and vcm_nouveau_regs.c run against it with readl(),
 * writel() and udelay(). Tests, or a driver with accessors of its own,
 * supply @ops instead: every register access and every delay then goes
 * through the table, so a fake register file can record and script them.
 *
 * Every poll is bounded: at most timeout_us + 1 reads separated by
 * timeout_us one-microsecond delays, never an open-ended spin.
 */
#ifndef __DRM_VCM_MMIO_H__
#define __DRM_VCM_MMIO_H__

#include <linux/compiler_types.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/**
 * struct drm_vcm_mmio_ops - register accessors that replace readl/writel
 * @rd32: read the 32-bit register at byte offset @off
 * @wr32: write @val to the 32-bit register at byte offset @off
 * @delay: wait @us microseconds between two polls; may be NULL, in which
 *	case polls are not spaced at all (a fake register file wants that)
 *
 * @ctx is &drm_vcm_mmio.ctx.
 */
struct drm_vcm_mmio_ops {
	u32 (*rd32)(void *ctx, u32 off);
	void (*wr32)(void *ctx, u32 off, u32 val);
	void (*delay)(void *ctx, unsigned int us);
};

/**
 * struct drm_vcm_mmio - where the backend sequences find the registers
 * @base: the mapped register BAR; used when @ops is NULL
 * @ops: accessors used instead of @base when set
 * @ctx: passed to every @ops call
 * @idx_lock: lock the driver holds around its own index/data register
 *	pairs (radeon's PCIE and MC indirect spaces); when set, the
 *	sequences take it (irqsave) around each indirect access. May be NULL
 *	when nothing else touches those pairs concurrently.
 * @timeout_us: poll timeout in microseconds; 0 picks the family's own
 *	(100 ms on radeon, 2 s on nouveau)
 */
struct drm_vcm_mmio {
	void __iomem *base;
	const struct drm_vcm_mmio_ops *ops;
	void *ctx;
	spinlock_t *idx_lock;	/* the driver's index/data pair lock, or NULL */
	unsigned int timeout_us;
};

/**
 * vcm_mmio_rd32() - read a 32-bit register
 * @m: the accessor
 * @off: byte offset of the register
 *
 * Return: the register's value.
 */
static inline u32 vcm_mmio_rd32(const struct drm_vcm_mmio *m, u32 off)
{
	if (m->ops)
		return m->ops->rd32(m->ctx, off);
	return readl(m->base + off);
}

/**
 * vcm_mmio_wr32() - write a 32-bit register
 * @m: the accessor
 * @off: byte offset of the register
 * @val: value to write
 */
static inline void vcm_mmio_wr32(const struct drm_vcm_mmio *m, u32 off,
				 u32 val)
{
	if (m->ops)
		m->ops->wr32(m->ctx, off, val);
	else
		writel(val, m->base + off);
}

/**
 * vcm_mmio_delay() - wait between two polls
 * @m: the accessor
 * @us: microseconds
 *
 * udelay() on a real BAR, the ops' delay (or nothing) otherwise.
 */
static inline void vcm_mmio_delay(const struct drm_vcm_mmio *m,
				  unsigned int us)
{
	if (!m->ops)
		udelay(us);
	else if (m->ops->delay)
		m->ops->delay(m->ctx, us);
}

/**
 * vcm_mmio_timeout() - the poll timeout to use
 * @m: the accessor
 * @dflt: the family's default, in microseconds
 *
 * Return: @m->timeout_us if set, else @dflt.
 */
static inline unsigned int vcm_mmio_timeout(const struct drm_vcm_mmio *m,
					    unsigned int dflt)
{
	return m->timeout_us ? m->timeout_us : dflt;
}

int vcm_mmio_poll(const struct drm_vcm_mmio *m, u32 off, u32 mask, u32 value,
		  unsigned int timeout_us);
int vcm_mmio_poll_nonzero(const struct drm_vcm_mmio *m, u32 off, u32 mask,
			  unsigned int timeout_us, u32 *val);

/* Default poll timeouts: radeon's usec_timeout and nvkm's 2 s. */
#define VCM_RADEON_TIMEOUT_US	100000
#define VCM_NOUVEAU_TIMEOUT_US	2000000

#endif /* __DRM_VCM_MMIO_H__ */
