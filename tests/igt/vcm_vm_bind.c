// SPDX-License-Identifier: MIT
/*
 * vcm_vm_bind: DRM_VCM_VM_BIND, many maps and unmaps of a reservation in
 * one call. Every result is read back twice: through the page tables, by
 * the copy engine (DRM_VCM_COPY walks the MMU's tables), and in debugfs
 * (the bindings VCM records and the entries it decodes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("DRM_VCM_VM_BIND: arrays of map and unmap ops, all or nothing, checked by the copy engine and debugfs.");

#define R	DRM_VCM_BIND_READ
#define W	DRM_VCM_BIND_WRITE
#define RW	(R | W)
#define MAP	DRM_VCM_VM_BIND_OP_MAP
#define UNMAP	DRM_VCM_VM_BIND_OP_UNMAP

#define DEBUGFS	"/sys/kernel/debug/vcm"
#define PARAM	"/sys/module/vcm_virt/parameters/table_budget_mib"
#define SZ_4M	(4 * SZ_1M)
#define MAX_BINDS 1024
#define MANY	512

/*
 * The space [0, size): the VM is the reservation [0, size - 1 MiB); the
 * last MiB holds the scratch object, bound with DRM_VCM_VA_BIND, which the
 * copies read into. Object 0 (4 MiB) and object 1 (1 MiB) hold patterns
 * of seeds 1 and 2.
 */
struct vm {
	int fd;
	uint32_t space, res, scratch_res;
	uint64_t size, scratch_va;
	uint32_t bo[2];
	uint8_t *ptr[2];
	uint64_t bo_size[2];
	uint32_t scratch;
	uint8_t *sptr;
	unsigned int dbg;
};

struct bind {
	uint64_t start, end, offset;
	uint32_t flags;
};

static int __vm_bind(int fd, uint32_t space, uint32_t res,
		     struct drm_vcm_vm_bind_op *ops, uint32_t n,
		     uint32_t *failed)
{
	struct drm_vcm_vm_bind b = {
		.space_id = space, .res_id = res, .num_ops = n,
		.ops = (uintptr_t)ops, .failed_op = ~0u,
	};
	int ret = __vcm_ioctl(fd, DRM_IOCTL_VCM_VM_BIND, &b);

	if (failed)
		*failed = b.failed_op;
	return ret;
}

static void vm_bind(struct vm *vm, struct drm_vcm_vm_bind_op *ops, uint32_t n)
{
	igt_assert_eq(__vm_bind(vm->fd, vm->space, vm->res, ops, n, NULL), 0);
}

static struct drm_vcm_vm_bind_op map_op(uint32_t handle, uint64_t addr,
					uint64_t range, uint64_t bo_offset,
					uint32_t flags)
{
	return (struct drm_vcm_vm_bind_op){
		.op = MAP, .flags = flags, .handle = handle, .addr = addr,
		.range = range, .bo_offset = bo_offset,
	};
}

static struct drm_vcm_vm_bind_op unmap_op(uint64_t addr, uint64_t range)
{
	return (struct drm_vcm_vm_bind_op){
		.op = UNMAP, .addr = addr, .range = range,
	};
}

/* Set by the first fixture: the kernel has DRM_VCM_VM_BIND. */
static bool kernel_has_drm_gpuvm;

static void require_vm_bind(void)
{
	igt_require_f(kernel_has_drm_gpuvm, "no VM_BIND: a kernel without drm_gpuvm\n");
}

/* Does this kernel have DRM_VCM_VM_BIND (drm_gpuvm)? */
static bool vm_bind_supported(int fd)
{
	int ret = __vm_bind(fd, 0, 0, NULL, 0, NULL);

	igt_assert_f(ret == -EINVAL || ret == -EOPNOTSUPP,
		     "VM_BIND of no ops: %d\n", ret);
	return ret == -EINVAL;
}

static char *read_text(const char *path)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	FILE *f = fopen(path, "r");
	size_t n;

	igt_assert_f(f, "cannot open %s\n", path);
	igt_assert(buf);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			igt_assert(buf);
		}
	}
	fclose(f);
	buf[len] = 0;
	return buf;
}

