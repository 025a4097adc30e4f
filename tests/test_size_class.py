"""Size classification against the 2011 划型标准 (a literal copy of its table, not ../shared)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from desktop_app.core import size_class
from desktop_app.core.size_class import (
    SizeInputError,
    SizeStandardError,
    UnknownIndustryError,
    classify,
    load_standard,
)

# From 《中小企业划型标准规定》（工信部联企业〔2011〕300号）第四条:
# industry -> (clause, {indicator: (large, medium, small)}), bounds in 人 or 万元.
REFERENCE: dict[str, tuple[str, dict[str, tuple[float, float, float]]]] = {
    "农、林、牧、渔业": ("（一）", {"revenue": (20000, 500, 50)}),
    "工业": ("（二）", {"employees": (1000, 300, 20), "revenue": (40000, 2000, 300)}),
    "建筑业": ("（三）", {"revenue": (80000, 6000, 300), "assets": (80000, 5000, 300)}),
    "批发业": ("（四）", {"employees": (200, 20, 5), "revenue": (40000, 5000, 1000)}),
    "零售业": ("（五）", {"employees": (300, 50, 10), "revenue": (20000, 500, 100)}),
    "交通运输业": ("（六）", {"employees": (1000, 300, 20), "revenue": (30000, 3000, 200)}),
    "仓储业": ("（七）", {"employees": (200, 100, 20), "revenue": (30000, 1000, 100)}),
    "邮政业": ("（八）", {"employees": (1000, 300, 20), "revenue": (30000, 2000, 100)}),
    "住宿业": ("（九）", {"employees": (300, 100, 10), "revenue": (10000, 2000, 100)}),
    "餐饮业": ("（十）", {"employees": (300, 100, 10), "revenue": (10000, 2000, 100)}),
    "信息传输业": ("（十一）", {"employees": (2000, 100, 10), "revenue": (100000, 1000, 100)}),
    "软件和信息技术服务业": (
        "（十二）",
        {"employees": (300, 100, 10), "revenue": (10000, 1000, 50)},
    ),
    "房地产开发经营": ("（十三）", {"revenue": (200000, 1000, 100), "assets": (10000, 5000, 2000)}),
    "物业管理": ("（十四）", {"employees": (1000, 300, 100), "revenue": (5000, 1000, 500)}),
    "租赁和商务服务业": ("（十五）", {"employees": (300, 100, 10), "assets": (120000, 8000, 100)}),
    "其他未列明行业": ("（十六）", {"employees": (300, 100, 10)}),
}
LEVELS = ("large", "medium", "small")
ALL_KEYS = ("employees", "revenue", "assets")
DATA_FILE = Path(__file__).resolve().parent.parent / "db" / "size_standard.yaml"


def _huge_values() -> dict[str, float]:
    """Values that put every indicator in the large class, so one indicator can be varied."""
    return {"employees": 1e6, "revenue": 1e9, "assets": 1e9}


def _boundary_cases() -> list[tuple[str, str, float, str]]:
    cases = []
    for industry, (_, indicators) in REFERENCE.items():
        for key, bounds in indicators.items():
            below = ("medium", "small", "micro")
            for level, bound, lower in zip(LEVELS, bounds, below, strict=True):
                cases.append((industry, key, float(bound), level))
                step = 1 if key == "employees" else 0.01
                cases.append((industry, key, bound - step, lower))
    return cases


# --- the data file matches the reference -----------------------------------------------------


def test_data_file_numbers_equal_reference() -> None:
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    found = {
        entry["name"]: (
            entry["clause"],
            {k: tuple(v[level] for level in LEVELS) for k, v in entry["indicators"].items()},
        )
        for entry in raw["industries"]
    }
    assert found == REFERENCE
    assert [entry["name"] for entry in raw["industries"]] == list(REFERENCE)


def test_every_industry_cites_its_clause_and_quotes_its_numbers() -> None:
    for industry in load_standard().industries:
        clause, indicators = REFERENCE[industry.name]
        assert (
            industry.source == f"《中小企业划型标准规定》工信部联企业〔2011〕300号 第四条{clause}"
        )
        assert industry.quote.startswith(industry.name + "。")
        assert " " not in industry.quote
        for key, bounds in indicators.items():
            name = {"employees": "从业人员", "revenue": "营业收入", "assets": "资产总额"}[key]
            unit = "人" if key == "employees" else "万元"
            for bound in bounds:
                assert f"{name}{bound}{unit}" in industry.quote


def test_industrial_quote_is_the_reference_wording() -> None:
    quote = load_standard().industry("工业").quote
    assert quote == (
        "工业。从业人员1000人以下或营业收入40000万元以下的为中小微型企业。"
        "其中，从业人员300人及以上，且营业收入2000万元及以上的为中型企业；"
        "从业人员20人及以上，且营业收入300万元及以上的为小型企业；"
        "从业人员20人以下或营业收入300万元以下的为微型企业。"
    )


def test_examples_come_from_the_regulation() -> None:
    std = load_standard()
    assert std.industry("工业").examples == ("采矿业", "制造业", "电力、热力、燃气及水生产和供应业")
    assert std.industry("信息传输业").examples == ("电信、互联网和相关服务",)
    assert "科学研究和技术服务业" in std.industry("其他未列明行业").examples
    assert "不含铁路运输业" in "".join(std.industry("交通运输业").notes)
    for industry in std.industries:
        assert industry.examples or industry.hints, industry.name


# --- boundaries ------------------------------------------------------------------------------


@pytest.mark.parametrize(("industry", "key", "value", "expected"), _boundary_cases())
def test_each_bound_is_inclusive_and_one_below_drops_a_class(
    industry: str, key: str, value: float, expected: str
) -> None:
    values = _huge_values()
    values[key] = value
    result = classify(industry, values["employees"], values["revenue"], values["assets"])
    assert result.size == expected
    assert key in result.decided_by or expected == "large"


def test_industrial_headcount_20_is_small_19_is_micro() -> None:
    assert classify("工业", 20, 1000).size == "small"
    assert classify("工业", 19, 1000).size == "micro"


def test_industrial_revenue_300_is_small_299_99_is_micro() -> None:
    assert classify("工业", 100, 300).size == "small"
    assert classify("工业", 100, 299.99).size == "micro"


def test_all_large_when_every_indicator_reaches_large() -> None:
    for industry in REFERENCE:
        values = _huge_values()
        result = classify(industry, values["employees"], values["revenue"], values["assets"])
        assert result.size == "large"
        assert result.size_label == "大型"


# --- worked examples and working -------------------------------------------------------------


def test_reference_example_999_people_1_billion_is_medium() -> None:
    result = classify("工业", employees=999, revenue=100000)
    assert result.size == "medium"
    assert result.size_label == "中型"
    assert result.decided_by == ("employees",)
    assert [(w.indicator, w.size) for w in result.working] == [
        ("employees", "medium"),
        ("revenue", "large"),
    ]
    assert result.explanation == "从业人员999人属中型，营业收入100000万元属大型，取最低：中型"


def test_reference_example_500_people_2_million_is_micro() -> None:
    result = classify("工业", employees=500, revenue=200)
    assert result.size == "micro"
    assert result.size_label == "微型"
    assert result.decided_by == ("revenue",)
    assert result.explanation == "从业人员500人属中型，营业收入200万元属微型，取最低：微型"


def test_working_shows_value_bounds_and_rule() -> None:
    result = classify("工业", employees=500, revenue=200)
    employees, revenue = result.working
    assert employees.value == 500
    assert employees.bounds.to_dict() == {"large": 1000, "medium": 300, "small": 20}
    assert employees.rule == "300人及以上，1000人以下"
    assert not employees.decisive
    assert revenue.rule == "300万元以下"
    assert revenue.decisive
    assert classify("工业", 1000, 40000).working[0].rule == "1000人及以上"
    assert classify("工业", 20, 300).working[1].rule == "300万元及以上，2000万元以下"


def test_ties_list_every_deciding_indicator() -> None:
    result = classify("建筑业", revenue=300, assets=300)
    assert result.size == "small"
    assert result.decided_by == ("revenue", "assets")


def test_single_indicator_industry_explanation() -> None:
    result = classify("其他未列明行业", employees=10)
    assert result.size == "small"
    assert result.explanation == "从业人员10人属小型：小型"


def test_to_dict_is_plain_data() -> None:
    data = classify("零售业", employees=12, revenue=150.5).to_dict()
    assert data["size"] == "small"
    assert data["size_label"] == "小型"
    assert data["decided_by"] == ["employees", "revenue"]
    assert data["working"][1]["value"] == 150.5
    assert data["working"][0]["value"] == 12
    assert data["working"][0]["bounds"] == {"large": 300, "medium": 50, "small": 10}
    assert data["clause"] == "（五）"
    assert data["missing"] == []


# --- missing and ignored indicators ----------------------------------------------------------


def test_missing_indicator_makes_the_size_unknown() -> None:
    result = classify("工业", employees=500)
    assert result.size is None
    assert result.size_label == "无法判断"
    assert result.missing == ("revenue",)
    assert result.decided_by == ()
    assert result.working[1].value is None
    assert result.working[1].size is None
    assert result.explanation == "从业人员500人属中型；缺少营业收入，无法判断企业规模"


def test_nothing_given_lists_every_indicator_missing() -> None:
    result = classify("建筑业")
    assert result.size is None
    assert result.missing == ("revenue", "assets")
    assert result.explanation == "缺少营业收入、资产总额，无法判断企业规模"


def test_micro_is_decided_even_with_an_indicator_missing() -> None:
    result = classify("工业", revenue=200)
    assert result.size == "micro"
    assert result.missing == ("employees",)
    assert result.decided_by == ("revenue",)
    assert "微型" in result.explanation
    assert "缺少从业人员" in result.explanation


def test_small_with_an_indicator_missing_stays_unknown() -> None:
    # The missing indicator could still pull the enterprise down to micro.
    assert classify("工业", employees=50).size is None


def test_indicators_not_listed_for_the_industry_are_ignored() -> None:
    result = classify("农、林、牧、渔业", employees=5000, revenue=80, assets=1e6)
    assert result.size == "small"
    assert [w.indicator for w in result.working] == ["revenue"]
    assert result.ignored == ("employees", "assets")
    assert any("从业人员、资产总额不是农、林、牧、渔业的划型指标" in note for note in result.notes)
    assert classify("农、林、牧、渔业", revenue=80).size == "small"


def test_individual_business_note() -> None:
    result = classify("餐饮业", 3, 50, individual_business=True)
    assert result.size == "micro"
    assert any("个体工商户" in note and "2017" in note for note in result.notes)
    assert not any("个体工商户" in note for note in classify("餐饮业", 3, 50).notes)


# --- invalid input ---------------------------------------------------------------------------


def test_unknown_industry_lists_valid_names() -> None:
    with pytest.raises(UnknownIndustryError) as info:
        classify("矿业", 1, 1)
    message = str(info.value)
    assert "未知行业“矿业”" in message
    for name in REFERENCE:
        assert name in message
    assert isinstance(info.value, SizeInputError)
    assert isinstance(info.value, ValueError)


def test_unknown_industry_points_to_owning_industry() -> None:
    with pytest.raises(UnknownIndustryError, match="制造业属于“工业”"):
        classify("制造业", 1, 1)


def test_industry_must_be_text() -> None:
    with pytest.raises(UnknownIndustryError, match="行业名称必须是文字"):
        classify(None, 1, 1)  # type: ignore[arg-type]


def test_industry_names_tolerate_missing_enumeration_commas() -> None:
    assert classify("农林牧渔业", revenue=10).industry == "农、林、牧、渔业"
    assert classify(" 工业 ", 1, 1).industry == "工业"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"employees": -1, "revenue": 10}, "从业人员不能为负数"),
        ({"employees": 10, "revenue": -0.5}, "营业收入不能为负数"),
        ({"employees": math.nan, "revenue": 10}, "从业人员不是有效数字"),
        ({"employees": 10, "revenue": math.inf}, "营业收入不是有效数字"),
        ({"employees": 10, "revenue": -math.inf}, "营业收入不是有效数字"),
        ({"employees": 10, "revenue": 10, "assets": math.nan}, "资产总额不是有效数字"),
        ({"employees": 1e9, "revenue": 10}, "从业人员1000000000人不合常理"),
        ({"employees": 10, "revenue": 1e12}, "营业收入1000000000000万元不合常理"),
        ({"employees": True, "revenue": 10}, "从业人员必须是数字"),
        ({"employees": "12", "revenue": 10}, "从业人员必须是数字"),
    ],
)
def test_invalid_values_raise_chinese_messages(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(SizeInputError, match=message):
        classify("工业", **kwargs)  # type: ignore[arg-type]


def test_zero_is_a_valid_value() -> None:
    assert classify("工业", 0, 0).size == "micro"


# --- the data file loader --------------------------------------------------------------------


def test_load_standard_is_cached_and_reads_the_curated_file() -> None:
    assert load_standard() is load_standard()
    assert size_class.default_path().name == "size_standard.yaml"
    assert len(size_class.industries()) == 16


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "std.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_bounds_are_rejected(tmp_path: Path) -> None:
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    raw["industries"][1]["indicators"]["employees"]["medium"] = 2000
    path = _write(tmp_path, yaml.safe_dump(raw, allow_unicode=True))
    with pytest.raises(SizeStandardError, match="large > medium > small"):
        load_standard(path)


def test_unknown_indicator_in_data_is_rejected(tmp_path: Path) -> None:
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    raw["industries"][0]["indicators"]["profit"] = {"large": 3, "medium": 2, "small": 1}
    path = _write(tmp_path, yaml.safe_dump(raw, allow_unicode=True))
    with pytest.raises(SizeStandardError, match="unknown indicator"):
        load_standard(path)


def test_unreadable_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(SizeStandardError):
        load_standard(tmp_path / "absent.yaml")


def test_classify_accepts_a_given_standard(tmp_path: Path) -> None:
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    raw["industries"][1]["indicators"]["employees"]["small"] = 25
    std = load_standard(_write(tmp_path, yaml.safe_dump(raw, allow_unicode=True)))
    assert classify("工业", 20, 1000, standard=std).size == "micro"
    assert classify("工业", 20, 1000).size == "small"


def test_all_indicator_keys_are_known() -> None:
    assert set(load_standard().indicators) == set(ALL_KEYS)
