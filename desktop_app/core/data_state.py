"""What the policy data holds on a date, as the start page and the about box tell it: how many
documents, how many in force, ended, draft…, how many imported, and when the data last changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.core import validity
from desktop_app.core.model import Document

# the badge says 未注明 beside a document; in a count it needs its noun
_LABELS = {validity.UNKNOWN: "未注明有效期"}


@dataclass(frozen=True)
class DataState:
    """The policy data's state on a date, as the start page shows it."""

    on: date
    documents: int
    by_state: list[tuple[str, str, int]]  # (validity state, its label, documents), none empty
    imported: int
    last_import: str | None  # YYYY-MM-DD of the newest imported document
    bundled_date: str | None  # YYYY-MM-DD the bundled data was built

    def sentence(self) -> str:
        parts = [f"{label} {n} 份" for _, label, n in self.by_state]
        text = f"共 {self.documents} 份政策文件（{self.on.isoformat()}）：" + "，".join(parts)
        if self.imported:
            text += f"；其中自行导入 {self.imported} 份，最近一次导入 {self.last_import}"
        return text + "。"


def data_state(
    documents: Sequence[Document], on: date, bundled_date: str | None = None
) -> DataState:
    states = Counter(validity.validity_on(doc, on).state for doc in documents)
    # the order validity.LABELS gives (有效 first), then any state it does not name
    order = [s for s in validity.LABELS if s in states] + sorted(set(states) - set(validity.LABELS))
    by_state = [(s, _LABELS.get(s) or validity.LABELS.get(s, s), states[s]) for s in order]
    imported = [d for d in documents if d.is_imported]
    stamps = sorted((d.imported or "")[:10] for d in imported if d.imported)
    return DataState(
        on=on,
        documents=len(documents),
        by_state=by_state,
        imported=len(imported),
        last_import=stamps[-1] if stamps else None,
        bundled_date=bundled_date,
    )
