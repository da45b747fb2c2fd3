# shellcheck shell=bash
# Sourced by scripts/test.sh: the "multinode" run. Three published `ipsolis serve` processes on one PostgreSQL
# database (the run's private cluster), driven by scripts/test-services/multinode_check.py, which proves:
#   1. an admin session made on one node works on every node, and a form posted to another node with the
#      antiforgery token the first one issued is accepted;
#   2. 500 API orders placed by clients alternating between the two web+worker nodes are each provisioned exactly
#      once, and no pool asset goes to two orders;
#   3. a web+worker node killed with kill -9 while it runs provision jobs has them finished by the other one, and
#      still nothing is provisioned twice;
#   4. exactly one node holds the scheduler lock at any time; when the leader is killed with kill -9 the standby
#      takes over within seconds and the recurring job keeps firing once per tick.
# It needs the published app: the deploy run's output when that run passed in this invocation, otherwise it
# publishes once the same way (Release, linux-x64, ReadyToRun) into the same folder, so whichever run comes second
# only recompiles what changed. Sets count_passed/count_failed/count_skipped and verdict for "multinode".
#
#   IPSOLIS_TEST_MULTINODE_SECONDS   the checker's time limit, a backstop against a hang (default 600)

multinode_result() { # passed-count failed-count message
  count_passed[multinode]=$1 count_failed[multinode]=$2 count_skipped[multinode]=0
  if (($2 == 0)); then
    verdict[multinode]="ok"
  else
    verdict[multinode]="FAILED: $3"
    printf '    multinode: %s\n' "$3"
  fi
}

run_multinode_check() {
  say "Running multinode (three published nodes on PostgreSQL: sessions, 500 orders, kill -9 of a worker and of the scheduler leader)"
  local dir=$run_dir/multinode build=$run_dir/deploy-build published
  rm -rf "$dir"
  mkdir -p "$dir"
  published=$build/publish/IpSolis.Server/release_linux-x64
  if [[ ${verdict[deploy]:-} == ok && -f $published/ipsolis.dll ]]; then
    printf '    multinode: using the deploy run'\''s publish output\n'
  else
    local started=$SECONDS
    if ! dotnet publish "$root/src/IpSolis.Server/IpSolis.Server.csproj" -c Release -r linux-x64 --self-contained false \
      --artifacts-path "$build" -nologo -v quiet >"$dir/publish.log" 2>&1; then
      multinode_result 0 1 "dotnet publish failed (see ${dir#"$root/"}/publish.log)"
      return 0
    fi
    printf '    multinode: published in %ds\n' $((SECONDS - started))
  fi

  # The cluster's superuser, from the connection string start_postgres exported.
  local setting host="" port="" user="" password="" settings=()
  IFS=';' read -r -a settings <<<"$IPSOLIS_TEST_POSTGRES"
  for setting in "${settings[@]}"; do
    case ${setting%%=*} in
      Host) host=${setting#*=} ;;
      Port) port=${setting#*=} ;;
      Username) user=${setting#*=} ;;
      Password) password=${setting#*=} ;;
    esac
  done
  local database=ipsolis_multinode psql=$IPSOLIS_TEST_PG_BIN/psql
  if ! PGPASSWORD=$password "$psql" -h "$host" -p "$port" -U "$user" -d postgres -X -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >"$dir/createdb.log" 2>&1; then
    multinode_result 0 1 "could not create the database $database (see ${dir#"$root/"}/createdb.log)"
    return 0
  fi

  local status=0
  env PGHOST="$host" PGPORT="$port" PGUSER="$user" PGPASSWORD="$password" PGDATABASE="$database" \
    timeout --kill-after=15s "${IPSOLIS_TEST_MULTINODE_SECONDS:-600}" \
    python3 "$root/scripts/test-services/multinode_check.py" \
    --app "$published/ipsolis.dll" --psql "$psql" --work "$dir" \
    --database-url "Host=$host;Port=$port;Username=$user;Password=$password;Database=$database" \
    </dev/null &
  # Through test_pid, test.sh's cleanup stops the checker on Ctrl-C (timeout passes TERM on); the checker stops its
  # nodes. The checker writes check.log itself, complete when it exits.
  test_pid=$!
  wait "$test_pid" || status=$?
  test_pid=""

  local passed
  passed=$(grep -c '^ok ' "$dir/check.log" || true)
  if grep -q '^multinode: all checks passed' "$dir/check.log"; then
    multinode_result "$passed" 0 ""
  elif ((status == 124 || status == 137)); then
    multinode_result "$passed" 1 "timed out after ${IPSOLIS_TEST_MULTINODE_SECONDS:-600}s (node logs in ${dir#"$root/"})"
  else
    multinode_result "$passed" 1 "$(grep -m1 '^FAILED' "$dir/check.log" || echo "the checker exited with $status") (node logs in ${dir#"$root/"})"
  fi
  PGPASSWORD=$password "$psql" -h "$host" -p "$port" -U "$user" -d postgres -X -q \
    -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
}
