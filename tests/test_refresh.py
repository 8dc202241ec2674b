"""core.run.refresh: a scan without what a run removed."""

from types import SimpleNamespace

from cleanup_desktop.core.run import refresh


def outcome(status, **action):
    return SimpleNamespace(status=status, action=action)


def test_done_targets_and_disk_scan_without():
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
    paths, mails = refresh.done_targets([
        outcome("done", op="trash", path="/b/1"),
        outcome("done", op="trash", path="/c/2"),
        outcome("skipped", op="trash", path="/b/2"),
        outcome("done", op="delete", path="/t/x.tmp"),
        outcome("done", op="mail-trash", folder="INBOX", uid=7),
    ])
    assert paths == {"/b/1", "/c/2", "/t/x.tmp"} and mails == {("INBOX", "7")}
    left = refresh.disk_scan_without(scan, paths)
    assert [g["paths"] for g in left["duplicates"]] == [["/a/2", "/b/2"]]  # one copy left: no group
    assert left["duplicates"][0]["wasted"] == 4096
    assert left["temp"] == [{"path": "/t/y.tmp"}] and left["large"] == [{"path": "/big"}]
    assert len(scan["duplicates"]) == 2  # the original is untouched


def test_mail_scan_without():
    scan = {
        "duplicates": [{"key": "k", "copies": [{"folder": "INBOX", "uid": 1}, {"folder": "Archive", "uid": 5}]}],
        "large_messages": [{"folder": "INBOX", "uid": 2, "size": 9}, {"folder": "INBOX", "uid": 3, "size": 9}],
        "attachments": [{"folder": "INBOX", "uid": 2}],
        "old": [],
        "senders": [{"key": "news", "messages": 2, "bytes": 30,
                     "items": [{"folder": "INBOX", "uid": 2, "size": 10}, {"folder": "INBOX", "uid": 4, "size": 20}]}],
    }
    left = refresh.mail_scan_without(scan, {("Archive", "5"), ("INBOX", "2")})
    assert left["duplicates"] == [] and left["attachments"] == []
    assert left["large_messages"] == [{"folder": "INBOX", "uid": 3, "size": 9}]
    assert left["senders"][0]["messages"] == 1 and left["senders"][0]["bytes"] == 20
