"""GUI fixtures: the bundled font and Qt's Chinese translations on a QApplication, a main
window over the session's policy database, and screenshots into /tmp for review."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

SCREENSHOT_DIR = Path("/tmp/policy-desk-screens")


@pytest.fixture(scope="session")
def gui_app(qapp):
    from desktop_app.gui.app import setup_application

    setup_application(qapp, 12)
    return qapp


@pytest.fixture
def settings(isolated_user_data: Path):
    from desktop_app.gui.settings import Settings

    return Settings(isolated_user_data / "settings.ini")


@pytest.fixture
def policy_data(policy_db_path: Path):
    from desktop_app.core.services import PolicyData

    data = PolicyData.open(policy_db_path)
    yield data
    data.close()


@pytest.fixture
def window(gui_app, qtbot, settings, policy_data) -> Iterator[object]:
    from desktop_app.core.search import SearchFilters
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.search_controller import SearchController
    from desktop_app.gui.tasks import TaskRunner

    runner = TaskRunner()
    controller = SearchController(
        runner, policy_data, policy_data.search_engine(), SearchFilters(), debounce_ms=30
    )
    win = MainWindow(policy_data, controller, settings, runner, policy_data.categories())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(controller.results_ready, timeout=10_000):
        win.start()
    yield win
    runner.shutdown()
    win.close()


@pytest.fixture
def user_data():
    """The wizard's user database in the test's own user-data folder."""
    from desktop_app.gui.user_data import UserData

    data = UserData()
    yield data
    data.close()


@pytest.fixture
def prompt_log(monkeypatch: pytest.MonkeyPatch):
    """Records the wizard's prompts instead of showing modal boxes."""
    from wizard_helpers import PromptLog

    return PromptLog().install(monkeypatch)


def screenshot(widget, name: str) -> Path:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):  # pending layouts (a layout can post another), as the event loop would
        QApplication.processEvents()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    widget.grab().save(str(path))
    return path


@pytest.fixture(autouse=True)
def _no_modal_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box would hang a headless run: make any unexpected one fail the test."""
    from PySide6.QtWidgets import QMessageBox

    if not _is_main_window_test(request.node):
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    for name in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: refuse(self, self.text()))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Qt warnings fail the GUI tests (as in qutebrowser), except the offscreen platform's
    notes that it cannot resize or raise native windows."""
    for item in items:
        if _is_main_window_test(item):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support"))


def _is_main_window_test(item: pytest.Item) -> bool:
    # Other GUI modules share this folder and choose their own rules.
    return item.path.parent == Path(__file__).parent and item.path.name.startswith("test_gui_")
