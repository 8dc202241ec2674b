"""The INR DCD-Bilan form's JSON (metadata, sensibilisation, reemploi, donnees, recyclage).

``donnees`` maps 1:1 to the national form, whose dashboard computes
Go cloud x 209.5 + Go local x 15.7 + emails x 0.3 + files x per-file factors. To keep the
national figures equal to ours (and never count the same items twice), measured files go into
``goRecuperes`` only; ``fichiersSupprimes.cloud/local`` carry only the files declared without a
volume. Every email deleted is counted in ``fichiersSupprimes.emails`` (the form's email factor
applies to every email) and its bytes in ``goRecuperes.cloud`` (or ``local`` for a local store).

``reemploi``/``recyclage`` are the sum of the participants' declared device counts (full
tables, as the form writes them), null when nobody declared any; ``actionsRealisees`` lists
"reemploi"/"recyclage" exactly when their section is filled.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable, Optional

from cleanup_desktop.core.devices.model import RECYCLAGE_DEVICES, RECYCLAGE_FIELDS, REEMPLOI_ACTIONS, sum_sections
from cleanup_desktop.core.devices.model import DEVICES as REEMPLOI_DEVICES
from cleanup_desktop.core.sheets.model import Sheet

GO_DECIMALS = 6


def donnees(sheets: Iterable[Sheet]) -> dict:
    emails = posts = cloud = local = apps = 0
    cloud_bytes = local_bytes = 0
    for s in sheets:
        emails += s.emails_deleted + s.declared.emails
        posts += s.declared.social_posts
        cloud += s.declared.files_cloud
        local += s.declared.files_local
        apps += s.declared.apps
        cloud_bytes += s.cloud_bytes
        local_bytes += s.local_bytes
    return {
        "fichiersSupprimes": {"emails": emails, "postsSociaux": posts, "cloud": cloud, "local": local},
        "applicationsDesinstallees": apps,
        "goRecuperes": {"cloud": round(cloud_bytes / 10**9, GO_DECIMALS),
                        "local": round(local_bytes / 10**9, GO_DECIMALS)},
    }


def document(
    sheets: list[Sheet],
    *,
    cleanup_id: Optional[str] = None,
    organizer: Optional[str] = None,
    structure_type: Optional[str] = None,
    region: Optional[str] = None,
    departement: Optional[str] = None,
    people_reached: Optional[int] = None,
    event_date: Optional[str] = None,
    sensibilisation: Optional[dict] = None,
    submitted: Optional[str] = None,
) -> dict:
    """A complete DCD-Bilan JSON for ``sheets`` (one person's sheet or a whole event)."""
    reemploi = sum_sections((s.reemploi for s in sheets), REEMPLOI_DEVICES, REEMPLOI_ACTIONS)
    recyclage = sum_sections((s.recyclage for s in sheets), RECYCLAGE_DEVICES, RECYCLAGE_FIELDS)
    # The form lists the kinds of action performed; a section with nothing in it stays null.
    actions = ([name for name, v in (("sensibilisation", sensibilisation),) if v] + ["donnees"]
               + [name for name, v in (("reemploi", reemploi), ("recyclage", recyclage)) if v])
    dates = sorted(s.event_date for s in sheets if s.event_date)
    return {
        "metadata": {
            "dateSubmission": submitted or datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "eventDate": event_date or (dates[0] if dates else None),
            "cleanupId": cleanup_id or next((s.event_id for s in sheets if s.event_id), None),
            "organizer": organizer,
            "structureType": structure_type,
            "region": region,
            "departement": departement,
            "personneattainte": people_reached if people_reached is not None else len(sheets),
            "actionsRealisees": actions,
        },
        "sensibilisation": sensibilisation or None,
        "reemploi": reemploi,
        "donnees": donnees(sheets),
        "recyclage": recyclage,
    }
