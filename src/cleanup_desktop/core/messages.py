"""The core's one message mechanism: tables of English and French templates looked up by key.

Two tables use it: the texts of the files the core writes (core.sheets.messages) and the
reasons the engine gives (this module's REASONS: why an action was skipped, failed or refused,
why a path could not be scanned, why an item cannot be selected). A reason leaves the engine
as a :class:`Reason`: a ``str`` holding the English sentence (what the CLI prints and the JSON
``reason`` keeps), plus a stable ``code`` and its ``params``, so any face words it again in the
user's language: the core with ``word(code, params, lang)``, the GUI through Qt's .ts files
(gui/reasons.py). The core never imports Qt.

Rules this module guarantees (tests/test_reason_codes.py):
- every key has an English and a French template with the same named placeholders;
- ``Reason(code, **params)`` is exactly ``word(code, params, "en")``;
- a param may itself be a reason (a Reason, or its JSON form ``{"code", "params"}``): it is
  worded in the same language;
- ``Reason.from_json(r.to_json())`` words the same in every language.
"""

from __future__ import annotations

import string
from typing import Any, Mapping, Optional, Union

Table = Mapping[str, tuple[str, str]]


def lang_of(value: Optional[str]) -> str:
    """"fr" for any French language tag ("fr", "fr_FR.UTF-8"...), else "en"."""
    return "fr" if str(value or "").lower().startswith("fr") else "en"


def pick(table: Table, key: str, lang: str = "en") -> str:
    """The template of ``key`` in ``lang`` (French for any "fr..." tag, else English)."""
    en, fr = table[key]
    return fr if lang_of(lang) == "fr" else en


