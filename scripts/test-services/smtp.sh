# shellcheck shell=bash
# Sourced by scripts/test.sh: starts the SMTP server the notification tests deliver to (Debian python3-aiosmtpd,
# which test.sh installs) and tells the tests where it is:
#   IPSOLIS_TEST_SMTP         host:port of the running server
#   IPSOLIS_TEST_SMTP_DIR     the folder it writes one JSON file per received message into
#   IPSOLIS_TEST_SMTP_SCRIPT  the server script, for tests that start and stop their own (SMTP down, then back)
#   IPSOLIS_TEST_PYTHON       the Python that has aiosmtpd
# The server watches test.sh's process and exits with it, so no cleanup hook is needed.

start_smtp() {
  local python=/usr/bin/python3 script=$root/scripts/test-services/smtp_capture.py dir=$run_dir/smtp
  "$python" -c 'import aiosmtpd' 2>/dev/null || die "python3-aiosmtpd is missing (apt-get install python3-aiosmtpd)"
  rm -rf "$dir"
  mkdir -p "$dir"
  "$python" "$script" --dir "$dir" --parent-pid $$ >"$run_dir/smtp.log" 2>&1 &
  local _
  for _ in $(seq 1 100); do
    [[ -s $dir/port ]] && break
    sleep 0.1
  done
  [[ -s $dir/port ]] || { cat "$run_dir/smtp.log" >&2; die "the test SMTP server did not start"; }
  export IPSOLIS_TEST_SMTP="127.0.0.1:$(cat "$dir/port")" IPSOLIS_TEST_SMTP_DIR=$dir
  export IPSOLIS_TEST_SMTP_SCRIPT=$script IPSOLIS_TEST_PYTHON=$python
  say "SMTP test server on $IPSOLIS_TEST_SMTP (messages in ${dir#"$root/"})"
}
