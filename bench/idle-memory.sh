#!/usr/bin/env bash
# Where an idle node's memory is: starts the published server once (as bench/startup.sh does: Production, SQLite, a
# fresh data directory), leaves it idle, then breaks its resident memory down from /proc/PID/smaps: the runtime's
# code and type data (memfd:doublemapper), anonymous memory (GC heap, thread stacks, native allocations), and each
# mapped assembly and native library. Run it before and after a change that should save memory; the figure moves
# by a few MB from run to run (how far background tiering got), so compare several runs.
#
#   bench/idle-memory.sh                       publish Release into /tmp, 60 s idle
#   IDLE_SECONDS=120 TOP=40 bench/idle-memory.sh    RSS is printed every 10 s of the idle period
#   IPSOLIS_BENCH_NO_BUILD=1 bench/idle-memory.sh -- --roles web      arguments after -- go to `ipsolis serve`
#   DOTNET_TieredCompilation=0 bench/idle-memory.sh                    a runtime knob, as an environment variable
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-process.sh"

# 60 s: an idle node's memory grows for about 40 s after start (the GC's first-generation budget filling with the
# background loops' allocations) before it levels off; a 10 s reading understated it by ~14 MB (docs/PERFORMANCE.md).
idle_seconds=${IDLE_SECONDS:-60}
top=${TOP:-25}
[[ ${1:-} != -- ]] || shift
serve_args=("$@")

bench_init
bench_publish src/IpSolis.Server
[[ -f $app_dll ]] || { echo "no published server at $app_dll" >&2; exit 1; }
bench_machine_facts
echo "app:     $app_dll ${serve_args[*]}"
echo

data=$bench_scratch/data
port=$(bench_free_port)
bench_start_app "$port" "$data" "$bench_scratch/server.log" "${serve_args[@]}"
bench_wait_ok "$bench_pid" "$port" /readyz 120 || { cat "$bench_scratch/server.log" >&2; exit 1; }
# RSS every 10 s of the idle period, so that a node whose memory creeps while it does nothing shows it.
for ((waited = 0; waited < idle_seconds; waited += 10)); do
  step=$((idle_seconds - waited < 10 ? idle_seconds - waited : 10))
  sleep "$step"
  awk -v t=$((waited + step)) '/^VmRSS/ {printf "  after %3d s idle: %.1f MB\n", t, $2 * 1024 / 1e6}' "/proc/$bench_pid/status"
done
cp "/proc/$bench_pid/smaps" "$bench_scratch/smaps"
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$bench_pid/status")
threads=$(awk '/^Threads/ {print $2}' "/proc/$bench_pid/status")
bench_stop "$bench_pid"

awk -v rss="$rss_kb" -v threads="$threads" -v idle="$idle_seconds" 'BEGIN {
  printf "idle RSS after %d s: %.1f MB (%.1f MiB), %d threads\n\n", idle, rss * 1024 / 1e6, rss / 1024, threads }'
# One line per mapping name (a file, or [anon]/[heap]/memfd:doublemapper), summed over its mappings.
awk '/^[0-9a-f]+-[0-9a-f]+ / { name = ($6 == "") ? "[anon]" : $6 } /^Rss:/ { rss[name] += $2 }
     END { for (n in rss) printf "%d %s\n", rss[n], n }' "$bench_scratch/smaps" | sort -rn >"$bench_scratch/by-mapping"
echo "== By kind (MB)"
awk '{ n = $2
       if (n ~ /doublemapper/) g = "runtime code and type data (memfd:doublemapper)"
       else if (n == "[anon]") g = "anonymous: GC heap, thread stacks, native allocations"
       else if (n == "[heap]") g = "malloc heap"
       else if (n ~ /\.dll$/ && n ~ /shared\/Microsoft\./) g = "framework assemblies"
       else if (n ~ /\.dll$/) g = "application and package assemblies"
       else if (n ~ /\.so/) g = "native libraries"
       else g = "other"
       s[g] += $1 }
     END { for (g in s) printf "%7.1f  %s\n", s[g] * 1024 / 1e6, g }' "$bench_scratch/by-mapping" | sort -rn
echo
echo "== Largest $top mappings (MB)"
head -n "$top" "$bench_scratch/by-mapping" | awk '{ printf "%7.1f  %s\n", $1 * 1024 / 1e6, $2 }'
echo
echo "== Assemblies an idle SQLite node should not need, if loaded"
grep -oE '[^/ ]*(Npgsql|OpenApi|Mvc\.[A-Za-z]+|Swashbuckle[A-Za-z.]*|Quic|Server\.IIS|DirectoryServices\.Protocols)[^/ ]*\.dll' \
  "$bench_scratch/by-mapping" | sort -u || echo "(none)"
