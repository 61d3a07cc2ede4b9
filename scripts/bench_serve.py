"""The serve benchmark's Python side (scripts/bench-serve runs it; not part of CI or the tests).

  run MAILCONN READY_JSON MAILBOXES MESSAGES RATE CERT KEY WORK_DIR

Starts `mailconn --json serve --all` (HTTPS on a free port with CERT/KEY, schedules of an
hour, so only change notifications bring mail in time) against the emulator READY_JSON
describes, waits for every profile's first run, subscribes every profile's folder against
the worker, then delivers MAILBOXES x MESSAGES messages round robin through the emulator's
admin API at RATE messages per second. A message's delivery time is when the admin API
answered 201 (it is in the mailbox then; Graph's notification goes out from there); its
ticket time is when the worker printed its `imported` event (read as it comes, stamped on
arrival). Prints one JSON line: the delivery-to-ticket latencies (p50, p90, p99, max,
seconds), how many import runs it took, the worker's 429s and Graph requests from its
/metrics, and its exit code after SIGTERM. Needs only the standard library.
"""

import json
import os
import queue
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_fleet import mailbox  # noqa: E402


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def post_json(url, body, context):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, context=context) as r:
        return r.status


def mime(to, subject, n):
    return (
        f"From: Pat Customer <pat{n % 97}@example.com>\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Message-ID: <bench-{n}@example.com>\r\nContent-Type: text/plain\r\n\r\n"
        f"Hello, ticket please ({subject}).\r\n"
    )


def run(mailconn, ready_path, mailboxes, messages, rate, cert, key, work):
    with open(ready_path) as f:
        ready = json.loads(f.readline())
    emulator_tls = ssl.create_default_context(cafile=ready["ca_file"])
    worker_tls = ssl.create_default_context(cafile=cert)
    log = open(os.path.join(work, "serve.log"), "w")
    env = dict(os.environ, MAILCONN_LOG="mailconn=warn")
    worker = subprocess.Popen(
        [mailconn, "--no-input", "--json", "serve", "--all", "--backlog", "all",
         "--poll-interval", "1h", "--listen", "127.0.0.1:0", "--tls-cert", cert,
         "--tls-key", key, "--max-connections", str(mailboxes * 4)],
        stdout=subprocess.PIPE, stderr=log, env=env, text=True,
    )
    events = queue.Queue()
    imported_at = {}
    finished = {}

    def read():
        for line in worker.stdout:
            now = time.time()
            event = json.loads(line)
            if event.get("event") == "message" and event.get("outcome") == "imported":
                imported_at[event["subject"]] = now
            elif event.get("event") == "finished":
                finished[event["profile"]] = finished.get(event["profile"], 0) + 1
            events.put(event)

    threading.Thread(target=read, daemon=True).start()

    def wait(what, done, seconds=120):
        deadline = time.time() + seconds
        while not done():
            if time.time() > deadline or worker.poll() is not None:
                worker.kill()
                sys.exit(f"no {what} within {seconds} s; see {log.name}")
            time.sleep(0.05)

    first = events.get(timeout=60)
    if first.get("event") != "ready":
        sys.exit(f"no ready line: {first}")
    url = first["url"]
    wait("first run of every profile", lambda: len(finished) == mailboxes)

    for i in range(mailboxes):
        subprocess.run(
            [mailconn, "--no-input", "-q", "-p", f"desk{i:04d}", "subscription", "create",
             "--notification-url", f"{url}/notify"],
            check=True, stdout=subprocess.DEVNULL,
        )

    total = mailboxes * messages
    delivered_at = {}
    deliver = ready["admin_endpoint"] + "/mailboxes/{}/messages"
    started = time.time()
    for n in range(total):
        to = mailbox(n % mailboxes)
        subject = f"bench {n:05d}"
        status = post_json(
            deliver.format(to), {"folder": "Inbox/Support", "mime": mime(to, subject, n)},
            emulator_tls,
        )
        assert status == 201, status
        delivered_at[subject] = time.time()
        pause = started + (n + 1) / rate - time.time()
        if pause > 0:
            time.sleep(pause)
    wait("ticket for every message", lambda: len(delivered_at.keys() & imported_at.keys()) == total)

    with urllib.request.urlopen(url + "/metrics", context=worker_tls) as r:
        page = r.read().decode()

    def metric(name):
        return sum(
            float(line.rsplit(" ", 1)[1])
            for line in page.splitlines()
            if line.startswith(name + "{") or line.startswith(name + " ")
        )

    worker.send_signal(signal.SIGTERM)
    code = worker.wait(timeout=60)
    latencies = [imported_at[s] - delivered_at[s] for s in delivered_at]
    print(json.dumps({
        "messages": total,
        "mailboxes": mailboxes,
        "rate_per_s": rate,
        "delivery_seconds": round(delivered_at[max(delivered_at)] - started, 2),
        "p50": round(percentile(latencies, 50), 3),
        "p90": round(percentile(latencies, 90), 3),
        "p99": round(percentile(latencies, 99), 3),
        "max": round(max(latencies), 3),
        "runs": int(metric("mailconn_import_runs_total")) - mailboxes,
        "notifications": int(metric("mailconn_notifications_total")),
        "graph_requests": int(metric("mailconn_graph_requests_total")),
        "status_429": int(metric("mailconn_graph_throttled_total")),
        "exit_code": code,
    }))


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "run":
        run(args[0], args[1], int(args[2]), int(args[3]), float(args[4]), args[5], args[6], args[7])
    else:
        sys.exit(f"unknown subcommand {command}")


if __name__ == "__main__":
    main()
