"""The import benchmark's Python side (scripts/bench-import runs it; not part of CI or the tests).

Subcommands:

  seed DIR COUNT [--attach-every N]
      Writes COUNT typical help-desk messages (a few KB each: multipart/alternative text +
      HTML, an Outlook reply header with quoted history, a signature) as
      DIR/support@contoso.test/Inbox/Support/NNNNN.eml, the layout of the emulator's --seed.
      With --attach-every N, every Nth message carries a 1 MB PDF attachment.
      Needs only the standard library.

  import READY_JSON DB
      The same import mailconn does, written the best way an admin would with Microsoft's
      msgraph-sdk (+ azure-identity): client credentials against the emulator (started with
      --tls), list Inbox/Support over @odata.nextLink pages ($top=100, $select), and for each
      message GET its MIME ($value), write a ticket row into a SQLite file, then POST move
      to Inbox/Done (created if missing). The listing comes first (its nextLinks page by
      $skip, so moving while paging would skip messages); then at most 4 requests in flight
      (an asyncio semaphore).
      Prints one JSON line: {"messages", "moved", "seconds" (from the first request to the
      last answer, imports excluded), "startup_seconds" (interpreter + imports)}.

  journal READY_JSON LATENCY_MS
      Reads the emulator's journal (admin API) and prints one JSON line: requests by kind,
      429s and other failures, the highest mailbox_concurrency_at_arrival, the lower bound
      the limits imply, and how long 0, 1, 2, 3 and 4 requests were in flight.

  report RESULTS_JSONL
      Prints the figures of scripts/bench-import's runs as a table.
      Both need only the standard library.
"""

import asyncio
import json
import os
import sys
import time

STARTED = time.monotonic()

MAILBOX = "support@contoso.test"
CONCURRENCY = 4  # Outlook's limit per app and mailbox


# --------------------------------------------------------------------------------------
# seed


PROBLEMS = [
    ("Printer on floor {f} is jammed again", "the printer on floor {f} jams on every page and shows error E{n}"),
    ("Cannot log in to VPN", "since this morning the VPN client says my password is wrong (error 8{n})"),
    ("Outlook keeps asking for my password", "Outlook asks for my password every few minutes since the update"),
    ("New laptop for {name}", "{name} starts on Monday in Accounting and needs a laptop and an account"),
    ("Invoice {n} not received", "the supplier says invoice {n} was sent last week but nobody has it"),
    ("Teams meeting room {f}.{n} has no sound", "the speakers in room {f}.{n} stay silent in every meeting"),
    ("Shared drive full", "the department share is full and nobody can save files any more"),
    ("Password reset for {name}", "{name} is locked out after too many attempts, please reset"),
]
NAMES = ["Dana Lee", "Sam Ortiz", "Kim Novak", "Ari Cohen", "Lou Martin", "Mia Chen", "Raj Patel"]


def message(i, attachment=None):
    """One help-desk mail of about 3-4 KB (or 1 MB more with `attachment`)."""
    name = NAMES[i % len(NAMES)]
    user = name.split()[0].lower() + str(i % 300)
    subject, problem = PROBLEMS[i % len(PROBLEMS)]
    fmt = {"f": i % 7, "n": i, "name": name}
    subject, problem = subject.format(**fmt), problem.format(**fmt)
    if i % 5 == 4:
        subject = "RE: " + subject  # a reply to our earlier answer, quoting it
    quoted = "> Have you tried turning it off and on again? Please send a photo of the screen.\r\n" * 10
    text = (
        f"Hello,\r\n\r\n{problem}. We need this fixed today, the whole team is waiting.\r\n"
        f"Could someone please have a look?\r\n\r\nThanks,\r\n{name}\r\n"
        f"-- \r\n{name} | Accounting | +1 555 01{i % 100:02d}\r\n\r\n"
        f"From: Support <{MAILBOX}>\r\nSent: Monday, November 2, 2026 9:00 AM\r\n"
        f"To: {name} <{user}@example.com>\r\nSubject: {subject}\r\n\r\n{quoted}"
    )
    html = (
        f"<html><head><meta charset=\"utf-8\"></head><body><p>Hello,</p><p>{problem}. We need this "
        f"fixed today, the whole team is waiting.</p><p>Could someone please have a look?</p>"
        f"<p>Thanks,<br>{name}</p><div class=\"signature\">{name} | Accounting</div><hr>"
        f"<div id=\"divRplyFwdMsg\"><b>From:</b> Support &lt;{MAILBOX}&gt;<br><b>Sent:</b> Monday, "
        f"November 2, 2026 9:00 AM</div><blockquote>{quoted.replace(chr(13) + chr(10), '<br>')}"
        f"</blockquote></body></html>\r\n"
    )
    b = f"b{i:05d}"
    alternative = (
        f"--{b}alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
        f"--{b}alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--{b}alt--\r\n"
    )
    headers = (
        f"From: {name} <{user}@example.com>\r\nTo: Support <{MAILBOX}>\r\nSubject: {subject}\r\n"
        f"Message-ID: <bench{i}.{user}@example.com>\r\n"
        f"Date: Tue, 3 Nov 2026 {8 + i % 10:02d}:{i % 60:02d}:00 +0000\r\nMIME-Version: 1.0\r\n"
    )
    if attachment is None:
        body = f"Content-Type: multipart/alternative; boundary=\"{b}alt\"\r\n\r\n{alternative}"
    else:
        body = (
            f"Content-Type: multipart/mixed; boundary=\"{b}mix\"\r\n\r\n"
            f"--{b}mix\r\nContent-Type: multipart/alternative; boundary=\"{b}alt\"\r\n\r\n{alternative}\r\n"
            f"--{b}mix\r\nContent-Type: application/pdf; name=\"scan{i}.pdf\"\r\n"
            f"Content-Disposition: attachment; filename=\"scan{i}.pdf\"\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{attachment}\r\n--{b}mix--\r\n"
        )
    return (headers + body).encode()


