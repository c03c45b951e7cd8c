/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the vcm_virt IGT tests: open the device, issue its
 * ioctls, and the usual setups.
 *
 * __vcm_*() and __vcm_ioctl() return 0 or -errno; the functions without
 * the underscores assert success and return what the ioctl handed back.
 */
#ifndef VCM_IGT_LIB_H
#define VCM_IGT_LIB_H

#include <stdint.h>

#include "igt_abi.h"
#include "vcm_drm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define SZ_4K	0x1000ull
#define SZ_64K	0x10000ull
#define SZ_1M	0x100000ull
#define SZ_2M	0x200000ull
#define SZ_64M	0x4000000ull
#define SZ_256M	0x10000000ull
#define SZ_2G	0x80000000ull

/* The formats vcm registers, in no particular order. */
#define VCM_NUM_FORMATS 18
extern const char *const vcm_format_names[VCM_NUM_FORMATS];

/* Opens the render node of vcm_virt; skips when there is none. */
int vcm_open(void);

int __vcm_ioctl(int fd, unsigned long request, void *arg);

uint32_t vcm_format_count(int fd);
void vcm_format_info(int fd, uint32_t index, struct drm_vcm_format_info *fi);
/* Index of the format called @name; fails the test if there is none. */
uint32_t vcm_format_find(int fd, const char *name,
			 struct drm_vcm_format_info *fi);
/* A space range the format can map; a multiple of all its page sizes. */
void vcm_format_range(const struct drm_vcm_format_info *fi,
		      uint64_t *start, uint64_t *size);
/* DRM_VCM_BO_DMA32 when the format's entries need it, else 0. */
uint32_t vcm_format_bo_flags(const struct drm_vcm_format_info *fi);

uint32_t vcm_space_create(int fd, uint32_t format, uint64_t start,
			  uint64_t size);
void vcm_space_destroy(int fd, uint32_t space);
uint32_t vcm_space_attach(int fd, uint32_t space, uint32_t format);

uint32_t vcm_bo_create(int fd, uint64_t size, uint32_t flags);
void *vcm_bo_map(int fd, uint32_t handle, uint64_t size);
void vcm_bo_unmap(void *ptr, uint64_t size);
void vcm_gem_close(int fd, uint32_t handle);

/* Reserve anywhere; the start goes to *@addr. */
uint32_t vcm_reserve(int fd, uint32_t space, uint64_t size, uint64_t align,
		     uint64_t *addr);
uint32_t vcm_reserve_fixed(int fd, uint32_t space, uint64_t addr,
			   uint64_t size);
int __vcm_reserve_fixed(int fd, uint32_t space, uint64_t addr, uint64_t size);
void vcm_unreserve(int fd, uint32_t space, uint32_t res);

int __vcm_bind(int fd, uint32_t space, uint32_t res, uint32_t handle,
	       uint64_t res_offset, uint64_t size, uint64_t bo_offset,
	       uint32_t flags);
void vcm_bind(int fd, uint32_t space, uint32_t res, uint32_t handle,
	      uint64_t res_offset, uint64_t size, uint64_t bo_offset,
	      uint32_t flags);
int __vcm_unbind(int fd, uint32_t space, uint32_t res, uint64_t res_offset);
void vcm_unbind(int fd, uint32_t space, uint32_t res, uint64_t res_offset);

/* Copy; returns DRM_VCM_FAULT_* and the fault address in *@fault_addr. */
uint32_t vcm_copy(int fd, uint32_t space, uint32_t mmu, uint64_t src,
		  uint64_t dst, uint64_t size, uint64_t *fault_addr);

/* Fill @size bytes with a pattern of @seed; check it (or a part of it). */
void vcm_pattern_fill(void *ptr, uint64_t size, uint32_t seed);
void vcm_pattern_check(const void *ptr, uint64_t size, uint32_t seed,
		       uint64_t pattern_offset);
/* Check that @size bytes all hold @byte. */
void vcm_check_bytes(const void *ptr, uint64_t size, uint8_t byte);

/* Dynamic memory the kernel could still hand out, from /proc/meminfo. */
uint64_t vcm_mem_available(void);

#endif /* VCM_IGT_LIB_H */
