"""Step 5: the date to evaluate on (default today) and a recap of what was entered.

Documents come into and go out of force, so the date decides which measures apply; a date
that brings new questions into step 4 is pointed out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.gui.widgets.fields import heading, muted
from desktop_app.gui.wizard.page_base import QuestionPage

EARLIEST = date(2010, 1, 1)
LATEST = date(2040, 12, 31)

RecapSource = Callable[[], str]  # HTML
NewQuestions = Callable[[date], int]  # how many step-4 questions the date adds


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DatePage(QuestionPage):
    def __init__(
        self,
        recap_source: RecapSource,
        new_questions: NewQuestions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "第5步　评估日期",
            "按哪一天判断政策是否有效。默认是今天；也可以选过去或将来的日期，看看那时适用哪些措施。",
            parent,
        )
        self.recap_source = recap_source
        self.new_questions = new_questions
        layout = self.scrolled()
        row = QHBoxLayout()
        label = QLabel("评估日期(&D)", self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(to_qdate(EARLIEST))
        self.date_edit.setMaximumDate(to_qdate(LATEST))
        self.date_edit.setDate(to_qdate(date.today()))
        self.date_edit.setMinimumWidth(180)
        self.date_edit.setAccessibleName("评估日期")
        label.setBuddy(self.date_edit)
        today = QPushButton("今天(&T)", self)
        today.clicked.connect(lambda: self.set_as_of(date.today()))
        row.addWidget(label)
        row.addWidget(self.date_edit)
        row.addWidget(today)
        row.addStretch(1)
        layout.addLayout(row)
        self.date_note = muted("", self)
        self.date_note.setStyleSheet("color: #8a5300;")
        self.date_note.hide()
        layout.addWidget(self.date_note)
        layout.addSpacing(10)
        layout.addWidget(heading("已填写的信息", self))
        self.recap = QLabel(self)
        self.recap.setWordWrap(True)
        self.recap.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.recap)
        layout.addWidget(muted("点“开始评估”查看结果；需要修改可以点“上一步”。", self))
        layout.addStretch(1)
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())

    def as_of(self) -> date:
        qdate = self.date_edit.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def set_as_of(self, day: date) -> None:
        self.date_edit.setDate(to_qdate(day))

    def initializePage(self) -> None:
        self.recap.setText(self.recap_source())
        self._date_changed()

    def _date_changed(self) -> None:
        added = self.new_questions(self.as_of())
        self.date_note.setText(
            f"按这个日期，第4步还有 {added} 个相关问题没有显示；可以点“上一步”补充，不填也可以。"
            if added
            else ""
        )
        self.date_note.setVisible(bool(added))

    def load(self, profile: dict[str, Any]) -> None:
        pass  # the date is not part of the profile

    def collect(self, into: dict[str, Any]) -> None:
        pass
