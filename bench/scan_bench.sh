#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Scan throughput of `jamul scan` against ripgrep on the synthetic benchmark corpus (bench/README.md).
#
# Usage: bench/scan_bench.sh [BUILD_DIR] [CORPUS_DIR]
#   BUILD_DIR   default ./build; needs BUILD/bench/jamul-bench-corpus and BUILD/agent/jamul
#   CORPUS_DIR  default /tmp/jamul-bench-corpus (-PROFILE for the text trees); generated when
#               missing or when its manifest was made for other parameters (a directory without
#               bench-manifest.json is never touched)
# Environment: JAMUL_BENCH_PROFILE (staff; or sparse, dense: the text trees of issue 19),
#   JAMUL_BENCH_SEED (1), JAMUL_BENCH_FILES (20000; 7700 for the text trees),
#   JAMUL_BENCH_BYTES (1GiB; 200MB for the text trees), JAMUL_BENCH_REPEAT (3).
#
# After one warm-up pass that reads every file (so all runs see a warm page cache), it times:
#   (a) rg -j1 --no-ignore --hidden --count-matches -f bench/ripgrep-patterns.txt CORPUS (reference)
#   (a') the same with -c, and (a'') -c with the patterns' leading guards as ASCII \b
#   (b) jamul scan --threads 1 --db FRESH.db --json CORPUS
#   (c) jamul scan --threads 2 --db FRESH.db --json CORPUS                    (+ peak RSS)
#   (d) the same as (c) again on (c)'s database: an incremental rescan of an unchanged tree
#   (e) jamul scan --full --threads 1 on (c)'s database: every file read again
#   (f) find CORPUS -type f -printf '%s %T@\n': a stat walk of the tree
# and prints wall seconds, CPU seconds (user + sys) and MB/s (10^6 bytes of corpus per wall
# second) for each, CPU milliseconds per MB, and the ratios: jamul/rg throughput (one thread),
# jamul/rg-at-its-best in CPU time (the fastest of (a), (a'), (a'')), 2 threads/1 thread,
# rescan/first scan, the rescan's CPU against the stat walk's, and the peak RSS of (c).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-./build}
profile=${JAMUL_BENCH_PROFILE:-staff}
case "$profile" in
  staff) corpus=${2:-/tmp/jamul-bench-corpus} default_files=20000 default_bytes=1GiB ;;
  sparse | dense) corpus=${2:-/tmp/jamul-bench-corpus-$profile} default_files=7700 default_bytes=200MB ;;
  *) echo "scan_bench: JAMUL_BENCH_PROFILE must be staff, sparse or dense" >&2; exit 2 ;;
esac
seed=${JAMUL_BENCH_SEED:-1}
files=${JAMUL_BENCH_FILES:-$default_files}
bytes=${JAMUL_BENCH_BYTES:-$default_bytes}
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
want=$("$gen" --describe --seed "$seed" --files "$files" --bytes "$bytes" --profile "$profile")
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
  "$gen" --out "$corpus" --seed "$seed" --files "$files" --bytes "$bytes" --profile "$profile"
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
# The patterns with their leading guard ("(?:^|[^0-9])") as an ASCII word boundary: ripgrep's DFA
# rejects early at \b, so this set is ripgrep at its best on some trees (issue 19).
sed 's/^(?:^|\[[^]]*\])/(?-u:\\b)/' "$patterns" >"$tmp/patterns-b.txt"

