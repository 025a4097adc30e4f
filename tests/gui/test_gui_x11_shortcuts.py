"""Ctrl+E (已保存企业) typed in the search box, under a real X server (Xvfb, the xcb platform).

Under X11's key bindings QLineEdit claims Ctrl+E as 'end of line', so without SearchBox's
ShortcutOverride handling the window's action never fires from the search box; the offscreen
platform the other GUI tests use has no such binding (tests/gui/test_gui_search_defects.py
says so). This test runs the window in a child process on Xvfb, once as built and once with the
override switched off: the second shows the X11 binding takes the key, the first that the
window's action wins.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from desktop_app import paths
from desktop_app.core.search import SearchFilters
from desktop_app.gui.app import create_application, setup_application
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.search_controller import SearchController
from desktop_app.gui.search_panel import SearchBox
from desktop_app.gui.settings import Settings
from desktop_app.gui.startup import open_policy_data
from desktop_app.gui.tasks import TaskRunner

app = create_application([])
setup_application(app, 12)
if sys.argv[1] == "override-off":
    SearchBox._is_window_shortcut = lambda self, event: False
opened = open_policy_data(paths.policy_db_path())
runner = TaskRunner()
controller = SearchController(runner, opened.policy, opened.engine, SearchFilters())
window = MainWindow(opened.policy, controller, Settings(), runner, opened.policy.categories())
action = next(a for a in window.findChildren(QAction) if a.text().startswith("已保存企业"))
action.triggered.disconnect()
fired = []
action.triggered.connect(lambda *_: fired.append(True))
window.show()
QTest.qWaitForWindowExposed(window)
window.activateWindow()
QTest.qWaitForWindowActive(window)
box = window.search_panel.box
box.setFocus()
box.setText("贴息")
box.setCursorPosition(0)
app.processEvents()
QTest.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
app.processEvents()
print("RESULT", app.platformName(), len(fired), box.cursorPosition(), action.shortcut().toString())
runner.shutdown()
"""


def _run(mode: str, policy_db_path: Path, home: Path) -> list[str]:
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is needed for this test (Debian/Ubuntu: apt install xvfb xauth)"
    env = dict(os.environ, POLICY_DESK_DB=str(policy_db_path), POLICY_DESK_HOME=str(home))
    env["QT_QPA_PLATFORM"] = "xcb"
    done = subprocess.run(
        [xvfb, "-a", sys.executable, "-c", SCRIPT, mode],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, done.stderr[-2000:]
    return lines[0].split()[1:]


@pytest.mark.skipif(sys.platform != "linux", reason="X11 key bindings exist only on X11")
def test_ctrl_e_in_the_search_box_opens_saved_enterprises_under_x11(
    policy_db_path: Path, tmp_path: Path
) -> None:
    platform, fired, cursor, keys = _run("override-off", policy_db_path, tmp_path / "off")
    # the control: X11's binding takes Ctrl+E (the cursor went to the end of 贴息)
    assert (platform, fired, cursor, keys) == ("xcb", "0", "2", "Ctrl+E")
    platform, fired, cursor, keys = _run("as-built", policy_db_path, tmp_path / "on")
    assert (platform, fired, cursor) == ("xcb", "1", "0")  # the action once, the text untouched
