#!/usr/bin/env bash
# Directory latency: person lookup and transitive group membership through the LDAP adapter against a private
# slapd loaded with the generated 200-person test company (scripts/test-services/ldap.sh), cold (cache off) and
# cached, p50/p99 over ITERATIONS calls each. Results are recorded in docs/PERFORMANCE.md.
#
#   bench/directory-latency.sh              # 400 iterations per measurement
#   ITERATIONS=2000 bench/directory-latency.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
iterations=${ITERATIONS:-400}
dir=$(mktemp -u "${TMPDIR:-/tmp}/ipsolis-bench-ldap.XXXXXX")
trap '"$root/scripts/test-services/ldap.sh" stop "$dir"' EXIT
while IFS= read -r line; do export "${line?}"; done < <("$root/scripts/test-services/ldap.sh" start "$dir")

echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%Y-%m-%dT%H:%MZ)"
dotnet run --project "$root/bench/IpSolis.Bench.Directory" -c Release -- \
  "$IPSOLIS_TEST_LDAP_URL" "$IPSOLIS_TEST_LDAP_BIND_DN" "$IPSOLIS_TEST_LDAP_PASSWORD" "$IPSOLIS_TEST_LDAP_BASE_DN" "$iterations"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
