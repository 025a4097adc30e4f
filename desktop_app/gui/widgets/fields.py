"""Field editors generated from the facts registry, one per FactDef type.

Blank means unknown in every editor, never 0 or 否: numbers are line edits (a spin box always
holds a number), yes/no and choices are combo boxes whose first entry is 未填写, dates are line
edits with a calendar button. Each editor checks what is typed as it is typed and shows the
problem in Chinese under the field; `error()` tells the page whether it may go on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.eligibility.facts import FactDef
from desktop_app.gui import theme
from desktop_app.gui.widgets.parsing import Parsed, format_value, parse_date, parse_number

UNKNOWN_TEXT = "未填写（不确定）"
ERROR_COLOUR = "#b42318"
_INVALID_STYLE = f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; }}"
EDITOR_WIDTH = 220  # pixels at the default 12 pt; scaled with the font (scaled_width)
DEFAULT_POINTS = 12


def scaled_width(width: int, widget: QWidget) -> int:
    """width (pixels at 12 pt) at the widget's font size: at 15 pt a 220-pixel field cut its
    placeholder (例如 2021-05-01，可不填) and its choices."""
    points = widget.font().pointSizeF()
    return round(width * max(points, DEFAULT_POINTS) / DEFAULT_POINTS)


# The app theme styles buttons without a disabled look; a blocked 下一步 must look blocked.
DISABLED_STYLE = (
    "QPushButton:disabled, QToolButton:disabled { color: #9aa5b1; background: #eef1f5; "
    "border-color: #e1e6ec; }"
)


class FieldEditor(QWidget):
    """Base of every editor: a value (None = unknown), an error, a change signal."""

    changed = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def error(self) -> str | None:
        return None

    def focus_widget(self) -> QWidget:
        return self

    def clear(self) -> None:
        self.set_value(None)


class _LineField(FieldEditor):
    """A line edit that parses its text on every change."""

    def __init__(self, placeholder: str, suffix: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(placeholder)
        self.line.setClearButtonEnabled(True)
        self.line.setFixedWidth(scaled_width(EDITOR_WIDTH, self.line))
        self._parsed = Parsed(None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.line)
        if suffix:
            unit = QLabel(suffix, self)
            unit.setObjectName("Muted")
            layout.addWidget(unit)
        self.extra = layout  # subclasses add buttons here
        layout.addStretch(1)
        self.line.textChanged.connect(self._reparse)
        self.setFocusProxy(self.line)

    def parse(self, text: str) -> Parsed:
        raise NotImplementedError

    def _reparse(self) -> None:
        self._parsed = self.parse(self.line.text())
        self.line.setStyleSheet("" if self._parsed.ok else _INVALID_STYLE)
        self.changed.emit()

    def value(self) -> Any:
        return self._parsed.value

    def error(self) -> str | None:
        return self._parsed.error

    def set_value(self, value: Any) -> None:
        self.line.setText(format_value(value))
        self._reparse()

    def focus_widget(self) -> QWidget:
        return self.line


class NumberField(_LineField):
    def __init__(
        self,
        *,
        unit: str | None = None,
        low: float | None = 0,
        high: float | None = None,
        integer: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        self.unit, self.low, self.high, self.integer = unit, low, high, integer
        super().__init__("不确定可不填", unit, parent)

    def parse(self, text: str) -> Parsed:
        return parse_number(
            text, low=self.low, high=self.high, integer=self.integer, unit=self.unit
        )


class DateField(_LineField):
    def __init__(
        self,
        *,
        earliest: date | None = None,
        latest: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.earliest, self.latest = earliest, latest
        super().__init__("例如 2021-05-01，可不填", None, parent)
        self.button = QToolButton(self)
        self.button.setText("日历…")
        self.button.setToolTip("从日历中选择日期")
        self.button.clicked.connect(self.show_calendar)
        self.extra.insertWidget(1, self.button)
        self.calendar: QCalendarWidget | None = None

    def parse(self, text: str) -> Parsed:
        kwargs: dict[str, Any] = {"latest": self.latest}
        if self.earliest is not None:
            kwargs["earliest"] = self.earliest
        return parse_date(text, **kwargs)

    def show_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        current = self.value()
        if isinstance(current, date):
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        if self.latest is not None:
            calendar.setMaximumDate(QDate(self.latest.year, self.latest.month, self.latest.day))
        calendar.activated.connect(lambda day: self._picked(calendar, day))
        calendar.clicked.connect(lambda day: self._picked(calendar, day))
        calendar.move(self.button.mapToGlobal(QPoint(0, self.button.height())))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar

    def _picked(self, calendar: QCalendarWidget, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        calendar.close()
        self.line.setFocus()


class ComboField(FieldEditor):
    """未填写 first, then the options; values are Python objects (True/False or strings)."""

    def __init__(
        self, options: list[tuple[str, Any]], parent: QWidget | None = None, *, width: int = 0
    ) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.addItem(UNKNOWN_TEXT, None)
        for label, value in options:
            self.combo.addItem(label, value)
        if width:
            self.combo.setFixedWidth(scaled_width(width, self.combo))
        else:
            self.combo.setMinimumWidth(scaled_width(EDITOR_WIDTH, self.combo))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.setFocusProxy(self.combo)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        for index in range(self.combo.count()):
            data = self.combo.itemData(index)
            # bool is an int: compare type as well so False never matches 0
            if data == value and type(data) is type(value):
                self.combo.setCurrentIndex(index)
                return
        self.combo.setCurrentIndex(0)

    def focus_widget(self) -> QWidget:
        return self.combo


def boolean_field(parent: QWidget | None = None) -> ComboField:
    return ComboField([("是", True), ("否", False)], parent, width=EDITOR_WIDTH)


def make_editor(fact: FactDef, parent: QWidget | None = None) -> FieldEditor:
    """The editor for one registry fact: the one place where fact types become widgets."""
    if fact.type in ("integer", "number"):
        return NumberField(
            unit=fact.unit,
            low=fact.min if fact.min is not None else None,
            high=fact.max,
            integer=fact.type == "integer",
            parent=parent,
        )
    if fact.type == "boolean":
        return boolean_field(parent)
    if fact.type == "choice":
        return ComboField([(c, c) for c in fact.choices], parent, width=EDITOR_WIDTH)
    return DateField(latest=None, parent=parent)


class FieldBlock(QWidget):
    """Label above, editor, then help text and the error message (shown only when there is one)."""

    def __init__(
        self,
        label: str,
        editor: FieldEditor,
        help_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.label = QLabel(label, self)
        self.label.setWordWrap(True)
        self.label.setBuddy(editor.focus_widget())
        editor.focus_widget().setAccessibleName(label)
        self.help = QLabel(help_text or "", self)
        self.help.setObjectName("Muted")
        self.help.setWordWrap(True)
        self.help.setVisible(bool(help_text))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 6)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addWidget(editor)
        layout.addWidget(self.help)
        layout.addWidget(self.error_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        editor.changed.connect(self.refresh_error)

    def refresh_error(self) -> None:
        message = self.editor.error()
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))


def muted(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("Muted")
    label.setWordWrap(True)
    return label


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("Heading")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {theme.ACCENT};")
    return label
