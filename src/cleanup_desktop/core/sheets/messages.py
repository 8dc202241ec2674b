"""The core's message table for the files it writes (XLSX workbooks, summaries): every text
in English and French, looked up by key. The GUI translates through Qt; the core has no Qt,
so the files it writes are worded from here (``text(key, lang)``)."""

from __future__ import annotations

from cleanup_desktop.core.messages import Reason, lang_of, pick  # one table mechanism for the core (core.messages)

MESSAGES: dict[str, tuple[str, str]] = {
    # worksheet names (31 characters at most)
    "ws.sheet": ("My sheet", "Ma fiche"),
    "ws.impact": ("CO2e per line", "CO2e par ligne"),
    "ws.devices": ("Devices", "Équipements"),
    "ws.summary": ("Summary", "Synthèse"),
    "ws.teams": ("Teams", "Équipes"),
    "ws.participants": ("Participants", "Participants"),
    "ws.review": ("To review", "À vérifier"),
    "ws.rejected": ("Rejected", "Rejetés"),
    "ws.sources": ("Sources", "Sources"),
    # titles
    "title.sheet": ("Digital Cleanup Day: my measurement sheet", "Digital Cleanup Day : ma fiche de mesure"),
    "title.summary": ("Digital Cleanup Day: event summary", "Digital Cleanup Day : bilan de l'événement"),
    "section.who": ("Who and when", "Qui et quand"),
    "section.freed": ("What was freed (measured by the app)", "Ce qui a été libéré (mesuré par l'application)"),
    "section.declared": ("Declared by the participant (deleted outside the app, no volume known)",
                         "Déclaré par le participant (supprimé hors de l'application, volume inconnu)"),
    "section.places": ("Go freed per place", "Go libérés par lieu"),
    "section.usage": ("Disk usage before / after (not the freed figure)",
                      "Occupation des disques avant / après (pas le chiffre libéré)"),
    "section.impact": ("Impact", "Impact"),
    "section.devices": ("Beyond data: devices", "Au-delà des données : équipements"),
    "section.method": ("Method and source", "Méthode et source"),
    "section.event": ("Event", "Événement"),
    "section.figures": ("Key figures", "Chiffres clés"),
    "section.review": ("Held apart: look at these first", "Mises de côté : à regarder d'abord"),
    "section.counts": ("Counts: measured and declared", "Décomptes : mesurés et déclarés"),
    "section.sensibilisation": ("Awareness sessions (INR form)", "Sensibilisation (formulaire INR)"),
    "section.compare": ("Compared with the previous summary", "Comparaison avec le bilan précédent"),
    "section.evidence": ("Evidence", "Preuves"),
    # columns of the personal form
    "col.label": ("What", "Quoi"),
    "col.value": ("Value", "Valeur"),
    "col.unit": ("Unit", "Unité"),
    # units
    "unit.go": ("Go", "Go"),
    "unit.files": ("files", "fichiers"),
    "unit.emails": ("emails", "e-mails"),
    "unit.apps": ("apps", "applications"),
    "unit.posts": ("posts", "publications"),
    "unit.kg": ("kg CO2e", "kg CO2e"),
    "unit.kg_year": ("kg CO2e per year", "kg CO2e par an"),
    "unit.people": ("people", "personnes"),
    "unit.devices": ("devices", "équipements"),
    "unit.sheets": ("sheets", "fiches"),
    "unit.volumes": ("volumes", "volumes"),
    # units of the CO2e lines, as the methods write them
    "u.Go": ("Go", "Go"), "u.apps": ("apps", "applications"), "u.emails": ("emails", "e-mails"),
    "u.files": ("files", "fichiers"),
    "u.g CO2e/Go": ("g CO2e/Go", "g CO2e/Go"), "u.g CO2e/Go/yr": ("g CO2e/Go/yr", "g CO2e/Go/an"),
    "u.g CO2e/app/yr": ("g CO2e/app/yr", "g CO2e/application/an"), "u.g CO2e/email": ("g CO2e/email", "g CO2e/e-mail"),
    "u.g CO2e/file": ("g CO2e/file", "g CO2e/fichier"), "u.g CO2e/Mo": ("g CO2e/Mo", "g CO2e/Mo"),
    # who and when
    "f.participant": ("Participant", "Participant"),
    "f.team": ("Team / department", "Équipe / service"),
    "f.event_id": ("Event number (Digital Cleanup Day site)", "Numéro de l'événement (site Digital Cleanup Day)"),
    "f.event_date": ("Event date", "Date de l'événement"),
    "f.created": ("Sheet written on", "Fiche écrite le"),
    "f.sheet_id": ("Sheet id", "Identifiant de la fiche"),
    "f.app": ("Application", "Application"),
    "f.period": ("Cleanup runs counted", "Nettoyages comptés"),
    # freed (measured)
    "f.go_total": ("Go freed", "Go libérés"),
    "f.go_cloud": ("of which on servers (cloud drives, mailboxes, network shares)",
                   "dont sur des serveurs (cloud, messageries, partages réseau)"),
    "f.go_local": ("of which on local disks", "dont sur les disques locaux"),
    "f.files_measured": ("Files deleted, measured by the app (counted through their Go)",
                         "Fichiers supprimés, mesurés par l'application (comptés par leurs Go)"),
    "f.emails_measured": ("Emails deleted, measured by the app", "E-mails supprimés, mesurés par l'application"),
    "f.go_in_trash": ("Still in the trash: not counted until emptied", "Encore dans la corbeille : non compté avant vidage"),
    # declared
    "f.files_declared_cloud": ("Cloud files declared (volume unknown)", "Fichiers cloud déclarés (volume inconnu)"),
    "f.files_declared_local": ("Local files declared (volume unknown)", "Fichiers locaux déclarés (volume inconnu)"),
    "f.emails_declared": ("Emails declared", "E-mails déclarés"),
    "f.apps_declared": ("Applications uninstalled (declared)", "Applications désinstallées (déclarées)"),
    "f.posts_declared": ("Social network posts deleted (declared)", "Publications supprimées sur les réseaux (déclarées)"),
    "f.emails_national": ("Emails counted by the national form (measured + declared)",
                          "E-mails comptés par le formulaire national (mesurés + déclarés)"),
    "f.files_national": ("Files counted per file by the national form (declared only)",
                         "Fichiers comptés à l'unité par le formulaire national (déclarés seulement)"),
    # places
    "place.workstation": ("This computer's disks", "Disques de l'ordinateur"),
    "place.cloud-drive": ("Cloud drive (synced folder)", "Cloud (dossier synchronisé)"),
    "place.network-share": ("Network share", "Partage réseau"),
    "place.mailbox": ("Mailbox on a server", "Messagerie sur un serveur"),
    "place.local-mail": ("Local mail store", "Messagerie locale"),
    "usage.before": ("{place}: used before (first scan, {time})", "{place} : occupé avant (premier scan, {time})"),
    "usage.after": ("{place}: used after (last emptying or run, {time})",
                    "{place} : occupé après (dernier vidage ou nettoyage, {time})"),
    "usage.note": ("Whole-volume usage of the {n} volume(s) holding the cleaned folders: it includes every other "
                   "change on them, so it is not the freed figure.",
                   "Occupation totale des {n} volume(s) contenant les dossiers nettoyés : elle inclut toute autre "
                   "activité sur ces volumes, ce n'est donc pas le chiffre libéré."),
    # impact
    "f.kg": ("kg CO2e avoided", "kg CO2e évités"),
    "f.kg_low": ("low end of the range", "bas de la fourchette"),
    "f.kg_high": ("high end of the range", "haut de la fourchette"),
    "f.kg_annual": ("of which per year of avoided storage", "dont par an de stockage évité"),
    "f.kg_one_off": ("of which one-off", "dont ponctuel"),
    "f.total_kind": ("What the total adds up", "Nature du total"),
    "total.annual": ("per year of avoided storage", "par an de stockage évité"),
    "total.one-off": ("one-off", "ponctuel"),
    "total.mixed": ("first year: one year of avoided storage + one-off savings",
                    "première année : un an de stockage évité + gains ponctuels"),
    "period.annual": ("per year", "par an"),
    "period.one-off": ("one-off", "ponctuel"),
    "period.mixed": ("first year", "première année"),
    "col.line": ("What was deleted", "Ce qui a été supprimé"),
    "col.quantity": ("Quantity", "Quantité"),
    "col.factor": ("Factor (g CO2e)", "Facteur (g CO2e)"),
    "col.factor_unit": ("Factor unit", "Unité du facteur"),
    "col.period": ("Period", "Période"),
    "col.kg": ("kg CO2e", "kg CO2e"),
    "col.kg_low": ("kg CO2e, low", "kg CO2e, bas"),
    "col.kg_high": ("kg CO2e, high", "kg CO2e, haut"),
    "col.total": ("Total", "Total"),
    # devices
    "f.reemploi_devices": ("Devices donated, repaired, protected or reused",
                           "Équipements donnés, réparés, protégés ou réutilisés"),
    "f.reemploi_kg": ("kg CO2e of avoided manufacturing (one-off, apart from the data figure)",
                      "kg CO2e de fabrication évitée (ponctuel, hors chiffre des données)"),
    "f.recyclage_quantity": ("Devices handed in for recycling", "Équipements remis au recyclage"),
    "f.recyclage_kg": ("Weight handed in for recycling (no CO2e computed)", "Poids remis au recyclage (pas de CO2e calculé)"),
    "unit.kg_weight": ("kg", "kg"),
    # method
    "f.method": ("CO2e method", "Méthode CO2e"),
    "f.method_version": ("Method id and version", "Identifiant et version de la méthode"),
    "f.methodology": ("Counting rules version", "Version des règles de comptage"),
    "f.source": ("Source", "Source"),
    "f.unit": ("Unit", "Unité"),
    "f.generated": ("Generated on", "Généré le"),
    "f.input_sha": ("SHA-256 of the whole input set", "SHA-256 de l'ensemble des fichiers lus"),
    "f.sources_where": ("Every sheet used, with the SHA-256 of its file", "Chaque fiche utilisée, avec le SHA-256 de son fichier"),
    "f.sources_where_value": ("see the Sources worksheet and summary.json", "voir la feuille Sources et summary.json"),
    # organiser: event
    "f.organizer": ("Organiser", "Organisateur"),
    "f.structure_type": ("Type of organisation", "Type de structure"),
    "f.region": ("Region", "Région"),
    "f.departement": ("Département", "Département"),
    "f.people_reached": ("People reached", "Personnes atteintes"),
    "f.participants_invited": ("Participants invited", "Participants invités"),
    "f.participants_active": ("Active participants (sheets added up)", "Participants actifs (fiches additionnées)"),
    "f.participation_rate": ("Participation rate", "Taux de participation"),
    "f.to_review": ("Sheets held apart for review (not added up)", "Fiches mises de côté à vérifier (non additionnées)"),
    "f.rejected": ("Files rejected", "Fichiers rejetés"),
    "f.no_event": ("Sheets without an event number (listed apart)", "Fiches sans numéro d'événement (listées à part)"),
    "f.duplicates": ("Older exports of the same sheets (ignored)", "Exports plus anciens des mêmes fiches (ignorés)"),
    "f.go_per_participant": ("Go freed per active participant", "Go libérés par participant actif"),
    "sens.webinaire": ("Webinar", "Webinaire"),
    "sens.fresqueNumerique": ("Digital Collage (Fresque du Numérique)", "Fresque du Numérique"),
    "sens.jeuxNumeville": ("Numeville game", "Jeu Numeville"),
    "sens.jeuxDowino": ("Dowino game", "Jeu Dowino"),
    "sens.jeuxTheWokies": ("The Wokies game", "Jeu The Wokies"),
    "sens.autreFormat": ("Other format", "Autre format"),
    "sens.participants": ("{0}: participants", "{0} : participants"),
    "sens.audience": ("{0}: audience", "{0} : audience"),
    "cmp.previous": ("previous", "précédent"),
    "cmp.change": ("{0}: now {1}, previously {2} ({3})", "{0} : maintenant {1}, auparavant {2} ({3})"),
    # organiser tables
    "col.event": ("Event", "Événement"),
    "col.rank": ("Rank", "Rang"),
    "col.team": ("Team", "Équipe"),
    "col.spellings": ("Spellings merged", "Graphies regroupées"),
    "col.participants": ("Participants", "Participants"),
    "col.participant": ("Participant", "Participant"),
    "col.date": ("Event date", "Date de l'événement"),
    "col.go_total": ("Go freed (Go)", "Go libérés (Go)"),
    "col.go_cloud": ("On servers (Go)", "Sur serveurs (Go)"),
    "col.go_local": ("Local (Go)", "En local (Go)"),
    "col.go_per_participant": ("Per participant (Go)", "Par participant (Go)"),
    "col.files_measured": ("Files deleted, measured", "Fichiers supprimés, mesurés"),
    "col.emails_measured": ("Emails deleted, measured", "E-mails supprimés, mesurés"),
    "col.emails_declared": ("Emails declared", "E-mails déclarés"),
    "col.files_declared": ("Files declared (no volume)", "Fichiers déclarés (sans volume)"),
    "col.go_in_trash": ("Still in trash, not counted (Go)", "Encore en corbeille, non compté (Go)"),
    "col.kg": ("kg CO2e", "kg CO2e"),
    "col.sheet_id": ("Sheet id", "Identifiant de fiche"),
    "col.file": ("File", "Fichier"),
    "col.format": ("Format", "Format"),
    "col.sha256": ("SHA-256 of the file", "SHA-256 du fichier"),
    "col.reason": ("Reason", "Motif"),
    "col.accept": ("To add it up anyway", "Pour l'additionner quand même"),
    "col.written": ("Sheet written on", "Fiche écrite le"),
    "col.reemploi_devices": ("Devices kept in use (réemploi)", "Équipements réemployés"),
    "col.reemploi_kg": ("kg CO2e réemploi (apart)", "kg CO2e réemploi (à part)"),
    "col.recyclage_quantity": ("Devices recycled", "Équipements recyclés"),
    "col.recyclage_kg": ("Recycled (kg)", "Recyclés (kg)"),
    "no_team": ("(no team)", "(sans équipe)"),
    "no_event": ("(no event number)", "(sans numéro d'événement)"),
    "accept_hint": ("Use --accept {0}, or Accept on the Organiser page",
                    "Utiliser --accept {0}, ou Accepter dans la page Organisateur"),
    # review reasons (plausibility, conflicts)
    "review.go": ("{0} Go freed by one person (more than {1} Go)", "{0} Go libérés par une personne (plus de {1} Go)"),
    "review.emails": ("{0} emails by one person (more than {1})", "{0} e-mails pour une personne (plus de {1})"),
    "review.devices": ("{0} devices declared by one person (more than {1})", "{0} équipements déclarés par une personne (plus de {1})"),
    "review.median": ("{0} Go freed: more than {1} times the event's median ({2} Go)",
                      "{0} Go libérés : plus de {1} fois la médiane de l'événement ({2} Go)"),
    "review.future": ("written in the future ({0})", "écrite dans le futur ({0})"),
    "review.conflict": ("the same sheet id is used by another file with a different participant or team ({0})",
                        "le même identifiant de fiche est utilisé par un autre fichier avec un autre participant ou une autre équipe ({0})"),
    "review.accepted": ("accepted by the organiser", "acceptée par l'organisateur"),
}


def text(key: str, lang: str = "en", *args, **kw) -> str:
    s = pick(MESSAGES, key, lang)
    return s.format(*args, **kw) if args or kw else s


def unit_text(unit: str, lang: str = "en") -> str:
    """A unit written by a method ("g CO2e/Go/yr", "emails"...) in ``lang`` (as is if unknown)."""
    return text(f"u.{unit}", lang) if f"u.{unit}" in MESSAGES else unit


def desktop_lang() -> str:
    """The desktop's language, "fr" or "en" (the default of `report` and `aggregate`):
    LC_ALL, LC_MESSAGES, LANG, LANGUAGE, then the system locale."""
    import locale
    import os

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return lang_of(value)
    try:
        return lang_of(locale.getlocale()[0])
    except ValueError:
        return "en"


def reason_text(reason: str, lang: str = "en") -> str:
    """Why a file was rejected (core.sheets.read, model, aggregate), in ``lang``: the reason is a
    core.messages.Reason, worded from its code; a text without a code is kept as written."""
    return reason.word(lang) if isinstance(reason, Reason) else reason
