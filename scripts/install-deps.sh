#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages Jamul builds and tests with (needs root when something is missing).
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh --bench  also the benchmark's reference tools (ripgrep, GNU time)
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config          # toolchain
  libre2-dev libsodium-dev libsqlite3-dev   # RE2 (detector), libsodium (crypto), SQLite (inventory)
  libicu-dev                                # ICU: CP949 decoding
  libarchive-dev libexpat1-dev zlib1g-dev   # ZIP/OOXML/HWPX/ODF members and XML; HWP deflate
  libpoppler-cpp-dev                        # PDF text
  libtesseract-dev libleptonica-dev         # OCR of scanned images (off unless asked)
  tesseract-ocr-kor tesseract-ocr-eng       #   and its Korean and English language data
  libpoco-dev                               # Poco: jamul-agent's service frame and logging
  libboost-test-dev                         # Boost.Test
  util-linux mount                          # setpriv, unshare, nsenter, mount: the agent's tests
  clang libclang-rt-14-dev                  # libFuzzer harnesses (the fuzz preset)
  libc-bin zip                              # iconv and Info-ZIP, used by the sample generator
  age                                       # the age CLI, used by the crypto interop tests
  imagemagick fonts-nanum                   # scanned test pages drawn for the OCR tests (issue 13)
  dpkg-dev file systemd                     # the .deb: dpkg-shlibdeps (CPack), systemd-analyze verify
  desktop-file-utils                        #   and desktop-file-validate (the tray's entries)
  qt6-base-dev qt6-tools-dev                # jamul-tray (Qt 6 Widgets, Network, PrintSupport, Test)
  qt6-l10n-tools qt6-translations-l10n      #   lupdate/lrelease, and Qt's own Korean strings
  libqt6svg6                                #   its SVG icons (the icon engine plugin)
  xvfb trayer xdotool x11-utils             #   scripts/screenshots.sh: a display, a tray host, keys
  poppler-utils                             #   and the report's first page as PNG (pdftoppm)
  libssl-dev libpq-dev                      # jamul-console: TLS (Poco NetSSL, OpenSSL), PostgreSQL
  postgresql                                #   its tests start a throwaway cluster on loopback
  sqlite3                                   #   and read the console's tables (psql for PostgreSQL)
  chromium                                  #   and drive the dashboard in headless Chromium
)
# The dashboard test's driver (playwright-core) comes from npm: Debian's nodejs and npm, unless
# this machine already has a Node.js with its npm (NodeSource's nodejs bundles npm and conflicts
# with Debian's npm package).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
[ "${1:-}" = "--bench" ] && packages+=(ripgrep time)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root (or: sudo $0)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
