"""Dovecot set up like the servers that lost mail in issue 14: a virtual \\All folder (the
virtual plugin, as label bridges do), a public "Team/" namespace the user may only read
(ACL), and, as a variant, a server announcing neither MOVE nor UIDPLUS."""

from __future__ import annotations

import os
import pwd

from dovecot import Dovecot

OLD_CAPS = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT LITERAL+ SPECIAL-USE NAMESPACE"


class TrapDovecot(Dovecot):
    def __init__(self, old_server: bool = False) -> None:
        super().__init__()
        r = self.root
        self.old_server = old_server
        caps = f"imap_capability = {OLD_CAPS}\n" if old_server else ""
        self.extra_conf = f"""{caps}
mail_plugins = $mail_plugins virtual acl
protocol imap {{
  mail_plugins = $mail_plugins imap_acl
}}
namespace virtual {{
  prefix = Virtual/
  separator = /
  location = virtual:{r}/virtual:INDEX={r}/virtual-index/%u
  list = yes
  subscriptions = no
  mailbox All {{
    special_use = \\All
  }}
}}
namespace team {{
  type = public
  prefix = Team/
  separator = /
  location = maildir:{r}/public:INDEX={r}/public-index/%u
  list = yes
  subscriptions = no
}}
plugin {{
  acl = vfile:{r}/global-acl
}}
"""

    def start(self) -> "TrapDovecot":
        r = self.root
        (r / "virtual" / "All").mkdir(parents=True)
        (r / "virtual" / "All" / "dovecot-virtual").write_text("*\n-Trash\n-Virtual/*\n-Team/*\n  all\n")
        for d in ("public", "public-index", "virtual-index", "public/.News", "public/.News/cur",
                  "public/.News/new", "public/.News/tmp"):
            (r / d).mkdir(exist_ok=True)
        # the team folder: 'other' (the team's owner) may do anything, 'test' only read it
        (r / "global-acl").write_text("Team/* user=other lrwstipekxa\nTeam/* user=test lr\n")
        if os.geteuid() == 0:
            pw = pwd.getpwnam("dovecot")
            for d in ("virtual", "virtual/All", "public", "public-index", "virtual-index", "public/.News",
                      "public/.News/cur", "public/.News/new", "public/.News/tmp"):
                os.chown(r / d, pw.pw_uid, pw.pw_gid)
        super().start()
        return self

    def put_team_message(self, raw: bytes, n: int) -> None:
        """A message in the team folder Team/News (written as the team's server would hold it)."""
        path = self.root / "public" / ".News" / "new" / f"1700000000.M{n}P1.team"
        path.write_bytes(raw)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("dovecot")
            os.chown(path, pw.pw_uid, pw.pw_gid)
