"""The user guide (F1): resources/help/guide.html in a browser window of its own, offline.

The guide is bundled with the app (the frozen build lists resources/help); its screenshots are
taken from the real widgets by scripts/make_help_screenshots.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from desktop_app import paths

MISSING = (
    "<h1>使用说明</h1><p>没有找到使用说明文件（resources/help/guide.html）。请重新安装程序。</p>"
)


def guide_path() -> Path:
    return paths.resources_dir() / "help" / "guide.html"


class HelpWindow(QDialog):
    """Non-modal: the user reads the guide beside the main window; Esc closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # offline: only the guide's own anchors
        self.browser.setAccessibleName("使用说明")
        self.browser.document().setDocumentMargin(18)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        path = guide_path()
        if path.exists():
            self.browser.setSearchPaths([str(path.parent)])
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setHtml(MISSING)
        self.resize(900, 760)

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)
