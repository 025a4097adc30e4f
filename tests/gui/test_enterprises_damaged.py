"""The saved-enterprises list over a damaged user.sqlite: it opens with the readable rows,
offers the repair once, and after the repair lists the same rows from a sound file."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from test_hostile_salvage import _damage_rows, build

from desktop_app.gui.enterprises.list_dialog import EnterprisesDialog


def _listed(dialog: EnterprisesDialog) -> set[str]:
    return set(dialog.ids())


def test_list_opens_with_readable_rows_and_repairs_on_request(
    qtbot, gui_app, isolated_user_data, prompt_log
) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.gui.user_data import UserData

    path, saved = build(isolated_user_data)
    lost = _damage_rows(path, saved, 2)
    prompt_log.confirm_answers = [False]  # not now
    data = UserData()
    dialog = EnterprisesDialog(data)
    qtbot.addWidget(dialog)
    assert _listed(dialog) == set(saved) - lost
    assert prompt_log.titles() == ["已保存企业的数据库有损坏"]
    assert "条记录已损坏" in prompt_log.asked[0][1]  # the rows, and evaluations left without them
    dialog.refresh()  # offered once per database, not on every refresh
    assert prompt_log.titles() == ["已保存企业的数据库有损坏"]
    data.close()

    prompt_log.confirm_answers = [True]
    data = UserData()
    dialog = EnterprisesDialog(data)
    qtbot.addWidget(dialog)
    assert "修复完成" in prompt_log.titles()
    assert _listed(dialog) == set(saved) - lost
    repo = data.repository()
    assert repo is not None and repo.damage is None
    assert list(isolated_user_data.glob("user.sqlite.corrupt-*"))
    data.close()
