#!/usr/bin/env bash
# Read latency of the pages people wait on, with a large install's data: 100,000 orders, 10,000 pool assets,
# 500 asset types, 2,000 directory people (bench/generate-catalog-data.py). For each page, wrk keeps CONNECTIONS
# clients busy for DURATION seconds and reports p50/p99 and requests per second:
#   portal catalog, My IT, my orders (as a portal user holding 20 orders), admin orders list (first page, a deep
#   page reached through the keyset cursor, a filtered page), admin order detail, and the asset-type list API.
# Results are recorded in docs/PERFORMANCE.md.
#
#   bench/read-latency.sh                 # SQLite
#   BENCH_POSTGRES="postgresql://postgres:pw@127.0.0.1:55432/postgres" bench/read-latency.sh   # PostgreSQL
#   CONNECTIONS=16 DURATION=15 WARMUP=10 bench/read-latency.sh
#   HOLD=1 bench/read-latency.sh          # set up, sign in, print the port and cookies, then wait (for profiling)
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-process.sh"

connections=${CONNECTIONS:-16}
duration=${DURATION:-15}
# Long enough for tiered compilation to recompile a page's hot paths on two cores: with 3 s the first page measured
# was still partly running unoptimized code (docs/PERFORMANCE.md, issue 5).
warmup=${WARMUP:-10}
password='bench password 0123456789'
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }

export IPSOLIS_Access__SignInPerAddressPerMinute=1000000 IPSOLIS_Access__SignInPerUsernamePerMinute=1000000
export IPSOLIS_Access__ApiRequestsPerSecond=1000000 IPSOLIS_Access__ApiBurst=1000000

bench_init
bench_publish src/IpSolis.Server
bench_machine_facts
data=$bench_scratch/data
mkdir -p "$data"
run_cli() { # args...
  (cd "$data" && env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    API_SECRET_KEY=bench-secret-0123456789abcdef0123456789abcdef IPSOLIS_Database__AllowSqliteInProduction=true \
    dotnet "$app_dll" "$@")
}

if [[ -n ${BENCH_POSTGRES:-} ]]; then
  database="ipsolis_bench_$$"
  psql "$BENCH_POSTGRES" -q -c "CREATE DATABASE $database" >/dev/null
  trap 'psql "$BENCH_POSTGRES" -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1; bench_cleanup' EXIT
  database_url="${BENCH_POSTGRES%/*}/$database"
  export DATABASE_URL=$database_url
  echo "database: PostgreSQL ($(psql "$BENCH_POSTGRES" -Atc 'show server_version'))"
  run_cli migrate >/dev/null
  python3 "$bench_root/bench/generate-catalog-data.py" --postgres "$database_url" --password "$password"
else
  echo "database: SQLite"
  run_cli migrate >/dev/null
  python3 "$bench_root/bench/generate-catalog-data.py" --sqlite "$data/data/ipsolis.db" --password "$password"
fi
printf '%s\n' "$password" | run_cli admin create-user --username bench --role superadmin --password-stdin >/dev/null

port=$(bench_free_port)
bench_start_app "$port" "$data" "$bench_scratch/app.log"
app_pid=$bench_pid
bench_wait_ok "$app_pid" "$port" /readyz 90 || { cat "$bench_scratch/app.log" >&2; exit 1; }
echo "load: $connections connections, ${duration}s per page (wrk, 2 threads), after a ${warmup} s warm-up each"
echo

python3 - "$port" "$password" >"$bench_scratch/cookies" <<'PY'
import http.client, re, sys, urllib.parse
port, password = int(sys.argv[1]), sys.argv[2]

def form_sign_in(path, fields):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", path, headers={"Accept": "text/html"})
    r = c.getresponse(); page = r.read().decode()
    jar = {h.split(";")[0].split("=", 1)[0]: h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"}
    # The sign-in form is the one with a password field (the layout has other forms: language, theme).
    form = next(f for f in re.findall(r'<form[^>]*method="post".*?</form>', page, re.S) if 'type="password"' in f)
    hidden = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    hidden.update(fields(form))
    c.request("POST", path, body=urllib.parse.urlencode(hidden),
              headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(jar.values()), "Accept": "text/html"})
    r = c.getresponse(); r.read()
    if r.status not in (302, 303):
        sys.exit(f"sign-in at {path} answered {r.status}")
    jar.update({h.split(";")[0].split("=", 1)[0]: h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie"})
    return "; ".join(jar.values())

def named(form, *candidates):
    names = re.findall(r'<input[^>]*name="([^"]+)"', form)
    for candidate in candidates:
        for name in names:
            if name.lower().endswith(candidate):
                return name
    sys.exit(f"no input named like {candidates} in the sign-in form")

admin = form_sign_in("/ui/login", lambda f: {named(f, "username"): "bench", named(f, "password"): password})
portal = form_sign_in("/portal/login", lambda f: {named(f, "email", "username", "login"): "bench.user@bench.example", named(f, "password"): password})
print(admin)
print(portal)
PY
admin_cookie=$(sed -n 1p "$bench_scratch/cookies")
portal_cookie=$(sed -n 2p "$bench_scratch/cookies")

if [[ -n ${HOLD:-} ]]; then
  echo "holding: app pid $app_pid on http://127.0.0.1:$port; cookies (admin, portal) in $bench_scratch/cookies; Ctrl-C ends"
  wait "$app_pid"
  exit 0
fi

# A deep page of the admin list: the keyset cursor from the middle of the order ids.
deep_cursor=50000
order_id=77777

measure() { # label cookie path
  local out
  wrk -t2 -c"$connections" -d"${warmup}s" -H "Cookie: $2" -H "Accept: text/html" "http://127.0.0.1:$port$3" >/dev/null
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Cookie: $2" -H "Accept: text/html" "http://127.0.0.1:$port$3")
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $2" "http://127.0.0.1:$port$3")
  printf '%-34s %-6s p50 %8s  p99 %8s  %8s req/s\n' "$1" "$status" \
    "$(awk '/ 50%/ {print $2}' <<<"$out")" "$(awk '/ 99%/ {print $2}' <<<"$out")" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  grep -q 'Non-2xx' <<<"$out" && echo "  (some responses were not 2xx: $(grep 'Non-2xx' <<<"$out"))" || true
}

measure "portal catalog" "$portal_cookie" /portal/catalog
measure "portal My IT" "$portal_cookie" /portal/my-it
measure "portal my orders" "$portal_cookie" /portal/orders
measure "admin orders, first page" "$admin_cookie" /ui/orders
measure "admin orders, deep page" "$admin_cookie" "/ui/orders?cursor=$deep_cursor"
measure "admin orders, filtered" "$admin_cookie" "/ui/orders?status=failed"
measure "admin order detail" "$admin_cookie" "/ui/orders/$order_id"
measure "API asset types (first page)" "$admin_cookie" /api/v1/asset-types
echo
echo "memory: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$app_pid/status") RSS after the run"
