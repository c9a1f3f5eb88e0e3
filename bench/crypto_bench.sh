#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Encryption and decryption speed of Jamul's age implementation against Debian's `age` CLI, in one
# run on the same files (bench/README.md):
#   (a) one 1 GiB file (JAMUL_CRYPTO_BENCH_BYTES): age -r / jamul-age-bench encrypt, and
#       age -d / jamul-age-bench decrypt of each other's output (interop on the way); rounds
#       alternate the tools, each after a sync, best of 5
#   (b) `jamul encrypt` of the same 1 GiB file in place (the whole protocol: write, fsync,
#       decrypt-verify, wipe the original, fsync) and `jamul decrypt` back
#   (c) many small files (JAMUL_CRYPTO_BENCH_FILES, 4 KiB each): `jamul encrypt` of them all in
#       place, against `age -r` + `rm` per file in a shell loop
# Usage: bench/crypto_bench.sh [BUILD_DIR]   (needs BUILD/bench/jamul-age-bench, BUILD/agent/jamul)
set -euo pipefail

build=${1:-./build}
bytes=${JAMUL_CRYPTO_BENCH_BYTES:-1073741824}
small=${JAMUL_CRYPTO_BENCH_FILES:-2000}
tool=$build/bench/jamul-age-bench
jamul=$build/agent/jamul
fail() { echo "crypto_bench: $*" >&2; exit 2; }
command -v age >/dev/null || fail "age not found (Debian: apt-get install -y age)"
[ -x "$tool" ] || fail "$tool not found; build it: ninja -C $build jamul-age-bench"
[ -x "$jamul" ] || fail "$jamul not found"

work=$(mktemp -d "${TMPDIR:-/tmp}/jamul-crypto-bench.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
age-keygen -o "$work/key" 2>/dev/null
recipient=$(age-keygen -y "$work/key")
echo "crypto_bench: writing $bytes random bytes"
head -c "$bytes" /dev/urandom > "$work/plain"

# Wall seconds of one command, started with its output absent and the page cache's dirty pages
# written back (sync), so that neither tool pays for the other's write-back or file truncation.
timed() {
  local out=$1; shift
  rm -f -- "$out"; sync
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
min() { awk -v x="$1" -v y="$2" 'BEGIN { print (y == "" || x < y) ? x : y }'; }
mbs() { awk -v b="$bytes" -v s="$1" 'BEGIN { if (s < 0.001) s = 0.001; printf "%.0f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }

# Rounds alternate the two tools (age, jamul, age, jamul, ...) so that machine noise hits both;
# each figure is its tool's best round.
age_enc="" our_enc="" age_dec="" our_dec=""
for round in 1 2 3 4 5; do
  age_enc=$(min "$(timed "$work/by-age.age" age -r "$recipient" -o "$work/by-age.age" "$work/plain")" "$age_enc")
  our_enc=$(min "$(timed "$work/by-us.age" "$tool" encrypt "$recipient" "$work/plain" "$work/by-us.age")" "$our_enc")
done
for round in 1 2 3 4 5; do
  age_dec=$(min "$(timed "$work/out-age" age -d -i "$work/key" -o "$work/out-age" "$work/by-us.age")" "$age_dec")
  our_dec=$(min "$(timed "$work/out-us" "$tool" decrypt "$work/key" "$work/by-age.age" "$work/out-us")" "$our_dec")
done
cmp -s "$work/plain" "$work/out-age" || fail "age -d of our file differs from the original"
cmp -s "$work/plain" "$work/out-us" || fail "our decryption of age's file differs from the original"
rm -f "$work/out-age" "$work/out-us" "$work/by-age.age" "$work/by-us.age"

# (b) in place, once (it destroys its input)
db="$work/inv.db"
t0=$(date +%s.%N); "$jamul" encrypt --db "$db" "$work/plain" >/dev/null 2>&1; t1=$(date +%s.%N)
inplace_enc=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
t0=$(date +%s.%N); "$jamul" decrypt --db "$db" "$work/plain.age" >/dev/null 2>&1; t1=$(date +%s.%N)
inplace_dec=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
[ -f "$work/plain" ] || fail "in-place round trip lost the file"

# (c) small files
mkdir "$work/small-j" "$work/small-a"
for i in $(seq 1 "$small"); do head -c 4096 /dev/urandom > "$work/small-j/f$i.csv"; done
cp "$work/small-j/"* "$work/small-a/"
t0=$(date +%s.%N); "$jamul" encrypt --db "$db" "$work/small-j/"*.csv >/dev/null 2>&1; t1=$(date +%s.%N)
small_j=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
t0=$(date +%s.%N)
for f in "$work/small-a/"*.csv; do age -r "$recipient" -o "$f.age" "$f" && rm -f "$f"; done
t1=$(date +%s.%N)
small_a=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
[ "$(ls "$work/small-j" | grep -c '\.age$')" = "$small" ] || fail "not every small file was encrypted"

echo
echo "One file of $bytes bytes, best of 5 alternating rounds ($(nproc) CPUs)"
printf "  %-44s %8s s %7s MB/s\n" "age -r (reference)" "$age_enc" "$(mbs "$age_enc")"
printf "  %-44s %8s s %7s MB/s\n" "jamul (age format, stream)" "$our_enc" "$(mbs "$our_enc")"
printf "  %-44s %8s s %7s MB/s\n" "age -d (reference)" "$age_dec" "$(mbs "$age_dec")"
printf "  %-44s %8s s %7s MB/s\n" "jamul decrypt (stream)" "$our_dec" "$(mbs "$our_dec")"
printf "  %-44s %8s s %7s MB/s\n" "jamul encrypt in place (verify, wipe, fsync)" "$inplace_enc" "$(mbs "$inplace_enc")"
printf "  %-44s %8s s %7s MB/s\n" "jamul decrypt in place (fsync)" "$inplace_dec" "$(mbs "$inplace_dec")"
echo "Ratios (above 1: jamul is faster)"
echo "  encrypt jamul / age                    $(ratio "$our_enc" "$age_enc")x"
echo "  decrypt jamul / age                    $(ratio "$our_dec" "$age_dec")x"
echo "$small files of 4 KiB"
printf "  %-44s %8s s %7s files/s\n" "jamul encrypt in place (one process)" "$small_j" "$(awk -v n="$small" -v s="$small_j" 'BEGIN { printf "%.0f", n / s }')"
printf "  %-44s %8s s %7s files/s\n" "age -r + rm per file (a process each)" "$small_a" "$(awk -v n="$small" -v s="$small_a" 'BEGIN { printf "%.0f", n / s }')"
echo "RESULT age_enc_mbs=$(mbs "$age_enc") jamul_enc_mbs=$(mbs "$our_enc") age_dec_mbs=$(mbs "$age_dec") jamul_dec_mbs=$(mbs "$our_dec") enc_ratio=$(ratio "$our_enc" "$age_enc") dec_ratio=$(ratio "$our_dec" "$age_dec")"
