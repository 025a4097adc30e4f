"""What a saved enterprise and a saved evaluation are once read, and how a row becomes one:
the repository (profiles.py) and the salvage of a damaged file (salvage.py) read rows the same
way, from an sqlite3.Row or from a dict of salvaged values."""

from __future__ import annotations

import json
import unicodedata
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop_app.core.eligibility.profile import Profile


def now_iso() -> str:
    """UTC with microseconds: sortable as text, and two saves in one second still differ."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def search_key(text: str) -> str:
    """Full-width and half-width, upper and lower case compare equal (ＡＢＣ公司 = abc公司)."""
    return unicodedata.normalize("NFKC", text).casefold()


def new_id() -> str:
    return str(uuid.uuid4())


def pack_result(result: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(result, ensure_ascii=False).encode("utf-8"), 6)


def unpack_result(blob: bytes) -> dict[str, Any]:
    data = json.loads(zlib.decompress(blob).decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("evaluation result is not an object")
    return data


@dataclass(frozen=True)
class EnterpriseRecord:
    id: str
    name: str
    profile: dict[str, Any]  # Profile.to_dict()
    created: str
    updated: str
    notes: str = ""
    evaluation_count: int = 0

    def to_profile(self) -> Profile:
        return Profile.from_dict(self.profile)


@dataclass(frozen=True)
class EvaluationRecord:
    id: str
    enterprise_id: str
    created: str
    as_of: str
    data_version: str
    counts: dict[str, int]
    total_text: str
    result: dict[str, Any] | None = field(default=None, repr=False)  # only from get_evaluation
    data_label: str = ""  # what the data contained (core.data_label); "" if saved before

    @property
    def data_version_text(self) -> str:
        from desktop_app.core.data_label import shown_version

        return shown_version(self.data_label, self.data_version)

    @property
    def summary(self) -> str:
        c = self.counts
        outside = (
            f"，文件不在有效期内 {c['not_in_force']} 项（仅供参考）"
            if c.get("not_in_force")
            else ""
        )
        return (
            f"符合 {c.get('eligible', 0)} 项，可能符合 {c.get('possible', 0)} 项，"
            f"不符合 {c.get('ineligible', 0)} 项{outside}；可计算金额合计 {self.total_text}"
        )


def _copied(row: Any, columns: tuple[str, ...]) -> dict[str, Any]:
    """The columns that a record holds exactly as stored, by name."""
    return {column: row[column] for column in columns}


def enterprise_record(row: Any, profile: dict[str, Any], evaluation_count: int) -> EnterpriseRecord:
    notes = row["notes"] if isinstance(row["notes"], str) else ""
    return EnterpriseRecord(
        **_copied(row, ("id", "name", "created", "updated")),
        profile=profile,
        notes=notes,
        evaluation_count=evaluation_count,
    )


COUNT_COLUMNS = ("eligible", "possible", "ineligible", "not_in_force")


def evaluation_record(row: Any, result: dict[str, Any] | None) -> EvaluationRecord:
    """An evaluations row (an sqlite3.Row, or a dict a salvage read) as a record; a row saved
    before not_in_force existed counts 0 there, as it showed."""
    return EvaluationRecord(
        **_copied(row, ("id", "enterprise_id", "created", "as_of", "data_version", "total_text")),
        counts={key: int(row[key] or 0) for key in COUNT_COLUMNS},
        result=result,
        data_label=_label(row),
    )


def _label(row: Any) -> str:
    """The data_label column (user database version 4), "" for a row or a salvage without it."""
    try:
        label = row["data_label"]
    except (IndexError, KeyError):  # sqlite3.Row / dict without the column
        return ""
    return label if isinstance(label, str) else ""
