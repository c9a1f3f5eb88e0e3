#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Per-rule precision and recall of a jamul build on the generated accuracy sets (issue 13).
#
#   bench/accuracy.sh [BUILD_DIR] [JAMUL_BINARY] [OUT_DIR]
#
# BUILD_DIR (default ./build) provides bench/jamul-accuracy, which writes the sets and scores;
# JAMUL_BINARY (default BUILD_DIR/agent/jamul) is the build measured, so an older binary (the base of
# a change, with its lib/jamul/ module beside it) is measured on the same files. OUT_DIR (default
# /tmp/jamul-accuracy) receives text/, tables/, documents/ and, with OCR on, scanned/ sets, their
# manifests and the scans' JSON. Environment:
#   JAMUL_ACCURACY_SEED       seed of the sets (default 1)
#   JAMUL_ACCURACY_DOCUMENTS  documents drawn for the text, table and document sets (default 200)
#   JAMUL_ACCURACY_PAGES      scanned pages (default 36; 0 skips the OCR sets)
#   JAMUL_ACCURACY_VERBOSE=1  list every false positive and false negative
# The scanned pages need ImageMagick and fonts-nanum (apt-get install imagemagick fonts-nanum).
set -euo pipefail
build=${1:-build}
jamul=${2:-$build/agent/jamul}
out=${3:-/tmp/jamul-accuracy}
seed=${JAMUL_ACCURACY_SEED:-1}
documents=${JAMUL_ACCURACY_DOCUMENTS:-200}
pages=${JAMUL_ACCURACY_PAGES:-36}
tool=$build/bench/jamul-accuracy
verbose=()
[ "${JAMUL_ACCURACY_VERBOSE:-0}" = 1 ] && verbose=(--verbose)

[ -x "$tool" ] || { echo "accuracy: build $tool first (ninja -C $build jamul-accuracy)" >&2; exit 2; }
[ -x "$jamul" ] || { echo "accuracy: no jamul binary at $jamul" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/xdg XDG_STATE_HOME=$work/xdg XDG_CONFIG_HOME=$work/xdg

# The sets are regenerated when their parameters change (the key file records them).
key="seed=$seed documents=$documents pages=$pages"
if [ ! -f "$out/sets.key" ] || [ "$(cat "$out/sets.key")" != "$key" ]; then
  rm -rf "$out/text-sets" "$out/scanned-sets"
  "$tool" generate --out "$out/text-sets" --seed "$seed" --documents "$documents"
  if [ "$pages" -gt 0 ]; then
    "$tool" scanned --out "$out/scanned-sets" --seed "$seed" --pages "$pages"
  fi
  echo "$key" > "$out/sets.key"
fi

echo "# $("$jamul" --version 2>/dev/null | head -1) ($jamul)"
echo
echo "## text, table and document sets"
"$jamul" scan "$out/text-sets" --db "$work/text.db" --json > "$out/text-scan.jsonl" || [ $? -le 2 ]
"$tool" score --dir "$out/text-sets" --scan "$out/text-scan.jsonl" "${verbose[@]}"
if [ "$pages" -gt 0 ]; then
  echo
  echo "## scanned pages (--ocr)"
  "$jamul" scan --ocr "$out/scanned-sets" --db "$work/ocr.db" --json > "$out/ocr-scan.jsonl" || [ $? -le 2 ]
  "$tool" score --dir "$out/scanned-sets" --scan "$out/ocr-scan.jsonl" "${verbose[@]}"
fi
