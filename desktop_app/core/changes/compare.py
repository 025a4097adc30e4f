"""What changed for one enterprise between its last saved evaluation and a new one: measures
it newly qualifies or may qualify for, those it no longer does, amounts that changed, and
measures that end soon or have ended (变化提醒).

The old side is the stored result as saved (a dict, any format this program wrote: only the
measure id, status, amount text, title, citation and validity are read, so a stored result
never has to be rebuilt); the new side is a typed MatchResult.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from desktop_app.core.eligibility.results import (
    ELIGIBLE,
    NOT_IN_FORCE,
    POSSIBLE,
    STATUS_LABELS,
    MatchResult,
    MeasureResult,
)

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


@dataclass(frozen=True)
class _Old:
    status: str
    amount: str
    title: str
    document_title: str
    citation: str


def _old_measures(stored: dict[str, Any]) -> dict[str, _Old]:
    out: dict[str, _Old] = {}
    for row in stored.get("results") or []:
        if not isinstance(row, dict) or not isinstance(row.get("measure_id"), str):
            continue
        amount: dict[str, Any] = row["amount"] if isinstance(row.get("amount"), dict) else {}
        out[row["measure_id"]] = _Old(
            status=str(row.get("status") or ""),
            amount=str(amount.get("text") or ""),
            title=str(row.get("title") or row.get("summary") or row["measure_id"]),
            document_title=str(row.get("document_title") or ""),
            citation=str(row.get("citation") or ""),
        )
    return out


def _status_text(status: str, amount: str) -> str:
    label = STATUS_LABELS.get(status, status or "未列出")
    return f"{label}（{amount}）" if amount and amount not in ("—",) and status in OPEN else label


def _why_not(new: MeasureResult) -> str:
    if new.status == NOT_IN_FORCE:
        return f"《{new.document.title}》{new.validity.detail}"
    if new.failed:
        return "不符合：" + "；".join(new.failed[:3])
    return STATUS_LABELS.get(new.status, new.status)


def compare(stored: dict[str, Any], new: MatchResult) -> list[MeasureChange]:
    """Changes from the stored result to the new one, most important first: gained, lost,
    amount, ending, ended."""
    old = _old_measures(stored)
    changes: list[MeasureChange] = []
    seen: set[str] = set()
    for result in new.results:
        mid = result.item.id
        seen.add(mid)
        before = old.get(mid)
        was_open = before is not None and before.status in OPEN
        now_open = result.status in OPEN
        after_text = _status_text(result.status, result.amount.text)
        before_text = _status_text(before.status, before.amount) if before else ""
        common = (mid, result.title, result.document.title, result.citation)
        if now_open and not was_open:
            cause = "数据更新后新列入的措施" if before is None else f"此前为{before_text}"
            changes.append(
                MeasureChange(
                    GAINED, *common, before_text, after_text, f"现为{after_text}；{cause}"
                )
            )
        elif was_open and not now_open:
            assert before is not None
            kind = ENDED if result.status == NOT_IN_FORCE and result.validity.period_ended else LOST
            changes.append(MeasureChange(kind, *common, before_text, after_text, _why_not(result)))
        elif was_open and now_open and before is not None and before.amount != result.amount.text:
            changes.append(
                MeasureChange(
                    AMOUNT,
                    *common,
                    before_text,
                    after_text,
                    f"金额由{before.amount or '未注明'}变为{result.amount.text}",
                )
            )
        if now_open:
            ending = _ends_soon(result, new.as_of)
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


def _ends_soon(result: MeasureResult, on: date) -> str:
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
