"""已保存企业: the saved enterprises with search, and for the selected one its notes and the
history of its evaluations.

The dialog is a view with its actions; opening the wizard and the main window's reader is
left to the caller through signals (edit_requested, new_requested, result_requested), so the
dialog never needs the main window.

Keys: Ctrl+F search, ↑↓ choose, Enter 编辑并评估, Ctrl+D 复制, Delete 删除, Ctrl+N 新建,
Tab to the history and Enter to reopen an evaluation.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import regions
from desktop_app.core.userdata.profiles import (
    EnterpriseRecord,
    ProfileRepository,
    RecordNotFoundError,
    display_time,
)
from desktop_app.core.userdata.user_db import UserDbError
from desktop_app.gui.enterprises import transfer
from desktop_app.gui.user_data import UserData
from desktop_app.gui.widgets import prompts
from desktop_app.gui.widgets.fields import DISABLED_STYLE, heading, muted

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole


def region_text(code: str | None) -> str:
    return regions.place_text(code) or "未填写"


class EnterprisesDialog(QDialog):
    new_requested = Signal()
    edit_requested = Signal(str)  # enterprise id
    result_requested = Signal(str, str)  # evaluation id, enterprise name

    def __init__(self, user_data: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_data = user_data
        self.setWindowTitle("已保存企业")
        self.resize(1160, 660)
        self.setStyleSheet(DISABLED_STYLE)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索企业名称或备注（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("搜索已保存企业")
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.count_label = muted("", self)

        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["企业名称", "所在地区", "最近更新", "评估次数"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAccessibleName("已保存企业列表")
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.list.currentItemChanged.connect(lambda _c, _p: self._selection_changed())
        self.list.itemActivated.connect(lambda _i, _c: self.edit_current())

        self.empty = muted("", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QTreeWidget(self)
        self.history.setHeaderLabels(["评估日期", "结果", "合计", "记录时间", "数据版本"])
        self.history.setRootIsDecorated(False)
        self.history.setAccessibleName("评估历史")
        hh = self.history.header()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.itemActivated.connect(lambda _i, _c: self.open_evaluation())
        self.history.currentItemChanged.connect(lambda _c, _p: self._update_buttons())

        self.new_button = QPushButton("新建评估(&N)", self)
        self.edit_button = QPushButton("编辑并评估(&E)", self)
        self.edit_button.setObjectName("Primary")
        self.copy_button = QPushButton("复制(&C)", self)
        self.delete_button = QPushButton("删除(&D)…", self)
        self.export_button = QPushButton("导出全部(&X)…", self)
        self.import_button = QPushButton("导入(&I)…", self)
        self.open_result_button = QPushButton("查看这次结果(&V)", self)
        close = QPushButton("关闭", self)
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(self.edit_current)
        self.copy_button.clicked.connect(self.duplicate_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.export_button.clicked.connect(self.export_all)
        self.import_button.clicked.connect(self.import_file)
        self.open_result_button.clicked.connect(self.open_evaluation)
        close.clicked.connect(self.close)
        # Enter belongs to the list (编辑并评估) and the history (查看这次结果): a dialog's
        # default button would also take it, and one Enter opened two wizards
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.edit_button.setToolTip("在问卷中打开这家企业，修改后重新评估（Enter）")
        self.copy_button.setToolTip("复制这家企业的全部信息为一家新企业（Ctrl+D）")
        self.delete_button.setToolTip("删除这家企业及其评估历史（Delete）")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.copy_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        left_layout.addLayout(row)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(heading("备注", self))
        right_layout.addWidget(self.notes)
        right_layout.addWidget(heading("评估历史", self))
        right_layout.addWidget(self.history, 1)
        history_row = QHBoxLayout()
        history_row.addWidget(self.open_result_button)
        history_row.addStretch(1)
        right_layout.addLayout(history_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([580, 560])

        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.import_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence.StandardKey.New, self.new_requested.emit),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
        # Delete and Ctrl+D act on the list only (in the search box they edit the text), so
        # they are read from the list's own key presses rather than window shortcuts.
        self.list.installEventFilter(self)
        self.history.installEventFilter(self)
        self.user_data.changed.connect(self.refresh)
        self.refresh()
        self.list.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched in (self.list, self.history)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            # the view would emit itemActivated and then pass Enter on to the dialog
            (self.edit_current if watched is self.list else self.open_evaluation)()
            return True
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.matches(QKeySequence.StandardKey.Delete):
                self.delete_current()
                return True
            if event.key() == Qt.Key.Key_D and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.duplicate_current()
                return True
        return super().eventFilter(watched, event)

    # -- data ------------------------------------------------------------------------------
    def repo(self) -> ProfileRepository | None:
        return self.user_data.repository(self)

    def refresh(self, select: str | None = None) -> None:
        repo = self.repo()
        keep = select or self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        records: list[EnterpriseRecord] = repo.search(self.search.text()) if repo else []
        for record in records:
            item = QTreeWidgetItem(
                [
                    record.name,
                    region_text(record.profile.get("region")),
                    display_time(record.updated),
                    str(record.evaluation_count),
                ]
            )
            item.setData(0, ID_ROLE, record.id)
            item.setToolTip(0, record.name)
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        if self.user_data.offer_repair(self):  # the readable rows are listed meanwhile
            self.refresh(select)
            return
        total = repo.count() if repo else 0
        self.count_label.setText(
            f"共 {total} 家" if not self.search.text().strip() else f"找到 {len(records)} 家"
        )
        if repo is None:
            self.empty.setText(self.user_data.error or "无法打开已保存企业。")
        elif not records and total:
            self.empty.setText("没有名称或备注包含这段文字的企业。")
        elif not records:
            self.empty.setText("还没有保存任何企业。点“新建评估”填写第一家企业的信息。")
        self.empty.setVisible(not records)
        target = 0
        for i in range(self.list.topLevelItemCount()):
            row_item = self.list.topLevelItem(i)
            if row_item is not None and row_item.data(0, ID_ROLE) == keep:
                target = i
        first = self.list.topLevelItem(target)
        if first is not None:
            self.list.setCurrentItem(first)
        self._selection_changed()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    def ids(self) -> list[str]:
        return [
            str(self.list.topLevelItem(i).data(0, ID_ROLE))  # type: ignore[union-attr]
            for i in range(self.list.topLevelItemCount())
        ]

    def names(self) -> list[str]:
        return [
            self.list.topLevelItem(i).text(0)  # type: ignore[union-attr]
            for i in range(self.list.topLevelItemCount())
        ]

    def select(self, enterprise_id: str) -> None:
        self.refresh(select=enterprise_id)

    def _selection_changed(self) -> None:
        self.history.clear()
        self.notes.setText("")
        repo = self.repo()
        enterprise_id = self.current_id()
        if repo is not None and enterprise_id is not None:
            try:
                record = repo.get(enterprise_id)
            except RecordNotFoundError:
                record = None
            if record is not None:
                self.notes.setText(record.notes or "（无）")
                for ev in repo.evaluations(enterprise_id):
                    c = ev.counts
                    item = QTreeWidgetItem(
                        [
                            ev.as_of,
                            f"符合{c['eligible']} 可能{c['possible']} 不符合{c['ineligible']}"
                            + (f" 仅供参考{c['not_in_force']}" if c.get("not_in_force") else ""),
                            ev.total_text,
                            display_time(ev.created),
                            ev.data_version_text,
                        ]
                    )
                    item.setData(0, ID_ROLE, ev.id)
                    item.setToolTip(1, ev.summary)
                    self.history.addTopLevelItem(item)
                newest = self.history.topLevelItem(0)
                if newest is not None:
                    self.history.setCurrentItem(newest)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        for button in (self.edit_button, self.copy_button, self.delete_button):
            button.setEnabled(has)
        self.open_result_button.setEnabled(self.history.currentItem() is not None)
        self.export_button.setEnabled(self.list.topLevelItemCount() > 0 or bool(self.search.text()))

    # -- actions ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def edit_current(self) -> None:
        enterprise_id = self.current_id()
        if enterprise_id is not None:
            self.edit_requested.emit(enterprise_id)

    def duplicate_current(self) -> None:
        repo, enterprise_id = self.repo(), self.current_id()
        if repo is None or enterprise_id is None:
            return
        try:
            copy = repo.duplicate(enterprise_id)
        except (RecordNotFoundError, UserDbError) as exc:
            prompts.warn(self, "无法复制", str(exc))
            self.refresh()
            return
        self.user_data.notify_changed()
        self.select(copy.id)

    def delete_current(self) -> None:
        repo, item = self.repo(), self.list.currentItem()
        if repo is None or item is None:
            return
        name = item.text(0)
        count = int(item.text(3) or 0)
        history = f"以及它的 {count} 条评估记录" if count else ""
        if not prompts.confirm(
            self,
            "删除企业",
            f"确定要删除“{name}”{history}吗？\n删除后无法恢复。如需备份，可先“导出全部”。",
            "删除",
        ):
            return
        row = self.list.indexOfTopLevelItem(item)
        try:
            repo.delete(str(item.data(0, ID_ROLE)))
        except RecordNotFoundError:
            pass  # already gone: the refresh shows it
        except UserDbError as exc:
            prompts.warn(self, "无法删除", str(exc))
            return
        self.user_data.notify_changed()
        if self.list.topLevelItemCount():
            next_item = self.list.topLevelItem(min(row, self.list.topLevelItemCount() - 1))
            if next_item is not None:
                self.list.setCurrentItem(next_item)

    def open_evaluation(self) -> None:
        item, list_item = self.history.currentItem(), self.list.currentItem()
        if item is not None and list_item is not None:
            self.result_requested.emit(str(item.data(0, ID_ROLE)), list_item.text(0))

    def export_all(self) -> None:
        repo = self.repo()
        if repo is not None:
            transfer.export_all(self, repo)

    def import_file(self) -> None:
        repo = self.repo()
        if repo is not None and transfer.import_chosen(self, repo):
            self.user_data.notify_changed()
