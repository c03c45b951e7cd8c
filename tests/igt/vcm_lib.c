// SPDX-License-Identifier: MIT
/*
 * Helpers shared by the vcm_virt IGT tests.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xf86drm.h>

#include "vcm_lib.h"

const char *const vcm_format_names[VCM_NUM_FORMATS] = {
	"r600-gart", "r100-pci", "rv370-pcie", "rs400-igp", "agp-gatt",
	"amd64-gart", "ati-pcigart-pci", "ati-pcigart-pcie",
	"ati-pcigart-igp", "cayman-vm", "si-vm", "nv04", "nv41", "nv44",
	"nv50", "gf100-128k", "gf100-64k", "gp100",
};

int vcm_open(void)
{
	drmVersionPtr v;
	int fd;

	fd = drmOpenWithType("vcm_virt", NULL, DRM_NODE_RENDER);
	igt_require_fd(fd);
	v = drmGetVersion(fd);
	igt_assert(v);
	igt_assert_f(!strcmp(v->name, "vcm_virt"), "driver %s\n", v->name);
	drmFreeVersion(v);
	return fd;
}

int __vcm_ioctl(int fd, unsigned long request, void *arg)
{
	return igt_ioctl(fd, request, arg) ? -errno : 0;
}

uint32_t vcm_format_count(int fd)
{
	struct drm_vcm_format_info fi = { 0 };

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_FORMAT_INFO, &fi), 0);
	return fi.count;
}

void vcm_format_info(int fd, uint32_t index, struct drm_vcm_format_info *fi)
{
	memset(fi, 0, sizeof(*fi));
	fi->index = index;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_FORMAT_INFO, fi), 0);
	igt_assert_f(memchr(fi->name, 0, sizeof(fi->name)),
		     "name of format %u not NUL-terminated\n", index);
}

uint32_t vcm_format_find(int fd, const char *name,
			 struct drm_vcm_format_info *fi)
{
	uint32_t i, n = vcm_format_count(fd);

	for (i = 0; i < n; i++) {
		vcm_format_info(fd, i, fi);
		if (!strcmp(fi->name, name))
			return i;
	}
	igt_assert_f(0, "format %s not registered\n", name);
	return 0;
}

void vcm_format_range(const struct drm_vcm_format_info *fi,
		      uint64_t *start, uint64_t *size)
{
	if (fi->va_bits < 29) {
		*start = 0;
		*size = SZ_64M;
	} else if (fi->va_bits <= 32) {
		*start = SZ_256M;
		*size = SZ_64M;
	} else {
		*start = 0;
		*size = SZ_2G;
	}
}

uint32_t vcm_format_bo_flags(const struct drm_vcm_format_info *fi)
{
	return fi->pa_bits <= 32 ? DRM_VCM_BO_DMA32 : 0;
}

uint32_t vcm_space_create(int fd, uint32_t format, uint64_t start,
			  uint64_t size)
{
	struct drm_vcm_space_create c = {
		.format = format, .va_start = start, .va_size = size,
	};

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_SPACE_CREATE, &c), 0);
	igt_assert(c.space_id);
	return c.space_id;
}

void vcm_space_destroy(int fd, uint32_t space)
{
	struct drm_vcm_space_destroy d = { .space_id = space };

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_SPACE_DESTROY, &d), 0);
}

uint32_t vcm_space_attach(int fd, uint32_t space, uint32_t format)
{
	struct drm_vcm_space_attach a = { .space_id = space, .format = format };

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_SPACE_ATTACH, &a), 0);
	igt_assert(a.mmu > 0 && a.mmu < DRM_VCM_MAX_MMUS);
	return a.mmu;
}

uint32_t vcm_bo_create(int fd, uint64_t size, uint32_t flags)
{
	struct drm_vcm_bo_create c = { .size = size, .flags = flags };

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_BO_CREATE, &c), 0);
	igt_assert(c.handle);
	return c.handle;
}

void *vcm_bo_map(int fd, uint32_t handle, uint64_t size)
{
	struct drm_vcm_bo_mmap m = { .handle = handle };
	void *ptr;

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_BO_MMAP, &m), 0);
	ptr = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		   m.offset);
	igt_assert(ptr != MAP_FAILED);
	return ptr;
}

void vcm_bo_unmap(void *ptr, uint64_t size)
{
	igt_assert_eq(munmap(ptr, size), 0);
}

void vcm_gem_close(int fd, uint32_t handle)
{
	struct drm_gem_close c = { .handle = handle };

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_GEM_CLOSE, &c), 0);
}

uint32_t vcm_reserve(int fd, uint32_t space, uint64_t size, uint64_t align,
		     uint64_t *addr)
{
	struct drm_vcm_va_reserve r = {
		.space_id = space, .size = size, .align = align,
	};

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_RESERVE, &r), 0);
	igt_assert(r.res_id);
	*addr = r.addr;
	return r.res_id;
}

int __vcm_reserve_fixed(int fd, uint32_t space, uint64_t addr, uint64_t size)
{
	struct drm_vcm_va_reserve r = {
		.space_id = space, .flags = DRM_VCM_RESERVE_FIXED,
		.size = size, .addr = addr,
	};
	int ret;

	ret = __vcm_ioctl(fd, DRM_IOCTL_VCM_VA_RESERVE, &r);
	if (ret)
		return ret;
	igt_assert_eq_u64(r.addr, addr);
	igt_assert(r.res_id > 0 && r.res_id <= INT32_MAX);
	return r.res_id;
}

uint32_t vcm_reserve_fixed(int fd, uint32_t space, uint64_t addr,
			   uint64_t size)
{
	int ret = __vcm_reserve_fixed(fd, space, addr, size);

	igt_assert_f(ret > 0, "fixed reservation at %#" PRIx64 " of %#"
		     PRIx64 ": %d\n", addr, size, ret);
	return ret;
}

void vcm_unreserve(int fd, uint32_t space, uint32_t res)
{
	struct drm_vcm_va_unreserve u = { .space_id = space, .res_id = res };

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_UNRESERVE, &u), 0);
}

int __vcm_bind(int fd, uint32_t space, uint32_t res, uint32_t handle,
	       uint64_t res_offset, uint64_t size, uint64_t bo_offset,
	       uint32_t flags)
{
	struct drm_vcm_va_bind b = {
		.space_id = space, .res_id = res, .handle = handle,
		.flags = flags, .res_offset = res_offset, .size = size,
		.bo_offset = bo_offset,
	};

	return __vcm_ioctl(fd, DRM_IOCTL_VCM_VA_BIND, &b);
}

void vcm_bind(int fd, uint32_t space, uint32_t res, uint32_t handle,
	      uint64_t res_offset, uint64_t size, uint64_t bo_offset,
	      uint32_t flags)
{
	igt_assert_eq(__vcm_bind(fd, space, res, handle, res_offset, size,
				 bo_offset, flags), 0);
}

int __vcm_unbind(int fd, uint32_t space, uint32_t res, uint64_t res_offset)
{
	struct drm_vcm_va_unbind u = {
		.space_id = space, .res_id = res, .res_offset = res_offset,
	};

	return __vcm_ioctl(fd, DRM_IOCTL_VCM_VA_UNBIND, &u);
}

void vcm_unbind(int fd, uint32_t space, uint32_t res, uint64_t res_offset)
{
	igt_assert_eq(__vcm_unbind(fd, space, res, res_offset), 0);
}

uint32_t vcm_copy(int fd, uint32_t space, uint32_t mmu, uint64_t src,
		  uint64_t dst, uint64_t size, uint64_t *fault_addr)
{
	struct drm_vcm_copy c = {
		.space_id = space, .mmu = mmu, .src = src, .dst = dst,
		.size = size, .fault = ~0u, .fault_addr = ~0ull,
	};

	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_COPY, &c), 0);
	igt_assert_f(c.fault <= DRM_VCM_FAULT_ADDRESS, "fault %u\n", c.fault);
	if (c.fault == DRM_VCM_FAULT_NONE)
		igt_assert_eq_u64(c.fault_addr, 0);
	if (fault_addr)
		*fault_addr = c.fault_addr;
	return c.fault;
}

static uint8_t pattern_byte(uint64_t off, uint32_t seed)
{
	uint32_t x = (uint32_t)(off >> 2) * 2654435761u + seed;

	return (uint8_t)((x >> 24) ^ (x >> 8) ^ off);
}

void vcm_pattern_fill(void *ptr, uint64_t size, uint32_t seed)
{
	uint8_t *p = ptr;
	uint64_t i;

	for (i = 0; i < size; i++)
		p[i] = pattern_byte(i, seed);
}

void vcm_pattern_check(const void *ptr, uint64_t size, uint32_t seed,
		       uint64_t pattern_offset)
{
	const uint8_t *p = ptr;
	uint64_t i;

	for (i = 0; i < size; i++) {
		uint8_t want = pattern_byte(pattern_offset + i, seed);

		igt_assert_f(p[i] == want,
			     "byte %#" PRIx64 " is %#x, expected %#x\n",
			     i, p[i], want);
	}
}

void vcm_check_bytes(const void *ptr, uint64_t size, uint8_t byte)
{
	const uint8_t *p = ptr;
	uint64_t i;

	for (i = 0; i < size; i++)
		igt_assert_f(p[i] == byte,
			     "byte %#" PRIx64 " is %#x, expected %#x\n",
			     i, p[i], byte);
}

uint64_t vcm_mem_available(void)
{
	unsigned long long kb = 0;
	char line[128];
	FILE *f;

	f = fopen("/proc/meminfo", "r");
	igt_assert(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
			break;
	fclose(f);
	igt_assert(kb);
	return kb * 1024;
}
