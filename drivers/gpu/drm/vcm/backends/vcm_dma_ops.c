// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * DMA-API ops for whitelisted devices: their dma_map_page(), dma_map_sg()
 * and dma_alloc_coherent() go through one shared VCM space and one shared
 * pool, without any VCM call in their drivers.
 */

/**
 * DOC: DMA-API ops
 *
 * ``vcm.ko`` can take over the DMA API of devices named in its
 * ``dma_devices`` parameter (device names, comma-separated, e.g.
 * ``dma_devices=0000:00:04.0,0000:00:05.0``) or written to the debugfs
 * file ``vcm/dma_devices`` (a name adds it, ``-name`` removes it; reading
 * lists each name with its state and live mappings). A PCI device on the
 * list gets VCM's &struct dma_map_ops when a driver binds to it *after*
 * the name was listed: the ops are installed from the driver-core
 * notification sent once the kernel has set up the device's DMA and before
 * the driver's probe, and removed by a devres action registered there, so
 * after every resource the driver's probe and life added to the device:
 * memory from dmam_alloc_coherent() is freed through VCM's ops, whether
 * the driver is unbound or its probe fails (-EPROBE_DEFER included; the
 * next probe gets the ops afresh). Devices bound earlier keep the kernel's
 * DMA ops.
 *
 * All such devices share the pool named by the ``dma_pool`` parameter
 * (default ``dma``, created with ``pools=dma:SIZE``) and, while one of them
 * is behind an IOMMU, one VCM space (owner ``vcm_dma``, device addresses
 * 1 MiB to 256 MiB, within the 28 bits of QEMU's edu):
 *
 * - Behind an IOMMU, VCM attaches one unmanaged IOMMU domain to every such
 *   device (iommu_attach_device(), so each must be alone in its IOMMU
 *   group) and to the space with drm_vcm_iommu_attach(). dma_map_page()
 *   and each entry of dma_map_sg() reserve a range of the space and bind
 *   the pages there; the device address is the IOVA. dma_alloc_coherent()
 *   takes a piece of the pool and binds it likewise. Unmapping unbinds and
 *   unreserves. From 6.12 on, the DMA API calls the IOMMU DMA layer
 *   directly for a device with &device.dma_iommu set, before looking at its
 *   ops; VCM clears that flag while its ops are installed and restores it
 *   afterwards. Before 6.12 the IOMMU DMA layer is itself the device's ops,
 *   which VCM's replace.
 * - Without an IOMMU nothing translates: dma_map_page() records the mapping
 *   and returns the page's address as the device sees it (phys_to_dma() of
 *   its physical address, which differs from it where the platform offsets
 *   bus addresses or encrypts memory), and dma_alloc_coherent() likewise
 *   for a piece of the pool. What the devices share is the pool; no space
 *   is made.
 *
 * dma_set_mask() and dma_set_coherent_mask() accept only masks that cover
 * what VCM may hand out: the end of the shared space behind an IOMMU, the
 * pool's last byte without one; a narrower mask is refused (-EIO), so a
 * driver learns at probe rather than at its first mapping.
 *
 * Atomic context: without an IOMMU, dma_map_page(), dma_map_sg() and their
 * unmapping never sleep (the mappings' index is an xarray under a
 * spinlock taken with interrupts off, records come from GFP_ATOMIC when
 * the caller may not sleep), so they work under a spinlock or in an
 * interrupt. Behind an IOMMU a mapping binds into VCM's space, which
 * sleeps: an atomic caller's mapping is refused (%DMA_MAPPING_ERROR, a
 * negative count from dma_map_sg()), while its unmapping works: the
 * mapping leaves the index at once and its IOVA is unbound by a work item,
 * or by the next mapping that may sleep, staying reserved until then.
 * Atomic context is told by the preemption count (and, with preemptible
 * RCU, the read-side depth); without CONFIG_PREEMPT_COUNT nothing could
 * tell, so VCM then takes over no device behind an IOMMU and never sleeps
 * in a mapping at all. dma_alloc_coherent() takes pool memory, which
 * sleeps: an allocation that may not block gets NULL. Both Debian kernels
 * have CONFIG_PREEMPT_COUNT.
 *
 * Mappings are found by device address in that xarray (keyed by 4 KiB
 * page; direct mappings of one page by several drivers share a key and a
 * short chain), not by a walk of every mapping.
 *
 * Limits, by design: there is no bounce buffering: a mapping beyond the
 * device's DMA mask fails (%DMA_MAPPING_ERROR). dma_alloc_coherent()
 * never falls back to other memory when the pool is used up; it returns
 * NULL. Only page, sg and
 * coherent mappings are provided: dma_map_resource(), dma_mmap_coherent(),
 * dma_get_sgtable() and dma_alloc_pages() on such a device are refused by
 * the DMA API. No sync op is needed on cache-coherent machines such as
 * x86; elsewhere VCM does not flush CPU caches for the device.
 * Scatterlists are mapped entry by entry, never merged.
 *
 * A driver that leaves mappings behind when it is unbound gets them
 * unmapped, with an error in the kernel log for each. Each device with
 * VCM's ops holds a reference on ``vcm.ko``, so it cannot be unloaded
 * under them.
 *
 * The feature needs dma_map_ops support in the kernel (CONFIG_DMA_OPS
 * before 6.12, CONFIG_ARCH_HAS_DMA_OPS from then on; both Debian kernels,
 * 6.1 and 6.12, have it) and PCI. Without them, ``dma_devices`` is refused
 * with a log line and ``vcm/dma_devices`` is not created.
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <drm/drm_vcm.h>

#include "../vcm_compat.h"
#include "../vcm_internal.h"
#include "vcm_dma.h"

static char *vcm_dma_devices_param;
module_param_named(dma_devices, vcm_dma_devices_param, charp, 0444);
MODULE_PARM_DESC(dma_devices,
		 "Devices whose DMA API goes through VCM when a driver binds to them: name[,name...]");

#ifdef VCM_HAVE_DMA_OPS

static DEFINE_MUTEX(vcm_dma_lock); /* the whitelist, installs, the domain */
static struct drm_vcm *vcm_dma_space; /* while a device is attached */
static struct iommu_domain *vcm_dma_domain;
static struct drm_vcm_mmu *vcm_dma_mmu;
static unsigned int vcm_dma_nattached;
static struct dentry *vcm_dma_dentry;

