"""Province → city → district, each a combo box filled from the regions table.

The chosen region is the deepest level picked (a city alone is a valid answer: the user may
not know the district, and city-level documents still apply). 未选择 everywhere means unknown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop_app.core import regions

_PLACEHOLDERS = ("省（未选择）", "市（未选择）", "区县（未选择）")


class RegionPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos = [QComboBox(self) for _ in range(3)]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for combo, name in zip(self.combos, ("省", "市", "区县"), strict=True):
            combo.setAccessibleName(f"所在地区：{name}")
            combo.setMinimumWidth(150)
            layout.addWidget(combo)
        # A saved code this program's table does not know is kept, not dropped on re-save.
        self._orphan: str | None = None
        self.orphan_label = QLabel(self)
        self.orphan_label.setObjectName("Muted")
        self.orphan_label.hide()
        layout.addWidget(self.orphan_label)
        layout.addStretch(1)
        self.province, self.city, self.district = self.combos
        self._fill(self.province, [(r.code, r.name) for r in regions.provinces()], 0)
        self._fill(self.city, [], 1)
        self._fill(self.district, [], 2)
        self.province.currentIndexChanged.connect(lambda _i: self._cascade(0))
        self.city.currentIndexChanged.connect(lambda _i: self._cascade(1))
        self.district.currentIndexChanged.connect(lambda _i: self._user_changed())
        self.setFocusProxy(self.province)

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[str, str]], level: int) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_PLACEHOLDERS[level], None)
        for code, name in entries:
            combo.addItem(name, code)
        combo.setEnabled(bool(entries))
        combo.blockSignals(False)

    def _children(self, combo: QComboBox) -> list[tuple[str, str]]:
        code = combo.currentData()
        return [(r.code, r.name) for r in regions.children(code)] if code else []

    def _cascade(self, level: int) -> None:
        if level == 0:
            self._fill(self.city, self._children(self.province), 1)
        self._fill(self.district, self._children(self.city), 2)
        self._user_changed()

    def _user_changed(self) -> None:
        if not self.signalsBlocked() and self._orphan is not None:
            self._orphan = None
            self.orphan_label.hide()
        self.changed.emit()

    def code(self) -> str | None:
        for combo in reversed(self.combos):
            if combo.currentData():
                return str(combo.currentData())
        return self._orphan

    def label(self) -> str:
        code = self.code()
        return regions.path_label(code) if code else "未选择"

    def set_code(self, code: str | None) -> None:
        """Select the region and its parents; an unknown code selects nothing."""
        chain: list[str] = []
        step = regions.successor(code) if code else None
        if code:
            try:
                chain = [r.code for r in reversed(regions.ancestors(regions.resolve(code).code))]
            except LookupError:
                chain = []
        self.blockSignals(True)
        self._orphan = code if code and not chain else None
        if step is not None:
            # a code retired by a merger or renaming: its successor is selected, and said so
            self.orphan_label.setText(f"原地区代码 {code} 已停用（{step.basis}），已改为现行代码")
        else:
            self.orphan_label.setText(f"已保存的地区代码 {code}（不在本程序的区划表中）")
        self.orphan_label.setVisible(self._orphan is not None or step is not None)
        self.province.setCurrentIndex(max(0, self.province.findData(chain[0])) if chain else 0)
        self._cascade(0)
        if len(chain) > 1:
            self.city.setCurrentIndex(max(0, self.city.findData(chain[1])))
            self._cascade(1)
        if len(chain) > 2:
            self.district.setCurrentIndex(max(0, self.district.findData(chain[2])))
        self.blockSignals(False)
        self.changed.emit()
