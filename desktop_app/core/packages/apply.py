"""Applying a package in one transaction, and undoing the last one exactly.

Before writing, the rows the import will touch (the matched documents with their items and
rules, their archived versions, the guidance of every measure it writes) are saved as JSON in
``library_meta`` under ``package_undo`` — in the same transaction, so an import and its undo
record never part. Undo deletes what the import created and puts those rows back, then
rewrites the search index. The document counter is not rolled back: an id is never reused
(an evaluation saved in between may name it).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from desktop_app.core.library.schema import ID_PREFIX
from desktop_app.core.library.store import NewDocument, PolicyLibrary, now_utc
from desktop_app.core.packages.container import PackageError
from desktop_app.core.packages.plan import KEPT, NEW, NEW_VERSION, UNCHANGED, DocumentPlan, remap
from desktop_app.core.userdata.user_db import transaction

UNDO_KEY = "package_undo"
_ITEM_KEYS = ("kind", "article", "locator", "path", "title", "text", "departments",
              "departments_text", "source_notes", "enterprise_facing", "category")  # fmt: skip


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params)]


def _snapshot(conn: sqlite3.Connection, doc_ids: list[str], measures: list[str]) -> dict[str, Any]:
    marks = ",".join("?" * len(doc_ids))
    mmarks = ",".join("?" * len(measures))
    ids, mids = tuple(doc_ids), tuple(measures)
    return {
        "documents": _rows(conn, f"SELECT * FROM documents WHERE id IN ({marks})", ids),
        "items": _rows(conn, f"SELECT * FROM items WHERE document_id IN ({marks})", ids),
        "rules": _rows(
            conn,
            "SELECT rules.* FROM rules JOIN items ON items.id = rules.item_id "
            f"WHERE items.document_id IN ({marks})",
            ids,
        ),
        "document_versions": _rows(
            conn, f"SELECT * FROM document_versions WHERE document_id IN ({marks})", ids
        ),
        "guidance": _rows(conn, f"SELECT * FROM guidance WHERE measure_id IN ({mmarks})", mids),
    }


def _insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        cols = list(row)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            tuple(row.values()),
        )


def _new_document(entry: dict[str, Any]) -> NewDocument:
    document = {**entry["document"], "imported": now_utc()}
    items = [{k: i[k] for k in _ITEM_KEYS} for i in entry["items"]]
    return NewDocument(document, items)


def _write_rules(conn: sqlite3.Connection, entry: dict[str, Any], doc_id: str, office: str) -> None:
    seq_of = {i["id"]: i["seq"] for i in entry["items"]}
    conn.execute(
        "DELETE FROM rules WHERE item_id IN (SELECT id FROM items WHERE document_id = ?)", (doc_id,)
    )
    for item in entry["items"]:  # structuring decides what is for enterprises
        conn.execute(
            "UPDATE items SET enterprise_facing = ?, category = ? WHERE id = ?",
            (int(item["enterprise_facing"]), item["category"], f"{doc_id}-{item['seq']}"),
        )
    for rule in entry["rules"]:
        conn.execute(
            "INSERT INTO rules (item_id, rules, amount_text, structured_by, structured_at, "
            "unreviewed) VALUES (?,?,?,?,?,?)",
            (
                f"{doc_id}-{seq_of[rule['item_id']]}",
                json.dumps(remap(rule["rules"], entry["id"], doc_id), ensure_ascii=False),
                rule["amount_text"],
                _by(rule["structured_by"], office),
                rule["structured_at"],
                int(rule["unreviewed"]),
            ),
        )


def _by(who: str, office: str) -> str:
    return who if who.startswith("package:") else f"package:{office}:{who}"


def apply_plans(
    library: PolicyLibrary,
    plans: list[DocumentPlan],
    guidance: list[dict[str, Any]],
    *,
    office: str | None,
    source: str,
) -> dict[str, str]:
    """Write the package; returns {package document id: library document id}."""
    conn = library.conn
    office = office or "未注明单位"
    writes = [p for p in plans if p.action not in (UNCHANGED, KEPT)]
    touched = [p.local_id for p in writes if p.local_id]
    ids: dict[str, str] = {p.entry["id"]: p.local_id for p in plans if p.local_id}
    with transaction(conn):
        marks = ",".join("?" * len(touched))
        local_measures = [
            r["id"]
            for r in conn.execute(
                f"SELECT id FROM items WHERE document_id IN ({marks})", tuple(touched)
            )
        ]
        undo: dict[str, Any] = {
            "source": source,
            "imported": now_utc(),
            "created": [],
            "touched": touched,
            "snapshot": _snapshot(conn, touched, local_measures),
        }
        for plan in writes:
            if plan.action == NEW:
                number = int(library._meta("next_document"))
                doc_id = f"{ID_PREFIX}{number:04d}"
                library._set_meta("next_document", str(number + 1))
                library._insert(doc_id, 1, _new_document(plan.entry))
                undo["created"].append(doc_id)
                ids[plan.entry["id"]] = doc_id
            elif plan.how == NEW_VERSION:
                row = conn.execute(
                    "SELECT * FROM documents WHERE id = ?", (plan.local_id,)
                ).fetchone()
                library._archive(row)
                library._insert(row["id"], int(row["version"]) + 1, _new_document(plan.entry))
            _write_rules(conn, plan.entry, ids[plan.entry["id"]], office)
        # guidance only for the documents this import adds or renews, never a kept one
        written = {p.entry["id"] for p in writes}
        targets = []
        for row in guidance:
            package_doc = row["measure_id"].rsplit("-", 1)[0]
            if package_doc not in written:
                continue
            target = ids[package_doc] + row["measure_id"][len(package_doc) :]
            targets.append(target)
            conn.execute("DELETE FROM guidance WHERE measure_id = ?", (target,))
            stored = {**row, "measure_id": target, "year_round": int(row["year_round"])}
            stored["materials"] = json.dumps(row["materials"], ensure_ascii=False)
            _insert_rows(conn, "guidance", [stored])
        undo["measures"] = targets
        conn.execute(
            "INSERT INTO library_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
            "SET value = excluded.value",
            (UNDO_KEY, json.dumps(undo, ensure_ascii=False)),
        )
        library._reindex()
    library._cache = None
    return ids


def last_import(library: PolicyLibrary) -> dict[str, Any] | None:
    row = library.conn.execute(
        "SELECT value FROM library_meta WHERE key = ?", (UNDO_KEY,)
    ).fetchone()
    return None if row is None else dict(json.loads(row["value"]))


def undo_last_import(library: PolicyLibrary) -> dict[str, Any]:
    """Remove what the last package import added and put back what it replaced."""
    undo = last_import(library)
    if undo is None:
        raise PackageError("没有可以撤销的政策包导入（每次只能撤销最近一次，且只能撤销一次）。")
    conn = library.conn
    snap = undo["snapshot"]
    gone = list(undo["created"]) + list(undo["touched"])
    with transaction(conn):
        for doc_id in gone:  # items and rules go with it (ON DELETE CASCADE)
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            conn.execute("DELETE FROM document_versions WHERE document_id = ?", (doc_id,))
        for measure_id in {g["measure_id"] for g in snap["guidance"]} | set(undo["measures"]):
            conn.execute("DELETE FROM guidance WHERE measure_id = ?", (measure_id,))
        for table in ("documents", "items", "rules", "document_versions", "guidance"):
            _insert_rows(conn, table, snap[table])
        conn.execute("DELETE FROM library_meta WHERE key = ?", (UNDO_KEY,))
        library._reindex()
    library._cache = None
    return {
        "source": undo["source"],
        "imported": undo["imported"],
        "removed": undo["created"],
        "restored": undo["touched"],
    }
