"""`--account NAME` for every account kind, through the real CLI in a subprocess: IMAP against
the real Dovecot, Exchange against the EWS replay server, Microsoft 365 against the Graph
replay server; passwords from the test keyring backend (file_keyring.FileKeyring), shared with
the subprocess through CD_TEST_KEYRING_FILE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ews_server import EwsServer
from exchange_helpers import ids_in, loaded_store
from graph_server import GraphServer
from cleanup_desktop.core.mail import accounts


@pytest.fixture
def cli(file_keyring):
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="file_keyring.FileKeyring", PYTHONPATH=str(Path(__file__).parent),
               T_PW="secret", T_TOKEN="good-token")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "cleanup_desktop", *args], capture_output=True, text=True,
                              env=env, timeout=120)

    run.keyring = file_keyring
    return run


def test_exchange_account_scan_plan_and_clean_by_name(cli, tmp_path):
    server = EwsServer(loaded_store()).start()
    try:
        p = cli("mail-accounts", "add", "Work Exchange", "--kind", "ews", "--url", server.url,
                "--user", "test@example.org", "--auth", "basic")
        assert p.returncode == 0, p.stderr
        p = cli("mail-scan", "--account", "Work Exchange", "--json")
        assert p.returncode == 2 and "no password saved for account 'Work Exchange'" in p.stderr
        assert cli("mail-accounts", "set-password", "Work Exchange", "--password-env", "T_PW").returncode == 0
        listed = cli("mail-accounts", "list").stdout
        assert "Work Exchange: test@example.org on Exchange" in listed and "password saved" in listed
        scan, plan = tmp_path / "scan.json", tmp_path / "plan.json"
        p = cli("mail-scan", "--account", "Work Exchange", "-o", str(scan))
        assert p.returncode == 0, p.stderr
        result = json.loads(scan.read_text())
        assert result["connection"]["kind"] == "ews" and result["stats"]["messages"] == 21
        assert "password_env" not in result["connection"]
        assert cli("plan", str(scan), "-o", str(plan)).returncode == 0
        wasted = sum(len(d["copies"]) - 1 for d in result["duplicates"])
        p = cli("clean", str(plan), "--yes", "--account", "Work Exchange")
        assert p.returncode == 0, p.stdout + p.stderr
        assert wasted and len(ids_in(server.state.store, "Trash")) == wasted  # Deleted Items
        assert "secret" not in accounts.config_path().read_text()
        assert cli("mail-accounts", "remove", "Work Exchange").returncode == 0
        assert json.loads(cli.keyring.read_text()) == {}  # its password left the keyring too
    finally:
        server.stop()


def test_microsoft_365_account_scan_by_name(cli):
    server = GraphServer(loaded_store()).start()
    try:
        p = cli("mail-accounts", "add", "M365", "--kind", "graph", "--user", "test@example.org", "--tenant", "contoso",
                "--client-id", "app-id", "--graph-endpoint", server.endpoint)
        assert p.returncode == 0, p.stderr
        p = cli("mail-scan", "--account", "M365", "--token-env", "T_TOKEN", "--json")
        assert p.returncode == 0, p.stderr
        r = json.loads(p.stdout)
        assert r["connection"]["kind"] == "graph" and r["connection"]["endpoint"] == server.endpoint
        assert r["connection"]["tenant"] == "contoso" and r["stats"]["messages"] == 21
        assert "M365: test@example.org on Microsoft 365, tenant contoso" in cli("mail-accounts", "list").stdout
        p = cli("mail-accounts", "set-password", "M365", "--password-env", "T_PW")
        assert p.returncode == 2 and "without a password" in p.stderr
    finally:
        server.stop()


def test_imap_account_scan_and_clean_by_name(cli, mailbox, server, tmp_path):
    f = server.f
    p = cli("mail-accounts", "add", "Home", "--host", "127.0.0.1", "--port", str(server.port),
            "--security", "insecure-plain", "--user", "test")
    assert p.returncode == 0, p.stderr
    assert cli("mail-accounts", "set-password", "Home", "--password-env", "T_PW").returncode == 0
    scan, plan = tmp_path / "scan.json", tmp_path / "plan.json"
    assert cli("mail-scan", "--account", "Home", "-o", str(scan)).returncode == 0
    assert cli("plan", str(scan), "-o", str(plan)).returncode == 0
    p = cli("clean", str(plan), "--yes", "--account", "Home")
    assert p.returncode == 0, p.stdout + p.stderr
    mailbox.select_folder(f("Trash"), readonly=True)
    assert len(mailbox.search(["ALL"])) == 4


def test_a_damaged_accounts_file_is_named_and_the_other_accounts_still_work(cli, tmp_path):
    path = accounts.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 2, "accounts": [
        {"name": "Broken", "kind": "imap", "id": "b1", "host": "mail.example.org", "user": "u", "port": "x"},
        {"name": "Fine", "kind": "imap", "id": "f1", "host": "mail.example.org", "user": "u"}]}))
    p = cli("mail-accounts", "list")
    assert p.returncode == 0 and "Fine: u@mail.example.org:993" in p.stdout
    assert "'Broken'" in p.stderr and "set aside" in p.stderr and str(path) in p.stderr
    p = cli("mail-scan", "--account", "Broken")
    assert p.returncode == 2 and "'port' must be a number" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    path.write_text("{oops")
    p = cli("mail-accounts", "add", "New", "--host", "mail.example.org", "--user", "n")
    assert p.returncode == 2 and str(path) in p.stderr and path.read_text() == "{oops"
