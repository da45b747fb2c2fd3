#!/usr/bin/env bash
# Throughput of /livez through the whole ip·Solis pipeline (error handling, request logging, security headers,
# routing), against bench/IpSolis.Bench.BareKestrel answering the same path with nothing else in the way. Both run
# one after the other on loopback under the same wrk load; the ratio says what our middleware costs.
# Target: ratio >= 0.5. Results are recorded in docs/PERFORMANCE.md.
#
#   bench/livez.sh                          wrk -t2 -c64 -d15s after a 5 s warm-up, each server
#   DURATION=30s CONNECTIONS=128 bench/livez.sh
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-process.sh"

duration=${DURATION:-15s}
warmup=${WARMUP:-5s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-64}

if ! command -v wrk >/dev/null; then
  echo "Installing wrk" >&2
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update >/dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends wrk >/dev/null
fi

# Prints the requests per second wrk measured; fails if any request errored or was not a 2xx.
load() { # name port
  local out line
  wrk -t"$threads" -c"$connections" -d"$warmup" "http://127.0.0.1:$2/livez" >/dev/null
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$2/livez")
  while IFS= read -r line; do echo "  [$1] $line"; done <<<"$out" >&2
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then
    echo "$1: wrk saw errors or non-2xx answers" >&2
    return 1
  fi
  awk '/^Requests\/sec:/ {print $2}' <<<"$out"
}

bench_init
bench_publish src/IpSolis.Server bench/IpSolis.Bench.BareKestrel
bench_machine_facts
echo "load:    wrk -t$threads -c$connections -d$duration --latency http://127.0.0.1:PORT/livez (after a $warmup warm-up)"
echo

port=$(bench_free_port)
bench_start_app "$port" "$bench_scratch/data" "$bench_scratch/app.log"
bench_wait_ok "$bench_pid" "$port" /readyz 60 || { cat "$bench_scratch/app.log" >&2; exit 1; }
echo "== ip·Solis (ipsolis serve, Production, SQLite)" >&2
app_rps=$(load app "$port")
bench_stop "$bench_pid"

port=$(bench_free_port)
bench_start_bare "$port" "$bench_scratch/bare.log"
bench_wait_ok "$bench_pid" "$port" /livez 60 || { cat "$bench_scratch/bare.log" >&2; exit 1; }
echo "== bare Kestrel (bench/IpSolis.Bench.BareKestrel)" >&2
bare_rps=$(load bare "$port")
bench_stop "$bench_pid"

echo
awk -v app="$app_rps" -v bare="$bare_rps" 'BEGIN {
  printf "ip·Solis /livez:     %10.0f req/s\n", app
  printf "bare Kestrel /livez: %10.0f req/s\n", bare
  printf "ratio:               %10.2f (target >= 0.5: %s)\n", app / bare, (app / bare >= 0.5) ? "meets" : "MISSES"
}'
