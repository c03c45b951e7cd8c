// SPDX-License-Identifier: MIT
/*
 * vcm_stress: the contracts of vcm_virt under adversarial use. A failed
 * bind pins nothing; copies finish under a storm of signals; copies
 * between VAs that share pages behave as memmove(); binds, unbinds,
 * copies and debugfs readers racing in one space leave every MMU's tables
 * right.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "vcm_lib.h"

IGT_TEST_DESCRIPTION("Side effects of failed binds, copies under signals and through aliases, and a bind/copy/debugfs race of vcm_virt.");

#define RW (DRM_VCM_BIND_READ | DRM_VCM_BIND_WRITE)

static uint32_t find(int fd, const char *name)
{
	struct drm_vcm_format_info fi;

	return vcm_format_find(fd, name, &fi);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The ioctl once, with no retry on EINTR: -errno or 0. */
static int raw_ioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) ? -errno : 0;
}

/* A field of /proc/meminfo, in bytes. */
static uint64_t meminfo_bytes(const char *field)
{
	char line[256];
	size_t len = strlen(field);
	uint64_t kb = 0;
	FILE *f;

	f = fopen("/proc/meminfo", "r");
	igt_assert(f);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && line[len] == ':')
			kb = strtoull(line + len + 1, NULL, 10);
	fclose(f);
	return kb * 1024;
}

/*
 * Memory of vcm_virt's objects: a fresh object has no page until its
 * first bind allocates and pins them all, so a bind that allocates
 * nothing leaves Shmem as it was. (Unevictable does not follow the pin on
 * every kernel; a pin undone after VCM refused the bind, as for an
 * overlap, leaves the pages allocated though unpinned, so such a failure
 * is not one of the cases here.)
 */
static uint64_t pinned(void)
{
	return meminfo_bytes("Shmem");
}

#define BIG (96 * SZ_1M)

/*
 * Each failing VA_BIND of a fresh 96 MiB object, whose first successful
 * bind would allocate and pin all of it, leaves its memory as it was. A good
 * bind at the end proves the measure sees the pin.
 */
static void test_failed_bind_no_pin(void)
{
	int fd = vcm_open(), other = vcm_open();
	uint32_t space, res, small, big, foreign;
	uint64_t va, before, after;
	struct {
		const char *what;
		uint64_t res_offset, size, bo_offset;
		uint32_t flags;
		int err;
		bool foreign;
	} v[] = {
		{ "res_offset past the reservation", 2 * SZ_1M, SZ_4K, 0, RW,
		  -ERANGE, false },
		{ "range running past the reservation", SZ_1M - SZ_4K,
		  2 * SZ_4K, 0, RW, -ERANGE, false },
		{ "bo_offset 2^64-4096 (wraps to 0)", 0, SZ_4K, -SZ_4K, RW,
		  -ERANGE, false },
		{ "bo range past the object", 0, SZ_4K, BIG, RW, -ERANGE, false },
		{ "undefined flag", 0, SZ_4K, 0, RW | (1u << 8), -EINVAL,
		  false },
		{ "handle of another file", 0, SZ_4K, 0, RW, -ENOENT, true },
	};
	unsigned int i;

	space = vcm_space_create(fd, find(fd, "gf100-128k"), 0, SZ_2G);
	res = vcm_reserve(fd, space, SZ_1M, 0, &va);
	small = vcm_bo_create(fd, SZ_4K, 0);
	vcm_bind(fd, space, res, small, 0, SZ_4K, 0, RW);
	big = vcm_bo_create(fd, BIG, 0);
	/* A handle number that @fd does not have. */
	vcm_bo_create(other, SZ_4K, 0);
	vcm_bo_create(other, SZ_4K, 0);
	foreign = vcm_bo_create(other, BIG, 0);
	igt_require_f(2 * BIG < meminfo_bytes("MemAvailable"),
		      "not enough memory\n");

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		uint32_t h = v[i].foreign ? foreign : big;

		if (v[i].foreign)
			igt_assert(h != big && h != small);
		before = pinned();
		igt_assert_f(__vcm_bind(fd, space, res, h, v[i].res_offset,
					v[i].size, v[i].bo_offset,
					v[i].flags) == v[i].err,
			     "%s: not %d\n", v[i].what, v[i].err);
		after = pinned();
		igt_assert_f(after < before + BIG / 4,
			     "%s: %llu MiB more pinned after the failed bind\n",
			     v[i].what,
			     (unsigned long long)((after - before) >> 20));
	}

	/* The measure works: a bind that succeeds pins the object. */
	before = pinned();
	vcm_bind(fd, space, res, big, SZ_4K, SZ_4K, 0, RW);
	after = pinned();
	igt_assert_f(after >= before + BIG / 2,
		     "a good bind pinned only %llu MiB\n",
		     (unsigned long long)((after - before) >> 20));
	close(other);
	close(fd);
}

