"""The proposer: amounts and conditions read from item text, each resting on its passage."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from structuring_labels import document_items, labels, score

from desktop_app.core.build_db import collect_content
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.model import Item
from desktop_app.core.structuring import registry as reg
from desktop_app.core.structuring.assemble import check_proposal
from desktop_app.core.structuring.numerals import parse_numeral, value_printed
from desktop_app.core.structuring.proposal import Proposal
from desktop_app.core.structuring.proposer import propose_item, propose_items


def _item(text: str, article: str | None = "（一）") -> Item:
    return Item(
        id="t-1",
        document_id="t",
        seq=1,
        kind="measure",
        article=article,
        locator="",
        path=[],
        title=None,
        text=text,
        enterprise_facing=True,
    )


def _benefits(text: str) -> list[dict[str, Any]]:
    return [p.amount or {} for p in propose_item(_item(text)).proposals if p.kind == "benefit"]


def _tests(text: str) -> list[dict[str, Any]]:
    return [p.test or {} for p in propose_item(_item(text)).proposals if p.kind == "condition"]


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("一万", None),
        ("十", 10),
        ("五十", 50),
        ("一百五十", 150),
        ("两千", 2000),
        ("1千", 1000),
        ("3.5", Decimal("3.5")),
        ("1,000", 1000),
        ("一千零五", 1005),
        ("十五", 15),
        ("二〇二六", 2026),
    ],
)
def test_numerals(token: str, value: int | Decimal | None) -> None:
    assert parse_numeral(token) == (None if value is None else Decimal(value))


def test_chinese_numerals_count_as_printed() -> None:
    assert value_printed(1000, "1千万以上")
    assert value_printed(1, "每满一万人奖励一万元")
    assert value_printed(10000, "年营业收入1亿元以上")  # 1亿 = 10000万
    assert not value_printed(2, "给予20万元")  # a number is a whole run, not a piece of one


def test_thresholds_read_inclusive_or_not() -> None:
    tests = _tests(
        "对固定资产投资1000万元及以上、年营业收入超过1亿元、从业人员不满20人、"
        "亩均税收不低于15万元、资产总额5000万元以下的企业，给予10万元奖励。"
    )
    by_min = {(t["test"], t.get("min", t.get("max")), bool(t.get("exclusive"))) for t in tests}
    assert ("fact_min", 1000, False) in by_min  # 及以上 includes the number
    assert ("fact_min", 10000, True) in by_min  # 超过 does not (1亿元 in 万元)
    assert ("fact_max", 20, True) in by_min  # 不满 does not
    assert ("fact_min", 15, False) in by_min  # 不低于 does
    assert ("fact_max", 5000, False) in by_min  # 以下 does


def test_amount_forms() -> None:
    assert {"type": "up_to", "value": 300, "unit": "万元"} in _benefits(
        "对首发上市的企业，给予最高300万元奖励。"
    )
    rate = _benefits("按设备投资额的10%给予补助，单个项目最高不超过200万元。")[0]
    assert (rate["type"], rate["percent"], rate["cap"], rate["cap_unit"]) == (
        "rate",
        10,
        200,
        "万元",
    )
    per = _benefits("每满一万人次奖励一万元。")[0]
    assert (per["type"], per["per_unit"], per["unit"]) == ("per_unit", 1, "万元")
    assert _benefits("按担保额的5‰给予补贴。")[0]["permille"] == 5
    ranged = _benefits("对新获评省级质量奖的企业，给予10万元—100万元奖励。")[0]
    assert ranged == {"type": "up_to", "value": 100, "unit": "万元"}
    tiers = _benefits(
        "对新认定的国家级、省级、市级专精特新企业，分别给予50万元、30万元、10万元奖励。"
    )
    assert [t["value"] for t in tiers] == [50, 30, 10]
    years = _benefits("给予租金补助（第一年5万元，第二年3万元，第三年2万元）。")
    assert [y["value"] for y in years] == [5, 3, 2]
    assert _benefits("对重大项目实行“一事一议”。") == [{"type": "none"}]
    assert _benefits("给予一次性奖励二十万元。") == [{"type": "fixed", "value": 20, "unit": "万元"}]
    interest = _benefits("贴息标准为年化2%，贴息期限最长3年。")[0]
    assert (interest["type"], interest["percent"], interest["years"]) == ("interest", 2, 3)


def test_a_threshold_is_not_a_benefit() -> None:
    amounts = _benefits("对固定资产投资1000万元及以上的项目，给予50万元奖励。")
    assert amounts == [{"type": "fixed", "value": 50, "unit": "万元"}]


def test_qualifications_timing_entities_and_vague_words() -> None:
    tests = _tests("对符合条件的新认定的高新技术企业和小微企业、个体工商户，给予5万元奖励。")
    assert {"test": "qualification", "any_of": ["high_tech"], "new": True} in [
        {k: v for k, v in t.items() if k != "quote"} for t in tests
    ]
    kinds = {t["test"] for t in tests}
    assert {"confirm", "any_of"} <= kinds  # 符合条件的 is for a person; 小微企业或个体工商户


def test_tiers_each_get_their_own_qualification() -> None:
    result = propose_item(
        _item(
            "对新认定的国家级专精特新“小巨人”企业、省级专精特新中小企业，分别奖励50万元、20万元。"
        )
    )
    by_benefit: dict[Any, Any] = {}
    for p in result.proposals:
        if p.kind == "condition" and p.test and p.test["test"] == "qualification":
            for target in p.applies_to:
                by_benefit.setdefault(target, []).append(p.test["any_of"][0])
    assert sorted(by_benefit.values()) == [["little_giant"], ["specialized_sme"]]


def test_labelled_documents_get_the_right_amount() -> None:
    registry = load_registry()
    results = {
        name: {r.article: r for r in propose_items(document_items(name), registry)}
        for name in labels()
    }
    s = score(results, {f.id: f.label for f in registry.facts.values()})
    assert s.labelled >= 45
    assert s.share >= 0.9, "\n".join(s.misses)


def _figures(proposal: Proposal) -> list[tuple[Any, tuple[str, ...]]]:
    out: list[tuple[Any, tuple[str, ...]]] = []
    amount = proposal.amount or {}
    for key in ("value", "per_unit", "cap", "years"):
        if key in amount:
            out.append((amount[key], ("",)))
    if "percent" in amount:
        out.append((amount["percent"], ("%", "％")))
    if "permille" in amount:
        out.append((amount["permille"], ("‰",)))
    stack = [proposal.test] if proposal.test else []
    while stack:
        test = stack.pop()
        stack.extend(test.get("conditions", []))
        for key in ("min", "max", "years"):
            if key in test:
                out.append((test[key], ("",)))
    return out


def _assert_grounded(item: Item, proposals: list[Proposal]) -> None:
    registry = load_registry()
    for proposal in proposals:
        assert proposal.quote in item.text
        assert item.text[proposal.start : proposal.end] == proposal.quote
        for value, suffixes in _figures(proposal):
            assert value_printed(value, proposal.quote, suffixes), (proposal.quote, value)
        extended = reg.extended(registry, proposal.new_facts)
        assert check_proposal(item, proposal, extended) == []


def test_no_proposal_carries_a_number_absent_from_its_passage() -> None:
    items = [i for name in labels() for i in document_items(name)]
    items += [i for i in collect_content().items if i.enterprise_facing]
    for item, result in zip(items, propose_items(items), strict=True):
        _assert_grounded(item, result.proposals)


def test_a_candidate_the_validator_refuses_is_dropped() -> None:
    item = _item("对新认定的企业给予50万元奖励。")
    good = propose_item(item).proposals[0]
    forged = dataclasses.replace(good, amount={"type": "fixed", "value": 80, "unit": "万元"})
    assert check_proposal(item, forged, load_registry())  # refused, with the reason
    assert "80" in check_proposal(item, forged, load_registry())[0]


_FRAGMENTS = [
    "对新认定的高新技术企业",
    "给予",
    "最高",
    "不超过",
    "50万元",
    "奖励",
    "，",
    "。",
    "按设备投资额的",
    "10%",
    "每人",
    "1500元",
    "分别给予",
    "30万元、10万元",
    "一万元",
    "及以上",
    "超过",
    "1千万",
    "第一年5万元",
    "（",
    "）",
    "5%—20%",
    "一事一议",
    "5‰",
    "年销售额",
    "2000万元",
    "以下",
    "小微企业",
    "符合条件的",
    "每满一万人次",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=14))
def test_any_text_gives_only_grounded_proposals(pieces: list[str]) -> None:
    item = _item("".join(pieces))
    _assert_grounded(item, propose_item(item).proposals)