#if IS_ENABLED(CONFIG_IOMMU_API)
/* The last device left the shared domain: free it, and the space. */
static void vcm_dma_put_domain(void)
{
	drm_vcm_mmu_detach(vcm_dma_mmu);
	iommu_domain_free(vcm_dma_domain);
	drm_vcm_destroy(vcm_dma_space);
	vcm_dma_mmu = NULL;
	vcm_dma_domain = NULL;
	vcm_dma_space = NULL;
}

/*
 * Put @d's device behind the shared domain, made with the shared space on
 * first use.
 */
static int vcm_dma_attach(struct vcm_dma_dev *d)
{
	struct iommu_domain *domain;
	struct drm_vcm_mmu *mmu;
	int ret;

	if (!vcm_dma_domain) {
		vcm_dma_space = drm_vcm_create(VCM_DMA_START,
					       VCM_DMA_END - VCM_DMA_START);
		if (IS_ERR(vcm_dma_space)) {
			ret = PTR_ERR(vcm_dma_space);
			vcm_dma_space = NULL;
			return ret;
		}
		drm_vcm_set_owner(vcm_dma_space, "vcm_dma");
		domain = vcm_compat_paging_domain_alloc(d->dev);
		mmu = IS_ERR(domain) ? ERR_CAST(domain) :
			drm_vcm_iommu_attach(vcm_dma_space, domain);
		if (IS_ERR(mmu)) {
			if (!IS_ERR(domain))
				iommu_domain_free(domain);
			drm_vcm_destroy(vcm_dma_space);
			vcm_dma_space = NULL;
			return PTR_ERR(mmu);
		}
		vcm_dma_domain = domain;
		vcm_dma_mmu = mmu;
	}
	ret = iommu_attach_device(vcm_dma_domain, d->dev);
	if (!ret) {
		vcm_dma_nattached++;
		d->space = vcm_dma_space;
	} else if (!vcm_dma_nattached) {
		vcm_dma_put_domain();
	}
	return ret;
}