def seed(directory, count, attach_every=0):
    import base64

    folder = os.path.join(directory, MAILBOX, "Inbox", "Support")
    os.makedirs(folder, exist_ok=True)
    attachment = None
    if attach_every:
        # 1 MB of incompressible bytes, base64 in 76-character lines as mail clients write it.
        raw = base64.b64encode(os.urandom(1024 * 1024)).decode()
        attachment = "\r\n".join(raw[k : k + 76] for k in range(0, len(raw), 76))
    total = 0
    for i in range(count):
        with_attachment = attach_every and i % attach_every == attach_every - 1
        data = message(i, attachment if with_attachment else None)
        total += len(data)
        with open(os.path.join(folder, f"{i:05d}.eml"), "wb") as f:
            f.write(data)
    print(f"{count} messages, {total / 1e6:.1f} MB, in {folder}", file=sys.stderr)


# --------------------------------------------------------------------------------------
# import with msgraph-sdk


def ticket_store(path):
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, graph_id TEXT UNIQUE,"
        " message_id TEXT, sender TEXT, subject TEXT, received TEXT, body TEXT, size INTEGER)"
    )
    return db


def ticket_row(graph_id, listed, mime):
    """What a simple help-desk table wants from a message: headers and the plain text."""
    import email
    from email import policy

    parsed = email.message_from_bytes(mime, policy=policy.default)
    part = parsed.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    sender = listed.from_.email_address.address if listed.from_ else str(parsed["From"])
    return (
        graph_id,
        str(parsed["Message-ID"] or ""),
        sender,
        listed.subject or "",
        listed.received_date_time.isoformat() if listed.received_date_time else "",
        body,
        len(mime),
    )


