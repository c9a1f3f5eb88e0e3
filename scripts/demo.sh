#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main-job command (README): installs what is needed, builds, writes a sample folder of office
# documents with synthetic personal data, scans it into the local inventory and prints the result.
#   JAMUL_SAMPLE_DIR  where the sample goes (default: /tmp/jamul-sample)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target jamul
sample=${JAMUL_SAMPLE_DIR:-/tmp/jamul-sample}
bash scripts/make-sample.sh "$sample"
echo
echo "\$ jamul scan $sample"
status=0
./build/agent/jamul scan "$sample" || status=$?
echo
case $status in
  0) echo "Nothing found (exit 0).";;
  1) echo "Personal data found (exit 1). Run the same command again: unchanged files come from the inventory.";;
  *) echo "Some files could not be read (exit $status)."; exit "$status";;
esac
