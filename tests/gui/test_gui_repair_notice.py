"""A policy database found damaged at start-up is rebuilt without asking, and the window says
so once, without blocking: what happened, and that nothing the user saved was lost."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_gui_startup import _start, _stop

from desktop_app.core.policy_db import quick_problem
from desktop_app.core.repair_note import take_repair_note
from desktop_app.gui.repair_notice import NOTICE_NAME
from desktop_app.gui.settings import Settings
from desktop_app.gui.startup import Startup


def _damaged(policy_db_path: Path, folder: Path, how: str) -> Path:
    path = folder / "policies.sqlite"
    shutil.copy(policy_db_path, path)
    data = bytearray(path.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2 + 100]
    else:  # the second half zeroed: the header and the length still look right
        half = len(data) // 2
        data[half:] = bytes(len(data) - half)
    path.write_bytes(bytes(data))
    assert quick_problem(path) or how == "zeroed"
    return path


def _notices(startup: Startup) -> list[QMessageBox]:
    assert startup.window is not None
    return [box for box in startup.window.findChildren(QMessageBox, NOTICE_NAME) if box.isVisible()]


@pytest.mark.parametrize("how", ["truncated", "zeroed"])
def test_the_rebuild_is_told_once_without_blocking(
    gui_app,
    qtbot,
    settings: Settings,
    tmp_path: Path,
    policy_db_path: Path,
    how: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    path = _damaged(policy_db_path, tmp_path, how)
    monkeypatch.setenv("POLICY_DESK_DB", str(path))
    asked: list[str] = []
    monkeypatch.setattr(Startup, "ask_rebuild", lambda self, message: asked.append(message))
    startup = _start(gui_app, qtbot, settings)
    try:
        assert asked == [] and quick_problem(path) is None  # rebuilt in place, no question
        qtbot.waitUntil(lambda: len(_notices(startup)) == 1, timeout=10_000)
        (box,) = _notices(startup)
        text = box.text()
        assert "政策数据库" in text and "重新建立" in text and "没有任何丢失" in text
        assert box.windowModality() == Qt.WindowModality.NonModal and not box.isModal()
        assert startup.window is not None
        status = startup.window.statusBar().currentMessage()
        assert "自动重建" in status, status
        if os.environ.get("POLICY_DESK_SHOTS"):
            startup.window.grab().save(str(Path(os.environ["POLICY_DESK_SHOTS"]) / "win.png"))
            box.grab().save(str(Path(os.environ["POLICY_DESK_SHOTS"]) / "notice.png"))
        box.close()
        # once: reopening the data (an import, a removal) says nothing more
        with qtbot.waitSignal(startup.window.controller.results_ready, timeout=60_000):
            startup.reload("政策数据已重新载入")
        qtbot.wait(200)
        assert _notices(startup) == []
    finally:
        _stop(startup)


def test_a_sound_database_says_nothing(gui_app, qtbot, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    take_repair_note()  # nothing left over from another test in this process
    startup = _start(gui_app, qtbot, settings)
    try:
        qtbot.wait(200)
        assert _notices(startup) == []
    finally:
        _stop(startup)
