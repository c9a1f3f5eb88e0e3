#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The agent's CPU budget (issue 15): jamul-agent scanning the synthetic benchmark corpus with the
# policy's governor at cpu_percent 25, then at 100, each from a fresh inventory.
#
# Usage: bench/agent_cpu_bench.sh [BUILD_DIR] [CORPUS_DIR]
#   BUILD_DIR   default ./build; needs BUILD/bench/jamul-bench-corpus, BUILD/agent/jamul-agent and
#               BUILD/agent/jamul
#   CORPUS_DIR  default /tmp/jamul-agent-bench-corpus; generated when missing (as scan_bench.sh)
# Environment: JAMUL_BENCH_SEED (1), JAMUL_BENCH_FILES (3000), JAMUL_BENCH_BYTES (150MiB).
#
# The CPU the agent used is read from /proc/PID/stat (utime + stime of the whole process, all its
# threads) before and after `jamul agent scan --wait`, and divided by the wall time of that scan:
# the share of one core the agent took. It prints, for each budget, the wall time, the CPU time,
# that share, and then the two checks of the issue: at 25 the share stays at or under 30% of a
# core, and at 100 the scan is at least 3x faster. Exit status 1 when a check fails.
set -euo pipefail

build=${1:-./build}
corpus=${2:-/tmp/jamul-agent-bench-corpus}
seed=${JAMUL_BENCH_SEED:-1}
files=${JAMUL_BENCH_FILES:-3000}
bytes=${JAMUL_BENCH_BYTES:-150MiB}
gen=$build/bench/jamul-bench-corpus
agent=$build/agent/jamul-agent
jamul=$build/agent/jamul

fail() {
  echo "agent_cpu_bench: $*" >&2
  exit 2
}
[ -x "$gen" ] || fail "$gen not found; build it: ninja -C $build jamul-bench-corpus"
[ -x "$agent" ] || fail "$agent not found; build it: ninja -C $build jamul-agent"
[ -x "$jamul" ] || fail "$jamul not found; build it: ninja -C $build jamul"

manifest=$corpus/bench-manifest.json
want=$("$gen" --describe --seed "$seed" --files "$files" --bytes "$bytes")
have=$(sed -n 's/^  "request": "\(.*\)",$/\1/p' "$manifest" 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  if [ -e "$corpus" ] && [ ! -f "$manifest" ] && [ -n "$(ls -A -- "$corpus")" ]; then
    fail "$corpus exists, is not empty and has no bench-manifest.json; not touching it"
  fi
  rm -rf -- "$corpus"
  echo "agent_cpu_bench: generating the corpus in $corpus ($want)"
  "$gen" --out "$corpus" --seed "$seed" --files "$files" --bytes "$bytes" >/dev/null
fi
# A warm page cache for both runs.
find "$corpus" -type f -exec cat {} + >/dev/null

work=$(mktemp -d /tmp/jamul-agent-bench.XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf -- "$work"
}
trap cleanup EXIT
ticks=$(getconf CLK_TCK)

# cpuTicks PID: utime + stime (fields 14 and 15 of /proc/PID/stat; the name in field 2 may hold
# spaces, so count from the closing parenthesis).
cpuTicks() {
  local stat
  stat=$(cat "/proc/$1/stat")
  stat=${stat##*) }
  set -- $stat
  echo $(( ${12} + ${13} ))
}

# run PERCENT: prints "wall_s cpu_s share_percent"
run() {
  local percent=$1 dir=$work/run-$1
  mkdir -p "$dir"
  cat >"$dir/agent.json" <<EOF
{"data_dir":"$dir/data","socket":"$dir/agent.sock","log":"console","threads":1,
 "policy":{"roots":["$corpus"],"schedule":"manual","governor":{"cpu_percent":$percent,"pause_on_battery":false}}}
EOF
  "$agent" --foreground --config "$dir/agent.json" >"$dir/agent.log" 2>&1 &
  pid=$!
  for _ in $(seq 200); do
    [ -S "$dir/agent.sock" ] && "$jamul" agent status --socket "$dir/agent.sock" >/dev/null 2>&1 && break
    sleep 0.05
  done
  local c0 t0 c1 t1
  c0=$(cpuTicks "$pid")
  t0=$(date +%s.%N)
  "$jamul" agent scan --wait --socket "$dir/agent.sock" >/dev/null
  t1=$(date +%s.%N)
  c1=$(cpuTicks "$pid")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
  grep -q "completed" "$dir/agent.log" || fail "the scan at $percent% did not complete: $(tail -3 "$dir/agent.log")"
  awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$ticks" 'BEGIN {
    wall = t1 - t0; cpu = (c1 - c0) / hz;
    printf "%.2f %.2f %.1f\n", wall, cpu, 100 * cpu / wall }'
}

echo "agent_cpu_bench: $(du -sm "$corpus" | cut -f1) MB in $(find "$corpus" -type f | wc -l) files"
read -r wall25 cpu25 share25 < <(run 25)
printf 'cpu_percent 25:   wall %7.2f s   cpu %6.2f s   %5.1f%% of one core\n' "$wall25" "$cpu25" "$share25"
read -r wall100 cpu100 share100 < <(run 100)
printf 'cpu_percent 100:  wall %7.2f s   cpu %6.2f s   %5.1f%% of one core\n' "$wall100" "$cpu100" "$share100"

status=0
awk -v s="$share25" 'BEGIN { exit !(s <= 30) }' && verdict=ok || { verdict=FAIL; status=1; }
printf 'share at 25:      %5.1f%% (limit 30%%)  %s\n' "$share25" "$verdict"
speedup=$(awk -v a="$wall25" -v b="$wall100" 'BEGIN { printf "%.2f", a / b }')
awk -v s="$speedup" 'BEGIN { exit !(s >= 3) }' && verdict=ok || { verdict=FAIL; status=1; }
printf 'speed-up 100/25:  %5.2fx (at least 3x)  %s\n' "$speedup" "$verdict"
exit $status
