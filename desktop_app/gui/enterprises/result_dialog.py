"""A stored evaluation reopened from the history: the result exactly as it was computed, read
back from its stored form (MatchResult.from_dict), with 导出PDF, 导出Word, 打印预览 and 打印 of that
same result — whatever the policy data says now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.data_label import shown_version
from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.userdata.profiles import EvaluationRecord, display_time
from desktop_app.gui.operations import summary as summary_export
from desktop_app.gui.printing import FolderMemory
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.views.report_buttons import ReportButtons
from desktop_app.gui.views.result_view import ResultView
from desktop_app.gui.widgets.fields import DISABLED_STYLE

OLD_DATA_NOTE = "这次评估使用的政策数据（{old}）与现在的（{new}）不同，结果按当时的数据显示。"


class ResultDialog(QDialog):
    open_measure_requested = Signal(str)

    def __init__(
        self,
        evaluation: EvaluationRecord,
        name: str,
        *,
        current_data_version: str = "",
        current_data_label: str = "",
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        settings: FolderMemory | None = None,
    ) -> None:
        """Raises ResultFormatError (a ValueError with a Chinese message) for a stored result
        this program cannot read."""
        result = MatchResult.from_dict(evaluation.result)
        super().__init__(parent)
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.name = name
        self.match_result = result
        self.setWindowTitle(f"评估结果 — {name} — {evaluation.as_of}")
        self.resize(1160, 700)
        self.setStyleSheet(DISABLED_STYLE)
        self.view = ResultView(self)
        self.view.open_measure_requested.connect(self.open_measure_requested)
        self.view.show_result(result, name)
        note = f"记录于 {display_time(evaluation.created)}。"
        if evaluation.data_version != current_data_version:
            # the code as well when both labels read the same (a rebuilt bundle of one date)
            old = evaluation.data_version_text
            new = shown_version(current_data_label, current_data_version)
            if old == new:
                old, new = (
                    f"{old}，代码 {evaluation.data_version}",
                    f"{new}，代码 {current_data_version}",
                )
            note += OLD_DATA_NOTE.format(old=old, new=new)
        self.note = QLabel(note, self)
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        self.report = ReportButtons(self)
        self.pdf_button = self.report.pdf_button
        self.word_button = self.report.word_button
        self.preview_button = self.report.preview_button
        self.print_button = self.report.print_button
        self.brief_check = self.report.brief_check
        self.report.set_default_brief(settings)
        self.pdf_button.setToolTip("把这次评估（按当时的数据）导出为“惠企政策告知单”PDF")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.word_button.clicked.connect(lambda: self._report(".docx"))
        self.preview_button.clicked.connect(lambda: self._report(None, preview=True))
        self.print_button.clicked.connect(lambda: self._report(None))
        close = QPushButton("关闭", self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        self.report.add_to(buttons)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.tree.setFocus()

    def export_pdf(self) -> None:
        self._report(".pdf")

    def _report(self, suffix: str | None, preview: bool = False) -> None:
        # the date of the data it was computed with is not stored: the data code says it
        brief = self.brief_check.isChecked()
        if suffix is None:
            summary_export.print_summary(
                self, self.match_result, self.runner, brief, self.settings, None, preview
            )
            return
        summary_export.export_report(
            self,
            self.match_result,
            self.name,
            self.runner,
            self.settings,
            brief=brief,
            suffix=suffix,
        )
