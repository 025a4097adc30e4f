"""Which activity questions (facts) still matter for one enterprise on one date.

The wizard's fourth page asks only these. A measure is *in play* when the engine, given
everything the user has said so far except the activity answers themselves, does not already
rule it out: the region is covered by its document, the document is in force on the date (a
measure not in force is shown for reference only, whatever the answers), and no condition on
entity type, size, qualification or age fails. The questions are then the facts
that the in-play measures' conditions and amount formulas read.

The activity answers are left out on purpose: answering "no" to one question must not make
other questions about the same measure vanish while the user is still typing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.eligibility.conditions import CONDITION_TESTS, UNMET
from desktop_app.core.eligibility.engine import PolicySource, evaluate_measure, size_of
from desktop_app.core.eligibility.facts import FactDef, FactsRegistry, load_registry
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import NOT_IN_FORCE
from desktop_app.core.eligibility.rules import ConditionSpec, MeasureRules
from desktop_app.core.size_class import SizeInputError

AMOUNT_FACT_KEYS = ("count_fact", "base_fact")


@dataclass
class Question:
    fact: FactDef
    measures: list[str] = field(default_factory=list)  # in-play measure ids that read it
    answered_only: bool = False  # shown only because it already has an answer

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact.to_dict(),
            "measures": list(self.measures),
            "answered_only": self.answered_only,
        }


@dataclass
class QuestionGroup:
    name: str
    questions: list[Question]

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.name, "questions": [q.to_dict() for q in self.questions]}


@dataclass
class QuestionPlan:
    groups: list[QuestionGroup]
    measures_in_play: list[str]
    ruled_out: int  # measures with activity questions that region/date/size etc. exclude

    @property
    def fact_ids(self) -> list[str]:
        return [q.fact.id for g in self.groups for q in g.questions]

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": [g.to_dict() for g in self.groups],
            "measures_in_play": list(self.measures_in_play),
            "ruled_out": self.ruled_out,
        }


def _condition_facts(spec: ConditionSpec) -> list[str]:
    found = CONDITION_TESTS[spec.test].facts_read(spec)
    for child in spec.children:
        found.extend(_condition_facts(child))
    return found


def facts_of_rules(rules: MeasureRules, benefits: list[int] | None = None) -> list[str]:
    """Fact ids a measure reads: its own conditions, and the given benefits' (default all)
    conditions and amount formulas. In first-use order, without repeats."""
    found: list[str] = []
    for spec in rules.conditions:
        found.extend(_condition_facts(spec))
    for index, benefit in enumerate(rules.benefits):
        if benefits is not None and index not in benefits:
            continue
        for spec in benefit.conditions:
            found.extend(_condition_facts(spec))
        for key in AMOUNT_FACT_KEYS:
            if key in benefit.amount.params:
                found.append(str(benefit.amount.params[key]))
    return list(dict.fromkeys(found))


def plan_questions(
    store: PolicySource,
    profile: Profile,
    as_of: date,
    registry: FactsRegistry | None = None,
) -> QuestionPlan:
    registry = registry or load_registry()
    rules = store.rules()
    # Judge the measures without the activity answers (see the module docstring).
    base = dataclasses.replace(profile, facts={})
    try:
        size = size_of(base)
    except SizeInputError:
        size = size_of(dataclasses.replace(base, industry=None))
    wanted: dict[str, list[str]] = {}
    in_play: list[str] = []
    ruled_out = 0
    for item in store.all_items():
        rule = rules.get(item.id)
        if not item.enterprise_facing or rule is None:
            continue
        facts = facts_of_rules(rule)
        result = evaluate_measure(store, item, rule, base, size, as_of, registry)
        open_benefits = [i for i, b in enumerate(result.benefits) if b.state != UNMET]
        shared_unmet = any(c.state == UNMET for c in result.conditions)
        if shared_unmet or not open_benefits or result.status == NOT_IN_FORCE:
            ruled_out += bool(facts)
            continue
        in_play.append(item.id)
        for fact_id in facts_of_rules(rule, open_benefits):
            wanted.setdefault(fact_id, []).append(item.id)
    groups: dict[str, list[Question]] = {}
    for fact in registry.facts.values():  # registry order is the order the wizard asks in
        if fact.id in wanted:
            question = Question(fact, wanted[fact.id])
        elif profile.facts.get(fact.id) is not None:
            # an answer given earlier (another region, another date) stays visible, so that
            # nothing the result depends on is hidden from the user
            question = Question(fact, [], answered_only=True)
        else:
            continue
        groups.setdefault(fact.group, []).append(question)
    return QuestionPlan(
        [QuestionGroup(name, qs) for name, qs in groups.items()], in_play, ruled_out
    )
