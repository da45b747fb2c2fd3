#!/usr/bin/env python3
"""The "multinode" run of scripts/test.sh: three published `ipsolis serve` processes on one PostgreSQL database.

    A  web,worker             clients place orders here and on B
    B  web,worker,scheduler   the scheduler's standby: it competes for the lock all along and must take over
    C  web,scheduler          the scheduler leader (started first); it serves the UI too, so a session is shown
                              to work on every node

Proves, printing one "ok N - ..." line per proof and ending with "multinode: all checks passed":
  1. an admin session made on A works on B and C, and a form posted to B with the antiforgery token A issued is
     accepted (while the same post without the token is refused);
  2. 500 API orders, placed 16 at a time by clients alternating between A and B, are all provisioned, each exactly
     once (one audit row, one attempt of one run job, one row per step), and no pool asset goes to two orders;
  3. A, killed with kill -9 while it holds provision jobs, has them finished by B after their lease expired, and
     still every order is provisioned exactly once;
  4. exactly one node holds the scheduler's advisory lock at every sample; when C is killed with kill -9, B holds it
     within seconds, and the recurring job fires once per tick before and after.
On any failure it prints "FAILED: why" and exits 1. Stdlib only; PostgreSQL is queried with psql (PG* variables).
Node logs, the checker's own log (check.log) and the leadership samples stay in --work.
"""

import argparse
import concurrent.futures
import ctypes
import datetime
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

ORDERS = 500
KILL_ORDERS = 200
CLIENTS = 16
POOL_SIZE = ORDERS + KILL_ORDERS + 100
# Short enough that a killed node's jobs move within seconds, long enough that a node starved of CPU on a busy
# machine still renews in time (4 s lost leases at a load average of 50).
LEASE_SECONDS = 10
HEARTBEAT_SECONDS = 2
LEADER_RETRY_SECONDS = 0.5
TAKEOVER_LIMIT_SECONDS = 10
TICK_SECONDS = 2
TICK_SCHEDULE = "multinode_tick"
PASSWORD = "multinode password " + secrets.token_hex(8)
# SchedulerLeadership.LockKey (0x6970736F6C736368) as pg_locks shows a bigint advisory key: high and low 32 bits.
LOCK_CLASSID, LOCK_OBJID = 0x6970736F, 0x6C736368
PROVISION_STEPS = ["reserve_asset", "mark_busy", "set_expiry", "record_provisioned_state"]


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


class Report:
    """Prints to the console and to check.log, which test.sh reads when the checker has exited."""

    def __init__(self, path):
        self._file = open(path, "w", encoding="utf-8")
        self._proofs = 0

    def say(self, line):
        print(line, flush=True)
        self._file.write(line + "\n")
        self._file.flush()

    def proved(self, what):
        self._proofs += 1
        self.say(f"ok {self._proofs} - {what}")


# ------------------------------------------------------------------------------------------------------------------
# PostgreSQL through psql.

