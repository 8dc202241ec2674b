""""What I did with my devices": the optional réemploi / recyclage form of the bilan step.

Per device the INR form knows, how many were donated, repaired, protected (case, screen
protector, battery care) or reused, and how many were handed in for recycling with their
weight in kg (plus "other"). Values go through the core model (core.devices, reached through
the engine door gui/engine/devices.py): whole counts in spin boxes, weights parsed with the
user's locale ("2,5" in French), unusually large values confirmed in a dialog, then the
declaration is stored for the event (shared with the CLI and included in every exported
sheet). The réemploi kg CO2e is shown on its own, never added to
the data figure.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cleanup_desktop.gui import engine, format as fmt
from cleanup_desktop.gui.widgets.cards import StatCard


class DevicesForm(QGroupBox):
    """Set the event and method with :meth:`set_context` (or give ``context``, a callable
    returning (event_id, method_id), and connect a signal to :meth:`refresh_context`);
    :meth:`save` stores the declaration. ``saved`` carries the stored core.devices.DeviceActions."""

    saved = Signal(object)

    def __init__(self, event_id: str = "", method_id: str = "", parent: QWidget | None = None,
                 context: Callable[[], tuple[str, str]] | None = None) -> None:
        super().__init__(parent)
        self.context = context
        if context is not None:
            event_id, method_id = context()
        self.setTitle(self.tr("What I did with my devices (optional)"))
        self.setAccessibleName(self.tr("What I did with my devices"))
        self.event_id = event_id or None
        self.method_id = method_id
        self.layout_info = info = engine.devices_layout()
        col = QVBoxLayout(self)
        intro = QLabel(self.tr("Keeping a device in use avoids making a new one: each device you donated, repaired, "
                               "protected or reused counts as its manufacturing footprint. Devices handed in for "
                               "recycling are counted by weight only."))
        intro.setWordWrap(True)
        col.addWidget(intro)
        grid = QGridLayout()
        headers = [self.tr("Donated"), self.tr("Repaired"), self.tr("Protected"), self.tr("Reused"),
                   self.tr("Recycled"), self.tr("Weight (kg)")]
        tips = [self.tr("Given to someone, an association or a collection for reuse"),
                self.tr("Repaired instead of replaced"),
                self.tr("Protected to last longer: case, screen protector, battery care"),
                self.tr("Kept in use or given a new use"),
                self.tr("Handed in at a collection point for recycling"),
                self.tr("Total weight handed in for recycling, in kg (e.g. 2.5)")]
        for c, (text, tip) in enumerate(zip(headers, tips), start=1):
            label = QLabel(f"<b>{text}</b>")
            label.setToolTip(tip)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, c)
        self.spins: dict[tuple[str, str, str], QSpinBox] = {}
        self.weights: dict[str, QLineEdit] = {}
        for r, device in enumerate(info.rows, start=1):
            name = self.device_name(device)
            grid.addWidget(QLabel(name), r, 0)
            if device in info.reemploi_rows:
                for c, action in enumerate(info.actions, start=1):
                    self.spins[("reemploi", device, action)] = self._spin(grid, r, c, name, headers[c - 1], tips[c - 1])
            self.spins[("recyclage", device, "quantite")] = self._spin(grid, r, 5, name, headers[4], tips[4])
            edit = QLineEdit()
            edit.setPlaceholderText(QLocale().toString(0.0, "f", 1))
            edit.setMaximumWidth(90)
            edit.setAccessibleName(self.tr("{0}: {1}").format(name, headers[5]))
            edit.setToolTip(tips[5])
            edit.textEdited.connect(self._changed)
            self.weights[device] = edit
            grid.addWidget(edit, r, 6)
        col.addLayout(grid)
        row = QHBoxLayout()
        self.card = StatCard(self.tr("avoided manufacturing (réemploi, one-off), apart from the data figure"))
        row.addWidget(self.card, 1)
        self.save_button = QPushButton(self.tr("&Save my devices"))
        self.save_button.setAccessibleDescription(self.tr("Keeps these figures for your measurement sheet"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)
        col.addLayout(row)
        self.summary = QLabel(wordWrap=True)
        self.summary.setAccessibleName(self.tr("Devices summary"))
        col.addWidget(self.summary)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Devices form message"))
        col.addWidget(self.message)
        self.load()

    # ---- building ---------------------------------------------------------------------------
    def device_name(self, device: str) -> str:
        return {
            "ordinateurFixe": self.tr("Desktop computer"), "ecran": self.tr("Screen"),
            "ordinateurPortable": self.tr("Laptop"), "tablette": self.tr("Tablet"),
            "smartphone": self.tr("Smartphone"), "divers": self.tr("Other"),
        }[device]

    def _spin(self, grid: QGridLayout, r: int, c: int, name: str, header: str, tip: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, self.layout_info.max_count)
        spin.setAccessibleName(self.tr("{0}: {1}").format(name, header))
        spin.setToolTip(tip)
        spin.valueChanged.connect(self._changed)
        grid.addWidget(spin, r, c)
        return spin

    # ---- values -----------------------------------------------------------------------------
    def refresh_context(self) -> None:
        if self.context is not None:
            self.set_context(*self.context())

    def set_context(self, event_id: str, method_id: str) -> None:
        """Another event reloads its own declaration; another method recomputes the kg."""
        if (event_id or None) != self.event_id:
            self.event_id = event_id or None
            self.load()
        elif method_id != self.method_id:
            self.method_id = method_id
            self.show_figures(self.current(quiet=True))
        self.method_id = method_id

    def load(self) -> None:
        actions, error = engine.load_devices(self.event_id)
        if error is not None:
            self.message.setText(self.tr("Your saved devices could not be read: {0}").format(error))
        self.fill(actions)

    def fill(self, actions) -> None:
        for (section, device, key), spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(int(getattr(actions, section)[device][key]))
            spin.blockSignals(False)
        for device, edit in self.weights.items():
            kg = actions.recyclage[device]["poidsKg"]
            edit.setText(QLocale().toString(float(kg), "g", 6) if kg else "")
        self.show_figures(actions)

    def parse_weight(self, text: str, where: str) -> float | None:
        """A weight typed in the user's locale ("2,5" in French), else any form the core
        accepts ("2.5", "1 234,5"); None when it is not a weight."""
        value, ok = QLocale().toDouble(text.strip())
        return engine.parse_weight(value if ok else text, where)

    def current(self, quiet: bool = False):
        """The values on screen as a core model; None (and a message) when one is invalid."""
        actions = engine.empty_devices()
        for (section, device, key), spin in self.spins.items():
            actions.set(section, device, key, spin.value())
        for device, edit in self.weights.items():
            edit.setStyleSheet("")
            kg = self.parse_weight(edit.text(), f"recyclage.{device}.poidsKg")
            if kg is not None:
                actions.recyclage[device]["poidsKg"] = kg
            else:
                if not quiet:
                    edit.setStyleSheet("border: 2px solid #c62828;")
                    edit.setFocus()
                    self.message.setText(self.tr("{0}: the weight must be a number of kg, like {1}.").format(
                        self.device_name(device), QLocale().toString(2.5, "f", 1)))
                return None
        return actions

    def _changed(self, *_args) -> None:
        self.message.setText(self.tr("Not saved yet."))
        actions = self.current(quiet=True)
        if actions is not None:
            self.show_figures(actions)

    def show_figures(self, actions) -> None:
        reuse, rec = engine.devices_figures(actions, self.method_id)
        self.card.set_value(fmt.kg(reuse.kg))
        parts = []
        if reuse.declared:
            parts.append(self.tr("Kept in use: %Ln devices, {0} of avoided manufacturing, counted apart from the "
                                 "data figure.", "", int(reuse.devices)).format(fmt.kg(reuse.kg)))
        if rec.quantity or rec.weight_kg:
            parts.append(self.tr("Handed in for recycling: %Ln devices, {0} kg (weights only, no CO2e).", "",
                                 int(rec.quantity)).format(QLocale().toString(rec.weight_kg, "g", 6)))
        self.summary.setText(" ".join(parts))

    # ---- saving -----------------------------------------------------------------------------
    def confirm_large(self, entries) -> bool:
        """Ask before keeping unusually large numbers (someone typing 500 smartphones)."""
        lines = []
        for e in entries:
            _section, device, key = e.field.split(".")
            what = self.tr("Weight (kg)") if key == "poidsKg" else {
                "don": self.tr("Donated"), "reparation": self.tr("Repaired"), "protection": self.tr("Protected"),
                "reutilisation": self.tr("Reused"), "quantite": self.tr("Recycled")}[key]
            value = QLocale().toString(float(e.value), "g", 6) if key == "poidsKg" else fmt.number(e.value)
            lines.append(f"• {self.device_name(device)}, {what}: {value}")
        self.confirm_box = box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unusually large numbers"))
        box.setText(self.tr("These numbers are unusually large for one person (more than %n devices, or more than "
                            "{0} kg). Are they right?", "", self.layout_info.confirm_count).format(
            QLocale().toString(self.layout_info.confirm_kg, "g", 6)))
        box.setInformativeText("\n".join(lines))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def save(self) -> bool:
        actions = self.current()
        if actions is None:
            return False
        large = actions.large_entries()
        if large and not self.confirm_large(large):
            self.message.setText(self.tr("Not saved: correct the numbers, then save again."))
            return False
        error = engine.save_devices(actions, self.event_id)
        if error is not None:
            self.message.setText(self.tr("Could not save your devices: {0}").format(error))
            return False
        self.show_figures(actions)
        self.message.setText(self.tr("Saved: your devices will be in your exported measurement sheet."))
        self.saved.emit(actions)
        return True