/* The debugfs id of the only vcm_virt space of [0, @size). */
static unsigned int debugfs_id(uint64_t size)
{
	char *text = read_text(DEBUGFS "/spaces"), *line, *save;
	unsigned int id, found = 0, n = 0;
	char owner[64], formats[160];
	unsigned long long start, end;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%u %63s %159s %llx %llx", &id, owner, formats,
			   &start, &end) != 5)
			continue;
		if (!strcmp(owner, "vcm_virt") && !start && end == size) {
			found = id;
			n++;
		}
	}
	free(text);
	igt_assert_f(n == 1, "%u vcm_virt spaces of [0, %#llx)\n", n,
		     (unsigned long long)size);
	return found;
}

static char *debugfs_text(struct vm *vm, const char *file)
{
	char path[128];

	snprintf(path, sizeof(path), DEBUGFS "/%u/%s", vm->dbg, file);
	return read_text(path);
}

/* The bindings of the VM's reservation, as debugfs lists them. */
static unsigned int vm_binds(struct vm *vm, struct bind *out)
{
	char *text = debugfs_text(vm, "reservations"), *line, *save;
	unsigned long long s, e, sz, off;
	unsigned int n = 0, flags;
	int n_res, fields;
	bool in_vm = false;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "res ", 4)) {
			n_res = sscanf(line, "res %llx", &s);
			igt_assert_eq(n_res, 1);
			in_vm = !s;
			continue;
		}
		if (!in_vm || strncmp(line, "bind ", 5))
			continue;
		fields = sscanf(line, "bind %llx %llx %llu %llx %x", &s, &e,
				&sz, &off, &flags);
		igt_assert_eq(fields, 5);
		igt_assert(n < MAX_BINDS);
		out[n++] = (struct bind){ s, e, off, flags };
	}
	free(text);
	return n;
}

static void expect_binds(struct vm *vm, const struct bind *want,
			 unsigned int n)
{
	static struct bind got[MAX_BINDS];
	unsigned int i, m = vm_binds(vm, got);

	igt_assert_eq(m, n);
	for (i = 0; i < n; i++) {
		igt_assert_eq_u64(got[i].start, want[i].start);
		igt_assert_eq_u64(got[i].end, want[i].end);
		igt_assert_eq_u64(got[i].offset, want[i].offset);
		igt_assert_eq_u32(got[i].flags, want[i].flags);
	}
}

/* [@va, @va + @size) reads object @b from @off, through the MMU. */
static void expect_bo(struct vm *vm, uint64_t va, uint64_t size, int b,
		      uint64_t off)
{
	uint64_t done, len;

	for (done = 0; done < size; done += len) {
		len = size - done < SZ_1M ? size - done : SZ_1M;
		memset(vm->sptr, 0, len);
		igt_assert_eq(vcm_copy(vm->fd, vm->space, 0, va + done,
				       vm->scratch_va, len, NULL),
			      DRM_VCM_FAULT_NONE);
		vcm_pattern_check(vm->sptr, len, b + 1, off + done);
	}
}

/* A read of the page at @va faults @fault there. */
static void expect_fault(struct vm *vm, uint64_t va, uint32_t fault)
{
	uint64_t fa = 0;

	igt_assert_eq(vcm_copy(vm->fd, vm->space, 0, va, vm->scratch_va,
			       SZ_4K, &fa), fault);
	igt_assert_eq_u64(fa, va);
}

/* A write to the page at @va faults @fault (or none). */
static void expect_write(struct vm *vm, uint64_t va, uint32_t fault)
{
	uint64_t fa = 0;

	igt_assert_eq(vcm_copy(vm->fd, vm->space, 0, vm->scratch_va, va,
			       SZ_4K, &fa), fault);
	if (fault)
		igt_assert_eq_u64(fa, va);
}

