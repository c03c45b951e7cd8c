#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# KUnit tier: overlay VCM onto Debian's linux-source-6.12, build and run the
# suites under UML with kunit.py, and turn the KTAP output into
# results/kunit.tap.part (one line per test case) plus results/kunit.log.
#
# KUNITCONFIG=<file> replaces the project's .kunitconfig (for debugging).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

KUNITCONFIG=${KUNITCONFIG:-$LINUX_SRC/drivers/gpu/drm/vcm/.kunitconfig}
BUILD_DIR=$VCM_CACHE/kunit-uml
PART=$RESULTS/kunit.tap.part
LOG=$RESULTS/kunit.log
FULL=$VCM_CACHE/kunit.log	# the whole output: a WARN flood makes gigabytes
REPORTS=$VCM_CACHE/kunit-reports.log

ensure_deps
# One run at a time: runs share the overlaid tree and the build directory.
exec 9> "$VCM_CACHE/.kunit.lock"
flock -n 9 || { log "waiting for another kunit run"; flock 9; }
unpack_linux_source
overlay_project "$LINUX_SRC"
mkdir -p "$RESULTS"
rm -f "$PART"

log "building and running under UML (log: $LOG)"
start=$SECONDS
rc=0
(cd "$LINUX_SRC" && python3 tools/testing/kunit/kunit.py run \
	--kunitconfig="$KUNITCONFIG" --build_dir="$BUILD_DIR" \
	--jobs="$JOBS" --timeout="${KUNIT_TIMEOUT:-600}" --raw_output=all) \
	> "$FULL" 2>&1 || rc=$?
log "kunit.py exited $rc after $((SECONDS - start)) s"
rm -f "$BUILD_DIR/test.log"	# kunit.py's own copy of the kernel output

# results/kunit.log: the whole output, or its first and last 16 MiB.
if [ "$(stat -c %s "$FULL")" -gt $((32 << 20)) ]; then
	{ head -c 16M "$FULL"
	  printf '\n[... cut here: the whole log is %s ...]\n' "$FULL"
	  tail -c 16M "$FULL"; } > "$LOG"
else
	cp "$FULL" "$LOG"
fi

if ! grep -q 'Starting KUnit Kernel' "$FULL"; then
	# Configuration or build failure: kunit.py said why at the end.
	tail -n 40 "$FULL" >&2
	tap_result "$PART" 0 kunit/build
	exit 1
fi
tap_result "$PART" 1 kunit/build

# KTAP -> TAP. Suite results are not indented, cases are by 4 spaces and
# parameters by 8 (folded into their case). Exit 1 if the output is cut
# short or no test ran.
python3 - "$FULL" >> "$PART" <<'EOF' || run_ok=0
import re, sys

result = re.compile(r'^( *)(not ok|ok) \d+(?: -)? ?(.*?)(?: *# *(SKIP|skip)\b.*)?$')
subtest = re.compile(r'^( *)# Subtest: (.*)$')
plan = re.compile(r'^( *)1\.\.(\d+)')
prefix = None
top_plan = top_done = 0
suite, suite_plan, cases = None, 0, 0
seen, complete = set(), True

def emit(ok, name, skip):
    n, i = name, 1
    while n in seen:
        i += 1
        n = '%s~%d' % (name, i)
    seen.add(n)
    print(('ok ' if ok else 'not ok ') + n + (' # SKIP' if skip else ''))

for raw in open(sys.argv[1], errors='replace'):
    raw = raw.rstrip('\n')
    if prefix is None:
        m = re.search(r'K?TAP version \d+', raw)
        if m:
            prefix = m.start()
        continue
    line = raw[prefix:]
    if 'kunit test case crashed' in line:
        complete = False
        break
    m = subtest.match(line)
    if m and len(m.group(1)) == 4:
        suite, suite_plan, cases = m.group(2).strip(), 0, 0
        continue
    m = plan.match(line)
    if m:
        depth = len(m.group(1)) // 4
        if depth == 0:
            top_plan = int(m.group(2))
        elif depth == 1:
            suite_plan = int(m.group(2))
        continue
    m = result.match(line)
    if not m:
        continue
    depth, ok, name, skip = len(m.group(1)) // 4, m.group(2) == 'ok', m.group(3), m.group(4)
    if depth == 2:
        if not ok:
            print('kunit: failed parameter: %s' % name, file=sys.stderr)
    elif depth == 1 and suite:
        emit(ok, 'kunit/%s/%s' % (suite, name), skip)
        cases += 1
    elif depth == 0:
        top_done += 1
        if cases == 0:
            emit(ok, 'kunit/%s' % name, skip)
        if cases < suite_plan and ok:
            print('kunit: suite %s ran %d of %d cases' % (name, cases, suite_plan),
                  file=sys.stderr)
            complete = False
        suite = None

if prefix is None or not seen:
    print('kunit: no KTAP output or no test ran', file=sys.stderr)
    complete = False
elif suite is not None or top_done < top_plan:
    print('kunit: %d of %d suites reported' % (top_done, top_plan), file=sys.stderr)
    complete = False
sys.exit(0 if complete else 1)
EOF
tap_result "$PART" "${run_ok:-1}" kunit/run

# Sanitizer, lockdep, debugobjects, kmemleak and WARN reports in the
# kernel's output, i.e. after kunit.py's "Starting" line.
BAD='BUG:|WARNING:|UBSAN:|ODEBUG:|Oops|Kernel panic|general protection fault'
BAD+='|suspected memory leak|unreferenced object 0x|DEBUG_LOCKS_WARN_ON'
BAD+='|INFO: trying to register non-static key|kunit test case crashed'
# UML's virtio-PCI, which kunit.py turns on, warns at boot without a device.
KNOWN='arch/um/drivers/virt-pci\.c'
sed -n '/Starting KUnit Kernel/,$p' "$FULL" | grep -E "$BAD" |
	grep -Ev "$KNOWN" > "$REPORTS" || true
if [ -s "$REPORTS" ]; then
	log "$(wc -l < "$REPORTS") kernel reports; the first distinct ones:"
	awk '!seen[$0]++' "$REPORTS" | head -n 20 >&2
	tap_result "$PART" 0 kunit/clean-log
else
	tap_result "$PART" 1 kunit/clean-log
fi

passed=$(grep -c '^ok ' "$PART" || true)
failed=$(grep -c '^not ok ' "$PART" || true)
log "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$rc" = 0 ]
