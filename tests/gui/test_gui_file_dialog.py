"""Qt's own file dialog (used where the platform has none, and always offscreen) is Chinese
throughout: no English label, button, header, tooltip or menu entry."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QToolButton, QTreeView

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def test_file_dialog_has_no_english(gui_app, qtbot, tmp_path) -> None:
    dialog = QFileDialog(None, "导入政策文件", str(tmp_path), "Word 文档 (*.docx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    texts += [w.text() for w in dialog.findChildren(QPushButton)]
    texts += [w.toolTip() for w in dialog.findChildren(QToolButton)]
    texts += [a.text() for a in dialog.findChildren(QAction)]
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        texts += [
            str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(model.columnCount())
        ]
    english = [t for t in texts if LATIN_WORD.search(t.replace("&", ""))]
    assert not english
    assert any("查找范围" in t for t in texts) and any("文件类型" in t for t in texts)
