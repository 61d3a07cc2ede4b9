"""Microsoft's own client libraries against mailconn's emulator, over TLS.

If MSAL and the Graph SDK accept the emulator, it behaves like the real service at least as
far as they look; if they do not, the emulator (and every test built on it) is wrong. Run by
scripts/msal-interop, which installs the libraries into a throwaway venv.

Usage: python msal_interop.py PATH_TO_MAILCONN_BINARY
Prints one line per check and "N passed, M failed"; exits 1 on any failure.
"""

import asyncio
import hashlib
import json
import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.request

GRAPH_DEFAULT = "https://graph.microsoft.com/.default"
DELEGATED = ["User.Read", "Mail.ReadWrite"]

results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    """Records one check; a failure says what was seen."""
    if condition:
        results["passed"] += 1
        print(f"ok      {name}")
    else:
        results["failed"] += 1
        print(f"FAILED  {name}: {detail}")
    return condition


class Emulator:
    """`mailconn emulator serve --tls --json` as a child process."""

    def __init__(self, binary):
        self.process = subprocess.Popen(
            [binary, "emulator", "serve", "--tls", "--json"],
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        if not line:
            sys.exit("the emulator printed no ready line")
        self.ready = json.loads(line)
        self.tls = ssl.create_default_context(cafile=self.ready["ca_file"])
        # requests (under MSAL) lets these variables override any `verify=` argument, and
        # machines often set them to the system bundle: point them at the emulator's CA.
        for var in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
            os.environ[var] = self.ready["ca_file"]

    def demo(self, key):
        return self.ready["demo"][key]

    @property
    def authority(self):
        return f"{self.ready['authority_host']}/{self.ready['tenant_id']}"

    def admin(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.ready["admin_endpoint"] + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, context=self.tls) as response:
            text = response.read().decode()
            return json.loads(text) if text else None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def confidential(msal, emulator, credential):
    return msal.ConfidentialClientApplication(
        emulator.demo("client_id"),
        client_credential=credential,
        authority=emulator.authority,
        instance_discovery=False,
    )


def check_client_credentials(msal, emulator):
    app = confidential(msal, emulator, emulator.demo("client_secret"))
    result = app.acquire_token_for_client(scopes=[GRAPH_DEFAULT])
    check("msal: client secret", "access_token" in result, result)

    # A scope naming the emulator's own address instead of Graph's App ID URI is what Entra
    # refuses with AADSTS500011; MSAL must see Entra's error shape.
    own_scope = emulator.ready["authority_host"] + "/.default"
    result = app.acquire_token_for_client(scopes=[own_scope])
    check(
        "msal: a scope for the endpoint's host is AADSTS500011",
        result.get("error") == "invalid_resource" and 500011 in result.get("error_codes", []),
        result,
    )

    wrong = confidential(msal, emulator, "not-the-secret")
    result = wrong.acquire_token_for_client(scopes=[GRAPH_DEFAULT])
    check(
        "msal: a wrong secret is AADSTS7000215",
        7000215 in result.get("error_codes", []),
        result,
    )

    with open(emulator.demo("private_key_path")) as f:
        key = f.read()
    with open(emulator.demo("certificate_path")) as f:
        cert = f.read()
    sha1 = hashlib.sha1(ssl.PEM_cert_to_DER_cert(cert)).hexdigest()
    # With a SHA-1 thumbprint MSAL signs RS256 with x5t; with the certificate, PS256 with x5t#S256.
    for name, credential in [
        ("RS256 + x5t", {"private_key": key, "thumbprint": sha1}),
        ("PS256 + x5t#S256", {"private_key": key, "public_certificate": cert}),
    ]:
        result = confidential(msal, emulator, credential).acquire_token_for_client(
            scopes=[GRAPH_DEFAULT]
        )
        check(f"msal: certificate, {name}", "access_token" in result, result)
    return app


def check_delegated(msal, emulator):
    app = msal.PublicClientApplication(
        emulator.demo("public_client_id"),
        authority=emulator.authority,
        instance_discovery=False,
    )
    flow = app.initiate_device_flow(scopes=DELEGATED)
    if not check("msal: device code requested", "user_code" in flow, flow):
        return

    # A person approves the code on another device while MSAL polls.
    def approve():
        time.sleep(0.5)
        emulator.admin(
            "POST",
            f"/devicecodes/{flow['user_code']}/approve",
            {"user": emulator.demo("licensed_user")},
        )

    threading.Thread(target=approve).start()
    result = app.acquire_token_by_device_flow(flow)
    if not check(
        "msal: device code approved through the admin API",
        "access_token" in result and "refresh_token" in result,
        result,
    ):
        return
    check(
        "msal: the id token names the user",
        result.get("id_token_claims", {}).get("preferred_username")
        == emulator.demo("licensed_user"),
        result.get("id_token_claims"),
    )

    first = result["refresh_token"]
    refreshed = app.acquire_token_by_refresh_token(first, scopes=DELEGATED)
    check("msal: refresh token redeemed", "access_token" in refreshed, refreshed)
    check(
        "msal: the refresh token rotated",
        refreshed.get("refresh_token") not in (None, first),
        refreshed.keys(),
    )


class MsalCredential:
    """An azure-core async token credential backed by an MSAL app: what an admin would wire
    up to use the Graph SDK with app-only permissions."""

    def __init__(self, app):
        self.app = app

    async def get_token(self, *scopes, **kwargs):
        from azure.core.credentials import AccessToken

        result = self.app.acquire_token_for_client(scopes=[GRAPH_DEFAULT])
        return AccessToken(result["access_token"], int(time.time()) + result["expires_in"])

    async def close(self):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, *args):
        pass


