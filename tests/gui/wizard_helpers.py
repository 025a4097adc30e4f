"""Helpers for driving the enterprise wizard like a user: typing (Chinese through an input
method commit, digits as key clicks), choosing in combo boxes, walking the pages, and a
stand-in for the modal prompts that records what would have been asked."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget, QWizard

from desktop_app import paths
from desktop_app.gui.widgets import prompts
from desktop_app.gui.widgets.fields import FieldEditor

AS_OF = date(2026, 11, 22)
SAMPLE: dict[str, Any] = json.loads(
    (paths.resources_dir() / "samples" / "xiamen-manufacturer.json").read_text(encoding="utf-8")
)


def commit_text(widget: QWidget, text: str) -> None:
    """What a pinyin IME sends on commit (qtbot.keyClicks with Chinese aborts the process)."""
    widget.setFocus()
    QApplication.sendEvent(widget, QInputMethodEvent("qiye", []))
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(qtbot: Any, line: QLineEdit, text: str) -> None:
    """Replace the text: ASCII by key clicks, anything else by an input method commit."""
    line.setFocus()
    line.selectAll()
    line.del_()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        commit_text(line, text)


def fill(qtbot: Any, editor: FieldEditor, value: Any) -> None:
    line = getattr(editor, "line", None)
    combo = getattr(editor, "combo", None)
    if isinstance(line, QLineEdit):
        type_into(qtbot, line, str(value))
    elif isinstance(combo, QComboBox):
        choose(combo, value)
    else:
        raise AssertionError(f"no input widget on {editor!r}")


def choose(combo: QComboBox, data: Any) -> None:
    for index in range(combo.count()):
        item = combo.itemData(index)
        if item == data and type(item) is type(data):
            combo.setCurrentIndex(index)
            return
    raise AssertionError(f"{data!r} not in combo {combo.accessibleName()}")


def next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def click_next(qtbot: Any, wizard: QWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"下一步 disabled on page {wizard.currentId()}"
    button.click()
    QApplication.processEvents()


@dataclass
class PromptLog:
    """Stands in for prompts.*: records each box and returns the scripted answers."""

    unsaved_answers: list[str] = field(default_factory=list)
    confirm_answers: list[bool] = field(default_factory=list)
    asked: list[tuple[str, str]] = field(default_factory=list)

    def install(self, monkeypatch: Any) -> PromptLog:
        monkeypatch.setattr(prompts, "ask_unsaved", self._unsaved)
        monkeypatch.setattr(prompts, "confirm", self._confirm)
        monkeypatch.setattr(prompts, "inform", lambda _p, t, x: self.asked.append((t, x)))
        monkeypatch.setattr(prompts, "warn", lambda _p, t, x: self.asked.append((t, x)))
        return self

    def _unsaved(self, _parent: Any, name: str) -> str:
        """Unscripted (a test that failed half-way, closed by qtbot): 不保存."""
        self.asked.append(("尚未保存", name))
        return self.unsaved_answers.pop(0) if self.unsaved_answers else prompts.DISCARD

    def _confirm(self, _parent: Any, title: str, text: str, _action: str = "确定") -> bool:
        self.asked.append((title, text))
        assert self.confirm_answers, f"unexpected confirmation: {title}"
        return self.confirm_answers.pop(0)

    def titles(self) -> list[str]:
        return [t for t, _x in self.asked]
