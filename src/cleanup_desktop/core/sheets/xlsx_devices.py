"""The Devices worksheet of both workbooks (the personal sheet and the organiser's): one row
per device with what was declared, its réemploi kg CO2e and its recycled weight."""

from __future__ import annotations

from typing import Any

DEVICE_LABELS = {  # INR device name -> (en, fr)
    "ordinateurFixe": ("Desktop computer", "Ordinateur fixe"), "ecran": ("Screen", "Écran"),
    "ordinateurPortable": ("Laptop", "Ordinateur portable"), "tablette": ("Tablet", "Tablette"),
    "smartphone": ("Smartphone", "Smartphone"), "divers": ("Other", "Divers"),
}


REEMPLOI_LABELS = {"don": ("Donated", "Don"), "reparation": ("Repaired", "Réparation"),
                   "protection": ("Protected", "Protection"), "reutilisation": ("Reused", "Réutilisation")}


def device_label(device: str, lang: str = "en") -> str:
    en, fr = DEVICE_LABELS.get(device, (device, device))
    return fr if lang.startswith("fr") else en


def devices_rows(reemploi, recyclage, method, lang: str = "fr") -> list[list]:
    """The Devices worksheet: one row per device with what was declared, its réemploi kg
    CO2e and recycled weight (for people: a sheet is read back from its Fiche worksheet)."""
    from cleanup_desktop.core.devices.impact import devices_summary
    from cleanup_desktop.core.devices.model import RECYCLAGE_DEVICES, REEMPLOI_ACTIONS

    summary = devices_summary(reemploi, recyclage, method)
    kg_by_device = {ln["device"]: ln for ln in summary["reemploi"]["lines"]}
    fr = lang.startswith("fr")
    rows: list[list[Any]] = [["Équipement" if fr else "Device",
             *(REEMPLOI_LABELS[a][1 if fr else 0] for a in REEMPLOI_ACTIONS),
             "Équipements comptés" if fr else "Devices counted", "kg CO2e par équipement" if fr else "kg CO2e per device",
             "kg CO2e (réemploi)", "Recyclés (nombre)" if fr else "Recycled (number)",
             "Recyclés (kg)" if fr else "Recycled (kg)"]]
    for device in RECYCLAGE_DEVICES:
        re = (reemploi or {}).get(device, {})
        rc = (recyclage or {}).get(device, {})
        line = kg_by_device.get(device, {})
        rows.append([device_label(device, lang), *[re.get(a) for a in REEMPLOI_ACTIONS], line.get("devices"),
                     line.get("kg_per_device"), line.get("kg_co2e"), rc.get("quantite"), rc.get("poidsKg")])
    rows.append(["Total", None, None, None, None, summary["reemploi"]["devices"], None,
                 summary["reemploi"]["kg_co2e"], summary["recyclage"]["quantity"], summary["recyclage"]["weight_kg"]])
    return rows
