"""Match one enterprise against every enterprise-facing measure on a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from desktop_app.core import regions, size_class
from desktop_app.core.eligibility.amounts import (
    EXACT,
    NOT_COMPUTABLE,
    RANGE,
    UP_TO,
    AmountResult,
    compute,
)
from desktop_app.core.eligibility.conditions import (
    MET,
    UNKNOWN,
    UNMET,
    ConditionResult,
    Context,
    combine,
    evaluate,
)
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.money import format_yuan
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    INELIGIBLE,
    POSSIBLE,
    BenefitResult,
    MatchResult,
    MeasureResult,
    SizeInfo,
)
from desktop_app.core.eligibility.rules import BENEFIT_KINDS, BenefitSpec, MeasureRules
from desktop_app.core.model import Document, Item
from desktop_app.core.numbers import plain
from desktop_app.core.size_class import SIZE_LABELS
from desktop_app.core.validity import Validity, validity_on

# --- rules from the database ------------------------------------------------------------------


class PolicySource(Protocol):
    """What an evaluation reads: core.services.PolicyData, or a bare PolicyStore."""

    @property
    def data_version(self) -> str: ...

    def document(self, document_id: str) -> Document | None: ...

    def all_items(self) -> list[Item]: ...

    def citation(self, item: Item) -> str: ...

    def rules(self) -> dict[str, MeasureRules]: ...


def rules_from_store(store: PolicySource) -> dict[str, MeasureRules]:
    """Every curated measure's rules (parsed once per open store)."""
    return store.rules()


# --- evaluation -------------------------------------------------------------------------------


def size_of(profile: Profile) -> SizeInfo:
    if profile.size_override:
        o = profile.size_override
        label = SIZE_LABELS[o.size]
        return SizeInfo(
            o.size,
            label,
            f"手动指定为{label}企业，理由：{o.reason}",
            None,
            {"size": o.size, "reason": o.reason},
        )
    if profile.industry is None:
        return SizeInfo(None, "无法判断", "未填写所属行业，无法划型", None, None)
    result = size_class.classify(
        profile.industry,
        profile.employees,
        profile.revenue,
        profile.assets,
        individual_business=profile.entity_type == "individual_business",
    )
    return SizeInfo(result.size, result.size_label, result.explanation, result.to_dict(), None)


def region_contains(outer: str, inner: str) -> bool:
    try:
        return regions.contains(outer, inner)
    except LookupError:
        # a county missing from the bundled table still lies in its city and province
        level_digits = 2 if outer.endswith("0000") else (4 if outer.endswith("00") else 6)
        return inner[:level_digits] == outer[:level_digits]


def _region_condition(doc: Document, profile: Profile) -> ConditionResult:
    try:
        scope = regions.path_label(doc.scope_region_code)
    except LookupError:
        scope = doc.scope_region_code
    text = f"企业位于{scope}"
    if profile.region is None:
        return ConditionResult(text, UNKNOWN, "未填写所在地区", "", missing=["region"])
    try:
        where = regions.path_label(profile.region)
    except LookupError:
        where = profile.region
    state = MET if region_contains(doc.scope_region_code, profile.region) else UNMET
    return ConditionResult(text, state, where, "")


def _validity_condition(validity: Validity) -> ConditionResult:
    text = "文件在评估日有效"
    if validity.state == "unknown":
        # an unstated period does not fail the measure; it is flagged for confirmation instead
        return ConditionResult(
            "文件未注明有效期（按仍在执行评估）",
            MET,
            validity.detail,
            "",
            needs_confirmation=True,
        )
    return ConditionResult(text, MET if validity.applicable else UNMET, validity.detail, "")


