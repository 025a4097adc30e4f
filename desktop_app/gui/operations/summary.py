"""导出PDF and 打印 of an evaluation, one operation each: the summary PDF builder (core.pdf.summary)
on the task runner's worker, then the GUI printing helpers (gui.printing) on the GUI thread."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.eligibility.results import MatchResult
from desktop_app.core.pdf.summary import build_summary_pdf
from desktop_app.gui import errors, printing
from desktop_app.gui.printing import FolderMemory
from desktop_app.gui.tasks import TaskError, TaskRunner
from desktop_app.gui.widgets import prompts

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def suggested_name(enterprise: str, as_of: date) -> str:
    safe = _UNSAFE.sub("_", enterprise).strip("_")[:60] or "企业"
    return f"惠企政策适用清单-{safe}-{as_of:%Y%m%d}.pdf"


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


def build_pdf(result: MatchResult, path: Path, brief: bool = False) -> int:
    return int(build_summary_pdf(result, path, brief=brief))


def _run(
    runner: TaskRunner,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[TaskError], None],
    owner: QWidget,
) -> None:
    # the window may be closed before the PDF is built: then nobody is left to tell
    runner.run(work, _while_alive(owner, done), _while_alive(owner, failed))


def _while_alive(owner: QWidget, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    def guarded(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return guarded


def export_pdf(
    parent: QWidget,
    result: MatchResult,
    enterprise: str,
    runner: TaskRunner,
    settings: FolderMemory | None = None,
    on_done: Callable[[Path], None] | None = None,
    brief: bool = False,
) -> None:
    path = choose_pdf_path(parent, suggested_name(enterprise, result.as_of), settings)
    if path is None:
        return

    def done(pages: int) -> None:
        prompts.inform(parent, "导出PDF", f"已导出 {pages} 页：\n{path}")
        if on_done is not None:
            on_done(path)

    def failed(error: TaskError) -> None:
        errors.log_exception(error.exception, error.traceback or None)
        prompts.warn(
            parent,
            "导出失败",
            "PDF 没有生成。请换一个保存位置再试（文件可能正被其他程序打开）。\n"
            f"详细记录：{errors.log_path()}",
        )

    _run(runner, lambda: build_pdf(result, path, brief), done, failed, parent)


def print_summary(
    parent: QWidget, result: MatchResult, runner: TaskRunner, brief: bool = False
) -> None:
    """Build the summary into a temporary PDF on the worker, then hand it to the printing
    helper on the GUI thread (print dialogs must live there)."""
    folder = Path(tempfile.mkdtemp(prefix="policy-desk-print-"))
    path = folder / "惠企政策适用清单.pdf"

    def failed(error: TaskError) -> None:
        errors.log_exception(error.exception, error.traceback or None)
        prompts.warn(parent, "打印失败", f"没有能打印。详细记录：{errors.log_path()}")

    def done(_pages: int) -> None:
        try:
            printing.print_pdf(parent, path)
        except Exception as exc:
            failed(TaskError(exc, ""))

    _run(runner, lambda: build_pdf(result, path, brief), done, failed, parent)
