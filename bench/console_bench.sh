#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# console_bench.sh [BUILD_DIR]: the console under a simulated fleet (bench/README.md).
#
# For each database (SQLite in a fresh data folder; PostgreSQL on a throwaway cluster that
# tests/support/postgres_cluster.sh starts and removes), starts a fresh jamul-console on a free
# port of 127.0.0.1, runs jamul-console-load against it (enrolls JAMUL_BENCH_AGENTS agents, lets
# them heartbeat and report from JAMUL_BENCH_THREADS threads for JAMUL_BENCH_SECONDS, then times
# the dashboard's pages, logged in with the console's one-time password), and stops it. Prints the
# generator's report and one RESULT line per database. Nothing leaves loopback; everything it
# creates is under one temporary folder, removed at the end.
#
# Environment: JAMUL_BENCH_AGENTS (10000), JAMUL_BENCH_THREADS (8), JAMUL_BENCH_SECONDS (30),
# JAMUL_BENCH_FILES_PER_BATCH (5: a steady-state batch's changed files),
# JAMUL_BENCH_DATABASES ("sqlite postgres").
set -euo pipefail

here=$(cd "$(dirname -- "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
console=$build/console/jamul-console
load=$build/bench/jamul-console-load
for bin in "$console" "$load"; do
  [[ -x $bin ]] || { echo "$0: $bin is missing (build jamul-console and jamul-console-load)" >&2; exit 2; }
done
agents=${JAMUL_BENCH_AGENTS:-10000}
threads=${JAMUL_BENCH_THREADS:-8}
seconds=${JAMUL_BENCH_SECONDS:-30}
files=${JAMUL_BENCH_FILES_PER_BATCH:-5}
databases=${JAMUL_BENCH_DATABASES:-sqlite postgres}

work=$(mktemp -d /tmp/jamul-console-bench.XXXXXX)
chmod 0755 "$work"  # the cluster's owner (postgres) must enter it
console_pid=""
cleanup() {
  if [[ -n $console_pid ]]; then kill "$console_pid" 2>/dev/null || true; wait "$console_pid" 2>/dev/null || true; fi
  if [[ -d $work/pg ]]; then "$here/../tests/support/postgres_cluster.sh" stop "$work/pg" || true; fi
  rm -rf -- "$work"
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    ss -Hltn "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
  echo "$0: no free port" >&2
  exit 1
}

run_one() {
  local label=$1 url=${2:-}
  local data=$work/$label port out
  port=$(free_port)
  out=$work/$label.out
  local args=(--data-dir "$data" --listen "127.0.0.1:$port")
  [[ -n $url ]] && args+=(--database "$url")
  "$console" "${args[@]}" >"$out" 2>"$work/$label.err" &
  console_pid=$!
  for _ in $(seq 600); do
    grep -q "listening on" "$out" 2>/dev/null && break
    kill -0 "$console_pid" 2>/dev/null || { cat "$out" "$work/$label.err" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "listening on" "$out" || { echo "$0: the console did not start" >&2; exit 1; }
  local secret user password
  secret=$(sed -n 's/.*enrollment secret: \([^ ]*\).*/\1/p' "$out" | head -n1)
  user=$(sed -n 's/.*admin user \([^,]*\), one-time password: .*/\1/p' "$out" | head -n1)
  password=$(sed -n 's/.*one-time password: \([^ ]*\).*/\1/p' "$out" | head -n1)
  "$load" --url "https://127.0.0.1:$port" --secret "$secret" --agents "$agents" \
    --threads "$threads" --seconds "$seconds" --files-per-batch "$files" \
    --admin-user "$user" --admin-password "$password" --label "$label"
  if [[ $label == sqlite ]]; then
    echo "  database size: $(du -sh "$data" | cut -f1)"
  else
    echo "  database size: $(psql -X -A -t "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
  fi
  kill "$console_pid"
  wait "$console_pid" || true
  console_pid=""
  echo
}

echo "jamul-console bench: $agents agents, $threads threads, steady state ${seconds} s with $files changed files a batch; $(nproc) CPUs"
for db in $databases; do
  case $db in
    sqlite) run_one sqlite ;;
    postgres)
      url=$("$here/../tests/support/postgres_cluster.sh" start "$work/pg")
      run_one postgres "$url"
      ;;
    *) echo "$0: unknown database $db" >&2; exit 2 ;;
  esac
done
