"""What every questionnaire page shares: load from / collect into a profile dict, and block
下一步 only while a field holds something that cannot be used (blank is always fine)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from desktop_app.gui.widgets.fields import ERROR_COLOUR, FieldEditor

FIX_MESSAGE = "请更正标红的内容；不确定的可以清空不填。"


class QuestionPage(QWizardPage):
    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.editors: list[FieldEditor] = []
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.message.hide()
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)

    def scrolled(self) -> QVBoxLayout:
        """A scroll area filling the page (pages grow with the font size); returns its layout."""
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        body = QWidget(area)
        area.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 16, 4)
        self.outer.addWidget(area, 1)
        self.outer.addWidget(self.message)
        return layout

    def watch(self, editor: FieldEditor) -> FieldEditor:
        self.editors.append(editor)
        editor.changed.connect(self._field_changed)
        return editor

    def _field_changed(self) -> None:
        self.refresh_message()
        self.completeChanged.emit()

    def problems(self) -> list[str]:
        """Why 下一步 is blocked (Chinese); empty when the page may be left."""
        return [e for e in (editor.error() for editor in self.editors) if e]

    def refresh_message(self) -> None:
        problems = self.problems()
        self.message.setText(self.blocking_message(problems) if problems else "")
        self.message.setVisible(bool(problems))

    def blocking_message(self, problems: list[str]) -> str:
        return FIX_MESSAGE

    def isComplete(self) -> bool:
        return not self.problems()

    def load(self, profile: dict[str, Any]) -> None:
        raise NotImplementedError

    def collect(self, into: dict[str, Any]) -> None:
        raise NotImplementedError
