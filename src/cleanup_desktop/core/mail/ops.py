"""Mail operations of the run lifecycle: a planner for mail-scan/1 results, the
"mail-trash" / "mail-delete" executors, and undo / empty-trash of the messages a run moved to
a mailbox's Trash. core.mail.backend registers them (lazily: this module is imported on
first use).

Planner options (``build_plan(scan, ...)``): ``duplicates`` (all copies but the kept one,
chosen by core.mail.keep.KEEP_RULE; ``keep``: folder:NAME, newest, oldest; ``flagged``: also
\\Flagged messages),
``selected`` (a list of {"folder", "uid", "category"} the user ticked in the GUI: large
messages, attachments' messages, old mail, senders), ``op`` ("trash" or "delete").
Executors work per folder in batches of consecutive actions (see imap_clean.ImapCleaner).
"""

from __future__ import annotations

import hashlib
from typing import Callable, Optional

from cleanup_desktop.core.run.execute import ExecContext, Skip
from cleanup_desktop.core.mail import keep as mail_keep
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.messages import Reason
from cleanup_desktop.core.mail.clean.imap import ImapCleaner, Outcome, account_key, resolve_credentials, settings_from_account
from cleanup_desktop.core.mail.scan import SCHEMA
from cleanup_desktop.core.run.plan import PlanError
from cleanup_desktop.core.run.undo import TrashOutcome, items_in_trash

MAIL_OPS = {"trash": "mail-trash", "delete": "mail-delete"}
ACCOUNT_FIELDS = ("kind", "host", "port", "user", "security", "trust_fingerprint", "cafile",
                  "url", "email", "auth", "tenant", "client_id", "endpoint", "authority")  # ews/graph: ews.py, graph.py
KINDS = ("imap", "ews", "graph")  # account kinds with a cleaner (make_cleaner)
BATCH = 500

# The GUI may set this to ask the user for a password: resolver(account, action) -> Credentials
credential_resolver: Optional[Callable] = None


def _action_id(account: dict, folder: str, uid) -> str:
    h = hashlib.sha1(f"{account.get('user')}@{account.get('host')}:{account.get('port')}|{folder}|{uid}".encode())
    return "m-" + h.hexdigest()[:16]


