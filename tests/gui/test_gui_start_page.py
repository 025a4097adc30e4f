"""The window opens on a start page: the four tasks as large buttons, the recent enterprises
(one click reopens the last evaluation), the policy data's state today; typing replaces it
with the results, Esc on an empty search goes back. Screenshot: gui-start-page.png."""

from __future__ import annotations

from datetime import date

from conftest import screenshot
from PySide6.QtCore import Qt
from test_gui_window import search
from wizard_helpers import SAMPLE

from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import open_user_db
from desktop_app.core.validity import LABELS, validity_on
from desktop_app.gui.enterprises.result_dialog import ResultDialog
from desktop_app.gui.main_window import MainWindow


def test_window_opens_on_the_start_page(window: MainWindow, qtbot) -> None:
    assert window.on_start_page()
    page = window.start_page
    buttons = page.task_buttons
    assert buttons["new_evaluation"].isVisible() and "Ctrl+N" in buttons["new_evaluation"].text()
    for key in ("batch", "import_document"):
        assert buttons[key].isVisible(), key
    assert (
        "Ctrl+Shift+B" in buttons["batch"].text() and "Ctrl+O" in buttons["import_document"].text()
    )
    assert buttons["saved_enterprises"].isVisible()
    screenshot(window, "gui-start-page")


def test_data_state_counts_documents_by_validity_today(window: MainWindow) -> None:
    documents = window.data.documents
    text = window.start_page.data_label.text()
    assert f"共 {len(documents)} 份政策文件" in text
    today = date.today()
    assert f"按今天（{today.year}年{today.month}月{today.day}日）看" in text
    states: dict[str, int] = {}
    for doc in documents:
        v = validity_on(doc, date.today())
        # counted by state: the state's own label (a 推定 period is marked beside each document)
        label = "未注明有效期" if v.state == "unknown" else LABELS[v.state]
        states[label] = states.get(label, 0) + 1
    for label, n in states.items():
        assert f"{label}</td><td align='right'>{n} 份" in text


def test_typing_replaces_it_and_esc_goes_back(window: MainWindow, qtbot) -> None:
    search(qtbot, window, "贴息")
    assert not window.on_start_page()
    assert window.results_view.isVisible()
    window.search_panel.box.setFocus()
    with qtbot.waitSignal(window.controller.results_ready, timeout=10_000):
        qtbot.keyClick(window.search_panel.box, Qt.Key.Key_Escape)  # clears the query
    assert not window.on_start_page()
    qtbot.keyClick(window.search_panel.box, Qt.Key.Key_Escape)  # nothing left to clear
    assert window.on_start_page()
    window.start_page.browse_button.click()
    assert not window.on_start_page() and window.model.rowCount() > 0


def test_recent_enterprise_reopens_its_last_evaluation(window: MainWindow, qtbot, store) -> None:
    opened = open_user_db()
    repo = ProfileRepository(opened.conn)
    profile = Profile.from_dict(SAMPLE)
    result = match(store, profile, date(2026, 11, 22)).to_dict()
    record = repo.save(profile.to_dict(), evaluation=result)
    opened.conn.close()
    window.show_start_page()
    buttons = window.start_page.recent_buttons
    assert len(buttons) == 1 and SAMPLE["name"] in buttons[0].text()
    assert f"符合 {result['counts']['eligible']} 项" in buttons[0].text()
    buttons[0].click()
    dialog = window.findChild(ResultDialog)
    assert isinstance(dialog, ResultDialog) and dialog.isVisible()
    assert record.name in dialog.windowTitle() or SAMPLE["name"] in dialog.windowTitle()
    dialog.close()


def test_recent_enterprises_are_read_after_the_first_results(
    gui_app, qtbot, settings, policy_data, store
) -> None:
    """Start-up shows the window and its first results first; the list of recent enterprises
    (the user database and its modules) fills just after, and never says "none" before it is
    read."""
    from desktop_app.core.search import SearchFilters
    from desktop_app.gui.search_controller import SearchController
    from desktop_app.gui.tasks import TaskRunner

    opened = open_user_db()
    repo = ProfileRepository(opened.conn)
    profile = Profile.from_dict(SAMPLE)
    repo.save(profile.to_dict(), evaluation=match(store, profile, date(2026, 11, 22)).to_dict())
    opened.conn.close()
    runner = TaskRunner()
    controller = SearchController(
        runner, policy_data, policy_data.search_engine(), SearchFilters(), debounce_ms=30
    )
    win = MainWindow(policy_data, controller, settings, runner, policy_data.categories())
    qtbot.addWidget(win)
    win.show()
    page = win.start_page
    try:
        with qtbot.waitSignal(controller.results_ready, timeout=10_000):
            win.start()
        assert page.recent_buttons == [] and page.recent_empty.isHidden()
        assert "份政策文件" in page.data_label.text()  # the data's state is there at once
        qtbot.waitUntil(lambda: len(page.recent_buttons) == 1, timeout=5_000)
        assert SAMPLE["name"] in page.recent_buttons[0].text() and page.recent_empty.isHidden()
    finally:
        runner.shutdown()
        win.close()
