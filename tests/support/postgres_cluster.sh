#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# postgres_cluster.sh start DIR | stop DIR
#
# A throwaway PostgreSQL 15 cluster for the console's tests and benchmark, on loopback only:
#   start  stops whatever cluster a killed run left in DIR, then initdb's a fresh one in DIR/data,
#          listening on 127.0.0.1 on a free port (and on a unix socket in DIR/sock), with trust
#          authentication for 127.0.0.1 only; creates the role `jamul` and its database
#          `jamul_test`; waits until it answers; writes
#            DIR/url       postgresql://jamul@127.0.0.1:PORT/jamul_test   (what --database takes)
#            DIR/conninfo  host=127.0.0.1 port=PORT user=jamul dbname=jamul_test  (libpq / Poco)
#            DIR/port
#          and prints the URL.
#   stop   stops the cluster (fast mode) and removes DIR. Nothing to stop is not an error.
# Both are idempotent. As root the server runs as the user `postgres` (PostgreSQL refuses root),
# so DIR is handed to it. The binaries are Debian's (/usr/lib/postgresql/15/bin; PG_BINDIR
# overrides). fsync stays on: the tests also check what survives a kill.
set -euo pipefail

PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}
[[ $# -eq 2 ]] || usage
command=$1
dir=$2
[[ -n $dir ]] || usage
mkdir -p "$(dirname -- "$dir")"
dir=$(cd "$(dirname -- "$dir")" && pwd)/$(basename -- "$dir")

# Runs a command as the cluster's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  if [[ -f $dir/data/postmaster.pid ]]; then
    # Fast: rolls back open transactions and disconnects clients. A postmaster that is already
    # gone (a killed run, a rebooted machine) leaves a stale pid file; pg_ctl says so and we go on.
    as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    if [[ -f $dir/data/postmaster.pid ]]; then
      local pid
      pid=$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
         [[ $(readlink -f "/proc/$pid/exe" 2>/dev/null) == "$PG_BINDIR/postgres" ]]; then
        kill -QUIT "$pid" 2>/dev/null || true  # immediate shutdown of that postmaster only
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      fi
    fi
  fi
  rm -rf -- "$dir"
}

port_in_use() {
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

start_cluster() {
  stop_cluster
  mkdir -p "$dir/sock"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres: "$dir"
    # The owner must reach DIR: every folder above it must be searchable by others.
    local up=$dir
    while up=$(dirname -- "$up") && [[ $up != / ]]; do
      if ! runuser -u postgres -- test -x "$up"; then
        echo "$0: user postgres cannot enter $up; choose a DIR under a searchable folder" >&2
        exit 1
      fi
    done
  fi
  chmod 0700 "$dir"
  as_owner "$PG_BINDIR/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=reject >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # Loopback only: local connections by the owner (peer), TCP from 127.0.0.1 trusted; nothing else.
  cat >"$dir/data/pg_hba.conf" <<'EOF'
local all all peer
host all all 127.0.0.1/32 trust
EOF
  local attempt port
  for attempt in $(seq 20); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" && continue
    cat >>"$dir/data/postgresql.conf" <<EOF
# postgres_cluster.sh (attempt $attempt)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/sock'
max_connections = 200
shared_buffers = 128MB
logging_collector = off
EOF
    if as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
         >/dev/null 2>&1; then
      break
    fi
    port=""
    # Another process took the port between the check and the start: try another one.
    grep -q "could not bind" "$dir/server.log" 2>/dev/null || {
      cat "$dir/server.log" >&2 || true
      echo "$0: the cluster did not start" >&2
      exit 1
    }
  done
  [[ -n $port ]] || {
    echo "$0: no free port for the cluster" >&2
    exit 1
  }
  local psql=("$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/sock" -p "$port" -U postgres
              -d postgres)
  as_owner "${psql[@]}" -c "CREATE ROLE jamul LOGIN" \
    -c "CREATE DATABASE jamul_test OWNER jamul ENCODING 'UTF8' TEMPLATE template0" >/dev/null
  for _ in $(seq 100); do
    "$PG_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U jamul -d jamul_test && break
    sleep 0.1
  done
  "$PG_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U jamul -d jamul_test || {
    echo "$0: the cluster does not answer on 127.0.0.1:$port" >&2
    exit 1
  }
  echo "$port" >"$dir/port"
  echo "postgresql://jamul@127.0.0.1:$port/jamul_test" >"$dir/url"
  echo "host=127.0.0.1 port=$port user=jamul dbname=jamul_test" >"$dir/conninfo"
  # The files are read by the tests (any user); the data folder stays the owner's (0700).
  chmod 0755 "$dir"
  chmod 0644 "$dir/url" "$dir/conninfo" "$dir/port"
  cat "$dir/url"
}

case $command in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *) usage ;;
esac
