"""Step 6: the result, with 保存 / 导出PDF / 导出Word / 打印预览 / 打印. The wizard does the work;
this page is the view (the buttons are wired by the wizard)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop_app.core.eligibility.results import MatchResult
from desktop_app.gui.views.report_buttons import ReportButtons
from desktop_app.gui.views.result_view import ResultView

BACK_HINT = "点“上一步”回到问卷补充这些信息，再重新评估。"


class ResultPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("评估结果")
        self.setSubTitle("按所填信息逐条对照政策原文。选中左侧的措施查看条件、金额计算和出处。")
        self.view = ResultView(self)
        self.view.supplement_hint = BACK_HINT
        self.status = QLabel(self)
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        self.save_button = QPushButton("保存企业和本次结果(&S)", self)
        self.save_button.setObjectName("Primary")
        self.save_button.setToolTip("保存到“已保存企业”，并把本次评估记入历史（Ctrl+S）")
        self.report = ReportButtons(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        self.report.add_to(buttons)
        buttons.addSpacing(12)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save_button.click)
        self._ready = False

    def set_busy(self, message: str) -> None:
        self._ready = False
        self.view.clear(f"<p style='font-size:large;'>{message}</p>")
        self.save_button.setEnabled(False)
        self.report.set_available(pdf=False, printing=False)
        self.completeChanged.emit()

    def set_result(self, result: MatchResult, name: str | None) -> None:
        self._ready = True
        self.view.show_result(result, name)
        self.save_button.setEnabled(True)
        self.completeChanged.emit()
        self.view.tree.setFocus()

    def set_failed(self, message: str) -> None:
        self._ready = True  # 完成 still closes the wizard
        self.view.clear(f"<p style='font-size:large;color:#b42318;'>{message}</p>")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._ready
