#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the jamul .deb from a configured build tree and checks it end to end (issue 15):
#   1. builds the installed targets (jamul, the PDF/OCR module, jamul-agent and jamul-tray when the
#      tree has them) and runs `cpack -G DEB` in the build tree;
#   2. checks the package's files, conffiles, maintainer scripts and dependencies (dpkg-deb); with
#      the tray: the program (translations compiled in), the menu entry, the login item, the icon;
#      without it: none of its desktop files;
#   3. checks the systemd unit with `systemd-analyze verify` and the desktop entries with
#      `desktop-file-validate`; lintian, when installed (report only);
#   4. installs it with dpkg -i (twice: the second run is the upgrade path), runs the installed
#      `jamul --version` and `jamul extract` on a PDF (the module is found in /usr/lib/jamul), and
#      runs the installed `jamul-agent --foreground` on a temporary config for 3 s (with the unit's
#      capability bounding set and no_new_privs, via setpriv), then SIGTERM; runs the installed
#      `jamul-tray --version` (QT_QPA_PLATFORM=offscreen);
#   5. `dpkg -r jamul` must keep /var/lib/jamul and /etc/jamul (and the login item, a conffile),
#      `dpkg -P jamul` must delete them.
#
#   installer/check-package.sh BUILD_DIR [--no-install]
#
# Steps 4-5 install into and remove from this machine: root only, and refused when a jamul package
# or /var/lib/jamul is already there (purging would delete that PC's device key). --no-install stops
# after step 3. JAMUL_JOBS sets the build's parallelism (default 2).
# `test && pass || fail`: pass only echoes, so fail runs exactly when the test fails.
# shellcheck disable=SC2015
set -euo pipefail

