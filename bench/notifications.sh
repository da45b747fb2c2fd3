#!/usr/bin/env bash
# Mails per second through the notification outbox to a local SMTP server (issue 9; results in docs/PERFORMANCE.md).
#   bench/notifications.sh                       # 2,000 mails, notifications queue concurrency 5 and 20
#   MAILS=5000 CONCURRENCY="5 10 20" bench/notifications.sh
# One `ipsolis serve` (SQLite, the single-node default) delivers pre-rendered outbox messages (a 4 KB HTML body
# with its text part, as the outbox writes them) through System.Net.Mail to a local aiosmtpd server that accepts
# and discards (scripts/test-services/smtp_capture.py --discard). Messages and their notifications.deliver jobs are
# inserted before the server starts; the rate is taken from the messages' own sent_at stamps (first to last), so
# start-up is not counted. Each mail is one SMTP connection (the adapter creates one SmtpClient per delivery).
# The last line is the ceiling of the same SMTP server on the same machine: Python's smtplib sending the same
# messages one connection each, with no database and no queue.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mails=${MAILS:-2000}
concurrencies=${CONCURRENCY:-5 20}
artifacts=${ARTIFACTS:-/tmp/ipsolis-bench-artifacts-notifications}
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$python" -c 'import aiosmtpd' 2>/dev/null || { echo "needs python3-aiosmtpd (apt-get install python3-aiosmtpd)" >&2; exit 2; }
echo "building ipsolis (Release) into $artifacts" >&2
dotnet build "$root/src/IpSolis.Server" -c Release --artifacts-path "$artifacts" -v q -nologo >/dev/null
ipsolis=("dotnet" "$artifacts/bin/IpSolis.Server/release/ipsolis.dll")

export API_SECRET_KEY=$(head -c 36 /dev/urandom | base64) IPSOLIS_Logging__LogLevel__Default=Warning
export IPSOLIS_Server__DataDirectory=$work/data IPSOLIS_Database__SqlitePath=$work/data/ipsolis.db IPSOLIS_Database__AllowSqliteInProduction=true
mkdir -p "$work/data" "$work/smtp"
(cd "$work" && "${ipsolis[@]}" migrate >/dev/null)
db=$work/data/ipsolis.db
ticks="(CAST((julianday('now') - 2440587.5) * 86400 * 10000000 AS INTEGER) + 621355968000000000)"

"$python" "$root/scripts/test-services/smtp_capture.py" --dir "$work/smtp" --discard --parent-pid $$ >"$work/smtp.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s $work/smtp/port ]] && break; sleep 0.1; done
smtp_port=$(cat "$work/smtp/port")

sqlite3 "$db" "
  INSERT INTO settings (key, value, is_secret, updated_at, updated_by) VALUES
    ('email.smtp_host', '127.0.0.1', 0, $ticks, 'bench'),
    ('email.smtp_port', '$smtp_port', 0, $ticks, 'bench'),
    ('email.from', 'ipsolis@example.com', 0, $ticks, 'bench');"

body=$(printf '<p>Hello Dana Example,</p><p><strong>Windows 11 desktop</strong> is ready for you: <strong>VDI-0042</strong>.</p>%.0s' $(seq 20))
echo "mails,concurrency,seconds,mails_per_second,received_by_smtp"
for concurrency in $concurrencies; do
  sqlite3 "$db" "DELETE FROM jobs; DELETE FROM job_attempts; DELETE FROM notification_messages;"
  before=$(cat "$work/smtp/count" 2>/dev/null || echo 0)
  sqlite3 "$db" "
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $mails)
    INSERT INTO notification_messages (channel, template_key, culture, recipient, recipient_name, subject, html_body, text_body,
      status, attempts, created_at, updated_at)
    SELECT 'mail', 'provision_confirmation', 'en', 'user' || i || '@example.com', 'User ' || i, 'Ready: Windows 11 desktop VDI-0042',
      '<!DOCTYPE html><html><body><table><tr><td>$body</td></tr></table></body></html>', 'Hello, your desktop is ready.', 'pending', 0, $ticks, $ticks
    FROM n;
    INSERT INTO jobs (kind, queue, payload, state, priority, run_at, attempt, max_attempts, unique_key, created_at)
    SELECT 'notifications.deliver', 'notifications', '{\"messageId\":' || id || '}', 'pending', 0, $ticks, 0, 8,
      'notifications.deliver:' || id, $ticks FROM notification_messages;"
  (cd "$work" && IPSOLIS_Jobs__Queues__notifications__Concurrency=$concurrency exec "${ipsolis[@]}" serve --urls "http://127.0.0.1:0") >"$work/serve-$concurrency.log" 2>&1 &
  server=$!
  pids+=($server)
  deadline=$((SECONDS + 600))
  while (($(sqlite3 "$db" "SELECT count(*) FROM notification_messages WHERE status IN ('sent', 'failed')") < mails)); do
    ((SECONDS < deadline)) || { echo "timed out; server log:" >&2; tail -20 "$work/serve-$concurrency.log" >&2; exit 1; }
    sleep 0.5
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  sleep 1
  after=$(cat "$work/smtp/count")
  sqlite3 -separator , "$db" "
    SELECT $mails, $concurrency, printf('%.2f', (max(sent_at) - min(sent_at)) / 1e7),
      printf('%.0f', (count(*) - 1) / ((max(sent_at) - min(sent_at)) / 1e7)), $((after - before))
    FROM notification_messages WHERE status = 'sent';"
done

# Ceiling: the SMTP server and machine alone.
"$python" - "$smtp_port" "$mails" "$body" <<'PY'
import smtplib, sys, time
from email.message import EmailMessage
port, count, body = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
for i in range(count):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "ipsolis@example.com", f"user{i}@example.com", "Ready: Windows 11 desktop VDI-0042"
    message.set_content("Hello, your desktop is ready.")
    message.add_alternative(f"<!DOCTYPE html><html><body>{body}</body></html>", subtype="html")
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.send_message(message)
elapsed = time.perf_counter() - start
print(f"{count},raw smtplib,{elapsed:.2f},{count / elapsed:.0f},{count}")
PY
