#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Screenshots of the real tray app (issue 16), in Korean and in English: for each language a real
# jamul-agent scans a fresh sample folder (scripts/make-sample.sh), a real jamul-tray runs under Xvfb
# beside a real tray host (Debian's trayer), and the script uses it as an employee would — mouse on
# the tray icon, keys in the window — saving a PNG of each step:
#   <lang>-1-tray-menu.png        the tray icon's menu (right click)
#   <lang>-2-notification.png     the notice when a scan finds personal data
#   <lang>-3-results.png          the results window (left click on the icon)
#   <lang>-4-detail.png           a file selected: why it was reported
#   <lang>-5-encrypt-result.png   Ctrl+E on it: each file's result
#   <lang>-6-shred-confirm.png    Shift+Delete on another: the confirmation naming it
#   <lang>-7-shred-result.png     confirmed: the result
#   <lang>-8-report-saved.png     Ctrl+P: today's 자가점검 report saved
#   <lang>-9-report-page1.png     the report PDF's first page
# Each PNG is checked to show something (not a blank screen) and to differ from the step before it,
# so a step that silently did nothing fails the script. CTest runs it (gui.screenshots).
#
#   scripts/screenshots.sh OUTDIR [BUILD_DIR]      (BUILD_DIR: default build/)
# Needs: xvfb, trayer, xdotool, x11-utils, imagemagick, poppler-utils (scripts/install-deps.sh).
set -euo pipefail
out=${1:?usage: screenshots.sh OUTDIR [BUILD_DIR]}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build}
mkdir -p "$out"
out=$(cd "$out" && pwd)
agent_bin=$build/agent/jamul-agent
cli_bin=$build/agent/jamul
tray_bin=$build/gui/jamul-tray
for b in "$agent_bin" "$cli_bin" "$tray_bin"; do
  [ -x "$b" ] || { echo "screenshots: $b is not built" >&2; exit 2; }
done
for tool in Xvfb trayer xdotool xwininfo import compare pdftoppm; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (scripts/install-deps.sh)" >&2; exit 2; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "screenshots: $*" >&2
  for log in "$work"/*/agent.log "$work"/*/tray.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }
  done
  exit 1
}

# until SECONDS_MAX COMMAND...: polls COMMAND every 0.2 s.
until_ok() {
  local limit=$1; shift
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.2
  done
}

previous=""
shot() {  # shot NAME: the whole screen, checked not blank and not the same as the step before
  local file="$out/$lang-$1.png"
  sleep "${2:-0.8}"  # let the step finish drawing
  import -display "$DISPLAY" -window root "$file"
  local sd
  sd=$(convert "$file" -format '%[fx:standard_deviation]' info:)
  awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' || fail "$file is blank"
  if [ -n "$previous" ]; then
    local diff
    diff=$(compare -metric AE "$previous" "$file" null: 2>&1 || true)
    [ "${diff%% *}" != 0 ] || fail "$file shows nothing new after $(basename "$previous")"
  fi
  previous=$file
  echo "  $file"
}

# The embedded tray icon's centre, from the window tree ("jamul-tray" inside trayer's panel).
icon_xy() {
  xwininfo -display "$DISPLAY" -root -tree |
    awk '/"jamul-tray": \("jamul-tray" "jamul-tray"\)/ {
           split($0, a, " "); g = a[length(a) - 1]; p = a[length(a)];
           split(g, s, /[x+]/); split(p, q, "+");
           if (s[1] < 64 && s[2] < 64) { print q[2] + int(s[1] / 2), q[3] + int(s[2] / 2); exit 0 } }
         END { }' | grep .
}

window_named() { xdotool search --onlyvisible --name "$1" | tail -1 | grep .; }
# Back to the results window after a dialog closed: a desktop's window manager gives the focus back
# to the parent; Xvfb has none, so the script does what it would.
refocus() { xdotool windowfocus --sync "$results"; }

