/* SPDX-License-Identifier: MIT */
/*
 * uAPI of vcm_virt, the virtual GPU of VCM: a render node whose MMU walks
 * VCM's page tables and whose copy engine moves data through GPU virtual
 * addresses.
 *
 * Rules common to every ioctl:
 *
 * - every field named pad, and every field marked "must be zero", must be
 *   zero; every bit of a flags field that is not defined below must be
 *   clear; otherwise the ioctl fails with -EINVAL;
 * - ids (space, reservation, MMU, format index) and GEM handles belong to
 *   the DRM file that created them; an unknown or foreign one is -ENOENT;
 * - sizes, addresses and offsets of the VA ioctls are multiples of 4096;
 *   a zero size, a misaligned value or a range that wraps around 2^64 is
 *   -EINVAL;
 * - every ioctl either does all it was asked or changes nothing, so one
 *   interrupted by a signal may simply be issued again;
 * - the page tables of all spaces of one DRM file share one budget, whose
 *   cap is the vcm_virt module parameter table_budget_mib (read when the
 *   file is opened); SPACE_CREATE, SPACE_ATTACH, VA_BIND and VM_BIND
 *   fail with -EDQUOT, changing nothing, when a table they need would
 *   pass it.
 *   Destroying spaces, unbinding and closing the file give it back;
 * - a signal can interrupt an ioctl only while it waits for another ioctl
 *   of the same file (-EINTR, or a restart with SA_RESTART; nothing done);
 *   once running, an ioctl finishes whatever signals arrive, so none can
 *   be kept from finishing by a stream of signals (DRM_VCM_COPY alone
 *   stops early, on a fatal signal);
 * - the two ioctls that reach the system's AGP bridge (DRM_VCM_AGP_INFO,
 *   DRM_VCM_SPACE_ATTACH with DRM_VCM_ATTACH_AGP) need CAP_SYS_ADMIN, as
 *   DRM_ROOT_ONLY ioctls do: -EACCES without it.
 */

#ifndef _UAPI_VCM_DRM_H_
#define _UAPI_VCM_DRM_H_

#include "drm.h"

