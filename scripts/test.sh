#!/usr/bin/env bash
# Runs every ip·Solis test on a Debian 12 machine that has the .NET 10 SDK, node/npm and the PostgreSQL 15 binaries.
# It installs the missing test dependencies, starts a private PostgreSQL cluster for the run, builds once and runs
# each test project, then ends with one line "N passed, N failed, N skipped". See --help.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run_dir=$root/.test-run
results_dir=$run_dir/results
configuration=${IPSOLIS_TEST_CONFIGURATION:-Debug}
# Our own artifacts folder keeps the run off bin/ and obj/, which an IDE or a parallel build may be using.
artifacts=${IPSOLIS_TEST_ARTIFACTS:-$run_dir/artifacts}
# shellcheck source=test-services/ldap.sh
source "$root/scripts/test-services/ldap.sh" # start_ldap / stop_ldap: the directory tests' slapd
# A single test stuck this long is a hang: the runner names it and kills the test host instead of waiting forever.
hang_timeout=${IPSOLIS_TEST_HANG_TIMEOUT:-5m}
# A backstop for a whole project's run, in case the runner itself wedges.
run_timeout=${IPSOLIS_TEST_RUN_TIMEOUT:-40m}

# multinode comes after deploy so that it reuses deploy's publish output.
all_runs=(domain server-sqlite browser server-postgres deploy multinode)
declare -A run_project=(
  [domain]=tests/IpSolis.Domain.Tests/IpSolis.Domain.Tests.csproj
  [server-sqlite]=tests/IpSolis.Server.Tests/IpSolis.Server.Tests.csproj
  [browser]=tests/IpSolis.Browser.Tests/IpSolis.Browser.Tests.csproj
  [server-postgres]=tests/IpSolis.Server.Tests/IpSolis.Server.Tests.csproj
)
declare -A run_provider=([server-sqlite]=sqlite [server-postgres]=postgres)

# npm packages later tests will drive (OIDC provider, mail catcher), pinned as "name@version". They go into
# .test-run/npm and IPSOLIS_TEST_NODE_MODULES points at them. Add an entry only with the first test that uses it,
# e.g. oidc-provider@9.13.3, maildev@3.0.0.
npm_test_tools=(oidc-provider@9.13.3)

usage() {
  cat <<EOF
Usage: scripts/test.sh [RUN...] [-- DOTNET-TEST-ARGS...]

Runs the ip·Solis test suites. With no RUN, runs all of them in this order:
  domain           tests/IpSolis.Domain.Tests
  server-sqlite    tests/IpSolis.Server.Tests with IPSOLIS_TEST_PROVIDER=sqlite
  browser          tests/IpSolis.Browser.Tests (headless Chromium)
  server-postgres  tests/IpSolis.Server.Tests with IPSOLIS_TEST_PROVIDER=postgres
  deploy           publishes the server as deploy/Dockerfile does (Release, linux-x64, ReadyToRun), starts it
                   in Production as user nobody and waits for /readyz (IPSOLIS_TEST_DEPLOY_READY_SECONDS, 45);
                   skipped with the reason when not root and sudo is absent
  multinode        three published nodes on the PostgreSQL cluster (two web+worker, one scheduler leader that
                   also serves the UI, the second web+worker node being its standby), driven by
                   scripts/test-services/multinode_check.py: a session made on one node works on all three and
                   its antiforgery token on another; 500 API orders alternating between the web nodes are each
                   provisioned exactly once; a worker killed with kill -9 has its jobs finished by the other; one
                   scheduler leader at a time, taken over within seconds after its kill -9 (time limit
                   IPSOLIS_TEST_MULTINODE_SECONDS, 600). Reuses deploy's publish output, or publishes once

Before the runs it installs missing Debian packages (chromium, slapd, ldap-utils, python3-aiosmtpd; root or sudo
needed only then), starts a throwaway PostgreSQL cluster on 127.0.0.1 (deleted on exit) and builds once, in
configuration $configuration: the whole solution, or for a subset only the test projects it runs. 'domain' alone needs
neither packages nor PostgreSQL, so it skips both; neither does 'deploy'; 'multinode' needs only PostgreSQL.

Arguments after -- go to every 'dotnet test', e.g.:
  scripts/test.sh server-sqlite -- --filter "FullyQualifiedName~Health"

The tests see:
  IPSOLIS_TEST_POSTGRES   Npgsql connection string to the cluster, as its superuser
  IPSOLIS_TEST_PG_BIN     PostgreSQL bin directory (for tests that start their own cluster)
  IPSOLIS_TEST_PROVIDER   sqlite or postgres (server runs)
  CHROMIUM_PATH           the Chromium binary
  IPSOLIS_SCREENSHOT_DIR  .test-run/screenshots

Settings (environment): IPSOLIS_TEST_CONFIGURATION (Debug), IPSOLIS_TEST_ARTIFACTS (.test-run/artifacts; keep
it inside the repository: some tests find repository files by walking up from their output folder),
IPSOLIS_TEST_PG_BIN (/usr/lib/postgresql/15/bin), IPSOLIS_TEST_HANG_TIMEOUT (5m, per test),
IPSOLIS_TEST_RUN_TIMEOUT (40m, per run), CHROMIUM_PATH (found or installed when unset).

Results: .test-run/results/RUN.trx. Exits non-zero when a test fails, a run leaves no results, the build fails or
no test ran at all. The last line is "N passed, N failed, N skipped".
EOF
}

say() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 2; }

selected=()
dotnet_test_args=()
while (($#)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --) shift; dotnet_test_args=("$@"); break ;;
    -*) die "unknown option $1 (see --help)" ;;
    *)
      [[ -n ${run_project[$1]:-} || $1 == deploy || $1 == multinode ]] || die "unknown run '$1': choose from ${all_runs[*]}"
      [[ " ${selected[*]} " == *" $1 "* ]] || selected+=("$1")
      ;;
  esac
  shift
done
((${#selected[@]})) || selected=("${all_runs[@]}")

needs_services=false needs_postgres=false
for run in "${selected[@]}"; do
  case $run in
    domain | deploy) ;;
    multinode) needs_postgres=true ;;
    *) needs_services=true ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The server tests start a whole host per test, so the runtime keeps instrumenting and re-compiling freshly hot code
# for profile-guided optimization it never pays back. Off for the test processes (the product keeps it): 101 server
# tests took 133 s of CPU with it and 81 s without (same build, `dotnet test --filter`, 2026-12-07).
export DOTNET_TieredPGO=${DOTNET_TieredPGO:-0}
# Each run sets its own provider; one left in the caller's shell must not leak into the others.
unset IPSOLIS_TEST_PROVIDER

# ---------------------------------------------------------------------------------------------------------------
# Cleanup: whatever happens (failure, Ctrl-C, TERM) the test cluster is stopped and deleted.
pg_dir=""
pg_bin=""
test_pid=""
build_pid=""
policy_rc_created=false
# shellcheck source=test-services/oidc.sh
source "$root/scripts/test-services/oidc.sh"
# shellcheck source=test-services/deploy.sh
source "$root/scripts/test-services/deploy.sh" # run_deploy_check / stop_deploy_app: the "deploy" run
# shellcheck source=test-services/multinode.sh
source "$root/scripts/test-services/multinode.sh" # run_multinode_check: the "multinode" run

