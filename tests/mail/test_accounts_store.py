"""The one accounts file of core.mail.accounts: every kind round-trips, secrets stay in the
keyring, a hand-edited or damaged file loses no account, and the accounts saved by earlier
versions (IMAP file format 1, Exchange / Microsoft 365 entries of the GUI settings) migrate
once, keyring entries still found."""

from __future__ import annotations

import json
import string

import keyring
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from cleanup_desktop.core.mail import accounts, credentials
from cleanup_desktop.core.mail.account_migration import GUI_SOURCE, migrate
from cleanup_desktop.core.mail.errors import MailError

HYP = hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

text = st.text(alphabet=string.ascii_letters + string.digits + "-_. éà", min_size=1, max_size=12).map(str.strip).filter(bool)
host = st.sampled_from(["mail.example.org", "imap.example.com", "127.0.0.1", "outlook.office365.com"])
imap = st.builds(accounts.Account, kind=st.just("imap"), host=host, user=text,
                 port=st.one_of(st.none(), st.integers(1, 65535)), security=st.sampled_from(["ssl", "starttls"]),
                 auth=st.just("password"), folders=st.lists(text, max_size=3))
imap_oauth = st.builds(accounts.Account, kind=st.just("imap"), host=host, user=text,
                       auth=st.sampled_from(["oauth-microsoft", "oauth-google"]), client_id=text)
ews = st.builds(accounts.Account, kind=st.just("ews"), user=text.map(lambda u: u + "@example.org"),
                url=st.one_of(st.none(), st.just("https://mail.example.org/EWS/Exchange.asmx")),
                auth=st.sampled_from(["ntlm", "basic", "kerberos"]))
graph = st.builds(accounts.Account, kind=st.just("graph"), user=text, tenant=text, client_id=text,
                  endpoint=st.one_of(st.none(), st.just("https://graph.microsoft.us/v1.0")))
any_accounts = st.lists(st.one_of(imap, imap_oauth, ews, graph), min_size=1, max_size=6)


def _named(accs: list) -> list:
    for i, a in enumerate(accs):
        a.name = f"Account {i}"
    return accs


@HYP
@given(accs=any_accounts)
def test_every_kind_round_trips_with_its_id_and_no_secret_in_the_file(accs, tmp_path, file_keyring):
    path = tmp_path / "mail-accounts.json"
    path.unlink(missing_ok=True)
    accs = _named(accs)
    for a in accs:
        accounts.upsert(a, path)
        if a.uses_password:
            accounts.set_password(a.describe(), "pw-" + a.id)
    back = accounts.read_store(path)
    assert back.problems == [] and back.accounts == accs
    assert len({a.id for a in back.accounts}) == len(accs)
    body = path.read_text(encoding="utf-8")
    assert "pw-" not in body
    last = {accounts._keyring_user(a.describe()): "pw-" + a.id for a in accs if a.uses_password}  # one login, one secret
    for a in back.accounts:
        if a.uses_password:
            assert credentials.resolve(a).password == last[accounts._keyring_user(a.describe())]
    # removing an account takes its password only when no other account signs in with it
    gone = back.accounts[0]
    accounts.remove(gone.name, path)
    for a in accounts.load_accounts(path):
        if a.uses_password:
            assert credentials.resolve(a).password == last[accounts._keyring_user(a.describe())]
    if gone.uses_password and accounts._keyring_user(gone.describe()) not in {
            accounts._keyring_user(a.describe()) for a in accounts.load_accounts(path) if a.uses_password}:
        assert accounts.get_password(gone.describe()) is None


def test_replacing_by_name_keeps_the_id(tmp_path):
    path = tmp_path / "a.json"
    first = accounts.upsert(accounts.Account(name="Work", host="mail.example.org", user="u"), path)
    again = accounts.upsert(accounts.Account(name="Work", host="imap.example.org", user="u"), path)
    assert again.id == first.id and [a.host for a in accounts.load_accounts(path)] == ["imap.example.org"]
    assert accounts.find(first.id, path).name == "Work"


DAMAGES = ["not an object", ["a", "list"], None, {"port": "993"}, {"port": True}, {"port": 3.5}, {"port": 70000},
           {"kind": "pop3"}, {"kind": ""}, {"kind": 7}, {"id": ""}, {"id": "has space"}, {"id": "../x"}, {"id": None},
           {"folders": "INBOX"}, {"folders": [1, 2]}, {"password": "hunter2"}, {"name": ""}, {"user": 5},
           {"kind": "imap", "security": "insecure-plain", "host": "mail.example.org", "auth": "password"}]


