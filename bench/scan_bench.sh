#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Scan throughput of `jamul scan` against ripgrep on the synthetic benchmark corpus (bench/README.md).
#
# Usage: bench/scan_bench.sh [BUILD_DIR] [CORPUS_DIR]
#   BUILD_DIR   default ./build; needs BUILD/bench/jamul-bench-corpus and BUILD/agent/jamul
#   CORPUS_DIR  default /tmp/jamul-bench-corpus; generated when missing or when its manifest was
#               made for other parameters (a directory without bench-manifest.json is never touched)
# Environment: JAMUL_BENCH_SEED (1), JAMUL_BENCH_FILES (20000), JAMUL_BENCH_BYTES (1GiB).
#
# After one warm-up pass that reads every file (so all runs see a warm page cache), it times:
#   (a) rg -j1 --no-ignore --hidden -c -f bench/ripgrep-patterns.txt CORPUS   (the reference)
#   (b) jamul scan --threads 1 --db FRESH.db --json CORPUS
#   (c) jamul scan --threads 2 --db FRESH.db --json CORPUS                    (+ peak RSS)
#   (d) the same as (c) again on (c)'s database: an incremental rescan of an unchanged tree
# and prints MB/s (10^6 bytes of corpus per second) for each, the ratios jamul/rg (one thread),
# 2 threads/1 thread, rescan/first scan (as a percentage of time), and the peak RSS of (c).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-./build}
corpus=${2:-/tmp/jamul-bench-corpus}
seed=${JAMUL_BENCH_SEED:-1}
files=${JAMUL_BENCH_FILES:-20000}
bytes=${JAMUL_BENCH_BYTES:-1GiB}
gen=$build/bench/jamul-bench-corpus
jamul=$build/agent/jamul
patterns=$here/ripgrep-patterns.txt

fail() {
  echo "scan_bench: $*" >&2
  exit 2
}

command -v rg >/dev/null || fail "ripgrep not found (Debian: apt-get install -y ripgrep)"
[ -x /usr/bin/time ] || fail "/usr/bin/time not found (Debian: apt-get install -y time)"
[ -x "$gen" ] || fail "$gen not found; build it: ninja -C $build jamul-bench-corpus"
[ -f "$patterns" ] || fail "$patterns not found"
if ! diff -q <("$gen" --rg-patterns) "$patterns" >/dev/null; then
  echo "scan_bench: warning: $patterns differs from the rule catalogue;" \
       "regenerate it: $gen --rg-patterns > $patterns" >&2
fi

