"""Match one enterprise against every enterprise-facing measure on a date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from desktop_app.core import regions
from desktop_app.core.eligibility.amounts import NOT_COMPUTABLE, AmountResult, compute
from desktop_app.core.eligibility.combine import alternatives, shared_cap, total
from desktop_app.core.eligibility.conditions import (
    MET,
    UNKNOWN,
    UNMET,
    ConditionResult,
    Context,
    combine,
    evaluate,
)
from desktop_app.core.eligibility.departments import localize
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.profile import Profile
from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    INELIGIBLE,
    NOT_IN_FORCE,
    POSSIBLE,
    STATUS_LABELS,
    STATUSES,
    BenefitResult,
    MatchResult,
    MeasureResult,
    SizeInfo,
)
from desktop_app.core.eligibility.rules import BENEFIT_KINDS, BenefitSpec, MeasureRules
from desktop_app.core.eligibility.sizing import size_of
from desktop_app.core.eligibility.summaries import supplements, totals
from desktop_app.core.model import Document, Item
from desktop_app.core.numbers import plain
from desktop_app.core.validity import NOT_IN_FORCE_STATES, validity_on

__all__ = [
    "ELIGIBLE",
    "INELIGIBLE",
    "NOT_IN_FORCE",
    "POSSIBLE",
    "STATUSES",
    "STATUS_LABELS",
    "SizeInfo",
    "size_of",
]


# --- rules from the database ------------------------------------------------------------------


class PolicySource(Protocol):
    """What an evaluation reads: core.services.PolicyData, or a bare PolicyStore."""

    @property
    def data_version(self) -> str: ...

    def document(self, document_id: str) -> Document | None: ...

    def all_items(self) -> list[Item]: ...

    def citation(self, item: Item) -> str: ...

    def rules(self) -> dict[str, MeasureRules]: ...

    def local_guidance(self, measure_id: str) -> dict[str, Any] | None: ...


def rules_from_store(store: PolicySource) -> dict[str, MeasureRules]:
    """Every curated measure's rules (parsed once per open store)."""
    return store.rules()


# --- evaluation -------------------------------------------------------------------------------


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


def _benefit(spec: BenefitSpec, ctx: Context) -> BenefitResult:
    own = [evaluate(c, ctx) for c in spec.conditions]
    stack = spec.stacks_with
    return BenefitResult(
        label=spec.label,
        kind=spec.kind,
        state=combine([c.state for c in own]),
        amount=_amount(spec, ctx.profile, ctx.registry),
        quote=spec.quote,
        conditions=own,
        parameters=[
            {"label": p.label, "value": plain(p.value), "unit": p.unit, "quote": p.quote}
            for p in spec.parameters
        ],
        notes=list(spec.notes),
        stacks_with=(
            {"measure": stack.measure, "relation": stack.relation, "quote": stack.quote}
            if stack
            else None
        ),
        payer={"name": spec.payer.name, "quote": spec.payer.quote} if spec.payer else None,
        group=spec.group,
    )


def measure_amount(rules: MeasureRules, benefits: list[BenefitResult]) -> AmountResult:
    """The applicable benefits' amounts combined: each amount group by its mode (alternatives,
    shared cap), then everything added up."""
    if not benefits:
        return AmountResult(NOT_COMPUTABLE, "—", "不适用")
    parts: list[AmountResult] = []
    for group in rules.amount_groups:
        members = [b for b in benefits if b.group == group.id]
        if not members:
            continue
        if group.mode == "alternatives":
            parts.append(
                alternatives([(b.label, b.amount, b.state == MET) for b in members], group)
            )
        else:
            parts.append(shared_cap([b.amount for b in members], group))
    grouped = {g.id for g in rules.amount_groups}
    parts += [b.amount for b in benefits if b.group not in grouped]
    return total(parts)