# --- timing -----------------------------------------------------------------------------------------
# timed NAME OK_CODES CMD...: runs CMD (stdout discarded) under /usr/bin/time JAMUL_BENCH_REPEAT
# times (default 3) and keeps the fastest run (the machine's noise only ever adds time); sets
# SECONDS_<NAME> and RSS_<NAME> (KiB, of that run), and CPU_<NAME>, the least user + sys seconds of
# any run (kept apart from the wall time: noise only ever adds to either). Exit codes listed in
# OK_CODES (space-separated) are success. A function named prepare_<NAME>, if defined, runs before
# each repetition.
repeat=${JAMUL_BENCH_REPEAT:-3}
timed() {
  local name=$1 ok=$2 rc best="" best_rss="" best_cpu="" secs rss cpu started ended
  shift 2
  for ((rep = 0; rep < repeat; rep++)); do
    rc=0
    if declare -F "prepare_$name" >/dev/null; then "prepare_$name"; fi
    # Elapsed time from bash's microsecond clock (GNU time's %e has 10 ms steps, a sixth of an
    # unchanged rescan); GNU time still gives the peak RSS.
    started=$EPOCHREALTIME
    /usr/bin/time -f '%M %U %S' -o "$tmp/$name.time" "$@" >/dev/null 2>"$tmp/$name.err" || rc=$?
    ended=$EPOCHREALTIME
    if [[ " $ok " != *" $rc "* ]]; then
      echo "scan_bench: $name failed with exit status $rc:" >&2
      tail -n 20 "$tmp/$name.err" >&2
      exit 1
    fi
    # GNU time writes "Command exited with non-zero status N" before the format line.
    read -r rss cpu < <(tail -n 1 "$tmp/$name.time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }')
    secs=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.3f", b - a }')
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$secs best_rss=$rss
    fi
    if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
      best_cpu=$cpu
    fi
  done
  printf -v "SECONDS_$name" '%s' "$best"
  printf -v "RSS_$name" '%s' "$best_rss"
  printf -v "CPU_$name" '%s' "$best_cpu"
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
echo "scan_bench: (a'') rg -j1 -c, guards as \\b"
timed rgb "0 1" rg -j1 --no-ignore --hidden -c -f "$tmp/patterns-b.txt" "$corpus"
echo "scan_bench: (f) stat walk"
timed walk "0" find "$corpus" -type f -printf '%s %T@\n'

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
  echo "scan_bench: (e) jamul scan --full --threads 1 (every file again, on (c)'s database)"
  timed full "0 1 2" "$jamul" scan --full --threads 1 --db "$tmp/j2.db" --json "$corpus"
  for run in j1 j2 rescan full; do
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
printf 'Corpus %s (%s): %s files, %.1f MB (seed %s); %s CPUs\n' "$corpus" "$profile" "$corpus_files" \
  "$(awk -v b="$corpus_bytes" 'BEGIN { print b / 1e6 }')" "$seed" "$(nproc)"
printf '  %-36s %8s %8s %8s %9s %9s\n' "run" "seconds" "CPU s" "MB/s" "CPU ms/MB" "peak RSS"
cpu_per_mb() { awk -v c="$1" -v b="$corpus_bytes" 'BEGIN { printf "%.2f", c * 1000 / (b / 1e6) }'; }
row() {
  printf '  %-36s %8s %8s %8s %9s %6s MB\n' "$1" "$2" "$3" "$(mbs "$2")" "$(cpu_per_mb "$3")" \
    "$(mib "$4")"
}
row "(a) rg -j1 --count-matches (ref.)" "$SECONDS_rg" "$CPU_rg" "$RSS_rg"
row "(a') rg -j1 -c (first match a line)" "$SECONDS_rglines" "$CPU_rglines" "$RSS_rglines"
row "(a'') rg -j1 -c, guards as \\b" "$SECONDS_rgb" "$CPU_rgb" "$RSS_rgb"
row "(f) stat walk (find -printf)" "$SECONDS_walk" "$CPU_walk" "$RSS_walk"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 0.001) b = 0.001; printf "%.2f", a / b }'; }
min3() { printf '%s\n%s\n%s\n' "$1" "$2" "$3" | sort -g | head -n 1; }
rg_best_cpu=$(min3 "$CPU_rg" "$CPU_rglines" "$CPU_rgb")
if [ "$have_jamul" = 1 ]; then
  row "(b) jamul scan --threads 1" "$SECONDS_j1" "$CPU_j1" "$RSS_j1"
  row "(c) jamul scan --threads 2" "$SECONDS_j2" "$CPU_j2" "$RSS_j2"
  row "(d) jamul rescan, unchanged tree" "$SECONDS_rescan" "$CPU_rescan" "$RSS_rescan"
  row "(e) jamul scan --full --threads 1" "$SECONDS_full" "$CPU_full" "$RSS_full"
  echo
  echo "Ratios"
  printf '  %-36s %8sx  (one thread each; above 1: jamul is faster)\n' "jamul / rg throughput" \
    "$(ratio "$SECONDS_rg" "$SECONDS_j1")"
  printf '  %-36s %8sx  (against rg -c, which skips the rest of a line)\n' "jamul / rg -c throughput" \
    "$(ratio "$SECONDS_rglines" "$SECONDS_j1")"
  printf '  %-36s %8sx  (CPU seconds of rg at its best, %s s, over (b)'"'"'s; above 1: less CPU)\n' \
    "jamul / rg-at-its-best per core" "$(ratio "$rg_best_cpu" "$CPU_j1")" "$rg_best_cpu"
  printf '  %-36s %8sx  (speed-up from the second thread)\n' "2 threads / 1 thread" \
    "$(ratio "$SECONDS_j1" "$SECONDS_j2")"
  printf '  %-36s %8s%%  (time of (d) as a share of (c))\n' "rescan / first scan" \
    "$(awk -v a="$SECONDS_rescan" -v b="$SECONDS_j2" 'BEGIN { if (b < 0.001) b = 0.001; printf "%.1f", 100 * a / b }')"
  printf '  %-36s %8sx  (CPU of (d) over the stat walk'"'"'s)\n' "rescan CPU / stat walk CPU" \
    "$(ratio "$CPU_rescan" "$CPU_walk")"
  printf '  %-36s %8sx  (CPU of (e) over (b)'"'"'s; at most 1 is the target)\n' "full rescan CPU / first scan CPU" \
    "$(ratio "$CPU_full" "$CPU_j1")"
  printf '  %-36s %8s MB\n' "peak RSS of (c)" "$(mib "$RSS_j2")"
  echo
  printf 'RESULT profile=%s rg_mbs=%s rg_lines_mbs=%s jamul1_mbs=%s jamul2_mbs=%s rescan_pct=%s peak_rss_mb=%s rg_best_cpu_s=%s jamul1_cpu_s=%s jamul1_cpu_ms_per_mb=%s cpu_vs_rg_best=%s rescan_cpu_vs_walk=%s full_cpu_vs_first=%s\n' \
    "$profile" "$(mbs "$SECONDS_rg")" "$(mbs "$SECONDS_rglines")" "$(mbs "$SECONDS_j1")" "$(mbs "$SECONDS_j2")" \
    "$(awk -v a="$SECONDS_rescan" -v b="$SECONDS_j2" 'BEGIN { if (b < 0.001) b = 0.001; printf "%.1f", 100 * a / b }')" \
    "$(mib "$RSS_j2")" "$rg_best_cpu" "$CPU_j1" "$(cpu_per_mb "$CPU_j1")" "$(ratio "$rg_best_cpu" "$CPU_j1")" \
    "$(ratio "$CPU_rescan" "$CPU_walk")" "$(ratio "$CPU_full" "$CPU_j1")"
else
  echo
  printf 'RESULT profile=%s rg_mbs=%s rg_best_cpu_s=%s\n' "$profile" "$(mbs "$SECONDS_rg")" "$rg_best_cpu"
fi