# --- the corpus -------------------------------------------------------------------------------------
manifest=$corpus/bench-manifest.json
want=$("$gen" --describe --seed "$seed" --files "$files" --bytes "$bytes")
have=$(sed -n 's/^  "request": "\(.*\)",$/\1/p' "$manifest" 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  if [ -e "$corpus" ]; then
    if [ -f "$manifest" ]; then
      echo "scan_bench: $corpus was made for \"$have\"; regenerating for \"$want\""
      rm -rf -- "$corpus"
    elif [ -n "$(ls -A -- "$corpus")" ]; then
      fail "$corpus exists, is not empty and has no bench-manifest.json; not touching it"
    fi
  fi
  echo "scan_bench: generating the corpus in $corpus ($want)"
  "$gen" --out "$corpus" --seed "$seed" --files "$files" --bytes "$bytes"
fi
manifestNumber() { sed -n "s/^  \"$1\": \([0-9]*\),\$/\1/p" "$manifest"; }
corpus_bytes=$(manifestNumber bytes)
corpus_files=$(manifestNumber files)
[ -n "$corpus_bytes" ] && [ -n "$corpus_files" ] || fail "cannot read $manifest"

available_kib=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
if [ "$available_kib" -gt 0 ] && [ $((corpus_bytes / 1024)) -gt $((available_kib * 8 / 10)) ]; then
  echo "scan_bench: warning: the corpus may not fit in the page cache; runs will include disk reads" >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jamul-bench.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT

# --- timing -----------------------------------------------------------------------------------------
# timed NAME OK_CODES CMD...: runs CMD (stdout discarded) under /usr/bin/time JAMUL_BENCH_REPEAT
# times (default 3) and keeps the fastest run (the machine's noise only ever adds time); sets
# SECONDS_<NAME> and RSS_<NAME> (KiB, of that run). Exit codes listed in OK_CODES (space-separated)
# are success. A function named prepare_<NAME>, if defined, runs before each repetition.
repeat=${JAMUL_BENCH_REPEAT:-3}
timed() {
  local name=$1 ok=$2 rc best="" best_rss="" secs rss started ended
  shift 2
  for ((rep = 0; rep < repeat; rep++)); do
    rc=0
    if declare -F "prepare_$name" >/dev/null; then "prepare_$name"; fi
    # Elapsed time from bash's microsecond clock (GNU time's %e has 10 ms steps, a sixth of an
    # unchanged rescan); GNU time still gives the peak RSS.
    started=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$tmp/$name.time" "$@" >/dev/null 2>"$tmp/$name.err" || rc=$?
    ended=$EPOCHREALTIME
    if [[ " $ok " != *" $rc "* ]]; then
      echo "scan_bench: $name failed with exit status $rc:" >&2
      tail -n 20 "$tmp/$name.err" >&2
      exit 1
    fi
    # GNU time writes "Command exited with non-zero status N" before the format line.
    read -r rss < <(tail -n 1 "$tmp/$name.time")
    secs=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.3f", b - a }')
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$secs best_rss=$rss
    fi
  done
  printf -v "SECONDS_$name" '%s' "$best"
  printf -v "RSS_$name" '%s' "$best_rss"
}

mbs() { awk -v b="$corpus_bytes" -v s="$1" 'BEGIN { if (s < 0.001) s = 0.001; printf "%.1f", b / 1e6 / s }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

echo "scan_bench: warm-up (reading every file once)"
find "$corpus" -type f -exec cat -- {} + >/dev/null

# ripgrep twice: -c counts matching lines and moves to the next line at the first match, which on
# number-dense lines (a date matches the account pattern) skips most of the work; --count-matches
# finds every match, as jamul must (it counts every identifier). The second is the like-for-like
# reference; the first is printed as the lower bound of ripgrep's time.
echo "scan_bench: (a) rg -j1 --count-matches"
timed rg "0 1" rg -j1 --no-ignore --hidden --count-matches -f "$patterns" "$corpus"
echo "scan_bench: (a') rg -j1 -c"
timed rglines "0 1" rg -j1 --no-ignore --hidden -c -f "$patterns" "$corpus"

have_jamul=0
if [ -x "$jamul" ]; then
  have_jamul=1
  # The CLI keeps its inventory and key beside --db; keep everything else out of $HOME too.
  export XDG_DATA_HOME=$tmp/xdg-data XDG_CONFIG_HOME=$tmp/xdg-config XDG_STATE_HOME=$tmp/xdg-state
  # Exit status: 0 nothing found, 1 personal data found, 2 some file could not be read.
  prepare_j1() { rm -f -- "$tmp"/j1.db*; }
  prepare_j2() { rm -f -- "$tmp"/j2.db*; }
  echo "scan_bench: (b) jamul scan --threads 1 (fresh database)"
  timed j1 "0 1 2" "$jamul" scan --threads 1 --db "$tmp/j1.db" --json "$corpus"
  echo "scan_bench: (c) jamul scan --threads 2 (fresh database)"
  timed j2 "0 1 2" "$jamul" scan --threads 2 --db "$tmp/j2.db" --json "$corpus"
  echo "scan_bench: (d) jamul scan --threads 2 (rescan of the unchanged tree)"
  timed rescan "0 1 2" "$jamul" scan --threads 2 --db "$tmp/j2.db" --json "$corpus"
  for run in j1 j2 rescan; do
    if grep -q . "$tmp/$run.err"; then
      echo "scan_bench: note: $run wrote to stderr (first lines):" >&2
      head -n 3 "$tmp/$run.err" >&2
    fi
  done
else
  echo "scan_bench: $jamul not found; skipping the jamul runs (b)-(d)" >&2
fi

# --- report -----------------------------------------------------------------------------------------
echo
printf 'Corpus %s: %s files, %.1f MB (seed %s); %s CPUs\n' "$corpus" "$corpus_files" \
  "$(awk -v b="$corpus_bytes" 'BEGIN { print b / 1e6 }')" "$seed" "$(nproc)"
printf '  %-34s %9s %9s %10s\n' "run" "seconds" "MB/s" "peak RSS"
row() { printf '  %-34s %9s %9s %7s MB\n' "$1" "$2" "$(mbs "$2")" "$(mib "$3")"; }
row "(a) rg -j1 --count-matches (ref.)" "$SECONDS_rg" "$RSS_rg"
row "(a') rg -j1 -c (first match a line)" "$SECONDS_rglines" "$RSS_rglines"
if [ "$have_jamul" = 1 ]; then
  row "(b) jamul scan --threads 1" "$SECONDS_j1" "$RSS_j1"
  row "(c) jamul scan --threads 2" "$SECONDS_j2" "$RSS_j2"
  row "(d) jamul rescan, unchanged tree" "$SECONDS_rescan" "$RSS_rescan"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 0.001) b = 0.001; printf "%.2f", a / b }'; }
  echo
  echo "Ratios"
  printf '  %-34s %8sx  (one thread each; above 1: jamul is faster)\n' "jamul / rg throughput" \
    "$(ratio "$SECONDS_rg" "$SECONDS_j1")"
  printf '  %-34s %8sx  (against rg -c, which skips the rest of a line)\n' "jamul / rg -c throughput" \
    "$(ratio "$SECONDS_rglines" "$SECONDS_j1")"
  printf '  %-34s %8sx  (speed-up from the second thread)\n' "2 threads / 1 thread" \
    "$(ratio "$SECONDS_j1" "$SECONDS_j2")"
  printf '  %-34s %8s%%  (time of (d) as a share of (c))\n' "rescan / first scan" \
    "$(awk -v a="$SECONDS_rescan" -v b="$SECONDS_j2" 'BEGIN { if (b < 0.001) b = 0.001; printf "%.1f", 100 * a / b }')"
  printf '  %-34s %8s MB\n' "peak RSS of (c)" "$(mib "$RSS_j2")"
  echo
  printf 'RESULT rg_mbs=%s rg_lines_mbs=%s jamul1_mbs=%s jamul2_mbs=%s rescan_pct=%s peak_rss_mb=%s\n' \
    "$(mbs "$SECONDS_rg")" "$(mbs "$SECONDS_rglines")" "$(mbs "$SECONDS_j1")" "$(mbs "$SECONDS_j2")" \
    "$(awk -v a="$SECONDS_rescan" -v b="$SECONDS_j2" 'BEGIN { if (b < 0.001) b = 0.001; printf "%.1f", 100 * a / b }')" \
    "$(mib "$RSS_j2")"
else
  echo
  printf 'RESULT rg_mbs=%s\n' "$(mbs "$SECONDS_rg")"
fi
