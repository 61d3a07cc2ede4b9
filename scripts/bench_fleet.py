"""The fleet benchmark's Python side (scripts/bench-fleet runs it; not part of CI or the tests).

Subcommands (standard library only):

  setup DIR MAILBOXES MESSAGES
      Writes DIR/tenant.toml (one app, MAILBOXES shared mailboxes desk0001@contoso.test …
      with Inbox/Support, Exchange's default limits, a journal that keeps every request),
      DIR/seed/<mailbox>/Inbox/Support/NNNNN.eml (MESSAGES typical help-desk messages each)
      and prints the app's client id and secret as JSON.

  profiles DIR READY_JSON MAILBOXES [IMPORT_TOML]
      Writes DIR/config.toml with one profile per mailbox, all on the emulator's endpoints,
      each with IMPORT_TOML (e.g. a store_url) as its [import] table.

  analyse READY_JSON LATENCY_MS IMPORT_OUTPUT
      Reads the emulator's journal and mailconn's `import --all --json` output and prints
      one JSON line: requests by kind, 429s, the highest per-mailbox concurrency, the
      per-mailbox bound Exchange's limits imply (its slowest mailbox), and how many
      mailboxes imported how many messages.
"""

import json
import math
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_msgraph import journal_counts, kind, message, read_journal  # noqa: E402

CLIENT_ID = "9d1f6c2e-4a7b-4c3d-8e5f-1a2b3c4d5e02"
SECRET = "Flt8Q~emulator.fleet-secret_value00000000000"
TENANT_ID = "3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e02"
CONCURRENCY = 4  # Outlook's limit per app and mailbox


def mailbox(i):
    return f"desk{i:04d}@contoso.test"


def setup(directory, mailboxes, messages):
    users = "\n".join(
        f'[[users]]\nupn = "{mailbox(i)}"\nkind = "shared"\nfolders = ["Inbox/Support"]\n'
        for i in range(mailboxes)
    )
    with open(os.path.join(directory, "tenant.toml"), "w") as f:
        f.write(
            f'tenant_id = "{TENANT_ID}"\ndomain = "contoso.test"\n\n'
            # Exchange's own limits stay; only the journal keeps more than its default.
            f"[settings]\njournal_capacity = {mailboxes * messages * 3 + 10_000}\n\n"
            f'[[apps]]\nclient_id = "{CLIENT_ID}"\nname = "Help desk mail connector"\n'
            f'secrets = [{{ value = "{SECRET}" }}]\nroles = ["Mail.ReadWrite", "User.Read.All"]\n\n'
            f"{users}"
        )
    for i in range(mailboxes):
        folder = os.path.join(directory, "seed", mailbox(i), "Inbox", "Support")
        os.makedirs(folder, exist_ok=True)
        for n in range(messages):
            with open(os.path.join(folder, f"{n:05d}.eml"), "wb") as f:
                f.write(message(i * messages + n))
    print(json.dumps({"client_id": CLIENT_ID, "secret": SECRET}))


def profiles(directory, ready_path, mailboxes, import_toml=""):
    with open(ready_path) as f:
        ready = json.loads(f.readline())
    with open(os.path.join(directory, "config.toml"), "w") as f:
        for i in range(mailboxes):
            f.write(
                f'[profiles.desk{i:04d}]\nauthority_host = "{ready["authority_host"]}"\n'
                f'graph_endpoint = "{ready["graph_endpoint"]}"\ntenant = "{ready["tenant_id"]}"\n'
                f'client_id = "{CLIENT_ID}"\nmailbox = "{mailbox(i)}"\nfolder = "Inbox/Support"\n'
                + (f"[profiles.desk{i:04d}.import]\n{import_toml}\n" if import_toml else "")
                + "\n"
            )
    os.chmod(os.path.join(directory, "config.toml"), 0o600)


def analyse(ready_path, latency_ms, output_path):
    entries = read_journal(ready_path)
    kinds = Counter(kind(e) for e in entries)
    # The bound of one mailbox: its sequential requests, then its per-message requests 4 at a
    # time; side by side, the run can be no faster than its slowest mailbox.
    per_mailbox = defaultdict(Counter)
    for e in entries:
        if e.get("mailbox"):
            per_mailbox[e["mailbox"]][kind(e)] += 1
    bounds = [
        (c["folder"] + c["list"] + math.ceil((c["fetch"] + c["move"]) / CONCURRENCY))
        * latency_ms
        for c in per_mailbox.values()
    ]
    token_ms = latency_ms if kinds["token"] else 0
    with open(output_path) as f:
        last = json.loads(f.read().strip().splitlines()[-1])
    imported = Counter(
        (row.get("summary") or {}).get("imported", 0) for row in last["mailboxes"]
    )
    print(
        json.dumps(
            {
                **journal_counts(entries),
                "mailboxes_seen": len(per_mailbox),
                "bound_ms": token_ms + max(bounds, default=0),
                "imported_per_mailbox": {str(k): v for k, v in imported.items()},
                "exit_codes": dict(Counter(str(r["exit_code"]) for r in last["mailboxes"])),
            }
        )
    )


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "setup":
        setup(args[0], int(args[1]), int(args[2]))
    elif command == "profiles":
        profiles(args[0], args[1], int(args[2]), *args[3:4])
    elif command == "analyse":
        analyse(args[0], int(args[1]), args[2])
    else:
        sys.exit(f"unknown subcommand {command}")


if __name__ == "__main__":
    main()