/* Signals from another thread, every millisecond, to one thread. */
struct storm {
	pthread_t thread;
	pid_t target;
	volatile bool stop;
	unsigned long sent;
};

static volatile unsigned long handled;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

static void *storm_fn(void *arg)
{
	struct storm *s = arg;
	struct timespec ms = { 0, 1000000 };

	while (!s->stop) {
		syscall(SYS_tgkill, getpid(), s->target, SIGUSR1);
		s->sent++;
		nanosleep(&ms, NULL);
	}
	return NULL;
}

static void storm_start(struct storm *s, bool restart)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sa.sa_flags = restart ? SA_RESTART : 0;
	sigemptyset(&sa.sa_mask);
	igt_assert_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	s->stop = false;
	s->sent = 0;
	s->target = syscall(SYS_gettid);
	igt_assert_eq(pthread_create(&s->thread, NULL, storm_fn, s), 0);
}

static void storm_stop(struct storm *s)
{
	s->stop = true;
	pthread_join(s->thread, NULL);
	signal(SIGUSR1, SIG_DFL);
}

#define COPY_SIZE (128 * SZ_1M)

/*
 * A 128 MiB copy under SIGUSR1 every millisecond, with or without
 * SA_RESTART: one ioctl returns 0 (never -EINTR), the bytes are right, and
 * it takes at most three times as long as without the signals. The bound
 * is given a second of slack for the guest's clock.
 */
static void test_copy_signals(bool restart)
{
	int fd = vcm_open();
	uint32_t space, res, a, b;
	struct drm_vcm_copy c;
	struct storm s;
	double t0, t1, t2;
	uint64_t va;
	uint8_t *pa, *pb;
	int ret;

	igt_require_f(2 * COPY_SIZE + SZ_64M < meminfo_bytes("MemAvailable"),
		      "not enough memory\n");
	space = vcm_space_create(fd, find(fd, "gf100-128k"), 0, SZ_2G);
	res = vcm_reserve(fd, space, 2 * COPY_SIZE, SZ_2M, &va);
	a = vcm_bo_create(fd, COPY_SIZE, 0);
	b = vcm_bo_create(fd, COPY_SIZE, 0);
	pa = vcm_bo_map(fd, a, COPY_SIZE);
	pb = vcm_bo_map(fd, b, COPY_SIZE);
	vcm_pattern_fill(pa, COPY_SIZE, 12);
	vcm_bind(fd, space, res, a, 0, COPY_SIZE, 0, RW);
	vcm_bind(fd, space, res, b, COPY_SIZE, COPY_SIZE, 0, RW);

	c = (struct drm_vcm_copy){ .space_id = space, .src = va,
				   .dst = va + COPY_SIZE, .size = COPY_SIZE };
	t0 = now();
	igt_assert_eq(raw_ioctl(fd, DRM_IOCTL_VCM_COPY, &c), 0);
	t1 = now();
	igt_assert_eq(c.fault, DRM_VCM_FAULT_NONE);
	memset(pb, 0, COPY_SIZE);

	storm_start(&s, restart);
	c.fault = ~0u;
	ret = raw_ioctl(fd, DRM_IOCTL_VCM_COPY, &c);
	t2 = now();
	storm_stop(&s);
	igt_info("copy of 128 MiB: %.3f s alone, %.3f s under %lu signals\n",
		 t1 - t0, t2 - t1, s.sent);
	igt_assert_f(ret == 0, "copy under signals: %d\n", ret);
	igt_assert_eq(c.fault, DRM_VCM_FAULT_NONE);
	igt_assert_f(s.sent > 10, "only %lu signals sent\n", s.sent);
	igt_assert_f(t2 - t1 <= 3 * (t1 - t0) + 1.0,
		     "%.3f s under signals, %.3f s without\n", t2 - t1,
		     t1 - t0);
	vcm_pattern_check(pb, COPY_SIZE, 12, 0);
	vcm_bo_unmap(pa, COPY_SIZE);
	vcm_bo_unmap(pb, COPY_SIZE);
	close(fd);
}