static void vm_setup(struct vm *vm, int fd, const char *format,
		     uint64_t size)
{
	struct drm_vcm_format_info fi;
	int i;

	memset(vm, 0, sizeof(*vm));
	vm->fd = fd;
	vm->size = size;
	vm->space = vcm_space_create(fd, vcm_format_find(fd, format, &fi), 0,
				     size);
	vm->res = vcm_reserve_fixed(fd, vm->space, 0, size - SZ_1M);
	vm->scratch_va = size - SZ_1M;
	vm->scratch_res = vcm_reserve_fixed(fd, vm->space, vm->scratch_va,
					    SZ_1M);
	vm->scratch = vcm_bo_create(fd, SZ_1M, 0);
	vm->sptr = vcm_bo_map(fd, vm->scratch, SZ_1M);
	vcm_bind(fd, vm->space, vm->scratch_res, vm->scratch, 0, SZ_1M, 0, RW);
	vm->bo_size[0] = SZ_4M;
	vm->bo_size[1] = SZ_1M;
	for (i = 0; i < 2; i++) {
		vm->bo[i] = vcm_bo_create(fd, vm->bo_size[i], 0);
		vm->ptr[i] = vcm_bo_map(fd, vm->bo[i], vm->bo_size[i]);
		vcm_pattern_fill(vm->ptr[i], vm->bo_size[i], i + 1);
	}
	vm->dbg = debugfs_id(size);
}

static void vm_teardown(struct vm *vm)
{
	int i;

	for (i = 0; i < 2; i++)
		vcm_bo_unmap(vm->ptr[i], vm->bo_size[i]);
	vcm_bo_unmap(vm->sptr, SZ_1M);
	/* Destroying the space unmaps the VM's mappings. */
	vcm_space_destroy(vm->fd, vm->space);
}

/* Object 0 at [0, 4M), read-write, in one op. */
static void map_whole(struct vm *vm)
{
	struct drm_vcm_vm_bind_op op = map_op(vm->bo[0], 0, SZ_4M, 0, RW);

	vm_bind(vm, &op, 1);
}

/* 64 KiB of object 1 over the middle of a mapping of object 0. */
static void test_map_middle(int fd)
{
	const uint64_t mid = SZ_2M - SZ_64K;
	const struct bind want[] = {
		{ 0, mid, 0, RW },
		{ mid, mid + SZ_64K, SZ_64K, R },
		{ mid + SZ_64K, SZ_4M, mid + SZ_64K, RW },
	};
	const struct bind whole = { 0, SZ_4M, 0, RW };
	struct drm_vcm_vm_bind_op op;
	struct vm vm;

	vm_setup(&vm, fd, "gp100", SZ_2G);
	map_whole(&vm);
	expect_binds(&vm, &whole, 1);
	expect_bo(&vm, 0, SZ_4M, 0, 0);

	op = map_op(vm.bo[1], mid, SZ_64K, SZ_64K, R);
	vm_bind(&vm, &op, 1);
	expect_binds(&vm, want, 3);
	expect_bo(&vm, 0, mid, 0, 0);
	expect_bo(&vm, mid, SZ_64K, 1, SZ_64K);
	expect_bo(&vm, mid + SZ_64K, SZ_4M - mid - SZ_64K, 0, mid + SZ_64K);
	expect_write(&vm, mid, DRM_VCM_FAULT_WRITE);
	expect_write(&vm, mid - SZ_4K, DRM_VCM_FAULT_NONE);
	vm_teardown(&vm);
}

/* Three holes in one call: the pages around each stay mapped. */
static void test_unmap_holes(int fd)
{
	struct drm_vcm_vm_bind_op ops[] = {
		unmap_op(SZ_4K, SZ_4K),
		unmap_op(SZ_1M, SZ_64K),
		unmap_op(SZ_4M - SZ_4K, SZ_4K),
	};
	const struct bind want[] = {
		{ 0, SZ_4K, 0, RW },
		{ 2 * SZ_4K, SZ_1M, 2 * SZ_4K, RW },
		{ SZ_1M + SZ_64K, SZ_4M - SZ_4K, SZ_1M + SZ_64K, RW },
	};
	unsigned int i;
	struct vm vm;

	vm_setup(&vm, fd, "gp100", SZ_2G);
	map_whole(&vm);
	vm_bind(&vm, ops, ARRAY_SIZE(ops));
	expect_binds(&vm, want, ARRAY_SIZE(want));
	for (i = 0; i < ARRAY_SIZE(want); i++)
		expect_bo(&vm, want[i].start, want[i].end - want[i].start, 0,
			  want[i].offset);
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		expect_fault(&vm, ops[i].addr, DRM_VCM_FAULT_INVALID);
		expect_fault(&vm, ops[i].addr + ops[i].range - SZ_4K,
			     DRM_VCM_FAULT_INVALID);
	}
	/* An unmap of nothing is no error. */
	vm_bind(&vm, ops, 1);
	expect_binds(&vm, want, ARRAY_SIZE(want));
	vm_teardown(&vm);
}

