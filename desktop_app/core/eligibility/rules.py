"""The reviewed benefits data (db/benefits/*.yaml) as typed rules, and its validation.

A rule file maps an item id to its conditions and benefits. Conditions use a fixed set of tests
(the registry conditions.CONDITION_TESTS) and amounts a fixed set of formulas (AMOUNT_TYPES);
every test and benefit carries the exact quote from the item's text that it rests on.
`validate_rules` fails when a quote is not in the item's text or a structured number is not
in its quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.model import Item
from desktop_app.core.structuring.numerals import value_printed

CONDITION_TESTS = (
    "size_in",
    "entity_type",
    "qualification",
    "lacks_qualification",
    "fact_true",
    "fact_min",
    "fact_max",
    "fact_positive",
    "fact_equals",
    "established_within_years",
    "confirm",
    "any_of",
    "all_of",
)
AMOUNT_TYPES = ("fixed", "up_to", "per_unit", "rate", "interest", "full", "none")
BENEFIT_KINDS = {
    "grant": "资金奖补",
    "interest_subsidy": "贷款贴息",
    "guarantee": "融资担保",
    "financing": "融资服务",
    "procurement": "政府采购",
    "tax_fee": "税费减免",
    "service": "服务",
    "land": "用地用能",
    "other": "其他支持",
}
UNITS = {"元": Decimal(1), "万元": Decimal(10000)}


@dataclass(frozen=True)
class ConditionSpec:
    test: str
    quote: str
    params: dict[str, Any]
    children: tuple[ConditionSpec, ...] = ()
    label: str | None = None  # how the condition reads to a person, when the quote is not enough


@dataclass(frozen=True)
class AmountSpec:
    type: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Parameter:
    label: str
    value: Decimal
    unit: str
    quote: str


@dataclass(frozen=True)
class StackRelation:
    measure: str | None  # the measure the text builds on; None when no bundled text holds it
    relation: str
    quote: str


@dataclass(frozen=True)
class Payer:
    name: str  # who pays, as the text says: 省级财政, 市级财政, 受益地财政, 就业补助资金
    quote: str


# how the benefits of one amount group combine (instead of being added up)
GROUP_MODES = ("alternatives", "shared_cap")


@dataclass(frozen=True)
class AmountGroup:
    id: str
    mode: str  # alternatives: one of them, never their sum; shared_cap: their sum is capped
    quote: str
    label: str = ""
    cap: Decimal | None = None
    cap_unit: str = "万元"


@dataclass(frozen=True)
class BenefitSpec:
    label: str
    kind: str
    quote: str
    amount: AmountSpec
    conditions: tuple[ConditionSpec, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    notes: tuple[str, ...] = ()
    stacks_with: StackRelation | None = None
    payer: Payer | None = None
    group: str | None = None  # an AmountGroup id of the measure


@dataclass(frozen=True)
class MeasureRules:
    item_id: str
    summary: str
    conditions: tuple[ConditionSpec, ...]
    benefits: tuple[BenefitSpec, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    amount_groups: tuple[AmountGroup, ...] = ()
    # imported items only: {structured_by, structured_at, unreviewed} (badge 自行导入 / 未复核)
    provenance: dict[str, Any] | None = None


def _condition(raw: dict[str, Any]) -> ConditionSpec:
    raw = dict(raw)
    test = raw.pop("test")
    quote = raw.pop("quote", "")
    label = raw.pop("label", None)
    children = tuple(_condition(c) for c in raw.pop("conditions", []))
    return ConditionSpec(test=test, quote=quote, params=raw, children=children, label=label)


def _benefit(raw: dict[str, Any]) -> BenefitSpec:
    amount_raw = dict(raw.get("amount") or {"type": "none"})
    amount_type = amount_raw.pop("type")
    stack = raw.get("stacks_with")
    payer = raw.get("payer")
    return BenefitSpec(
        label=raw["label"],
        kind=raw["kind"],
        quote=raw["quote"],
        amount=AmountSpec(amount_type, amount_raw),
        conditions=tuple(_condition(c) for c in raw.get("conditions", [])),
        parameters=tuple(
            Parameter(p["label"], Decimal(str(p["value"])), p["unit"], p["quote"])
            for p in raw.get("parameters", [])
        ),
        notes=tuple(raw.get("notes", [])),
        stacks_with=StackRelation(stack.get("measure"), stack["relation"], stack["quote"])
        if stack
        else None,
        payer=Payer(payer["name"], payer["quote"]) if payer else None,
        group=raw.get("group"),
    )


def _group(raw: dict[str, Any]) -> AmountGroup:
    return AmountGroup(
        id=raw["id"],
        mode=raw["mode"],
        quote=raw["quote"],
        label=raw.get("label", ""),
        cap=Decimal(str(raw["cap"])) if raw.get("cap") is not None else None,
        cap_unit=raw.get("cap_unit", "万元"),
    )


def parse_rules(data: dict[str, Any]) -> dict[str, MeasureRules]:
    rules: dict[str, MeasureRules] = {}
    for item_id, raw in data.items():
        rules[item_id] = MeasureRules(
            item_id=item_id,
            summary=raw["summary"],
            conditions=tuple(_condition(c) for c in raw.get("conditions", [])),
            benefits=tuple(_benefit(b) for b in raw["benefits"]),
            notes=tuple(raw.get("notes", [])),
            amount_groups=tuple(_group(g) for g in raw.get("amount_groups", [])),
            provenance=raw.get("provenance"),
        )
    return rules


def rules_dir() -> Path:
    return paths.curated_dir() / "benefits"


def load_rule_files(directory: Path | None = None) -> dict[str, Any]:
    """The raw YAML of every rule file, merged; duplicate item ids are an error."""
    import yaml  # only the builder and the checks read the YAML; the app reads the database

    merged: dict[str, Any] = {}
    for path in sorted((directory or rules_dir()).glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        for key in data:
            if key in merged:
                raise ValueError(f"{path.name}: {key} 在多个文件中出现")
        merged.update(data)
    return merged


# --- validation -------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


def number_forms(value: Any) -> list[str]:
    """How a number may be printed in the text: 1500, 0.5, 2 (for 2.0)."""
    dec = Decimal(str(value)).normalize()
    plain = format(dec, "f")
    return [plain]


def _number_in_quote(value: Any, quote: str, suffixes: tuple[str, ...] = ("",)) -> bool:
    squashed = _squash(quote)
    if any(form + suffix in squashed for form in number_forms(value) for suffix in suffixes):
        return True
    # printed as a Chinese or mixed numeral (一万元, 1千万, 1亿元 = 10000万元), read as a whole run
    return value_printed(value, squashed, suffixes)


class RuleErrors(list[str]):
    def add(self, item_id: str, message: str) -> None:
        self.append(f"{item_id}: {message}")


def _check_quote(errors: RuleErrors, item: Item, quote: str, what: str) -> None:
    if not quote:
        errors.add(item.id, f"{what} 缺少引文")
    elif _squash(quote) not in _squash(item.text):
        errors.add(item.id, f"{what} 的引文“{quote}”不在条目原文中")


def _check_condition(
    errors: RuleErrors, item: Item, cond: ConditionSpec, registry: FactsRegistry
) -> None:
    from desktop_app.core.eligibility.conditions import CONDITION_TESTS

    where = f"条件 {cond.test}"
    test = CONDITION_TESTS.get(cond.test)
    if test is None:
        errors.add(item.id, f"未知的条件类型 {cond.test}")
        return
    for name in test.params:
        if name not in cond.params:
            errors.add(item.id, f"{where} 缺少参数 {name}")
            return
    for name in set(cond.params) - set(test.params) - set(test.optional):
        errors.add(item.id, f"{where} 的参数 {name} 未知")
    if test.group:
        if len(cond.children) < 2:
            errors.add(item.id, f"{where} 至少需要两个子条件")
        for child in cond.children:
            _check_condition(errors, item, child, registry)
        return
    _check_quote(errors, item, cond.quote, where)
    p = cond.params
    if test.fact_types:
        fact = registry.facts.get(p.get("fact", ""))
        if fact is None:
            errors.add(item.id, f"{where} 的事项 {p.get('fact')} 不在 facts.yaml 中")
            return
        if fact.type not in test.fact_types:
            errors.add(item.id, f"{where} 不能用于 {fact.type} 类型的事项 {fact.id}")
        if cond.test == "fact_equals" and p.get("value") not in fact.choices:
            errors.add(item.id, f"{where} 的取值 {p.get('value')} 不在 {fact.id} 的选项中")
        if (
            cond.test == "fact_min"
            and p.get("min", 0) > 1
            and not _number_in_quote(p["min"], cond.quote)
        ):
            errors.add(item.id, f"{where} 的数值 {p['min']} 不在引文“{cond.quote}”中")
        if cond.test == "fact_max" and not _number_in_quote(p.get("max", ""), cond.quote):
            errors.add(item.id, f"{where} 的数值 {p.get('max')} 不在引文“{cond.quote}”中")
    if cond.test == "established_within_years" and not _number_in_quote(p["years"], cond.quote):
        errors.add(item.id, f"{where} 的年限 {p['years']} 不在引文中")
    if cond.test in ("qualification", "lacks_qualification"):
        ids = p.get("any_of") or [p.get("id")]
        for qid in ids:
            if qid not in registry.qualifications:
                errors.add(item.id, f"{where} 的资质 {qid} 不在 facts.yaml 中")
    if cond.test == "size_in" and not set(p.get("sizes", [])) <= {
        "large",
        "medium",
        "small",
        "micro",
    }:
        errors.add(item.id, f"{where} 的规模取值有误")
    if cond.test == "confirm" and not p.get("wording"):
        errors.add(item.id, f"{where} 缺少需确认的表述")


_AMOUNT_NUMBERS = {
    "fixed": ("value",),
    "up_to": ("value",),
    "per_unit": ("per_unit", "cap"),
    "rate": ("percent", "permille", "cap"),
    "interest": ("percent", "years"),
    "full": (),
    "none": (),
}


def _check_benefit(
    errors: RuleErrors, item: Item, benefit: BenefitSpec, registry: FactsRegistry
) -> None:
    where = f"待遇“{benefit.label}”"
    if benefit.kind not in BENEFIT_KINDS:
        errors.add(item.id, f"{where} 的类别 {benefit.kind} 未知")
    _check_quote(errors, item, benefit.quote, where)
    amount = benefit.amount
    if amount.type not in AMOUNT_TYPES:
        errors.add(item.id, f"{where} 的金额类型 {amount.type} 未知")
        return
    for key in _AMOUNT_NUMBERS[amount.type]:
        if key not in amount.params:
            continue
        suffixes = {"percent": ("%", "％"), "permille": ("‰",)}.get(key, ("",))
        if not _number_in_quote(amount.params[key], benefit.quote, suffixes):
            errors.add(
                item.id, f"{where} 的数值 {key}={amount.params[key]} 不在引文“{benefit.quote}”中"
            )
    for unit_key in ("unit", "cap_unit"):
        unit = amount.params.get(unit_key)
        if unit is not None and unit not in UNITS:
            errors.add(item.id, f"{where} 的单位 {unit} 未知")
    for fact_key in ("count_fact", "base_fact"):
        fact_id = amount.params.get(fact_key)
        if fact_id is not None and fact_id not in registry.facts:
            errors.add(item.id, f"{where} 的事项 {fact_id} 不在 facts.yaml 中")
    for param in benefit.parameters:
        _check_quote(errors, item, param.quote, f"{where} 的参数“{param.label}”")
        suffixes = ("%", "％") if param.unit == "%" else ("",)
        if not _number_in_quote(param.value, param.quote, suffixes):
            errors.add(item.id, f"{where} 的参数 {param.value} 不在引文“{param.quote}”中")
    if benefit.stacks_with:
        _check_quote(errors, item, benefit.stacks_with.quote, f"{where} 的叠加关系")
    if benefit.payer:
        _check_quote(errors, item, benefit.payer.quote, f"{where} 的出资方")
        if _squash(benefit.payer.name) not in _squash(benefit.payer.quote):
            errors.add(item.id, f"{where} 的出资方“{benefit.payer.name}”不在其引文中")
    for cond in benefit.conditions:
        _check_condition(errors, item, cond, registry)


def _check_groups(errors: RuleErrors, item: Item, rule: MeasureRules) -> None:
    groups = {g.id: g for g in rule.amount_groups}
    for group in rule.amount_groups:
        where = f"金额组 {group.id}"
        if group.mode not in GROUP_MODES:
            errors.add(item.id, f"{where} 的方式 {group.mode} 未知")
        _check_quote(errors, item, group.quote, where)
        members = [b for b in rule.benefits if b.group == group.id]
        if len(members) < 2:
            errors.add(item.id, f"{where} 至少需要两项待遇")
        if group.mode == "shared_cap":
            if group.cap is None:
                errors.add(item.id, f"{where} 缺少上限 cap")
            elif not _number_in_quote(group.cap, group.quote):
                errors.add(item.id, f"{where} 的上限 {group.cap} 不在引文“{group.quote}”中")
            if group.cap_unit not in UNITS:
                errors.add(item.id, f"{where} 的单位 {group.cap_unit} 未知")
    for benefit in rule.benefits:
        if benefit.group is not None and benefit.group not in groups:
            errors.add(item.id, f"待遇“{benefit.label}”的金额组 {benefit.group} 未定义")


def validate_rules(
    rules: dict[str, MeasureRules], items: dict[str, Item], registry: FactsRegistry
) -> list[str]:
    errors = RuleErrors()
    for item_id, rule in rules.items():
        item = items.get(item_id)
        if item is None:
            errors.add(item_id, "条目不存在")
            continue
        if not item.enterprise_facing:
            errors.add(item_id, "条目未标为面向企业（enterprise_facing.yaml）")
        if not rule.benefits:
            errors.add(item_id, "至少需要一项待遇")
        for cond in rule.conditions:
            _check_condition(errors, item, cond, registry)
        for benefit in rule.benefits:
            _check_benefit(errors, item, benefit, registry)
            target = benefit.stacks_with.measure if benefit.stacks_with else None
            if target is not None and target not in rules:
                errors.add(item_id, f"叠加关系指向的 {target} 没有待遇数据")
        _check_groups(errors, item, rule)
    for item in items.values():
        if item.enterprise_facing and item.id not in rules:
            errors.add(item.id, "面向企业的条目缺少待遇与条件数据")
    return list(errors)
