"""Evaluate one condition against a profile: met, unmet or unknown, with the value used."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.profile import ENTITY_TYPES, Profile
from desktop_app.core.eligibility.rules import ConditionSpec
from desktop_app.core.model import Document
from desktop_app.core.numbers import plain
from desktop_app.core.size_class import SIZE_LABELS

MET, UNMET, UNKNOWN = "met", "unmet", "unknown"
STATE_LABELS = {MET: "符合", UNMET: "不符合", UNKNOWN: "待确认"}


@dataclass
class ConditionResult:
    text: str  # the condition as a person reads it
    state: str
    value: str  # the value used, or 未填写
    quote: str  # the words of the document it rests on ('' for region/validity)
    needs_confirmation: bool = False
    missing: list[str] = field(default_factory=list)  # fact / qualification ids to fill in
    children: list[ConditionResult] = field(default_factory=list)
    confirmation: str | None = None  # what a person must confirm, when it differs from text

    @property
    def state_label(self) -> str:
        return "需人工确认" if self.needs_confirmation else STATE_LABELS[self.state]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "state": self.state,
            "state_label": self.state_label,
            "value": self.value,
            "quote": self.quote,
            "needs_confirmation": self.needs_confirmation,
            "missing": list(self.missing),
            "children": [c.to_dict() for c in self.children],
            "confirmation": self.confirmation,
        }


@dataclass(frozen=True)
class Context:
    profile: Profile
    size: str | None  # large/medium/small/micro after any override; None = unknown
    size_text: str  # how the size was found, for the value column
    as_of: date
    document: Document
    registry: FactsRegistry
    # the document's period (stated, or 推定 from its text) for 新认定; None when unstated
    period: tuple[str | None, str | None] | None = None
    period_derived: bool = False


def combine(states: list[str]) -> str:
    if UNMET in states:
        return UNMET
    if UNKNOWN in states:
        return UNKNOWN
    return MET


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


def _describe_qualification(spec: ConditionSpec, registry: FactsRegistry) -> str:
    labels = "或".join(registry.qualifications[q].label for q in spec.params["any_of"])
    return f"{'新认定为' if spec.params.get('new') else '已认定为'}{labels}"


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


def _entity_type(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    wanted = spec.params["value"]
    text = describe(spec, ctx.registry)
    actual = ctx.profile.entity_type
    if actual is None:
        return ConditionResult(text, UNKNOWN, "未填写", spec.quote, missing=["entity_type"])
    return ConditionResult(
        text, MET if actual == wanted else UNMET, ENTITY_TYPES[actual], spec.quote
    )


def _held(ctx: Context, qual_id: str, *, tiers: bool) -> tuple[Any, str]:
    """The qualification (or, with tiers, a higher tier standing on it) held on the evaluation
    date, and a note on a grant dated after it; (None, note) when none is held then."""
    ids = ctx.registry.held_through(qual_id) if tiers else (qual_id,)
    later = []
    for qid in ids:
        qual = ctx.profile.qualification(qid)
        if qual is None:
            continue
        if qual.granted is not None and qual.granted > ctx.as_of:
            label = ctx.registry.qualifications[qid].label
            later.append(f"{label}于{qual.granted.isoformat()}认定，晚于评估日{ctx.as_of}")
            continue
        return qual, ""
    return None, "；".join(later)


def _qual_value(ctx: Context, qual: Any, wanted: str) -> str:
    label = ctx.registry.qualifications[qual.id].label
    granted = f"（{qual.granted.isoformat()}认定）" if qual.granted else "（未填写认定日期）"
    value = f"已认定{label}{granted}"
    if qual.id != wanted:
        value += f"，属{ctx.registry.qualifications[wanted].label}的更高层次"
    return value


def _qualification(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    ids: list[str] = spec.params["any_of"]
    new = bool(spec.params.get("new"))
    text = describe(spec, ctx.registry)
    # a higher tier counts (a 小巨人 is a 专精特新中小企业), except for 新认定 and where the text
    # gives each tier its own treatment (分别…, `exact: true`)
    tiers = not new and not spec.params.get("exact")
    found = [(q, _held(ctx, q, tiers=tiers)) for q in ids]
    held = [(wanted, qual) for wanted, (qual, _) in found if qual is not None]
    if not held:
        # qualifications are ticked by the user: one not ticked is one not held
        notes = "；".join(note for _, (_, note) in found if note)
        return ConditionResult(text, UNMET, notes or "未认定", spec.quote, missing=list(ids))
    wanted, qual = held[0]
    value = _qual_value(ctx, qual, wanted)
    if not new:
        return ConditionResult(text, MET, value, spec.quote)
    if qual.granted is None:
        return ConditionResult(text, UNKNOWN, value, spec.quote, missing=[f"{qual.id}.granted"])
    if ctx.period is None:
        return ConditionResult(
            text + "（文件未注明“新认定”的时间范围）",
            UNKNOWN,
            value,
            spec.quote,
            needs_confirmation=True,
        )
    start_s, end_s = ctx.period
    start = date.fromisoformat(start_s) if start_s else date.min
    end = date.fromisoformat(end_s) if end_s else date.max
    inside = start <= qual.granted <= end
    kind = "推定执行期" if ctx.period_derived else "文件有效期"
    period = f"（{kind}{start_s or '未注明'}至{end_s or '未注明'}）"
    return ConditionResult(text + period, MET if inside else UNMET, value, spec.quote)


def _lacks_qualification(spec: ConditionSpec, ctx: Context) -> ConditionResult:
    qid = spec.params["id"]
    label = ctx.registry.qualifications[qid].label
    qual, _ = _held(ctx, qid, tiers=True)
    return ConditionResult(
        f"尚未成为{label}",
        MET if qual is None else UNMET,
        f"未认定为{label}" if qual is None else _qual_value(ctx, qual, qid),
        spec.quote,
    )


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
    years = spec.params["years"]
    text = describe(spec, ctx.registry)
    founded = ctx.profile.established
    if founded is None:
        return ConditionResult(text, UNKNOWN, "未填写成立日期", spec.quote, missing=["established"])
    age = _years_between(founded, ctx.as_of)
    state = MET if 0 <= age < years else UNMET
    value = f"成立于{founded.isoformat()}，至{ctx.as_of.isoformat()}约{age:.1f}年"
    return ConditionResult(text, state, value, spec.quote)


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
            lambda s, _r: (
                "企业规模为" + "、".join(SIZE_LABELS[x] for x in s.params["sizes"]) + "企业"
            ),
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
            _qualification,
            _describe_qualification,
        ),
        ConditionTest(
            "lacks_qualification",
            ("id",),
            (),
            "评估日尚未取得该资质或其更高层次（如“小升规”）",
            _lacks_qualification,
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
