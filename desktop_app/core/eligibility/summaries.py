"""The lists that sum up a match: the total of 符合 amounts (with the measures it adds), and
what the user could fill in to make more measures apply."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.core.eligibility.amounts import NOT_COMPUTABLE, AmountResult
from desktop_app.core.eligibility.combine import total
from desktop_app.core.eligibility.conditions import UNMET
from desktop_app.core.eligibility.facts import FactsRegistry
from desktop_app.core.eligibility.results import ELIGIBLE, INELIGIBLE, POSSIBLE

if TYPE_CHECKING:
    from desktop_app.core.eligibility.results import MeasureResult


def totals(results: list[MeasureResult]) -> dict[str, Any]:
    """The sum of the computable amounts of the 符合 measures, and which measures it adds."""
    eligible = [r for r in results if r.status == ELIGIBLE]
    counted = [r for r in eligible if r.amount.kind != NOT_COMPUTABLE]
    amount = total([r.amount for r in counted]) if counted else None
    return {
        "eligible": (amount or AmountResult(NOT_COMPUTABLE, "0元", "")).to_dict(),
        "parts": [
            {
                "measure_id": r.item.id,
                "title": r.summary,
                "citation": r.citation,
                "amount": r.amount.text,
                "value_yuan": r.amount.to_dict()["value_yuan"],
                "min_yuan": r.amount.to_dict()["min_yuan"],
            }
            for r in counted
        ],
        "not_computable": len(eligible) - len(counted),
        "note": "合计仅含“符合”的措施中可计算的金额；未注明金额、可能符合和文件不在有效期内的措施"
        "均不计入。",
    }


def supplements(results: list[MeasureResult], registry: FactsRegistry) -> list[dict[str, Any]]:
    """What a user could add to make more measures apply: missing facts, and qualifications
    whose absence is the only reason a measure fails. Measures not in force are left out:
    nothing the user adds makes them apply."""
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
