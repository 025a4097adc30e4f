"""The main window's menu bar: every action with its keys (each has a keyboard path), the
shortcuts window-wide so they work whichever panel has focus."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from desktop_app.gui.settings import FONT_SIZE_DEFAULT

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow


def add_action(
    window: QMainWindow,
    text: str,
    slot: Callable[[], object],
    shortcuts: list[QKeySequence | QKeySequence.StandardKey | str] | None = None,
    tip: str | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        # the same keys twice (StandardKey.Quit is Ctrl+Q on Linux) make the shortcut
        # ambiguous, and Qt then triggers neither
        sequences = {QKeySequence(s).toString(): QKeySequence(s) for s in shortcuts}
        action.setShortcuts(list(sequences.values()))
        # Window-wide, so the shortcut works whichever panel has focus.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """文件, 编辑, 视图 and 帮助, their actions set on the window (window.export_action…)."""
    bar = window.menuBar()
    file_menu = window.file_menu = bar.addMenu("文件(&F)")
    window.export_action = add_action(
        window,
        "导出政策摘编PDF(&E)…",
        window.excerpt.ask_and_export,
        ["Ctrl+P"],
        "把当前搜索结果导出为政策摘编PDF",
    )
    file_menu.addAction(window.export_action)
    file_menu.addSeparator()
    window.rebuild_action = add_action(
        window,
        "重建政策数据库(&R)…",
        window.rebuild_requested.emit,
        None,
        "从程序自带的政策文件重新生成数据库",
    )
    file_menu.addAction(window.rebuild_action)
    file_menu.addSeparator()
    quit_action = add_action(
        window, "退出(&X)", window.quit_app, [QKeySequence.StandardKey.Quit, "Ctrl+Q"]
    )
    # from any window of the app (the reader, a wizard), not only from this one
    quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    file_menu.addAction(quit_action)

    edit_menu = bar.addMenu("编辑(&E)")
    window.find_action = add_action(
        window, "搜索(&F)", window.focus_search, [QKeySequence.StandardKey.Find]
    )
    edit_menu.addAction(window.find_action)
    window.escape_action = add_action(window, "清空搜索(&C)", window.clear_search, ["Esc"])
    edit_menu.addAction(window.escape_action)
    edit_menu.addAction(
        add_action(window, "清除全部筛选(&L)", window.filters.clear, ["Ctrl+Shift+L"])
    )
    edit_menu.addSeparator()
    window.copy_action = add_action(
        window, "复制引用(&Y)", window.detail.copy_citation, ["Ctrl+Shift+C"]
    )
    edit_menu.addAction(window.copy_action)
    # Ctrl+O opens a file (导入政策文件), as everywhere else; Enter opens the reader
    window.open_action = add_action(
        window, "查看原文(&O)\tEnter", window.open_current, ["Ctrl+Return"]
    )
    edit_menu.addAction(window.open_action)
    history = edit_menu.addMenu("搜索历史(&H)")
    history.aboutToShow.connect(lambda: window.search_panel.fill_history_menu(history))

    view_menu = bar.addMenu("视图(&V)")
    view_menu.addAction(
        add_action(window, "放大字号(&I)", lambda: window.change_font_size(1), ["Ctrl+=", "Ctrl++"])
    )
    view_menu.addAction(
        add_action(window, "缩小字号(&D)", lambda: window.change_font_size(-1), ["Ctrl+-"])
    )
    view_menu.addAction(
        add_action(
            window, "默认字号(&R)", lambda: window.set_font_size(FONT_SIZE_DEFAULT), ["Ctrl+0"]
        )
    )
    view_menu.addSeparator()
    view_menu.addAction(add_action(window, "首页(&S)", window.show_start_page, ["Alt+Home"]))
    view_menu.addAction(
        add_action(window, "转到筛选栏", _on_results(window, window.filters.focus_first), ["Alt+1"])
    )
    view_menu.addAction(
        add_action(
            window, "转到结果列表", _on_results(window, window.results_view.setFocus), ["Alt+2"]
        )
    )
    view_menu.addAction(
        add_action(
            window, "转到政策详情", _on_results(window, window.detail.body.setFocus), ["Alt+3"]
        )
    )

    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addAction(add_action(window, "使用说明(&G)", window.show_help, ["F1"]))
    help_menu.addAction(add_action(window, "使用提示(&T)", window.show_tip))
    help_menu.addAction(add_action(window, "关于惠企政策通(&A)", window.show_about))


def _on_results(window: MainWindow, focus: Callable[[], object]) -> Callable[[], None]:
    """Alt+1/2/3: to a panel of the results page (leaving the start page)."""

    def go() -> None:
        window.show_results_page()
        focus()

    return go