async def import_folder(ready, db_path):
    import httpx
    from azure.identity.aio import ClientSecretCredential
    from kiota_abstractions.base_request_configuration import RequestConfiguration
    from kiota_authentication_azure.azure_identity_authentication_provider import (
        AzureIdentityAuthenticationProvider,
    )
    from msgraph import GraphRequestAdapter, GraphServiceClient
    from msgraph.generated.models.mail_folder import MailFolder
    from msgraph.generated.users.item.mail_folders.item.child_folders.child_folders_request_builder import (
        ChildFoldersRequestBuilder,
    )
    from msgraph.generated.users.item.mail_folders.item.messages.messages_request_builder import (
        MessagesRequestBuilder,
    )
    from msgraph.generated.users.item.messages.item.move.move_post_request_body import (
        MovePostRequestBody,
    )
    from msgraph_core import GraphClientFactory

    startup = time.monotonic() - STARTED
    began = time.monotonic()
    ca_file = ready["ca_file"]
    demo = ready["demo"]
    credential = ClientSecretCredential(
        ready["tenant_id"],
        demo["client_id"],
        demo["client_secret"],
        authority=ready["authority_host"],
        disable_instance_discovery=True,
        connection_verify=ca_file,
    )
    # Against graph.microsoft.com the SDK derives this scope from the host; here it must be said.
    auth = AzureIdentityAuthenticationProvider(
        credential, scopes=["https://graph.microsoft.com/.default"], allowed_hosts=["127.0.0.1"]
    )
    http = GraphClientFactory.create_with_default_middleware(
        client=httpx.AsyncClient(verify=ca_file, timeout=60, limits=httpx.Limits(max_connections=CONCURRENCY))
    )
    adapter = GraphRequestAdapter(auth, client=http)
    adapter.base_url = ready["graph_endpoint"]
    user = GraphServiceClient(request_adapter=adapter).users.by_user_id(MAILBOX)
    slots = asyncio.Semaphore(CONCURRENCY)
    db = ticket_store(db_path)

    async def child_folder(parent, name, create):
        async with slots:
            found = await user.mail_folders.by_mail_folder_id(parent).child_folders.get(
                request_configuration=RequestConfiguration(
                    query_parameters=ChildFoldersRequestBuilder.ChildFoldersRequestBuilderGetQueryParameters(
                        filter=f"displayName eq '{name}'"
                    )
                )
            )
        if found.value:
            return found.value[0].id
        if not create:
            sys.exit(f"folder Inbox/{name} not found")
        async with slots:
            made = await user.mail_folders.by_mail_folder_id(parent).child_folders.post(
                MailFolder(display_name=name)
            )
        return made.id

    source = await child_folder("inbox", "Support", False)
    done = await child_folder("inbox", "Done", True)
    messages = user.mail_folders.by_mail_folder_id(source).messages
    counts = {"messages": 0, "moved": 0}

    async def handle(listed):
        async with slots:
            mime = await user.messages.by_message_id(listed.id).content.get()
        db.execute(
            "INSERT OR IGNORE INTO tickets (graph_id, message_id, sender, subject, received, body, size)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            ticket_row(listed.id, listed, mime),
        )
        db.commit()  # the ticket exists before the message leaves the folder
        async with slots:
            await user.messages.by_message_id(listed.id).move.post(MovePostRequestBody(destination_id=done))
        counts["moved"] += 1

    # The whole listing first: its @odata.nextLink pages by $skip, so moving messages out
    # while paging would skip as many others (on Graph as on the emulator).
    listed = []
    page = await messages.get(
        request_configuration=RequestConfiguration(
            query_parameters=MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters(
                top=100, select=["id", "subject", "from", "receivedDateTime"]
            )
        )
    )
    listed.extend(page.value)
    while page.odata_next_link:
        page = await messages.with_url(page.odata_next_link).get()
        listed.extend(page.value)
    counts["messages"] = len(listed)
    await asyncio.gather(*(handle(m) for m in listed))
    seconds = time.monotonic() - began
    db.close()
    await credential.close()
    print(json.dumps({**counts, "seconds": round(seconds, 3), "startup_seconds": round(startup, 3)}))


# --------------------------------------------------------------------------------------
# journal and report


def kind(entry):
    """What a journal entry was for, in the terms of the bound."""
    path, method = entry["path"], entry["method"]
    if path.endswith("/oauth2/v2.0/token"):
        return "token"
    if path.endswith("/$value"):
        return "fetch"
    if path.endswith("/move"):
        return "move"
    if path.endswith("/messages/delta") or (path.endswith("/messages") and method == "GET"):
        return "list"
    if "/mailFolders" in path:
        return "folder"
    return "other"


def read_journal(ready_path):
    """Every entry of the emulator's journal, from the admin endpoint in its ready line."""
    import ssl
    import urllib.request

    with open(ready_path) as f:
        ready = json.loads(f.readline())
    context = ssl.create_default_context(cafile=ready["ca_file"]) if ready["ca_file"] else None
    with urllib.request.urlopen(ready["admin_endpoint"] + "/journal", context=context) as r:
        return json.load(r)["entries"]


def journal_counts(entries):
    """Requests by kind, 429s, failures and the highest per-mailbox concurrency."""
    from collections import Counter

    kinds = Counter(kind(e) for e in entries)
    statuses = Counter(e["status"] for e in entries)
    return {
        "requests": dict(kinds),
        "total": len(entries),
        "first_seq": entries[0]["seq"] if entries else None,
        "status_429": statuses[429],
        "failed": sum(n for s, n in statuses.items() if s >= 400),
        "max_mailbox_concurrency": max(
            (e.get("mailbox_concurrency_at_arrival") or 0 for e in entries), default=0
        ),
    }


