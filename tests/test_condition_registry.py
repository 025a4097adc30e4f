"""The condition-test registry is the one list: the rule-format README's table, validation and
the question plan are held against it."""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.core.eligibility.conditions import CONDITION_TESTS, describe
from desktop_app.core.eligibility.facts import load_registry
from desktop_app.core.eligibility.rules import (
    ConditionSpec,
    MeasureRules,
    parse_rules,
    validate_rules,
)
from desktop_app.core.model import Item
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.questions import facts_of_rules

README = Path(__file__).resolve().parent.parent / "db" / "benefits" / "README.md"
ROW = re.compile(r"^\| `(?P<name>[a-z_]+)` \| (?P<params>[^|]+) \| (?P<meaning>[^|]+) \|$")


def _readme_rows() -> dict[str, tuple[list[str], str]]:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        if m := ROW.match(line):
            params = m["params"].strip().strip("`")
            names = [] if params == "—" else [p.strip() for p in params.split(",")]
            rows[m["name"]] = (names, m["meaning"].strip())
    return rows


def test_readme_table_is_the_registry() -> None:
    rows = _readme_rows()
    assert list(rows) == list(CONDITION_TESTS)
    for name, test in CONDITION_TESTS.items():
        params, meaning = rows[name]
        expected = (
            ["conditions"] if test.group else [*test.params, *(f"{o}?" for o in test.optional)]
        )
        assert params == expected, name
        assert meaning == test.meaning, name


def test_every_test_in_the_reviewed_rules_is_registered(store: PolicyStore) -> None:
    def tests(spec: ConditionSpec) -> list[str]:
        return [spec.test, *(t for c in spec.children for t in tests(c))]

    used = {
        t
        for rules in store.rules().values()
        for spec in [*rules.conditions, *(c for b in rules.benefits for c in b.conditions)]
        for t in tests(spec)
    }
    assert used and used <= set(CONDITION_TESTS)


ITEM = Item(
    id="x-1",
    document_id="x",
    seq=1,
    kind="measure",
    article="1",
    locator="1",
    path=[],
    title=None,
    text="对研发投入超过100万元的企业给予奖励",
    enterprise_facing=True,
)


def _rules(condition: dict[str, object]) -> dict[str, MeasureRules]:
    return parse_rules(
        {
            "x-1": {
                "summary": "奖励",
                "conditions": [condition],
                "benefits": [{"label": "奖励", "kind": "grant", "quote": "给予奖励"}],
            }
        }
    )


def _errors(condition: dict[str, object]) -> list[str]:
    return validate_rules(_rules(condition), {"x-1": ITEM}, load_registry())


def test_validation_follows_the_registry() -> None:
    fact = next(f for f in load_registry().facts.values() if f.type in ("integer", "number"))
    boolean = next(f for f in load_registry().facts.values() if f.type == "boolean")
    ok = {
        "test": "fact_min",
        "fact": fact.id,
        "min": 100,
        "exclusive": True,
        "quote": "超过100万元",
    }
    assert _errors(ok) == []
    missing = _errors({k: v for k, v in ok.items() if k != "min"})
    assert missing == ["x-1: 条件 fact_min 缺少参数 min"]
    assert _errors({**ok, "typo": 1}) == ["x-1: 条件 fact_min 的参数 typo 未知"]
    assert _errors({**ok, "fact": boolean.id}) == [
        f"x-1: 条件 fact_min 不能用于 boolean 类型的事项 {boolean.id}"
    ]
    assert _errors({"test": "fact_between", "quote": "超过100万元"}) == [
        "x-1: 未知的条件类型 fact_between"
    ]


def test_question_plan_reads_the_facts_the_registry_names() -> None:
    fact = next(f for f in load_registry().facts.values() if f.type in ("integer", "number"))
    condition = {"test": "fact_min", "fact": fact.id, "min": 100, "quote": "超过100万元"}
    rules = _rules(
        {"test": "any_of", "conditions": [condition, {"test": "confirm", "wording": "x"}]}
    )
    assert facts_of_rules(rules["x-1"]) == [fact.id]
    assert CONDITION_TESTS["fact_min"].facts_read(rules["x-1"].conditions[0].children[0]) == [
        fact.id
    ]
    assert describe(rules["x-1"].conditions[0].children[0], load_registry()).endswith(
        f"不少于100{fact.unit or ''}"
    )
