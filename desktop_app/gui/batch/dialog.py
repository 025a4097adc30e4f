"""批量筛查: choose a roster, check how its columns map, screen every enterprise on the task
helper's worker (progress, 取消), then the views, export to Excel, 告知单 and saving.

Keys: Ctrl+O 选择名册, Ctrl+R 开始筛查, Esc 取消 a running task (or close), Enter 在评估向导中
打开, Ctrl+S 保存所选企业, Ctrl+E 导出Excel, Ctrl+P 生成告知单, Alt+1…4 the views."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.batch import columns as cols
from desktop_app.core.batch.roster import Roster, read_roster
from desktop_app.core.batch.screen import BatchResult, Cancelled, screen
from desktop_app.core.batch.sheet import RosterError, sheet_names
from desktop_app.core.eligibility.engine import PolicySource
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.gui.batch.mapping import MappingTable
from desktop_app.gui.batch.views import ResultViews
from desktop_app.gui.operations.summary import report_choice
from desktop_app.gui.tasks import TaskError, TaskRunner
from desktop_app.gui.widgets import prompts
from desktop_app.gui.widgets.fields import heading, muted

ROSTER_FILTER = "企业名册 (*.xlsx *.xlsm *.xls *.csv *.txt);;所有文件 (*)"


def choose_roster(parent: QWidget | None, folder: str) -> Path | None:
    """File dialogs as module functions, replaced in tests."""
    text, _f = QFileDialog.getOpenFileName(parent, "选择企业名册", folder, ROSTER_FILTER)
    return Path(text) if text else None


def choose_workbook(parent: QWidget | None, suggested: str) -> Path | None:
    text, _f = QFileDialog.getSaveFileName(
        parent, "导出筛查结果", suggested, "Excel 工作簿 (*.xlsx)"
    )
    if not text:
        return None
    path = Path(text)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def choose_folder(parent: QWidget | None, folder: str) -> Path | None:
    text = QFileDialog.getExistingDirectory(parent, "选择存放告知单的文件夹", folder)
    return Path(text) if text else None


class BatchDialog(QDialog):
    open_requested = Signal(object)  # Outcome: open in the wizard, prefilled
    save_requested = Signal(object)  # list[Outcome]

    def __init__(
        self,
        store: PolicySource,
        runner: TaskRunner,
        parent: QWidget | None = None,
        settings: object | None = None,  # the window's Settings: the office block of 告知单
    ):
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.settings = settings
        self.registry = load_registry()
        self.path: Path | None = None
        self.roster: Roster | None = None
        self.screening: BatchResult | None = None
        self._cancel = threading.Event()
        self._running = False
        self.setWindowTitle("批量筛查（政策找企业）")
        self.resize(1240, 780)

        self.file_label = QLabel("尚未选择名册", self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton("选择名册(&O)…", self)
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_box = QComboBox(self)
        self.sheet_box.setAccessibleName("工作表")
        self.sheet_box.activated.connect(lambda _i: self._sheet_changed())
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("评估日期")
        top = QHBoxLayout()
        top.addWidget(QLabel("名册：", self))
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        top.addWidget(QLabel("工作表：", self))
        top.addWidget(self.sheet_box)
        top.addWidget(QLabel("评估日期：", self))
        top.addWidget(self.date_edit)

        self.stack = QStackedWidget(self)
        self.intro = muted(
            "选择一份企业名册（Excel 或 CSV，每行一家企业，第一行为列名，如企业名称、所在地区、"
            "所属行业、从业人员、营业收入、资产总额、成立日期、资质）。程序会识别各列，"
            "逐家评估全部措施，列出每家企业符合的措施，以及每项措施可以找哪些企业。",
            self,
        )
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.intro)
        mapping_page = QWidget(self)
        self.mapping = MappingTable(self.registry, mapping_page)
        self.mapping_notes = muted("", mapping_page)
        self.mapping_notes.setWordWrap(True)
        self.start_button = QPushButton("开始筛查(&R)", mapping_page)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        layout = QVBoxLayout(mapping_page)
        layout.addWidget(heading("核对列的对应（下次打开同样列名的名册会沿用）", mapping_page))
        layout.addWidget(self.mapping, 1)
        layout.addWidget(self.mapping_notes)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        layout.addLayout(row)
        self.stack.addWidget(mapping_page)
        self.views = ResultViews(self.registry, self)
        self.views.open_requested.connect(self.open_requested)
        self.stack.addWidget(self.views)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = muted("", self)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.remap_button = QPushButton("重新对应列", self)
        self.remap_button.clicked.connect(lambda: self.stack.setCurrentIndex(1))
        self.open_button = QPushButton("在评估向导中打开", self)
        self.open_button.clicked.connect(self._open_current)
        self.save_button = QPushButton("保存所选企业(&S)", self)
        self.save_button.clicked.connect(self._save_selected)
        self.save_all_button = QPushButton("全部保存", self)
        self.save_all_button.clicked.connect(self._save_all)
        self.excel_button = QPushButton("导出Excel(&E)…", self)
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button = QPushButton("生成告知单(&P)…", self)
        self.pdf_button.clicked.connect(self.export_notices)
        self.result_buttons = [
            self.remap_button,
            self.open_button,
            self.save_button,
            self.save_all_button,
            self.excel_button,
            self.pdf_button,
        ]
        # the status has a line of its own: a folder path or a long message is not cut
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for button in self.result_buttons:
            bottom.addWidget(button)
            button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(status_row)
        layout.addLayout(bottom)
        for keys, slot in (("Ctrl+O", self.choose_file), ("Ctrl+R", self.start),
                           ("Ctrl+S", self._save_selected), ("Ctrl+E", self.export_excel),
                           ("Ctrl+P", self.export_notices)):  # fmt: skip
            QShortcut(QKeySequence(keys), self, slot)
        for n in range(4):
            QShortcut(QKeySequence(f"Alt+{n + 1}"), self, lambda n=n: self._tab(n))

    # -- steps ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = choose_roster(self, str(self.path.parent if self.path else Path.home()))
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path, sheet: str | None = None) -> None:
        self.path = path
        self.file_label.setText(str(path))
        if sheet is None:
            self.sheet_box.clear()
            for name, visible in sheet_names(path):
                self.sheet_box.addItem(name if visible else f"{name}（隐藏）", name)
        self._run("正在读取名册…", lambda progress: read_roster(path, sheet), self._read_done)

    def _sheet_changed(self) -> None:
        if self.path is not None:
            self.load_file(self.path, self.sheet_box.currentData())

    def _read_done(self, roster: Roster) -> None:
        self.roster = roster
        index = self.sheet_box.findData(roster.sheet)
        if index >= 0:
            self.sheet_box.setCurrentIndex(index)
        self.mapping.load(roster.columns, roster.examples)
        remembered = "（沿用上次为同样列名的名册所做的对应）" if roster.remembered else ""
        self.mapping_notes.setText(
            f"工作表“{roster.sheet}”，表头在第{roster.header_row}行，"
            f"{len(roster.rows) + len(roster.rejected)} 行数据{remembered}。"
            + ("　" + "；".join(roster.notes[:3]) if roster.notes else "")
        )
        self.stack.setCurrentIndex(1)
        self.status.setText("请核对各列对应到的内容，然后开始筛查。")

    def start(self) -> None:
        if self.path is None or self.roster is None or self._running:
            return
        problem = self.mapping.problem()
        if problem:
            prompts.warn(self, "列对应有误", problem)
            return
        mapping = self.mapping.mapping()
        path, sheet = self.path, self.roster.sheet
        as_of = self.date_edit.date().toPython()
        assert isinstance(as_of, date)
        store, cancel = self.store, self._cancel
        with contextlib.suppress(OSError):  # not remembering is no reason to stop
            cols.remember(mapping)

        def work(progress: Callable[[int, str], None]) -> BatchResult:
            roster = read_roster(path, sheet, mapping=mapping)
            return screen(store, roster, as_of, progress=progress, cancelled=cancel.is_set)

        self._run("正在筛查…", work, self._screened)

    def _screened(self, result: BatchResult) -> None:
        self.screening = result
        self.views.show_result(result)
        self.stack.setCurrentIndex(2)
        for button in self.result_buttons:
            button.setEnabled(True)
        self.status.setText(
            f"已评估 {len(result.outcomes)} 家企业，未纳入 {len(result.rejected)} 行"
            f"（评估日期 {result.as_of.isoformat()}）。"
        )
        self.views.firms.setFocus()

    def cancel(self) -> None:
        self._cancel.set()
        self.status.setText("正在取消…")

    # -- outputs ----------------------------------------------------------------------------
    def export_excel(self) -> None:
        if self.screening is None or self._running:
            return
        stem = Path(self.screening.roster.source).stem
        suggested = (
            self.path.parent / f"{stem}-筛查结果-{self.screening.as_of}.xlsx" if self.path else ""
        )
        target = choose_workbook(self, str(suggested))
        if target is None:
            return
        from desktop_app.core.batch.workbook import write_workbook

        result = self.screening
        self._run(
            "正在写入 Excel…",
            lambda progress: write_workbook(result, target),
            lambda path: self.status.setText(f"已导出：{path}"),
        )

    def export_notices(self) -> None:
        if self.screening is None or self._running:
            return
        folder = choose_folder(self, str(self.path.parent if self.path else Path.home()))
        if folder is None:
            return
        # the same office block (服务单位, 经办人, 联系电话) as a single 告知单, asked prefilled
        choice = report_choice(self, self.settings, brief=True)
        if choice is None:
            return
        from desktop_app.core.batch.notices import write_notices

        result, store, cancel = self.screening, self.store, self._cancel
        chosen = self.views.selected_outcomes() or None

        def work(progress: Callable[[int, str], None]) -> list[Path]:
            return write_notices(
                store,
                result,
                folder,
                outcomes=chosen,
                office=choice.office,
                brief=choice.brief,
                progress=progress,
                cancelled=cancel.is_set,
            )

        self._run(
            "正在生成告知单…",
            work,
            lambda paths: self.status.setText(f"已生成 {len(paths)} 份告知单：{folder}"),
        )

    def _open_current(self) -> None:
        outcome = self.views.current_outcome()
        if outcome is not None:
            self.open_requested.emit(outcome)

    def _save_selected(self) -> None:
        chosen = self.views.selected_outcomes()
        if chosen:
            self.save_requested.emit(chosen)

    def _save_all(self) -> None:
        if self.screening is not None and prompts.confirm(
            self, "全部保存", f"把 {len(self.screening.outcomes)} 家企业保存到“已保存企业”？"
            "同名的已保存企业会被更新。", "全部保存"
        ):  # fmt: skip
            self.save_requested.emit(list(self.screening.outcomes))

    def _tab(self, n: int) -> None:
        if self.stack.currentIndex() == 2:
            self.views.setCurrentIndex(n)

    # -- the worker -------------------------------------------------------------------------
    def _run(self, label: str, fn: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        self._cancel.clear()
        self._running = True
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText(label)

        def finished(value: Any) -> None:
            self._idle()
            done(value)

        self.runner.run_with_progress(fn, finished, self._progress, self._failed)

    def _progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        self.status.setText(message)

    def _idle(self) -> None:
        self._running = False
        self.progress.hide()
        self.cancel_button.hide()

    def _failed(self, error: TaskError) -> None:
        self._idle()
        exc = error.exception
        if isinstance(exc, Cancelled):
            self.status.setText("已取消，未保存任何结果。")
            return
        if isinstance(exc, RosterError):
            self.status.setText("名册无法读取。")
            prompts.warn(self, "无法读取名册", str(exc))
            return
        if isinstance(exc, OSError):
            prompts.warn(self, "无法写入", f"无法写入文件：{exc.strerror or exc}")
            return
        from desktop_app.gui import errors

        errors.report(exc, error.traceback, self)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self._running:
            self.cancel()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.stack.currentIndex() == 2:
            self._open_current()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        self._cancel.set()  # a running screening stops; its result is dropped
        super().reject()
