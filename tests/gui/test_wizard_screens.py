"""The questionnaire at 1366×768 at the default 12 pt and at 15 pt (the font-size setting): every
page is filled through its widgets, photographed (/tmp/policy-desk-screens/wizard-<pt>pt-*), and
must fit the screen: the wizard never asks for more room than a 1366×768 laptop leaves."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import screenshot
from test_wizard_flow import make_wizard, to_result, type_sample

from desktop_app.gui import theme
from desktop_app.gui.tasks import TaskRunner

AVAILABLE = (1266, 708)  # 1366×768 less the taskbar and the window frame


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


@pytest.mark.parametrize("points", [12, 15])
def test_wizard_pages_fit_a_laptop_screen(
    qtbot, gui_app, store, user_data, prompt_log, runner, points: int
) -> None:
    theme.set_font_size(gui_app, points)
    try:
        wizard = make_wizard(qtbot, store, user_data, runner)
        type_sample(qtbot, wizard, shots=f"wizard-{points}pt")
        screenshot(wizard, f"wizard-{points}pt-5-date")
        to_result(qtbot, wizard)
        screenshot(wizard, f"wizard-{points}pt-6-result")
        need = wizard.minimumSizeHint()
        assert need.width() <= AVAILABLE[0] and need.height() <= AVAILABLE[1], need
    finally:
        theme.set_font_size(gui_app, 12)
