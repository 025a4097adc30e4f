"""Application set-up: bundled font, Chinese translations, settings, error hook, task helper."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.gui import errors
from desktop_app.gui.app import FONT_FAMILY
from desktop_app.gui.settings import FONT_SIZE_MAX, FONT_SIZE_MIN, Settings
from desktop_app.gui.tasks import TaskError, TaskRunner


def test_bundled_font_is_registered_and_is_the_application_font(gui_app: QApplication) -> None:
    assert FONT_FAMILY in QFontDatabase.families()
    font = QApplication.font()
    assert font.family() == FONT_FAMILY
    assert font.pointSize() == 12
    # the font really has the glyphs: Chinese text is not drawn as boxes
    metrics = QFontMetrics(font)
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "惠企政策通融资担保贴息")


def test_qt_standard_buttons_are_chinese(gui_app: QApplication) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert any("取消" in t for t in texts), texts
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_settings_round_trip_and_clamping(settings: Settings, gui_app: QApplication) -> None:
    assert settings.font_size() == 12
    settings.set_font_size(99)
    assert settings.font_size() == FONT_SIZE_MAX
    settings.set_font_size(1)
    assert settings.font_size() == FONT_SIZE_MIN
    assert settings.history() == []
    settings.add_history("贷款")
    settings.add_history("担保")
    settings.add_history("贷款")
    settings.add_history("   ")
    assert settings.history() == ["贷款", "担保"]
    settings.sync()
    again = Settings(settings.path)
    assert again.history() == ["贷款", "担保"]
    assert again.font_size() == FONT_SIZE_MIN
    assert not again.tip_dismissed()
    again.set_tip_dismissed()
    assert Settings(settings.path).tip_dismissed()


def test_excepthook_logs_traceback_and_shows_chinese_message(
    gui_app: QApplication, isolated_user_data: Path
) -> None:
    shown: list[str] = []
    previous = errors.set_presenter(lambda parent, message: shown.append(message))
    try:
        errors.setup_logging()
        try:
            raise ValueError("内部细节 secret-detail")
        except ValueError as exc:
            errors.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        errors.set_presenter(previous)
    assert shown == [errors.GENERIC_MESSAGE]
    assert "Traceback" not in shown[0] and "secret-detail" not in shown[0]
    for handler in errors.log.handlers:
        handler.flush()
    log_text = errors.log_path().read_text(encoding="utf-8")
    assert "Traceback" in log_text and "secret-detail" in log_text
    assert errors.log_path().is_relative_to(isolated_user_data)


def test_task_runner_delivers_results_on_gui_thread(qtbot, gui_app: QApplication) -> None:
    runner = TaskRunner()
    got: list[tuple[object, bool]] = []
    main = threading.get_ident()

    def work() -> int:
        assert threading.get_ident() != main
        return 42

    runner.run(work, lambda r: got.append((r, threading.get_ident() == main)))
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [(42, True)]
    runner.shutdown()


def test_task_runner_drops_stale_results(qtbot, gui_app: QApplication) -> None:
    runner = TaskRunner(max_threads=2)
    got: list[str] = []

    def slow() -> str:
        time.sleep(0.3)
        return "old"

    runner.run(slow, got.append, channel="search")
    runner.run(lambda: "new", got.append, channel="search")
    qtbot.waitUntil(lambda: got == ["new"], timeout=5000)
    runner.wait(5000)
    qtbot.wait(50)  # let the stale result's event arrive
    assert got == ["new"]
    runner.shutdown()


def test_task_runner_reports_errors_and_progress(qtbot, gui_app: QApplication) -> None:
    runner = TaskRunner()
    failures: list[TaskError] = []
    steps: list[tuple[int, str]] = []

    def boom() -> None:
        raise RuntimeError("worker failed")

    runner.run(boom, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0].exception, RuntimeError)
    assert "worker failed" in failures[0].traceback

    done: list[object] = []

    def with_progress(progress) -> str:
        progress(50, "一半")
        return "ok"

    runner.run_with_progress(with_progress, done.append, lambda p, m: steps.append((p, m)))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert steps == [(50, "一半")] and done == ["ok"]
    runner.shutdown()
    ran: list[str] = []
    assert runner.run(lambda: ran.append("late"), done.append) == 0
    runner.wait(1000)
    qtbot.wait(50)
    assert ran == [] and done == ["ok"]


def test_void_qt_calls_keep_none_and_true_alive(gui_app) -> None:
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None with every void Qt call and to
    True with every Signal.emit(), aborting long sessions; the app once pinned the singletons
    (refguard). The pinned 6.11.3 does not leak: this holds it, so a PySide6 upgrade that
    brings the bug back fails here instead of in a user's long session."""
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLabel

    class Emitter(QObject):
        fired = Signal()

    label, emitter = QLabel(), Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(20_000):
        label.setText("惠企")
        label.resize(10, 10)
        emitter.fired.emit()
    assert none_before - sys.getrefcount(None) < 100
    assert true_before - sys.getrefcount(True) < 100


def _fresh_process(code: str, home: Path) -> str:
    """Run code in a new Python process (its own QApplication); its stdout."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POLICY_DESK_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout


def test_long_sessions_do_not_abort(tmp_path: Path) -> None:
    """Thousands of void Qt calls (a long session) in a fresh process end normally."""
    code = (
        "from desktop_app.gui.app import create_application\n"
        "from PySide6.QtWidgets import QLabel\n"
        "app = create_application([])\n"
        "label = QLabel()\n"
        "for _ in range(30000):\n"
        "    label.setText('惠企')\n"
        "print('alive')\n"
    )
    assert "alive" in _fresh_process(code, tmp_path)


def test_application_has_the_bundled_icon(gui_app) -> None:
    assert not gui_app.windowIcon().isNull()
    assert gui_app.windowIcon().availableSizes()


def test_the_application_is_made_in_fusion_and_the_theme_keeps_it(tmp_path: Path) -> None:
    """Fusion comes from Qt's -style option when the application is made (no platform style
    made and replaced at start-up); the theme then leaves the style as it is."""
    code = (
        "from desktop_app.gui.app import create_application, setup_application\n"
        "app = create_application([])\n"
        "print(app.property('policyDeskStyle'), app.style().name())\n"
        "calls = []\n"
        "app.setStyle = lambda *a: calls.append(a)\n"
        "setup_application(app, 12)\n"
        "print(len(calls))\n"
    )
    assert _fresh_process(code, tmp_path).split() == ["Fusion", "fusion", "0"]


def test_the_theme_sets_fusion_on_an_application_made_elsewhere(tmp_path: Path) -> None:
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop_app.gui import theme\n"
        "app = QApplication([])\n"
        "theme.apply_theme(app, 12)\n"
        "app.setStyleSheet('')\n"
        "print(app.style().name(), app.property(theme.STYLE_PROPERTY))\n"
    )
    assert _fresh_process(code, tmp_path).split() == ["fusion", "Fusion"]