@pytest.mark.parametrize("change", DAMAGES, ids=[json.dumps(d) for d in DAMAGES])
@HYP
@given(accs=st.tuples(imap, imap_oauth, ews, graph).map(list), data=st.data())
def test_a_damaged_row_is_set_aside_and_no_other_account_is_lost(accs, data, change, tmp_path):
    path = tmp_path / "mail-accounts.json"
    accounts.write_store(accounts.Store(accounts=_named(accs)), path)
    doc = json.loads(path.read_text())
    victim = data.draw(st.integers(0, len(accs) - 1))
    row = doc["accounts"][victim]
    doc["accounts"][victim] = dict(row, **change) if isinstance(change, dict) else change
    path.write_text(json.dumps(doc))
    store = accounts.read_store(path)
    survivors = [a for i, a in enumerate(accs) if i != victim]
    assert store.accounts == survivors
    assert len(store.problems) == 1 and "set aside" in store.problems[0]
    # saving another account keeps the damaged row, unchanged, for the user to repair
    accounts.upsert(accounts.Account(name="New", host="mail.example.org", user="n"), path)
    again = accounts.read_store(path)
    assert [a.name for a in again.accounts] == [a.name for a in survivors] + ["New"]
    assert again.set_aside == [doc["accounts"][victim]] and len(again.problems) == 1
    assert "hunter2" not in json.dumps([vars(a) for a in again.accounts])
    # repaired by hand where it was set aside, it is an account again
    doc = json.loads(path.read_text())
    doc["set_aside"] = [json.loads(json.dumps(vars(accs[victim])))]
    path.write_text(json.dumps(doc))
    repaired = accounts.read_store(path)
    assert repaired.problems == [] and accs[victim] in repaired.accounts and len(repaired.accounts) == len(accs) + 1


def test_same_name_twice_keeps_the_first_and_sets_the_second_aside(tmp_path):
    path = tmp_path / "a.json"
    a = accounts.Account(name="Work", host="mail.example.org", user="u")
    b = accounts.Account(name="Work", host="other.example.org", user="v")
    broken = {"name": "Broken", "kind": "imap", "id": "x1", "host": "mail.example.org", "user": "u", "port": "993"}
    path.write_text(json.dumps({"version": 2, "accounts": [vars(a), vars(b), broken]}))
    store = accounts.read_store(path)
    assert [x.host for x in store.accounts] == ["mail.example.org"]
    assert "same name" in store.problems[0] and "'port' must be a number from 1 to 65535" in store.problems[1]
    assert accounts.find("Work", path).id == a.id
    with pytest.raises(MailError, match="'Broken' .* was set aside: 'port' must be a number from 1 to 65535"):
        accounts.find("Broken", path)
    with pytest.raises(MailError, match="No mail account named 'Nope'"):
        accounts.find("Nope", path)


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '{"accounts": "x"}', '{"version": 9, "accounts": []}', ""])
def test_an_unreadable_file_is_named_and_never_written_over(tmp_path, body):
    path = tmp_path / "mail-accounts.json"
    path.write_text(body)
    with pytest.raises(MailError) as err:
        accounts.load_accounts(path)
    assert str(path) in str(err.value) and err.value.kind == "config"
    for attempt in (lambda: accounts.upsert(accounts.Account(name="N", host="mail.example.org", user="n"), path),
                    lambda: accounts.remove("N", path), lambda: migrate(gui_remote_accounts="[]", path=path)):
        with pytest.raises(MailError):
            attempt()
        assert path.read_text() == body


# -- migration --------------------------------------------------------------------------

V1 = {"version": 1, "accounts": [
    {"name": "Home", "host": "127.0.0.1", "user": "test", "port": 1143, "security": "insecure-plain",
     "auth": "password", "client_id": None, "tenant": None, "trust_fingerprint": None, "folders": ["INBOX"]},
    {"name": "Exchange", "host": "imap.example.org", "user": "me", "port": None, "security": "ssl",
     "auth": "oauth-microsoft", "client_id": "app", "tenant": "contoso", "trust_fingerprint": None, "folders": []},
]}
GUI_ROWS = [
    {"name": "Exchange", "account": {"kind": "ews", "host": "mail.example.org", "port": 443, "user": "DOM\\anna",
                                     "security": "https", "email": "anna@example.org", "auth": "ntlm",
                                     "url": "https://mail.example.org/EWS/Exchange.asmx"}},
    {"name": "M365", "account": {"kind": "graph", "host": "graph.microsoft.com", "port": 443, "user": "anna@contoso.com",
                                 "security": "https", "tenant": "contoso", "client_id": "app-id"}},
]


def _old_keyring_user(d: dict) -> str:  # how the earlier versions keyed a password (unchanged rule)
    return f"{d['user']}@{d['host']}:{d['port']}"


