#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmarks (make bench, not part of make check): the vcm_bench KUnit suite
# in a UML kernel built from the same overlaid linux-source-6.12 tree as
# make kunit, from bench.kunitconfig (no debug options), in a build
# directory of its own. Prints a table and writes results/bench.log,
# results/bench.txt (the table), results/bench.json and results/bench.svg.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

KUNITCONFIG=$LINUX_SRC/drivers/gpu/drm/vcm/bench.kunitconfig
BUILD_DIR=$VCM_CACHE/bench-uml
LOG=$RESULTS/bench.log

ensure_deps
mkdir -p "$RESULTS"
# The overlaid tree is make kunit's too: overlay, build and run under its
# lock, so that another make bench cannot replace the UML kernel between this
# build and its run, nor a make kunit share the CPUs while it is timed.
exec 9> "$VCM_CACHE/.kunit.lock"
flock -n 9 || { log "waiting for a kunit run"; flock 9; }
unpack_linux_source
overlay_project "$LINUX_SRC"
log "building the UML kernel in $BUILD_DIR (log: $LOG)"
start=$SECONDS
if ! (cd "$LINUX_SRC" && python3 tools/testing/kunit/kunit.py build \
	--kunitconfig="$KUNITCONFIG" --build_dir="$BUILD_DIR" \
	--jobs="$JOBS") > "$LOG" 2>&1; then
	tail -n 40 "$LOG" >&2
	exit 1
fi
log "built in $((SECONDS - start)) s"

log "running the benchmarks"
start=$SECONDS
rc=0
# BENCH_FILTER: a KUnit glob (suite or suite.case, as
# 'vcm_bench.vcm_bench_bind'); BENCH_FORMATS: formats to time, comma-separated.
args=()
[ -z "${BENCH_FILTER:-}" ] || args+=("$BENCH_FILTER")
[ -z "${BENCH_FORMATS:-}" ] ||
	args+=(--kernel_args "vcm_bench_kunit.formats=$BENCH_FORMATS")
(cd "$LINUX_SRC" && python3 tools/testing/kunit/kunit.py exec \
	--build_dir="$BUILD_DIR" --timeout="${BENCH_TIMEOUT:-1200}" \
	--raw_output=all "${args[@]}") >> "$LOG" 2>&1 || rc=$?
rm -f "$BUILD_DIR/test.log"
log "ran in $((SECONDS - start)) s"
if [ "$rc" != 0 ] || ! grep -q '^ok [0-9]* vcm_bench' "$LOG"; then
	log "the benchmark suite failed (kunit.py exited $rc):"
	grep -E 'not ok|ASSERT|EXPECT|Expected|BUG|WARNING' "$LOG" | head -n 20 >&2
	exit 1
fi

python3 "$VCM_ROOT/scripts/bench_report.py" "$LOG" "$RESULTS/bench.json" |
	tee "$RESULTS/bench.txt"
python3 "$VCM_ROOT/scripts/bench_plot.py" "$RESULTS/bench.json" \
	"$RESULTS/bench.svg"
log "wrote results/bench.txt, bench.json and bench.svg"
