#!/usr/bin/env bash
# Runbook engine costs (issue 8; results in docs/PERFORMANCE.md):
#  1. overhead per step: one standalone run of STEPS built-in no-op steps (core.log), then one of STEPS trivial bash
#     script steps (`echo '{}'`); per-step time = run duration / STEPS (each step commits before and after itself);
#  2. orders/second through a 5-step runbook (4 built-in steps + 1 bash script step): ORDERS orders placed by CLIENTS
#     concurrent clients, the clock runs from the first POST until the last order is provisioned.
#   bench/runbooks.sh                               # SQLite, STEPS=50, ORDERS=200, CLIENTS=16
#   PROVIDER=postgres bench/runbooks.sh             # PostgreSQL at 127.0.0.1:55432 (postgres/pw), own database
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "$0")/app-process.sh"

provider=${PROVIDER:-sqlite}
steps=${STEPS:-50}
orders=${ORDERS:-200}
clients=${CLIENTS:-16}
key=bench-legacy-admin-key-0123456789abcdef0123456789
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-pw}
db=ipsolis_bench_runbooks

bench_init
bench_publish src/IpSolis.Server
work=$bench_scratch/work
mkdir -p "$work"
export IPSOLIS_Security__AdminApiKey=$key IPSOLIS_Logging__LogLevel__Default=Warning
export IPSOLIS_Access__ApiRequestsPerSecond=1000000 IPSOLIS_Access__ApiBurst=1000000
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

port=$(bench_free_port)
bench_start_app "$port" "$work/data" "$work/app.log"
app=$bench_pid
bench_wait_ok "$app" "$port" /readyz 120 || { cat "$work/app.log" >&2; exit 1; }
base=http://127.0.0.1:$port/api/v1
api() { # method path [json]
  curl -sS -X "$1" -H "X-Admin-Key: $key" -H 'Content-Type: application/json' ${3:+--data "$3"} "$base$2"
}

script_id=$(api POST /script-modules '{"name":"Bench - Noop","interpreter":"bash","content":"echo {}","parameters":[]}' | jq -er .id)

run_seconds() { # runbook-json -> seconds from the run's start to its end
  local id run status
  id=$(api POST /runbooks "$1" | jq -er .id)
  run=$(api POST "/runbooks/$id/runs" | jq -er .id)
  while :; do
    status=$(api GET "/runbook-runs/$run")
    case $(jq -r .status <<<"$status") in
      succeeded) break ;;
      failed | cancelled) echo "run $run: $(jq -r .error <<<"$status")" >&2; exit 1 ;;
    esac
    sleep 0.2
  done
  # The API writes UTC as 2026-12-07T13:42:29.123+00:00, without the fraction when it is zero.
  jq -r 'def seconds: capture("^(?<base>[^.+Z]+)(\\.(?<frac>[0-9]+))?") | ((.base + "Z") | fromdate) + ((.frac // "0") | "0." + . | tonumber);
         (.finishedAt | seconds) - (.startedAt | seconds)' <<<"$status"
}

builtin_steps=$(jq -cn --argjson n "$steps" '[range($n) | {name: "s\(.)", module: "core.log", parameters: {}, retries: 0}]')
script_steps=$(jq -cn --argjson n "$steps" --argjson m "$script_id" '[range($n) | {name: "s\(.)", module: "script", scriptModuleId: $m, parameters: {}, retries: 0}]')
t_builtin=$(run_seconds "{\"name\":\"Bench built-in\",\"steps\":$builtin_steps}")
t_script=$(run_seconds "{\"name\":\"Bench bash\",\"steps\":$script_steps}")

# Orders through a 5-step runbook.
type_id=$(api POST /asset-types "{\"name\":\"Bench runbook VDI $(date +%s%N)\",\"assignmentModel\":\"assigned_personal\",
  \"personalProvisioningStrategy\":\"assign_existing_free\",\"maxPerUser\":0,\"automationStrategy\":\"runbook_only\",
  \"deprovisionPolicy\":\"return_to_pool\"}" | jq -er .id)
api POST /pool/bulk "{\"assetTypeId\":$type_id,\"prefix\":\"RB-\",\"start\":1,\"count\":$orders,\"padding\":6}" | jq -er .createdCount >/dev/null
api POST /runbooks "{\"name\":\"Bench provision\",\"assetTypeId\":$type_id,\"action\":\"provision\",\"steps\":[
  {\"name\":\"tag\",\"module\":\"core.set_variable\",\"parameters\":{\"Name\":\"tag\",\"Value\":\"{{order.id}}-{{asset.name}}\"},\"retries\":0},
  {\"name\":\"log1\",\"module\":\"core.log\",\"parameters\":{\"Message\":\"{{steps.tag.tag}}\"},\"retries\":0},
  {\"name\":\"script\",\"module\":\"script\",\"scriptModuleId\":$script_id,\"parameters\":{},\"retries\":0},
  {\"name\":\"log2\",\"module\":\"core.log\",\"parameters\":{},\"retries\":0},
  {\"name\":\"done\",\"module\":\"core.set_variable\",\"parameters\":{\"Name\":\"done\",\"Value\":\"yes\"},\"retries\":0}]}" | jq -er .id >/dev/null

from=$(date -u +%Y-%m-%dT%H:%M:%SZ)
until=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)
for ((i = 1; i <= orders; i++)); do
  cat <<CONFIG
url = "$base/orders"
request = "POST"
header = "X-Admin-Key: $key"
header = "Content-Type: application/json"
data = "{\"assetTypeId\":$type_id,\"requesterEmail\":\"user$i@bench.example\",\"from\":\"$from\",\"until\":\"$until\",\"attributes\":{}}"
output = "/dev/null"
write-out = "%{http_code}\\n"
CONFIG
  ((i == orders)) || echo next
done >"$work/requests.curl"
provisioned() {
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
created=$(grep -c '^201$' "$work/status.txt" || true)
((created == orders)) || { echo "only $created of $orders orders were accepted" >&2; sort "$work/status.txt" | uniq -c >&2; exit 1; }
deadline=$((SECONDS + ${TIMEOUT_SECONDS:-600}))
while :; do
  done_count=$(provisioned)
  ((done_count < orders)) || break
  ((SECONDS < deadline)) || { echo "only $done_count of $orders provisioned before the timeout" >&2; exit 1; }
  sleep 0.5
done
t_end=$(date +%s.%N)

bench_machine_facts
echo "provider:  $provider"
printf 'built-in no-op step: %.1f ms per step (%d steps in %.2f s)\n' "$(echo "$t_builtin * 1000 / $steps" | bc -l)" "$steps" "$t_builtin"
printf 'bash script step:    %.1f ms per step (%d steps in %.2f s)\n' "$(echo "$t_script * 1000 / $steps" | bc -l)" "$steps" "$t_script"
printf '5-step runbook orders: %d in %.2f s -> %.1f orders/s (%d clients)\n' "$orders" "$(echo "$t_end - $t0" | bc -l)" "$(echo "$orders / ($t_end - $t0)" | bc -l)" "$clients"
bench_stop "$app"
if [[ $provider == postgres ]]; then
  "$pgbin/psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
fi
