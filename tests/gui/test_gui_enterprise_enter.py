"""One Enter in 已保存企业 opens the chosen enterprise once, and no empty 新企业 on top (seen
twice: the list passed Enter on to the dialog, whose default button was 新建评估)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_wizard_enterprises import make_dialog, seed

from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.gui.user_data import UserData


@pytest.fixture
def repo(user_data: UserData) -> ProfileRepository:
    repository = user_data.repository()
    assert repository is not None
    return repository


def test_enter_on_the_list_edits_once_and_opens_no_new_one(
    qtbot, gui_app, store, user_data: UserData, repo, prompt_log
) -> None:
    ids = seed(repo, store)
    dialog = make_dialog(qtbot, user_data)
    edits: list[str] = []
    news: list[bool] = []
    dialog.edit_requested.connect(edits.append)
    dialog.new_requested.connect(lambda: news.append(True))
    dialog.list.setFocus()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(0))
    chosen = dialog.current_id()
    assert chosen in ids.values()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert edits == [chosen]
    assert news == []
    results: list[object] = []
    dialog.result_requested.connect(lambda *a: results.append(a))
    dialog.history.setFocus()
    dialog.history.setCurrentItem(dialog.history.topLevelItem(0))
    qtbot.keyClick(dialog.history, Qt.Key.Key_Enter)
    assert len(results) == 1 and news == [] and edits == [chosen]
