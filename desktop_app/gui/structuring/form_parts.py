"""The form the structuring dialogs share (本地补充信息, 编辑待遇 / 编辑条件): fields in a form
layout, the red line that says why saving is refused, and 保存 / 取消 (Enter saves)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class FormDialog(QDialog):
    """Subclasses add their fields to `form`, call `finish`, and implement `_save`, which
    either accepts or puts the reason in `problems`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problems = QLabel("", self)
        self.problems.setStyleSheet("color:#b3261e;")
        self.problems.setWordWrap(True)

    def line(self, text: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(placeholder)
        return edit

    def text_area(self, text: str, placeholder: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit(text, self)
        edit.setPlaceholderText(placeholder)
        return edit

    def finish(
        self, width: int, height: int, *, above: QWidget | None = None, below: QWidget | None = None
    ) -> None:
        """Lay out: `above` (an introduction), the form, `below` (a hint), the problems line and
        the buttons."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if above is not None:
            layout.addWidget(above)
        layout.addLayout(self.form)
        if below is not None:
            layout.addWidget(below)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(width, height)

    def _save(self) -> None:
        raise NotImplementedError