usage() { echo "usage: $0 BUILD_DIR [--no-install]" >&2; exit 2; }
[ $# -ge 1 ] || usage
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/.." && pwd)
install=1
[ "${2:-}" = "--no-install" ] && install=0
[ -f "$build/CMakeCache.txt" ] || { echo "check-package: $build is not a configured build tree" >&2; exit 2; }

failures=0
pass() { echo "  ok: $*"; }
fail() { echo "  FAIL: $*" >&2; failures=$((failures + 1)); }
step() { echo; echo "== $*"; }

work=$(mktemp -d /tmp/jamul-check.XXXXXX)
agent_pid=""
cleanup() {
  if [ -n "$agent_pid" ] && kill -0 "$agent_pid" 2>/dev/null; then kill -KILL "$agent_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- 1. build and package ------------------------------------------------------------------------
step "building the installed targets and the package in $build"
targets=(jamul)
# Read once and whole: `grep -q` on the pipe would leave cmake writing to a closed pipe (pipefail).
help=$(cmake --build "$build" --target help 2>/dev/null || true)
with_agent=0
if grep -Eq '^(\.\.\. )?jamul-agent(:| |$)' <<<"$help"; then
  targets+=(jamul-agent)
  with_agent=1
else
  echo "  (no jamul-agent target in this tree: the package is checked without the agent)"
fi
with_tray=0
if grep -Eq '^(\.\.\. )?jamul-tray(:| |$)' <<<"$help"; then
  targets+=(jamul-tray)
  with_tray=1
else
  echo "  (no jamul-tray target in this tree (JAMUL_BUILD_GUI): the package is checked without it)"
fi
cmake --build "$build" --target "${targets[@]}" -j "${JAMUL_JOBS:-2}"
rm -f "$build"/jamul_*.deb
(cd "$build" && cpack -G DEB)
debs=("$build"/jamul_*.deb)
deb=${debs[0]}
[ -f "$deb" ] || { echo "check-package: cpack made no jamul_*.deb" >&2; exit 1; }
echo "  package: $deb"

# --- 2. contents -----------------------------------------------------------------------------------
step "contents (dpkg-deb -c / -I)"
dpkg-deb -I "$deb"
dpkg-deb -c "$deb" >"$work/contents"
expected=(
  ./usr/bin/jamul
  ./usr/lib/jamul/libjamul-pdf-ocr.so
  ./lib/systemd/system/jamul-agent.service
  ./etc/jamul/agent.json
  ./etc/jamul/policy.json
  ./usr/share/doc/jamul/README.md
  ./usr/share/doc/jamul/policy.md
  ./usr/share/doc/jamul/policy-full.json
  ./usr/share/doc/jamul/copyright
)
[ "$with_agent" = 1 ] && expected+=(./usr/bin/jamul-agent)
# The tray app (gui/ installs the program, its translations compiled in; installer/ the rest).
tray_files=(
  ./usr/bin/jamul-tray
  ./usr/share/applications/jamul-tray.desktop
  ./etc/xdg/autostart/jamul-tray.desktop
  ./usr/share/icons/hicolor/scalable/apps/jamul.svg
)
[ "$with_tray" = 1 ] && expected+=("${tray_files[@]}")
for f in "${expected[@]}"; do
  if grep -Eq " ${f//./\\.}$" "$work/contents"; then pass "$f"; else fail "$f is not in the package"; fi
done
if [ "$with_agent" = 0 ]; then
  echo "  (skipped: ./usr/bin/jamul-agent, not built in this tree)"
fi
if [ "$with_tray" = 0 ]; then
  # No menu entry, login item or icon for a program the package does not hold.
  stray=0
  for f in "${tray_files[@]}"; do
    if grep -Eq " ${f//./\\.}$" "$work/contents"; then
      fail "$f is in a package without jamul-tray"; stray=1
    fi
  done
  [ "$stray" = 0 ] && pass "no tray files in a package without jamul-tray"
fi
if awk '{print $2}' "$work/contents" | grep -vq '^root/root$'; then
  fail "files not owned by root/root"
else
  pass "every file is owned by root/root"
fi

printf '/etc/jamul/agent.json\n/etc/jamul/policy.json\n' >"$work/conffiles.expected"
[ "$with_tray" = 1 ] && echo /etc/xdg/autostart/jamul-tray.desktop >>"$work/conffiles.expected"
if dpkg-deb -I "$deb" conffiles | diff -u "$work/conffiles.expected" - ; then
  pass "conffiles: $(paste -sd ' ' "$work/conffiles.expected")"
else
  fail "conffiles differ"
fi

dpkg-deb -e "$deb" "$work/control"
for s in postinst prerm postrm; do
  if [ -x "$work/control/$s" ] && head -n 1 "$work/control/$s" | grep -q '^#!/bin/sh'; then
    pass "$s: executable, /bin/sh"
    sh -n "$work/control/$s" || fail "$s: syntax"
  else
    fail "$s missing, not executable or not /bin/sh"
  fi
done
if command -v shellcheck >/dev/null; then
  shellcheck -s sh "$work/control/postinst" "$work/control/prerm" "$work/control/postrm" &&
    pass "shellcheck -s sh: maintainer scripts"
fi

depends=$(dpkg-deb -f "$deb" Depends)
echo "  Depends: $depends"
grep -q 'libc6' <<<"$depends" && pass "Depends computed by dpkg-shlibdeps" ||
  fail "Depends has no libc6 (dpkg-shlibdeps did not run?)"
if [ "$with_agent" = 1 ]; then
  grep -qi 'poco' <<<"$depends" && pass "Depends has Poco (jamul-agent)" || fail "Depends lacks Poco"
fi
if [ "$with_tray" = 1 ]; then
  # Computed (the binary links Qt) and declared (the SVG plugins Qt loads at run time) side by side.
  grep -q 'libqt6gui6' <<<"$depends" && pass "Depends has libqt6gui6 (shlibdeps, jamul-tray)" ||
    fail "Depends lacks libqt6gui6"
  grep -q 'libqt6svg6' <<<"$depends" && pass "Depends has libqt6svg6 (the SVG icon plugins)" ||
    fail "Depends lacks libqt6svg6"
fi

# --- 3. the unit ---------------------------------------------------------------------------------
step "systemd unit (systemd-analyze verify)"
dpkg-deb -x "$deb" "$work/root"
unit="$work/root/lib/systemd/system/jamul-agent.service"
verify_unit() {  # verify_unit UNIT_FILE
  if systemd-analyze verify "$1"; then pass "systemd-analyze verify: no complaints"; else
    fail "systemd-analyze verify"; fi
}
if [ -x /usr/bin/jamul-agent ]; then
  verify_unit "$unit"
else
  # verify checks that ExecStart's program exists: until the package is installed (or without
  # the agent) it is pointed at a stub, the rest of the unit as packaged.
  mkdir -p "$work/verify"
  stub="$work/verify/jamul-agent"
  printf '#!/bin/sh\nexit 0\n' >"$stub" && chmod 0755 "$stub"
  sed "s|^ExecStart=/usr/bin/jamul-agent |ExecStart=$stub |" "$unit" >"$work/verify/jamul-agent.service"
  echo "  (/usr/bin/jamul-agent is not on this machine yet: ExecStart points at a stub for this check)"
  verify_unit "$work/verify/jamul-agent.service"
fi
if systemd-analyze security --help 2>/dev/null | grep -q -- '--offline'; then
  systemd-analyze security --offline=true --no-pager "$unit" 2>/dev/null | tail -n 1 || true
fi

step "desktop entries (desktop-file-validate)"
if [ "$with_tray" = 1 ]; then
  menu_entry="$work/root/usr/share/applications/jamul-tray.desktop"
  login_item="$work/root/etc/xdg/autostart/jamul-tray.desktop"
else
  echo "  (no tray in this package: the entries are checked as they stand in installer/)"
  menu_entry="$source_dir/installer/jamul-tray.desktop"
  login_item="$source_dir/installer/jamul-tray-autostart.desktop"
fi
# desktop_key FILE KEY: the key's value in the [Desktop Entry] group.
desktop_key() { sed -n '/^\[Desktop Entry\]/,/^\[/{s/^'"$2"'=//p}' "$1"; }
if ! command -v desktop-file-validate >/dev/null; then
  fail "desktop-file-validate is not installed (Debian desktop-file-utils: scripts/install-deps.sh)"
else
  for e in "$menu_entry" "$login_item"; do
    # Hints (a category that could be added) are printed, not failures.
    if desktop-file-validate "$e"; then pass "desktop-file-validate ${e#"$work/root"}"; else
      fail "desktop-file-validate ${e#"$work/root"}"; fi
  done
fi
[ "$(desktop_key "$menu_entry" Exec)" = jamul-tray ] && pass "menu entry: Exec=jamul-tray" ||
  fail "menu entry: Exec is '$(desktop_key "$menu_entry" Exec)'"
[ "$(desktop_key "$login_item" Exec)" = "jamul-tray --autostart" ] &&
  pass "login item: Exec=jamul-tray --autostart" ||
  fail "login item: Exec is '$(desktop_key "$login_item" Exec)'"
# TryExec: a login item left behind by `dpkg -r` (a conffile) must not start a missing program.
for kv in TryExec=jamul-tray Icon=jamul; do
  [ "$(desktop_key "$menu_entry" "${kv%%=*}")" = "${kv#*=}" ] &&
    [ "$(desktop_key "$login_item" "${kv%%=*}")" = "${kv#*=}" ] &&
    pass "both entries: $kv" || fail "not both entries say $kv"
done
[ "$(desktop_key "$login_item" Hidden)" != true ] &&
  [ "$(desktop_key "$login_item" X-GNOME-Autostart-enabled)" = true ] &&
  pass "login item: enabled (no Hidden=true, X-GNOME-Autostart-enabled=true)" ||
  fail "login item is disabled"
if [ "$with_tray" = 1 ]; then
  icon="$work/root/usr/share/icons/hicolor/scalable/apps/jamul.svg"
  icon_type=$(file -b "$icon")
  grep -q 'SVG' <<<"$icon_type" && pass "icon: $icon_type" || fail "icon is no SVG: $icon_type"
fi

if command -v lintian >/dev/null; then
  step "lintian (report only)"
  lintian --tag-display-limit 0 "$deb" || true
else
  echo "  (lintian is not installed: skipped)"
fi

if [ "$install" = 0 ]; then
  step "done without installing (--no-install): $failures failure(s)"
  [ "$failures" = 0 ]
  exit
fi

# --- 4. install and run --------------------------------------------------------------------------
step "install (dpkg -i)"
[ "$(id -u)" = 0 ] || { echo "check-package: installing needs root (or use --no-install)" >&2; exit 1; }
if dpkg-query -W -f='${Status}' jamul 2>/dev/null | grep -q 'installed\|config-files'; then
  echo "check-package: a jamul package is already on this machine; not touching it" >&2; exit 1
fi
if [ -e /var/lib/jamul ] || [ -e /etc/jamul ]; then
  echo "check-package: /var/lib/jamul or /etc/jamul exists (an agent's data?); not touching it" >&2
  exit 1
fi
dpkg -i "$deb"
[ -d /run/systemd/system ] || echo "  (no running systemd: the postinst enables the unit but starts nothing)"
if [ "$(stat -c '%a %U' /var/lib/jamul 2>/dev/null)" = "700 root" ]; then
  pass "/var/lib/jamul: 0700 root"
else
  fail "/var/lib/jamul is not 0700 root: $(stat -c '%a %U' /var/lib/jamul 2>&1)"
fi
if [ -L /etc/systemd/system/multi-user.target.wants/jamul-agent.service ]; then
  pass "jamul-agent.service enabled"
else
  echo "  (the unit is not enabled: no deb-systemd-helper on this machine?)"
fi
dpkg -i "$deb" >/dev/null && pass "dpkg -i again (the upgrade path: postinst configure with the old version)" ||
  fail "second dpkg -i"
[ -x /usr/bin/jamul-agent ] && verify_unit /lib/systemd/system/jamul-agent.service

step "the installed jamul"
if version=$(/usr/bin/jamul --version); then pass "jamul --version: $version"; else fail "jamul --version"; fi
# A PDF with a text layer: only the module (/usr/lib/jamul, found from /usr/bin) reads it.
mkdir -p "$work/files"
pdf="$work/files/letter.pdf"
body="BT /F1 12 Tf 72 760 Td (Applicant resident registration number 780312-1526011) Tj ET"
{
  printf '%%PDF-1.4\n'
  printf '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
  printf '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n'
  printf '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>\nendobj\n'
  printf '4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n'
  printf '5 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n' "${#body}" "$body"
  printf 'trailer\n<< /Root 1 0 R >>\n%%%%EOF\n'
} >"$pdf"
if out=$(/usr/bin/jamul extract "$pdf" 2>&1) && grep -q '780312-1526011' <<<"$out"; then
  pass "jamul extract reads a PDF (the module is found in /usr/lib/jamul)"
else
  fail "jamul extract on a PDF: $out"
fi
printf '성명,주민등록번호\n김민수,780312-1526011\n' >"$work/files/명단.csv"

step "the installed jamul-agent"
if [ ! -x /usr/bin/jamul-agent ]; then
  echo "  SKIPPED: /usr/bin/jamul-agent is not in this package (no jamul-agent target in $build)"
else
  sock="$work/agent.sock"
  cat >"$work/agent.json" <<EOF
{"data_dir": "$work/data", "socket": "$sock", "log": "console",
 "policy": {"roots": ["$work/files"]}}
EOF
  /usr/bin/jamul-agent --version || fail "jamul-agent --version"
  # As systemd would run it: the unit's capability bounding set and no_new_privs (setpriv).
  run=()
  caps=$(sed -n 's/^CapabilityBoundingSet=//p' /lib/systemd/system/jamul-agent.service)
  if command -v setpriv >/dev/null && [ -n "$caps" ]; then
    bounding=-all
    for c in $caps; do c=${c#CAP_}; bounding+=",+${c,,}"; done
    run=(setpriv --bounding-set "$bounding" --inh-caps -all --no-new-privs)
    echo "  (run with the unit's capabilities: ${run[*]})"
  fi
  "${run[@]}" /usr/bin/jamul-agent --foreground --config "$work/agent.json" >"$work/agent.log" 2>&1 &
  agent_pid=$!
  for _ in $(seq 30); do [ -S "$sock" ] && break; sleep 0.1; done
  if [ -S "$sock" ]; then pass "the local API socket is there: $sock"; else fail "no socket after 3 s"; fi
  sleep 3
  if JAMUL_AGENT_SOCKET="$sock" /usr/bin/jamul agent status >"$work/status" 2>&1; then
    echo "  jamul agent status (report only):"; sed 's/^/    /' "$work/status"
  else
    echo "  jamul agent status failed (report only):"; sed 's/^/    /' "$work/status"
  fi
  if kill -0 "$agent_pid" 2>/dev/null; then
    pass "jamul-agent ran for 3 s"
    kill -TERM "$agent_pid"
    start=$(date +%s%N)
    rc=0
    for _ in $(seq 50); do kill -0 "$agent_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$agent_pid" 2>/dev/null; then
      fail "jamul-agent still runs 5 s after SIGTERM"
      kill -KILL "$agent_pid" || true
    fi
    wait "$agent_pid" || rc=$?
    agent_pid=""
    ms=$((($(date +%s%N) - start) / 1000000))
    if [ "$rc" = 0 ]; then pass "stopped by SIGTERM in $ms ms, exit 0"; else fail "exit status $rc after SIGTERM"; fi
  else
    wait "$agent_pid" || rc=$?
    agent_pid=""
    fail "jamul-agent exited early (status ${rc:-0})"
  fi
  if [ "$(stat -c '%a' "$work/data" 2>/dev/null)" = 700 ]; then pass "data_dir created 0700"; else
    fail "data_dir mode: $(stat -c '%a' "$work/data" 2>&1)"; fi
  echo "  agent log:"; sed 's/^/    /' "$work/agent.log"
fi

# --- 5. remove, purge ----------------------------------------------------------------------------
step "the installed jamul-tray"
if [ "$with_tray" = 0 ]; then
  echo "  SKIPPED: /usr/bin/jamul-tray is not in this package (no jamul-tray target in $build)"
else
  deb_version=$(dpkg-deb -f "$deb" Version)
  # No display here: Qt's offscreen platform (libqt6gui6); --version must not need the agent.
  # (Qt's warnings, e.g. about XDG_RUNTIME_DIR, go to stderr: shown only on failure.)
  if out=$(QT_QPA_PLATFORM=offscreen timeout 20 /usr/bin/jamul-tray --version 2>"$work/tray.err") &&
     grep -qF "$deb_version" <<<"$out"; then
    pass "jamul-tray --version: $out"
  else
    fail "jamul-tray --version does not print $deb_version: $out $(cat "$work/tray.err")"
  fi
fi

step "remove and purge"
dpkg -r jamul
[ ! -e /usr/bin/jamul ] && pass "dpkg -r: /usr/bin/jamul removed" || fail "/usr/bin/jamul still there"
if [ "$with_tray" = 1 ]; then
  [ ! -e /usr/bin/jamul-tray ] && pass "dpkg -r: /usr/bin/jamul-tray removed" ||
    fail "/usr/bin/jamul-tray still there"
  [ ! -e /usr/share/applications/jamul-tray.desktop ] && pass "dpkg -r: the menu entry removed" ||
    fail "the menu entry is still there"
  [ -f /etc/xdg/autostart/jamul-tray.desktop ] &&
    pass "dpkg -r: the login item kept (conffile; TryExec keeps it from starting anything)" ||
    fail "dpkg -r deleted the login item (a conffile)"
fi
[ -d /var/lib/jamul ] && pass "dpkg -r: /var/lib/jamul kept (device key, inventory)" ||
  fail "dpkg -r deleted /var/lib/jamul"
[ -f /etc/jamul/agent.json ] && pass "dpkg -r: /etc/jamul/agent.json kept (conffile)" ||
  fail "dpkg -r deleted /etc/jamul/agent.json"
dpkg -P jamul
[ ! -e /var/lib/jamul ] && pass "dpkg -P: /var/lib/jamul deleted" || fail "dpkg -P kept /var/lib/jamul"
[ ! -e /etc/jamul ] && pass "dpkg -P: /etc/jamul deleted" || fail "dpkg -P kept /etc/jamul"
if [ "$with_tray" = 1 ]; then
  [ ! -e /etc/xdg/autostart/jamul-tray.desktop ] && pass "dpkg -P: the login item deleted" ||
    fail "dpkg -P kept /etc/xdg/autostart/jamul-tray.desktop"
fi
dpkg-query -W jamul >/dev/null 2>&1 && fail "dpkg still knows jamul" || pass "dpkg forgot jamul"

step "$failures failure(s)"
[ "$failures" = 0 ]
