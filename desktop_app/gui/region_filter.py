"""The filter panel's 适用地区: province → city → district, each a combo box; the deepest one
chosen is the filter (a province includes the documents of its cities and districts).

The provinces are read from the regions table (3,213 divisions, about 20 ms to load) when the
box is first shown or used, not when the window is built: the start page covers the panel at
start-up, and the start-up's warm-up loads the table on the worker meanwhile. The regions
module itself (csv, its dataclasses) is imported there too, not with the window.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QWidget

ANY_REGION = "全部"
LEVEL_NAMES = ("省", "市", "区县")


class RegionFilter(QGroupBox):
    changed = Signal()  # the user chose another region

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("适用地区", parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 6, 0, 0)
        self.combos = [QComboBox(self) for _ in LEVEL_NAMES]
        self.province, self.city, self.district = self.combos
        for combo, name in zip(self.combos, LEVEL_NAMES, strict=True):
            combo.setAccessibleName(f"适用地区：{name}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(4)
            form.addRow(f"{name}：", combo)
            _fill(combo, "")
        self.province.setEnabled(True)  # its list loads on first use (ensure_loaded)
        self._loaded = False
        self.province.currentIndexChanged.connect(self._province_changed)
        self.city.currentIndexChanged.connect(self._city_changed)
        self.district.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def ensure_loaded(self) -> None:
        """List the provinces (once)."""
        if self._loaded:
            return
        self._loaded = True
        with QSignalBlocker(self.province):
            from desktop_app.core import regions

            for region in regions.provinces():
                self.province.addItem(region.name, region.code)

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def _province_changed(self) -> None:
        _fill(self.city, str(self.province.currentData() or ""))
        _fill(self.district, "")
        self.changed.emit()

    def _city_changed(self) -> None:
        _fill(self.district, str(self.city.currentData() or ""))
        self.changed.emit()

    def code(self) -> str | None:
        """The deepest region chosen, or None for 全部."""
        for combo in reversed(self.combos):
            code = combo.currentData()
            if code:
                return str(code)
        return None

    def set_code(self, code: str | None) -> None:
        """Select a region and its parents, without telling (the caller searches once)."""
        self.ensure_loaded()
        with (
            QSignalBlocker(self.province),
            QSignalBlocker(self.city),
            QSignalBlocker(self.district),
        ):
            self.province.setCurrentIndex(0)
            _fill(self.city, "")
            _fill(self.district, "")
            if code:
                from desktop_app.core import regions

                chain = list(reversed(regions.ancestors(code)))
                for depth, region in enumerate(chain[:3]):
                    combo = self.combos[depth]
                    combo.setCurrentIndex(max(0, combo.findData(region.code)))
                    if depth + 1 < 3:
                        _fill(self.combos[depth + 1], region.code)


def _fill(combo: QComboBox, parent_code: str) -> None:
    """全部, then the children of parent_code (none for an empty code: the box is disabled)."""
    with QSignalBlocker(combo):
        combo.clear()
        combo.addItem(ANY_REGION, "")
        if parent_code:
            from desktop_app.core import regions

            for region in regions.children(parent_code):
                combo.addItem(region.name, region.code)
        combo.setEnabled(combo.count() > 1)
