// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * vcm_virt: DRM_VCM_VM_BIND, many maps and unmaps of one reservation in one
 * call, all or nothing, on drm_gpuvm (kernels that have it: see
 * CONFIG_DRM_VCM_GPUVM; elsewhere vcm_virt.h makes the ioctl -EOPNOTSUPP).
 */

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <drm/drm_gem.h>
#include <drm/drm_gpuvm.h>
#include <drm/drm_print.h>
#include <drm/drm_vcm_gpuvm.h>

#include "vcm_virt.h"

/**
 * DOC: VM_BIND
 *
 * The first DRM_VCM_VM_BIND of a reservation makes it a GPU VM: a
 * &struct drm_gpuvm over the reservation's range, which tracks the
 * mappings and works out, for each op, which of them a map or unmap
 * splits or replaces. Each step it hands back is done on the page tables
 * by the VCM helper of that step (drm_vcm_gpuvm_map(), _remap(),
 * _unmap()), which either does all of the step or nothing.
 *
 * The ops of one call are all or nothing. Everything that can be checked
 * without changing anything is checked first, for every op; what can
 * still fail is a step's page-table work (memory, the table budget, a
 * format's address limits). The call keeps a log while it runs: every
 * mapping it put into the tree (@added), every mapping that was there
 * before and that it took out (@removed), and mappings of its own it took
 * out again (@dead). Mappings it took out stay allocated, with their
 * object reference, until the call ends. On success they are freed; on
 * failure the call unbinds what it added (whole bindings, which need no
 * memory) and binds back and reinserts what it removed, each as the one
 * binding it was.
 */

/**
 * struct vcm_virt_vm - the GPU VM of a reservation
 * @gpuvm: the mappings, over the reservation's range
 */
struct vcm_virt_vm {
	struct drm_gpuvm gpuvm;
};

/**
 * struct vcm_virt_va - one mapping of a VM
 * @base: the mapping as drm_gpuvm tracks it
 * @bo: the object; the mapping holds a GEM reference on it
 * @flags: DRM_VCM_BIND_* of the mapping
 * @fresh: made by the DRM_VCM_VM_BIND that is running
 * @link: entry in a list of &struct vcm_virt_job while a call runs;
 *	empty otherwise
 *
 * Each mapping is exactly one VCM binding of the reservation.
 */
struct vcm_virt_va {
	struct drm_gpuva base;
	struct vcm_virt_bo *bo;
	u32 flags;
	bool fresh;
	struct list_head link;
};

/**
 * struct vcm_virt_job - one DRM_VCM_VM_BIND while it runs
 * @res: the reservation
 * @gpuvm: its VM
 * @bo: the object of the map op that runs
 * @flags: the flags of that op
 * @added: fresh mappings in the tree
 * @removed: mappings from before the call, taken out of the tree
 * @dead: fresh mappings taken out again
 */
struct vcm_virt_job {
	struct drm_vcm_res *res;
	struct drm_gpuvm *gpuvm;
	struct vcm_virt_bo *bo;
	u32 flags;
	struct list_head added;
	struct list_head removed;
	struct list_head dead;
};

static struct vcm_virt_va *to_vcm_virt_va(struct drm_gpuva *va)
{
	return container_of(va, struct vcm_virt_va, base);
}

static struct vcm_virt_va *vcm_virt_va_new(struct vcm_virt_bo *bo, u32 flags)
{
	struct vcm_virt_va *va = kzalloc(sizeof(*va), GFP_KERNEL_ACCOUNT);

	if (!va)
		return NULL;
	drm_gem_object_get(&bo->base.base);
	va->bo = bo;
	va->flags = flags;
	va->fresh = true;
	INIT_LIST_HEAD(&va->link);
	return va;
}

static void vcm_virt_va_free(struct vcm_virt_va *va)
{
	if (!va)
		return;
	drm_gem_object_put(&va->bo->base.base);
	kfree(va);
}

/* Offset of @va in the reservation: the tree keeps it inside. */
static u64 vcm_virt_va_offset(struct vcm_virt_job *job,
			      const struct vcm_virt_va *va)
{
	return va->base.va.addr - drm_vcm_res_addr(job->res);
}

/* @va left the tree: keep it until the call ends. */
static void vcm_virt_va_retire(struct vcm_virt_job *job,
			       struct vcm_virt_va *va)
{
	if (va->fresh)
		list_move_tail(&va->link, &job->dead);
	else
		list_add_tail(&va->link, &job->removed);
}

