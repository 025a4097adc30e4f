"""The mouse wheel scrolls the page; it changes a dropdown, spin box or date field only when
that field has the keyboard focus (the user clicked or tabbed into it). Without this, scrolling
a wizard page over 未填写 turned it into 是, and scrolling the filter panel applied a filter.

One application-wide event filter, installed once at start, instead of a fix per widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARDED = (QComboBox, QAbstractSpinBox)  # QAbstractSpinBox covers QDateEdit and QSpinBox
_DEPTH = 3  # an editable combo's line edit, a spin box's editor: the field is a near parent


def _guarded_field(widget: QWidget) -> QWidget | None:
    current: QWidget | None = widget
    for _ in range(_DEPTH):
        if current is None:
            return None
        if isinstance(current, _GUARDED):
            return current
        current = current.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        field = _guarded_field(watched)
        if (
            field is None
            or field.hasFocus()
            or (
                # the popup list of an open combo box scrolls as usual
                isinstance(field, QComboBox) and field.view().isVisible()
            )
        ):
            return False
        # Not for this field: ignored, the event goes on to the parents (the scroll area).
        event.ignore()
        return True


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard once per application; later calls return the same one."""
    existing = app.findChild(WheelGuard, "policy-desk-wheel-guard")
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    guard.setObjectName("policy-desk-wheel-guard")
    app.installEventFilter(guard)
    return guard
