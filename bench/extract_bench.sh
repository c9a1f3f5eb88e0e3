#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Extraction throughput per document format (issue 3): `jamul scan --threads 1` over each folder of
# ../shared/corpus (a copy, so that nothing is written beside the originals), in MB/s and files/s,
# next to a reference tool where Debian has one, timed in the same run (pdftotext for PDF).
#   bench/extract_bench.sh [BUILD_DIR] [SHARED_DIR]      (defaults: ./build, ../shared)
# The corpus folders are small and mixed (broken files, bombs, encrypted ones): the figures say
# how fast real-world files of each kind go through, not a peak rate. Nothing touches the network.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shared=${2:-../shared}
jamul=$build/agent/jamul
[ -x "$jamul" ] || { echo "extract_bench: $jamul not found; build it: ninja -C $build jamul" >&2; exit 1; }
[ -d "$shared/corpus" ] || { echo "extract_bench: $shared/corpus not found" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jamul-extract-bench.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/xdg-data XDG_CONFIG_HOME=$tmp/xdg-config XDG_STATE_HOME=$tmp/xdg-state

seconds() { local s=$1 e=$2; awk -v s="$s" -v e="$e" 'BEGIN { d = e - s; if (d < 0.001) d = 0.001; printf "%.3f", d }'; }
now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" -v d="$3" 'BEGIN { printf "%8.1f", n / d / s }'; }

printf '%-8s %6s %9s %9s %10s %9s   %s\n' format files MB seconds "MB/s" "files/s" "reference"
for dir in "$shared"/corpus/*/; do
  format=$(basename "$dir")
  [ "$format" = images ] && continue  # OCR has its own figure below
  copy=$tmp/corpus/$format
  mkdir -p "$copy"
  cp -r "$dir". "$copy/"
  files=$(find "$copy" -type f | wc -l)
  bytes=$(find "$copy" -type f -printf '%s\n' | awk '{ t += $1 } END { print t + 0 }')
  # One warm-up pass so that both runs read from the page cache.
  find "$copy" -type f -exec cat -- {} + >/dev/null
  start=$(now)
  "$jamul" scan --threads 1 --no-progress --full --db "$tmp/$format.db" --json "$copy" >/dev/null || true
  secs=$(seconds "$start" "$(now)")
  reference=""
  if [ "$format" = pdf ] && command -v pdftotext >/dev/null; then
    start=$(now)
    find "$copy" -type f -name '*.pdf' -exec sh -c 'for f; do pdftotext -q "$f" - >/dev/null || true; done' sh {} +
    ref_secs=$(seconds "$start" "$(now)")
    reference="pdftotext: $(rate "$bytes" "$ref_secs" 1000000 | tr -d ' ') MB/s, jamul/pdftotext $(awk -v a="$ref_secs" -v b="$secs" 'BEGIN { printf "%.2f", a / b }')x"
  fi
  printf '%-8s %6d %9.1f %9s %10s %9s   %s\n' "$format" "$files" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
    "$secs" "$(rate "$bytes" "$secs" 1000000)" "$(rate "$files" "$secs" 1)" "$reference"
done

# OCR: the scanned pages of the corpus, through `jamul scan --ocr`.
if [ -d "$shared/corpus/images" ]; then
  copy=$tmp/corpus/images
  mkdir -p "$copy"
  cp -r "$shared/corpus/images/." "$copy/"
  files=$(find "$copy" -type f | wc -l)
  bytes=$(find "$copy" -type f -printf '%s\n' | awk '{ t += $1 } END { print t + 0 }')
  start=$(now)
  "$jamul" scan --ocr --threads 1 --no-progress --full --db "$tmp/images.db" --json "$copy" >/dev/null || true
  secs=$(seconds "$start" "$(now)")
  printf '%-8s %6d %9.1f %9s %10s %9s   %s\n' "ocr" "$files" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
    "$secs" "$(rate "$bytes" "$secs" 1000000)" "$(rate "$files" "$secs" 1)" "images, kor+eng"
fi
