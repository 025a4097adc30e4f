"""Evaluate one condition against a profile: met, unmet or unknown, with the value used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.core.eligibility.condition_state import (
    MET,
    STATE_LABELS,
    UNKNOWN,
    UNMET,
    ConditionResult,
    Context,
    combine,
)
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.profile import ENTITY_TYPES
from desktop_app.core.eligibility.qualification_conditions import (
    describe_qualification,
    lacks_qualification,
    qualification,
)
from desktop_app.core.eligibility.rules import ConditionSpec
from desktop_app.core.numbers import plain
from desktop_app.core.size_class import SIZE_LABELS

# the results and the context live in condition_state; they are read from here as before
__all__ = [
    "CONDITION_TESTS", "MET", "SIZE_LABELS", "STATE_LABELS", "UNKNOWN", "UNMET",
    "ConditionResult", "ConditionTest", "Context", "combine", "describe", "evaluate",
]  # fmt: skip


def _years_between(start: date, end: date) -> float:
    return (end - start).days / 365.2425


def _fact_value_text(ctx: Context, fact_id: str, value: Any) -> str:
    fact = ctx.registry.facts[fact_id]
    if value is None:
        return "未填写"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return f"{plain(value)}{fact.unit or ''}"
    return str(value)


def describe(spec: ConditionSpec, registry: FactsRegistry) -> str:
    """How a condition reads to a person, without any enterprise's values."""
    if spec.label:
        return spec.label
    return CONDITION_TESTS[spec.test].describe(spec, registry)


def _describe_size(spec: ConditionSpec, _registry: FactsRegistry) -> str:
    return "企业规模为" + "、".join(SIZE_LABELS[s] for s in spec.params["sizes"]) + "企业"


def _describe_group(spec: ConditionSpec, registry: FactsRegistry) -> str:
    joiner = "或" if spec.test == "any_of" else "且"
    return joiner.join(describe(c, registry) for c in spec.children)


def _describe_fact(spec: ConditionSpec, registry: FactsRegistry) -> str:
    p = spec.params
    fact = registry.facts[p["fact"]]
    unit = fact.unit or ""
    if spec.test == "fact_min":
        return f"{fact.label}{'超过' if p.get('exclusive') else '不少于'}{plain(p['min'])}{unit}"
    if spec.test == "fact_max":
        return f"{fact.label}{'低于' if p.get('exclusive') else '不超过'}{plain(p['max'])}{unit}"
    if spec.test == "fact_positive":
        return f"{fact.label}大于0"
    if spec.test == "fact_equals":
        return f"{fact.label}为{p['value']}"
    return fact.label


