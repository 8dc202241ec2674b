"""Settings: CO2e method, minimum duplicate size, exclusions, paranoid compare, trash or
permanent, language. Saved with the other preferences."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cleanup_desktop.gui import engine
from cleanup_desktop.gui.i18n import current_language
from cleanup_desktop.gui.settings import Preferences


class SettingsDialog(QDialog):
    def __init__(self, prefs: Preferences, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.prefs = prefs
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.method = QComboBox()
        for method_id, name in engine.methods(current_language()):
            self.method.addItem(name, method_id)
        if self.method.count() == 0:
            self.method.addItem(self.tr("INR DCD-Bilan (default)"), prefs.method)
        self.method.setCurrentIndex(max(0, self.method.findData(prefs.method)))
        # The custom method's own factors (grams of CO2e per GB), shown when it is chosen.
        self.custom_cloud = QDoubleSpinBox()
        self.custom_local = QDoubleSpinBox()
        for box, value, suffix in ((self.custom_cloud, prefs.custom_cloud_g, self.tr(" g per GB per year")),
                                   (self.custom_local, prefs.custom_local_g, self.tr(" g per GB"))):
            box.setRange(0, 100_000)
            box.setDecimals(2)
            box.setSuffix(suffix)
            box.setSpecialValueText(self.tr("method's default"))
            box.setValue(value)
        self.min_size = QSpinBox()
        self.min_size.setRange(0, 10_000_000)
        self.min_size.setSuffix(" " + self.tr("kB"))
        self.min_size.setValue(prefs.min_size // 1000)
        self.paranoid = QCheckBox(self.tr("Compare duplicates byte by byte (slower, for the cautious)"))
        self.paranoid.setChecked(prefs.paranoid)
        self.permanent = QCheckBox(self.tr("Delete permanently instead of moving to the trash"))
        self.permanent.setChecked(prefs.permanent)
        self.permanent_note = QLabel(self.tr("Permanent deletion cannot be undone. The trash is safer."), wordWrap=True)
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), "")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        excl = QWidget()
        ecol = QVBoxLayout(excl)
        ecol.setContentsMargins(0, 0, 0, 0)
        self.exclusions = QListWidget()
        self.exclusions.addItems(prefs.exclusions)
        self.exclusions.setMaximumHeight(90)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add…"))
        add.clicked.connect(self._add_exclusion)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.exclusions.takeItem(self.exclusions.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        ecol.addWidget(self.exclusions)
        ecol.addLayout(row)
        for label, widget in (
            (self.tr("CO2e method:"), self.method),
            (self.tr("Custom: servers (cloud, mail):"), self.custom_cloud),
            (self.tr("Custom: local disks:"), self.custom_local),
            (self.tr("Smallest duplicate:"), self.min_size),
            (self.tr("Never scan:"), excl),
            (self.tr("Language:"), self.language),
        ):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.exclusions.setAccessibleName(self.tr("Never scan"))
        self._form = form
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        layout.addLayout(form)
        for w in (self.paranoid, self.permanent, self.permanent_note):
            layout.addWidget(w)
        layout.addWidget(QLabel(self.tr("A new language applies at once."), wordWrap=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _method_changed(self, _index: int = 0) -> None:
        custom = self.method.currentData() == "custom"
        self._form.setRowVisible(self.custom_cloud, custom)
        self._form.setRowVisible(self.custom_local, custom)

    def _add_exclusion(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Never scan this folder"))
        if path:
            self.exclusions.addItem(path)

    def apply(self) -> None:
        """Copy the dialog's values into the preferences (the caller saves them)."""
        p = self.prefs
        p.method = self.method.currentData() or p.method
        p.custom_cloud_g = self.custom_cloud.value()
        p.custom_local_g = self.custom_local.value()
        p.min_size = self.min_size.value() * 1000
        p.paranoid = self.paranoid.isChecked()
        p.permanent = self.permanent.isChecked()
        p.language = self.language.currentData()
        p.exclusions = [self.exclusions.item(i).text() for i in range(self.exclusions.count())]
