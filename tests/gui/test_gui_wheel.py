"""The mouse wheel scrolls the page and never changes a field the user has not focused: real
QWheelEvents sent to every combo box, spin box and date field of the wizard and the filter
panel (issue: scrolling over 未填写 turned it into 是; over 责任单位 it applied a filter)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from test_wizard_flow import make_wizard, type_sample

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.tasks import TaskRunner


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


def wheel(widget: QWidget, steps: int = -3) -> None:
    """What a mouse wheel turned over the middle of widget sends (down for negative steps)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    for _ in range(abs(steps)):
        event = QWheelEvent(
            centre,
            QPointF(widget.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, 120 if steps > 0 else -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)


def value(field: QWidget) -> Any:
    if isinstance(field, QComboBox):
        return field.currentIndex()
    assert isinstance(field, QAbstractSpinBox)
    return field.text()


def fields_in(root: QWidget) -> list[QWidget]:
    found: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    return [f for f in found if f.isEnabled() and (not isinstance(f, QComboBox) or f.count() > 1)]


def assert_wheel_changes_nothing(root: QWidget) -> int:
    fields = fields_in(root)
    root.setFocus()
    for field in fields:
        before = value(field)
        assert not field.hasFocus()
        wheel(field, -3)
        wheel(field, 2)
        assert value(field) == before, field.objectName() or repr(field)
    return len(fields)


def test_wheel_over_wizard_fields_changes_nothing(
    qtbot, gui_app, store, user_data, prompt_log, runner
) -> None:
    wizard = make_wizard(qtbot, store, user_data, runner)
    type_sample(qtbot, wizard)  # every page built, the activities questions planned
    checked = sum(assert_wheel_changes_nothing(wizard.page(i)) for i in wizard.pageIds())
    assert checked >= 8  # industry, region cascade, entity type, the activity questions…


def test_wheel_over_filter_panel_changes_nothing(window: MainWindow, qtbot) -> None:
    window.show_results_page()  # the panel as the user sees it, its provinces listed
    total = window.model.rowCount()
    assert assert_wheel_changes_nothing(window.filters) >= 3
    qtbot.wait(100)  # a filter change would start a search
    assert window.model.rowCount() == total
    assert window.filters.active_count() == 0


def test_wheel_changes_a_focused_field(window: MainWindow, qtbot) -> None:
    """The guard lets the wheel work where the user means it: a field with the focus."""
    window.show_results_page()
    combo = window.filters.province
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    before = combo.currentIndex()
    wheel(combo, -1)
    assert combo.currentIndex() != before