/*
 * The first bind of a large fresh object (the pin of all its pages) under
 * the same storm: returns 0 at once, without SA_RESTART too. 1 GiB would
 * not fit in the VM tier's guest; the largest object that fits is used.
 */
static void test_bind_signals(bool restart)
{
	int fd = vcm_open();
	uint64_t size = 256 * SZ_1M, va;
	uint32_t space, res, bo;
	struct drm_vcm_va_bind b;
	struct storm s;
	int ret;

	while (size > SZ_64M && size + SZ_64M > meminfo_bytes("MemAvailable"))
		size /= 2;
	space = vcm_space_create(fd, find(fd, "gp100"), 0, SZ_2G);
	res = vcm_reserve(fd, space, size, SZ_2M, &va);
	bo = vcm_bo_create(fd, size, 0);
	b = (struct drm_vcm_va_bind){ .space_id = space, .res_id = res,
				      .handle = bo, .size = size,
				      .flags = RW };
	storm_start(&s, restart);
	ret = raw_ioctl(fd, DRM_IOCTL_VCM_VA_BIND, &b);
	storm_stop(&s);
	igt_info("bind of %llu MiB under %lu signals: %d\n",
		 (unsigned long long)(size >> 20), s.sent, ret);
	igt_assert_eq(ret, 0);
	vcm_unbind(fd, space, res, 0);
	close(fd);
}

#define ALIAS (16 * SZ_4K)

/*
 * One object bound at two VAs, and a third time with its halves swapped:
 * copies between them behave as memmove() on the object, whichever way
 * the VAs and the object's offsets lie, however the pages are shared.
 */
static void test_copy_alias(void)
{
	static uint8_t want[ALIAS], orig[ALIAS];
	int fd = vcm_open();
	uint32_t space, r1, r2, r3, bo;
	uint64_t v1, v2, v3;
	struct {
		const char *what;
		int src, dst;		/* reservation 1, 2 or 3 */
		uint64_t soff, doff, size;
	} c[] = {
		/* VA dst < src, object dst > src: needs the high end first. */
		{ "up by a page, VAs down", 2, 1, 0, SZ_4K, ALIAS - SZ_4K },
		{ "down by a page, VAs up", 1, 2, SZ_4K, 0, ALIAS - SZ_4K },
		{ "up by 100 bytes, VAs down", 2, 1, 0, 100, ALIAS - 100 },
		{ "down by 100 bytes, VAs up", 1, 2, 100, 0, ALIAS - 100 },
		{ "up by 3 pages + 5, VAs down", 2, 1, 7, 3 * SZ_4K + 12,
		  ALIAS - 3 * SZ_4K - 12 },
		/* Through the swapped binding: the halves trade places. */
		{ "halves swapped", 1, 3, 0, 0, ALIAS },
		{ "halves swapped, unaligned", 3, 1, 50, 10, ALIAS - 60 },
		{ "onto itself", 1, 2, 0, 0, ALIAS },
	};
	uint64_t base[4];
	unsigned int i;
	uint8_t *p;

	space = vcm_space_create(fd, find(fd, "cayman-vm"), 0, SZ_2G);
	vcm_space_attach(fd, space, find(fd, "nv50"));
	r1 = vcm_reserve(fd, space, ALIAS, 0, &v1);
	r2 = vcm_reserve(fd, space, ALIAS, 0, &v2);
	r3 = vcm_reserve(fd, space, ALIAS, 0, &v3);
	bo = vcm_bo_create(fd, ALIAS, 0);
	p = vcm_bo_map(fd, bo, ALIAS);
	vcm_bind(fd, space, r1, bo, 0, ALIAS, 0, RW);
	vcm_bind(fd, space, r2, bo, 0, ALIAS, 0, RW);
	vcm_bind(fd, space, r3, bo, 0, ALIAS / 2, ALIAS / 2, RW);
	vcm_bind(fd, space, r3, bo, ALIAS / 2, ALIAS / 2, 0, RW);
	base[1] = v1;
	base[2] = v2;
	base[3] = v3;

	for (i = 0; i < ARRAY_SIZE(c) * 2; i++) {
		unsigned int k = i % ARRAY_SIZE(c), mmu = i / ARRAY_SIZE(c);
		uint64_t j, s, d;

		vcm_pattern_fill(p, ALIAS, i);
		memcpy(orig, p, ALIAS);
		memcpy(want, p, ALIAS);
		/* Object offset of VA offset @o in reservation 3: swapped. */
		for (j = 0; j < c[k].size; j++) {
			s = c[k].soff + j;
			d = c[k].doff + j;
			if (c[k].src == 3)
				s ^= ALIAS / 2;
			if (c[k].dst == 3)
				d ^= ALIAS / 2;
			want[d] = orig[s];
		}
		igt_assert_eq(vcm_copy(fd, space, mmu,
				       base[c[k].src] + c[k].soff,
				       base[c[k].dst] + c[k].doff, c[k].size,
				       NULL), DRM_VCM_FAULT_NONE);
		for (j = 0; j < ALIAS; j++)
			igt_assert_f(p[j] == want[j],
				     "%s (MMU %u): byte 0x%llx is 0x%02x, not 0x%02x\n",
				     c[k].what, mmu, (unsigned long long)j,
				     p[j], want[j]);
	}
	(void)r2;
	vcm_bo_unmap(p, ALIAS);
	close(fd);
}

