"""core.run.refresh: a scan without what a run removed (each scan by its own backend)."""

from types import SimpleNamespace

from cleanup_desktop.core.run import refresh


def outcome(status, **action):
    return SimpleNamespace(status=status, action=action)


def test_done_actions_and_a_disk_scan_without_them():
    scan = {
        "schema": "cleanup-desktop/scan/1",
        "duplicates": [
            {"size": 10, "digest": "d1", "paths": ["/a/1", "/b/1"], "wasted": 4096,
             "files": [{"path": "/a/1", "allocated": 4096}, {"path": "/b/1", "allocated": 4096}]},
            {"size": 20, "digest": "d2", "paths": ["/a/2", "/b/2", "/c/2"], "wasted": 8192,
             "files": [{"path": p, "allocated": 4096} for p in ("/a/2", "/b/2", "/c/2")]},
        ],
        "temp": [{"path": "/t/x.tmp"}, {"path": "/t/y.tmp"}],
        "large": [{"path": "/big"}],
        "old": [],
    }
    done = refresh.done_actions([
        outcome("done", op="trash", path="/b/1"),
        outcome("done", op="trash", path="/c/2"),
        outcome("skipped", op="trash", path="/b/2"),
        outcome("done", op="delete", path="/t/x.tmp"),
        outcome("done", op="mail-trash", folder="INBOX", uid=7),
    ])
    assert [a.get("path", a.get("folder")) for a in done] == ["/b/1", "/c/2", "/t/x.tmp", "INBOX"]
    left = refresh.scan_without(scan, done)  # the mail action is not the disk backend's
    assert [g["paths"] for g in left["duplicates"]] == [["/a/2", "/b/2"]]  # one copy left: no group
    assert left["duplicates"][0]["wasted"] == 4096
    assert left["temp"] == [{"path": "/t/y.tmp"}] and left["large"] == [{"path": "/big"}]
    assert len(scan["duplicates"]) == 2  # the original is untouched


def test_a_mail_scan_without_what_was_done():
    scan = {
        "schema": "cleanup-desktop/mail-scan/1",
        "duplicates": [{"key": "k", "copies": [{"folder": "INBOX", "uid": 1}, {"folder": "Archive", "uid": 5}]}],
        "large_messages": [{"folder": "INBOX", "uid": 2, "size": 9}, {"folder": "INBOX", "uid": 3, "size": 9}],
        "attachments": [{"folder": "INBOX", "uid": 2}],
        "old": [],
        "senders": [{"key": "news", "messages": 2, "bytes": 30,
                     "items": [{"folder": "INBOX", "uid": 2, "size": 10}, {"folder": "INBOX", "uid": 4, "size": 20}]}],
    }
    done = [{"op": "mail-trash", "folder": "Archive", "uid": 5}, {"op": "mail-delete", "folder": "INBOX", "uid": "2"},
            {"op": "trash", "path": "/INBOX"}]
    left = refresh.scan_without(scan, done)
    assert left["duplicates"] == [] and left["attachments"] == []
    assert left["large_messages"] == [{"folder": "INBOX", "uid": 3, "size": 9}]
    assert left["senders"][0]["messages"] == 1 and left["senders"][0]["bytes"] == 20
