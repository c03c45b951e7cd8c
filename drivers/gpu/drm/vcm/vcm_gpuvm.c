// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * VCM as the page-table half of drm_gpuvm.
 */

#include <linux/export.h>
#include <drm/drm_gpuvm.h>
#include <drm/drm_vcm.h>
#include <drm/drm_vcm_gpuvm.h>

/**
 * DOC: drm_gpuvm
 *
 * drm_gpuvm tracks a driver's GPU VA mappings and works out how a new
 * mapping or an unmap splits and replaces the existing ones, as a sequence
 * of map, remap and unmap steps (drm_gpuvm_sm_map(), drm_gpuvm_sm_unmap()),
 * but leaves the page tables to the driver. VCM writes page tables but has
 * no notion of GEM objects. The helpers here join the two: a driver keeps
 * its &struct drm_gpuvm and one VCM reservation spanning the VA range the
 * gpuvm manages, and in each step callback it updates the gpuvm's tree and
 * calls the matching helper, which writes the tables of every MMU attached
 * to the space and flushes each of them once:
 *
 * - drm_vcm_gpuvm_map() binds the GEM object's backing for a map step,
 * - drm_vcm_gpuvm_remap() unbinds the part of a mapping a remap step
 *   takes away, keeping its prev and next parts bound where they are
 *   (drm_vcm_unbind_range(): large pages across the cut are split),
 * - drm_vcm_gpuvm_unmap() unbinds a whole mapping.
 *
 * drm_gpuvm_sm_map() runs the steps in order and does not undo those
 * already done when one fails; each helper fails before changing anything,
 * so the space always holds what the steps that succeeded asked for, and
 * a driver that must not fail halfway checks the list from
 * drm_gpuvm_sm_map_ops_create() first.
 * The GEM object's backing is the driver's: it gives each map step the
 * &struct drm_vcm_mem of &drm_gpuva_op_map.gem.obj (typically made once per
 * object with drm_vcm_mem_from_sgt()) and the bind flags of the mapping.
 *
 * Typical use, in a driver whose &struct drm_gpuvm_ops are these::
 *
 *	static int my_step_map(struct drm_gpuva_op *op, void *priv)
 *	{
 *		struct my_job *job = priv;
 *		struct my_va *va = job->prealloc_va;	// allocated before
 *		int ret;
 *
 *		ret = drm_vcm_gpuvm_map(job->vm->res, &op->map,
 *					to_my_bo(op->map.gem.obj)->vcm_mem,
 *					job->flags);
 *		if (ret)
 *			return ret;
 *		drm_gpuva_map(&job->vm->gpuvm, &va->base, &op->map);
 *		drm_gpuva_link(&va->base, job->vm_bo);
 *		return 0;
 *	}
 *
 *	static int my_step_remap(struct drm_gpuva_op *op, void *priv)
 *	{
 *		struct my_job *job = priv;
 *		int ret;
 *
 *		ret = drm_vcm_gpuvm_remap(job->vm->res, &op->remap);
 *		if (ret)
 *			return ret;
 *		drm_gpuva_remap(job->prev, job->next, &op->remap);
 *		// link prev and next, unlink and free the old one
 *		return 0;
 *	}
 *
 *	static int my_step_unmap(struct drm_gpuva_op *op, void *priv)
 *	{
 *		struct my_job *job = priv;
 *		int ret;
 *
 *		ret = drm_vcm_gpuvm_unmap(job->vm->res, &op->unmap);
 *		if (ret)
 *			return ret;
 *		drm_gpuva_unmap(&op->unmap);
 *		// unlink and free the &struct drm_gpuva
 *		return 0;
 *	}
 *
 *	// VM_BIND: map [addr, addr + range) to bo at offset
 *	drm_gpuvm_sm_map(&vm->gpuvm, job, addr, range, bo, offset);
 *	// VM_BIND: unmap [addr, addr + range), splitting what crosses it
 *	drm_gpuvm_sm_unmap(&vm->gpuvm, job, addr, range);
 *
 * The reservation is made with drm_vcm_reserve_at() over the gpuvm's
 * managed range (its kernel-reserved node aside) when the VM is created.
 * The helpers exist on kernels that have drm_gpuvm (6.6 and later; Debian's
 * 6.12, not 6.1): see CONFIG_DRM_VCM_GPUVM.
 */

