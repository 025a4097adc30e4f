"""What each measure offers, independent of any enterprise: for the results list, the detail
pane and the search filter "has an amount"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.eligibility.conditions import describe
from desktop_app.core.eligibility.facts import FactsRegistry, load_registry
from desktop_app.core.eligibility.money import format_in
from desktop_app.core.eligibility.rules import (
    BENEFIT_KINDS,
    AmountSpec,
    ConditionSpec,
    MeasureRules,
)
from desktop_app.core.numbers import plain
from desktop_app.core.store import PolicyStore


@dataclass(frozen=True)
class BenefitOverview:
    label: str
    kind_label: str
    amount_text: str | None  # the rule as stated: 每人1500元, 最高300万元; None when unstated
    quote: str
    conditions: tuple[tuple[str, str], ...]  # (how it reads, quote)
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "kind_label": self.kind_label,
            "amount_text": self.amount_text,
            "quote": self.quote,
            "conditions": [{"text": t, "quote": q} for t, q in self.conditions],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class MeasureOverview:
    item_id: str
    summary: str
    amount_text: str | None  # the headline amount for a results list
    conditions: tuple[tuple[str, str], ...]
    benefits: tuple[BenefitOverview, ...]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "summary": self.summary,
            "amount_text": self.amount_text,
            "conditions": [{"text": t, "quote": q} for t, q in self.conditions],
            "benefits": [b.to_dict() for b in self.benefits],
            "notes": list(self.notes),
        }


def amount_rule_text(
    spec: AmountSpec, registry: FactsRegistry, *, short: bool = False
) -> str | None:
    """The amount rule as the text states it; `short` drops what a rate is a rate of (for a
    results list, where the detail pane gives the full rule)."""
    p = spec.params
    if spec.type == "fixed":
        return format_in(p["value"], p["unit"])
    if spec.type == "up_to":
        return f"最高{format_in(p['value'], p['unit'])}"
    if spec.type == "per_unit":
        most = "不超过" if p.get("at_most") else ""
        cap = (
            f"，总额不超过{format_in(p['cap'], p.get('cap_unit', p['unit']))}" if "cap" in p else ""
        )
        return f"每{p.get('count_unit', '')}{most}{format_in(p['per_unit'], p['unit'])}{cap}"
    if spec.type == "rate":
        rate = f"{plain(p['permille'])}‰" if "permille" in p else f"{plain(p['percent'])}%"
        most = "不超过" if p.get("at_most") else ""
        cap = f"，最高{format_in(p['cap'], p.get('cap_unit', '万元'))}" if "cap" in p else ""
        if short:
            top = f"（最高{format_in(p['cap'], p.get('cap_unit', '万元'))}）" if "cap" in p else ""
            return f"{most}{rate}{top}"
        return f"{registry.facts[p['base_fact']].label}的{most}{rate}{cap}"
    if spec.type == "interest":
        return f"年化{plain(p['percent'])}%贴息，最长{plain(p['years'])}年"
    if spec.type == "full":
        return "费用全额补贴"
    return None


def _quote(spec: ConditionSpec) -> str:
    if spec.children:
        return "；".join(_quote(c) for c in spec.children)
    return spec.quote


def _condition_lines(
    specs: tuple[ConditionSpec, ...], registry: FactsRegistry
) -> list[tuple[str, str]]:
    return [(describe(spec, registry), _quote(spec)) for spec in specs]


def headline(amount_texts: list[str | None]) -> str | None:
    """One short amount for a results list: the first two distinct amounts, then 等."""
    amounts = list(dict.fromkeys(t for t in amount_texts if t))
    return "、".join(amounts[:2]) + ("等" if len(amounts) > 2 else "") if amounts else None


def headline_amounts(rules: dict[str, MeasureRules]) -> dict[str, str | None]:
    """Each measure's headline amount (stored in the database at build time)."""
    registry = load_registry()
    return {
        item_id: headline([amount_rule_text(b.amount, registry, short=True) for b in r.benefits])
        for item_id, r in rules.items()
    }


def measure_overviews(
    rules: dict[str, MeasureRules], registry: FactsRegistry | None = None
) -> dict[str, MeasureOverview]:
    registry = registry or load_registry()
    out: dict[str, MeasureOverview] = {}
    for item_id, measure in rules.items():
        benefits = tuple(
            BenefitOverview(
                label=b.label,
                kind_label=BENEFIT_KINDS[b.kind],
                amount_text=amount_rule_text(b.amount, registry),
                quote=b.quote,
                conditions=tuple(_condition_lines(b.conditions, registry)),
                notes=b.notes,
            )
            for b in measure.benefits
        )
        out[item_id] = MeasureOverview(
            item_id=item_id,
            summary=measure.summary,
            amount_text=headline([b.amount_text for b in benefits]),
            conditions=tuple(_condition_lines(measure.conditions, registry)),
            benefits=benefits,
            notes=measure.notes,
        )
    return out


def detail_benefits(overview: MeasureOverview) -> list[dict[str, Any]]:
    """The measure's benefits for a detail view, each with the measure's own conditions
    (which apply to every benefit) before its own, and the measure's summary and notes on
    the first."""
    shared = [{"text": t, "quote": q} for t, q in overview.conditions]
    out = []
    for n, benefit in enumerate(overview.benefits):
        data = benefit.to_dict()
        data["conditions"] = shared + data["conditions"]
        if n == 0:
            data["notes"] = list(overview.notes) + data["notes"]
            data["summary"] = overview.summary
        out.append(data)
    return out


def amount_item_ids(store: PolicyStore) -> frozenset[str]:
    """Measures whose text states an amount or a formula for one."""
    return frozenset(k for k, v in store.headline_amounts().items() if v)