def mail_planner(scan: dict, *, duplicates: bool = True, selected: Optional[list] = None, op: str = "trash",
                 keep=None, flagged: bool = False, **_ignored) -> list[dict]:
    """Actions for a mail scan under the keep rule of core.mail.keep (KEEP_RULE): groups with
    no live copy are left out, \\Flagged messages only with ``flagged=True``, folders the scan
    found without delete rights or that are virtual never get an action."""
    if op not in MAIL_OPS:
        raise PlanError(f"unknown mail operation {op!r} (trash or delete)")
    try:
        rule = mail_keep.parse_keep(keep)
    except mail_keep.MailKeepError as exc:
        raise PlanError(str(exc)) from None
    conn = scan.get("connection") or {}
    account = {k: conn[k] for k in ACCOUNT_FIELDS if conn.get(k) is not None}
    if not account.get("host") or not account.get("user"):
        raise PlanError("this mail scan does not say which account it came from")
    # Which secret to use is never written in the plan (`clean` chooses it): only the OAuth
    # provider settings, which name no secret.
    credential = {k: conn[k] for k in ("oauth",) if conn.get(k)}
    roles = mail_keep.roles_of_scan(scan)
    cleanable = {f["name"]: f.get("cleanable", True) is not False for f in scan.get("folders", [])}
    actions: list[dict] = []
    planned: set = set()

    def add(category: str, item: dict, group: Optional[str], keep_copy: Optional[dict]) -> None:
        ident = (item["folder"], item["uid"])
        if ident in planned:
            return
        planned.add(ident)
        a = {"id": _action_id(account, item["folder"], item["uid"]), "op": MAIL_OPS[op], "category": category,
             "group": group, "account": dict(account), "folder": item["folder"], "uid": item["uid"],
             "uidvalidity": item.get("uidvalidity"), "size": int(item["size"]), "key": item.get("key"),
             "keep": keep_copy, "credential": credential}
        for extra in ("digest", "labels"):
            if item.get(extra):
                a[extra] = item[extra]
        if rule and keep_copy:
            a["rule"] = list(rule)
        actions.append(a)

    def may_go(item: dict) -> bool:
        if mail_keep.is_flagged(item) and not flagged:
            return False
        if roles.get(item["folder"]) in (None, "virtual") or not cleanable.get(item["folder"], False):
            return False
        return not (op == "trash" and roles.get(item["folder"]) == "trash")

    chosen = {(s["folder"], s["uid"]): s.get("category", "mail-large") for s in (selected or [])}
    index: dict[tuple, dict] = {}
    for key in ("large_messages", "old", "attachments"):
        for item in scan.get(key, []):
            index.setdefault((item["folder"], item["uid"]), item)
    for s in scan.get("senders", []):
        for item in s.get("items", []):
            index.setdefault((item["folder"], item["uid"]), item)
    for d in scan.get("duplicates", []):
        for c in d["copies"]:
            index.setdefault((c["folder"], c["uid"]), dict(c, size=d["size"], key=d["key"]))
    group_copies: set[tuple] = set()
    for d in scan.get("duplicates", []):
        copies = d["copies"]
        group_copies.update((c["folder"], c["uid"]) for c in copies)
        keeper = mail_keep.choose_keeper(copies, roles, rule, avoid=chosen)
        if keeper is None:  # no live copy: nothing of this group is planned, not even if ticked
            for c in copies:
                chosen.pop((c["folder"], c["uid"]), None)
            continue
        chosen.pop((keeper["folder"], keeper["uid"]), None)
        group_id = "mg-" + hashlib.sha1(f"{d['key']}|{d['size']}".encode()).hexdigest()[:12]
        keep_ref = {"folder": keeper["folder"], "uid": keeper["uid"]}
        if keeper.get("digest"):
            keep_ref["digest"] = keeper["digest"]
        for c in copies:
            ident = (c["folder"], c["uid"])
            wanted = duplicates or ident in chosen
            chosen.pop(ident, None)
            item = dict(c, size=d["size"], key=d["key"])
            if c is keeper or not wanted or not may_go(item):
                continue
            add("mail-duplicates", item, group_id, keep_ref)
    for ident, category in chosen.items():
        item = index.get(ident)
        if item is None:
            raise PlanError(f"message {ident[0]}#{ident[1]} is not in this scan")
        if may_go(item):
            add(category, item, None, None)
    # batches: consecutive actions of one folder
    actions.sort(key=lambda a: (a["folder"], a["uid"] if isinstance(a["uid"], int) else 0))
    return actions


def _batch_for(action: dict, ctx: ExecContext) -> list[dict]:
    acts = ctx.plan["actions"]
    pos = ctx.state.setdefault("mail-pos", {a["id"]: i for i, a in enumerate(acts)})
    i = pos[action["id"]]
    batch = [action]
    for a in acts[i + 1:]:
        if len(batch) >= BATCH or a.get("op") != action["op"] or a.get("folder") != action["folder"] \
                or account_key(a.get("account") or {}) != account_key(action["account"]):
            break
        batch.append(a)
    return batch


def make_cleaner(account: dict, action: dict, resolver: Optional[Callable] = None):
    """The cleaner for an account's kind (IMAP, EWS, Graph): run_batch, empty_from_trash, close."""
    kind = account.get("kind", "imap")
    if kind == "ews":
        from cleanup_desktop.core.mail.clean import ews

        return ews.make_cleaner(account, action, resolver)
    if kind == "graph":
        from cleanup_desktop.core.mail.clean import graph

        return graph.make_cleaner(account, action, resolver)
    return ImapCleaner(settings_from_account(account), (resolver or resolve_credentials)(account, action))