static int vcm_virt_step_map(struct drm_gpuva_op *op, void *priv)
{
	struct vcm_virt_job *job = priv;
	struct vcm_virt_va *va;
	int ret;

	va = vcm_virt_va_new(job->bo, job->flags);
	if (!va)
		return -ENOMEM;
	ret = drm_vcm_gpuvm_map(job->res, &op->map, job->bo->mem, job->flags);
	if (ret) {
		vcm_virt_va_free(va);
		return ret;
	}
	drm_gpuva_map(job->gpuvm, &va->base, &op->map);
	list_add_tail(&va->link, &job->added);
	return 0;
}

static int vcm_virt_step_remap(struct drm_gpuva_op *op, void *priv)
{
	struct drm_gpuva_op_remap *r = &op->remap;
	struct vcm_virt_va *old = to_vcm_virt_va(r->unmap->va);
	struct vcm_virt_va *prev = NULL, *next = NULL;
	struct vcm_virt_job *job = priv;
	int ret = -ENOMEM;

	/* The kept parts: the same object, offsets and flags. */
	if (r->prev) {
		prev = vcm_virt_va_new(old->bo, old->flags);
		if (!prev)
			goto err;
	}
	if (r->next) {
		next = vcm_virt_va_new(old->bo, old->flags);
		if (!next)
			goto err;
	}
	ret = drm_vcm_gpuvm_remap(job->res, r);
	if (ret)
		goto err;
	drm_gpuva_remap(prev ? &prev->base : NULL, next ? &next->base : NULL,
			r);
	if (prev)
		list_add_tail(&prev->link, &job->added);
	if (next)
		list_add_tail(&next->link, &job->added);
	vcm_virt_va_retire(job, old);
	return 0;

err:
	vcm_virt_va_free(prev);
	vcm_virt_va_free(next);
	return ret;
}

static int vcm_virt_step_unmap(struct drm_gpuva_op *op, void *priv)
{
	struct vcm_virt_va *va = to_vcm_virt_va(op->unmap.va);
	struct vcm_virt_job *job = priv;
	int ret;

	ret = drm_vcm_gpuvm_unmap(job->res, &op->unmap);
	if (ret)
		return ret;
	drm_gpuva_unmap(&op->unmap);
	vcm_virt_va_retire(job, va);
	return 0;
}

static void vcm_virt_vm_free(struct drm_gpuvm *gpuvm)
{
	kfree(container_of(gpuvm, struct vcm_virt_vm, gpuvm));
}

static const struct drm_gpuvm_ops vcm_virt_gpuvm_ops = {
	.vm_free = vcm_virt_vm_free,
	.sm_step_map = vcm_virt_step_map,
	.sm_step_remap = vcm_virt_step_remap,
	.sm_step_unmap = vcm_virt_step_unmap,
};

/* The call succeeded: free what it took out, its mappings become old. */
static void vcm_virt_job_commit(struct vcm_virt_job *job)
{
	struct vcm_virt_va *va, *tmp;

	list_for_each_entry_safe(va, tmp, &job->added, link) {
		va->fresh = false;
		list_del_init(&va->link);
	}
	list_for_each_entry_safe(va, tmp, &job->removed, link) {
		list_del(&va->link);
		vcm_virt_va_free(va);
	}
	list_for_each_entry_safe(va, tmp, &job->dead, link) {
		list_del(&va->link);
		vcm_virt_va_free(va);
	}
}

/*
 * An op failed: take out what the call put in, then bind back and
 * reinsert what it took out. Unbinding a whole binding needs no memory;
 * binding back needs the tables the call freed, within the file's budget,
 * which the page allocator could refuse alone: such a mapping stays
 * unmapped (and out of the tree) and the result is -ENOMEM.
 */
static int vcm_virt_job_undo(struct vcm_virt_job *job)
{
	struct vcm_virt_va *va, *tmp;
	int ret = 0, err;

	list_for_each_entry_safe(va, tmp, &job->added, link) {
		drm_vcm_unbind_range(job->res, vcm_virt_va_offset(job, va),
				     va->base.va.range);
		drm_gpuva_remove(&va->base);
		list_del(&va->link);
		vcm_virt_va_free(va);
	}
	list_for_each_entry_safe(va, tmp, &job->dead, link) {
		list_del(&va->link);
		vcm_virt_va_free(va);
	}
	list_for_each_entry_safe(va, tmp, &job->removed, link) {
		list_del_init(&va->link);
		err = drm_vcm_bind(job->res, vcm_virt_va_offset(job, va),
				   va->base.va.range, va->bo->mem,
				   va->base.gem.offset, va->flags);
		/* The range is free in the tree: insert cannot fail. */
		if (!err) {
			err = drm_gpuva_insert(job->gpuvm, &va->base);
			if (err)
				drm_vcm_unbind_range(job->res,
						     vcm_virt_va_offset(job, va),
						     va->base.va.range);
		}
		if (err) {
			ret = -ENOMEM;
			vcm_virt_va_free(va);
		}
	}
	return ret;
}