def evaluate(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    return CONDITION_TESTS[spec.test].evaluate(spec, ctx)


def _group(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    children = [evaluate(c, ctx) for c in spec.children]
    states = [c.state for c in children]
    if spec.test == "any_of":
        state = MET if MET in states else (UNKNOWN if UNKNOWN in states else UNMET)
        joiner = "或"
    else:
        state = combine(states)
        joiner = "且"
    text = spec.label or joiner.join(c.text for c in children)  # children read with values
    missing = [m for c in children if c.state != MET for m in c.missing]
    return ConditionResult(
        text=text,
        state=state,
        value="；".join(f"{c.text}：{c.value}" for c in children),
        quote="；".join(c.quote for c in children if c.quote),
        needs_confirmation=state == UNKNOWN and any(c.needs_confirmation for c in children),
        missing=sorted(set(missing)),
        children=children,
        confirmation="；".join(c.confirmation for c in children if c.confirmation) or None,
    )


def _size_in(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    sizes = spec.params["sizes"]
    text = describe(spec, ctx.registry)
    if ctx.size is None:
        return ConditionResult(
            text,
            UNKNOWN,
            "未能判定规模（请填写行业、人数、营业收入等）",
            spec.quote,
            missing=["size"],
        )
    state = MET if ctx.size in sizes else UNMET
    if (
        state == MET
        and ctx.profile.entity_type == "individual_business"
        and not spec.params.get("includes_individual_business")
    ):
        # 个体工商户 are sized by the same table but are not 企业: the text must name them
        return ConditionResult(
            text,
            UNKNOWN,
            f"个体工商户，按标准划为{SIZE_LABELS[ctx.size]}；原文对象为企业，未提及个体工商户",
            spec.quote,
            needs_confirmation=True,
            confirmation="个体工商户是否适用本条（原文对象为中小微企业，未提及个体工商户），"
            "需向主管部门确认",
        )
    return ConditionResult(text, state, ctx.size_text, spec.quote)


def _not_filled(spec: ConditionSpec, ctx: Context, key: str, shown: str) -> ConditionResult:
    """A condition on a profile field left blank: unknown, with the field to fill in."""
    return ConditionResult(describe(spec, ctx.registry), UNKNOWN, shown, spec.quote, missing=[key])


def _entity_type(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    actual = ctx.profile.entity_type
    if actual is None:
        return _not_filled(spec, ctx, "entity_type", "未填写")
    state = MET if actual == spec.params["value"] else UNMET
    return ConditionResult(describe(spec, ctx.registry), state, ENTITY_TYPES[actual], spec.quote)


def _fact(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    fact_id = spec.params["fact"]
    value = ctx.profile.facts.get(fact_id)
    shown = _fact_value_text(ctx, fact_id, value)
    text = describe(spec, ctx.registry)
    if spec.test == "fact_true":
        state = UNKNOWN if value is None else (MET if value else UNMET)
    elif spec.test in ("fact_min", "fact_max"):
        state = UNKNOWN if value is None else (MET if _within(spec.params, value) else UNMET)
    elif spec.test == "fact_positive":
        state = UNKNOWN if value is None else (MET if value > 0 else UNMET)
    else:
        state = UNKNOWN if value is None else (MET if value == spec.params["value"] else UNMET)
    return ConditionResult(
        text, state, shown, spec.quote, missing=[fact_id] if value is None else []
    )


def _within(params: dict[str, Any], value: Any) -> bool:
    """以上/以下/不低于/不超过 include the number; 超过/低于 (exclusive: true) do not."""
    exclusive = bool(params.get("exclusive"))
    if "min" in params:
        return bool(value > params["min"] if exclusive else value >= params["min"])
    return bool(value < params["max"] if exclusive else value <= params["max"])


def _established_within(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    founded = ctx.profile.established
    if founded is None:
        return _not_filled(spec, ctx, "established", "未填写成立日期")
    age = _years_between(founded, ctx.as_of)
    state = MET if 0 <= age < spec.params["years"] else UNMET
    value = f"成立于{founded.isoformat()}，至{ctx.as_of.isoformat()}约{age:.1f}年"
    return ConditionResult(describe(spec, ctx.registry), state, value, spec.quote)


def _confirm(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    return ConditionResult(
        f"需确认：{spec.params['wording']}",
        UNKNOWN,
        "需由主管部门或企业确认",
        spec.quote,
        needs_confirmation=True,
    )


# -- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConditionTest:
    """One test of the rule format (db/benefits/README.md): what it takes, what it means,
    how it reads and how it is evaluated. Validation (rules.validate_rules), the question plan
    (userdata.questions) and the README's table all come from CONDITION_TESTS."""

    name: str
    params: tuple[str, ...]  # required
    optional: tuple[str, ...]
    meaning: str  # one line for the README table
    evaluate: Callable[[ConditionSpec, Context], ConditionResult]
    describe: Callable[[ConditionSpec, FactsRegistry], str]
    # a test of one fact of facts.yaml (params["fact"]): the fact types it can test
    fact_types: tuple[str, ...] = ()
    group: bool = False  # combines the conditions under `conditions`

    def facts_read(self, spec: ConditionSpec) -> list[str]:
        """The facts (db/facts.yaml ids) this test reads from a profile."""
        return [str(spec.params["fact"])] if self.fact_types else []


_NUMBERS = ("integer", "number")
CONDITION_TESTS: dict[str, ConditionTest] = {
    t.name: t
    for t in (
        ConditionTest(
            "size_in",
            ("sizes",),
            ("includes_individual_business",),
            "企业规模（按划型标准或手动指定）属所列之一；个体工商户不是企业，除非原文提到个体工商户"
            "（includes_individual_business: true），至多待确认",
            _size_in,
            _describe_size,
        ),
        ConditionTest(
            "entity_type",
            ("value",),
            (),
            "主体类型：enterprise 企业 / individual_business 个体工商户",
            _entity_type,
            lambda s, _r: f"主体类型为{ENTITY_TYPES[s.params['value']]}",
        ),
        ConditionTest(
            "qualification",
            ("any_of",),
            ("new", "exact"),
            "评估日已持有所列资质之一（认定日期晚于评估日不算），更高层次同样算（小巨人属专精特新）；"
            "new: true 为新认定（认定日期在文件有效期或推定执行期内，否则人工确认），不按层次；"
            "exact: true 为原文分层分别对待，不按层次",
            qualification,
            describe_qualification,
        ),
        ConditionTest(
            "lacks_qualification",
            ("id",),
            (),
            "评估日尚未取得该资质或其更高层次（如“小升规”）",
            lacks_qualification,
            lambda s, r: f"尚未成为{r.qualifications[s.params['id']].label}",
        ),
        ConditionTest(
            "fact_true", ("fact",), (), "是非题答“是”", _fact, _describe_fact, ("boolean",)
        ),
        ConditionTest(
            "fact_min",
            ("fact", "min"),
            ("exclusive",),
            "数值不少于 min（以上含本数）；exclusive: true 为超过",
            _fact,
            _describe_fact,
            _NUMBERS,
        ),
        ConditionTest(
            "fact_max",
            ("fact", "max"),
            ("exclusive",),
            "数值不超过 max（以下含本数）；exclusive: true 为低于、不满",
            _fact,
            _describe_fact,
            _NUMBERS,
        ),
        ConditionTest(
            "fact_positive",
            ("fact",),
            (),
            "数值大于 0（如“有研发投入”）",
            _fact,
            _describe_fact,
            _NUMBERS,
        ),
        ConditionTest(
            "fact_equals",
            ("fact", "value"),
            (),
            "选择题选中 value",
            _fact,
            _describe_fact,
            ("choice",),
        ),
        ConditionTest(
            "established_within_years",
            ("years",),
            (),
            "成立不满 years 年（按评估日计）",
            _established_within,
            lambda s, _r: f"成立不满{plain(s.params['years'])}年",
        ),
        ConditionTest(
            "confirm",
            ("wording",),
            (),
            "含糊的条件（如“符合条件的”），由人确认",
            _confirm,
            lambda s, _r: f"需确认：{s.params['wording']}",
        ),
        ConditionTest("any_of", (), (), "所列条件满足其一", _group, _describe_group, group=True),
        ConditionTest("all_of", (), (), "所列条件全部满足", _group, _describe_group, group=True),
    )
}