def test_migration_moves_every_old_account_once_and_keyring_entries_still_work(tmp_path, file_keyring):
    path = tmp_path / "mail-accounts.json"
    path.write_text(json.dumps(V1))
    keyring.set_password(accounts.KEYRING_SERVICE, "test@127.0.0.1:1143", "imap-pw")
    keyring.set_password(accounts.KEYRING_SERVICE, _old_keyring_user(GUI_ROWS[0]["account"]), "ews-pw")
    report = migrate(gui_remote_accounts=json.dumps(GUI_ROWS), path=path)
    assert report.moved == ["Home", "Exchange", "Exchange (2)", "M365"] and report.problems == []
    store = accounts.read_store(path)
    assert [(a.kind, a.name) for a in store.accounts] == [
        ("imap", "Home"), ("imap", "Exchange"), ("ews", "Exchange (2)"), ("graph", "M365")]
    assert json.loads(path.read_text())["version"] == accounts.VERSION and GUI_SOURCE in store.migrated
    assert json.loads((tmp_path / "mail-accounts.v1.json").read_text()) == V1  # the old file, kept
    home, _oauth, exchange, m365 = store.accounts
    assert home.folders == ["INBOX"] and m365.tenant == "contoso" and exchange.email == "anna@example.org"
    assert credentials.resolve(home).password == "imap-pw"
    assert credentials.resolve(exchange).password == "ews-pw"  # same service and user as before
    assert exchange.describe() == GUI_ROWS[0]["account"]
    before = path.read_bytes()
    again = migrate(gui_remote_accounts=json.dumps(GUI_ROWS), path=path)  # second start: nothing moves
    assert again.moved == [] and path.read_bytes() == before
    accounts.remove("M365", path)  # removed by the user: a later hand-over never brings it back
    migrate(gui_remote_accounts=json.dumps(GUI_ROWS), path=path)
    assert "M365" not in [a.name for a in accounts.load_accounts(path)]


def test_an_interrupted_migration_adds_no_duplicate(tmp_path):
    """The GUI crashed after the core wrote the file but before it cleared its key, and the
    file lost its "migrated" note: the rows' ids, derived from what they were, still match."""
    path = tmp_path / "mail-accounts.json"
    migrate(gui_remote_accounts=GUI_ROWS, path=path)
    doc = json.loads(path.read_text())
    doc.pop("migrated")
    path.write_text(json.dumps(doc))
    migrate(gui_remote_accounts=GUI_ROWS, path=path)
    assert [a.name for a in accounts.load_accounts(path)] == ["Exchange", "M365"]


@pytest.mark.parametrize("raw", ["[{\"name\": \"Exchange\", \"acc", '[{"name": "X", "account": {"kind": "pop3"}}, 3]',
                                 '{"name": "lonely"}'])
def test_migrating_a_broken_settings_value_loses_nothing(tmp_path, raw):
    path = tmp_path / "mail-accounts.json"
    path.write_text(json.dumps(V1))
    report = migrate(gui_remote_accounts=raw, path=path)
    store = accounts.read_store(path)
    assert [a.name for a in store.accounts] == ["Home", "Exchange"]  # the IMAP accounts all came over
    assert report.problems and store.set_aside  # the broken entries are kept in the file, with a sentence
    kept = json.dumps(store.set_aside)
    assert all(part in kept for part in ("Exchange", "pop3", "lonely") if part in raw)
    assert migrate(gui_remote_accounts=raw, path=path).moved == []  # and only once


def test_migration_without_anything_old_writes_nothing(tmp_path):
    path = tmp_path / "mail-accounts.json"
    assert migrate(path=path).moved == [] and not path.exists()


def test_the_cli_knows_the_cores_kinds_and_sign_in_methods():
    from cleanup_desktop.cli import mail_cmd

    assert (mail_cmd.KINDS, mail_cmd.IMAP_AUTH, mail_cmd.EWS_AUTH) == (
        accounts.KINDS, accounts.IMAP_AUTH, accounts.EWS_AUTH)


# -- the one credential resolver ----------------------------------------------------------


def test_the_one_resolver_takes_secrets_in_its_stated_order(file_keyring, monkeypatch):
    pw = accounts.Account(name="P", host="mail.example.org", user="u")
    accounts.set_password(pw.describe(), "from-keyring")
    assert credentials.resolve(pw).password == "from-keyring"
    monkeypatch.setenv("T_PW", "from-env")
    assert credentials.resolve(pw, password_env="T_PW").password == "from-env"  # the user's own variable wins
    with pytest.raises(MailError, match="T_NONE is not set") as err:
        credentials.resolve(pw, password_env="T_NONE")
    assert err.value.kind == "args"
    oauth_acc = accounts.Account(name="O", host="outlook.office365.com", user="u", auth="oauth-microsoft",
                                 client_id="app")
    creds = credentials.resolve(oauth_acc)
    assert creds.token_provider is not None and creds.password is None  # never the keyring password
    action = {"credential": {"oauth": {"provider": "google", "client_id": "app"}}}  # a plan action's account
    assert credentials.resolve(pw.describe(), action).token_provider is not None
    for no_secret in (accounts.Account(name="K", kind="ews", user="u@example.org", auth="kerberos"),
                      accounts.Account(name="G", kind="graph", user="u", client_id="app")):
        creds = credentials.resolve(no_secret)
        assert creds.password is None and creds.token_provider is None
    other = accounts.Account(name="N", kind="ews", user="n@example.org", url="https://mail.example.org/EWS/Exchange.asmx")
    with pytest.raises(credentials.NoSecret, match="^type it$"):
        credentials.resolve(other, missing="type it")
    assert credentials.resolve_credentials(pw.describe(), {}).password == "from-keyring"  # the cleaners' door
