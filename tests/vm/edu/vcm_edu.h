/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * QEMU's "edu" device as the VM tier's test modules drive it
 * (iommu/vcm_edu_test.c through VCM's IOMMU backend, dma/vcm_edu_dma.c
 * through the DMA API): its DMA registers, one DMA run to completion, and
 * the "ok N name" lines the guest scripts read. Register offsets and
 * command bits are those of QEMU's edu specification (docs/specs/edu.rst).
 * Header-only: each module gets its own copy of these helpers.
 */
#ifndef VCM_EDU_H
#define VCM_EDU_H

#include <linux/bits.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/types.h>

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_CNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_CMD_RUN	BIT(0)
#define EDU_CMD_TO_RAM	BIT(1)	/* from edu's buffer to RAM */
#define EDU_BUF		0x40000	/* edu's own 4 KiB buffer, device side */
#define EDU_TIMEOUT_MS	3000	/* edu completes a DMA after 100 ms */
/*
 * Bytes per DMA: some QEMU versions refuse a transfer that ends exactly at
 * the end of edu's buffer (and stop the whole VM), so use half of it.
 */
#define EDU_LEN		SZ_2K

/*
 * Copy @len bytes from @src to @dst with the engine of the edu at @regs
 * (one side is EDU_BUF, @to_ram says which), and wait for it.
 * Returns 0, or -ETIMEDOUT if it is still running after EDU_TIMEOUT_MS.
 */
static inline int edu_dma_run(void __iomem *regs, u64 src, u64 dst, u32 len,
			      bool to_ram)
{
	unsigned long end = jiffies + msecs_to_jiffies(EDU_TIMEOUT_MS);

	writeq(src, regs + EDU_DMA_SRC);
	writeq(dst, regs + EDU_DMA_DST);
	writeq(len, regs + EDU_DMA_CNT);
	writeq(EDU_CMD_RUN | (to_ram ? EDU_CMD_TO_RAM : 0), regs + EDU_DMA_CMD);
	while (readl(regs + EDU_DMA_CMD) & EDU_CMD_RUN) {
		if (time_after(jiffies, end))
			return -ETIMEDOUT;
		usleep_range(2000, 4000);
	}
	return 0;
}

/*
 * One check's result: counted in *@num (and *@fail if not @ok) and logged
 * as "@who: ok N @name" or "@who: not ok N @name".
 */
static inline void edu_check(const char *who, unsigned int *num,
			     unsigned int *fail, bool ok, const char *name)
{
	(*num)++;
	if (!ok)
		(*fail)++;
	pr_info("%s: %sok %u %s\n", who, ok ? "" : "not ", *num, name);
}

#endif /* VCM_EDU_H */
