"""What 变化提醒 reads of a saved evaluation, kept beside it in compact form (the `measures`
column, user database version 4): for every measure its status and amount text, and how the
evaluation named it. Comparing against this instead of the whole stored result saves decoding
about 100 kB of JSON per enterprise.

Written with each evaluation saved; evaluations saved before version 4 have none (NULL) and
are read from the whole result once, then back-filled (core.changes.reevaluate)."""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass
from typing import Any

PACK_VERSION = 1


@dataclass(frozen=True)
class SavedMeasure:
    status: str
    amount: str  # the amount's text as shown, "" when none
    title: str
    document_title: str
    citation: str


def saved_measures(stored: dict[str, Any]) -> dict[str, SavedMeasure]:
    """Per measure id, what a stored result (MatchResult.to_dict(), any format this program
    wrote) said; rows without a measure id are skipped."""
    out: dict[str, SavedMeasure] = {}
    for row in stored.get("results") or []:
        if not isinstance(row, dict) or not isinstance(row.get("measure_id"), str):
            continue
        amount: dict[str, Any] = row["amount"] if isinstance(row.get("amount"), dict) else {}
        out[row["measure_id"]] = SavedMeasure(
            status=str(row.get("status") or ""),
            amount=str(amount.get("text") or ""),
            title=str(row.get("title") or row.get("summary") or row["measure_id"]),
            document_title=str(row.get("document_title") or ""),
            citation=str(row.get("citation") or ""),
        )
    return out


def pack_measures(measures: dict[str, SavedMeasure]) -> str:
    rows = [[mid, *astuple(m)] for mid, m in measures.items()]
    return json.dumps({"v": PACK_VERSION, "m": rows}, ensure_ascii=False, separators=(",", ":"))


def unpack_measures(text: str | None) -> dict[str, SavedMeasure] | None:
    """The packed summary, or None when absent or not readable (then the whole stored result
    is read instead)."""
    if not text:
        return None
    try:
        data = json.loads(text)
        if data.get("v") != PACK_VERSION:
            return None
        return {str(row[0]): SavedMeasure(*(str(v) for v in row[1:6])) for row in data["m"]}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def shown_label(stored: dict[str, Any]) -> str:
    """The stored result's data version label (text of at most 200 characters, else "")."""
    label = stored.get("data_version_label")
    if not isinstance(label, str) or not label.isprintable():
        return ""
    return label[:200]
