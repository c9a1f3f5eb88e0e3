#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs the fuzz_age harness (tests/fuzz/CMakeLists.txt) seeded with ../shared/age-testkit: each
# vector's age file is what follows its first blank line (the header lines before it describe the
# vector), extracted afresh into SEEDS; WORK is a fresh working corpus.
#   fuzz_age_seeds.sh HARNESS WORK SEEDS TESTKIT SECONDS ARTIFACT_PREFIX
set -eu
harness=$1 work=$2 seeds=$3 kit=$4 seconds=$5 artifacts=$6
rm -rf "$work" "$seeds"
mkdir -p "$work" "$seeds"
for f in "$kit"/*; do
  case "${f##*/}" in README.md | LICENSE) continue ;; esac
  blank=$(grep -abm1 '^$' "$f" | cut -d: -f1)
  tail -c +$((blank + 2)) "$f" >"$seeds/${f##*/}"
done
exec "$harness" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$artifacts" "$work" "$seeds"
