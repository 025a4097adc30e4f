"""已保存企业 → 导出全部… / 导入…: every saved enterprise with its evaluations to one JSON file
and back (core.userdata.exchange), with the file dialogs and the Chinese messages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.userdata.exchange import ExchangeError, export_file, import_file
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import UserDbError
from desktop_app.gui import errors
from desktop_app.gui.widgets import prompts

MAX_PROBLEMS = 20


def choose_export_path(parent: QWidget | None) -> Path | None:
    """File dialogs as module functions, replaced in tests."""
    text, _f = QFileDialog.getSaveFileName(
        parent, "导出全部企业", str(Path.home() / "已保存企业.json"), "企业信息文件 (*.json)"
    )
    return Path(text) if text else None


def choose_import_path(parent: QWidget | None) -> Path | None:
    text, _f = QFileDialog.getOpenFileName(
        parent, "导入企业", str(Path.home()), "企业信息文件 (*.json);;所有文件 (*)"
    )
    return Path(text) if text else None


def export_all(parent: QWidget, repo: ProfileRepository) -> None:
    path = choose_export_path(parent)
    if path is None:
        return
    if path.suffix.lower() != ".json":
        path = path.with_suffix(".json")
    try:
        count = export_file(repo, path)
    except ExchangeError as exc:
        prompts.warn(parent, "导出失败", str(exc))
        return
    prompts.inform(parent, "导出完成", f"已导出 {count} 家企业及其评估记录到：\n{path}")


def import_chosen(parent: QWidget, repo: ProfileRepository) -> bool:
    """Import a file the user chooses; True when something may have been added."""
    path = choose_import_path(parent)
    if path is None:
        return False
    try:
        report = import_file(repo, path)
    except (ExchangeError, UserDbError) as exc:
        prompts.warn(parent, "导入失败", str(exc))
        return False
    except Exception as exc:  # the transaction rolled back: nothing was imported
        errors.log_exception(exc)
        prompts.warn(
            parent,
            "导入失败",
            f"导入没有完成，已保存的企业没有任何改动。\n详细记录：{errors.log_path()}",
        )
        return False
    lines = [report.summary, *report.notes[:10], *report.problems[:MAX_PROBLEMS]]
    more = len(report.problems) - MAX_PROBLEMS
    if more > 0:
        lines.append(f"……另有 {more} 条问题未列出")
    prompts.inform(parent, "导入完成", "\n".join(lines))
    return True
