"""How the wizard reads typed numbers and dates (plain Python, no Qt)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.gui.widgets.parsing import amount_words, format_value, parse_date, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("   ", None),
        ("85", 85),
        (" 85 ", 85),
        ("８５", 85),
        ("4,200", 4200),
        ("4，200", 4200),
        ("85人", 85),
        ("0", 0),
    ],
)
def test_numbers_people_type(text: str, value: int | None) -> None:
    parsed = parse_number(text, integer=True, high=10_000_000, unit="人")
    assert parsed.ok and parsed.value == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-1", "不能为负数"),
        ("1.5", "请填写整数"),
        ("八十五", "请填写数字，例如 85；不知道可以不填"),
        ("3万", "请只填阿拉伯数字（单位已是人），例如 4200"),
        ("20000000", "不能超过1000万人，请检查数值和单位"),
        ("nan", "请填写数字，例如 85；不知道可以不填"),
        ("inf", "请填写数字，例如 85；不知道可以不填"),
        ("1e400", "数字太大了，请检查"),
    ],
)
def test_numbers_refused_with_chinese_messages(text: str, message: str) -> None:
    parsed = parse_number(text, integer=True, high=10_000_000, unit="人")
    assert parsed.value is None and parsed.error == message


def test_decimal_money_and_range() -> None:
    assert parse_number("4200.5", unit="万元", high=1e11).value == 4200.5
    assert parse_number("1", low=2).error == "不能小于2"
    assert parse_number("5", low=None).value == 5
    assert amount_words(1e11) == "1000亿" and amount_words(100000) == "10万"
    assert amount_words(600) == "600"


@pytest.mark.parametrize(
    "text", ["2021-05-01", "2021/5/1", "2021.05.01", "2021年5月1日", "2021年05月01", "20210501"]
)
def test_dates_people_type(text: str) -> None:
    assert parse_date(text).value == date(2021, 5, 1)


def test_dates_refused() -> None:
    assert parse_date("2021-02-29").error == "没有这一天：2021年2月29日"
    assert parse_date("明天").error == "日期格式不对，请写成 2021-05-01；不知道可以不填"
    assert parse_date("1900-01-01").error == "日期不能早于1949-10-01"
    assert parse_date("2030-01-01", latest=date(2026, 1, 1)).error == "日期不能晚于2026-01-01"
    assert parse_date("").ok and parse_date("").value is None


def test_values_shown_again() -> None:
    assert format_value(85.0) == "85"
    assert format_value(0.5) == "0.5"
    assert format_value(None) == ""
    assert format_value(date(2021, 5, 1)) == "2021-05-01"
    assert format_value(True) == "是"
