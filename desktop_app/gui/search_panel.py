"""The search box: type to search, arrows move through the results, Enter opens, Esc clears.

The box keeps focus while the user walks the results with the arrow keys, so they can refine
the query without reaching for the mouse. Chinese input methods commit text through
QInputMethodEvent; QLineEdit turns that into textChanged like any other edit, and preedit
(the pinyin being composed) is never searched.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

PLACEHOLDER = "输入关键词搜索政策，如：贷款贴息、担保、专精特新、稳岗（Ctrl+F）"


class SearchBox(QLineEdit):
    navigate = Signal(int)  # rows to move: -1, +1, or a page (±10)
    open_current = Signal()
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchBox")
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.setAccessibleName("搜索政策")
        # Input methods must stay enabled: that is how pinyin/wubi users type Chinese.
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)

    def _popup_visible(self) -> bool:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        return popup is not None and popup.isVisible()

    def event(self, event: QEvent) -> bool:
        # QLineEdit claims Ctrl+E (end of line), Ctrl+N… for itself; a shortcut of the
        # window's own menus (已保存企业 Ctrl+E, 企业评估 Ctrl+N) must win while typing.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._is_window_shortcut(event)
        ):
            event.ignore()
            return True
        return super().event(event)

    def _is_window_shortcut(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False  # plain keys and Shift+key are typing
        pressed = QKeySequence(event.keyCombination())
        return any(
            action.isEnabled()
            and any(s.matches(pressed) == s.SequenceMatch.ExactMatch for s in action.shortcuts())
            for action in self.window().findChildren(QAction)
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self._popup_visible():
            moves = (
                (Qt.Key.Key_Down, 1),
                (Qt.Key.Key_Up, -1),
                (Qt.Key.Key_PageDown, 10),
                (Qt.Key.Key_PageUp, -10),
            )
            step = next((n for k, n in moves if k == key), 0)
            if step and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self.navigate.emit(step)
                event.accept()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current.emit()
                event.accept()
                return
            if key == Qt.Key.Key_Escape:
                self.escape_pressed.emit()
                event.accept()
                return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """The search box with its history (a completer and a drop-down menu)."""

    query_changed = Signal(str)
    history_cleared = Signal()

    def __init__(self, history: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = SearchBox(self)
        self._history_model = QStringListModel(history, self)
        completer = QCompleter(self._history_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.box.setCompleter(completer)

        self.history_button = QToolButton(self)
        self.history_button.setText("历史")
        self.history_button.setToolTip("最近的搜索")
        self.history_button.setAccessibleName("搜索历史")
        self.history_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.history_menu = QMenu("搜索历史(&H)", self)
        self.history_menu.aboutToShow.connect(lambda: self.fill_history_menu(self.history_menu))
        self.history_button.setMenu(self.history_menu)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.history_button)

        self.box.textChanged.connect(self.query_changed)

    def text(self) -> str:
        return self.box.text()

    def set_text(self, text: str) -> None:
        self.box.setText(text)

    def focus(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def history(self) -> list[str]:
        return list(self._history_model.stringList())

    def set_history(self, entries: list[str]) -> None:
        self._history_model.setStringList(entries)

    def fill_history_menu(self, menu: QMenu) -> None:
        """Recent searches as actions of menu (the 历史 button's and the 编辑 menu's)."""
        menu.clear()
        entries = self.history()
        if not entries:
            empty = menu.addAction("（还没有搜索记录）")
            empty.setEnabled(False)
            return
        for entry in entries[:15]:
            action = QAction(entry, menu)
            action.triggered.connect(lambda _=False, q=entry: self._use(q))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("清除搜索历史", self._clear_history)

    def _use(self, query: str) -> None:
        self.box.setText(query)
        self.box.setFocus()

    def _clear_history(self) -> None:
        self.set_history([])
        self.history_cleared.emit()