/* The same pages mapped again read-only: writes fault there only. */
static void test_remap_flags(int fd)
{
	struct drm_vcm_vm_bind_op op = map_op(0, SZ_1M, SZ_1M, SZ_1M, R);
	const struct bind want[] = {
		{ 0, SZ_1M, 0, RW },
		{ SZ_1M, SZ_2M, SZ_1M, R },
		{ SZ_2M, SZ_4M, SZ_2M, RW },
	};
	struct vm vm;

	vm_setup(&vm, fd, "gp100", SZ_2G);
	map_whole(&vm);
	op.handle = vm.bo[0];
	vm_bind(&vm, &op, 1);
	expect_binds(&vm, want, ARRAY_SIZE(want));
	expect_bo(&vm, 0, SZ_4M, 0, 0);
	expect_write(&vm, SZ_1M, DRM_VCM_FAULT_WRITE);
	expect_write(&vm, SZ_2M - SZ_4K, DRM_VCM_FAULT_WRITE);
	expect_write(&vm, SZ_1M - SZ_4K, DRM_VCM_FAULT_NONE);
	expect_write(&vm, SZ_2M, DRM_VCM_FAULT_NONE);

	/* And back to read-write. */
	op.flags = RW;
	vm_bind(&vm, &op, 1);
	expect_write(&vm, SZ_1M, DRM_VCM_FAULT_NONE);
	vm_teardown(&vm);
}

/*
 * MANY 4 KiB maps in one call, the objects and their pages interleaved
 * (page i from object i % 2, page i / 2 of it), then one call unmapping
 * every other page.
 */
static void test_many_ops(int fd)
{
	static struct drm_vcm_vm_bind_op ops[MANY];
	static struct bind want[MANY];
	unsigned int i, n = 0;
	struct vm vm;

	vm_setup(&vm, fd, "gp100", SZ_2G);
	for (i = 0; i < MANY; i++)
		ops[i] = map_op(vm.bo[i % 2], i * SZ_4K, SZ_4K,
				(i / 2) * SZ_4K, i % 2 ? R : RW);
	vm_bind(&vm, ops, MANY);
	for (i = 0; i < MANY; i++) {
		want[i] = (struct bind){ i * SZ_4K, (i + 1) * SZ_4K,
					 (i / 2) * SZ_4K, ops[i].flags };
		expect_bo(&vm, i * SZ_4K, SZ_4K, i % 2, (i / 2) * SZ_4K);
	}
	expect_binds(&vm, want, MANY);

	for (i = 0; i < MANY / 2; i++)
		ops[i] = unmap_op(2 * i * SZ_4K + SZ_4K, SZ_4K);
	vm_bind(&vm, ops, MANY / 2);
	for (i = 0; i < MANY; i += 2) {
		want[n++] = want[i];
		expect_bo(&vm, i * SZ_4K, SZ_4K, 0, (i / 2) * SZ_4K);
		expect_fault(&vm, (i + 1) * SZ_4K, DRM_VCM_FAULT_INVALID);
	}
	expect_binds(&vm, want, n);
	vm_teardown(&vm);
}

/* What debugfs shows of the space's reservations, entries and tables. */
struct snapshot {
	char *res, *ptes, *tables;
};

static void snap(struct vm *vm, struct snapshot *s)
{
	s->res = debugfs_text(vm, "reservations");
	s->ptes = debugfs_text(vm, "ptes");
	s->tables = debugfs_text(vm, "tables");
}

static void snap_same(struct vm *vm, struct snapshot *before)
{
	struct snapshot now;

	snap(vm, &now);
	igt_assert_f(!strcmp(now.res, before->res),
		     "reservations changed:\n%s\nwas:\n%s\n", now.res,
		     before->res);
	igt_assert_f(!strcmp(now.ptes, before->ptes), "entries changed\n");
	igt_assert_f(!strcmp(now.tables, before->tables),
		     "tables changed:\n%s\nwas:\n%s\n", now.tables,
		     before->tables);
	free(now.res);
	free(now.ptes);
	free(now.tables);
}