static void vcm_dma_detach(struct vcm_dma_dev *d)
{
	if (!d->space)
		return;
	iommu_detach_device(vcm_dma_domain, d->dev);
	d->space = NULL;
	if (!--vcm_dma_nattached)
		vcm_dma_put_domain();
}

static bool vcm_dma_behind_iommu(struct device *dev)
{
	struct iommu_group *group = iommu_group_get(dev);

	iommu_group_put(group);
	return group;
}
#else
static int vcm_dma_attach(struct vcm_dma_dev *d)
{
	return -ENODEV;
}

static void vcm_dma_detach(struct vcm_dma_dev *d) { }

static bool vcm_dma_behind_iommu(struct device *dev)
{
	return false;
}
#endif

/* The driver of @d's device is gone: undo what it left, give the ops back. */
static void vcm_dma_uninstall(struct vcm_dma_dev *d)
{
	struct device *dev = d->dev;

	mutex_lock(&vcm_dma_lock);
	/* With what atomic callers left to the reaper, before the domain goes. */
	vcm_dma_unmap_all(d);
	set_dma_ops(dev, d->old_ops);
	vcm_compat_dma_iommu_swap(dev, d->old_dma_iommu);
	vcm_dma_detach(d);
	vcm_dma_set_dev(d, NULL);
	dev_info(dev, "vcm: dma: DMA API given back\n");
	mutex_unlock(&vcm_dma_lock);
	module_put(THIS_MODULE);
}

/*
 * VCM's ops go with the driver's devres, as the last of them: registered
 * before the probe, released after everything the driver's probe or its
 * life registered, dmam_alloc_coherent() memory included, which is so
 * freed through VCM's ops while they are still installed. This holds for
 * a probe that fails (-EPROBE_DEFER included: the next probe installs
 * afresh) as for an unbind, where the driver core's notifications would
 * come too early (a failed probe's comes before its devres is released).
 */
static void vcm_dma_devres_release(void *data)
{
	vcm_dma_uninstall(data);
}

/* A driver is about to probe @dev: give it VCM's ops if it is listed. */
static void vcm_dma_install(struct device *dev)
{
	struct vcm_dma_dev *d;
	int ret;

	mutex_lock(&vcm_dma_lock);
	d = vcm_dma_find_name(dev_name(dev));
	if (!d || d->dev)
		goto out;
	if (vcm_dma_behind_iommu(dev) && !IS_ENABLED(CONFIG_PREEMPT_COUNT)) {
		/* VCM's space sleeps, and nothing would tell it may not. */
		dev_err(dev, "vcm: dma: behind an IOMMU, VCM's ops need CONFIG_PREEMPT_COUNT; DMA API left as it was\n");
		goto out;
	}
	if (!try_module_get(THIS_MODULE))
		goto out;
	d->old_ops = get_dma_ops(dev);
	vcm_dma_set_dev(d, dev);
	if (vcm_dma_behind_iommu(dev)) {
		ret = vcm_dma_attach(d);
		if (ret) {
			dev_err(dev, "vcm: dma: cannot attach VCM's IOMMU domain (%d); DMA API left as it was\n",
				ret);
			goto err_put;
		}
	}
	d->old_dma_iommu = vcm_compat_dma_iommu_swap(dev, false);
	set_dma_ops(dev, &vcm_dma_ops);
	mutex_unlock(&vcm_dma_lock);
	/* On failure it has already run: the DMA API is the kernel's again. */
	ret = devm_add_action_or_reset(dev, vcm_dma_devres_release, d);
	if (!ret)
		dev_info(dev, "vcm: dma: DMA API through VCM (%s)\n",
			 d->space ? "iommu" : "direct");
	return;

err_put:
	vcm_dma_set_dev(d, NULL);
	module_put(THIS_MODULE);
out:
	mutex_unlock(&vcm_dma_lock);
}