# From /, because the postgres user may not be allowed into the directory the script was started from.
as_postgres() {
  if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# shellcheck disable=SC2317 # reached through the traps below
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # Stopping a service that already exited fails; that must not turn a green run red under errexit.
  set +e
  if [[ -n $test_pid ]] && kill -0 "$test_pid" 2>/dev/null; then
    kill -TERM "$test_pid" 2>/dev/null || true
    wait "$test_pid" 2>/dev/null || true
  fi
  if [[ -n $build_pid ]] && kill -0 "$build_pid" 2>/dev/null; then
    pkill -TERM -P "$build_pid" 2>/dev/null || true
    kill -TERM "$build_pid" 2>/dev/null || true
  fi
  if $policy_rc_created; then rm -f /usr/sbin/policy-rc.d; fi
  stop_ldap
  stop_oidc_provider
  stop_deploy_app
  if [[ -n $pg_dir && -d $pg_dir ]]; then
    if [[ -f $pg_dir/data/postmaster.pid ]]; then
      as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------------
# Debian packages.
installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

install_debian_packages() {
  local wanted=(chromium slapd ldap-utils python3-aiosmtpd prometheus) missing=() package
  [[ -x ${IPSOLIS_TEST_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb ]] || wanted+=(postgresql-15)
  for package in "${wanted[@]}"; do
    installed "$package" || missing+=("$package")
  done
  ((${#missing[@]})) || return 0

  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}) and not root: install them, or run as root"
    sudo=(sudo)
  fi
  say "Installing ${missing[*]}"
  # Tests start their own slapd on a loopback port; the packaged service must stay unconfigured and stopped.
  echo "slapd slapd/no_configuration boolean true" | "${sudo[@]}" debconf-set-selections
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    policy_rc_created=true
  fi
  mkdir -p "$run_dir"
  local log=$run_dir/apt.log
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${missing[@]}"; } \
    >"$log" 2>&1 </dev/null; then
    tail -n 30 "$log" >&2
    die "apt-get failed (full log: $log)"
  fi
  if $policy_rc_created; then
    "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
    policy_rc_created=false
  fi
}

install_npm_test_tools() {
  ((${#npm_test_tools[@]})) || return 0
  local prefix=$run_dir/npm tool name version missing=()
  for tool in "${npm_test_tools[@]}"; do
    name=${tool%@*} version=${tool##*@}
    [[ -f $prefix/node_modules/$name/package.json ]] &&
      grep -q "\"version\": *\"$version\"" "$prefix/node_modules/$name/package.json" || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    say "Installing npm ${missing[*]}"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error "${missing[@]}" >/dev/null
  fi
  export IPSOLIS_TEST_NODE_MODULES=$prefix/node_modules
}

find_chromium() {
  if [[ -n ${CHROMIUM_PATH:-} && -x $CHROMIUM_PATH ]]; then return 0; fi
  CHROMIUM_PATH=$(command -v chromium || command -v chromium-browser || true)
  [[ -n $CHROMIUM_PATH ]] || die "chromium is not installed"
  export CHROMIUM_PATH
}

# ---------------------------------------------------------------------------------------------------------------
# A private PostgreSQL cluster: its own directory, socket and loopback port, a random superuser password, no fsync.
port_taken() { (: </dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

start_postgres() {
  pg_bin=${IPSOLIS_TEST_PG_BIN:-/usr/lib/postgresql/15/bin}
  [[ -x $pg_bin/initdb && -x $pg_bin/pg_ctl ]] || die "no PostgreSQL binaries in $pg_bin (set IPSOLIS_TEST_PG_BIN)"
  ((EUID != 0)) || id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' OS user for initdb"

  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/ipsolis-test-pg.XXXXXX")
  local password
  password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$pg_dir/password"
  chmod 700 "$pg_dir"
  ((EUID != 0)) || chown -R postgres: "$pg_dir"

  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/password" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 ||
    { cat "$pg_dir/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pg_dir/password"
  cat >>"$pg_dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg_dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

  local port
  for _ in 1 2 3 4 5 6 7 8; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_taken "$port" && continue
    if as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -o "-p $port" -w -t 60 start \
      >/dev/null 2>&1; then
      export IPSOLIS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
      export IPSOLIS_TEST_PG_BIN=$pg_bin
      PGPASSWORD=$password "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -X -q -A -t \
        -c 'select 1' >/dev/null || die "the test cluster on port $port refuses the superuser"
      say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $pg_dir)"
      return 0
    fi
    grep -q 'could not bind\|Address already in use' "$pg_dir/server.log" 2>/dev/null || break
  done
  cat "$pg_dir/server.log" >&2 2>/dev/null || true
  die "could not start the test PostgreSQL cluster"
}

# ---------------------------------------------------------------------------------------------------------------
# Build once, then every run uses --no-build against the same artifacts.
build_args=(-c "$configuration" --artifacts-path "$artifacts" -nologo)
build_failed=false
declare -A project_built=()

build() {
  local run project targets=()
  if ((${#selected[@]} == ${#all_runs[@]})); then
    targets=(IpSolis.slnx)
  else
    # A developer's subset builds only what it runs.
    for run in "${selected[@]}"; do
      [[ -n ${run_project[$run]:-} ]] || continue # deploy and multinode publish on their own
      [[ " ${targets[*]} " == *" ${run_project[$run]} "* ]] || targets+=("${run_project[$run]}")
    done
  fi
  say "Building ${targets[*]} ($configuration) into ${artifacts#"$root/"}"
  : >"$run_dir/build.log"
  for project in "${targets[@]}"; do
    if dotnet build "$root/$project" "${build_args[@]}" -v quiet 2>&1 | tee -a "$run_dir/build.log"; then
      for run in "${selected[@]}"; do
        [[ -n ${run_project[$run]:-} ]] || continue # deploy and multinode publish on their own
        [[ $project != IpSolis.slnx && $project != "${run_project[$run]}" ]] || project_built[${run_project[$run]}]=true
      done
    else
      build_failed=true
    fi
  done
  $build_failed || return 0
  [[ ${targets[0]} == IpSolis.slnx ]] || return 0

  # One broken project must not hide the others' results: build each test project on its own.
  warn "the solution does not build; building the test projects one by one"
  for run in "${selected[@]}"; do
    [[ -n ${run_project[$run]:-} ]] || continue
    project=${run_project[$run]}
    [[ -n ${project_built[$project]:-} ]] && continue
    if dotnet build "$root/$project" "${build_args[@]}" -v quiet >>"$run_dir/build.log" 2>&1; then
      project_built[$project]=true
    else
      project_built[$project]=false
    fi
  done
}

# In the background: its console output is shown once it is done, and what it learned (which projects built)
# comes back through a state file, since a background subshell cannot set the script's variables.
start_build() {
  (build >"$run_dir/build.console" 2>&1; declare -p project_built build_failed >"$run_dir/build.state") &
  build_pid=$!
}

finish_build() {
  wait "$build_pid" || true
  build_pid=""
  cat "$run_dir/build.console"
  [[ -f $run_dir/build.state ]] || die "the build stopped without reporting its result: see .test-run/build.log"
  # Declared again as globals: this function's own declarations would otherwise be local to it.
  # shellcheck disable=SC1090
  source <(sed -e 's/^declare -- /declare -g /' -e 's/^declare -A /declare -gA /' "$run_dir/build.state")
}

# ---------------------------------------------------------------------------------------------------------------
# Runs and their counts.
declare -A count_passed=() count_failed=() count_skipped=() verdict=()

trx_counter() { # file attribute
  grep -o '<Counters [^>]*>' "$1" | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0
}

run_tests() {
  local run=$1 project=${run_project[$1]} trx=$results_dir/$1.trx
  count_passed[$run]=0 count_failed[$run]=0 count_skipped[$run]=0
  if [[ ${project_built[$project]:-} != true ]]; then
    verdict[$run]="FAILED: does not build"
    return 0
  fi

  say "Running $run"
  rm -f "$trx"
  local status=0 provider=()
  [[ -z ${run_provider[$run]:-} ]] || provider=("IPSOLIS_TEST_PROVIDER=${run_provider[$run]}")
  env "${provider[@]}" timeout --kill-after=30s "$run_timeout" \
    dotnet test "$root/$project" --no-build "${build_args[@]}" \
    --results-directory "$results_dir" --logger "trx;LogFileName=$run.trx" \
    --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none \
    "${dotnet_test_args[@]}" </dev/null &
  test_pid=$!
  wait "$test_pid" || status=$?
  test_pid=""

  if [[ ! -f $trx ]]; then
    verdict[$run]="FAILED: no results (exit code $status)"
    return 0
  fi
  local total executed failed
  total=$(trx_counter "$trx" total)
  executed=$(trx_counter "$trx" executed)
  count_passed[$run]=$(trx_counter "$trx" passed)
  failed=$(($(trx_counter "$trx" failed) + $(trx_counter "$trx" error) + $(trx_counter "$trx" timeout) + $(trx_counter "$trx" aborted)))
  count_failed[$run]=$failed
  count_skipped[$run]=$((total - executed))
  if ((failed > 0)); then
    verdict[$run]="FAILED"
  elif ((status == 124 || status == 137)); then
    verdict[$run]="FAILED: timed out after $run_timeout"
  elif ((status != 0)); then
    verdict[$run]="FAILED: exit code $status"
  elif ((total == 0)); then
    verdict[$run]="NO TESTS in $(basename "$project" .csproj)"
  else
    verdict[$run]="ok"
  fi
}

# ---------------------------------------------------------------------------------------------------------------
cd "$root"
# Results describe this invocation only: stale TRX files would be counted again.
rm -rf "$results_dir"
mkdir -p "$run_dir" "$results_dir"
rm -f "$run_dir/build.state" "$run_dir/build.console"

# The build runs in the background while the test services are installed and started: on a fresh machine each
# takes minutes, and they need different things (NuGet and the compiler; apt, npm and the services' own start-up).
for run in "${selected[@]}"; do
  if [[ -n ${run_project[$run]:-} ]]; then start_build; break; fi
done

if $needs_services; then
  install_debian_packages
  install_npm_test_tools
  find_chromium
  export IPSOLIS_SCREENSHOT_DIR=$run_dir/screenshots
  rm -rf "$IPSOLIS_SCREENSHOT_DIR"
  mkdir -p "$IPSOLIS_SCREENSHOT_DIR"
  start_postgres
  start_ldap
  # shellcheck source=test-services/smtp.sh
  source "$root/scripts/test-services/smtp.sh" && start_smtp
  start_oidc_provider
elif $needs_postgres; then
  start_postgres
fi

if [[ -n $build_pid ]]; then finish_build; fi
for run in "${selected[@]}"; do
  case $run in
    deploy) run_deploy_check ;;
    multinode) run_multinode_check ;;
    *) run_tests "$run" ;;
  esac
done

echo
say "Summary (TRX files in ${results_dir#"$root/"})"
printf '  %-16s %7s %7s %8s  %s\n' run passed failed skipped result
total_passed=0 total_failed=0 total_skipped=0 exit_code=0
for run in "${selected[@]}"; do
  printf '  %-16s %7d %7d %8d  %s\n' "$run" "${count_passed[$run]}" "${count_failed[$run]}" "${count_skipped[$run]}" "${verdict[$run]}"
  total_passed=$((total_passed + count_passed[$run]))
  total_failed=$((total_failed + count_failed[$run]))
  total_skipped=$((total_skipped + count_skipped[$run]))
  [[ ${verdict[$run]} != FAILED* ]] || exit_code=1
done
if $build_failed; then
  echo "  The build failed: see .test-run/build.log"
  exit_code=1
fi
if ((total_passed + total_failed == 0)); then
  echo "  No test ran at all."
  exit_code=1
fi
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$exit_code"