/* Object 0 at [0, 4M) with a hole at 1M, as the failing calls find it. */
static void holed(struct vm *vm)
{
	struct drm_vcm_vm_bind_op op = unmap_op(SZ_1M, SZ_64K);

	map_whole(vm);
	vm_bind(vm, &op, 1);
}

static void expect_holed(struct vm *vm)
{
	expect_bo(vm, 0, SZ_1M, 0, 0);
	expect_fault(vm, SZ_1M, DRM_VCM_FAULT_INVALID);
	expect_bo(vm, SZ_1M + SZ_64K, SZ_4M - SZ_1M - SZ_64K, 0,
		  SZ_1M + SZ_64K);
	expect_write(vm, 0, DRM_VCM_FAULT_NONE);
}

/*
 * A call whose op 3 is refused by its checks: ops 0-2 (an unmap, a map
 * over the hole, a read-only remap) leave no trace either.
 */
static void test_failed_check(int fd)
{
	struct drm_vcm_vm_bind_op ops[5];
	struct snapshot before;
	uint32_t failed;
	struct vm vm;

	vm_setup(&vm, fd, "gp100", SZ_2G);
	holed(&vm);
	snap(&vm, &before);
	ops[0] = unmap_op(0, SZ_64K);
	ops[1] = map_op(vm.bo[1], SZ_1M, SZ_64K, 0, RW);
	ops[2] = map_op(vm.bo[0], 0, SZ_4M, 0, R);
	ops[3] = map_op(vm.bo[1] + 100, SZ_2M, SZ_4K, 0, R);
	ops[4] = unmap_op(0, SZ_4M);
	igt_assert_eq(__vm_bind(fd, vm.space, vm.res, ops, 5, &failed),
		      -ENOENT);
	igt_assert_eq_u32(failed, 3);
	/* Beyond the object: -ERANGE, op 3 again. */
	ops[3] = map_op(vm.bo[1], SZ_2M, SZ_4K, SZ_1M, R);
	igt_assert_eq(__vm_bind(fd, vm.space, vm.res, ops, 5, &failed),
		      -ERANGE);
	igt_assert_eq_u32(failed, 3);
	snap_same(&vm, &before);
	expect_holed(&vm);
	vm_teardown(&vm);
}

static int open_capped(unsigned int mib)
{
	unsigned int old = 0;
	FILE *f = fopen(PARAM, "r+");
	int fd;

	igt_require_f(f, "no %s\n", PARAM);
	igt_assert_eq(fscanf(f, "%u", &old), 1);
	fclose(f);
	f = fopen(PARAM, "w");
	igt_assert(f);
	fprintf(f, "%u\n", mib);
	igt_assert_eq(fclose(f), 0);
	fd = vcm_open();
	f = fopen(PARAM, "w");
	igt_assert(f);
	fprintf(f, "%u\n", old);
	igt_assert_eq(fclose(f), 0);
	return fd;
}

/*
 * A call that fails while it writes page tables: after an unmap, a map
 * over the hole and a read-only remap, 4 KiB maps at 128 MiB strides of a
 * gf100 space, each needing a 256 KiB table, until the file's 8 MiB
 * budget says no. Everything done before is undone, the budget is whole
 * again (the same call fails at the same op), and a shorter call works.
 */
