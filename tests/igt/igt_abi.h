/* SPDX-License-Identifier: MIT */
/*
 * The part of libigt (IGT GPU Tools 1.27.1, Debian's libigt.so.0) that the
 * VCM tests use, declared here because IGT installs no headers. libigt has
 * no symbol versions, so these declarations hold for 1.27.1 only; the
 * Makefile refuses to build against any other version.
 *
 * The macros keep IGT's names and meaning, so the tests read like any
 * other IGT test.
 */
#ifndef VCM_IGT_ABI_H
#define VCM_IGT_ABI_H

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Exit codes of a test binary. */
#define IGT_EXIT_SUCCESS	0
#define IGT_EXIT_SKIP		77
#define IGT_EXIT_INVALID	79
#define IGT_EXIT_FAILURE	98
#define IGT_EXIT_ABORT		112

enum igt_log_level {
	IGT_LOG_DEBUG,
	IGT_LOG_INFO,
	IGT_LOG_WARN,
	IGT_LOG_CRITICAL,
	IGT_LOG_NONE,
};

typedef int (*igt_opt_handler_t)(int opt, int opt_index, void *data);

/* Where a skip or failure inside a fixture or subtest jumps back to. */
extern jmp_buf igt_subtest_jmpbuf;
/* Shown by --help-description. */
extern const char *__igt_test_description __attribute__((weak));
/* drmIoctl() unless the test asked for interruptible ioctls. */
extern int (*igt_ioctl)(int fd, unsigned long request, void *arg);

int igt_subtest_init_parse_opts(int *argc, char **argv,
				const char *extra_short_opts,
				const struct option *extra_long_opts,
				const char *help_str,
				igt_opt_handler_t extra_opt_handler,
				void *handler_data);
bool __igt_run_subtest(const char *subtest_name, const char *file,
		       const int line);
bool __igt_fixture(void);
void __igt_fixture_complete(void);
void igt_success(void);
bool igt_only_list_subtests(void);
const char *igt_test_name(void);
__attribute__((noreturn)) void igt_exit(void);
__attribute__((noreturn, format(printf, 1, 2)))
void igt_skip(const char *fmt, ...);
__attribute__((noreturn))
void __igt_skip_check(const char *file, const int line, const char *func,
		      const char *check, const char *fmt, ...);
__attribute__((noreturn))
void __igt_fail_assert(const char *domain, const char *file, const int line,
		       const char *func, const char *assertion,
		       const char *fmt, ...);
__attribute__((format(printf, 1, 2)))
void igt_describe_f(const char *fmt, ...);
__attribute__((format(printf, 3, 4)))
void igt_log(const char *domain, enum igt_log_level level,
	     const char *format, ...);
void igt_fork_signal_helper(void);
void igt_stop_signal_helper(void);

/*
 * igt_main: the test's main(). IGT parses its options (--list-subtests,
 * --run-subtest, ...), then runs the block, then reports and exits.
 */
#define igt_main \
	static void igt_main_body(void); \
	int main(int argc, char **argv) \
	{ \
		igt_subtest_init_parse_opts(&argc, argv, NULL, NULL, NULL, \
					    NULL, NULL); \
		igt_main_body(); \
		igt_exit(); \
	} \
	static void igt_main_body(void)

#define IGT_TEST_DESCRIPTION(str) const char *__igt_test_description = str

/* Text for the subtest that follows (--describe). */
#define igt_describe(str) igt_describe_f("%s", str)

/*
 * A block run once, except when only listing subtests or after an earlier
 * fixture failed or skipped; a skip or failure inside it jumps back to the
 * sigsetjmp() and ends the loop.
 */
#define igt_fixture \
	for (volatile int igt_fixture_pass__ = 0; \
	     igt_fixture_pass__ == 0 && __igt_fixture() && \
	     sigsetjmp(igt_subtest_jmpbuf, 1) == 0; \
	     igt_fixture_pass__ = 1, __igt_fixture_complete())

/*
 * A subtest: entered when selected; its end (igt_success) or any skip or
 * failure jumps back to the sigsetjmp(), which ends the loop.
 */
#define igt_subtest(name) \
	for (; __igt_run_subtest((name), __FILE__, __LINE__) && \
	     sigsetjmp(igt_subtest_jmpbuf, 1) == 0; igt_success())

#define igt_subtest_f(...) \
	for (char igt_subtest_name__[256]; \
	     snprintf(igt_subtest_name__, sizeof(igt_subtest_name__), \
		      __VA_ARGS__) > 0 && \
	     __igt_run_subtest(igt_subtest_name__, __FILE__, __LINE__) && \
	     sigsetjmp(igt_subtest_jmpbuf, 1) == 0; igt_success())

#define igt_debug(...) igt_log(NULL, IGT_LOG_DEBUG, __VA_ARGS__)
#define igt_info(...) igt_log(NULL, IGT_LOG_INFO, __VA_ARGS__)
#define igt_warn(...) igt_log(NULL, IGT_LOG_WARN, __VA_ARGS__)

#define igt_assert(expr) \
	do { \
		if (!(expr)) \
			__igt_fail_assert(NULL, __FILE__, __LINE__, __func__, \
					  #expr, NULL); \
	} while (0)

#define igt_assert_f(expr, ...) \
	do { \
		if (!(expr)) \
			__igt_fail_assert(NULL, __FILE__, __LINE__, __func__, \
					  #expr, __VA_ARGS__); \
	} while (0)

/* Compare two values of type T once each; print both on failure. */
#define igt_assert_cmp__(T, fmt, a, op, b) \
	do { \
		T igt_a__ = (a), igt_b__ = (b); \
		if (!(igt_a__ op igt_b__)) \
			__igt_fail_assert(NULL, __FILE__, __LINE__, __func__, \
					  #a " " #op " " #b, \
					  "error: " fmt " " #op " " fmt \
					  " is false\n", igt_a__, igt_b__); \
	} while (0)

#define igt_assert_eq(a, b) igt_assert_cmp__(int, "%d", a, ==, b)
#define igt_assert_neq(a, b) igt_assert_cmp__(int, "%d", a, !=, b)
#define igt_assert_lte(a, b) igt_assert_cmp__(int, "%d", a, <=, b)
#define igt_assert_eq_u32(a, b) igt_assert_cmp__(uint32_t, "%#" PRIx32, a, ==, b)
#define igt_assert_eq_u64(a, b) igt_assert_cmp__(uint64_t, "%#" PRIx64, a, ==, b)
#define igt_assert_lte_u64(a, b) igt_assert_cmp__(uint64_t, "%#" PRIx64, a, <=, b)

#define igt_require(expr) \
	do { \
		if (!(expr)) \
			__igt_skip_check(__FILE__, __LINE__, __func__, #expr, \
					 NULL); \
	} while (0)

#define igt_require_f(expr, ...) \
	do { \
		if (!(expr)) \
			__igt_skip_check(__FILE__, __LINE__, __func__, #expr, \
					 __VA_ARGS__); \
	} while (0)

#define igt_require_fd(fd) \
	igt_require_f((fd) >= 0, "file descriptor " #fd " failed\n")

#endif /* VCM_IGT_ABI_H */
