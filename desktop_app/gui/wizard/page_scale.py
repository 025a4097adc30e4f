"""Step 2: headcount, revenue and assets, the size class shown live with its working, and an
override (e.g. a class set by the authorities) that needs a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import size_class
from desktop_app.core.eligibility.profile import SIZES
from desktop_app.gui.widgets.fields import FieldBlock, NumberField, heading, muted
from desktop_app.gui.wizard.page_base import FIX_MESSAGE, QuestionPage
from desktop_app.gui.wizard.size_panel import SizePanel

# Same limits as Profile and size_class: far beyond any real enterprise, so only slips fail.
MAX_EMPLOYEES = 10_000_000
MAX_MONEY = 1e11  # 万元
REASON_MISSING = "手动指定企业规模时，请填写理由（例如：经主管部门认定为小型企业）。"

IndustrySource = Callable[[], tuple[str | None, bool]]  # (industry, individual business?)


class ScalePage(QuestionPage):
    def __init__(self, industry_source: IndustrySource, parent: QWidget | None = None) -> None:
        super().__init__(
            "第2步　企业规模",
            "填写上一年度的数据，程序按《中小企业划型标准规定》即时划型。不确定的可以不填。",
            parent,
        )
        self.industry_source = industry_source
        layout = self.scrolled()
        row = QHBoxLayout()
        row.setSpacing(24)
        layout.addLayout(row)
        left = QWidget(self)
        left.setFixedWidth(340)
        fields = QVBoxLayout(left)
        fields.setContentsMargins(0, 0, 0, 0)
        row.addWidget(left, 0)
        self.employees = NumberField(unit="人", high=MAX_EMPLOYEES, integer=True, parent=self)
        self.revenue = NumberField(unit="万元", high=MAX_MONEY, parent=self)
        self.assets = NumberField(unit="万元", high=MAX_MONEY, parent=self)
        self.blocks: dict[str, FieldBlock] = {}
        for key, label, editor, help_text in (
            ("employees", "从业人员(&E)", self.employees, "上一年度平均或年末从业人员数。"),
            (
                "revenue",
                "营业收入(&V)",
                self.revenue,
                "上一年度营业收入，单位万元（100万元填100）。",
            ),
            ("assets", "资产总额(&A)", self.assets, "上一年度末资产总额，单位万元。"),
        ):
            block = FieldBlock(label, self.watch(editor), help_text, self)
            self.blocks[key] = block
            fields.addWidget(block)
            editor.changed.connect(self.refresh_size)
        fields.addStretch(1)

        right = QVBoxLayout()
        row.addLayout(right, 1)
        right.addWidget(heading("划型结果", self))
        self.panel = SizePanel(self)
        right.addWidget(self.panel)
        right.addStretch(1)

        layout.addSpacing(12)
        self.override = QCheckBox(
            "手动指定企业规模(&S)（例如已由主管部门认定，与按数据划型不同）", self
        )
        layout.addWidget(self.override)
        grid = QGridLayout()
        grid.setContentsMargins(28, 0, 0, 0)
        self.override_size = QComboBox(self)
        self.override_size.setFixedWidth(200)
        for size in SIZES:
            self.override_size.addItem(f"{size_class.SIZE_LABELS[size]}企业", size)
        self.override_size.setCurrentIndex(SIZES.index("small"))
        self.override_size.setAccessibleName("手动指定的规模")
        self.override_reason = QLineEdit(self)
        self.override_reason.setPlaceholderText("必填：为什么手动指定")
        self.override_reason.setMinimumWidth(420)
        self.override_reason.setAccessibleName("手动指定规模的理由")
        size_label = QLabel("规模", self)
        size_label.setBuddy(self.override_size)
        reason_label = QLabel("理由(&Y)", self)
        reason_label.setBuddy(self.override_reason)
        grid.addWidget(size_label, 0, 0)
        grid.addWidget(self.override_size, 0, 1)
        grid.addWidget(reason_label, 1, 0)
        grid.addWidget(self.override_reason, 1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        layout.addWidget(
            muted("手动指定后，所有措施都按指定的规模判断，评估结果中会写明理由。", self)
        )
        layout.addStretch(1)
        self.override.toggled.connect(self._override_toggled)
        self.override_reason.textChanged.connect(lambda _t: self._field_changed())
        self._override_toggled(False)

    def _override_toggled(self, on: bool) -> None:
        self.override_size.setEnabled(on)
        self.override_reason.setEnabled(on)
        self._field_changed()
        if on:
            self.override_size.setFocus()

    def initializePage(self) -> None:
        self.refresh_size()

    def refresh_size(self) -> None:
        industry, individual = self.industry_source()
        used: tuple[str, ...] = ()
        if industry:
            try:
                used = tuple(size_class.load_standard().industry(industry).indicators)
            except size_class.SizeInputError:
                used = ()
        for key, block in self.blocks.items():
            note = "" if not industry or key in used else "（本行业不以此划型，可不填）"
            base = block.label.text().split("（")[0]
            block.label.setText(base + note)
        self.panel.update_size(
            industry,
            self.employees.value(),
            self.revenue.value(),
            self.assets.value(),
            individual_business=individual,
        )

    def problems(self) -> list[str]:
        problems = super().problems()
        if self.override.isChecked() and not self.override_reason.text().strip():
            problems.append(REASON_MISSING)
        return problems

    def blocking_message(self, problems: list[str]) -> str:
        if REASON_MISSING in problems and len(problems) == 1:
            return REASON_MISSING
        return FIX_MESSAGE

    def load(self, profile: dict[str, Any]) -> None:
        self.employees.set_value(profile.get("employees"))
        self.revenue.set_value(profile.get("revenue"))
        self.assets.set_value(profile.get("assets"))
        override = profile.get("size_override")
        self.override.setChecked(bool(override))
        if override:
            self.override_size.setCurrentIndex(
                max(0, self.override_size.findData(override["size"]))
            )
            self.override_reason.setText(override.get("reason") or "")
        else:
            self.override_reason.clear()

    def collect(self, into: dict[str, Any]) -> None:
        into.update(
            employees=self.employees.value(),
            revenue=self.revenue.value(),
            assets=self.assets.value(),
            size_override=(
                {
                    "size": self.override_size.currentData(),
                    "reason": self.override_reason.text().strip(),
                }
                if self.override.isChecked()
                else None
            ),
        )
