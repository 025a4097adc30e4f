"""The wizard's region picker reaches any county of China, province-administered places and
the districts of the municipalities included."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.gui.wizard.region_picker import RegionPicker


@pytest.mark.parametrize(
    ("code", "label", "depth"),
    [
        ("220524", "吉林省 / 通化市 / 柳河县", 3),
        ("110105", "北京市 / 朝阳区", 2),  # a 直辖市's district sits in the second box
        ("419001", "河南省 / 济源市", 2),  # province-administered county-level city
        ("441900", "广东省 / 东莞市", 2),  # a city without districts
        ("650000", "新疆维吾尔自治区", 1),
    ],
)
def test_any_place_round_trips(gui_app: Any, qtbot: Any, code: str, label: str, depth: int) -> None:
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.set_code(code)
    assert picker.code() == code
    assert picker.label() == label
    filled = [c for c in picker.combos if c.currentData()]
    assert len(filled) == depth
    assert not picker.orphan_label.isVisibleTo(picker)


def test_choosing_by_hand(gui_app: Any, qtbot: Any) -> None:
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.province.setCurrentIndex(picker.province.findData("220000"))
    picker.city.setCurrentIndex(picker.city.findData("220500"))
    picker.district.setCurrentIndex(picker.district.findData("220524"))
    assert picker.code() == "220524"
    assert picker.province.count() == 35  # 34 provinces and the placeholder


def test_a_retired_code_selects_its_successor_and_says_so(gui_app: Any, qtbot: Any) -> None:
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.set_code("350402")  # 梅列区, merged into 三元区 in 2021
    assert picker.code() == "350404"
    assert picker.label() == "福建省 / 三明市 / 三元区"
    assert picker.orphan_label.isVisibleTo(picker)
    assert "350402 已停用" in picker.orphan_label.text()


def test_an_unknown_code_is_kept(gui_app: Any, qtbot: Any) -> None:
    picker = RegionPicker()
    qtbot.addWidget(picker)
    picker.set_code("123456")
    assert picker.code() == "123456"
    assert "不在本程序的区划表中" in picker.orphan_label.text()
