#!/usr/bin/env bash
# Sourced by scripts/test.sh: starts the OpenID Connect test provider (tests/oidc-provider/server.mjs, npm
# oidc-provider) on a free loopback port for the run and stops it on exit. The tests see:
#   IPSOLIS_TEST_OIDC_ISSUER         the provider's issuer URL (http://127.0.0.1:PORT)
#   IPSOLIS_TEST_OIDC_CLIENT_ID      the test client
#   IPSOLIS_TEST_OIDC_CLIENT_SECRET  its secret (random per run)
# Needs IPSOLIS_TEST_NODE_MODULES (install_npm_test_tools) with oidc-provider@9.13.3.

oidc_pid=""

start_oidc_provider() {
  local modules=${IPSOLIS_TEST_NODE_MODULES:-}
  [[ -n $modules && -f $modules/oidc-provider/package.json ]] || die "oidc-provider is not installed (npm_test_tools)"
  local ready=$run_dir/oidc-issuer log=$run_dir/oidc-provider.log secret
  secret=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  rm -f "$ready"
  OIDC_MODULES=$modules OIDC_PORT=0 OIDC_READY_FILE=$ready OIDC_CLIENT_ID=ipsolis-tests OIDC_CLIENT_SECRET=$secret \
    node "$root/tests/oidc-provider/server.mjs" >"$log" 2>&1 </dev/null &
  oidc_pid=$!
  for _ in $(seq 1 100); do
    [[ -s $ready ]] && break
    kill -0 "$oidc_pid" 2>/dev/null || { cat "$log" >&2; die "the OIDC test provider did not start"; }
    sleep 0.1
  done
  [[ -s $ready ]] || { cat "$log" >&2; die "the OIDC test provider did not become ready"; }
  export IPSOLIS_TEST_OIDC_ISSUER
  IPSOLIS_TEST_OIDC_ISSUER=$(cat "$ready")
  export IPSOLIS_TEST_OIDC_CLIENT_ID=ipsolis-tests IPSOLIS_TEST_OIDC_CLIENT_SECRET=$secret
  say "OIDC test provider at $IPSOLIS_TEST_OIDC_ISSUER (log in ${log#"$root/"})"
}

# shellcheck disable=SC2317 # called from test.sh's cleanup
stop_oidc_provider() {
  if [[ -n $oidc_pid ]] && kill -0 "$oidc_pid" 2>/dev/null; then
    kill -TERM "$oidc_pid" 2>/dev/null || true
    wait "$oidc_pid" 2>/dev/null || true
  fi
  oidc_pid=""
}
