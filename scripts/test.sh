#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The test command (README; .ci/run calls exactly this): installs what is needed, builds with
# warnings as errors, runs the whole CTest suite, builds and checks the .deb (installing it on a
# machine that has no Jamul), then runs the suites again under AddressSanitizer and UBSan (all but
# the integration tests), then runs each libFuzzer harness (parsers, decoder, detector, local API)
# briefly (JAMUL_FUZZ_SECONDS, default 15 s each, seeded with ../shared/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# CI has ../shared: a test that would skip for lack of its data fails instead (tests/support/skip.h).
export JAMUL_REQUIRE_TEST_DATA=1
jobs=$(nproc)
cmake --preset ci
cmake --build --preset ci -j "$jobs"
ctest --preset ci
# The .deb (issue 15): contents, the systemd unit, and on a machine without Jamul installed (CI's
# fresh one) install, run the installed agent once, remove and purge.
if [ "$(id -u)" = 0 ] && ! dpkg -s jamul >/dev/null 2>&1 && [ ! -e /var/lib/jamul ] && [ ! -e /etc/jamul ]; then
  bash installer/check-package.sh build
else
  echo "test.sh: Jamul is installed here (or not root): the package is checked without installing it"
  bash installer/check-package.sh build --no-install
fi
cmake --preset asan
cmake --build --preset asan -j "$jobs"
ctest --preset asan
cmake --preset fuzz -DJAMUL_FUZZ_SECONDS="${JAMUL_FUZZ_SECONDS:-15}"
cmake --build --preset fuzz -j "$jobs"
ctest --preset fuzz
