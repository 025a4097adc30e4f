"""The data version as people see it: what the policy data contains — the bundled data's date
(db/data_release.yaml, meta.data_date) and the documents imported into the user's library,
with the date of the latest — rather than the digest, which stays as a short code in small
print for a support person (data_version)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from desktop_app.core.model import Document


def data_version_label(data_date: date | None, documents: Iterable[Document]) -> str:
    """e.g. 政策数据 2026-12-01 · 自行导入 2 份（最近 2026-12-02）."""
    label = f"政策数据 {data_date.isoformat()}" if data_date is not None else "程序内置政策数据"
    imported = [d for d in documents if d.is_imported]
    if imported:
        latest = max((d.imported or "")[:10] for d in imported)
        when = f"（最近 {latest}）" if latest else ""
        label += f" · 自行导入 {len(imported)} 份{when}"
    return label


def shown_version(label: str, code: str) -> str:
    """What a person reads for a result: its label, or for one saved before labels existed,
    the data code."""
    if label:
        return label
    return f"数据代码 {code}" if code else "未注明"