/*
 * The race: four threads bind and unbind objects of their own over
 * overlapping ranges of one reservation of a space with three MMUs, a
 * copier copies out of it and a reader reads every debugfs file of every
 * space, for a few seconds. Then each page of the reservation is checked
 * through every MMU: bound pages copy out the right bytes of the right
 * object, unbound ones fault.
 */
#define STRESS_PAGES	256
#define STRESS_SECS	3
#define BINDERS		4

struct stress {
	int fd;
	uint32_t space, res, scratch_res;
	uint64_t va, scratch;
	uint32_t bo[BINDERS];
	volatile bool stop;
	pthread_mutex_t lock;
	/* Owner of each page (thread + 1, 0 for none), under @lock. */
	uint8_t owner[STRESS_PAGES];
	unsigned long binds, busy, unbinds, copies, reads;
	int error;
	char why[160];
};

static void stress_fail(struct stress *st, const char *what, int err)
{
	pthread_mutex_lock(&st->lock);
	if (!st->error) {
		st->error = err ? err : -1;
		snprintf(st->why, sizeof(st->why), "%s: %d", what, err);
	}
	pthread_mutex_unlock(&st->lock);
	st->stop = true;
}

struct binder {
	struct stress *st;
	unsigned int id;
	pthread_t thread;
};