static int vcm_virt_vm_create(struct drm_device *drm, struct vcm_virt_res *vr)
{
	struct drm_gem_object *r_obj;
	struct vcm_virt_vm *vm;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL_ACCOUNT);
	if (!vm)
		return -ENOMEM;
	/* drm_gpuvm wants a reservation object; ours stays unused. */
	r_obj = drm_gpuvm_resv_object_alloc(drm);
	if (!r_obj) {
		kfree(vm);
		return -ENOMEM;
	}
	drm_gpuvm_init(&vm->gpuvm, "vcm_virt", 0, drm, r_obj,
		       drm_vcm_res_addr(vr->res), drm_vcm_res_size(vr->res),
		       0, 0, &vcm_virt_gpuvm_ops);
	drm_gem_object_put(r_obj);
	vr->vm = vm;
	return 0;
}

/**
 * vcm_virt_vm_busy - does a reservation's VM have mappings?
 * @vr: the reservation, which may have no VM
 *
 * Returns: true if DRM_VCM_VM_BIND mapped something in @vr that is still
 * mapped.
 */
bool vcm_virt_vm_busy(const struct vcm_virt_res *vr)
{
	return vr->vm && !list_empty(&vr->vm->gpuvm.rb.list);
}

/**
 * vcm_virt_vm_destroy - unmap everything of a reservation's VM, free it
 * @vr: the reservation, which may have no VM
 *
 * All mappings go in one request, so each MMU is flushed once.
 */
void vcm_virt_vm_destroy(struct vcm_virt_res *vr)
{
	struct vcm_virt_vm *vm = vr->vm;
	struct drm_gpuva *va, *next;

	if (!vm)
		return;
	/* Cannot fail: whole bindings only, nothing to split. */
	if (vcm_virt_vm_busy(vr))
		drm_vcm_unbind_range(vr->res, 0, drm_vcm_res_size(vr->res));
	drm_gpuvm_for_each_va_safe(va, next, &vm->gpuvm) {
		drm_gpuva_remove(va);
		vcm_virt_va_free(to_vcm_virt_va(va));
	}
	drm_gpuvm_put(&vm->gpuvm);
	vr->vm = NULL;
}

/*
 * Every check of one op that changes nothing; a map's object is looked up
 * into *@bop, with a reference.
 */
static int vcm_virt_op_check(struct drm_file *file, struct vcm_virt_res *vr,
			     const struct drm_vcm_vm_bind_op *op,
			     struct vcm_virt_bo **bop)
{
	u64 start = drm_vcm_res_addr(vr->res);
	struct vcm_virt_bo *bo;

	if (op->pad || op->op > DRM_VCM_VM_BIND_OP_UNMAP ||
	    (op->flags & ~VCM_VIRT_BIND_FLAGS) ||
	    (op->op == DRM_VCM_VM_BIND_OP_UNMAP &&
	     (op->flags || op->handle || op->bo_offset)))
		return -EINVAL;
	if (!op->range || !vcm_virt_aligned(op->addr) ||
	    !vcm_virt_aligned(op->range) || !vcm_virt_aligned(op->bo_offset) ||
	    vcm_virt_wraps(op->addr, op->range) ||
	    vcm_virt_wraps(op->bo_offset, op->range))
		return -EINVAL;
	if (op->addr < start ||
	    !vcm_virt_inside(op->addr - start, op->range,
			     drm_vcm_res_size(vr->res)))
		return -ERANGE;
	if (op->op == DRM_VCM_VM_BIND_OP_UNMAP)
		return 0;
	bo = vcm_virt_bo_lookup(file, op->handle);
	if (!bo)
		return -ENOENT;
	if (!vcm_virt_inside(op->bo_offset, op->range, bo->base.base.size)) {
		drm_gem_object_put(&bo->base.base);
		return -ERANGE;
	}
	*bop = bo;
	return 0;
}

/*
 * Pin the objects of the first @n ops for the call (@pin), or end the
 * call's hold on them (!@pin): then @done says whether the call succeeded,
 * and an object that no binding uses is unpinned again.
 */
