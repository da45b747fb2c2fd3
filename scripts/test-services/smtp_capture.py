#!/usr/bin/python3
"""A real SMTP server for the tests (aiosmtpd): every message it receives is parsed and written as one JSON file
(envelope, headers, subject, text part, HTML part, attachments in base64, raw source) into --dir, so tests assert
on what a mail server actually got. It exits when --parent-pid ends, so a killed test run leaves nothing behind.

  smtp_capture.py --dir DIR [--port 0] [--parent-pid PID] [--discard]

--discard (for bench/) only counts messages, into DIR/count.

With --port 0 it picks a free loopback port and writes it to DIR/port once it accepts connections."""
import argparse
import base64
import email
import email.policy
import json
import os
import socket
import sys
import time
import uuid

from aiosmtpd.controller import Controller


class Capture:
    def __init__(self, directory, discard=False):
        self.directory = directory
        self.discard = discard
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.discard:
            return "250 Message accepted for delivery"
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = html = None
        attachments = []
        for part in message.walk():
            if part.is_multipart():
                continue
            disposition = part.get_content_disposition()
            if disposition == "attachment" or part.get_filename():
                attachments.append({
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "base64": base64.b64encode(part.get_payload(decode=True) or b"").decode("ascii"),
                })
            elif part.get_content_type() == "text/plain" and text is None:
                text = part.get_content()
            elif part.get_content_type() == "text/html" and html is None:
                html = part.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "headers": [[name, str(value)] for name, value in message.items()],
            "subject": str(message.get("Subject", "")),
            "content_type": message.get_content_type(),
            "text": text,
            "html": html,
            "attachments": attachments,
            "raw": raw.decode("utf-8", "replace"),
        }
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.json"
        # The half-written file must not match the readers' "*.json": written under another suffix, then renamed.
        temp = os.path.join(self.directory, "." + name + ".part")
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(record, handle)
        os.replace(temp, os.path.join(self.directory, name))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--parent-pid", type=int, default=0)
    parser.add_argument("--discard", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port()
    capture = Capture(args.dir, args.discard)
    controller = Controller(capture, hostname="127.0.0.1", port=port, data_size_limit=50 * 1024 * 1024)
    controller.start()
    with open(os.path.join(args.dir, ".port"), "w") as handle:
        handle.write(str(port))
    os.replace(os.path.join(args.dir, ".port"), os.path.join(args.dir, "port"))
    print(f"SMTP capture listening on 127.0.0.1:{port}, writing to {args.dir}", flush=True)
    try:
        while True:
            time.sleep(0.5)
            if args.discard:
                with open(os.path.join(args.dir, ".count"), "w") as handle:
                    handle.write(str(capture.count))
                os.replace(os.path.join(args.dir, ".count"), os.path.join(args.dir, "count"))
            if args.parent_pid:
                try:
                    os.kill(args.parent_pid, 0)
                except ProcessLookupError:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
