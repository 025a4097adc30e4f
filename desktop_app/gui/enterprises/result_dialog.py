"""A stored evaluation reopened from the history: the result exactly as it was computed, with
导出PDF when the policy data has not changed since (then re-running the engine on the stored
profile and date gives the same result, which the PDF builder needs as objects)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.eligibility.engine import MatchResult, match
from desktop_app.core.eligibility.profile import Profile, ProfileError
from desktop_app.core.size_class import SizeInputError
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.profiles import EvaluationRecord, display_time
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.wizard import summary_export
from desktop_app.gui.wizard.fields import DISABLED_STYLE
from desktop_app.gui.wizard.result_view import ResultView

OLD_DATA_NOTE = (
    "这次评估使用的政策数据（版本 {old}）与当前（版本 {new}）不同，结果按当时的数据显示。"
)


def rebuild_result(store: PolicyStore, result: dict[str, Any]) -> MatchResult | None:
    """The MatchResult behind a stored result, when the current data would reproduce it."""
    if result.get("data_version") != store.meta().get("data_version"):
        return None
    try:
        profile = Profile.from_dict(result.get("profile") or {})
        return match(store, profile, date.fromisoformat(str(result["as_of"])))
    except (ProfileError, SizeInputError, KeyError, ValueError):
        return None


class ResultDialog(QDialog):
    open_measure_requested = Signal(str)

    def __init__(
        self,
        store: PolicyStore,
        evaluation: EvaluationRecord,
        name: str,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        settings: summary_export.FolderMemory | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        assert evaluation.result is not None
        self.store = store
        self.runner = runner
        self.name = name
        self.stored = evaluation.result
        self.setWindowTitle(f"评估结果 — {name} — {evaluation.as_of}")
        self.resize(1160, 700)
        self.setStyleSheet(DISABLED_STYLE)
        self.view = ResultView(self)
        self.view.open_measure_requested.connect(self.open_measure_requested)
        self.view.show_result(self.stored, name)
        current = store.meta().get("data_version", "")
        note = f"记录于 {display_time(evaluation.created)}。"
        if evaluation.data_version != current:
            note += OLD_DATA_NOTE.format(old=evaluation.data_version or "未知", new=current)
        self.note = QLabel(note, self)
        self.note.setObjectName("Muted")
        self.note.setWordWrap(True)
        self.pdf_button = QPushButton("导出PDF(&P)…", self)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.pdf_button.setEnabled(
            summary_export.pdf_available() and evaluation.data_version == current
        )
        if evaluation.data_version != current:
            self.pdf_button.setToolTip("政策数据已更新：请重新评估后再导出PDF。")
        close = QPushButton("关闭", self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.note, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.tree.setFocus()

    def export_pdf(self) -> None:
        result = rebuild_result(self.store, self.stored)
        if result is None:
            self.pdf_button.setEnabled(False)
            return
        summary_export.export_pdf(self, result, self.name, self.runner, self.settings)