class Database:
    def __init__(self, psql):
        self._psql = psql

    def rows(self, sql):
        done = subprocess.run(
            [self._psql, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
            capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            raise CheckFailed(f"psql failed: {done.stderr.strip()} (query: {sql.strip()[:200]})")
        return [line.split("\t") for line in done.stdout.splitlines() if line != ""]

    def value(self, sql):
        rows = self.rows(sql)
        return rows[0][0] if rows else None

    def count(self, sql):
        return int(self.value(sql) or 0)


# ------------------------------------------------------------------------------------------------------------------
# Nodes.

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def die_with_checker():
    """Runs in the child before exec: the node gets SIGKILL if the checker dies, so nothing outlives the run."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Node:
    def __init__(self, name, roles, args, env):
        self.name, self.roles = name, roles
        self.port = free_port()
        self.data = os.path.join(args.work, f"node-{name}")
        os.makedirs(self.data, exist_ok=True)
        self.log_path = os.path.join(args.work, f"node-{name}.log")
        self.process = None
        self.id = None
        self._args, self._env = args, env

    def start(self):
        env = dict(self._env, IPSOLIS_Server__DataDirectory=self.data)
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                ["dotnet", self._args.app, "serve", "--roles", self.roles, "--urls", f"http://127.0.0.1:{self.port}"],
                cwd=self.data, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                preexec_fn=die_with_checker)

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def http_status(self, path):
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            c.close()
            return r.status
        except OSError:
            return None

    def wait_ready(self, db, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            expect(self.alive(), f"node {self.name} exited with {self.process.poll()} while starting (see {self.log_path})")
            if self.http_status("/readyz") == 200:
                break
            time.sleep(0.2)
        else:
            raise CheckFailed(f"node {self.name} did not answer /readyz within {seconds}s (see {self.log_path})")
        # The node's heartbeat row names it; its first beat is written as the node starts.
        while time.monotonic() < deadline:
            self.id = db.value(f"SELECT id FROM cluster_nodes WHERE process_id = {self.pid} AND stopped_at IS NULL ORDER BY started_at DESC LIMIT 1")
            if self.id:
                return
            time.sleep(0.2)
        raise CheckFailed(f"node {self.name} (pid {self.pid}) never appeared in cluster_nodes")

    def kill9(self):
        os.kill(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if not self.alive():
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def socket_inodes(self):
        inodes = set()
        try:
            for fd in os.listdir(f"/proc/{self.pid}/fd"):
                try:
                    target = os.readlink(f"/proc/{self.pid}/fd/{fd}")
                except OSError:
                    continue
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            pass
        return inodes


def local_port_inodes():
    """Local TCP port -> socket inode, for every loopback connection on this machine."""
    ports = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    ports.setdefault(int(fields[1].rsplit(":", 1)[1], 16), set()).add(fields[9])
        except OSError:
            continue
    return ports


# ------------------------------------------------------------------------------------------------------------------
# HTTP: a browser-like client with a cookie jar, and an API client with a bearer token.

class Browser:
    def __init__(self):
        self.cookies = {}

    def request(self, node, method, path, form=None):
        headers = {"Accept": "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        c = http.client.HTTPConnection("127.0.0.1", node.port, timeout=60)
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        text = r.read().decode("utf-8", "replace")
        c.close()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return r.status, r.getheader("Location") or "", text


def form_token(page):
    tokens = re.findall(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
    expect(tokens, "the page has no antiforgery token")
    return tokens[-1]


class Api:
    def __init__(self, token):
        self._token = token
        self._local = threading.local()

    def call(self, node, method, path, payload=None, key=None):
        connections = self._local.__dict__.setdefault("connections", {})
        headers = {"Authorization": "Bearer " + self._token, "Content-Type": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        body = json.dumps(payload) if payload is not None else None
        for attempt in (1, 2):
            c = connections.get(node.name)
            if c is None:
                c = connections[node.name] = http.client.HTTPConnection("127.0.0.1", node.port, timeout=60)
            try:
                c.request(method, path, body=body, headers=headers)
                r = c.getresponse()
                text = r.read().decode("utf-8", "replace")
                return r.status, (json.loads(text) if text.startswith(("{", "[")) else text)
            except (http.client.HTTPException, ConnectionError):
                # A kept-alive connection the server closed: one fresh try.
                c.close()
                connections.pop(node.name, None)
                if attempt == 2:
                    raise


def place_orders(api, nodes_for, count, type_id, tag):
    """Places count orders, order i through nodes_for(i), CLIENTS at a time. Returns {order id: node name}."""
    now = datetime.datetime.now(datetime.timezone.utc)
    body = {"assetTypeId": type_id, "from": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "until": (now + datetime.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ"), "attributes": {}}

    def one(i):
        node = nodes_for(i)
        status, answer = api.call(node, "POST", "/api/v1/orders", dict(body, requesterEmail=f"user{i}@{tag}.multinode.test"),
                                  key=f"multinode-{tag}-{i}")
        expect(status == 201, f"order {i} through node {node.name} answered {status}: {answer}")
        return answer["id"], node.name

    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        return dict(pool.map(one, range(1, count + 1)))


# ------------------------------------------------------------------------------------------------------------------
# The scheduler's lock, sampled all along.

class LeadershipSampler(threading.Thread):
    """Every 0.2 s: which node processes hold the scheduler's advisory lock (pg_locks -> backend -> client port ->
    the node process owning that socket), and who job_leaders says leads."""

    def __init__(self, db, nodes, path):
        super().__init__(daemon=True)
        self._db, self._nodes, self._path = db, nodes, path
        self._stopping = threading.Event()
        self.samples = []  # (monotonic time, [holder names], reported leader name)
        self.error = None

    def run(self):
        by_id = {}
        try:
            while not self._stopping.is_set():
                ports_text, reported = self._db.rows(f"""
                    SELECT coalesce((SELECT string_agg(coalesce(a.client_port, -1)::text, ',')
                                     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                                     WHERE l.locktype = 'advisory' AND l.classid = {LOCK_CLASSID} AND l.objid = {LOCK_OBJID}
                                       AND l.objsubid = 1 AND l.granted), ''),
                           coalesce((SELECT node_id FROM job_leaders WHERE id = 1), '')""")[0]
                at = time.monotonic()
                ports = local_port_inodes()
                for n in self._nodes:
                    if n.id:
                        by_id[n.id] = n.name
                holders = []
                for port in filter(None, ports_text.split(",")):
                    inodes = ports.get(int(port), set())
                    holders.append(next((n.name for n in self._nodes if n.alive() and inodes & n.socket_inodes()), f"port {port}"))
                self.samples.append((at, holders, by_id.get(reported, reported or "-")))
                self._stopping.wait(0.2)
        except Exception as e:  # reported by the main thread
            self.error = e

    def stop(self):
        self._stopping.set()
        self.join(10)
        with open(self._path, "w") as f:
            start = self.samples[0][0] if self.samples else 0
            for at, holders, reported in self.samples:
                f.write(f"{at - start:8.2f}s  lock held by: {','.join(holders) or 'nobody':10}  job_leaders: {reported}\n")
        if self.error:
            raise CheckFailed(f"the leadership sampler failed: {self.error}")

    def wait_for(self, predicate, seconds):
        deadline = time.monotonic() + seconds
        seen = len(self.samples)
        while time.monotonic() < deadline:
            if self.error:
                raise CheckFailed(f"the leadership sampler failed: {self.error}")
            for sample in self.samples[seen:]:
                if predicate(sample):
                    return sample
            seen = len(self.samples)
            time.sleep(0.05)
        return None


def log_events(node):
    """The node's JSON log lines (Production logs one JSON object per line)."""
    events = []
    with open(node.log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                try:
                    events.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
    return events


# ------------------------------------------------------------------------------------------------------------------
# The proofs.

def wait_provisioned(db, tag, count, seconds):
    deadline = time.monotonic() + seconds
    while True:
        rows = db.rows(f"SELECT status, count(*) FROM orders WHERE requester_email LIKE '%@{tag}.multinode.test' GROUP BY status")
        statuses = {s: int(n) for s, n in rows}
        done = statuses.get("provisioned", 0) + statuses.get("delivered", 0)
        if statuses.get("failed", 0):
            failed = db.rows(f"SELECT id, error_message FROM orders WHERE status = 'failed' AND requester_email LIKE '%@{tag}.multinode.test' LIMIT 3")
            raise CheckFailed(f"{statuses['failed']} {tag} order(s) failed, e.g. {failed}")
        if done == count:
            return
        expect(time.monotonic() < deadline, f"only {done} of {count} {tag} orders were provisioned after {seconds}s: {statuses}")
        time.sleep(0.3)


def wait_run_jobs_settled(db, tag, seconds):
    """Waits until no run job of the batch is still pending or running. An order can be provisioned while its run job is
    not yet marked succeeded: the last step commits, then the job's success does. A node killed between the two leaves
    the job running until its lease expires and another node runs it again, which finds the order done."""
    deadline = time.monotonic() + seconds
    while True:
        open_jobs = db.rows(f"""SELECT o.id, j.state FROM orders o JOIN jobs j ON j.unique_key = 'orders.run:' || o.id
                                WHERE o.requester_email LIKE '%@{tag}.multinode.test' AND j.state IN ('pending', 'running')
                                LIMIT 5""")
        if not open_jobs:
            return
        expect(time.monotonic() < deadline, f"run jobs still open {seconds}s after every {tag} order was provisioned: {open_jobs}")
        time.sleep(0.3)


def check_exactly_once(db, tag, count, type_id):
    """Every order of the batch provisioned once: one audit row, one run job, one row per step; assets unique."""
    of_batch = f"o.requester_email LIKE '%@{tag}.multinode.test'"
    expect(db.count(f"SELECT count(*) FROM orders o WHERE {of_batch} AND o.status = 'provisioned'") == count,
           f"not all {count} {tag} orders are provisioned")
    audit = db.rows(f"""SELECT count(a.id) FROM orders o LEFT JOIN audit_log a
                        ON a.entity_type = 'order' AND a.entity_id = o.id::text AND a.action = 'order.provisioned'
                        WHERE {of_batch} GROUP BY o.id HAVING count(a.id) <> 1 LIMIT 5""")
    expect(not audit, f"orders with other than one 'order.provisioned' audit row: {audit}")
    jobs = db.rows(f"""SELECT o.id, count(j.id), string_agg(j.state, ',') FROM orders o
                       LEFT JOIN jobs j ON j.unique_key = 'orders.run:' || o.id
                       WHERE {of_batch} GROUP BY o.id HAVING count(j.id) <> 1 OR min(j.state) <> 'succeeded' LIMIT 5""")
    expect(not jobs, f"orders without exactly one succeeded run job: {jobs}")
    steps = db.rows(f"""SELECT o.id, string_agg(s.code || ':' || s.status, ',' ORDER BY s.position) FROM orders o
                        LEFT JOIN order_steps s ON s.order_id = o.id WHERE {of_batch} GROUP BY o.id""")
    for order_id, log in steps:
        entries = log.split(",")
        expect([e.split(":")[0] for e in entries] == PROVISION_STEPS, f"order {order_id}'s step log is {log}")
        expect(all(e.split(":")[1] in ("succeeded", "skipped") for e in entries), f"order {order_id} has a step that did not succeed: {log}")
        expect("mark_busy:succeeded" in entries, f"order {order_id} did not mark its asset busy itself: {log}")
    # Across every order of the type so far: no asset twice, and each busy asset held by the order that names it.
    twice = db.rows(f"""SELECT assigned_asset_id, count(*) FROM orders WHERE asset_type_id = {type_id}
                        GROUP BY assigned_asset_id HAVING count(*) > 1 OR assigned_asset_id IS NULL LIMIT 5""")
    expect(not twice, f"pool assets assigned to more than one order (or orders without one): {twice}")
    mismatched = db.count(f"""SELECT count(*) FROM orders o LEFT JOIN pool_assets p ON p.id = o.assigned_asset_id
                              WHERE o.asset_type_id = {type_id} AND (p.current_order_id IS DISTINCT FROM o.id OR p.status <> 'busy')""")
    expect(mismatched == 0, f"{mismatched} order(s) whose asset is not busy with that order")
    return int(db.value(f"SELECT count(*) FROM orders o WHERE {of_batch}"))


def prove_sessions(report, nodes, a, b):
    browser = Browser()
    status, _, page = browser.request(a, "GET", "/ui/login")
    expect(status == 200, f"GET /ui/login on A answered {status}")
    status, location, _ = browser.request(a, "POST", "/ui/login", {
        "_handler": "sign-in", "__RequestVerificationToken": form_token(page),
        "Credentials.Username": "multinode", "Credentials.Password": PASSWORD})
    expect(status == 302 and "ipsolis.admin" in browser.cookies, f"signing in on A answered {status} {location}")

    anonymous = Browser()
    status, location, _ = anonymous.request(b, "GET", "/ui")
    expect(status == 302 and "/ui/login" in location, f"GET /ui on B without a session answered {status} {location}, not a redirect to sign in")
    for node in nodes:
        status, location, page = browser.request(node, "GET", "/ui")
        expect(status == 200, f"GET /ui on {node.name} with A's session answered {status} {location}")
        expect('action="/ui/logout"' in page, f"GET /ui on {node.name} did not render a signed-in page")

    status, _, page = browser.request(a, "GET", "/ui/api-tokens")
    expect(status == 200, f"GET /ui/api-tokens on A answered {status}")
    token = form_token(page)
    form = {"_handler": "create-token", "Input.Name": "multinode check", "Input.Role": "", "Input.ExpiresInDays": "1",
            "scopes": ["orders:read", "orders:write", "asset_types:write", "assets:read", "assets:write"]}
    status, _, _ = browser.request(b, "POST", "/ui/api-tokens", form)
    expect(status == 400, f"the token form posted to B without an antiforgery token answered {status}, not 400")
    status, _, page = browser.request(b, "POST", "/ui/api-tokens", dict(form, __RequestVerificationToken=token))
    secret = re.search(r'id="new-token">(ips_[^<]+)<', page)
    expect(status == 200 and secret, f"the token form posted to B with A's antiforgery token answered {status} without a token")
    report.proved("session made on A works on B and C (GET /ui 200, signed in; 302 to sign-in without it); "
                  "a form posted to B with A's antiforgery token is accepted (400 without it)")
    return secret.group(1)


def prove_orders(report, db, api, a, b, type_id):
    started = time.monotonic()
    placed = place_orders(api, lambda i: a if i % 2 else b, ORDERS, type_id, "p2")
    submitted = time.monotonic() - started
    wait_provisioned(db, "p2", ORDERS, 120)
    elapsed = time.monotonic() - started
    count = check_exactly_once(db, "p2", ORDERS, type_id)
    expect(count == ORDERS, f"{count} p2 orders exist, {ORDERS} were placed")
    # A run job runs once, unless a node starved of CPU lost its lease: then the other node ran it again, which
    # found the order done or waited on its row lock. Anything else (a failed attempt) is a defect.
    lost = db.rows("""SELECT t.outcome, count(*) FROM job_attempts t JOIN jobs j ON j.id = t.job_id
                      JOIN orders o ON j.unique_key = 'orders.run:' || o.id
                      WHERE o.requester_email LIKE '%@p2.multinode.test' GROUP BY t.outcome""")
    expect(all(outcome == "lease_expired" for outcome, _ in lost), f"run jobs had failed attempts: {lost}")
    rerun = sum(int(n) for _, n in lost)
    per_node = {n: list(placed.values()).count(n) for n in ("A", "B")}
    report.proved(f"{ORDERS} orders placed {CLIENTS} at a time alternating A/B ({per_node['A']} on A, {per_node['B']} on B) in {submitted:.1f}s, "
                  f"all provisioned after {elapsed:.1f}s; each has one audit row, one run job and one row per step, no asset twice "
                  f"(run jobs repeated after a lost lease: {rerun}, no failed attempt)")


def prove_worker_kill(report, db, api, a, b, type_id):
    progress = {"placed": 0}
    done = {}

    def through_b(i):
        progress["placed"] += 1
        return b

    def place():
        try:
            done["orders"] = place_orders(api, through_b, KILL_ORDERS, type_id, "p3")
        except Exception as e:
            done["error"] = e

    placer = threading.Thread(target=place)
    placer.start()
    # Freeze A for the instant of the look, so that what the look finds is what the kill interrupts.
    orphans, killed_at, done_at_kill, deadline = [], None, 0, time.monotonic() + 60
    while placer.is_alive() and time.monotonic() < deadline:
        if progress["placed"] < 10:
            time.sleep(0.05)
            continue
        os.kill(a.pid, signal.SIGSTOP)
        orphans = [r[0] for r in db.rows(f"SELECT id FROM jobs WHERE state = 'running' AND queue = 'provision' AND lease_owner = '{a.id}'")]
        if orphans:
            a.kill9()
            killed_at = time.monotonic()
            done_at_kill = db.count("SELECT count(*) FROM orders WHERE status = 'provisioned' AND requester_email LIKE '%@p3.multinode.test'")
            break
        os.kill(a.pid, signal.SIGCONT)
        time.sleep(0.05)
    placer.join()
    if "error" in done:
        raise done["error"]
    expect(killed_at is not None, f"node A never held a provision job while {KILL_ORDERS} orders were placed through B")
    wait_provisioned(db, "p3", KILL_ORDERS, 90)
    finished = time.monotonic() - killed_at
    wait_run_jobs_settled(db, "p3", LEASE_SECONDS + 30)
    count = check_exactly_once(db, "p3", KILL_ORDERS, type_id)
    expect(count == KILL_ORDERS, f"{count} p3 orders exist, {KILL_ORDERS} were placed")
    ids = ",".join(orphans)
    taken = db.rows(f"""SELECT j.id, j.state, j.attempt, t.node_id, t.outcome FROM jobs j
                        LEFT JOIN job_attempts t ON t.job_id = j.id AND t.outcome = 'lease_expired'
                        WHERE j.id IN ({ids})""")
    expect(len(taken) == len(orphans), f"orphaned jobs {ids} have {len(taken)} rows: {taken}")
    for job_id, state, attempt, node_id, outcome in taken:
        expect(state == "succeeded" and int(attempt) >= 2 and node_id == a.id and outcome == "lease_expired",
               f"job {job_id} held by the killed node: state {state}, attempt {attempt}, lost attempt by {node_id or 'nobody'} ({outcome or 'none'})")
    report.proved(f"A killed with kill -9 holding {len(orphans)} provision job(s) when {done_at_kill} of {KILL_ORDERS} orders were provisioned; "
                  f"B took them over after their {LEASE_SECONDS}s lease (attempt recorded as lease_expired on A) and all {KILL_ORDERS} "
                  f"orders were provisioned exactly once, {finished:.1f}s after the kill")


def fired_ticks(db):
    keys = db.rows(f"SELECT unique_key, count(*) FROM jobs WHERE schedule_name = '{TICK_SCHEDULE}' GROUP BY unique_key")
    twice = [k for k in keys if int(k[1]) != 1]
    expect(not twice, f"ticks fired more than once: {twice}")
    # Keys read "schedule:<name>:<tick in UTC>", so sorting them sorts the ticks.
    return sorted(k[0].split(f"{TICK_SCHEDULE}:", 1)[1] for k in keys)


def prove_scheduler(report, db, sampler, a, b, c):
    before = list(sampler.samples)
    expect(before, "no leadership sample was taken")
    expect(all(holders == ["C"] for _, holders, _ in before),
           f"before the kill the lock was not always held by C alone: {sorted({','.join(h) or 'nobody' for _, h, _ in before})}")
    ticks_before = fired_ticks(db)
    expect(len(ticks_before) >= 3, f"only {len(ticks_before)} ticks of {TICK_SCHEDULE} fired while C led")

    c.kill9()
    killed_at = time.monotonic()
    sample = sampler.wait_for(lambda s: s[0] > killed_at and s[1] == ["B"], TAKEOVER_LIMIT_SECONDS)
    expect(sample is not None, f"B did not hold the scheduler lock within {TAKEOVER_LIMIT_SECONDS}s of C's kill")
    takeover = sample[0] - killed_at
    reported = sampler.wait_for(lambda s: s[0] > killed_at and s[2] == "B", TAKEOVER_LIMIT_SECONDS)
    expect(reported is not None, "job_leaders never named B after C's kill")
    # Let B fire a few ticks of its own.
    time.sleep(3 * TICK_SECONDS + 1)
    sampler.stop()

    for at, holders, _ in sampler.samples:
        expect(len(holders) <= 1, f"{len(holders)} nodes held the scheduler lock at once: {holders}")
        if at > sample[0]:
            expect(holders == ["B"], f"after B took over, the lock was held by {holders or 'nobody'}")
    last_c = max((at for at, holders, _ in sampler.samples if holders == ["C"]), default=killed_at)

    ticks = fired_ticks(db)
    stamps = [datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%SZ") for t in ticks]
    steps = [(later - earlier).total_seconds() for earlier, later in zip(stamps, stamps[1:])]
    # A gap means ticks were missed (the failover, or a leader late under load) and fired once, collapsed.
    longer = [s for s in steps if s != TICK_SECONDS]
    expect(all(s > 0 for s in steps), f"ticks out of order: {ticks}")
    expect(all(s <= takeover + 2 * TICK_SECONDS + 1 for s in longer),
           f"the schedule stopped firing for longer than the failover: gaps of {longer} s (takeover took {takeover:.1f}s)")
    after = [t for t in ticks if t not in ticks_before]
    expect(len(after) >= 3, f"only {len(after)} ticks fired after C's kill")
    # A tick job A held when it was killed is dead by design (jobs.noop has one attempt), not missed.
    unfinished = db.count(f"""SELECT count(*) FROM jobs j WHERE j.schedule_name = '{TICK_SCHEDULE}' AND j.state <> 'succeeded'
                              AND j.created_at < now() - interval '{TICK_SECONDS + 2} seconds'
                              AND NOT EXISTS (SELECT 1 FROM job_attempts t WHERE t.job_id = j.id AND t.node_id = '{a.id}')""")
    expect(unfinished == 0, f"{unfinished} tick job(s) were not run")

    # What the nodes themselves say: C led first, then B; A never; no tick fired by two nodes.
    leading, fired = {}, {}
    for node in (b, c):
        for event in log_events(node):
            message = event.get("message", "")
            if "leads the scheduler" in message:
                leading.setdefault(node.name, 0)
                leading[node.name] += 1
            if message.startswith(f"Fired recurring job {TICK_SCHEDULE}"):
                fired.setdefault(node.name, set()).add(event.get("tick", message.rsplit(" ", 1)[-1]))
    expect(leading == {"C": 1, "B": 1}, f"the nodes' logs report leadership {leading}, not C once then B once")
    both = fired.get("B", set()) & fired.get("C", set())
    expect(not both, f"ticks fired by both B and C: {sorted(both)}")
    report.proved(f"one holder of the scheduler lock in all {len(sampler.samples)} samples (C, then B; never two); "
                  f"B held it {takeover:.1f}s after C's kill -9 ({sample[0] - last_c:.1f}s between the last sample with C and the first with B); "
                  f"{len(ticks)} ticks of a {TICK_SECONDS}s schedule each fired once ({len(ticks_before)} while C led, {len(after)} after the kill, "
                  f"{len(longer)} gap(s) where missed ticks were collapsed), every tick job run")


# ------------------------------------------------------------------------------------------------------------------

def run(args, report):
    db = Database(args.psql)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": args.work, "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
        "DOTNET_NOLOGO": "1", "ASPNETCORE_ENVIRONMENT": "Production", "DOTNET_ENVIRONMENT": "Production",
        "API_SECRET_KEY": secrets.token_urlsafe(48), "DATABASE_URL": args.database_url,
        "IPSOLIS_Logging__LogLevel__Default": "Warning",
        "IPSOLIS_Logging__LogLevel__IpSolis.Server.Platform.Jobs.RecurringScheduler": "Information",
        # Short leases and a quick leader retry: a killed node's work and lock move within seconds.
        "IPSOLIS_Jobs__LeaseSeconds": str(LEASE_SECONDS), "IPSOLIS_Jobs__HeartbeatSeconds": str(HEARTBEAT_SECONDS),
        "IPSOLIS_Jobs__LeaderRetrySeconds": str(LEADER_RETRY_SECONDS),
        f"IPSOLIS_Jobs__Schedules__{TICK_SCHEDULE}__Cron": f"*/{TICK_SECONDS} * * * * *",
        f"IPSOLIS_Jobs__Schedules__{TICK_SCHEDULE}__Kind": "jobs.noop",
        "IPSOLIS_Jobs__Queues__provision__Concurrency": "8",
        # One token submits everything: the per-token rate limit would measure the limiter.
        "IPSOLIS_Access__ApiRequestsPerSecond": "1000000", "IPSOLIS_Access__ApiBurst": "1000000",
    }
    for name in ("DOTNET_ROOT", "DOTNET_TieredPGO"):
        if name in os.environ:
            env[name] = os.environ[name]

    started = time.monotonic()
    for command, stdin in ((["migrate"], None), (["admin", "create-user", "--username", "multinode", "--role", "superadmin", "--password-stdin"], PASSWORD + "\n")):
        done = subprocess.run(["dotnet", args.app, *command], cwd=args.work, env=env, input=stdin, capture_output=True, text=True, timeout=120)
        expect(done.returncode == 0, f"ipsolis {' '.join(command[:2])} failed: {(done.stdout + done.stderr).strip()[-2000:]}")

    a, b, c = Node("A", "web,worker", args, env), Node("B", "web,worker,scheduler", args, env), Node("C", "web,scheduler", args, env)
    nodes = [a, b, c]
    try:
        # C first, so that it leads; B competes for the lock from its start on.
        c.start()
        c.wait_ready(db, 90)
        deadline = time.monotonic() + 30
        while db.value(f"SELECT node_id FROM job_leaders WHERE id = 1") != c.id:
            expect(time.monotonic() < deadline, "C did not become the scheduler leader")
            time.sleep(0.2)
        a.start()
        b.start()
        a.wait_ready(db, 90)
        b.wait_ready(db, 90)
        report.say(f"    nodes up after {time.monotonic() - started:.1f}s: " + ", ".join(f"{n.name}={n.roles} :{n.port} ({n.id})" for n in nodes))
        sampler = LeadershipSampler(db, nodes, os.path.join(args.work, "leadership.txt"))
        sampler.start()

        token = prove_sessions(report, nodes, a, b)
        api = Api(token)
        status, created = api.call(a, "POST", "/api/v1/asset-types", {
            "name": "Multinode VDI", "assignmentModel": "assigned_personal", "personalProvisioningStrategy": "assign_existing_free",
            "maxPerUser": 0, "automationStrategy": "group_only", "deprovisionPolicy": "return_to_pool"})
        expect(status == 201, f"creating the asset type answered {status}: {created}")
        type_id = created["id"]
        status, bulk = api.call(b, "POST", "/api/v1/pool/bulk", {"assetTypeId": type_id, "prefix": "MN-", "start": 1, "count": POOL_SIZE, "padding": 4})
        expect(status == 200 and bulk.get("createdCount") == POOL_SIZE, f"creating {POOL_SIZE} pool assets answered {status}: {bulk}")

        report.say(f"    placing {ORDERS} orders through A and B")
        prove_orders(report, db, api, a, b, type_id)
        report.say(f"    placing {KILL_ORDERS} orders through B and killing A while it holds provision jobs")
        prove_worker_kill(report, db, api, a, b, type_id)
        report.say("    killing the scheduler leader C")
        prove_scheduler(report, db, sampler, a, b, c)
        report.say(f"multinode: all checks passed in {time.monotonic() - started:.0f}s (logs in {args.work})")
    finally:
        for node in nodes:
            if node.alive():
                os.kill(node.pid, signal.SIGCONT)
                node.stop()


def main():
    global ORDERS, KILL_ORDERS, POOL_SIZE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", required=True, help="the published ipsolis.dll")
    parser.add_argument("--psql", required=True, help="psql binary (connects through PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE)")
    parser.add_argument("--database-url", required=True, help="Npgsql connection string of the same, empty database")
    parser.add_argument("--work", required=True, help="folder for node data, logs and check.log")
    parser.add_argument("--orders", type=int, default=ORDERS, help=f"orders of proof 2 (default {ORDERS}; fewer for a quick try)")
    parser.add_argument("--kill-orders", type=int, default=KILL_ORDERS, help=f"orders of proof 3 (default {KILL_ORDERS})")
    args = parser.parse_args()
    ORDERS, KILL_ORDERS = args.orders, args.kill_orders
    POOL_SIZE = ORDERS + KILL_ORDERS + 100
    # The nodes run in their own folders.
    args.app, args.work = os.path.abspath(args.app), os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    report = Report(os.path.join(args.work, "check.log"))
    # TERM (test.sh's cleanup, timeout) unwinds through the finally blocks that stop the nodes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        run(args, report)
    except CheckFailed as e:
        report.say(f"FAILED: {e}")
        sys.exit(1)
    except Exception as e:  # a defect of the checker itself (or a node's odd answer): still one clear line
        import traceback
        traceback.print_exc()
        report.say(f"FAILED: the checker stopped on {type(e).__name__}: {e}")
        sys.exit(1)


if __name__ == "__main__":
    main()
