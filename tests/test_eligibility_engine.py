"""The engine's parts: rule validation, profile validation, explanations, CLI."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.eligibility.engine import match, rules_from_store
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.profile import Profile, ProfileError
from desktop_app.core.eligibility.rules import load_rule_files, parse_rules, validate_rules
from desktop_app.core.store import PolicyStore

SAMPLE = Path(__file__).parent.parent / "resources" / "samples" / "xiamen-manufacturer.json"


def _validate(store: PolicyStore, raw: dict) -> list[str]:
    return validate_rules(parse_rules(raw), {i.id: i for i in store.all_items()}, load_registry())


def test_the_bundled_rules_validate(store: PolicyStore) -> None:
    assert _validate(store, load_rule_files()) == []


def test_a_quote_not_in_the_text_fails_validation(store: PolicyStore) -> None:
    raw = load_rule_files()
    raw["xm-30"]["benefits"][0]["quote"] = "给予每人2000元的中小微企业扩岗补助"
    errors = _validate(store, raw)
    assert any("xm-30" in e and "不在条目原文中" in e for e in errors)


def test_a_number_not_in_its_quote_fails_validation(store: PolicyStore) -> None:
    raw = load_rule_files()
    raw["xm-30"]["benefits"][0]["amount"]["per_unit"] = 1600
    errors = _validate(store, raw)
    assert any("xm-30" in e and "per_unit=1600" in e for e in errors)
    raw = load_rule_files()
    raw["sm-2-2-4"]["benefits"][0]["amount"]["cap"] = 600
    assert any("cap=600" in e for e in _validate(store, raw))
    raw = load_rule_files()
    raw["xm-30"]["conditions"][3]["min"] = 4
    assert any("数值 4" in e for e in _validate(store, raw))


def test_every_enterprise_facing_item_needs_rules(store: PolicyStore) -> None:
    raw = load_rule_files()
    del raw["xm-16"]
    assert any(e.startswith("xm-16") and "缺少待遇" in e for e in _validate(store, raw))


def test_unknown_facts_and_tests_are_rejected(store: PolicyStore) -> None:
    raw = load_rule_files()
    raw["xm-30"]["conditions"][1]["fact"] = "no_such_fact"
    raw["xm-5"]["conditions"][0]["test"] = "python_expression"
    errors = _validate(store, raw)
    assert any("no_such_fact" in e for e in errors)
    assert any("未知的条件类型 python_expression" in e for e in errors)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"employees": -3}, "从业人员应在0到1000万之间"),
        ({"revenue": "很多"}, "营业收入“很多”不是数字"),
        ({"established": "2021-13-40"}, "不是有效日期"),
        ({"region": "35"}, "应为6位数字"),
        ({"facts": {"youth_hires_count": 2.5}}, "应为整数"),
        ({"facts": {"youth_hires_count": -1}}, "招用16–24岁登记失业人员人数应在0到"),
        ({"facts": {"made_up": 1}}, "未知的事项“made_up”"),
        ({"qualifications": ["nobel_prize"]}, "未知的资质“nobel_prize”"),
        ({"size_override": {"size": "small", "reason": ""}}, "须选择规模并填写理由"),
        ({"employees": float("nan")}, "不是有效数字"),
    ],
)
def test_invalid_profiles_give_chinese_messages(change: dict, message: str) -> None:
    data = json.loads(SAMPLE.read_text("utf-8")) | change
    with pytest.raises(ProfileError) as info:
        Profile.from_dict(data)
    assert any(message in p for p in info.value.problems), info.value.problems


def test_blank_profile_is_valid_and_everything_is_unknown(store: PolicyStore) -> None:
    result = match(store, Profile.from_dict({}), date(2026, 11, 22))
    assert result.size.size is None
    assert all(r.status in ("possible", "ineligible", "not_in_force") for r in result.results)
    # with no region every region's measures are results (possible at most), none left out
    assert result.other_regions == []
    assert all(
        r.conditions_status in ("possible", "ineligible")
        for r in result.results
        if r.status == "not_in_force"
    )
    assert result.totals["eligible"]["text"] == "0元"


def test_conditions_report_value_and_quote(store: PolicyStore) -> None:
    result = match(
        store, Profile.from_dict(json.loads(SAMPLE.read_text("utf-8"))), date(2026, 11, 22)
    )
    xm30 = next(r for r in result.results if r.item.id == "xm-30")
    insurance = next(c for c in xm30.conditions if "保险" in c.text)
    assert insurance.state == "met" and insurance.value == "4个月"
    assert insurance.quote == "缴纳失业、工伤、职工养老保险满3个月以上"
    assert xm30.amount.working == "3人 × 1500元 = 4500元"
    region = xm30.conditions[0]
    assert region.state == "met" and "福建省" in region.text and "湖里区" in region.value


def test_two_levels_for_the_same_thing_are_both_shown(store: PolicyStore) -> None:
    rules = rules_from_store(store)
    city = next(b for b in rules["sm-2-1-2"].benefits if "小巨人" in b.label)
    assert city.stacks_with is not None and city.stacks_with.measure == "xm-8"
    assert city.stacks_with.quote.startswith("在省级财政资金奖励的基础上")


def test_supplements_name_missing_facts_and_qualifications(store: PolicyStore) -> None:
    profile = Profile.from_dict(
        {"region": "350203", "industry": "工业", "employees": 50, "revenue": 500}
    )
    result = match(store, profile, date(2026, 11, 22))
    keys = {s["key"]: s for s in result.supplements}
    assert "xm-30" in keys["youth_hires_count"]["measures"]
    assert "xm-8" in keys["little_giant"]["measures"]
    assert keys["little_giant"]["label"] == "取得专精特新“小巨人”企业认定"


def test_match_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["match", "--profile", str(SAMPLE), "--as-of", "2026-11-22", "--json"])
    out = capsys.readouterr().out
    assert code == 0 and "\\u" not in out
    data = json.loads(out)
    assert data["as_of"] == "2026-11-22" and data["size"]["size"] == "small"
    xm30 = next(r for r in data["results"] if r["measure_id"] == "xm-30")
    assert xm30["status"] == "eligible" and xm30["amount"]["text"] == "4500元"
    assert {
        "measure_id",
        "document_id",
        "article",
        "title",
        "status",
        "validity",
        "amount",
        "conditions",
        "departments",
    } <= set(xm30)
    ids = {r["measure_id"] for r in data["results"]}
    # a Xiamen firm: the Fujian measures are results, the other regions' are only counted
    assert len(ids) + data["out_of_region"] == 109
    assert set(data["other_regions"]).isdisjoint(ids)
    assert all(i.startswith(("sm-", "hb2019-", "yj2020-")) for i in data["other_regions"])
    assert set(data["counts"]) == {"eligible", "possible", "ineligible", "not_in_force"}
    fj = next(r for r in data["results"] if r["measure_id"] == "fj2019-016")
    assert fj["status"] == "not_in_force" and fj["validity"]["state"] == "lapsed"
    assert fj["validity"]["basis"]["quote"] == "2019年福建省中小企业发展工作要点"
    assert "payer" in xm30["benefits"][0]


def test_match_cli_errors_are_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    assert main(["match", "--profile", str(bad)]) == 2
    assert "不是有效的 JSON" in capsys.readouterr().err
    bad.write_text(json.dumps({"employees": -1, "industry": "工业"}), "utf-8")
    assert main(["match", "--profile", str(bad)]) == 2
    assert "从业人员应在0到" in capsys.readouterr().err
    assert main(["match", "--profile", str(SAMPLE), "--as-of", "明天"]) == 2
    assert "不是有效日期" in capsys.readouterr().err
    bad.write_text(json.dumps({"industry": "炼金术"}), "utf-8")
    assert main(["match", "--profile", str(bad)]) == 2
    assert "炼金术" in capsys.readouterr().err


def test_facts_cli_lists_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {f["id"] for f in data["facts"]}
    assert {"youth_hires_count", "equipment_investment"} <= ids
    assert all(f["label"] and f["type"] for f in data["facts"])


def test_engine_never_evaluates_strings() -> None:
    source = "\n".join(
        p.read_text("utf-8")
        for p in (Path(__file__).parent.parent / "desktop_app" / "core" / "eligibility").glob(
            "*.py"
        )
    )
    assert "eval(" not in source and "exec(" not in source


def test_overview_states_each_measures_offer_without_a_profile(store: PolicyStore) -> None:
    from desktop_app.core.eligibility.overview import amount_item_ids, measure_overviews

    overviews = measure_overviews(store.rules())
    assert overviews["xm-30"].amount_text == "每人1500元"
    assert overviews["xm-31"].amount_text == "每人不超过1000元，总额不超过3万元"
    assert overviews["xm-8"].amount_text == "100万元"
    assert overviews["xm-6"].amount_text is None
    ids = amount_item_ids(store)
    assert {"xm-30", "xm-5", "sm-2-2-4"} <= ids and "xm-42" not in ids
    # every headline amount's numbers come from the measure's own text
    for item_id in ids:
        item = store.item(item_id)
        assert item is not None
        for number in re.findall(r"\d+(?:\.\d+)?", overviews[item_id].amount_text or ""):
            assert number in item.text, (item_id, number)


def test_totals_add_ranges_by_their_bounds() -> None:
    from decimal import Decimal

    from desktop_app.core.eligibility.amounts import EXACT, RANGE, UP_TO, AmountResult
    from desktop_app.core.eligibility.combine import total as combine_total

    total = combine_total(
        [
            AmountResult(EXACT, "4500元", "a", value_yuan=Decimal(4500)),
            AmountResult(UP_TO, "最高1万元", "b", value_yuan=Decimal(10000)),
            AmountResult(
                RANGE, "1万元至3万元", "c", value_yuan=Decimal(30000), min_yuan=Decimal(10000)
            ),
        ]
    )
    assert (total.kind, total.min_yuan, total.value_yuan) == (RANGE, Decimal(14500), Decimal(44500))
    assert total.text == "1.45万元至4.45万元"


def test_limits_in_messages_read_as_numbers_people_use() -> None:
    with pytest.raises(ProfileError) as info:
        Profile.from_dict({"employees": 1e9})
    assert "0到1000万之间" in info.value.problems[0]
