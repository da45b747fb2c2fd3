#!/usr/bin/env bash
# A private OpenLDAP server (Debian slapd) for the directory tests: its own config directory, database, TLS
# certificates and loopback ports, loaded with the generated company in
# tests/IpSolis.Server.Tests/Directory/Fixtures/company.ldif, with a small AD-like computer schema
# (ldap-computer-schema.ldif) for the computer-account runbook steps.
#
# Sourced by scripts/test.sh:   start_ldap   (exports the variables below)   stop_ldap   (in its cleanup)
# Run on its own (tests that stop a server start their own this way):
#   scripts/test-services/ldap.sh start DIR   prints KEY=VALUE lines, one per variable below; DIR must not exist
#   scripts/test-services/ldap.sh stop DIR    stops that server and deletes DIR
#
# The tests see:
#   IPSOLIS_TEST_LDAP_URL       ldap://127.0.0.1:PORT (plain and StartTLS)
#   IPSOLIS_TEST_LDAPS_URL      ldaps://127.0.0.1:PORT
#   IPSOLIS_TEST_LDAP_CA_FILE   the CA that signed the server certificate (not trusted by the system)
#   IPSOLIS_TEST_LDAP_BIND_DN   the service account ip·Solis binds as (read everything, write groups)
#   IPSOLIS_TEST_LDAP_PASSWORD  its password
#   IPSOLIS_TEST_LDAP_BASE_DN   dc=example,dc=com
#   IPSOLIS_TEST_LDAP_ADMIN_DN / IPSOLIS_TEST_LDAP_ADMIN_PASSWORD   the rootdn, for tests that change fixtures
#   IPSOLIS_TEST_LDAP_DIR       the server's directory (slapd.pid inside)

ldap_script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ldap_fixture=$ldap_script_dir/../../tests/IpSolis.Server.Tests/Directory/Fixtures/company.ldif
ldap_dir=""

ldap_port_taken() { (: </dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

# Starts a server in DIR (created); prints KEY=VALUE lines. Fails with a message on stderr.
ldap_start_in() {
  local dir=$1 slapd=${IPSOLIS_TEST_SLAPD:-/usr/sbin/slapd} slapadd=${IPSOLIS_TEST_SLAPADD:-/usr/sbin/slapadd}
  [[ -x $slapd && -x $slapadd ]] || { echo "slapd is not installed (Debian packages slapd and ldap-utils)" >&2; return 1; }
  mkdir -p "$dir"/slapd.d "$dir"/db "$dir"/tls
  chmod 700 "$dir"

  # A CA of our own and a server certificate for 127.0.0.1 and localhost.
  (
    cd "$dir/tls" &&
      openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ipsolis test LDAP CA" \
        -keyout ca.key -out ca.crt &&
      openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr &&
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext &&
      openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext \
        -out server.crt
  ) >"$dir/tls.log" 2>&1 || { cat "$dir/tls.log" >&2; return 1; }

  local admin_password service_password=service-account-secret
  admin_password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  cat >"$dir/config.ldif" <<CONFIG
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $dir/slapd.pid
olcTLSCACertificateFile: $dir/tls/ca.crt
olcTLSCertificateFile: $dir/tls/server.crt
olcTLSCertificateKeyFile: $dir/tls/server.key

dn: cn=module,cn=config
objectClass: olcModuleList
cn: module
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
olcModuleLoad: ppolicy

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif
include: file://$ldap_script_dir/ldap-computer-schema.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSizeLimit: 500

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: $dir/db
olcSuffix: dc=example,dc=com
olcRootDN: cn=admin,dc=example,dc=com
olcRootPW: $admin_password
olcDbIndex: objectClass eq
olcDbIndex: uid,mail,cn eq
olcDbIndex: member,manager eq
olcDbMaxSize: 104857600
olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {1}to * by dn.exact="cn=ipsolis-service,ou=services,dc=example,dc=com" write by self read by * none

dn: olcOverlay={0}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {0}ppolicy
olcPPolicyUseLockout: TRUE
CONFIG
  "$slapadd" -n 0 -F "$dir/slapd.d" -l "$dir/config.ldif" >"$dir/slapadd.log" 2>&1 &&
    "$slapadd" -n 1 -F "$dir/slapd.d" -q -l "$ldap_fixture" >>"$dir/slapadd.log" 2>&1 ||
    { cat "$dir/slapadd.log" >&2; return 1; }

  local port tls_port attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    tls_port=$((port + 1))
    ldap_port_taken "$port" || ldap_port_taken "$tls_port" && continue
    if "$slapd" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$tls_port/" -F "$dir/slapd.d" >"$dir/slapd.log" 2>&1; then
      local waited
      for waited in $(seq 1 50); do
        ldap_port_taken "$port" && break
        sleep 0.1
      done
      if ldap_port_taken "$port"; then
        printf '%s\n' \
          "IPSOLIS_TEST_LDAP_URL=ldap://127.0.0.1:$port" \
          "IPSOLIS_TEST_LDAPS_URL=ldaps://127.0.0.1:$tls_port" \
          "IPSOLIS_TEST_LDAP_CA_FILE=$dir/tls/ca.crt" \
          "IPSOLIS_TEST_LDAP_BIND_DN=cn=ipsolis-service,ou=services,dc=example,dc=com" \
          "IPSOLIS_TEST_LDAP_PASSWORD=$service_password" \
          "IPSOLIS_TEST_LDAP_BASE_DN=dc=example,dc=com" \
          "IPSOLIS_TEST_LDAP_ADMIN_DN=cn=admin,dc=example,dc=com" \
          "IPSOLIS_TEST_LDAP_ADMIN_PASSWORD=$admin_password" \
          "IPSOLIS_TEST_LDAP_DIR=$dir"
        return 0
      fi
    fi
    [[ -f $dir/slapd.pid ]] && kill "$(cat "$dir/slapd.pid")" 2>/dev/null
  done
  cat "$dir/slapd.log" >&2 2>/dev/null
  echo "could not start slapd" >&2
  return 1
}

# Stops the server in DIR (if running) and deletes DIR.
ldap_stop_in() {
  local dir=$1 pid
  [[ -n $dir && -d $dir ]] || return 0
  if [[ -f $dir/slapd.pid ]]; then
    pid=$(cat "$dir/slapd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

start_ldap() {
  ldap_dir=$(mktemp -u "${TMPDIR:-/tmp}/ipsolis-test-ldap.XXXXXX")
  local lines line
  lines=$(ldap_start_in "$ldap_dir") || { echo "ERROR: could not start the test slapd" >&2; exit 2; }
  while IFS= read -r line; do export "${line?}"; done <<<"$lines"
  printf '==> slapd on %s and %s (data in %s)\n' "$IPSOLIS_TEST_LDAP_URL" "$IPSOLIS_TEST_LDAPS_URL" "$ldap_dir"
}

stop_ldap() { ldap_stop_in "$ldap_dir"; }

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  case ${1:-} in
    start) [[ -n ${2:-} && ! -e $2 ]] || { echo "usage: $0 start NEW-DIR" >&2; exit 2; }; ldap_start_in "$2" ;;
    stop) [[ -n ${2:-} ]] || { echo "usage: $0 stop DIR" >&2; exit 2; }; ldap_stop_in "$2" ;;
    *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
  esac
fi