async def check_graph_sdk(emulator, app):
    import httpx
    from kiota_abstractions.base_request_configuration import RequestConfiguration
    from kiota_authentication_azure.azure_identity_authentication_provider import (
        AzureIdentityAuthenticationProvider,
    )
    from msgraph import GraphRequestAdapter, GraphServiceClient
    from msgraph.generated.users.item.mail_folders.item.child_folders.child_folders_request_builder import (
        ChildFoldersRequestBuilder,
    )
    from msgraph.generated.users.item.mail_folders.item.messages.item.move.move_post_request_body import (
        MovePostRequestBody,
    )
    from msgraph.generated.users.item.mail_folders.item.messages.messages_request_builder import (
        MessagesRequestBuilder,
    )
    from msgraph_core import GraphClientFactory

    mailbox = emulator.demo("shared_mailbox")
    subjects = [f"interop {n}" for n in range(5)]
    for subject in subjects:
        emulator.admin(
            "POST",
            f"/mailboxes/{mailbox}/messages",
            {
                "folder": "Inbox/Support",
                "mime": f"From: pat@example.com\r\nTo: {mailbox}\r\nSubject: {subject}\r\n\r\nHi\r\n",
            },
        )

    auth = AzureIdentityAuthenticationProvider(
        MsalCredential(app), allowed_hosts=["127.0.0.1"]
    )
    http = GraphClientFactory.create_with_default_middleware(
        client=httpx.AsyncClient(verify=emulator.tls)
    )
    adapter = GraphRequestAdapter(auth, client=http)
    adapter.base_url = emulator.ready["graph_endpoint"]
    client = GraphServiceClient(request_adapter=adapter)
    user = client.users.by_user_id(mailbox)

    folders = await user.mail_folders.by_mail_folder_id("inbox").child_folders.get(
        request_configuration=RequestConfiguration(
            query_parameters=ChildFoldersRequestBuilder.ChildFoldersRequestBuilderGetQueryParameters(
                filter="displayName eq 'Support'"
            )
        )
    )
    if not check(
        "msgraph-sdk: Inbox/Support found by displayName",
        folders and len(folders.value) == 1,
        folders,
    ):
        return
    messages = user.mail_folders.by_mail_folder_id(folders.value[0].id).messages

    page = await messages.get(
        request_configuration=RequestConfiguration(
            query_parameters=MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters(
                top=2, select=["id", "subject"]
            )
        )
    )
    seen, pages = list(page.value), 1
    while page.odata_next_link:
        page = await messages.with_url(page.odata_next_link).get()
        seen.extend(page.value)
        pages += 1
    check(
        "msgraph-sdk: the folder listed over @odata.nextLink pages",
        sorted(m.subject for m in seen) == subjects and pages == 3,
        f"{pages} pages, {[m.subject for m in seen]}",
    )

    old_id = seen[0].id
    moved = await messages.by_message_id(old_id).move.post(
        MovePostRequestBody(destination_id="deleteditems")
    )
    check(
        "msgraph-sdk: move returns the message with a new id",
        moved is not None and moved.id and moved.id != old_id,
        moved,
    )
    listing = emulator.admin("GET", f"/mailboxes/{mailbox}/messages")["messages"]
    check(
        "msgraph-sdk: the moved message is in Deleted Items",
        any(m["subject"] == seen[0].subject and m["folder"].lower() == "deleted items" for m in listing),
        [(m["subject"], m["folder"]) for m in listing],
    )


def main():
    import msal

    emulator = Emulator(sys.argv[1])
    try:
        app = check_client_credentials(msal, emulator)
        check_delegated(msal, emulator)
        asyncio.run(check_graph_sdk(emulator, app))
    finally:
        emulator.stop()
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