def _conditions_status(shared: str, benefit_states: list[str]) -> str:
    if shared == UNMET or all(s == UNMET for s in benefit_states):
        return INELIGIBLE
    if shared == MET and MET in benefit_states:
        return ELIGIBLE
    return POSSIBLE


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
    period = (
        (validity.valid_from, validity.valid_to)
        if validity.valid_from or validity.valid_to
        else None
    )
    ctx = Context(
        profile,
        size.size,
        f"{size.label}（{size.explanation}）",
        as_of,
        doc,
        registry,
        period=period,
        period_derived=validity.derived,
    )
    conditions = [_region_condition(doc, profile)]
    conditions += [evaluate(c, ctx) for c in rules.conditions]
    benefits = [_benefit(spec, ctx) for spec in rules.benefits]
    benefit_states = [b.state for b in benefits]
    by_conditions = _conditions_status(combine([c.state for c in conditions]), benefit_states)
    # a document not in force on the date decides alone; its conditions are still shown
    status = NOT_IN_FORCE if validity.state in NOT_IN_FORCE_STATES else by_conditions
    open_benefits = [b for b in benefits if b.state != UNMET]
    applicable = (
        [b for b in open_benefits if b.state == MET] if by_conditions == ELIGIBLE else open_benefits
    )
    all_conditions = conditions + [c for b in open_benefits for c in b.conditions]
    failed = [c.text for c in conditions if c.state == UNMET]
    if not failed and all(s == UNMET for s in benefit_states):
        failed = [c.text for b in benefits for c in b.conditions if c.state == UNMET]
    notes = list(rules.notes)
    if validity.state != "in_force":
        notes.insert(0, validity.detail)
    departments, departments_note = localize(item.departments, doc, profile.region)
    if departments_note:
        notes.append(departments_note)
    return MeasureResult(
        item=item,
        document=doc,
        citation=store.citation(item),
        summary=rules.summary,
        status=status,
        validity=validity,
        conditions=conditions,
        benefits=benefits,
        amount=measure_amount(rules, applicable),
        notes=notes,
        failed=failed,
        missing=sorted({m for c in all_conditions if c.state == UNKNOWN for m in c.missing}),
        confirmations=[
            c.confirmation or c.text
            for c in all_conditions
            if c.state == UNKNOWN and c.needs_confirmation
        ],
        conditions_status=by_conditions,
        departments=departments,
        departments_note=departments_note,
        provenance=rules.provenance,
        guidance=store.local_guidance(item.id),
    )


_STATUS_ORDER = {ELIGIBLE: 0, POSSIBLE: 1, NOT_IN_FORCE: 2, INELIGIBLE: 3}
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


def match(
    store: PolicySource,
    profile: Profile,
    as_of: date | None = None,
    registry: FactsRegistry | None = None,
) -> MatchResult:
    """Every enterprise-facing measure of the enterprise's region, evaluated on the date.
    Measures of other regions are not results: only their ids are kept (other_regions)."""
    rules = store.rules()  # first: imported rules bring their facts to the registry
    registry = registry or load_registry()
    as_of = as_of or date.today()
    size = size_of(profile)
    results: list[MeasureResult] = []
    other_regions: list[str] = []
    for item in store.all_items():
        if not (item.enterprise_facing and item.id in rules):
            continue
        doc = store.document(item.document_id)
        if doc is not None and _outside(doc, profile):
            other_regions.append(item.id)
            continue
        results.append(
            evaluate_measure(store, item, rules[item.id], profile, size, as_of, registry)
        )
    results.sort(key=_sort_key)
    return MatchResult(
        as_of,
        profile,
        size,
        results,
        totals(results),
        supplements(results, registry),
        store.data_version,
        other_regions,
        # PolicyData's label of what the data contains; a bare store has none
        data_version_label=getattr(store, "data_version_label", ""),
    )


def _outside(doc: Document, profile: Profile) -> bool:
    return profile.region is not None and not region_contains(doc.scope_region_code, profile.region)
