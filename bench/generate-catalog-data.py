#!/usr/bin/env python3
"""Fills a migrated, empty ip·Solis database with a large synthetic company for the read-latency benchmark.

    bench/generate-catalog-data.py --sqlite data/ipsolis.db
    bench/generate-catalog-data.py --postgres "postgresql://postgres:pw@127.0.0.1:55432/bench"

Defaults: 500 asset types, 10,000 pool assets, 100,000 orders (4 step rows each), 2,000 directory people. The person
bench.user@bench.example signs in to the portal with --password and holds --my-orders orders; the rest are spread
over everyone. Rows are written straight into the tables (the product's own paths would take hours for 100,000
orders); the shape follows the entities in src/IpSolis.Server/Features. Deterministic for a given --seed.
"""
import argparse
import csv
import hashlib
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

EPOCH_TICKS = 621355968000000000  # .NET ticks at 1970-01-01, as UtcTicksConverter stores SQLite times.

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
target = parser.add_mutually_exclusive_group(required=True)
target.add_argument("--sqlite", help="path of the SQLite database file")
target.add_argument("--postgres", help="libpq URL of the PostgreSQL database (psql must be on PATH)")
parser.add_argument("--types", type=int, default=500)
parser.add_argument("--assets", type=int, default=10_000)
parser.add_argument("--orders", type=int, default=100_000)
parser.add_argument("--people", type=int, default=2_000)
parser.add_argument("--my-orders", type=int, default=20, help="orders held by the benchmark's portal user")
parser.add_argument("--password", default="bench password 0123456789")
parser.add_argument("--seed", type=int, default=20261122)
parser.add_argument("--pending-approvals", type=int, default=0,
                    help="the last N orders wait for approval (one pending approval row each, on an application-access type)")
parser.add_argument("--approval-tokens", help="write a signed one-click link token per pending approval row to this file")
parser.add_argument("--secret", help="API_SECRET_KEY the app runs with (signs the tokens)")
args = parser.parse_args()
rng = random.Random(args.seed)
now = datetime.now(timezone.utc).replace(microsecond=0)
BENCH_USER = "bench.user@bench.example"


def password_hash(password):
    """The product's self-describing PBKDF2-SHA256 form (Platform/Security/PasswordHashing.cs)."""
    iterations = 600_000
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations, 32)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def time_value(moment):
    if moment is None:
        return None
    if args.sqlite:
        return int(moment.timestamp() * 10_000_000) + EPOCH_TICKS
    return moment.isoformat()


def flag(value):
    return (1 if value else 0) if args.sqlite else ("t" if value else "f")


tables = {}


def add(table, row):
    tables.setdefault(table, []).append(row)


