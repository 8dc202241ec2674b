"""The sources cited on the PDF sheets, in the reader's language.

The data files (methods, equivalences, devices) cite their sources in English; each one is
listed here once, marked for Qt's translation tools, so a French sheet cites them in French.
A source not listed (a user's own method file) is printed as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

SOURCES = (
    QT_TRANSLATE_NOOP("Sources", "2020-2021 Digital Cleanup Day communication, misreading ADEME's figure for sending a 1 MB email"),
    QT_TRANSLATE_NOOP("Sources", "ADEME / INR DCD-Bilan form, 1,752 kg CO2e per return flight"),
    QT_TRANSLATE_NOOP("Sources", "ADEME / INR DCD-Bilan form, 2.34 kg CO2e per trip by TGV"),
    QT_TRANSLATE_NOOP("Sources", "ADEME Base Empreinte, manufacturing footprints of the devices, as used by the INR DCD-Bilan methodology (DCD Réemploi)"),
    QT_TRANSLATE_NOOP("Sources", "ADEME figure for sending a 1 MB email, misused as a storage factor"),
    QT_TRANSLATE_NOOP("Sources", "ADEME, La face cachée du numérique (2019)"),
    QT_TRANSLATE_NOOP("Sources", "ADEME, annual report of the WEEE (DEEE) stream (2022), category 'small appliances in mix'"),
    QT_TRANSLATE_NOOP("Sources", "ADEME, average petrol car, 0.218 kg CO2e/km"),
    QT_TRANSLATE_NOOP("Sources", "Entered by the user (pre-filled with the INR value)"),
    QT_TRANSLATE_NOOP("Sources", "Entered by the user"),
    QT_TRANSLATE_NOOP("Sources", "Estimate based on NégaOctet (2021): average cloud file of 0.5-1 MB, replicated about 3 times"),
    QT_TRANSLATE_NOOP("Sources", "Estimate: 50 MB per file x 15.7 g CO2e/Go"),
    QT_TRANSLATE_NOOP("Sources", "Green Cloud Computing (2021): 0.166-0.280 kg CO2e per GB per year of online storage, mean about 0.208"),
    QT_TRANSLATE_NOOP("Sources", "GreenIT.fr, footprint of mobile applications (2022)"),
    QT_TRANSLATE_NOOP("Sources", "INR DCD-Bilan form / French Ministry of Ecological Transition, 9.9 t CO2e per person per year"),
    QT_TRANSLATE_NOOP("Sources", "Institut du Numérique Responsable, DCD-Bilan form, methodology page"),
    QT_TRANSLATE_NOOP("Sources", "Let's Do It World, Digital Cleanup Day 2024 results"),
    QT_TRANSLATE_NOOP("Sources", "Let's Do It World, Digital Cleanup Day global results 2024"),
    QT_TRANSLATE_NOOP("Sources", "NégaOctet (2021) for use + ADEME Base Empreinte for the avoided disk (a 2 TB external disk is about 25 kg CO2e)"),
    QT_TRANSLATE_NOOP("Sources", "The Shift Project (2019), 36 g CO2e per hour of streaming"),
    QT_TRANSLATE_NOOP("Sources", "The Shift Project, Lean ICT (2019) / GreenIT.fr"),
    QT_TRANSLATE_NOOP("Sources", "Öko-Institut / Fraunhofer IZM for the Umweltbundesamt, Green Cloud Computing (2021)"),
)


def source_text(text: str) -> str:
    return QCoreApplication.translate("Sources", text) if text else text
