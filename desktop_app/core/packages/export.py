"""Export chosen imported documents, their accepted rules and (optionally) local guidance."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app import __version__
from desktop_app.core.library.store import PolicyLibrary, now_utc
from desktop_app.core.packages.container import (
    FORMAT,
    FORMAT_VERSION,
    PackageError,
    text_sha256,
    write_package,
)

DOC_JSON = ("evidence", "notes", "confirmed", "warnings")
ITEM_JSON = ("path", "departments", "source_notes")
# The documents columns a package carries (the rest is the receiving library's own).
DOC_LOCAL = ("id", "version", "measure_count", "item_count")
ITEM_LOCAL = ("document_id",)


def document_entry(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any]:
    """One document as a package carries it: {id, version, document, items, rules}."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    document = {k: v for k, v in dict(row).items() if k not in DOC_LOCAL}
    for key in DOC_JSON:
        document[key] = json.loads(document[key])
    items = []
    for r in conn.execute("SELECT * FROM items WHERE document_id = ? ORDER BY seq", (doc_id,)):
        item = {k: v for k, v in dict(r).items() if k not in ITEM_LOCAL}
        for key in ITEM_JSON:
            item[key] = json.loads(item[key])
        item["enterprise_facing"] = bool(item["enterprise_facing"])
        items.append(item)
    rules = []
    for r in conn.execute(
        "SELECT rules.* FROM rules JOIN items ON items.id = rules.item_id "
        "WHERE items.document_id = ? ORDER BY items.seq",
        (doc_id,),
    ):
        rule = {**dict(r), "rules": json.loads(r["rules"]), "unreviewed": bool(r["unreviewed"])}
        rules.append(rule)
    return {
        "id": doc_id,
        "version": row["version"],
        "document": document,
        "items": items,
        "rules": rules,
    }


def guidance_rows(conn: sqlite3.Connection, measure_ids: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for measure_id in measure_ids:
        r = conn.execute("SELECT * FROM guidance WHERE measure_id = ?", (measure_id,)).fetchone()
        if r is not None:
            rows.append(
                {
                    **dict(r),
                    "materials": json.loads(r["materials"]),
                    "year_round": bool(r["year_round"]),
                }
            )
    return rows


def export_package(
    library: PolicyLibrary,
    document_ids: Sequence[str],
    output: Path,
    *,
    include_guidance: bool = True,
    office: str | None = None,
) -> dict[str, Any]:
    """Write the package; returns its manifest."""
    known = {d.id for d in library.documents()}
    if not document_ids:
        raise PackageError("请至少选择一份自行导入的文件。")
    unknown = [d for d in document_ids if d not in known]
    if unknown:
        listed = "、".join(sorted(known)) or "（尚无自行导入的文件）"
        raise PackageError(
            f"没有编号为“{'、'.join(unknown)}”的自行导入文件（程序自带的文件不能导出）。"
            f"现有：{listed}"
        )
    ordered = list(dict.fromkeys(document_ids))
    entries = [document_entry(library.conn, d) for d in ordered]
    guidance: list[dict[str, Any]] = []
    if include_guidance:
        guidance = guidance_rows(library.conn, [i["id"] for e in entries for i in e["items"]])
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": now_utc(),
        "app_version": __version__,
        "office": (office or "").strip() or None,
        "counts": {
            "documents": len(entries),
            "items": sum(len(e["items"]) for e in entries),
            "rules": sum(len(e["rules"]) for e in entries),
            "guidance": len(guidance),
        },
        "documents": [
            {
                "id": e["id"],
                "title": e["document"]["title"],
                "doc_number": e["document"]["doc_number"],
                "version": e["version"],
                "source_sha256": e["document"]["source_sha256"],
                "text_sha256": text_sha256(e["document"]["source_text"]),
                "items": len(e["items"]),
                "rules": len(e["rules"]),
            }
            for e in entries
        ],
    }
    write_package(output, manifest, {"documents": entries, "guidance": guidance})
    return manifest
