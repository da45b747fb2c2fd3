#!/usr/bin/env bash
# Admin access costs, on one published server (Production, SQLite) plus a second node on the same database:
#   1. sign-ins per second with the full PBKDF2 cost (600,000 iterations), closed loop with WORKERS clients;
#   2. /livez latency (p50 / p99) alone, then while SIGNIN_RATE sign-ins per second arrive (open loop);
#   3. token authentication overhead: p50 of GET /api/v1/version without and with "Authorization: Bearer ips_...",
#      one connection, sequential requests (the endpoint is the same, so the difference is the token check);
#   4. how long a token revoked on node A keeps working on node B.
# Rate limits are raised for the run (they would otherwise stop a benchmark from one address). Results are recorded
# in docs/PERFORMANCE.md.
#
#   bench/signin.sh
#   WORKERS=8 SIGNIN_RATE=20 DURATION=20 bench/signin.sh
set -euo pipefail
# shellcheck source=bench/app-process.sh
source "$(dirname "${BASH_SOURCE[0]}")/app-process.sh"

workers=${WORKERS:-8}
rate=${SIGNIN_RATE:-20}
duration=${DURATION:-20}
admin_key=bench-legacy-key-0123456789abcdef0123456789abcdef

export IPSOLIS_Access__SignInPerAddressPerMinute=1000000 IPSOLIS_Access__SignInPerUsernamePerMinute=1000000
export IPSOLIS_Access__ApiRequestsPerSecond=1000000 IPSOLIS_Access__ApiBurst=1000000 IPSOLIS_Access__LockoutThreshold=0
export ADMIN_API_KEY=$admin_key

bench_init
bench_publish src/IpSolis.Server
bench_machine_facts
echo "sign-in: $workers closed-loop clients for ${duration}s; then $rate/s open loop for ${duration}s beside a /livez probe"
echo

data=$bench_scratch/data
port_a=$(bench_free_port)
bench_start_app "$port_a" "$data" "$bench_scratch/a.log"
pid_a=$bench_pid
bench_wait_ok "$pid_a" "$port_a" /readyz 90 || { cat "$bench_scratch/a.log" >&2; exit 1; }
port_b=$(bench_free_port)
bench_start_app "$port_b" "$data" "$bench_scratch/b.log"
pid_b=$bench_pid
bench_wait_ok "$pid_b" "$port_b" /readyz 90 || { cat "$bench_scratch/b.log" >&2; exit 1; }

(
  cd "$data"
  printf '%s\n' 'bench password 0123456789' | env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    API_SECRET_KEY=bench-secret-0123456789abcdef0123456789abcdef IPSOLIS_Database__AllowSqliteInProduction=true \
    dotnet "$app_dll" admin create-user --username bench --role superadmin --password-stdin >&2
)

python3 - "$port_a" "$port_b" "$workers" "$rate" "$duration" "$admin_key" <<'PY'
import http.client, json, re, statistics, sys, threading, time

port_a, port_b, workers, rate, duration, admin_key = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
PASSWORD = "bench password 0123456789"

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")

