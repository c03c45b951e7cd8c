/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * What the two halves of VCM's DMA-API ops share: the installation
 * (vcm_dma_ops.c: the module parameters, the driver-core notifier, the
 * shared IOMMU domain and space, debugfs) over the mappings
 * (vcm_dma_map.c: the whitelist, the index of live mappings by device
 * address, and the &struct dma_map_ops themselves).
 */
#ifndef __VCM_DMA_H__
#define __VCM_DMA_H__

#if (IS_ENABLED(CONFIG_DMA_OPS) || IS_ENABLED(CONFIG_ARCH_HAS_DMA_OPS)) && \
	IS_ENABLED(CONFIG_PCI)
#define VCM_HAVE_DMA_OPS 1
#endif

/* vcm_dma_map.c: the pool dma_alloc_coherent() takes from (dma_pool=) */
extern char *vcm_dma_pool;

#ifdef VCM_HAVE_DMA_OPS

#include <linux/dma-map-ops.h>
#include <linux/list.h>
#include <linux/sizes.h>
#include <linux/types.h>

struct device;
struct drm_vcm;
struct seq_file;

/* The shared space's device addresses, within the 28 bits of QEMU's edu. */
#define VCM_DMA_START	SZ_1M
#define VCM_DMA_END	SZ_256M
#define VCM_DMA_NAME	32

/**
 * struct vcm_dma_dev - a whitelisted device name
 * @link: entry in the whitelist
 * @name: the device's name
 * @dev: the device while VCM's ops are installed, else NULL
 * @old_ops: its ops before
 * @old_dma_iommu: its &device.dma_iommu before
 * @space: the shared space while the device is attached to the shared
 *	IOMMU domain, else NULL
 * @nmaps: live mappings
 *
 * The whitelist and @dev change under both the mutex of vcm_dma_ops.c and
 * the index lock of vcm_dma_map.c, so that either is enough to read them;
 * @space under the mutex, while @dev is NULL or nothing is mapped; @nmaps
 * under the index lock.
 */
struct vcm_dma_dev {
	struct list_head link;
	char name[VCM_DMA_NAME];
	struct device *dev;
	const struct dma_map_ops *old_ops;
	bool old_dma_iommu;
	struct drm_vcm *space;
	unsigned int nmaps;
};

/* vcm_dma_map.c; the whitelist's changes with vcm_dma_ops.c's mutex held */
extern const struct dma_map_ops vcm_dma_ops;

struct vcm_dma_dev *vcm_dma_find_name(const char *name);
int vcm_dma_list_add(const char *name);
int vcm_dma_list_del(const char *name);
void vcm_dma_list_free(void);
void vcm_dma_set_dev(struct vcm_dma_dev *d, struct device *dev);
void vcm_dma_list_show(struct seq_file *m);
void vcm_dma_unmap_all(struct vcm_dma_dev *d);
void vcm_dma_reap_flush(void);

#endif /* VCM_HAVE_DMA_OPS */

#endif /* __VCM_DMA_H__ */
