"""Step 3: the qualifications the enterprise holds, each with the date it was granted.

Unlike the other answers, an unticked qualification means "not held" (the engine reads it so):
the page says so. The date is optional, but some measures reward only a *new* qualification
and need it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.gui.widgets.fields import DateField, muted
from desktop_app.gui.wizard.page_base import QuestionPage


class QualificationsPage(QuestionPage):
    def __init__(self, registry: FactsRegistry, parent: QWidget | None = None) -> None:
        super().__init__(
            "第3步　资质与认定",
            "勾选企业已经取得的认定；未勾选表示没有该认定。认定日期可以不填，"
            "但“新认定”才给予奖励的措施需要它。",
            parent,
        )
        layout = self.scrolled()
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        layout.addLayout(grid)
        layout.addStretch(1)
        header_date = QLabel("认定日期", self)
        header_date.setObjectName("Muted")
        grid.addWidget(header_date, 0, 1)
        self.boxes: dict[str, QCheckBox] = {}
        self.dates: dict[str, DateField] = {}
        self.errors: dict[str, QLabel] = {}
        for row, qual in enumerate(registry.qualifications.values(), start=1):
            box = QCheckBox(qual.label, self)
            when = DateField(latest=date.today(), parent=self)
            when.setEnabled(False)
            when.focus_widget().setAccessibleName(f"{qual.label}的认定日期")
            self.watch(when)
            error = muted("", self)
            error.setStyleSheet("color: #b42318;")
            box.toggled.connect(lambda on, w=when: self._toggled(w, on))
            when.changed.connect(lambda w=when, e=error: e.setText(w.error() or ""))
            grid.addWidget(box, row, 0)
            grid.addWidget(when, row, 1)
            grid.addWidget(error, row, 2)
            self.boxes[qual.id] = box
            self.dates[qual.id] = when
            self.errors[qual.id] = error
        grid.setColumnStretch(2, 1)

    def _toggled(self, when: DateField, on: bool) -> None:
        when.setEnabled(on)
        if not on:
            when.clear()  # a date for a qualification not held would be kept invisibly
        self._field_changed()

    def load(self, profile: dict[str, Any]) -> None:
        held = {
            (q if isinstance(q, str) else q.get("id")): (
                None if isinstance(q, str) else q.get("granted")
            )
            for q in profile.get("qualifications") or []
        }
        for qid, box in self.boxes.items():
            box.setChecked(qid in held)
            granted = held.get(qid)
            self.dates[qid].set_value(date.fromisoformat(granted) if granted else None)

    def collect(self, into: dict[str, Any]) -> None:
        quals = []
        for qid, box in self.boxes.items():
            if box.isChecked():
                granted = self.dates[qid].value()
                quals.append(
                    {
                        "id": qid,
                        "granted": granted.isoformat() if isinstance(granted, date) else None,
                    }
                )
        into["qualifications"] = quals