def sign_in(port):
    """One browser sign-in: load the form (antiforgery cookie + token), post it. Returns seconds taken."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    c.request("GET", "/ui/login", headers={"Accept": "text/html"})
    r = c.getresponse(); page = r.read().decode()
    cookies = "; ".join(h.split(";")[0] for k, h in r.getheaders() if k.lower() == "set-cookie")
    token = re.findall(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)[-1]
    body = "_handler=sign-in&__RequestVerificationToken=" + token + "&Credentials.Username=bench&Credentials.Password=" + PASSWORD.replace(" ", "+")
    c.request("POST", "/ui/login", body=body, headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies, "Accept": "text/html"})
    r = c.getresponse(); r.read(); c.close()
    if r.status != 302:
        raise RuntimeError(f"sign-in answered {r.status}")
    return time.perf_counter() - started

# 1. Closed loop: as many sign-ins as the server completes.
done, lock, stop = [], threading.Lock(), time.perf_counter() + duration
def closed():
    while time.perf_counter() < stop:
        t = sign_in(port_a)
        with lock: done.append(t)
threads = [threading.Thread(target=closed) for _ in range(workers)]
[t.start() for t in threads]; [t.join() for t in threads]
print(f"sign-ins/s (closed loop, {workers} clients): {len(done) / duration:.1f}   latency p50 {pct(done, 50) * 1000:.0f} ms, p99 {pct(done, 99) * 1000:.0f} ms")

# 2. /livez alone, then beside paced sign-ins.
def probe(seconds, out):
    c = http.client.HTTPConnection("127.0.0.1", port_a, timeout=10)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t = time.perf_counter(); c.request("GET", "/livez"); r = c.getresponse(); r.read()
        out.append(time.perf_counter() - t)
        time.sleep(0.01)
quiet = []; probe(min(duration, 10), quiet)
print(f"/livez alone:                 p50 {pct(quiet, 50) * 1000:.2f} ms, p99 {pct(quiet, 99) * 1000:.2f} ms ({len(quiet)} probes)")
busy, paced, failures = [], [], []
prober = threading.Thread(target=probe, args=(duration, busy)); prober.start()
start = time.perf_counter(); sent = []  # one thread per sign-in keeps arrivals on schedule
def one():
    try:
        t = sign_in(port_a)
        with lock: paced.append(t)
    except Exception as e:
        with lock: failures.append(str(e))
n = 0
while time.perf_counter() - start < duration:
    due = start + n / rate
    time.sleep(max(0, due - time.perf_counter()))
    th = threading.Thread(target=one); th.start(); sent.append(th); n += 1
[t.join() for t in sent]; prober.join()
print(f"/livez with {rate:.0f} sign-ins/s:     p50 {pct(busy, 50) * 1000:.2f} ms, p99 {pct(busy, 99) * 1000:.2f} ms ({len(busy)} probes); "
      f"{len(paced)} sign-ins done, {len(failures)} failed, sign-in p50 {pct(paced, 50) * 1000:.0f} ms p99 {pct(paced, 99) * 1000:.0f} ms")

# 3. Token overhead: same endpoint, with and without a bearer token, one connection.
c = http.client.HTTPConnection("127.0.0.1", port_a, timeout=10)
c.request("POST", "/api/v1/admin/tokens", body=json.dumps({"name": "bench", "expiresInDays": 1}), headers={"Content-Type": "application/json", "X-Admin-Key": admin_key})
r = c.getresponse(); created = json.loads(r.read()); token, token_id = created["token"], created["id"]
def timed(headers, count=3000):
    out = []
    for _ in range(count):
        t = time.perf_counter(); c.request("GET", "/api/v1/version", headers=headers); r = c.getresponse(); r.read()
        if r.status != 200: raise RuntimeError(f"version answered {r.status}")
        out.append(time.perf_counter() - t)
    return out
timed({}, 500); timed({"Authorization": "Bearer " + token}, 500)  # warm-up
plain = timed({}); bearer = timed({"Authorization": "Bearer " + token})
print(f"GET /api/v1/version p50:      anonymous {pct(plain, 50) * 1000:.3f} ms, with token {pct(bearer, 50) * 1000:.3f} ms, "
      f"token overhead p50 {(pct(bearer, 50) - pct(plain, 50)) * 1000:.3f} ms (p99 {pct(plain, 99) * 1000:.3f} / {pct(bearer, 99) * 1000:.3f} ms)")

# 4. Revoke on node A; poll node B until the token stops working.
b = http.client.HTTPConnection("127.0.0.1", port_b, timeout=10)
b.request("GET", "/api/v1/admin/me", headers={"Authorization": "Bearer " + token}); r = b.getresponse(); r.read()
assert r.status == 200, r.status
c.request("DELETE", f"/api/v1/admin/tokens/{token_id}", headers={"X-Admin-Key": admin_key}); r = c.getresponse(); r.read()
revoked = time.perf_counter()
c.request("GET", "/api/v1/admin/me", headers={"Authorization": "Bearer " + token}); r = c.getresponse(); r.read()
same_node = r.status
while True:
    b.request("GET", "/api/v1/admin/me", headers={"Authorization": "Bearer " + token}); r = b.getresponse(); r.read()
    if r.status == 401: break
    if time.perf_counter() - revoked > 30: raise RuntimeError("token still accepted on node B after 30 s")
    time.sleep(0.02)
print(f"revoked token: node A answers {same_node} at once; node B refuses it after {(time.perf_counter() - revoked) * 1000:.0f} ms")
PY
bench_stop "$pid_b"
bench_stop "$pid_a"
