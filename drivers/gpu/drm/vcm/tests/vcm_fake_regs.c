// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The fake register file of the backend tests (vcm_fake_regs.h).
 */

#include <linux/lockdep.h>
#include <linux/spinlock.h>

#include "vcm_fake_regs.h"

static void fake_log(struct fake_regs *f, char op, u32 off, u32 val)
{
	if (f->mmio.idx_lock && !lockdep_is_held(f->mmio.idx_lock))
		f->unlocked++;
	if (f->n < FAKE_LOG_MAX)
		f->log[f->n] = (struct fake_acc){ op, off, val };
	f->n++;
}

static u32 *fake_slot(struct fake_regs *f, u32 off)
{
	unsigned int i;

	for (i = 0; i < f->nreg; i++)
		if (f->reg[i].off == off)
			return &f->reg[i].val;
	if (WARN_ON(f->nreg == FAKE_REGS))
		return &f->reg[0].val;
	f->reg[f->nreg].off = off;
	f->reg[f->nreg].val = 0;
	return &f->reg[f->nreg++].val;
}

static u32 fake_rd32(void *ctx, u32 off)
{
	struct fake_regs *f = ctx;
	unsigned int i;
	u32 v;

	for (i = 0; i < f->nscript; i++) {
		struct fake_script *s = &f->script[i];

		if (s->off != off)
			continue;
		v = s->seq[s->pos];
		if (s->pos + 1 < s->len)
			s->pos++;
		fake_log(f, 'R', off, v);
		return v;
	}
	v = *fake_slot(f, off);
	fake_log(f, 'R', off, v);
	return v;
}

static void fake_wr32(void *ctx, u32 off, u32 val)
{
	struct fake_regs *f = ctx;

	*fake_slot(f, off) = val;
	fake_log(f, 'W', off, val);
}

static void fake_delay(void *ctx, unsigned int us)
{
	fake_log(ctx, 'D', 0, us);
}

static const struct drm_vcm_mmio_ops fake_ops = {
	.rd32 = fake_rd32,
	.wr32 = fake_wr32,
	.delay = fake_delay,
};

struct fake_regs *vcm_fake_new(struct kunit *test)
{
	struct fake_regs *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->mmio.ops = &fake_ops;
	f->mmio.ctx = f;
	return f;
}

void vcm_fake_preset(struct fake_regs *f, u32 off, u32 val)
{
	*fake_slot(f, off) = val;
}

void vcm_fake_script(struct fake_regs *f, u32 off, const u32 *seq,
		     unsigned int len)
{
	if (WARN_ON(f->nscript == FAKE_SCRIPTS))
		return;
	f->script[f->nscript++] = (struct fake_script){ off, seq, len, 0 };
}

void vcm_fake_expect_log(struct kunit *test, const struct fake_regs *f,
			 const struct fake_acc *exp, unsigned int n)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, f->n, n);
	for (i = 0; i < min3(f->n, n, (unsigned int)FAKE_LOG_MAX); i++) {
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].op, exp[i].op,
				    "access %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].off, exp[i].off,
				    "access %u", i);
		KUNIT_EXPECT_EQ_MSG(test, f->log[i].val, exp[i].val,
				    "access %u", i);
	}
}
