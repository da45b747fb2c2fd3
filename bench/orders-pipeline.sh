#!/usr/bin/env bash
# The order pipeline end to end (issue 5; results in docs/PERFORMANCE.md): ORDERS orders placed through
# POST /api/v1/orders by CLIENTS concurrent clients, each provisioned by the job workers with the built-in steps.
#   bench/orders-pipeline.sh                        # SQLite (a fresh data directory), 1,000 orders, 32 clients
#   PROVIDER=postgres bench/orders-pipeline.sh      # PostgreSQL at 127.0.0.1:55432 (postgres/pw), own database
#   ORDERS=2000 CLIENTS=64 PGHOST=... PGPORT=... PGUSER=... PGPASSWORD=... PROVIDER=postgres bench/orders-pipeline.sh
#   NODES=3 PROVIDER=postgres bench/orders-pipeline.sh  # three nodes on PostgreSQL (issue 10)
# One published `ipsolis serve` (all roles, Production) on loopback; with NODES=3 (PostgreSQL only) three: two
# `--roles web,worker` nodes, which the clients alternate between (order i goes to the first node when i is odd),
# and one `--roles scheduler` node. Each worker node runs PROVISION_CONCURRENCY provision jobs at once. An
# assigned_personal type with as many free pool assets as orders (created through the pool API); every order takes
# one (reservation in the placement transaction), its provision job marks it busy. The clock runs from the first
# POST until the last order is provisioned. Prints submit time, end-to-end time and orders/second.
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "$0")/app-process.sh"

provider=${PROVIDER:-sqlite}
orders=${ORDERS:-1000}
clients=${CLIENTS:-32}
nodes=${NODES:-1}
key=bench-legacy-admin-key-0123456789abcdef0123456789
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-pw}
db=${BENCH_DB:-ipsolis_bench_orders} # its own database, dropped and created again; another name lets runs share the server

bench_init
bench_publish src/IpSolis.Server
work=$bench_scratch/work
mkdir -p "$work"

export IPSOLIS_Security__AdminApiKey=$key IPSOLIS_Logging__LogLevel__Default=Warning
# The per-token API rate limit (50/s, burst 200 by default) would measure the limiter, not the pipeline: lift it, as
# an operator would for a trusted integration that submits in bulk.
export IPSOLIS_Access__ApiRequestsPerSecond=1000000 IPSOLIS_Access__ApiBurst=1000000
# Every order is one provision job: let the provision queue run as many as the machine sensibly can.
export IPSOLIS_Jobs__Queues__provision__Concurrency=${PROVISION_CONCURRENCY:-8}
if [[ $provider == postgres ]]; then
  pgbin=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
  "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  export DATABASE_URL="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db"
  (cd "$work" && API_SECRET_KEY=bench-secret-0123456789abcdef0123456789abcdef dotnet "$app_dll" migrate >/dev/null)
elif [[ $provider != sqlite ]]; then
  echo "PROVIDER is sqlite or postgres" >&2
  exit 2
fi
if [[ $nodes == 3 && $provider != postgres ]]; then
  echo "NODES=3 needs PROVIDER=postgres: SQLite installs are single-node" >&2
  exit 2
elif [[ $nodes != 1 && $nodes != 3 ]]; then
  echo "NODES is 1 or 3" >&2
  exit 2
fi

load_before=$(cut -d" " -f1-3 /proc/loadavg)
start_node() { # name [serve-args...]; appends to node_pids and node_ports
  local port
  port=$(bench_free_port)
  bench_start_app "$port" "$work/data-$1" "$work/$1.log" "${@:2}"
  bench_wait_ok "$bench_pid" "$port" /readyz 120 || { cat "$work/$1.log" >&2; exit 1; }
  node_pids+=("$bench_pid")
  node_ports+=("$port")
}
node_pids=() node_ports=()
if [[ $nodes == 1 ]]; then
  start_node app
  web_ports=("${node_ports[0]}")
else
  start_node web-a --roles web,worker
  start_node web-b --roles web,worker
  start_node scheduler --roles scheduler
  web_ports=("${node_ports[0]}" "${node_ports[1]}")
fi
base=http://127.0.0.1:${web_ports[0]}/api/v1

api() { # method path [json]
  curl -sS -X "$1" -H "X-Admin-Key: $key" -H 'Content-Type: application/json' ${3:+--data "$3"} "$base$2"
}

