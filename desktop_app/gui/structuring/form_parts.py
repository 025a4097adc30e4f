"""Pieces the structuring dialogs share: the red line that says why saving is refused, and the
保存 / 取消 buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel


def problems_label(dialog: QDialog) -> QLabel:
    label = QLabel("", dialog)
    label.setStyleSheet("color:#b3261e;")
    label.setWordWrap(True)
    return label


def save_cancel(dialog: QDialog, on_save: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons
