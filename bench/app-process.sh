# shellcheck shell=bash
# Sourced by the benchmark scripts: publishes the server (and the bare Kestrel baseline), starts them on loopback and
# stops them again. Not a benchmark by itself.
#
# Settings (environment):
#   IPSOLIS_BENCH_ARTIFACTS  where builds go (default /tmp/ipsolis-bench-artifacts; never the repo's bin/obj)
#   IPSOLIS_BENCH_NO_BUILD   1 = reuse what is already published there
#   IPSOLIS_BENCH_APP_DLL    measure this ipsolis.dll instead (a variant published by hand; implies no build)
#   IPSOLIS_BENCH_COMMIT     build this commit (git archive into a temp dir) instead of the working tree, e.g. HEAD:
#                            a measurement of a named commit, unaffected by edits in progress

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_artifacts=${IPSOLIS_BENCH_ARTIFACTS:-/tmp/ipsolis-bench-artifacts}
app_dll=${IPSOLIS_BENCH_APP_DLL:-$bench_artifacts/publish/IpSolis.Server/release_linux-x64/ipsolis.dll}
bare_dll=$bench_artifacts/publish/IpSolis.Bench.BareKestrel/release_linux-x64/IpSolis.Bench.BareKestrel.dll
bench_scratch=""
bench_pids=()

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# shellcheck disable=SC2317 # reached through the traps below
bench_cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "${bench_pids[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [[ -z $bench_scratch ]] || rm -rf "$bench_scratch"
  exit "$status"
}

bench_init() {
  bench_scratch=$(mktemp -d "${TMPDIR:-/tmp}/ipsolis-bench.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Published Release output, as an operator would run it: framework-dependent for linux-x64, which the server's
# project precompiles (ReadyToRun) whenever a runtime identifier is given.
bench_publish() { # project...
  [[ ${IPSOLIS_BENCH_NO_BUILD:-0} == 1 || -n ${IPSOLIS_BENCH_APP_DLL:-} ]] && return 0
  local project source=$bench_root
  if [[ -n ${IPSOLIS_BENCH_COMMIT:-} ]]; then
    source=$bench_scratch/source
    mkdir -p "$source"
    git -C "$bench_root" archive --format=tar "$IPSOLIS_BENCH_COMMIT" | tar -x -C "$source"
  fi
  for project in "$@"; do
    echo "Publishing $project (Release) from ${IPSOLIS_BENCH_COMMIT:-the working tree} into $bench_artifacts" >&2
    dotnet publish "$source/$project" -c Release -r linux-x64 --self-contained false --artifacts-path "$bench_artifacts" -nologo -v quiet >&2
  done
}

bench_free_port() {
  local port
  while :; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null || { echo "$port"; return 0; }
  done
}

# The HTTP status of GET http://127.0.0.1:PORT/PATH, or nothing when nobody answers. Plain bash, so that polling
# costs no process start and the start-up figure is not inflated by the probe.
bench_http_status() { # port path
  local fd line
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&"$fd"
  IFS= read -r -t 5 line <&"$fd" || line=""
  exec {fd}>&-
  [[ $line != HTTP/1.?" "* ]] || echo "${line:9:3}"
}

# Waits until PATH answers 200; fails if the process dies or TIMEOUT seconds pass.
bench_wait_ok() { # pid port path timeout-seconds
  local deadline=$((SECONDS + $4))
  while ((SECONDS < deadline)); do
    [[ $(bench_http_status "$2" "$3") != 200 ]] || return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.01
  done
  return 1
}

# Starts the server like a small production install: Production environment, SQLite allowed explicitly, a real
# secret, a fresh data directory as its working directory. Sets bench_pid.
bench_start_app() { # port data-dir log-file [serve arguments...]
  mkdir -p "$2"
  (
    cd "$2" || exit 1
    exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
      API_SECRET_KEY=bench-secret-0123456789abcdef0123456789abcdef \
      IPSOLIS_Database__AllowSqliteInProduction=true \
      dotnet "$app_dll" serve --urls "http://127.0.0.1:$1" "${@:4}" >"$3" 2>&1 </dev/null
  ) &
  bench_pid=$!
  bench_pids+=("$bench_pid")
}

bench_start_bare() { # port log-file
  dotnet "$bare_dll" --urls "http://127.0.0.1:$1" >"$2" 2>&1 </dev/null &
  bench_pid=$!
  bench_pids+=("$bench_pid")
}

bench_stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

bench_machine_facts() {
  echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
  if [[ -n ${IPSOLIS_BENCH_COMMIT:-} ]]; then
    echo "commit:  $(git -C "$bench_root" rev-parse --short "$IPSOLIS_BENCH_COMMIT")"
  else
    echo "commit:  $(git -C "$bench_root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
      [[ -z $(git -C "$bench_root" status --porcelain -- src 2>/dev/null) ]] || echo ' + uncommitted changes in src/')"
  fi
  echo "cpu:     $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min load average when the run began)"
  echo ".NET:    $(dotnet --version) SDK, runtime $(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ {v=$2} END {print v}')"
}
