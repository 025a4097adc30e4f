"""Which activity questions the wizard asks: only the facts that can still change a result for
this enterprise in its region on the evaluation date."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from desktop_app.core.eligibility.engine import match
from desktop_app.core.eligibility.facts import FactDef, load_registry
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import INELIGIBLE, NOT_IN_FORCE
from desktop_app.core.store import PolicyStore
from desktop_app.core.userdata.questions import plan_questions

AS_OF = date(2026, 11, 22)
XIAMEN_SMALL = {
    "region": "350206",
    "industry": "工业",
    "employees": 85,
    "revenue": 4200,
    "entity_type": "enterprise",
}


def plan_for(store: PolicyStore, data: dict[str, Any], on: date = AS_OF) -> list[str]:
    return plan_questions(store, Profile.from_dict(data), on).fact_ids


def test_groups_follow_registry_order(store: PolicyStore) -> None:
    registry = load_registry()
    plan = plan_questions(store, Profile(), AS_OF)
    order = list(registry.facts)
    assert plan.fact_ids == sorted(plan.fact_ids, key=order.index)
    for group in plan.groups:
        assert all(q.fact.group == group.name for q in group.questions)
        assert all(q.measures for q in group.questions)
    assert len({g.name for g in plan.groups}) == len(plan.groups)


def test_region_limits_the_questions(store: PolicyStore) -> None:
    xiamen = set(plan_for(store, {"region": "350206"}))
    hebei = set(plan_for(store, {"region": "130100"}))
    assert "youth_hires_count" in xiamen  # 厦门 第30项 扩岗补助
    assert "youth_hires_count" not in hebei
    assert hebei < xiamen or not hebei


def test_unknown_region_asks_everything_that_could_apply(store: PolicyStore) -> None:
    everywhere = set(plan_for(store, {}))
    for region in ("350206", "130100", "512002"):
        assert set(plan_for(store, {"region": region})) <= everywhere
    # a code the region table does not know is refused by the profile schema; a Profile built
    # in code with one (a retired code) still gets every question that could apply
    retired = plan_questions(store, Profile(region="350402"), AS_OF).fact_ids
    assert set(retired) <= everywhere


def test_answers_do_not_change_which_questions_are_asked(store: PolicyStore) -> None:
    base = plan_for(store, XIAMEN_SMALL)
    answered = plan_for(
        store, {**XIAMEN_SMALL, "facts": {"youth_hires_count": 0, "has_bank_loan": False}}
    )
    assert answered == base


def test_answer_outside_the_plan_stays_visible(store: PolicyStore) -> None:
    hebei = plan_questions(store, Profile.from_dict({"region": "130100"}), AS_OF)
    assert "youth_hires_count" not in hebei.fact_ids
    with_answer = plan_questions(
        store,
        Profile.from_dict({"region": "130100", "facts": {"youth_hires_count": 4}}),
        AS_OF,
    )
    question = next(
        q for g in with_answer.groups for q in g.questions if q.fact.id == "youth_hires_count"
    )
    assert question.answered_only and question.measures == []


def _filled(fact: FactDef) -> Any:
    if fact.type == "boolean":
        return True
    if fact.type in ("integer", "number"):
        return 50 if fact.max is None or fact.max >= 50 else fact.max
    if fact.type == "choice":
        return fact.choices[0]
    return "2025-01-01"


def _fingerprint(store: PolicyStore, profile: Profile) -> dict[str, tuple[str, str]]:
    """Each measure's status, and its amount unless it is ruled out (an amount shown for a
    measure that does not apply, or whose document is not in force, is never counted)."""
    result = match(store, profile, AS_OF)
    return {
        r.item.id: (r.status, "" if r.status in (INELIGIBLE, NOT_IN_FORCE) else r.amount.text)
        for r in result.results
    }


@pytest.mark.parametrize(
    "data",
    [
        XIAMEN_SMALL,
        {**XIAMEN_SMALL, "employees": 2000, "revenue": 90000},  # large: small-firm aid is out
        {"region": "130100", "industry": "零售业"},
        {"region": "512002", "entity_type": "individual_business"},
        {"region": "350404", "qualifications": [{"id": "high_tech"}]},
    ],
    ids=["xiamen-small", "xiamen-large", "hebei", "yanjiang-individual", "sanming"],
)
def test_questions_left_out_cannot_change_any_result(
    store: PolicyStore, data: dict[str, Any]
) -> None:
    """The promise of page 4: a question not asked is one whose answer changes nothing."""
    registry = load_registry()
    profile = Profile.from_dict(data)
    asked = set(plan_questions(store, profile, AS_OF).fact_ids)
    skipped = [f for f in registry.facts.values() if f.id not in asked]
    assert skipped, "expected some questions to be left out"
    before = _fingerprint(store, profile)
    filled = dataclasses.replace(profile, facts={f.id: _filled(f) for f in skipped})
    assert _fingerprint(store, filled) == before


def test_questions_asked_can_change_a_result(store: PolicyStore) -> None:
    registry = load_registry()
    profile = Profile.from_dict(XIAMEN_SMALL)
    before = _fingerprint(store, profile)
    changed = 0
    for fact_id in plan_questions(store, profile, AS_OF).fact_ids:
        filled = dataclasses.replace(profile, facts={fact_id: _filled(registry.fact(fact_id))})
        changed += _fingerprint(store, filled) != before
    assert changed >= 1


def test_a_date_when_documents_have_expired_asks_less(store: PolicyStore) -> None:
    now = set(plan_for(store, {"region": "350206"}, date(2019, 6, 1)))
    assert now  # fj2019 in force in 2019
    assert plan_questions(store, Profile(), AS_OF).measures_in_play