def _bounds(amount: AmountResult) -> tuple[Decimal, Decimal]:
    """The least and the most an amount can be; (0, 0) when it cannot be computed."""
    value = amount.value_yuan
    if value is None or amount.kind == NOT_COMPUTABLE:
        return Decimal(0), Decimal(0)
    if amount.kind == EXACT:
        return value, value
    if amount.kind == RANGE:
        return amount.min_yuan or Decimal(0), value
    return Decimal(0), value


def _total(amounts: list[AmountResult]) -> AmountResult:
    if len(amounts) == 1:
        return amounts[0]
    low = sum((_bounds(a)[0] for a in amounts), Decimal(0))
    high = sum((_bounds(a)[1] for a in amounts), Decimal(0))
    exact, upper = low, high - low
    parts = [a.working for a in amounts if a.kind != NOT_COMPUTABLE]
    if not parts:
        # a money benefit whose amount is unstated says more than "non-monetary support"
        texts = [a.text for a in amounts]
        text = next(
            (t for t in texts if t != "非资金支持"), texts[0] if texts else "原文未注明金额"
        )
        return AmountResult(NOT_COMPUTABLE, text, "；".join(a.working for a in amounts))
    if upper == 0:
        return AmountResult(EXACT, format_yuan(exact), "；".join(parts), value_yuan=exact)
    if exact == 0:
        return AmountResult(UP_TO, f"最高{format_yuan(upper)}", "；".join(parts), value_yuan=upper)
    return AmountResult(
        RANGE,
        f"{format_yuan(exact)}至{format_yuan(exact + upper)}",
        "；".join(parts),
        value_yuan=exact + upper,
        min_yuan=exact,
    )


def evaluate_measure(
    store: PolicySource,
    item: Item,
    rules: MeasureRules,
    profile: Profile,
    size: SizeInfo,
    as_of: date,
    registry: FactsRegistry,
) -> MeasureResult:
    doc = store.document(item.document_id)
    assert doc is not None
    validity = validity_on(doc, as_of)
    ctx = Context(profile, size.size, f"{size.label}（{size.explanation}）", as_of, doc, registry)
    conditions = [_region_condition(doc, profile), _validity_condition(validity)]
    conditions += [evaluate(c, ctx) for c in rules.conditions]
    benefits: list[BenefitResult] = []
    for spec in rules.benefits:
        own = [evaluate(c, ctx) for c in spec.conditions]
        benefits.append(
            BenefitResult(
                label=spec.label,
                kind=spec.kind,
                state=combine([c.state for c in own]),
                amount=_amount(spec, profile, registry),
                quote=spec.quote,
                conditions=own,
                parameters=[
                    {"label": p.label, "value": plain(p.value), "unit": p.unit, "quote": p.quote}
                    for p in spec.parameters
                ],
                notes=list(spec.notes),
                stacks_with=(
                    {
                        "measure": spec.stacks_with.measure,
                        "relation": spec.stacks_with.relation,
                        "quote": spec.stacks_with.quote,
                    }
                    if spec.stacks_with
                    else None
                ),
            )
        )
    shared = combine([c.state for c in conditions])
    benefit_states = [b.state for b in benefits]
    if shared == UNMET or all(s == UNMET for s in benefit_states):
        status = INELIGIBLE
    elif shared == MET and MET in benefit_states:
        status = ELIGIBLE
    else:
        status = POSSIBLE
    open_benefits = [b for b in benefits if b.state != UNMET]
    applicable = (
        [b for b in open_benefits if b.state == MET] if status == ELIGIBLE else open_benefits
    )
    amount = (
        _total([b.amount for b in applicable])
        if applicable
        else AmountResult(NOT_COMPUTABLE, "—", "不适用")
    )
    all_conditions = conditions + [c for b in open_benefits for c in b.conditions]
    failed = [c.text for c in conditions if c.state == UNMET]
    if not failed and all(s == UNMET for s in benefit_states):
        failed = [c.text for b in benefits for c in b.conditions if c.state == UNMET]
    notes = list(rules.notes)
    if validity.state == "unknown":
        notes.insert(0, validity.detail)
    return MeasureResult(
        item=item,
        document=doc,
        citation=store.citation(item),
        summary=rules.summary,
        status=status,
        validity=validity,
        conditions=conditions,
        benefits=benefits,
        amount=amount,
        notes=notes,
        failed=failed,
        missing=sorted({m for c in all_conditions if c.state == UNKNOWN for m in c.missing}),
        confirmations=[
            c.text for c in all_conditions if c.state == UNKNOWN and c.needs_confirmation
        ],
    )


