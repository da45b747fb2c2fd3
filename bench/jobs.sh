#!/usr/bin/env bash
# Job queue throughput and latency on PostgreSQL (issue 4; results in docs/PERFORMANCE.md).
#   bench/jobs.sh                      # against 127.0.0.1:55432 (postgres/pw), 20,000 no-op jobs
#   PGHOST=... PGPORT=... PGUSER=... PGPASSWORD=... JOBS=50000 bench/jobs.sh
# Measures, on one throwaway database:
#   1. no-op job throughput with 1, 2 and 3 `ipsolis serve --roles worker` processes (jobs inserted in one
#      statement while the workers idle; clock runs from the insert to the last success);
#   2. a raw claim-and-delete loop (FOR UPDATE SKIP LOCKED) run by pgbench on the same server, for the ratio;
#   3. enqueue-to-start latency (jobs.started_at - jobs.created_at) at idle (5 jobs/s) and under load
#      (a steady 1,000 jobs/s stream into 3 workers), each job enqueued with NOTIFY as IJobQueue does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-pw}
pgbin=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
jobs=${JOBS:-20000}
concurrency=${CONCURRENCY:-50}
artifacts=${ARTIFACTS:-/tmp/ipsolis-bench-artifacts}
db=ipsolis_bench_jobs
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

psql() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
sql() { psql -d "$db" -At -c "$1"; }

echo "building ipsolis (Release) into $artifacts" >&2
dotnet build "$root/src/IpSolis.Server" -c Release --artifacts-path "$artifacts" -v q -nologo >/dev/null
ipsolis=("dotnet" "$artifacts/bin/IpSolis.Server/release/ipsolis.dll")

psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export DATABASE_URL="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db"
export API_SECRET_KEY=$(head -c 36 /dev/urandom | base64) IPSOLIS_Logging__LogLevel__Default=Warning
export IPSOLIS_Jobs__Queues__default__Concurrency=$concurrency IPSOLIS_Server__DataDirectory=$work/data
(cd "$work" && "${ipsolis[@]}" migrate >/dev/null)

start_workers() {
  local n=$1
  for ((i = 0; i < n; i++)); do
    local port=$((18100 + i))
    (cd "$work" && exec "${ipsolis[@]}" serve --roles worker --queues default --urls "http://127.0.0.1:$port") >"$work/worker-$i.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/livez" >/dev/null && break; sleep 0.2; done
  done
  sleep 1 # listeners connected
}

stop_workers() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }

insert_jobs() { # count
  sql "BEGIN; INSERT INTO jobs (kind, queue, payload, state, priority, run_at, attempt, max_attempts, created_at)
       SELECT 'jobs.noop', 'default', '{}', 'pending', 0, clock_timestamp(), 0, 1, clock_timestamp() FROM generate_series(1, $1);
       SELECT pg_notify('ipsolis_jobs', 'default'); COMMIT;" >/dev/null
}

echo "workers,jobs,seconds,jobs_per_second"
declare -A rate
for n in 1 2 3; do
  sql "TRUNCATE jobs, job_attempts" >/dev/null
  start_workers "$n"
  t0=$(date +%s.%N)
  insert_jobs "$jobs"
  until [[ $(sql "SELECT count(*) FROM jobs WHERE state = 'succeeded'") -ge $jobs ]]; do sleep 0.05; done
  t1=$(date +%s.%N)
  stop_workers
  rate[$n]=$(echo "$jobs / ($t1 - $t0)" | bc -l)
  printf '%d,%d,%.2f,%.0f\n' "$n" "$jobs" "$(echo "$t1 - $t0" | bc -l)" "${rate[$n]}"
done

# The raw loop: the same claim primitive with nothing around it, as fast as pgbench's clients can go.
sql "DROP TABLE IF EXISTS bench_queue; CREATE TABLE bench_queue (id bigserial PRIMARY KEY, payload text NOT NULL);
     INSERT INTO bench_queue (payload) SELECT '{}' FROM generate_series(1, $jobs);" >/dev/null
echo "DELETE FROM bench_queue WHERE id = (SELECT id FROM bench_queue ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1);" >"$work/claim.sql"
clients=${RAW_CLIENTS:-8}
raw=$("$pgbin/pgbench" -n -c "$clients" -j 2 -t $((jobs / clients)) -f "$work/claim.sql" "$db" 2>/dev/null | awk '/^tps/ {print $3; exit}')
printf 'raw claim-and-delete (pgbench, %d clients): %.0f per second\n' "$clients" "$raw"
for n in 1 2 3; do printf 'ratio with %d worker(s): %.2f\n' "$n" "$(echo "${rate[$n]} / $raw" | bc -l)"; done

# Latency: each pgbench transaction enqueues one job and notifies, like IJobQueue.EnqueueAsync.
cat >"$work/enqueue.sql" <<'SQL'
BEGIN;
INSERT INTO jobs (kind, queue, payload, state, priority, run_at, attempt, max_attempts, created_at)
VALUES ('jobs.noop', 'default', '{}', 'pending', 0, clock_timestamp(), 0, 1, clock_timestamp());
SELECT pg_notify('ipsolis_jobs', 'default');
COMMIT;
SQL
latency() { # label
  sql "SELECT '$1: ' || count(*) || ' jobs, p50 ' || round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::numeric, 1)
         || ' ms, p99 ' || round((percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::numeric, 1) || ' ms, max ' || round(max(ms)::numeric, 1) || ' ms'
       FROM (SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM jobs WHERE state = 'succeeded') s"
}
start_workers 3
sql "TRUNCATE jobs, job_attempts" >/dev/null
"$pgbin/pgbench" -n -c 1 -R 5 -T 20 -f "$work/enqueue.sql" "$db" >/dev/null 2>&1
sleep 1
latency "idle (5 jobs/s, 3 workers)"
sql "TRUNCATE jobs, job_attempts" >/dev/null
"$pgbin/pgbench" -n -c 4 -j 2 -R "${LOAD_RATE:-1000}" -T 20 -f "$work/enqueue.sql" "$db" >/dev/null 2>&1
sleep 2
latency "under load (${LOAD_RATE:-1000} jobs/s, 3 workers)"
stop_workers
psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
