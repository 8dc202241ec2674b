"""Helpers for the impact/sheet tests: journal lines in the documented format, and sheets."""

import json
import uuid
from datetime import datetime, timedelta, timezone

from cleanup_desktop.core.bilan import compute_bilan
from cleanup_desktop.core.impact.classify import Classifier, SyncFolder
from cleanup_desktop.core.sheets import sheet_from_bilan

HOME = "/home/ann.martin"
ONEDRIVE = HOME + "/OneDrive - Contoso"
ACCOUNT = {"kind": "imap", "host": "imap.contoso-mail.example", "port": 993,
           "user": "ann.martin@contoso.example", "security": "tls"}


def classifier():
    return Classifier(sync_folders=[SyncFolder("onedrive", ONEDRIVE)], network=[], windows=False)


class JournalWriter:
    """Writes runs as the safe-cleanup and mail engines do (one JSON object per line)."""

    def __init__(self, path=None):
        self.path = path
        self.records = []
        self.seq = {}
        self.clock = 0

    def rec(self, run, event, **fields):
        self.clock += 1
        seq = self.seq.get(run, 0)
        self.seq[run] = seq + 1
        t = datetime(2026, 11, 25, 10, tzinfo=timezone.utc) + timedelta(seconds=self.clock)
        r = {"v": 1, "run": run, "seq": seq, "time": t.isoformat(),
             "event": event, **fields}
        self.records.append(r)
        if self.path is not None:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(r) + "\n")
        return r

    def start(self, dry_run=False, permanent=False, source="disk", disk_usage=None):
        run = str(uuid.uuid4())
        self.rec(run, "run-start", plan_id=str(uuid.uuid4()), dry_run=dry_run, permanent=permanent,
                 source=source, **({"disk_usage": disk_usage} if disk_usage else {}))
        return run

    def file(self, run, path, allocated, op="trash", category="duplicates", freed=None):
        aid = "f-" + uuid.uuid4().hex[:12]
        action = {"id": aid, "op": op, "category": category, "group": None, "path": path, "root": HOME,
                  "size": allocated - 100, "allocated": allocated, "mtime_ns": 1, "dev": 1, "ino": 2,
                  "digest": None, "keep": None, "rule": None, "safety": None}
        self.rec(run, "intent", action=action)
        if op == "trash":
            self.rec(run, "done", action_id=aid, result={"op": "trash", "trash_path": HOME + "/.local/share/Trash/files/x",
                                                          "freed": 0, "trashed": allocated})
        else:
            self.rec(run, "done", action_id=aid, result={"op": "delete", "freed": allocated if freed is None else freed,
                                                          "trashed": 0})
        return aid

    def mail(self, run, subject_key, size, op="mail-delete", account=ACCOUNT, folder="INBOX/Clients"):
        aid = "m-" + uuid.uuid4().hex[:12]
        action = {"id": aid, "op": op, "category": "mail-large", "group": None, "account": account,
                  "folder": folder, "uid": 17, "uidvalidity": 3, "size": size, "key": subject_key, "keep": None}
        self.rec(run, "intent", action=action)
        trashed = op == "mail-trash"
        self.rec(run, "done", action_id=aid, result={"op": op, "freed": 0 if trashed else size,
                                                      "trashed": size if trashed else 0})
        return aid

    def end(self, run, disk_usage=None):
        self.rec(run, "run-end", totals={}, **({"disk_usage": disk_usage} if disk_usage else {}))


SENSITIVE = [
    "Salaire", "Bulletin de paie", "ann.martin", "contoso", "Contrat confidentiel", "Clients",
    "OneDrive", "Arrêt maladie", "imap.contoso-mail.example", "<CAF1234@mail.contoso.example>",
]


def sensitive_journal(path=None):
    """A journal with real-looking paths, subjects and addresses (what must never leak)."""
    j = JournalWriter(path)
    run = j.start(permanent=True)
    j.file(run, HOME + "/Documents/RH/Salaire 2025/Bulletin de paie janvier.pdf", 2_000_000_000, op="delete")
    j.file(run, ONEDRIVE + "/Santé/Arrêt maladie mars.pdf", 3_000_000_000, op="delete")
    j.mail(run, "<CAF1234@mail.contoso.example> Re: Contrat confidentiel", 500_000_000)
    trash_id = j.file(run, HOME + "/Bureau/Photos vacances Salaire.zip", 700_000_000)
    j.end(run)
    return j, trash_id


def make_sheet(team="Compta", participant="Ann", cloud=0, local=0, mails=0, mail_bytes=0,
               event_id="DCD-42", files=1, sheet_id=None, method=None):
    j = JournalWriter()
    run = j.start(permanent=True)
    if local:
        for _ in range(files):
            j.file(run, HOME + "/Documents/a.bin", local // files, op="delete")
    if cloud:
        j.file(run, ONEDRIVE + "/b.bin", cloud, op="delete")
    for _ in range(mails):
        j.mail(run, "k", mail_bytes // mails)
    j.end(run)
    bilan = compute_bilan(j.records, classifier=classifier(), method=method)
    return sheet_from_bilan(bilan, participant=participant, team=team, event_id=event_id, sheet_id=sheet_id)
