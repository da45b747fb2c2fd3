#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the benchmarks: 127.0.0.1:55432, user postgres, password pw (what bench/jobs.sh,
# bench/orders-pipeline.sh and bench/read-latency.sh expect by default). Data lives in $BENCH_PG_DIR
# (/tmp/ipsolis-bench-pg) and is deleted by `stop`.
#   bench/postgres.sh start     # initdb (first time) and start
#   bench/postgres.sh stop      # stop and delete the data
# Settings favour a small production server on this machine (shared_buffers 512MB, 200 connections), not speed
# tricks: fsync and synchronous_commit stay on, so figures are what an operator would see.
set -euo pipefail
pg_bin=${IPSOLIS_TEST_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
dir=${BENCH_PG_DIR:-/tmp/ipsolis-bench-pg}
port=${BENCH_PG_PORT:-55432}
[[ -x $pg_bin/initdb ]] || { echo "PostgreSQL binaries not found (set IPSOLIS_TEST_PG_BIN)" >&2; exit 2; }

as_postgres() {
  if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

case ${1:-} in
  start)
    if [[ ! -f $dir/data/PG_VERSION ]]; then
      mkdir -p "$dir"
      ((EUID != 0)) || chown postgres:postgres "$dir"
      printf 'pw\n' >"$dir/pwfile"
      ((EUID != 0)) || chown postgres:postgres "$dir/pwfile"
      as_postgres "$pg_bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" -A scram-sha-256 -E UTF8 >/dev/null
      cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 512MB
CONF
    fi
    as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (postgres/pw), data in $dir"
    ;;
  stop)
    [[ -f $dir/data/postmaster.pid ]] && as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    rm -rf "$dir"
    echo "stopped and deleted $dir"
    ;;
  *)
    echo "usage: bench/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