type_id=$(api POST /asset-types "{\"name\":\"Bench VDI $(date +%s%N)\",\"assignmentModel\":\"assigned_personal\",
  \"personalProvisioningStrategy\":\"assign_existing_free\",\"maxPerUser\":0,\"automationStrategy\":\"group_only\",
  \"deprovisionPolicy\":\"return_to_pool\"}" | jq -er .id) || { echo "could not create the asset type" >&2; exit 1; }
left=$orders
start=1
while ((left > 0)); do
  batch=$((left > 1000 ? 1000 : left))
  created=$(api POST /pool/bulk "{\"assetTypeId\":$type_id,\"prefix\":\"BENCH-\",\"start\":$start,\"count\":$batch,\"padding\":6}" | jq -er .createdCount)
  ((created == batch)) || { echo "the pool API created $created of $batch assets" >&2; exit 1; }
  start=$((start + batch))
  left=$((left - batch))
done

# One request per order, each with its own Idempotency-Key as a careful client sends it. One curl process runs
# them all over CLIENTS parallel connections (--parallel), so the client costs no process start per order.
from=$(date -u +%Y-%m-%dT%H:%M:%SZ)
until=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)
for ((i = 1; i <= orders; i++)); do
  cat <<CONFIG
url = "http://127.0.0.1:${web_ports[(i - 1) % ${#web_ports[@]}]}/api/v1/orders"
request = "POST"
header = "X-Admin-Key: $key"
header = "Content-Type: application/json"
header = "Idempotency-Key: bench-$i"
data = "{\"assetTypeId\":$type_id,\"requesterEmail\":\"user$i@bench.example\",\"from\":\"$from\",\"until\":\"$until\",\"attributes\":{}}"
output = "/dev/null"
write-out = "%{http_code}\\n"
CONFIG
  ((i == orders)) || echo next
done >"$work/requests.curl"

provisioned() { # counts provisioned orders of the bench type, paging through the list API
  local cursor="" count=0 page
  while :; do
    page=$(api GET "/orders?assetTypeId=$type_id&status=provisioned&limit=200${cursor:+&cursor=$cursor}")
    count=$((count + $(jq '.items | length' <<<"$page")))
    cursor=$(jq -r '.nextCursor // empty' <<<"$page")
    [[ -n $cursor ]] || break
  done
  echo "$count"
}

t0=$(date +%s.%N)
curl -sS --parallel --parallel-immediate --parallel-max "$clients" -K "$work/requests.curl" >"$work/status.txt" 2>"$work/curl.log"
t_submitted=$(date +%s.%N)
created=$(grep -c '^201$' "$work/status.txt" || true)
if ((created != orders)); then
  echo "only $created of $orders orders were accepted:" >&2
  sort "$work/status.txt" | uniq -c >&2
  exit 1
fi
deadline=$((SECONDS + ${TIMEOUT_SECONDS:-300}))
while :; do
  done_count=$(provisioned)
  ((done_count < orders)) || break
  ((SECONDS < deadline)) || { echo "only $done_count of $orders provisioned before the timeout" >&2; exit 1; }
  sleep 0.2
done
t_end=$(date +%s.%N)

busy=$(api GET "/pool/counts" | jq --argjson t "$type_id" '[.. | objects | select(.assetTypeId? == $t) | .busy?] | map(select(. != null)) | first // "n/a"')
bench_machine_facts
echo "load before: $load_before (1, 5, 15 min, before the nodes started)"
echo "provider:  $provider"
if [[ $nodes == 1 ]]; then
  echo "nodes:     1 (all roles), provision concurrency ${IPSOLIS_Jobs__Queues__provision__Concurrency}"
else
  echo "nodes:     3 (2 x web,worker taking alternate orders, 1 x scheduler), provision concurrency ${IPSOLIS_Jobs__Queues__provision__Concurrency} per worker node"
fi
echo "orders:    $orders from $clients concurrent clients (POST /api/v1/orders), built-in provision steps"
printf 'submitted: %.2f s (%.0f orders/s accepted)\n' "$(echo "$t_submitted - $t0" | bc -l)" "$(echo "$orders / ($t_submitted - $t0)" | bc -l)"
printf 'end to end: %.2f s until all %d provisioned -> %.1f orders/s\n' "$(echo "$t_end - $t0" | bc -l)" "$orders" "$(echo "$orders / ($t_end - $t0)" | bc -l)"
echo "busy pool assets of the bench type: $busy"
for pid in "${node_pids[@]}"; do bench_stop "$pid"; done
if [[ $provider == postgres ]]; then
  "$pgbin/psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
fi
