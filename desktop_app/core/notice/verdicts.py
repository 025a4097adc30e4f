"""The one place where the 告知单 reads the engine's verdicts.

The engine's output is changing this round (a `not_in_force` status, `validity.state` with its
basis, measures of other regions left out with an `out_of_region` count, a `payer` on each
benefit, departments of another place marked as 当地对应部门). Everything the notice needs
from a verdict goes through these functions, so the rest of the notice never looks at the
engine's fields directly and works with either shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.dates import iso_date_text
from desktop_app.core.eligibility.engine import region_contains
from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    POSSIBLE,
    BenefitResult,
    MatchResult,
    MeasureResult,
)
from desktop_app.core.model import Department, Document

NOT_IN_FORCE = "not_in_force"
REGION_CONDITION = "企业位于"  # the engine's region check (engine._region_condition)
# validity states under which a document's measures are not in force on the evaluation date
_INACTIVE_STATES = {"expired", "draft", "not_yet", "lapsed", NOT_IN_FORCE}
# benefit kinds that put money in the enterprise's hands (grants, interest subsidies, tax and
# fee reductions); loans, guarantees, procurement, land and services are 服务与便利
MONEY_KINDS = frozenset({"grant", "interest_subsidy", "tax_fee"})


def in_force(m: MeasureResult) -> bool:
    return m.status != NOT_IN_FORCE and m.validity.state not in _INACTIVE_STATES


def applies(m: MeasureResult) -> bool:
    return in_force(m) and m.status == ELIGIBLE


def may_apply(m: MeasureResult) -> bool:
    return in_force(m) and m.status == POSSIBLE


def in_region(m: MeasureResult, result: MatchResult) -> bool:
    """False for a measure of another region; an unknown region is not held against it."""
    region = result.profile.region
    if not region:
        return True
    if not m.document.scope_region_code:
        # a result read back from the history does not carry the document's scope: the
        # engine's own region check (企业位于…, quoting nothing) says what it judged then
        return not any(
            c.text.startswith(REGION_CONDITION) and not c.quote and c.state == "unmet"
            for c in m.conditions
        )
    return region_contains(m.document.scope_region_code, region)


def out_of_region_count(result: MatchResult) -> int:
    """Measures of other regions: those the engine left out, plus any it still lists."""
    left_out = getattr(result, "other_regions", None) or getattr(result, "out_of_region", None)
    count = left_out if isinstance(left_out, int) else len(left_out or [])
    return count + sum(1 for m in result.results if not in_region(m, result))


@dataclass(frozen=True)
class Contact:
    name: str  # as the enterprise should read it (另一地的单位 marked as such)
    lead: bool
    basis: str  # item / standing / heading


def contacts(m: MeasureResult) -> list[Contact]:
    """The measure's responsible units, localized by the engine where it does so."""
    localized: Any = getattr(m, "departments", None)
    if localized:
        return [
            Contact(str(d.get("shown") or d.get("name")), bool(d.get("lead")), str(d.get("basis")))
            for d in localized
            if isinstance(d, dict) and (d.get("shown") or d.get("name"))
        ]
    return [
        Contact(f"{d.name}（当地对应部门）" if is_local_counterpart(d) else d.name, d.lead, d.basis)
        for d in m.item.departments
    ]


def departments_note(m: MeasureResult) -> str | None:
    note = getattr(m, "departments_note", None)
    return note if isinstance(note, str) and note else None


def live_benefits(m: MeasureResult) -> list[BenefitResult]:
    """The benefits the enterprise may get: for 符合 those whose own conditions are met (the
    ones the engine's amount counts), otherwise every one not ruled out."""
    if m.status == ELIGIBLE:
        chosen = [b for b in m.benefits if b.state == "met"]
    else:
        chosen = [b for b in m.benefits if b.state != "unmet"]
    return chosen or list(m.benefits)


def is_money(m: MeasureResult) -> bool:
    return any(b.kind in MONEY_KINDS for b in live_benefits(m)) or m.amount.value_yuan is not None


def payer(m: MeasureResult) -> str | None:
    """Who pays, when the engine states it (one name, or several joined)."""
    names: list[str] = []
    for b in live_benefits(m):
        value: Any = getattr(b, "payer", None)
        if isinstance(value, dict):
            value = value.get("name") or value.get("text")
        if isinstance(value, str) and value and value not in names:
            names.append(value)
    return "、".join(names) or None


def is_local_counterpart(d: Department) -> bool:
    """A unit of another place, to be read as 当地对应部门."""
    return bool(getattr(d, "local_counterpart", False)) or d.basis == "counterpart"


def period(m: MeasureResult) -> tuple[str | None, str | None, bool]:
    """(from, to, derived): the validity's period as the engine states or derives it."""
    v: Any = m.validity
    start = getattr(v, "valid_from", None) or m.document.valid_from
    end = getattr(v, "valid_to", None) or m.document.valid_to
    return start, end, bool(getattr(v, "derived", False))


def inactive_line(doc: Document, m: MeasureResult) -> str:
    """One sentence for a document not in force, e.g.
    《…》为征求意见稿，有效期至2025年12月31日（已届满），相关措施仅供参考。"""
    title = f"《{doc.title.replace('《', '〈').replace('》', '〉')}》"
    state = m.validity.state
    start, end_iso, derived = period(m)
    end = iso_date_text(end_iso)
    basis: Any = getattr(m.validity, "basis", None)
    rule = basis.get("rule") if isinstance(basis, dict) else basis if isinstance(basis, str) else ""
    ended = bool(getattr(m.validity, "period_ended", False))
    if state == "draft" or doc.status == "征求意见稿":
        what = "为征求意见稿，未正式印发"
        if end:
            what += f"，文中有效期至{end}" + ("（已届满）" if ended else "")
    elif state == "not_yet":
        what = f"自{iso_date_text(start) or '未注明日期'}起施行，评估日尚未生效"
    elif state == "lapsed" and end:
        what = f"推定执行期至{end}（{rule or '推定'}），已过执行期"
    elif end:
        what = f"有效期至{end}{'（推定）' if derived else ''}，已到期"
    else:
        what = "已不再执行" + (f"（{rule}）" if rule else "")
    return f"{title}{what}，相关措施仅供参考。"