def _cleaner(action: dict, ctx: ExecContext):
    cleaners = ctx.state.setdefault("mail-cleaners", {})
    key = account_key(action["account"])
    if key not in cleaners:
        # The caller's account (core.run.guard checked it is the plan's server and user) gives
        # the connection settings; a plan never chooses where a secret comes from.
        account = ctx.state.get("mail-account") or action["account"]
        safe = dict(action, credential={k: v for k, v in (action.get("credential") or {}).items() if k == "oauth"})
        cleaners[key] = make_cleaner(account, safe, ctx.state.get("mail-credentials") or credential_resolver)
    return cleaners[key]


def _close_if_last(last: dict, ctx: ExecContext) -> None:
    """Log out of an account once no later action of the plan needs it (the GUI runs many plans)."""
    acts = ctx.plan["actions"]
    i = ctx.state["mail-pos"][last["id"]]
    key = account_key(last["account"])
    if any(account_key(a.get("account") or {}) == key for a in acts[i + 1:]):
        return
    cleaner = ctx.state.get("mail-cleaners", {}).pop(key, None)
    if cleaner is not None:
        cleaner.close()


def run_mail_action(action: dict, ctx: ExecContext) -> dict:
    if action["op"] == "mail-delete" and not ctx.permanent:
        raise Skip("skip.permanent-unconfirmed")
    if (action.get("account") or {}).get("kind", "imap") not in KINDS:
        raise Skip("mail.unsupported-kind", kind=action["account"].get("kind"))
    done = ctx.state.setdefault("mail-done", {})
    if action["id"] not in done:
        batch = _batch_for(action, ctx)
        permanent = action["op"] == "mail-delete"
        if ctx.journal is not None and ctx.run_id and not ctx.dry_run:
            # journal before the server changes: the batch acts on messages whose own "intent"
            # records come later (one per action, as the engine reaches it)
            ctx.journal.write(ctx.run_id, "mail-batch", folder=action["folder"],
                              action_ids=[a["id"] for a in batch], op=action["op"])
        try:
            outcomes = _cleaner(action, ctx).run_batch(action["folder"], batch, permanent, ctx.dry_run)
        except MailError as exc:
            # the whole batch failed (the cleaner restored the server's state): report every
            # message of it once, never retry the batch message by message (copies again)
            outcomes = {a["id"]: Outcome(False, {"error": True}, exc.message) for a in batch}
        finally:
            _close_if_last(batch[-1], ctx)
        done.update(outcomes)
    outcome = done.pop(action["id"], None)
    if outcome is None:
        raise RuntimeError(Reason("mail.batch-stopped"))
    if not outcome.ok:
        if outcome.result.get("error"):
            raise RuntimeError(outcome.reason)
        raise Skip(outcome.reason)
    return outcome.result


def mail_items_in_trash(run_id: str, journal) -> list[tuple[dict, dict]]:
    return [(a, r) for a, r in items_in_trash(run_id, journal) if a.get("op") in MAIL_OPS.values()]


def restore_mail_run(run_id: str, journal, resolver: Optional[Callable] = None,
                     items: Optional[list] = None) -> dict[str, dict]:
    """Undo for mail: move back to its folder every message this run moved to Trash (or only
    ``items``, (action, done result) pairs), checked by key and size first; writes "restored"
    with the folder as "path". Accounts whose cleaner cannot restore are reported
    "unsupported"."""
    resolver = resolver or credential_resolver or resolve_credentials
    report: dict[str, dict] = {}
    groups: dict[tuple, list[tuple[dict, dict]]] = {}
    for action, result in (mail_items_in_trash(run_id, journal) if items is None else items):
        if result.get("trash_uid") is not None:
            groups.setdefault(account_key(action["account"]), []).append((action, result))
    for pairs in groups.values():
        account = pairs[0][0]["account"]

        def settle(action_id: str, o) -> None:  # journaled as it happens
            if o.ok:
                journal.write(run_id, "restored", action_id=action_id, path=o.result["folder"], uid=o.result["uid"])
                report[action_id] = {"status": "restored", "folder": o.result["folder"], "uid": o.result["uid"]}
            else:
                report[action_id] = {"status": "failed", "message": o.reason}

        try:
            cleaner = make_cleaner(account, pairs[0][0], resolver)
        except MailError as exc:
            for a, _r in pairs:
                report[a["id"]] = {"status": "failed", "message": str(exc)}
            continue
        try:
            if not hasattr(cleaner, "restore_from_trash"):
                for a, _r in pairs:
                    report[a["id"]] = {"status": "unsupported",
                                       "message": "restore these from the mailbox's Deleted Items folder"}
                continue
            items = [{"id": a["id"], "trash_folder": r["trash_folder"], "trash_uid": r["trash_uid"],
                      "key": a.get("key"), "size": a["size"], "folder": a["folder"],
                      "labels": r.get("labels") or a.get("labels")} for a, r in pairs]
            cleaner.restore_from_trash(items, on_item=settle)
        except MailError as exc:
            for a, _r in pairs:
                if a["id"] not in report:
                    report[a["id"]] = {"status": "failed", "message": str(exc)}
        finally:
            cleaner.close()
        for a, _r in pairs:
            report.setdefault(a["id"], {"status": "failed", "message": "not processed"})
    return report


