"""Telling the user, once, that start-up rebuilt a damaged policy database by itself.

The rebuild happens on the worker before the window exists (core.policy_db records it); the
window then says what happened and that nothing the user saved was touched — in the status
bar with the first results, and in a small box that does not block the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.repair_note import take_repair_note

NOTICE_NAME = "policyDbRepairNotice"


def show_repair_notice(window: QWidget) -> QMessageBox | None:
    """The notice, when there is something to say (else None); never modal."""
    note = take_repair_note()
    if note is None:
        return None
    announce = getattr(window, "announce", None)
    if callable(announce):
        announce("政策数据库已自动重建，已保存的数据没有丢失")
    box = QMessageBox(QMessageBox.Icon.Information, "政策数据库已自动修复", note, parent=window)
    box.setObjectName(NOTICE_NAME)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box
