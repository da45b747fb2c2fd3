#!/usr/bin/env bash
# Backup and restore of the large data set (issue 10; results in docs/PERFORMANCE.md): `ipsolis backup create`,
# the same with a passphrase, and `ipsolis backup restore` (which also takes its safety backup, migrates and
# verifies the audit chain) on the 100,000-order data set of bench/generate-catalog-data.py.
#   bench/backup-restore.sh                       # SQLite (a fresh data directory)
#   PROVIDER=postgres bench/backup-restore.sh     # PostgreSQL at 127.0.0.1:55432 (postgres/pw; bench/postgres.sh start)
#   ORDERS=20000 bench/backup-restore.sh          # a smaller data set
# The published CLI runs each command as an operator would (Production, JSON logs off). The restore's drain wait
# (Backups:DrainSeconds, 8 s by default, for other nodes to see maintenance mode) is set to 0: nothing else runs.
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "$0")/app-process.sh"

provider=${PROVIDER:-sqlite}
orders=${ORDERS:-100000}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-pw}
db=ipsolis_bench_backups

bench_init
bench_publish src/IpSolis.Server
work=$bench_scratch/work
mkdir -p "$work"

export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production IPSOLIS_Logging__LogLevel__Default=Warning
export API_SECRET_KEY=bench-secret-0123456789abcdef0123456789abcdef IPSOLIS_Database__AllowSqliteInProduction=true
export IPSOLIS_Backups__DrainSeconds=0 IPSOLIS_Server__DataDirectory=$work/data
if [[ $provider == postgres ]]; then
  pgbin=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
  export IPSOLIS_Backups__PostgresBinDirectory=$pgbin
  "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  export DATABASE_URL="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db"
elif [[ $provider == sqlite ]]; then
  export IPSOLIS_Database__SqlitePath=$work/data/ipsolis.db
else
  echo "PROVIDER is sqlite or postgres" >&2
  exit 2
fi

cli() { (cd "$work" && dotnet "$app_dll" "$@"); }
seconds() { echo "$2 - $1" | bc -l; }

cli migrate >/dev/null
echo "Generating $orders orders ..." >&2
if [[ $provider == postgres ]]; then
  python3 "$bench_root/bench/generate-catalog-data.py" --orders "$orders" --postgres "postgresql://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$db" >&2
  db_size=$("$pgbin/psql" -X -Atq -d "$db" -c "SELECT pg_database_size(current_database())")
else
  python3 "$bench_root/bench/generate-catalog-data.py" --orders "$orders" --sqlite "$work/data/ipsolis.db" >&2
  db_size=$(stat -c %s "$work/data/ipsolis.db")
fi

bench_machine_facts
echo "provider: $provider, $orders orders (other tables at the generator's defaults), database size $(numfmt --to=iec "$db_size")"

t0=$(date +%s.%N)
cli backup create >"$work/create.out" 2>/dev/null
t1=$(date +%s.%N)
plain=$(ls -t "$work/data/backups"/*.ipsbak | head -1)
printf 'backup create:                 %6.1f s, %s  (load %s)\n' "$(seconds "$t0" "$t1")" "$(numfmt --to=iec "$(stat -c %s "$plain")")" "$(cut -d' ' -f1 /proc/loadavg)"

t0=$(date +%s.%N)
printf 'bench passphrase\n' | cli backup create --passphrase-stdin >"$work/create-encrypted.out" 2>/dev/null
t1=$(date +%s.%N)
encrypted=$(ls -t "$work/data/backups"/*.ipsbak | head -1)
printf 'backup create (passphrase):    %6.1f s, %s  (load %s)\n' "$(seconds "$t0" "$t1")" "$(numfmt --to=iec "$(stat -c %s "$encrypted")")" "$(cut -d' ' -f1 /proc/loadavg)"

t0=$(date +%s.%N)
cli backup restore "$plain" >"$work/restore.out" 2>"$work/restore.err" || { cat "$work/restore.out" "$work/restore.err" >&2; exit 1; }
t1=$(date +%s.%N)
printf 'backup restore (incl. safety): %6.1f s  (load %s)\n' "$(seconds "$t0" "$t1")" "$(cut -d' ' -f1 /proc/loadavg)"
grep '^restored' "$work/restore.out"

t0=$(date +%s.%N)
cli audit verify >/dev/null
t1=$(date +%s.%N)
printf 'audit verify after restore:    %6.1f s\n' "$(seconds "$t0" "$t1")"
if [[ $provider == postgres ]]; then
  "$pgbin/psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
fi
