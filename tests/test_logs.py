"""The app's log file: in the platformdirs log folder, rotating, and never holding secrets."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from cleanup_desktop.core import logs, paths

SECRETS = ["hunter2-Pa55", "ya29.a0AfH6SMBxTokenValue", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl",
           "dXNlcjpzZWNyZXQ=", "Quarterly results for the board"]


@pytest.fixture
def logfile(tmp_path):
    path = logs.setup_logging(tmp_path / "logs", max_bytes=4000, backups=2)
    yield path
    for handler in [h for h in logging.getLogger().handlers if logs._ours(h)]:
        logging.getLogger().removeHandler(handler)
        handler.close()


def read_all(path):
    return "".join(p.read_text("utf-8") for p in sorted(path.parent.glob(path.name + "*")))


def test_default_location_is_the_platformdirs_log_folder(isolated_home, monkeypatch):
    monkeypatch.delenv(paths.LOG_DIR_ENV, raising=False)
    assert logs.log_path() == isolated_home / ".local/state/cleanup-desktop/log/cleanup-desktop.log"
    assert paths.data_dir(create=False) == isolated_home / ".local/share/cleanup-desktop"
    assert paths.config_dir() == isolated_home / ".config/cleanup-desktop"
    assert paths.cache_dir() == isolated_home / ".cache/cleanup-desktop"


def test_secrets_and_subjects_never_reach_the_file(logfile):
    log = logging.getLogger("cleanup_desktop.test")
    log.info("imap login user=alice password=%s", SECRETS[0])
    log.info("token refreshed: {'access_token': '%s', 'token_type': 'Bearer'}", SECRETS[1])
    log.warning("request headers {'Authorization': 'Bearer %s'}", SECRETS[2])
    log.warning("EWS call with Authorization: Basic %s", SECRETS[3])
    log.info("https://graph.example/me?access_token=%s&top=10", SECRETS[1])
    log.info("raw header\nSubject: %s\nFrom: a@b", SECRETS[4])
    log.info("'client_secret': \"%s\"", SECRETS[0])
    try:
        password = SECRETS[0]
        raise RuntimeError(f"login failed with password={password}")
    except RuntimeError:
        log.exception("mail scan failed")
    logging.getLogger("exchangelib").info("third-party INFO with %s", SECRETS[0])
    text = read_all(logfile)
    for secret in SECRETS:
        assert secret not in text
    assert text.count(logs.MASK) >= 8
    assert "mail scan failed" in text and "Traceback" in text and "RuntimeError" in text
    assert "imap login user=alice" in text  # the useful part stays


def test_the_file_rotates_and_keeps_a_few_backups(logfile):
    log = logging.getLogger("cleanup_desktop.test")
    for i in range(200):
        log.info("scan progress record %04d %s", i, "x" * 60)
    files = sorted(p.name for p in logfile.parent.iterdir())
    assert files == ["cleanup-desktop.log", "cleanup-desktop.log.1", "cleanup-desktop.log.2"]
    assert all(p.stat().st_size <= 4000 for p in logfile.parent.iterdir())
    assert "record 0199" in logfile.read_text("utf-8")
    assert "record 0000" not in read_all(logfile)  # the oldest rotated away


def test_setup_is_idempotent(logfile):
    again = logs.setup_logging(logfile.parent, max_bytes=4000, backups=2)
    assert again == logfile == logs.current_log_path()
    assert sum(logs._ours(h) for h in logging.getLogger().handlers) == 1


def test_cli_writes_its_log_without_secrets(tmp_path, monkeypatch):
    """A CLI run logs the command to the log folder (and a failing one its traceback)."""
    monkeypatch.setenv(paths.LOG_DIR_ENV, str(tmp_path / "l"))
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text("hello")
    run = subprocess.run([sys.executable, "-m", "cleanup_desktop", "scan", str(folder), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "l" / logs.LOG_FILE_NAME).read_text("utf-8")
    assert "command scan" in text and "exit 0" in text
    assert "hello" not in text