static int vcm_dma_notify(struct notifier_block *nb, unsigned long action,
			  void *data)
{
	if (action == BUS_NOTIFY_BIND_DRIVER)
		vcm_dma_install(data);
	return NOTIFY_DONE;
}

static struct notifier_block vcm_dma_nb = {
	.notifier_call = vcm_dma_notify,
};

static int vcm_dma_devices_show(struct seq_file *m, void *unused)
{
	seq_puts(m, "# name state mappings\n");
	mutex_lock(&vcm_dma_lock);
	vcm_dma_list_show(m);
	mutex_unlock(&vcm_dma_lock);
	return 0;
}

static int vcm_dma_devices_open(struct inode *inode, struct file *file)
{
	return single_open(file, vcm_dma_devices_show, NULL);
}

static ssize_t vcm_dma_devices_write(struct file *file,
				     const char __user *ubuf, size_t len,
				     loff_t *pos)
{
	char buf[VCM_DMA_NAME + 2], *name;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	name = strim(buf);
	mutex_lock(&vcm_dma_lock);
	if (*name == '-')
		ret = vcm_dma_list_del(name + 1);
	else
		ret = vcm_dma_list_add(name);
	mutex_unlock(&vcm_dma_lock);
	return ret ?: len;
}

static const struct file_operations vcm_dma_devices_fops = {
	.owner = THIS_MODULE,
	.open = vcm_dma_devices_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = vcm_dma_devices_write,
};

/**
 * vcm_dma_ops_init - set up the whitelist and the shared space
 *
 * Returns: 0; -EINVAL for a malformed ``dma_devices``; -ENOMEM.
 */
int vcm_dma_ops_init(void)
{
	char *buf = NULL, *cur, *name;
	struct dentry *dir;
	int ret = 0;

	if (vcm_dma_devices_param) {
		buf = kstrdup(vcm_dma_devices_param, GFP_KERNEL);
		if (!buf)
			ret = -ENOMEM;
	}
	cur = buf;
	mutex_lock(&vcm_dma_lock);
	while (!ret && cur && (name = strsep(&cur, ",")))
		ret = vcm_dma_list_add(name);
	mutex_unlock(&vcm_dma_lock);
	kfree(buf);
	if (!ret)
		ret = bus_register_notifier(&pci_bus_type, &vcm_dma_nb);
	if (ret) {
		pr_err("vcm: dma_devices=%s refused (%d)\n",
		       vcm_dma_devices_param, ret);
		vcm_dma_ops_fini();
		return ret;
	}
	dir = debugfs_lookup("vcm", NULL);
	if (!IS_ERR_OR_NULL(dir)) {
		vcm_dma_dentry = debugfs_create_file("dma_devices", 0600, dir,
						     NULL,
						     &vcm_dma_devices_fops);
		dput(dir);
	}
	return 0;
}

/**
 * vcm_dma_ops_fini - undo vcm_dma_ops_init() at unload
 *
 * No device has VCM's ops by then: each holds a reference on the module.
 */
void vcm_dma_ops_fini(void)
{
	debugfs_remove(vcm_dma_dentry);
	vcm_dma_dentry = NULL;
	bus_unregister_notifier(&pci_bus_type, &vcm_dma_nb);
	vcm_dma_reap_flush();
	vcm_dma_list_free();
}

#else /* !VCM_HAVE_DMA_OPS */

int vcm_dma_ops_init(void)
{
	if (!vcm_dma_devices_param)
		return 0;
	pr_err("vcm: dma_devices needs a kernel with dma_map_ops (CONFIG_DMA_OPS or CONFIG_ARCH_HAS_DMA_OPS)\n");
	return -EINVAL;
}

void vcm_dma_ops_fini(void) { }

#endif /* VCM_HAVE_DMA_OPS */
