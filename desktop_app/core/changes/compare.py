"""What changed for one enterprise between its last saved evaluation and a new one: measures
it newly qualifies or may qualify for, those it no longer does, amounts that changed, and
measures that end soon or have ended (变化提醒).

The old side is what the saved evaluation said of each measure (core.userdata.saved_measures:
status, amount text, title, citation, read from the stored result or its stored summary, so a
stored result never has to be rebuilt); the new side is a typed MatchResult, or any results
with the same attributes (reevaluate's quick results compute the costly ones only when a
change is found).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Protocol

from desktop_app.core.eligibility.amounts import AmountResult
from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    NOT_IN_FORCE,
    POSSIBLE,
    STATUS_LABELS,
    MatchResult,
)
from desktop_app.core.model import Document, Item
from desktop_app.core.userdata.saved_measures import SavedMeasure, saved_measures
from desktop_app.core.validity import Validity

OPEN = (ELIGIBLE, POSSIBLE)  # what a person is told the enterprise can (maybe) claim
SOON_DAYS = (30, 90)

GAINED, LOST, AMOUNT, ENDING, ENDED = "gained", "lost", "amount", "ending", "ended"
KIND_LABELS = {
    GAINED: "新增适用",
    LOST: "不再适用",
    AMOUNT: "金额变化",
    ENDING: "即将到期",
    ENDED: "已到期",
}


@dataclass(frozen=True)
class MeasureChange:
    kind: str  # gained | lost | amount | ending | ended
    measure_id: str
    title: str
    document_title: str
    citation: str
    before: str  # the status (and amount) as saved; "" when the measure was not listed
    after: str
    reason: str  # one sentence, with the document and the cause

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind_label": self.kind_label}


class NewMeasure(Protocol):
    """What compare reads of a new measure result: MeasureResult has it all; reevaluate's
    quick results evaluate the failed conditions only when asked."""

    item: Item
    status: str
    amount: AmountResult
    validity: Validity
    document: Document
    citation: str

    @property
    def title(self) -> str: ...

    @property
    def failed(self) -> list[str]: ...


def _status_text(status: str, amount: str) -> str:
    label = STATUS_LABELS.get(status, status or "未列出")
    return f"{label}（{amount}）" if amount and amount not in ("—",) and status in OPEN else label


def _why_not(new: NewMeasure) -> str:
    if new.status == NOT_IN_FORCE:
        return f"《{new.document.title}》{new.validity.detail}"
    if new.failed:
        return "不符合：" + "；".join(new.failed[:3])
    return STATUS_LABELS.get(new.status, new.status)


def compare(stored: dict[str, Any], new: MatchResult) -> list[MeasureChange]:
    """Changes from the stored result to the new one, most important first: gained, lost,
    amount, ending, ended."""
    return compare_saved(saved_measures(stored), new.results, new.as_of)


def compare_saved(
    old: dict[str, SavedMeasure], results: Sequence[NewMeasure], on: date
) -> list[MeasureChange]:
    """compare() from the saved measures to new results (in match()'s order) on a date."""
    changes: list[MeasureChange] = []
    seen: set[str] = set()
    for result in results:
        mid = result.item.id
        seen.add(mid)
        before = old.get(mid)
        was_open = before is not None and before.status in OPEN
        now_open = result.status in OPEN
        ending = _ends_soon(result, on) if now_open else ""
        kind = ""
        if now_open and not was_open:
            kind = GAINED
        elif was_open and not now_open:
            kind = ENDED if result.status == NOT_IN_FORCE and result.validity.period_ended else LOST
        elif was_open and now_open and before is not None and before.amount != result.amount.text:
            kind = AMOUNT
        if not kind and not ending:
            continue
        # read only now: for a quick result these are computed when asked
        common = (mid, result.title, result.document.title, result.citation)
        after_text = _status_text(result.status, result.amount.text)
        before_text = _status_text(before.status, before.amount) if before else ""
        if kind == GAINED:
            cause = "数据更新后新列入的措施" if before is None else f"此前为{before_text}"
            reason = f"现为{after_text}；{cause}"
        elif kind == AMOUNT:
            assert before is not None
            reason = f"金额由{before.amount or '未注明'}变为{result.amount.text}"
        else:
            reason = _why_not(result) if kind else ""
        if kind:
            changes.append(MeasureChange(kind, *common, before_text, after_text, reason))
        if ending:
            changes.append(MeasureChange(ENDING, *common, before_text, after_text, ending))
    for mid, before in old.items():
        if mid in seen or before.status not in OPEN:
            continue
        changes.append(
            MeasureChange(
                LOST,
                mid,
                before.title,
                before.document_title,
                before.citation,
                _status_text(before.status, before.amount),
                "未列出",
                "该措施已不在本机政策库中（文件被删除、替换，或措施已不适用于企业所在地区）",
            )
        )
    order = {GAINED: 0, LOST: 1, ENDED: 2, AMOUNT: 3, ENDING: 4}
    changes.sort(key=lambda c: order[c.kind])
    return changes


def _ends_soon(result: NewMeasure, on: date) -> str:
    end = result.validity.valid_to
    if not end:
        return ""
    try:
        days = (date.fromisoformat(end) - on).days
    except ValueError:
        return ""
    if 0 <= days <= max(SOON_DAYS):
        window = next(d for d in SOON_DAYS if days <= d)
        derived = "（推定）" if result.validity.derived else ""
        return (
            f"《{result.document.title}》有效期至{end}{derived}，{window}天内到期（还有{days}天）"
        )
    return ""