def empty_mail_run(run_id: str, journal, resolver: Optional[Callable] = None,
                   items: Optional[list] = None) -> dict[str, dict]:
    """Remove for good, from each mailbox's Trash, exactly the messages this run moved there (or
    only ``items``), re-verified by key and size; writes "emptied" with the freed bytes. Returns
    {action id: {"status": "emptied"|"failed", "freed", "message"}} plus provider notes."""
    from cleanup_desktop.core.mail.clean.imap import provider_note

    resolver = resolver or credential_resolver or resolve_credentials
    by_account: dict[tuple, list[tuple[dict, dict]]] = {}
    for action, result in (mail_items_in_trash(run_id, journal) if items is None else items):
        if result.get("trash_uid") is None:
            continue
        by_account.setdefault(account_key(action["account"]), []).append((action, result))
    report: dict[str, dict] = {}
    for _key, pairs in by_account.items():
        account = pairs[0][0]["account"]
        cleaner = make_cleaner(account, pairs[0][0], resolver)
        try:
            items = [{"id": a["id"], "trash_folder": r["trash_folder"], "trash_uid": r["trash_uid"],
                      "key": a.get("key"), "size": a["size"]} for a, r in pairs]
            outcomes = cleaner.empty_from_trash(items)
        except MailError as exc:
            for a, _r in pairs:
                report[a["id"]] = {"status": "failed", "freed": 0, "message": str(exc)}
            continue
        finally:
            cleaner.close()
        note = provider_note(account)
        for a, _r in pairs:
            o = outcomes.get(a["id"])
            if o is not None and o.ok:
                freed = int(o.result.get("freed", 0))
                journal.write(run_id, "emptied", action_id=a["id"], freed=freed)
                report[a["id"]] = {"status": "emptied", "freed": freed, "message": note or o.result.get("note", "")}
            else:
                report[a["id"]] = {"status": "failed", "freed": 0, "message": o.reason if o else "not processed"}
    return report


def _outcomes(report: dict[str, dict], items: list) -> list[TrashOutcome]:
    out = []
    for action, _result in items:
        r = report.get(action["id"])
        if r is None:
            out.append(TrashOutcome(action, "unsupported", Reason("undo.mail-by-hand")))
            continue
        out.append(TrashOutcome(action, r.get("status", "failed"), r.get("message", ""),
                                path=r.get("folder") or r.get("path"), freed=int(r.get("freed") or 0)))
    return out


def restore_items(run_id: str, journal, items: list, word: str = "restored") -> list[TrashOutcome]:
    """Undo of these messages (the run lifecycle's ``Backend.restore``)."""
    return _outcomes(restore_mail_run(run_id, journal, items=items), items)


def empty_items(run_id: str, journal, items: list) -> list[TrashOutcome]:
    """Empty-trash of these messages (the run lifecycle's ``Backend.empty``)."""
    return _outcomes(empty_mail_run(run_id, journal, items=items), items)