# People: a flat company with managers every 20 people, and the benchmark user.
people = [BENCH_USER] + [f"person{i:05d}@bench.example" for i in range(1, args.people)]
bench_hash = password_hash(args.password)
for i, email in enumerate(people, start=1):
    manager = people[(i - 1) // 20 * 20] if (i - 1) % 20 else None
    add("directory_people", dict(
        id=i, email=email, username=email.split("@")[0], display_name=f"Person {i:05d}" if i > 1 else "Bench User",
        manager_email=manager, department=f"Department {i % 12}", cost_center=f"CC-{i % 40:03d}", title="Staff",
        company="Bench GmbH", employee_id=f"E{i:06d}", is_active=flag(True),
        password_hash=bench_hash if email == BENCH_USER else None,
        created_at=time_value(now), updated_at=time_value(now)))
add("directory_groups", dict(id=1, name="Bench Eligible", normalized_name="bench eligible", description="Members may order restricted types", created_at=time_value(now)))
for person_id in range(1, min(args.people, 500) + 1):
    add("directory_memberships", dict(id=person_id, group_id=1, person_id=person_id, member_group_id=None))

# Asset types: a third each of personal, pooled and shared; one in ten restricted to the group.
models = ["assigned_personal", "capacity_pooled", "dedicated_shared"]
categories = ["application_access", "platform_access", "data_access", "device_access", "infrastructure_access"]
type_ids = list(range(1, args.types + 1))
personal_types = [t for t in type_ids if models[t % 3] == "assigned_personal"]
shared_types = [t for t in type_ids if models[t % 3] == "dedicated_shared"]
pooled_types = [t for t in type_ids if models[t % 3] == "capacity_pooled"]
attributes = json.dumps([
    {"key": "size", "label": "Size", "type": "ENUM", "required": True, "options": ["small", "medium", "large"], "defaultValue": "small"},
    {"key": "note", "label": "Note", "type": "STRING", "validation": {"maxLength": 200}},
])
for t in type_ids:
    model = models[t % 3]
    add("asset_types", dict(
        id=t, name=f"Bench type {t:04d}", normalized_name=f"bench type {t:04d}",
        description=f"Synthetic asset type {t} for the read benchmark.", help_text="Ordered for **benchmarks** only.",
        category=categories[t % 5], icon="server", is_active=flag(True), show_on_dashboard=flag(t % 25 == 0),
        attributes=attributes, assignment_model=model,
        pool_capacity=1000 if model == "capacity_pooled" else None, shared_asset_id=None,
        personal_provisioning_strategy="assign_existing_free" if model == "assigned_personal" else None,
        naming_pattern=None, max_per_user=0, default_duration_days=30, maximum_lifetime_days=365, renewable=flag(True),
        reminder_days=7, automation_strategy="group_only" if model == "capacity_pooled" else "runbook_only",
        deprovision_policy="return_to_pool" if model == "assigned_personal" else "access_only",
        eligible_group="Bench Eligible" if t % 10 == 0 else None, collect_justification=flag(False),
        justification_required=flag(False), allow_rdp_users=flag(model == "assigned_personal"), allow_admin_users=flag(False),
        monthly_cost=f"{10 + t % 90}.50", currency="EUR", cost_center=f"IT-{t % 7}", step_visibility="detailed",
        access_url=None, group_targets="[]", created_at=time_value(now - timedelta(days=400)), updated_at=time_value(now), version=1))

# Pool assets: one shared asset per shared type, the rest spread over the personal types.
asset_rows = []
asset_id = 0
shared_asset_of = {}
type_rows = {row["id"]: row for row in tables["asset_types"]}
for t in shared_types:
    asset_id += 1
    asset_rows.append(dict(id=asset_id, name=f"JUMP-{t:04d}", asset_type_id=t, status="busy"))
    type_rows[t]["shared_asset_id"] = shared_asset_of[t] = asset_id
free_by_type = {}
while asset_id < args.assets:
    asset_id += 1
    t = personal_types[asset_id % len(personal_types)]
    asset_rows.append(dict(id=asset_id, name=f"VDI-{asset_id:06d}", asset_type_id=t, status="free"))
    free_by_type.setdefault(t, []).append(asset_id)

# Orders: history (ended), live (provisioned, holding a personal asset where one is free), and in flight.
statuses = ["revoked"] * 30 + ["expired"] * 20 + ["cancelled"] * 8 + ["rejected"] * 2 + ["provisioned"] * 30 + \
           ["pending_approval"] * 3 + ["scheduled"] * 2 + ["failed"] * 5
asset_by_id = {a["id"]: a for a in asset_rows}
step_id = 0
for order_id in range(1, args.orders + 1):
    t = type_ids[rng.randrange(len(type_ids))]
    requester = BENCH_USER if order_id % max(1, args.orders // max(1, args.my_orders)) == 0 else people[rng.randrange(1, len(people))]
    status = statuses[rng.randrange(len(statuses))]
    if order_id > args.orders - args.pending_approvals:
        # An application-access type (capacity pooled): approving it provisions without a pool asset.
        t, status = pooled_types[order_id % len(pooled_types)], "pending_approval"
    created = now - timedelta(minutes=(args.orders - order_id) * 5)
    start = created + timedelta(hours=1)
    until = start + timedelta(days=30)
    if status == "provisioned":
        until = now + timedelta(days=rng.randrange(1, 60))
    if status == "scheduled":
        start, until = now + timedelta(days=3), now + timedelta(days=33)
    assigned = None
    model = models[t % 3]
    if model == "dedicated_shared" and status in ("provisioned", "scheduled", "pending_approval", "revoked", "expired"):
        assigned = shared_asset_of[t]
    if model == "assigned_personal" and status in ("provisioned", "scheduled", "pending_approval") and free_by_type.get(t):
        assigned = free_by_type[t].pop()
        asset = asset_by_id[assigned]
        asset.update(status="busy" if status == "provisioned" else "reserved", current_order_id=order_id, expires_at=until)
    ended = status in ("revoked", "expired", "cancelled", "rejected")
    add("orders", dict(
        id=order_id, asset_type_id=t, action="provision", status=status, parent_order_id=None,
        requester_email=requester, requester_name=requester.split("@")[0], owner_email=None, owner_name=None,
        placed_by=f"portal:user:{requester}", source="portal", requested_from=time_value(start), requested_until=time_value(until),
        attributes=json.dumps({"size": "medium"}), justification=None, rdp_users="[]", admin_users="[]",
        assigned_asset_id=assigned,
        provisioned_state=json.dumps({"assignmentModel": model, "at": start.isoformat()}) if status in ("provisioned", "revoked", "expired") else None,
        error_message="Synthetic failure" if status == "failed" else None, expiry_reminder_sent_at=None,
        requester_department="Department 1", requester_cost_center="CC-001", requester_title="Staff", classification="internal",
        created_at=time_value(created), updated_at=time_value(created), completed_at=time_value(until) if ended else None))
    if status in ("provisioned", "revoked", "expired", "failed"):
        for position, (code, name) in enumerate([("reserve_asset", "Reserve asset"), ("mark_busy", "Mark busy"),
                                                 ("set_expiry", "Set expiry"), ("record_state", "Record provisioned state")], start=1):
            step_id += 1
            failed = status == "failed" and position == 2
            add("order_steps", dict(
                id=step_id, order_id=order_id, position=position, code=code, name=name,
                status="failed" if failed else ("pending" if status == "failed" and position > 2 else "succeeded"),
                started_at=time_value(start), finished_at=time_value(start + timedelta(seconds=1)),
                output="ok", error="Synthetic failure" if failed else None))

# One pending approval per waiting order, from a handful of approvers; the signed links go to --approval-tokens.
approval_id = 0
tokens = []
if args.approval_tokens and not args.secret:
    sys.exit("--approval-tokens needs --secret (the API_SECRET_KEY the app runs with)")
link_key = None
if args.secret:
    import base64, hmac
    # HKDF-SHA256 (RFC 5869) as Features/Approvals/ApprovalLinks.cs derives the approval-link key.
    prk = hmac.new(b"ipsolis-signed-links", args.secret.encode(), hashlib.sha256).digest()
    link_key = hmac.new(prk, b"ipsolis/links/approval/v1" + b"\x01", hashlib.sha256).digest()
expires = int((now + timedelta(days=14)).timestamp())
for order in tables["orders"]:
    if order["status"] != "pending_approval":
        continue
    approval_id += 1
    approver = f"approver{approval_id % 50:02d}@bench.example"
    add("order_approvals", dict(
        id=approval_id, order_id=order["id"], approver_email=approver, approver_name=f"Approver {approval_id % 50:02d}",
        source="manager", rule_name=None, bucket=None, threshold=None, status="pending", decided_at=None, decided_by=None,
        comment=None, on_behalf_of_email=None, on_behalf_of_name=None, sod_exempt=flag(False), escalation=flag(False),
        reminder_count=0, last_reminded_at=None, escalated_at=None, created_at=order["created_at"]))
    if link_key:
        payload = f"approval|{approval_id}|{approver}|{expires}".encode()
        b64 = lambda raw: base64.urlsafe_b64encode(raw).decode().rstrip("=")
        tokens.append(b64(payload) + "." + b64(hmac.new(link_key, payload, hashlib.sha256).digest()))
if args.approval_tokens:
    rng.shuffle(tokens)
    with open(args.approval_tokens, "w") as out:
        out.write("\n".join(tokens) + "\n")

for a in asset_rows:
    a.setdefault("current_order_id", None)
    a.setdefault("expires_at", None)
    a.update(last_released_at=None, status_changed_at=time_value(now), notes="", metadata="{}",
             created_at=time_value(now - timedelta(days=400)), updated_at=time_value(now))
    a["expires_at"] = time_value(a["expires_at"]) if isinstance(a["expires_at"], datetime) else a["expires_at"]
tables["pool_assets"] = asset_rows

# Columns later features added, with the values a fresh row gets from the product (no approval, no failed sign-ins).
for row in tables["directory_people"]:
    row.setdefault("failed_sign_in_count", 0)
for row in tables["asset_types"]:
    row.setdefault("requires_manager_approval", flag(False))
    row.setdefault("requires_owner_approval", flag(False))
    row.setdefault("approval_owners", "[]")
    row.setdefault("approval_rules", "[]")

order_of_tables = ["directory_people", "directory_groups", "directory_memberships", "asset_types", "pool_assets", "orders", "order_steps", "order_approvals"]
started = time.perf_counter()
if args.sqlite:
    db = sqlite3.connect(args.sqlite)
    db.execute("PRAGMA foreign_keys = OFF")
    with db:
        for table in order_of_tables:
            rows = tables.get(table, [])
            if not rows:
                continue
            columns = list(rows[0].keys())
            db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           [tuple(r[c] for c in columns) for r in rows])
    db.execute("ANALYZE")
    db.close()
else:
    for table in order_of_tables:
        rows = tables.get(table, [])
        if not rows:
            continue
        columns = list(rows[0].keys())
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for r in rows:
            writer.writerow(["\\N" if r[c] is None else r[c] for c in columns])
        copy = f"\\copy {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        subprocess.run(["psql", args.postgres, "-v", "ON_ERROR_STOP=1", "-q", "-c", copy], input=buffer.getvalue(), text=True, check=True)
    # Identity sequences must continue after the ids written here, or the product's next insert collides.
    fix = ";".join(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))" for t in order_of_tables if tables.get(t))
    # VACUUM as well as ANALYZE: a database that grew to this size over years has been vacuumed by autovacuum many
    # times, so its visibility map is set and count queries can be answered from covering indexes alone. Freshly
    # copied rows have none of that until autovacuum's first pass, which would land somewhere in the middle of a run.
    subprocess.run(["psql", args.postgres, "-v", "ON_ERROR_STOP=1", "-q", "-c", fix, "-c", "VACUUM ANALYZE"], check=True, stdout=subprocess.DEVNULL)

counts = ", ".join(f"{len(tables.get(t, []))} {t}" for t in order_of_tables)
print(f"generated {counts} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