static void *binder_fn(void *arg)
{
	struct binder *b = arg;
	struct stress *st = b->st;
	unsigned int seed = b->id * 7919 + 1;
	/* Bindings of this thread: first page, pages; at most 8. */
	unsigned int first[8], npages[8], n = 0, i, p;

	while (!st->stop) {
		if (n == 8 || (n && rand_r(&seed) % 3 == 0)) {
			struct drm_vcm_va_unbind u = {
				.space_id = st->space, .res_id = st->res,
			};
			int ret;

			i = rand_r(&seed) % n;
			u.res_offset = first[i] * SZ_4K;
			pthread_mutex_lock(&st->lock);
			ret = __vcm_ioctl(st->fd, DRM_IOCTL_VCM_VA_UNBIND, &u);
			if (!ret)
				for (p = 0; p < npages[i]; p++)
					st->owner[first[i] + p] = 0;
			pthread_mutex_unlock(&st->lock);
			if (ret) {
				stress_fail(st, "unbind", ret);
				break;
			}
			st->unbinds++;
			first[i] = first[n - 1];
			npages[i] = npages[--n];
		} else {
			unsigned int len = 1 + rand_r(&seed) % 16;
			unsigned int at = rand_r(&seed) % (STRESS_PAGES - len);
			struct drm_vcm_va_bind bd = {
				.space_id = st->space, .res_id = st->res,
				.handle = st->bo[b->id],
				.res_offset = at * SZ_4K, .size = len * SZ_4K,
				.bo_offset = at * SZ_4K, .flags = RW,
			};
			int ret;

			/*
			 * The ioctl outside the lock, so that binders race;
			 * only this thread unbinds its pages, so the owner
			 * map may be written after it.
			 */
			ret = __vcm_ioctl(st->fd, DRM_IOCTL_VCM_VA_BIND, &bd);
			if (ret == -EBUSY) {
				st->busy++;
				continue;
			}
			if (ret) {
				stress_fail(st, "bind", ret);
				break;
			}
			pthread_mutex_lock(&st->lock);
			for (p = 0; p < len; p++) {
				if (st->owner[at + p])
					st->error = -EEXIST;
				st->owner[at + p] = b->id + 1;
			}
			pthread_mutex_unlock(&st->lock);
			if (st->error == -EEXIST) {
				stress_fail(st, "bind over a bound page", 0);
				break;
			}
			st->binds++;
			first[n] = at;
			npages[n++] = len;
		}
	}
	return NULL;
}

static void *copier_fn(void *arg)
{
	struct stress *st = arg;
	unsigned int seed = 4242;

	while (!st->stop) {
		struct drm_vcm_copy c = {
			.space_id = st->space, .mmu = rand_r(&seed) % 3,
			.src = st->va + (rand_r(&seed) % STRESS_PAGES) * SZ_4K,
			.dst = st->scratch, .size = 4 * SZ_4K,
		};
		int ret = __vcm_ioctl(st->fd, DRM_IOCTL_VCM_COPY, &c);

		/* Racing the binders: any fault is fine, an error is not. */
		if (ret || c.fault > DRM_VCM_FAULT_ADDRESS) {
			stress_fail(st, "copy", ret);
			break;
		}
		st->copies++;
	}
	return NULL;
}

static void read_dir(struct stress *st, const char *path, int depth)
{
	char sub[512], buf[4096];
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d)
		return;
	while ((de = readdir(d))) {
		int f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (de->d_type == DT_DIR) {
			if (depth < 2)
				read_dir(st, sub, depth + 1);
			continue;
		}
		f = open(sub, O_RDONLY);
		if (f < 0)
			continue;	/* a space that went away */
		while (read(f, buf, sizeof(buf)) > 0)
			;
		/* And a seek back into the middle, as less would. */
		lseek(f, 1000, SEEK_SET);
		while (read(f, buf, 100) > 0)
			;
		close(f);
		st->reads++;
	}
	closedir(d);
}

static void *reader_fn(void *arg)
{
	struct stress *st = arg;

	while (!st->stop)
		read_dir(st, "/sys/kernel/debug/vcm", 0);
	return NULL;
}

