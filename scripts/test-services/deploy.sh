# shellcheck shell=bash
# Sourced by scripts/test.sh: the "deploy" run. Publishes the server the way deploy/Dockerfile does (Release,
# linux-x64, framework-dependent, ReadyToRun), starts the published ipsolis.dll as a non-root user in Production
# (SQLite, opted in) and waits for /readyz. Sets count_passed/count_failed/count_skipped and verdict for "deploy".
#
#   IPSOLIS_TEST_DEPLOY_READY_SECONDS   how long to wait for /readyz (default 45)

deploy_pid=""
deploy_pid_file=""

stop_deploy_app() {
  [[ -n $deploy_pid ]] || return 0
  local app_pid
  app_pid=$(cat "$deploy_pid_file" 2>/dev/null || true)
  [[ -z $app_pid ]] || kill -TERM "$app_pid" 2>/dev/null || true
  kill -TERM "$deploy_pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$deploy_pid" 2>/dev/null && ((waited < 30)); do sleep 1; waited=$((waited + 1)); done
  [[ -z $app_pid ]] || kill -KILL "$app_pid" 2>/dev/null || true
  kill -KILL "$deploy_pid" 2>/dev/null || true
  wait "$deploy_pid" 2>/dev/null || true
  deploy_pid=""
}

deploy_result() { # passed|failed|skipped message
  count_passed[deploy]=0 count_failed[deploy]=0 count_skipped[deploy]=0
  case $1 in
    passed) count_passed[deploy]=1; verdict[deploy]="ok" ;;
    failed) count_failed[deploy]=1; verdict[deploy]="FAILED: $2" ;;
    skipped) count_skipped[deploy]=1; verdict[deploy]="skipped: $2" ;;
  esac
  [[ $1 == passed ]] || printf '    deploy: %s\n' "$2"
}

run_deploy_check() {
  say "Running deploy (publish as deploy/Dockerfile does, start as a non-root user, wait for /readyz)"
  local as_user=()
  if ((EUID == 0)); then
    as_user=(runuser -u nobody --)
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_user=(sudo -n -u nobody --)
  else
    deploy_result skipped "not root and no password-less sudo: cannot start the app as another, non-root user"
    return 0
  fi

  # The build output stays in .test-run/deploy-build between runs: a second run only recompiles what changed
  # (a first Release + ReadyToRun publish takes minutes on a busy 2-core machine).
  local dir=$run_dir/deploy build=$run_dir/deploy-build log published
  rm -rf "$dir"
  mkdir -p "$dir"
  log=$dir/publish.log
  published=$build/publish/IpSolis.Server/release_linux-x64
  # The Dockerfile's publish line (its restore step is folded in).
  local started=$SECONDS
  if ! dotnet publish "$root/src/IpSolis.Server/IpSolis.Server.csproj" -c Release -r linux-x64 --self-contained false \
    --artifacts-path "$build" -nologo -v quiet >"$log" 2>&1; then
    deploy_result failed "dotnet publish failed (see ${log#"$root/"})"
    return 0
  fi
  printf '    deploy: published in %ds\n' $((SECONDS - started))

  # The app is readable, not writable, by the service user (root owns /opt/ipsolis in the image); only the data
  # directory is its own.
  local work
  work=$(mktemp -d /tmp/ipsolis-deploy-XXXXXX)
  cp -a "$published" "$work/app"
  chmod -R a+rX,go-w "$work"
  mkdir -p "$work/data"
  if ((EUID == 0)); then chown nobody: "$work/data"; else sudo -n chown nobody: "$work/data"; fi

  local port=18000
  while port_taken "$port"; do port=$((port + 1)); done
  local secret
  secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
  (
    cd "$work" || exit 1
    # The inner shell notes the app's own pid, so stopping signals the app, not just runuser/sudo.
    exec "${as_user[@]}" sh -c 'echo $$ >"$0" && exec "$@"' "$work/data/app.pid" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$work/data" \
      ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_HTTP_PORTS= DOTNET_CLI_TELEMETRY_OPTOUT=1 \
      API_SECRET_KEY="$secret" IPSOLIS_Urls="http://127.0.0.1:$port" \
      IPSOLIS_Server__DataDirectory="$work/data" IPSOLIS_Database__SqlitePath="$work/data/ipsolis.db" \
      IPSOLIS_Database__AllowSqliteInProduction=true \
      "$(command -v dotnet)" "$work/app/ipsolis.dll" serve
  ) >"$dir/app.log" 2>&1 &
  deploy_pid=$!
  deploy_pid_file=$work/data/app.pid

  local deadline=$((SECONDS + ${IPSOLIS_TEST_DEPLOY_READY_SECONDS:-45})) status="" owner=""
  while ((SECONDS < deadline)); do
    if ! kill -0 "$deploy_pid" 2>/dev/null; then break; fi
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/readyz" || true)
    [[ $status == 200 ]] && break
    sleep 1
  done
  [[ -f $work/data/ipsolis.db ]] && owner=$(stat -c %U "$work/data/ipsolis.db")
  stop_deploy_app
  rm -rf "$work"

  if [[ $status != 200 ]]; then
    deploy_result failed "the published app did not answer /readyz with 200 (last: ${status:-none}; see ${dir#"$root/"}/app.log)"
  elif [[ $owner != nobody ]]; then
    deploy_result failed "the database was not written by the non-root user (owner: ${owner:-no file})"
  else
    deploy_result passed
  fi
}
