"""Whether a document's measures are in force on a date, from its stated metadata only."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from desktop_app.core.model import Document

IN_FORCE = "in_force"
EXPIRED = "expired"
NOT_YET = "not_yet"
DRAFT = "draft"
UNKNOWN = "unknown"

LABELS = {
    IN_FORCE: "有效",
    EXPIRED: "已失效",
    NOT_YET: "尚未生效",
    DRAFT: "征求意见稿",
    UNKNOWN: "未注明",
}


@dataclass(frozen=True)
class Validity:
    state: str
    label: str  # the badge text
    detail: str  # one sentence a reader can check against the document
    as_of: str

    @property
    def applicable(self) -> bool:
        """False only when the document says it is not (or not yet) in force."""
        return self.state in (IN_FORCE, UNKNOWN)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _period(doc: Document) -> str:
    start = doc.valid_from or "未注明"
    end = doc.valid_to or "未注明"
    return f"有效期{start}至{end}"


def validity_on(doc: Document, on: date) -> Validity:
    """A draft is never in force; otherwise the stated period decides, and no period is unknown."""
    as_of = on.isoformat()
    if doc.status == "征求意见稿":
        period = f"，文中所载{_period(doc)}" if doc.valid_from or doc.valid_to else ""
        return Validity(DRAFT, LABELS[DRAFT], f"本文件为征求意见稿，未正式生效{period}。", as_of)
    start = date.fromisoformat(doc.valid_from) if doc.valid_from else None
    end = date.fromisoformat(doc.valid_to) if doc.valid_to else None
    if start is None and end is None:
        return Validity(
            UNKNOWN, LABELS[UNKNOWN], "文件未注明有效期，请向主管部门确认是否仍在执行。", as_of
        )
    if start is not None and on < start:
        return Validity(NOT_YET, LABELS[NOT_YET], f"{_period(doc)}，{as_of}尚未生效。", as_of)
    if end is not None and on > end:
        return Validity(EXPIRED, LABELS[EXPIRED], f"{_period(doc)}，{as_of}已过期。", as_of)
    return Validity(IN_FORCE, LABELS[IN_FORCE], f"{_period(doc)}。", as_of)
