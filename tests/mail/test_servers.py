"""The test servers are what the trap tests say they are (conftest.py documents them)."""

from __future__ import annotations

import pytest
from imapclient import IMAPClient


def _client(server, user="test", password="secret") -> IMAPClient:
    c = IMAPClient("127.0.0.1", server.port, ssl=False)
    c.login(user, password)
    return c


def _message_ids(c: IMAPClient, folder: str) -> list[str]:
    c.select_folder(folder, readonly=True)
    uids = c.search(["ALL"])
    data = c.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
    c.unselect_folder()
    return sorted(v[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode().split(":", 1)[1].strip()
                  for v in data.values())


@pytest.mark.servers("dovecot", "cyrus", "cyrus_old", "dovecot_virtual")
def test_every_server_serves_the_sample_mailbox(server, mailbox):
    folders = {name: flags for flags, _d, name in mailbox.list_folders()}
    assert server.f("Archive") in folders and server.f("Été 2026") in folders
    assert b"\\Trash" in folders[server.f("Trash")]
    assert mailbox.folder_status("INBOX", ["MESSAGES"])[b"MESSAGES"] == 18
    assert all(server.is_personal(name) for name in (server.f("Archive"), "INBOX"))


def test_cyrus_old_has_neither_move_nor_uidplus(cyrus, cyrus_old):
    for server, has in ((cyrus, True), (cyrus_old, False)):
        c = _client(server)
        caps = set(c.capabilities())
        c.logout()
        assert (b"MOVE" in caps, b"UIDPLUS" in caps) == (has, has)


@pytest.mark.servers("cyrus")
def test_cyrus_shared_folder_is_read_only_for_the_test_user(server, mailbox, cyrus_shared):
    assert cyrus_shared in {name for _f, _d, name in mailbox.list_folders()}
    assert not server.is_personal(cyrus_shared)
    assert _message_ids(mailbox, cyrus_shared) == ["<dup-1@example.org>", "<others-own@example.org>"]
    typ, data = mailbox._imap._simple_command("MYRIGHTS", f'"{cyrus_shared}"')
    assert typ == "OK" and mailbox._imap.untagged_responses.pop("MYRIGHTS") == [f"{cyrus_shared} lr".encode()]
    with pytest.raises(Exception, match="not writable"):  # the server opens it READ-ONLY
        mailbox.select_folder(cyrus_shared)
    assert len(_message_ids(mailbox, cyrus_shared)) == 2


@pytest.mark.servers("dovecot_virtual")
def test_dovecot_virtual_all_and_public_team_folder(server, mailbox, team_folder):
    folders = {name: flags for flags, _d, name in mailbox.list_folders()}
    assert b"\\All" in folders["Virtual/All"] and b"X-GM-EXT-1" not in mailbox.capabilities()
    own = sum(mailbox.folder_status(name, ["MESSAGES"])[b"MESSAGES"] for name in folders
              if server.is_personal(name) and b"\\Noselect" not in folders[name])
    assert own == 21
    assert mailbox.folder_status("Virtual/All", ["MESSAGES"])[b"MESSAGES"] == own  # every message again
    assert [prefix for prefix, _sep in mailbox.namespace().shared] == ["Team/"]
    assert _message_ids(mailbox, team_folder) == ["<dup-1@example.org>", "<team-own@example.org>"]
