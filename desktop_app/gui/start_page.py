"""The start page: what an official can do (large buttons bound to the window's actions),
the enterprises worked on lately, the state of the policy data and 变化提醒.

A view: it lays out what it is given and emits what was chosen; the window decides what
happens (TagStudio's split). Typing in the search box replaces it with the results.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.data_state import DataState
from desktop_app.core.dates import format_date, iso_date_text

if TYPE_CHECKING:  # the user database's modules load with the list, after the first results
    from desktop_app.core.userdata.recent import RecentEnterprise

# (key, title, what it does); the window binds each key to its action, a key without one
# (a feature not installed) shows no button
TASKS: tuple[tuple[str, str, str], ...] = (
    (
        "new_evaluation",
        "新建企业评估",
        "填写一家企业的情况，看能享受哪些政策、金额多少、找哪个部门",
    ),
    ("saved_enterprises", "已保存企业", "打开、修改、重新评估已保存的企业和评估记录"),
    ("batch", "批量筛查", "用辖区企业名册（Excel）一次筛查，看哪些企业能享受哪项政策"),
    ("import_document", "导入政策文件", "把收到的 Word、PDF 或文本政策文件加入本机政策库"),
)


def _label(text: str, name: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class StartPage(QScrollArea):
    recent_chosen = Signal(str, str)  # enterprise id, its last evaluation's id ("" for none)
    browse_all = Signal()
    changes_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        self.task_buttons: dict[str, QPushButton] = {}
        self._actions: dict[str, QAction] = {}

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(14)
        self.task_cells: dict[str, QWidget] = {}
        for n, (key, title, tip) in enumerate(TASKS):
            cell = QWidget(body)
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(4)
            button = QPushButton(title, cell)
            button.setObjectName("TaskButton")
            button.setAccessibleDescription(tip)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _checked=False, k=key: self._trigger(k))
            cell_layout.addWidget(button)
            cell_layout.addWidget(_label(tip, "Muted", cell))
            cell.hide()
            self.task_buttons[key] = button
            self.task_cells[key] = cell
            grid.addWidget(cell, n // 2, n % 2, Qt.AlignmentFlag.AlignTop)
        browse = QPushButton("浏览全部政策条目", body)
        browse.setObjectName("Link")
        browse.clicked.connect(self.browse_all)
        self.browse_button = browse

        self.changes_box = QFrame(body)
        self.changes_box.setObjectName("Notice")
        changes_layout = QVBoxLayout(self.changes_box)
        self.changes_label = _label("", "", self.changes_box)
        self.changes_label.setTextFormat(Qt.TextFormat.RichText)
        changes_layout.addWidget(self.changes_label)
        self.changes_button = QPushButton("查看变化提醒", self.changes_box)
        self.changes_button.clicked.connect(self.changes_requested)
        changes_layout.addWidget(self.changes_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.changes_box.hide()

        self.recent_box = QFrame(body)
        self.recent_box.setObjectName("Panel")
        self.recent_layout = QVBoxLayout(self.recent_box)
        self.recent_layout.setContentsMargins(14, 12, 14, 12)
        self.recent_layout.setSpacing(0)
        self.recent_layout.addWidget(_label("最近的企业", "Heading", self.recent_box))
        self.recent_empty = _label(
            "还没有保存的企业。点“新建企业评估”开始，评估后保存，下次在这里一键打开。",
            "Muted",
            self.recent_box,
        )
        self.recent_layout.addWidget(self.recent_empty)
        self.recent_empty.hide()  # until the list is read: "none yet" only when it is so
        self.recent_buttons: list[QPushButton] = []

        self.data_box = QFrame(body)
        self.data_box.setObjectName("Panel")
        data_layout = QVBoxLayout(self.data_box)
        data_layout.setContentsMargins(14, 12, 14, 12)
        data_layout.addWidget(_label("政策数据", "Heading", self.data_box))
        self.data_label = _label("正在读取…", "", self.data_box)
        self.data_label.setTextFormat(Qt.TextFormat.RichText)
        data_layout.addWidget(self.data_label)

        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(_label("您可以：", "TitleLarge", body))
        left.addLayout(grid)
        left.addWidget(browse, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(
            _label("也可以直接在上方搜索框输入要查的政策，如“贴息”“招人有补贴吗”。", "Muted", body)
        )
        left.addWidget(self.changes_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.recent_box)
        right.addWidget(self.data_box)
        right.addStretch(1)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(28, 20, 28, 20)
        columns.setSpacing(24)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

    # -- what the window gives ---------------------------------------------------------------
    def bind(self, key: str, action: QAction) -> None:
        """Show the task button key, triggering action and following its enabled state."""
        button = self.task_buttons[key]
        self._actions[key] = action
        shortcut = action.shortcut().toString()
        title = next(t for k, t, _ in TASKS if k == key)
        button.setText(f"{title}（{shortcut}）" if shortcut else title)
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)
        self.task_cells[key].show()

    def _trigger(self, key: str) -> None:
        action = self._actions.get(key)
        if action is not None and action.isEnabled():
            action.trigger()

    def set_recent(self, recent: Sequence[RecentEnterprise]) -> None:
        for button in self.recent_buttons:
            button.deleteLater()
        self.recent_buttons = []
        self.recent_empty.setVisible(not recent)
        for entry in recent:
            what = "打开上次评估" if entry.evaluation_id else "继续填写"
            button = QPushButton(f"{entry.name}\n{entry.summary}", self.recent_box)
            button.setObjectName("RecentButton")
            button.setToolTip(f"{what}（最后修改 {entry.updated}）")
            button.setAccessibleName(f"{entry.name}，{entry.summary}，{what}")
            button.clicked.connect(
                lambda _checked=False, e=entry: self.recent_chosen.emit(e.id, e.evaluation_id or "")
            )
            self.recent_layout.addWidget(button)
            self.recent_buttons.append(button)

    def set_data_state(self, state: DataState) -> None:
        rows = "".join(
            f"<tr><td>{escape(label)}</td><td align='right'>{n} 份</td></tr>"
            for _, label, n in state.by_state
        )
        imported = (
            f"自行导入 {state.imported} 份，最近一次导入 "
            f"{escape(iso_date_text(state.last_import) or '未注明')}。"
            if state.imported
            else "尚未导入政策文件。"
        )
        built = (
            f"内置数据生成于 {escape(iso_date_text(state.bundled_date) or '')}。"
            if state.bundled_date
            else ""
        )
        self.data_label.setText(
            f"<p>共 {state.documents} 份政策文件，按今天（{format_date(state.on)}）看：</p>"
            f"<table cellspacing='0' cellpadding='2'>{rows}</table>"
            f"<p>{imported}{built}</p>"
        )

    def set_changes(self, count: int, summary: str) -> None:
        """变化提醒: shown only when there are changes (count > 0)."""
        self.changes_box.setVisible(count > 0)
        self.changes_label.setText(f"<b>变化提醒：</b>{escape(summary)}")
