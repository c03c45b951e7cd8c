/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * A fake register file for the backend tests: it records every access
 * (read, write or poll delay, offset, value) and answers reads from
 * scripted sequences (the last value repeats) or else from the last value
 * written.
 */
#ifndef VCM_FAKE_REGS_H
#define VCM_FAKE_REGS_H

#include <kunit/test.h>
#include <drm/drm_vcm_mmio.h>

#define FAKE_LOG_MAX	64
#define FAKE_REGS	16
#define FAKE_SCRIPTS	4

struct fake_acc {
	char op;	/* 'R' read, 'W' write, 'D' delay (val = us) */
	u32 off;
	u32 val;
};

#define R(o, v)	{ 'R', (o), (v) }
#define W(o, v)	{ 'W', (o), (v) }
#define D	{ 'D', 0, 1 }

struct fake_script {
	u32 off;
	const u32 *seq;
	unsigned int len;
	unsigned int pos;
};

struct fake_regs {
	struct fake_acc log[FAKE_LOG_MAX];
	unsigned int n;
	struct { u32 off, val; } reg[FAKE_REGS];
	unsigned int nreg;
	struct fake_script script[FAKE_SCRIPTS];
	unsigned int nscript;
	unsigned int unlocked;	/* accesses made without mmio.idx_lock held */
	struct drm_vcm_mmio mmio;
};

struct fake_regs *vcm_fake_new(struct kunit *test);
void vcm_fake_preset(struct fake_regs *f, u32 off, u32 val);
void vcm_fake_script(struct fake_regs *f, u32 off, const u32 *seq,
		     unsigned int len);
void vcm_fake_expect_log(struct kunit *test, const struct fake_regs *f,
			 const struct fake_acc *exp, unsigned int n);

#define SCRIPT(f, off, ...) do {					\
	static const u32 seq_[] = { __VA_ARGS__ };			\
	vcm_fake_script((f), (off), seq_, ARRAY_SIZE(seq_));		\
} while (0)

#define EXPECT_LOG(test, f, ...) do {					\
	static const struct fake_acc exp_[] = { __VA_ARGS__ };		\
	vcm_fake_expect_log((test), (f), exp_, ARRAY_SIZE(exp_));		\
} while (0)

#endif /* VCM_FAKE_REGS_H */
