"""变化提醒 in the window: the background check after start tells the start page, the list
opens from the 企业 menu with what changed and why, prints and exports.
Screenshot: gui-changes.png."""

from __future__ import annotations

import csv
from datetime import date

from conftest import screenshot
from wizard_helpers import SAMPLE

from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.userdata.profiles import ProfileRepository
from desktop_app.core.userdata.user_db import open_user_db
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.views.changes_dialog import ChangesDialog, write_csv


def _save_2019_evaluation(window: MainWindow) -> str:
    profile = Profile.from_dict(dict(SAMPLE, established="2015-04-18"))
    result = window.data.match(profile, date(2019, 6, 1)).to_dict()
    opened = open_user_db()
    record = ProfileRepository(opened.conn).save(profile.to_dict(), evaluation=result)
    opened.conn.close()
    return record.name


def test_background_check_tells_the_start_page(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    name = _save_2019_evaluation(window)
    assert not window.start_page.changes_box.isVisible()
    with qtbot.waitSignal(window.changes.updated, timeout=20_000) as signal:
        window.changes.check_in_background()
    count, summary = signal.args
    assert count == 1 and "1 家已保存企业的评估结果有变化" in summary
    assert window.start_page.changes_box.isVisible()
    assert window.settings.changes_checked()
    report = window.changes.report
    assert report is not None and report.enterprises[0].name == name
    # nothing changed since: no second check
    with qtbot.assertNotEmitted(window.changes.updated, wait=300):
        window.changes.check_in_background()


def test_list_opens_prints_and_exports(window: MainWindow, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    name = _save_2019_evaluation(window)
    window.changes_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(ChangesDialog) is not None, timeout=20_000)
    dialog = window.findChild(ChangesDialog)
    assert isinstance(dialog, ChangesDialog)
    text = dialog.browser.toPlainText()
    assert name in text and "［已到期］" in text and "2019年福建省中小企业发展工作要点" in text
    screenshot(dialog, "gui-changes")
    path = tmp_path / "changes.csv"
    write_csv(dialog.report, path)
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "企业" and len(rows) > 1 and rows[1][0] == name
    dialog.close()
