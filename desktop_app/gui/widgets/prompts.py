"""The questions and notices the wizard and the enterprise list put to the user.

All modal boxes go through these functions (module attributes), so tests replace them instead
of opening a box that would hang a headless run, and every box has Chinese buttons whatever
translations are installed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def confirm(parent: QWidget | None, title: str, text: str, action: str = "确定") -> bool:
    """A yes/no question; the safe answer (取消) is the default."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def ask_unsaved(parent: QWidget | None, name: str) -> str:
    """SAVE, DISCARD or CANCEL for a profile with unsaved changes."""
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        "尚未保存",
        f"“{name}”的信息有改动还没有保存。要保存吗？",
    )
    save = box.addButton("保存(&S)", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存(&N)", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return CANCEL


def inform(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
