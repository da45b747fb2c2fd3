#!/usr/bin/env bash
# One-click approval decisions under load, with a large install's data (bench/generate-catalog-data.py: 100,000
# orders, of which PENDING wait for approval, each with a pending approval row and a signed link). CLIENTS approvers
# at once each open their link (GET /approve/{token}) and approve it (POST with the page's antiforgery token), as
# from a mail; every approval completes its order, which a worker then provisions. Reports p50/p99 of the GET, the
# POST and the pair. Target: the pair's p99 < 50 ms at 16 clients. Results are recorded in docs/PERFORMANCE.md.
#
#   bench/approval-decisions.sh                 # SQLite
#   BENCH_POSTGRES="postgresql://postgres:pw@127.0.0.1:55432/postgres" bench/approval-decisions.sh   # PostgreSQL
#   CLIENTS=16 DURATION=15 PENDING=20000 bench/approval-decisions.sh
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-process.sh"

clients=${CLIENTS:-16}
duration=${DURATION:-15}
warmup=${WARMUP:-3}
pending=${PENDING:-20000}
secret=bench-secret-0123456789abcdef0123456789abcdef

bench_init
bench_publish src/IpSolis.Server bench/IpSolis.Bench.ApprovalDecisions
load_dll=$bench_artifacts/publish/IpSolis.Bench.ApprovalDecisions/release_linux-x64/IpSolis.Bench.ApprovalDecisions.dll
bench_machine_facts
data=$bench_scratch/data
mkdir -p "$data"
run_cli() { # args...
  (cd "$data" && env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    API_SECRET_KEY=$secret IPSOLIS_Database__AllowSqliteInProduction=true dotnet "$app_dll" "$@")
}
generate=(--pending-approvals "$pending" --approval-tokens "$bench_scratch/tokens" --secret "$secret")

if [[ -n ${BENCH_POSTGRES:-} ]]; then
  database="ipsolis_bench_$$"
  psql "$BENCH_POSTGRES" -q -c "CREATE DATABASE $database" >/dev/null
  trap 'psql "$BENCH_POSTGRES" -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1; bench_cleanup' EXIT
  export DATABASE_URL="${BENCH_POSTGRES%/*}/$database"
  echo "database: PostgreSQL ($(psql "$BENCH_POSTGRES" -Atc 'show server_version'))"
  run_cli migrate >/dev/null
  python3 "$bench_root/bench/generate-catalog-data.py" --postgres "$DATABASE_URL" "${generate[@]}"
else
  echo "database: SQLite"
  run_cli migrate >/dev/null
  python3 "$bench_root/bench/generate-catalog-data.py" --sqlite "$data/data/ipsolis.db" "${generate[@]}"
fi

port=$(bench_free_port)
bench_start_app "$port" "$data" "$bench_scratch/app.log"
app_pid=$bench_pid
bench_wait_ok "$app_pid" "$port" /readyz 90 || { cat "$bench_scratch/app.log" >&2; exit 1; }
echo "load: $clients clients, ${duration}s after a ${warmup}s warm-up, $(wc -l <"$bench_scratch/tokens") signed links"
echo "command: CLIENTS=$clients DURATION=$duration PENDING=$pending bench/approval-decisions.sh${BENCH_POSTGRES:+ (BENCH_POSTGRES set)}"
echo
dotnet "$load_dll" "http://127.0.0.1:$port" "$bench_scratch/tokens" "$clients" "$duration" "$warmup"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "memory: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$app_pid/status") RSS after the run"