def placeholders(template: str) -> set[str]:
    """The named (or numbered) fields of a format template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


REASONS: dict[str, tuple[str, str]] = {
    # --- reading the disk (scan errors: core.disk.walk, scan, duplicates, hashing) ---
    "scan.permission-denied": ("Permission denied", "Accès refusé"),
    "scan.not-permitted": ("Operation not permitted", "Opération non autorisée"),
    "scan.vanished": ("Vanished during the scan", "Disparu pendant l’analyse"),
    "scan.path-too-long": ("Path too long", "Chemin trop long"),
    "scan.io-error": ("Input/output error (the disk may be failing)",
                      "Erreur de lecture (le disque est peut-être défaillant)"),
    "scan.link-loop": ("Too many levels of symbolic links", "Trop de niveaux de liens symboliques"),
    "scan.not-folder-any-more": ("Not a folder any more", "N’est plus un dossier"),
    "scan.not-folder": ("Not a folder", "N’est pas un dossier"),
    "scan.no-folder": ("No such folder", "Dossier introuvable"),
    "scan.changed": ("Changed during the scan", "Modifié pendant l’analyse"),
    "scan.bad-name": ("Name cannot be decoded", "Nom illisible"),
    "scan.locked": ("Open in another program (locked)", "Ouvert dans un autre programme (verrouillé)"),
    "scan.compare-failed": ("Byte comparison failed: {error}", "La comparaison octet par octet a échoué : {error}"),
    "scan.system-folder": (
        "System folder: Cleanup Desktop never offers anything in it for deletion, so it is not scanned",
        "Dossier système : Cleanup Desktop n’y propose jamais rien à supprimer, il n’est donc pas analysé"),
    # an error the system words itself (its own text, kept as it is)
    "os-error": ("{error}", "{error}"),
    # --- why a temp/cache file is not proposed (core.disk.temp: the scan's notes) ---
    "temp.unknown-rule": ("no cleaning rule of that name", "aucune règle de nettoyage de ce nom"),
    "temp.gone": ("no longer exists", "n’existe plus"),
    "temp.unreadable": ("cannot be checked", "ne peut pas être vérifié"),
    "temp.not-a-file": ("not a regular file", "pas un fichier ordinaire"),
    "temp.not-owner": ("belongs to another user", "appartient à un autre utilisateur"),
    "temp.recent": ("changed too recently", "modifié trop récemment"),
    "temp.not-core-dump": ("named like a core dump but is not one", "nommé comme un vidage mémoire (core dump) mais n’en est pas un"),
    "temp.app-running": ("its program is running", "son programme est ouvert"),
    "temp.open": ("open by a running program", "ouvert par un programme en cours"),
    "temp.never": ("never deleted by Cleanup Desktop (size reported only)",
                   "jamais supprimé par Cleanup Desktop (taille indiquée seulement)"),
    "temp.user-data": ("your own files: review them yourself (size reported only)",
                       "vos propres fichiers : vérifiez-les vous-même (taille indiquée seulement)"),
    # --- why an item cannot be selected (core.disk.selection) ---
    "select.reference-folder": ("it is inside the reference folder {folder}",
                                "il est dans le dossier de référence {folder}"),
    "select.last-copy": ("it is the last copy of this file: one copy always stays",
                         "c’est la dernière copie de ce fichier : une copie reste toujours"),
    "select.not-in-scan": ("it is not part of the scan result", "il ne fait pas partie du résultat de l’analyse"),
    "select.app-running": ("its application is running ({app}): close it first",
                           "son application est ouverte ({app}) : fermez-la d’abord"),
    # --- re-checks of a file just before an action (core.disk.actions) ---
    "skip.folder-now-symlink": ("the folder {folder} was replaced by a symbolic link",
                                "le dossier {folder} a été remplacé par un lien symbolique"),
    "skip.folder-now-link": ("the folder {folder} was replaced by a link", "le dossier {folder} a été remplacé par un lien"),
    "skip.not-folder-now": ("{folder} is no longer a folder", "{folder} n’est plus un dossier"),
    "skip.folder-gone": ("the folder {folder} no longer exists", "le dossier {folder} n’existe plus"),
    "skip.file-now-symlink": ("the file was replaced by a symbolic link", "le fichier a été remplacé par un lien symbolique"),
    "skip.not-regular-now": ("it is no longer a regular file", "ce n’est plus un fichier ordinaire"),
    "skip.no-identity": ("the plan does not say which file this is (no device and file number)",
                         "le plan ne dit pas de quel fichier il s’agit (ni périphérique ni numéro de fichier)"),
    "skip.file-replaced": ("the file was replaced by another file since the scan",
                           "le fichier a été remplacé par un autre depuis l’analyse"),
    "skip.size-changed": ("its size changed since the scan ({old} -> {new} bytes)",
                          "sa taille a changé depuis l’analyse ({old} -> {new} octets)"),
    "skip.modified": ("it was modified since the scan", "il a été modifié depuis l’analyse"),
    "skip.unreadable": ("it can no longer be read ({error})", "il ne peut plus être lu ({error})"),
    "skip.replaced-while-checked": ("the file was replaced by another file while being checked",
                                    "le fichier a été remplacé par un autre pendant la vérification"),
    "skip.content-changed": ("its content changed since the scan", "son contenu a changé depuis l’analyse"),
    "skip.gone-not-in-trash": ("the file is gone and not in the trash: it was removed outside this run",
                               "le fichier a disparu et n’est pas dans la corbeille : il a été supprimé en dehors de ce nettoyage"),
    "skip.permanent-unconfirmed": ("permanent deletion was not confirmed (use --permanent)",
                                   "la suppression définitive n’a pas été confirmée (utilisez --permanent)"),
    "skip.file-gone": ("the file no longer exists", "le fichier n’existe plus"),
    "skip.app-running": ("{app} is running ({processes}): close it and run the plan again",
                         "{app} est ouvert ({processes}) : fermez-le et relancez le nettoyage"),
    "skip.file-open": ("the file is open in another program", "le fichier est ouvert dans un autre programme"),
    "skip.file-locked": ("the file is open in another program (locked); close it and run the plan again",
                         "le fichier est ouvert dans un autre programme (verrouillé) ; fermez-le et relancez le nettoyage"),
    "skip.folder-replaced-while-checked": ("its folder was replaced while it was being checked",
                                           "son dossier a été remplacé pendant la vérification"),
    "skip.gone-while-checked": ("the file disappeared while it was being checked",
                                "le fichier a disparu pendant la vérification"),
    "skip.replaced-while-checked-2": ("the file was replaced while it was being checked",
                                      "le fichier a été remplacé pendant la vérification"),
    "skip.root-unopenable": ("the scanned folder {folder} cannot be opened ({error})",
                             "le dossier analysé {folder} ne peut pas être ouvert ({error})"),
    "skip.root-replaced": ("the scanned folder {folder} is not the folder that was scanned any more",
                           "le dossier analysé {folder} n’est plus le dossier qui a été analysé"),
    "skip.local-now": ("it is on this disk now, not online-only as the plan says: scan again",
                       "il est maintenant sur ce disque, et non disponible en ligne uniquement comme le dit le plan : relancez l'analyse"),
    "skip.online-only-now": ("it is an online-only cloud file now: deleting it would delete it from the cloud; scan again",
                             "c'est maintenant un fichier cloud disponible en ligne uniquement : le supprimer le supprimerait du cloud ; relancez l'analyse"),
    "skip.whole-group": ("{reason} (whole group skipped)", "{reason} (tout le groupe est ignoré)"),
    # the copy kept of a duplicate group
    "keep.now-symlink": ("the kept copy {path} was replaced by a symbolic link",
                         "la copie conservée {path} a été remplacée par un lien symbolique"),
    "keep.gone": ("the kept copy {path} no longer exists", "la copie conservée {path} n’existe plus"),
    "keep.unreadable": ("the kept copy {path} cannot be read ({error})", "la copie conservée {path} ne peut pas être lue ({error})"),
    "keep.not-regular": ("the kept copy {path} is no longer a regular file",
                         "la copie conservée {path} n’est plus un fichier ordinaire"),
    "keep.same-file": ("the kept copy {path} now leads to this very file", "la copie conservée {path} mène maintenant à ce même fichier"),
    "keep.indistinct": ("the kept copy {path} cannot be told apart from this file",
                        "la copie conservée {path} ne peut pas être distinguée de ce fichier"),
    "keep.size-changed": ("the kept copy {path} changed size", "la copie conservée {path} a changé de taille"),
    "keep.content-changed": ("the kept copy {path} no longer has the same content",
                             "la copie conservée {path} n’a plus le même contenu"),
    # --- folders, links and similar photos (core.disk.folder_actions) ---
    "skip.no-item-identity": ("the plan does not say which item this is (no device and file number)",
                              "le plan ne dit pas de quel élément il s’agit (ni périphérique ni numéro de fichier)"),
    "skip.folder-replaced": ("the folder was replaced by another one since the scan",
                             "le dossier a été remplacé par un autre depuis l’analyse"),
    "skip.link-replaced": ("the link was replaced by another one since the scan",
                           "le lien a été remplacé par un autre depuis l’analyse"),
    "skip.folder-item-gone": ("the folder no longer exists", "le dossier n’existe plus"),
    "skip.link-gone": ("the link no longer exists", "le lien n’existe plus"),
    "skip.scanned-folder-itself": ("a folder is removed only inside a scanned folder, never the scanned folder itself",
                                   "un dossier n’est retiré qu’à l’intérieur d’un dossier analysé, jamais le dossier analysé lui-même"),
    "skip.no-longer-folder": ("it is no longer a folder (a link or a file took its place)",
                              "ce n’est plus un dossier (un lien ou un fichier a pris sa place)"),
    "skip.folder-not-empty": ("the folder is no longer empty", "le dossier n’est plus vide"),
    "skip.no-kept-folder": ("the plan names no kept folder", "le plan ne nomme aucun dossier conservé"),
    "skip.kept-folder-gone": ("the kept folder {path} no longer exists", "le dossier conservé {path} n’existe plus"),
    "skip.kept-folder-not-folder": ("the kept folder {path} is no longer a folder",
                                    "le dossier conservé {path} n’est plus un dossier"),
    "skip.kept-folder-same": ("the kept folder now leads to this very folder",
                              "le dossier conservé mène maintenant à ce même dossier"),
    "skip.kept-folder-nested": ("the kept folder and this folder lie inside one another",
                                "le dossier conservé et ce dossier sont l’un dans l’autre"),
    "skip.kept-folder-changed": ("the kept folder {path} no longer has the same content",
                                 "le dossier conservé {path} n’a plus le même contenu"),
    "skip.folder-content-changed": ("the folder's content changed since the scan",
                                    "le contenu du dossier a changé depuis l’analyse"),
    "skip.not-link-now": ("it is no longer a symbolic link", "ce n’est plus un lien symbolique"),
    "skip.link-retargeted": ("the link now points somewhere else", "le lien pointe maintenant ailleurs"),
    "skip.link-works": ("the link works again (its target exists)", "le lien fonctionne de nouveau (sa cible existe)"),
    "skip.link-target-unplugged": ("its target is on a volume that is not plugged in",
                                   "sa cible est sur un volume qui n’est pas branché"),
    "skip.replaced-while-checked-3": ("it was replaced while it was being checked", "il a été remplacé pendant la vérification"),
    "skip.no-kept-photo": ("the plan names no kept photo", "le plan ne nomme aucune photo conservée"),
    "skip.kept-photo-gone": ("the kept photo {path} no longer exists (whole group skipped)",
                             "la photo conservée {path} n’existe plus (tout le groupe est ignoré)"),
    "skip.kept-photo-not-regular": ("the kept photo {path} is no longer a regular file",
                                    "la photo conservée {path} n’est plus un fichier ordinaire"),
    "skip.kept-photo-changed": ("the kept photo {path} changed since the scan",
                                "la photo conservée {path} a changé depuis l’analyse"),
    "skip.kept-photo-same": ("the kept photo now leads to this very file", "la photo conservée mène maintenant à ce même fichier"),
    # --- the trash (core.disk.trash) ---
    "trash.no-usable-trash": ("this drive has no trash folder this account may use",
                              "ce disque n’a pas de corbeille utilisable par ce compte"),
    "trash.read-only": ("the drive is read-only", "le disque est en lecture seule"),
    "trash.permission-denied": ("permission denied", "permission refusée"),
    "trash.no-space": ("no space left for the trash", "plus de place pour la corbeille"),
    "trash.move-failed": ("could not move to the trash: {error}; the file was left in place",
                          "impossible de le mettre à la corbeille : {error} ; le fichier est resté en place"),
    "trash.delete-failed": ("could not delete: {error}", "impossible de le supprimer : {error}"),
    "trash.not-ours": ("its journal record does not point into this trash (edited?): left alone",
                       "sa ligne de journal ne désigne pas un élément de cette corbeille (modifiée ?) : rien n'est touché"),
    "trash.entry-gone": ("no longer in the trash", "n'est plus dans la corbeille"),
    "trash.entry-other": ("the trash entry of that name is another item now",
                          "l'entrée de corbeille de ce nom est maintenant un autre élément"),
    "trash.entry-link": ("the trash entry of that name is a link now", "l'entrée de corbeille de ce nom est maintenant un lien"),
    "trash.entry-lost": ("the file was moved to the trash but its trash entry could not be found",
                         "le fichier a été mis à la corbeille mais son entrée de corbeille est introuvable"),
    "trash.entry-renamed": ("the trash entry's record does not name the original path any more",
                            "la fiche de l'entrée de corbeille ne nomme plus le chemin d'origine"),
    "trash.foreign-owner": ("its trash folder belongs to another user", "son dossier corbeille appartient à un autre utilisateur"),
    "trash.no-top": ("the top of its drive could not be found", "la racine de son disque est introuvable"),
    "trash.no-own-trash": ("this drive has no trash folder this account may use ({error})",
                           "ce disque n’a pas de corbeille utilisable par ce compte ({error})"),
    "trash.trash-elsewhere": ("this drive's trash folder is on another drive", "la corbeille de ce disque est sur un autre disque"),
    "trash.no-usable-trash-why": ("this drive has no usable trash folder ({error})", "ce disque n’a pas de corbeille utilisable ({error})"),
    "trash.gone-at-move": ("the file disappeared while it was being moved", "le fichier a disparu pendant son déplacement"),
    "trash.swapped-at-move": ("the file was replaced at the moment of the move: it was put back",
                              "le fichier a été remplacé au moment du déplacement : il a été remis en place"),
    "trash.no-trash-quarantine": ("this drive has no trash: items go to a quarantine folder",
                                  "ce disque n'a pas de corbeille : les éléments vont dans un dossier de quarantaine"),
    "trash.quarantine-because": ("{why}: items go to a quarantine folder", "{why} : les éléments vont dans un dossier de quarantaine"),
    "trash.no-quarantine": ("this drive has no trash folder this account may use, and no quarantine folder could be made in {folder} ({error})",
                            "ce disque n'a pas de corbeille utilisable par ce compte, et aucun dossier de quarantaine n'a pu être créé dans {folder} ({error})"),
    "trash.other-drive": ("it is on another drive than the scanned folder", "il est sur un autre disque que le dossier analysé"),
    "trash.quarantine-not-ours": ("its quarantine folder is a link or belongs to another user",
                                  "son dossier de quarantaine est un lien ou appartient à un autre utilisateur"),
    "trash.quarantine-record": ("its quarantine record is gone or names another item",
                                "sa fiche de quarantaine a disparu ou désigne un autre élément"),
    "trash.network-drive": ("network drive: it has no Recycle Bin", "lecteur réseau : il n'a pas de Corbeille"),
    "trash.no-recyclebin": ("this drive has no Recycle Bin", "ce disque n'a pas de Corbeille"),
    "trash.recyclebin-off": ("the Recycle Bin is turned off on this drive", "la Corbeille est désactivée sur ce disque"),
    "trash.too-large": ("the item is larger than this drive's Recycle Bin", "l'élément est plus grand que la Corbeille de ce disque"),
    "trash.recyclebin-refused": ("the Recycle Bin refused it ({error})", "la Corbeille l'a refusé ({error})"),
    "trash.recyclebin-left": ("the Recycle Bin did not take it; it was left in place",
                              "la Corbeille ne l'a pas pris ; il est resté en place"),
    "trash.recyclebin-entry-lost": ("moved to the Recycle Bin, but its entry could not be found: restore it from the Recycle Bin",
                                    "placé dans la Corbeille, mais son entrée est introuvable : restaurez-le depuis la Corbeille"),
    "trash.recyclebin-record-gone": ("its Recycle Bin record ($I) is gone or unreadable",
                                     "sa fiche de Corbeille ($I) a disparu ou est illisible"),
    "trash.recyclebin-record-other": ("the Recycle Bin record ($I) of that name is another item now",
                                      "la fiche de Corbeille ($I) de ce nom est maintenant celle d'un autre élément"),
    "trash.mac-refused": ("the Trash refused it ({error})", "la Corbeille l'a refusé ({error})"),
    "trash.mac-elsewhere": ("moved to the Trash, but not where the system said: restore it from the Trash",
                            "placé dans la Corbeille, mais pas là où le système l'a dit : restaurez-le depuis la Corbeille"),
    "trash.mac-other": ("moved to the Trash, but the item there is not the file: restore it from the Trash",
                        "placé dans la Corbeille, mais l'élément qui s'y trouve n'est pas le fichier : restaurez-le depuis la Corbeille"),
    "trash.online-only-notice": (
        "online-only cloud files are deleted from the cloud and skip the local trash: the provider's own recycle bin is the way back",
        "les fichiers cloud disponibles en ligne uniquement sont supprimés du cloud sans passer par la corbeille locale : "
        "la corbeille du fournisseur permet de les récupérer"),
    # notes beside a done action
    "note.cloud-deleted": ("deleted from the cloud: the provider's own recycle bin is the way back",
                           "supprimé du cloud : la corbeille du fournisseur permet de le récupérer"),
    # --- putting items back from the trash (undo) ---
    "restore.bad-path": ("its recorded path is not a plain path", "son chemin enregistré n’est pas un chemin simple"),
    "restore.folder-replaced": ("{folder} was replaced by a link or a file", "{folder} a été remplacé par un lien ou un fichier"),
    "restore.dirs-mismatch": ("its recorded folders do not match its path", "les dossiers enregistrés ne correspondent pas à son chemin"),
    "restore.folder-changed-identity": ("the folder {folder} is not the folder it came from any more",
                                        "le dossier {folder} n’est plus le dossier d’où il venait"),
    "restore.folder-changed": ("the folder {folder} changed while it was being restored",
                               "le dossier {folder} a changé pendant la restauration"),
    "restore.trash-foreign": ("the trash folder belongs to another user", "le dossier corbeille appartient à un autre utilisateur"),
    "restore.other-drive": ("its original folder is now on another drive: restore it from the trash",
                            "son dossier d’origine est maintenant sur un autre disque : restaurez-le depuis la corbeille"),
    "restore.folder-removed": ("its folder was removed while it was being restored",
                               "son dossier a été supprimé pendant la restauration"),
    "restore.stays-in-trash": ("{why}: nothing was restored, it stays in the trash",
                               "{why} : rien n’a été restauré, l’élément reste dans la corbeille"),
    # --- mail: connecting (core.mail.errors) ---
    "mail.the-server": ("the mail server", "le serveur de messagerie"),
    "mail.dns": ("Cannot find the mail server '{host}': check the server name and your internet connection.",
                 "Serveur de messagerie « {host} » introuvable : vérifiez le nom du serveur et votre connexion internet."),
    "mail.untrusted": ("The certificate of {where} is not trusted ({error}).",
                       "Le certificat de {where} n’est pas reconnu comme sûr ({error})."),
    "mail.tls": ("Secure connection to {where} failed ({error}). Check the port and the security setting "
                 "(SSL/TLS on 993, STARTTLS on 143).",
                 "La connexion sécurisée à {where} a échoué ({error}). Vérifiez le port et le réglage de sécurité "
                 "(SSL/TLS sur 993, STARTTLS sur 143)."),
    "mail.refused": ("The mail server {where} refused the connection: it is down or the port is wrong.",
                     "Le serveur de messagerie {where} a refusé la connexion : il est arrêté ou le port est faux."),
    "mail.timeout": ("The mail server {where} did not answer in time.", "Le serveur de messagerie {where} n’a pas répondu à temps."),
    "mail.cut": ("The connection to {where} was cut. Nothing was changed by the cut; try again.",
                 "La connexion à {where} a été coupée. La coupure n’a rien modifié ; réessayez."),
    "mail.unreachable": ("The mail server {where} cannot be reached from this network.",
                         "Le serveur de messagerie {where} est injoignable depuis ce réseau."),
    "mail.cut-why": ("The connection to {where} was cut ({error}). Nothing was lost; try again.",
                     "La connexion à {where} a été coupée ({error}). Rien n’a été perdu ; réessayez."),
    "mail.auth": ("Sign-in to {where} failed: wrong user name or password ({error}).",
                  "La connexion à {where} a échoué : nom d’utilisateur ou mot de passe incorrect ({error})."),
    "mail.other": ("Mail server {where}: {error}", "Serveur de messagerie {where} : {error}"),
    "mail.bad-fingerprint": ("A certificate fingerprint is 64 hexadecimal digits (SHA-256), e.g. AB:CD:...",
                             "Une empreinte de certificat compte 64 chiffres hexadécimaux (SHA-256), par ex. AB:CD:..."),
    "mail.bad-security": ("Unknown security mode '{mode}' (use ssl, starttls or insecure-plain).",
                          "Mode de sécurité « {mode} » inconnu (utilisez ssl, starttls ou insecure-plain)."),
    "mail.plain-not-local": ("Unencrypted IMAP is only allowed to this computer (localhost); use ssl or starttls.",
                             "L’IMAP non chiffré n’est permis que vers cet ordinateur (localhost) ; utilisez ssl ou starttls."),
    "mail.no-starttls": ("{where} does not offer STARTTLS; try security ssl on port 993.",
                         "{where} ne propose pas STARTTLS ; essayez la sécurité ssl sur le port 993."),
    "mail.fingerprint-hint": (" Its SHA-256 fingerprint is {fingerprint}: if you trust this server, pass --trust-fingerprint {fingerprint}.",
                              " Son empreinte SHA-256 est {fingerprint} : si vous faites confiance à ce serveur, passez --trust-fingerprint {fingerprint}."),
    "mail.untrusted-hint": ("The certificate of {where} is not trusted ({error}).{hint}",
                            "Le certificat de {where} n’est pas reconnu comme sûr ({error}).{hint}"),
    "mail.fingerprint-changed": ("The certificate of {where} does not match the trusted fingerprint (it is {fingerprint}). "
                                 "Do not continue unless the server's certificate was changed on purpose.",
                                 "Le certificat de {where} ne correspond pas à l’empreinte de confiance (c’est {fingerprint}). "
                                 "Ne continuez pas, sauf si le certificat du serveur a été changé volontairement."),
    "mail.no-secret": ("No password or sign-in token was given for this account.",
                       "Aucun mot de passe ni jeton de connexion n’a été donné pour ce compte."),
    "mail.cut-at-sign-in": ("The connection to {where} was lost during sign-in (a network error, not a wrong password); "
                            "nothing was changed, try again.",
                            "La connexion à {where} a été perdue pendant l’identification (une erreur réseau, pas un mauvais "
                            "mot de passe) ; rien n’a été modifié, réessayez."),
    "mail.token-refused": ("Sign-in to {where} with the OAuth token was refused; sign in again (the token may have expired "
                           "or lack IMAP access). Server said: {error}",
                           "La connexion à {where} avec le jeton OAuth a été refusée ; reconnectez-vous (le jeton a peut-être "
                           "expiré ou n’a pas l’accès IMAP). Réponse du serveur : {error}"),
    "mail.wrong-password": ("Sign-in to {where} failed: wrong user name or password. Server said: {error}",
                            "La connexion à {where} a échoué : nom d’utilisateur ou mot de passe incorrect. Réponse du serveur : {error}"),
    "mail.scan-stopped": ("The scan was stopped.", "L’analyse a été arrêtée."),
    "mail.one-threshold": ("All folders of one scan use the same attachment threshold.",
                           "Tous les dossiers d’une analyse utilisent le même seuil de pièces jointes."),
    "mail.no-such-folder": ("No such folder on the server: {folders}", "Dossier absent du serveur : {folders}"),
    "mail.no-uidplus-flag": ("this server lacks UIDPLUS: not flagging anything \\Deleted",
                             "ce serveur n’offre pas UIDPLUS : rien n’est marqué \\Deleted"),
    "mail.no-move-no-uidplus-short": ("this server offers neither MOVE nor UIDPLUS", "ce serveur n’offre ni MOVE ni UIDPLUS"),
    "mail.no-password": ("No password for {account}: save it in the app (mail-accounts set-password) or give it with "
                         "clean --password-env VAR.",
                         "Pas de mot de passe pour {account} : enregistrez-le dans l’application (mail-accounts set-password) "
                         "ou donnez-le avec clean --password-env VAR."),
    # --- mail: Exchange (EWS) and Microsoft 365 (Graph) connections ---
    "ews.domain-needs-mailbox": ("With a DOMAIN\\user name, also give the e-mail address of the mailbox.",
                                 "Avec un nom DOMAINE\\utilisateur, donnez aussi l’adresse e-mail de la boîte aux lettres."),
    "ews.no-user": ("An Exchange account needs a user name (DOMAIN\\user or user@domain).",
                    "Un compte Exchange a besoin d’un nom d’utilisateur (DOMAINE\\utilisateur ou utilisateur@domaine)."),
    "ews.bad-auth": ("Unknown Exchange sign-in method '{method}' (ntlm, basic or kerberos).",
                     "Méthode de connexion Exchange « {method} » inconnue (ntlm, basic ou kerberos)."),
    "ews.bad-url": ("'{url}' is not a server address like https://mail.example.org/EWS/Exchange.asmx",
                    "« {url} » n’est pas une adresse de serveur comme https://mail.example.org/EWS/Exchange.asmx"),
    "ews.plain-not-local": ("Exchange over plain http is only allowed to this computer; use https.",
                            "Exchange en http simple n’est permis que vers cet ordinateur ; utilisez https."),
    "ews.the-server": ("the Exchange server", "le serveur Exchange"),
    "ews.no-passwords": ("{where} does not accept passwords for EWS: use the Microsoft 365 account type (Microsoft Graph) for this mailbox.", "{where} n’accepte pas de mot de passe pour EWS : utilisez le type de compte Microsoft 365 (Microsoft Graph) pour cette boîte aux lettres."),
    "ews.wrong-password": ("Sign-in to {where} failed: wrong user name or password (write the user as DOMAIN\\user or "
                           "user@domain, and check the sign-in method NTLM/basic).",
                           "La connexion à {where} a échoué : nom d’utilisateur ou mot de passe incorrect (écrivez l’utilisateur "
                           "sous la forme DOMAINE\\utilisateur ou utilisateur@domaine, et vérifiez la méthode de connexion NTLM/basic)."),
    "ews.forbidden": ("{where} refused EWS (403 Forbidden). If this is a Microsoft 365 mailbox, EWS is switched off there: "
                      "use the Microsoft 365 account type (Microsoft Graph) for this mailbox. Otherwise ask your IT whether EWS is allowed for you.",
                      "{where} a refusé EWS (403 Forbidden). Si c’est une boîte Microsoft 365, EWS y est désactivé : "
                      "utilisez le type de compte Microsoft 365 (Microsoft Graph) pour cette boîte aux lettres. Sinon, demandez à votre service informatique si EWS vous est permis."),
    "ews.busy": ("{where} is busy and asks to slow down; try again later.", "{where} est occupé et demande de ralentir ; réessayez plus tard."),
    "ews.autodiscover": ("The Exchange server for {mailbox} could not be found automatically: enter the server address "
                         "(ask IT for the EWS URL, e.g. https://mail.example.org/EWS/Exchange.asmx).",
                         "Le serveur Exchange de {mailbox} n’a pas pu être trouvé automatiquement : saisissez l’adresse du "
                         "serveur (demandez l’URL EWS au service informatique, par ex. https://mail.example.org/EWS/Exchange.asmx)."),
    "ews.no-mailbox": ("{where} has no mailbox for {mailbox}: check the e-mail address.",
                       "{where} n’a pas de boîte aux lettres pour {mailbox} : vérifiez l’adresse e-mail."),
    "ews.denied": ("{where} denied access to the mailbox {mailbox}.", "{where} a refusé l’accès à la boîte aux lettres {mailbox}."),
    "ews.untrusted": ("The certificate of {where} is not trusted. If your company uses its own certificate authority, give its "
                      "certificate file (PEM) as the CA file; never turn checking off.",
                      "Le certificat de {where} n’est pas reconnu comme sûr. Si votre entreprise a sa propre autorité de "
                      "certification, donnez son fichier de certificat (PEM) comme fichier CA ; ne désactivez jamais la vérification."),
    "ews.refused": ("The Exchange server {where} refused the connection: it is down or the address is wrong.",
                    "Le serveur Exchange {where} a refusé la connexion : il est arrêté ou l’adresse est fausse."),
    "ews.dns": ("Cannot find the Exchange server '{where}': check the address and your connection.",
                "Serveur Exchange « {where} » introuvable : vérifiez l’adresse et votre connexion."),
    "ews.timeout": ("The Exchange server {where} did not answer in time.", "Le serveur Exchange {where} n’a pas répondu à temps."),
    "ews.other": ("Exchange server {where}: {error}", "Serveur Exchange {where} : {error}"),
    "ews.no-password": ("No password for {user} on {host}.", "Pas de mot de passe pour {user} sur {host}."),
    "ews.no-kerberos": ("Kerberos sign-in needs the requests-gssapi package, which is not installed: choose NTLM.",
                        "La connexion Kerberos demande le paquet requests-gssapi, qui n’est pas installé : choisissez NTLM."),
    "ews.no-folders": ("{host} did not show the mailbox's folders.", "{host} n’a pas montré les dossiers de la boîte aux lettres."),
    "graph.dns": ("Cannot find '{host}': check your internet connection.", "« {host} » introuvable : vérifiez votre connexion internet."),
    "graph.down": ("Cannot connect to {host}: {error}.", "Impossible de se connecter à {host} : {error}."),
    "graph.timeout": ("{host} did not answer in time.", "{host} n’a pas répondu à temps."),
    "graph.cut": ("The connection to {host} was cut. Nothing was lost; try again.",
                  "La connexion à {host} a été coupée. Rien n’a été perdu ; réessayez."),
    "graph.sign-in-refused": ("The Microsoft 365 sign-in was refused or has expired: sign in again ({error}).",
                              "La connexion Microsoft 365 a été refusée ou a expiré : reconnectez-vous ({error})."),
    "graph.no-client-id": ("A Microsoft 365 account needs the application (client) id your IT registered.",
                           "Un compte Microsoft 365 a besoin de l’identifiant d’application (client) enregistré par votre service informatique."),
    "graph.no-tenant": ("A Microsoft 365 account needs the tenant id (or 'organizations').",
                        "Un compte Microsoft 365 a besoin de l’identifiant de locataire (ou « organizations »)."),
    "graph.https-only": ("Microsoft Graph is only reached over https.", "Microsoft Graph n’est joint qu’en https."),
    "graph.authority-https": ("The sign-in service (authority) is an https:// address.",
                              "Le service de connexion (authority) est une adresse https://."),
    "graph.no-cafile": ("CA file not found: {path}", "Fichier CA introuvable : {path}"),
    "graph.bad-cafile": ("The CA file {path} cannot be read: {error}", "Le fichier CA {path} ne peut pas être lu : {error}"),
    "graph.no-token": ("No access token in the environment variable {var}.", "Aucun jeton d’accès dans la variable d’environnement {var}."),
    "mail.busy-too-long": ("{where} is busy and asked to slow down for too long; try again later (nothing was changed by the wait).",
                           "{where} est occupé et a demandé de ralentir trop longtemps ; réessayez plus tard (l’attente n’a rien modifié)."),
    # --- mail: why a message was left alone (core.mail.clean, core.mail.wiring) ---
    "mail.unsupported-kind": ("{kind} accounts are not supported", "les comptes {kind} ne sont pas pris en charge"),
    "mail.batch-stopped": ("the mail batch stopped before this message (connection lost); run the plan again",
                           "le lot de messages s’est arrêté avant ce message (connexion perdue) ; relancez le nettoyage"),
    "mail.no-move-no-uidplus": (
        "this server offers neither MOVE nor UIDPLUS: removing a message would need a plain EXPUNGE, which could "
        "also remove messages flagged \\Deleted elsewhere, so this folder cannot be cleaned safely on this server",
        "ce serveur n’offre ni MOVE ni UIDPLUS : retirer un message demanderait un EXPUNGE simple, qui pourrait aussi "
        "effacer des messages marqués \\Deleted ailleurs ; ce dossier ne peut donc pas être nettoyé sans risque sur ce serveur"),
    "mail.no-uidplus": ("this server lacks UIDPLUS (UID EXPUNGE): deleting exactly these messages is not possible",
                        "ce serveur n’offre pas UIDPLUS (UID EXPUNGE) : impossible de supprimer exactement ces messages"),
    "mail.no-delete-right": ("you have no right to delete messages in '{folder}' (rights: {rights})",
                             "vous n’avez pas le droit de supprimer des messages dans « {folder} » (droits : {rights})"),
    "mail.no-trash": ("no Trash folder found on the server: choose 'delete permanently' or create a Trash folder",
                      "aucun dossier Corbeille sur le serveur : choisissez « supprimer définitivement » ou créez un dossier Corbeille"),
    "mail.already-in-trash": ("already in the Trash folder", "déjà dans le dossier Corbeille"),
    "mail.already-in-deleted-items": ("already in Deleted Items", "déjà dans les Éléments supprimés"),
    "mail.uidvalidity": ("folder '{folder}' changed on the server since the scan (UIDVALIDITY): scan again before cleaning it",
                         "le dossier « {folder} » a changé sur le serveur depuis l’analyse (UIDVALIDITY) : relancez l’analyse avant de le nettoyer"),
    "mail.changed": ("the message changed since the scan: left alone", "le message a changé depuis l’analyse : il est laissé tel quel"),
    "mail.flagged": ("the message was flagged (starred) since the scan: left alone",
                     "le message a été marqué d’un drapeau (suivi) depuis l’analyse : il est laissé tel quel"),
    "mail.flagged-follow-up": ("the message was flagged for follow-up since the scan: left alone",
                               "le message a été marqué pour suivi depuis l’analyse : il est laissé tel quel"),
    "mail.keep-folder-gone": ("the copy to keep (folder '{folder}') is no longer on the server: not removing what may be the last copy",
                              "la copie à conserver (dossier « {folder} ») n’est plus sur le serveur : rien n’est retiré, ce pourrait être la dernière copie"),
    "mail.keep-not-keeping-folder": (
        "the copy to keep is in '{folder}', which is not a folder that keeps mail (Trash, Junk, Drafts, virtual or shared): "
        "not removing what may be the last copy",
        "la copie à conserver est dans « {folder} », qui n’est pas un dossier où le courrier reste (corbeille, indésirables, "
        "brouillons, dossier virtuel ou partagé) : rien n’est retiré, ce pourrait être la dernière copie"),
    "mail.keep-unreadable": ("the copy to keep (folder '{folder}') cannot be read: left alone",
                             "la copie à conserver (dossier « {folder} ») ne peut pas être lue : laissé tel quel"),
    "mail.keep-gone-imap": ("the copy to keep is gone, changed or flagged \\Deleted: not removing what may be the last copy",
                            "la copie à conserver a disparu, a changé ou est marquée \\Deleted : rien n’est retiré, ce pourrait être la dernière copie"),
    "mail.keep-gone": ("the copy to keep is gone or changed: not removing what may be the last copy",
                       "la copie à conserver a disparu ou a changé : rien n’est retiré, ce pourrait être la dernière copie"),
    "mail.keep-in-deleted-items": ("the copy to keep is in Deleted Items: not removing what may be the last copy",
                                   "la copie à conserver est dans les Éléments supprimés : rien n’est retiré, ce pourrait être la dernière copie"),
    "mail.content-changed": ("the message's content changed since the scan: left alone",
                             "le contenu du message a changé depuis l’analyse : il est laissé tel quel"),
    "mail.keep-content-changed": ("the copy to keep no longer has the same content: not removing what may be the last copy",
                                  "la copie à conserver n’a plus le même contenu : rien n’est retiré, ce pourrait être la dernière copie"),
    "mail.gone": ("the message is no longer in the folder (moved or deleted elsewhere)",
                  "le message n’est plus dans le dossier (déplacé ou supprimé ailleurs)"),
    "mail.not-removed": ("the server did not remove the message (still in the folder)",
                         "le serveur n’a pas retiré le message (il est toujours dans le dossier)"),
    "mail.not-in-trash-after": ("moved, but not found in '{folder}' afterwards", "déplacé, mais introuvable ensuite dans « {folder} »"),
    "mail.server-refused": ("the server refused: {error}", "le serveur a refusé : {error}"),
    "mail.not-ours": ("not the message this app moved: left alone", "ce n’est pas le message que cette application a déplacé : laissé tel quel"),
    "mail.not-ours-deleted-items": ("not the message this app moved to Deleted Items: left alone",
                                    "ce n’est pas le message que cette application a mis dans les Éléments supprimés : laissé tel quel"),
    "mail.kept-in-trash": ("the server kept it in Trash", "le serveur l’a gardé dans la Corbeille"),
    "mail.kept-in-deleted-items": ("the server kept it in Deleted Items", "le serveur l’a gardé dans les Éléments supprimés"),
    "mail.move-back-failed": ("could not move it back to '{folder}': {error}", "impossible de le remettre dans « {folder} » : {error}"),
    "mail.gone-from-trash": ("no longer in '{folder}' (emptied or moved elsewhere)", "n’est plus dans « {folder} » (vidé ou déplacé ailleurs)"),
    # --- refusals: what the plan may not ask for (core.run.guard; the refusal's own code, e.g.
    # "outside-roots", stays in the outcome's "code") ---
    "refused.not-absolute": ("its path is not an absolute path", "son chemin n’est pas un chemin absolu"),
    "refused.keep-not-absolute": ("its kept copy's path is not an absolute path",
                                  "le chemin de sa copie conservée n’est pas un chemin absolu"),
    "refused.bad-parts": ("its path has '..', '.' or empty parts", "son chemin contient « .. », « . » ou des parties vides"),
    "refused.keep-bad-parts": ("its kept copy's path has '..', '.' or empty parts",
                               "le chemin de sa copie conservée contient « .. », « . » ou des parties vides"),
    "refused.no-record": ("this plan was not made by this app for this user (no record of it): make it again from a scan",
                          "ce plan n’a pas été fait par cette application pour cet utilisateur (aucune trace) : refaites-le à partir d’une analyse"),
    "refused.outside-roots": ("the file is not inside a folder that was scanned", "le fichier n’est dans aucun dossier analysé"),
    "refused.keep-outside-roots": ("the kept copy is not inside a folder that was scanned",
                                   "la copie conservée n’est dans aucun dossier analysé"),
    "refused.temp-only": ("only temp files are planned in system temp folders",
                          "seuls des fichiers temporaires sont prévus dans les dossiers temporaires du système"),
    "refused.protected": ("it is in a system or program folder", "il est dans un dossier du système ou des programmes"),
    "refused.bad-keep": ("its kept copy is malformed", "sa copie conservée est mal décrite"),
    "refused.level-not-chosen": ("its safety level {level} was not chosen when the plan was made",
                                 "son niveau de sécurité {level} n’a pas été choisi quand le plan a été fait"),
    "refused.rule-mismatch": ("it does not match the temp-file rule it was planned with",
                              "il ne correspond plus à la règle de fichiers temporaires de son plan"),
    "refused.rule-level": ("its rule is level {level}, not {planned}", "sa règle est de niveau {level}, pas {planned}"),
    "refused.mail-account": ("its mail server or user is not the one the plan was made for",
                             "son serveur ou son utilisateur de messagerie n’est pas celui du plan"),
    "refused.other-account": ("the plan is for {user} on {host}, not for the account chosen for this run ({chosen_user} on {chosen_host})",
                              "le plan est pour {user} sur {host}, pas pour le compte choisi pour ce nettoyage ({chosen_user} sur {chosen_host})"),
    # --- undo and empty-trash of a run (core.run.undo) ---
    "undo.no-trash-lookup": ("this system does not let applications find items back in its trash; open the trash to restore them",
                             "ce système ne permet pas aux applications de retrouver les éléments dans sa corbeille ; ouvrez la corbeille pour les restaurer"),
    "undo.no-backend-restore": ("no part of this app can restore this item: open the trash",
                                "aucune partie de cette application ne peut restaurer cet élément : ouvrez la corbeille"),
    "undo.no-backend-empty": ("no part of this app can empty this item: open the trash",
                              "aucune partie de cette application ne peut vider cet élément : ouvrez la corbeille"),
    "undo.mail-by-hand": ("restore or empty this message from the mailbox's Trash folder",
                          "restaurez ou videz ce message depuis le dossier Corbeille de la messagerie"),
    # --- why a sheet file was rejected (core.sheets.read, model, flat, compare, aggregate) ---
    "sheet.not-one": ("the file holds {count} sheets; expected one", "le fichier contient {count} fiches ; une seule attendue"),
    "sheet.too-large": ("file too large for a sheet ({size} MB > {cap} MB)", "fichier trop gros pour une fiche ({size} Mo > {cap} Mo)"),
    "sheet.too-large-grew": ("file too large for a sheet (> {cap} MB)", "fichier trop gros pour une fiche (> {cap} Mo)"),
    "sheet.unreadable": ("cannot read the file: {error}", "impossible de lire le fichier : {error}"),
    "sheet.unlistable": ("cannot list the folder: {error}", "impossible de lister le dossier : {error}"),
    "sheet.empty": ("the file is empty", "le fichier est vide"),
    "sheet.binary": ("not a sheet format the app writes (JSON, CSV, XLSX, PDF): binary content",
                     "pas un format de fiche écrit par l'application (JSON, CSV, XLSX, PDF) : contenu binaire"),
    "sheet.unknown-format": ("not a sheet format the app writes (JSON, CSV, XLSX, PDF or the INR block)",
                             "pas un format de fiche écrit par l'application (JSON, CSV, XLSX, PDF ou le bloc INR)"),
    "sheet.bad-number": ("{value} is not a number a sheet can hold", "{value} n'est pas un nombre qu'une fiche peut contenir"),
    "sheet.json-deep": ("JSON nested too deeply (more than {limit} levels)", "JSON trop imbriqué (plus de {limit} niveaux)"),
    "sheet.bad-json": ("not valid JSON ({error})", "JSON invalide ({error})"),
    "sheet.inr-without-sheet": (
        "an INR DCD-Bilan file without the Cleanup Desktop sheet it was made from (an organiser's national file, "
        "or written by another tool): nothing to verify it against",
        "un fichier DCD-Bilan de l'INR sans la fiche Cleanup Desktop dont il est issu : rien pour le vérifier"),
    "sheet.inr-disagrees": ("the INR block's figures (donnees) disagree with the sheet it carries: edited by hand?",
                            "les chiffres du bloc INR (donnees) ne correspondent pas à la fiche qu'il contient : modifiés à la main ?"),
    "sheet.bad-csv": ("not a readable CSV file ({error})", "fichier CSV illisible ({error})"),
    "sheet.csv-no-schema": ("not a Cleanup Desktop sheet (no 'schema' header row)",
                            "pas une fiche Cleanup Desktop (pas de ligne d'en-tête « schema »)"),
    "sheet.csv-no-row": ("the CSV file has no data row", "le fichier CSV n'a aucune ligne de données"),
    "sheet.csv-row": ("{row}: {reason}", "{row} : {reason}"),
    "sheet.xlsx-no-data": ("an XLSX file without Cleanup Desktop sheet data (an organiser's workbook or another spreadsheet)",
                           "un fichier XLSX sans données de fiche Cleanup Desktop (un classeur d'organisateur ou un autre tableur)"),
    "sheet.bad-xlsx": ("not a readable XLSX file ({error})", "fichier XLSX illisible ({error})"),
    "sheet.xlsx-parts": ("XLSX rejected: {count} parts (at most {limit})", "XLSX rejeté : {count} parties ({limit} au plus)"),
    "sheet.xlsx-bomb": ("XLSX rejected: it would unpack to {size} MB (at most {limit} MB): a zip bomb or not a sheet",
                        "XLSX rejeté : il se décompresserait en {size} Mo ({limit} Mo au plus) : une bombe zip ou pas une fiche"),
    "sheet.damaged-xlsx": ("damaged XLSX file ({error})", "fichier XLSX endommagé ({error})"),
    "sheet.xlsx-no-workbook": ("not a readable XLSX file (no workbook part)", "fichier XLSX illisible (pas de partie classeur)"),
    "sheet.xlsx-strings": ("XLSX rejected: more than {limit} shared strings", "XLSX rejeté : plus de {limit} chaînes partagées"),
    "sheet.xlsx-rows": ("XLSX rejected: more than {limit} rows", "XLSX rejeté : plus de {limit} lignes"),
    "sheet.number-range": ("a number is out of range", "un nombre est hors limites"),
    "sheet.bad-pdf": ("not a readable PDF file ({error})", "fichier PDF illisible ({error})"),
    "sheet.pdf-no-sheet": ("a PDF without the sheet attached (not written by Cleanup Desktop, or printed or re-saved by "
                           "another program): cannot be read as figures",
                           "un PDF sans la fiche jointe (pas écrit par Cleanup Desktop, ou imprimé ou réenregistré par un autre "
                           "programme) : ses chiffres ne peuvent pas être lus"),
    "sheet.pdf-too-large": ("the PDF's attached sheet is too large", "la fiche jointe au PDF est trop grosse"),
    "sheet.pdf-not-text": ("the PDF's attached sheet is not text", "la fiche jointe au PDF n'est pas du texte"),
    "sheet.not-text": ("{what} must be a text", "{what} doit être un texte"),
    "sheet.too-long": ("{what} is longer than {limit} characters", "{what} dépasse {limit} caractères"),
    "sheet.not-date": ("{what} is not a date (YYYY-MM-DD): {value}", "{what} n'est pas une date (AAAA-MM-JJ) : {value}"),
    "sheet.not-time": ("{what} is not an ISO 8601 time: {value}", "{what} n'est pas une heure ISO 8601 : {value}"),
    "sheet.not-count": ("{what} must be a non-negative whole number, got {value}",
                        "{what} doit être un nombre entier positif ou nul, reçu {value}"),
    "sheet.not-amount": ("{what} must be a non-negative number, got {value}", "{what} doit être un nombre positif ou nul, reçu {value}"),
    "sheet.out-of-range": ("{what} is out of range ({value} > 10^18)", "{what} hors limites ({value} > 10^18)"),
    "sheet.no-object": ("'{key}' is missing or not an object", "« {key} » manque ou n'est pas un objet"),
    "sheet.unknown-entries": ("'{key}' has unknown entries: {entries}", "« {key} » a des entrées inconnues : {entries}"),
    "sheet.not-object": ("'{key}' must be an object", "« {key} » doit être un objet"),
    "sheet.null-or-object": ("'{key}' must be null or an object", "« {key} » doit être null ou un objet"),
    "sheet.unknown-device": ("'{key}' has an unknown device {device}", "« {key} » a un équipement inconnu {device}"),
    "sheet.method": ("method: {error}", "méthode : {error}"),
    "sheet.not-object-doc": ("not a sheet (expected a JSON object)", "pas une fiche (un objet JSON était attendu)"),
    "sheet.newer": ("sheet schema {schema} is newer than this app reads ({known})",
                    "schéma de fiche {schema} plus récent que ce que cette application lit ({known})"),
    "sheet.not-ours": ("not a Cleanup Desktop sheet (schema {schema}, expected {known})",
                       "pas une fiche Cleanup Desktop (schéma {schema}, {known} attendu)"),
    "sheet.bad-id": ("sheet_id must be a UUID, got {value}", "sheet_id doit être un UUID, reçu {value}"),
    "sheet.go-bytes": ("unit.go_bytes must be {expected} (1 Go = 10^9 bytes), got {value}",
                       "unit.go_bytes doit valoir {expected} (1 Go = 10^9 octets), reçu {value}"),
    "sheet.unknown-env": ("by_environment has an unknown environment {env}", "by_environment a un environnement inconnu {env}"),
    "sheet.measurements": ("'measurements' must be a list of at most 50 entries", "« measurements » doit être une liste de 50 entrées au plus"),
    "sheet.measurements-bad": ("measurements/declared: {error}", "measurements/declared : {error}"),
    "sheet.no-created": ("'created' is missing", "« created » manque"),
    "sheet.column-number": ("column {column}: not a number: {value}", "colonne {column} : pas un nombre : {value}"),
    "sheet.column-json": ("column {column}: not valid JSON", "colonne {column} : JSON invalide"),
    "sheet.flat-not-ours": ("not a Cleanup Desktop sheet (no 'schema' and 'sheet_id' columns)",
                            "pas une fiche Cleanup Desktop (pas de colonnes « schema » et « sheet_id »)"),
    "sheet.summary-unreadable": ("cannot read {path}: {error}", "impossible de lire {path} : {error}"),
    "sheet.not-summary": ("{path} is not a summary.json written by cleanup-desktop aggregate",
                          "{path} n'est pas un summary.json écrit par cleanup-desktop aggregate"),
    "sheet.summary-total": ("{path}: totals.{key} is missing or not a number", "{path} : totals.{key} manque ou n'est pas un nombre"),
    "sheet.no-event": ("no event number: it cannot be told apart from other events' sheets, so it is not added to event {event}",
                       "sans numéro d'événement : impossible de la distinguer des fiches d'autres événements, elle n'est donc "
                       "pas ajoutée à l'événement {event}"),
    "sheet.other-event": ("sheet of event {event}, not {chosen}", "fiche de l'événement {event}, pas {chosen}"),
    # --- run-level (core.run.execute) ---
    "run.already-done": ("already done by run {run}", "déjà fait par le nettoyage {run}"),
    "run.cancelled": ("cancelled before this file was touched", "annulé avant que ce fichier soit touché"),
}


def _worded(value: Any, lang: str) -> Any:
    """A param as shown: a nested reason is worded in ``lang``; anything else as it is."""
    if isinstance(value, Reason):
        return value.word(lang)
    if isinstance(value, Mapping) and isinstance(value.get("code"), str) and value["code"] in REASONS:
        return word(value["code"], value.get("params") or {}, lang)
    return value


def word(code: str, params: Optional[Mapping[str, Any]] = None, lang: str = "en") -> str:
    """The reason ``code`` in ``lang`` with its ``params`` filled in."""
    values = {k: _worded(v, lang) for k, v in (params or {}).items()}
    return pick(REASONS, code, lang).format_map(values)


def _plain(value: Any) -> Any:
    return value.to_json() if isinstance(value, Reason) else value


class Reason(str):
    """A reason the engine gives: the English sentence (a ``str``) plus ``code`` and ``params``.

    It travels wherever the sentence went before (exceptions, outcomes, journal records), so the
    English texts users see are unchanged; faces that word it again read ``code``/``params``."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, **params: Any) -> "Reason":
        if code not in REASONS:
            raise KeyError(f"unknown reason code {code!r}")
        self = super().__new__(cls, word(code, params, "en"))
        self.code = code
        self.params = dict(params)
        return self

    def word(self, lang: str) -> str:
        return word(self.code, self.params, lang)

    def to_json(self) -> dict[str, Any]:
        """``{"code", "params"}``: what JSON outputs and journal records carry beside the text."""
        return {"code": self.code, "params": {k: _plain(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: Any) -> Optional["Reason"]:
        """The reason of a ``{"code", "params"}`` record; None when it is not a known one (old
        journals carry only the English text, a hand-edited file anything)."""
        if not isinstance(data, Mapping):
            return None
        code, params = data.get("code"), data.get("params") or {}
        if not isinstance(code, str) or code not in REASONS or not isinstance(params, Mapping):
            return None
        if not all(isinstance(k, str) for k in params) or placeholders(REASONS[code][0]) - set(params):
            return None
        inner = {k: (cls.from_json(v) or v) if isinstance(v, Mapping) else v for k, v in params.items()}
        return cls(code, **inner)

    def __reduce__(self) -> tuple[Any, ...]:  # pickling/copying keeps the code (a plain str would lose it)
        return (_rebuild, (self.code, self.params))


def _rebuild(code: str, params: dict[str, Any]) -> Reason:
    return Reason(code, **params)


def reason_fields(text: Union[str, None]) -> dict[str, Any]:
    """What a JSON record gains beside its English text: ``{"code", "params"}`` for a Reason,
    nothing for a plain text (an error the engine does not word itself)."""
    return text.to_json() if isinstance(text, Reason) else {}


def reason_of(exc: BaseException) -> Reason:
    """The reason an exception carries: the Reason it was raised with, else its text as the
    system's own words (``os-error``)."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Reason):
        return exc.args[0]
    if isinstance(exc, OSError) and isinstance(exc.strerror, Reason):
        return exc.strerror
    return os_error(str(exc) or type(exc).__name__)


def os_error(text: str) -> Reason:
    """An error the system words itself (its text is kept as it is, in every language)."""
    return Reason("os-error", error=text)
