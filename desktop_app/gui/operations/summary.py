"""导出PDF, 导出Word, 打印预览 and 打印 of an evaluation, one operation each: the report writer
(core.notice.report.write_report: the 惠企政策告知单, or the full report) on the task runner's
worker, then the GUI printing helpers (gui.printing) on the GUI thread.

With the window's settings, each of them first shows the office block (服务单位, 经办人,
联系电话) prefilled from 告知单设置, so it can be changed for this printout.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.notice.office import OfficeInfo
from desktop_app.core.notice.report import write_report
from desktop_app.gui import errors, notice_settings, printing
from desktop_app.gui.printing import EXPORT_FOLDER_KEY, FolderMemory
from desktop_app.gui.tasks import TaskError, TaskRunner
from desktop_app.gui.widgets import prompts

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def suggested_name(enterprise: str, as_of: date, suffix: str = ".pdf", brief: bool = True) -> str:
    safe = _UNSAFE.sub("_", enterprise).strip("_")[:60] or "企业"
    what = "惠企政策告知单" if brief else "惠企政策告知单详版"
    return f"{what}-{safe}-{as_of:%Y%m%d}{suffix}"


@dataclass(frozen=True)
class ReportChoice:
    office: OfficeInfo
    brief: bool


def report_choice(
    parent: QWidget | None, settings: object | None, brief: bool
) -> ReportChoice | None:
    """The office block and version for this printout: asked (prefilled) when the window's
    settings are there, else blank; None when the user cancels."""
    if settings is None or not callable(getattr(settings, "office", None)):
        return ReportChoice(OfficeInfo(), brief)
    chosen = notice_settings.ask_for_print(parent, settings, brief)  # type: ignore[arg-type]
    return None if chosen is None else ReportChoice(*chosen)


def choose_pdf_path(
    parent: QWidget | None, suggested: str, settings: FolderMemory | None = None
) -> Path | None:
    """The file dialog (replaced in tests): the printing helper's, which remembers the
    folder, when there are settings to remember it in."""
    if settings is not None:
        chosen = printing.export_pdf_dialog(parent, suggested, settings)
        return Path(chosen) if chosen else None
    text, _filter = QFileDialog.getSaveFileName(
        parent, "导出PDF", str(Path.home() / suggested), "PDF 文件 (*.pdf)"
    )
    if not text:
        return None
    path = Path(text)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def choose_docx_path(
    parent: QWidget | None, suggested: str, settings: FolderMemory | None = None
) -> Path | None:
    """Where to save the Word file (replaced in tests); PDF and Word share the last folder."""
    folder = Path(settings.last_folder(EXPORT_FOLDER_KEY)) if settings else Path.home()
    text, _filter = QFileDialog.getSaveFileName(
        parent, "导出Word", str(folder / suggested), "Word 文档 (*.docx)"
    )
    if not text:
        return None
    path = Path(text)
    path = path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")
    if settings is not None:
        settings.set_last_folder(EXPORT_FOLDER_KEY, str(path.parent))
    return path


def build_report(
    result: MatchResult,
    path: Path,
    brief: bool = False,
    office: OfficeInfo | None = None,
    data_day: date | None = None,
) -> int:
    """Write the PDF or Word file; the page count (0 for Word, which lays out its own)."""
    return int(write_report(result, path, brief=brief, office=office, data_date=data_day) or 0)


def _run(
    runner: TaskRunner | None,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[TaskError], None],
    owner: QWidget | None = None,
) -> None:
    if runner is not None and owner is not None:
        # the wizard may be closed before the file is built: then nobody is left to tell
        done = _while_alive(owner, done)
        failed = _while_alive(owner, failed)
    if runner is None:
        try:
            outcome = work()
        except Exception as exc:
            failed(TaskError(exc, ""))
            return
        done(outcome)
    else:
        runner.run(work, done, failed)


def _failure(parent: QWidget, title: str, text: str) -> Callable[[TaskError], None]:
    """A failed build: logged, and said in Chinese with where the log is."""

    def failed(error: TaskError) -> None:
        errors.log_exception(error.exception, error.traceback or None)
        prompts.warn(parent, title, f"{text}\n详细记录：{errors.log_path()}")

    return failed


def _build(
    runner: TaskRunner | None,
    parent: QWidget,
    job: tuple[MatchResult, Path, ReportChoice, date | None],
    done: Callable[[int], None],
    failed: Callable[[TaskError], None],
) -> None:
    """Build (result, path, the office/brief choice, data day) on the worker."""
    result, path, choice, data_day = job
    _run(
        runner,
        lambda: build_report(result, path, choice.brief, choice.office, data_day),
        done,
        failed,
        parent,
    )


def _while_alive(owner: QWidget, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    def guarded(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return guarded


def export_report(
    parent: QWidget,
    result: MatchResult,
    enterprise: str,
    runner: TaskRunner | None,
    settings: FolderMemory | None = None,
    on_done: Callable[[Path], None] | None = None,
    brief: bool = False,
    suffix: str = ".pdf",
    data_day: date | None = None,
) -> None:
    """导出PDF / 导出Word: office block, file name, then the build on the worker."""
    choice = report_choice(parent, settings, brief)
    if choice is None:
        return
    name = suggested_name(enterprise, result.as_of, suffix, choice.brief)
    choose = choose_docx_path if suffix == ".docx" else choose_pdf_path
    path = choose(parent, name, settings)
    if path is None:
        return
    title = "导出Word" if suffix == ".docx" else "导出PDF"

    def done(pages: int) -> None:
        what = f"已导出 {pages} 页" if pages else "已导出 Word 文件（可编辑后打印）"
        prompts.inform(parent, title, f"{what}：\n{path}")
        if on_done is not None:
            on_done(path)

    failed = _failure(
        parent, "导出失败", "文件没有生成。请换一个保存位置再试（文件可能正被其他程序打开）。"
    )
    _build(runner, parent, (result, path, choice, data_day), done, failed)


def print_summary(
    parent: QWidget,
    result: MatchResult,
    runner: TaskRunner | None,
    brief: bool = False,
    settings: object | None = None,
    data_day: date | None = None,
    preview: bool = False,
) -> None:
    """Build the report into a temporary PDF on the worker, then hand it to the printing
    helper on the GUI thread (print dialogs must live there): the system print dialog, or the
    print preview (whose own button prints the same pages) with `preview`."""
    choice = report_choice(parent, settings, brief)
    if choice is None:
        return
    folder = Path(tempfile.mkdtemp(prefix="policy-desk-print-"))
    path = folder / ("惠企政策告知单.pdf" if choice.brief else "惠企政策告知单详版.pdf")

    failed = _failure(parent, "打印失败", "没有能打印。")

    def done(_pages: int) -> None:
        try:
            (printing.preview_pdf if preview else printing.print_pdf)(parent, path)
        except Exception as exc:
            failed(TaskError(exc, ""))

    _build(runner, parent, (result, path, choice, data_day), done, failed)
