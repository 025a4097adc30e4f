"""Whether a document's measures are in force on a date, and on what evidence.

The evidence is either the document's stated period or status (db/documents.yaml, each value
quoted from the text), or a period derived from the text by one of the rules in
`desktop_app.core.validity_rules` (marked 推定, with the rule and the quote). Nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.core.model import Document

IN_FORCE = "in_force"
EXPIRED = "expired"
NOT_YET = "not_yet"
DRAFT = "draft"
LAPSED = "lapsed"  # the text ties the document to a period (a year, a deadline) that has passed
UNKNOWN = "unknown"

STATES = (IN_FORCE, UNKNOWN, NOT_YET, EXPIRED, DRAFT, LAPSED)
# the states whose measures are not in force on the date (status not_in_force)
NOT_IN_FORCE_STATES = (NOT_YET, EXPIRED, DRAFT, LAPSED)
DERIVED_MARK = "推定"

LABELS = {
    IN_FORCE: "有效",
    EXPIRED: "已失效",
    NOT_YET: "尚未生效",
    DRAFT: "征求意见稿",
    LAPSED: "已过执行期",
    UNKNOWN: "未注明有效期",
}


@dataclass(frozen=True)
class Validity:
    """A document's validity on a date: its state, badge text and the basis to check it by."""

    state: str
    label: str  # the badge text; a derived period carries （推定）
    detail: str  # one sentence a reader can check against the document
    as_of: str
    valid_from: str | None = None  # the period used, stated or derived
    valid_to: str | None = None
    derived: bool = False  # True: the period is 推定 from the text (see basis)
    basis: dict[str, str] | None = None  # {rule, quote} of a derived period
    period_ended: bool = False  # the period (stated or derived) ended before as_of

    @property
    def applicable(self) -> bool:
        """False when the document is not (or not yet, or no longer) in force on the date."""
        return self.state in (IN_FORCE, UNKNOWN)

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "label": self.label,
            "detail": self.detail,
            "as_of": self.as_of,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "derived": self.derived,
            "basis": dict(self.basis) if self.basis else None,
            "period_ended": self.period_ended,
        }


def _imported_basis(text: str) -> dict[str, str]:
    body = text.removeprefix(DERIVED_MARK).lstrip("：:")
    rule, _, quote = body.partition("；原文“")
    return {"rule": rule, "quote": quote.removesuffix("”")}


def _period_text(start: str | None, end: str | None) -> str:
    return f"{start or '未注明'}至{end or '未注明'}"


def _basis_text(basis: dict[str, str]) -> str:
    quote = f"，依据原文“{basis['quote']}”" if basis.get("quote") else ""
    return f"（{DERIVED_MARK}：{basis['rule']}{quote}）"


def validity_on(doc: Document, on: date) -> Validity:
    """A draft is never in force; otherwise the stated period decides, else a derived one;
    with neither, the validity is unknown (未注明) and does not fail the measures."""
    as_of = on.isoformat()
    derived = doc.derived_period if not (doc.valid_from or doc.valid_to) else None
    start_s = doc.valid_from or (derived or {}).get("valid_from")
    end_s = doc.valid_to or (derived or {}).get("valid_to")
    if derived is None and (doc.validity_basis or "").startswith(DERIVED_MARK):
        # an imported document whose period was derived: 推定：<rule>；原文“<quote>”
        derived = {**_imported_basis(doc.validity_basis or ""), "after": EXPIRED}
    start = date.fromisoformat(start_s) if start_s else None
    end = date.fromisoformat(end_s) if end_s else None
    ended = end is not None and on > end
    basis = {"rule": derived["rule"], "quote": derived["quote"]} if derived else None
    mark = f"（{DERIVED_MARK}）" if derived else ""
    fields: dict[str, Any] = {
        "as_of": as_of,
        "valid_from": start_s,
        "valid_to": end_s,
        "derived": derived is not None,
        "basis": basis,
        "period_ended": ended,
    }
    source = "推定执行期" if derived else "有效期"
    period = f"{source}{_period_text(start_s, end_s)}" + (_basis_text(basis) if basis else "")
    if doc.status == "征求意见稿":
        if ended:
            detail = f"本文件为征求意见稿，未正式生效；文中所载{period}，至{as_of}亦已届满。"
            label = f"{LABELS[DRAFT]}·有效期已届满"
        else:
            tail = f"，文中所载{period}" if start_s or end_s else ""
            detail, label = f"本文件为征求意见稿，未正式生效{tail}。", LABELS[DRAFT]
        return Validity(DRAFT, label, detail, **fields)
    if start is None and end is None:
        detail = "文件未注明有效期，也无可据以推定执行期的表述，请向主管部门确认是否仍在执行。"
        return Validity(UNKNOWN, LABELS[UNKNOWN], detail, **fields)
    if start is not None and on < start:
        return Validity(NOT_YET, LABELS[NOT_YET] + mark, f"{period}，{as_of}尚未生效。", **fields)
    if ended:
        state = LAPSED if derived and derived.get("after") == LAPSED else EXPIRED
        word = "已过执行期" if state == LAPSED else "已过期"
        return Validity(state, LABELS[state] + mark, f"{period}，{as_of}{word}。", **fields)
    return Validity(IN_FORCE, LABELS[IN_FORCE] + mark, f"{period}。", **fields)
