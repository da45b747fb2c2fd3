#!/usr/bin/env bash
# Cost of one /metrics scrape: the published server (Production, SQLite) with /metrics open to loopback, some traffic
# first so the exposition holds realistic series (several routes and statuses, jobs, the runtime's figures), then
# wrk against /metrics. One connection is what Prometheus does (one scrape per target at a time); four shows how a
# scrape competes with itself. Results are recorded in docs/PERFORMANCE.md.
#
#   bench/metrics-scrape.sh                 wrk -t1 -c1 -d10s and wrk -t2 -c4 -d10s, after a 3 s warm-up
#   DURATION=30s bench/metrics-scrape.sh
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-process.sh"

duration=${DURATION:-10s}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# Prints wrk's latency distribution and request rate; fails if any request errored or was not a 2xx.
load() { # port threads connections seconds
  local out
  out=$(wrk -t"$2" -c"$3" -d"$4" --latency "http://127.0.0.1:$1/metrics")
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then
    echo "$out" >&2
    echo "wrk saw errors or non-2xx answers" >&2
    return 1
  fi
  awk '/^ +50%|^ +75%|^ +90%|^ +99%|^Requests\/sec:/' <<<"$out"
}

bench_init
bench_publish src/IpSolis.Server
bench_machine_facts

export IPSOLIS_Metrics__AllowedNetworks=127.0.0.1
port=$(bench_free_port)
bench_start_app "$port" "$bench_scratch/data" "$bench_scratch/app.log"
bench_wait_ok "$bench_pid" "$port" /readyz 60 || { cat "$bench_scratch/app.log" >&2; exit 1; }

# Traffic first: a few routes, a 404 and the probes, so the request histogram has several series.
for path in /livez /readyz /health /api/v1/version /api/v1/no-such-thing /portal /ui/login; do
  wrk -t1 -c4 -d1s "http://127.0.0.1:$port$path" >/dev/null
done
wrk -t1 -c1 -d3s "http://127.0.0.1:$port/metrics" >/dev/null # warm-up
bytes=$(curl -s "http://127.0.0.1:$port/metrics" | wc -c)
families=$(curl -s "http://127.0.0.1:$port/metrics" | grep -c '^# TYPE')
samples=$(curl -s "http://127.0.0.1:$port/metrics" | grep -vc '^#')
echo "exposition: $bytes bytes, $families families, $samples samples"
echo
echo "== wrk -t1 -c1 -d$duration --latency http://127.0.0.1:PORT/metrics"
load "$port" 1 1 "$duration"
echo "== wrk -t2 -c4 -d$duration --latency http://127.0.0.1:PORT/metrics"
load "$port" 2 4 "$duration"
bench_stop "$bench_pid"