static void test_failed_tables(void)
{
	static struct drm_vcm_vm_bind_op ops[64];
	const uint64_t tib = 1ull << 40;
	struct snapshot before;
	uint32_t failed, again;
	unsigned int i;
	struct vm vm;
	int fd;

	fd = open_capped(8);
	vm_setup(&vm, fd, "gf100-128k", tib);
	holed(&vm);
	snap(&vm, &before);
	ops[0] = unmap_op(0, SZ_64K);
	ops[1] = map_op(vm.bo[1], SZ_1M, SZ_64K, 0, RW);
	ops[2] = map_op(vm.bo[0], SZ_2M, SZ_2M, SZ_2M, R);
	for (i = 3; i < ARRAY_SIZE(ops); i++)
		ops[i] = map_op(vm.bo[1], (uint64_t)i * 128 * SZ_1M, SZ_4K, 0,
				R);
	igt_assert_eq(__vm_bind(fd, vm.space, vm.res, ops, ARRAY_SIZE(ops),
				&failed), -EDQUOT);
	igt_assert(failed > 3 && failed < ARRAY_SIZE(ops));
	snap_same(&vm, &before);
	expect_holed(&vm);
	igt_assert_eq(__vm_bind(fd, vm.space, vm.res, ops, ARRAY_SIZE(ops),
				&again), -EDQUOT);
	igt_assert_eq_u32(again, failed);
	snap_same(&vm, &before);

	vm_bind(&vm, ops, failed);
	expect_fault(&vm, 0, DRM_VCM_FAULT_INVALID);
	expect_bo(&vm, SZ_1M, SZ_64K, 1, 0);
	expect_write(&vm, SZ_2M, DRM_VCM_FAULT_WRITE);
	expect_bo(&vm, (uint64_t)(failed - 1) * 128 * SZ_1M, SZ_4K, 1, 0);
	vm_teardown(&vm);
	close(fd);
}

/* Every errno the uAPI documents for bad arguments, and failed_op. */
static void test_invalid(int fd)
{
	struct drm_vcm_vm_bind_op op, ops[2];
	struct drm_vcm_vm_bind b = { 0 };
	struct snapshot before;
	uint32_t failed;
	struct vm vm;
	unsigned int i;
	const struct {
		struct drm_vcm_vm_bind_op op;
		int err;
	} bad[] = {
		{ { .op = 2, .addr = 0, .range = SZ_4K }, -EINVAL },
		{ { .op = UNMAP, .pad = 1, .range = SZ_4K }, -EINVAL },
		{ { .op = UNMAP, .flags = R, .range = SZ_4K }, -EINVAL },
		{ { .op = UNMAP, .handle = 1, .range = SZ_4K }, -EINVAL },
		{ { .op = UNMAP, .bo_offset = SZ_4K, .range = SZ_4K }, -EINVAL },
		{ { .op = UNMAP, .range = 0 }, -EINVAL },
		{ { .op = UNMAP, .addr = 512, .range = SZ_4K }, -EINVAL },
		{ { .op = UNMAP, .range = 100 }, -EINVAL },
		{ { .op = UNMAP, .addr = -SZ_4K, .range = SZ_2M }, -EINVAL },
		{ { .op = UNMAP, .addr = SZ_2G - SZ_1M, .range = SZ_4K },
		  -ERANGE },
		{ { .op = UNMAP, .addr = SZ_2G - SZ_2M, .range = SZ_2M },
		  -ERANGE },
		{ { .op = MAP, .flags = 8, .range = SZ_4K }, -EINVAL },
		{ { .op = MAP, .range = SZ_4K, .bo_offset = 1 }, -EINVAL },
	};

	vm_setup(&vm, fd, "gp100", SZ_2G);
	holed(&vm);
	snap(&vm, &before);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ops[0] = unmap_op(0, SZ_4M);
		ops[1] = bad[i].op;
		if (ops[1].op == MAP)
			ops[1].handle = vm.bo[0];
		igt_assert_f(__vm_bind(fd, vm.space, vm.res, ops, 2,
				       &failed) == bad[i].err,
			     "case %u\n", i);
		igt_assert_eq_u32(failed, 1);
	}
	/* The call's own fields: failed_op is num_ops. */
	op = unmap_op(0, SZ_4K);
	b = (struct drm_vcm_vm_bind){ .space_id = vm.space, .res_id = vm.res,
				      .num_ops = 1, .ops = (uintptr_t)&op };
	b.flags = 1;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VM_BIND, &b), -EINVAL);
	b.flags = 0;
	b.pad = 1;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VM_BIND, &b), -EINVAL);
	b.pad = 0;
	b.num_ops = DRM_VCM_VM_BIND_MAX_OPS + 1;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VM_BIND, &b), -EINVAL);
	b.num_ops = 1;
	b.ops = 8;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VM_BIND, &b), -EFAULT);
	igt_assert_eq_u32(b.failed_op, 1);
	b.ops = (uintptr_t)&op;
	b.space_id = vm.space + 1000;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VM_BIND, &b), -ENOENT);
	igt_assert_eq_u32(b.failed_op, 1);
	b.space_id = vm.space;
	b.res_id = vm.res + 1000;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VM_BIND, &b), -ENOENT);
	snap_same(&vm, &before);
	expect_holed(&vm);
	vm_teardown(&vm);
}

