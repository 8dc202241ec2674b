"""How numbers look on screen: decimal units (Go = 10^9 bytes), locale-aware digits."""

from __future__ import annotations

import math
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

GO = 10**9


def _unit(name: str) -> str:
    units = {
        "B": QCoreApplication.translate("Units", "B"),
        "kB": QCoreApplication.translate("Units", "kB"),
        "MB": QCoreApplication.translate("Units", "MB"),
        "GB": QCoreApplication.translate("Units", "GB"),
    }
    return units[name]


def number(value: float, decimals: int = 0) -> str:
    loc = QLocale()
    if decimals == 0:
        return loc.toString(int(round(value)))
    return loc.toString(float(value), "f", decimals)


def _scale(n: int) -> tuple[str, int, int]:
    """(unit, divisor, decimals) used to show ``n`` bytes: the one rounding rule of the app."""
    if n >= GO:
        return "GB", GO, 2 if n < 10 * GO else 1
    if n >= 10**6:
        return "MB", 10**6, 1
    if n >= 10**3:
        return "kB", 10**3, 0
    return "B", 1, 0


def size(n: int) -> str:
    """A byte count with a decimal unit: 4.2 GB / 4,2 Go."""
    n = int(n or 0)
    unit, div, decimals = _scale(n)
    return f"{number(n / div, decimals) if div > 1 else number(n)} {_unit(unit)}"


def sizes_adding_up(values: list[int]) -> tuple[list[str], str]:
    """Rows and their total in the total's unit, rounded so that the rows shown add up to
    the total shown (largest remainders get the last digit), e.g. a confirmation table."""
    values = [max(0, int(v or 0)) for v in values]
    total = sum(values)
    unit, div, decimals = _scale(total)
    step = 10**decimals
    exact = [v * step / div for v in values]
    shown = [math.floor(x) for x in exact]
    target = round(total * step / div)
    for i in sorted(range(len(values)), key=lambda i: exact[i] - shown[i], reverse=True)[: max(0, target - sum(shown))]:
        shown[i] += 1
    text = lambda units: f"{number(units / step, decimals)} {_unit(unit)}"  # noqa: E731
    return [text(x) for x in shown], text(target)


def go(n: int) -> str:
    """Always in Go (gigabytes, 10^9 bytes), for totals compared across screens."""
    value = (n or 0) / GO
    decimals = 1 if value >= 100 else 2 if value >= 1 or value == 0 else 3 if value >= 0.001 else 6
    return f"{number(value, decimals)} {_unit('GB')}"


def kg(value: float) -> str:
    """kg CO2e; below 1 kg in grams, so small cleanups do not read as zero."""
    if 0 < abs(value) < 1:
        unit = QCoreApplication.translate("Units", "g CO2e")
        return f"{number(value * 1000, 2 if abs(value) < 0.001 else 1 if abs(value) < 0.01 else 0)} {unit}"
    unit = QCoreApplication.translate("Units", "kg CO2e")
    return f"{number(value, 2 if abs(value) < 100 else 0)} {unit}"


def when(iso: str) -> str:
    """An ISO time as a short local date."""
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return iso or ""
    return QLocale().toString(dt.date(), QLocale.FormatType.ShortFormat)


def duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return QCoreApplication.translate("Units", "{0} h {1} min").format(seconds // 3600, seconds % 3600 // 60)
    if seconds >= 60:
        return QCoreApplication.translate("Units", "{0} min {1} s").format(seconds // 60, seconds % 60)
    return QCoreApplication.translate("Units", "{0} s").format(seconds)