def journal(ready_path, latency_ms):
    import math
    from collections import Counter
    from datetime import datetime

    entries = read_journal(ready_path)
    kinds = Counter(kind(e) for e in entries)
    sequential = kinds["token"] + kinds["folder"] + kinds["list"]
    per_message = kinds["fetch"] + kinds["move"]
    bound_ms = (sequential + math.ceil(per_message / 4)) * latency_ms

    # Requests in flight over time, from each entry's start and duration: where slots idle.
    events = []
    for e in entries:
        start = datetime.fromisoformat(e["started"]).timestamp() * 1000
        events += [(start, 1), (start + e["duration_ms"], -1)]
    events.sort(key=lambda x: (x[0], -x[1]))  # an answer in 0 ms still counts as in flight
    levels = Counter()
    level, previous = 0, events[0][0] if events else 0
    for at, step in events:
        levels[min(level, 4)] += at - previous
        level, previous = level + step, at
    span_ms = (events[-1][0] - events[0][0]) if events else 0
    durations = {}
    for e in entries:
        durations.setdefault(kind(e), []).append(e["duration_ms"])
    print(
        json.dumps(
            {
                **journal_counts(entries),
                "sequential": sequential,
                "per_message": per_message,
                "bound_s": round(bound_ms / 1000, 3),
                "span_s": round(span_ms / 1000, 3),
                "in_flight_s": {str(k): round(v / 1000, 2) for k, v in sorted(levels.items())},
                "mean_ms": {k: round(sum(v) / len(v), 1) for k, v in durations.items()},
            }
        )
    )


def report(path):
    with open(path) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    mb = lambda kb: f"{kb / 1024:.1f}"
    print(
        f"\n{'run':<34} {'msgs':>6} {'wall s':>8} {'bound s':>8} {'wall/bound':>10} {'peak RSS MB':>11}"
        f" {'CPU s':>6} {'429s':>4} {'max conc':>8}  requests"
    )
    for r in runs:
        j = r["journal"]
        req = j["requests"]
        kinds = " ".join(f"{k}={req[k]}" for k in ("token", "folder", "list", "fetch", "move", "other") if req.get(k))
        ratio = f"{r['wall_s'] / j['bound_s']:.3f}" if r.get("latency_ms") else "-"
        bound = f"{j['bound_s']:.2f}" if r.get("latency_ms") else "-"
        print(
            f"{r['name']:<34} {r['messages']:>6} {r['wall_s']:>8.2f} {bound:>8} {ratio:>10}"
            f" {mb(r['rss_kb']):>11} {r['cpu_s']:>6.2f} {j['status_429']:>4} {j['max_mailbox_concurrency']:>8}  {kinds}"
        )
    for r in runs:
        j = r["journal"]
        print(f"\n{r['name']}:")
        if r.get("latency_ms"):
            print(
                f"  bound = (sequential {j['sequential']} [token + folder + list pages] +"
                f" ceil(per-message {j['per_message']} [fetch + move] / 4)) x {r['latency_ms']} ms"
                f" = {j['bound_s']:.2f} s"
            )
        idle = ", ".join(f"{k} in flight {v:.2f} s" for k, v in j["in_flight_s"].items())
        print(f"  journal span {j['span_s']:.2f} s: {idle}")
        print(f"  mean duration ms by kind: {j['mean_ms']}; failed responses: {j['failed']}")
        if j["first_seq"] and j["first_seq"] > 1:
            print(f"  (the journal keeps 20,000 entries: the first {j['first_seq'] - 1} are not counted)")
        if r.get("inner_s"):
            print(f"  in-script import time {r['inner_s']:.2f} s, interpreter + imports {r['startup_s']:.2f} s")
    by = {r["name"].split(" ")[0]: r for r in runs if r.get("latency_ms")}
    if "mailconn" in by and "msgraph-sdk" in by:
        m, p = by["mailconn"], by["msgraph-sdk"]
        print(
            f"\nside by side: msgraph-sdk / mailconn wall = {p['wall_s'] / m['wall_s']:.2f}x"
            f" (in-script only: {p['inner_s'] / m['wall_s']:.2f}x),"
            f" peak RSS = {p['rss_kb'] / m['rss_kb']:.1f}x"
        )


def main():
    args = sys.argv[1:]
    if len(args) >= 3 and args[0] == "seed":
        every = int(args[4]) if len(args) == 5 and args[3] == "--attach-every" else 0
        seed(args[1], int(args[2]), every)
    elif len(args) == 3 and args[0] == "import":
        with open(args[1]) as f:
            ready = json.loads(f.readline())
        # requests/aiohttp read these before any `verify=` argument; machines set them to the
        # system bundle. Point them at the emulator's CA (see scripts/msal_interop.py).
        for var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
            os.environ[var] = ready["ca_file"]
        asyncio.run(import_folder(ready, args[2]))
    elif len(args) == 3 and args[0] == "journal":
        journal(args[1], int(args[2]))
    elif len(args) == 2 and args[0] == "report":
        report(args[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
