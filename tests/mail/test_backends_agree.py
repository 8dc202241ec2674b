"""One generated mailbox, three servers, three protocols: Dovecot over IMAP, the EWS replay
server through exchangelib and the Graph replay server through the app's Graph client must
give the same findings (same keys, folders, sizes, senders, totals)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

import messages
from ews_server import EwsServer
from exchange_helpers import findings, loaded_store
from graph_server import GraphServer
from cleanup_desktop.core.mail.analysis import AnalysisOptions
from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource
from cleanup_desktop.core.mail.sources.graph import GraphSettings, GraphSource
from cleanup_desktop.core.mail.sources.imap import Credentials
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
from cleanup_desktop.core.mail.scan import scan_mailbox


def generated_extra(seed: int = 7) -> dict[str, list[dict]]:
    """More folders (nested too) with seeded content: copies across folders, copies without a
    Message-ID, big attachments, old bulky mail, a newsletter and a mailing list."""
    rng = random.Random(seed)
    old = datetime(2020, 2, 3, 8, 0, tzinfo=timezone.utc)
    shared = [messages.plain(f"<shared-{i}@example.net>", f"Shared {i}", body="y" * rng.randrange(100, 5000))
              for i in range(6)]
    nomid = messages.plain(None, "Sans identifiant", sender="Zoé <zoe@example.fr>",
                           date=datetime(2025, 12, 24, 18, 0, tzinfo=timezone.utc))
    projects = [{"msg": m} for m in shared] + [{"msg": nomid}, {"msg": nomid}]
    projects += [{"msg": messages.with_attachment(f"<plan-{i}@example.net>", rng.randrange(520_000, 900_000),
                                                  f'filename="plan-{i}.dwg"', "application/acad", f"Plan {i}",
                                                  seed=10 + i)} for i in range(3)]
    archive_2025 = [{"msg": m, "flags": [b"\\Seen"]} for m in shared[:4]]
    archive_2025 += [{"msg": messages.with_attachment(f"<scan-{i}@example.net>", 250_000 + i, 'filename="scan.tif"',
                                                      "image/tiff", "Scan", seed=20 + i,
                                                      date=old - timedelta(days=i)), "date": old - timedelta(days=i)}
                     for i in range(3)]
    lists = [{"msg": messages.newsletter(100 + i, "ops.lists.example.net")} for i in range(5)]
    lists += [{"msg": messages.newsletter(200 + i)} for i in range(3)]
    return {"Projects": projects, "Projects/2025": archive_2025, "Listes": lists}


OPTIONS = AnalysisOptions(large_min_size=600_000, attachment_min_size=500_000, old_months=24,
                          old_min_size=200_000, senders_min_messages=3)


@pytest.fixture
def content(mailbox):
    """The sample mailbox (seeded by the Dovecot fixture) plus the generated folders, in all three."""
    extra = generated_extra()
    messages.seed(mailbox, extra)
    full = messages.sample_mailbox()
    full.update(extra)
    return full


@pytest.mark.slow  # three backends end to end; each has its own fast tests (README: fast inner loop)
def test_imap_ews_graph_agree(content, settings, creds):
    imap = scan_mailbox(ImapSource(settings, creds), options=OPTIONS)
    ews_server = EwsServer(loaded_store(content)).start()
    graph_server = GraphServer(loaded_store(content)).start()
    try:
        ews = scan_mailbox(EwsSource(EwsSettings(user="test@example.org", url=ews_server.url, auth="basic"),
                                     Credentials(password="secret"), page=10), options=OPTIONS)

        class Token:
            def token(self, force_refresh=False):
                return "good-token"

        graph = scan_mailbox(GraphSource(GraphSettings(tenant="t", client_id="c", user="test@example.org",
                                                       endpoint=graph_server.endpoint), Token(), page=10),
                             options=OPTIONS)
    finally:
        ews_server.stop()
        graph_server.stop()
    expected = findings(imap)
    # the content is rich enough for the comparison to mean something
    assert len(expected["duplicates"]) >= 8 and len(expected["attachments"]) >= 6
    assert len(expected["old"]) == 4 and len(expected["senders"]) >= 4 and len(expected["large"]) >= 4
    assert any("/" in f for f, _n, _b in expected["folders"])  # a nested folder
    assert findings(ews) == expected
    assert findings(graph) == expected
    # attachment sizes: IMAP gives the encoded size (base64, lines of 76 + CRLF), Exchange the file size
    enc = {(a["key"], a["filename"]): a["size"] for a in imap["attachments"]}
    for a in ews["attachments"] + graph["attachments"]:
        assert a["size"] * 4 / 3 < enc[(a["key"], a["filename"])] <= a["size"] * 4 / 3 * 78 / 76 + 8