run_language() {
  lang=$1
  local display=$2 dir="$work/$lang"
  previous=""
  mkdir -p "$dir/reports"
  bash "$root/scripts/make-sample.sh" "$dir/home" >/dev/null
  cat >"$dir/agent.json" <<EOF
{"data_dir":"$dir/data","socket":"$dir/agent.sock","log":"console",
 "policy":{"roots":["$dir/home"],"schedule":"manual","governor":{"cpu_percent":100}}}
EOF
  "$agent_bin" --foreground --config "$dir/agent.json" >"$dir/agent.log" 2>&1 &
  pids+=($!)
  until_ok 20 "$cli_bin" agent status --socket "$dir/agent.sock" || fail "the agent did not start"

  export DISPLAY=:$display
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >"$dir/xvfb.log" 2>&1 &
  pids+=($!)
  until_ok 10 xwininfo -display "$DISPLAY" -root || fail "Xvfb did not start"
  trayer --edge top --align right --widthtype pixel --width 160 --height 32 --SetDockType true \
         --transparent false --tint 0x404040 >"$dir/trayer.log" 2>&1 &
  pids+=($!)
  sleep 1
  # The employee's tray: it starts before the first scan, so the scan's findings are news to it.
  HOME=$dir XDG_RUNTIME_DIR=$dir "$tray_bin" --socket "$dir/agent.sock" --lang "$lang" \
    --report-dir "$dir/reports" >"$dir/tray.log" 2>&1 &
  pids+=($!)
  until_ok 20 icon_xy || fail "the tray icon did not appear in the tray"
  read -r ix iy < <(icon_xy)
  sleep 1.5  # connected: the offline icon gives way

  echo "$lang:"
  xdotool mousemove "$ix" "$iy" click 3
  shot 1-tray-menu
  xdotool key Escape
  "$cli_bin" agent scan --wait --socket "$dir/agent.sock" >/dev/null
  shot 2-notification 4.5

  xdotool mousemove "$ix" "$iy" click 1
  until_ok 10 window_named " — " || fail "the results window did not open"
  results=$(window_named " — ")
  xdotool mousemove --window "$results" 400 300
  shot 3-results 1.5
  # Keyboard only from here: Ctrl+F to the folder filter, Tab to the table (which selects its
  # first file: the highest confidence, as sorted).
  xdotool key ctrl+f Tab
  shot 4-detail
  xdotool key ctrl+e
  until_ok 30 window_named "^(Encryption|암호화)$" || fail "no result after Ctrl+E"
  shot 5-encrypt-result 1
  xdotool key Escape
  refocus
  sleep 1.5  # the listing refreshes after the action
  xdotool key ctrl+f Tab Down
  sleep 0.5
  xdotool key shift+Delete
  until_ok 10 window_named "^(Shred files|파일 완전 삭제)$" || fail "no confirmation after Shift+Delete"
  shot 6-shred-confirm
  xdotool key alt+s
  until_ok 30 window_named "^(Shredding|완전 삭제)$" || fail "no result after confirming the shred"
  shot 7-shred-result 1
  xdotool key Escape
  refocus
  sleep 1
  xdotool key ctrl+p
  until_ok 30 window_named "^(Self-check report|자가점검 결과서)$" || fail "the report was not saved"
  shot 8-report-saved
  xdotool key Escape
  local pdf
  pdf=$(ls "$dir"/reports/*.pdf | head -1)
  [ -s "$pdf" ] || fail "no PDF report in $dir/reports"
  [ -s "${pdf%.pdf}.html" ] || fail "no HTML report beside $pdf"
  pdftoppm -png -r 80 -f 1 -l 1 "$pdf" "$dir/page"
  cp "$(ls "$dir"/page*.png | head -1)" "$out/$lang-9-report-page1.png"
  echo "  $out/$lang-9-report-page1.png"

  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}

run_language ko 91
run_language en 92
echo "screenshots: 18 PNGs in $out"
