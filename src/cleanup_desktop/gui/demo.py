"""A sample folder for ``cleanup-desktop --demo``: duplicates, temporary files, large and old
files, so a workshop can try the whole flow without touching real data."""

from __future__ import annotations

import os
import random
import time

from cleanup_desktop.core import paths

OLD = time.time() - 3 * 365 * 86400  # three years ago


def _write(path: str, data: bytes, mtime: float | None = None) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def _picture(seed: int) -> bytes:
    """A small real JPEG (so the preview shows a thumbnail)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(320, 200, QImage.Format.Format_RGB32)
    rnd = random.Random(seed)
    image.fill(QColor(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    painter = QPainter(image)
    for _ in range(12):
        painter.fillRect(rnd.randrange(300), rnd.randrange(180), 40, 30,
                         QColor(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "JPG")
    return bytes(data.data())


def make_demo_folder(base: str | None = None) -> str:
    """Create a fresh sample folder and return its path (under the user data dir by default,
    on the same disk as the user's trash)."""
    base = base or os.path.join(paths.data_dir(create=False), "demo")
    root = os.path.join(base, time.strftime("sample-%Y%m%d-%H%M%S"))
    rnd = random.Random(7)
    blob = lambda n: rnd.randbytes(n)  # noqa: E731
    report = blob(240_000)
    _write(os.path.join(root, "Documents", "Annual report 2025.pdf"), report, OLD)
    _write(os.path.join(root, "Documents", "Annual report 2025 (1).pdf"), report)
    _write(os.path.join(root, "Downloads", "Annual report 2025.pdf"), report)
    notes = ("Meeting notes\n\n- sort the shared drive\n- unsubscribe from newsletters\n" * 40).encode()
    _write(os.path.join(root, "Documents", "notes.txt"), notes)
    _write(os.path.join(root, "Desktop", "notes - Copie.txt"), notes)
    for n in range(3):
        photo = _picture(n)
        _write(os.path.join(root, "Pictures", f"holiday-{n + 1}.jpg"), photo)
        _write(os.path.join(root, "Pictures", "Copy of holidays", f"holiday-{n + 1}.jpg"), photo)
    _write(os.path.join(root, "Videos", "presentation-recording.mp4"), blob(6_000_000))
    _write(os.path.join(root, "Downloads", "installer-2022.iso"), blob(3_000_000), OLD)
    _write(os.path.join(root, "Documents", "archive-2021.zip"), blob(1_500_000), OLD)
    # Leftovers that temporary-file rules recognise.
    _write(os.path.join(root, "Documents", "~$budget.docx"), blob(162), OLD)
    _write(os.path.join(root, "Downloads", "movie.mkv.crdownload"), blob(400_000), OLD)
    _write(os.path.join(root, "Downloads", "setup.tmp"), blob(80_000), OLD)
    _write(os.path.join(root, "Pictures", "Thumbs.db"), blob(30_000), OLD)
    _write(os.path.join(root, "Documents", "Budget 2026.xlsx"), blob(50_000))
    return root


def make_sample_home(base: str, groups: int = 48) -> str:
    """A realistic French home folder for the screenshots and the layout test: long nested
    paths with accents, many duplicate groups (same names in different folders), large and
    old files, leftovers of temporary files. Returns the folder to scan."""
    root = os.path.join(base, "Documents partagés de Anne-Sophie Lefèvre-Dubois")
    rnd = random.Random(11)
    places = [
        ("Administratif", "Impôts et déclarations", "Année 2024 — version définitive"),
        ("Projets", "Journée du numérique responsable", "Présentations et supports réunions"),
        ("Photos", "Vacances d'été 2023", "Île de Ré — août"),
        ("Téléchargements",),
        ("Bureau", "À trier avant la fin de l'année"),
        ("Sauvegarde clé USB (ancienne)", "Projets", "Journée du numérique responsable", "Présentations et supports réunions"),
    ]
    names = ["Compte rendu réunion d'équipe", "Budget prévisionnel", "Présentation générale", "Relevé de compte",
             "Photo de groupe", "Contrat de prestation signé", "Rapport d'activité", "Facture électricité",
             "Note de synthèse", "Planning des congés", "Attestation employeur", "Procès-verbal assemblée"]
    exts = [".pdf", ".docx", ".xlsx", ".jpg", ".pptx", ".odt"]
    for g in range(groups):
        data = rnd.randbytes(rnd.randrange(4_000, 260_000))
        name = f"{names[g % len(names)]} n°{g + 1:02d}{exts[g % len(exts)]}"
        copies = 2 + (g % 3)
        chosen = rnd.sample(places, copies)
        for n, place in enumerate(chosen):
            copy_name = name if n == 0 else (f"Copie de {name}" if n == 2 else name)
            _write(os.path.join(root, *place, copy_name), data, OLD if n == 0 else None)
    _write(os.path.join(root, "Vidéos", "Enregistrement de la formation éco-conception.mp4"), rnd.randbytes(3_500_000))
    _write(os.path.join(root, "Téléchargements", "ancienne image disque système — 2021.iso"), rnd.randbytes(2_400_000), OLD)
    _write(os.path.join(root, "Administratif", "Archives 2019-2020 (numérisées).zip"), rnd.randbytes(1_600_000), OLD)
    for n in range(6):
        _write(os.path.join(root, *places[n % len(places)], f"tableau de suivi {n}.ods"), rnd.randbytes(1_100_000 + n), OLD)
    _write(os.path.join(root, "Projets", "~$Budget prévisionnel.docx"), rnd.randbytes(162), OLD)
    _write(os.path.join(root, "Téléchargements", "film-conférence.mkv.crdownload"), rnd.randbytes(400_000), OLD)
    _write(os.path.join(root, "Téléchargements", "installation.tmp"), rnd.randbytes(80_000), OLD)
    _write(os.path.join(root, "Photos", "Thumbs.db"), rnd.randbytes(30_000), OLD)
    _write(os.path.join(root, "Photos", ".DS_Store"), rnd.randbytes(6_000), OLD)
    return root