static int vcm_gpuvm_offset(const struct drm_vcm_res *res, u64 addr,
			    u64 range, u64 *offset)
{
	u64 start = drm_vcm_res_addr(res);

	if (addr < start || addr - start > drm_vcm_res_size(res) ||
	    range > drm_vcm_res_size(res) - (addr - start))
		return -ERANGE;
	*offset = addr - start;
	return 0;
}

/**
 * drm_vcm_gpuvm_map - execute a map step of drm_gpuvm
 * @res: the reservation spanning the gpuvm's VA range
 * @op: the step's &drm_gpuva_op_map
 * @mem: the backing of @op->gem.obj, from its first byte
 * @flags: bind flags, as for drm_vcm_bind()
 *
 * Binds [@op->va.addr, @op->va.addr + @op->va.range) to @mem from
 * @op->gem.offset; drm_gpuvm has already issued the unmap and remap steps
 * that cleared the range.
 *
 * Returns: 0, or the errors of drm_vcm_bind(); -ERANGE also if the step
 * lies outside @res.
 */
int drm_vcm_gpuvm_map(struct drm_vcm_res *res,
		      const struct drm_gpuva_op_map *op,
		      struct drm_vcm_mem *mem, u32 flags)
{
	u64 off;
	int ret;

	ret = vcm_gpuvm_offset(res, op->va.addr, op->va.range, &off);
	if (ret)
		return ret;
	return drm_vcm_bind(res, off, op->va.range, mem, op->gem.offset,
			    flags);
}
EXPORT_SYMBOL_GPL(drm_vcm_gpuvm_map);

/**
 * drm_vcm_gpuvm_remap - execute a remap step of drm_gpuvm
 * @res: the reservation spanning the gpuvm's VA range
 * @op: the step's &drm_gpuva_op_remap
 *
 * Unbinds the part of @op->unmap->va that neither @op->prev nor @op->next
 * keeps; the kept parts stay bound as they were (the same backing, offset
 * and flags), as separate bindings. One request: every MMU is flushed
 * once.
 *
 * Returns: 0, or the errors of drm_vcm_unbind_range(); -ERANGE also if
 * the step lies outside @res.
 */
int drm_vcm_gpuvm_remap(struct drm_vcm_res *res,
			const struct drm_gpuva_op_remap *op)
{
	u64 addr, range, off;
	int ret;

	drm_gpuva_op_remap_to_unmap_range(op, &addr, &range);
	ret = vcm_gpuvm_offset(res, addr, range, &off);
	if (ret)
		return ret;
	return drm_vcm_unbind_range(res, off, range);
}
EXPORT_SYMBOL_GPL(drm_vcm_gpuvm_remap);

/**
 * drm_vcm_gpuvm_unmap - execute an unmap step of drm_gpuvm
 * @res: the reservation spanning the gpuvm's VA range
 * @op: the step's &drm_gpuva_op_unmap
 *
 * Unbinds the whole of @op->va.
 *
 * Returns: 0, or the errors of drm_vcm_unbind_range(); -ERANGE also if
 * the step lies outside @res.
 */
int drm_vcm_gpuvm_unmap(struct drm_vcm_res *res,
			const struct drm_gpuva_op_unmap *op)
{
	u64 off;
	int ret;

	ret = vcm_gpuvm_offset(res, op->va->va.addr, op->va->va.range, &off);
	if (ret)
		return ret;
	return drm_vcm_unbind_range(res, off, op->va->va.range);
}
EXPORT_SYMBOL_GPL(drm_vcm_gpuvm_unmap);