_STATUS_ORDER = {ELIGIBLE: 0, POSSIBLE: 1, INELIGIBLE: 2}
_NON_MONETARY = ("service", "financing", "procurement", "land", "other")


def _amount(spec: BenefitSpec, profile: Profile, registry: FactsRegistry) -> AmountResult:
    if spec.amount.type == "none" and spec.kind in _NON_MONETARY:
        return AmountResult(NOT_COMPUTABLE, "非资金支持", f"{BENEFIT_KINDS[spec.kind]}，不涉及金额")
    return compute(spec.amount, profile, registry)


def _sort_key(result: MeasureResult) -> tuple[int, int, Decimal]:
    """Status first; within a status, measures with a computable amount first, largest first;
    otherwise document order (the sort is stable)."""
    amount = result.amount
    has_value = amount.kind != NOT_COMPUTABLE and amount.value_yuan is not None
    return (_STATUS_ORDER[result.status], 0 if has_value else 1, -(amount.value_yuan or Decimal(0)))


def _supplements(results: list[MeasureResult], registry: FactsRegistry) -> list[dict[str, Any]]:
    """What a user could add to make more measures apply: missing facts, and qualifications
    whose absence is the only reason a measure fails."""
    wanted: dict[str, set[str]] = {}
    for r in results:
        if r.status == POSSIBLE:
            for m in r.missing:
                wanted.setdefault(m, set()).add(r.item.id)
        if r.status != INELIGIBLE:
            continue
        shared = [c for c in r.conditions if c.state == UNMET]
        if any(b.state != UNMET for b in r.benefits):
            blockers = [shared]
        else:
            blockers = [shared + [c for c in b.conditions if c.state == UNMET] for b in r.benefits]
        for unmet in blockers:
            # only a qualification the enterprise could obtain; a wrong region or size is final
            if unmet and all(
                c.missing and set(c.missing) <= set(registry.qualifications) for c in unmet
            ):
                for c in unmet:
                    for m in c.missing:
                        wanted.setdefault(m, set()).add(r.item.id)
    out = []
    for key, ids in sorted(wanted.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        label, kind = registry.missing_label(key), registry.missing_kind(key)
        out.append({"key": key, "kind": kind, "label": label, "measures": sorted(ids)})
    return out


def match(
    store: PolicySource,
    profile: Profile,
    as_of: date | None = None,
    registry: FactsRegistry | None = None,
) -> MatchResult:
    registry = registry or load_registry()
    as_of = as_of or date.today()
    rules = store.rules()
    size = size_of(profile)
    results = [
        evaluate_measure(store, item, rules[item.id], profile, size, as_of, registry)
        for item in store.all_items()
        if item.enterprise_facing and item.id in rules
    ]
    results.sort(key=_sort_key)
    eligible = [r.amount for r in results if r.status == ELIGIBLE]
    total = _total(eligible) if eligible else AmountResult(NOT_COMPUTABLE, "0元", "")
    totals = {
        "eligible": total.to_dict(),
        "not_computable": sum(
            1 for r in results if r.status == ELIGIBLE and r.amount.kind == NOT_COMPUTABLE
        ),
        "note": "合计仅含“符合”的措施中可计算的金额；未注明金额的措施不计入。",
    }
    return MatchResult(
        as_of,
        profile,
        size,
        results,
        totals,
        _supplements(results, registry),
        store.data_version,
    )
