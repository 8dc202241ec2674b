"""Dovecot set up like the servers that lost mail in issue 14, on top of dovecot.Dovecot's
virtual \\All folder and public "Team/" namespace: ACLs that let 'test' only read the team
folder Team/News, and, as a variant, a server announcing neither MOVE nor UIDPLUS."""

from __future__ import annotations

import os
import pwd

from dovecot import Dovecot

OLD_CAPS = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT LITERAL+ MULTIAPPEND UNSELECT SPECIAL-USE NAMESPACE"


class TrapDovecot(Dovecot):
    def __init__(self, old_server: bool = False, move_only: bool = False) -> None:
        """``old_server``: neither MOVE nor UIDPLUS announced; ``move_only``: MOVE without UIDPLUS."""
        super().__init__(virtual_all=True, public=True)
        r = self.root
        caps = ""
        if old_server or move_only:
            caps = f"imap_capability = {OLD_CAPS}{' MOVE' if move_only else ''}\n"
        # the team folder: 'other' (the team's owner) may do anything, 'test' only read it
        self.extra_conf = f"""{caps}
mail_plugins = $mail_plugins acl
protocol imap {{
  mail_plugins = $mail_plugins imap_acl
}}
plugin {{
  acl = vfile:{r}/global-acl
}}
"""

    def start(self) -> "TrapDovecot":
        (self.root / "global-acl").write_text("Team/* user=other lrwstipekxa\nTeam/* user=test lr\n")
        super().start()
        return self

    def put_team_message(self, raw: bytes, n: int) -> None:
        """A message in the team folder Team/News (written as the team's server would hold it)."""
        folder = self.root / "public" / ".News"
        for d in (folder, folder / "cur", folder / "new", folder / "tmp"):
            d.mkdir(exist_ok=True)
        path = folder / "new" / f"1700000000.M{n}P1.team"
        path.write_bytes(raw)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("dovecot")
            for p in (folder, folder / "cur", folder / "new", folder / "tmp", path):
                os.chown(p, pw.pw_uid, pw.pw_gid)
