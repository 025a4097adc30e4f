"""Two user data folders for package tests: an exporting office with an imported, structured
document, and a receiving one. Every library is a real SQLite file in a temporary home."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from desktop_app.core.library.store import PolicyLibrary
from tests.library_helpers import import_file, write_source

# 每户最高20万元 for 小微企业: a rule the build-db validator accepts for item （一）
LOAN_RULE: dict[str, Any] = {
    "summary": "加大贴息支持",
    "conditions": [{"test": "size_in", "sizes": ["small", "micro"], "quote": "小微企业"}],
    "benefits": [
        {
            "label": "贷款贴息",
            "kind": "interest_subsidy",
            "quote": "每户最高20万元",
            "amount": {"type": "up_to", "value": 20, "unit": "万元"},
        }
    ],
}
TABLES = ("documents", "items", "rules", "guidance", "document_versions")


def library_at(home: Path) -> PolicyLibrary:
    return PolicyLibrary.open(home / "library.sqlite")


def structured_library(home: Path, sources: Path, rule: dict[str, Any] | None = None) -> str:
    """A library in `home` with the stand-in document and rules for its first measure; returns
    the document id."""
    sources.mkdir(parents=True, exist_ok=True)
    library = library_at(home)
    try:
        stored = import_file(library, write_source(sources))
        doc_id = stored.document.id
        item_id = f"{doc_id}-2"  # seq 1 is the preamble
        library.conn.execute("UPDATE items SET enterprise_facing = 1 WHERE id = ?", (item_id,))
        library.conn.commit()
        library.set_rules(
            item_id, rule or LOAN_RULE, structured_by="县工信局张三", amount_text="最高20万元"
        )
        library.set_guidance(
            item_id, updated_by="县工信局张三", office="县政务服务中心3号窗口", phone="0435-1234567"
        )
        return doc_id
    finally:
        library.close()


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the library's content tables, for exact before/after comparisons."""
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}
    finally:
        conn.close()


def rewrite_entry(package: Path, name: str, change: Any) -> None:
    """Rewrite one entry of a package (keeping a valid zip) — a tampered file."""
    import zipfile

    with zipfile.ZipFile(package) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    entries[name] = change(entries[name])
    with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for entry, body in entries.items():
            zf.writestr(entry, body)


def edit_json(body: bytes, edit: Any) -> bytes:
    data = json.loads(body)
    edit(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
