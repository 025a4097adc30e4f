"""The first frame: a window of the app's size and title, shown before anything heavy loads,
so a double-click answers at once; the main window takes its place (same geometry) when its
widgets and the policy data are ready.

Why a frame of its own: the main window needs the policy data, the search engine and about
fifty modules to build; showing nothing for half a second on an ordinary laptop reads as
"did it start?". The frame holds no content that could be stale (a title and one line).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from desktop_app import APP_NAME

LOADING = "正在打开政策数据……"


class LoadingShell(QMainWindow):
    def __init__(self, geometry: QByteArray | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        label = QLabel(LOADING, self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName(LOADING)
        self.setCentralWidget(label)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 720)  # what the main window uses without a saved size

    def hand_over(self, window: QWidget) -> None:
        """window appears where this frame is, then the frame goes."""
        if not self.isVisible():
            return
        if self.isMaximized():
            window.showMaximized()
        else:
            window.setGeometry(self.geometry())
        self.close()
        self.deleteLater()
