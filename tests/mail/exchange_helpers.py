"""Helpers shared by the EWS, Graph and agreement tests (no fixtures here)."""

from __future__ import annotations

import ssl
import subprocess
from pathlib import Path

import messages
from fake_store import Store


def loaded_store(content=None) -> Store:
    store = Store()
    store.load(content if content is not None else messages.sample_mailbox())
    return store


def store_snapshot(store: Store) -> dict:
    """id -> (folder path, size, read flag) of every message."""
    with store.lock:
        return {m.id: (store.folder_path(m.folder_id), m.size, m.is_read) for m in store.messages.values()}


def ids_in(store: Store, path: str) -> list:
    folder = store.folder_for(path)
    return sorted((m.message_id or "(none)") for m in store.in_folder(folder.id))


def self_signed(tmp: Path) -> tuple[ssl.SSLContext, Path]:
    """A server TLS context with a fresh self-signed certificate for 127.0.0.1, and the PEM."""
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return ctx, cert


def inbox_name(name: str) -> str:
    """IMAP says INBOX, Exchange says Inbox: one name to compare findings."""
    return "Inbox" if name.upper() == "INBOX" else name


def findings(r: dict) -> dict:
    """What must agree between backends: every finding by folder, key and size (item ids,
    UIDs and dates are each server's own; attachment sizes are encoded over IMAP, decoded on
    Exchange, so attachments compare by message, name and type)."""
    f = inbox_name
    return {
        # copies as a set (which non-Inbox copy is kept depends on each server's own order)
        "duplicates": sorted((d["key"], d["size"], d["wasted"], tuple(sorted(f(c["folder"]) for c in d["copies"])),
                              f(d["copies"][0]["folder"]) == "Inbox") for d in r["duplicates"]),
        "large": sorted((f(m["folder"]), m["key"], m["size"], m["from"]) for m in r["large_messages"]),
        "attachments": sorted((f(a["folder"]), a["key"], a["filename"], a["mime"], a["message_size"])
                              for a in r["attachments"]),
        "old": sorted((f(m["folder"]), m["key"], m["size"]) for m in r["old"]),
        "senders": sorted((s["key"], s["kind"], s["messages"], s["bytes"], tuple(f(x) for x in s["folders"]))
                          for s in r["senders"]),
        "folders": sorted((f(x["name"]), x["messages"], x["bytes"]) for x in r["folders"] if x["messages"]),
        "totals": (r["stats"]["messages"], r["stats"]["bytes"], r["stats"]["wasted"]),
    }