static int vcm_virt_ops_pin(struct vcm_virt_bo **bos, u32 n, bool pin,
			    bool done, u32 *failed)
{
	u32 i;
	int ret;

	for (i = 0; i < n; i++) {
		struct vcm_virt_bo *bo = bos[i];

		if (!bo)
			continue;
		mutex_lock(&bo->lock);
		if (pin) {
			ret = vcm_virt_bo_mem(bo);
			if (!ret)
				bo->vm_binds++;
			mutex_unlock(&bo->lock);
			if (ret) {
				*failed = i;
				vcm_virt_ops_pin(bos, i, false, false, NULL);
				return ret;
			}
			continue;
		}
		bo->vm_binds--;
		if (done)
			bo->bound = true;
		else
			vcm_virt_bo_mem_undo(bo);
		mutex_unlock(&bo->lock);
	}
	return 0;
}

/* Do the ops in order; on a failure, undo those done. */
static int vcm_virt_ops_run(struct vcm_virt_res *vr,
			    const struct drm_vcm_vm_bind_op *ops,
			    struct vcm_virt_bo **bos, u32 n, u32 *failed)
{
	struct vcm_virt_job job = {
		.res = vr->res,
		.gpuvm = &vr->vm->gpuvm,
		.added = LIST_HEAD_INIT(job.added),
		.removed = LIST_HEAD_INIT(job.removed),
		.dead = LIST_HEAD_INIT(job.dead),
	};
	u32 i;
	int ret = 0, err;

	for (i = 0; i < n && !ret; i++) {
		const struct drm_vcm_vm_bind_op *op = &ops[i];

		if (op->op == DRM_VCM_VM_BIND_OP_MAP) {
			job.bo = bos[i];
			job.flags = op->flags;
			ret = drm_gpuvm_sm_map(job.gpuvm, &job, op->addr,
					       op->range, &bos[i]->base.base,
					       op->bo_offset);
		} else {
			ret = drm_gpuvm_sm_unmap(job.gpuvm, &job, op->addr,
						 op->range);
		}
		if (ret)
			*failed = i;
	}
	if (!ret) {
		vcm_virt_job_commit(&job);
		return 0;
	}
	err = vcm_virt_job_undo(&job);
	return err ?: ret;
}

/**
 * vcm_virt_vm_bind_ioctl - DRM_VCM_VM_BIND
 * @drm: the device
 * @data: &struct drm_vcm_vm_bind
 * @file: the DRM file
 *
 * Returns: 0, or an errno &struct drm_vcm_vm_bind documents.
 */
int vcm_virt_vm_bind_ioctl(struct drm_device *drm, void *data,
			   struct drm_file *file)
{
	struct drm_vcm_vm_bind *args = data;
	struct drm_vcm_vm_bind_op *ops = NULL;
	struct vcm_virt_bo **bos = NULL;
	u32 i, n = args->num_ops;
	struct vcm_virt_res *vr;
	int ret;

	args->failed_op = n;
	if (args->flags || args->pad || !n || n > DRM_VCM_VM_BIND_MAX_OPS)
		return -EINVAL;
	ops = kvmalloc_array(n, sizeof(*ops), GFP_KERNEL_ACCOUNT);
	bos = kvcalloc(n, sizeof(*bos), GFP_KERNEL_ACCOUNT);
	if (!ops || !bos) {
		ret = -ENOMEM;
		goto out_free;
	}
	if (copy_from_user(ops, u64_to_user_ptr(args->ops),
			   array_size(n, sizeof(*ops)))) {
		ret = -EFAULT;
		goto out_free;
	}
	ret = vcm_virt_lock(file);
	if (ret)
		goto out_free;
	vr = vcm_virt_res_lookup(file, args->space_id, args->res_id);
	if (!vr) {
		ret = -ENOENT;
		goto out_unlock;
	}
	/* The per-binding ioctls' bindings are not the VM's to split. */
	if (!list_empty(&vr->bindings)) {
		ret = -EBUSY;
		goto out_unlock;
	}
	for (i = 0; i < n; i++) {
		ret = vcm_virt_op_check(file, vr, &ops[i], &bos[i]);
		if (ret) {
			args->failed_op = i;
			goto out_unlock;
		}
	}
	if (!vr->vm) {
		ret = vcm_virt_vm_create(drm, vr);
		if (ret)
			goto out_unlock;
	}
	ret = vcm_virt_ops_pin(bos, n, true, false, &args->failed_op);
	if (ret)
		goto out_unlock;
	ret = vcm_virt_ops_run(vr, ops, bos, n, &args->failed_op);
	vcm_virt_ops_pin(bos, n, false, !ret, NULL);
out_unlock:
	vcm_virt_unlock(file);
	for (i = 0; i < n && bos; i++)
		if (bos[i])
			drm_gem_object_put(&bos[i]->base.base);
out_free:
	kvfree(bos);
	kvfree(ops);
	if (ret)
		drm_dbg(drm, "vm bind: op %u of %u: %d\n", args->failed_op, n,
			ret);
	return ret;
}
