"""Colours and the style sheet: a calm light theme with one accent colour.

Qt ignores QApplication.setFont for widgets a style sheet has already polished, so a font
size change sets the application font and then re-applies the sheet, which re-polishes every
widget with the new font. (A `* { font-size }` rule would do the same but costs ~20 ms of
start-up.) Larger headings are rules on object names, scaled from the same base size.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

ACCENT = "#1f5fa8"  # the one accent colour: links, focus, the current row's bar
ACCENT_SOFT = "#e8f0fa"  # selected row background
TEXT = "#1f2933"
TEXT_MUTED = "#52606d"
BORDER = "#d5dbe3"
WINDOW_BG = "#f5f7fa"
PANEL_BG = "#ffffff"
# disabled controls: grey text on a grey field with a dashed edge, so they never look clickable
DISABLED_BG = "#eceff3"
DISABLED_FG = "#8a94a0"
HIGHLIGHT_BG = "#ffe58a"  # search matches: dark text on soft yellow reads well for tired eyes
HIGHLIGHT_FG = "#1f2933"

# validity state -> (text colour, background); states from desktop_app.core.validity
BADGE_COLOURS: dict[str, tuple[str, str]] = {
    "in_force": ("#1e6b3a", "#e3f3e8"),
    "expired": ("#9b2c2c", "#fbe9e9"),
    "not_yet": ("#2c5282", "#e6eef8"),
    "draft": ("#8a5300", "#fdf1d6"),
    "lapsed": ("#9b2c2c", "#fbe9e9"),
    "unknown": ("#4a5563", "#edf0f4"),
}


def badge_colours(state: str) -> tuple[QColor, QColor]:
    fg, bg = BADGE_COLOURS.get(state, BADGE_COLOURS["unknown"])
    return QColor(fg), QColor(bg)


def scaled_font(base: QFont, delta_pt: float = 0, *, bold: bool = False) -> QFont:
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(6.0, size + delta_pt))
    font.setBold(bold)
    return font


def style_sheet(font_size: int) -> str:
    return f"""
QLabel#TitleLarge {{ font-size: {font_size + 3}pt; font-weight: bold; }}
QLabel#AppTitle {{ font-size: {font_size + 6}pt; font-weight: bold; }}
QMainWindow, QDialog {{ background: {WINDOW_BG}; color: {TEXT}; }}
QWidget#Panel, QFrame#Panel {{ background: {PANEL_BG}; border: 1px solid {BORDER};
    border-radius: 6px; }}
QLineEdit {{ background: {PANEL_BG}; border: 1px solid {BORDER};
    border-radius: 5px; padding: 5px 8px; color: {TEXT}; }}
QLineEdit:focus {{ border: 2px solid {ACCENT}; }}
QComboBox, QDateEdit {{ padding: 4px 8px; }}
QLineEdit#SearchBox {{ padding: 8px 12px; border-radius: 6px; }}
QPushButton, QToolButton {{ background: {PANEL_BG}; border: 1px solid {BORDER};
    border-radius: 5px; padding: 5px 12px; color: {TEXT}; }}
QPushButton:hover, QToolButton:hover {{ border-color: {ACCENT}; }}
QPushButton:focus, QToolButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton#Primary {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QPushButton:disabled, QToolButton:disabled, QPushButton#Primary:disabled {{
    background: {DISABLED_BG}; color: {DISABLED_FG}; border: 1px dashed {BORDER}; }}
QComboBox:disabled, QLineEdit:disabled, QDateEdit:disabled, QSpinBox:disabled {{
    background: {DISABLED_BG}; color: {DISABLED_FG}; }}
QPushButton#TaskButton {{ text-align: left; padding: 14px 18px; border-radius: 8px;
    font-size: {font_size + 2}pt; font-weight: bold; }}
QPushButton#TaskButton:hover {{ background: {ACCENT_SOFT}; }}
QPushButton#RecentButton {{ text-align: left; padding: 6px 10px; border: none;
    border-bottom: 1px solid {BORDER}; border-radius: 0; }}
QPushButton#RecentButton:hover, QPushButton#RecentButton:focus {{ background: {ACCENT_SOFT}; }}
QPushButton#Link {{ border: none; background: transparent; color: {ACCENT};
    text-decoration: underline; padding: 2px 4px; }}
QListView, QTreeView, QTextBrowser, QListWidget {{ background: {PANEL_BG};
    border: 1px solid {BORDER}; border-radius: 6px; color: {TEXT}; }}
QListView:focus, QTreeView:focus, QTextBrowser:focus, QListWidget:focus {{
    border: 2px solid {ACCENT}; }}
QTreeView::item, QListWidget::item {{ padding: 4px 2px; }}
QTreeView::item:selected, QListWidget::item:selected {{ background: {ACCENT_SOFT};
    color: {TEXT}; }}
QGroupBox {{ border: none; margin-top: 1.4em; padding-top: 0.2em; font-weight: bold; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 0px; padding: 0 2px; color: {TEXT}; }}
QCheckBox::indicator, QListWidget::indicator {{ width: 0.85em; height: 0.85em; }}
QLabel#Muted {{ color: {TEXT_MUTED}; }}
QLabel#Heading {{ font-weight: bold; }}
QFrame#Tip {{ background: #eef5ff; border: 1px solid #c5d8f0; border-radius: 6px; }}
QFrame#Notice {{ background: #fff8e6; border: 1px solid #f0dca8; border-radius: 6px; }}
QStatusBar {{ color: {TEXT_MUTED}; }}
QSplitter::handle {{ background: {WINDOW_BG}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QMenuBar {{ background: {PANEL_BG}; }}
QMenu::item:selected {{ background: {ACCENT_SOFT}; color: {TEXT}; }}
"""


STYLE = "Fusion"
STYLE_PROPERTY = "policyDeskStyle"  # set on the application once it has STYLE


def apply_theme(app: QApplication, font_size: int = 12) -> None:
    # Fusion with a fixed light palette: the same look on every Windows version, and a
    # system dark mode does not turn the text white on our white panels.
    app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    if app.property(STYLE_PROPERTY) != STYLE:  # else created with it (app.create_application)
        app.setStyle(STYLE)
        app.setProperty(STYLE_PROPERTY, STYLE)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(WINDOW_BG))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor(PANEL_BG))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(WINDOW_BG))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor(PANEL_BG))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(PANEL_BG))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(TEXT_MUTED))
    app.setPalette(palette)
    set_font_size(app, font_size)


def set_font_size(app: QApplication, size: int) -> None:
    """The application font and the style sheet, both at `size` points."""
    font = app.font()
    font.setPointSize(size)
    app.setFont(font)
    app.setStyleSheet(style_sheet(size))


def set_object_name(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)
    return widget
