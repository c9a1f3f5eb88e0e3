#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Compares our PDF text with poppler-utils' pdftotext, per corpus file: the share of pdftotext's
# distinct words (whitespace-separated) that our text also holds, and the reverse.
#
#   compare_pdftotext.sh <jamul CLI> [corpus dir]       runs `<jamul> extract <file>`
#   compare_pdftotext.sh --dump-dir <dir> [corpus dir]  reads <dir>/<file>.txt written by
#       JAMUL_EXTRACT_DUMP_DIR=<dir> jamul_scanner_tests --run_test=pdf_corpus
set -u
if [ $# -lt 1 ]; then
  echo "usage: $0 <jamul CLI> | --dump-dir <dir>  [corpus/pdf dir]" >&2
  exit 2
fi
mode=cli
if [ "$1" = "--dump-dir" ]; then
  mode=dump
  dump_dir=$2
  shift 2
else
  jamul=$1
  shift
fi
corpus=${1:-${JAMUL_SHARED_DIR:-/work/shared}/corpus/pdf}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

words() { tr -s ' \t\f\r' '\n\n\n\n' | grep -v '^$' | sort -u; }

printf '%-70s %8s %8s %7s %7s\n' file ref_words our_words recall precision
for f in "$corpus"/*.pdf; do
  name=$(basename "$f")
  pdftotext -q "$f" - 2>/dev/null | words >"$tmp/ref"
  if [ "$mode" = cli ]; then
    # The part headers `jamul extract` prints ("=== page 2 ===") are not document text.
    "$jamul" extract "$f" 2>/dev/null | grep -v '^=== .* ===$' | words >"$tmp/ours"
  else
    words <"$dump_dir/$name.txt" >"$tmp/ours" 2>/dev/null || : >"$tmp/ours"
  fi
  ref=$(wc -l <"$tmp/ref")
  ours=$(wc -l <"$tmp/ours")
  common=$(comm -12 "$tmp/ref" "$tmp/ours" | wc -l)
  recall=$(awk -v c="$common" -v r="$ref" 'BEGIN { if (r == 0) print "-"; else printf "%.3f", c / r }')
  precision=$(awk -v c="$common" -v o="$ours" 'BEGIN { if (o == 0) print "-"; else printf "%.3f", c / o }')
  printf '%-70s %8d %8d %7s %7s\n' "$name" "$ref" "$ours" "$recall" "$precision"
done