static void test_stress(void)
{
	static struct stress st;
	struct binder b[BINDERS];
	pthread_t copier, reader;
	uint8_t *map[BINDERS], *scratch_map;
	uint32_t scratch_bo;
	unsigned int i, m, page;
	double end;

	igt_require_f(!access("/sys/kernel/debug/vcm", R_OK),
		      "no VCM debugfs\n");
	memset(&st, 0, sizeof(st));
	pthread_mutex_init(&st.lock, NULL);
	st.fd = vcm_open();
	st.space = vcm_space_create(st.fd, find(st.fd, "gp100"), 0, SZ_2G);
	vcm_space_attach(st.fd, st.space, find(st.fd, "nv50"));
	vcm_space_attach(st.fd, st.space, find(st.fd, "gf100-64k"));
	st.res = vcm_reserve(st.fd, st.space, STRESS_PAGES * SZ_4K, SZ_2M,
			     &st.va);
	st.scratch_res = vcm_reserve(st.fd, st.space, 4 * SZ_4K, 0,
				     &st.scratch);
	scratch_bo = vcm_bo_create(st.fd, 4 * SZ_4K, 0);
	vcm_bind(st.fd, st.space, st.scratch_res, scratch_bo, 0, 4 * SZ_4K, 0,
		 RW);
	scratch_map = vcm_bo_map(st.fd, scratch_bo, 4 * SZ_4K);
	for (i = 0; i < BINDERS; i++) {
		st.bo[i] = vcm_bo_create(st.fd, STRESS_PAGES * SZ_4K, 0);
		map[i] = vcm_bo_map(st.fd, st.bo[i], STRESS_PAGES * SZ_4K);
		vcm_pattern_fill(map[i], STRESS_PAGES * SZ_4K, 100 + i);
	}

	for (i = 0; i < BINDERS; i++) {
		b[i] = (struct binder){ .st = &st, .id = i };
		igt_assert_eq(pthread_create(&b[i].thread, NULL, binder_fn,
					     &b[i]), 0);
	}
	igt_assert_eq(pthread_create(&copier, NULL, copier_fn, &st), 0);
	igt_assert_eq(pthread_create(&reader, NULL, reader_fn, &st), 0);
	end = now() + STRESS_SECS;
	while (!st.stop && now() < end)
		usleep(50000);
	st.stop = true;
	for (i = 0; i < BINDERS; i++)
		pthread_join(b[i].thread, NULL);
	pthread_join(copier, NULL);
	pthread_join(reader, NULL);
	igt_info("%lu binds (%lu busy), %lu unbinds, %lu copies, %lu debugfs reads\n",
		 st.binds, st.busy, st.unbinds, st.copies, st.reads);
	igt_assert_f(!st.error, "%s\n", st.why);
	igt_assert(st.binds > BINDERS && st.copies && st.reads);

	/* Every page through every MMU. */
	for (m = 0; m < 3; m++) {
		for (page = 0; page < STRESS_PAGES; page++) {
			uint64_t va = st.va + page * SZ_4K, fa;
			unsigned int o = st.owner[page];
			uint32_t f;

			memset(scratch_map, 0, SZ_4K);
			f = vcm_copy(st.fd, st.space, m, va, st.scratch, SZ_4K,
				     &fa);
			if (!o) {
				igt_assert_f(f == DRM_VCM_FAULT_INVALID &&
					     fa == va,
					     "MMU %u page %u unbound: fault %u at 0x%llx\n",
					     m, page, f, (unsigned long long)fa);
				continue;
			}
			igt_assert_f(f == DRM_VCM_FAULT_NONE,
				     "MMU %u page %u: fault %u\n", m, page, f);
			vcm_pattern_check(scratch_map, SZ_4K, 100 + o - 1,
					  page * SZ_4K);
		}
	}
	for (i = 0; i < BINDERS; i++)
		vcm_bo_unmap(map[i], STRESS_PAGES * SZ_4K);
	vcm_bo_unmap(scratch_map, 4 * SZ_4K);
	close(st.fd);
}

igt_main
{
	igt_describe("Every failing VA_BIND (bad res_offset, wrapping bo_offset, bad flags, foreign handle) of a fresh object pins nothing.");
	igt_subtest("failed-bind-no-pin")
		test_failed_bind_no_pin();
	igt_describe("A 128 MiB copy under SIGUSR1 every 1 ms with SA_RESTART: done, bytes right, within 3x.");
	igt_subtest("copy-signals-restart")
		test_copy_signals(true);
	igt_describe("The same without SA_RESTART: never -EINTR.");
	igt_subtest("copy-signals-norestart")
		test_copy_signals(false);
	igt_describe("The first bind of a large object under SIGUSR1 every 1 ms, with SA_RESTART.");
	igt_subtest("bind-signals-restart")
		test_bind_signals(true);
	igt_describe("The same without SA_RESTART: never -EINTR.");
	igt_subtest("bind-signals-norestart")
		test_bind_signals(false);
	igt_describe("Copies between VAs that share pages of one object behave as memmove().");
	igt_subtest("copy-alias")
		test_copy_alias();
	igt_describe("4 binders over overlapping ranges, a copier, a debugfs reader; then every page through every MMU.");
	igt_subtest("race")
		test_stress();
}
