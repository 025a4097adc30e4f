"""Roster cell values as people type them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.core.batch.values import (
    MONTH_ONLY,
    SERIAL,
    ValueProblem,
    parse_bool,
    parse_count,
    parse_date,
    parse_money,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("85人", 85), ("８５", 85), ("1,200", 1200), ("１，２００人", 1200), (42, 42), ("", None)],
)
def test_counts(typed: object, expected: float | None) -> None:
    assert parse_count(typed) == expected


@pytest.mark.parametrize(
    ("typed", "column_unit", "expected", "unit"),
    [
        ("４２００", None, 4200, None),
        ("4200万元", None, 4200, None),
        ("0.42亿元", None, 4200, "亿元"),
        ("42000000元", None, 4200, "元"),
        (42000000, "元", 4200, "元"),
        ("4200万元", "元", 4200, None),  # a unit in the cell beats the header's
        ("1,200", None, 1200, None),
        (0.42, "亿元", 4200, "亿元"),
    ],
)
def test_money(typed: object, column_unit: str | None, expected: float, unit: str | None) -> None:
    assert parse_money(typed, column_unit) == (expected, unit)


def test_dates() -> None:
    assert parse_date(43573) == (date(2019, 4, 18), SERIAL)
    assert parse_date("43573") == (date(2019, 4, 18), SERIAL)
    assert parse_date(datetime(2019, 4, 18, 0, 0)) == (date(2019, 4, 18), "")
    assert parse_date("2019年4月18日") == (date(2019, 4, 18), "")
    assert parse_date("2019/4/18") == (date(2019, 4, 18), "")
    assert parse_date("20190418") == (date(2019, 4, 18), "")
    assert parse_date("2024年3月") == (date(2024, 3, 1), MONTH_ONLY)
    for bad in ("2019-13-45", "明年", -5):
        with pytest.raises(ValueProblem):
            parse_date(bad)


def test_yes_no() -> None:
    assert [parse_bool(v) for v in ("是", "√", "否", "×", "", None, 1, "Y")] == [
        True, True, False, False, None, None, True, True
    ]  # fmt: skip
    with pytest.raises(ValueProblem, match="是/否"):
        parse_bool("也许")


@pytest.mark.parametrize("bad", ["约八十人", "abc", True])
def test_bad_numbers_are_reported(bad: object) -> None:
    with pytest.raises(ValueProblem):
        parse_count(bad)
    with pytest.raises(ValueProblem):
        parse_money(bad, None)
