"""F1 opens the bundled user guide: the four tasks, what the results mean, the glossary and
the keyboard map, offline; the first-start tip links to it. Screenshot: gui-help.png."""

from __future__ import annotations

import re

from conftest import screenshot
from PySide6.QtCore import Qt

from desktop_app.gui.help_window import HelpWindow, guide_path
from desktop_app.gui.main_window import MainWindow

SECTIONS = [
    "查政策", "评估一家企业", "批量筛查", "导入政策文件",
    "结果怎么看", "金额怎么算", "名词解释", "快捷键",
]  # fmt: skip
TERMS = [
    "符合", "可能符合", "文件不在有效期内", "推定", "未注明",
    "中小企业划型", "专精特新", "小巨人", "规上", "免申即享",
]  # fmt: skip


def test_guide_covers_tasks_meanings_glossary_and_keys() -> None:
    html = guide_path().read_text(encoding="utf-8")
    for words in (*SECTIONS, *TERMS):
        assert words in html, words
    for anchor in re.findall(r'href="#(\w+)"', html):
        assert f'name="{anchor}"' in html, anchor
    for image in re.findall(r'<img src="([^"]+)"', html):
        assert (guide_path().parent / image).exists(), image


def test_f1_opens_the_guide(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window.results_view, Qt.Key.Key_F1)
    help_window = window.findChild(HelpWindow)
    assert isinstance(help_window, HelpWindow) and help_window.isVisible()
    text = help_window.browser.toPlainText()
    assert "惠企政策通 使用说明" in text and "名词解释" in text
    help_window.resize(900, 700)
    screenshot(help_window, "gui-help")
    help_window.show_section("glossary")
    assert help_window.browser.verticalScrollBar().value() > 0
    qtbot.keyClick(help_window.browser, Qt.Key.Key_Escape)
    assert not help_window.isVisible()


def test_first_start_tip_links_to_the_guide(window: MainWindow, qtbot) -> None:
    assert "action:help" in window.tip.label.text()
    window.tip.label.linkActivated.emit("action:help")
    help_window = window.findChild(HelpWindow)
    assert isinstance(help_window, HelpWindow) and help_window.isVisible()
    help_window.close()