#if defined(__cplusplus)
extern "C" {
#endif

#define DRM_VCM_FORMAT_INFO	0x00
#define DRM_VCM_SPACE_CREATE	0x01
#define DRM_VCM_SPACE_DESTROY	0x02
#define DRM_VCM_SPACE_ATTACH	0x03
#define DRM_VCM_BO_CREATE	0x04
#define DRM_VCM_BO_MMAP		0x05
#define DRM_VCM_VA_RESERVE	0x06
#define DRM_VCM_VA_UNRESERVE	0x07
#define DRM_VCM_VA_BIND		0x08
#define DRM_VCM_VA_UNBIND	0x09
#define DRM_VCM_COPY		0x0a
#define DRM_VCM_AGP_INFO	0x0b
#define DRM_VCM_VM_BIND		0x0c

/* Length of &drm_vcm_format_info.name, NUL included. */
#define DRM_VCM_NAME_LEN	32

/* Bind flags: &drm_vcm_va_bind.flags and &drm_vcm_format_info.entry_flags */
#define DRM_VCM_BIND_READ	(1u << 0)
#define DRM_VCM_BIND_WRITE	(1u << 1)
#define DRM_VCM_BIND_SNOOP	(1u << 2)

/**
 * struct drm_vcm_format_info - describe one page-table format
 *
 * Formats are numbered from 0 to @count - 1; an @index at or past @count
 * is -ENOENT.
 *
 * The structure grows only at its end, the DRM way: the kernel reads and
 * writes min(the caller's size, its own) bytes and zero-fills the rest, so
 * a binary built against an older, shorter version keeps working and one
 * built against a newer header on an older kernel reads zero in the fields
 * that kernel did not know (@max_va_size 0: not reported).
 */
struct drm_vcm_format_info {
	/** @index: in: which format */
	__u32 index;
	/** @flags: in: must be zero */
	__u32 flags;
	/** @count: out: number of formats */
	__u32 count;
	/** @va_bits: out: the format translates VAs below 2^@va_bits */
	__u32 va_bits;
	/** @pa_bits: out: entries hold addresses below 2^@pa_bits */
	__u32 pa_bits;
	/**
	 * @entry_flags: out: DRM_VCM_BIND_* bits an entry records; a bind
	 * without one of them is refused access the hardware way (a bind
	 * without WRITE faults on write), one outside it grants the access
	 * anyway
	 */
	__u32 entry_flags;
	/** @page_sizes: out: bit N set when the format maps 2^N-byte pages */
	__u64 page_sizes;
	/** @name: out: the format's name, NUL-terminated ("r600-gart", ...) */
	char name[DRM_VCM_NAME_LEN];
	/**
	 * @max_va_size: out: the largest space of the format, in bytes, a
	 * power of two: DRM_VCM_SPACE_CREATE of [0, @max_va_size) succeeds
	 * (memory permitting), a larger size is -ERANGE. For the GARTs it
	 * can be below 2^@va_bits (rs400-igp and amd64-gart: 2 GiB in a
	 * 32-bit VA space, where the space may start anywhere it still ends
	 * below 2^@va_bits). Added after the fields above.
	 */
	__u64 max_va_size;
};

/**
 * struct drm_vcm_space_create - create an address space
 *
 * The space covers [@va_start, @va_start + @va_size) and gets a first MMU
 * (MMU 0) of format @format, with its tables in system RAM. A range the
 * format cannot translate is -ERANGE (one ending past 2^va_bits, or larger
 * than &drm_vcm_format_info.max_va_size); an unknown format is -ENOENT; a
 * top table past the file's table budget is -EDQUOT; -ENOMEM when the
 * kernel has no memory for the space or its top table (up to 8 MiB,
 * physically contiguous; see vcm.rst).
 */
struct drm_vcm_space_create {
	/** @format: in: format index, as in &drm_vcm_format_info.index */
	__u32 format;
	/** @flags: in: must be zero */
	__u32 flags;
	/** @va_start: in: first VA of the space */
	__u64 va_start;
	/** @va_size: in: bytes of VA */
	__u64 va_size;
	/** @space_id: out: the new space's id, never 0 */
	__u32 space_id;
	/** @pad: must be zero */
	__u32 pad;
};

/**
 * struct drm_vcm_space_destroy - destroy an address space
 *
 * Unbinds, unreserves and detaches everything in the space first.
 */
struct drm_vcm_space_destroy {
	/** @space_id: in: the space */
	__u32 space_id;
	/** @flags: in: must be zero */
	__u32 flags;
};

/*
 * &drm_vcm_space_attach.flags: attach the system's AGP bridge, not a
 * format of vcm_virt's own.
 */
#define DRM_VCM_ATTACH_AGP	(1u << 0)

/**
 * struct drm_vcm_space_attach - attach a further MMU of another format
 *
 * The new MMU sees every binding of the space, present and future. At
 * most DRM_VCM_MAX_MMUS MMUs per space (-ENOSPC past that). A space range
 * the format cannot translate is -ERANGE. Tables for it and for the
 * space's bindings past the file's table budget are -EDQUOT.
 *
 * With DRM_VCM_ATTACH_AGP, @format must be 0 (-EINVAL otherwise) and the
 * new MMU is the system's AGP bridge: the kernel's AGP core writes every
 * binding of the space into the bridge's GATT, at the VA's page offset in
 * the aperture, and the copy engine translates through this MMU from the
 * pages the AGP core was given. The space must lie inside the aperture
 * (-ERANGE; see &drm_vcm_agp_info), and only pages below 4 GiB can be
 * bound (DRM_VCM_BO_DMA32; others are -ERANGE, at this ioctl for the
 * space's bindings so far, at DRM_VCM_VA_BIND afterwards). A bind over
 * aperture pages another AGP user holds is -EBUSY. The space holds the
 * bridge until it is destroyed or its DRM file closed. No AGP bridge, a
 * bridge held already (by another space too) or a kernel without AGP
 * support is -ENODEV. A caller without CAP_SYS_ADMIN is -EACCES.
 *
 * Returns 0 and @mmu, or an errno above, -ENOENT for an unknown space or
 * format, or -ENOMEM; a failed attach leaves the space as it was.
 */
struct drm_vcm_space_attach {
	/** @space_id: in: the space */
	__u32 space_id;
	/** @format: in: format index; 0 with DRM_VCM_ATTACH_AGP */
	__u32 format;
	/** @flags: in: DRM_VCM_ATTACH_* */
	__u32 flags;
	/** @mmu: out: index of the new MMU in the space (1, 2, ...) */
	__u32 mmu;
};

/* MMUs one space can have, MMU 0 included. */
#define DRM_VCM_MAX_MMUS	4

/* &drm_vcm_bo_create.flags: pages below 4 GiB, for 32-bit formats. */
#define DRM_VCM_BO_DMA32	(1u << 0)

/* Largest buffer object, in bytes. */
#define DRM_VCM_BO_MAX_SIZE	(1ull << 32)

/**
 * struct drm_vcm_bo_create - create a GEM buffer object
 *
 * The size is rounded up to a multiple of 4096; zero or more than
 * DRM_VCM_BO_MAX_SIZE is -EINVAL.
 */
struct drm_vcm_bo_create {
	/** @size: in: bytes */
	__u64 size;
	/** @flags: in: DRM_VCM_BO_* */
	__u32 flags;
	/** @handle: out: GEM handle */
	__u32 handle;
};

/**
 * struct drm_vcm_bo_mmap - get the fake offset to mmap() a buffer object
 */
struct drm_vcm_bo_mmap {
	/** @handle: in: GEM handle */
	__u32 handle;
	/** @flags: in: must be zero */
	__u32 flags;
	/** @offset: out: offset to pass to mmap() on this DRM file */
	__u64 offset;
};

/* &drm_vcm_va_reserve.flags: reserve exactly at @addr. */
#define DRM_VCM_RESERVE_FIXED	(1u << 0)

/**
 * struct drm_vcm_va_reserve - reserve a range of a space's VA
 *
 * Anywhere (aligned to @align, a power of two of at least 4096, or 0 for
 * 4096) or, with DRM_VCM_RESERVE_FIXED, exactly at @addr (@align must then
 * be 0). A fixed range outside the space is -ERANGE, one overlapping
 * another reservation -EBUSY; no free range large enough is -ENOSPC.
 */
struct drm_vcm_va_reserve {
	/** @space_id: in: the space */
	__u32 space_id;
	/** @flags: in: DRM_VCM_RESERVE_* */
	__u32 flags;
	/** @size: in: bytes */
	__u64 size;
	/** @align: in: alignment, see above */
	__u64 align;
	/** @addr: in with DRM_VCM_RESERVE_FIXED, else out: first VA */
	__u64 addr;
	/** @res_id: out: the reservation's id, never 0 */
	__u32 res_id;
	/** @pad: must be zero */
	__u32 pad;
};

/**
 * struct drm_vcm_va_unreserve - release a reservation
 *
 * A reservation with bindings in it is -EBUSY.
 */
struct drm_vcm_va_unreserve {
	/** @space_id: in: the space */
	__u32 space_id;
	/** @res_id: in: the reservation */
	__u32 res_id;
	/** @flags: in: must be zero */
	__u32 flags;
	/** @pad: must be zero */
	__u32 pad;
};

/**
 * struct drm_vcm_va_bind - bind part of a buffer object into a reservation
 *
 * Maps [@bo_offset, @bo_offset + @size) of the object at @res_offset in
 * the reservation, in every MMU of the space. A range outside the
 * reservation or the object is -ERANGE; one overlapping a binding -EBUSY;
 * pages the space's formats cannot address are -ERANGE. The binding holds
 * a reference to the object until it is unbound. The first bind of an
 * object that succeeds allocates and pins all of its pages, not only the
 * bound range, and they stay pinned until the object is freed; an object
 * too large for the memory left is -ENOMEM. Page tables the bind needs past
 * the file's table budget are -EDQUOT.
 *
 * Returns 0, or -ENOENT, -EINVAL, -ERANGE, -EBUSY, -EDQUOT or -ENOMEM as
 * above. A failed bind changes nothing: no binding, no entry written, no
 * reference taken, and an object never bound before is left unpinned (its
 * range checks, overflow-safe, come before any allocation or pin).
 */
struct drm_vcm_va_bind {
	/** @space_id: in: the space */
	__u32 space_id;
	/** @res_id: in: the reservation */
	__u32 res_id;
	/** @handle: in: GEM handle of the object */
	__u32 handle;
	/** @flags: in: DRM_VCM_BIND_* */
	__u32 flags;
	/** @res_offset: in: offset of the first byte in the reservation */
	__u64 res_offset;
	/** @size: in: bytes */
	__u64 size;
	/** @bo_offset: in: offset of the first byte in the object */
	__u64 bo_offset;
};

/**
 * struct drm_vcm_va_unbind - remove the binding starting at @res_offset
 *
 * No binding starting there is -ENOENT.
 */
struct drm_vcm_va_unbind {
	/** @space_id: in: the space */
	__u32 space_id;
	/** @res_id: in: the reservation */
	__u32 res_id;
	/** @res_offset: in: where the binding starts in the reservation */
	__u64 res_offset;
	/** @flags: in: must be zero */
	__u32 flags;
	/** @pad: must be zero */
	__u32 pad;
};

/* &drm_vcm_copy.fault values */
#define DRM_VCM_FAULT_NONE	0	/* the copy was done */
#define DRM_VCM_FAULT_INVALID	1	/* no valid entry maps the address */
#define DRM_VCM_FAULT_READ	2	/* the entry does not allow reads */
#define DRM_VCM_FAULT_WRITE	3	/* the entry does not allow writes */
#define DRM_VCM_FAULT_ADDRESS	4	/* the entry points outside bound memory */

/**
 * struct drm_vcm_copy - copy through GPU virtual addresses
 *
 * The copy engine translates every page of [@src, @src + @size) and of
 * [@dst, @dst + @size) through MMU @mmu of the space, by walking its page
 * tables, before it touches any memory. If a translation faults, nothing
 * is copied, the ioctl still returns 0 and @fault and @fault_addr say
 * where and why; otherwise @fault is DRM_VCM_FAULT_NONE. Source and
 * destination need no alignment but must not wrap; @size is at most
 * 2^32 bytes (-EINVAL).
 *
 * The copy behaves as memmove() on the memory behind the VAs: every
 * destination byte gets the value its source byte had before the copy,
 * whether the ranges overlap in VA or share pages through different VAs
 * (an object bound twice, or at other offsets).
 *
 * Returns 0 (copied, or a fault reported), -ENOENT (unknown space or
 * MMU), -EINVAL, -ENOMEM (nothing written) or -EINTR. Signals do not
 * interrupt a copy once it runs; only a fatal one ends it early, with
 * -EINTR and the destination possibly partly written.
 */
struct drm_vcm_copy {
	/** @space_id: in: the space */
	__u32 space_id;
	/** @mmu: in: MMU to translate through (0 is the first) */
	__u32 mmu;
	/** @src: in: GPU VA to read from */
	__u64 src;
	/** @dst: in: GPU VA to write to */
	__u64 dst;
	/** @size: in: bytes, not zero */
	__u64 size;
	/** @flags: in: must be zero */
	__u32 flags;
	/** @fault: out: DRM_VCM_FAULT_* */
	__u32 fault;
	/** @fault_addr: out: the GPU VA that faulted, or 0 */
	__u64 fault_addr;
};

/**
 * struct drm_vcm_agp_info - the aperture of the system's AGP bridge
 *
 * Where a space must lie to take DRM_VCM_ATTACH_AGP. No AGP bridge, a
 * bridge held already (by a space with DRM_VCM_ATTACH_AGP too) or a kernel
 * without AGP support is -ENODEV; a caller without CAP_SYS_ADMIN is
 * -EACCES. Returns 0 and the aperture, or one of these errnos.
 */
struct drm_vcm_agp_info {
	/** @flags: in: must be zero */
	__u32 flags;
	/** @pad: must be zero */
	__u32 pad;
	/** @aper_base: out: bus address of the aperture, its first VA */
	__u64 aper_base;
	/** @aper_size: out: bytes of the aperture */
	__u64 aper_size;
};

/* &drm_vcm_vm_bind_op.op */
#define DRM_VCM_VM_BIND_OP_MAP		0
#define DRM_VCM_VM_BIND_OP_UNMAP	1

/* Most ops one DRM_VCM_VM_BIND takes. */
#define DRM_VCM_VM_BIND_MAX_OPS		4096

/**
 * struct drm_vcm_vm_bind_op - one map or unmap of a DRM_VCM_VM_BIND
 *
 * Addresses are GPU VAs inside the reservation of the &drm_vcm_vm_bind.
 *
 * DRM_VCM_VM_BIND_OP_MAP maps [@bo_offset, @bo_offset + @range) of object
 * @handle at [@addr, @addr + @range) with the DRM_VCM_BIND_* bits of
 * @flags. Whatever earlier ops mapped in that range is replaced; a mapping
 * reaching across an end of it keeps its part outside, still mapped as it
 * was (its large pages are split where the range cuts them). Mapping a
 * range again with other @flags is how permissions change.
 *
 * DRM_VCM_VM_BIND_OP_UNMAP unmaps [@addr, @addr + @range), splitting
 * mappings across its ends the same way; ranges with nothing mapped are
 * skipped, and an unmap of nothing at all is no error. @flags, @handle and
 * @bo_offset must be zero.
 */
struct drm_vcm_vm_bind_op {
	/** @op: in: DRM_VCM_VM_BIND_OP_* */
	__u32 op;
	/** @flags: in: DRM_VCM_BIND_* for a map; zero for an unmap */
	__u32 flags;
	/** @handle: in: GEM handle for a map; zero for an unmap */
	__u32 handle;
	/** @pad: must be zero */
	__u32 pad;
	/** @addr: in: first GPU VA, a multiple of 4096 */
	__u64 addr;
	/** @range: in: bytes, a non-zero multiple of 4096 */
	__u64 range;
	/** @bo_offset: in: offset in the object for a map; zero for unmap */
	__u64 bo_offset;
};

/**
 * struct drm_vcm_vm_bind - map and unmap many ranges of a reservation in
 * one call
 *
 * The reservation is managed as one GPU VM (drm_gpuvm): @num_ops entries of
 * &struct drm_vcm_vm_bind_op at @ops are done in array order, each seeing
 * what the ones before it did, in every MMU of the space. A reservation
 * takes either DRM_VCM_VA_BIND bindings or DRM_VCM_VM_BIND mappings: this
 * ioctl on a reservation with DRM_VCM_VA_BIND bindings is -EBUSY, and so
 * is DRM_VCM_VA_BIND on one with DRM_VCM_VM_BIND mappings
 * (DRM_VCM_VA_UNBIND finds none of them: -ENOENT). DRM_VCM_VA_UNRESERVE of a reservation with
 * mappings is -EBUSY; destroying the space or closing the file unmaps them.
 *
 * All or nothing: every op is checked (ids, handles, flags, pads,
 * alignment, ranges) before anything changes, and when an op fails while
 * the page tables are written (-ENOMEM, -EDQUOT, -ERANGE for pages a
 * format cannot address, -EOPNOTSUPP for a split while an external MMU
 * such as the AGP bridge is attached), the ops done before it are undone,
 * so that the mappings, the page tables' translations and the bindings
 * debugfs lists are as before the call. Undoing allocates only page
 * tables that the call itself freed, within the file's budget; in the one
 * case it cannot complete, the page allocator failing even that, the
 * mappings it could not restore are left unmapped and the error is
 * -ENOMEM.
 * The first map of an object pins its pages as DRM_VCM_VA_BIND does; a
 * failed call leaves an object never bound before unpinned.
 *
 * Errors: -EINVAL (a flag, pad or unused field not zero, an unknown op, a
 * zero or misaligned range or address, a range wrapping around 2^64,
 * @num_ops zero or above DRM_VCM_VM_BIND_MAX_OPS), -EFAULT (@ops not
 * readable), -ENOENT (unknown space, reservation or handle), -ERANGE (a
 * range outside the reservation or the object, or pages a format cannot
 * address), -EBUSY (see above), -EDQUOT (the file's table budget),
 * -ENOMEM, -EOPNOTSUPP (above). On an error, @failed_op is the index of
 * the op at fault, or @num_ops when the error is not one op's (the space,
 * the reservation, memory for the call itself).
 *
 * Kernels without drm_gpuvm (before 6.6, so Debian's 6.1) do not have this
 * ioctl: it fails with -EOPNOTSUPP whatever its arguments, and the
 * per-binding ioctls are the way to bind there.
 */
struct drm_vcm_vm_bind {
	/** @space_id: in: the space */
	__u32 space_id;
	/** @res_id: in: the reservation the VM covers */
	__u32 res_id;
	/** @num_ops: in: entries at @ops */
	__u32 num_ops;
	/** @flags: in: must be zero */
	__u32 flags;
	/** @ops: in: user pointer to an array of &struct drm_vcm_vm_bind_op */
	__u64 ops;
	/** @failed_op: out: on an error, which op (see above) */
	__u32 failed_op;
	/** @pad: must be zero */
	__u32 pad;
};

#define DRM_IOCTL_VCM_FORMAT_INFO \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_FORMAT_INFO, struct drm_vcm_format_info)
#define DRM_IOCTL_VCM_SPACE_CREATE \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_SPACE_CREATE, struct drm_vcm_space_create)
#define DRM_IOCTL_VCM_SPACE_DESTROY \
	DRM_IOW(DRM_COMMAND_BASE + DRM_VCM_SPACE_DESTROY, struct drm_vcm_space_destroy)
#define DRM_IOCTL_VCM_SPACE_ATTACH \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_SPACE_ATTACH, struct drm_vcm_space_attach)
#define DRM_IOCTL_VCM_BO_CREATE \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_BO_CREATE, struct drm_vcm_bo_create)
#define DRM_IOCTL_VCM_BO_MMAP \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_BO_MMAP, struct drm_vcm_bo_mmap)
#define DRM_IOCTL_VCM_VA_RESERVE \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_VA_RESERVE, struct drm_vcm_va_reserve)
#define DRM_IOCTL_VCM_VA_UNRESERVE \
	DRM_IOW(DRM_COMMAND_BASE + DRM_VCM_VA_UNRESERVE, struct drm_vcm_va_unreserve)
#define DRM_IOCTL_VCM_VA_BIND \
	DRM_IOW(DRM_COMMAND_BASE + DRM_VCM_VA_BIND, struct drm_vcm_va_bind)
#define DRM_IOCTL_VCM_VA_UNBIND \
	DRM_IOW(DRM_COMMAND_BASE + DRM_VCM_VA_UNBIND, struct drm_vcm_va_unbind)
#define DRM_IOCTL_VCM_COPY \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_COPY, struct drm_vcm_copy)
#define DRM_IOCTL_VCM_AGP_INFO \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_AGP_INFO, struct drm_vcm_agp_info)
#define DRM_IOCTL_VCM_VM_BIND \
	DRM_IOWR(DRM_COMMAND_BASE + DRM_VCM_VM_BIND, struct drm_vcm_vm_bind)

#if defined(__cplusplus)
}
#endif

#endif /* _UAPI_VCM_DRM_H_ */