/*
 * A reservation takes VA_BIND bindings or VM_BIND mappings, not both; one
 * with mappings cannot be unreserved until they are unmapped.
 */
static void test_exclusive(int fd)
{
	struct drm_vcm_va_unreserve u = { 0 };
	struct drm_vcm_vm_bind_op op;
	uint32_t failed;
	struct vm vm;

	vm_setup(&vm, fd, "gp100", SZ_2G);
	/* The scratch reservation has a VA_BIND binding. */
	op = unmap_op(vm.scratch_va, SZ_4K);
	igt_assert_eq(__vm_bind(fd, vm.space, vm.scratch_res, &op, 1,
				&failed), -EBUSY);
	igt_assert_eq_u32(failed, 1);

	map_whole(&vm);
	igt_assert_eq(__vcm_bind(fd, vm.space, vm.res, vm.bo[1], SZ_2G - SZ_4M,
				 SZ_4K, 0, R), -EBUSY);
	igt_assert_eq(__vcm_unbind(fd, vm.space, vm.res, 0), -ENOENT);
	u.space_id = vm.space;
	u.res_id = vm.res;
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_UNRESERVE, &u), -EBUSY);
	op = unmap_op(0, SZ_2G - SZ_1M);
	vm_bind(&vm, &op, 1);
	/* Empty again, the reservation takes VA_BIND bindings. */
	vcm_bind(fd, vm.space, vm.res, vm.bo[1], 0, SZ_4K, 0, R);
	expect_bo(&vm, 0, SZ_4K, 1, 0);
	vcm_unbind(fd, vm.space, vm.res, 0);
	igt_assert_eq(__vcm_ioctl(fd, DRM_IOCTL_VCM_VA_UNRESERVE, &u), 0);
	vm_teardown(&vm);
}

igt_main
{
	int fd = -1;

	igt_fixture {
		fd = vcm_open();
		kernel_has_drm_gpuvm = vm_bind_supported(fd);
	}

	igt_describe("Without drm_gpuvm (6.1) VM_BIND is -EOPNOTSUPP, with it "
		     "a call of no ops is -EINVAL.");
	igt_subtest("probe")
		vm_bind_supported(fd);

	igt_describe("A map over the middle of a mapping splits it: the "
		     "parts outside stay as they were.");
	igt_subtest("map-middle") {
		require_vm_bind();
		test_map_middle(fd);
	}

	igt_describe("Holes unmapped in one call fault; the pages around "
		     "them keep their translation.");
	igt_subtest("unmap-holes") {
		require_vm_bind();
		test_unmap_holes(fd);
	}

	igt_describe("Mapping a range again with other flags changes its "
		     "permissions only there.");
	igt_subtest("remap-flags") {
		require_vm_bind();
		test_remap_flags(fd);
	}

	igt_describe("512 small maps in one call, then 256 unmaps in one "
		     "call.");
	igt_subtest("many-ops") {
		require_vm_bind();
		test_many_ops(fd);
	}

	igt_describe("An op refused by its checks in the middle of an array "
		     "leaves the VM, entries and tables unchanged.");
	igt_subtest("failed-op-check") {
		require_vm_bind();
		test_failed_check(fd);
	}

	igt_describe("An op failing in the page tables (-EDQUOT) in the "
		     "middle of an array: the ops before it are undone.");
	igt_subtest("failed-op-tables") {
		require_vm_bind();
		test_failed_tables();
	}

	igt_describe("Bad flags, pads, ops, ranges and ids: the documented "
		     "errno and failed_op, nothing changed.");
	igt_subtest("invalid") {
		require_vm_bind();
		test_invalid(fd);
	}

	igt_describe("A reservation takes VA_BIND bindings or VM_BIND "
		     "mappings, not both at once.");
	igt_subtest("exclusive") {
		require_vm_bind();
		test_exclusive(fd);
	}

	igt_fixture
		close(fd);
}
